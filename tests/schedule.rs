//! Posts that wait for their date (`publish:`) and posts that expire (`expires:`), built with
//! the real binary at a `--now` before and after their dates: absent from every output
//! file, then present in each.

#![allow(clippy::unwrap_used)]

mod support;

use support::SiteTest;

const BEFORE: &str = "2024-05-01T10:00+08:00";
const AFTER: &str = "2024-05-21T10:00+08:00";

/// Titles chosen to read the same in both scripts, so one search finds every language.
const STORY: &str = "---
title: 冬至品茗
date: 2024-05-20
community: 长欣公寓社区
tags: [品茗]
workshops: [laoshuji]
aliases: [/old/pinming/]
publish: 2024年5月20日 8:00
---

居民在党群服务中心一起喝茶聊天。
";

const LECTURE: &str = "---
title: 春日花市
start: 2024-06-01 14:30
venue: 长欣公寓社区党群服务中心一楼
speaker: 李明华
workshop: laoshuji
tags: [花市]
publish: 2024/5/20 08:00
---

讲一讲社区花市的来历。
";

const PAGE: &str = "---
title: 立秋拾穗
publish: 2024.5.20 8:00
---

这是一张还没到时间的页面。
";

const EXPIRING: &str = "---
title: 端午香包
date: 2024-04-20
community: 长欣公寓社区
tags: [香包]
expires: 2024-05-10
---

社区志愿者教孩子们缝制香包。
";

fn scheduled_site(now: &str) -> SiteTest {
    let site = SiteTest::fixture("bilingual").now(now);
    site.write("content/stories/pinming/index.md", STORY)
        .write("content/stories/pinming/chaju.txt", "茶具清单")
        .write("content/lectures/huashi.md", LECTURE)
        .write("content/pages/shisui.md", PAGE)
        .write("content/stories/xiangbao.md", EXPIRING);
    site
}

/// Every output file whose text holds `needle`.
fn files_mentioning(site: &SiteTest, needle: &str) -> Vec<String> {
    site.paths()
        .into_iter()
        .filter(|path| {
            let bytes = std::fs::read(site.out().join(path)).unwrap();
            String::from_utf8_lossy(&bytes).contains(needle)
        })
        .collect()
}

/// `text` (what the binary printed) holds `needle`.
fn assert_says(text: &str, needle: &str) {
    assert!(text.contains(needle), "{needle} not in:\n{text}");
}

/// Every one of `paths` is among `found`.
fn assert_all_in(found: &[String], paths: &[&str]) {
    for path in paths {
        assert!(found.iter().any(|f| f == path), "{path} in {found:?}");
    }
}

