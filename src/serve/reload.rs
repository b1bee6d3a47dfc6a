//! The reload channel: a long-poll endpoint answered from the `ServeState`, the script
//! injected into served HTML (never into `build` output), and the error overlay. Pure.

use crate::diagnostics::{Diagnostic, Severity};

use super::state::{ReloadKind, Snapshot};

/// Where the injected script is served.
pub const SCRIPT_PATH: &str = "/__tongwen/reload.js";
/// The long-poll endpoint: `?since=N` waits until the generation passes N; with
/// `&page=/stories/a/` (the page's own path), until that page's generation does.
pub const POLL_PATH: &str = "/__tongwen/poll";

/// The script: polls, reloads keeping the scroll position, swaps CSS, shows the overlay.
pub const SCRIPT: &str = include_str!("reload.js");

/// Inserts the reload script before `</body>` (or at the end) of a served HTML page.
pub fn inject(html: &str, generation: u64) -> String {
    let tag =
        format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\" defer></script>");
    match html.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &html[..at], &html[at..]),
        None => format!("{html}{tag}"),
    }
}

/// The poll answer to a page (output path `page`, when the poll named it) that has seen
/// generation `since`: `{"generation":N,"kind":"page"|"css","overlay":"<html>"|null}`.
pub fn poll_json(snapshot: &Snapshot, since: u64, page: Option<&str>) -> String {
    let kind = match snapshot.kind_since(since) {
        ReloadKind::Page => "page",
        ReloadKind::Css => "css",
    };
    // A page of the rebuild under way shows that rebuild, not the last one's errors.
    let early = page.is_some_and(|page| snapshot.early.contains_key(page));
    let overlay = if snapshot.errors.is_empty() || early {
        serde_json::Value::Null
    } else {
        serde_json::Value::String(overlay_html(&snapshot.errors))
    };
    serde_json::json!({
        "generation": snapshot.generation_of(page),
        "kind": kind,
        "overlay": overlay,
    })
    .to_string()
}

/// The errors of a failed rebuild as an HTML fragment: file:line, message, hint, and the
/// offending line. File paths are site-relative: never a path of this computer.
pub fn overlay_html(errors: &[Diagnostic]) -> String {
    let shown: Vec<&Diagnostic> = errors
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let mut html = format!(
        "<h2>网站没有更新：有 {} 个错误要改</h2><p>改好并保存后，这里会自动消失。下面仍是上一次成功生成的页面。</p><ol>",
        shown.len()
    );
    for d in shown {
        let place = if d.span.line > 0 {
            format!("{}:{}:{}", d.span.file, d.span.line, d.span.col.max(1))
        } else {
            d.span.file.clone()
        };
        html.push_str(&format!(
            "<li><code class=\"place\">{}</code><p class=\"message\">{}</p>",
            escape(&place),
            escape(&d.message)
        ));
        if let Some(line) = &d.source_line {
            html.push_str(&format!("<pre>{}</pre>", escape(line)));
        }
        if let Some(hint) = &d.hint {
            html.push_str(&format!("<p class=\"hint\">建议：{}</p>", escape(hint)));
        }
        html.push_str("</li>");
    }
    html.push_str("</ol>");
    html
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostics::Span;
    use crate::output::OutputSet;

    #[test]
    fn inject_goes_before_the_closing_body() {
        assert_eq!(
            inject("<html><body><p>好</p></body></html>", 7),
            "<html><body><p>好</p><script src=\"/__tongwen/reload.js\" data-generation=\"7\" defer></script></body></html>"
        );
    }

    #[test]
    fn overlay_escapes_and_names_the_place() {
        let d = Diagnostic::error(
            "x",
            Span::new("content/stories/a.md", 4, 7),
            "字段 <title> 缺少",
        )
        .with_hint("加一行 `title: 标题`");
        let snapshot = Snapshot {
            generation: 3,
            output: Arc::new(OutputSet::default()),
            errors: Arc::new(vec![d]),
            kind: ReloadKind::Page,
            page_generation: 3,
            early: Arc::default(),
        };
        let json: serde_json::Value = serde_json::from_str(&poll_json(&snapshot, 2, None)).unwrap();
        let overlay = json["overlay"].as_str().unwrap();
        assert!(overlay.contains("content/stories/a.md:4:7"));
        assert!(overlay.contains("字段 &lt;title&gt; 缺少"));
        assert!(overlay.contains("建议：加一行 `title: 标题`"));
        assert_eq!(json["generation"], 3);
    }

    // See #15: after a failed rebuild, the open page made early by the next rebuild
    // reloads without the old errors; the other pages keep them until that rebuild ends.
    #[test]
    fn issue_15_an_early_page_leaves_the_last_errors_behind() {
        let d = Diagnostic::error("x", Span::new("content/stories/a.md", 4, 1), "坏了");
        let mut early = std::collections::BTreeMap::new();
        early.insert(
            "stories/a/index.html".to_string(),
            crate::output::OutputBody::Bytes(Arc::from(&b"<body></body>"[..])),
        );
        let snapshot = Snapshot {
            generation: 3,
            output: Arc::new(OutputSet::default()),
            errors: Arc::new(vec![d]),
            kind: ReloadKind::Page,
            page_generation: 3,
            early: Arc::new(early),
        };
        let answer = |page: Option<&str>| -> serde_json::Value {
            serde_json::from_str(&poll_json(&snapshot, 3, page)).unwrap()
        };
        let open = answer(Some("stories/a/index.html"));
        assert_eq!(open["generation"], 4);
        assert_eq!(open["kind"], "page");
        assert!(open["overlay"].is_null(), "{open}");
        let other = answer(Some("index.html"));
        assert_eq!(other["generation"], 3);
        assert!(other["overlay"].is_string(), "{other}");
    }
}
