//! site.yaml → `Config`: validated settings with defaults. Pure: no IO.

use serde::Serialize;

use crate::content::values::Reader;
use crate::content::yaml::{Domain, Entry, Node, Place, Pos, Problem};
use crate::convert::{Script, Variant};
use crate::diagnostics::{Diagnostic, Span};
use crate::source::SourceFile;

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

/// Where the site's lectures and workshops usually are (`venue:` in site.yaml): the
/// address of a lecture that gives none, and the region every address is in.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct VenueSettings {
    /// The usual place's street address (the 党群服务中心), e.g. `新吴区长江路 21 号`.
    pub address: Option<String>,
    /// City or district (`addressLocality`), e.g. `无锡市`.
    pub locality: Option<String>,
    /// Province (`addressRegion`), e.g. `江苏省`.
    pub region: Option<String>,
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
    pub venue: VenueSettings,
    /// Site phrases (simplified → traditional) that win over the dictionary in both directions.
    pub glossary: Vec<(String, String)>,
    pub images: ImageSettings,
    /// Entries per list page.
    pub paginate: usize,
    /// The picture of chat previews for pages without a cover: a path under `static/`.
    pub share_image: Option<String>,
}

/// The settings file's name, relative to the site root.
pub const CONFIG_FILE: &str = "site.yaml";

/// Reads site.yaml (`None` when the site has none) into a `Config` with every default filled
/// in. `None` when anything is wrong; the diagnostics name every problem, not only the first.
pub fn parse(file: Option<&SourceFile>) -> (Option<Config>, Vec<Diagnostic>) {
    let Some(file) = file else {
        let error = Diagnostic::error(
            "config.missing-file",
            Span::file(CONFIG_FILE),
            "找不到站点设置文件 site.yaml",
        )
        .with_hint("在站点文件夹里放一个 site.yaml（至少写一行 `title: 站点名称`），或运行 `tongwen init 文件夹` 新建一个站点");
        return (None, vec![error]);
    };
    let place = Place {
        path: &file.path,
        text: &file.text,
        domain: Domain::Config,
    };
    let mut reader = Reader::new(place);
    let entries = reader.read_entries(&file.text, 1, "site.yaml 里要一行写一个设置");
    let config = entries.and_then(|entries| resolve(&entries, &mut reader));
    let mut diagnostics = reader.diagnostics;
    crate::diagnostics::sort(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (None, diagnostics);
    }
    (config, diagnostics)
}

const KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "languages",
    "traditional",
    "source_script",
    "theme",
    "timezone",
    "footer",
    "venue",
    "glossary",
    "images",
    "paginate",
    "share_image",
];

/// Chinese names users type for a setting: (中文, key).
const CHINESE_KEYS: &[(&str, &str)] = &[
    ("标题", "title"),
    ("站点名称", "title"),
    ("网站名称", "title"),
    ("描述", "description"),
    ("简介", "description"),
    ("网址", "base_url"),
    ("域名", "base_url"),
    ("语言", "languages"),
    ("繁体", "traditional"),
    ("繁体标准", "traditional"),
    ("原文", "source_script"),
    ("主题", "theme"),
    ("时区", "timezone"),
    ("页脚", "footer"),
    ("备案", "footer"),
    ("地点", "venue"),
    ("场地", "venue"),
    ("词表", "glossary"),
    ("术语", "glossary"),
    ("图片", "images"),
    ("分页", "paginate"),
    ("每页", "paginate"),
    ("分享图片", "share_image"),
    ("分享图", "share_image"),
];

/// Every setting, with its entry as written.
#[derive(Debug, Default)]
struct RawConfig<'a> {
    title: Option<&'a Entry>,
    description: Option<&'a Entry>,
    base_url: Option<&'a Entry>,
    languages: Option<&'a Entry>,
    traditional: Option<&'a Entry>,
    source_script: Option<&'a Entry>,
    theme: Option<&'a Entry>,
    timezone: Option<&'a Entry>,
    footer: Option<&'a Entry>,
    venue: Option<&'a Entry>,
    glossary: Option<&'a Entry>,
    images: Option<&'a Entry>,
    paginate: Option<&'a Entry>,
    share_image: Option<&'a Entry>,
}

