//! Request paths → output files, refusing anything that could leave the built site
//! (SPEC "Safety"). Pure: no IO.

use crate::output::OutputSet;

/// Where a request path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// An output file, by its key in the `OutputSet`.
    File(String),
    /// A folder asked for without its slash: redirect to this path.
    Redirect(String),
    /// Nothing there (or refused): the site's 404 page for this language prefix.
    NotFound { prefix: String },
}

/// Decodes each segment of `raw` (path and query) once and finds the output file.
/// Refuses `..`, `.`, backslashes, colons, NUL, invalid UTF-8 and encoded slashes.
pub fn resolve(raw: &str, output: &OutputSet, lang_prefixes: &[&str]) -> Resolved {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let not_found = || Resolved::NotFound {
        prefix: prefix_of(path, lang_prefixes),
    };
    let Some(segments) = decode_segments(path) else {
        return not_found();
    };
    let key = segments.join("/");
    if key.is_empty() {
        return file_or(output, "index.html".into(), not_found());
    }
    if output.files.contains_key(&key) {
        return Resolved::File(key);
    }
    let index = format!("{key}/index.html");
    if output.files.contains_key(&index) {
        return if path.ends_with('/') {
            Resolved::File(index)
        } else {
            Resolved::Redirect(format!("/{key}/"))
        };
    }
    not_found()
}

/// The output file of the page a long-poll names (`page=` in the query of `url`: the
/// page's own path, percent-encoded once more), if it names one.
pub fn polled_page(url: &str, output: &OutputSet) -> Option<String> {
    let query = url.split_once('?')?.1;
    let value = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "page")?
        .1;
    let path = String::from_utf8(percent_decode(value)?).ok()?;
    match resolve(&path, output, &[]) {
        Resolved::File(key) => Some(key),
        Resolved::Redirect(_) | Resolved::NotFound { .. } => None,
    }
}

fn file_or(output: &OutputSet, key: String, otherwise: Resolved) -> Resolved {
    if output.files.contains_key(&key) {
        Resolved::File(key)
    } else {
        otherwise
    }
}

/// The segments of an absolute path, each percent-decoded once, or `None` when refused.
fn decode_segments(path: &str) -> Option<Vec<String>> {
    let rest = path.strip_prefix('/')?;
    let mut segments = Vec::new();
    for raw in rest.split('/') {
        if raw.is_empty() {
            continue;
        }
        let bytes = percent_decode(raw)?;
        let segment = String::from_utf8(bytes).ok()?;
        let refused = segment == ".." || segment == "." || segment.contains(['/', '\\', ':', '\0']);
        if refused {
            return None;
        }
        segments.push(segment);
    }
    Some(segments)
}

fn percent_decode(segment: &str) -> Option<Vec<u8>> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = segment.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The language prefix (`zh-hant/`) a path lies under, for choosing the 404 page.
fn prefix_of(path: &str, lang_prefixes: &[&str]) -> String {
    let path = path.trim_start_matches('/');
    lang_prefixes
        .iter()
        .find(|p| !p.is_empty() && path.starts_with(*p))
        .map(|p| (*p).to_string())
        .unwrap_or_default()
}

/// The content type of an output file, by its extension.
pub fn content_type(key: &str) -> &'static str {
    let ext = key
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> OutputSet {
        let mut out = OutputSet::default();
        for key in [
            "index.html",
            "stories/a/index.html",
            "zh-hant/404.html",
            "404.html",
            "theme/site.css",
            "故事/index.html",
        ] {
            out.insert_text(key, String::new());
        }
        out
    }

    #[test]
    fn resolves_files_folders_and_redirects() {
        let out = site();
        let prefixes = ["", "zh-hant/"];
        assert_eq!(
            resolve("/", &out, &prefixes),
            Resolved::File("index.html".into())
        );
        assert_eq!(
            resolve("/stories/a/", &out, &prefixes),
            Resolved::File("stories/a/index.html".into())
        );
        assert_eq!(
            resolve("/stories/a", &out, &prefixes),
            Resolved::Redirect("/stories/a/".into())
        );
        assert_eq!(
            resolve("/theme/site.css?v=3", &out, &prefixes),
            Resolved::File("theme/site.css".into())
        );
        assert_eq!(
            resolve("/%E6%95%85%E4%BA%8B/", &out, &prefixes),
            Resolved::File("故事/index.html".into())
        );
    }

    #[test]
    fn refuses_every_way_out() {
        let out = site();
        let prefixes = ["", "zh-hant/"];
        for bad in [
            "/../etc/passwd",
            "/stories/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/stories/..%2f..%2fetc",
            "/..\\..\\windows",
            "/%5c..%5cwindows",
            "/C:/Windows/win.ini",
            "/index.html%00.css",
            "/%ff%fe",
            "/%zz",
            "//etc/passwd",
            "etc/passwd",
        ] {
            assert!(
                matches!(resolve(bad, &out, &prefixes), Resolved::NotFound { .. }),
                "{bad} was not refused"
            );
        }
    }

    #[test]
    fn unknown_paths_under_a_language_get_its_404() {
        let out = site();
        let prefixes = ["", "zh-hant/"];
        assert_eq!(
            resolve("/zh-hant/nothing/", &out, &prefixes),
            Resolved::NotFound {
                prefix: "zh-hant/".into()
            }
        );
    }
}
