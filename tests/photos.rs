//! Photos through `tongwen build` and `check`: a phone JPEG (EXIF orientation 6, GPS, XMP,
//! ICC, comment) beside a story and under static/ is published upright, in every width and
//! without metadata; the page gets `srcset` and `og:image`; bad references fail at their line.

#![allow(clippy::unwrap_used)] // Helpers outside #[test] fns: a panic is the failure report.

mod support;

use std::collections::BTreeSet;

use image::GenericImageView;
use support::SiteTest;
use support::photo::{
    GPS_MARKER, animated_gif_with_metadata, assert_no_metadata, contains, gif_frames, jpeg_markers,
    phone_jpeg, riff_chunks, sensor_pixels, webp_with_metadata,
};

const STORY: &str = "content/stories/dangyuan/index.md";

/// The image is on line 10 of the file, the cover on line 5.
const STORY_TEXT: &str = "---
title: 党员中心户的一天
date: 2024-04-01
community: 长欣公寓社区
cover: photo.jpg
---

社区在每个“红网格”里推选一户党员中心户。

![长欣社区的党员中心户](photo.jpg)
";

/// The bilingual fixture with photos 100 and 200 pixels wide (and at most the original's
/// 400, upright), and a story with a phone photo beside it as its cover and in its text.
fn photo_site() -> SiteTest {
    let site = SiteTest::fixture("bilingual");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!("{yaml}images: {{ widths: [100, 200, 1600], quality: 80 }}\n"),
    );
    site.write(STORY, STORY_TEXT);
    site.write("content/stories/dangyuan/photo.jpg", phone_jpeg());
    site
}

fn built(site: &SiteTest) -> support::Run {
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    run
}

