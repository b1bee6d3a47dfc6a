//! Renders a small in-memory site in both scripts and checks what readers and crawlers get.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::*;
use crate::config::{Config, Footer, ImageSettings, SourceScript};
use crate::content::{
    Common, Contact, Document, Kind, Lecture, LectureStatus, Story, When, Workshop,
};
use crate::convert::{Script, Variant};
use crate::output::{OutputBody, OutputSet};
use crate::site::{self, LinkOptions};

fn converter() -> Converter {
    Converter::new(Variant::Standard, &[])
}

pub(super) fn config() -> Config {
    Config {
        title: "长欣社区“红色微家”".into(),
        description: "党建引领社区治理品牌".into(),
        base_url: BaseUrl::parse("https://example.org/changxin/").unwrap(),
        languages: vec![Script::Hans, Script::Hant],
        traditional: Variant::Standard,
        source_script: SourceScript::Auto,
        theme: "default".into(),
        timezone: TimeZone::fixed(jiff::tz::offset(8)),
        timezone_name: "Asia/Shanghai".into(),
        footer: Footer {
            icp: Some("苏ICP备00000000号".into()),
            police: Some("苏公网安备 32021402000000号".into()),
        },
        venue: crate::config::VenueSettings::default(),
        glossary: Vec::new(),
        images: ImageSettings::default(),
        paginate: 2,
        share_image: None,
    }
}

fn when(text: &str) -> When {
    let has_time = text.contains('T');
    let full = if has_time {
        format!("{text}+08:00[+08:00]")
    } else {
        format!("{text}T00:00+08:00[+08:00]")
    };
    When {
        zoned: full.parse().unwrap(),
        has_time,
    }
}

fn doc(source: &str, script: Script, title: &str, kind: Kind, body: &str) -> Document {
    let section = match source.split('/').nth(1) {
        Some("stories") => Section::Stories,
        Some("workshops") => Section::Workshops,
        Some("lectures") => Section::Lectures,
        Some("pages") => Section::Pages,
        _ => Section::Home,
    };
    let slug = if section == Section::Home {
        String::new()
    } else {
        source
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".md")
            .to_string()
    };
    Document {
        source: source.into(),
        section,
        slug,
        script,
        common: Common {
            title: title.into(),
            ..Common::default()
        },
        kind,
        body: body.into(),
        body_line: 5,
    }
}

fn story(date: &str, community: &str, workshops: &[&str]) -> Kind {
    Kind::Story(Story {
        date: when(date),
        community: community.into(),
        district: None,
        author: None,
        workshops: workshops.iter().map(|w| w.to_string()).collect(),
    })
}

fn lecture(start: &str, end: Option<&str>, status: LectureStatus) -> Lecture {
    Lecture {
        start: when(start),
        end: end.map(when),
        venue: "长欣社区党群服务中心二楼".into(),
        address: None,
        speaker: "王晓梅".into(),
        series: Some("长欣讲堂".into()),
        speaker_title: Some("社区讲师".into()),
        capacity: Some(40),
        registration: Some("电话报名：0510-00000000".into()),
        workshop: Some("laoshuji".into()),
        status,
    }
}

