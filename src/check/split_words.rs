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
//!   dictionary segmentation of the joined text puts inside one word (`示范引 领作用`).
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
    let words: Vec<Option<String>> = gaps.iter().map(|&k| split_word(&chars, k)).collect();
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

/// The dictionary word that the space at `k` splits, if any: jieba segments the Han
/// characters around it (up to six each side) with the space removed.
fn split_word(chars: &[(usize, char)], k: usize) -> Option<String> {
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
    let word = lexicon::words(&joined)
        .into_iter()
        .find(|r| r.start < cut && r.end > cut)?;
    Some(joined.chars().skip(word.start).take(word.len()).collect())
}

fn finding(chars: &[(usize, char)], k: usize, word: Option<String>) -> Finding {
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
        Some(word) => {
            format!("“{left} {right}”中间多了一个空格：“{word}”是一个词（从 PDF 复制时常见）")
        }
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
    fn spaces_between_phrases_stay() {
        let clean = "| 长欣社区党群服务中心 | 每月第一个周六下午 | 黄全南老书记 |\n1) 梁溪区强化党员示范引领作用\n打造坚强核心圈 提升基层组织引领力\n开展“学典型 读红书 践初心”活动\n累计检查小区 1047 个,对 46 家物业企业\n撰稿人:童兵 审核人:吕朝\n使用 PDF 文件\n";
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
