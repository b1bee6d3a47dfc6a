//! Spaces inside Chinese words, left by copying from newspaper PDFs: each printed column
//! line (about a dozen characters) is joined to the next by one space, so a paragraph reads
//! `梁 溪区在创新社区治理实践的 过程中先行先试`. Pure: no IO.
//!
//! A single space between Chinese phrases is sometimes meant (`学典型 读红书 践初心`,
//! `打造坚强核心圈 提升基层组织引领力`), so a space is reported only on evidence:
//! - column evidence: the line has three or more spaces next to Chinese, most of them a
//!   steady 6–30 characters apart (a column width), and either that width is 10 or more
//!   (newspaper columns; phrases in headings are shorter) or one of the spaces splits a
//!   dictionary word (poems and lists of short phrases do not). Then every such space on
//!   the line goes.
//! - word evidence: on any other line, a space between two Han characters that jieba's
//!   dictionary segmentation of the joined text puts inside one word (`示范引 领作用`), or
//!   that its HMM joins into a place name the dictionary lacks (`梁 溪区`), or that follows
//!   `的`/`之` or comes before `的`/`了`/`们` standing alone (`实践的 过程`): a phrase
//!   neither ends nor starts with those particles.
//!
//! A space right after half-width `,:;?!` belongs to the punctuation lint.

use super::prose::{Place, Run};
use super::{Context, Edit, Finding, is_cjk_punct, is_han, lexicon};
use crate::diagnostics::{Diagnostic, Severity};

pub(crate) const CODE: &str = "lint.split-word";

/// Spaces inside Chinese words, with the fix that deletes each.
pub fn lint(path: &str, text: &str) -> Vec<Diagnostic> {
    super::diagnostics(path, text, &find(&Context::new(text)))
}

pub(crate) fn find(context: &Context<'_>) -> Vec<Finding> {
    context
        .runs
        .iter()
        .filter(|r| r.place != Place::Flow)
        .flat_map(|run| find_in_run(context, run))
        .collect()
}

fn find_in_run(context: &Context<'_>, run: &Run) -> Vec<Finding> {
    let chars = context.visible(run);
    let gaps: Vec<usize> = (1..chars.len().saturating_sub(1))
        .filter(|&k| is_gap(&chars, k))
        .collect();
    let words: Vec<Option<Evidence>> = gaps.iter().map(|&k| split_word(&chars, k)).collect();
    let columns = match column_width(&gaps) {
        Some(width) => width >= 10 || words.iter().any(Option::is_some),
        None => false,
    };
    gaps.iter()
        .zip(words)
        .filter(|(k, word)| !context.is_garbled(chars[**k].0) && (word.is_some() || columns))
        .filter(|(k, _)| !matches!(chars[**k - 1].1, ',' | ':' | ';' | '?' | '!'))
        .map(|(&k, word)| finding(&chars, k, word))
        .collect()
}

/// A single space with Chinese on at least one side, and on the other side Chinese, a
/// digit, or punctuation that Chinese text uses; never Latin letters or Markdown marks
/// (`|` of tables, `**`, list markers such as `1.`).
fn is_gap(chars: &[(usize, char)], k: usize) -> bool {
    let (before, space, after) = (chars[k - 1].1, chars[k].1, chars[k + 1].1);
    let chinese = |c: char| is_han(c) || is_cjk_punct(c);
    let textual = |c: char| !c.is_ascii() || c.is_ascii_digit() || "\"'(),;:?!%".contains(c);
    space == ' '
        && !before.is_whitespace()
        && !after.is_whitespace()
        && (chinese(before) || chinese(after))
        && textual(before)
        && textual(after)
        && !is_list_marker(&chars[..k])
}

