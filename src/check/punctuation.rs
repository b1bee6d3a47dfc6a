//! Half-width punctuation in Chinese text: `,` `:` `;` `?` `!` right after a Chinese
//! character (and before another, a digit, or the end of the line) become `，：；？！`, and
//! `(`…`)` around Chinese words become `（`…`）`. Never in front matter keys or YAML flow
//! lists, URLs, code, numbers (`1,000`) or times (`14:30`); never inside garbled text; a `?`
//! only in a sentence that asks something (otherwise it is a lost character). Pure: no IO.

use super::prose::{Place, Run};
use super::{Context, Edit, Finding, is_cjk_punct, is_han};
use crate::diagnostics::{Diagnostic, Severity};

pub(crate) const CODE: &str = "lint.half-width-punctuation";

/// Half-width punctuation in Chinese text, with the full-width replacement.
pub fn lint(path: &str, text: &str) -> Vec<Diagnostic> {
    super::diagnostics(path, text, &find(&Context::new(text)))
}

pub(crate) fn find(context: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for run in context.runs.iter().filter(|r| r.place != Place::Flow) {
        let chars = context.visible(run);
        for k in 0..chars.len() {
            if context.is_garbled(chars[k].0) {
                continue;
            }
            if let Some(finding) = mark(&chars, k, run).or_else(|| parens(context, &chars, k)) {
                out.push(finding);
            }
        }
    }
    out
}

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        _ => return None,
    })
}

/// Ends a Chinese word or phrase: a Han character or a closing full-width mark.
fn closes_chinese(c: char) -> bool {
    is_han(c) || matches!(c, '”' | '’' | '）' | '》' | '」' | '』' | '】' | '〕')
}

/// Starts a Chinese word or phrase.
fn opens_chinese(c: char) -> bool {
    is_han(c) || matches!(c, '“' | '‘' | '（' | '《' | '「' | '『' | '【' | '〔')
}

/// The mark at `k`, if it is half-width punctuation in Chinese text. A single space after
/// it goes too (`你好, 我` → `你好，我`): full-width marks carry their own space.
fn mark(chars: &[(usize, char)], k: usize, run: &Run) -> Option<Finding> {
    let (at, c) = chars[k];
    let wide = full_width(c)?;
    if !closes_chinese(chars.get(k.checked_sub(1)?)?.1) {
        return None;
    }
    let mut end = at + 1;
    match chars.get(k + 1).map(|x| x.1) {
        None => {
            if !run.ends_line {
                return None;
            }
        }
        Some(' ') => {
            let after = chars.get(k + 2).map(|x| x.1)?;
            if !opens_chinese(after) {
                return None;
            }
            end += 1;
        }
        Some(next) if opens_chinese(next) || next.is_ascii_digit() => {}
        Some(_) => return None,
    }
    if c == '?' && !asks(&chars[..k]) {
        return None;
    }
    Some(Finding {
        code: CODE,
        severity: Severity::Warning,
        range: at..end,
        message: format!("中文里用了半角标点“{c}”"),
        hint: format!("改成全角“{wide}”"),
        edits: vec![Edit {
            range: at..end,
            after: wide.to_string(),
        }],
    })
}

/// `(中文)` → `（中文）`: the pair on one run, holding Chinese and no Latin letters, next
/// to Chinese outside.
fn parens(context: &Context<'_>, chars: &[(usize, char)], k: usize) -> Option<Finding> {
    let (open, c) = chars[k];
    if c != '(' {
        return None;
    }
    let len = chars[k + 1..]
        .iter()
        .position(|x| matches!(x.1, '(' | ')'))?;
    let close = k + 1 + len;
    if chars[close].1 != ')' || len == 0 {
        return None;
    }
    let inner = &chars[k + 1..close];
    if !inner.iter().any(|x| is_han(x.1)) || inner.iter().any(|x| x.1.is_ascii_alphabetic()) {
        return None;
    }
    // Look past a space on the left: the split-word fix may delete it.
    let before = chars[..k].iter().rev().map(|x| x.1).find(|c| *c != ' ');
    let after = chars.get(close + 1).map(|x| x.1);
    let chinese_outside = before.is_some_and(|b| closes_chinese(b) || is_cjk_punct(b))
        || after.is_some_and(|a| opens_chinese(a) || is_cjk_punct(a));
    if !chinese_outside || context.is_garbled(chars[close].0) {
        return None;
    }
    let shut = chars[close].0;
    let inner: String = inner.iter().map(|x| x.1).collect();
    Some(Finding {
        code: CODE,
        severity: Severity::Warning,
        range: open..shut + 1,
        message: format!("中文里用了半角括号“({inner})”"),
        hint: format!("改成全角括号“（{inner}）”"),
        edits: vec![
            Edit {
                range: open..open + 1,
                after: "（".to_string(),
            },
            Edit {
                range: shut..shut + 1,
                after: "）".to_string(),
            },
        ],
    })
}

