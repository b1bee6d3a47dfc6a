use super::*;

fn garbled(text: &str) -> Vec<(&str, Severity)> {
    let runs = super::super::prose::runs(text);
    find(text, &runs)
        .into_iter()
        .map(|f| (&text[f.range], f.severity))
        .collect()
}

/// `original` as its UTF-8 bytes read by a GBK decoder: what a GBK editor shows.
fn utf8_as_gbk(original: &str) -> String {
    GBK.decode_without_bom_handling(original.as_bytes())
        .0
        .into_owned()
}

#[test]
fn replacement_characters_are_one_finding_per_run() {
    assert_eq!(
        garbled("通过以点带\u{FFFD}\u{FFFD}面，激发活力\u{FFFD}"),
        [
            ("\u{FFFD}\u{FFFD}", Severity::Error),
            ("\u{FFFD}", Severity::Error)
        ]
    );
}

#[test]
fn famous_markers_are_found() {
    assert_eq!(
        garbled("标题锟斤拷锟斤拷，正文烫烫烫烫"),
        [
            ("锟斤拷锟斤拷", Severity::Error),
            ("烫烫烫", Severity::Error)
        ]
    );
}

#[test]
fn utf8_read_as_gbk_is_found_with_its_original() {
    let shown = utf8_as_gbk("参加");
    assert_eq!(shown, "鍙傚姞");
    let text = format!("欢迎居民{shown}活动");
    let runs = super::super::prose::runs(&text);
    let found = find(&text, &runs);
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].range.clone()], "鍙傚姞");
    assert!(found[0].hint.contains("参加"), "{}", found[0].hint);
}

#[test]
fn a_longer_utf8_as_gbk_sentence_is_one_finding() {
    let shown = utf8_as_gbk("社区党委组织党员参观红色基地");
    let text = format!("据悉，{shown}。");
    let found: Vec<_> = garbled(&text).into_iter().map(|(s, _)| s).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(shown.starts_with(found[0]), "{found:?} in {shown}");
}

#[test]
fn gbk_read_one_byte_off_is_found() {
    // The GBK bytes of “。“悅智講” lose their first byte on the way.
    let (bytes, _, _) = GBK.encode("。“悅智講堂”");
    let shown = GBK.decode_without_bom_handling(&bytes[1..]).0.into_owned();
    let text = format!("參與人數達1300余人{shown}用知識凝聚人心");
    let found = garbled(&text);
    assert_eq!(found.len(), 1, "{found:?} in {text}");
    assert_eq!(found[0].1, Severity::Warning);
}

#[test]
fn latin1_mojibake_is_found() {
    let shown: String = "“社区”"
        .bytes()
        .map(|b| {
            WINDOWS_1252
                .decode_without_bom_handling(&[b])
                .0
                .into_owned()
        })
        .collect();
    assert!(shown.starts_with("â€œ"), "{shown}");
    let text = format!("标题{shown}，caf\u{00C3}\u{00A9}");
    let runs = super::super::prose::runs(&text);
    let found = find(&text, &runs);
    let stretches: Vec<_> = found.iter().map(|f| &text[f.range.clone()]).collect();
    assert_eq!(stretches, [shown.as_str(), "Ã©"]);
    assert!(found[0].hint.contains("“社区”"), "{}", found[0].hint);
    assert!(found[1].hint.contains("é"), "{}", found[1].hint);
}

#[test]
fn clean_prose_in_both_scripts_is_not_garbled() {
    let clean = "近年来，无锡市新吴区长欣公寓社区实施“红色微家3+聚力”三年计划，以2019年“红色微家·掌门人”孵化为起点。\
        黃金社區位于長沙市望城區金山橋街道，是一個“新望城人”聚居的新生社區。café — naïve — 25°C — ©2024 ——“”，尺寸“3×”。";
    assert_eq!(garbled(clean), Vec::new());
}

#[test]
fn a_question_mark_in_a_sentence_that_asks_nothing_is_a_lost_character() {
    let text =
        "一、摸清黨員底數? 織牢黨建覆蓋“一張網”\n如何引導黨員投身治理呢?社區的做法是建立人才庫。\n";
    let diagnostics = lint("content/a.md", text);
    assert_eq!(diagnostics.len(), 1);
    insta::assert_snapshot!(diagnostics[0].render_text(), @r"
    content/a.md:1:9: 警告：这里的半角“?”不像问句的问号，可能是保存文件时丢失的字符
      |
    1 | 一、摸清黨員底數? 織牢黨建覆蓋“一張網”
      |                 ^
      = 建议：对照原文补上丢失的文字；如果确实是问句，改成全角“？”
    ");
}

#[test]
fn diagnostic_for_mojibake_quotes_the_stretch() {
    let text = format!(
        "---\ntitle: 题\n---\n欢迎居民{}活动。\n",
        utf8_as_gbk("参加")
    );
    let diagnostics = lint("content/a.md", &text);
    assert_eq!(diagnostics.len(), 1);
    insta::assert_snapshot!(diagnostics[0].render_text(), @r"
    content/a.md:4:5: 警告：“鍙傚姞”像是乱码：UTF-8 编码的文字被当作 GBK 读取了
      |
    4 | 欢迎居民鍙傚姞活动。
      |         ^
      = 建议：从原始来源重新复制粘贴这段文字（原文可能是：参加）
    ");
}