/// `1)` opening a line: an ordered list item, whose space Markdown needs.
fn is_list_marker(before: &[(usize, char)]) -> bool {
    let text: String = before.iter().map(|x| x.1).collect();
    let trimmed = text.trim_start();
    trimmed
        .strip_suffix(')')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The column width, when the gaps (character indices) fall at a steady one.
fn column_width(gaps: &[usize]) -> Option<usize> {
    if gaps.len() < 3 {
        return None;
    }
    let widths: Vec<usize> = gaps.windows(2).map(|w| w[1] - w[0]).collect();
    let mut sorted = widths.clone();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2];
    let slack = (median / 4).max(3);
    let steady = widths
        .iter()
        .filter(|w| w.abs_diff(median) <= slack)
        .count();
    ((6..=30).contains(&median) && steady * 3 >= widths.len() * 2).then_some(median)
}

/// Why a space between Han characters is inside a word rather than between phrases.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Evidence {
    /// A dictionary word the space splits.
    Word(String),
    /// A place name (ending in `区`, `县` …) the space splits.
    Place(String),
    /// A particle that binds to the word on the other side of the space.
    Particle(char),
}

/// Place names end in these (simplified) characters; jieba's HMM also joins other
/// unknown characters (`读红书践`), which are no evidence.
const PLACE_ENDINGS: &[char] = &['区', '县', '市', '镇', '乡', '村', '街', '路', '省', '州'];

