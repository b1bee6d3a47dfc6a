//! A phone-like JPEG for tests: EXIF orientation 6 with GPS, XMP, an ICC profile and a
//! comment, a WebP and an animated GIF carrying the same kinds of blocks, and the byte
//! checks that prove none of it reached an output file.
#![allow(clippy::unwrap_used)]

use std::io::Cursor;

use image::codecs::gif::{GifDecoder, GifEncoder, Repeat};
use image::codecs::jpeg::JpegEncoder;
use image::{
    AnimationDecoder, Delay, DynamicImage, Frame, ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage,
};

/// Stored 640×400 (landscape on the sensor); seen 400×640 once turned by orientation 6.
pub const STORED_W: u32 = 640;
pub const STORED_H: u32 = 400;

pub const RED: Rgb<u8> = Rgb([230, 20, 20]);
pub const BLUE: Rgb<u8> = Rgb([20, 40, 220]);

/// A sensor image: blue, with a red block in its stored top-left quarter-by-quarter corner.
pub fn sensor_pixels() -> RgbImage {
    RgbImage::from_fn(STORED_W, STORED_H, |x, y| {
        if x < STORED_W / 4 && y < STORED_H / 4 {
            RED
        } else {
            // A little structure so the encoder has real work, still clearly blue.
            let n = ((x * 7 + y * 13) % 23) as u8;
            Rgb([BLUE.0[0] + n, BLUE.0[1] + n, BLUE.0[2]])
        }
    })
}

/// The JPEG a phone would write: JFIF, then EXIF (orientation 6 + GPS), XMP, ICC and a comment.
pub fn phone_jpeg() -> Vec<u8> {
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 92)
        .write_image(
            sensor_pixels().as_raw(),
            STORED_W,
            STORED_H,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    assert_eq!(&plain[..4], [0xFF, 0xD8, 0xFF, 0xE0], "SOI then JFIF APP0");
    let app0_end = 4 + usize::from(u16::from_be_bytes([plain[4], plain[5]]));
    let mut out = plain[..app0_end].to_vec();
    out.extend(segment(0xE1, &exif_with_orientation_and_gps(6)));
    out.extend(segment(0xE1, &xmp()));
    out.extend(segment(0xE2, &icc()));
    out.extend(segment(0xFE, "拍摄于居民家中".as_bytes()));
    out.extend(&plain[app0_end..]);
    out
}

pub fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let len = u16::try_from(payload.len() + 2).unwrap();
    let mut s = vec![0xFF, marker];
    s.extend(len.to_be_bytes());
    s.extend(payload);
    s
}