/// A traditional story, two simplified stories, a workshop, three lectures (one cancelled,
/// one past), a free page and the home introduction.
fn documents() -> Vec<Document> {
    let mut hant_story = doc(
        "content/stories/yishiting.md",
        Script::Hant,
        "老書記的「家門口」議事廳",
        Kind::Story(Story {
            date: when("2023-05-01"),
            community: "長欣公寓社區".into(),
            district: Some("無錫市新吳區".into()),
            author: Some("社區黨委".into()),
            workshops: vec!["laoshuji".into()],
        }),
        "黃全南老書記把自家客廳變成了居民議事的地方。\n\n詳見[老書記工作室](../workshops/laoshuji.md)。\n",
    );
    hant_story.common.summary = Some("黨員中心戶成為居民身邊的服務站。".into());
    hant_story.common.tags = vec!["黨建引領".into()];
    hant_story.common.aliases = vec!["/old/yishiting/".into()];

    let mut new_story = doc(
        "content/stories/haojiafeng.md",
        Script::Hans,
        "“好家风”工作室走进楼道",
        story("2024-03-01", "长欣公寓社区", &["laoshuji"]),
        "孙裕康、陈竹君夫妇在楼道里讲家风故事。\n",
    );
    new_story.common.tags = vec!["党建引领".into(), "家风".into()];
    let old_story = doc(
        "content/stories/huikeiting.md",
        Script::Hans,
        "“红色微家·会客厅”三方联动",
        story("2021-09-15", "长欣公寓社区", &[]),
        "社区、物业和共建单位坐到一起商量事。\n",
    );

    let mut workshop = doc(
        "content/workshops/laoshuji.md",
        Script::Hans,
        "“老书记”工作室",
        Kind::Workshop(Workshop {
            leader: "黄全南".into(),
            community: "长欣公寓社区".into(),
            founded: Some(when("2019-07-01")),
            focus: vec!["矛盾调解".into(), "政策宣讲".into()],
            contact: Some(Contact {
                phone: Some("0510-00000000".into()),
                address: Some("长欣公寓12号楼一楼".into()),
                hours: Some("每周三下午".into()),
            }),
            photo: None,
        }),
        "老书记带着党员骨干，帮居民解决身边事。\n",
    );
    workshop.common.summary = Some("退休老书记领办的议事工作室。".into());

    let upcoming = doc(
        "content/lectures/jiafeng-jiangtang.md",
        Script::Hans,
        "家风家训与邻里和睦",
        Kind::Lecture(lecture(
            "2026-12-05T14:30",
            Some("2026-12-05T16:00"),
            LectureStatus::Scheduled,
        )),
        "欢迎社区居民参加。\n",
    );
    let cancelled = doc(
        "content/lectures/fangzha-jiangtang.md",
        Script::Hans,
        "老年人防诈骗知识讲座",
        Kind::Lecture(lecture("2026-07-10T09:30", None, LectureStatus::Cancelled)),
        "因场地维修，本场讲座取消。\n",
    );
    let past = doc(
        "content/lectures/lajifenlei.md",
        Script::Hans,
        "垃圾分类从我做起",
        Kind::Lecture(lecture("2025-04-12T09:00", None, LectureStatus::Scheduled)),
        "讲解垃圾分类的新规定。\n",
    );
    let about = doc(
        "content/pages/about.md",
        Script::Hans,
        "关于我们",
        Kind::Page,
        "长欣公寓社区位于无锡市新吴区。\n",
    );
    let home = doc(
        "content/_index.md",
        Script::Hans,
        "党建引领 共建长欣",
        Kind::Page,
        "“红色微家”是长欣公寓社区的党建品牌。\n",
    );
    vec![
        hant_story, new_story, old_story, workshop, upcoming, cancelled, past, about, home,
    ]
}

fn slugify(text: &str) -> String {
    match text {
        "党建引领" => "dangjian-yinling".into(),
        "家风" => "jiafeng".into(),
        other => other.into(),
    }
}

fn now() -> Timestamp {
    "2026-06-01T02:00:00Z".parse().unwrap()
}

pub(super) fn test_site(config: Config) -> Site {
    let converter = converter();
    let sources = BTreeMap::new();
    let options = LinkOptions {
        now: now(),
        drafts: false,
        scheduled: false,
        converter: &converter,
        slugify: &slugify,
        sources: &sources,
    };
    let (site, diagnostics) = site::link(config, documents(), &options);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    site
}

/// `super::site` into an `OutputSet`, as serve and check build.
pub(super) fn collect(site: &Site, inputs: &RenderInputs<'_>) -> (OutputSet, Vec<Diagnostic>) {
    let sink = crate::output::Collect::default();
    let (paths, diagnostics) = super::site(site, inputs, &sink);
    let output = sink.into_output();
    assert_eq!(
        paths.iter().collect::<Vec<_>>(),
        output.files.keys().collect::<Vec<_>>()
    );
    (output, diagnostics)
}

