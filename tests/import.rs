//! `tongwen import`: Word documents, saved pages and pasted text become content files that
//! build; bad inputs are refused with a message and nothing is written.

// Test helpers panic on any failure: that is how a test reports it.
#![allow(clippy::unwrap_used)]

mod support;

use std::io::Write as _;

use support::SiteTest;

/// A small real PNG (builds decode and resize every image).
fn png(shade: u8) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(8, 6, image::Rgb([shade, 40, 40]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

/// A zip of `parts` (name, bytes), the way Word and WPS package a .docx.
fn zip(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        out.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#;

fn text_run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

/// A WPS-style document: headings by numeric style ids, a manual line break and a
/// full-width indent, bold, a tracked insertion and deletion, a comment, a footnote, an
/// image with its caption under it, a table and a bullet list.
fn docx() -> Vec<u8> {
    let body = [
        format!(r#"<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr>{}</w:p>"#, text_run("长欣社区“红色微家”的八位掌门人")),
        format!("<w:p>{}</w:p>", text_run("2023年5月1日")),
        format!(
            r#"<w:p>{}<w:r><w:br/></w:r>{}<w:r><w:rPr><w:b/></w:rPr><w:t>“红色微家”</w:t></w:r>{}<w:del w:id="1" w:author="审稿"><w:r><w:delText>删掉的旧说法</w:delText></w:r></w:del><w:ins w:id="2" w:author="审稿">{}</w:ins><w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r>{}</w:p>"#,
            text_run("　　近年来，无锡市新吴区长欣公寓社区"),
            text_run("实施"),
            text_run("三年计划，"),
            text_run("以党员中心户为起点"),
            text_run("，推选八位掌门人"),
            text_run("。"),
        ),
        "<w:p></w:p>".to_string(),
        format!(r#"<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr>{}</w:p>"#, text_run("一、掌门人孵化")),
        r#"<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="图片 1"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#.to_string(),
        format!("<w:p>{}</w:p>", text_run("图为掌门人在议事厅里讨论加装电梯")),
        format!(
            "<w:tbl><w:tr><w:tc><w:p>{}</w:p></w:tc><w:tc><w:p>{}</w:p></w:tc></w:tr><w:tr><w:tc><w:p>{}</w:p></w:tc><w:tc><w:p>{}</w:p></w:tc></w:tr></w:tbl>",
            text_run("年份"), text_run("阶段"), text_run("2019年"), text_run("壹员孵化"),
        ),
        format!(r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>{}</w:p>"#, text_run("选贤举能")),
        format!(r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>{}</w:p>"#, text_run("拓展平台")),
    ]
    .concat();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {W}><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style></w:styles>"#
    );
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let footnotes = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p>{}</w:p></w:footnote></w:footnotes>"#,
        text_run("见《长欣社区年度工作报告》。")
    );
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/><Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>"#;
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/></Types>"#;
    zip(&[
        ("[Content_Types].xml", types.into()),
        ("word/document.xml", document.into_bytes()),
        ("word/styles.xml", styles.into_bytes()),
        ("word/numbering.xml", numbering.into_bytes()),
        ("word/footnotes.xml", footnotes.into_bytes()),
        ("word/_rels/document.xml.rels", rels.into()),
        ("word/media/image1.png", png(200)),
    ])
}

fn site() -> SiteTest {
    SiteTest::fixture("bilingual")
}

#[test]
fn a_word_document_becomes_a_story_that_builds() {
    let site = site();
    site.write("inbox/掌门人.docx", docx());
    let run = site.run(&["import", "inbox/掌门人.docx"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let folder = "content/stories/changxin-shequ-hongse-weijia-de-bawei-zhangmenren";
    let text = std::fs::read_to_string(site.root().join(folder).join("index.md"))
        .unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    insta::assert_snapshot!("docx_story", text);
    assert!(site.root().join(folder).join("01.png").exists());
    insta::assert_snapshot!(
        "docx_report",
        run.stdout
            .replace(&site.root().display().to_string(), "[ROOT]")
    );
    let built = site.build();
    assert_eq!(built.code, 0, "{}", built.stderr);
    let page = "stories/changxin-shequ-hongse-weijia-de-bawei-zhangmenren/index.html";
    let main = site.main_of(page);
    // SPEC "Two scripts": the simplified source is verbatim on its zh-Hans page.
    assert!(main.contains("近年来，无锡市新吴区长欣公寓社区实施“<strong>红色微家</strong>”三年计划，以党员中心户为起点，推选八位掌门人"), "{main}");
    assert!(!main.contains("删掉的旧说法"));
    assert!(
        main.contains("<table>") && main.contains("壹员孵化"),
        "{main}"
    );
    assert!(main.contains("见《长欣社区年度工作报告》。"), "{main}");
    assert!(
        main.contains(r#"alt="图为掌门人在议事厅里讨论加装电梯""#),
        "{main}"
    );
    assert!(
        site.main_of(&format!("zh-hant/{page}"))
            .contains("近年來，無錫市新吳區")
    );
}

/// A WeChat-style article saved with "网页，全部": images lazy-loaded from `data-src`, the
/// files in `文章_files/`, one image still on the web.
const PAGE: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>黃金社區：“四個一”黨建品牌 - 公眾號</title>
<meta property="article:published_time" content="2023-06-18">
<script>var tracking = "不要這段";</script><style>.x{color:red}</style></head>
<body><nav><a href="/">首頁</a> <a href="/news">新聞</a></nav>
<div id="page"><h1 id="activity-name">黃金社區：“四個一”黨建品牌</h1>
<div id="js_content">
<p style="text-indent:2em"><span style="font-size:16px">　　黃金社區(qū)位於長沙市望城區(qū)金山橋街道，是一個“新望城人”聚居的新生社區(qū)。</span></p>
<p><br></p>
<h2>一、激活“紅色細胞”</h2>
<p>社區黨總支下設<strong>黨支部3個</strong>，直管黨員32名。</p>
<p><img class="rich_pages" data-src="文章_files/640.png" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></p>
<p style="text-align:center">圖為社區黨員志願服務隊</p>
<p><img data-src="https://mmbiz.qpic.cn/mmbiz_jpg/abc/640?wx_fmt=jpeg" alt="遠方的照片"></p>
<ul><li>一張網格圖</li><li>一支志願隊</li></ul>
</div></div>
<footer>版權所有 © 公眾號</footer><script>report();</script></body></html>"#;

#[test]
fn a_saved_article_page_keeps_its_main_text_and_local_images() {
    let site = site();
    site.write("inbox/文章.html", PAGE);
    site.write("inbox/文章_files/640.png", png(90));
    let run = site.run(&["import", "inbox/文章.html"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let folder = site
        .root()
        .join("content/stories/huang-jin-shequ-sige-yi-dangjian-pinpai");
    let text = std::fs::read_to_string(folder.join("index.md"))
        .unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    insta::assert_snapshot!("html_story", text);
    assert!(
        run.stdout.contains("https://mmbiz.qpic.cn/"),
        "{}",
        run.stdout
    );
    assert!(folder.join("01.png").exists());
    let built = site.build();
    assert_eq!(built.code, 0, "{}", built.stderr);
    // A traditional source is verbatim on its zh-Hant page.
    let main = site.main_of("zh-hant/stories/huang-jin-shequ-sige-yi-dangjian-pinpai/index.html");
    assert!(
        main.contains("黃金社區位於長沙市望城區金山橋街道，是一個“新望城人”聚居的新生社區。"),
        "{main}"
    );
    for junk in ["不要這段", "首頁", "版權所有", "font-size", "(qū)"] {
        assert!(!main.contains(junk), "{junk} in {main}");
    }
}

#[test]
fn a_gbk_text_file_with_pasted_corruption_is_cleaned() {
    let site = site();
    let text = "梁溪区“四圈”共建汇合力\r\n\r\n　　2023年7月2日，江苏省无锡市梁 溪区广益街道金和社区(qū)在创新社区治理实践的 过程中先行先试,充分发挥基 层党组织的引领作用。\r\n\r\n一、打造坚强核心圈\r\n\r\n网格兜起百家事,建立网格党组织805个。\r\n";
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    site.write("inbox/梁溪.txt", gbk.as_ref());
    let run = site.run(&["import", "inbox/梁溪.txt"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let file = site
        .root()
        .join("content/stories/liangxiqu-siquan-gongjian-huihe-li.md");
    let written = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    insta::assert_snapshot!("txt_story", written);
    insta::assert_snapshot!("txt_report", run.stdout);
    let built = site.build();
    assert_eq!(built.code, 0, "{}", built.stderr);
    let main = site.main_of("stories/liangxiqu-siquan-gongjian-huihe-li/index.html");
    // All three spaces the PDF put inside words are gone (#13).
    assert!(
        main.contains("江苏省无锡市梁溪区广益街道金和社区在创新社区治理实践的过程中先行先试，充分发挥基层党组织的引领作用。"),
        "{main}"
    );
    assert!(
        main.contains("网格兜起百家事，建立网格党组织805个。"),
        "{main}"
    );
}

#[test]
fn bad_inputs_are_refused_and_nothing_is_written() {
    let site = site();
    site.write(
        "inbox/损坏.docx",
        b"PK\x03\x04 this zip was cut short".as_slice(),
    );
    site.write(
        "inbox/旧版.doc",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old word".as_slice(),
    );
    site.write("inbox/空白.txt", b"".as_slice());
    site.write("inbox/扫描件.pdf", b"%PDF-1.4".as_slice());
    site.write("inbox/表格.xlsx", b"PK".as_slice());
    let before = support::listing(&site.root().join("content"));
    let run = site.run(&[
        "import",
        "inbox/损坏.docx",
        "inbox/旧版.doc",
        "inbox/空白.txt",
        "inbox/扫描件.pdf",
        "inbox/表格.xlsx",
    ]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("bad_inputs", run.stderr);
    assert_eq!(support::listing(&site.root().join("content")), before);
}

#[test]
fn an_existing_name_is_never_overwritten() {
    let site = site();
    site.write(
        "inbox/a.txt",
        "长欣红色微家\n2023年5月1日，无锡市新吴区长欣公寓社区开展活动。\n",
    );
    site.write("content/stories/changxin-hongse-weijia.md", "原来的文件");
    let run = site.run(&["import", "inbox/a.txt"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("已经存在，没有覆盖它"),
        "{}",
        run.stderr
    );
    let kept = std::fs::read_to_string(
        site.root()
            .join("content/stories/changxin-hongse-weijia.md"),
    )
    .unwrap();
    assert_eq!(kept, "原来的文件");
}

/// The start of an EMF file (Word's vector drawings): the header record, then " EMF".
fn emf() -> Vec<u8> {
    let mut bytes = vec![1, 0, 0, 0, 108, 0, 0, 0];
    bytes.resize(40, 0);
    bytes.extend_from_slice(b" EMF\0\0\x01\0");
    bytes.resize(108, 0);
    bytes
}

const MC: &str = r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office""#;

fn list_item(numbering: u8, level: u8, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{numbering}"/></w:numPr></w:pPr>{}</w:p>"#,
        text_run(text)
    )
}

fn cell(props: &str, text: &str) -> String {
    format!(
        "<w:tc><w:tcPr>{props}</w:tcPr><w:p>{}</w:p></w:tc>",
        text_run(text)
    )
}

/// A document with a two-level list (numbered, bullets under it), a table with cells merged
/// across and down, an EMF drawing with no copy, and an EMF drawing with a PNG fallback.
fn docx_with_lists_merges_and_drawings() -> Vec<u8> {
    let body = [
        format!("<w:p>{}</w:p>", text_run("2023年9月9日，长欣社区举办邻里节。")),
        list_item(1, 0, "报名"),
        list_item(1, 1, "扫码报名"),
        list_item(1, 1, "电话报名"),
        list_item(1, 0, "到场签到"),
        format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            cell(r#"<w:gridSpan w:val="2"/>"#, "时间"),
            cell("", "地点"),
            cell(r#"<w:vMerge w:val="restart"/>"#, "周六"),
            cell("", "上午"),
            cell("", "议事厅"),
            cell("<w:vMerge/>", ""),
            cell("", "下午"),
            cell("", "中心广场"),
        ),
        r#"<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="图片 1"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rIdEmf1"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#.to_string(),
        format!("<w:p>{}</w:p>", text_run("图为社区网格示意图")),
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><wp:docPr id="2" name="图片 2" descr="邻里节流程图"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rIdEmf2"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:imagedata r:id="rIdPng" o:title="邻里节流程图"/></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#.to_string(),
    ]
    .concat();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W} {MC}><w:body><w:p><w:pPr><w:pStyle w:val="1"/></w:pPr>{}</w:p>{body}<w:sectPr/></w:body></w:document>"#,
        text_run("长欣社区邻里节")
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {W}><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style></w:styles>"#
    );
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdEmf1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.emf"/><Relationship Id="rIdEmf2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image2.emf"/><Relationship Id="rIdPng" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image3.png"/></Relationships>"#;
    zip(&[
        ("word/document.xml", document.into_bytes()),
        ("word/styles.xml", styles.into_bytes()),
        ("word/numbering.xml", numbering.into_bytes()),
        ("word/_rels/document.xml.rels", rels.into()),
        ("word/media/image1.emf", emf()),
        ("word/media/image2.emf", emf()),
        ("word/media/image3.png", png(120)),
    ])
}

/// The `<main>` of a page with the line breaks between tags taken out.
fn compact_main(site: &SiteTest, page: &str) -> String {
    site.main_of(page).replace('\n', "")
}

// See #13
#[test]
fn issue_13_word_lists_nest_merged_cells_line_up_and_emf_drawings_are_reported() {
    let site = site();
    site.write("inbox/邻里节.docx", docx_with_lists_merges_and_drawings());
    let run = site.run(&["import", "inbox/邻里节.docx"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let folder = site.root().join("content/stories/changxin-shequ-linli-jie");
    let text = std::fs::read_to_string(folder.join("index.md"))
        .unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    insta::assert_snapshot!("docx_lists_merges_drawings", text);
    insta::assert_snapshot!("docx_lists_merges_drawings_report", run.stdout);
    // The EMF drawing with a PNG copy comes over as that PNG; the other is not copied.
    let files: Vec<String> = support::listing(&folder).into_iter().map(|f| f.0).collect();
    assert_eq!(files, ["01.png", "index.md"]);
    let built = site.build();
    assert_eq!(built.code, 0, "{}", built.stderr);
    let main = compact_main(&site, "stories/changxin-shequ-linli-jie/index.html");
    assert!(
        main.contains(
            "<ol><li>报名<ul><li>扫码报名</li><li>电话报名</li></ul></li><li>到场签到</li></ol>"
        ),
        "{main}"
    );
    assert!(
        main.contains("<th>时间</th><th></th><th>地点</th>"),
        "{main}"
    );
    assert!(
        main.contains("<td>周六</td><td>下午</td><td>中心广场</td>"),
        "{main}"
    );
    assert!(main.contains(r#"alt="邻里节流程图""#), "{main}");
    // Only the drawing with a PNG copy is shown; the other is a comment readers do not see.
    assert_eq!(main.matches("<img").count(), 1, "{main}");
    assert!(main.contains("<!-- 这里原有第 1 张图片"), "{main}");
}

/// A page saved with its images inside it (`data:` URLs), a nested list and a table with
/// `colspan` and `rowspan`.
fn page_with_lists_merges_and_data_images() -> String {
    use base64::Engine as _;
    let data = base64::engine::general_purpose::STANDARD.encode(png(60));
    format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>长欣社区邻里节</title></head><body>
<article><h1>长欣社区邻里节</h1>
<p>2023年9月9日，长欣社区举办邻里节，居民们带来了拿手菜。</p>
<ul><li>美食摊位<ol><li>东区</li><li>西区</li></ol></li><li>游园活动</li></ul>
<table><tr><th colspan="2">时间</th><th>地点</th></tr>
<tr><td rowspan="2">周六</td><td>上午</td><td>议事厅</td></tr>
<tr><td>下午</td><td>中心广场</td></tr></table>
<p><img src="data:image/png;base64,{data}" alt="居民们在摊位前"></p>
</article></body></html>"#
    )
}

// See #13
#[test]
fn issue_13_a_saved_page_keeps_nested_lists_merged_cells_and_data_images() {
    let site = site();
    site.write(
        "inbox/邻里节.html",
        page_with_lists_merges_and_data_images(),
    );
    let run = site.run(&["import", "inbox/邻里节.html"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let folder = site.root().join("content/stories/changxin-shequ-linli-jie");
    let text = std::fs::read_to_string(folder.join("index.md"))
        .unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    insta::assert_snapshot!("html_lists_merges_data_images", text);
    assert!(
        run.stdout.contains("第 1 个表格有合并的单元格"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read(folder.join("01.png")).unwrap(), png(60));
    let built = site.build();
    assert_eq!(built.code, 0, "{}", built.stderr);
    let main = compact_main(&site, "stories/changxin-shequ-linli-jie/index.html");
    assert!(
        main.contains(
            "<ul><li>美食摊位<ol><li>东区</li><li>西区</li></ol></li><li>游园活动</li></ul>"
        ),
        "{main}"
    );
    assert!(
        main.contains("<td>周六</td><td>下午</td><td>中心广场</td>"),
        "{main}"
    );
    assert!(main.contains(r#"alt="居民们在摊位前""#), "{main}");
}

/// Footnotes as pandoc and Python-Markdown save them: linked superscripts, a list of notes
/// at the end with links back.
const PAGE_WITH_LINKED_NOTES: &str = r##"<!DOCTYPE html><html><head><meta charset="utf-8"><title>长欣社区议事厅</title></head><body><article>
<h1>长欣社区议事厅</h1>
<p>2023年3月5日，长欣社区议事厅正式启用<sup id="fnref1"><a href="#fn1" role="doc-noteref">1</a></sup>。</p>
<p>居民们商定了加装电梯的方案<a class="footnote-ref" href="#fn:2" id="fnref:2"><sup>2</sup></a>。</p>
<section class="footnotes" role="doc-endnotes"><hr><ol>
<li id="fn1"><p>议事厅设在长欣公寓8号楼一楼。<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
<li id="fn:2"><p>方案见社区公告栏。<a class="footnote-backref" href="#fnref:2">↩</a></p></li>
</ol></section>
</article></body></html>"##;

/// A WeChat article: bare `[1]` superscripts and a 注释 list under the text.
const PAGE_WITH_NUMBERED_NOTES: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>金和社区网格</title></head><body>
<div id="js_content">
<h1>金和社区网格</h1>
<p>2023年4月8日，金和社区建立网格党组织<sup>[1]</sup>，网格员每周走访<sup>[2]</sup>。</p>
<p>注释：</p>
<p>[1] 共805个网格党组织。</p>
<p>[2] 每周六上午走访。</p>
</div></body></html>"#;

// See #13
#[test]
fn issue_13_footnotes_of_saved_pages_become_footnotes() {
    let site = site();
    site.write("inbox/议事厅.html", PAGE_WITH_LINKED_NOTES);
    site.write("inbox/网格.html", PAGE_WITH_NUMBERED_NOTES);
    let run = site.run(&["import", "inbox/议事厅.html", "inbox/网格.html"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let stories = site.root().join("content/stories");
    let read = |name: &str| {
        std::fs::read_to_string(stories.join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}: {}", run.stdout))
    };
    insta::assert_snapshot!("html_linked_notes", read("changxin-shequ-yishiting.md"));
    insta::assert_snapshot!("html_numbered_notes", read("jin-he-shequ-wangge.md"));
    let built = site.build();
    assert_eq!(built.code, 0, "{}", built.stderr);
    for (page, note) in [
        (
            "stories/changxin-shequ-yishiting/index.html",
            "议事厅设在长欣公寓8号楼一楼。",
        ),
        (
            "stories/changxin-shequ-yishiting/index.html",
            "方案见社区公告栏。",
        ),
        (
            "stories/jin-he-shequ-wangge/index.html",
            "共805个网格党组织。",
        ),
        ("stories/jin-he-shequ-wangge/index.html", "每周六上午走访。"),
    ] {
        let main = compact_main(&site, page);
        assert!(main.contains(r#"<sup class="footnote-ref">"#), "{main}");
        let (text, notes) = main
            .split_once(r#"<section class="footnotes">"#)
            .unwrap_or_else(|| panic!("no footnotes in {main}"));
        assert!(notes.contains(note), "{note} not a footnote in {main}");
        assert!(!text.contains(note), "{note} left in the text of {main}");
        // The page's own back-links, note title and numbers are gone.
        assert_eq!(main.matches('↩').count(), 2, "{main}");
        for junk in ["注释", "[1]", "↩︎"] {
            assert!(!main.contains(junk), "{junk} in {main}");
        }
    }
}
