//! Tests of the calendar, feed, sitemap and JSON-LD writers, on a lecture series at a
//! community hall and the stories of a community brand.

use jiff::{Timestamp, Zoned};

use crate::content::{LectureStatus, When};

const HOST: &str = "example.org";
const BASE: &str = "https://example.org/changxin/";

fn at(text: &str) -> Zoned {
    text.parse().expect("test times are valid")
}

/// A date with a time (`2024-04-20 09:00`).
fn dated_at(text: &str) -> When {
    When {
        zoned: at(text),
        has_time: true,
    }
}

/// A date written without a time (`2024年5月1日`): midnight in the site's zone.
fn dated(day: &str) -> When {
    When {
        zoned: at(&format!("{day}T00:00[Asia/Shanghai]")),
        has_time: false,
    }
}

fn now() -> Timestamp {
    "2024-05-01T02:00:00Z".parse().expect("valid timestamp")
}

/// A small deterministic generator (xorshift), so the property checks need no crate
/// and fail the same way every time.
struct Strings(u64);

impl Strings {
    const ALPHABET: &'static [char] = &[
        'a', 'Z', '0', ' ', '\\', ';', ',', ':', '"', '^', '\n', '\r', '\t', '\u{7}', '\u{1b}',
        '<', '>', '&', '\'', '中', '國', '讲', '堂', '，', '“', '”', '𠀀', '😀', '\u{2028}',
        '\u{FFFE}', 'é',
    ];

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn string(&mut self) -> String {
        let len = (self.next() % 160) as usize;
        (0..len)
            .map(|_| Self::ALPHABET[(self.next() % Self::ALPHABET.len() as u64) as usize])
            .collect()
    }
}

mod calendar {
    use super::*;
    use crate::render::calendar::{
        CalEvent, Calendar, DEFAULT_DURATION, Organizer, escape_text, event_end, fold, render,
    };

    fn lecture_three() -> CalEvent {
        CalEvent {
            uid: format!("lectures/liangyan-3@{HOST}"),
            start: at("2024-05-18T14:30[Asia/Shanghai]"),
            end: Some(at("2024-05-18T16:00[Asia/Shanghai]")),
            all_day: false,
            summary: "梁雁讲堂第三讲：网格党组织如何把“一张网”织密".into(),
            location: "梁溪区广益街道金和社区党群服务中心二楼报告厅".into(),
            description: Some(
                "主讲：周文斌（社区党委书记）\n\
                 内容：网格党组织、专职网格员、“红领”服务队；三者如何分工，怎样协同。\n\
                 报名：社区服务台，或拨打 0510-00000000"
                    .into(),
            ),
            url: format!("{BASE}lectures/liangyan-3/"),
            status: LectureStatus::Scheduled,
            organizer: Some(Organizer {
                name: "梁溪区广益街道金和社区党委".into(),
                address: format!("{BASE}workshops/mingshuji/"),
            }),
            categories: vec!["梁雁讲堂".into(), "网格治理".into()],
        }
    }

    fn lecture_four_cancelled() -> CalEvent {
        CalEvent {
            uid: format!("lectures/liangyan-4@{HOST}"),
            start: at("2024-06-15T14:30[Asia/Shanghai]"),
            end: None,
            all_day: false,
            summary: "【已取消】梁雁讲堂第四讲：小巷总理的一天".into(),
            location: "梁溪区广益街道金和社区党群服务中心二楼报告厅".into(),
            description: None,
            url: format!("{BASE}lectures/liangyan-4/"),
            status: LectureStatus::Cancelled,
            organizer: None,
            categories: vec!["梁雁讲堂".into()],
        }
    }

