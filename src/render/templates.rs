//! The theme's Tera templates, parsed once per build: the default theme is built into the
//! binary, and a site's `themes/NAME/templates/` files override it by name. Pure: no IO.

use std::collections::BTreeMap;

use tera::{Context, Tera};

use super::cache::{Key, KeyBuilder};
use crate::diagnostics::{Diagnostic, Span};
use crate::source::SourceFile;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates/", $name)))),*]
    };
}

macro_rules! builtin_bytes {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/static/", $name)))),*]
    };
}

/// Every template of the default theme (name → text).
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = builtin![
    "base.html",
    "macros.html",
    "index.html",
    "story.html",
    "workshop.html",
    "lecture.html",
    "page.html",
    "stories.html",
    "workshops.html",
    "lectures.html",
    "tags.html",
    "tag.html",
    "404.html",
    "alias.html",
    "share.html",
    "poster.html",
    "programme.html",
    "search.html",
];

/// Every static file of the default theme (path under `static/` → bytes), published under `theme/`.
pub const BUILTIN_STATIC: &[(&str, &[u8])] = builtin_bytes![
    "css/site.css",
    "css/print.css",
    "css/poster.css",
    "js/site.js",
    "css/search.css",
    "js/search.js",
    "favicon.svg"
];

/// Tera's built-in functions whose value changes from one render to the next.
const IMPURE_FUNCTIONS: &[&str] = &["now", "get_random", "get_env"];

/// Where the default theme's templates live in a site, to name them in messages.
const BUILTIN_DIR: &str = "themes/default/templates/";

/// The parsed templates of a site's theme.
#[derive(Debug)]
pub struct Templates {
    tera: Tera,
    /// Template name → the file it came from, for messages.
    files: BTreeMap<String, String>,
    /// The digest of every template's name and text.
    fingerprint: Key,
    /// Whether a page's HTML depends only on its context: no template calls a function
    /// whose value changes between renders (`now()`, `get_random()`, `get_env()`).
    pure: bool,
}

impl Templates {
    /// The built-in default theme alone.
    pub fn builtin() -> Templates {
        Templates::load(&[]).expect("the built-in theme parses (tested in render::templates)")
    }

    /// The built-in templates with `sources` overriding them by name. A source's name is its
    /// path after `templates/` (`themes/x/templates/page.html` → `page.html`), or its path.
    /// Errors: one diagnostic per template that does not parse, with its file and line, or
    /// one for a broken `extends`/`import` chain.
    pub fn load(sources: &[SourceFile]) -> Result<Templates, Vec<Diagnostic>> {
        let mut texts: BTreeMap<String, (String, &str)> = BUILTIN_TEMPLATES
            .iter()
            .map(|&(name, text)| (name.to_string(), (format!("{BUILTIN_DIR}{name}"), text)))
            .collect();
        for source in sources {
            texts.insert(
                template_name(&source.path).to_string(),
                (source.path.clone(), &source.text),
            );
        }
        let diagnostics: Vec<Diagnostic> = texts
            .iter()
            .filter_map(|(name, (file, text))| {
                tera::Template::new(name, None, text)
                    .err()
                    .map(|e| parse_diagnostic(file, text, &e))
            })
            .collect();
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        tera.set_escape_fn(escape_html);
        let files: BTreeMap<String, String> = texts
            .iter()
            .map(|(name, (file, _))| (name.clone(), file.clone()))
            .collect();
        tera.add_raw_templates(texts.iter().map(|(name, (_, text))| (name, text)))
            .map_err(|e| vec![chain_diagnostic(&files, &e)])?;
        let fingerprint = texts
            .iter()
            .fold(KeyBuilder::default(), |key, (name, (_, text))| {
                key.text(name).text(text)
            })
            .finish();
        let pure = !texts.values().any(|(_, text)| {
            IMPURE_FUNCTIONS
                .iter()
                .any(|function| calls(text, function))
        });
        Ok(Templates {
            tera,
            files,
            fingerprint,
            pure,
        })
    }

    /// The digest of the templates, for keys of cached pages.
    pub(crate) fn fingerprint(&self) -> &Key {
        &self.fingerprint
    }

    /// Whether a page rendered from the same context is always the same HTML.
    pub(crate) fn is_pure(&self) -> bool {
        self.pure
    }

    pub fn has(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// Renders template `name`; an error names the template's file.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Box<Diagnostic>> {
        self.tera.render(name, context).map_err(|e| {
            let file = self.files.get(name).map_or(name, String::as_str);
            Box::new(
                Diagnostic::error(
                    "template.render",
                    Span::file(file),
                    format!("模板 {name} 生成页面时出错：{}", error_chain(&e)),
                )
                .with_hint(
                    "检查模板里用到的变量名是否拼写正确；不确定时可以删掉这个模板，改用内置主题",
                ),
            )
        })
    }
}

/// Whether `text` may call `function`: its name as a word, then `(`, spaces allowed between.
fn calls(text: &str, function: &str) -> bool {
    text.match_indices(function).any(|(at, _)| {
        let word_start = !text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        word_start && text[at + function.len()..].trim_start().starts_with('(')
    })
}

/// `themes/x/templates/partials/a.html` → `partials/a.html`.
fn template_name(path: &str) -> &str {
    match path.rfind("templates/") {
        Some(i) => &path[i + "templates/".len()..],
        None => path,
    }
}