fn built(site: &SiteTest) -> support::Run {
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

#[test]
fn waiting_story_lecture_and_page_are_in_no_output_before_their_date() {
    let site = scheduled_site(BEFORE);
    built(&site);
    for needle in [
        "冬至品茗",
        "pinming",
        "春日花市",
        "huashi",
        "立秋拾穗",
        "shisui",
    ] {
        assert_eq!(
            files_mentioning(&site, needle),
            Vec::<String>::new(),
            "{needle}"
        );
    }
    // The rest of the site is built as usual.
    assert!(site.exists("stories/xijin-gudu/index.html"));
    assert!(
        site.read("workshops/laoshuji/index.html")
            .contains("西津古渡")
    );
}

#[test]
fn waiting_story_lecture_and_page_are_in_every_output_after_their_date() {
    let site = scheduled_site(AFTER);
    built(&site);
    let story = files_mentioning(&site, "冬至品茗");
    assert_all_in(
        &story,
        &[
            "stories/pinming/index.html",
            "zh-hant/stories/pinming/index.html",
            "stories/index.html",
            "zh-hant/stories/index.html",
            "index.html",
            "tags/pinming/index.html",
            "workshops/laoshuji/index.html",
            "atom.xml",
            "zh-hant/atom.xml",
            "old/pinming/index.html",
        ],
    );
    assert!(site.read("sitemap.xml").contains("/stories/pinming/"));
    assert_eq!(site.read("stories/pinming/chaju.txt"), "茶具清单");
    assert!(story.iter().any(|p| p.starts_with("search-index/d/")));
    let lecture = files_mentioning(&site, "春日花市");
    assert_all_in(
        &lecture,
        &[
            "lectures/huashi/index.html",
            "zh-hant/lectures/huashi/index.html",
            "lectures/index.html",
            "lectures/calendar.ics",
            "lectures/huashi/huashi.ics",
            "lectures/poster/index.html",
            "tags/huashi/index.html",
            "workshops/laoshuji/index.html",
            "search-index/d/0.js",
        ],
    );
    assert!(site.read("zh-hant/shisui/index.html").contains("立秋拾穗"));
    assert!(site.read("sitemap.xml").contains("/shisui/"));
    // A published page never carries the preview's mark.
    for mark in [
        "class=\"wrap schedule-note",
        "class=\"badge badge--waiting",
        "未发布",
        "未發佈",
        "未發布",
    ] {
        assert!(files_mentioning(&site, mark).is_empty(), "{mark}");
    }
}

#[test]
fn expired_story_is_in_every_output_before_its_date_and_in_none_after() {
    let before = scheduled_site(BEFORE);
    built(&before);
    let found = files_mentioning(&before, "端午香包");
    assert_all_in(
        &found,
        &[
            "stories/xiangbao/index.html",
            "zh-hant/stories/xiangbao/index.html",
            "tags/xiangbao/index.html",
            "atom.xml",
        ],
    );
    let after = scheduled_site(AFTER);
    built(&after);
    for needle in ["端午香包", "xiangbao"] {
        assert_eq!(
            files_mentioning(&after, needle),
            Vec::<String>::new(),
            "{needle}"
        );
    }
    // Its old URL is now answered by the host with the site's 404 page.
    assert!(after.exists("404.html"));
}

#[test]
fn summary_names_how_many_wait_and_when_to_build_again() {
    let site = scheduled_site(BEFORE);
    let run = built(&site);
    assert_says(
        &run.stdout,
        "3 篇定时发布，最早 2024-05-20 08:00 发布，还没有生成",
    );
    // The expiring story goes away before the waiting ones come out.
    assert_says(
        &run.stdout,
        "下次需要在 2024-05-10 重新生成，网站才会按时更新",
    );
    let later = scheduled_site("2024-05-15T10:00+08:00");
    let run = built(&later);
    assert_says(&run.stdout, "1 篇已过下线时间，没有生成");
    assert_says(&run.stdout, "下次需要在 2024-05-20 08:00 重新生成");
    let done = scheduled_site(AFTER);
    let run = built(&done);
    assert!(!run.stdout.contains("定时发布"), "{}", run.stdout);
    assert!(!run.stdout.contains("下次需要"), "{}", run.stdout);
}

#[test]
fn a_link_to_a_waiting_page_is_an_error_that_names_its_date() {
    let site = scheduled_site(BEFORE);
    site.write(
        "content/pages/about.md",
        "---\ntitle: 关于我们\n---\n\n请看[品茗活动](../stories/pinming/index.md)。\n\n[繁体版](/zh-hant/stories/pinming/)\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_says(&run.stderr, "content/pages/about.md:5:");
    assert_says(
        &run.stderr,
        "指向的《冬至品茗》要到 2024-05-20 08:00 才发布",
    );
    assert_says(
        &run.stderr,
        "content/pages/about.md:7:1: 错误：链接 `/zh-hant/stories/pinming/` 指向的《冬至品茗》要到",
    );
    assert_says(&run.stderr, "publish: 2024-05-20 08:00");
    // Once the date has come, the same link is an ordinary one.
    let after = scheduled_site(AFTER);
    after.write(
        "content/pages/about.md",
        "---\ntitle: 关于我们\n---\n\n请看[品茗活动](../stories/pinming/index.md)。\n",
    );
    built(&after);
    assert!(
        after
            .read("about/index.html")
            .contains("href=\"/changxin/stories/pinming/\"")
    );
}

#[test]
fn a_link_to_an_expired_page_only_warns_so_the_page_still_goes_offline() {
    let site = scheduled_site(AFTER);
    site.write(
        "content/pages/about.md",
        "---\ntitle: 关于我们\n---\n\n去年的[香包活动](../stories/xiangbao.md)。\n",
    );
    let run = built(&site);
    assert_says(&run.stderr, "指向的《端午香包》已在 2024-05-10 下线");
    assert!(!site.exists("stories/xiangbao/index.html"));
}

#[test]
fn a_story_naming_a_waiting_workshop_is_an_error() {
    let site = scheduled_site(BEFORE);
    site.write(
        "content/workshops/xin.md",
        "---\ntitle: 新工作室\nleader: 王建国\ncommunity: 长欣公寓社区\npublish: 2024-06-01\n---\n",
    )
    .write(
        "content/stories/a.md",
        "---\ntitle: 新故事\ndate: 2024-04-01\ncommunity: 长欣公寓社区\nworkshops: [xin]\n---\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert_says(
        &run.stderr,
        "`workshops` 里的工作室 `xin` 要到 2024-06-01 才发布",
    );
}

#[test]
fn expires_before_publish_or_before_the_date_is_an_error_at_its_place() {
    let site = SiteTest::fixture("bilingual");
    site.write(
        "content/stories/a.md",
        "---\ntitle: 故事\ndate: 2024-04-01\ncommunity: 长欣公寓社区\npublish: 2024-06-01 08:00\nexpires: 2024-05-01\n---\n",
    )
    .write(
        "content/stories/b.md",
        "---\ntitle: 故事二\ndate: 2024-04-01\ncommunity: 长欣公寓社区\nexpires: 2024年3月1日\n---\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert_says(
        &run.stderr,
        "content/stories/a.md:6:10: 错误：`expires` 的下线时间 2024-05-01 不晚于 `publish` 的定时发布时间 2024-06-01 08:00",
    );
    assert_says(
        &run.stderr,
        "content/stories/b.md:5:10: 错误：`expires` 的下线时间 2024-03-01 不晚于 `date` 的文章日期 2024-04-01",
    );
    assert_says(&run.stderr, "把 `expires:` 改成");
}

#[test]
fn chinese_names_of_the_fields_are_pointed_to_their_english_names() {
    let site = SiteTest::fixture("bilingual");
    site.write(
        "content/pages/a.md",
        "---\ntitle: 页面\n定时发布: 2024-06-01\n下线时间: 2024-07-01\n---\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert_says(&run.stderr, "把 `定时发布` 改成 `publish`");
    assert_says(&run.stderr, "把 `下线时间` 改成 `expires`");
}

#[test]
fn check_treats_waiting_posts_like_drafts() {
    let site = scheduled_site(BEFORE);
    let run = site.run(&["check", "--now", BEFORE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for needle in ["pinming", "huashi", "shisui", "定时", "发布"] {
        assert!(!run.stderr.contains(needle), "{needle}: {}", run.stderr);
    }
}

#[test]
fn check_reports_what_build_would_about_links_and_workshops_that_wait() {
    let site = scheduled_site(BEFORE);
    site.write(
        "content/pages/about.md",
        "---\ntitle: 关于我们\n---\n\n请看[品茗活动](../stories/pinming/index.md)。\n",
    )
    .write(
        "content/workshops/xin.md",
        "---\ntitle: 新工作室\nleader: 王建国\ncommunity: 长欣公寓社区\npublish: 2024-06-01\n---\n",
    )
    .write(
        "content/stories/a.md",
        "---\ntitle: 新故事\ndate: 2024-04-01\ncommunity: 长欣公寓社区\nworkshops: [xin]\n---\n",
    );
    let check = site.run(&["check", "--now", BEFORE]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_says(&check.stderr, "content/pages/about.md:5:");
    assert_says(
        &check.stderr,
        "指向的《冬至品茗》要到 2024-05-20 08:00 才发布",
    );
    assert_says(
        &check.stderr,
        "`workshops` 里的工作室 `xin` 要到 2024-06-01 才发布",
    );
    // A waiting page may link to another one: they come out together.
    let together = scheduled_site(BEFORE);
    together.write(
        "content/pages/shisui.md",
        format!("{PAGE}\n[品茗活动](../stories/pinming/index.md)\n"),
    );
    let check = together.run(&["check", "--now", BEFORE]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(built(&together).code, 0);
}