    fn open_day_postponed() -> CalEvent {
        CalEvent {
            uid: format!("lectures/hongse-weijia-kaifangri@{HOST}"),
            start: at("2024-07-01T00:00[Asia/Shanghai]"),
            end: Some(at("2024-07-02T00:00[Asia/Shanghai]")),
            all_day: true,
            summary: "【已延期】“红色微家·会客厅”开放日".into(),
            location: "新吴区长欣公寓社区“红色微家·欣空间”".into(),
            description: Some("八位“微家·掌门人”轮流值守, 欢迎居民; 带上孩子一起来\\玩。".into()),
            url: format!("{BASE}lectures/hongse-weijia-kaifangri/"),
            status: LectureStatus::Postponed,
            organizer: Some(Organizer {
                name: "长欣社区党委 \"红色微家\"".into(),
                address: "mailto:changxin@example.org".into(),
            }),
            categories: vec!["红色微家".into(), "开放日, 亲子".into()],
        }
    }

    fn series(events: Vec<CalEvent>) -> Calendar {
        Calendar {
            name: "梁雁讲堂 · 全部讲座".into(),
            description: Some("长欣社区“红色微家”与梁溪区“梁雁讲堂”的讲座日程".into()),
            timezone: "Asia/Shanghai".into(),
            host: HOST.into(),
            lang: "zh-Hans".into(),
            dtstamp: now(),
            events,
        }
    }

    fn all_lectures() -> Calendar {
        series(vec![
            open_day_postponed(),
            lecture_four_cancelled(),
            lecture_three(),
        ])
    }