pub(super) struct Built {
    pub(super) output: OutputSet,
    pub(super) diagnostics: Vec<Diagnostic>,
}

impl Built {
    pub(super) fn html(&self, path: &str) -> String {
        match self.output.files.get(path) {
            Some(OutputBody::Bytes(bytes)) => String::from_utf8(bytes.to_vec()).unwrap(),
            other => panic!("{path}: {other:?}\npaths: {:#?}", self.paths()),
        }
    }

    fn main_of(&self, path: &str) -> String {
        let html = self.html(path);
        let start = html.find("<main").unwrap();
        let end = html.find("</main>").unwrap() + "</main>".len();
        html[start..end].to_string()
    }

    fn paths(&self) -> Vec<&str> {
        self.output.files.keys().map(String::as_str).collect()
    }
}

fn build_with(config: Config) -> Built {
    let site = test_site(config);
    let converter = converter();
    let templates = Templates::builtin();
    let base_url = site.config.base_url.clone();
    let theme_static = builtin_static_bodies();
    let static_files = vec![(
        "robots-extra.txt".to_string(),
        OutputBody::Bytes(b"x".to_vec().into()),
    )];
    let inputs = RenderInputs {
        search_index: true,
        cache: None,
        share_image: None,
        first: &[],
        converter: &converter,
        templates: &templates,
        now: now(),
        base_url: &base_url,
        images: &NoImages,
        static_files: &static_files,
        theme_static: &theme_static,
    };
    let (output, diagnostics) = collect(&site, &inputs);
    Built {
        output,
        diagnostics,
    }
}

fn build() -> Built {
    build_with(config())
}

#[test]
fn renders_every_page_of_both_languages_without_diagnostics() {
    let built = build();
    assert!(built.diagnostics.is_empty(), "{:?}", built.diagnostics);
    insta::assert_snapshot!(built.paths().join("\n"));
}

#[test]
fn traditional_source_is_verbatim_on_hant_page() {
    let built = build();
    let hant = built.main_of("zh-hant/stories/yishiting/index.html");
    assert!(hant.contains("老書記的「家門口」議事廳"), "{hant}");
    assert!(hant.contains("黃全南老書記把自家客廳變成了居民議事的地方。"));
    assert!(hant.contains("長欣公寓社區"));
    let hans = built.main_of("stories/yishiting/index.html");
    assert!(hans.contains("老书记的「家门口」议事厅"), "{hans}");
    assert!(hans.contains("黄全南老书记把自家客厅变成了居民议事的地方。"));
}

#[test]
fn story_page_main_in_simplified() {
    let built = build();
    insta::assert_snapshot!(built.main_of("stories/yishiting/index.html"));
}

#[test]
fn story_page_main_in_traditional() {
    let built = build();
    insta::assert_snapshot!(built.main_of("zh-hant/stories/yishiting/index.html"));
}

#[test]
fn cancelled_lecture_page_main() {
    let built = build();
    insta::assert_snapshot!(built.main_of("lectures/fangzha-jiangtang/index.html"));
}

#[test]
fn lecture_list_main_in_traditional() {
    let built = build();
    let main = built.main_of("zh-hant/lectures/index.html");
    // SPEC: upcoming ascending, then past descending; the cancelled one marked.
    let cancelled = main.find("老年人防詐騙知識講座").unwrap();
    let upcoming = main.find("家風家訓與鄰里和睦").unwrap();
    assert!(cancelled < upcoming);
    assert!(main.contains("lecture--cancelled"));
    assert!(main.contains("已取消"));
    insta::assert_snapshot!(main);
}

