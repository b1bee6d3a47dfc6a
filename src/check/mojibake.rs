//! Garbled text (乱码) that only the original source can repair: U+FFFD, `锟斤拷`/`烫烫烫`,
//! UTF-8 read as GBK (`鍙傚姞` for 参加), GBK read one byte off (`皭傊侵v` for 悅智講),
//! UTF-8 read as Latin-1 (`â€œ`), and a `?` left where a character was lost. No fix: the
//! hint says to paste the text again from its source. Pure: no IO.
//!
//! A stretch counts as GBK mojibake only when two things agree: re-reading its bytes the
//! other way gives common characters, and the stretch itself holds characters outside GB2312
//! and Big5 level 1 (real prose almost never does): two of them and a re-reading into
//! everyday characters, or one and a re-reading that makes dictionary words where the
//! stretch makes none.

use std::ops::Range;

use encoding_rs::{BIG5, GB18030, GBK, WINDOWS_1252};

use super::prose::Run;
use super::{Context, Finding, is_cjk_punct, is_han, lexicon};
use crate::diagnostics::{Diagnostic, Severity};

pub(crate) const CODE: &str = "lint.mojibake";
pub(crate) const LOST_CODE: &str = "lint.lost-character";

/// Garbled stretches and lost characters in `text`.
pub fn lint(path: &str, text: &str) -> Vec<Diagnostic> {
    let context = Context::new(text);
    let mut findings = context.garbled.clone();
    findings.extend(lost_characters(&context));
    findings.sort_by_key(|f| f.range.start);
    super::diagnostics(path, text, &findings)
}

/// Garbled stretches in the prose `runs` of `text` (lost characters not included: they need
/// the pinyin annotations to be known first).
pub(crate) fn find(text: &str, runs: &[Run]) -> Vec<Finding> {
    let mut out = Vec::new();
    for run in runs {
        let chars: Vec<(usize, char)> = text[run.range.clone()]
            .char_indices()
            .map(|(i, c)| (run.range.start + i, c))
            .collect();
        let end = run.range.end;
        out.extend(replacement_characters(&chars, end));
        out.extend(markers(text, run));
        out.extend(latin1(&chars, end));
        out.extend(gbk(text, &chars, end));
    }
    out.sort_by_key(|f| f.range.start);
    out
}

/// The byte offset just after character `k` of `chars` (or `end` after the last).
fn after(chars: &[(usize, char)], k: usize, end: usize) -> usize {
    chars.get(k + 1).map_or(end, |(i, _)| *i)
}

fn replacement_characters(chars: &[(usize, char)], end: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if chars[k].1 != '\u{FFFD}' {
            k += 1;
            continue;
        }
        let start = k;
        while chars.get(k).is_some_and(|(_, c)| *c == '\u{FFFD}') {
            k += 1;
        }
        let range = chars[start].0..after(chars, k - 1, end);
        out.push(garbled(
            Severity::Error,
            range,
            "这里有无法识别的字符“\u{FFFD}”：文件保存或复制时丢失了原来的文字".to_string(),
            None,
        ));
    }
    out
}

/// The strings a wrong conversion famously leaves: `锟斤拷` (U+FFFD written as UTF-8 then
/// read as GBK) and `烫烫烫`/`屯屯屯` (uninitialised memory shown as GBK).
fn markers(text: &str, run: &Run) -> Vec<Finding> {
    const MARKERS: [&str; 5] = ["锟斤拷", "錕斤拷", "烫烫烫", "燙燙燙", "屯屯屯"];
    let piece = &text[run.range.clone()];
    let mut out: Vec<Finding> = Vec::new();
    for marker in MARKERS {
        let mut from = 0;
        while let Some(at) = piece[from..].find(marker) {
            let start = from + at;
            let mut end = start + marker.len();
            while piece[end..].starts_with(marker) {
                end += marker.len();
            }
            let range = run.range.start + start..run.range.start + end;
            let message = format!(
                "“{}”是典型的乱码：编码转换出错时才会出现",
                &text[range.clone()]
            );
            out.push(garbled(Severity::Error, range, message, None));
            from = end;
        }
    }
    out
}

