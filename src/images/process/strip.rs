//! WebP and GIF published whole keep their own format, their frames and their image data byte
//! for byte (animation and lossy quality survive): only the blocks that hold metadata are
//! dropped, by a walk over the file's structure. Pure: bytes in, bytes out.
//!
//! Both walks keep a short list of known image blocks and drop everything else, so a block
//! the walk does not know (where a camera or editor could put a position) is never published.

/// The WebP `bytes` without its `EXIF`, `XMP ` and `ICCP` chunks (or any chunk that is not
/// image data), the matching `VP8X` flags cleared and the RIFF size fixed. `Err` when the
/// file is not a well-formed RIFF WebP.
pub(super) fn webp(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if bytes.len() < 12 || &bytes[..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return Err("不是 RIFF WebP 文件".to_string());
    }
    let riff_len = usize::try_from(le32(&bytes[4..8])).unwrap_or(usize::MAX);
    // Bytes after the RIFF chunk are not part of the image: they are dropped too.
    let end = riff_len.saturating_add(8).min(bytes.len());
    let mut body = Vec::with_capacity(end);
    let mut has_image = false;
    for (fourcc, payload) in riff_chunks(&bytes[12..end])? {
        match fourcc {
            b"VP8X" => {
                let mut header = payload.to_vec();
                if let Some(flags) = header.first_mut() {
                    *flags &= !(VP8X_ICC | VP8X_EXIF | VP8X_XMP);
                }
                push_chunk(&mut body, fourcc, &header);
            }
            b"ANMF" => {
                push_chunk(&mut body, fourcc, &anmf(payload)?);
                has_image = true;
            }
            b"VP8 " | b"VP8L" => {
                push_chunk(&mut body, fourcc, payload);
                has_image = true;
            }
            b"ALPH" | b"ANIM" => push_chunk(&mut body, fourcc, payload),
            _ => {}
        }
    }
    if !has_image {
        return Err("WebP 文件里没有图像数据".to_string());
    }
    let size = u32::try_from(body.len() + 4).map_err(|_| "WebP 文件太大".to_string())?;
    let mut out = Vec::with_capacity(body.len() + 12);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend(body);
    Ok(out)
}

const VP8X_ICC: u8 = 0x20;
const VP8X_EXIF: u8 = 0x08;
const VP8X_XMP: u8 = 0x04;

/// An animation frame: its 16-byte header (position, size, duration, flags), then only its
/// image chunks (`ALPH`, `VP8 `, `VP8L`).
fn anmf(payload: &[u8]) -> Result<Vec<u8>, String> {
    if payload.len() < 16 {
        return Err("WebP 动画帧不完整".to_string());
    }
    let mut frame = payload[..16].to_vec();
    for (fourcc, data) in riff_chunks(&payload[16..])? {
        if matches!(fourcc, b"ALPH" | b"VP8 " | b"VP8L") {
            push_chunk(&mut frame, fourcc, data);
        }
    }
    Ok(frame)
}

/// A RIFF chunk: its FourCC and its payload (without the padding byte).
type Chunk<'a> = (&'a [u8; 4], &'a [u8]);

/// The chunks of a RIFF body: FourCC, then a little-endian size, then the payload, padded
/// to an even length.
fn riff_chunks(mut rest: &[u8]) -> Result<Vec<Chunk<'_>>, String> {
    let mut chunks = Vec::new();
    while !rest.is_empty() {
        let (Some(fourcc), Some(size)) = (rest.first_chunk::<4>(), rest.get(4..8)) else {
            return Err("WebP 文件结构不完整".to_string());
        };
        let size = usize::try_from(le32(size)).unwrap_or(usize::MAX);
        let payload = rest
            .get(8..8usize.saturating_add(size))
            .ok_or_else(|| "WebP 文件结构不完整".to_string())?;
        chunks.push((fourcc, payload));
        let next = (8 + size + size % 2).min(rest.len());
        rest = &rest[next..];
    }
    Ok(chunks)
}

fn push_chunk(out: &mut Vec<u8>, fourcc: &[u8; 4], payload: &[u8]) {
    let size = u32::try_from(payload.len()).expect("a chunk read from a RIFF file fits its size");
    out.extend_from_slice(fourcc);
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(payload);
    if payload.len() % 2 == 1 {
        out.push(0);
    }
}

