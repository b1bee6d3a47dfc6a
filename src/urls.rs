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
