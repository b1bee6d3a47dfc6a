//! `SiteTest`: builds a fixture site (copied into a temp folder) with the real `tongwen`
//! binary and reads back what it wrote.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

pub mod browser;
pub mod photo;
pub mod static_server;
pub mod webdriver;

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct SiteTest {
    dir: tempfile::TempDir,
    now: String,
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stderr with the temp folder replaced by `[ROOT]`.
    pub fn stderr_redacted(&self, root: &Path) -> String {
        self.stderr.replace(&root.display().to_string(), "[ROOT]")
    }
}

impl SiteTest {
    /// A copy of `tests/fixtures/NAME`.
    pub fn fixture(name: &str) -> SiteTest {
        let test = SiteTest::empty();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&from, test.root());
        test
    }

    /// A copy of the repository's own example site (site.yaml, content/, themes/).
    pub fn example() -> SiteTest {
        let test = SiteTest::empty();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(repo.join("site.yaml"), test.root().join("site.yaml")).unwrap();
        for folder in ["content", "static", "themes"] {
            if repo.join(folder).is_dir() {
                copy_dir(&repo.join(folder), &test.root().join(folder));
            }
        }
        test
    }

    pub fn empty() -> SiteTest {
        SiteTest {
            dir: tempfile::tempdir().unwrap(),
            now: "2024-05-01T10:00+08:00".into(),
        }
    }

    pub fn now(mut self, now: &str) -> SiteTest {
        self.now = now.into();
        self
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or replaces) a file of the site.
    pub fn write(&self, path: &str, text: impl AsRef<[u8]>) -> &SiteTest {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Runs `tongwen ARGS --root ROOT` in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_tongwen"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .current_dir(self.root())
            .output()
            .unwrap();
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// `tongwen build --now NOW` into `public/`.
    pub fn build(&self) -> Run {
        self.run(&["build", "--now", &self.now])
    }

    /// A built file as text: `public/` + path (`stories/a/index.html`).
    pub fn read(&self, path: &str) -> String {
        let full = self.out().join(path);
        std::fs::read_to_string(&full)
            .unwrap_or_else(|e| panic!("{} was not written: {e}", full.display()))
    }

    pub fn exists(&self, path: &str) -> bool {
        self.out().join(path).exists()
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Every file written, sorted, `/`-separated, relative to `public/`.
    pub fn paths(&self) -> Vec<String> {
        let mut paths = Vec::new();
        collect(&self.out(), &self.out(), &mut paths);
        paths.sort();
        paths
    }

    /// The `<main>…</main>` of a built page.
    pub fn main_of(&self, path: &str) -> String {
        let html = self.read(path);
        let start = html
            .find("<main")
            .unwrap_or_else(|| panic!("no <main> in {path}"));
        let end = html.find("</main>").expect("no </main>") + "</main>".len();
        html[start..end].to_string()
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(base, &path, out);
        } else {
            let rel = path.strip_prefix(base).unwrap();
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// Every file under `dir` with its bytes, sorted: to assert that nothing changed.
pub fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut paths = Vec::new();
    collect(dir, dir, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(dir.join(&p)).unwrap();
            (p, bytes)
        })
        .collect()
}
