//! [IO] Where a build's files go: an `OutputSet` in memory (serve, check, tests), or a
//! staging folder written as pages are rendered and then swapped into the output folder
//! atomically: all of it or nothing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// What one output file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputBody {
    Bytes(Arc<[u8]>),
    /// A file copied as it is from the site folder (static files).
    Copy(PathBuf),
}

/// Every file a build writes, keyed by its path under the output folder (`stories/a/index.html`).
/// A `BTreeMap`, so the order (and so the bytes written) never depends on thread timing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputSet {
    pub files: BTreeMap<String, OutputBody>,
}

impl OutputSet {
    pub fn insert_bytes(&mut self, path: impl Into<String>, bytes: impl Into<Arc<[u8]>>) {
        self.files
            .insert(path.into(), OutputBody::Bytes(bytes.into()));
    }

    pub fn insert_text(&mut self, path: impl Into<String>, text: String) {
        self.insert_bytes(path, text.into_bytes());
    }
}

/// Takes a build's files as they are made, from any thread. A later `put` of the same path
/// replaces the earlier one; the render stage never puts one path from two threads.
pub trait OutputSink: Sync {
    fn put(&self, path: &str, body: OutputBody);
}

/// An `OutputSink` that throws every file away (`check` wants only the build's findings).
#[derive(Debug, Default)]
pub struct Discard;

impl OutputSink for Discard {
    fn put(&self, _: &str, _: OutputBody) {}
}

/// An `OutputSink` that keeps every file in memory.
#[derive(Debug, Default)]
pub struct Collect(Mutex<OutputSet>);

impl Collect {
    pub fn into_output(self) -> OutputSet {
        self.0
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl OutputSink for Collect {
    fn put(&self, path: &str, body: OutputBody) {
        let mut output = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        output.files.insert(path.to_string(), body);
    }
}

use std::fs;
use std::path::Path;

use rayon::prelude::*;

use crate::error::Error;

/// The file tongwen leaves in every output folder it writes, so that it only ever
/// replaces folders it created (SPEC "Safety").
pub const MARKER: &str = ".tongwen-output";

/// Refuses an output folder that is the site, holds the site, lies in its content, or is a
/// non-empty folder tongwen did not create. Messages are for the user.
pub fn check_out_dir(site_root: &Path, out_dir: &Path) -> Result<(), Error> {
    let site = fs::canonicalize(site_root).map_err(|e| Error::io(site_root, e))?;
    let out = absolute(out_dir)?;
    let refuse = |why: &str| {
        Err(Error::Refused(format!(
            "不能输出到 {}：{why}",
            out_dir.display()
        )))
    };
    if site.starts_with(&out) {
        return refuse("它就是网站文件夹，或包含网站文件夹，覆盖会删掉你的文章");
    }
    for kept in ["content", "static", "themes", "site.yaml"] {
        if out.starts_with(site.join(kept)) {
            return refuse("它在网站的内容或主题文件夹里");
        }
    }
    if out.is_dir() && !out.join(MARKER).exists() {
        let mut entries = fs::read_dir(&out).map_err(|e| Error::io(&out, e))?;
        if entries.next().is_some() {
            return refuse(
                "这个文件夹里已经有别的文件，而且不是同文生成的。请换一个空文件夹，或用 --out 指定",
            );
        }
    }
    Ok(())
}

/// The absolute, normalized form of `path`, resolving links of the part that exists.
fn absolute(path: &Path) -> Result<std::path::PathBuf, Error> {
    if let Ok(real) = fs::canonicalize(path) {
        return Ok(real);
    }
    let name = path
        .file_name()
        .ok_or_else(|| Error::Refused(format!("输出文件夹 {} 不是一个文件夹名", path.display())))?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    Ok(absolute(&parent)?.join(name))
}

/// Writes `output` to `out_dir`, all or nothing: the files go to a staging folder beside it,
/// which then takes the old folder's place. On any error the previous output is untouched.
pub fn replace_atomically(output: &OutputSet, out_dir: &Path) -> Result<(), Error> {
    let staging = Staging::create(out_dir)?;
    output
        .files
        .par_iter()
        .for_each(|(path, body)| staging.put(path, body.clone()));
    staging.commit()
}

/// An `OutputSink` that writes each file into a staging folder beside the output folder as
/// it comes. `commit` swaps it in; dropped without `commit` (an error, a failed build), it
/// is deleted and the previous output stays untouched.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    out_dir: PathBuf,
    old: PathBuf,
    /// The first write that failed; later puts are skipped.
    failed: Mutex<Option<Error>>,
    committed: bool,
}

impl Staging {
    /// A fresh, empty staging folder for `out_dir` (with the `MARKER` file).
    pub fn create(out_dir: &Path) -> Result<Staging, Error> {
        let parent = match out_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = out_dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("public");
        let staging = Staging {
            dir: parent.join(format!(".{name}.tongwen-new-{}", std::process::id())),
            out_dir: out_dir.to_path_buf(),
            old: parent.join(format!(".{name}.tongwen-old-{}", std::process::id())),
            failed: Mutex::new(None),
            committed: false,
        };
        let _ = fs::remove_dir_all(&staging.dir);
        fs::create_dir_all(&staging.dir).map_err(|e| Error::io(&staging.dir, e))?;
        fs::write(staging.dir.join(MARKER), b"tongwen\n")
            .map_err(|e| Error::io(&staging.dir, e))?;
        Ok(staging)
    }

