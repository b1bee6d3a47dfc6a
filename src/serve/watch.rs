//! [IO] Watches the site folder (notify), groups an editor's burst of events into one
//! change, and classifies it purely: nothing, stylesheets only, or a rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::error::Error;
use crate::source::is_editor_dropping;

/// What a group of file events asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Only files the site does not use (the output, caches, editor droppings).
    Nothing,
    /// Only stylesheets: rebuild, then swap CSS without reloading.
    Css,
    /// Anything else the site is made of.
    Rebuild,
}

/// The folders and files a site is made of, relative to its root.
const SITE_PARTS: &[&str] = &["content", "static", "themes", "site.yaml", "review.yaml"];

/// Classifies changed paths (absolute, or relative to `root`). Pure.
pub fn classify(paths: &[PathBuf], root: &Path) -> Change {
    let mut change = Change::Nothing;
    for path in paths {
        let rel = path.strip_prefix(root).unwrap_or(path);
        let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
        let Some(first) = parts.first() else { continue };
        let name = parts.last().copied().unwrap_or("");
        let used = SITE_PARTS.contains(first)
            && !parts.iter().any(|p| p.starts_with('.'))
            && !is_editor_dropping(name);
        if !used {
            continue;
        }
        let css = name.ends_with(".css") && parts.contains(&"static");
        change = match (change, css) {
            (Change::Rebuild, _) | (_, false) => Change::Rebuild,
            (_, true) => Change::Css,
        };
    }
    change
}

/// A running watcher: `next_change` blocks until a burst of events settles.
pub struct SiteWatcher {
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

/// Quiet time that ends a burst (an editor's save-as-rename is several events).
const SETTLE: Duration = Duration::from_millis(25);
/// A burst never delays a rebuild longer than this.
const MAX_WAIT: Duration = Duration::from_millis(250);

impl SiteWatcher {
    pub fn watch_site(root: &Path) -> Result<SiteWatcher, Error> {
        let root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })
        .map_err(|e| Error::Refused(format!("无法监视网站文件夹：{e}")))?;
        watcher
            .watch(&root, RecursiveMode::Recursive)
            .map_err(|e| Error::Refused(format!("无法监视网站文件夹：{e}")))?;
        Ok(SiteWatcher {
            _watcher: watcher,
            events,
            root,
        })
    }

    /// Blocks until the site changes in a way that matters; `None` when the watcher stops.
    pub fn next_change(&self) -> Option<Change> {
        loop {
            let first = self.events.recv().ok()?;
            let mut paths = event_paths(first);
            let started = Instant::now();
            loop {
                match self.events.recv_timeout(SETTLE) {
                    Ok(event) => paths.extend(event_paths(event)),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
                if started.elapsed() > MAX_WAIT {
                    break;
                }
            }
            match classify(&paths, &self.root) {
                Change::Nothing => continue,
                change => return Some(change),
            }
        }
    }
}

fn event_paths(event: notify::Result<notify::Event>) -> Vec<PathBuf> {
    match event {
        Ok(event) if !matches!(event.kind, notify::EventKind::Access(_)) => event.paths,
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify_rel(paths: &[&str]) -> Change {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        classify(&paths, Path::new("/site"))
    }

    #[test]
    fn classifies_changes() {
        assert_eq!(
            classify_rel(&["/site/content/stories/a.md"]),
            Change::Rebuild
        );
        assert_eq!(classify_rel(&["/site/site.yaml"]), Change::Rebuild);
        // A review decision written by serve is site input: its rebuild reloads the pages.
        assert_eq!(classify_rel(&["/site/review.yaml"]), Change::Rebuild);
        assert_eq!(
            classify_rel(&["/site/themes/default/templates/page.html"]),
            Change::Rebuild
        );
        assert_eq!(classify_rel(&["/site/static/photo.jpg"]), Change::Rebuild);
        assert_eq!(
            classify_rel(&["/site/themes/default/static/css/site.css"]),
            Change::Css
        );
        assert_eq!(
            classify_rel(&["/site/static/extra.css", "/site/content/a.md"]),
            Change::Rebuild
        );
    }

    #[test]
    fn ignores_output_caches_and_editor_droppings() {
        for path in [
            "/site/public/index.html",
            "/site/.tongwen-cache/images/x.jpg",
            "/site/.git/index",
            "/site/content/stories/.a.md.swp",
            "/site/content/stories/a.md~",
            "/site/content/stories/4913",
            "/site/content/~$稿件.docx",
            "/site/content/.~lock.稿件.docx#",
            "/site/README.md",
            "/site/.review.yaml.tongwen-tmp",
        ] {
            assert_eq!(classify_rel(&[path]), Change::Nothing, "{path}");
        }
    }
}
