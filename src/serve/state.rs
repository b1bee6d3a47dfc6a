//! The served site and the reload generation, shared between the server threads and the
//! rebuild loop. No statics: one `ServeState` per `serve`.

use std::collections::BTreeMap;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::diagnostics::Diagnostic;
use crate::output::{Collect, OutputBody, OutputSet, OutputSink};

/// What a reload event tells the page to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReloadKind {
    /// Reload the page (keeping its scroll position).
    Page,
    /// Only stylesheets changed: swap them without a reload.
    Css,
}

/// One state of the preview: the last good site, and the errors of the last rebuild
/// (empty when it succeeded).
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub generation: u64,
    pub output: Arc<OutputSet>,
    pub errors: Arc<Vec<Diagnostic>>,
    /// What the latest change asks for.
    pub kind: ReloadKind,
    /// The latest generation that asked for a page reload: a page that missed it must
    /// reload even when the latest change touched only stylesheets.
    pub page_generation: u64,
    /// Pages of the rebuild under way that are already rendered (the pages open in a
    /// browser go first): output path → body, served at the generation the rebuild will
    /// publish. Empty between rebuilds.
    pub early: Arc<BTreeMap<String, OutputBody>>,
}

impl Snapshot {
    /// The generation a page at output path `page` is served at: the next one when the
    /// rebuild under way has already rendered it.
    pub fn generation_of(&self, page: Option<&str>) -> u64 {
        match page {
            Some(page) if self.early.contains_key(page) => self.generation + 1,
            _ => self.generation,
        }
    }

    /// The body of the file at output path `key`: the rebuild's own when it is early.
    pub fn file(&self, key: &str) -> Option<&OutputBody> {
        self.early.get(key).or_else(|| self.output.files.get(key))
    }

    /// What a page that has seen generation `since` must do to catch up.
    pub fn kind_since(&self, since: u64) -> ReloadKind {
        if self.page_generation > since || !self.early.is_empty() {
            ReloadKind::Page
        } else {
            self.kind
        }
    }
}

/// The state behind the server: a snapshot and a condition variable to wake long-polls.
pub struct ServeState {
    current: Mutex<Snapshot>,
    changed: Condvar,
    /// Output paths of the pages whose long-polls are waiting now, and how many wait for
    /// each: the pages open in a browser, which a rebuild renders first.
    open: Mutex<BTreeMap<String, usize>>,
    /// The review pages and this run's token for posting decisions.
    pub review: super::review::ReviewDesk,
}

