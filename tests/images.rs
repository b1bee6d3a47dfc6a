//! Photos end to end: a phone-like JPEG (EXIF orientation 6, GPS, XMP, ICC, comment) is probed,
//! planned and processed into upright renditions that carry no metadata, then cached.
#![allow(clippy::unwrap_used)] // Helpers outside #[test] fns: a panic is the failure report.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

mod support;

use image::{DynamicImage, GenericImageView, Rgba, RgbaImage};
use support::photo::{
    GPS_MARKER, STORED_H, STORED_W, animated_gif_with_metadata, assert_no_metadata, contains,
    gif_frames, jpeg_markers, phone_jpeg, riff_chunks, sensor_pixels, webp_with_metadata,
};
use tongwen::config::ImageSettings;
use tongwen::error::Error;
use tongwen::images::{self, ImageJob, OutputFormat, Rendition, SourceFormat};
use tongwen::output::{OutputBody, OutputSet};

fn settings() -> ImageSettings {
    ImageSettings {
        widths: vec![100, 200, 1600],
        quality: 82,
    }
}

fn job(path: &Path, rel: &str, stem: &str, want_og: bool) -> ImageJob {
    let info = images::probe(path).unwrap();
    images::plan_image(&info, stem, &settings(), want_og).job(path.to_path_buf(), rel)
}

fn no_progress(_: usize, _: usize) {}

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        Site {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join(".tongwen-cache/images")
    }
}

#[test]
fn fixture_really_carries_the_metadata() {
    let bytes = phone_jpeg();
    assert_eq!(
        jpeg_markers(&bytes)[..5],
        [0xE0, 0xE1, 0xE1, 0xE2, 0xFE],
        "APP0, EXIF, XMP, ICC, COM"
    );
    assert!(contains(&bytes, b"Exif\0\0"));
    assert!(contains(&bytes, b"http://ns.adobe.com/xap"));
}

#[test]
fn probe_reads_orientation_size_and_hash() {
    let site = Site::new();
    let path = site.write("photo.jpg", &phone_jpeg());
    let info = images::probe(&path).unwrap();
    assert_eq!(info.format, SourceFormat::Jpeg);
    assert_eq!((info.width, info.height), (STORED_W, STORED_H));
    assert_eq!(info.orientation, 6);
    assert_eq!(info.display_size(), (STORED_H, STORED_W));
    assert_eq!(info.bytes, std::fs::metadata(&path).unwrap().len());
    assert_eq!(info.hash.len(), 64);
    assert!(!info.has_alpha);

    let again = site.write("copy.jpg", &phone_jpeg());
    assert_eq!(images::probe(&again).unwrap().hash, info.hash);
}

#[test]
fn plan_never_upscales_the_upright_photo() {
    let site = Site::new();
    let path = site.write("photo.jpg", &phone_jpeg());
    let plan = images::plan_image(
        &images::probe(&path).unwrap(),
        "stories/a/photo",
        &settings(),
        false,
    );
    let sizes: Vec<_> = plan
        .renditions
        .iter()
        .map(|r| (r.width, r.height))
        .collect();
    assert_eq!(sizes, [(100, 160), (200, 320), (400, 640)]);
    assert!(plan.renditions.iter().all(|r| r.width <= 400));
}

#[test]
fn processed_photo_is_upright_stripped_and_in_every_width() {
    let site = Site::new();
    let path = site.write("photo.jpg", &phone_jpeg());
    let job = job(
        &path,
        "content/stories/a/photo.jpg",
        "stories/a/photo",
        true,
    );
    let report = images::process(std::slice::from_ref(&job), &site.cache(), &no_progress).unwrap();

    let paths: Vec<&str> = report.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "stories/a/photo-100.jpg",
            "stories/a/photo-200.jpg",
            "stories/a/photo-400.jpg",
        ],
        "og:image is the 400 rendition: the photo is narrower than 1200"
    );
    assert_eq!((report.processed, report.reused, report.decoded), (3, 0, 1));

    for r in &job.renditions {
        let bytes = std::fs::read(&report.files[&r.output_path]).unwrap();
        assert_no_metadata(&bytes, &r.output_path);
        let header: Vec<u8> = jpeg_markers(&bytes)
            .into_iter()
            .filter(|m| (0xE0..=0xEF).contains(m) || *m == 0xFE)
            .collect();
        assert_eq!(header, [0xE0], "only the JFIF APP0 in {}", r.output_path);

        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!(
            decoded.dimensions(),
            (r.width, r.height),
            "{}",
            r.output_path
        );
        assert!(r.height > r.width, "upright: portrait");
        // Orientation 6: the stored top-left corner is seen at the top right.
        let (w, h) = (r.width, r.height);
        assert_red(&decoded, w * 9 / 10, h / 10, true, &r.output_path);
        assert_red(&decoded, w / 10, h / 10, false, &r.output_path);
        assert_red(&decoded, w * 9 / 10, h * 9 / 10, false, &r.output_path);
    }
}

