//! A page's text in another script, stored as the characters that differ from its text in the
//! site's first language, so that the index holds each page's text once (`search.js`
//! applies the changes to show results in the reader's script). Pure: no IO.
//!
//! The changes are one string of operations, positions in characters (code points):
//! `GAP` then `RUN`, where `GAP` is a decimal count of characters kept and `RUN` the
//! characters that replace as many characters of the first text (none of them an ASCII
//! digit or `!`); or `GAP!DEL,LEN,TEXT`: `DEL` characters replaced by the `LEN`
//! characters of `TEXT`. `头发好` → `頭髮好` is `0頭髮`; `内存条` → `記憶體条` is `0!2,3,記憶體`.

/// `other` as changes to `base` (empty when they are the same text). Lines are compared
/// one by one: a line of the same length as its counterpart changes character by character
/// (a conversion between scripts keeps most lines so), any other line is replaced from its
/// first to its last differing character.
pub fn encode(base: &str, other: &str) -> String {
    let mut out = String::new();
    if base == other {
        return out;
    }
    let (base_lines, other_lines): (Vec<&str>, Vec<&str>) =
        (base.split('\n').collect(), other.split('\n').collect());
    let pairs: Vec<(&str, &str)> = if base_lines.len() == other_lines.len() {
        base_lines.into_iter().zip(other_lines).collect()
    } else {
        vec![(base, other)]
    };
    let mut writer = Writer {
        out: &mut out,
        kept_to: 0,
    };
    let mut at = 0;
    for (b, o) in pairs {
        let b: Vec<char> = b.chars().collect();
        let o: Vec<char> = o.chars().collect();
        if b.len() == o.len() {
            writer.same_length(at, &b, &o);
        } else {
            writer.replaced(at, &b, &o);
        }
        at += b.len() + 1;
    }
    out
}

struct Writer<'a> {
    out: &'a mut String,
    /// The position in the first text after the last operation.
    kept_to: usize,
}

impl Writer<'_> {
    /// Runs of differing characters between two lines of one length starting at `at`.
    fn same_length(&mut self, at: usize, base: &[char], other: &[char]) {
        let mut i = 0;
        while i < base.len() {
            if base[i] == other[i] {
                i += 1;
                continue;
            }
            let start = i;
            while i < base.len() && base[i] != other[i] {
                i += 1;
            }
            self.op(at + start, i - start, &other[start..i]);
        }
    }

    /// A line replaced between its first and last differing characters.
    fn replaced(&mut self, at: usize, base: &[char], other: &[char]) {
        let prefix = base.iter().zip(other).take_while(|(a, b)| a == b).count();
        let suffix = base[prefix..]
            .iter()
            .rev()
            .zip(other[prefix..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        self.op(
            at + prefix,
            base.len() - prefix - suffix,
            &other[prefix..other.len() - suffix],
        );
    }

    fn op(&mut self, start: usize, deleted: usize, text: &[char]) {
        let gap = start - self.kept_to;
        self.out.push_str(&gap.to_string());
        let short = deleted == text.len()
            && !text.is_empty()
            && text.iter().all(|&c| !c.is_ascii_digit() && c != '!');
        if !short {
            self.out.push_str(&format!("!{deleted},{},", text.len()));
        }
        self.out.extend(text);
        self.kept_to = start + deleted;
    }
}

/// `base` with the changes `encode` wrote applied; `None` when `changes` is not such a
/// string or does not fit `base`.
pub fn apply(base: &str, changes: &str) -> Option<String> {
    let base: Vec<char> = base.chars().collect();
    let ops: Vec<char> = changes.chars().collect();
    let mut out = String::new();
    let (mut at, mut i) = (0, 0);
    while i < ops.len() {
        let gap = number(&ops, &mut i)?;
        out.extend(base.get(at..at + gap)?);
        at += gap;
        if ops.get(i) == Some(&'!') {
            i += 1;
            let deleted = number(&ops, &mut i)?;
            (ops.get(i) == Some(&',')).then_some(())?;
            i += 1;
            let len = number(&ops, &mut i)?;
            (ops.get(i) == Some(&',')).then_some(())?;
            i += 1;
            out.extend(ops.get(i..i + len)?);
            i += len;
            at += deleted;
        } else {
            let start = i;
            while i < ops.len() && !ops[i].is_ascii_digit() && ops[i] != '!' {
                i += 1;
            }
            out.extend(&ops[start..i]);
            at += i - start;
        }
    }
    out.extend(base.get(at..)?);
    Some(out)
}

fn number(chars: &[char], i: &mut usize) -> Option<usize> {
    let start = *i;
    while *i < chars.len() && chars[*i].is_ascii_digit() {
        *i += 1;
    }
    chars[start..*i].iter().collect::<String>().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(base: &str, other: &str) -> String {
        let changes = encode(base, other);
        assert_eq!(apply(base, &changes).as_deref(), Some(other), "{changes}");
        changes
    }

    #[test]
    fn the_same_text_needs_no_changes() {
        assert_eq!(round_trip("长欣社区", "长欣社区"), "");
    }

    #[test]
    fn differing_characters_are_written_with_the_gap_before_them() {
        assert_eq!(round_trip("剪头发，好", "剪頭髮，好"), "1頭髮");
        assert_eq!(round_trip("社区的发展", "社區的發展"), "1區1發");
        assert_eq!(round_trip("一\n二三", "一\n贰三"), "2贰");
    }

    #[test]
    fn lines_of_another_length_are_replaced() {
        assert_eq!(round_trip("插上内存条", "插上記憶體条"), "2!2,3,記憶體");
        assert_eq!(round_trip("a\nb", "a\nb\nc"), "3!0,2,\nc");
    }

    #[test]
    fn digits_and_marks_in_a_change_take_the_long_form() {
        assert_eq!(round_trip("电话 1", "電話 2"), "0電話1!1,1,2");
        assert_eq!(round_trip("好!", "好！"), "1！");
        assert_eq!(round_trip("好！", "好!"), "1!1,1,!");
    }

    #[test]
    fn a_page_comes_back_exactly_in_both_scripts() {
        let hans =
            "義剪队上门理发\n老书记说：“头发长了，心里也乱。”\n电话 0510-80000101，ICP备案。𠀀";
        let hant =
            "義剪隊上門理髮\n老書記說：「頭髮長了，心裡也亂。」\n電話 0510-80000101，ICP備案。𠀀";
        round_trip(hans, hant);
        round_trip(hant, hans);
        assert!(encode(hans, hant).len() < hant.len());
    }

    #[test]
    fn changes_that_do_not_fit_are_refused() {
        assert_eq!(apply("短", "5長"), None);
        assert_eq!(apply("短", "0!3,1,長"), None);
        assert_eq!(apply("短", "0!1,4,長"), None);
        assert_eq!(apply("短", "x"), None);
    }
}
