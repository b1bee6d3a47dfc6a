//! site.yaml → `Config`: validated settings with defaults. Pure: no IO.

use serde::Serialize;

use crate::convert::{Script, Variant};

/// How the site's content scripts are decided (`source_script:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum SourceScript {
    /// Detect each file's script from its text.
    #[default]
    Auto,
    Fixed(Script),
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Footer {
    /// ICP 备案号, e.g. `苏ICP备00000000号`.
    pub icp: Option<String>,
    /// 公安备案号, e.g. `苏公网安备 00000000000000号`.
    pub police: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageSettings {
    pub widths: Vec<u32>,
    pub quality: u8,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: vec![480, 960, 1600],
            quality: 82,
        }
    }
}

/// The site's base URL, split into origin and path so links work under a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaseUrl {
    /// `https://example.org` (no trailing slash).
    pub origin: String,
    /// `/changxin/` or `/`: always starts and ends with `/`.
    pub path: String,
}

impl BaseUrl {
    /// Parses `https://host[/path]`; `None` when it is not an http(s) URL.
    pub fn parse(url: &str) -> Option<BaseUrl> {
        let url = url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))?;
        let scheme_len = url.len() - rest.len();
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if host.is_empty() || host.contains(char::is_whitespace) {
            return None;
        }
        let mut path = path.trim_end_matches('/').to_string();
        path.push('/');
        Some(BaseUrl {
            origin: format!("{}{}", &url[..scheme_len], host),
            path,
        })
    }

    /// The absolute URL of a site path (`/stories/a/` → `https://example.org/changxin/stories/a/`).
    pub fn permalink(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.join(site_path))
    }

    /// The path under the base of a site path (`/stories/a/` → `/changxin/stories/a/`).
    pub fn join(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }
}

/// The site's settings, validated, with every default filled in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub base_url: BaseUrl,
    /// One or two languages; the first is served at `/`, the second under `/zh-hant/` (or `/zh-hans/`).
    pub languages: Vec<Script>,
    pub traditional: Variant,
    pub source_script: SourceScript,
    pub theme: String,
    #[serde(skip)]
    pub timezone: jiff::tz::TimeZone,
    /// The time zone's name as written (`Asia/Shanghai`).
    pub timezone_name: String,
    pub footer: Footer,
    /// Site phrases (simplified → traditional) that win over the dictionary in both directions.
    pub glossary: Vec<(String, String)>,
    pub images: ImageSettings,
    /// Entries per list page.
    pub paginate: usize,
}