    /// Reverses RFC 5545 folding.
    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    /// Reverses TEXT escaping.
    fn unescape(value: &str) -> String {
        let mut out = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n' | 'N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => panic!("dangling backslash in {value:?}"),
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    /// The values of every property called `name` in an unfolded calendar.
    fn values<'a>(unfolded: &'a str, name: &str) -> Vec<&'a str> {
        unfolded
            .split("\r\n")
            .filter_map(|line| {
                let (head, value) = split_content_line(line)?;
                (head.split(';').next() == Some(name)).then_some(value)
            })
            .collect()
    }

    /// `NAME;PARAMS` and the value: the first `:` outside a quoted parameter value.
    fn split_content_line(line: &str) -> Option<(&str, &str)> {
        let mut quoted = false;
        for (i, c) in line.char_indices() {
            match c {
                '"' => quoted = !quoted,
                ':' if !quoted => return Some((&line[..i], &line[i + 1..])),
                _ => {}
            }
        }
        None
    }

    /// What escaping keeps of a text: line breaks as `\n`, forbidden controls dropped.
    fn normalized(text: &str) -> String {
        text.replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|&c| !c.is_ascii_control() || c == '\n' || c == '\t')
            .collect()
    }

    fn assert_well_formed_lines(ics: &str) {
        assert!(ics.ends_with("\r\n"), "the file ends with CRLF");
        for line in ics.strip_suffix("\r\n").unwrap_or(ics).split("\r\n") {
            assert!(
                !line.contains('\n') && !line.contains('\r'),
                "bare line break in {line:?}"
            );
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }
    }

    #[test]
    fn series_calendar_snapshot() {
        let ics = render(&all_lectures());
        assert_well_formed_lines(&ics);
        // The snapshot shows LF; the CRLF ends are asserted above.
        insta::assert_snapshot!("series", ics.replace("\r\n", "\n"));
    }

    #[test]
    fn single_lecture_calendar_snapshot() {
        let cal = Calendar {
            name: "梁雁讲堂第三讲".into(),
            description: None,
            ..series(vec![lecture_three()])
        };
        let ics = render(&cal);
        assert_well_formed_lines(&ics);
        insta::assert_snapshot!("single", ics.replace("\r\n", "\n"));
    }

    #[test]
    fn header_has_every_required_property() {
        let unfolded = unfold(&render(&all_lectures()));
        assert!(unfolded.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        for expected in [
            "PRODID:-//example.org//tongwen//ZH",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:梁雁讲堂 · 全部讲座",
            "X-WR-TIMEZONE:Asia/Shanghai",
        ] {
            assert!(
                unfolded.contains(&format!("\r\n{expected}\r\n")),
                "missing {expected}"
            );
        }
        assert!(unfolded.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn times_are_utc_and_status_follows_the_lecture() {
        let unfolded = unfold(&render(&all_lectures()));
        assert_eq!(
            values(&unfolded, "DTSTART"),
            ["20240518T063000Z", "20240615T063000Z", "20240701"]
        );
        // Missing end: start + two hours. All day until 2 July: DTEND is the day after.
        assert_eq!(
            values(&unfolded, "DTEND"),
            ["20240518T080000Z", "20240615T083000Z", "20240703"]
        );
        assert_eq!(
            values(&unfolded, "STATUS"),
            ["CONFIRMED", "CANCELLED", "TENTATIVE"]
        );
        assert_eq!(values(&unfolded, "DTSTAMP"), ["20240501T020000Z"; 3]);
    }

    #[test]
    fn events_are_ordered_by_start_whatever_the_input_order() {
        let forward = render(&series(vec![
            lecture_three(),
            lecture_four_cancelled(),
            open_day_postponed(),
        ]));
        assert_eq!(forward, render(&all_lectures()));
        assert_eq!(forward, render(&all_lectures()), "same input, same bytes");
    }

    #[test]
    fn an_end_before_the_start_falls_back_to_the_default_duration() {
        let event = CalEvent {
            end: Some(at("2024-05-18T14:00[Asia/Shanghai]")),
            ..lecture_three()
        };
        let expected = event.start.timestamp().checked_add(DEFAULT_DURATION);
        assert_eq!(event_end(&event), expected.expect("in range"));
        assert_eq!(event_end(&event).to_string(), "2024-05-18T08:30:00Z");
    }

    #[test]
    fn text_values_are_escaped_and_parameters_quoted() {
        let unfolded = unfold(&render(&series(vec![open_day_postponed()])));
        assert!(unfolded.contains(
            "DESCRIPTION;LANGUAGE=zh-Hans:八位“微家·掌门人”轮流值守\\, 欢迎居民\\; \
             带上孩子一起来\\\\玩。\r\n"
        ));
        assert!(unfolded.contains("CATEGORIES;LANGUAGE=zh-Hans:红色微家,开放日\\, 亲子\r\n"));
        assert!(unfolded.contains(
            "ORGANIZER;CN=\"长欣社区党委 ^'红色微家^'\":mailto:changxin@example.org\r\n"
        ));
    }

    #[test]
    fn folding_never_splits_a_character_and_unfolds_to_the_line() {
        let mut strings = Strings(0x5eed_0001);
        for _ in 0..500 {
            let line = format!("SUMMARY:{}", escape_text(&strings.string()));
            let folded = fold(&line);
            for (i, physical) in folded.split("\r\n").enumerate() {
                assert!(physical.len() <= 75, "{} octets", physical.len());
                assert!(
                    i == 0 || physical.starts_with(' '),
                    "continuation without space"
                );
            }
            assert_eq!(unfold(&folded), line);
        }
    }

    #[test]
    fn escaping_round_trips() {
        let mut strings = Strings(0x5eed_0002);
        for _ in 0..500 {
            let text = strings.string();
            let escaped = escape_text(&text);
            assert!(!escaped.contains(['\r', '\n']));
            assert_eq!(unescape(&escaped), normalized(&text));
        }
    }

    #[test]
    fn any_text_gives_valid_lines_that_read_back() {
        let mut strings = Strings(0x5eed_0003);
        for _ in 0..200 {
            let (summary, location, description) =
                (strings.string(), strings.string(), strings.string());
            let cal = series(vec![CalEvent {
                summary: summary.clone(),
                location: location.clone(),
                description: Some(description.clone()),
                ..lecture_three()
            }]);
            let ics = render(&cal);
            assert_well_formed_lines(&ics);
            let unfolded = unfold(&ics);
            assert_eq!(values(&unfolded, "SUMMARY").len(), 1);
            assert_eq!(
                unescape(values(&unfolded, "SUMMARY")[0]),
                normalized(&summary)
            );
            if !location.is_empty() {
                let read = unescape(values(&unfolded, "LOCATION")[0]);
                assert_eq!(read, normalized(&location));
            }
            if !description.is_empty() {
                let read = unescape(values(&unfolded, "DESCRIPTION")[1]);
                assert_eq!(read, normalized(&description));
            }
        }
    }
}

mod feeds {
    use super::*;
    use crate::render::feeds::{Category, Entry, Feed, atom};

    const ATOM: &str = "http://www.w3.org/2005/Atom";

    fn story() -> Entry {
        Entry {
            id: format!("{BASE}stories/changxin-hongse-weijia/"),
            url: format!("{BASE}stories/changxin-hongse-weijia/"),
            title: "“红色微家”三年计划：从家庭走进网格".into(),
            published: at("2024-04-20T09:00[Asia/Shanghai]"),
            updated: Some(at("2024-04-22T18:30[Asia/Shanghai]")),
            summary: Some("八个实名工作室挂牌亮相，“掌门人”成为宣讲站、收集站、服务站。".into()),
            content_html: Some(
                "<p>长欣公寓社区推选八户“微家·掌门人”。</p>\n\
                 <p><img src=\"cover-960.jpg\" alt=\"挂牌仪式\"> 详见\
                 <a href=\"../../workshops/laoshuji/\">“老书记”工作室</a> &amp; 更多。</p>"
                    .into(),
            ),
            author: Some("林晓雯".into()),
            categories: vec![
                Category {
                    term: "dangjian-yinling".into(),
                    label: "党建引领".into(),
                },
                Category {
                    term: "hongse-weijia".into(),
                    label: "红色微家".into(),
                },
            ],
        }
    }

    fn lecture_entry() -> Entry {
        Entry {
            id: format!("{BASE}lectures/liangyan-3/"),
            url: format!("{BASE}lectures/liangyan-3/"),
            title: "梁雁讲堂第三讲：网格党组织如何把“一张网”织密".into(),
            published: at("2024-04-25T10:00[Asia/Shanghai]"),
            updated: None,
            summary: Some("5月18日14:30，金和社区党群服务中心二楼报告厅。".into()),
            content_html: None,
            author: None,
            categories: vec![],
        }
    }

    fn feed(entries: Vec<Entry>) -> Feed {
        Feed {
            id: format!("{BASE}atom.xml"),
            alternate: BASE.into(),
            title: "长欣社区“红色微家”".into(),
            subtitle: Some("党建引领社区治理品牌".into()),
            lang: "zh-Hans".into(),
            author: "长欣社区“红色微家”".into(),
            now: now(),
            entries,
        }
    }

    fn parse(xml: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(xml).expect("the feed is well-formed XML")
    }

    fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
        node.children()
            .find(|n| n.has_tag_name((ATOM, name)))
            .and_then(|n| n.text())
    }

    #[test]
    fn a_story_without_a_time_is_published_at_midnight_in_the_site_zone() {
        let midnight = dated("2024-05-01").zoned;
        let entry = Entry {
            published: midnight.clone(),
            updated: None,
            ..story()
        };
        let xml = atom(&feed(vec![entry]));
        let doc = parse(&xml);
        let entry = doc
            .root_element()
            .children()
            .find(|n| n.has_tag_name((ATOM, "entry")))
            .expect("one entry");
        assert_eq!(
            child_text(entry, "published"),
            Some("2024-05-01T00:00:00+08:00")
        );
        assert_eq!(
            child_text(entry, "updated"),
            Some("2024-05-01T00:00:00+08:00")
        );
        assert_eq!(
            child_text(doc.root_element(), "updated"),
            Some("2024-05-01T00:00:00+08:00")
        );
        // Never the same instant in UTC, which falls on the day before.
        assert!(!xml.contains("2024-04-30T16:00:00"), "{xml}");
        assert!(!xml.contains("2024-05-01T00:00:00Z"), "{xml}");
    }

    #[test]
    fn atom_snapshot() {
        let xml = atom(&feed(vec![story(), lecture_entry()]));
        parse(&xml);
        insta::assert_snapshot!("atom", xml);
    }

    #[test]
    fn feed_is_atom_with_language_and_links() {
        let xml = atom(&feed(vec![story(), lecture_entry()]));
        let doc = parse(&xml);
        let root = doc.root_element();
        assert!(root.has_tag_name((ATOM, "feed")));
        let xml_ns = "http://www.w3.org/XML/1998/namespace";
        assert_eq!(root.attribute((xml_ns, "lang")), Some("zh-Hans"));
        let links: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name((ATOM, "link")))
            .map(|n| (n.attribute("rel"), n.attribute("href")))
            .collect();
        assert_eq!(
            links,
            [
                (Some("self"), Some("https://example.org/changxin/atom.xml")),
                (Some("alternate"), Some(BASE)),
            ]
        );
        let entries: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name((ATOM, "entry")))
            .collect();
        assert_eq!(entries.len(), 2);
        assert_eq!(
            child_text(entries[1], "updated"),
            Some("2024-04-25T10:00:00+08:00")
        );
    }

    #[test]
    fn feed_updated_is_the_latest_entry_or_now() {
        let xml = atom(&feed(vec![lecture_entry(), story()]));
        let doc = parse(&xml);
        let updated = child_text(doc.root_element(), "updated");
        assert_eq!(updated, Some("2024-04-25T10:00:00+08:00"));

        let mut stale = lecture_entry();
        stale.updated = Some(at("2024-01-01T00:00[Asia/Shanghai]"));
        let xml = atom(&feed(vec![stale]));
        let doc = parse(&xml);
        let entry = doc.descendants().find(|n| n.has_tag_name((ATOM, "entry")));
        let updated = entry.and_then(|e| child_text(e, "updated"));
        assert_eq!(
            updated,
            Some("2024-04-25T10:00:00+08:00"),
            "never before published"
        );

        let empty = atom(&feed(vec![]));
        let doc = parse(&empty);
        assert_eq!(
            child_text(doc.root_element(), "updated"),
            Some("2024-05-01T02:00:00Z")
        );
    }

    #[test]
    fn html_content_is_escaped_text_that_reads_back_as_the_html() {
        let entry = story();
        let xml = atom(&feed(vec![entry.clone()]));
        assert!(xml.contains("&lt;p&gt;长欣公寓社区"));
        let doc = parse(&xml);
        let content = doc
            .descendants()
            .find(|n| n.has_tag_name((ATOM, "content")))
            .expect("content element");
        assert_eq!(content.attribute("type"), Some("html"));
        assert_eq!(content.text(), entry.content_html.as_deref());
    }

    #[test]
    fn any_text_reads_back_from_the_xml() {
        let mut strings = Strings(0x5eed_0004);
        for _ in 0..200 {
            let (title, label) = (strings.string(), strings.string());
            let mut entry = lecture_entry();
            entry.title = title.clone();
            entry.categories = vec![Category {
                term: "t".into(),
                label: label.clone(),
            }];
            let xml = atom(&feed(vec![entry]));
            let doc = parse(&xml);
            let read = doc
                .descendants()
                .find(|n| n.has_tag_name((ATOM, "entry")))
                .and_then(|entry| child_text(entry, "title"))
                .unwrap_or("");
            assert_eq!(read, xml_text(&title));
            let category = doc
                .descendants()
                .find(|n| n.has_tag_name((ATOM, "category")))
                .expect("category");
            assert_eq!(
                category.attribute("label"),
                Some(xml_attribute(&label).as_str())
            );
        }
    }

    /// What an XML reader gives back: the characters XML allows, line ends normalized.
    fn xml_text(text: &str) -> String {
        text.replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|&c| matches!(c, '\t' | '\n' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..))
            .collect()
    }

    /// Attribute values also turn tabs and line ends into spaces.
    fn xml_attribute(text: &str) -> String {
        xml_text(text).replace(['\t', '\n'], " ")
    }
}

