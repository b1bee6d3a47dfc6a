//! Simplified ⇄ traditional conversion of reader-visible text: the engine, the
//! site glossary and `-{…}-` protection, plus the two reviews `check` lists (risky
//! one-to-many characters, stray characters of the other script). Pure: no IO.
//! Never sees URLs or markup.

mod converter;
mod glossary;
pub mod marks;
mod protect;
pub mod risky;
mod segment;
pub mod stray;
mod tables;

pub use converter::Converter;

use serde::Serialize;

/// A property of text: which Chinese script it is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Script {
    Hans,
    Hant,
}

impl Script {
    /// The BCP 47 tag used in `lang` and `hreflang`: `zh-Hans` / `zh-Hant`.
    pub fn bcp47(self) -> &'static str {
        match self {
            Script::Hans => "zh-Hans",
            Script::Hant => "zh-Hant",
        }
    }

    /// The lower-case code used in site.yaml and URLs: `zh-hans` / `zh-hant`.
    pub fn code(self) -> &'static str {
        match self {
            Script::Hans => "zh-hans",
            Script::Hant => "zh-hant",
        }
    }

    pub fn other(self) -> Script {
        match self {
            Script::Hans => Script::Hant,
            Script::Hant => Script::Hans,
        }
    }
}

/// Which traditional standard the site publishes (site.yaml `traditional:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Variant {
    /// OpenCC s2t / t2s.
    #[default]
    Standard,
    /// OpenCC s2tw / tw2s: Taiwan characters.
    Tw,
    /// OpenCC s2twp / tw2sp: Taiwan characters and vocabulary (opt-in).
    TwPhrases,
    /// OpenCC s2hk / hk2s: Hong Kong characters.
    Hk,
}

impl Variant {
    pub fn parse(name: &str) -> Option<Variant> {
        match name.trim().to_ascii_lowercase().as_str() {
            "standard" | "s2t" => Some(Variant::Standard),
            "tw" | "s2tw" => Some(Variant::Tw),
            "tw-phrases" | "s2twp" => Some(Variant::TwPhrases),
            "hk" | "s2hk" => Some(Variant::Hk),
            _ => None,
        }
    }
}
