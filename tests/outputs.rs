//! The files beside the pages: sitemap.xml, robots.txt, the Atom feeds, the lecture
//! calendars, and the JSON-LD in the pages' heads, built from the bilingual fixture.

mod support;

use support::SiteTest;

const BASE: &str = "https://example.org/changxin/";
const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";
const LECTURES: [&str; 3] = ["upcoming", "past", "cancelled"];

fn bilingual() -> SiteTest {
    let site = SiteTest::fixture("bilingual");
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    site
}

/// One `<url>` of the sitemap: its `loc`, `lastmod` and (hreflang, href) alternates.
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
    alternates: Vec<(String, String)>,
}

fn sitemap_entries(xml: &str) -> Vec<SitemapEntry> {
    let doc = roxmltree::Document::parse(xml).expect("sitemap.xml is well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name((SITEMAP, "urlset")));
    root.children()
        .filter(|n| n.has_tag_name((SITEMAP, "url")))
        .map(|url| {
            let child_text = |name: &str| {
                url.children()
                    .find(|n| n.has_tag_name((SITEMAP, name)))
                    .and_then(|n| n.text())
                    .map(str::to_string)
            };
            SitemapEntry {
                loc: child_text("loc").expect("every url has a loc"),
                lastmod: child_text("lastmod"),
                alternates: url
                    .children()
                    .filter(|n| n.has_tag_name((XHTML, "link")))
                    .map(|link| {
                        assert_eq!(link.attribute("rel"), Some("alternate"));
                        (
                            link.attribute("hreflang").expect("hreflang").to_string(),
                            link.attribute("href").expect("href").to_string(),
                        )
                    })
                    .collect(),
            }
        })
        .collect()
}

#[test]
fn sitemap_lists_every_page_of_both_languages_with_alternates() {
    let site = bilingual();
    let entries = sitemap_entries(&site.read("sitemap.xml"));
    let locs: Vec<&str> = entries.iter().map(|e| e.loc.as_str()).collect();
    // Every page but the 404 and search pages (the fixture has no redirects) and the
    // posters, which are for printing (noindex).
    let pages: Vec<String> = site
        .paths()
        .into_iter()
        .filter(|p| {
            p.ends_with("index.html")
                && !p.contains("/poster/")
                && !p.ends_with("search/index.html")
        })
        .collect();
    assert_eq!(entries.len(), pages.len(), "{locs:#?}");
    for page in &pages {
        let url = format!("{BASE}{}", page.trim_end_matches("index.html"));
        assert!(locs.contains(&url.as_str()), "{url} not in {locs:#?}");
    }
    assert!(!locs.iter().any(|l| l.contains("404")), "{locs:#?}");
    for entry in &entries {
        let hreflangs: Vec<&str> = entry.alternates.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(
            hreflangs,
            ["zh-Hans", "zh-Hant", "x-default"],
            "{}",
            entry.loc
        );
        let href = |lang: &str| {
            entry
                .alternates
                .iter()
                .find(|(h, _)| h == lang)
                .map(|(_, href)| href.as_str())
        };
        assert_eq!(href("x-default"), href("zh-Hans"), "{}", entry.loc);
        assert!(
            entry.alternates.iter().any(|(_, h)| *h == entry.loc),
            "{} is not among its own alternates",
            entry.loc
        );
    }
}

#[test]
fn sitemap_dates_stories_only() {
    let site = bilingual();
    let entries = sitemap_entries(&site.read("sitemap.xml"));
    let lastmod = |loc: &str| {
        entries
            .iter()
            .find(|e| e.loc == loc)
            .unwrap_or_else(|| panic!("{loc} not in the sitemap"))
            .lastmod
            .clone()
    };
    let story = format!("{BASE}zh-hant/stories/xijin-gudu/");
    // `date: 2023/10/8`, without a time: the date alone.
    assert_eq!(lastmod(&story).as_deref(), Some("2023-10-08"));
    assert_eq!(lastmod(&format!("{BASE}about/")), None);
    assert_eq!(lastmod(&format!("{BASE}lectures/upcoming/")), None);
}

#[test]
fn robots_txt_names_the_sitemap_under_the_base_path() {
    let site = bilingual();
    let robots = site.read("robots.txt");
    assert!(robots.starts_with("User-agent: *\n"), "{robots}");
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://example.org/changxin/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn a_site_without_base_url_names_no_sitemap_in_robots_txt() {
    let site = SiteTest::fixture("bilingual");
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let config: String = config
        .lines()
        .filter(|l| !l.starts_with("base_url:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("site.yaml", config);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let robots = site.read("robots.txt");
    assert!(!robots.contains("Sitemap"), "{robots}");
    assert!(site.exists("sitemap.xml"));
}

/// (id, title, published, summary, content) of each entry, and the feed's `xml:lang`.
fn feed_entries(xml: &str) -> (String, Vec<[String; 5]>) {
    let doc = roxmltree::Document::parse(xml).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    let lang = feed
        .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
        .expect("xml:lang on <feed>")
        .to_string();
    let entries = feed
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .map(|entry| {
            let text = |name: &str| {
                entry
                    .children()
                    .find(|n| n.has_tag_name((ATOM, name)))
                    .and_then(|n| n.text())
                    .unwrap_or("")
                    .to_string()
            };
            [
                text("id"),
                text("title"),
                text("published"),
                text("summary"),
                text("content"),
            ]
        })
        .collect();
    (lang, entries)
}

#[test]
fn traditional_feed_is_in_traditional_script_newest_first() {
    let site = bilingual();
    let (lang, entries) = feed_entries(&site.read("zh-hant/atom.xml"));
    assert_eq!(lang, "zh-Hant");
    let ids: Vec<&str> = entries.iter().map(|e| e[0].as_str()).collect();
    assert_eq!(
        ids,
        [
            format!("{BASE}zh-hant/stories/xijin-gudu/"),
            format!("{BASE}zh-hant/stories/changxin-hongse-weijia/"),
        ],
        "newest first, the draft left out"
    );
    let story = &entries[1];
    assert_eq!(story[1], "長欣“紅色微家”的頭髮與發展");
    // Atom needs a time: midnight in the site's zone, not the day before in UTC.
    assert_eq!(story[2], "2023-05-01T00:00:00+08:00");
    assert_eq!(story[3], "八位掌門人把黨員中心戶變成了居民身邊的服務站。");
    assert!(story[4].contains("幹部們後來發現"), "{}", story[4]);
    assert!(
        story[4].contains("href=\"/changxin/zh-hant/about/\""),
        "{}",
        story[4]
    );
    // A traditional source is verbatim in the traditional feed.
    assert!(entries[0][4].contains("社區在乾元裡設立議事角"));
}

#[test]
fn simplified_feed_is_at_the_root_in_simplified_script() {
    let site = bilingual();
    let (lang, entries) = feed_entries(&site.read("atom.xml"));
    assert_eq!(lang, "zh-Hans");
    assert_eq!(entries[0][0], format!("{BASE}stories/xijin-gudu/"));
    assert_eq!(entries[0][1], "西津古渡社区的全域党建");
    assert!(entries[0][4].contains("西津古渡社区发挥红色主轴枢纽作用"));
}

#[test]
fn every_page_links_the_feed_of_its_language() {
    let site = bilingual();
    let hant = site.read("zh-hant/lectures/upcoming/index.html");
    assert!(
        hant.contains(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"長欣社區“紅色微家”\" href=\"/changxin/zh-hant/atom.xml\">"
        ),
        "{hant}"
    );
    let hans = site.read("index.html");
    assert!(
        hans.contains(
            "type=\"application/atom+xml\" title=\"长欣社区“红色微家”\" href=\"/changxin/atom.xml\""
        ),
        "{hans}"
    );
}

/// The content lines of an `.ics`, unfolded, after checking its line ends.
fn ics_lines(ics: &str) -> Vec<String> {
    assert!(ics.ends_with("\r\n"), "{ics:?}");
    assert!(
        !ics.replace("\r\n", "").contains(['\r', '\n']),
        "a line end other than CRLF: {ics:?}"
    );
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
    }
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn property<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
    lines
        .iter()
        .filter_map(|l| {
            let (key, value) = l.split_once(':')?;
            (key == name || key.starts_with(&format!("{name};"))).then_some(value)
        })
        .collect()
}

#[test]
fn every_lecture_has_its_ics_in_both_languages() {
    let site = bilingual();
    for slug in LECTURES {
        for prefix in ["", "zh-hant/"] {
            let path = format!("{prefix}lectures/{slug}/{slug}.ics");
            let lines = ics_lines(&site.read(&path));
            assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
            assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
            assert_eq!(property(&lines, "BEGIN").len(), 2, "{path}");
            assert_eq!(
                property(&lines, "UID"),
                [format!("changxin/lectures/{slug}@example.org")],
                "{path}: one UID in every language"
            );
            assert_eq!(property(&lines, "DTSTAMP"), ["20240501T020000Z"], "{path}");
            assert_eq!(
                property(&lines, "URL"),
                [format!("{BASE}{prefix}lectures/{slug}/")],
                "{path}"
            );
        }
    }
}

#[test]
fn lecture_ics_is_in_the_script_of_its_language() {
    let site = bilingual();
    let hant = ics_lines(&site.read("zh-hant/lectures/upcoming/upcoming.ics"));
    let summary = property(&hant, "SUMMARY").concat();
    assert!(
        summary.starts_with("紅色微家講堂：網格") && summary.ends_with("的鄰里事"),
        "{summary}"
    );
    // The venue, then its workshop's address (see #14).
    assert_eq!(
        property(&hant, "LOCATION"),
        ["長欣公寓社區黨群服務中心一樓，長欣公寓社區黨群服務中心二樓"]
    );
    let description = property(&hant, "DESCRIPTION").join("\n");
    assert!(
        description.contains("主講人：李明華（社區網格員）"),
        "{description}"
    );
    assert_eq!(property(&hant, "DTSTART"), ["20240510T063000Z"]);
    assert_eq!(property(&hant, "DTEND"), ["20240510T080000Z"]);
    assert!(hant.contains(&format!("SUMMARY;LANGUAGE=zh-Hant:{summary}")));
    let hans = ics_lines(&site.read("lectures/upcoming/upcoming.ics"));
    assert_eq!(property(&hans, "SUMMARY"), ["红色微家讲堂：网格里的邻里事"]);
}

#[test]
fn cancelled_lecture_is_cancelled_in_its_calendar() {
    let site = bilingual();
    let hans = ics_lines(&site.read("lectures/cancelled/cancelled.ics"));
    assert_eq!(property(&hans, "STATUS"), ["CANCELLED"]);
    assert_eq!(
        property(&hans, "SUMMARY"),
        ["【已取消】红色微家讲堂：家风故事会"]
    );
    let hant = ics_lines(&site.read("zh-hant/lectures/cancelled/cancelled.ics"));
    assert_eq!(property(&hant, "STATUS"), ["CANCELLED"]);
    assert_eq!(
        property(&hant, "SUMMARY"),
        ["【已取消】紅色微家講堂：家風故事會"]
    );
    let upcoming = ics_lines(&site.read("lectures/upcoming/upcoming.ics"));
    assert_eq!(property(&upcoming, "STATUS"), ["CONFIRMED"]);
}

#[test]
fn the_calendar_holds_every_lecture() {
    let site = bilingual();
    for prefix in ["", "zh-hant/"] {
        let lines = ics_lines(&site.read(&format!("{prefix}lectures/calendar.ics")));
        let mut uids = property(&lines, "UID");
        uids.sort_unstable();
        assert_eq!(
            uids,
            [
                "changxin/lectures/cancelled@example.org",
                "changxin/lectures/past@example.org",
                "changxin/lectures/upcoming@example.org",
            ],
            "{prefix}"
        );
        // Ordered by start: the past lecture first.
        assert_eq!(
            property(&lines, "UID").first().copied(),
            Some("changxin/lectures/past@example.org")
        );
    }
    let hant = ics_lines(&site.read("zh-hant/lectures/calendar.ics"));
    assert_eq!(
        property(&hant, "X-WR-CALNAME"),
        ["長欣社區“紅色微家” · 講堂"]
    );
}

/// The JSON-LD of a built page, parsed.
fn jsonld(site: &SiteTest, path: &str) -> serde_json::Value {
    let html = site.read(path);
    let open = "<script type=\"application/ld+json\">";
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("no JSON-LD in {path}"))
        + open.len();
    let end = start + html[start..].find("</script>").expect("</script>");
    serde_json::from_str(&html[start..end])
        .unwrap_or_else(|e| panic!("the JSON-LD of {path} does not parse: {e}"))
}

#[test]
fn story_pages_carry_an_article_in_their_script() {
    let site = bilingual();
    let ld = jsonld(&site, "zh-hant/stories/changxin-hongse-weijia/index.html");
    assert_eq!(ld["@type"], "Article");
    assert_eq!(ld["headline"], "長欣“紅色微家”的頭髮與發展");
    assert_eq!(ld["inLanguage"], "zh-Hant");
    assert_eq!(ld["datePublished"], "2023-05-01");
    assert_eq!(ld["author"]["name"], "社區宣傳組");
    assert_eq!(ld["publisher"]["name"], "長欣社區“紅色微家”");
    assert_eq!(
        ld["url"],
        format!("{BASE}zh-hant/stories/changxin-hongse-weijia/")
    );
    // A story without an author is the site's.
    let unsigned = jsonld(&site, "stories/xijin-gudu/index.html");
    assert_eq!(unsigned["author"]["@type"], "Organization");
    assert_eq!(unsigned["author"]["name"], "长欣社区“红色微家”");
}

#[test]
fn lecture_pages_carry_an_event_with_its_status() {
    let site = bilingual();
    let ld = jsonld(&site, "lectures/upcoming/index.html");
    assert_eq!(ld["@type"], "Event");
    assert_eq!(ld["name"], "红色微家讲堂：网格里的邻里事");
    assert_eq!(ld["startDate"], "2024-05-10T14:30:00+08:00");
    assert_eq!(ld["endDate"], "2024-05-10T16:00:00+08:00");
    assert_eq!(ld["location"]["name"], "长欣公寓社区党群服务中心一楼");
    assert_eq!(ld["performer"]["name"], "李明华");
    assert_eq!(ld["organizer"]["name"], "“老书记”工作室");
    let cancelled = jsonld(&site, "zh-hant/lectures/cancelled/index.html");
    assert_eq!(
        cancelled["eventStatus"],
        "https://schema.org/EventCancelled"
    );
    assert_eq!(cancelled["name"], "紅色微家講堂：家風故事會");
    assert_eq!(cancelled["inLanguage"], "zh-Hant");
}

/// The bilingual fixture with a story dated to the minute beside its date-only stories.
fn with_a_timed_story() -> SiteTest {
    let site = SiteTest::fixture("bilingual");
    site.write(
        "content/stories/yishiting.md",
        "---\ntitle: 议事厅开门了\ndate: 2024-05-01 09:30\ncommunity: 长欣公寓社区\n---\n\n\
         老书记把自家客厅变成了居民议事的地方。\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    site
}

#[test]
fn dates_say_what_is_known_in_json_ld_sitemap_and_feed() {
    let site = with_a_timed_story();
    // `date: 2023年5月1日` has no time; `date: 2024-05-01 09:30` has one.
    let cases = [
        (
            "stories/changxin-hongse-weijia/",
            "2023-05-01",
            "2023-05-01T00:00:00+08:00",
        ),
        (
            "stories/yishiting/",
            "2024-05-01T09:30:00+08:00",
            "2024-05-01T09:30:00+08:00",
        ),
    ];
    let sitemap = sitemap_entries(&site.read("sitemap.xml"));
    for prefix in ["", "zh-hant/"] {
        let (_, feed) = feed_entries(&site.read(&format!("{prefix}atom.xml")));
        for (path, known, atom) in cases {
            let url = format!("{BASE}{prefix}{path}");
            let ld = jsonld(&site, &format!("{prefix}{path}index.html"));
            assert_eq!(ld["datePublished"], known, "{url}");
            let entry = sitemap
                .iter()
                .find(|e| e.loc == url)
                .unwrap_or_else(|| panic!("{url} not in the sitemap"));
            assert_eq!(entry.lastmod.as_deref(), Some(known), "{url}");
            let published = feed
                .iter()
                .find(|e| e[0] == url)
                .map(|e| e[2].as_str())
                .unwrap_or_else(|| panic!("{url} not in the feed"));
            assert_eq!(published, atom, "{url}");
        }
    }
}

#[test]
fn other_pages_carry_no_json_ld() {
    let site = bilingual();
    for page in [
        "index.html",
        "workshops/laoshuji/index.html",
        "about/index.html",
    ] {
        assert!(!site.read(page).contains("application/ld+json"), "{page}");
    }
}

#[test]
fn feeds_and_calendars_are_byte_identical_across_builds() {
    let site = bilingual();
    let files: Vec<String> = site
        .paths()
        .into_iter()
        .filter(|p| !p.ends_with(".html") && !p.starts_with("theme/") && !p.starts_with('.'))
        .filter(|p| !p.starts_with("search-index/"))
        .collect();
    let mut expected = vec![
        "robots.txt".to_string(),
        "share.png".to_string(),
        "sitemap.xml".to_string(),
    ];
    for prefix in ["", "zh-hant/"] {
        expected.push(format!("{prefix}atom.xml"));
        expected.push(format!("{prefix}lectures/calendar.ics"));
        for slug in LECTURES {
            expected.push(format!("{prefix}lectures/{slug}/{slug}.ics"));
        }
    }
    expected.sort();
    assert_eq!(files, expected);
    let first: Vec<Vec<u8>> = files
        .iter()
        .map(|p| std::fs::read(site.out().join(p)).unwrap())
        .collect();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (path, before) in files.iter().zip(&first) {
        let after = std::fs::read(site.out().join(path)).unwrap();
        assert!(*before == after, "{path} differs between two builds");
    }
}

#[test]
fn calendar_stamps_follow_now_not_the_clock() {
    let site = SiteTest::fixture("bilingual").now("2024-06-01T08:00+08:00");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = ics_lines(&site.read("lectures/calendar.ics"));
    assert!(
        property(&lines, "DTSTAMP")
            .iter()
            .all(|s| *s == "20240601T000000Z"),
        "{lines:#?}"
    );
}
