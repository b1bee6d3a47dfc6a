//! Input people really produce: every mistake gets a message at its file:line:col, all of
//! them are listed in order, and a failed build leaves the previous output untouched.

mod support;

use support::SiteTest;

/// The bilingual fixture, built once, then the given files added or replaced.
fn broken(files: &[(&str, Vec<u8>)]) -> (SiteTest, support::Run) {
    let site = SiteTest::fixture("bilingual");
    assert_eq!(site.build().code, 0);
    for (path, bytes) in files {
        site.write(path, bytes);
    }
    let run = site.build();
    (site, run)
}

fn utf8(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

/// The first line of each diagnostic block in stderr.
fn headlines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| {
            l.starts_with("content/") || l.starts_with("site.yaml") || l.starts_with("themes/")
        })
        .collect()
}

const STORY: &str = "---\ntitle: 故事\ndate: 2024-04-02\ncommunity: 长欣公寓社区\n---\n\n正文。\n";

#[test]
fn gbk_and_utf16_files_are_read_with_a_warning_and_bom_crlf_silently() {
    let (site, run) = broken(&[
        (
            "content/stories/gbk.md",
            gbk(
                "---\ntitle: 记事本保存的故事\ndate: 2024-04-02\ncommunity: 长欣公寓社区\n---\n\n用记事本保存。\n",
            ),
        ),
        (
            "content/stories/utf16.md",
            utf16le_with_bom(
                "---\ntitle: WPS 保存的故事\ndate: 2024-04-03\ncommunity: 长欣公寓社区\n---\n\nWPS 保存。\n",
            ),
        ),
        (
            "content/stories/bom.md",
            [
                b"\xEF\xBB\xBF".as_slice(),
                STORY.replace('\n', "\r\n").as_bytes(),
            ]
            .concat(),
        ),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        headlines(&run.stderr),
        [
            "content/stories/gbk.md: 警告：文件是 GB18030 编码，已按此读取",
            "content/stories/utf16.md: 警告：文件是 UTF-16LE 编码，已按此读取",
        ]
    );
    assert!(
        site.read("zh-hant/stories/gbk/index.html")
            .contains("記事本保存的故事")
    );
    assert!(
        site.read("stories/utf16/index.html")
            .contains("WPS 保存的故事")
    );
    assert!(site.read("stories/bom/index.html").contains("正文。"));
}

#[test]
fn every_front_matter_mistake_is_listed_in_order_at_its_place() {
    let (site, run) = broken(&[
        (
            "content/stories/colon.md",
            utf8("---\ntitle: 全角冒号\ndate: 2024-04-05\ncommunity：长欣公寓社区\n---\n正文\n"),
        ),
        (
            "content/stories/unclosed.md",
            utf8("---\ntitle: 没有结尾\ndate: 2024-04-06\ncommunity: 长欣公寓社区\n\n正文\n"),
        ),
        ("content/stories/empty.md", utf8("")),
        (
            "content/stories/missing.md",
            utf8("---\ntitle: 缺社区\ndate: 2024-04-07\n---\n正文\n"),
        ),
        (
            "content/stories/wrongtype.md",
            utf8("---\ntitle: [一, 二]\ndate: 2023年13月1日\ncommunity: 长欣公寓社区\n---\n正文\n"),
        ),
        (
            "content/stories/unknown.md",
            utf8("---\ntitle: 拼错字段\ndate: 2024-04-08\ncomunity: 长欣公寓社区\n---\n正文\n"),
        ),
        (
            "content/stories/indent.md",
            utf8(
                "---\ntitle: 全角空格\ndate: 2024-04-12\n\u{3000}community: 长欣公寓社区\n---\n正文\n",
            ),
        ),
        (
            "content/stories/yaml.md",
            utf8(
                "---\ntitle: 括号没关\ndate: 2024-04-12\ncommunity: 长欣公寓社区\ntags: [党建引领, 社区治理\n---\n正文\n",
            ),
        ),
        (
            "content/stories/dup1.md",
            utf8(
                "---\ntitle: 重复一\nslug: same\ndate: 2024-04-09\ncommunity: 长欣公寓社区\n---\n正文\n",
            ),
        ),
        (
            "content/stories/dup2.md",
            utf8(
                "---\ntitle: 重复二\nslug: same\ndate: 2024-04-10\ncommunity: 长欣公寓社区\n---\n正文\n",
            ),
        ),
        (
            "content/stories/noworkshop.md",
            utf8(
                "---\ntitle: 工作室不存在\ndate: 2024-04-11\ncommunity: 长欣公寓社区\nworkshops: [laoshui]\n---\n正文\n",
            ),
        ),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(headlines(&run.stderr).join("\n"), @r"
    content/stories/colon.md:4:10: 错误：字段名后面用了全角冒号“：”
    content/stories/dup1.md:1:1: 错误：这个文件和 content/stories/dup2.md 会生成同一个网址 `/stories/same/`
    content/stories/dup2.md:1:1: 错误：这个文件和 content/stories/dup1.md 会生成同一个网址 `/stories/same/`
    content/stories/empty.md: 错误：文件是空的
    content/stories/indent.md:4:1: 错误：缩进用了全角空格
    content/stories/missing.md:1:1: 错误：缺少必填字段 `community`
    content/stories/noworkshop.md:5:13: 错误：`workshops` 里的工作室 `laoshui` 不存在
    content/stories/unclosed.md:1:1: 错误：front matter 没有结束：缺少结尾的 `---`
    content/stories/unknown.md:4:1: 错误：未知字段 `comunity`
    content/stories/wrongtype.md:2:8: 错误：`title` 应该是一段文字，这里写成了一个列表
    content/stories/wrongtype.md:3:7: 错误：`date` 的日期“2023年13月1日”有误：月份只能是 1 到 12，这里写的是 13 月
    content/stories/yaml.md:5:7: 错误：YAML 格式有误：方括号或花括号没有配对
    ");
    assert!(
        run.stderr.contains("是否想写 `community`？"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("生成失败（12 个错误）"),
        "{}",
        run.stderr
    );
    assert!(
        !site.paths().iter().any(|p| p.contains("colon")),
        "the old output was replaced"
    );
}

#[test]
fn the_previous_output_is_byte_for_byte_untouched_after_a_failure() {
    let site = SiteTest::fixture("bilingual");
    assert_eq!(site.build().code, 0);
    let before: Vec<(String, Vec<u8>)> = site
        .paths()
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(site.out().join(&p)).unwrap()))
        .collect();
    site.write(
        "content/pages/about.md",
        "---\ntitle: 关于我们\n作者：宣传组\n---\n正文\n",
    );
    site.write("content/pages/new.md", "---\ntitle: 新页面\n---\n正文\n");
    assert_eq!(site.build().code, 1);
    let after: Vec<(String, Vec<u8>)> = site
        .paths()
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(site.out().join(&p)).unwrap()))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn a_value_is_read_by_its_fields_type() {
    let (site, run) = broken(&[(
        "content/workshops/typed.md",
        utf8(
            "---\ntitle: 2015-10-11\nleader: 王建国\ncommunity: 长欣公寓社区\ncontact:\n  phone: 0571\ndraft: 否\n---\n正文\n",
        ),
    )]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.main_of("workshops/typed/index.html");
    assert!(page.contains("2015-10-11"), "{page}");
    assert!(page.contains("0571"), "{page}");
}

#[test]
fn a_date_that_does_not_exist_is_an_error_never_rolled_over() {
    let (_, run) = broken(&[(
        "content/stories/feb.md",
        utf8("---\ntitle: 二月\ndate: 2023-02-30\ncommunity: 长欣公寓社区\n---\n正文\n"),
    )]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/stories/feb.md:3:7: 错误："),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2023年2月只有28天"), "{}", run.stderr);
}

#[test]
fn a_template_error_names_the_template_and_line() {
    let (_, run) = broken(&[(
        "themes/default/templates/page.html",
        utf8("{% if x %}\n<p>\n"),
    )]);
    assert_eq!(run.code, 1);
    assert_eq!(
        headlines(&run.stderr),
        ["themes/default/templates/page.html:3:1: 错误：模板语法有误，Tera 无法读懂这里"]
    );
}

#[test]
fn site_yaml_mistakes_are_named_with_their_line() {
    let site = SiteTest::fixture("bilingual");
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        config.replace(
            "timezone: Asia/Shanghai",
            "timezone: Asia/Shanghia\ntitel: 拼错",
        ),
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert_eq!(
        headlines(&run.stderr),
        [
            "site.yaml:8:11: 错误：未知时区“Asia/Shanghia”",
            "site.yaml:9:1: 错误：未知字段 `titel`",
        ]
    );
}

#[test]
fn a_missing_site_yaml_says_how_to_start() {
    let site = SiteTest::empty();
    site.write("content/pages/about.md", "---\ntitle: 关于\n---\n正文\n");
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("tongwen init"), "{}", run.stderr);
}
