//! A portable copy (`tongwen build --portable`): every URL under the site's base path in a
//! finished HTML or CSS file becomes relative to that file, and a folder URL (`…/`) names its
//! `index.html`, so the output works opened from disk (file://). Pure: no IO.

/// The kinds of output file the portable pass rewrites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Html,
    Css,
}

impl Kind {
    /// The kind of the output file at `path` (`stories/a/index.html`), `None` for files left
    /// as they are (images, feeds whose readers need absolute URLs, calendars).
    pub fn of(path: &str) -> Option<Kind> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            Some(Kind::Html)
        } else if lower.ends_with(".css") {
            Some(Kind::Css)
        } else {
            None
        }
    }
}

/// `text` of the output file at `path` (under the output folder, no leading slash) with
/// every URL under `base` (`/changxin/`, always starting and ending with `/`) made relative.
pub fn rewrite(kind: Kind, text: &str, path: &str, base: &str) -> String {
    let urls = Urls::new(path, base);
    match kind {
        Kind::Html => rewrite_html(text, &urls),
        Kind::Css => rewrite_css(text, &urls),
    }
}

/// Where a file lies, to write URLs relative to it.
struct Urls<'a> {
    base: &'a str,
    /// `../` once per folder between the file and the output root.
    up: String,
}

impl<'a> Urls<'a> {
    fn new(path: &str, base: &'a str) -> Urls<'a> {
        let depth = path.trim_start_matches('/').matches('/').count();
        Urls {
            base,
            up: "../".repeat(depth),
        }
    }

    /// The relative form of one URL, or `None` when it does not lie under the base path
    /// (absolute URLs, `//host`, relative URLs, `#fragment`, `mailto:`).
    fn relative(&self, url: &str) -> Option<String> {
        if url.starts_with("//") {
            return None;
        }
        let bare_base = self.base.trim_end_matches('/');
        let rest = if !url.is_empty() && url == bare_base {
            ""
        } else {
            url.strip_prefix(self.base)?
        };
        let split = rest.find(['?', '#']).unwrap_or(rest.len());
        let (path, suffix) = rest.split_at(split);
        // file:// has no query strings: a `?` would be read as part of the file name.
        let suffix = suffix.find('#').map_or("", |i| &suffix[i..]);
        let mut out = self.up.clone();
        out.push_str(path);
        if path.is_empty() || path.ends_with('/') {
            out.push_str("index.html");
        }
        out.push_str(suffix);
        Some(out)
    }

    /// `srcset`: each candidate's URL, descriptors kept.
    fn srcset(&self, value: &str) -> Option<String> {
        let mut changed = false;
        let candidates: Vec<String> = value
            .split(',')
            .map(|candidate| {
                let trimmed = candidate.trim_start();
                let lead = &candidate[..candidate.len() - trimmed.len()];
                let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
                match self.relative(&trimmed[..end]) {
                    Some(url) => {
                        changed = true;
                        format!("{lead}{url}{}", &trimmed[end..])
                    }
                    None => candidate.to_string(),
                }
            })
            .collect();
        changed.then(|| candidates.join(","))
    }

    /// `<meta http-equiv="refresh" content="0; url=/changxin/a/">`.
    fn refresh(&self, value: &str) -> Option<String> {
        let at = value.to_ascii_lowercase().find("url=")? + "url=".len();
        let url = self.relative(value[at..].trim())?;
        Some(format!("{}{url}", &value[..at]))
    }
}

/// Every attribute value and `url()` in `<style>` and `style=""` rewritten.
fn rewrite_html(text: &str, urls: &Urls<'_>) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").map_or(rest.len(), |i| i + 4 + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let end = tag_end(rest);
        let tag = &rest[..end];
        out.push_str(&rewrite_tag(tag, urls));
        rest = &rest[end..];
        let name = tag_name(tag);
        if name.eq_ignore_ascii_case("style") || name.eq_ignore_ascii_case("script") {
            let close = format!("</{}", name.to_ascii_lowercase());
            let stop = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            let content = &rest[..stop];
            if name.eq_ignore_ascii_case("style") {
                out.push_str(&rewrite_css(content, urls));
            } else {
                out.push_str(content);
            }
            rest = &rest[stop..];
        }
    }
    out.push_str(rest);
    out
}