#[test]
fn pages_carry_lang_canonical_and_alternates() {
    let built = build();
    let hans = built.html("stories/yishiting/index.html");
    assert!(hans.contains("<html lang=\"zh-Hans\">"));
    assert!(hans.contains(
        "<link rel=\"canonical\" href=\"https://example.org/changxin/stories/yishiting/\">"
    ));
    for (lang, href) in [
        ("zh-Hans", "https://example.org/changxin/stories/yishiting/"),
        (
            "zh-Hant",
            "https://example.org/changxin/zh-hant/stories/yishiting/",
        ),
        (
            "x-default",
            "https://example.org/changxin/stories/yishiting/",
        ),
    ] {
        let link = format!("<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{href}\">");
        assert!(hans.contains(&link), "{link}");
    }
    let hant = built.html("zh-hant/stories/yishiting/index.html");
    assert!(hant.contains("<html lang=\"zh-Hant\">"));
    assert!(hant.contains(
        "<link rel=\"canonical\" href=\"https://example.org/changxin/zh-hant/stories/yishiting/\">"
    ));
    assert!(hant.contains("<meta property=\"og:locale\" content=\"zh_TW\">"));
    assert!(hans.contains("<meta property=\"og:locale\" content=\"zh_CN\">"));
}

#[test]
fn language_switch_leads_to_the_same_page_in_the_other_script() {
    let built = build();
    for (path, target, label) in [
        (
            "stories/yishiting/index.html",
            "/changxin/zh-hant/stories/yishiting/",
            "繁体",
        ),
        (
            "zh-hant/stories/yishiting/index.html",
            "/changxin/stories/yishiting/",
            "簡體",
        ),
        (
            "lectures/page/2/index.html",
            "/changxin/zh-hant/lectures/page/2/",
            "繁体",
        ),
        (
            "zh-hant/tags/jiafeng/index.html",
            "/changxin/tags/jiafeng/",
            "簡體",
        ),
        ("index.html", "/changxin/zh-hant/", "繁体"),
        ("404.html", "/changxin/zh-hant/404.html", "繁体"),
    ] {
        let html = built.html(path);
        let switch = html
            .lines()
            .find(|l| l.contains("class=\"tool lang-switch\""))
            .unwrap();
        assert!(
            switch.contains(&format!("href=\"{target}\"")),
            "{path}: {switch}"
        );
        assert!(
            switch.contains(&format!(">{label}</a>")),
            "{path}: {switch}"
        );
    }
}

#[test]
fn markdown_links_to_content_files_stay_in_the_language() {
    let built = build();
    let hans = built.main_of("stories/yishiting/index.html");
    assert!(
        hans.contains("<a href=\"/changxin/workshops/laoshuji/\">"),
        "{hans}"
    );
    let hant = built.main_of("zh-hant/stories/yishiting/index.html");
    assert!(
        hant.contains("<a href=\"/changxin/zh-hant/workshops/laoshuji/\">"),
        "{hant}"
    );
}

#[test]
fn workshop_page_lists_its_stories_and_lectures() {
    let built = build();
    let main = built.main_of("workshops/laoshuji/index.html");
    assert!(main.contains("/changxin/stories/haojiafeng/"));
    assert!(main.contains("/changxin/stories/yishiting/"));
    let upcoming = main.find("家风家训与邻里和睦").unwrap();
    let past = main.find("垃圾分类从我做起").unwrap();
    assert!(upcoming < past);
    assert!(main.contains("href=\"tel:0510-00000000\""));
}

#[test]
fn not_found_pages_sit_at_each_language_root() {
    let built = build();
    let first = built.html("404.html");
    assert!(first.contains("<html lang=\"zh-Hans\">"));
    assert!(first.contains("页面未找到"));
    assert!(first.contains("<meta name=\"robots\" content=\"noindex\">"));
    let second = built.html("zh-hant/404.html");
    assert!(second.contains("頁面未找到"));
}

