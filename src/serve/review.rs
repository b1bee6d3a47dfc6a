//! [IO] The review side of the preview: the review pages, the toolbar added to served
//! pages, and the one write serve ever makes, a decision posted from its own review page
//! (Host and Origin of this preview, this run's token) into review.yaml, atomically.

use std::hash::{BuildHasher, Hasher};
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};

use serde::Deserialize;

use crate::review::page::{self, DECIDE_PATH, LIST_PATH, PAGE_PREFIX};
use crate::review::{FILE, ReviewSite, decisions};

/// The review state of one `serve`: this run's token and the last good build's pages.
pub struct ReviewDesk {
    token: String,
    site: Mutex<Option<Arc<ReviewSite>>>,
    /// Held while review.yaml is read, changed and written.
    writing: Mutex<()>,
}

impl Default for ReviewDesk {
    fn default() -> Self {
        ReviewDesk {
            token: new_token(),
            site: Mutex::new(None),
            writing: Mutex::new(()),
        }
    }
}

/// 128 random bits from the standard library's randomly keyed hasher (seeded by the OS).
fn new_token() -> String {
    let state = std::collections::hash_map::RandomState::new();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut token = String::new();
    for round in 0u64..2 {
        let mut hasher = state.build_hasher();
        hasher.write_u64(round);
        hasher.write_u128(nanos);
        hasher.write_u32(std::process::id());
        token.push_str(&format!("{:016x}", hasher.finish()));
    }
    token
}

impl ReviewDesk {
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The review data of a successful rebuild.
    pub fn publish(&self, site: ReviewSite) {
        *lock(&self.site) = Some(Arc::new(site));
    }

    fn current(&self) -> Option<Arc<ReviewSite>> {
        lock(&self.site).clone()
    }

    /// `html` (a page served at `url_path`) with the preview toolbar before `</body>`.
    pub fn add_toolbar(&self, html: &str, url_path: &str) -> String {
        let Some(site) = self.current() else {
            return html.to_string();
        };
        let bar = page::toolbar(&site, url_path);
        match html.rfind("</body>") {
            Some(at) => format!("{}{bar}{}", &html[..at], &html[at..]),
            None => format!("{html}{bar}"),
        }
    }

    /// The review page at `path` (list or one page), or `None` for other paths.
    pub fn page(&self, path: &str, query: &str) -> Option<(u16, String)> {
        if path != LIST_PATH && !path.starts_with(PAGE_PREFIX) {
            return None;
        }
        let Some(site) = self.current() else {
            return Some((503, "网站还没有生成成功，先改好错误再来校对。".into()));
        };
        if path == LIST_PATH {
            let only = query_value(query, "type").and_then(page::section_from_code);
            return Some((200, page::render_list(&site, only)));
        }
        let site_path = format!("/{}", &path[PAGE_PREFIX.len()..]);
        Some(match site.pages.iter().find(|p| p.path == site_path) {
            Some(reviewed) => (200, page::render_page(&site, reviewed, &self.token)),
            None => (404, "没有这个页面。".into()),
        })
    }
}

/// What a review page posts.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Posted {
    path: String,
    before: String,
    ch: String,
    after: String,
    #[serde(rename = "use")]
    chosen: String,
}

/// The largest decision body accepted.
const MAX_BODY: usize = 16 * 1024;

/// A request to the decision endpoint, as the server saw it.
pub struct DecideRequest<'a> {
    /// The `Host` header (already checked against this machine's names).
    pub host: Option<&'a str>,
    pub origin: Option<&'a str>,
    pub token: Option<&'a str>,
    pub body: &'a mut dyn Read,
}

/// Answers a POST to `DECIDE_PATH`: (status, message). Nothing is written unless the
/// request comes from this preview's own page (same Host, same Origin, this run's token)
/// and names a risky choice that is on the page now.
pub fn decide(desk: &ReviewDesk, request: DecideRequest<'_>) -> (u16, String) {
    let Some(host) = request.host else {
        return (403, "缺少 Host".into());
    };
    if request.origin != Some(format!("http://{host}").as_str()) {
        return (403, "只接受预览自己页面上的校对".into());
    }
    if request.token != Some(desk.token.as_str()) {
        return (403, "校对页面已过期，请刷新后再点".into());
    }
    let mut body = Vec::new();
    if request
        .body
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut body)
        .is_err()
        || body.len() > MAX_BODY
    {
        return (400, "请求太大".into());
    }
    let Ok(posted) = serde_json::from_slice::<Posted>(&body) else {
        return (400, "请求格式不对".into());
    };
    let Some(site) = desk.current() else {
        return (503, "网站还没有生成成功".into());
    };
    let Some(reviewed) = site.pages.iter().find(|p| p.path == posted.path) else {
        return (404, "没有这个页面".into());
    };
    let mut chars = posted.ch.chars();
    let (Some(ch), None) = (chars.next(), chars.next()) else {
        return (400, "请求格式不对".into());
    };
    let Some(found) = site
        .occurrences(reviewed)
        .into_iter()
        .find(|o| o.ch == ch && o.before == posted.before && o.after == posted.after)
    else {
        return (409, "这一处已经改过了，请刷新页面".into());
    };
    if !found.allows(&posted.chosen) {
        return (400, format!("“{}”不能写成“{}”", ch, posted.chosen));
    }
    let decision = found.decision(&reviewed.file, &posted.chosen);
    let _writing = lock(&desk.writing);
    match write_decision(&site.root, decision) {
        Ok(()) => (200, "已保存".into()),
        Err(message) => (500, message),
    }
}

/// Reads review.yaml again (it may have changed since the build), adds `decision`, and
/// replaces the file atomically.
fn write_decision(root: &Path, decision: decisions::Decision) -> Result<(), String> {
    let path = root.join(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("读不了 {FILE}：{e}")),
    };
    let known = decisions::parse(&text)
        .map_err(|_| format!("{FILE} 里有错误，先改好它（运行 tongwen check 可以看到哪一行）"))?;
    let text = decisions::render(&decisions::upsert(&known, decision));
    // A name the watcher ignores (it starts with a dot): only the rename is a change.
    let tmp = root.join(format!(".{FILE}.tongwen-tmp"));
    std::fs::write(&tmp, text).map_err(|e| format!("写不了 {FILE}：{e}"))?;
    std::fs::rename(&tmp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("写不了 {FILE}：{e}")
    })
}

fn query_value<'q>(query: &'q str, name: &str) -> Option<&'q str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Whether `path` is the decision endpoint.
pub fn is_decide(path: &str) -> bool {
    path == DECIDE_PATH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_differ_between_runs() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
