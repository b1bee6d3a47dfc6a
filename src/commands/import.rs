//! `tongwen import FILE…`: each file becomes one content file (with its images beside it),
//! never over an existing one. Reads the inputs, asks `import::plan`, writes the plan and
//! prints what was made, guessed and fixed.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{ImportArgs, NewKind};
use crate::commands::{EXIT_ERRORS, print_diagnostics};
use crate::import::{self, Input, Kind, Plan};

pub fn run(args: &ImportArgs) -> ExitCode {
    let mut failed = false;
    for file in &args.files {
        if let Err(message) = import_one(file, args) {
            eprintln!("错误：{message}\n");
            failed = true;
        }
    }
    if failed {
        ExitCode::from(EXIT_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}

fn import_one(file: &Path, args: &ImportArgs) -> Result<(), String> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file)
        .map_err(|e| format!("{name}：无法读取（{e}），请检查文件名和路径。"))?;
    let beside = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let read_beside = |src: &str| read_local(&beside, src);
    let kind = match args.kind {
        NewKind::Story => Kind::Story,
        NewKind::Workshop => Kind::Workshop,
        NewKind::Lecture => Kind::Lecture,
    };
    let plan = import::plan(
        &Input {
            name: &name,
            bytes: &bytes,
        },
        kind,
        &read_beside,
    )
    .map_err(|refused| refused.0)?;
    let target = args.root.join("content").join(&plan.file);
    write_plan(&plan, &target).map_err(|e| format!("{name}：{e}"))?;
    report(&name, &plan);
    Ok(())
}

/// A file a saved page names (`文章_files/a.jpg`), inside the page's folder only.
fn read_local(folder: &Path, src: &str) -> Option<Vec<u8>> {
    let rel = PathBuf::from(src.replace('\\', "/"));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    std::fs::read(folder.join(rel)).ok()
}

/// Writes the content file and its images; refuses when the file (or its folder) exists.
fn write_plan(plan: &Plan, target: &Path) -> Result<(), String> {
    let exists = |path: &Path| path.exists();
    let folder = target.parent().unwrap_or(target);
    let taken = if plan.assets.is_empty() {
        exists(target) || exists(&target.with_extension(""))
    } else {
        exists(folder) || exists(&folder.with_extension("md"))
    };
    if taken {
        return Err(format!(
            "{} 已经存在，没有覆盖它，也没有写任何文件。如果要重新导入，请先把原来的文件改名或删掉。",
            if plan.assets.is_empty() {
                target.display()
            } else {
                folder.display()
            }
        ));
    }
    std::fs::create_dir_all(folder)
        .map_err(|e| format!("无法新建文件夹 {}（{e}）", folder.display()))?;
    for (name, bytes) in &plan.assets {
        let path = folder.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("无法写入 {}（{e}）", path.display()))?;
    }
    std::fs::write(target, &plan.text).map_err(|e| format!("无法写入 {}（{e}）", target.display()))
}

fn report(name: &str, plan: &Plan) {
    println!("已导入：{name} → content/{}", plan.file);
    if !plan.assets.is_empty() {
        println!("  图片：{} 张，放在文章旁边", plan.assets.len());
    }
    for guess in &plan.guesses {
        println!("  猜测的{guess}");
    }
    for fix in &plan.fixes {
        println!("  已修正 content/{}:{fix}", plan.file);
    }
    for warning in &plan.warnings {
        println!("  注意：{warning}");
    }
    if !plan.diagnostics.is_empty() {
        println!("  还有 {} 处需要人工看一看：", plan.diagnostics.len());
        print_diagnostics(&plan.diagnostics);
    }
    println!("  请打开这个文件核对开头的字段，标着“# 必填”的要补上。");
}
