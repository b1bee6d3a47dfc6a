//! A [`MarkdownHost`] for the tests: real simplified → traditional conversion,
//! `-{…}-` protection, and a small link map.

use std::sync::OnceLock;

use super::MarkdownHost;
use super::escape::push_text;
use crate::convert::{Converter, Script, Variant};

/// The dictionary is large: load it once for all tests.
fn converter() -> &'static Converter {
    static CONVERTER: OnceLock<Converter> = OnceLock::new();
    CONVERTER.get_or_init(|| Converter::new(Variant::Standard, &[]))
}

/// The content files the test site has, and their URLs (zh-Hans is served at `/`).
const PAGES: [(&str, &str); 2] = [
    ("../workshops/laoshuji.md", "/workshops/laoshuji/"),
    ("../stories/changxin.md", "/stories/changxin/"),
];

pub(super) struct TestHost {
    to: Script,
    figures: bool,
}

impl TestHost {
    /// The zh-Hant page of a simplified source.
    pub(super) fn hant() -> TestHost {
        TestHost {
            to: Script::Hant,
            figures: false,
        }
    }

    /// The zh-Hans page of a simplified source: text as written, markers removed.
    pub(super) fn hans() -> TestHost {
        TestHost {
            to: Script::Hans,
            figures: false,
        }
    }

    /// Images rendered by the host as `<figure>` placeholders.
    pub(super) fn with_figures(mut self) -> TestHost {
        self.figures = true;
        self
    }

    fn convert(&self, text: &str) -> String {
        converter()
            .convert(text, Script::Hans, self.to)
            .into_owned()
    }
}

impl MarkdownHost for TestHost {
    fn convert_text(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find("-{") {
            let Some(len) = rest[open + 2..].find("}-") else {
                break;
            };
            out.push_str(&self.convert(&rest[..open]));
            out.push_str(&rest[open + 2..open + 2 + len]);
            rest = &rest[open + 2 + len + 2..];
        }
        out.push_str(&self.convert(rest));
        out
    }

    fn link_url(&self, dest: &str) -> Option<String> {
        let (path, fragment) = match dest.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (dest, None),
        };
        let (_, url) = PAGES.iter().find(|(file, _)| *file == path)?;
        let prefix = match self.to {
            Script::Hans => "",
            Script::Hant => "/zh-hant",
        };
        Some(match fragment {
            Some(fragment) => format!("{prefix}{url}#{}", self.convert_text(fragment)),
            None => format!("{prefix}{url}"),
        })
    }

    fn image_html(&self, src: &str, alt: &str, title: &str) -> Option<String> {
        if !self.figures {
            return None;
        }
        let mut html = String::from("<figure data-src=\"");
        push_text(&mut html, src);
        html.push_str("\" data-alt=\"");
        push_text(&mut html, alt);
        html.push_str("\" data-title=\"");
        push_text(&mut html, title);
        html.push_str("\"></figure>");
        Some(html)
    }
}
