//! Builds fixture sites with the real binary and checks the files written.

mod support;

use support::SiteTest;

fn bilingual() -> SiteTest {
    let site = SiteTest::fixture("bilingual");
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    site
}

#[test]
fn every_page_is_written_in_both_languages() {
    let site = bilingual();
    let paths = site.paths();
    for page in [
        "index.html",
        "stories/changxin-hongse-weijia/index.html",
        "stories/xijin-gudu/index.html",
        "workshops/laoshuji/index.html",
        "lectures/upcoming/index.html",
        "lectures/cancelled/index.html",
        "about/index.html",
        "stories/index.html",
        "workshops/index.html",
        "lectures/index.html",
        "tags/index.html",
        "404.html",
    ] {
        assert!(
            paths.contains(&page.to_string()),
            "missing {page} in {paths:#?}"
        );
        let hant = format!("zh-hant/{page}");
        assert!(paths.contains(&hant), "missing {hant}");
    }
    for file in ["sitemap.xml", "robots.txt"] {
        assert!(paths.contains(&file.to_string()), "missing {file}");
    }
}

#[test]
fn drafts_are_not_published() {
    let site = bilingual();
    assert!(!site.paths().iter().any(|p| p.contains("draft")));
}

#[test]
fn simplified_source_is_verbatim_on_hans_page_and_converted_on_hant_page() {
    let site = bilingual();
    let hans = site.main_of("stories/changxin-hongse-weijia/index.html");
    let hant = site.main_of("zh-hant/stories/changxin-hongse-weijia/index.html");
    assert!(hans.contains("头发与发展"), "{hans}");
    assert!(hant.contains("頭髮與發展"), "{hant}");
    assert!(hant.contains("幹部們後來發現"), "{hant}");
    assert!(hant.contains("乾淨"), "{hant}");
}

#[test]
fn traditional_source_is_verbatim_on_hant_page() {
    let site = bilingual();
    let hant = site.main_of("zh-hant/stories/xijin-gudu/index.html");
    let hans = site.main_of("stories/xijin-gudu/index.html");
    assert!(hant.contains(
        "西津古渡社區發揮紅色主軸樞紐作用，推動「大黨建」「微治理」「寬服務」同向發力。"
    ));
    assert!(hans.contains("西津古渡社区发挥红色主轴枢纽作用"), "{hans}");
}

#[test]
fn glossary_wins_over_the_dictionary_from_traditional_to_simplified() {
    let site = bilingual();
    let hans = site.main_of("stories/xijin-gudu/index.html");
    assert!(hans.contains("乾元里"), "{hans}");
    assert!(!hans.contains("干元里"), "{hans}");
}

#[test]
fn soft_breaks_between_chinese_characters_vanish() {
    let site = bilingual();
    let hans = site.main_of("stories/changxin-hongse-weijia/index.html");
    assert!(hans.contains("推选一户党员中心户"), "{hans}");
    assert!(
        hans.contains("Red Micro Home") || hans.contains("Red\nMicro Home"),
        "{hans}"
    );
}

#[test]
fn protected_text_and_code_are_never_converted() {
    let site = bilingual();
    let hant = site.main_of("zh-hant/stories/changxin-hongse-weijia/index.html");
    assert!(hant.contains("保留原文：后来不轉換"), "{hant}");
    assert!(hant.contains("头发 后来"), "{hant}");
    assert!(hant.contains("干部 头发"), "{hant}");
    assert!(!hant.contains("-{"), "{hant}");
}

#[test]
fn links_to_content_files_lead_to_the_same_language() {
    let site = bilingual();
    let hans = site.main_of("stories/changxin-hongse-weijia/index.html");
    let hant = site.main_of("zh-hant/stories/changxin-hongse-weijia/index.html");
    // The fragment is the heading's Chinese id, percent-encoded in the href.
    let fragment = "#%E5%B7%A5%E4%BD%9C%E6%96%B9%E6%B3%95";
    let to_hans = format!("href=\"/changxin/workshops/laoshuji/{fragment}\"");
    let to_hant = format!("href=\"/changxin/zh-hant/workshops/laoshuji/{fragment}\"");
    assert!(hans.contains(&to_hans), "{hans}");
    assert!(hant.contains(&to_hant), "{hant}");
    let workshop = site.main_of("workshops/laoshuji/index.html");
    assert!(workshop.contains("id=\"工作方法\""), "{workshop}");
    assert!(hans.contains("href=\"/changxin/about/\""), "{hans}");
}

