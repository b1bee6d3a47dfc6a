//! The image stage inside `pipeline::build`, on a site held in memory: which files each
//! photo becomes, with probed facts made up for the test (nothing is read from disk).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::*;
use crate::images::{ImageInfo, SourceFormat};
use crate::source::{Asset, SourceFile};

fn text(path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: path.into(),
        text: text.into(),
        encoding: "UTF-8",
    }
}

fn asset(path: &str) -> Asset {
    Asset {
        path: path.into(),
        disk: PathBuf::from("/site").join(path),
    }
}

fn photo(width: u32, height: u32) -> ImageInfo {
    ImageInfo {
        format: SourceFormat::Jpeg,
        width,
        height,
        orientation: 6,
        has_alpha: false,
        bytes: 3_000_000,
        hash: format!("{width:064}"),
    }
}

const STORY: &str = "---\ntitle: 一\ndate: 2024-04-01\ncommunity: 长欣\ncover: photo.jpg\n---\n\n![图](photo.jpg)\n\n[原图](linked.jpg) [表](form.pdf)\n";

fn site() -> SiteInput {
    let static_photo = "static/images/banner.png".to_string();
    let mut banner = photo(800, 600);
    banner.format = SourceFormat::Png;
    banner.orientation = 1;
    SiteInput {
        root: PathBuf::from("/site"),
        config: Some(text(
            "site.yaml",
            "title: 长欣\nbase_url: https://example.org/cx/\nimages: { widths: [480, 960], quality: 80 }\n",
        )),
        content: vec![text("content/stories/a/index.md", STORY)],
        content_assets: ["photo.jpg", "linked.jpg", "unused.jpg", "form.pdf"]
            .map(|name| asset(&format!("content/stories/a/{name}")))
            .to_vec(),
        static_files: vec![asset("images/banner.png"), asset("robots-extra.txt")],
        images: BTreeMap::from([
            ("content/stories/a/photo.jpg".into(), Ok(photo(4000, 3000))),
            ("content/stories/a/linked.jpg".into(), Ok(photo(1000, 800))),
            ("content/stories/a/unused.jpg".into(), Ok(photo(640, 400))),
            (static_photo, Ok(banner)),
        ]),
        ..SiteInput::default()
    }
}

fn build_site(input: &SiteInput) -> Result<Built, Vec<Diagnostic>> {
    let options = BuildOptions {
        now: "2024-05-01T02:00:00Z".parse().expect("a timestamp"),
        drafts: false,
        scheduled: false,
        base_url: None,
        search_index: true,
        first: Vec::new(),
    };
    build_in_memory(input, &options, &Engines::default()).map(|(_, built)| built)
}

fn files_of(built: &Built) -> BTreeMap<&str, Vec<(&str, u32, u32)>> {
    built
        .images
        .iter()
        .map(|job| {
            let files = job
                .renditions
                .iter()
                .map(|r| (r.output_path.as_str(), r.width, r.height))
                .collect();
            (job.source_rel.as_str(), files)
        })
        .collect()
}

#[test]
fn every_photo_becomes_renditions_or_a_clean_copy_of_itself() {
    let built = build_site(&site()).expect("the site builds");
    let files = files_of(&built);
    assert_eq!(
        files["content/stories/a/photo.jpg"],
        [
            ("stories/a/photo-480.jpg", 480, 640),
            ("stories/a/photo-960.jpg", 960, 1280),
            ("stories/a/photo-1200.jpg", 1200, 1600),
        ],
        "shown and the cover: the srcset widths and og:image, upright; never the original"
    );
    assert_eq!(
        files["content/stories/a/linked.jpg"],
        [("stories/a/linked.jpg", 800, 1000)],
        "named by a plain link: published whole, re-encoded"
    );
    assert_eq!(
        files["content/stories/a/unused.jpg"],
        [("stories/a/unused.jpg", 400, 640)]
    );
    assert_eq!(
        files["static/images/banner.png"],
        [("images/banner.png", 800, 600)]
    );
    assert_eq!(built.summary.images, 4);
    let copied: Vec<&str> = built.paths.iter().map(String::as_str).collect();
    assert!(copied.contains(&"stories/a/form.pdf"));
    assert!(copied.contains(&"robots-extra.txt"));
    assert!(
        !copied
            .iter()
            // share.png is drawn by the build (chat previews), not a photo of the site.
            .any(|p| *p != "share.png" && (p.ends_with(".jpg") || p.ends_with(".png"))),
        "no photo is ever copied: {copied:?}"
    );
}

#[test]
fn missing_and_unreadable_photos_are_errors_at_their_place() {
    let mut input = site();
    input.content[0].text = STORY.replace("](photo.jpg)", "](照片.jpg)").into();
    input.images.insert(
        "content/stories/a/unused.jpg".into(),
        Err("文件已损坏".into()),
    );
    let errors = build_site(&input).expect_err("the build fails");
    let shown: Vec<String> = errors
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            format!(
                "{}:{}:{} {}",
                d.span.file, d.span.line, d.span.col, d.message
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            "content/stories/a/index.md:8:1 找不到图片 `照片.jpg`（content/stories/a/照片.jpg 不存在）",
            "content/stories/a/unused.jpg:0:0 这张图片无法使用：文件已损坏",
        ]
    );
}

#[test]
fn draft_photos_are_not_published() {
    let mut input = site();
    input.content[0].text = STORY.replace("---\n\n", "draft: true\n---\n\n").into();
    let built = build_site(&input).expect("the site builds");
    assert_eq!(
        files_of(&built).keys().copied().collect::<Vec<_>>(),
        ["static/images/banner.png"]
    );
    assert!(!built.paths.contains("stories/a/form.pdf"));
}
