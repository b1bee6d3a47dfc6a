//! Sharing off the web: QR codes that phones can read, lecture posters, the chat preview
//! card of every page, and `build --portable` for a copy opened from disk.

// Test helpers panic on any failure: that is how a test reports it.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;

use support::SiteTest;

const BASE: &str = "https://example.org/changxin/";

fn bilingual() -> SiteTest {
    let site = SiteTest::fixture("bilingual").now("2024-05-01T10:00+08:00");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

/// Every inline `<svg class="qr">` of a page, decoded as a phone would read it: drawn to
/// pixels and read by `rqrr`, which shares nothing with the encoder.
fn decoded_qr_codes(html: &str) -> Vec<String> {
    html.match_indices("<svg class=\"qr\"")
        .map(|(at, _)| {
            let end = html[at..].find("</svg>").unwrap() + at;
            decode_svg(&html[at..end])
        })
        .collect()
}

fn decode_svg(svg: &str) -> String {
    let size: usize = attribute(svg, "width").unwrap().parse().unwrap();
    let d = attribute(svg, "d").unwrap();
    const SCALE: usize = 6;
    let mut dark = vec![false; size * size];
    // Each module is `M{x} {y}h{w}v{h}H{x}V{y}`.
    for rect in d.split('M').filter(|r| !r.is_empty()) {
        let numbers: Vec<usize> = rect
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(|n| n.parse().unwrap())
            .collect();
        let (x, y, w, h) = (numbers[0], numbers[1], numbers[2], numbers[3]);
        for row in y..y + h {
            for col in x..x + w {
                dark[row * size + col] = true;
            }
        }
    }
    let pixels = size * SCALE;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(pixels, pixels, |x, y| {
        if dark[(y / SCALE) * size + x / SCALE] {
            0
        } else {
            255
        }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in {svg:.80}");
    grids[0].decode().unwrap().1
}

/// The value of the first `name="…"` in `text`.
fn attribute<'t>(text: &'t str, name: &str) -> Option<&'t str> {
    let key = format!(" {name}=\"");
    let start = text.find(&key)? + key.len();
    let len = text[start..].find('"')?;
    Some(&text[start..start + len])
}

/// `<meta property|name="key" content="…">` of a page.
fn meta<'t>(html: &'t str, key: &str) -> Option<&'t str> {
    ["property", "name"].iter().find_map(|kind| {
        let tag = format!("<meta {kind}=\"{key}\" content=\"");
        let start = html.find(&tag)? + tag.len();
        let len = html[start..].find('"')?;
        Some(&html[start..start + len])
    })
}

#[test]
fn share_boxes_carry_a_qr_code_of_the_page_address_in_its_script() {
    let site = bilingual();
    for (page, url) in [
        (
            "stories/changxin-hongse-weijia/index.html",
            "stories/changxin-hongse-weijia/",
        ),
        (
            "zh-hant/stories/changxin-hongse-weijia/index.html",
            "zh-hant/stories/changxin-hongse-weijia/",
        ),
        ("workshops/laoshuji/index.html", "workshops/laoshuji/"),
        (
            "zh-hant/workshops/laoshuji/index.html",
            "zh-hant/workshops/laoshuji/",
        ),
        ("lectures/upcoming/index.html", "lectures/upcoming/"),
        (
            "zh-hant/lectures/upcoming/index.html",
            "zh-hant/lectures/upcoming/",
        ),
    ] {
        let html = site.read(page);
        let url = format!("{BASE}{url}");
        assert_eq!(
            decoded_qr_codes(&html),
            std::slice::from_ref(&url),
            "{page}"
        );
        let button = format!("data-copy-link=\"{url}\"");
        assert!(
            html.contains(&button),
            "{page} has no copy button for {url}"
        );
        let word = if page.starts_with("zh-hant/") {
            "複製鏈接"
        } else {
            "复制链接"
        };
        assert!(html.contains(word), "{page}");
    }
    assert!(!site.read("about/index.html").contains("class=\"share\""));
}

#[test]
fn the_print_stylesheet_keeps_the_qr_code() {
    let site = bilingual();
    let print = site.read("theme/css/print.css");
    let rules = &print[print.find(".share-qr .qr").unwrap()..];
    assert!(rules.contains("width: 32mm"), "{rules}");
    assert!(print.contains(".share-body {\n  display: none;"));
}

