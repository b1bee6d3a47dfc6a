use std::sync::LazyLock;

use super::*;
use crate::content::{Contact, LectureStatus, When};
use crate::convert::Variant;

static CONVERTER: LazyLock<Converter> = LazyLock::new(|| Converter::new(Variant::Standard, &[]));

fn config(site_yaml: &str) -> Config {
    let file = SourceFile {
        path: "site.yaml".into(),
        text: site_yaml.into(),
        encoding: "UTF-8",
    };
    let (config, diagnostics) = crate::config::parse(Some(&file));
    assert_eq!(diagnostics, []);
    config.expect("test site.yaml is valid")
}

fn site() -> Config {
    config("title: 长欣社区“红色微家”\n")
}

/// Parses `text` at `path` with the default test site; the diagnostics rendered.
fn parse_with(path: &str, text: &str, config: &Config) -> (Option<Document>, String) {
    let file = SourceFile {
        path: path.into(),
        text: text.into(),
        encoding: "UTF-8",
    };
    let (document, diagnostics) = parse_document(&file, config, &CONVERTER);
    let rendered = diagnostics
        .iter()
        .map(Diagnostic::render_text)
        .collect::<Vec<_>>()
        .join("\n");
    (document, rendered)
}

fn parse(path: &str, text: &str) -> (Option<Document>, String) {
    parse_with(path, text, &site())
}

/// A document that must parse without any diagnostic.
fn parse_ok(path: &str, text: &str) -> Document {
    let (document, rendered) = parse(path, text);
    assert_eq!(rendered, "");
    document.expect("document parses")
}

/// The diagnostics of a file that must not parse.
fn parse_err(path: &str, text: &str) -> String {
    let (document, rendered) = parse(path, text);
    assert!(document.is_none(), "parsed although wrong: {rendered}");
    rendered
}

fn when(text: &str) -> When {
    crate::content::dates::parse_when(text, &site().timezone).unwrap()
}

const STORY: &str = "content/stories/长欣红色微家.md";

#[test]
fn a_story_reads_every_value_by_its_field_type() {
    let text = "---\ntitle: 2015-10-11\ndate: 2023/5/1\ncommunity: 长欣公寓社区\ndistrict: 新吴区\n\
                author: 朱丽娜\ntags: 党建\ndraft: 是\nworkshops: [laoshuji-gongzuoshi, 好家风工作室]\n\
                ---\n近年来，长欣公寓社区实施三年计划。\n";
    let document = parse_ok(STORY, text);
    assert_eq!(document.source, STORY);
    assert_eq!(document.section, Section::Stories);
    assert_eq!(document.slug, "changxin-hongse-weijia");
    assert_eq!(document.script, Script::Hans);
    assert_eq!(document.common.title, "2015-10-11");
    assert_eq!(document.common.tags, ["党建"]);
    assert!(document.common.draft);
    assert_eq!(
        document.body.as_str(),
        "近年来，长欣公寓社区实施三年计划。\n"
    );
    assert_eq!(document.body_line, 11);
    let Kind::Story(story) = document.kind else {
        panic!("not a story: {:?}", document.kind);
    };
    assert_eq!(story.date, when("2023-05-01"));
    assert_eq!(story.community, "长欣公寓社区");
    assert_eq!(story.district.as_deref(), Some("新吴区"));
    assert_eq!(story.author.as_deref(), Some("朱丽娜"));
    assert_eq!(
        story.workshops,
        ["laoshuji-gongzuoshi", "hao-jiafeng-gongzuoshi"]
    );
}

#[test]
fn a_story_folder_takes_its_slug_from_the_folder_and_slug_wins_over_both() {
    let text = "---\ntitle: 四圈共建\ndate: 2023-05-01\ncommunity: 广益街道金和社区\n---\n";
    let document = parse_ok("content/stories/梁溪区四圈共建/index.md", text);
    assert_eq!(document.slug, "liangxiqu-siquan-gongjian");
    let text =
        "---\ntitle: 四圈共建\nslug: sijuan-2023\ndate: 2023-05-01\ncommunity: 金和社区\n---\n";
    let document = parse_ok("content/stories/梁溪区四圈共建/index.md", text);
    assert_eq!(document.slug, "sijuan-2023");
    assert_eq!(document.common.slug.as_deref(), Some("sijuan-2023"));
}

