//! Content lints and `fix` on copies of real seed articles (tests/fixtures/seeds/).

use tongwen::check::{fix, lint_file};
use tongwen::encoding::{self, Encoding};

fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds");
    let entries = std::fs::read_dir(dir).expect("the seed fixtures folder");
    let path = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .expect("a seed fixture with this prefix");
    std::fs::read_to_string(path).expect("a readable UTF-8 seed")
}

/// An independent rule for pinyin annotations: `(` + lowercase pinyin letters + `)` right
/// after a character that is not ASCII.
fn strip_annotations(text: &str) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let pinyin = |c: char| c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ".contains(c);
    let (mut out, mut count, mut i) = (String::new(), 0, 0);
    while i < chars.len() {
        if chars[i] == '(' && i > 0 && !chars[i - 1].is_ascii() {
            let len = chars[i + 1..].iter().take_while(|c| pinyin(**c)).count();
            if len > 0 && chars.get(i + 1 + len) == Some(&')') {
                i += len + 2;
                count += 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    (out, count)
}

const WIDENED: [(char, char); 7] = [
    (',', '，'),
    (':', '：'),
    (';', '；'),
    ('?', '？'),
    ('!', '！'),
    ('(', '（'),
    (')', '）'),
];

#[test]
fn fix_on_seed_002_removes_every_pinyin_annotation_and_keeps_the_mojibake() {
    let original = seed("002_");
    let fixed = fix(&original);
    let (stripped, annotations) = strip_annotations(&original);
    assert_eq!(annotations, 311);
    let removed = fixed
        .changes
        .iter()
        .filter(|c| c.code == "lint.pinyin-annotation")
        .count();
    assert_eq!(removed, annotations);

    // Apart from the annotations, only half-width marks became full-width, one for one.
    let (a, b): (Vec<char>, Vec<char>) = (stripped.chars().collect(), fixed.text.chars().collect());
    assert_eq!(a.len(), b.len());
    for (before, after) in a.iter().zip(&b).filter(|(x, y)| x != y) {
        assert!(WIDENED.contains(&(*before, *after)), "{before} → {after}");
    }
    for change in fixed
        .changes
        .iter()
        .filter(|c| c.code != "lint.pinyin-annotation")
    {
        assert_eq!(change.code, "lint.half-width-punctuation");
    }

    // The mojibake needs the original source: fix leaves it exactly as it was.
    for garbled in ["人?!皭傊侵v堂", "變?yōu)椤白约胰恕保敢饨由鐓^(qū)黨"] {
        assert!(original.contains(garbled));
        assert!(fixed.text.contains(garbled), "{garbled}");
    }
    // A `?` where a character was lost is reported, not turned into a question mark.
    assert!(fixed.text.contains("一、摸清黨員底數? 織牢黨建覆蓋"));
    assert!(fixed.text.contains("投身到治理中呢？社區的做法"));

    assert_eq!(fix(&fixed.text).changes, Vec::new());
}

#[test]
fn fix_keeps_crlf_line_ends_and_survives_the_files_encoding() {
    let original = seed("002_").replace('\n', "\r\n");
    let fixed = fix(&original);
    assert_eq!(fixed.text, fix(&seed("002_")).text.replace('\n', "\r\n"));
    assert_eq!(
        fixed.text.matches("\r\n").count(),
        original.matches("\r\n").count()
    );
    for encoding in [Encoding::Gb18030, Encoding::Utf16Le, Encoding::Utf8Bom] {
        let bytes = encoding::encode(&fixed.text, encoding);
        let decoded = encoding::decode(&bytes);
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (fixed.text.as_str(), encoding)
        );
    }
}

#[test]
fn seed_002_diagnostics_cover_annotations_mojibake_and_lost_characters() {
    let original = seed("002_");
    let diagnostics = lint_file("content/stories/huangjin.md", &original);
    let count = |code: &str| diagnostics.iter().filter(|d| d.code == code).count();
    assert_eq!(count("lint.pinyin-annotation"), 311);
    assert_eq!(count("lint.mojibake"), 2);
    assert_eq!(count("lint.lost-character"), 4);
    let first = &diagnostics[0];
    assert_eq!((first.span.line, first.span.col), (2, 3));
    let garbled: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.code == "lint.mojibake")
        .map(|d| format!("{}:{} {}", d.span.line, d.span.col, d.message))
        .collect();
    insta::assert_debug_snapshot!(garbled, @r#"
    [
        "13:216 “?!皭傊侵v”像是乱码：GBK 编码的文字错开一个字节读取了",
        "16:292 “椤白约胰恕保敢饨由鐓^”像是乱码：GBK 编码的文字错开一个字节读取了",
    ]
    "#);
}

#[test]
fn fix_on_seed_001_joins_the_pdf_columns_and_keeps_the_headings() {
    let original = seed("001_");
    let fixed = fix(&original);
    assert!(fixed.text.contains(
        "近年来，江苏省无锡市梁溪区在创新社区治理实践的过程中先行先试，充分发挥基层党组织在社区治理中的引领作用，"
    ));
    assert!(fixed.text.contains("梁溪区以社区党组织为主导，建立开放性互联互动组带，整合驻区各类资源，聚力推动社区治理提档升级。"));
    let spaced: Vec<&str> = fixed.text.lines().filter(|l| l.contains(' ')).collect();
    insta::assert_debug_snapshot!(spaced, @r#"
    [
        "梁溪区:\"四圈\"共建汇合力 上下联动促提升",
        "打造坚强核心圈 提升基层组织引领力",
        "打造活力睦邻圈 提升社区居民自治力",
        "打造忠实合伙圈 提升更新焕新支撑力",
        "打造强大盟友圈 提升红色资源聚合力",
    ]
    "#);
    assert_eq!(fix(&fixed.text).changes, Vec::new());
}

#[test]
fn clean_simplified_seed_000_has_no_findings() {
    assert_eq!(
        lint_file("content/stories/changxin.md", &seed("000_")),
        Vec::new()
    );
}

#[test]
fn traditional_seed_003_has_only_half_width_punctuation() {
    let diagnostics = lint_file("content/stories/xijin.md", &seed("003_"));
    assert!(!diagnostics.is_empty());
    for d in &diagnostics {
        assert_eq!(d.code, "lint.half-width-punctuation", "{}", d.render_text());
    }
    assert!(fix(&seed("003_")).text.contains("“學典型 讀紅書 踐初心”"));
}
