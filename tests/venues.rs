//! Where a lecture is: its own `address:`, its workshop's `contact.address`, or the site's
//! usual venue from site.yaml, as a `PostalAddress` in the Event JSON-LD (with the site's
//! locality and region), on the lecture page and in the .ics `LOCATION`. See #14.

// Test helpers panic on any failure: that is how a test reports it.
#![allow(clippy::unwrap_used)]

mod support;

use support::SiteTest;

fn event_ld(site: &SiteTest, page: &str) -> serde_json::Value {
    let html = site.read(page);
    let tag = "<script type=\"application/ld+json\">";
    html.split(tag)
        .skip(1)
        .filter_map(|rest| {
            serde_json::from_str::<serde_json::Value>(rest.split("</script>").next()?).ok()
        })
        .find(|json| json["@type"] == "Event")
        .unwrap_or_else(|| panic!("no Event JSON-LD in {page}"))
}

/// The `LOCATION` of an .ics file, its folded lines joined again.
fn ics_location(site: &SiteTest, path: &str) -> String {
    let ics = site.read(path).replace("\r\n ", "");
    ics.lines()
        .find_map(|l| {
            l.strip_prefix("LOCATION;LANGUAGE=zh-Hans:")
                .or(l.strip_prefix("LOCATION;LANGUAGE=zh-Hant:"))
        })
        .unwrap()
        .to_string()
}

fn with_usual_venue(site: &SiteTest) {
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!("{yaml}venue: {{ address: 长欣路 21 号党群服务中心, locality: 无锡市, region: 江苏省 }}\n"),
    );
}

#[test]
fn issue_14_a_lectures_own_address_is_a_postal_address_on_page_and_calendar() {
    let site = SiteTest::fixture("bilingual");
    with_usual_venue(&site);
    let path = site.root().join("content/lectures/upcoming.md");
    let text = std::fs::read_to_string(&path).unwrap();
    site.write(
        "content/lectures/upcoming.md",
        text.replace(
            "speaker: 李明华",
            "address: 新吴区长江路 8 号\nspeaker: 李明华",
        ),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ld = event_ld(&site, "lectures/upcoming/index.html");
    assert_eq!(ld["location"]["name"], "长欣公寓社区党群服务中心一楼");
    let address = &ld["location"]["address"];
    assert_eq!(address["@type"], "PostalAddress");
    assert_eq!(address["streetAddress"], "新吴区长江路 8 号");
    assert_eq!(address["addressLocality"], "无锡市");
    assert_eq!(address["addressRegion"], "江苏省");
    assert_eq!(address["addressCountry"], "CN");
    let main = site.main_of("lectures/upcoming/index.html");
    assert!(
        main.contains("<dt>地址</dt><dd>新吴区长江路 8 号</dd>"),
        "{main}"
    );
    assert_eq!(
        ics_location(&site, "lectures/upcoming/upcoming.ics"),
        "长欣公寓社区党群服务中心一楼，新吴区长江路 8 号"
    );
    // The traditional page converts the address and the region.
    let hant = event_ld(&site, "zh-hant/lectures/upcoming/index.html");
    assert_eq!(
        hant["location"]["address"]["streetAddress"],
        "新吳區長江路 8 號"
    );
    assert_eq!(hant["location"]["address"]["addressLocality"], "無錫市");
}

#[test]
fn issue_14_a_workshops_lecture_takes_its_contact_address_else_the_sites_usual_venue() {
    let site = SiteTest::fixture("bilingual");
    with_usual_venue(&site);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // past.md names the workshop laoshuji, whose contact address is on its profile.
    let ld = event_ld(&site, "lectures/past/index.html");
    assert_eq!(
        ld["location"]["address"]["streetAddress"],
        "长欣公寓社区党群服务中心二楼"
    );
    assert!(
        site.main_of("lectures/past/index.html")
            .contains("<dd>长欣公寓社区党群服务中心二楼</dd>")
    );
    // cancelled.md (written in traditional) names no workshop: the site's usual venue.
    let ld = event_ld(&site, "zh-hant/lectures/cancelled/index.html");
    assert_eq!(
        ld["location"]["address"]["streetAddress"],
        "長欣路 21 號黨群服務中心"
    );
    assert_eq!(
        ics_location(&site, "lectures/cancelled/cancelled.ics"),
        "长欣公寓社区党群服务中心一楼，长欣路 21 号党群服务中心"
    );
}

#[test]
fn issue_14_without_any_address_the_place_has_only_its_name() {
    let site = SiteTest::fixture("bilingual");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ld = event_ld(&site, "lectures/cancelled/index.html");
    assert_eq!(ld["location"]["name"], "长欣公寓社区党群服务中心一楼");
    assert!(ld["location"].get("address").is_none(), "{ld}");
    assert!(
        !site
            .main_of("lectures/cancelled/index.html")
            .contains("<dt>地址</dt>")
    );
    assert_eq!(
        ics_location(&site, "lectures/cancelled/cancelled.ics"),
        "长欣公寓社区党群服务中心一楼"
    );
}

#[test]
fn issue_14_check_accepts_the_address_fields() {
    let site = SiteTest::fixture("bilingual");
    with_usual_venue(&site);
    let text = std::fs::read_to_string(site.root().join("content/lectures/past.md")).unwrap();
    site.write(
        "content/lectures/past.md",
        text.replace("speaker: 陈晓梅", "address: 长江路 8 号\nspeaker: 陈晓梅"),
    );
    let run = site.run(&["check", "--now", "2024-05-01T10:00+08:00"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("address"), "{}", run.stderr);
    assert!(!run.stderr.contains("venue"), "{}", run.stderr);
}