fn assert_red(image: &DynamicImage, x: u32, y: u32, red: bool, what: &str) {
    let Rgba([r, g, b, _]) = image.get_pixel(x, y);
    let is_red = r > 180 && g < 80 && b < 80;
    assert_eq!(is_red, red, "{what} at ({x}, {y}) is ({r}, {g}, {b})");
}

#[test]
fn second_run_reuses_everything_and_decodes_nothing() {
    let site = Site::new();
    let path = site.write("photo.jpg", &phone_jpeg());
    let jobs = [job(&path, "content/a/photo.jpg", "a/photo", true)];
    let first = images::process(&jobs, &site.cache(), &no_progress).unwrap();
    let bytes: Vec<Vec<u8>> = first
        .files
        .values()
        .map(|p| std::fs::read(p).unwrap())
        .collect();

    let calls = Mutex::new(Vec::new());
    let second = images::process(&jobs, &site.cache(), &|done, total| {
        calls.lock().unwrap().push((done, total))
    })
    .unwrap();
    assert_eq!((second.processed, second.reused, second.decoded), (0, 3, 0));
    assert_eq!(second.files, first.files);
    let again: Vec<Vec<u8>> = second
        .files
        .values()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert_eq!(again, bytes);
    assert_eq!(*calls.lock().unwrap(), [(1, 1)]);
}

#[test]
fn changed_quality_remakes_jpegs() {
    let site = Site::new();
    let path = site.write("photo.jpg", &phone_jpeg());
    let mut jobs = [job(&path, "content/a/photo.jpg", "a/photo", false)];
    images::process(&jobs, &site.cache(), &no_progress).unwrap();
    jobs[0].quality = 60;
    let report = images::process(&jobs, &site.cache(), &no_progress).unwrap();
    assert_eq!((report.processed, report.reused, report.decoded), (3, 0, 1));
}

#[test]
fn same_photo_on_two_pages_is_decoded_once() {
    let site = Site::new();
    let a = site.write("a.jpg", &phone_jpeg());
    let b = site.write("b.jpg", &phone_jpeg());
    let jobs = [
        job(&a, "content/a.jpg", "stories/a/a", false),
        job(&b, "content/b.jpg", "stories/b/b", true),
    ];
    let report = images::process(&jobs, &site.cache(), &no_progress).unwrap();
    assert_eq!((report.processed, report.decoded), (3, 1));
    assert_eq!(report.files.len(), 6);
    assert_eq!(
        report.files["stories/a/a-200.jpg"],
        report.files["stories/b/b-200.jpg"]
    );

    let mut output = OutputSet::default();
    report.insert_into(&mut output);
    assert_eq!(output.files.len(), 6);
    assert_eq!(
        output.files["stories/b/b-200.jpg"],
        OutputBody::Copy(report.files["stories/b/b-200.jpg"].clone())
    );
}

#[test]
fn same_photo_at_two_qualities_is_encoded_at_each() {
    let site = Site::new();
    let a = site.write("a.jpg", &phone_jpeg());
    let mut low = job(&a, "content/a.jpg", "low/a", false);
    low.quality = 30;
    let jobs = [job(&a, "content/a.jpg", "high/a", false), low];
    let report = images::process(&jobs, &site.cache(), &no_progress).unwrap();
    assert_eq!((report.processed, report.decoded), (6, 1));
    let size = |p: &str| std::fs::metadata(&report.files[p]).unwrap().len();
    assert!(size("low/a-400.jpg") < size("high/a-400.jpg"));
}