/// UTF-8 read as Latin-1 or Windows-1252: `â€œ` for “, `Ã©` for é.
fn latin1(chars: &[(usize, char)], end: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let start = k;
        let mut bytes = Vec::new();
        while let Some(byte) = chars.get(k).and_then(|(_, c)| windows_1252_byte(*c)) {
            bytes.push(byte);
            k += 1;
        }
        if k == start {
            k += 1;
            continue;
        }
        if let Ok(original) = std::str::from_utf8(&bytes)
            && !original.is_ascii()
            && original.chars().all(is_likely_original)
        {
            let range = chars[start].0..after(chars, k - 1, end);
            let message = format!(
                "“{}”是乱码：UTF-8 文字被当作西文编码（Latin-1）读取了",
                chars[start..k].iter().map(|(_, c)| c).collect::<String>()
            );
            let guess = Some(original.to_string());
            out.push(garbled(Severity::Error, range, message, guess));
        }
    }
    out
}

/// What UTF-8 text read as Latin-1 was likely to hold: Chinese, accented Latin letters,
/// typographic punctuation. (`×”` decodes to a Hebrew letter: a real multiplication sign.)
fn is_likely_original(c: char) -> bool {
    c.is_ascii()
        || is_han(c)
        || is_cjk_punct(c)
        || matches!(c as u32, 0xA0..=0x24F | 0x2000..=0x206F | 0xFF00..=0xFFEF)
}

/// The Windows-1252 byte of a character that is not ASCII, if it has one.
fn windows_1252_byte(c: char) -> Option<u8> {
    table(c).and_then(|t| t.windows_1252)
}

/// One character as GBK bytes: two for a GBK character, one for ASCII, none otherwise.
fn gbk_bytes(c: char) -> Option<Vec<u8>> {
    if c.is_ascii() {
        return (c.is_ascii_graphic()).then(|| vec![c as u8]);
    }
    table(c).and_then(|t| t.gbk).map(|pair| pair.to_vec())
}

/// What the legacy encodings make of one character of the Basic Multilingual Plane (a
/// character beyond it is two bytes in none of them).
#[derive(Debug, Clone, Copy, Default)]
struct Legacy {
    /// Its two GBK (GB18030) bytes.
    gbk: Option<[u8; 2]>,
    /// Its two Big5 bytes.
    big5: Option<[u8; 2]>,
    /// Its one Windows-1252 byte, for a character that is not ASCII.
    windows_1252: Option<u8>,
}

/// `Legacy` of a character, from a table of the whole Basic Multilingual Plane made on first
/// use: encoding characters one at a time, for every character of every file, is what made
/// `check` slow on a large site.
fn table(c: char) -> Option<&'static Legacy> {
    static TABLE: std::sync::OnceLock<Vec<Legacy>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..=0xFFFF_u32)
            .map(|code| char::from_u32(code).map(legacy).unwrap_or_default())
            .collect()
    });
    table.get(c as usize)
}

fn legacy(c: char) -> Legacy {
    if c.is_ascii() {
        return Legacy::default();
    }
    let mut buffer = [0; 4];
    let utf8 = c.encode_utf8(&mut buffer);
    let pair = |bytes: &[u8], unmappable: bool| match bytes {
        [a, b] if !unmappable => Some([*a, *b]),
        _ => None,
    };
    let (gbk, _, unmappable) = GB18030.encode(utf8);
    let (big5, _, big5_unmappable) = BIG5.encode(utf8);
    let (windows_1252, _, windows_unmappable) = WINDOWS_1252.encode(utf8);
    Legacy {
        gbk: pair(&gbk, unmappable),
        big5: pair(&big5, big5_unmappable),
        windows_1252: match windows_1252[..] {
            [byte] if !windows_unmappable => Some(byte),
            _ => None,
        },
    }
}