#[test]
fn a_workshop_keeps_leading_zeros_and_reads_its_contact() {
    let text = "---\r\ntitle: 黄全南“老书记”工作室\r\nleader: 黄全南\r\ncommunity: 长欣公寓社区\r\n\
                founded: 2019年5月1日\r\nfocus: [矛盾调解, 政策宣讲]\r\ncontact:\r\n  phone: 0571\r\n  \
                hours: 周一至周五 9:00-17:00\r\nphoto: huang.jpg\r\n---\r\n工作室简介。\r\n";
    let document = parse_ok("content/workshops/老书记工作室.md", text);
    assert_eq!(document.slug, "laoshuji-gongzuoshi");
    assert_eq!(document.body.as_str(), "工作室简介。\r\n");
    let Kind::Workshop(workshop) = document.kind else {
        panic!("not a workshop: {:?}", document.kind);
    };
    assert_eq!(workshop.leader, "黄全南");
    assert_eq!(workshop.founded, Some(when("2019-05-01")));
    assert_eq!(workshop.focus, ["矛盾调解", "政策宣讲"]);
    assert_eq!(
        workshop.contact,
        Some(Contact {
            phone: Some("0571".into()),
            address: None,
            hours: Some("周一至周五 9:00-17:00".into()),
        })
    );
    assert_eq!(workshop.photo.as_deref(), Some("huang.jpg"));
}

#[test]
fn a_lecture_reads_counts_statuses_and_an_end_time_on_its_day() {
    let text = "---\ntitle: 紅色微講堂第十二期\nstart: 2024-05-18 14:30\nend: 16:30\n\
                venue: 長欣公寓社區黨群服務中心\nspeaker: 黃全南\nspeaker_title: 社區老書記\n\
                series: 紅色微講堂\ncapacity: 50\nregistration: 電話報名\nworkshop: laoshuji-gongzuoshi\n\
                status: 已取消\nscript: 繁体\n---\n";
    let document = parse_ok("content/lectures/第十二期.md", text);
    assert_eq!(document.script, Script::Hant);
    let Kind::Lecture(lecture) = document.kind else {
        panic!("not a lecture: {:?}", document.kind);
    };
    assert_eq!(lecture.start, when("2024-05-18 14:30"));
    assert_eq!(lecture.end, Some(when("2024-05-18 16:30")));
    assert_eq!(lecture.capacity, Some(50));
    assert_eq!(lecture.status, LectureStatus::Cancelled);
    assert_eq!(lecture.workshop.as_deref(), Some("laoshuji-gongzuoshi"));
}

#[test]
fn pages_and_the_home_page_take_common_fields_only() {
    let page = parse_ok(
        "content/pages/about.md",
        "---\ntitle: 关于我们\n---\n正文\n",
    );
    assert_eq!(
        (page.section, page.slug.as_str()),
        (Section::Pages, "about")
    );
    assert_eq!(page.kind, Kind::Page);
    let home = parse_ok("content/_index.md", "---\nsummary: 品牌介绍\n---\n正文\n");
    assert_eq!((home.section, home.slug.as_str()), (Section::Home, ""));
    assert_eq!(home.common.title, "");
    let bare = parse_ok("content/_index.md", "长欣公寓社区的党建品牌。\n");
    assert_eq!(
        (bare.body.as_str(), bare.body_line),
        ("长欣公寓社区的党建品牌。\n", 1)
    );
}

#[test]
fn the_script_is_written_then_site_then_detected_then_first_language() {
    let hant = "---\ntitle: 黃金社區\n---\n黨建引領基層治理。\n";
    assert_eq!(parse_ok("content/pages/a.md", hant).script, Script::Hant);
    let fixed = config("title: 站\nsource_script: hans\n");
    let (document, _) = parse_with("content/pages/a.md", hant, &fixed);
    assert_eq!(document.map(|d| d.script), Some(Script::Hans));
    let neutral = "---\ntitle: About\n---\nHello.\n";
    let hant_first = config("title: 站\nlanguages: [zh-hant, zh-hans]\n");
    let (document, _) = parse_with("content/pages/a.md", neutral, &hant_first);
    assert_eq!(document.map(|d| d.script), Some(Script::Hant));
}

#[test]
fn drafts_are_parsed() {
    let document = parse_ok("content/pages/a.md", "---\ntitle: 草稿\ndraft: yes\n---\n");
    assert!(document.common.draft);
}