/// `Exif\0\0` + a big-endian TIFF: IFD0 { Orientation, GPSInfo → GPS IFD }, GPS IFD
/// { GPSLatitudeRef "N", GPSLatitude 31/1 14/1 2345/100 }.
pub fn exif_with_orientation_and_gps(orientation: u16) -> Vec<u8> {
    fn entry(out: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]) {
        out.extend(tag.to_be_bytes());
        out.extend(kind.to_be_bytes());
        out.extend(count.to_be_bytes());
        out.extend(value);
    }
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const ASCII: u16 = 2;
    const RATIONAL: u16 = 5;
    let ifd0_at = 8u32;
    let gps_at = ifd0_at + 2 + 2 * 12 + 4;
    let lat_at = gps_at + 2 + 2 * 12 + 4;

    let mut tiff = b"MM\0\x2A".to_vec();
    tiff.extend(ifd0_at.to_be_bytes());
    tiff.extend(2u16.to_be_bytes());
    let [o1, o2] = orientation.to_be_bytes();
    entry(&mut tiff, 0x0112, SHORT, 1, [o1, o2, 0, 0]);
    entry(&mut tiff, 0x8825, LONG, 1, gps_at.to_be_bytes());
    tiff.extend(0u32.to_be_bytes());
    assert_eq!(tiff.len() as u32, gps_at);
    tiff.extend(2u16.to_be_bytes());
    entry(&mut tiff, 0x0001, ASCII, 2, *b"N\0\0\0");
    entry(&mut tiff, 0x0002, RATIONAL, 3, lat_at.to_be_bytes());
    tiff.extend(0u32.to_be_bytes());
    assert_eq!(tiff.len() as u32, lat_at);
    for (num, den) in [(31u32, 1u32), (14, 1), (2345, 100)] {
        tiff.extend(num.to_be_bytes());
        tiff.extend(den.to_be_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    app1
}

pub fn xmp() -> Vec<u8> {
    let mut app1 = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    app1.extend(
        br#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="31,14.39N"/></rdf:RDF></x:xmpmeta>"#,
    );
    app1
}

pub fn icc() -> Vec<u8> {
    let mut app2 = b"ICC_PROFILE\0\x01\x01".to_vec();
    app2.extend([0u8; 128]);
    app2
}

/// The markers of a JPEG's header segments, up to the start of the scan.
pub fn jpeg_markers(bytes: &[u8]) -> Vec<u8> {
    assert_eq!(&bytes[..2], [0xFF, 0xD8], "a JPEG starts with SOI");
    let mut markers = Vec::new();
    let mut at = 2;
    while at + 4 <= bytes.len() {
        assert_eq!(bytes[at], 0xFF, "segment marker at {at}");
        let marker = bytes[at + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        at += 2 + usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
    }
    markers
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Asserts the file carries no metadata block, by structure and by content.
pub fn assert_no_metadata(bytes: &[u8], what: &str) {
    for needle in [
        &b"Exif\0\0"[..],
        b"http://ns.adobe.com/xap",
        b"ICC_PROFILE",
        "居民家中".as_bytes(),
        GPS_MARKER.as_bytes(),
        b"GPSLatitude",
        b"XMP DataXMP",
    ] {
        assert!(
            !contains(bytes, needle),
            "{what} contains {:?}",
            String::from_utf8_lossy(needle)
        );
    }
}

/// Planted in every metadata block of the WebP and GIF fixtures: found in no output file.
pub const GPS_MARKER: &str = "GPS 31.2397N 121.4998E";

/// A lossless WebP of `sensor_pixels` as an editor saves it: `VP8X` announcing an ICC
/// profile, EXIF (orientation `orientation`, GPS) and XMP, then those chunks around the
/// image. Also returns the image chunk (`VP8L`, header included), which must survive as is.
pub fn webp_with_metadata(orientation: u16) -> (Vec<u8>, Vec<u8>) {
    let mut plain = Vec::new();
    DynamicImage::ImageRgb8(sensor_pixels())
        .write_to(&mut Cursor::new(&mut plain), image::ImageFormat::WebP)
        .unwrap();
    let chunks = riff_chunks(&plain);
    assert_eq!(chunks.len(), 1, "a simple lossless WebP");
    let (fourcc, payload) = &chunks[0];
    assert_eq!(fourcc, "VP8L");
    let image_chunk = riff_chunk(b"VP8L", payload);

    let mut vp8x = vec![0x20 | 0x08 | 0x04, 0, 0, 0];
    vp8x.extend(&(STORED_W - 1).to_le_bytes()[..3]);
    vp8x.extend(&(STORED_H - 1).to_le_bytes()[..3]);
    // A WebP's EXIF chunk is the TIFF structure itself, without JPEG's `Exif\0\0`.
    let mut exif = exif_with_orientation_and_gps(orientation)[6..].to_vec();
    exif.extend(GPS_MARKER.as_bytes());
    let xmp = format!(
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description exif:GPSLatitude=\"{GPS_MARKER}\"/></rdf:RDF></x:xmpmeta>"
    );
    let body = [
        riff_chunk(b"VP8X", &vp8x),
        riff_chunk(b"ICCP", &icc()),
        image_chunk.clone(),
        riff_chunk(b"EXIF", &exif),
        riff_chunk(b"XMP ", xmp.as_bytes()),
    ]
    .concat();
    let mut webp = b"RIFF".to_vec();
    webp.extend(u32::try_from(body.len() + 4).unwrap().to_le_bytes());
    webp.extend(b"WEBP");
    webp.extend(body);
    (webp, image_chunk)
}

pub fn riff_chunk(fourcc: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut chunk = fourcc.to_vec();
    chunk.extend(u32::try_from(payload.len()).unwrap().to_le_bytes());
    chunk.extend(payload);
    if payload.len() % 2 == 1 {
        chunk.push(0);
    }
    chunk
}

/// The top-level chunks of a WebP file, checking the RIFF size on the way.
pub fn riff_chunks(webp: &[u8]) -> Vec<(String, Vec<u8>)> {
    assert_eq!(&webp[..4], b"RIFF");
    assert_eq!(&webp[8..12], b"WEBP");
    let riff_len = u32::from_le_bytes(webp[4..8].try_into().unwrap()) as usize;
    assert_eq!(riff_len + 8, webp.len(), "the RIFF size is the file's");
    let mut chunks = Vec::new();
    let mut at = 12;
    while at < webp.len() {
        let fourcc = String::from_utf8(webp[at..at + 4].to_vec()).unwrap();
        let len = u32::from_le_bytes(webp[at + 4..at + 8].try_into().unwrap()) as usize;
        chunks.push((fourcc, webp[at + 8..at + 8 + len].to_vec()));
        at += 8 + len + len % 2;
    }
    chunks
}

/// An animated GIF of `frames` frames (red, green, blue, ...), looping forever, as the
/// encoder writes it, and the same file with a comment and an XMP application extension
/// (each holding `GPS_MARKER`) after its screen descriptor.
pub fn animated_gif_with_metadata(frames: usize) -> (Vec<u8>, Vec<u8>) {
    let mut plain = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut plain);
        encoder.set_repeat(Repeat::Infinite).unwrap();
        for i in 0..frames {
            let colour = [[230, 20, 20, 255], [20, 200, 40, 255], [20, 40, 220, 255]][i % 3];
            let pixels = RgbaImage::from_pixel(32, 20, Rgba(colour));
            let delay = Delay::from_numer_denom_ms(100, 1);
            encoder
                .encode_frame(Frame::from_parts(pixels, 0, 0, delay))
                .unwrap();
        }
    }
    let packed = plain[10];
    let screen_end = 13
        + if packed & 0x80 == 0 {
            0
        } else {
            3 << ((packed & 7) + 1)
        };
    let mut comment = vec![0x21, 0xFE];
    comment.extend(sub_blocks(
        format!("拍摄于居民家中 {GPS_MARKER}").as_bytes(),
    ));
    let mut xmp = vec![0x21, 0xFF, 0x0B];
    xmp.extend(b"XMP DataXMP");
    xmp.extend(sub_blocks(
        format!("<x:xmpmeta><rdf:Description exif:GPSLatitude=\"{GPS_MARKER}\"/></x:xmpmeta>")
            .as_bytes(),
    ));
    let with_metadata = [&plain[..screen_end], &comment, &xmp, &plain[screen_end..]].concat();
    (plain, with_metadata)
}

fn sub_blocks(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for block in data.chunks(255) {
        out.push(u8::try_from(block.len()).unwrap());
        out.extend(block);
    }
    out.push(0);
    out
}

/// The number of frames a GIF decoder finds.
pub fn gif_frames(gif: &[u8]) -> usize {
    GifDecoder::new(Cursor::new(gif))
        .unwrap()
        .into_frames()
        .collect_frames()
        .unwrap()
        .len()
}