fn le32(bytes: &[u8]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

/// The GIF `bytes` with every frame, colour table and graphic control kept as they are, and
/// without comment extensions or application extensions other than the loop block
/// (`NETSCAPE2.0`, `ANIMEXTS1.0`); XMP is an application extension. `Err` when the file is
/// not a well-formed GIF.
pub(super) fn gif(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if bytes.len() < 13 || !(bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a")) {
        return Err("不是 GIF 文件".to_string());
    }
    let screen_end = 13 + color_table_len(bytes[10]);
    let mut out = bytes.get(..screen_end).ok_or_else(truncated)?.to_vec();
    let mut at = screen_end;
    loop {
        match bytes.get(at) {
            // A file cut off between blocks still shows; it gets its trailer back.
            None | Some(0x3B) => break,
            Some(0x2C) => {
                let end = image_end(bytes, at)?;
                out.extend_from_slice(&bytes[at..end]);
                at = end;
            }
            Some(0x21) => {
                let label = *bytes.get(at + 1).ok_or_else(truncated)?;
                let end = sub_blocks_end(bytes, at + 2)?;
                if keeps_extension(label, &bytes[at + 2..end]) {
                    out.extend_from_slice(&bytes[at..end]);
                }
                at = end;
            }
            Some(other) => return Err(format!("GIF 文件里有无法识别的数据块（0x{other:02X}）")),
        }
    }
    out.push(0x3B);
    Ok(out)
}

/// Graphic control (frame timing, transparency) and plain text (drawn on the image) are
/// part of the picture; of the application extensions, only the loop count is.
fn keeps_extension(label: u8, sub_blocks: &[u8]) -> bool {
    match label {
        0xF9 | 0x01 => true,
        0xFF => matches!(
            sub_blocks.get(..12),
            Some(b"\x0BNETSCAPE2.0" | b"\x0BANIMEXTS1.0")
        ),
        _ => false,
    }
}

/// The end of the image that starts at `at` (its separator): descriptor, local colour
/// table, LZW code size, data sub-blocks.
fn image_end(bytes: &[u8], at: usize) -> Result<usize, String> {
    let packed = *bytes.get(at + 9).ok_or_else(truncated)?;
    let data = at + 10 + color_table_len(packed) + 1;
    sub_blocks_end(bytes, data)
}

/// The size of the colour table that a packed field announces (its top bit set).
fn color_table_len(packed: u8) -> usize {
    if packed & 0x80 == 0 {
        0
    } else {
        3 << ((packed & 0x07) + 1)
    }
}

/// The end of the sub-blocks starting at `at`: each a length byte and that many bytes, the
/// last of length 0.
fn sub_blocks_end(bytes: &[u8], mut at: usize) -> Result<usize, String> {
    loop {
        let len = usize::from(*bytes.get(at).ok_or_else(truncated)?);
        at += 1 + len;
        if len == 0 {
            return Ok(at);
        }
        if at > bytes.len() {
            return Err(truncated());
        }
    }
}

fn truncated() -> String {
    "GIF 文件不完整".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(fourcc: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        push_chunk(&mut out, fourcc, payload);
        out
    }

    fn riff(chunks: &[Vec<u8>]) -> Vec<u8> {
        let body: Vec<u8> = chunks.concat();
        let mut out = b"RIFF".to_vec();
        out.extend(u32::try_from(body.len() + 4).unwrap().to_le_bytes());
        out.extend(b"WEBP");
        out.extend(body);
        out
    }

    #[test]
    fn webp_loses_its_metadata_chunks_and_flags_only() {
        let vp8x = chunk(b"VP8X", &[0x2C | 0x02, 0, 0, 0, 9, 0, 0, 9, 0, 0]);
        let frame = [
            vec![0u8; 16],
            chunk(b"VP8L", b"pixels!"),
            chunk(b"XYZW", b"GPS"),
        ]
        .concat();
        let source = riff(&[
            vp8x,
            chunk(b"ICCP", b"profile"),
            chunk(b"ANIM", &[0; 6]),
            chunk(b"ANMF", &frame),
            chunk(b"EXIF", b"MM\0*GPS 31N"),
            chunk(b"XMP ", b"<x:xmpmeta/>"),
        ]);
        let stripped = webp(&source).unwrap();
        let expected = riff(&[
            chunk(b"VP8X", &[0x02, 0, 0, 0, 9, 0, 0, 9, 0, 0]),
            chunk(b"ANIM", &[0; 6]),
            chunk(
                b"ANMF",
                &[vec![0u8; 16], chunk(b"VP8L", b"pixels!")].concat(),
            ),
        ]);
        assert_eq!(stripped, expected);
        // Stripping twice changes nothing.
        assert_eq!(webp(&stripped).unwrap(), stripped);
    }

    #[test]
    fn broken_webp_and_gif_are_errors() {
        assert!(webp(b"RIFF\x10\0\0\0WEBPVP8L\xff\0\0\0ab").is_err());
        assert!(webp(&riff(&[chunk(b"EXIF", b"x")])).is_err(), "no image");
        assert!(
            gif(b"GIF89a\x01\0\x01\0\x80\0\0").is_err(),
            "colour table cut off"
        );
        assert!(gif(b"GIF89a\x01\0\x01\0\0\0\0\x99").is_err());
    }

    #[test]
    fn gif_keeps_frames_and_loop_but_not_comments_or_xmp() {
        let header = b"GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff".to_vec();
        let netscape = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\0\0\0".to_vec();
        let xmp = b"\x21\xff\x0bXMP DataXMP\x05GPS31\0".to_vec();
        let comment = b"\x21\xfe\x04GPS!\0".to_vec();
        let control = b"\x21\xf9\x04\0\x0a\0\0\0".to_vec();
        let frame = b"\x2c\0\0\0\0\x01\0\x01\0\0\x02\x02\x44\x01\0".to_vec();
        let source = [
            header.clone(),
            netscape.clone(),
            comment,
            control.clone(),
            frame.clone(),
            xmp,
            control.clone(),
            frame.clone(),
            b"\x3b".to_vec(),
        ]
        .concat();
        let expected = [
            header,
            netscape,
            control.clone(),
            frame.clone(),
            control,
            frame,
            b"\x3b".to_vec(),
        ]
        .concat();
        assert_eq!(gif(&source).unwrap(), expected);
        // Cut off after a frame: still every frame, and a trailer.
        assert_eq!(gif(&source[..source.len() - 1]).unwrap(), expected);
    }
}
