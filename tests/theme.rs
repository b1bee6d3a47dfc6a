//! The default theme on disk and the one built into the binary are the same files.

use std::path::Path;

use tongwen::render::{BUILTIN_STATIC, BUILTIN_TEMPLATES};

fn files_under(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("the theme folder is readable") {
        let entry = entry.expect("the theme folder is readable");
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type().expect("a file type").is_dir() {
            files_under(&entry.path(), &format!("{name}/"), out);
        } else {
            out.push(name);
        }
    }
}

fn on_disk(folder: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("themes/default")
        .join(folder);
    let mut files = Vec::new();
    files_under(&dir, "", &mut files);
    files.sort();
    files
}

#[test]
fn every_default_template_is_built_in() {
    let mut built_in: Vec<String> = BUILTIN_TEMPLATES
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    built_in.sort();
    assert_eq!(on_disk("templates"), built_in);
}

#[test]
fn every_default_static_file_is_built_in() {
    let mut built_in: Vec<String> = BUILTIN_STATIC.iter().map(|(n, _)| n.to_string()).collect();
    built_in.sort();
    assert_eq!(on_disk("static"), built_in);
}
