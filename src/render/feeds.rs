//! Atom 1.0 (RFC 4287) feeds, one per language. Pure: no IO.
//! Text arrives already in the feed's script; here it is only escaped.

use jiff::{Timestamp, Zoned};

use crate::content::When;

/// One Atom feed: the latest entries of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// Absolute URL of the feed itself: its `<id>` and its `rel="self"` link.
    pub id: String,
    /// Absolute URL of the home page in this language (`rel="alternate"`).
    pub alternate: String,
    pub title: String,
    pub subtitle: Option<String>,
    /// BCP 47 tag (`zh-Hans`), written as `xml:lang` on `<feed>`.
    pub lang: String,
    /// The feed's author (Atom requires one): the site's name. An entry may name its own.
    pub author: String,
    /// The build's `now`: the feed's `<updated>` when it has no entries.
    pub now: Timestamp,
    /// Written in the order given (newest first, by the caller's choice).
    pub entries: Vec<Entry>,
}

/// One `<entry>`: a story or a lecture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable identifier: the permalink.
    pub id: String,
    /// Absolute URL of the page (`rel="alternate"`).
    pub url: String,
    pub title: String,
    /// A full date-time, as Atom requires: a story dated without a time is published at
    /// midnight in the site's time zone (`2024-05-01T00:00:00+08:00`), written with that
    /// zone's offset so that no reader moves it to the day before.
    pub published: Zoned,
    /// `None` (or earlier than `published`): the entry was not changed since `published`.
    pub updated: Option<Zoned>,
    /// Plain text.
    pub summary: Option<String>,
    /// The page's body as HTML, sent escaped as `type="html"`. Relative links in it resolve
    /// against `url` (`xml:base`).
    pub content_html: Option<String>,
    /// `None`: the feed's author.
    pub author: Option<String>,
    pub categories: Vec<Category>,
}

/// `<category term label>`: a tag's slug and its name as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub term: String,
    pub label: String,
}

/// The whole Atom document. `<updated>` of the feed is the latest entry's, else `now`.
pub fn atom(feed: &Feed) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape_xml(&feed.lang)
    ));
    element(&mut out, 1, "id", &feed.id);
    element(&mut out, 1, "title", &feed.title);
    if let Some(subtitle) = feed.subtitle.as_deref().filter(|s| !s.is_empty()) {
        element(&mut out, 1, "subtitle", subtitle);
    }
    link(&mut out, 1, "self", "application/atom+xml", &feed.id);
    link(&mut out, 1, "alternate", "text/html", &feed.alternate);
    element(&mut out, 1, "updated", &feed_updated(feed));
    author(&mut out, 1, &feed.author);
    element(&mut out, 1, "generator", "tongwen");
    for entry in &feed.entries {
        render_entry(&mut out, entry);
    }
    out.push_str("</feed>\n");
    out
}

fn feed_updated(feed: &Feed) -> String {
    let latest = feed
        .entries
        .iter()
        .map(entry_updated)
        .max_by_key(|z| z.timestamp());
    match latest {
        Some(zoned) => rfc3339(zoned),
        None => feed.now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
    }
}

/// `updated`, never earlier than `published` (RFC 4287: the last significant change).
fn entry_updated(entry: &Entry) -> &Zoned {
    match &entry.updated {
        Some(updated) if updated.timestamp() > entry.published.timestamp() => updated,
        _ => &entry.published,
    }
}

fn render_entry(out: &mut String, entry: &Entry) {
    out.push_str("  <entry>\n");
    element(out, 2, "id", &entry.id);
    element(out, 2, "title", &entry.title);
    link(out, 2, "alternate", "text/html", &entry.url);
    element(out, 2, "published", &rfc3339(&entry.published));
    element(out, 2, "updated", &rfc3339(entry_updated(entry)));
    if let Some(name) = entry.author.as_deref().filter(|s| !s.is_empty()) {
        author(out, 2, name);
    }
    for category in &entry.categories {
        out.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            escape_xml(&category.term),
            escape_xml(&category.label)
        ));
    }
    if let Some(summary) = entry.summary.as_deref().filter(|s| !s.is_empty()) {
        element(out, 2, "summary", summary);
    }
    if let Some(html) = &entry.content_html {
        out.push_str(&format!(
            "    <content type=\"html\" xml:base=\"{}\">{}</content>\n",
            escape_xml(&entry.url),
            escape_xml(html)
        ));
    }
    out.push_str("  </entry>\n");
}

fn element(out: &mut String, depth: usize, name: &str, text: &str) {
    let indent = "  ".repeat(depth);
    out.push_str(&format!("{indent}<{name}>{}</{name}>\n", escape_xml(text)));
}

fn link(out: &mut String, depth: usize, rel: &str, media_type: &str, href: &str) {
    let indent = "  ".repeat(depth);
    out.push_str(&format!(
        "{indent}<link rel=\"{rel}\" type=\"{media_type}\" href=\"{}\"/>\n",
        escape_xml(href)
    ));
}

fn author(out: &mut String, depth: usize, name: &str) {
    let indent = "  ".repeat(depth);
    out.push_str(&format!(
        "{indent}<author><name>{}</name></author>\n",
        escape_xml(name)
    ));
}

/// RFC 3339 / W3C datetime with the time's own offset: `2024-05-18T14:30:00+08:00`.
pub(super) fn rfc3339(zoned: &Zoned) -> String {
    zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// What is known of a date, as ISO 8601 / W3C Datetime: the date alone when no time was
/// written (`2024-05-01`), else the full date-time with its offset ([`rfc3339`]).
pub(super) fn w3c_date(when: &When) -> String {
    if when.has_time {
        rfc3339(&when.zoned)
    } else {
        when.zoned.strftime("%Y-%m-%d").to_string()
    }
}

/// Escapes text for XML content and attribute values. Line ends become LF (as an XML reader
/// would make them), and the characters XML 1.0 cannot hold at all (C0 controls but tab and
/// line breaks, U+FFFE, U+FFFF), which text pasted from office documents carries, are dropped.
pub(super) fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}