impl<'a> RawConfig<'a> {
    fn slot(&mut self, key: &str) -> Option<&mut Option<&'a Entry>> {
        match key {
            "title" => Some(&mut self.title),
            "description" => Some(&mut self.description),
            "base_url" => Some(&mut self.base_url),
            "languages" => Some(&mut self.languages),
            "traditional" => Some(&mut self.traditional),
            "source_script" => Some(&mut self.source_script),
            "theme" => Some(&mut self.theme),
            "timezone" => Some(&mut self.timezone),
            "footer" => Some(&mut self.footer),
            "venue" => Some(&mut self.venue),
            "glossary" => Some(&mut self.glossary),
            "images" => Some(&mut self.images),
            "paginate" => Some(&mut self.paginate),
            "share_image" => Some(&mut self.share_image),
            _ => None,
        }
    }
}

const DEFAULT_TIMEZONE: &str = "Asia/Shanghai";

fn resolve(entries: &[Entry], r: &mut Reader<'_>) -> Option<Config> {
    let mut raw = RawConfig::default();
    for entry in r.distinct(entries) {
        match raw.slot(&entry.key) {
            Some(slot) => *slot = Some(entry),
            None => r.unknown_key(entry, KEYS, CHINESE_KEYS),
        }
    }
    let RawConfig {
        title,
        description,
        base_url,
        languages,
        traditional,
        source_script,
        theme,
        timezone,
        footer,
        venue,
        glossary,
        images,
        paginate,
        share_image,
    } = raw;
    const TITLE: &str = "title: 长欣社区“红色微家”";
    let title_value = r.text(title, TITLE).filter(|t| !t.trim().is_empty());
    let title_value = r.required("title", title, title_value, Pos { line: 1, col: 1 }, TITLE);
    // Every setting is read before any is given up on, so all mistakes are reported.
    let description = r.text(description, "description: 党建引领社区治理品牌");
    let base_url = resolve_base_url(base_url, r);
    let languages = resolve_languages(languages, r);
    let traditional = resolve_traditional(traditional, r);
    let source_script = r.choice(
        source_script,
        SOURCE_SCRIPTS,
        "auto（自动判断）、hans（简体）或 hant（繁体）",
    );
    let theme = resolve_theme(theme, r);
    let timezone = resolve_timezone(timezone, r);
    let footer = resolve_footer(footer, r);
    let venue = resolve_venue(venue, r);
    let glossary = resolve_glossary(glossary, r);
    let images = resolve_images(images, r);
    let paginate = r.count(paginate, 1..=u32::MAX, "paginate: 10");
    let share_image = r
        .text(share_image, "share_image: images/share.jpg")
        .map(|t| t.trim().trim_start_matches('/').to_string())
        .filter(|t| !t.is_empty());
    let (timezone_name, timezone) = timezone?;
    Some(Config {
        title: title_value?,
        description: description.unwrap_or_default(),
        base_url: base_url?,
        languages: languages?,
        traditional: traditional?,
        source_script: source_script.unwrap_or_default(),
        theme: theme?,
        timezone,
        timezone_name,
        footer,
        venue,
        glossary,
        images,
        paginate: paginate.map_or(10, |n| n as usize),
        share_image,
    })
}

const SOURCE_SCRIPTS: &[(&str, SourceScript)] = &[
    ("auto", SourceScript::Auto),
    ("自动", SourceScript::Auto),
    ("hans", SourceScript::Fixed(Script::Hans)),
    ("hant", SourceScript::Fixed(Script::Hant)),
    ("zh-hans", SourceScript::Fixed(Script::Hans)),
    ("zh-hant", SourceScript::Fixed(Script::Hant)),
    ("简", SourceScript::Fixed(Script::Hans)),
    ("繁", SourceScript::Fixed(Script::Hant)),
    ("简体", SourceScript::Fixed(Script::Hans)),
    ("繁体", SourceScript::Fixed(Script::Hant)),
    ("繁體", SourceScript::Fixed(Script::Hant)),
];

/// `https://host/path/`, or a bare path `/path/` for a site without a known host.
fn resolve_base_url(entry: Option<&Entry>, r: &mut Reader<'_>) -> Option<BaseUrl> {
    const EXAMPLE: &str = "base_url: https://example.org/changxin/";
    let root = BaseUrl {
        origin: String::new(),
        path: "/".into(),
    };
    let Some(text) = r.text(entry, EXAMPLE) else {
        return Some(root);
    };
    let text = text.trim();
    if text.starts_with('/') && !text.starts_with("//") {
        let mut path = text.trim_end_matches('/').to_string();
        path.push('/');
        return Some(BaseUrl { path, ..root });
    }
    if let Some(url) = BaseUrl::parse(text) {
        return Some(url);
    }
    let pos = entry.map_or(Pos { line: 1, col: 1 }, |e| e.value.pos());
    r.bad_value(
        pos,
        format!("`base_url` 应该是以 https:// 或 http:// 开头的网址，这里写的是“{text}”"),
        format!("例如 `{EXAMPLE}`；不知道网址时可以不写"),
    );
    None
}

