use super::*;
use crate::content::yaml::Domain;

const PATH: &str = "content/stories/a.md";

fn place(text: &str) -> Place<'_> {
    Place {
        path: PATH,
        text,
        domain: Domain::FrontMatter,
    }
}

#[test]
fn split_finds_yaml_and_body_with_their_lines() {
    let text = "---\ntitle: 长欣\n---\n正文第一行\n";
    let parts = split(text).unwrap();
    assert_eq!(parts.open_line, 1);
    assert_eq!(parts.yaml, "title: 长欣\n");
    assert_eq!(parts.yaml_line, 2);
    assert_eq!(parts.body, "正文第一行\n");
    assert_eq!(parts.body_line, 4);
}

#[test]
fn split_accepts_crlf_trailing_spaces_and_leading_blank_lines() {
    let text = "\r\n---  \r\ntitle: 长欣\r\n--- \r\n正文\r\n";
    let parts = split(text).unwrap();
    assert_eq!(parts.open_line, 2);
    assert_eq!(parts.yaml, "title: 长欣\r\n");
    assert_eq!(parts.body, "正文\r\n");
    assert_eq!(parts.body_line, 5);
}

#[test]
fn split_keeps_an_empty_front_matter_and_a_missing_body() {
    let parts = split("---\n---").unwrap();
    assert_eq!((parts.yaml, parts.body, parts.body_line), ("", "", 3));
}

#[test]
fn split_names_what_is_missing() {
    let cases = [
        ("", SplitError::Empty),
        (" \n\r\n", SplitError::Empty),
        (
            "title: 长欣\n",
            SplitError::NoOpening {
                line: 1,
                dashes: false,
            },
        ),
        (
            "——\ntitle: 长欣\n——\n",
            SplitError::NoOpening {
                line: 1,
                dashes: true,
            },
        ),
        (
            "---\ntitle: 长欣\n正文\n",
            SplitError::Unclosed {
                open_line: 1,
                dashes: None,
            },
        ),
        (
            "---\ntitle: 长欣\n－－－\n正文\n",
            SplitError::Unclosed {
                open_line: 1,
                dashes: Some(3),
            },
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(split(text), Err(expected), "{text:?}");
    }
}

/// The diagnostics of `check_full_width` over a file that is all front matter from line 2.
fn check(yaml: &str) -> Repaired {
    let text = format!("---\n{yaml}---\n");
    let repaired = check_full_width(yaml, 2, place(&text));
    Repaired {
        diagnostics: repaired
            .diagnostics
            .into_iter()
            .map(|d| d.with_source(&text))
            .collect(),
        ..repaired
    }
}

fn rendered(repaired: &Repaired) -> String {
    repaired
        .diagnostics
        .iter()
        .map(|d| d.render_text())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn full_width_colon_after_a_key_is_an_error_at_its_column() {
    let repaired = check("title: 长欣\n社区：长欣社区\n");
    insta::assert_snapshot!(rendered(&repaired), @r"
    content/stories/a.md:3:3: 错误：字段名后面用了全角冒号“：”
      |
    3 | 社区：长欣社区
      |     ^
      = 建议：把全角冒号“：”改成半角冒号“:”，冒号后加一个空格
    ");
    assert_eq!(repaired.yaml, "title: 长欣\n社区: 长欣社区\n");
    assert_eq!(
        repaired.shifts,
        [Shift {
            line: 3,
            after: 3,
            delta: 1
        }]
    );
}

#[test]
fn full_width_colon_inside_a_value_is_text() {
    let repaired = check("title: 主题：邻里守望\nsummary: 第一行\n  活动主题：邻里\n");
    assert_eq!(repaired.diagnostics, []);
    assert_eq!(
        repaired.yaml,
        "title: 主题：邻里守望\nsummary: 第一行\n  活动主题：邻里\n"
    );
}

#[test]
fn full_width_colon_in_a_nested_key_is_found() {
    let repaired = check("contact:\n  phone：0571\n  address: 梁溪区\n");
    let places: Vec<_> = repaired
        .diagnostics
        .iter()
        .map(|d| (d.span.line, d.span.col))
        .collect();
    assert_eq!(places, [(3, 8)]);
    assert_eq!(
        repaired.yaml,
        "contact:\n  phone: 0571\n  address: 梁溪区\n"
    );
}

#[test]
fn block_scalar_content_is_left_alone() {
    let repaired = check("summary: |\n  时间：周六\n\t缩进\ntitle: 长欣\n");
    let places: Vec<_> = repaired
        .diagnostics
        .iter()
        .map(|d| (d.span.line, d.span.col))
        .collect();
    assert_eq!(places, []);
}

#[test]
fn tabs_and_full_width_spaces_are_errors_where_they_separate() {
    let repaired = check(
        "title:\t长欣\ncontact:\n\tphone: 0571\n　address: 梁溪区\ntags:\n-　党建\nsummary:　长欣　社区\n",
    );
    insta::assert_snapshot!(rendered(&repaired), @r"
    content/stories/a.md:2:7: 错误：冒号后面用了制表符（Tab）
      |
    2 | title:	长欣
      |       ^
      = 建议：把 Tab 改成一个半角空格
    content/stories/a.md:4:1: 错误：缩进用了制表符（Tab）
      |
    4 | 	phone: 0571
      | ^
      = 建议：缩进只能用半角空格：删掉 Tab，子字段比上一层多缩进两个空格
    content/stories/a.md:5:1: 错误：缩进用了全角空格
      |
    5 | 　address: 梁溪区
      | ^
      = 建议：把全角空格“　”改成半角空格（切换到英文输入法再敲空格）
    content/stories/a.md:7:2: 错误：列表的 `-` 后面用了全角空格
      |
    7 | -　党建
      |  ^
      = 建议：把全角空格“　”改成半角空格（切换到英文输入法再敲空格）
    content/stories/a.md:8:9: 错误：冒号后面用了全角空格
      |
    8 | summary:　长欣　社区
      |         ^
      = 建议：把全角空格“　”改成半角空格（切换到英文输入法再敲空格）
    ");
    assert_eq!(
        repaired.yaml,
        "title: 长欣\ncontact:\n phone: 0571\n address: 梁溪区\ntags:\n- 党建\nsummary: 长欣　社区\n"
    );
}

#[test]
fn missing_space_after_a_colon_is_an_error() {
    let repaired = check("title:长欣\nstart: 14:30\n");
    let places: Vec<_> = repaired
        .diagnostics
        .iter()
        .map(|d| (d.span.line, d.span.col, d.code))
        .collect();
    assert_eq!(places, [(2, 6, "front-matter.no-space-after-colon")]);
    assert_eq!(repaired.yaml, "title: 长欣\nstart: 14:30\n");
}

#[test]
fn split_errors_render_with_their_line() {
    let text = "---\ntitle: 长欣\n正文\n";
    let error = split(text).unwrap_err();
    insta::assert_snapshot!(error.diagnostic(place(text)).render_text(), @r"
    content/stories/a.md:1:1: 错误：front matter 没有结束：缺少结尾的 `---`
      |
    1 | ---
      | ^
      = 建议：在最后一个字段的下一行单独写一行 `---`，正文写在它下面
    ");
}