/// A character common enough to appear in real prose: in GB2312's two levels of hanzi or
/// Big5's level 1, or Chinese punctuation.
fn is_common(c: char) -> bool {
    is_punct_or_digit(c) || gb2312_level(c).is_some() || in_big5_level1(c)
}

/// A character of everyday prose: GB2312 level 1 or Big5 level 1, or Chinese punctuation.
fn is_frequent(c: char) -> bool {
    is_punct_or_digit(c) || gb2312_level(c) == Some(1) || in_big5_level1(c)
}

fn is_punct_or_digit(c: char) -> bool {
    is_cjk_punct(c) || matches!(c as u32, 0xFF10..=0xFF19)
}

/// 1 or 2 for the hanzi of GB2312's first (3,755 common) or second level.
fn gb2312_level(c: char) -> Option<u8> {
    match table(c)?.gbk? {
        [0xB0..=0xD7, 0xA1..=0xFE] => Some(1),
        [0xD8..=0xF7, 0xA1..=0xFE] => Some(2),
        _ => None,
    }
}

/// Big5's level 1: the 5,401 frequent traditional characters.
fn in_big5_level1(c: char) -> bool {
    table(c)
        .and_then(|t| t.big5)
        .is_some_and(|pair| (0xA440..=0xC67E).contains(&u16::from_be_bytes(pair)))
}

/// A Han character outside the common sets: what mojibake is made of.
fn is_rare(c: char) -> bool {
    is_han(c) && !is_common(c)
}

/// GBK mojibake: starting at each double-byte character, re-read the bytes as UTF-8 and as
/// GBK shifted by one byte; report the first stretch that re-reads into plausible text.
fn gbk(text: &str, chars: &[(usize, char)], end: usize) -> Vec<Finding> {
    let encoded: Vec<Option<Vec<u8>>> = chars.iter().map(|(_, c)| gbk_bytes(*c)).collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let found = if encoded[k].as_ref().is_some_and(|b| b.len() == 2) {
            reread(text, chars, &encoded, k, end)
        } else {
            None
        };
        match found {
            Some((finding, next)) => {
                out.push(finding);
                k = next;
            }
            None => k += 1,
        }
    }
    out
}

/// The two re-readings from character `k`; the finding and the index after its stretch.
fn reread(
    text: &str,
    chars: &[(usize, char)],
    encoded: &[Option<Vec<u8>>],
    k: usize,
    end: usize,
) -> Option<(Finding, usize)> {
    let mut bytes = Vec::new();
    let mut bounds = Vec::new();
    for b in encoded[k..].iter().take(64) {
        let Some(b) = b else { break };
        bounds.push(bytes.len());
        bytes.extend_from_slice(b);
    }
    // The source characters whose bytes were re-read.
    let source = |used: usize| -> String {
        let count = bounds.partition_point(|&b| b < used);
        chars[k..k + count].iter().map(|(_, c)| c).collect()
    };
    let (decoded, used, kind) = [as_utf8(&bytes), shifted_gbk(&bytes, &bounds)]
        .into_iter()
        .flatten()
        .find(|(decoded, used, _)| plausible(&source(*used), decoded))?;
    let count = bounds.partition_point(|&b| b < used);
    let start = extend_back(chars, k);
    let stop = extend_forward(chars, k + count);
    let range = chars[start].0..after(chars, stop - 1, end);
    let message = format!("“{}”像是乱码：{kind}", &text[range.clone()]);
    Some((
        garbled(Severity::Warning, range, message, Some(decoded)),
        stop,
    ))
}

