//! The front matter of an imported article, filled where the text says it: the title (a
//! heading or the first line), a date (in the text, else the document's properties), the
//! community and district a line names, an author line; required fields left blank with
//! `# 必填`. Pure: no IO.

use std::sync::LazyLock;

use regex::Regex;

use super::{Article, Block, Inline, Kind, plain};
use crate::content::slug::slugify;

/// The article without its title line, and the fields found for it.
pub(crate) struct Drafted {
    pub(crate) article: Article,
    pub(crate) slug: String,
    pub(crate) guesses: Vec<String>,
    kind: Kind,
    title: String,
    date: Option<String>,
    community: Option<String>,
    district: Option<String>,
    author: Option<String>,
}

pub(crate) fn folder(kind: Kind) -> &'static str {
    match kind {
        Kind::Story => "stories",
        Kind::Workshop => "workshops",
        Kind::Lecture => "lectures",
    }
}

pub(crate) fn draft(mut article: Article, kind: Kind) -> Drafted {
    let mut guesses = Vec::new();
    let title = take_title(&mut article);
    guesses.push(format!("标题：{title}"));
    let author = take_author(&mut article);
    if let Some(author) = &author {
        guesses.push(format!("作者：{author}（标题下面单独一行的人名）"));
    }
    let date_line = drop_date_line(&mut article);
    let text = std::iter::once(title.clone())
        .chain(date_line)
        .chain(article.blocks.iter().map(block_text))
        .collect::<Vec<_>>()
        .join("\n");
    let date = find_date(&text)
        .map(|(date, said)| {
            guesses.push(format!("日期：{date}（正文里写的“{said}”）"));
            date
        })
        .or_else(|| {
            let date = article.property_dates.iter().find_map(|d| find_date(d))?.0;
            guesses.push(format!("日期：{date}（文档属性里的日期，请核对）"));
            Some(date)
        });
    let (community, district) = find_place(&text);
    if let Some(c) = &community {
        guesses.push(format!("社区：{c}"));
    }
    if let Some(d) = &district {
        guesses.push(format!("区县：{d}"));
    }
    let mut slug = slugify(&title);
    if slug.len() > 60 {
        let cut = slug[..60].rfind('-').unwrap_or(60);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        slug = "imported".into();
    }
    Drafted {
        article,
        slug,
        guesses,
        kind,
        title,
        date,
        community,
        district,
        author,
    }
}

impl Drafted {
    /// The front matter block, `---` to `---`, with a trailing newline.
    pub(crate) fn front_matter(&self, script: crate::convert::Script) -> String {
        let mut lines = vec!["---".to_string(), format!("title: {}", quoted(&self.title))];
        let field = |name: &str, value: &Option<String>, what: &str| match value {
            // A date stays bare: YAML reads it as the field's date either way.
            Some(v) if name == "date" || name == "start" => format!("{name}: {v}"),
            Some(v) => format!("{name}: {}", quoted(v)),
            None => format!(
                "{name}:{}# 必填：{what}",
                " ".repeat(14usize.saturating_sub(name.len()))
            ),
        };
        match self.kind {
            Kind::Story => {
                lines.push(field(
                    "date",
                    &self.date,
                    "没有找到日期，请写成 2023-05-01 或 2023年5月1日",
                ));
                lines.push(field("community", &self.community, "故事发生的社区"));
                if let Some(d) = &self.district {
                    lines.push(format!("district: {}", quoted(d)));
                }
                if let Some(a) = &self.author {
                    lines.push(format!("author: {}", quoted(a)));
                }
            }
            Kind::Workshop => {
                lines.push(field("leader", &None, "工作室负责人姓名"));
                lines.push(field("community", &self.community, "工作室所在的社区"));
            }
            Kind::Lecture => {
                lines.push(field(
                    "start",
                    &self.date,
                    "开始时间，例如 2026-12-06 14:30",
                ));
                lines.push(field("venue", &None, "地点"));
                lines.push(field("speaker", &self.author, "主讲人姓名"));
            }
        }
        lines.push(format!(
            "script: {}",
            match script {
                crate::convert::Script::Hans => "hans",
                crate::convert::Script::Hant => "hant",
            }
        ));
        lines.push("---".into());
        let mut out = lines.join("\n");
        out.push('\n');
        out
    }
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn block_text(block: &Block) -> String {
    match block {
        Block::Heading(_, i) | Block::Paragraph(i) => plain(i),
        Block::List { items, .. } => items
            .iter()
            .map(|i| {
                let nested = i.nested.iter().map(block_text);
                std::iter::once(plain(&i.inlines))
                    .chain(nested)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Table { rows, .. } => rows
            .iter()
            .map(|r| r.iter().map(|c| plain(c)).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Markdown(text) => text.clone(),
    }
}

/// The first heading (or the first short paragraph) is the title and leaves the body; the
/// document's own title is the fallback.
fn take_title(article: &mut Article) -> String {
    let first = article
        .blocks
        .iter()
        .position(|b| !block_text(b).trim().is_empty());
    if let Some(i) = first {
        let text = super::tidy(&block_text(&article.blocks[i]));
        let is_title = match &article.blocks[i] {
            Block::Heading(..) => true,
            Block::Paragraph(_) => {
                text.chars().count() <= 60
                    && article
                        .title
                        .as_deref()
                        .is_none_or(|t| t.contains(&text) || text.contains(t))
            }
            _ => false,
        };
        if is_title {
            article.blocks.remove(i);
            return text.trim_start_matches('#').trim().to_string();
        }
    }
    article
        .title
        .clone()
        .map(|t| super::tidy(&t))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "未命名".into())
}

/// A line of one to three names of two to four Chinese characters right after the title.
fn take_author(article: &mut Article) -> Option<String> {
    static NAMES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\p{Han}{2,4}(?: \p{Han}{2,4}){0,2}$").expect("a valid pattern")
    });
    let Some(Block::Paragraph(inlines)) = article.blocks.first() else {
        return None;
    };
    let text = super::tidy(&plain(inlines));
    if !NAMES.is_match(&text) || inlines.iter().any(|i| matches!(i, Inline::Image(_))) {
        return None;
    }
    article.blocks.remove(0);
    Some(text.replace(' ', "、"))
}

/// A line of only a date (`2023年5月1日`, `发布时间：2023-05-01`) near the top is the
/// article's date, not its text: it leaves the body (the date is still found, below).
fn drop_date_line(article: &mut Article) -> Option<String> {
    static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\p{Han}{0,6}[:：]\s*)?\d{4}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2})(?:\s*\d{1,2}[:：]\d{2})?$")
            .expect("a valid pattern")
    });
    let position = article.blocks.iter().take(3).position(|b| {
        matches!(b, Block::Paragraph(_)) && DATE_LINE.is_match(&super::tidy(&block_text(b)))
    });
    position.map(|i| block_text(&article.blocks.remove(i)))
}