#[test]
fn lecture_posters_print_every_fact_in_both_scripts() {
    let site = bilingual();
    let hans = site.read("lectures/upcoming/poster/index.html");
    for fact in [
        "2024年5月10日（星期五）14:30—16:00",
        "长欣社区“红色微家”",
        "class=\"poster-title\"",
        "theme/css/poster.css",
    ] {
        assert!(hans.contains(fact), "{fact} missing from {hans}");
    }
    assert_eq!(
        decoded_qr_codes(&hans),
        [
            format!("{BASE}lectures/upcoming/"),
            format!("{BASE}lectures/upcoming/upcoming.ics"),
        ]
    );
    let hant = site.read("zh-hant/lectures/upcoming/poster/index.html");
    assert!(hant.contains("<html lang=\"zh-Hant\">"));
    assert!(hant.contains("掃碼加入手機日曆"), "{hant}");
    assert_eq!(
        decoded_qr_codes(&hant)[0],
        format!("{BASE}zh-hant/lectures/upcoming/")
    );
}

#[test]
fn cancelled_lectures_say_so_on_their_poster_and_offer_no_calendar() {
    let site = bilingual();
    let html = site.read("lectures/cancelled/poster/index.html");
    assert!(html.contains("poster--cancelled"));
    assert!(html.contains("class=\"poster-stamp\""));
    assert!(html.contains("本场讲座已取消"), "{html}");
    assert_eq!(
        decoded_qr_codes(&html),
        [format!("{BASE}lectures/cancelled/")]
    );
}

#[test]
fn the_programme_lists_the_lectures_of_the_next_31_days() {
    let site = bilingual();
    let html = site.read("lectures/poster/index.html");
    // At 2024-05-01: 5月10日 and the cancelled 5月20日 are ahead; 4月12日 is past.
    assert!(html.contains("网格里的邻里事"), "{html}");
    assert!(html.contains("programme-item--cancelled"), "{html}");
    assert!(!html.contains("垃圾分类"), "{html}");
    let later = SiteTest::fixture("bilingual").now("2024-05-15T10:00+08:00");
    assert_eq!(later.build().code, 0);
    let html = later.read("lectures/poster/index.html");
    assert!(!html.contains("网格里的邻里事"), "{html}");
    let none = SiteTest::fixture("bilingual").now("2024-08-01T10:00+08:00");
    assert_eq!(none.build().code, 0);
    assert!(
        none.read("lectures/poster/index.html")
            .contains("近期没有安排讲堂")
    );
}