impl ServeState {
    pub fn new(output: OutputSet, errors: Vec<Diagnostic>) -> ServeState {
        ServeState {
            current: Mutex::new(Snapshot {
                generation: 1,
                output: Arc::new(output),
                errors: Arc::new(errors),
                kind: ReloadKind::Page,
                page_generation: 1,
                early: Arc::default(),
            }),
            changed: Condvar::new(),
            open: Mutex::default(),
            review: super::review::ReviewDesk::default(),
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        self.lock().clone()
    }

    /// A successful rebuild: serve `output`, clear the errors, wake every page.
    pub fn publish(&self, output: OutputSet, kind: ReloadKind) -> u64 {
        self.update(|s| {
            s.output = Arc::new(output);
            s.errors = Arc::new(Vec::new());
            s.kind = kind;
        })
    }

    /// A failed rebuild: keep serving the last good site, show `errors` over it. A page
    /// already shown early saw the next generation: it must see one past it.
    pub fn fail(&self, errors: Vec<Diagnostic>) -> u64 {
        self.update(|s| {
            if !s.early.is_empty() {
                s.generation += 1;
            }
            s.errors = Arc::new(errors);
            s.kind = ReloadKind::Page;
        })
    }

    /// A page of the rebuild under way, rendered: the polls of that page wake at once, at
    /// the generation the rebuild will publish; every other page waits for the rebuild.
    pub fn publish_early(&self, path: &str, body: OutputBody) {
        let mut current = self.lock();
        let mut early = BTreeMap::clone(&current.early);
        early.insert(path.to_string(), body);
        current.early = Arc::new(early);
        drop(current);
        self.changed.notify_all();
    }

    /// The output paths of the pages open in a browser now (each with a waiting poll).
    pub fn open_pages(&self) -> Vec<String> {
        lock(&self.open).keys().cloned().collect()
    }

    fn update(&self, change: impl FnOnce(&mut Snapshot)) -> u64 {
        let mut current = self.lock();
        change(&mut current);
        current.generation += 1;
        current.early = Arc::default();
        let generation = current.generation;
        if current.kind == ReloadKind::Page {
            current.page_generation = generation;
        }
        drop(current);
        self.changed.notify_all();
        generation
    }

    /// Blocks until the generation of `page` (an output path; `None` for any page) differs
    /// from `seen` or `timeout` passes; returns the snapshot. While it waits, `page` counts
    /// as open. A `seen` ahead of the generation comes from a page that an earlier `serve`
    /// served: it is answered at once, so that page reloads.
    pub fn wait_past(&self, seen: u64, page: Option<&str>, timeout: Duration) -> Snapshot {
        let _open = page.map(|page| OpenPage::new(&self.open, page));
        let current = self.lock();
        let (current, _) = self
            .changed
            .wait_timeout_while(current, timeout, |s| s.generation_of(page) == seen)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        current.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Snapshot> {
        lock(&self.current)
    }
}

/// The `OutputSink` of a rebuild: keeps every file, and shows each page of `first` (the
/// pages open in a browser, which the rebuild renders first) as soon as it is put.
pub struct EarlyPages<'a> {
    state: &'a ServeState,
    first: Vec<String>,
    files: Collect,
}

impl<'a> EarlyPages<'a> {
    pub fn new(state: &'a ServeState, first: Vec<String>) -> EarlyPages<'a> {
        EarlyPages {
            state,
            first,
            files: Collect::default(),
        }
    }

    pub fn into_output(self) -> OutputSet {
        self.files.into_output()
    }
}

impl OutputSink for EarlyPages<'_> {
    fn put(&self, path: &str, body: OutputBody) {
        if self.first.iter().any(|page| page == path) {
            self.state.publish_early(path, body.clone());
        }
        self.files.put(path, body);
    }
}

/// A page counted as open while its poll waits.
struct OpenPage<'a> {
    open: &'a Mutex<BTreeMap<String, usize>>,
    page: String,
}

impl<'a> OpenPage<'a> {
    fn new(open: &'a Mutex<BTreeMap<String, usize>>, page: &str) -> OpenPage<'a> {
        *lock(open).entry(page.to_string()).or_default() += 1;
        OpenPage {
            open,
            page: page.to_string(),
        }
    }
}

impl Drop for OpenPage<'_> {
    fn drop(&mut self) {
        let mut open = lock(self.open);
        if let Some(n) = open.get_mut(&self.page) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.page);
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic in another thread must not take the preview down with it.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waiting_poll_wakes_on_publish() {
        let state = Arc::new(ServeState::new(OutputSet::default(), Vec::new()));
        let waiter = {
            let state = Arc::clone(&state);
            std::thread::spawn(move || state.wait_past(1, None, Duration::from_secs(30)).generation)
        };
        state.publish(OutputSet::default(), ReloadKind::Page);
        assert_eq!(waiter.join().unwrap(), 2);
    }

    #[test]
    fn a_poll_from_an_earlier_serve_is_answered_at_once() {
        let state = ServeState::new(OutputSet::default(), Vec::new());
        let started = std::time::Instant::now();
        assert_eq!(
            state
                .wait_past(40, None, Duration::from_secs(30))
                .generation,
            1
        );
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_missed_page_change_is_not_hidden_by_a_later_stylesheet_change() {
        let state = ServeState::new(OutputSet::default(), Vec::new());
        state.publish(OutputSet::default(), ReloadKind::Page);
        state.publish(OutputSet::default(), ReloadKind::Css);
        let snapshot = state.snapshot();
        assert_eq!(snapshot.generation, 3);
        assert_eq!(snapshot.kind_since(1), ReloadKind::Page);
        assert_eq!(snapshot.kind_since(2), ReloadKind::Css);
        state.fail(Vec::new());
        assert_eq!(state.snapshot().kind_since(3), ReloadKind::Page);
    }

    #[test]
    fn a_failure_keeps_the_output_and_records_errors() {
        let mut output = OutputSet::default();
        output.insert_text("index.html", "好".into());
        let state = ServeState::new(output, Vec::new());
        let d = Diagnostic::error("x", crate::diagnostics::Span::file("a.md"), "坏了");
        state.fail(vec![d]);
        let snap = state.snapshot();
        assert!(snap.output.files.contains_key("index.html"));
        assert_eq!(snap.errors.len(), 1);
        assert_eq!(snap.generation, 2);
    }
}
