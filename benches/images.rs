//! Photo processing speed: 50 synthetic 12-megapixel phone photos (4000×3000 JPEG with
//! structure and noise) into 480/960/1600, cold (empty cache) then warm (everything cached).
//! Then the same photos as a site of one story each, built cold and warm as `tongwen build`
//! does. `cargo bench --bench images`; `TONGWEN_BENCH_PHOTOS=N` changes the count,
//! `TONGWEN_BENCH_SITE=0` skips the site builds.
#![allow(clippy::print_stdout)] // A benchmark reports on stdout.

use std::path::Path;
use std::time::{Duration, Instant};

use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, RgbImage};
use rayon::prelude::*;
use tongwen::commands;
use tongwen::config::ImageSettings;
use tongwen::images::{self, ImageJob};
use tongwen::output;
use tongwen::pipeline::{self, BuildOptions, Engines};
use tongwen::source;

const WIDTH: u32 = 4000;
const HEIGHT: u32 = 3000;

fn main() {
    let count: usize = std::env::var("TONGWEN_BENCH_PHOTOS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(50);
    let dir = tempfile::tempdir().expect("temp dir");
    let photos = dir.path().join("photos");
    let cache = dir.path().join("cache");
    std::fs::create_dir_all(&photos).expect("photos dir");

    let started = Instant::now();
    let total_bytes: u64 = (0..count)
        .into_par_iter()
        .map(|i| write_photo(&photos, i))
        .sum();
    println!(
        "generated {count} photos of {WIDTH}×{HEIGHT} ({:.1} MB on average) in {:.1} s",
        total_bytes as f64 / count as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    let settings = ImageSettings {
        widths: vec![480, 960, 1600],
        quality: 82,
    };
    let (jobs, probe_time) = timed(|| plan_jobs(&photos, count, &settings));
    println!(
        "probe + plan (reads and hashes every file): {}",
        secs(probe_time)
    );

    let (cold, cold_time) = timed(|| images::process(&jobs, &cache, &|_, _| {}));
    let cold = cold.expect("cold run");
    assert_eq!((cold.processed, cold.decoded), (count * 3, count));
    let (warm, warm_time) = timed(|| images::process(&jobs, &cache, &|_, _| {}));
    let warm = warm.expect("warm run");
    assert_eq!((warm.processed, warm.reused), (0, count * 3));

    let threads = rayon::current_num_threads();
    println!(
        "cold: {} ({:.0} ms per photo, {threads} threads)",
        secs(cold_time),
        cold_time.as_secs_f64() * 1000.0 / count as f64
    );
    println!("warm: {}", secs(warm_time));
    let ratio = warm_time.as_secs_f64() / cold_time.as_secs_f64();
    println!("warm / cold: {:.3}%", ratio * 100.0);
    let warm_build = warm_time + probe_time;
    println!(
        "warm incl. probe: {} ({:.2}% of cold incl. probe)",
        secs(warm_build),
        warm_build.as_secs_f64() / (cold_time + probe_time).as_secs_f64() * 100.0
    );
    assert!(
        ratio < 0.05,
        "the warm run must take under 5% of the cold run"
    );

    if std::env::var("TONGWEN_BENCH_SITE").as_deref() != Ok("0") {
        site_builds(dir.path(), &photos, count);
    }
}

/// The same photos as a site, one story each, built the way `tongwen build` does (read and
/// probe, pipeline, photos through the site's cache, atomic write): cold, then warm.
fn site_builds(dir: &Path, photos: &Path, count: usize) {
    let root = dir.join("site");
    std::fs::create_dir_all(&root).expect("site dir");
    std::fs::write(
        root.join("site.yaml"),
        "title: 基准站点\nbase_url: https://example.org/\nimages: { widths: [480, 960, 1600], quality: 82 }\n",
    )
    .expect("site.yaml");
    for i in 0..count {
        let story = root.join(format!("content/stories/s{i:02}"));
        std::fs::create_dir_all(&story).expect("story dir");
        let text = format!(
            "---\ntitle: 第{i}个故事\ndate: 2024-04-01\ncommunity: 长欣公寓社区\n---\n\n居民在楼道里议事。\n\n![楼道议事](photo.jpg)\n"
        );
        std::fs::write(story.join("index.md"), text).expect("story");
        let from = photos.join(format!("photo-{i:02}.jpg"));
        if std::fs::hard_link(&from, story.join("photo.jpg")).is_err() {
            std::fs::copy(&from, story.join("photo.jpg")).expect("copy photo");
        }
    }
    let out = dir.join("public");
    let build = || {
        let input = source::read_site(&root).expect("read site");
        let options = BuildOptions {
            now: jiff::Timestamp::now(),
            drafts: false,
            scheduled: false,
            base_url: None,
            search_index: true,
            first: Vec::new(),
        };
        let staging = output::Staging::create(&out).expect("staging folder");
        let built =
            pipeline::build(&input, &options, &Engines::default(), &staging).expect("build");
        let report = commands::process_photos(&built.images, &input.root).expect("photos");
        report.put_into(&staging);
        staging.commit().expect("write");
        report
    };
    let (cold, cold_time) = timed(build);
    assert_eq!(cold.decoded, count);
    let (warm, warm_time) = timed(build);
    assert_eq!((warm.decoded, warm.processed), (0, 0));
    println!(
        "site build (read, probe, pages, photos, write): cold {}, warm {} ({:.2}% of cold)",
        secs(cold_time),
        secs(warm_time),
        warm_time.as_secs_f64() / cold_time.as_secs_f64() * 100.0
    );
}

fn plan_jobs(dir: &Path, count: usize, settings: &ImageSettings) -> Vec<ImageJob> {
    (0..count)
        .into_par_iter()
        .map(|i| {
            let path = dir.join(format!("photo-{i:02}.jpg"));
            let info = images::probe(&path).expect("probe");
            let stem = format!("stories/s{i:02}/photo");
            images::plan_image(&info, &stem, settings, false).job(path, format!("photo-{i:02}.jpg"))
        })
        .collect()
}

/// Writes photo `i`: soft gradients and shapes (the scene) plus sensor noise, at quality 92
/// like a phone; returns its size in bytes.
fn write_photo(dir: &Path, i: usize) -> u64 {
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64 ^ (i as u64 + 1);
    let fi = i as f32;
    let pixels = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let noise = (seed % 17) as f32 - 8.0;
        let (fx, fy) = (x as f32 / WIDTH as f32, y as f32 / HEIGHT as f32);
        let wave = ((fx * 37.0 + fi).sin() * (fy * 23.0).cos()) * 40.0;
        let sky = if fy < 0.4 { 60.0 } else { 0.0 };
        let block = if ((x / 250 + y / 180) as usize + i).is_multiple_of(5) {
            50.0
        } else {
            0.0
        };
        let channel = |base: f32| (base + wave + noise + sky + block).clamp(0.0, 255.0) as u8;
        image::Rgb([
            channel(90.0 + 80.0 * fx),
            channel(110.0 + 60.0 * fy),
            channel(140.0 - 50.0 * fx),
        ])
    });
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, 92)
        .write_image(
            pixels.as_raw(),
            WIDTH,
            HEIGHT,
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode photo");
    std::fs::write(dir.join(format!("photo-{i:02}.jpg")), &bytes).expect("write photo");
    bytes.len() as u64
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = f();
    (value, started.elapsed())
}

fn secs(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{:.1} ms", d.as_secs_f64() * 1000.0)
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}