    /// The first write error if any (the staging folder is then deleted), else the staged
    /// files take the output folder's place.
    pub fn commit(mut self) -> Result<(), Error> {
        let failed = self
            .failed
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        if let Some(e) = failed {
            return Err(e);
        }
        self.committed = true;
        swap_in(&self.dir, &self.out_dir, &self.old)
    }

    /// What to do if the process is interrupted (Ctrl+C) before `commit` returns: delete the
    /// staging folder, and put the previous output back if the swap was half done. Runs on
    /// another thread while pages may still be written, so it tries a few times.
    pub fn on_interrupt(&self) -> impl Fn() + Send + 'static {
        let (dir, out_dir, old) = (self.dir.clone(), self.out_dir.clone(), self.old.clone());
        move || {
            if old.exists() && !out_dir.exists() {
                let _ = fs::rename(&old, &out_dir);
            }
            for _ in 0..5 {
                match fs::remove_dir_all(&dir) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => continue,
                    _ => break,
                }
            }
        }
    }

    fn failed(&self) -> std::sync::MutexGuard<'_, Option<Error>> {
        self.failed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl OutputSink for Staging {
    fn put(&self, path: &str, body: OutputBody) {
        if self.failed().is_some() {
            return;
        }
        if let Err(e) = write_one(&self.dir, path, &body) {
            self.failed().get_or_insert(e);
        }
    }
}

/// An `OutputSink` that makes each page and stylesheet portable (`crate::portable`) before
/// handing it on: `tongwen build --portable`. A copied page or stylesheet is read to be
/// rewritten; one that cannot be read, or is not UTF-8, goes on as it is.
pub struct Portable<'a> {
    pub inner: &'a dyn OutputSink,
    /// The site's base path, `/changxin/`.
    pub base_path: String,
}

impl OutputSink for Portable<'_> {
    fn put(&self, path: &str, body: OutputBody) {
        let Some(kind) = crate::portable::Kind::of(path) else {
            return self.inner.put(path, body);
        };
        let text = match &body {
            OutputBody::Bytes(bytes) => std::str::from_utf8(bytes).ok().map(str::to_string),
            OutputBody::Copy(from) => fs::read_to_string(from).ok(),
        };
        match text {
            Some(text) => {
                let text = crate::portable::rewrite(kind, &text, path, &self.base_path);
                self.inner
                    .put(path, OutputBody::Bytes(text.into_bytes().into()));
            }
            None => self.inner.put(path, body),
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn write_one(staging: &Path, path: &str, body: &OutputBody) -> Result<(), Error> {
    let target = staging.join(path);
    if let Some(dir) = target.parent() {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    match body {
        OutputBody::Bytes(bytes) => fs::write(&target, bytes).map_err(|e| Error::io(&target, e)),
        OutputBody::Copy(from) => fs::copy(from, &target)
            .map(|_| ())
            .map_err(|e| Error::io(from, e)),
    }
}

/// Moves the old output aside, the new one in, then deletes the old one. If the second
/// move fails, the old output goes back.
fn swap_in(staging: &Path, out_dir: &Path, old: &Path) -> Result<(), Error> {
    let had_old = out_dir.exists();
    if had_old {
        let _ = fs::remove_dir_all(old);
        fs::rename(out_dir, old).map_err(|e| Error::io(out_dir, e))?;
    }
    if let Err(e) = fs::rename(staging, out_dir) {
        if had_old {
            let _ = fs::rename(old, out_dir);
        }
        let _ = fs::remove_dir_all(staging);
        return Err(Error::io(out_dir, e));
    }
    if had_old {
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    // Test helpers panic on any failure: that is how a test reports it.
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn page(text: &str) -> OutputBody {
        OutputBody::Bytes(text.as_bytes().into())
    }

    #[test]
    fn an_interrupted_build_leaves_no_staging_folder_and_the_old_output() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        let staging = Staging::create(&out).unwrap();
        staging.put("stories/a/index.html", page("new"));
        let interrupted = staging.on_interrupt();
        interrupted();
        let left: Vec<_> = fs::read_dir(temp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("public")]);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        std::mem::forget(staging);
    }

    #[test]
    fn an_interrupt_in_the_middle_of_the_swap_puts_the_old_output_back() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        let staging = Staging::create(&out).unwrap();
        let interrupted = staging.on_interrupt();
        // The first move of the swap done, the second not yet.
        fs::rename(&out, &staging.old).unwrap();
        interrupted();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert!(!staging.dir.exists());
        std::mem::forget(staging);
    }

    #[test]
    fn a_dropped_staging_folder_is_deleted() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path().join("public");
        let staging = Staging::create(&out).unwrap();
        staging.put("index.html", page("new"));
        let dir = staging.dir.clone();
        drop(staging);
        assert!(!dir.exists());
        assert!(!out.exists());
    }
}