/// The first whole date in `text` as `2023-05-01`, and how the text wrote it.
fn find_date(text: &str) -> Option<(String, String)> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2}))",
        )
        .expect("a valid pattern")
    });
    let text: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + u32::from(b'0')).unwrap_or(c),
            _ => c,
        })
        .collect();
    DATE.captures_iter(&text).find_map(|caps| {
        let number = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<i16>().ok());
        let year = number(1)?;
        let month = number(2).or_else(|| number(4))?;
        let day = number(3).or_else(|| number(5))?;
        let date = jiff::civil::Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?)
            .ok()?;
        Some((date.strftime("%Y-%m-%d").to_string(), caps[0].to_string()))
    })
}

/// The first `…区…社区` (or 社區) a line names: the community, and the district before it.
fn find_place(text: &str) -> (Option<String>, Option<String>) {
    static COMMUNITY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:[市县縣区區镇鎮]|街道)([\p{Han}&&[^市县縣区區镇鎮街]]{2,8}社[区區])")
            .expect("a valid pattern")
    });
    static DISTRICT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:[省市]|^|[^\p{Han}])(\p{Han}{2,3}?[区區县縣])").expect("a valid pattern")
    });
    // A line that names the community after its city or district, else one that opens with it.
    static OPENING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([\p{Han}&&[^市县縣区區镇鎮街]]{2,8}社[区區])").expect("a valid pattern")
    });
    let community = [&*COMMUNITY, &*OPENING].iter().find_map(|pattern| {
        text.lines()
            .find_map(|line| Some(pattern.captures(line)?[1].to_string()))
    });
    let district = text.lines().find_map(|line| {
        let caps = DISTRICT
            .captures_iter(line)
            .find(|c| !c[1].ends_with("社区") && !c[1].ends_with("社區"))?;
        Some(caps[1].to_string())
    });
    (community, district)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_found_in_the_forms_offices_write() {
        assert_eq!(
            find_date("发布时间：2023年5月1日 来源").map(|d| d.0),
            Some("2023-05-01".into())
        );
        assert_eq!(
            find_date("２０２３年１２月３日").map(|d| d.0),
            Some("2023-12-03".into())
        );
        assert_eq!(
            find_date("2019年起，2023/2/30，2024.3.7").map(|d| d.0),
            Some("2024-03-07".into())
        );
        assert_eq!(find_date("2019年开展"), None);
    }

    #[test]
    fn community_and_district_come_from_the_line_that_names_them() {
        let (c, d) = find_place("构建党建引领社区治理\n近年来，无锡市新吴区长欣公寓社区实施计划");
        assert_eq!(
            (c.as_deref(), d.as_deref()),
            (Some("长欣公寓社区"), Some("新吴区"))
        );
        let (c, d) = find_place("黃金社區位於長沙市望城區金山橋街道黃金社區");
        assert_eq!(
            (c.as_deref(), d.as_deref()),
            (Some("黃金社區"), Some("望城區"))
        );
    }
}
