//! The commands a newcomer types first: `init`, `new`, `--help`.

// Test helpers panic on any failure: that is how a test reports it.
#![allow(clippy::unwrap_used)]

mod support;

use std::process::Command;

use support::SiteTest;

fn tongwen(args: &[&str], dir: &std::path::Path) -> support::Run {
    let output = Command::new(env!("CARGO_BIN_EXE_tongwen"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    support::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn init_makes_a_site_that_builds_in_both_scripts() {
    let parent = tempfile::tempdir().unwrap();
    let run = tongwen(&["init", "我们的网站"], parent.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root = parent.path().join("我们的网站");
    for file in [
        "site.yaml",
        "content/_index.md",
        "themes/default/templates/base.html",
    ] {
        assert!(root.join(file).exists(), "{file}");
    }
    let run = tongwen(
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--now",
            "2024-05-01T10:00+08:00",
        ],
        parent.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(root.join("public/zh-hant/index.html").exists());
    assert!(root.join("public/lectures/index.html").exists());
    let check = tongwen(&["check", "--root", root.to_str().unwrap()], parent.path());
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn init_never_touches_a_folder_with_files() {
    let parent = tempfile::tempdir().unwrap();
    std::fs::create_dir(parent.path().join("site")).unwrap();
    std::fs::write(parent.path().join("site/稿件.docx"), "x").unwrap();
    let run = tongwen(&["init", "site"], parent.path());
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("不是空文件夹"), "{}", run.stderr);
    assert!(!parent.path().join("site/site.yaml").exists());
}

#[test]
fn new_writes_every_field_of_its_type_and_never_overwrites() {
    let site = SiteTest::fixture("bilingual");
    for (kind, title, folder, field) in [
        ("story", "楼道里的议事角", "stories", "community:"),
        ("workshop", "“好家风”工作室", "workshops", "leader:"),
        ("lecture", "垃圾分类小课堂", "lectures", "speaker:"),
    ] {
        let run = site.run(&["new", kind, title]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let path = site.root().join(format!("content/{folder}/{title}.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(field), "{text}");
        assert!(
            text.contains(&format!("title: \"{}\"", title.replace('"', "\\\""))),
            "{text}"
        );
        std::fs::write(&path, format!("{text}\n作者自己写的正文。\n")).unwrap();
        let again = site.run(&["new", kind, title]);
        assert_eq!(again.code, 1);
        assert!(again.stderr.contains("已经存在"), "{}", again.stderr);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("作者自己写的正文")
        );
    }
    let run = site.build();
    assert_eq!(
        run.code, 0,
        "new files must build as they are:\n{}",
        run.stderr
    );
    // The Chinese file name becomes a pinyin slug, the same in both scripts.
    assert!(
        site.exists("stories/loudao-li-de-yishi-jiao/index.html"),
        "{:#?}",
        site.paths()
    );
    assert!(site.exists("zh-hant/stories/loudao-li-de-yishi-jiao/index.html"));
}

#[test]
fn help_is_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let run = tongwen(&["--help"], dir.path());
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("生成网站"), "{}", run.stdout);
    let run = tongwen(&["build", "--help"], dir.path());
    assert!(run.stdout.contains("输出文件夹"), "{}", run.stdout);
}