#[test]
fn publish_and_expires_are_read_like_every_date() {
    let document = parse_ok(
        "content/lectures/a.md",
        "---\ntitle: 讲堂\nstart: 2026-07-10 14:30\nvenue: 二楼\nspeaker: 黄全南\n\
         publish: 2026年7月1日 8:00\nexpires: 2026/8/1\n---\n",
    );
    assert_eq!(document.common.publish, Some(when("2026-07-01 08:00")));
    assert_eq!(document.common.expires, Some(when("2026-08-01")));
    let bad = parse_err(
        "content/pages/a.md",
        "---\ntitle: 页面\npublish: 2026-02-30\n---\n",
    );
    assert!(
        bad.contains("a.md:3:10: 错误：`publish` 的日期“2026-02-30”有误"),
        "{bad}"
    );
}

#[test]
fn expires_must_come_after_publish_and_the_lecture_start() {
    let before_publish = parse_err(
        "content/pages/a.md",
        "---\ntitle: 页面\npublish: 2026-07-01\nexpires: 2026-07-01\n---\n",
    );
    assert!(
        before_publish
            .contains("a.md:4:10: 错误：`expires` 的下线时间 2026-07-01 不晚于 `publish`"),
        "{before_publish}"
    );
    let before_start = parse_err(
        "content/lectures/a.md",
        "---\ntitle: 讲堂\nstart: 2026-07-10 14:30\nvenue: 二楼\nspeaker: 黄全南\n\
         expires: 2026-07-10 14:00\n---\n",
    );
    assert!(
        before_start.contains(
            "`expires` 的下线时间 2026-07-10 14:00 不晚于 `start` 的讲座开始时间 2026-07-10 14:30"
        ),
        "{before_start}"
    );
    parse_ok(
        "content/lectures/a.md",
        "---\ntitle: 讲堂\nstart: 2026-07-10 14:30\nvenue: 二楼\nspeaker: 黄全南\n\
         expires: 2026-07-10 16:00\n---\n",
    );
}