/// Whether the sentence that ends at the end of `before` asks something: it holds a
/// question word or particle.
pub(crate) fn asks(before: &[(usize, char)]) -> bool {
    const WORDS: [&str; 24] = [
        "吗", "嗎", "呢", "谁", "誰", "哪", "怎", "什么", "什麼", "为何", "為何", "如何", "何时",
        "何時", "几", "幾", "多少", "是否", "难道", "難道", "岂", "豈", "能否", "可否",
    ];
    let start = before
        .iter()
        .rposition(|x| matches!(x.1, '。' | '！' | '？' | '!' | '?' | '；'))
        .map_or(0, |i| i + 1);
    let sentence: String = before[start..].iter().map(|x| x.1).collect();
    WORDS.iter().any(|w| sentence.contains(w))
        || ["不是", "没有", "沒有", "不好", "不对", "不對", "不行"]
            .iter()
            .any(|tail| sentence.ends_with(tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes(text: &str) -> Vec<String> {
        find(&Context::new(text))
            .into_iter()
            .map(|f| {
                let edits: Vec<String> = f
                    .edits
                    .iter()
                    .map(|e| format!("{:?}→{}", &text[e.range.clone()], e.after))
                    .collect();
                edits.join(" ")
            })
            .collect()
    }

    #[test]
    fn marks_between_chinese_characters_become_full_width() {
        let text = "社区,活动:时间;地点!谁来?好\n";
        assert_eq!(
            fixes(text),
            ["\",\"→，", "\":\"→：", "\";\"→；", "\"!\"→！", "\"?\"→？"]
        );
    }

    #[test]
    fn a_space_after_the_mark_goes_with_it() {
        assert_eq!(fixes("你好, 我是“老书记”\n"), ["\", \"→，"]);
    }

    #[test]
    fn marks_before_digits_and_at_line_end_count() {
        assert_eq!(
            fixes("成立于2019年,2020年扩建,\n"),
            ["\",\"→，", "\",\"→，"]
        );
        assert_eq!(fixes("时间:14:30\n"), ["\":\"→："]);
    }

    #[test]
    fn parentheses_around_chinese_become_full_width() {
        assert_eq!(fixes("网格(小区)党组织\n"), ["\"(\"→（ \")\"→）"]);
    }

    #[test]
    fn numbers_times_english_yaml_and_urls_stay() {
        let text = "---\ntitle: 党建\ntags: [党建, 社区]\n---\n1,000 人 14:30 到 Hello, world! 成立(2023) 网格(PDF版)\n见 https://x.org/a,b 和 `a,b`\n";
        assert_eq!(fixes(text), Vec::<String>::new());
    }

    #[test]
    fn a_question_mark_needs_a_question() {
        assert_eq!(fixes("你来吗?我来\n"), ["\"?\"→？"]);
        assert_eq!(fixes("摸清底数? 织牢网\n"), Vec::<String>::new());
    }

    #[test]
    fn diagnostic_names_the_mark_and_its_replacement() {
        let diagnostics = lint(
            "content/a.md",
            "---\ntitle: 题\n---\n社区党委依托公众号,严格落实制度。\n",
        );
        assert_eq!(diagnostics.len(), 1);
        insta::assert_snapshot!(diagnostics[0].render_text(), @r"
        content/a.md:4:10: 警告：中文里用了半角标点“,”
          |
        4 | 社区党委依托公众号,严格落实制度。
          |                   ^
          = 建议：改成全角“，”
        ");
    }
}
