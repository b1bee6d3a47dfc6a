//! `tongwen check` as a user meets it: exit codes, messages at file:line:col, `--fix`, JSON.

// Test helpers panic on any failure: that is how a test reports it.
#![allow(clippy::unwrap_used)]

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
            "content/stories/a.md:12:6: 警告：链接里的 `#工作方式` 在页面上找不到对应的小标题"
        ),
        "{err}"
    );
    assert!(err.contains("那个页面的小标题有：工作方法"), "{err}");
    assert!(
        err.contains("content/stories/a.md:13:6: 错误：链接 `/about/` 指向的页面或文件不存在"),
        "{err}"
    );
    assert_eq!(err.matches("错误：").count(), 2, "{err}");
    // build stops on the same links (see #14).
    assert_eq!(site.build().code, 1);
}

#[test]
fn json_format_lists_every_diagnostic() {
    let site = SiteTest::fixture("broken_links");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["errors"], 2);
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

/// Seed 002 (pinyin annotations and mojibake) as a Notepad user would have it: GB18030 with
/// CRLF line ends, under a front matter.
fn seed_002_story() -> String {
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/seeds/002_5495c4483c9eca4b.txt"),
    )
    .unwrap();
    format!("---\ntitle: 黃金社區(qū)“四個一”黨建品牌\ndate: 2023-06-01\ncommunity: 黃金社區\n---\n\n{seed}")
        .replace('\n', "\r\n")
}

#[test]
fn fix_repairs_pinyin_annotations_and_keeps_encoding_line_ends_and_mojibake() {
    let site = SiteTest::fixture("bilingual");
    let original = seed_002_story();
    let bytes = encoding_rs::GB18030.encode(&original).0.into_owned();
    site.write("content/stories/huangjin.md", &bytes);

    let run = site.run(&["check", "--fix"]);
    assert!(
        run.stdout
            .contains("content/stories/huangjin.md:2:12: 已修正：“(qū)” → “”"),
        "{}",
        run.stdout
    );
    let written = std::fs::read(site.root().join("content/stories/huangjin.md")).unwrap();
    assert!(
        std::str::from_utf8(&written).is_err(),
        "the file is no longer GB18030"
    );
    let (text, _, malformed) = encoding_rs::GB18030.decode(&written);
    assert!(!malformed);
    // Nothing but the annotations (and half-width punctuation between Chinese) changed.
    let annotations = regex_free_strip_annotations(&original);
    let normalize = |t: &str| {
        t.replace(['，', '：', '；', '？', '！', '（', '）'], "")
            .replace([',', ':', ';', '?', '!', '(', ')'], "")
    };
    assert_eq!(normalize(&text), normalize(&annotations));
    // The one annotation left is inside the garbled stretch (after `^`, not a Han character).
    assert_eq!(text.matches("(qū)").count(), 1);
    assert!(text.contains("^(qū)"));
    assert!(!text.contains("(wù)"));
    assert_eq!(
        text.matches("\r\n").count(),
        original.matches("\r\n").count()
    );
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "a bare LF appeared"
    );
    for garbled in ["皭傊侵v", "椤白约胰恕"] {
        assert!(text.contains(garbled), "the mojibake {garbled} was touched");
    }
    // A second run finds nothing more to fix.
    let again = site.run(&["check", "--fix"]);
    assert!(
        again.stdout.contains("自动修正了 0 个文件"),
        "{}",
        again.stdout
    );
    assert_eq!(
        std::fs::read(site.root().join("content/stories/huangjin.md")).unwrap(),
        written
    );
}

/// Removes `(pinyin)` after a Han character: an independent, simpler rule than the lint's.
fn regex_free_strip_annotations(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '('
            && i > 0
            && ('\u{4e00}'..='\u{9fff}').contains(&chars[i - 1])
            && let Some(len) = chars[i + 1..].iter().position(|&c| c == ')')
        {
            let inner: String = chars[i + 1..i + 1 + len].iter().collect();
            let is_pinyin = !inner.is_empty()
                && len <= 7
                && inner
                    .chars()
                    .all(|c| c.is_lowercase() && !('\u{4e00}'..='\u{9fff}').contains(&c));
            if is_pinyin {
                i += len + 2;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[test]
fn content_lints_name_each_problem_with_a_fix_and_warnings_exit_zero() {
    let site = SiteTest::fixture("bilingual");
    site.write(
        "content/stories/runzhou.md",
        "---\ntitle: 西津古渡社區\ndate: 2023-10-08\ncommunity: 西津古渡社區\n---\n\n潤州區創新并完善“六統十八聯”機制，社區(qū)服務(wù)更貼心。\n",
    );
    site.write(
        "content/stories/liangxi.md",
        "---\ntitle: 梁溪区“四圈”共建\ndate: 2023-05-01\ncommunity: 金和社区\n---\n\n近年来,江苏省无锡市梁 溪区在创新社区治理实践的 过程中先行先试,充分发挥基 层党组织在社区治理中的引 领作用,实施“四圈四提力”工 程。\n\n乱码：锟斤拷。\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(String, String, u64, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["span"]["file"].as_str().unwrap().to_string(),
                d["span"]["line"].as_u64().unwrap(),
                d["span"]["col"].as_u64().unwrap(),
            )
        })
        .collect();
    let has = |code: &str, file: &str, line: u64, col: u64| {
        found.contains(&(
            code.to_string(),
            format!("content/stories/{file}"),
            line,
            col,
        ))
    };
    assert!(
        has("lint.stray-character", "runzhou.md", 7, 6),
        "{found:#?}"
    );
    assert!(
        has("lint.pinyin-annotation", "runzhou.md", 7, 21),
        "{found:#?}"
    );
    assert!(has("lint.split-word", "liangxi.md", 7, 12), "{found:#?}");
    assert!(
        has("lint.half-width-punctuation", "liangxi.md", 7, 4),
        "{found:#?}"
    );
    assert!(has("lint.mojibake", "liangxi.md", 9, 4), "{found:#?}");
    assert!(found.iter().any(|f| f.0 == "convert.review"), "{found:#?}");
    // Mojibake is an error: it cannot be fixed without the original text.
    assert_eq!(run.code, 1);
    site.write(
        "content/stories/liangxi.md",
        "---\ntitle: 梁溪区\ndate: 2023-05-01\ncommunity: 金和社区\n---\n\n近年来,梁溪区先行先试。\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "warnings only exit 0:\n{}", run.stderr);
    assert!(run.stderr.contains("警告"), "{}", run.stderr);
}
