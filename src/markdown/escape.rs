//! Escaping for the HTML the passes build themselves (images, footnotes), with
//! the same rules as pulldown-cmark's own writer. Pure: no IO.

use pulldown_cmark_escape::{escape_href, escape_html};

/// Appends `text` escaped for a double-quoted attribute value or for element text.
pub(super) fn push_text(out: &mut String, text: &str) {
    escape_html(out, text).expect("writing to a String cannot fail");
}

/// Appends a URL for an `href`/`src` attribute: `&` and quotes escaped, unsafe
/// bytes (spaces, non-ASCII) percent-encoded, existing `%xx` left alone.
pub(super) fn push_url(out: &mut String, url: &str) {
    escape_href(out, url).expect("writing to a String cannot fail");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_markup_and_both_quotes() {
        let mut out = String::new();
        push_text(&mut out, r#"<b>"长欣" & '微家'</b>"#);
        assert_eq!(
            out,
            "&lt;b&gt;&quot;长欣&quot; &amp; &#39;微家&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn url_percent_encodes_chinese_and_keeps_existing_escapes() {
        let mut out = String::new();
        push_url(&mut out, "照片/a b.jpg?x=1&y=\"2\"%20");
        assert_eq!(out, "%E7%85%A7%E7%89%87/a%20b.jpg?x=1&amp;y=%222%22%20");
    }
}
