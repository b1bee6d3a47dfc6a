//! Text encodings that Windows and macOS editors save Chinese files in: detects and decodes
//! UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one by its NUL bytes) and
//! GBK/GB18030, and encodes text back the same way. Pure: no IO. Line ends are never touched.

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

/// How a file was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte order mark (Notepad's "UTF-8 with BOM").
    Utf8Bom,
    /// UTF-16 little endian (Notepad's "Unicode"). Written back with a BOM.
    Utf16Le,
    /// UTF-16 big endian. Written back with a BOM.
    Utf16Be,
    /// GB18030, a superset of GBK and GB2312 (Notepad's "ANSI" on a Chinese Windows).
    Gb18030,
}

impl Encoding {
    /// The name shown to users: `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE`, `UTF-16BE`, `GB18030`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
        }
    }

    /// Whether the user should hear about it. SPEC "Input that real users produce": a BOM is
    /// accepted silently; GBK/GB18030 and UTF-16 are read with a warning.
    pub fn needs_warning(self) -> bool {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => false,
            Encoding::Utf16Le | Encoding::Utf16Be | Encoding::Gb18030 => true,
        }
    }
}

/// A file's bytes as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text without its BOM; line ends as they were.
    pub text: String,
    pub encoding: Encoding,
    /// Some bytes were not valid in `encoding` and became U+FFFD: encoding the text again
    /// will not give the original bytes back, so the file should not be rewritten.
    pub lossy: bool,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// Decodes a file's bytes. Never fails: bytes that are not valid in the detected encoding
/// become U+FFFD (and `lossy` is set), which the mojibake lint reports.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        let text = String::from_utf8_lossy(rest);
        let lossy = matches!(text, std::borrow::Cow::Owned(_));
        return Decoded {
            text: text.into_owned(),
            encoding: Encoding::Utf8Bom,
            lossy,
        };
    }
    if let Some(rest) = bytes.strip_prefix(UTF16LE_BOM) {
        return decode_utf16(rest, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(UTF16BE_BOM) {
        return decode_utf16(rest, Encoding::Utf16Be);
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        return decode_utf16(bytes, encoding);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_string(),
            encoding: Encoding::Utf8,
            lossy: false,
        },
        Err(_) => {
            let (text, lossy) = GB18030.decode_without_bom_handling(bytes);
            Decoded {
                text: text.into_owned(),
                encoding: Encoding::Gb18030,
                lossy,
            }
        }
    }
}

/// Encodes `text` the way a file in `encoding` is saved (with its BOM where it has one).
/// UTF-16 is always written with a BOM, so every editor recognises it.
pub fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [UTF8_BOM, text.as_bytes()].concat(),
        Encoding::Utf16Le => {
            let units = text.encode_utf16().flat_map(u16::to_le_bytes);
            UTF16LE_BOM.iter().copied().chain(units).collect()
        }
        Encoding::Utf16Be => {
            let units = text.encode_utf16().flat_map(u16::to_be_bytes);
            UTF16BE_BOM.iter().copied().chain(units).collect()
        }
        // GB18030 maps all of Unicode, so nothing is lost here.
        Encoding::Gb18030 => GB18030.encode(text).0.into_owned(),
    }
}

fn decode_utf16(bytes: &[u8], encoding: Encoding) -> Decoded {
    let codec = match encoding {
        Encoding::Utf16Be => UTF_16BE,
        _ => UTF_16LE,
    };
    let (text, lossy) = codec.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding,
        lossy,
    }
}

