//! The parsed content model: one `Document` per content file, typed by section.
//! Pure data: no IO, no parsing here.

use std::sync::Arc;

use jiff::Zoned;
use serde::Serialize;

use crate::convert::Script;

/// The folder a content file lives in, which decides its type and URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Stories,
    Workshops,
    Lectures,
    /// Free pages (`content/pages/NAME.md`), served at `/NAME/`.
    Pages,
    /// `content/_index.md`, the home page introduction.
    Home,
}

impl Section {
    /// The URL segment: `stories`, `workshops`, `lectures`; empty for pages and home.
    pub fn url_segment(self) -> &'static str {
        match self {
            Section::Stories => "stories",
            Section::Workshops => "workshops",
            Section::Lectures => "lectures",
            Section::Pages | Section::Home => "",
        }
    }

    /// The folder under `content/`.
    pub fn folder(self) -> &'static str {
        match self {
            Section::Stories => "stories",
            Section::Workshops => "workshops",
            Section::Lectures => "lectures",
            Section::Pages => "pages",
            Section::Home => "",
        }
    }
}

/// A date or a date with a time, as the author wrote it, placed in the site's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct When {
    pub zoned: Zoned,
    /// False for a bare date (`2023年5月1日`): no time is shown.
    pub has_time: bool,
}

/// Front matter fields common to every type.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Common {
    pub title: String,
    /// `slug:` as written; the resolved slug is `Document::slug`.
    pub slug: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    /// Image path relative to the content file, as written.
    pub cover: Option<String>,
    pub draft: bool,
    /// `script:` as written; the resolved script is `Document::script`.
    pub script: Option<Script>,
    /// Old URL paths (site-relative, e.g. `/old/story/`) that redirect here.
    pub aliases: Vec<String>,
    /// `search: false`: the page is left out of the site's search.
    pub exclude_from_search: bool,
    /// `publish:`: the document is left out of a build until then.
    pub publish: Option<When>,
    /// `expires:`: the document is left out of a build from then on.
    pub expires: Option<When>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    pub date: When,
    pub community: String,
    pub district: Option<String>,
    pub author: Option<String>,
    /// Slugs of workshop profiles.
    pub workshops: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Contact {
    pub phone: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Workshop {
    pub leader: String,
    pub community: String,
    pub founded: Option<When>,
    pub focus: Vec<String>,
    pub contact: Option<Contact>,
    /// Image path relative to the content file, as written.
    pub photo: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LectureStatus {
    #[default]
    Scheduled,
    Cancelled,
    Postponed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lecture {
    pub start: When,
    pub end: Option<When>,
    pub venue: String,
    /// The venue's street address as written; else the workshop's, else site.yaml's.
    pub address: Option<String>,
    pub speaker: String,
    pub series: Option<String>,
    pub speaker_title: Option<String>,
    pub capacity: Option<u32>,
    pub registration: Option<String>,
    /// Slug of a workshop profile.
    pub workshop: Option<String>,
    pub status: LectureStatus,
}

/// The type-specific part of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Kind {
    Story(Story),
    Workshop(Workshop),
    Lecture(Lecture),
    /// A free page or the home introduction: only the common fields.
    Page,
}

/// The end of a content file's text from some byte on, shared with the file as read
/// rather than copied (a large site's bodies would otherwise be in memory twice).
#[derive(Clone, PartialEq, Eq)]
pub struct Text {
    file: Arc<str>,
    start: usize,
}

impl Text {
    /// `file` from byte `start` (a char boundary) to its end.
    pub fn tail(file: Arc<str>, start: usize) -> Text {
        debug_assert!(file.is_char_boundary(start));
        Text { file, start }
    }

    pub fn as_str(&self) -> &str {
        &self.file[self.start..]
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::tail(text.into(), 0)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::tail(text.into(), 0)
    }
}

/// One parsed content file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Path relative to the site root, `/`-separated: `content/stories/a.md`.
    pub source: String,
    pub section: Section,
    /// The URL slug: `slug:`, else the file name (toneless pinyin for Chinese names);
    /// for `NAME/index.md` the folder name. Empty for the home page.
    pub slug: String,
    /// The script the file is written in (its `script:`, the site's `source_script`, or detected).
    pub script: Script,
    pub common: Common,
    pub kind: Kind,
    /// The Markdown after the front matter.
    pub body: Text,
    /// The 1-based line of the file on which `body` starts, to place body diagnostics.
    pub body_line: usize,
}
