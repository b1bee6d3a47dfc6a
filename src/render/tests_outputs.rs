//! The sitemap, feeds, calendars and JSON-LD of the in-memory site of `tests.rs`, in the
//! cases the fixture sites do not hold: postponed and all-day lectures, redirects, long feeds.

use crate::content::{Kind, LectureStatus};
use crate::output::OutputBody;
use crate::site::Site;

use super::FEED_ENTRIES;
use super::tests::{config, render_site, test_site};

fn lecture_mut<'a>(site: &'a mut Site, source: &str) -> &'a mut crate::content::Lecture {
    let i = site.entry_by_source(source).expect("the test site has it");
    match &mut site.entries[i].doc.kind {
        Kind::Lecture(lecture) => lecture,
        other => panic!("{source} is {other:?}"),
    }
}

const UPCOMING: &str = "content/lectures/jiafeng-jiangtang.md";

#[test]
fn a_postponed_lecture_is_tentative_and_marked_in_both_scripts() {
    let mut site = test_site(config());
    lecture_mut(&mut site, UPCOMING).status = LectureStatus::Postponed;
    let built = render_site(&site, &[]);
    let hans = built.html("lectures/jiafeng-jiangtang/jiafeng-jiangtang.ics");
    assert!(hans.contains("\r\nSTATUS:TENTATIVE\r\n"), "{hans}");
    assert!(
        hans.contains("SUMMARY;LANGUAGE=zh-Hans:【已延期】家风家训与邻里和睦\r\n"),
        "{hans}"
    );
    let hant = built.html("zh-hant/lectures/jiafeng-jiangtang/jiafeng-jiangtang.ics");
    assert!(
        hant.contains("SUMMARY;LANGUAGE=zh-Hant:【已延期】家風家訓與鄰里和睦\r\n"),
        "{hant}"
    );
    let page = built.html("zh-hant/lectures/jiafeng-jiangtang/index.html");
    assert!(
        page.contains("\"eventStatus\": \"https://schema.org/EventPostponed\""),
        "{page}"
    );
}

#[test]
fn a_lecture_without_a_time_is_a_whole_day() {
    let mut site = test_site(config());
    let lecture = lecture_mut(&mut site, UPCOMING);
    lecture.start.has_time = false;
    lecture.end = None;
    let built = render_site(&site, &[]);
    let ics = built.html("lectures/jiafeng-jiangtang/jiafeng-jiangtang.ics");
    assert!(ics.contains("\r\nDTSTART;VALUE=DATE:20261205\r\n"), "{ics}");
    assert!(ics.contains("\r\nDTEND;VALUE=DATE:20261206\r\n"), "{ics}");
    let page = built.html("lectures/jiafeng-jiangtang/index.html");
    assert!(page.contains("\"startDate\": \"2026-12-05\""), "{page}");
}

#[test]
fn lecture_details_are_in_the_calendar_description() {
    let built = render_site(&test_site(config()), &[]);
    let ics = built.html("zh-hant/lectures/jiafeng-jiangtang/jiafeng-jiangtang.ics");
    let unfolded = ics.replace("\r\n ", "");
    let description = unfolded
        .lines()
        .filter_map(|l| l.strip_prefix("DESCRIPTION;LANGUAGE=zh-Hant:"))
        .nth(1)
        .expect("the calendar's description, then the event's");
    assert_eq!(
        description,
        "主講人：王曉梅（社區講師）\\n報名方式：電話報名：0510-00000000\\n名額：40 人\\n\
         歡迎社區居民參加。\\nhttps://example.org/changxin/zh-hant/lectures/jiafeng-jiangtang/"
    );
    assert!(
        unfolded.contains(
            "ORGANIZER;CN=\"“老書記”工作室\":https://example.org/changxin/zh-hant/workshops/laoshuji/"
        ),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("CATEGORIES;LANGUAGE=zh-Hant:長欣講堂"),
        "{unfolded}"
    );
}