fn read_bytes(site: &SiteTest, path: &str) -> Vec<u8> {
    std::fs::read(site.out().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Asserts the published JPEG is upright (portrait, as the phone was held), `width` wide,
/// and carries no metadata block at all.
fn assert_upright_and_clean(site: &SiteTest, path: &str, width: u32) {
    let bytes = read_bytes(site, path);
    assert_no_metadata(&bytes, path);
    let app: Vec<u8> = jpeg_markers(&bytes)
        .into_iter()
        .filter(|m| (0xE0..=0xEF).contains(m) || *m == 0xFE)
        .collect();
    assert_eq!(app, [0xE0], "only the JFIF header in {path}");
    let (w, h) = image::load_from_memory(&bytes).unwrap().dimensions();
    assert_eq!((w, h), (width, width * 8 / 5), "{path} is upright");
}

#[test]
fn photo_beside_a_story_is_published_upright_stripped_in_every_width() {
    let site = photo_site();
    let run = built(&site);
    assert!(
        run.stdout.contains("图片 1 张（新处理 1 张）"),
        "{}",
        run.stdout
    );
    for (width, name) in [
        (100, "photo-100.jpg"),
        (200, "photo-200.jpg"),
        (400, "photo-400.jpg"),
    ] {
        assert_upright_and_clean(&site, &format!("stories/dangyuan/{name}"), width);
    }
    let paths = site.paths();
    assert!(
        !paths.iter().any(|p| p.ends_with("/photo.jpg")),
        "the original is never published when pages show its renditions: {paths:#?}"
    );
    assert!(
        !paths
            .iter()
            .any(|p| p.starts_with("zh-hant/stories/dangyuan/photo"))
    );
}

#[test]
fn page_img_has_srcset_sizes_and_alt_in_the_page_script() {
    let site = photo_site();
    built(&site);
    let srcset = "/changxin/stories/dangyuan/photo-100.jpg 100w, \
                  /changxin/stories/dangyuan/photo-200.jpg 200w, \
                  /changxin/stories/dangyuan/photo-400.jpg 400w";
    for (page, alt) in [
        ("stories/dangyuan/index.html", "长欣社区的党员中心户"),
        (
            "zh-hant/stories/dangyuan/index.html",
            "長欣社區的黨員中心戶",
        ),
    ] {
        let main = site.main_of(page);
        let img = main
            .split("<img ")
            .map(|rest| &rest[..rest.find('>').unwrap()])
            .find(|img| img.contains(&format!("alt=\"{alt}\"")))
            .unwrap_or_else(|| panic!("no <img alt=\"{alt}\"> in {page}:\n{main}"));
        for attr in [
            "src=\"/changxin/stories/dangyuan/photo-400.jpg\"".to_string(),
            format!("srcset=\"{srcset}\""),
            "sizes=\"(min-width: 46em) 43em, calc(100vw - 2rem)\"".to_string(),
            "width=\"400\"".to_string(),
            "height=\"640\"".to_string(),
            "loading=\"lazy\"".to_string(),
            "decoding=\"async\"".to_string(),
        ] {
            assert!(
                img.contains(&attr),
                "{attr} missing in <img {img}> of {page}"
            );
        }
        // The cover at the top of the page: decorative, same files.
        assert!(main.contains("<figure class=\"article-cover\"><img src=\"/changxin/stories/dangyuan/photo-400.jpg\""), "{main}");
    }
}

#[test]
fn cover_gives_an_absolute_og_image_and_card_pictures() {
    let site = photo_site();
    built(&site);
    for page in [
        "stories/dangyuan/index.html",
        "zh-hant/stories/dangyuan/index.html",
    ] {
        let html = site.read(page);
        for meta in [
            "<meta property=\"og:image\" content=\"https://example.org/changxin/stories/dangyuan/photo-400.jpg\">",
            "<meta property=\"og:image:width\" content=\"400\">",
            "<meta property=\"og:image:height\" content=\"640\">",
        ] {
            assert!(html.contains(meta), "{meta} missing in {page}");
        }
    }
    let list = site.main_of("stories/index.html");
    assert!(
        list.contains("<div class=\"card-media\"><img src=\"/changxin/stories/dangyuan/photo-400.jpg\" srcset="),
        "{list}"
    );
}

#[test]
fn second_build_makes_nothing_again() {
    let site = photo_site();
    built(&site);
    let first = read_bytes(&site, "stories/dangyuan/photo-200.jpg");
    let run = built(&site);
    assert!(
        run.stdout.contains("图片 1 张（新处理 0 张）"),
        "{}",
        run.stdout
    );
    assert_eq!(read_bytes(&site, "stories/dangyuan/photo-200.jpg"), first);
    assert!(site.root().join(".tongwen-cache/images").is_dir());
}

#[test]
fn missing_image_fails_at_its_markdown_line_and_keeps_the_output() {
    let site = photo_site();
    built(&site);
    let before = site.read("stories/dangyuan/index.html");
    site.write(STORY, STORY_TEXT.replace("](photo.jpg)", "](phot.jpg)"));
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/stories/dangyuan/index.md:10:1: 错误：找不到图片 `phot.jpg`（content/stories/dangyuan/phot.jpg 不存在）"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("stories/dangyuan/index.html"), before);
}

#[test]
fn missing_cover_fails_at_its_front_matter_line() {
    let site = photo_site();
    site.write(
        STORY,
        STORY_TEXT.replace("cover: photo.jpg", "cover: Photo.JPG"),
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/stories/dangyuan/index.md:5:8: 错误：找不到图片 `Photo.JPG`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("文件实际是 content/stories/dangyuan/photo.jpg"),
        "a hint about letter case: {}",
        run.stderr
    );
}

#[test]
fn static_photo_is_published_stripped_at_its_own_path() {
    let site = SiteTest::fixture("bilingual");
    site.write("static/images/banner.jpg", phone_jpeg());
    site.write("static/files/guide.txt", "社区指南");
    built(&site);
    assert_upright_and_clean(&site, "images/banner.jpg", 400);
    assert_eq!(site.read("files/guide.txt"), "社区指南");
}

#[test]
fn files_beside_a_page_are_published_and_linked_photos_whole() {
    let site = photo_site();
    site.write(
        STORY,
        format!("{STORY_TEXT}\n[查看原图](photo.jpg) · [报名表](files/form.pdf)\n"),
    );
    site.write("content/stories/dangyuan/files/form.pdf", "%PDF-1.4 form");
    site.write("content/stories/dangyuan/unused.jpg", phone_jpeg());
    built(&site);
    assert_eq!(
        read_bytes(&site, "stories/dangyuan/files/form.pdf"),
        b"%PDF-1.4 form"
    );
    assert_upright_and_clean(&site, "stories/dangyuan/photo.jpg", 400);
    assert_upright_and_clean(&site, "stories/dangyuan/unused.jpg", 400);
    let main = site.main_of("zh-hant/stories/dangyuan/index.html");
    assert!(
        main.contains("href=\"/changxin/stories/dangyuan/photo.jpg\""),
        "{main}"
    );
}

#[test]
fn corrupt_photo_fails_naming_it() {
    let site = SiteTest::fixture("bilingual");
    site.write("static/images/broken.jpg", "not a photo");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("static/images/broken.jpg: 错误：这张图片无法使用：无法识别的图片文件"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_warns_about_images_without_alt_text() {
    let site = photo_site();
    site.write(STORY, STORY_TEXT.replace("![长欣社区的党员中心户]", "![]"));
    let run = site.run(&["check", "--now", "2024-05-01T10:00+08:00"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/stories/dangyuan/index.md:10:1: 警告：图片 `photo.jpg` 没有说明文字"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("建议：在方括号里写一句说明"),
        "{}",
        run.stderr
    );
    let build = built(&site);
    assert!(
        !build.stderr.contains("没有说明文字"),
        "only check warns: {}",
        build.stderr
    );
}

#[test]
fn webp_and_gif_published_whole_keep_their_format_and_lose_their_metadata() {
    let site = SiteTest::fixture("bilingual");
    let (webp, image_chunk) = webp_with_metadata(1);
    let (plain_gif, gif) = animated_gif_with_metadata(3);
    assert!(contains(&webp, GPS_MARKER.as_bytes()) && contains(&gif, GPS_MARKER.as_bytes()));
    site.write("static/images/banner.webp", &webp);
    site.write("static/images/wave.gif", &gif);
    built(&site);

    let out = read_bytes(&site, "images/banner.webp");
    assert_no_metadata(&out, "banner.webp");
    let chunks = riff_chunks(&out);
    let names: Vec<&str> = chunks.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["VP8X", "VP8L"], "only the image is left");
    assert_eq!(chunks[0].1[0], 0, "no ICC, EXIF or XMP announced in VP8X");
    assert!(contains(&out, &image_chunk), "the image data byte for byte");
    let decoded = image::load_from_memory_with_format(&out, image::ImageFormat::WebP).unwrap();
    assert_eq!(decoded.to_rgb8(), sensor_pixels(), "lossless and as stored");

    let out = read_bytes(&site, "images/wave.gif");
    assert!(out.starts_with(b"GIF89a"), "still a GIF");
    assert_no_metadata(&out, "wave.gif");
    assert_eq!(gif_frames(&out), 3, "the animation survives");
    assert!(contains(&out, b"NETSCAPE2.0"), "and still loops");
    assert_eq!(out, plain_gif, "nothing but the two blocks is dropped");
}

fn cache_files(site: &SiteTest) -> BTreeSet<String> {
    std::fs::read_dir(site.root().join(".tongwen-cache/images"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect()
}

#[test]
fn build_prunes_the_cache_files_of_photos_no_longer_used() {
    let site = photo_site();
    built(&site);
    let story_files = cache_files(&site);
    assert_eq!(story_files.len(), 3, "{story_files:?}");

    site.write("static/images/banner.webp", webp_with_metadata(1).0);
    built(&site);
    let with_banner = cache_files(&site);
    let banner_files: BTreeSet<&String> = with_banner.difference(&story_files).collect();
    assert_eq!(banner_files.len(), 1, "{with_banner:?}");
    assert!(banner_files.iter().all(|name| name.ends_with(".webp")));
    assert!(with_banner.is_superset(&story_files));

    // Files that are not the cache's own are never touched.
    let foreign = ["notes.txt", "0123456789abcdef0123456789abcdef.jpg.4242.tmp"];
    for name in foreign {
        site.write(&format!(".tongwen-cache/images/{name}"), "x");
    }
    std::fs::remove_file(site.root().join("static/images/banner.webp")).unwrap();
    built(&site);
    let mut expected = story_files.clone();
    expected.extend(foreign.map(String::from));
    assert_eq!(cache_files(&site), expected);
    // The story's photo is still served from the cache.
    let run = built(&site);
    assert!(
        run.stdout.contains("图片 1 张（新处理 0 张）"),
        "{}",
        run.stdout
    );
}

#[test]
fn failed_build_leaves_the_cache_alone() {
    let site = photo_site();
    site.write("static/images/banner.webp", webp_with_metadata(1).0);
    built(&site);
    let before = cache_files(&site);
    assert_eq!(before.len(), 4, "{before:?}");

    // The banner is gone (its file would be pruned), but the story names a missing image.
    std::fs::remove_file(site.root().join("static/images/banner.webp")).unwrap();
    site.write(STORY, STORY_TEXT.replace("](photo.jpg)", "](phot.jpg)"));
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(cache_files(&site), before);

    // A photo whose header reads but whose pixels are cut off fails when the photos are
    // made, after the pages: still nothing pruned.
    site.write(STORY, STORY_TEXT);
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(sensor_pixels())
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png.truncate(png.len() / 2);
    site.write("static/images/cut.png", png);
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("1 张图片无法处理"), "{}", run.stderr);
    assert_eq!(cache_files(&site), before);
}