/// UTF-16 without a BOM: text files never hold NUL bytes, but UTF-16 holds one in every
/// ASCII code unit (newlines, front matter keys, Markdown marks), on the odd bytes in little
/// endian and on the even bytes in big endian. Chinese code units rarely have a NUL half.
fn sniff_utf16(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // Enough NULs to be no accident (one unit in 64 is ASCII), nearly all on one side.
    let units = bytes.len() / 2;
    let one_sided =
        |zeros: usize, other: usize| zeros >= 2 && zeros * 64 >= units && other * 4 <= zeros;
    let encoding = if one_sided(odd, even) {
        Encoding::Utf16Le
    } else if one_sided(even, odd) {
        Encoding::Utf16Be
    } else {
        return None;
    };
    let decoded = decode_utf16(bytes, encoding);
    (!decoded.lossy).then_some(encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "---\r\ntitle: 长欣社区“红色微家”\r\n---\r\n黄全南“老书记”工作室，2019年成立。\r\n";

    fn gbk_bytes(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    fn utf16le_bytes(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be_bytes(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn plain_utf8_is_utf8_and_round_trips() {
        let decoded = decode(SAMPLE.as_bytes());
        assert_eq!(decoded.text, SAMPLE);
        assert_eq!(decoded.encoding, Encoding::Utf8);
        assert!(!decoded.lossy);
        assert_eq!(encode(&decoded.text, decoded.encoding), SAMPLE.as_bytes());
    }

    #[test]
    fn utf8_bom_is_removed_and_written_back() {
        let bytes = [UTF8_BOM, SAMPLE.as_bytes()].concat();
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, SAMPLE);
        assert_eq!(decoded.encoding, Encoding::Utf8Bom);
        assert!(!decoded.encoding.needs_warning());
        assert_eq!(encode(&decoded.text, decoded.encoding), bytes);
    }

    #[test]
    fn gbk_file_is_read_as_gb18030_and_round_trips() {
        let bytes = gbk_bytes(SAMPLE);
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, SAMPLE);
        assert_eq!(decoded.encoding, Encoding::Gb18030);
        assert!(decoded.encoding.needs_warning());
        assert_eq!(encode(&decoded.text, decoded.encoding), bytes);
    }

    #[test]
    fn gb18030_four_byte_characters_round_trip() {
        // 𠀀 (U+20000) and 㐀 (U+3400) are not in GBK: GB18030 gives them four bytes.
        let text = "人名：𠀀㐀，社區\n";
        let bytes = GB18030.encode(text).0.into_owned();
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, Encoding::Gb18030);
        assert_eq!(encode(&decoded.text, decoded.encoding), bytes);
    }

    #[test]
    fn utf16_with_bom_round_trips_in_both_byte_orders() {
        let le = [UTF16LE_BOM.to_vec(), utf16le_bytes(SAMPLE)].concat();
        let be = [UTF16BE_BOM.to_vec(), utf16be_bytes(SAMPLE)].concat();
        for (bytes, encoding) in [(le, Encoding::Utf16Le), (be, Encoding::Utf16Be)] {
            let decoded = decode(&bytes);
            assert_eq!(decoded.text, SAMPLE);
            assert_eq!(decoded.encoding, encoding);
            assert!(encoding.needs_warning());
            assert_eq!(encode(&decoded.text, decoded.encoding), bytes);
        }
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_nul_bytes() {
        let decoded = decode(&utf16le_bytes(SAMPLE));
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (SAMPLE, Encoding::Utf16Le)
        );
        let decoded = decode(&utf16be_bytes(SAMPLE));
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (SAMPLE, Encoding::Utf16Be)
        );
    }

    #[test]
    fn mostly_chinese_utf16_without_bom_is_still_recognised() {
        let text =
            "---\ntitle: 社区\n---\n".to_string() + &"近年来长欣公寓社区实施三年计划。".repeat(20);
        let decoded = decode(&utf16le_bytes(&text));
        assert_eq!(decoded.encoding, Encoding::Utf16Le);
        assert_eq!(decoded.text, text);
    }

    #[test]
    fn undecodable_bytes_become_replacement_characters() {
        let mut bytes = gbk_bytes("社区");
        bytes.push(0x81); // a lead byte with nothing after it
        let decoded = decode(&bytes);
        assert_eq!(decoded.text, "社区\u{FFFD}");
        assert_eq!(decoded.encoding, Encoding::Gb18030);
        assert!(decoded.lossy);

        let decoded = decode(b"\xEF\xBB\xBFok\xFF");
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            ("ok\u{FFFD}", Encoding::Utf8Bom)
        );
        assert!(decoded.lossy);
    }

    #[test]
    fn ascii_and_empty_files_are_utf8() {
        assert_eq!(decode(b"").encoding, Encoding::Utf8);
        assert_eq!(decode(b"title: x\n").encoding, Encoding::Utf8);
    }

    #[test]
    fn names_are_the_ones_users_see_in_editors() {
        let names: Vec<_> = [
            Encoding::Utf8,
            Encoding::Utf8Bom,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
            Encoding::Gb18030,
        ]
        .map(Encoding::name)
        .to_vec();
        assert_eq!(
            names,
            ["UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "GB18030"]
        );
    }
}