mod sitemap {
    use super::*;
    use crate::render::sitemap::{Alternate, SitemapUrl, render, robots};

    const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
    const XHTML: &str = "http://www.w3.org/1999/xhtml";

    fn page(path: &str, lastmod: Option<When>) -> [SitemapUrl; 2] {
        let hans = format!("{BASE}{path}");
        let hant = format!("{BASE}zh-hant/{path}");
        let alternates = vec![
            Alternate {
                hreflang: "zh-Hans".into(),
                href: hans.clone(),
            },
            Alternate {
                hreflang: "zh-Hant".into(),
                href: hant.clone(),
            },
            Alternate {
                hreflang: "x-default".into(),
                href: hans.clone(),
            },
        ];
        [
            SitemapUrl {
                loc: hans,
                lastmod: lastmod.clone(),
                alternates: alternates.clone(),
            },
            SitemapUrl {
                loc: hant,
                lastmod,
                alternates,
            },
        ]
    }

    fn urls() -> Vec<SitemapUrl> {
        let mut urls = Vec::new();
        urls.extend(page("", None));
        urls.extend(page(
            "stories/changxin-hongse-weijia/",
            Some(dated_at("2024-04-22T18:30[Asia/Shanghai]")),
        ));
        urls.extend(page("stories/xijin-gudu/", Some(dated("2023-10-08"))));
        urls.extend(page("search/?q=a&b=<c>", None));
        urls
    }