#[test]
fn the_sitemap_leaves_out_redirects_and_not_found_pages() {
    let built = render_site(&test_site(config()), &[]);
    assert!(built.output.files.contains_key("old/yishiting/index.html"));
    let sitemap = built.html("sitemap.xml");
    assert!(!sitemap.contains("old/yishiting"), "{sitemap}");
    assert!(!sitemap.contains("404"), "{sitemap}");
    assert!(
        sitemap.contains("<loc>https://example.org/changxin/zh-hant/stories/page/2/</loc>"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("<loc>https://example.org/changxin/tags/jiafeng/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn a_static_robots_txt_replaces_the_generated_one() {
    let mine = vec![(
        "robots.txt".to_string(),
        OutputBody::Bytes(b"User-agent: *\nDisallow: /\n".to_vec().into()),
    )];
    let built = render_site(&test_site(config()), &mine);
    assert_eq!(built.html("robots.txt"), "User-agent: *\nDisallow: /\n");
    assert!(built.diagnostics.is_empty(), "{:?}", built.diagnostics);
}

#[test]
fn the_feed_carries_the_latest_stories_only() {
    let mut site = test_site(config());
    let newest = site.stories[0];
    let mut added = Vec::new();
    for n in 0..FEED_ENTRIES {
        let mut entry = site.entries[newest].clone();
        entry.path = format!("/stories/extra-{n:02}/");
        entry.doc.slug = format!("extra-{n:02}");
        entry.doc.source = format!("content/stories/extra-{n:02}.md");
        if let Kind::Story(story) = &mut entry.doc.kind {
            let days = jiff::ToSpan::days(i64::try_from(FEED_ENTRIES - n).unwrap());
            story.date.zoned = story.date.zoned.checked_add(days).unwrap();
        }
        site.entries.push(entry);
        added.push(site.entries.len() - 1);
    }
    site.stories.splice(0..0, added);
    let built = render_site(&site, &[]);
    let feed = built.html("atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let ids: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| e.children().find(|c| c.has_tag_name("id"))?.text())
        .collect();
    assert_eq!(ids.len(), FEED_ENTRIES);
    assert_eq!(
        ids.first().copied(),
        Some("https://example.org/changxin/stories/extra-00/")
    );
    assert!(!ids.iter().any(|id| id.ends_with("/haojiafeng/")));
}

const YISHITING: &str = "content/stories/yishiting.md";

fn story_date_mut<'a>(site: &'a mut Site, source: &str) -> &'a mut crate::content::When {
    let i = site.entry_by_source(source).expect("the test site has it");
    match &mut site.entries[i].doc.kind {
        Kind::Story(story) => &mut story.date,
        other => panic!("{source} is {other:?}"),
    }
}

#[test]
fn a_story_without_a_time_is_dated_by_its_day_but_at_local_midnight_in_the_feed() {
    let built = render_site(&test_site(config()), &[]);
    for prefix in ["", "zh-hant/"] {
        let page = built.html(&format!("{prefix}stories/yishiting/index.html"));
        assert!(page.contains("\"datePublished\": \"2023-05-01\""), "{page}");
        let feed = built.html(&format!("{prefix}atom.xml"));
        assert!(
            feed.contains("<published>2023-05-01T00:00:00+08:00</published>"),
            "{feed}"
        );
        assert!(!feed.contains("2023-04-30"), "{feed}");
    }
    let sitemap = built.html("sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://example.org/changxin/zh-hant/stories/yishiting/</loc>\n    \
             <lastmod>2023-05-01</lastmod>"
        ),
        "{sitemap}"
    );
}

#[test]
fn a_story_time_written_with_another_offset_is_given_in_the_site_zone() {
    let mut site = test_site(config());
    *story_date_mut(&mut site, YISHITING) = crate::content::When {
        zoned: "2023-04-30T17:30:00+00:00[UTC]".parse().unwrap(),
        has_time: true,
    };
    let built = render_site(&site, &[]);
    let page = built.html("stories/yishiting/index.html");
    assert!(
        page.contains("\"datePublished\": \"2023-05-01T01:30:00+08:00\""),
        "{page}"
    );
    let feed = built.html("atom.xml");
    assert!(
        feed.contains("<published>2023-05-01T01:30:00+08:00</published>"),
        "{feed}"
    );
    let sitemap = built.html("sitemap.xml");
    assert!(
        sitemap.contains("<lastmod>2023-05-01T01:30:00+08:00</lastmod>"),
        "{sitemap}"
    );
}
