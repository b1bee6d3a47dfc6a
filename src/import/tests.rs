use super::*;

fn story(name: &str, bytes: &[u8]) -> Result<Plan, Refused> {
    plan(&Input { name, bytes }, Kind::Story, &|_| None)
}

#[test]
fn text_becomes_a_story_with_its_fields_found() {
    let text = "\u{3000}\u{3000}构建党建引领社区治理“长欣”品牌\n朱丽娜\n\n近年来，无锡市新吴区长欣公寓社区(qū)实施三年计划,2023年5月1日挂牌。\n一、掌门人孵化\n选贤举能，挖掘骨干潜力。\n";
    let plan = story("a.txt", text.as_bytes()).unwrap();
    assert_eq!(
        plan.file,
        "stories/goujian-dangjian-yinling-shequ-zhili-changxin-pinpai.md"
    );
    insta::assert_snapshot!(plan.text, @r#"
    ---
    title: "构建党建引领社区治理“长欣”品牌"
    date: 2023-05-01
    community: "长欣公寓社区"
    district: "新吴区"
    author: "朱丽娜"
    script: hans
    ---

    近年来，无锡市新吴区长欣公寓社区实施三年计划，2023年5月1日挂牌。

    ## 一、掌门人孵化

    选贤举能，挖掘骨干潜力。
    "#);
    assert_eq!(plan.fixes.len(), 2, "{:?}", plan.fixes);
}

#[test]
fn bad_inputs_are_refused_with_a_message_naming_the_file() {
    let refused = |name: &str, bytes: &[u8]| story(name, bytes).unwrap_err().0;
    assert!(refused("旧.doc", b"\xD0\xCF\x11\xE0abc").contains("旧.doc：这是旧版 Word"));
    assert!(refused("坏.docx", b"PK\x03\x04broken").contains("坏.docx：文件已损坏"));
    assert!(refused("空.txt", b"").contains("空.txt：文件是空的"));
    assert!(refused("a.pages", b"x").contains("不认识这种文件"));
    let encrypted: Vec<u8> = b"\xD0\xCF\x11\xE0"
        .iter()
        .copied()
        .chain("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert!(refused("密.docx", &encrypted).contains("设置了打开密码"));
}

#[test]
fn bold_keeps_its_punctuation_outside_the_markers() {
    let article = Article {
        blocks: vec![Block::Paragraph(vec![
            Inline::Strong(vec![Inline::Text("“红色微家”".into())]),
            Inline::Text("后来".into()),
        ])],
        ..Article::default()
    };
    assert_eq!(markdown_out::write(&article), "“**红色微家**”后来\n");
}

#[test]
fn a_lecture_leaves_what_the_text_does_not_say_as_marked_blanks() {
    let text = "---\ntitle: 网格里的邻里事\n---\n# 不是标题\n\n讲座在社区党群服务中心举行。\n";
    let plan = plan(
        &Input {
            name: "讲座.md",
            bytes: text.as_bytes(),
        },
        Kind::Lecture,
        &|_| None,
    )
    .unwrap();
    assert_eq!(plan.file, "lectures/wangge-li-de-linli-shi.md");
    insta::assert_snapshot!(plan.text, @r#"
    ---
    title: "网格里的邻里事"
    start:         # 必填：开始时间，例如 2026-12-06 14:30
    venue:         # 必填：地点
    speaker:       # 必填：主讲人姓名
    script: hans
    ---

    ## 不是标题

    讲座在社区党群服务中心举行。
    "#);
}

fn html_body(page: &str) -> String {
    let plan = story("a.html", page.as_bytes()).unwrap();
    plan.text.split_once("---\n\n").unwrap().1.to_string()
}

#[test]
fn word_saved_html_footnotes_become_footnotes() {
    let page = r##"<html><body><div class="WordSection1"><h1>议事厅启用</h1>
<p>议事厅正式启用<a href="#_ftn1" name="_ftnref1"><span class="MsoFootnoteReference">[1]</span></a>。</p></div>
<div style="mso-element:footnote-list"><div style="mso-element:footnote" id="ftn1">
<p class="MsoFootnoteText"><a href="#_ftnref1" name="_ftn1"><span>[1]</span></a> 设在8号楼一楼。</p></div></div>
</body></html>"##;
    assert_eq!(
        html_body(page),
        "议事厅正式启用[^1]。\n\n[^1]: 设在8号楼一楼。\n"
    );
}

#[test]
fn superscripts_without_a_note_list_stay_text_and_lists_in_cells_keep_their_words() {
    let page = "<html><body><article><h1>面积</h1><p>面积120m<sup>2</sup>。</p>\
        <table><tr><th>内容</th></tr><tr><td><ul><li>扫码</li><li>电话</li></ul></td></tr></table>\
        </article></body></html>";
    assert_eq!(
        html_body(page),
        "面积120m2。\n\n| 内容 |\n| --- |\n| 扫码 电话 |\n"
    );
}
