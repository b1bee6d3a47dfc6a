//! `tongwen import`: a Word (.docx), saved web page (.html) or text file → one planned content
//! file (Markdown with front matter), the images to copy beside it and what was guessed or
//! fixed. Pure: bytes in, a plan out; the command reads the inputs and writes the plan.

mod docx;
mod front_matter;
mod html;
mod markdown_out;
mod table;
mod text;

use crate::check;
use crate::convert::{Converter, Script, Variant};
use crate::diagnostics::Diagnostic;

/// Which kind of content file an import makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Story,
    Workshop,
    Lecture,
}

/// An article as read from any format, before it is written as Markdown.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Article {
    pub(crate) blocks: Vec<Block>,
    /// Footnote texts, referenced by `Inline::Note(index)`.
    pub(crate) notes: Vec<Vec<Inline>>,
    /// A title the format names apart from the text (`<title>`, a Word "Title" paragraph).
    pub(crate) title: Option<String>,
    /// Dates the format keeps apart from the text (document properties, page metadata).
    pub(crate) property_dates: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    List {
        ordered: bool,
        items: Vec<ListItem>,
    },
    /// Rows of cells on a plain grid; `merged` when the document merged cells, which a
    /// Markdown table cannot (see `table::lay_out`).
    Table {
        rows: Vec<Vec<Vec<Inline>>>,
        merged: bool,
    },
    /// Markdown the author already wrote: kept as it is.
    Markdown(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ListItem {
    pub(crate) inlines: Vec<Inline>,
    /// The lists nested under this item.
    pub(crate) nested: Vec<Block>,
}

impl ListItem {
    pub(crate) fn new(inlines: Vec<Inline>) -> ListItem {
        ListItem {
            inlines,
            nested: Vec::new(),
        }
    }
}

/// Adds an item at nesting `depth` (0 = top) to the list that ends `blocks`, or starts a
/// list there; an item deeper than the list goes under its last item.
pub(crate) fn push_list_item(blocks: &mut Vec<Block>, depth: usize, ordered: bool, item: ListItem) {
    if depth > 0
        && let Some(Block::List { items, .. }) = blocks.last_mut()
        && let Some(last) = items.last_mut()
    {
        return push_list_item(&mut last.nested, depth - 1, ordered, item);
    }
    match blocks.last_mut() {
        Some(Block::List { ordered: o, items }) if *o == ordered => items.push(item),
        _ => blocks.push(Block::List {
            ordered,
            items: vec![item],
        }),
    }
}

/// Every run of inlines in `blocks` (headings, paragraphs, list items at any depth, cells),
/// in reading order.
pub(crate) fn inline_runs_mut(blocks: &mut [Block]) -> Vec<&mut Vec<Inline>> {
    let mut runs = Vec::new();
    for block in blocks {
        match block {
            Block::Heading(_, inlines) | Block::Paragraph(inlines) => runs.push(inlines),
            Block::List { items, .. } => {
                for item in items {
                    runs.push(&mut item.inlines);
                    runs.extend(inline_runs_mut(&mut item.nested));
                }
            }
            Block::Table { rows, .. } => runs.extend(rows.iter_mut().flatten()),
            Block::Markdown(_) => {}
        }
    }
    runs
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Link { href: String, children: Vec<Inline> },
    Image(Picture),
    Note(usize),
}

/// An image where the article shows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Picture {
    pub(crate) source: PictureSource,
    pub(crate) alt: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PictureSource {
    /// Bytes inside the document (a .docx's media) with their name there.
    Embedded { name: String, bytes: Vec<u8> },
    /// A file beside the input (a saved page's `_files` folder), as the page wrote it.
    Local(String),
    /// On the web: kept as a link, never downloaded.
    Remote(String),
    /// Not brought over: the Markdown keeps a comment saying which image and why.
    Left(String),
}

/// One input file: its name (for messages and its format) and its bytes.
pub struct Input<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// What `plan` makes of one input.
#[derive(Debug)]
pub struct Plan {
    /// Content-relative folder and file: `stories/slug.md` or `stories/slug/index.md`.
    pub file: String,
    pub text: String,
    /// Files to write beside `file`: name and bytes.
    pub assets: Vec<(String, Vec<u8>)>,
    /// What was guessed from the text, one line each.
    pub guesses: Vec<String>,
    /// What the mechanical fixes changed: `行:列 “前” → “后”`.
    pub fixes: Vec<String>,
    /// Remote images kept as links, images that could not be copied, and the content lints.
    pub warnings: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// An input that cannot be imported: the message says why and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

/// Reads a file beside the input (`src` as the page wrote it); `None` when there is none.
pub type ReadBeside<'a> = dyn Fn(&str) -> Option<Vec<u8>> + 'a;

/// Plans the content file for `input` as a `kind`. `read_beside` gives the local images of
/// a saved page. Nothing is written.
pub fn plan(input: &Input<'_>, kind: Kind, read_beside: &ReadBeside<'_>) -> Result<Plan, Refused> {
    let article = read_article(input)?;
    if article.blocks.is_empty() && article.title.is_none() {
        return Err(Refused(format!(
            "{}：文件里没有找到任何文字，没有导入。请确认选对了文件。",
            input.name
        )));
    }
    let mut warnings = merged_tables(&article.blocks);
    let article = take_captions(article);
    let (article, assets) = collect_pictures(article, read_beside, &mut warnings);
    let drafted = front_matter::draft(article, kind);
    let converter = Converter::new(Variant::Standard, &[]);
    let body = markdown_out::write(&drafted.article);
    let script = converter.detect(&body).unwrap_or(Script::Hans);
    let text = format!("{}\n{body}", drafted.front_matter(script));
    let fixed = check::fix(&text);
    let fixes = fixed
        .changes
        .iter()
        .map(|c| format!("{}:{}：“{}” → “{}”", c.line, c.col, c.before, c.after))
        .collect();
    let folder = front_matter::folder(kind);
    let file = if assets.is_empty() {
        format!("{folder}/{}.md", drafted.slug)
    } else {
        format!("{folder}/{}/index.md", drafted.slug)
    };
    let diagnostics = check::lint_file(&format!("content/{file}"), &fixed.text);
    let mut guesses = drafted.guesses;
    guesses.push(format!(
        "文字：{}",
        if script == Script::Hans {
            "简体（script: hans）"
        } else {
            "繁体（script: hant）"
        }
    ));
    Ok(Plan {
        file,
        text: fixed.text,
        assets,
        guesses,
        fixes,
        warnings,
        diagnostics,
    })
}

/// The file's format by its name, then its bytes read as that format.
fn read_article(input: &Input<'_>) -> Result<Article, Refused> {
    let name = input.name;
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if input.bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Refused(format!("{name}：文件是空的，没有导入。")));
    }
    match ext.as_str() {
        "docx" | "wps" => docx::read(name, input.bytes),
        "doc" => Err(Refused(format!(
            "{name}：这是旧版 Word（.doc）文件，同文读不了。请用 Word 或 WPS 打开它，\
             “另存为” Word 文档（.docx），再导入 .docx 文件。"
        ))),
        "html" | "htm" | "xhtml" => Ok(html::read(input.bytes)),
        "md" | "markdown" | "txt" | "text" => {
            Ok(text::read(input.bytes, ext != "txt" && ext != "text"))
        }
        "pdf" => Err(Refused(format!(
            "{name}：PDF 文件不能直接导入。请在 PDF 阅读器里全选、复制正文，粘贴到记事本保存为 .txt，再导入 .txt 文件。"
        ))),
        _ => Err(Refused(format!(
            "{name}：不认识这种文件。可以导入 Word 文档（.docx）、保存的网页（.html、.htm）、Markdown（.md）和文本文件（.txt）。"
        ))),
    }
}