/// `bytes` read as UTF-8 from the start while they give Chinese characters: the text, how
/// many bytes it used, and what happened.
fn as_utf8(bytes: &[u8]) -> Option<(String, usize, &'static str)> {
    let mut out = String::new();
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 3) {
        let Ok(s) = std::str::from_utf8(chunk) else {
            break;
        };
        let c = s.chars().next()?;
        if !(is_common(c) || is_han(c)) {
            break;
        }
        out.push(c);
        at += 3;
    }
    (out.chars().count() >= 2).then_some((out, at, "UTF-8 编码的文字被当作 GBK 读取了"))
}

/// `bytes` read as GBK from its second byte, while each pair gives a common character and
/// until the pairs line up with the characters again.
fn shifted_gbk(bytes: &[u8], bounds: &[usize]) -> Option<(String, usize, &'static str)> {
    let mut out = String::new();
    let mut at = 1;
    while let Some(pair) = bytes.get(at..at + 2) {
        if bounds.binary_search(&at).is_ok() {
            break;
        }
        let decoded = GBK.decode_without_bom_handling_and_without_replacement(pair)?;
        let mut it = decoded.chars();
        let (Some(c), None) = (it.next(), it.next()) else {
            break;
        };
        if c.is_ascii() || !is_common(c) {
            break;
        }
        out.push(c);
        at += 2;
    }
    (out.chars().count() >= 3).then_some((out, at, "GBK 编码的文字错开一个字节读取了"))
}

/// Whether `decoded` is a believable original for the garbled-looking `source`.
fn plausible(source: &str, decoded: &str) -> bool {
    if !decoded.chars().all(is_common) {
        return false;
    }
    let rare = source.chars().filter(|c| is_rare(*c)).count();
    (rare >= 2 && decoded.chars().all(is_frequent))
        || (rare >= 1 && lexicon::fluency(decoded) >= 0.6 && lexicon::fluency(source) <= 0.2)
}

/// Characters lost in the same accident sit next to a garbled stretch as `?` (and `!`).
fn extend_back(chars: &[(usize, char)], mut k: usize) -> usize {
    while k > 0 && matches!(chars[k - 1].1, '?' | '!') {
        k -= 1;
    }
    k
}

fn extend_forward(chars: &[(usize, char)], mut k: usize) -> usize {
    while chars.get(k).is_some_and(|(_, c)| matches!(c, '?' | '!')) {
        k += 1;
    }
    k
}

fn garbled(
    severity: Severity,
    range: Range<usize>,
    message: String,
    guess: Option<String>,
) -> Finding {
    let hint = match guess {
        Some(guess) => format!("从原始来源重新复制粘贴这段文字（原文可能是：{guess}）"),
        None => "从原始来源重新复制粘贴这段文字".to_string(),
    };
    Finding {
        code: CODE,
        severity,
        range,
        message,
        hint,
        edits: Vec::new(),
    }
}

/// Half-width `?` between Chinese characters in a sentence that asks nothing: the mark a
/// lossy save leaves where a character (often a special space) could not be written.
pub(crate) fn lost_characters(context: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for run in &context.runs {
        let chars = context.visible(run);
        for (k, &(at, c)) in chars.iter().enumerate() {
            if c != '?' || context.is_garbled(at) {
                continue;
            }
            let before = k.checked_sub(1).map(|j| chars[j].1);
            let next = chars.get(k + 1).map(|x| x.1);
            let next = match next {
                Some(' ') => chars.get(k + 2).map(|x| x.1),
                other => other,
            };
            if before.is_some_and(is_han)
                && next.is_some_and(is_han)
                && !super::punctuation::asks(&chars[..k])
            {
                out.push(Finding {
                    code: LOST_CODE,
                    severity: Severity::Warning,
                    range: at..at + 1,
                    message: "这里的半角“?”不像问句的问号，可能是保存文件时丢失的字符".to_string(),
                    hint: "对照原文补上丢失的文字；如果确实是问句，改成全角“？”".to_string(),
                    edits: Vec::new(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
