//! Text encodings users save files in: UTF-8 (with or without BOM), UTF-16, GB18030/GBK. Pure.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
        }
    }

    pub fn needs_warning(self) -> bool {
        !matches!(self, Encoding::Utf8 | Encoding::Utf8Bom)
    }
}

pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

pub fn decode(bytes: &[u8]) -> Decoded {
    let (encoding, rest): (&'static encoding_rs::Encoding, _) = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => (encoding_rs::UTF_8, (Encoding::Utf8Bom, rest)),
        [0xFF, 0xFE, rest @ ..] => (encoding_rs::UTF_16LE, (Encoding::Utf16Le, rest)),
        [0xFE, 0xFF, rest @ ..] => (encoding_rs::UTF_16BE, (Encoding::Utf16Be, rest)),
        _ if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, (Encoding::Utf8, bytes)),
        _ => (encoding_rs::GB18030, (Encoding::Gb18030, bytes)),
    };
    let (text, _) = encoding.decode_without_bom_handling(rest.1);
    Decoded {
        text: text.into_owned(),
        encoding: rest.0,
    }
}
