//! `tongwen init DIR`: a new site with site.yaml, one example of each content type and
//! the default theme, ready to build.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::InitArgs;
use crate::commands::{EXIT_ERRORS, fail};
use crate::error::Error;
use crate::render::templates::{BUILTIN_STATIC, BUILTIN_TEMPLATES};

/// The starter files, by path inside the new site.
const STARTER: &[(&str, &str)] = &[
    ("site.yaml", include_str!("init/site.yaml")),
    ("content/_index.md", include_str!("init/_index.md")),
    (
        "content/stories/楼道里的议事角.md",
        include_str!("init/story.md"),
    ),
    (
        "content/workshops/laoshuji.md",
        include_str!("init/workshop.md"),
    ),
    (
        "content/lectures/垃圾分类小课堂.md",
        include_str!("init/lecture.md"),
    ),
    ("content/pages/about.md", include_str!("init/about.md")),
];

pub fn run(args: &InitArgs) -> ExitCode {
    let dir = &args.dir;
    if dir.exists()
        && fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        eprintln!(
            "错误：{} 已经存在而且不是空文件夹，没有改动它。请换一个新的文件夹名。",
            dir.display()
        );
        return ExitCode::from(EXIT_ERRORS);
    }
    match write_site(dir) {
        Ok(()) => {
            println!("已新建网站：{}", dir.display());
            println!("下一步：tongwen serve --root {} --open", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

fn write_site(dir: &Path) -> Result<(), Error> {
    for (path, text) in STARTER {
        write(&dir.join(path), text.as_bytes())?;
    }
    let static_dir = dir.join("static");
    fs::create_dir_all(&static_dir).map_err(|e| Error::io(&static_dir, e))?;
    let theme = dir.join("themes/default");
    for (name, text) in BUILTIN_TEMPLATES {
        write(&theme.join("templates").join(name), text.as_bytes())?;
    }
    for (name, bytes) in BUILTIN_STATIC {
        write(&theme.join("static").join(name), bytes)?;
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    fs::write(path, bytes).map_err(|e| Error::io(path, e))
}
