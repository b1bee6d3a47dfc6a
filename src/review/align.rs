//! Lines up a text and its conversion, so the review view can mark what changed. Pure.

use similar::{Algorithm, DiffTag, capture_diff_slices};

/// A stretch of the source and what it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aligned {
    pub source: String,
    pub converted: String,
    /// False when the stretch reads the same in both.
    pub changed: bool,
}

/// `source` and `converted` cut into stretches that are equal or that conversion
/// changed, in order; the sources join to `source`, the conversions to `converted`.
pub fn align(source: &str, converted: &str) -> Vec<Aligned> {
    let a: Vec<char> = source.chars().collect();
    let b: Vec<char> = converted.chars().collect();
    let mut out: Vec<Aligned> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (tag, old, new) = op.as_tag_tuple();
        let piece = Aligned {
            source: a[old].iter().collect(),
            converted: b[new].iter().collect(),
            changed: tag != DiffTag::Equal,
        };
        match out.last_mut() {
            Some(last) if last.changed && piece.changed => {
                last.source.push_str(&piece.source);
                last.converted.push_str(&piece.converted);
            }
            _ => out.push(piece),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(pieces: &[Aligned]) -> Vec<String> {
        pieces
            .iter()
            .map(|p| {
                if p.changed {
                    format!("[{}→{}]", p.source, p.converted)
                } else {
                    p.source.clone()
                }
            })
            .collect()
    }

    #[test]
    fn changed_characters_are_cut_out_between_equal_stretches() {
        let pieces = align("长欣社区的头发", "長欣社區的頭髮");
        assert_eq!(
            shown(&pieces),
            ["[长→長]", "欣社", "[区→區]", "的", "[头发→頭髮]"]
        );
    }

    #[test]
    fn conversions_of_another_length_still_join_up() {
        let pieces = align("用U盘拷贝软件", "用隨身碟拷貝軟體");
        let source: String = pieces.iter().map(|p| p.source.as_str()).collect();
        let converted: String = pieces.iter().map(|p| p.converted.as_str()).collect();
        assert_eq!(source, "用U盘拷贝软件");
        assert_eq!(converted, "用隨身碟拷貝軟體");
        assert_eq!(
            pieces[0],
            Aligned {
                source: "用".into(),
                converted: "用".into(),
                changed: false
            }
        );
    }

    #[test]
    fn unchanged_text_is_one_stretch() {
        assert_eq!(shown(&align("社会", "社会")), ["社会"]);
        assert_eq!(align("", ""), vec![]);
    }
}