/// HTML escaping for text and attribute values; `/` stays as it is so URLs read well.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn parse_diagnostic(file: &str, text: &str, error: &tera::Error) -> Diagnostic {
    let detail = error_chain(error);
    let (line, col) = pest_position(&detail).unwrap_or((0, 0));
    let expected = detail
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("= "))
        .unwrap_or("")
        .to_string();
    let mut diagnostic = Diagnostic::error(
        "template.syntax",
        Span::new(file, line, col),
        "模板语法有误，Tera 无法读懂这里",
    )
    .with_source(text);
    diagnostic = if expected.is_empty() {
        diagnostic.with_hint("检查 `{% … %}` 与 `{{ … }}` 是否成对、标签是否闭合")
    } else {
        diagnostic.with_hint(format!(
            "检查 `{{% … %}}` 与 `{{{{ … }}}}` 是否成对、标签是否闭合（Tera：{expected}）"
        ))
    };
    diagnostic
}

fn chain_diagnostic(files: &BTreeMap<String, String>, error: &tera::Error) -> Diagnostic {
    let (name, message) = match &error.kind {
        tera::ErrorKind::MissingParent { current, parent } => (
            current.clone(),
            format!("模板 {current} 继承的模板 {parent} 不存在"),
        ),
        tera::ErrorKind::CircularExtend { tpl, .. } => {
            (tpl.clone(), format!("模板 {tpl} 的继承关系绕成了一个圈"))
        }
        _ => (
            String::new(),
            format!("模板无法加载：{}", error_chain(error)),
        ),
    };
    let file = files.get(&name).map_or("themes/", String::as_str);
    Diagnostic::error("template.load", Span::file(file), message)
        .with_hint("检查 `{% extends \"…\" %}` 和 `{% import \"…\" %}` 里的文件名")
}

/// The messages of an error and its sources, one per line.
fn error_chain(error: &tera::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        text.push('\n');
        text.push_str(&e.to_string());
        source = e.source();
    }
    text
}

/// The ` --> 12:5` position in a pest error message.
fn pest_position(detail: &str) -> Option<(usize, usize)> {
    let rest = &detail[detail.find("--> ")? + 4..];
    let end = rest.find(|c: char| !c.is_ascii_digit() && c != ':')?;
    let (line, col) = rest[..end].split_once(':')?;
    Some((line.parse().ok()?, col.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(path: &str, text: &str) -> SourceFile {
        SourceFile {
            path: path.to_string(),
            text: text.into(),
            encoding: "UTF-8",
        }
    }

    #[test]
    fn templates_that_call_now_are_not_pure() {
        assert!(Templates::builtin().is_pure());
        let own = SourceFile {
            path: "themes/x/templates/page.html".into(),
            text: "{{ now (format=\"%Y\") }} known".into(),
            encoding: "UTF-8",
        };
        assert!(!Templates::load(&[own]).unwrap().is_pure());
        assert!(!calls("{{ known(x=1) }}", "now"));
        assert!(calls("{{get_env (name=\"A\")}}", "get_env"));
    }

    #[test]
    fn builtin_theme_loads() {
        let templates = Templates::builtin();
        for (name, _) in BUILTIN_TEMPLATES {
            assert!(templates.has(name), "{name}");
        }
    }

    #[test]
    fn site_template_overrides_builtin_by_name() {
        let page = source(
            "themes/mine/templates/alias.html",
            "<p>{{ target_url }}</p>",
        );
        let templates = Templates::load(&[page]).unwrap();
        let mut context = Context::new();
        context.insert("target_url", "/a/?x=1&y=\"2\"");
        let html = templates.render("alias.html", &context).unwrap();
        assert_eq!(html, "<p>/a/?x=1&amp;y=&quot;2&quot;</p>");
    }

    #[test]
    fn syntax_error_names_file_and_line() {
        let broken = source(
            "themes/mine/templates/page.html",
            "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title </h1>\n{% endblock %}\n",
        );
        let errors = Templates::load(&[broken]).unwrap_err();
        assert_eq!(errors.len(), 1);
        let text = errors[0].render_text();
        assert!(
            text.starts_with("themes/mine/templates/page.html:3:"),
            "{text}"
        );
        assert!(text.contains("模板语法有误"), "{text}");
    }

    #[test]
    fn missing_parent_is_reported_on_the_child() {
        let orphan = source(
            "themes/mine/templates/extra.html",
            "{% extends \"nothing.html\" %}",
        );
        let errors = Templates::load(&[orphan]).unwrap_err();
        assert_eq!(errors[0].span.file, "themes/mine/templates/extra.html");
        assert!(errors[0].message.contains("nothing.html"));
    }

    #[test]
    fn render_error_names_the_template_file() {
        let bad = source("themes/mine/templates/alias.html", "{{ missing.field }}");
        let templates = Templates::load(&[bad]).unwrap();
        let error = templates.render("alias.html", &Context::new()).unwrap_err();
        assert_eq!(error.span.file, "themes/mine/templates/alias.html");
        assert!(error.message.starts_with("模板 alias.html 生成页面时出错"));
    }

    #[test]
    fn template_names_come_from_the_path_after_templates() {
        assert_eq!(
            template_name("themes/x/templates/partials/a.html"),
            "partials/a.html"
        );
        assert_eq!(template_name("page.html"), "page.html");
    }
}
