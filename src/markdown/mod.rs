//! Markdown → HTML for one page in one script, built from small event passes.
//! Returns the facts (links, images, headings) that `check` and the image plan need. Pure: no IO.

mod convert_text;
mod escape;
mod footnotes;
mod headings;
mod images;
mod links;
mod plain_text;
mod position;
mod raw_html;
mod render;
mod soft_breaks;
#[cfg(test)]
mod test_host;
#[cfg(test)]
mod tests;

pub use render::render;

/// What the page being rendered provides to the Markdown passes.
pub trait MarkdownHost {
    /// `text` (prose, alt, titles) as it reads in the page's script. Identity on the source's own script.
    fn convert_text(&self, text: &str) -> String;
    /// The URL of a link destination written in the Markdown, in the page's language:
    /// `../workshops/laoshuji.md#目标` → `/zh-hant/workshops/laoshuji/#目標`. `None` leaves it as written.
    fn link_url(&self, dest: &str) -> Option<String>;
    /// The HTML for an image (`image` as written and where, `alt` and `title` already
    /// converted); `None` for a plain `<img>`.
    fn image_html(&self, image: &ImageRef, alt: &str, title: &str) -> Option<String>;
}

/// A link found in the body (1-based line in the body text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub dest: String,
    pub line: usize,
    pub col: usize,
}

/// An image found in the body (1-based line in the body text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    pub src: String,
    pub alt: String,
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// The anchor id (keeps Chinese), unique in the page.
    pub id: String,
    /// The heading's text in the page's script.
    pub text: String,
}

/// A rendered body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    pub html: String,
    /// The visible text without markup (page's script), for summaries and search.
    pub plain_text: String,
    pub links: Vec<LinkRef>,
    pub images: Vec<ImageRef>,
    pub headings: Vec<Heading>,
}