#[test]
fn files_outside_the_sections_are_a_warning_saying_where_they_go() {
    let cases = [
        "content/about.md",
        "content/story/a.md",
        "content/stories/_index.md",
        "content/stories/2023/a.md",
    ];
    let rendered: Vec<String> = cases
        .iter()
        .map(|path| parse(path, "---\ntitle: 标题\n---\n"))
        .map(|(document, rendered)| {
            assert!(document.is_none());
            rendered
        })
        .collect();
    insta::assert_snapshot!(rendered.join("\n"), @r"
        content/about.md: 警告：这个文件不在内容栏目的位置上，不会发布
          = 建议：单独页面请放到 content/pages/about.md；首页介绍是 content/_index.md
        content/story/a.md: 警告：这个文件不在内容栏目的位置上，不会发布
          = 建议：是否想放在 `content/stories/`？
        content/stories/_index.md: 警告：这个文件不在内容栏目的位置上，不会发布
          = 建议：放在 content/stories/ 下：写成 content/stories/名字.md，或 content/stories/名字/index.md（图片放在同一文件夹）；栏目列表页由 tongwen 生成，不需要 _index.md
        content/stories/2023/a.md: 警告：这个文件不在内容栏目的位置上，不会发布
          = 建议：放在 content/stories/ 下：写成 content/stories/名字.md，或 content/stories/名字/index.md（图片放在同一文件夹）；栏目列表页由 tongwen 生成，不需要 a.md
    ");
}

#[test]
fn a_file_without_front_matter_says_how_to_start_one() {
    insta::assert_snapshot!(parse_err(STORY, "title: 长欣\n\n正文"), @r"
        content/stories/长欣红色微家.md:1:1: 错误：文件开头缺少 front matter（用 `---` 围起来的字段）
          |
        1 | title: 长欣
          | ^
          = 建议：在文件第一行写 `---`，接着写字段（如 `title: 标题`），再写一行 `---`，正文写在下面
    ");
}

#[test]
fn an_unclosed_front_matter_names_the_missing_closing_line() {
    insta::assert_snapshot!(parse_err(STORY, "---\ntitle: 长欣\ndate: 2023-05-01\n\n正文"), @r"
        content/stories/长欣红色微家.md:1:1: 错误：front matter 没有结束：缺少结尾的 `---`
          |
        1 | ---
          | ^
          = 建议：在最后一个字段的下一行单独写一行 `---`，正文写在它下面
    ");
}

#[test]
fn an_empty_file_is_an_error() {
    insta::assert_snapshot!(parse_err(STORY, "\n"), @r"
        content/stories/长欣红色微家.md: 错误：文件是空的
          = 建议：第一行写 `---`，接着写字段（如 `title: 标题`），再写一行 `---`，正文写在下面；不需要这个文件就把它删掉
    ");
}

#[test]
fn full_width_dashes_are_pointed_at() {
    insta::assert_snapshot!(parse_err(STORY, "---\ntitle: 长欣\n———\n正文"), @r"
        content/stories/长欣红色微家.md:3:1: 错误：front matter 的结束行用了全角的横线
          |
        3 | ———
          | ^
          = 建议：把这一行改成三个半角减号 `---`（切换到英文输入法再输入）
    ");
}

#[test]
fn full_width_colons_and_spaces_are_each_reported_with_what_to_type() {
    let text = "---\ntitle：长欣社区“红色微家”\ndate: 2023-05-01\ncommunity:\u{3000}长欣公寓社区\ntags:\n\t- 党建\n---\n";
    insta::assert_snapshot!(parse_err(STORY, text), @r"
        content/stories/长欣红色微家.md:2:6: 错误：字段名后面用了全角冒号“：”
          |
        2 | title：长欣社区“红色微家”
          |      ^
          = 建议：把全角冒号“：”改成半角冒号“:”，冒号后加一个空格
        content/stories/长欣红色微家.md:4:11: 错误：冒号后面用了全角空格
          |
        4 | community:　长欣公寓社区
          |           ^
          = 建议：把全角空格“　”改成半角空格（切换到英文输入法再敲空格）
        content/stories/长欣红色微家.md:6:1: 错误：缩进用了制表符（Tab）
          |
        6 | 	- 党建
          | ^
          = 建议：缩进只能用半角空格：删掉 Tab，子字段比上一层多缩进两个空格
    ");
}

#[test]
fn a_yaml_error_is_reported_on_its_line_of_the_file() {
    let text = "---\ntitle: 长欣\ndate: 2023-05-01\nsummary: \"未闭合的引号\ncommunity: 长欣公寓社区\n---\n";
    let rendered = parse_err(STORY, text);
    assert!(
        rendered.starts_with(&format!("{STORY}:4:10:")),
        "{rendered}"
    );
    insta::assert_snapshot!(rendered, @r#"
        content/stories/长欣红色微家.md:4:10: 错误：YAML 格式有误：引号没有配对
          |
        4 | summary: "未闭合的引号
          |          ^
          = 建议：值里的引号要成对：用了开头的 `"` 就要有结尾的 `"`；若值本身含引号，请用中文引号“”（解析器原文：invalid indentation in quoted scalar）
    "#);
}

#[test]
fn required_fields_are_reported_at_the_opening_line_with_an_example() {
    let text = "---\ntitle: 长欣\ncommunity:\n---\n";
    insta::assert_snapshot!(parse_err(STORY, text), @r"
        content/stories/长欣红色微家.md:1:1: 错误：缺少必填字段 `date`
          |
        1 | ---
          | ^
          = 建议：加一行，例如 `date: 2023-05-01`
        content/stories/长欣红色微家.md:3:1: 错误：必填字段 `community` 没有填写
          |
        3 | community:
          | ^
          = 建议：在冒号后面填上内容，例如 `community: 长欣公寓社区`
    ");
    let lecture = "---\ntitle: 讲堂\n---\n";
    insta::assert_snapshot!(parse_err("content/lectures/a.md", lecture), @r"
        content/lectures/a.md:1:1: 错误：缺少必填字段 `speaker`
          |
        1 | ---
          | ^
          = 建议：加一行，例如 `speaker: 黄全南`
        content/lectures/a.md:1:1: 错误：缺少必填字段 `start`
          |
        1 | ---
          | ^
          = 建议：加一行，例如 `start: 2024-05-18 14:30`
        content/lectures/a.md:1:1: 错误：缺少必填字段 `venue`
          |
        1 | ---
          | ^
          = 建议：加一行，例如 `venue: 长欣公寓社区党群服务中心二楼`
    ");
}

#[test]
fn values_of_the_wrong_type_are_reported_at_the_value() {
    let text = "---\ntitle: [长欣, 微家]\ndate: 2023-02-30\ncommunity: 长欣公寓社区\ntags:\n  a: 党建\n\
                draft: 也许\n---\n";
    insta::assert_snapshot!(parse_err(STORY, text), @r"
        content/stories/长欣红色微家.md:2:8: 错误：`title` 应该是一段文字，这里写成了一个列表
          |
        2 | title: [长欣, 微家]
          |        ^
          = 建议：例如 `title: 长欣社区“红色微家”三年计划`
        content/stories/长欣红色微家.md:3:7: 错误：`date` 的日期“2023-02-30”有误：2023年2月只有28天，没有30日
          |
        3 | date: 2023-02-30
          |       ^
          = 建议：日期可以写成 2023-05-01、2023/5/1、2023.5.1 或 2023年5月1日，时间跟在后面，如 2023-05-01 14:30
        content/stories/长欣红色微家.md:6:3: 错误：`tags` 应该是一个列表，这里写成了一组子字段
          |
        6 |   a: 党建
          |   ^
          = 建议：例如 `tags: [党建, 社区治理]`
        content/stories/长欣红色微家.md:7:8: 错误：`draft` 只能写“是”或“否”，这里写的是“也许”
          |
        7 | draft: 也许
          |        ^
          = 建议：写 `draft: 是` 或 `draft: 否`（也可以写 true / false）
    ");
}

#[test]
fn lecture_values_out_of_range_are_reported() {
    let text = "---\ntitle: 讲堂\nstart: 2024-05-18 14:30\nend: 2024-05-18 12:00\nvenue: 二楼\n\
                speaker: 黄全南\ncapacity: 五十\nstatus: 待定\n---\n";
    insta::assert_snapshot!(parse_err("content/lectures/a.md", text), @r"
        content/lectures/a.md:4:6: 错误：`end` 的结束时间早于开始时间 `start`
          |
        4 | end: 2024-05-18 12:00
          |      ^
          = 建议：检查日期和时间；结束时间写成 `end: 16:30` 表示开始当天的 16:30
        content/lectures/a.md:7:11: 错误：`capacity` 应该是不小于 1 的整数，这里写的是“五十”
          |
        7 | capacity: 五十
          |           ^
          = 建议：例如 `capacity: 50`
        content/lectures/a.md:8:9: 错误：`status` 不能写“待定”
          |
        8 | status: 待定
          |         ^
          = 建议：可以写：scheduled（正常）、cancelled（已取消）或 postponed（延期）
    ");
}

#[test]
fn unknown_fields_get_the_nearest_name_or_the_english_one() {
    let text = "---\ntitle: 长欣\ndate: 2023-05-01\ncomunity: 长欣公寓社区\n标签: 党建\nspeaker: 黄全南\n\
                地点: 党群服务中心\ncolour: 红\n---\n";
    insta::assert_snapshot!(parse_err(STORY, text), @r"
        content/stories/长欣红色微家.md:4:1: 错误：未知字段 `comunity`
          |
        4 | comunity: 长欣公寓社区
          | ^
          = 建议：是否想写 `community`？
        content/stories/长欣红色微家.md:5:1: 错误：未知字段 `标签`
          |
        5 | 标签: 党建
          | ^
          = 建议：字段名要用英文：把 `标签` 改成 `tags`
        content/stories/长欣红色微家.md:6:1: 错误：`speaker` 是讲堂的字段，案例故事里用不到
          |
        6 | speaker: 黄全南
          | ^
          = 建议：删掉这一行；若这篇是讲堂，把文件移到 content/lectures/
        content/stories/长欣红色微家.md:7:1: 错误：`地点`（`venue`）是讲堂的字段，案例故事里用不到
          |
        7 | 地点: 党群服务中心
          | ^
          = 建议：删掉这一行；若这篇是讲堂，把文件移到 content/lectures/
        content/stories/长欣红色微家.md:8:1: 错误：未知字段 `colour`
          |
        8 | colour: 红
          | ^
          = 建议：可以用的字段：title、slug、summary、tags、cover、draft、script、aliases、search、publish、expires、date、community、district、author、workshops
    ");
}

#[test]
fn a_field_written_twice_is_an_error_at_the_second() {
    let text = "---\ntitle: 长欣\ntitle: 微家\n---\n";
    insta::assert_snapshot!(parse_err("content/pages/a.md", text), @r"
        content/pages/a.md:3:1: 错误：字段 `title` 写了两次（第一次在第 2 行）
          |
        3 | title: 微家
          | ^
          = 建议：删掉其中一行
    ");
}

#[test]
fn a_slug_that_is_no_slug_is_explained_with_a_suggestion() {
    let text = "---\ntitle: 长欣\nslug: 长欣 微家\n---\n";
    insta::assert_snapshot!(parse_err("content/pages/a.md", text), @r"
        content/pages/a.md:3:7: 错误：网址名（slug）“长欣 微家”不能有汉字：只能用小写英文字母、数字和 `-`
          |
        3 | slug: 长欣 微家
          |       ^
          = 建议：可以写成 `slug: changxin-weijia`
    ");
    let (document, rendered) = parse("content/pages/（）.md", "---\ntitle: 长欣\n---\n");
    assert!(document.is_none());
    insta::assert_snapshot!(rendered, @r"
        content/pages/（）.md:1:1: 错误：无法从文件名“（）”生成网址名
          |
        1 | ---
          | ^
          = 建议：在 front matter 里加一行 `slug: 英文或拼音`，例如 `slug: changxin-hongse-weijia`
    ");
}

#[test]
fn a_tag_with_commas_is_a_warning_and_the_file_still_parses() {
    let (document, rendered) = parse(
        "content/pages/a.md",
        "---\ntitle: 长欣\ntags: 党建，社区治理\n---\n",
    );
    assert_eq!(
        document.map(|d| d.common.tags),
        Some(vec!["党建，社区治理".to_string()])
    );
    insta::assert_snapshot!(rendered, @r"
        content/pages/a.md:3:7: 警告：标签“党建，社区治理”里有逗号，会被当成一个标签
          |
        3 | tags: 党建，社区治理
          |       ^
          = 建议：多个标签写成 `tags: [党建, 社区治理]`（用半角逗号分隔）
    ");
}

#[test]
fn crlf_files_report_the_same_lines_and_columns() {
    let lf = "---\ntitle: 长欣\ncomunity: 长欣公寓社区\ndate: 2023-05-01\n---\n";
    let crlf = lf.replace('\n', "\r\n");
    assert_eq!(parse_err(STORY, lf), parse_err(STORY, &crlf));
}

#[test]
fn chinese_keys_with_full_width_colons_get_one_message_each_and_no_missing_fields() {
    let text = "---\n标题：长欣社区“红色微家”\n日期：2023年5月1日\n社区：长欣公寓社区\n---\n正文\n";
    insta::assert_snapshot!(parse_err(STORY, text), @r"
        content/stories/长欣红色微家.md:2:1: 错误：未知字段 `标题`
          |
        2 | 标题：长欣社区“红色微家”
          | ^
          = 建议：字段名要用英文：把 `标题` 改成 `title`
        content/stories/长欣红色微家.md:2:3: 错误：字段名后面用了全角冒号“：”
          |
        2 | 标题：长欣社区“红色微家”
          |     ^
          = 建议：把全角冒号“：”改成半角冒号“:”，冒号后加一个空格
        content/stories/长欣红色微家.md:3:1: 错误：未知字段 `日期`
          |
        3 | 日期：2023年5月1日
          | ^
          = 建议：字段名要用英文：把 `日期` 改成 `date`
        content/stories/长欣红色微家.md:3:3: 错误：字段名后面用了全角冒号“：”
          |
        3 | 日期：2023年5月1日
          |     ^
          = 建议：把全角冒号“：”改成半角冒号“:”，冒号后加一个空格
        content/stories/长欣红色微家.md:4:1: 错误：未知字段 `社区`
          |
        4 | 社区：长欣公寓社区
          | ^
          = 建议：字段名要用英文：把 `社区` 改成 `community`
        content/stories/长欣红色微家.md:4:3: 错误：字段名后面用了全角冒号“：”
          |
        4 | 社区：长欣公寓社区
          |     ^
          = 建议：把全角冒号“：”改成半角冒号“:”，冒号后加一个空格
    ");
}

#[test]
fn an_empty_front_matter_lists_every_required_field() {
    let rendered = parse_err("content/workshops/a.md", "---\n---\n正文\n");
    let firsts: Vec<&str> = rendered
        .lines()
        .filter(|l| l.starts_with("content/"))
        .collect();
    assert_eq!(
        firsts,
        [
            "content/workshops/a.md:1:1: 错误：缺少必填字段 `community`",
            "content/workshops/a.md:1:1: 错误：缺少必填字段 `leader`",
            "content/workshops/a.md:1:1: 错误：缺少必填字段 `title`",
        ]
    );
}