    #[test]
    fn sitemap_snapshot() {
        insta::assert_snapshot!("sitemap", render(&urls()));
    }

    #[test]
    fn sitemap_is_well_formed_with_hreflang_alternates() {
        let urls = urls();
        let xml = render(&urls);
        let doc = roxmltree::Document::parse(&xml).expect("well-formed sitemap");
        let root = doc.root_element();
        assert!(root.has_tag_name((SITEMAP, "urlset")));
        let read: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name((SITEMAP, "url")))
            .collect();
        assert_eq!(read.len(), urls.len());
        for (node, url) in read.iter().zip(&urls) {
            let loc = node.children().find(|n| n.has_tag_name((SITEMAP, "loc")));
            assert_eq!(loc.and_then(|n| n.text()), Some(url.loc.as_str()));
            let links: Vec<_> = node
                .children()
                .filter(|n| n.has_tag_name((XHTML, "link")))
                .map(|n| {
                    (
                        n.attribute("rel"),
                        n.attribute("hreflang"),
                        n.attribute("href"),
                    )
                })
                .collect();
            let expected: Vec<_> = url
                .alternates
                .iter()
                .map(|a| {
                    (
                        Some("alternate"),
                        Some(a.hreflang.as_str()),
                        Some(a.href.as_str()),
                    )
                })
                .collect();
            assert_eq!(links, expected);
        }
    }

    #[test]
    fn lastmod_is_a_w3c_datetime_only_when_known() {
        let xml = render(&urls());
        assert_eq!(xml.matches("<lastmod>").count(), 4);
        assert_eq!(
            xml.matches("<lastmod>2024-04-22T18:30:00+08:00</lastmod>")
                .count(),
            2
        );
    }

    #[test]
    fn a_date_without_a_time_is_a_lastmod_without_a_time() {
        let xml = render(&urls());
        assert_eq!(xml.matches("<lastmod>2023-10-08</lastmod>").count(), 2);
        assert!(!xml.contains("2023-10-08T"), "{xml}");
    }

    #[test]
    fn robots_allows_all_and_names_the_sitemap() {
        insta::assert_snapshot!(robots(Some("https://example.org/changxin/sitemap.xml")), @r"
        User-agent: *
        Allow: /

        Sitemap: https://example.org/changxin/sitemap.xml
        ");
    }

    #[test]
    fn robots_without_an_absolute_sitemap_url_names_none() {
        insta::assert_snapshot!(robots(None), @r"
        User-agent: *
        Allow: /
        ");
    }
}

mod jsonld {
    use super::*;
    use crate::render::jsonld::{
        Agent, ArticleLd, EventLd, OrganizationLd, PersonLd, PlaceLd, article, event,
    };

    fn publisher() -> OrganizationLd {
        OrganizationLd {
            name: "长欣社区“红色微家”".into(),
            url: Some(BASE.into()),
            logo: Some(format!("{BASE}static/logo.png")),
        }
    }

    fn story() -> ArticleLd {
        ArticleLd {
            headline: "“红色微家”三年计划：从家庭走进网格".into(),
            description: Some(
                "八个实名工作室挂牌亮相，“掌门人”成为宣讲站、收集站、服务站。".into(),
            ),
            date_published: dated_at("2024-04-20T09:00[Asia/Shanghai]"),
            date_modified: Some(at("2024-04-22T18:30[Asia/Shanghai]")),
            author: Agent::Person(PersonLd {
                name: "林晓雯".into(),
                job_title: None,
            }),
            publisher: publisher(),
            images: vec![
                format!("{BASE}stories/changxin-hongse-weijia/cover-1600.jpg"),
                format!("{BASE}stories/changxin-hongse-weijia/cover-960.jpg"),
            ],
            lang: "zh-Hans".into(),
            url: format!("{BASE}stories/changxin-hongse-weijia/"),
            keywords: vec!["党建引领".into(), "红色微家".into()],
        }
    }

    fn lecture() -> EventLd {
        EventLd {
            name: "梁雁讲堂第三讲：网格党组织如何把“一张网”织密".into(),
            description: Some("网格党组织、专职网格员与“红领”服务队如何分工协同。".into()),
            start: at("2024-05-18T14:30[Asia/Shanghai]"),
            end: Some(at("2024-05-18T16:00[Asia/Shanghai]")),
            all_day: false,
            status: LectureStatus::Scheduled,
            location: PlaceLd {
                name: "金和社区党群服务中心二楼报告厅".into(),
                address: Some("梁溪区广益街道金和社区党群服务中心".into()),
                locality: Some("无锡市".into()),
                region: Some("江苏省".into()),
            },
            performer: PersonLd {
                name: "周文斌".into(),
                job_title: Some("社区党委书记".into()),
            },
            organizer: OrganizationLd {
                name: "梁溪区广益街道金和社区党委".into(),
                url: Some(format!("{BASE}workshops/mingshuji/")),
                logo: None,
            },
            series: Some("梁雁讲堂".into()),
            images: vec![],
            lang: "zh-Hans".into(),
            url: format!("{BASE}lectures/liangyan-3/"),
            capacity: Some(80),
        }
    }

    fn parse(json: &str) -> serde_json::Value {
        serde_json::from_str(json).expect("JSON-LD parses")
    }

    #[test]
    fn article_snapshot() {
        let json = article(&story());
        parse(&json);
        insta::assert_snapshot!("article", json);
    }

    #[test]
    fn event_snapshot() {
        let json = event(&lecture());
        parse(&json);
        insta::assert_snapshot!("event", json);
    }

    #[test]
    fn article_fields_are_schema_org() {
        let value = parse(&article(&story()));
        assert_eq!(value["@context"], "https://schema.org");
        assert_eq!(value["@type"], "Article");
        assert_eq!(value["datePublished"], "2024-04-20T09:00:00+08:00");
        assert_eq!(value["author"]["@type"], "Person");
        assert_eq!(value["publisher"]["@type"], "Organization");
        assert_eq!(value["mainEntityOfPage"]["@id"], story().url);
        assert_eq!(value["inLanguage"], "zh-Hans");
    }

    #[test]
    fn a_story_without_a_time_is_published_on_a_date() {
        let a = ArticleLd {
            date_published: dated("2024-05-01"),
            ..story()
        };
        let value = parse(&article(&a));
        assert_eq!(value["datePublished"], "2024-05-01");
    }

    #[test]
    fn a_story_with_a_time_keeps_its_offset_in_any_zone() {
        // 09:00 in Beijing is 01:00 UTC; written with +08:00 it stays on its day.
        let a = ArticleLd {
            date_published: dated_at("2024-05-01T09:00+08:00[Asia/Shanghai]"),
            ..story()
        };
        assert_eq!(
            parse(&article(&a))["datePublished"],
            "2024-05-01T09:00:00+08:00"
        );
    }

    #[test]
    fn an_all_day_event_over_several_days_ends_on_its_last_date() {
        let e = EventLd {
            start: at("2024-07-01T00:00[Asia/Shanghai]"),
            end: Some(at("2024-07-03T00:00[Asia/Shanghai]")),
            all_day: true,
            ..lecture()
        };
        let value = parse(&event(&e));
        assert_eq!(value["startDate"], "2024-07-01");
        assert_eq!(value["endDate"], "2024-07-03");
    }

    #[test]
    fn an_organization_can_author_and_optional_fields_disappear() {
        let a = ArticleLd {
            description: None,
            date_modified: None,
            author: Agent::Organization(publisher()),
            images: vec![],
            keywords: vec![],
            ..story()
        };
        let value = parse(&article(&a));
        assert_eq!(value["author"]["@type"], "Organization");
        for absent in ["description", "dateModified", "image", "keywords"] {
            assert!(value.get(absent).is_none(), "{absent} is left out");
        }
    }

    #[test]
    fn event_status_and_dates_follow_the_lecture() {
        let value = parse(&event(&lecture()));
        assert_eq!(value["startDate"], "2024-05-18T14:30:00+08:00");
        assert_eq!(value["endDate"], "2024-05-18T16:00:00+08:00");
        assert_eq!(value["eventStatus"], "https://schema.org/EventScheduled");
        assert_eq!(
            value["eventAttendanceMode"],
            "https://schema.org/OfflineEventAttendanceMode"
        );
        assert_eq!(value["performer"]["jobTitle"], "社区党委书记");
        assert_eq!(value["maximumAttendeeCapacity"], 80);

        let cases = [
            (
                LectureStatus::Cancelled,
                "https://schema.org/EventCancelled",
            ),
            (
                LectureStatus::Postponed,
                "https://schema.org/EventPostponed",
            ),
        ];
        for (status, expected) in cases {
            let value = parse(&event(&EventLd {
                status,
                ..lecture()
            }));
            assert_eq!(value["eventStatus"], expected);
        }
    }

    #[test]
    fn an_all_day_event_has_dates_and_a_missing_end_is_left_out() {
        let e = EventLd {
            start: at("2024-07-01T00:00[Asia/Shanghai]"),
            end: None,
            all_day: true,
            ..lecture()
        };
        let value = parse(&event(&e));
        assert_eq!(value["startDate"], "2024-07-01");
        assert!(value.get("endDate").is_none());
    }

    #[test]
    fn markup_in_text_cannot_close_the_script() {
        let hostile = "</script><script>alert(1)</script><!-- & \u{2028}";
        let a = ArticleLd {
            headline: hostile.into(),
            ..story()
        };
        let json = article(&a);
        assert!(!json.contains("</"));
        assert!(!json.contains(['<', '>', '&', '\u{2028}']));
        assert!(json.contains("\\u003c/script\\u003e"));
        assert_eq!(parse(&json)["headline"], hostile);
    }

    #[test]
    fn any_text_parses_back() {
        let mut strings = Strings(0x5eed_0005);
        for _ in 0..200 {
            let name = strings.string();
            let json = event(&EventLd {
                name: name.clone(),
                ..lecture()
            });
            assert!(!json.contains("</"));
            assert_eq!(parse(&json)["name"], name.as_str());
        }
    }
}
