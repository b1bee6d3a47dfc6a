//! Links and images that point nowhere, and paths on the author's own computer: `build`
//! fails on them at file:line:col with a suggestion and leaves the last output untouched;
//! `check` says the same. See #14.

// Test helpers panic on any failure: that is how a test reports it.
#![allow(clippy::unwrap_used)]

mod support;

use support::SiteTest;

const STORY: &str = "---\ntitle: 合影\ndate: 2024-05-01\ncommunity: 长欣公寓社区\n---\n\n";

fn story(body: &str) -> String {
    format!("{STORY}{body}\n")
}

#[test]
fn issue_14_build_fails_on_a_missing_content_file_and_keeps_the_old_output() {
    let site = SiteTest::fixture("bilingual");
    assert_eq!(site.build().code, 0);
    let before = site.read("index.html");
    site.write(
        "content/stories/b.md",
        story("见[工作室](../workshops/nope.md)和[老书记](../workshops/laoshui.md)。"),
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains(
            "content/stories/b.md:7:2: 错误：链接指向的文件 `../workshops/nope.md` 不存在"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/workshops/ 里有：`../workshops/laoshuji.md`"),
        "{err}"
    );
    assert!(
        err.contains("content/stories/b.md:7:30: 错误：链接指向的文件 `../workshops/laoshui.md`"),
        "{err}"
    );
    assert!(
        err.contains("是否想写 `../workshops/laoshuji.md`？"),
        "{err}"
    );
    assert!(err.contains("没有改动"), "{err}");
    assert!(!site.exists("stories/b/index.html"));
    assert_eq!(site.read("index.html"), before);
}

#[test]
fn issue_14_missing_static_file_and_page_are_errors_with_a_suggestion() {
    let site = SiteTest::fixture("bilingual");
    site.write("static/files/报名表.pdf", "%PDF-1.4");
    site.write(
        "content/stories/b.md",
        story("[报名表](/files/报名表1.pdf)、[关于](/abut/)、[好的](/files/报名表.pdf)"),
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains(
            "content/stories/b.md:7:1: 错误：链接 `/files/报名表1.pdf` 指向的页面或文件不存在"
        ),
        "{err}"
    );
    assert!(err.contains("是否想写 `/files/报名表.pdf`？"), "{err}");
    assert!(err.contains("是否想写 `/about/`？"), "{err}");
    assert_eq!(err.matches("错误：").count(), 2, "{err}");
}

#[test]
fn issue_14_missing_image_beside_the_story_suggests_the_near_name() {
    let site = SiteTest::fixture("bilingual");
    site.write("content/stories/b/合影.jpg", support::photo::phone_jpeg());
    site.write("content/stories/b/index.md", story("![合影](合彰.jpg)"));
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/stories/b/index.md:7:1: 错误：找不到图片 `合彰.jpg`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("是否想写 `合影.jpg`？"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue_14_a_missing_anchor_only_warns() {
    let site = SiteTest::fixture("bilingual");
    site.write(
        "content/stories/b.md",
        story("[方法](#工作方法)\n\n## 工作方式\n"),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/stories/b.md:7:1: 警告：链接里的 `#工作方法` 在页面上找不到对应的小标题"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("是否想写 `#工作方式`？"),
        "{}",
        run.stderr
    );
    assert!(site.exists("stories/b/index.html"));
}

#[test]
fn issue_14_computer_paths_are_errors_in_build_and_check() {
    let site = SiteTest::fixture("bilingual");
    site.write(
        "content/stories/b.md",
        story(
            "![合影](C:\\Users\\张三\\Desktop\\合影.jpg)\n\n\
             ![会场](D:/照片/会场.jpg)\n\n\
             [通知](file:///Users/zhang/Desktop/通知.pdf)\n\n\
             ![楼道](/Users/zhang/Pictures/楼道.jpg)\n\n\
             [表格](~/Documents/表格.xlsx)\n\n\
             ![共享](\\\\server\\share\\合影.jpg)",
        ),
    );
    site.write(
        "content/stories/c.md",
        "---\ntitle: 封面\ndate: 2024-05-01\ncommunity: 长欣公寓社区\ncover: C:\\Users\\张三\\封面.jpg\n---\n\n正文。\n",
    );
    for command in ["build", "check"] {
        let run = site.run(&[command, "--now", "2024-05-01T10:00+08:00"]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        let err = &run.stderr;
        for place in [
            "b.md:7:1",
            "b.md:9:1",
            "b.md:11:1",
            "b.md:13:1",
            "b.md:15:1",
            "b.md:17:1",
            "c.md:5:8",
        ] {
            assert!(
                err.contains(&format!(
                    "content/stories/{place}: 错误：这是你电脑上的路径"
                )),
                "{command} {place}: {err}"
            );
        }
        assert!(
            err.contains("然后只写它的文件名，例如 `![说明](合影.jpg)`"),
            "{err}"
        );
        assert!(err.contains("例如 `[说明](通知.pdf)`"), "{err}");
        assert!(err.contains("例如 `cover: 封面.jpg`"), "{err}");
        assert_eq!(err.matches("错误：").count(), 7, "{command}: {err}");
    }
    assert!(!site.exists("stories/b/index.html"));
}