/// `zh-hans` / `zh-hant` and the other names of the two scripts.
fn script_of_language(name: &str) -> Option<Script> {
    match name.trim().to_lowercase().replace('_', "-").as_str() {
        "zh-hans" | "zh-cn" | "zh-sg" | "zh-my" | "hans" | "简体" | "简体中文" | "简" => {
            Some(Script::Hans)
        }
        "zh-hant" | "zh-tw" | "zh-hk" | "zh-mo" | "hant" | "繁体" | "繁體" | "繁体中文"
        | "繁體中文" | "繁" => Some(Script::Hant),
        _ => None,
    }
}

/// One or two distinct languages; `[zh-hans, zh-hant]` when not given.
fn resolve_languages(entry: Option<&Entry>, r: &mut Reader<'_>) -> Option<Vec<Script>> {
    const EXAMPLE: &str = "languages: [zh-hans, zh-hant]";
    let items = r.text_items(entry, EXAMPLE);
    if entry.is_none() || items.is_empty() {
        return Some(vec![Script::Hans, Script::Hant]);
    }
    let mut languages = Vec::new();
    let mut ok = true;
    for (text, pos) in &items {
        match script_of_language(text) {
            Some(script) if languages.contains(&script) => {
                r.bad_value(
                    *pos,
                    format!("`languages` 里“{text}”和前面的语言是同一种文字"),
                    "两种语言要一简一繁，例如 `languages: [zh-hans, zh-hant]`".into(),
                );
                ok = false;
            }
            Some(script) => languages.push(script),
            None => {
                r.bad_value(
                    *pos,
                    format!("`languages` 不认识“{text}”"),
                    "可以写 zh-hans（简体）和 zh-hant（繁体），例如 `languages: [zh-hans, zh-hant]`".into(),
                );
                ok = false;
            }
        }
    }
    (ok && !languages.is_empty()).then_some(languages)
}

fn resolve_traditional(entry: Option<&Entry>, r: &mut Reader<'_>) -> Option<Variant> {
    let Some(text) = r.text(entry, "traditional: standard") else {
        return Some(Variant::default());
    };
    if let Some(variant) = Variant::parse(&text) {
        return Some(variant);
    }
    let pos = entry.map_or(Pos { line: 1, col: 1 }, |e| e.value.pos());
    r.bad_value(
        pos,
        format!("`traditional` 不能写“{text}”"),
        "可以写 standard（通用繁体）、tw（台湾字形）、tw-phrases（台湾字形和用语）或 hk（香港字形）".into(),
    );
    None
}

/// A theme folder name under `themes/`: never a path that leaves it.
fn resolve_theme(entry: Option<&Entry>, r: &mut Reader<'_>) -> Option<String> {
    let Some(text) = r.text(entry, "theme: default") else {
        return Some("default".into());
    };
    let name = text.trim();
    if !name.is_empty() && !name.contains(['/', '\\', ':']) && name != "." && name != ".." {
        return Some(name.to_string());
    }
    let pos = entry.map_or(Pos { line: 1, col: 1 }, |e| e.value.pos());
    r.bad_value(
        pos,
        format!("`theme` 要写 themes/ 文件夹里的一个主题名，不能写“{text}”"),
        "例如 `theme: default`".into(),
    );
    None
}

fn resolve_timezone(
    entry: Option<&Entry>,
    r: &mut Reader<'_>,
) -> Option<(String, jiff::tz::TimeZone)> {
    let name = r
        .text(entry, "timezone: Asia/Shanghai")
        .map(|t| t.trim().to_string())
        .unwrap_or_else(|| DEFAULT_TIMEZONE.to_string());
    match jiff::tz::TimeZone::get(&name) {
        Ok(tz) => Some((name, tz)),
        Err(_) => {
            let pos = entry.map_or(Pos { line: 1, col: 1 }, |e| e.value.pos());
            r.bad_value(
                pos,
                format!("未知时区“{name}”"),
                "写 IANA 时区名，例如 `timezone: Asia/Shanghai`（香港 Asia/Hong_Kong，台北 Asia/Taipei）".into(),
            );
            None
        }
    }
}