/// Why the space at `k` splits a word, if it does: jieba segments the Han characters around
/// it (up to six each side) with the space removed.
fn split_word(chars: &[(usize, char)], k: usize) -> Option<Evidence> {
    let left: String = chars[..k]
        .iter()
        .rev()
        .take_while(|x| is_han(x.1))
        .take(6)
        .map(|x| x.1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let right: String = chars[k + 1..]
        .iter()
        .take_while(|x| is_han(x.1))
        .take(6)
        .map(|x| x.1)
        .collect();
    if left.is_empty() || right.is_empty() {
        return None;
    }
    let cut = left.chars().count();
    let joined = format!("{left}{right}");
    let text = |r: &std::ops::Range<usize>| joined.chars().skip(r.start).take(r.len()).collect();
    let across = |r: &std::ops::Range<usize>| r.start < cut && r.end > cut;
    if let Some(word) = lexicon::words(&joined).iter().find(|r| across(r)) {
        return Some(Evidence::Word(text(word)));
    }
    let simple = lexicon::simplified(&joined);
    if let Some(name) = lexicon::guessed_words(&joined)
        .iter()
        .find(|r| across(r) && PLACE_ENDINGS.contains(&simple[r.end - 1]))
    {
        return Some(Evidence::Place(text(name)));
    }
    let tokens = lexicon::tokens(&joined);
    let alone = |at: usize| tokens.iter().any(|r| r.start == at && r.len() == 1);
    match (simple[cut - 1], simple[cut]) {
        (c @ ('的' | '之'), _) if alone(cut - 1) => Some(Evidence::Particle(c)),
        (_, c @ ('的' | '了' | '们')) if alone(cut) => Some(Evidence::Particle(c)),
        _ => None,
    }
}

fn finding(chars: &[(usize, char)], k: usize, word: Option<Evidence>) -> Finding {
    let at = chars[k].0;
    let near = |range: std::ops::Range<usize>| -> String {
        chars[range]
            .iter()
            .map(|x| x.1)
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let left = near(k.saturating_sub(2)..k);
    let right = near(k + 1..(k + 3).min(chars.len()));
    let message = match &word {
        Some(Evidence::Word(word)) => {
            format!("“{left} {right}”中间多了一个空格：“{word}”是一个词（从 PDF 复制时常见）")
        }
        Some(Evidence::Place(name)) => {
            format!("“{left} {right}”中间多了一个空格：“{name}”是一个地名（从 PDF 复制时常见）")
        }
        Some(Evidence::Particle(particle)) => format!(
            "“{left} {right}”中间多了一个空格：“{particle}”和旁边的词连在一起，不会单独隔开（从 PDF 复制时常见）"
        ),
        None => format!(
            "“{left} {right}”中间多了一个空格：这一行像是从 PDF 分栏复制的，每隔十几个字断开一次"
        ),
    };
    Finding {
        code: CODE,
        severity: Severity::Warning,
        range: at..at + 1,
        message,
        hint: format!("删除空格，写成“{left}{right}”"),
        edits: vec![Edit {
            range: at..at + 1,
            after: String::new(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spaces(text: &str) -> Vec<String> {
        find(&Context::new(text))
            .into_iter()
            .map(|f| {
                let before = &text[..f.range.start];
                let left: String = before
                    .chars()
                    .rev()
                    .take(2)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let right: String = text[f.range.end..].chars().take(2).collect();
                format!("{left} {right}")
            })
            .collect()
    }

    #[test]
    fn pdf_column_lines_lose_every_space() {
        let text = "近年来,江苏省无锡市梁 溪区在创新社区治理实践的 过程中先行先试,充分发挥基 层党组织在社区治理中的引 领作用。\n";
        assert_eq!(
            spaces(text),
            ["市梁 溪区", "践的 过程", "挥基 层党", "的引 领作"]
        );
    }

    #[test]
    fn a_single_space_that_splits_a_word_goes() {
        assert_eq!(
            spaces("梁溪区强化党员示范引 领作用,健全民主自治机制。\n"),
            ["范引 领作"]
        );
    }

    #[test]
    fn a_space_inside_a_place_name_or_after_a_particle_goes() {
        // The seeds' pasted text: only three spaces on the line, at no steady width.
        let text = "江苏省无锡市梁 溪区广益街道金和社区在创新社区治理实践的 过程中先行先试,充分发挥基 层党组织的引领作用。\n";
        assert_eq!(spaces(text), ["市梁 溪区", "践的 过程", "挥基 层党"]);
        assert_eq!(spaces("撰稿人:童 兵\n"), Vec::<String>::new());
        assert_eq!(spaces("居民们 了解到\n"), Vec::<String>::new());
        assert_eq!(spaces("服务居民 的热情\n"), ["居民 的热"]);
    }

    #[test]
    fn place_and_particle_evidence_is_named() {
        let messages: Vec<String> = find(&Context::new("梁 溪区在创新实践的 过程中。\n"))
            .into_iter()
            .map(|f| f.message)
            .collect();
        assert_eq!(
            messages,
            [
                "“梁 溪区”中间多了一个空格：“梁溪区”是一个地名（从 PDF 复制时常见）",
                "“践的 过程”中间多了一个空格：“的”和旁边的词连在一起，不会单独隔开（从 PDF 复制时常见）",
            ]
        );
    }

    #[test]
    fn spaces_between_phrases_stay() {
        let clean = "| 长欣社区党群服务中心 | 每月第一个周六下午 | 黄全南老书记 |\n1) 梁溪区强化党员示范引领作用\n打造坚强核心圈 提升基层组织引领力\n开展“学典型 读红书 践初心”活动\n新吴区 梁溪区 滨湖区\n我们的家园 我们的责任\n累计检查小区 1047 个,对 46 家物业企业\n撰稿人:童兵 审核人:吕朝\n使用 PDF 文件\n";
        assert_eq!(spaces(clean), Vec::<String>::new());
    }

    #[test]
    fn diagnostic_shows_the_word_and_the_fix() {
        let diagnostics = lint(
            "content/a.md",
            "---\ntitle: 题\n---\n梁溪区强化党员示范引 领作用。\n",
        );
        assert_eq!(diagnostics.len(), 1);
        insta::assert_snapshot!(diagnostics[0].render_text(), @r"
        content/a.md:4:11: 警告：“范引 领作”中间多了一个空格：“引领”是一个词（从 PDF 复制时常见）
          |
        4 | 梁溪区强化党员示范引 领作用。
          |                     ^
          = 建议：删除空格，写成“范引领作”
        ");
    }
}