/// The length of the tag at the start of `text`, up to its `>` outside quotes.
fn tag_end(text: &str) -> usize {
    let mut quote = None;
    for (i, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            (None, _) => {}
        }
    }
    text.len()
}

fn tag_name(tag: &str) -> &str {
    let name = tag.trim_start_matches('<');
    let end = name
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(name.len());
    &name[..end]
}

/// One tag with its quoted attribute values rewritten.
fn rewrite_tag(tag: &str, urls: &Urls<'_>) -> String {
    if tag.starts_with("</") || tag.starts_with("<!") || tag.starts_with("<?") {
        return tag.to_string();
    }
    let mut out = String::with_capacity(tag.len());
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let after = &rest[eq + 1..];
        let Some(quote) = after.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            out.push_str(&rest[..=eq]);
            rest = after;
            continue;
        };
        let Some(len) = after[1..].find(quote) else {
            break;
        };
        let name = attribute_name(&rest[..eq]);
        let value = &after[1..1 + len];
        out.push_str(&rest[..=eq]);
        out.push(quote);
        out.push_str(&rewrite_value(&name, value, urls).unwrap_or_else(|| value.to_string()));
        out.push(quote);
        rest = &after[len + 2..];
    }
    out.push_str(rest);
    out
}

fn attribute_name(before_eq: &str) -> String {
    let trimmed = before_eq.trim_end();
    let start = trimmed
        .rfind(|c: char| c.is_whitespace() || c == '<')
        .map_or(0, |i| i + 1);
    trimmed[start..].to_ascii_lowercase()
}

/// The rewritten value of one attribute, `None` when it stays.
fn rewrite_value(name: &str, value: &str, urls: &Urls<'_>) -> Option<String> {
    match name {
        "srcset" | "imagesrcset" => urls.srcset(value),
        "style" => Some(rewrite_css(value, urls)).filter(|v| v != value),
        "content" => urls.refresh(value).or_else(|| urls.relative(value)),
        _ => urls.relative(value),
    }
}

