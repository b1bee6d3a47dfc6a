//! The dependency rule of STYLE.md, checked by reading `src/`: only the modules at the edges
//! touch the world (files, HTTP, the watcher, the image decoder); the stages are pure.

// Test helpers panic on any failure: that is how a test reports it.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

/// The modules allowed to do IO, by path prefix under `src/`.
const IO_MODULES: &[&str] = &[
    "main.rs",
    "commands/",
    "source.rs",
    "output.rs",
    "serve/",
    "images/probe.rs",
    "images/process.rs",
    "images/process/",
];

/// What marks IO in a line of Rust.
const IO_MARKS: &[&str] = &[
    "std::fs",
    "fs::read",
    "fs::write",
    "fs::create_dir",
    "fs::remove",
    "fs::rename",
    "fs::copy",
    "File::open",
    "File::create",
    "tiny_http",
    "notify::",
    "ImageReader",
    "image::open",
    "std::net",
    "std::process::Command",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every Rust file under `src/`: its path relative to `src/` (`/`-separated) and its text.
fn source_files() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .iter()
        .map(|file| {
            let rel = file
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(file).unwrap())
        })
        .collect()
}

#[test]
fn only_the_edges_do_io() {
    let files = source_files();
    let mut offenders = Vec::new();
    for (rel, text) in &files {
        if IO_MODULES.iter().any(|m| rel.starts_with(m)) {
            continue;
        }
        // Tests of pure modules may read fixtures; only the code above them counts.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            if let Some(mark) = IO_MARKS.iter().find(|m| line.contains(*m)) {
                offenders.push(format!("src/{rel}:{}: {mark}", n + 1));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "IO outside the edge modules:\n{}",
        offenders.join("\n")
    );
    assert!(files.len() > 40, "found only {} files", files.len());
}

#[test]
fn pure_stages_do_not_reach_into_commands_or_serve() {
    let mut offenders = Vec::new();
    for (rel, text) in &source_files() {
        if rel.starts_with("commands/")
            || rel.starts_with("serve/")
            || rel == "main.rs"
            || rel == "lib.rs"
        {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            if line.contains("crate::commands")
                || line.contains("crate::serve")
                || line.contains("crate::cli")
            {
                offenders.push(format!("src/{rel}:{}", n + 1));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "stages depend on commands/serve/cli:\n{}",
        offenders.join("\n")
    );
}
