//! One content file → one `Document`: its section and slug from the path, its front matter
//! checked and resolved, its script decided. Pure: no IO; drafts are kept (the caller filters).

use std::sync::Arc;

use crate::config::{Config, SourceScript};
use crate::convert::{Converter, Script};
use crate::diagnostics::{Diagnostic, Span};
use crate::source::SourceFile;

use super::document::{Common, Document, Kind, Section, Text};
use super::fields::{self, FieldContext};
use super::front_matter::{self, SplitError};
use super::slug::slugify;
use super::values::{Reader, nearest};
use super::yaml::{Domain, Place, Pos};

/// Parses one content file. `None` when the file has an error (or is not where content
/// goes); the diagnostics name every problem found, not only the first.
pub fn parse_document(
    file: &SourceFile,
    config: &Config,
    conv: &Converter,
) -> (Option<Document>, Vec<Diagnostic>) {
    let place = Place {
        path: &file.path,
        text: &file.text,
        domain: Domain::FrontMatter,
    };
    let Some((section, name)) = locate(&file.path) else {
        return (None, vec![misplaced(&file.path)]);
    };
    let parts = match front_matter::split(&file.text) {
        Ok(parts) => parts,
        // The home introduction has no required field, so it may be Markdown alone.
        Err(SplitError::NoOpening { dashes: false, .. }) if section == Section::Home => {
            return (
                Some(home_without_front_matter(file, config, conv)),
                Vec::new(),
            );
        }
        Err(error) => return (None, vec![error.diagnostic(place)]),
    };
    let mut reader = Reader::new(place);
    let entries = reader.read_entries(
        parts.yaml,
        parts.yaml_line,
        "front matter 里要一行写一个字段",
    );
    let open = Pos {
        line: parts.open_line,
        col: 1,
    };
    let cx = FieldContext {
        section,
        tz: &config.timezone,
        open,
    };
    let (common, kind) = match &entries {
        Some(entries) => fields::resolve(entries, cx, &mut reader),
        None => (None, None),
    };
    let slug = common
        .as_ref()
        .and_then(|c| resolve_slug(c, section, name, open, &mut reader));
    let mut diagnostics = reader.diagnostics;
    crate::diagnostics::sort(&mut diagnostics);
    let (Some(common), Some(kind), Some(slug)) = (common, kind, slug) else {
        return (None, diagnostics);
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (None, diagnostics);
    }
    // The body is the end of the file's text: shared with it, not copied.
    let body = Text::tail(Arc::clone(&file.text), file.text.len() - parts.body.len());
    let script = decide_script(&common, &body, config, conv);
    let document = Document {
        source: file.path.clone(),
        section,
        slug,
        script,
        common,
        kind,
        body,
        body_line: parts.body_line,
    };
    (Some(document), diagnostics)
}

/// Section and file-name slug source from the path: `content/stories/NAME.md`,
/// `content/stories/NAME/index.md`, `content/pages/NAME.md`, `content/_index.md`.
/// Anything else is `None` (see `misplaced`).
pub(crate) fn locate(path: &str) -> Option<(Section, Option<&str>)> {
    let parts: Vec<&str> = path
        .strip_prefix("content/")
        .unwrap_or(path)
        .split('/')
        .collect();
    match parts.as_slice() {
        ["_index.md"] => Some((Section::Home, None)),
        [folder, file] => section_of(folder)
            .zip(file.strip_suffix(".md"))
            .filter(|(_, name)| !matches!(*name, "index" | "_index"))
            .map(|(section, name)| (section, Some(name))),
        [folder, name, "index.md"] => section_of(folder).map(|section| (section, Some(*name))),
        _ => None,
    }
}

fn section_of(folder: &str) -> Option<Section> {
    match folder {
        "stories" => Some(Section::Stories),
        "workshops" => Some(Section::Workshops),
        "lectures" => Some(Section::Lectures),
        "pages" => Some(Section::Pages),
        _ => None,
    }
}

/// The warning for a Markdown file outside the sections, saying where such a file goes.
fn misplaced(path: &str) -> Diagnostic {
    let parts: Vec<&str> = path
        .strip_prefix("content/")
        .unwrap_or(path)
        .split('/')
        .collect();
    const FOLDERS: &[&str] = &["stories", "workshops", "lectures", "pages"];
    let hint = match parts.as_slice() {
        [file] => format!("单独页面请放到 content/pages/{file}；首页介绍是 content/_index.md"),
        [folder, .., file] if section_of(folder).is_some() => format!(
            "放在 content/{folder}/ 下：写成 content/{folder}/名字.md，或 content/{folder}/名字/index.md（图片放在同一文件夹）；栏目列表页由 tongwen 生成，不需要 {file}"
        ),
        [folder, ..] => match singular_of(folder).or_else(|| nearest(folder, FOLDERS)) {
            Some(near) => format!("是否想放在 `content/{near}/`？"),
            None => "案例故事放在 content/stories/，工作室放在 content/workshops/，讲堂放在 content/lectures/，单独页面放在 content/pages/".into(),
        },
        [] => String::new(),
    };
    Diagnostic::warning(
        "content.misplaced-file",
        Span::file(path),
        "这个文件不在内容栏目的位置上，不会发布",
    )
    .with_hint(hint)
}

/// `story` → `stories`, `lecture` → `lectures`: the section a singular folder name meant.
fn singular_of(folder: &str) -> Option<&'static str> {
    let stem = folder.to_lowercase();
    let stem = stem.trim_end_matches('y');
    ["stories", "workshops", "lectures", "pages"]
        .into_iter()
        .find(|section| section.starts_with(stem) && !stem.is_empty())
}

/// `slug:` as written, else from the file (or folder) name; empty for the home page.
fn resolve_slug(
    common: &Common,
    section: Section,
    name: Option<&str>,
    open: Pos,
    reader: &mut Reader<'_>,
) -> Option<String> {
    if let Some(slug) = &common.slug {
        return Some(slug.clone());
    }
    let Some(name) = name.filter(|_| section != Section::Home) else {
        return Some(String::new());
    };
    let slug = slugify(name);
    if slug.is_empty() {
        let error = reader
            .place
            .error(
                "content.no-slug",
                open,
                format!("无法从文件名“{name}”生成网址名"),
            )
            .with_hint(
                "在 front matter 里加一行 `slug: 英文或拼音`，例如 `slug: changxin-hongse-weijia`",
            );
        reader.push(error);
        return None;
    }
    Some(slug)
}

/// The file's `script:`, else the site's `source_script`, else what the text tells, else
/// the site's first language.
fn decide_script(common: &Common, body: &str, config: &Config, conv: &Converter) -> Script {
    if let Some(script) = common.script {
        return script;
    }
    if let SourceScript::Fixed(script) = config.source_script {
        return script;
    }
    let text = format!("{}\n{}", common.title, body);
    conv.detect(&text)
        .or_else(|| config.languages.first().copied())
        .unwrap_or(Script::Hans)
}

fn home_without_front_matter(file: &SourceFile, config: &Config, conv: &Converter) -> Document {
    let common = Common::default();
    let body = Text::tail(Arc::clone(&file.text), 0);
    Document {
        source: file.path.clone(),
        section: Section::Home,
        slug: String::new(),
        script: decide_script(&common, &body, config, conv),
        common,
        kind: Kind::Page,
        body,
        body_line: 1,
    }
}

#[cfg(test)]
mod tests;
