use super::*;
use crate::images::SourceFormat;

fn info(format: SourceFormat, width: u32, height: u32, orientation: u8) -> ImageInfo {
    ImageInfo {
        format,
        width,
        height,
        orientation,
        has_alpha: false,
        bytes: 5_000_000,
        hash: "ab".repeat(32),
    }
}

fn settings(widths: &[u32]) -> ImageSettings {
    ImageSettings {
        widths: widths.to_vec(),
        quality: 82,
    }
}

fn widths(plan: &ImagePlan) -> Vec<(u32, u32)> {
    plan.renditions
        .iter()
        .map(|r| (r.width, r.height))
        .collect()
}

#[test]
fn large_photo_gets_every_configured_width() {
    let photo = info(SourceFormat::Jpeg, 4000, 3000, 1);
    let plan = plan_image(
        &photo,
        "stories/a/photo",
        &settings(&[480, 960, 1600]),
        false,
    );
    assert_eq!(widths(&plan), [(480, 360), (960, 720), (1600, 1200)]);
    let paths: Vec<&str> = plan
        .renditions
        .iter()
        .map(|r| r.output_path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "stories/a/photo-480.jpg",
            "stories/a/photo-960.jpg",
            "stories/a/photo-1600.jpg"
        ]
    );
    assert_eq!(plan.og, None);
}

#[test]
fn never_upscales_and_adds_own_width_below_the_widest() {
    let photo = info(SourceFormat::Jpeg, 1000, 500, 1);
    let plan = plan_image(&photo, "s/p", &settings(&[1600, 480, 960]), false);
    assert_eq!(widths(&plan), [(480, 240), (960, 480), (1000, 500)]);

    let exact = info(SourceFormat::Jpeg, 1600, 900, 1);
    let plan = plan_image(&exact, "s/p", &settings(&[480, 960, 1600]), false);
    assert_eq!(widths(&plan), [(480, 270), (960, 540), (1600, 900)]);

    let tiny = info(SourceFormat::Png, 300, 200, 1);
    let plan = plan_image(&tiny, "s/p", &settings(&[480, 960, 1600]), false);
    assert_eq!(widths(&plan), [(300, 200)]);
    assert_eq!(plan.renditions[0].output_path, "s/p-300.png");
}

#[test]
fn rotated_photo_is_planned_upright() {
    // Orientation 6: stored 4000×3000, seen 3000×4000.
    let photo = info(SourceFormat::Jpeg, 4000, 3000, 6);
    let plan = plan_image(&photo, "s/p", &settings(&[480, 960, 1600, 3200]), false);
    assert_eq!(
        widths(&plan),
        [(480, 640), (960, 1280), (1600, 2133), (3000, 4000)]
    );
}

#[test]
fn no_widths_configured_keeps_the_photo_size() {
    let photo = info(SourceFormat::Jpeg, 800, 600, 1);
    let plan = plan_image(&photo, "s/p", &settings(&[0]), false);
    assert_eq!(widths(&plan), [(800, 600)]);
}

#[test]
fn og_rendition_is_1200_wide_or_the_photo_width() {
    let photo = info(SourceFormat::Jpeg, 4000, 3000, 1);
    let plan = plan_image(&photo, "s/p", &settings(&[480, 960, 1600]), true);
    let og = plan.og.clone().unwrap();
    assert_eq!(
        (og.width, og.height, og.output_path.as_str()),
        (1200, 900, "s/p-1200.jpg")
    );
    let job = plan.job("/site/p.jpg".into(), "content/p.jpg");
    assert_eq!(job.renditions.len(), 4);

    let small = info(SourceFormat::Jpeg, 960, 640, 1);
    let plan = plan_image(&small, "s/p", &settings(&[480, 960, 1600]), true);
    assert_eq!(plan.og.as_ref().unwrap().width, 960);
    // Shared with the srcset rendition of the same width: no second file.
    assert_eq!(plan.job("/site/p.jpg".into(), "p.jpg").renditions.len(), 2);
}

#[test]
fn formats_follow_the_source() {
    let mut webp = info(SourceFormat::Webp, 100, 100, 1);
    assert_eq!(OutputFormat::for_source(&webp), OutputFormat::Jpeg);
    webp.has_alpha = true;
    assert_eq!(OutputFormat::for_source(&webp), OutputFormat::Png);
    let gif = info(SourceFormat::Gif, 100, 100, 1);
    assert_eq!(OutputFormat::for_source(&gif), OutputFormat::Png);
    let png = info(SourceFormat::Png, 100, 100, 1);
    assert_eq!(OutputFormat::for_source(&png), OutputFormat::Png);
}