/// Every `url(…)` of a stylesheet rewritten (quoted or not).
fn rewrite_css(text: &str, urls: &Urls<'_>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("url(") {
        let open = at + "url(".len();
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let Some(close) = rest.find(')') else {
            break;
        };
        let inner = &rest[..close];
        let trimmed = inner.trim();
        let (quote, url) = match trimmed.chars().next() {
            Some(q @ ('"' | '\'')) if trimmed.len() >= 2 && trimmed.ends_with(q) => {
                (q.to_string(), &trimmed[1..trimmed.len() - 1])
            }
            _ => (String::new(), trimmed),
        };
        match urls.relative(url) {
            Some(url) => out.push_str(&format!("{quote}{url}{quote}")),
            None => out.push_str(inner),
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str, path: &str) -> String {
        rewrite(Kind::Html, text, path, "/changxin/")
    }

    #[test]
    fn folder_urls_name_their_index_file_relative_to_the_page() {
        let cases = [
            // (file, written, expected)
            ("index.html", "/changxin/", "index.html"),
            ("index.html", "/changxin", "index.html"),
            ("index.html", "/changxin/stories/", "stories/index.html"),
            ("stories/a/index.html", "/changxin/", "../../index.html"),
            (
                "zh-hant/stories/a/index.html",
                "/changxin/zh-hant/tags/x/",
                "../../../zh-hant/tags/x/index.html",
            ),
            (
                "stories/a/index.html",
                "/changxin/theme/css/site.css",
                "../../theme/css/site.css",
            ),
            (
                "stories/page/2/index.html",
                "/changxin/stories/#list",
                "../../../stories/index.html#list",
            ),
            (
                "404.html",
                "/changxin/lectures/?a=1#x",
                "lectures/index.html#x",
            ),
        ];
        for (file, written, expected) in cases {
            let urls = Urls::new(file, "/changxin/");
            assert_eq!(
                urls.relative(written).as_deref(),
                Some(expected),
                "{file} {written}"
            );
        }
    }

    #[test]
    fn urls_outside_the_base_path_stay() {
        let urls = Urls::new("stories/a/index.html", "/changxin/");
        for written in [
            "https://example.org/changxin/stories/a/",
            "//cdn.example.org/changxin/a.js",
            "/other/a/",
            "/changxinx/",
            "photo.jpg",
            "#main",
            "mailto:a@example.org",
            "",
        ] {
            assert_eq!(urls.relative(written), None, "{written}");
        }
    }

    #[test]
    fn a_site_at_the_root_rewrites_every_rooted_url() {
        let out = rewrite(
            Kind::Html,
            r#"<a href="/stories/">x</a><a href="//x.org/">y</a>"#,
            "tags/t/index.html",
            "/",
        );
        assert_eq!(
            out,
            r#"<a href="../../stories/index.html">x</a><a href="//x.org/">y</a>"#
        );
    }

    #[test]
    fn every_attribute_is_rewritten_data_attributes_too() {
        let out = html(
            r#"<link rel="stylesheet" href="/changxin/theme/css/site.css"><div data-index='/changxin/search/index.js' class="x"><script src="/changxin/theme/js/site.js" defer></script>"#,
            "a/index.html",
        );
        assert_eq!(
            out,
            r#"<link rel="stylesheet" href="../theme/css/site.css"><div data-index='../search/index.js' class="x"><script src="../theme/js/site.js" defer></script>"#
        );
    }

    #[test]
    fn srcset_refresh_and_style_urls_are_rewritten() {
        let out = html(
            r#"<img srcset="/changxin/a/p-480.jpg 480w, /changxin/a/p-960.jpg 960w" src="/changxin/a/p-480.jpg"><meta http-equiv="refresh" content="0; url=/changxin/b/"><p style="background:url('/changxin/x.png')">"#,
            "old/index.html",
        );
        assert_eq!(
            out,
            r#"<img srcset="../a/p-480.jpg 480w, ../a/p-960.jpg 960w" src="../a/p-480.jpg"><meta http-equiv="refresh" content="0; url=../b/index.html"><p style="background:url('../x.png')">"#
        );
    }

    #[test]
    fn text_scripts_and_comments_stay_as_written() {
        let text = "<p>见 /changxin/stories/ 或 a > b</p><!-- <a href=\"/changxin/\"> --><script>var u=\"/changxin/\";if(a<b){}</script><pre>x=\"/changxin/\"</pre>";
        assert_eq!(html(text, "index.html"), text);
    }

    #[test]
    fn style_elements_and_stylesheets_rewrite_their_urls() {
        let out = html(
            "<style>.a{background:url(/changxin/a.png)}</style><p>url(/changxin/b.png)</p>",
            "index.html",
        );
        assert_eq!(
            out,
            "<style>.a{background:url(a.png)}</style><p>url(/changxin/b.png)</p>"
        );
        let css = rewrite(
            Kind::Css,
            r#"@font-face{src:url("/changxin/theme/f.woff2")}.b{background:url("../favicon.svg")}"#,
            "theme/css/site.css",
            "/changxin/",
        );
        assert_eq!(
            css,
            r#"@font-face{src:url("../../theme/f.woff2")}.b{background:url("../favicon.svg")}"#
        );
    }

    #[test]
    fn only_pages_and_stylesheets_are_rewritten() {
        assert_eq!(Kind::of("zh-hant/a/index.html"), Some(Kind::Html));
        assert_eq!(Kind::of("404.html"), Some(Kind::Html));
        assert_eq!(Kind::of("theme/css/print.css"), Some(Kind::Css));
        assert_eq!(Kind::of("atom.xml"), None);
        assert_eq!(Kind::of("lectures/calendar.ics"), None);
        assert_eq!(Kind::of("stories/a/p-480.jpg"), None);
    }
}