/// A short line right under an image that has no description (`图为居民议事会现场`, or any
/// line of a few words) becomes its alt text and leaves the body.
fn take_captions(mut article: Article) -> Article {
    let mut i = 0;
    while i + 1 < article.blocks.len() {
        let caption = match &article.blocks[i + 1] {
            Block::Paragraph(next) if !next.iter().any(|n| matches!(n, Inline::Image(_))) => {
                Some(tidy(&plain(next)))
            }
            _ => None,
        }
        .filter(|c| {
            c.chars().count() <= 40
                && (c.starts_with(['图', '圖', '▲', '△'])
                    || !c.ends_with(['。', '！', '？', '：', '；']))
        });
        let lone = match &mut article.blocks[i] {
            Block::Paragraph(inlines) if plain(inlines).trim().is_empty() => {
                match inlines.last_mut() {
                    Some(Inline::Image(picture)) if picture.alt.is_empty() => Some(picture),
                    _ => None,
                }
            }
            _ => None,
        };
        if let (Some(picture), Some(caption)) = (lone, caption) {
            picture.alt = caption;
            article.blocks.remove(i + 1);
        }
        i += 1;
    }
    article
}

/// Every picture of the article that can be copied gets its file name in order (`01.jpg`);
/// remote ones stay links (with a warning); missing ones and formats a web page cannot show
/// are left behind, each with a warning naming it and a comment where it stood.
fn collect_pictures(
    mut article: Article,
    read_beside: &ReadBeside<'_>,
    warnings: &mut Vec<String>,
) -> (Article, Vec<(String, Vec<u8>)>) {
    let mut pictures = Pictures {
        read_beside,
        warnings,
        assets: Vec::new(),
        seen: 0,
    };
    for run in inline_runs_mut(&mut article.blocks) {
        pictures.place(run);
    }
    let assets = pictures.assets;
    (article, assets)
}

