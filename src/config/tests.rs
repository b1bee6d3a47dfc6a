use super::*;

fn site_yaml(text: &str) -> SourceFile {
    SourceFile {
        path: "site.yaml".into(),
        text: text.into(),
        encoding: "UTF-8",
    }
}

fn parse_ok(text: &str) -> Config {
    let (config, diagnostics) = parse(Some(&site_yaml(text)));
    assert_eq!(diagnostics, []);
    config.expect("site.yaml is valid")
}

fn parse_err(text: &str) -> String {
    let (config, diagnostics) = parse(Some(&site_yaml(text)));
    assert!(config.is_none(), "parsed although wrong");
    diagnostics
        .iter()
        .map(Diagnostic::render_text)
        .collect::<Vec<_>>()
        .join("\n")
}

const SPEC_EXAMPLE: &str = "title: 长欣社区“红色微家”
description: 党建引领社区治理品牌
base_url: https://example.org/changxin/   # may carry a path
languages: [zh-hans, zh-hant]
traditional: standard
source_script: auto
theme: default
timezone: Asia/Shanghai
footer: { icp: 苏ICP备00000000号, police: 苏公网安备 00000000000000号 }
glossary:
  长欣: 長欣
images: { widths: [480, 960, 1600], quality: 82 }
";

#[test]
fn the_spec_example_reads_completely() {
    let config = parse_ok(SPEC_EXAMPLE);
    assert_eq!(config.title, "长欣社区“红色微家”");
    assert_eq!(config.description, "党建引领社区治理品牌");
    assert_eq!(config.base_url.origin, "https://example.org");
    assert_eq!(config.base_url.path, "/changxin/");
    assert_eq!(config.languages, [Script::Hans, Script::Hant]);
    assert_eq!(config.traditional, Variant::Standard);
    assert_eq!(config.source_script, SourceScript::Auto);
    assert_eq!(config.theme, "default");
    assert_eq!(config.timezone_name, "Asia/Shanghai");
    assert_eq!(config.footer.icp.as_deref(), Some("苏ICP备00000000号"));
    assert_eq!(
        config.footer.police.as_deref(),
        Some("苏公网安备 00000000000000号")
    );
    assert_eq!(config.glossary, [("长欣".to_string(), "長欣".to_string())]);
    assert_eq!(config.images, ImageSettings::default());
    assert_eq!(config.paginate, 10);
}

#[test]
fn a_title_alone_gets_every_default() {
    let config = parse_ok("title: 长欣\n");
    assert_eq!(config.description, "");
    assert_eq!(
        (
            config.base_url.origin.as_str(),
            config.base_url.path.as_str()
        ),
        ("", "/")
    );
    assert_eq!(config.languages, [Script::Hans, Script::Hant]);
    assert_eq!(config.traditional, Variant::Standard);
    assert_eq!(config.source_script, SourceScript::Auto);
    assert_eq!(config.theme, "default");
    assert_eq!(config.timezone_name, "Asia/Shanghai");
    assert_eq!(
        config.timezone,
        jiff::tz::TimeZone::get("Asia/Shanghai").unwrap()
    );
    assert_eq!(config.footer, Footer::default());
    assert_eq!(config.glossary, []);
    assert_eq!(config.images, ImageSettings::default());
    assert_eq!(config.paginate, 10);
}

#[test]
fn languages_accept_the_names_users_write() {
    let cases: [(&str, &[Script]); 6] = [
        ("[zh-hant, zh-hans]", &[Script::Hant, Script::Hans]),
        ("[zh-CN, zh-TW]", &[Script::Hans, Script::Hant]),
        ("[繁体, 简体]", &[Script::Hant, Script::Hans]),
        ("zh-hk", &[Script::Hant]),
        ("[zh-hans]", &[Script::Hans]),
        ("[zh_Hant, zh-sg]", &[Script::Hant, Script::Hans]),
    ];
    for (written, expected) in cases {
        let config = parse_ok(&format!("title: 长欣\nlanguages: {written}\n"));
        assert_eq!(config.languages, expected, "{written}");
    }
}

#[test]
fn settings_are_read_by_their_type() {
    let config = parse_ok(
        "title: 2015-10-11\ntraditional: tw-phrases\nsource_script: 繁体\ntimezone: Asia/Hong_Kong\n\
         base_url: /changxin\nimages:\n  widths: [1600, 480, 960, 480]\n  quality: 90\npaginate: 20\n\
         glossary:\n  长欣: 長欣\n  微家: 微家\n",
    );
    assert_eq!(config.title, "2015-10-11");
    assert_eq!(config.traditional, Variant::TwPhrases);
    assert_eq!(config.source_script, SourceScript::Fixed(Script::Hant));
    assert_eq!(config.timezone_name, "Asia/Hong_Kong");
    assert_eq!(
        (
            config.base_url.origin.as_str(),
            config.base_url.path.as_str()
        ),
        ("", "/changxin/")
    );
    assert_eq!(config.images.widths, [480, 960, 1600]);
    assert_eq!(config.images.quality, 90);
    assert_eq!(config.paginate, 20);
    assert_eq!(config.glossary.len(), 2);
}