#[test]
fn aliases_redirect_to_the_same_language() {
    let built = build();
    let hans = built.html("old/yishiting/index.html");
    assert!(
        hans.contains(
            "<meta http-equiv=\"refresh\" content=\"0; url=/changxin/stories/yishiting/\">"
        )
    );
    assert!(hans.contains("href=\"https://example.org/changxin/stories/yishiting/\""));
    let hant = built.html("zh-hant/old/yishiting/index.html");
    assert!(hant.contains("url=/changxin/zh-hant/stories/yishiting/"));
}

#[test]
fn story_lists_are_paginated_with_labelled_navigation() {
    let built = build();
    let first = built.main_of("stories/index.html");
    assert!(first.contains("aria-label=\"分页\""));
    assert!(first.contains("<a href=\"/changxin/stories/page/2/\" rel=\"next\">下一页</a>"));
    let second = built.main_of("zh-hant/stories/page/2/index.html");
    assert!(second.contains("rel=\"prev\">上一頁</a>"));
    assert!(second.contains("“紅色微家·會客廳”三方聯動"));
}

#[test]
fn theme_and_site_static_files_are_published() {
    let built = build();
    assert!(built.output.files.contains_key("theme/css/site.css"));
    assert!(built.output.files.contains_key("theme/js/site.js"));
    assert!(built.output.files.contains_key("robots-extra.txt"));
    let html = built.html("index.html");
    assert!(html.contains("href=\"/changxin/theme/css/site.css\""));
}

#[test]
fn footer_shows_the_records_from_site_yaml() {
    let built = build();
    let hans = built.html("index.html");
    assert!(
        hans.contains(
            "<a href=\"https://beian.miit.gov.cn/\" rel=\"noopener\">苏ICP备00000000号</a>"
        )
    );
    assert!(hans.contains("code=32021402000000"));
    let hant = built.html("zh-hant/index.html");
    assert!(hant.contains("蘇ICP備00000000號"));
}

#[test]
fn hant_pages_have_nothing_left_to_convert() {
    let built = build();
    let converter = converter();
    for (path, body) in &built.output.files {
        if !(path.starts_with("zh-hant/") && path.ends_with(".html")) {
            continue;
        }
        let OutputBody::Bytes(bytes) = body else {
            continue;
        };
        let text = visible_text(std::str::from_utf8(bytes).unwrap());
        for line in text.lines() {
            let again = converter.convert(line, Script::Hans, Script::Hant);
            let changed: Vec<char> = line
                .chars()
                .zip(again.chars())
                .filter(|(a, b)| a != b && !VALID_IN_BOTH.contains(*a))
                .map(|(a, _)| a)
                .collect();
            assert!(changed.is_empty(), "{path}: {changed:?} in {line}");
        }
    }
}

#[test]
fn hans_pages_have_nothing_left_to_convert() {
    let built = build();
    let converter = converter();
    for (path, body) in &built.output.files {
        if path.starts_with("zh-hant/") || !path.ends_with(".html") {
            continue;
        }
        let OutputBody::Bytes(bytes) = body else {
            continue;
        };
        let text = visible_text(std::str::from_utf8(bytes).unwrap());
        for line in text.lines() {
            let again = converter.convert(line, Script::Hant, Script::Hans);
            let changed: Vec<char> = line
                .chars()
                .zip(again.chars())
                .filter(|(a, b)| a != b)
                .map(|(a, _)| a)
                .collect();
            assert!(changed.is_empty(), "{path}: {changed:?} in {line}");
        }
    }
}

/// Traditional characters that the s2t dictionary may still map on a second pass
/// (`鄰里` → `鄰裡`): they are correct traditional text, not simplified leftovers.
const VALID_IN_BOTH: &str = "里后干系面台只余于";

/// The text between tags (attribute values included when they are words).
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push('\n');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[test]
fn two_renders_are_identical() {
    assert_eq!(build().output, build().output);
}

#[test]
fn a_base_url_without_path_links_from_the_root() {
    let mut config = config();
    config.base_url = BaseUrl::parse("https://example.org").unwrap();
    let built = build_with(config);
    let html = built.html("zh-hant/stories/yishiting/index.html");
    assert!(html.contains("<a class=\"tool lang-switch\" href=\"/stories/yishiting/\""));
}