struct Pictures<'r, 'a> {
    read_beside: &'r ReadBeside<'a>,
    warnings: &'r mut Vec<String>,
    assets: Vec<(String, Vec<u8>)>,
    /// Pictures met so far, for "the 3rd image" in messages.
    seen: usize,
}

impl Pictures<'_, '_> {
    fn place(&mut self, run: &mut [Inline]) {
        for inline in run {
            match inline {
                Inline::Strong(children)
                | Inline::Emphasis(children)
                | Inline::Link { children, .. } => self.place(children),
                Inline::Image(picture) => {
                    self.seen += 1;
                    self.copy(picture);
                }
                Inline::Text(_) | Inline::Note(_) => {}
            }
        }
    }

    fn copy(&mut self, picture: &mut Picture) {
        let (name, bytes) = match &picture.source {
            PictureSource::Remote(url) => {
                self.warnings.push(format!(
                    "网上的图片没有下载，仍然链接到原网址：{url}。如果要放进网站，请把图片下载后放到文章旁边，改成文件名。"
                ));
                return;
            }
            PictureSource::Left(_) => return,
            PictureSource::Embedded { name, bytes } => (name.clone(), bytes.clone()),
            PictureSource::Local(src) => match (self.read_beside)(src) {
                Some(bytes) => (src.clone(), bytes),
                None => {
                    let reason = format!("找不到图片文件 {src}");
                    return self.leave(picture, reason, "请把图片放到文章旁边，");
                }
            },
        };
        let Some(ext) = image_extension(&bytes) else {
            let reason = match vector_format(&name, &bytes) {
                Some(format) => format!("它是 {format} 格式（Word 里的矢量图），网页无法显示"),
                None => format!("{name} 的格式网页无法显示（只支持 JPG、PNG、GIF、WebP）"),
            };
            return self.leave(
                picture,
                reason,
                "请在 Word 或 WPS 里右键这张图“另存为图片”，存成 PNG 放到文章旁边，",
            );
        };
        let file = format!("{:02}.{ext}", self.assets.len() + 1);
        self.assets.push((file.clone(), bytes));
        picture.source = PictureSource::Local(file);
    }

    /// The picture stays as a comment naming it (order and caption) and why it is missing.
    fn leave(&mut self, picture: &mut Picture, reason: String, todo: &str) {
        let caption = if picture.alt.is_empty() {
            String::new()
        } else {
            format!("（“{}”）", picture.alt)
        };
        let which = format!("第 {} 张图片", self.seen);
        self.warnings.push(format!(
            "{which}{caption}没有导入：{reason}。{todo}再把文件里“这里原有{which}”的说明换成图片。"
        ));
        picture.source =
            PictureSource::Left(format!("这里原有{which}{caption}，没有导入：{reason}"));
    }
}

/// `EMF` or `WMF` (Word's vector drawings), by the bytes or the name.
fn vector_format(name: &str, bytes: &[u8]) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".emf") || (bytes.len() > 44 && &bytes[40..44] == b" EMF") {
        Some("EMF")
    } else if lower.ends_with(".wmf") || bytes.starts_with(b"\xD7\xCD\xC6\x9A") {
        Some("WMF")
    } else {
        None
    }
}

/// A note for each table whose merged cells were spread over the grid.
fn merged_tables(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter(|b| matches!(b, Block::Table { .. }))
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Table { merged: true, .. }))
        .map(|(i, _)| {
            format!(
                "第 {} 个表格有合并的单元格：Markdown 表格不能合并，横向合并的格子后面留了空格，纵向合并的格子在每一行重复了内容。请打开文件核对这个表格。",
                i + 1
            )
        })
        .collect()
}

/// `jpg`, `png`, `gif` or `webp`, by the bytes (names in saved pages often lie or lack one).
fn image_extension(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some("jpg")
    } else if bytes.starts_with(b"\x89PNG") {
        Some("png")
    } else if bytes.starts_with(b"GIF8") {
        Some("gif")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else {
        None
    }
}

/// The plain text of inlines (footnote marks and images left out).
pub(crate) fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { children: c, .. } => {
                out.push_str(&plain(c))
            }
            Inline::Image(_) | Inline::Note(_) => {}
        }
    }
    out
}

/// Pasted text cleaned the same way for every format: full-width indents and stray spaces
/// at the ends dropped, runs of white space made one space.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