#[test]
fn a_missing_site_yaml_points_at_tongwen_init() {
    let (config, diagnostics) = parse(None);
    assert!(config.is_none());
    insta::assert_snapshot!(diagnostics[0].render_text(), @r"
        site.yaml: 错误：找不到站点设置文件 site.yaml
          = 建议：在站点文件夹里放一个 site.yaml（至少写一行 `title: 站点名称`），或运行 `tongwen init 文件夹` 新建一个站点
    ");
}

#[test]
fn a_missing_title_is_an_error() {
    insta::assert_snapshot!(parse_err("description: 品牌\n"), @r"
        site.yaml:1:1: 错误：缺少必填字段 `title`
          |
        1 | description: 品牌
          | ^
          = 建议：加一行，例如 `title: 长欣社区“红色微家”`
    ");
}

#[test]
fn every_bad_setting_is_reported_at_its_value() {
    let text = "title: 长欣\nbase_url: example.org\nlanguages: [zh-hans, zh-cn]\ntraditional: big5\n\
                timezone: Asia/Beijing\ntheme: ../secret\nimages: { widths: [0, 960], quality: 101 }\n\
                paginate: 0\n";
    insta::assert_snapshot!(parse_err(text), @r"
        site.yaml:2:11: 错误：`base_url` 应该是以 https:// 或 http:// 开头的网址，这里写的是“example.org”
          |
        2 | base_url: example.org
          |           ^
          = 建议：例如 `base_url: https://example.org/changxin/`；不知道网址时可以不写
        site.yaml:3:22: 错误：`languages` 里“zh-cn”和前面的语言是同一种文字
          |
        3 | languages: [zh-hans, zh-cn]
          |                      ^
          = 建议：两种语言要一简一繁，例如 `languages: [zh-hans, zh-hant]`
        site.yaml:4:14: 错误：`traditional` 不能写“big5”
          |
        4 | traditional: big5
          |              ^
          = 建议：可以写 standard（通用繁体）、tw（台湾字形）、tw-phrases（台湾字形和用语）或 hk（香港字形）
        site.yaml:5:11: 错误：未知时区“Asia/Beijing”
          |
        5 | timezone: Asia/Beijing
          |           ^
          = 建议：写 IANA 时区名，例如 `timezone: Asia/Shanghai`（香港 Asia/Hong_Kong，台北 Asia/Taipei）
        site.yaml:6:8: 错误：`theme` 要写 themes/ 文件夹里的一个主题名，不能写“../secret”
          |
        6 | theme: ../secret
          |        ^
          = 建议：例如 `theme: default`
        site.yaml:7:20: 错误：图片宽度应该是正整数（像素），这里写的是“0”
          |
        7 | images: { widths: [0, 960], quality: 101 }
          |                    ^
          = 建议：例如 `widths: [480, 960, 1600]`
        site.yaml:7:38: 错误：`quality` 应该是 1 到 100 之间的整数，这里写的是“101”
          |
        7 | images: { widths: [0, 960], quality: 101 }
          |                                      ^
          = 建议：例如 `quality: 82`
        site.yaml:8:11: 错误：`paginate` 应该是不小于 1 的整数，这里写的是“0”
          |
        8 | paginate: 0
          |           ^
          = 建议：例如 `paginate: 10`
    ");
}

#[test]
fn unknown_settings_get_the_nearest_name() {
    let text =
        "title: 长欣\nbaseurl: https://example.org/\n语言: [zh-hans]\nfooter:\n  ipc: 苏ICP备1号\n";
    insta::assert_snapshot!(parse_err(text), @r"
        site.yaml:2:1: 错误：未知字段 `baseurl`
          |
        2 | baseurl: https://example.org/
          | ^
          = 建议：是否想写 `base_url`？
        site.yaml:3:1: 错误：未知字段 `语言`
          |
        3 | 语言: [zh-hans]
          | ^
          = 建议：字段名要用英文：把 `语言` 改成 `languages`
        site.yaml:5:3: 错误：未知字段 `ipc`
          |
        5 |   ipc: 苏ICP备1号
          |   ^
          = 建议：是否想写 `icp`？
    ");
}

#[test]
fn full_width_colons_in_site_yaml_are_reported() {
    insta::assert_snapshot!(parse_err("title：长欣\ntheme:\tdefault\n"), @r"
        site.yaml:1:6: 错误：字段名后面用了全角冒号“：”
          |
        1 | title：长欣
          |      ^
          = 建议：把全角冒号“：”改成半角冒号“:”，冒号后加一个空格
        site.yaml:2:7: 错误：冒号后面用了制表符（Tab）
          |
        2 | theme:	default
          |       ^
          = 建议：把 Tab 改成一个半角空格
    ");
}

#[test]
fn a_yaml_error_names_its_line() {
    let text = "title: 长欣\ndescription: 品牌\nlanguages: [zh-hans, zh-hant\ntheme: default\n";
    let rendered = parse_err(text);
    assert!(rendered.starts_with("site.yaml:3:12:"), "{rendered}");
}