#[test]
fn text_is_escaped_in_pages() {
    let site = {
        let mut site = test_site(config());
        site.entries[0].doc.common.title = "<script>alert(1)</script> & 更多".into();
        site
    };
    let converter = converter();
    let templates = Templates::builtin();
    let inputs = RenderInputs {
        search_index: true,
        cache: None,
        share_image: None,
        first: &[],
        converter: &converter,
        templates: &templates,
        now: now(),
        base_url: &site.config.base_url,
        images: &NoImages,
        static_files: &[],
        theme_static: &[],
    };
    let (output, _) = collect(&site, &inputs);
    let Some(OutputBody::Bytes(bytes)) = output
        .files
        .get(&site.langs()[0].output_path(&site.entries[0].path))
    else {
        panic!("page missing");
    };
    let html = std::str::from_utf8(bytes).unwrap();
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 更多"));
}

#[test]
fn builtin_templates_speak_only_through_theme_words() {
    // SPEC "Two scripts": the theme's words must be converted for zh-Hant pages, so
    // templates hold no Chinese of their own; they print `t.*`.
    for (name, text) in BUILTIN_TEMPLATES {
        let han: String = text
            .chars()
            .filter(|&c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            .collect();
        assert!(han.is_empty(), "{name} contains {han}");
    }
}

mod body_host {
    use super::*;
    use crate::markdown::MarkdownHost;
    use crate::render::body::{BodyHost, SourceIndex};

    fn with_host(lang: usize, check: impl Fn(&BodyHost<'_>)) {
        let site = test_site(config());
        let converter = converter();
        let index = SourceIndex::new(&site);
        let entry = site
            .entry_by_source("content/stories/yishiting.md")
            .unwrap();
        let host = BodyHost {
            site: &site,
            index: &index,
            entry,
            lang: site.langs()[lang],
            converter: &converter,
            base: &site.config.base_url,
            images: &NoImages,
        };
        check(&host);
    }

    #[test]
    fn content_links_become_the_page_url_in_the_same_language() {
        with_host(0, |host| {
            assert_eq!(
                host.link_url("../workshops/laoshuji.md#聯繫方式")
                    .as_deref(),
                Some("/changxin/workshops/laoshuji/#联系方式")
            );
            assert_eq!(
                host.link_url("/content/pages/about.md").as_deref(),
                Some("/changxin/about/")
            );
            assert_eq!(host.link_url("../workshops/nothing.md"), None);
        });
        with_host(1, |host| {
            assert_eq!(
                host.link_url("haojiafeng.md").as_deref(),
                Some("/changxin/zh-hant/stories/haojiafeng/")
            );
        });
    }

    #[test]
    fn site_paths_and_files_resolve_under_the_base() {
        with_host(1, |host| {
            assert_eq!(
                host.link_url("/about/").as_deref(),
                Some("/changxin/zh-hant/about/")
            );
            // Files are published once, beside the first language's page.
            assert_eq!(
                host.link_url("files/report.pdf").as_deref(),
                Some("/changxin/stories/yishiting/files/report.pdf")
            );
            assert_eq!(host.link_url("https://example.org/a.md"), None);
            assert_eq!(host.link_url("#top"), None);
        });
    }

    #[test]
    fn unresolved_images_are_plain_img_of_the_published_file() {
        with_host(1, |host| {
            assert_eq!(
                host.image_html(&image("photo.jpg"), "議事廳 \"一角\"", "")
                    .as_deref(),
                Some(
                    "<img src=\"/changxin/stories/yishiting/photo.jpg\" alt=\"議事廳 &quot;一角&quot;\" loading=\"lazy\" decoding=\"async\">"
                )
            );
            assert_eq!(
                host.image_html(&image("https://example.org/x.jpg"), "", ""),
                None
            );
        });
    }

    fn image(src: &str) -> crate::markdown::ImageRef {
        crate::markdown::ImageRef {
            src: src.into(),
            alt: String::new(),
            line: 1,
            col: 1,
        }
    }

    #[test]
    fn prose_is_converted_from_the_document_script() {
        with_host(0, |host| {
            assert_eq!(host.convert_text("議事廳"), "议事厅");
        });
        with_host(1, |host| {
            assert_eq!(host.convert_text("議事廳"), "議事廳");
        });
    }
}

pub(super) fn render_site(site: &Site, static_files: &[(String, OutputBody)]) -> Built {
    let converter = converter();
    let templates = Templates::builtin();
    let inputs = RenderInputs {
        search_index: true,
        cache: None,
        share_image: None,
        first: &[],
        converter: &converter,
        templates: &templates,
        now: now(),
        base_url: &site.config.base_url,
        images: &NoImages,
        static_files,
        theme_static: &[],
    };
    let (output, diagnostics) = collect(site, &inputs);
    Built {
        output,
        diagnostics,
    }
}

#[test]
fn an_alias_never_replaces_a_generated_page() {
    let mut site = test_site(config());
    site.aliases
        .insert("/stories/".into(), "/stories/yishiting/".into());
    let built = render_site(&site, &[]);
    assert!(
        built
            .html("stories/index.html")
            .contains("class=\"card-grid\"")
    );
    let codes: Vec<&str> = built.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["render.alias-collision", "render.alias-collision"]);
    assert_eq!(
        built.diagnostics[0].span.file,
        "content/stories/yishiting.md"
    );
}

#[test]
fn a_static_page_wins_with_a_warning() {
    let site = test_site(config());
    let page = vec![(
        "404.html".to_string(),
        OutputBody::Bytes(b"<p>mine</p>".to_vec().into()),
    )];
    let built = render_site(&site, &page);
    assert_eq!(built.html("404.html"), "<p>mine</p>");
    assert_eq!(built.diagnostics.len(), 1);
    assert_eq!(built.diagnostics[0].span.file, "static/404.html");
}

/// The output paths in the order a render puts them, with `first` open in a browser.
fn put_order(first: &[String]) -> Vec<String> {
    struct Order(std::sync::Mutex<Vec<String>>);
    impl crate::output::OutputSink for Order {
        fn put(&self, path: &str, _: OutputBody) {
            self.0.lock().unwrap().push(path.to_string());
        }
    }
    let site = test_site(config());
    let converter = converter();
    let templates = Templates::builtin();
    let inputs = RenderInputs {
        cache: None,
        share_image: None,
        first,
        search_index: true,
        converter: &converter,
        templates: &templates,
        now: now(),
        base_url: &site.config.base_url,
        images: &NoImages,
        static_files: &[],
        theme_static: &[],
    };
    let order = Order(std::sync::Mutex::new(Vec::new()));
    let (_, diagnostics) = super::site(&site, &inputs, &order);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    order.0.into_inner().unwrap()
}

// See #15: the page open in serve's browser is rendered before every other page.
#[test]
fn issue_15_the_open_page_is_put_before_every_other_page() {
    let pages = |order: Vec<String>| -> Vec<String> {
        order.into_iter().filter(|p| p.ends_with(".html")).collect()
    };
    let usual = pages(put_order(&[]));
    let open = usual
        .iter()
        .rev()
        .find(|path| path.starts_with("zh-hant/stories/") && path.split('/').count() == 4)
        .expect("a story page in the second language")
        .clone();
    assert_ne!(
        usual.first(),
        Some(&open),
        "the test wants a page not put first anyway"
    );
    let order = pages(put_order(std::slice::from_ref(&open)));
    assert_eq!(order.first(), Some(&open));
    let mut sorted = order.clone();
    sorted.sort();
    let mut usual_sorted = usual;
    usual_sorted.sort();
    assert_eq!(
        sorted, usual_sorted,
        "the same pages, only in another order"
    );
}
