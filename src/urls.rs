//! How a link written in Markdown names a page or a file: external or not, its fragment,
//! the content file of a `.md` link, the site path of a relative link. Pure: no IO.

/// Whether `dest` leaves the site: a scheme (`https:`, `mailto:`, `tel:`) or `//host`.
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(colon) => !dest[..colon].contains(['/', '#', '?']),
        None => false,
    }
}

pub fn split_fragment(dest: &str) -> (&str, Option<&str>) {
    match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (dest, None),
    }
}

pub fn is_markdown(path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    path.to_ascii_lowercase().ends_with(".md")
}

/// The content file a `.md` link names: `../workshops/a.md` from `content/stories/b.md`
/// → `content/workshops/a.md`; `/content/x.md` and `/x.md` are from the site root.
pub fn content_source(from_source: &str, link: &str) -> Option<String> {
    let link = link.replace('\\', "/");
    let joined = if let Some(rooted) = link.strip_prefix('/') {
        if rooted.starts_with("content/") {
            rooted.to_string()
        } else {
            format!("content/{rooted}")
        }
    } else {
        let dir = from_source.rsplit_once('/').map_or("", |(dir, _)| dir);
        format!("{dir}/{link}")
    };
    let normalized = normalize(&joined);
    normalized.starts_with("content/").then_some(normalized)
}

/// `a/./b/../c` → `a/c`; `..` never climbs above the root.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// A link path as a site path: absolute as written, relative against `page` (a directory URL).
pub fn resolve_site_path(page: &str, path: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{page}{path}")
    };
    let (joined, query) = match joined.split_once('?') {
        Some((p, q)) => (p.to_string(), format!("?{q}")),
        None => (joined, String::new()),
    };
    let trailing = joined.ends_with('/') || joined.ends_with("/.") || joined.ends_with("/..");
    let normalized = normalize(&joined);
    let mut out = format!("/{normalized}");
    if trailing && !normalized.is_empty() {
        out.push('/');
    }
    out.push_str(&query);
    out
}

/// Whether `dest` is a path on the author's own computer rather than on the site: a Windows
/// drive (`C:\…`, `D:/…`), a network share (`\\server\…`, which Markdown's escape leaves as
/// `\server\…`), `file:` URLs, a macOS home or volume (`/Users/…`, `/Volumes/…`) or `~/…`.
/// Readers' browsers can open none of them.
pub fn is_computer_path(dest: &str) -> bool {
    let dest = dest.trim();
    let bytes = dest.as_bytes();
    let drive = bytes.len() >= 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && (bytes.len() == 2 || matches!(bytes[2], b'\\' | b'/'));
    drive
        || dest.starts_with('\\')
        || dest.starts_with('~')
        || dest
            .get(..5)
            .is_some_and(|s| s.eq_ignore_ascii_case("file:"))
        || ["/Users/", "/Volumes/", "/home/"]
            .iter()
            .any(|prefix| dest.starts_with(prefix))
}

/// `to` (a site-relative file path, `content/workshops/a.md`) as a link written in the file
/// `from` (`content/stories/b.md`): `../workshops/a.md`.
pub fn relative_link(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from
        .rsplit_once('/')
        .map_or(vec![], |(d, _)| d.split('/').collect());
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut link = "../".repeat(from_dir.len() - common);
    link.push_str(&to_parts[common..].join("/"));
    link
}

/// The candidate nearest to `wanted` by edit distance, if near enough to be a slip of the
/// keyboard (at most a third of the longer name, and never more than 6 edits).
pub fn nearest<'c>(wanted: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(wanted, c), c))
        .filter(|(d, c)| {
            let longest = wanted.chars().count().max(c.chars().count());
            *d > 0 && *d <= (longest / 3).clamp(1, 6)
        })
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computer_paths_are_recognized() {
        for dest in [
            r"C:\Users\张三\Desktop\合影.jpg",
            "D:/照片/合影.jpg",
            "file:///Users/zhang/Desktop/a.jpg",
            "FILE:///C:/a.jpg",
            "/Users/zhang/Desktop/合影.jpg",
            "/Volumes/U盘/合影.jpg",
            "~/Desktop/合影.jpg",
            r"\\server\share\合影.jpg",
            r"\server\share\合影.jpg",
        ] {
            assert!(is_computer_path(dest), "{dest}");
        }
        for dest in [
            "合影.jpg",
            "/images/合影.jpg",
            "../workshops/a.md",
            "https://example.org/a.jpg",
            "mailto:a@b.c",
            "tel:0510",
            "#目标",
        ] {
            assert!(!is_computer_path(dest), "{dest}");
        }
    }

    #[test]
    fn relative_links_climb_to_the_common_folder() {
        assert_eq!(
            relative_link("content/stories/a.md", "content/workshops/b.md"),
            "../workshops/b.md"
        );
        assert_eq!(
            relative_link("content/stories/a/index.md", "content/stories/b.md"),
            "../b.md"
        );
        assert_eq!(
            relative_link("content/stories/a.md", "content/stories/b.md"),
            "b.md"
        );
    }

    #[test]
    fn nearest_is_a_slip_not_any_name() {
        let names = [
            "content/workshops/laoshuji.md",
            "content/workshops/qingnian.md",
        ];
        assert_eq!(
            nearest("content/workshops/laoshui.md", names),
            Some("content/workshops/laoshuji.md")
        );
        assert_eq!(nearest("content/workshops/zzzzzzzzzzzz.md", names), None);
        assert_eq!(nearest("content/workshops/laoshuji.md", names), None);
    }
}
