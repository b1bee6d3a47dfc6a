//! Proofreading the converted script: the decisions of `review.yaml` (parsed, rendered,
//! applied to the build as glossary pairs), the risky choices of each file with the phrase
//! around them, and the review pages the preview shows. Pure: no IO (serve reads and
//! writes, see `serve::review`).

pub mod align;
pub mod apply;
pub mod decisions;
pub mod occurrences;
pub mod page;

use std::path::PathBuf;
use std::sync::Arc;

pub use apply::{Written, glossary_pairs};
pub use decisions::{Decision, FILE};
pub use occurrences::Occurrence;

use crate::content::Section;
use crate::convert::{Converter, Script};
use crate::pipeline::Built;
use crate::source::SiteInput;

/// What the review pages need of the last good build.
pub struct ReviewSite {
    /// The site folder (review.yaml is written beside site.yaml).
    pub root: PathBuf,
    pub pages: Vec<ReviewedPage>,
    pub decisions: Vec<Decision>,
    /// The converter without the decisions: every risky choice, decided or not.
    pub undecided: Arc<Converter>,
    /// The converter of the build: what the pages show.
    pub converter: Arc<Converter>,
    /// The second language's URL prefix (`zh-hant/`), and its script.
    pub other_prefix: &'static str,
    pub scripts: Vec<Script>,
}

/// A published page whose text can be reviewed.
pub struct ReviewedPage {
    /// `content/stories/a.md`.
    pub file: String,
    pub text: Arc<str>,
    pub script: Script,
    pub title: String,
    pub section: Section,
    /// For sorting newest first, and shown: `2023-05-01`; empty for undated pages.
    pub date: String,
    /// Site path: `/stories/a/`.
    pub path: String,
}

impl ReviewSite {
    /// The review data of a build of `input`.
    pub fn new(input: &SiteInput, built: &Built, converter: Arc<Converter>) -> ReviewSite {
        let langs = built.site.langs();
        let texts: std::collections::HashMap<&str, &Arc<str>> = input
            .content
            .iter()
            .map(|f| (f.path.as_str(), &f.text))
            .collect();
        let pages = built
            .site
            .entries
            .iter()
            .filter_map(|entry| {
                let doc = &entry.doc;
                let text = texts.get(doc.source.as_str())?;
                Some(ReviewedPage {
                    file: doc.source.clone(),
                    text: Arc::clone(text),
                    script: doc.script,
                    title: doc.common.title.clone(),
                    section: doc.section,
                    date: page_date(doc),
                    path: entry.path.clone(),
                })
            })
            .collect();
        ReviewSite {
            root: input.root.clone(),
            pages,
            decisions: built.decisions.clone(),
            undecided: Arc::clone(&built.undecided),
            converter,
            other_prefix: langs.get(1).map_or("", |l| l.prefix),
            scripts: langs.iter().map(|l| l.script).collect(),
        }
    }

    pub fn page(&self, file: &str) -> Option<&ReviewedPage> {
        self.pages.iter().find(|p| p.file == file)
    }

    /// The page served at `url_path` (`/zh-hant/stories/a/`), in either language.
    pub fn page_at(&self, url_path: &str) -> Option<&ReviewedPage> {
        let path = url_path.trim_end_matches("index.html");
        let path = match path
            .strip_prefix('/')
            .and_then(|p| p.strip_prefix(self.other_prefix))
        {
            Some(rest) if !self.other_prefix.is_empty() => format!("/{rest}"),
            _ => path.to_string(),
        };
        self.pages.iter().find(|p| p.path == path)
    }

    /// The decisions about `file`.
    pub fn decisions_of(&self, file: &str) -> Vec<Decision> {
        self.decisions
            .iter()
            .filter(|d| d.file == file)
            .cloned()
            .collect()
    }

    /// The risky choices of `page` (empty when its script is not converted for this site).
    pub fn occurrences(&self, page: &ReviewedPage) -> Vec<Occurrence> {
        if !self.scripts.contains(&page.script.other()) {
            return Vec::new();
        }
        occurrences::find(
            &self.undecided,
            &page.text,
            page.script,
            &self.decisions_of(&page.file),
        )
    }
}

fn page_date(doc: &crate::content::Document) -> String {
    use crate::content::document::Kind;
    let when = match &doc.kind {
        Kind::Story(story) => Some(&story.date),
        Kind::Lecture(lecture) => Some(&lecture.start),
        Kind::Workshop(workshop) => workshop.founded.as_ref(),
        Kind::Page => None,
    };
    when.map_or_else(String::new, |w| w.zoned.strftime("%Y-%m-%d").to_string())
}