fn resolve_venue(entry: Option<&Entry>, r: &mut Reader<'_>) -> VenueSettings {
    const KNOWN: &[&str] = &["address", "locality", "region"];
    const CHINESE: &[(&str, &str)] = &[
        ("地址", "address"),
        ("城市", "locality"),
        ("市", "locality"),
        ("省", "region"),
        ("省份", "region"),
    ];
    let mut venue = VenueSettings::default();
    let Some(entries) = r.map(
        entry,
        "venue: { address: 新吴区长江路 21 号, locality: 无锡市, region: 江苏省 }",
    ) else {
        return venue;
    };
    for sub in r.distinct(entries) {
        match sub.key.as_str() {
            "address" => venue.address = r.text(Some(sub), "address: 新吴区长江路 21 号"),
            "locality" => venue.locality = r.text(Some(sub), "locality: 无锡市"),
            "region" => venue.region = r.text(Some(sub), "region: 江苏省"),
            _ => r.unknown_key(sub, KNOWN, CHINESE),
        }
    }
    venue
}

fn resolve_footer(entry: Option<&Entry>, r: &mut Reader<'_>) -> Footer {
    const KNOWN: &[&str] = &["icp", "police"];
    const CHINESE: &[(&str, &str)] = &[
        ("备案号", "icp"),
        ("icp备案", "icp"),
        ("ICP备案", "icp"),
        ("公安备案", "police"),
        ("公网安备", "police"),
    ];
    let mut footer = Footer::default();
    let Some(entries) = r.map(entry, "footer: { icp: 苏ICP备00000000号 }") else {
        return footer;
    };
    for sub in r.distinct(entries) {
        match sub.key.as_str() {
            "icp" => footer.icp = r.text(Some(sub), "icp: 苏ICP备00000000号"),
            "police" => footer.police = r.text(Some(sub), "police: 苏公网安备 00000000000000号"),
            _ => r.unknown_key(sub, KNOWN, CHINESE),
        }
    }
    footer
}

/// Simplified → traditional pairs, in the order written.
fn resolve_glossary(entry: Option<&Entry>, r: &mut Reader<'_>) -> Vec<(String, String)> {
    let Some(entries) = r.map(entry, "glossary: { 长欣: 長欣 }") else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    for sub in r.distinct(entries) {
        let example = format!("{}: 繁体写法", sub.key);
        match r.text(Some(sub), &example) {
            Some(traditional) if !sub.key.trim().is_empty() && !traditional.trim().is_empty() => {
                pairs.push((sub.key.trim().to_string(), traditional.trim().to_string()));
            }
            _ if matches!(sub.value, Node::Scalar(_)) => {
                let error = r
                    .place
                    .problem(
                        Problem::EmptyField,
                        sub.key_pos,
                        format!("词表里“{}”没有写繁体写法", sub.key),
                    )
                    .with_hint(format!(
                        "写成 `{}: 繁体写法`，简体在冒号前，繁体在冒号后",
                        sub.key
                    ));
                r.push(error);
            }
            _ => {}
        }
    }
    pairs
}

fn resolve_images(entry: Option<&Entry>, r: &mut Reader<'_>) -> ImageSettings {
    const KNOWN: &[&str] = &["widths", "quality"];
    const CHINESE: &[(&str, &str)] = &[("宽度", "widths"), ("尺寸", "widths"), ("质量", "quality")];
    let mut images = ImageSettings::default();
    let Some(entries) = r.map(entry, "images: { widths: [480, 960, 1600], quality: 82 }") else {
        return images;
    };
    for sub in r.distinct(entries) {
        match sub.key.as_str() {
            "widths" => {
                if let Some(widths) = resolve_widths(sub, r) {
                    images.widths = widths;
                }
            }
            "quality" => {
                if let Some(quality) = r.count(Some(sub), 1..=100, "quality: 82") {
                    images.quality = u8::try_from(quality).unwrap_or(100);
                }
            }
            _ => r.unknown_key(sub, KNOWN, CHINESE),
        }
    }
    images
}

/// Positive pixel widths, sorted and without repeats.
fn resolve_widths(entry: &Entry, r: &mut Reader<'_>) -> Option<Vec<u32>> {
    const EXAMPLE: &str = "widths: [480, 960, 1600]";
    let items = r.text_items(Some(entry), EXAMPLE);
    let mut widths = Vec::new();
    for (text, pos) in items {
        match text.trim().trim_end_matches("px").parse::<u32>() {
            Ok(width) if width > 0 => widths.push(width),
            _ => r.bad_value(
                pos,
                format!("图片宽度应该是正整数（像素），这里写的是“{text}”"),
                format!("例如 `{EXAMPLE}`"),
            ),
        }
    }
    widths.sort_unstable();
    widths.dedup();
    if widths.is_empty() {
        r.bad_value(
            entry.key_pos,
            "`widths` 至少要写一个图片宽度".into(),
            format!("例如 `{EXAMPLE}`"),
        );
        return None;
    }
    Some(widths)
}

#[cfg(test)]
mod tests;
