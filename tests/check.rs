//! `tongwen check` as a user meets it: exit codes, messages at file:line:col, `--fix`, JSON.

mod support;

use support::SiteTest;

#[test]
fn broken_links_and_anchors_are_errors_at_their_place() {
    let site = SiteTest::fixture("broken_links");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains(
            "content/stories/a.md:11:6: 错误：链接指向的文件 `../workshops/laoshui.md` 不存在"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "content/stories/a.md:12:6: 错误：链接里的 `#工作方式` 在页面上找不到对应的小标题"
        ),
        "{err}"
    );
    assert!(err.contains("那个页面的小标题有：工作方法"), "{err}");
    assert!(
        err.contains("content/stories/a.md:13:6: 错误：链接 `/about/` 指向的页面或文件不存在"),
        "{err}"
    );
    assert_eq!(err.matches("错误：").count(), 3, "{err}");
    // build does not check links: the pages are written.
    assert_eq!(site.build().code, 0);
}

#[test]
fn json_format_lists_every_diagnostic() {
    let site = SiteTest::fixture("broken_links");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["errors"], 3);
    let first = &json["diagnostics"][0];
    assert_eq!(first["span"]["file"], "content/stories/a.md");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "link.broken");
}

#[test]
fn a_clean_site_exits_zero() {
    let site = SiteTest::fixture("bilingual");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
