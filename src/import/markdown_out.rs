//! An `Article` → Markdown body: headings, paragraphs, lists, pipe tables, images, footnotes.
//! Emphasis keeps its punctuation outside the markers, so that `**“红色”**后` stays bold
//! under CommonMark's flanking rules. Pure: no IO.

use super::{Article, Block, Inline, ListItem, PictureSource, tidy};

/// The body text, blocks separated by blank lines, footnotes at the end.
pub(crate) fn write(article: &Article) -> String {
    let mut parts: Vec<String> = article.blocks.iter().map(block).collect();
    parts.retain(|p| !p.is_empty());
    for (i, note) in article.notes.iter().enumerate() {
        parts.push(format!("[^{}]: {}", i + 1, line(note)));
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

fn block(block: &Block) -> String {
    match block {
        Block::Heading(level, inlines) => {
            let text = line(inlines);
            if text.is_empty() {
                return text;
            }
            format!("{} {text}", "#".repeat(usize::from((*level).clamp(2, 6))))
        }
        Block::Paragraph(inlines) => {
            // An image stands as its own paragraph, where it was in the text.
            let mut parts = Vec::new();
            for piece in inlines.split_inclusive(|i| matches!(i, Inline::Image(_))) {
                let (text, image) = match piece.split_last() {
                    Some((image @ Inline::Image(_), text)) => (text, Some(image)),
                    _ => (piece, None),
                };
                parts.push(paragraph(text));
                parts.extend(image.map(|i| line(std::slice::from_ref(i))));
            }
            parts.retain(|p| !p.is_empty());
            parts.join("\n\n")
        }
        Block::List { ordered, items } => list(*ordered, items),
        Block::Table { rows, .. } => table(rows),
        Block::Markdown(text) => text.trim().to_string(),
    }
}

/// One item a line; a nested list is indented by its item's marker width, as CommonMark
/// needs to read it as part of that item.
fn list(ordered: bool, items: &[ListItem]) -> String {
    let mut lines = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let marker = if ordered {
            format!("{}. ", i + 1)
        } else {
            "- ".to_string()
        };
        lines.push(format!("{marker}{}", line(&item.inlines)));
        let indent = " ".repeat(marker.len());
        for nested in &item.nested {
            for nested_line in block(nested).lines() {
                lines.push(format!("{indent}{nested_line}"));
            }
        }
    }
    lines.join("\n")
}

fn paragraph(inlines: &[Inline]) -> String {
    let text = line(inlines);
    // A line that Markdown would read as a heading, list or quote is not one here.
    match text.chars().next() {
        Some('#' | '>' | '-' | '+' | '=') => format!("\\{text}"),
        _ => text,
    }
}

fn table(rows: &[Vec<Vec<Inline>>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let row = |cells: &Vec<Vec<Inline>>| {
        let mut texts: Vec<String> = cells.iter().map(|c| line(c)).collect();
        texts.resize(width, String::new());
        format!("| {} |", texts.join(" | "))
    };
    let mut lines = vec![row(&rows[0]), format!("|{}", " --- |".repeat(width))];
    lines.extend(rows[1..].iter().map(row));
    lines.join("\n")
}

/// Inlines as one line of Markdown, white space made single and trimmed.
pub(crate) fn line(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        push_inline(&mut out, inline);
    }
    tidy(&out)
}

fn push_inline(out: &mut String, inline: &Inline) {
    match inline {
        Inline::Text(text) => push_escaped(out, text),
        Inline::Strong(children) => wrap(out, "**", children),
        Inline::Emphasis(children) => wrap(out, "*", children),
        Inline::Link { href, children } => {
            let text = line(children);
            if text.is_empty() {
                return;
            }
            out.push_str(&format!("[{text}]({})", destination(href)));
        }
        Inline::Image(picture) => {
            let src = match &picture.source {
                PictureSource::Local(src) | PictureSource::Remote(src) => src.as_str(),
                PictureSource::Embedded { name, .. } => name.as_str(),
                PictureSource::Left(why) => {
                    // Nothing in it may end the comment early.
                    let why = why.replace("--", "—").replace(['<', '>'], "");
                    out.push_str(&format!("<!-- {why} -->"));
                    return;
                }
            };
            let mut alt = String::new();
            push_escaped(&mut alt, &picture.alt);
            out.push_str(&format!("![{}]({})", tidy(&alt), destination(src)));
        }
        Inline::Note(n) => out.push_str(&format!("[^{}]", n + 1)),
    }
}

/// `**text**` with leading and trailing punctuation and spaces moved outside the markers.
fn wrap(out: &mut String, marker: &str, children: &[Inline]) {
    let text = line(children);
    let is_edge =
        |c: char| c.is_whitespace() || c.is_ascii_punctuation() || crate::check::is_cjk_punct(c);
    let core = text.trim_matches(is_edge);
    if core.is_empty() {
        out.push_str(&text);
        return;
    }
    let start = text.find(core).unwrap_or(0);
    let (before, after) = (&text[..start], &text[start + core.len()..]);
    out.push_str(&format!("{before}{marker}{core}{marker}{after}"));
}

/// Characters Markdown would read as markup, escaped.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A link destination, in `<…>` only when it holds characters that would end it.
fn destination(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_string()
    }
}