#[test]
fn pages_declare_language_alternates_and_canonical() {
    let site = bilingual();
    let hant = site.read("zh-hant/stories/xijin-gudu/index.html");
    assert!(hant.contains("<html lang=\"zh-Hant\""), "{hant}");
    for link in [
        "hreflang=\"zh-Hans\" href=\"https://example.org/changxin/stories/xijin-gudu/\"",
        "hreflang=\"zh-Hant\" href=\"https://example.org/changxin/zh-hant/stories/xijin-gudu/\"",
        "hreflang=\"x-default\" href=\"https://example.org/changxin/stories/xijin-gudu/\"",
    ] {
        assert!(hant.contains(link), "missing {link}");
    }
    assert!(hant.contains(
        "rel=\"canonical\" href=\"https://example.org/changxin/zh-hant/stories/xijin-gudu/\""
    ));
    let hans = site.read("stories/xijin-gudu/index.html");
    assert!(hans.contains("<html lang=\"zh-Hans\""));
    assert!(
        hans.contains("href=\"/changxin/zh-hant/stories/xijin-gudu/\""),
        "no language switch"
    );
}

#[test]
fn two_builds_with_the_same_now_are_byte_identical() {
    let site = bilingual();
    let first: Vec<(String, Vec<u8>)> = site
        .paths()
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(site.out().join(&p)).unwrap();
            (p, bytes)
        })
        .collect();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let second: Vec<(String, Vec<u8>)> = site
        .paths()
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(site.out().join(&p)).unwrap();
            (p, bytes)
        })
        .collect();
    assert_eq!(first.len(), second.len());
    for ((p1, b1), (p2, b2)) in first.iter().zip(&second) {
        assert_eq!(p1, p2);
        assert!(b1 == b2, "{p1} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = bilingual();
    let before = site.read("stories/xijin-gudu/index.html");
    site.write(
        "content/stories/xijin-gudu.md",
        "---\ntitle: 缺了日期\ncommunity: 西津古渡社區\n---\n正文\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/stories/xijin-gudu.md"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("stories/xijin-gudu/index.html"), before);
}

#[test]
fn refuses_to_write_over_the_site_or_a_foreign_folder() {
    let site = SiteTest::fixture("bilingual");
    let root = site.root().display().to_string();
    let run = site.run(&["build", "--out", &root]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(site.root().join("content/pages/about.md").exists());

    site.write("elsewhere/keep.txt", "居民的资料");
    let elsewhere = site.root().join("elsewhere").display().to_string();
    let run = site.run(&["build", "--out", &elsewhere]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(site.root().join("elsewhere/keep.txt").exists());
}

#[test]
fn upcoming_and_past_lectures_are_split_at_now() {
    let site = bilingual();
    let list = site.main_of("lectures/index.html");
    let upcoming = list
        .find("网格里的邻里事")
        .expect("upcoming lecture listed");
    let cancelled = list.find("家风故事会").expect("cancelled lecture listed");
    let past = list.find("垃圾分类").expect("past lecture listed");
    assert!(upcoming < cancelled && cancelled < past, "{list}");
    assert!(list.contains("已取消"), "{list}");
}

#[test]
fn raw_html_text_is_converted_and_its_markup_is_not() {
    let site = SiteTest::fixture("bilingual");
    site.write(
        "content/stories/shequ-huodong.md",
        "---\ntitle: 社区活动\ndate: 2023-06-01\ncommunity: 长欣公寓社区\n---\n\n\
         <div class=\"note\" title=\"社区发展\">社区发展&nbsp;<!-- 头发 --></div>\n\n\
         居民<span data-x=\"头发\">党员志愿者</span>，<code>干部</code>。\n\n\
         <pre>\n头发\n</pre>\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    let hant = site.main_of("zh-hant/stories/shequ-huodong/index.html");
    assert!(
        hant.contains("<div class=\"note\" title=\"社區發展\">社區發展&nbsp;<!-- 头发 --></div>"),
        "{hant}"
    );
    assert!(
        hant.contains("居民<span data-x=\"头发\">黨員志願者</span>，<code>干部</code>。"),
        "{hant}"
    );
    assert!(hant.contains("<pre>\n头发\n</pre>"), "{hant}");
    let hans = site.main_of("stories/shequ-huodong/index.html");
    assert!(
        hans.contains("<div class=\"note\" title=\"社区发展\">社区发展&nbsp;"),
        "{hans}"
    );
}
