//! The engine (opencc-fmmseg) behind one small type, so it can be swapped.

use std::borrow::Cow;

use opencc_fmmseg::{OpenCC, OpenccConfig};

use super::{Script, Variant};

/// Converts text between scripts. Build one per build and share it (`&Converter` is `Sync`).
pub struct Converter {
    engine: OpenCC,
    variant: Variant,
}

impl Converter {
    pub fn new(variant: Variant) -> Converter {
        Converter {
            engine: OpenCC::new(),
            variant,
        }
    }

    /// `text` written in `from`, as it reads in `to`. Identity when the scripts agree.
    pub fn convert<'a>(&self, text: &'a str, from: Script, to: Script) -> Cow<'a, str> {
        if from == to || text.is_empty() {
            return Cow::Borrowed(text);
        }
        let config = match (to, self.variant) {
            (Script::Hant, Variant::Standard) => OpenccConfig::S2t,
            (Script::Hant, Variant::Tw) => OpenccConfig::S2tw,
            (Script::Hant, Variant::TwPhrases) => OpenccConfig::S2twp,
            (Script::Hant, Variant::Hk) => OpenccConfig::S2hk,
            (Script::Hans, Variant::Standard) => OpenccConfig::T2s,
            (Script::Hans, Variant::Tw) => OpenccConfig::Tw2s,
            (Script::Hans, Variant::TwPhrases) => OpenccConfig::Tw2sp,
            (Script::Hans, Variant::Hk) => OpenccConfig::Hk2s,
        };
        Cow::Owned(self.engine.convert_with_config(text, config, false))
    }

    /// The script `text` is written in, when its characters tell; `None` for text
    /// that reads the same in both (or has no Chinese).
    pub fn detect(&self, text: &str) -> Option<Script> {
        match self.engine.zho_check(text) {
            1 => Some(Script::Hant),
            2 => Some(Script::Hans),
            _ => None,
        }
    }
}
