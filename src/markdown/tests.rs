//! Whole bodies through `render`: the HTML a zh-Hant page of a simplified
//! source gets, and the facts collected on the way.

use super::test_host::TestHost;
use super::{Heading, ImageRef, LinkRef, render};

const STORY: &str = "\
# 长欣社区“红色微家”

无锡市新吴区长欣公寓社区的“红色微家”，从2019年的
“掌门人”孵化起步，2020年建起“欣空间”，
2021年又开了“会客厅”。

The brand is known as
*Red Micro-Home* in English reports.

## 八个实名工作室

社区给8个实名工作室统一挂牌，其中黄全南的
[“老书记”工作室](../workshops/laoshuji.md#目标)负责宣讲，
详见[下文](#活动安排)。

![黄全南在-{长欣}-会客厅宣讲](images/xuanjiang.jpg \"老书记宣讲现场\")

## 活动安排

| 时间 | 活动 | 地点 |
|------|------|------|
| 每月第二个周六 | 社区讲堂 | 党群服务中心 |
| 每周三下午 | 志愿服务 | “连心亭” |

- [x] 挂牌8个工作室
- [ ] 开通-{“家筑长欣”}-公众号

发布文章时运行 `tongwen build`，代码里的“干部”不转换：

```yaml
title: 长欣社区“红色微家”
leader: 黄全南  # 干部
```

“三会一课”制度[^三会]由社区党委落实。

[^三会]: 支部党员大会、支部委员会、党小组会和党课。
";

#[test]
fn story_on_the_traditional_page() {
    let rendered = render(STORY, &TestHost::hant());
    insta::assert_snapshot!(rendered.html);
}

#[test]
fn story_on_the_simplified_page_keeps_the_source_text() {
    let rendered = render(STORY, &TestHost::hans());
    insta::assert_snapshot!(rendered.html);
}

#[test]
fn story_facts_point_into_the_body() {
    let rendered = render(STORY, &TestHost::hant());
    assert_eq!(
        rendered.links,
        [
            LinkRef {
                dest: "../workshops/laoshuji.md#目标".into(),
                line: 13,
                col: 1,
            },
            LinkRef {
                dest: "#活动安排".into(),
                line: 14,
                col: 3,
            },
        ]
    );
    assert_eq!(
        rendered.images,
        [ImageRef {
            src: "images/xuanjiang.jpg".into(),
            alt: "黄全南在-{长欣}-会客厅宣讲".into(),
            line: 16,
            col: 1,
        }]
    );
    let heading = |level, id: &str, text: &str| Heading {
        level,
        id: id.into(),
        text: text.into(),
    };
    assert_eq!(
        rendered.headings,
        [
            heading(1, "長欣社區紅色微家", "長欣社區“紅色微家”"),
            heading(2, "八個實名工作室", "八個實名工作室"),
            heading(2, "活動安排", "活動安排"),
        ]
    );
}

#[test]
fn anchor_links_meet_converted_heading_ids() {
    let rendered = render(STORY, &TestHost::hant());
    assert!(rendered.html.contains("<h2 id=\"活動安排\">"));
    let fragment = "#%E6%B4%BB%E5%8B%95%E5%AE%89%E6%8E%92";
    assert!(rendered.html.contains(&format!("<a href=\"{fragment}\">")));
}

#[test]
fn story_plain_text() {
    let rendered = render(STORY, &TestHost::hant());
    insta::assert_snapshot!(rendered.plain_text);
}

#[test]
fn phrases_broken_over_two_lines_convert_as_one() {
    // 头发 is one phrase (頭髮); 发 alone would become 發.
    let rendered = render("志愿者给老人理\n头\n发，\n干\n净利落。", &TestHost::hant());
    assert_eq!(rendered.html, "<p>志願者給老人理頭髮，乾淨利落。</p>\n");
}

#[test]
fn empty_body_renders_nothing() {
    let rendered = render("", &TestHost::hant());
    assert_eq!(rendered, super::Rendered::default());
}

#[test]
fn raw_html_text_and_readable_attributes_are_converted() {
    let body = "<div class=\"notice\" title=\"社区公告\">社区公告&nbsp;<!-- 社区 --></div>\n\n\
                居民<mark title=\"议事\">议事</mark>会<img src=\"社区.png\" alt=\"发展\">";
    let rendered = render(body, &TestHost::hant());
    insta::assert_snapshot!(rendered.html, @r#"
    <div class="notice" title="社區公告">社區公告&nbsp;<!-- 社区 --></div>
    <p>居民<mark title="議事">議事</mark>會<img src="社区.png" alt="發展"></p>
    "#);
}

#[test]
fn html_block_lines_are_read_as_one() {
    let body = "\
<details>
<summary>报名须知</summary>
<pre>
头发 <b>干部</b>
</pre>
<p title=\"社区
发展\">后来</p>
<!-- 头发
干部 -->
</details>
";
    let rendered = render(body, &TestHost::hant());
    insta::assert_snapshot!(rendered.html, @r#"
    <details>
    <summary>報名須知</summary>
    <pre>
    头发 <b>干部</b>
    </pre>
    <p title="社區
    發展">後來</p>
    <!-- 头发
    干部 -->
    </details>
    "#);
}

#[test]
fn markdown_inside_raw_verbatim_elements_is_not_converted() {
    let body = "<kbd>\n\n干部\n\n</kbd>\n\n居民<code>头发</code>与<samp>*后来*</samp>发展";
    let rendered = render(body, &TestHost::hant());
    insta::assert_snapshot!(rendered.html, @r"
    <kbd>
    <p>干部</p>
    </kbd>
    <p>居民<code>头发</code>與<samp><em>后来</em></samp>發展</p>
    ");
}

#[test]
fn raw_html_on_the_simplified_page_only_loses_its_markers() {
    let body = "<p title=\"-{长欣}-社区\">-{后来}-头发</p>";
    let rendered = render(body, &TestHost::hans());
    assert_eq!(rendered.html, "<p title=\"长欣社区\">后来头发</p>");
}

#[test]
fn text_is_escaped() {
    let body = "a &lt; b & \"c\" <3 ![x\"><script>](a.png) [t](b.md \"<q>\")";
    let rendered = render(body, &TestHost::hant());
    assert!(!rendered.html.contains("<script>"), "{}", rendered.html);
    assert!(!rendered.html.contains("<q>"), "{}", rendered.html);
    assert!(!rendered.html.contains("<3"), "{}", rendered.html);
}

#[test]
fn html_block_indented_by_tabs_in_a_list_is_read_as_one() {
    let body = "- 项目\n\n\t<!--\n\t社区\n\t-->\n\t<p>社区</p>\n";
    let rendered = render(body, &TestHost::hant());
    insta::assert_snapshot!(rendered.html, @r"
    <ul>
    <li>
    <p>項目</p>
      <!--
      社区
      -->
      <p>社區</p>
    </li>
    </ul>
    ");
}