/// Every page written, alias redirects too, with its chat preview card.
#[test]
fn every_page_has_a_chat_preview_card_with_an_absolute_picture_of_300_pixels() {
    let site = SiteTest::fixture("bilingual");
    let story = "content/stories/长欣红色微家.md";
    let text = std::fs::read_to_string(site.root().join(story)).unwrap();
    site.write(
        story,
        text.replacen("tags:", "aliases: [/old/weijia/]\ntags:", 1),
    );
    let run = site.run(&["build", "--now", "2024-05-01T10:00+08:00"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.exists("old/weijia/index.html"));
    let pages: Vec<String> = site
        .paths()
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect();
    assert!(pages.len() > 20, "{pages:?}");
    for page in &pages {
        let html = site.read(page);
        for key in ["og:title", "og:description", "description"] {
            let value = meta(&html, key).unwrap_or_else(|| panic!("{page} has no {key}"));
            assert!(!value.trim().is_empty(), "{page} {key}");
        }
        let url = meta(&html, "og:url").unwrap_or_else(|| panic!("{page} has no og:url"));
        assert!(url.starts_with(BASE), "{page}: {url}");
        let image = meta(&html, "og:image").unwrap_or_else(|| panic!("{page} has no og:image"));
        let file = image
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{page}: og:image {image} is not absolute"));
        let pixels = image::open(site.out().join(file)).unwrap();
        assert!(
            pixels.width() >= 300 && pixels.height() >= 300,
            "{page}: {image}"
        );
        let width: u32 = meta(&html, "og:image:width").unwrap().parse().unwrap();
        assert_eq!(width, pixels.width(), "{page}");
    }
}

#[test]
fn a_site_image_in_site_yaml_replaces_the_generated_picture() {
    let site = SiteTest::fixture("bilingual");
    let photo = image::RgbImage::from_pixel(800, 600, image::Rgb([200, 30, 30]));
    let mut jpeg = Vec::new();
    photo
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    site.write("static/images/share.jpg", &jpeg);
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!("{yaml}share_image: images/share.jpg\n"),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("about/index.html");
    let image = meta(&html, "og:image").unwrap();
    assert!(image.starts_with(&format!("{BASE}images/share")), "{image}");
    assert!(site.out().join(image.strip_prefix(BASE).unwrap()).is_file());
    assert!(!site.exists("share.png"));
}

#[test]
fn a_missing_or_small_site_image_is_reported_on_its_line() {
    let site = SiteTest::fixture("bilingual");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{yaml}share_image: images/none.jpg\n"));
    let run = site.build();
    assert_eq!(run.code, 1);
    let line = yaml.lines().count() + 1;
    assert!(
        run.stderr.contains(&format!("site.yaml:{line}:14:")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("static/images/none.jpg 不存在"),
        "{}",
        run.stderr
    );

    let small = image::RgbImage::from_pixel(200, 120, image::Rgb([0, 0, 0]));
    let mut png = Vec::new();
    small
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    site.write("static/images/none.jpg", &png);
    site.write(
        "site.yaml",
        format!("{yaml}share_image: images/small.png\n"),
    );
    site.write("static/images/small.png", &png);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("200×120"), "{}", run.stderr);
    assert_eq!(
        meta(&site.read("index.html"), "og:image"),
        Some(format!("{BASE}share.png").as_str())
    );
}

/// Every `href`/`src` of a page that is not absolute resolves to a file of the output.
fn broken_relative_links(out: &Path, page: &str, html: &str) -> Vec<String> {
    let folder = Path::new(page).parent().unwrap_or(Path::new(""));
    let mut broken = Vec::new();
    for key in [" href=\"", " src=\""] {
        for (at, _) in html.match_indices(key) {
            let start = at + key.len();
            let url = &html[start..start + html[start..].find('"').unwrap()];
            // Absolute URLs, `#fragment`s, `tel:` and `mailto:` leave the copy on purpose.
            let scheme = url.find(':').is_some_and(|c| !url[..c].contains('/'));
            if scheme || url.starts_with('#') {
                continue;
            }
            let path = url.split('#').next().unwrap();
            if !out.join(folder).join(path).is_file() {
                broken.push(url.to_string());
            }
        }
    }
    broken
}

#[test]
fn a_portable_build_links_every_page_relative_to_itself() {
    let site = SiteTest::fixture("bilingual");
    let run = site.run(&["build", "--portable", "--now", "2024-05-01T10:00+08:00"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("双击"), "{}", run.stdout);
    let out = site.out();
    let pages: Vec<String> = site
        .paths()
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect();
    for page in &pages {
        let html = site.read(page);
        assert!(!html.contains("=\"/changxin/"), "{page} keeps a rooted URL");
        let broken = broken_relative_links(&out, page, &html);
        assert!(broken.is_empty(), "{page}: {broken:?}");
    }
    let story = site.read("zh-hant/stories/changxin-hongse-weijia/index.html");
    assert!(story.contains("href=\"../../../theme/css/site.css\""));
    assert!(story.contains("href=\"../../../stories/changxin-hongse-weijia/index.html\""));
    // The share box and the preview card keep the site's real address.
    assert!(story.contains(&format!("data-copy-link=\"{BASE}zh-hant/stories/")));
    assert_eq!(
        meta(&story, "og:url"),
        Some(format!("{BASE}zh-hant/stories/changxin-hongse-weijia/").as_str())
    );
}

#[test]
fn a_normal_build_keeps_rooted_urls() {
    let site = bilingual();
    let html = site.read("stories/changxin-hongse-weijia/index.html");
    assert!(html.contains("href=\"/changxin/theme/css/site.css\""));
}

#[test]
fn a_lecture_poster_shows_its_cover_photo() {
    let site = SiteTest::example().now("2026-11-23T10:00+08:00");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("zh-hant/lectures/2026-12-qingnian-dangke/poster/index.html");
    let cover = &html[html.find("<figure class=\"poster-cover\">").unwrap()..];
    assert!(
        cover.contains("src=\"/changxin/stories/zhangmenren/yishijiao-"),
        "{cover:.300}"
    );
    assert!(html.contains("2026年12月20日（星期日）14:30—16:00"));
    assert!(html.contains("蔣一帆"));
}
