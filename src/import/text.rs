//! Text and Markdown files (any encoding `build` reads) → `Article`. Text: one paragraph per
//! line, `一、…` lines as headings. Markdown: its blocks kept as written, its front matter's
//! title and date taken as the document's. Pure: no IO.

use super::{Article, Block, Inline, tidy};
use crate::encoding;

pub(crate) fn read(bytes: &[u8], markdown: bool) -> Article {
    let decoded = encoding::decode(bytes);
    let text = decoded.text.replace("\r\n", "\n").replace('\r', "\n");
    if markdown {
        read_markdown(&text)
    } else {
        read_text(&text)
    }
}

fn read_text(text: &str) -> Article {
    let blocks = text
        .lines()
        .map(tidy)
        .filter(|line| !line.is_empty())
        .map(|line| match heading_level(&line) {
            Some(level) => Block::Heading(level, vec![Inline::Text(line)]),
            None => Block::Paragraph(vec![Inline::Text(line)]),
        })
        .collect();
    Article {
        blocks,
        ..Article::default()
    }
}

/// `一、…` → 2, `（一）…` → 3, for a short line without a full stop.
pub(crate) fn heading_level(line: &str) -> Option<u8> {
    const NUMERALS: &str = "一二三四五六七八九十";
    if line.chars().count() > 40 || line.ends_with(['。', '；', '，']) {
        return None;
    }
    let numeral_end = line
        .char_indices()
        .find(|(_, c)| !NUMERALS.contains(*c))
        .map(|(i, _)| i)?;
    if numeral_end > 0 && line[numeral_end..].starts_with('、') {
        return Some(2);
    }
    let inner = line.strip_prefix('（').or_else(|| line.strip_prefix('('))?;
    let end = inner
        .char_indices()
        .find(|(_, c)| !NUMERALS.contains(*c))
        .map(|(i, _)| i)?;
    (end > 0 && inner[end..].starts_with(['）', ')'])).then_some(3)
}

fn read_markdown(text: &str) -> Article {
    let mut article = Article::default();
    let mut body = text;
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---")
    {
        for line in rest[..end].lines() {
            let Some((key, value)) = line.split_once([':', '：']) else {
                continue;
            };
            let value = value.trim().trim_matches(['"', '\'']).to_string();
            match key.trim() {
                // The title the author gave stands first, as the heading the title is taken from.
                "title" if !value.is_empty() => article
                    .blocks
                    .insert(0, Block::Heading(1, vec![Inline::Text(value)])),
                "date" | "start" if !value.is_empty() => article.property_dates.push(value),
                _ => {}
            }
        }
        body = rest[end + 4..].trim_start_matches(|c| c != '\n');
    }
    for chunk in body.split("\n\n") {
        let chunk = chunk.trim_matches('\n');
        if chunk.trim().is_empty() {
            continue;
        }
        let line = chunk.trim();
        match line.strip_prefix("# ") {
            Some(title) if !line.contains('\n') => article
                .blocks
                .push(Block::Heading(1, vec![Inline::Text(title.trim().into())])),
            _ => article
                .blocks
                .push(Block::Markdown(chunk.replace('\u{3000}', ""))),
        }
    }
    article
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lines_are_headings() {
        assert_eq!(heading_level("一、“红色微家·掌门人”壹员孵化"), Some(2));
        assert_eq!(heading_level("（二）网格兜起百家事"), Some(3));
        assert_eq!(heading_level("一二三四五。"), None);
        assert_eq!(heading_level("近年来，社区实施三年计划。"), None);
    }
}