#[test]
fn a_photo_published_whole_keeps_its_own_format() {
    for (source, whole, ext) in [
        (SourceFormat::Jpeg, OutputFormat::Jpeg, "jpg"),
        (SourceFormat::Png, OutputFormat::Png, "png"),
        (SourceFormat::Webp, OutputFormat::Webp, "webp"),
        (SourceFormat::Gif, OutputFormat::Gif, "gif"),
    ] {
        let photo = info(source, 100, 100, 1);
        assert_eq!(OutputFormat::for_whole(&photo), whole);
        assert_eq!(whole.extension(), ext);
        // Resized renditions of a WebP or GIF are JPEG or PNG files, named so.
        let plan = plan_image(&photo, "s/p", &settings(&[50]), false);
        let resized = &plan.renditions[0].output_path;
        assert!(
            resized.ends_with(".jpg") || resized.ends_with(".png"),
            "{resized}"
        );
    }
}

#[test]
fn cache_names_are_recognized_and_nothing_else() {
    let photo = info(SourceFormat::Gif, 100, 100, 1);
    let job = plan_image(&photo, "s/p", &settings(&[50]), false).job("p".into(), "p");
    let mut whole = job.renditions[0].clone();
    whole.format = OutputFormat::for_whole(&photo);
    for name in [job.cache_name(&job.renditions[0]), job.cache_name(&whole)] {
        assert!(is_cache_name(&name), "{name}");
    }
    let key = "0123456789abcdef0123456789abcdef";
    for name in [
        format!("{key}.jpg.123.tmp"),
        format!("{key}.txt"),
        format!("{}.jpg", key.to_uppercase()),
        format!("{key}0.png"),
        "photo.jpg".to_string(),
        ".gitignore".to_string(),
    ] {
        assert!(!is_cache_name(&name), "{name}");
    }
}

#[test]
fn img_html_lists_every_width_and_escapes() {
    let photo = info(SourceFormat::Jpeg, 2000, 1000, 1);
    let plan = plan_image(&photo, "stories/长欣/a b,c", &settings(&[480, 960]), false);
    let html = plan.img_html(
        "/changxin/",
        "“红色”<微家> & \"邻里\"",
        "(max-width: 40em) 100vw, 40em",
    );
    insta::assert_snapshot!(html, @r#"<img src="/changxin/stories/%E9%95%BF%E6%AC%A3/a%20b%2Cc-960.jpg" srcset="/changxin/stories/%E9%95%BF%E6%AC%A3/a%20b%2Cc-480.jpg 480w, /changxin/stories/%E9%95%BF%E6%AC%A3/a%20b%2Cc-960.jpg 960w" sizes="(max-width: 40em) 100vw, 40em" width="960" height="480" alt="“红色”&lt;微家&gt; &amp; &quot;邻里&quot;" loading="lazy" decoding="async">"#);
}

#[test]
fn url_joins_base_with_or_without_slash() {
    let photo = info(SourceFormat::Jpeg, 100, 100, 1);
    let plan = plan_image(&photo, "s/p", &settings(&[480]), false);
    assert_eq!(ImagePlan::url("/", &plan.renditions[0]), "/s/p-100.jpg");
    assert_eq!(ImagePlan::url("/x", &plan.renditions[0]), "/x/s/p-100.jpg");
    assert_eq!(ImagePlan::url("", &plan.renditions[0]), "/s/p-100.jpg");
}

#[test]
fn cache_name_depends_on_content_size_format_and_jpeg_quality() {
    let photo = info(SourceFormat::Jpeg, 2000, 1000, 1);
    let job = plan_image(&photo, "s/p", &settings(&[480]), false).job("p".into(), "p");
    let r = &job.renditions[0];
    let name = job.cache_name(r);
    assert!(name.ends_with(".jpg") && name.len() == 36, "{name}");

    let moved = plan_image(&photo, "other/q", &settings(&[480]), false).job("q".into(), "q");
    assert_eq!(
        moved.cache_name(&moved.renditions[0]),
        name,
        "output path is not in the key"
    );

    let mut other_quality = job.clone();
    other_quality.quality = 90;
    assert_ne!(other_quality.cache_name(r), name);

    let mut other_content = job.clone();
    other_content.info.hash = "cd".repeat(32);
    assert_ne!(other_content.cache_name(r), name);

    let mut wider = r.clone();
    wider.width = 481;
    assert_ne!(job.cache_name(&wider), name);

    let png = info(SourceFormat::Png, 2000, 1000, 1);
    let mut png_job = plan_image(&png, "s/p", &settings(&[480]), false).job("p".into(), "p");
    let png_name = png_job.cache_name(&png_job.renditions[0].clone());
    png_job.quality = 10;
    assert_eq!(png_job.cache_name(&png_job.renditions[0].clone()), png_name);
}