#[test]
fn unreadable_file_errors_naming_it() {
    let site = Site::new();
    let path = site.write("broken.jpg", b"this is not a photo at all");
    match images::probe(&path) {
        Err(Error::Image { path, message }) => {
            assert!(path.ends_with("broken.jpg"), "{path}");
            assert!(message.contains("无法识别"), "{message}");
        }
        other => panic!("expected an image error, got {other:?}"),
    }
    let missing = site.dir.path().join("missing.jpg");
    assert!(matches!(images::probe(&missing), Err(Error::Io { path, .. }) if path == missing));
}

#[test]
fn corrupt_pixels_error_naming_the_image_and_every_error_is_kept() {
    let site = Site::new();
    let mut png = Vec::new();
    DynamicImage::ImageRgb8(sensor_pixels())
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png.truncate(png.len() / 2);
    let one = site.write("one.png", &png);
    png.truncate(png.len() / 2);
    let two = site.write("two.png", &png);
    let jobs = [
        job(&one, "content/one.png", "one", false),
        job(&two, "content/two.png", "two", false),
    ];
    let errors = images::process(&jobs, &site.cache(), &no_progress).unwrap_err();
    let mut named: Vec<String> = errors
        .iter()
        .map(|e| match e {
            Error::Image { path, .. } => path.clone(),
            other => panic!("expected an image error, got {other:?}"),
        })
        .collect();
    named.sort();
    assert_eq!(named, ["content/one.png", "content/two.png"]);
    let text = errors[0].to_string();
    assert!(text.contains("PNG 文件已损坏或不完整"), "{text}");
}

#[test]
fn png_stays_png_keeps_transparency_and_loses_text_chunks() {
    let site = Site::new();
    let mut png = Vec::new();
    let pixels = RgbaImage::from_fn(300, 150, |x, _| {
        if x < 150 {
            Rgba([0, 200, 0, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    DynamicImage::ImageRgba8(pixels)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let png = with_png_chunk(&png, b"tEXt", b"Comment\0GPS 31.2403N");
    assert!(contains(&png, b"tEXt"));
    let path = site.write("logo.png", &png);

    let job = job(&path, "static/logo.png", "logo", false);
    assert!(job.info.has_alpha);
    let report = images::process(std::slice::from_ref(&job), &site.cache(), &no_progress).unwrap();
    let paths: Vec<&str> = report.files.keys().map(String::as_str).collect();
    assert_eq!(paths, ["logo-100.png", "logo-200.png", "logo-300.png"]);
    for r in &job.renditions {
        assert_eq!(r.format, OutputFormat::Png);
        let bytes = std::fs::read(&report.files[&r.output_path]).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert!(!contains(&bytes, b"tEXt") && !contains(&bytes, b"GPS"));
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!(decoded.dimensions(), (r.width, r.height));
        assert_eq!(decoded.get_pixel(2, 2), Rgba([0, 200, 0, 255]));
        assert_eq!(
            decoded.get_pixel(r.width - 2, 2).0[3],
            0,
            "still transparent"
        );
    }
}

/// Inserts a chunk right after IHDR.
fn with_png_chunk(png: &[u8], kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let ihdr_end = 8 + 4 + 4 + 13 + 4;
    let mut chunk = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend(data);
    chunk.extend(&body);
    chunk.extend(crc32(&body).to_be_bytes());
    let mut out = png[..ihdr_end].to_vec();
    out.extend(chunk);
    out.extend(&png[ihdr_end..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn webp_becomes_jpeg_and_gif_becomes_png() {
    let site = Site::new();
    let photo = DynamicImage::ImageRgb8(sensor_pixels());
    let mut webp = Vec::new();
    photo
        .write_to(
            &mut std::io::Cursor::new(&mut webp),
            image::ImageFormat::WebP,
        )
        .unwrap();
    let mut gif = Vec::new();
    photo
        .write_to(&mut std::io::Cursor::new(&mut gif), image::ImageFormat::Gif)
        .unwrap();
    let jobs = [
        job(&site.write("a.webp", &webp), "a.webp", "a", false),
        job(&site.write("b.gif", &gif), "b.gif", "b", false),
    ];
    assert_eq!(jobs[0].info.format, SourceFormat::Webp);
    assert_eq!(jobs[1].info.format, SourceFormat::Gif);

    let seen = Mutex::new(Vec::new());
    let report = images::process(&jobs, &site.cache(), &|done, total| {
        seen.lock().unwrap().push((done, total))
    })
    .unwrap();
    let mut seen = seen.into_inner().unwrap();
    seen.sort();
    assert_eq!(seen, [(1, 2), (2, 2)]);

    let paths: Vec<&str> = report.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "a-100.jpg",
            "a-200.jpg",
            "a-640.jpg",
            "b-100.png",
            "b-200.png",
            "b-640.png"
        ]
    );
    let jpeg = std::fs::read(&report.files["a-640.jpg"]).unwrap();
    assert_eq!(
        image::guess_format(&jpeg).unwrap(),
        image::ImageFormat::Jpeg
    );
    let png = std::fs::read(&report.files["b-640.png"]).unwrap();
    assert_eq!(image::guess_format(&png).unwrap(), image::ImageFormat::Png);
    let decoded = image::load_from_memory(&png).unwrap();
    assert_eq!(decoded.dimensions(), (STORED_W, STORED_H));
    assert_red(&decoded, 10, 10, true, "b-640.png");
}

/// `job` plus the photo itself at its own path, as the build publishes a photo under static/.
fn whole_job(path: &Path, rel: &str, stem: &str, published: &str) -> ImageJob {
    let mut job = job(path, rel, stem, false);
    let (width, height) = job.info.display_size();
    job.renditions.push(Rendition {
        output_path: published.to_string(),
        width,
        height,
        format: OutputFormat::for_whole(&job.info),
    });
    job
}

#[test]
fn webp_to_turn_upright_becomes_a_lossless_webp_turned_without_metadata() {
    let site = Site::new();
    let (webp, _) = webp_with_metadata(6);
    let path = site.write("turned.webp", &webp);
    let job = whole_job(&path, "static/turned.webp", "turned", "turned.webp");
    assert_eq!(job.info.orientation, 6, "the EXIF chunk is read");
    let report = images::process(std::slice::from_ref(&job), &site.cache(), &no_progress).unwrap();
    assert_eq!(report.decoded, 1);

    let out = std::fs::read(&report.files["turned.webp"]).unwrap();
    assert_no_metadata(&out, "turned.webp");
    let names: Vec<String> = riff_chunks(&out)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names, ["VP8L"]);
    let decoded = image::load_from_memory_with_format(&out, image::ImageFormat::WebP).unwrap();
    assert_eq!(decoded.dimensions(), (STORED_H, STORED_W), "upright");
    // Lossless: exactly the stored pixels, turned a quarter clockwise.
    let turned = DynamicImage::ImageRgb8(image::imageops::rotate90(&sensor_pixels()));
    assert_eq!(decoded.to_rgb8(), turned.to_rgb8());
    // Its resized renditions stay JPEG files named .jpg.
    assert!(
        report
            .files
            .keys()
            .filter(|p| *p != "turned.webp")
            .all(|p| p.ends_with(".jpg"))
    );
}

#[test]
fn gif_published_whole_is_not_decoded_and_keeps_every_frame() {
    let site = Site::new();
    let (plain, gif) = animated_gif_with_metadata(4);
    assert!(contains(&gif, GPS_MARKER.as_bytes()));
    let path = site.write("wave.gif", &gif);
    let mut job = whole_job(&path, "static/wave.gif", "wave", "wave.gif");
    job.renditions.retain(|r| r.output_path == "wave.gif");
    let report = images::process(std::slice::from_ref(&job), &site.cache(), &no_progress).unwrap();
    let cached = &report.files["wave.gif"];
    assert!(cached.to_string_lossy().ends_with(".gif"), "{cached:?}");
    let out = std::fs::read(cached).unwrap();
    assert_no_metadata(&out, "wave.gif");
    assert_eq!(gif_frames(&out), 4);
    assert_eq!(out, plain);
}
