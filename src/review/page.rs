//! The review pages of the preview, as HTML: one page's source and conversion side by
//! side (fields, titles, paragraphs, captions), the site-wide list of pages still to
//! review, and the toolbar on every previewed page. Pure: no IO.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use crate::content::Section;
use crate::convert::Script;
use crate::convert::marks::{self, Decided};

use super::align::align;
use super::{Occurrence, ReviewSite, ReviewedPage};

/// Where the review pages are served.
pub const LIST_PATH: &str = "/__tongwen/review/";
/// `PAGE_PREFIX` + a site path without its leading `/`: one page's review.
pub const PAGE_PREFIX: &str = "/__tongwen/review/page/";
/// Where a decision is posted.
pub const DECIDE_PATH: &str = "/__tongwen/review/decide";

/// The review address of the page at site path `path` (`/stories/a/`).
pub fn page_url(path: &str) -> String {
    format!("{PAGE_PREFIX}{}", path.trim_start_matches('/'))
}

/// One line of the review table: a front matter field or a Markdown block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    /// Byte range in the file text.
    pub range: Range<usize>,
}

/// The reviewable parts of a content file, in order: each front matter value and each
/// block of the body (headings, paragraphs, list items, images with their captions),
/// leaving out code blocks and parts with no Chinese.
pub fn rows(text: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        lines.push((pos, line.trim_end_matches(['\n', '\r'])));
        pos += line.len();
    }
    let mut i = 0;
    if lines.first().is_some_and(|(_, l)| l.trim() == "---") {
        i = 1;
        let mut key = String::new();
        while let Some(&(at, line)) = lines.get(i) {
            i += 1;
            if line.trim() == "---" {
                break;
            }
            let (label, start) = match field_key(line) {
                Some((k, value_at)) => {
                    key = k.to_string();
                    (key.clone(), value_at)
                }
                None => (key.clone(), line.len() - line.trim_start().len()),
            };
            push_row(&mut rows, text, label, at + start..at + line.len());
        }
    }
    let mut fence: Option<&str> = None;
    let mut block: Option<Range<usize>> = None;
    for &(at, line) in &lines[i..] {
        let trimmed = line.trim_start();
        if let Some(mark) = fence {
            if trimmed.starts_with(mark) {
                fence = None;
            }
            continue;
        }
        if let Some(mark) = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m)) {
            flush(&mut rows, text, block.take());
            fence = Some(mark);
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut rows, text, block.take());
            continue;
        }
        match &mut block {
            Some(range) => range.end = at + line.len(),
            None => block = Some(at..at + line.len()),
        }
    }
    flush(&mut rows, text, block);
    rows
}

/// `key:` at the start of a front matter line: the key and the byte where its value starts.
fn field_key(line: &str) -> Option<(&str, usize)> {
    let (key, rest) = line.split_once(':')?;
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let value = rest.trim_start();
    Some((key, line.len() - value.len()))
}

fn flush(rows: &mut Vec<Row>, text: &str, block: Option<Range<usize>>) {
    let Some(range) = block else { return };
    let first = text[range.clone()].trim_start();
    let label = if first.starts_with('#') {
        "标题"
    } else if first.starts_with("![") {
        "图片"
    } else if first.starts_with('>') {
        "引用"
    } else if first.starts_with(['-', '*', '+']) || first.starts_with(|c: char| c.is_ascii_digit())
    {
        "列表"
    } else {
        "段落"
    };
    push_row(rows, text, label.to_string(), range);
}

fn push_row(rows: &mut Vec<Row>, text: &str, label: String, range: Range<usize>) {
    if !text[range.clone()].is_ascii() {
        rows.push(Row { label, range });
    }
}

/// The review page of `page`: each row's source and conversion, converted characters
/// lightly marked, risky choices strongly marked with their alternatives and the two
/// buttons, glossary terms and `-{…}-` spans marked. `token` goes into the page for posts.
pub fn render_page(site: &ReviewSite, page: &ReviewedPage, token: &str) -> String {
    let from = page.script;
    let to = from.other();
    let occurrences: BTreeMap<usize, Occurrence> = site
        .occurrences(page)
        .into_iter()
        .map(|o| (o.offset, o))
        .collect();
    let decided = marks::find(&site.undecided, &page.text, from);
    let pending = occurrences.values().filter(|o| o.decided.is_none()).count();
    let own_url = lang_url(site, &page.path, from);
    let other_url = lang_url(site, &page.path, to);
    let mut html = head(&format!("对照校对：{}", page.title), token);
    let _ = write!(
        html,
        "<header><p><a href=\"{LIST_PATH}\">← 校对清单</a></p><h1>对照校对：{}</h1>\
         <p class=\"tw-meta\">{} · 原文是{}，左边是原文，右边是转换后的{}。\
         <a href=\"{}\">看原文页面</a> · <a href=\"{}\" id=\"tw-other\">看{}页面</a></p>\
         <p class=\"tw-summary\">{}</p>{LEGEND}</header><table class=\"tw-rows\">\
         <thead><tr><th>位置</th><th>原文（{}）</th><th>转换（{}）</th></tr></thead><tbody>",
        escape(&page.title),
        escape(&page.file),
        script_name(from),
        script_name(to),
        escape(&own_url),
        escape(&other_url),
        script_name(to),
        summary_line(occurrences.len(), pending),
        script_name(from),
        script_name(to),
    );
    for row in rows(&page.text) {
        let in_row: Vec<&Occurrence> = occurrences
            .range(row.range.clone())
            .map(|(_, o)| o)
            .collect();
        let source = &page.text[row.range.clone()];
        let converted = site.converter.convert(source, from, to);
        let (left, right) = render_row(source, &converted, row.range.start, &occurrences, &decided);
        let _ = write!(
            html,
            "<tr><th>{}</th><td class=\"tw-src\">{left}</td><td class=\"tw-out\" lang=\"{}\">{right}</td></tr>",
            escape(&row.label),
            to.bcp47(),
        );
        if !in_row.is_empty() {
            html.push_str("<tr class=\"tw-choices\"><td></td><td colspan=\"2\">");
            for o in in_row {
                html.push_str(&choice(page, o));
            }
            html.push_str("</td></tr>");
        }
    }
    html.push_str("</tbody></table>");
    html.push_str(SCRIPT);
    html.push_str("</body></html>");
    html
}

const LEGEND: &str = "<p class=\"tw-legend\"><span class=\"tw-cv\">浅色底</span>：转换改动的字 · \
    <mark class=\"tw-risky\">红框</mark>：一字多义，请确认 · \
    <mark class=\"tw-risky tw-done\">绿框</mark>：已校对 · \
    <span class=\"tw-gloss\">蓝色下划线</span>：site.yaml 词表里的词 · \
    <span class=\"tw-kept\">灰色虚线</span>：-{…}- 里不转换的字</p>";

fn summary_line(total: usize, pending: usize) -> String {
    match (total, pending) {
        (0, _) => "这一页没有需要确认的一字多义。".to_string(),
        (_, 0) => format!("共 {total} 处一字多义，都已校对。"),
        _ => format!(
            "共 {total} 处一字多义，还有 {pending} 处要确认：看红框里的字，点“这样对”或“改用”。"
        ),
    }
}

/// The source side and the converted side of one row, marked.
fn render_row(
    source: &str,
    converted: &str,
    start: usize,
    occurrences: &BTreeMap<usize, Occurrence>,
    decided: &[(Range<usize>, Decided)],
) -> (String, String) {
    let (mut left, mut right) = (String::new(), String::new());
    let mut offset = start;
    for piece in align(source, converted) {
        let per_char = piece.source.chars().count() == piece.converted.chars().count();
        let mut out_chars = piece.converted.chars();
        if !per_char && piece.changed {
            let _ = write!(
                right,
                "<span class=\"tw-cv\">{}</span>",
                escape(&piece.converted)
            );
        }
        for c in piece.source.chars() {
            let class = class_at(offset, c, piece.changed, occurrences, decided);
            left.push_str(&marked(c.to_string(), class, offset, occurrences, true));
            if per_char && let Some(out) = out_chars.next() {
                right.push_str(&marked(out.to_string(), class, offset, occurrences, false));
            }
            offset += c.len_utf8();
        }
    }
    (left, right)
}

fn class_at(
    offset: usize,
    c: char,
    changed: bool,
    occurrences: &BTreeMap<usize, Occurrence>,
    decided: &[(Range<usize>, Decided)],
) -> &'static str {
    if let Some(o) = occurrences.get(&offset) {
        return if o.decided.is_some() {
            "tw-risky tw-done"
        } else {
            "tw-risky"
        };
    }
    match decided.iter().find(|(r, _)| r.contains(&offset)) {
        Some((_, Decided::Kept)) => "tw-kept",
        Some((_, Decided::Glossary)) => "tw-gloss",
        None if changed && !c.is_ascii() => "tw-cv",
        None => "",
    }
}

fn marked(
    text: String,
    class: &str,
    offset: usize,
    occurrences: &BTreeMap<usize, Occurrence>,
    source_side: bool,
) -> String {
    match (class, occurrences.get(&offset)) {
        ("", _) => escape(&text),
        (_, Some(o)) => {
            let id = if source_side {
                format!(" id=\"o{offset}\"")
            } else {
                String::new()
            };
            let title = format!("也可能是：{}", o.alternatives.join("、"));
            format!(
                "<mark class=\"{class}\"{id} title=\"{}\">{}</mark>",
                escape(&title),
                escape(&text)
            )
        }
        _ => format!("<span class=\"{class}\">{}</span>", escape(&text)),
    }
}

/// The decision card of one occurrence: the phrase, the forms, and one button per form.
fn choice(page: &ReviewedPage, o: &Occurrence) -> String {
    let status = match &o.decided {
        Some(form) => format!(
            "<span class=\"tw-status\">已校对：用“{}”</span>",
            escape(form)
        ),
        None => "<span class=\"tw-status tw-open\">待确认</span>".to_string(),
    };
    let mut html = format!(
        "<div class=\"tw-choice\" data-path=\"{}\" data-before=\"{}\" data-ch=\"{}\" data-after=\"{}\">\
         <p>{status} “{}<b>{}</b>{}”里的“{}”：转换用了“{}”，也可能是“{}”。<a href=\"#o{}\">在原文里看</a></p>",
        escape(&page.path),
        escape(&o.before),
        o.ch,
        escape(&o.after),
        escape(&o.before),
        o.ch,
        escape(&o.after),
        o.ch,
        escape(&o.default),
        escape(&o.alternatives.join("”或“")),
        o.offset,
    );
    let _ = write!(
        html,
        "<button type=\"button\" class=\"tw-right\" data-use=\"{0}\">这样对（{0}）</button>",
        escape(&o.default)
    );
    for alt in &o.alternatives {
        let _ = write!(
            html,
            "<button type=\"button\" class=\"tw-other\" data-use=\"{0}\">改用“{0}”</button>",
            escape(alt)
        );
    }
    html.push_str("</div>");
    html
}

/// The pages with risky choices not yet reviewed, newest first, optionally of one type.
pub fn render_list(site: &ReviewSite, only: Option<Section>) -> String {
    let mut items: Vec<(&ReviewedPage, usize, usize)> = site
        .pages
        .iter()
        .filter(|p| only.is_none_or(|s| p.section == s))
        .filter_map(|p| {
            let found = site.occurrences(p);
            let pending = found.iter().filter(|o| o.decided.is_none()).count();
            (pending > 0).then_some((p, pending, found.len()))
        })
        .collect();
    items.sort_by(|a, b| b.0.date.cmp(&a.0.date).then(a.0.file.cmp(&b.0.file)));
    let mut html = head("校对清单", "");
    html.push_str(
        "<header><h1>校对清单</h1><p class=\"tw-meta\">这些页面有转换时“一字多义”的字还没确认。\
         点“对照校对”逐个看一眼：每一处点一下“这样对”或“改用”，记录保存在 review.yaml，生成网站时照此转换。</p>",
    );
    html.push_str("<nav class=\"tw-filter\">按类型：");
    let filters = [
        (None, "全部"),
        (Some(Section::Stories), "案例故事"),
        (Some(Section::Workshops), "工作室"),
        (Some(Section::Lectures), "讲堂"),
        (Some(Section::Pages), "页面"),
        (Some(Section::Home), "首页"),
    ];
    for (section, name) in filters {
        let href = match section {
            Some(s) => format!("{LIST_PATH}?type={}", section_code(s)),
            None => LIST_PATH.to_string(),
        };
        let current = if section == only {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = write!(html, " <a href=\"{href}\"{current}>{name}</a>");
    }
    html.push_str("</nav></header>");
    if items.is_empty() {
        html.push_str("<p class=\"tw-empty\">没有待校对的页面。</p>");
    } else {
        html.push_str(
            "<table class=\"tw-list\"><thead><tr><th>页面</th><th>类型</th><th>日期</th><th>待确认</th><th></th></tr></thead><tbody>",
        );
        for (page, pending, total) in items {
            let _ = write!(
                html,
                "<tr data-file=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"tw-count\">{pending} / {total}</td>\
                 <td><a href=\"{}\">对照校对</a></td></tr>",
                escape(&page.file),
                escape(&page.title),
                section_name(page.section),
                escape(&page.date),
                escape(&page_url(&page.path)),
            );
        }
        html.push_str("</tbody></table>");
    }
    html.push_str("</body></html>");
    html
}

/// The `?type=` value of a section.
pub fn section_code(section: Section) -> &'static str {
    match section {
        Section::Home => "home",
        other => other.folder(),
    }
}

/// The section named by a `?type=` value.
pub fn section_from_code(code: &str) -> Option<Section> {
    [
        Section::Stories,
        Section::Workshops,
        Section::Lectures,
        Section::Pages,
        Section::Home,
    ]
    .into_iter()
    .find(|s| section_code(*s) == code)
}

fn section_name(section: Section) -> &'static str {
    match section {
        Section::Stories => "案例故事",
        Section::Workshops => "工作室",
        Section::Lectures => "讲堂",
        Section::Pages => "页面",
        Section::Home => "首页",
    }
}

/// The preview toolbar for the page at `url_path`: the switch to the other script, and
/// the review of this page (when it has a source file) and of the site.
pub fn toolbar(site: &ReviewSite, url_path: &str) -> String {
    let url_path = url_path.trim_end_matches("index.html");
    let mut html = String::from(
        "<div id=\"tongwen-toolbar\" role=\"navigation\" aria-label=\"预览工具\"><b>预览</b>",
    );
    if let Some((href, script)) = switch(site, url_path) {
        let _ = write!(
            html,
            " <a href=\"{}\" hreflang=\"{}\" class=\"tw-switch\">{}</a>",
            escape(&href),
            script.bcp47(),
            match script {
                Script::Hans => "看简体",
                Script::Hant => "看繁體",
            }
        );
    }
    if let Some(page) = site.page_at(url_path) {
        let pending = site
            .occurrences(page)
            .iter()
            .filter(|o| o.decided.is_none())
            .count();
        let badge = if pending > 0 {
            format!("（{pending} 处待确认）")
        } else {
            String::new()
        };
        let _ = write!(
            html,
            " <a href=\"{}\" class=\"tw-review\">对照校对{badge}</a>",
            escape(&page_url(&page.path))
        );
    }
    let _ = write!(
        html,
        " <a href=\"{LIST_PATH}\">校对清单</a></div>{TOOLBAR_STYLE}"
    );
    html
}

/// The same page in the other language: (URL path, its script).
fn switch(site: &ReviewSite, url_path: &str) -> Option<(String, Script)> {
    let prefix = site.other_prefix;
    if prefix.is_empty() || site.scripts.len() < 2 {
        return None;
    }
    let path = url_path.strip_prefix('/').unwrap_or(url_path);
    match path.strip_prefix(prefix) {
        Some(rest) => Some((format!("/{rest}"), site.scripts[0])),
        None => Some((format!("/{prefix}{path}"), site.scripts[1])),
    }
}

fn lang_url(site: &ReviewSite, path: &str, script: Script) -> String {
    match site.scripts.iter().position(|s| *s == script) {
        Some(i) if i > 0 => format!("/{}{}", site.other_prefix, path.trim_start_matches('/')),
        _ => path.to_string(),
    }
}

fn script_name(script: Script) -> &'static str {
    match script {
        Script::Hans => "简体",
        Script::Hant => "繁体",
    }
}

fn head(title: &str, token: &str) -> String {
    format!(
        "<!doctype html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"tongwen-token\" content=\"{}\"><title>{} · 同文预览</title>{STYLE}</head><body class=\"tw-review-page\">",
        escape(token),
        escape(title)
    )
}

const STYLE: &str = "<style>
body.tw-review-page{font:16px/1.7 system-ui,'PingFang SC','Microsoft YaHei',sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#222}
.tw-meta,.tw-legend{color:#555;font-size:.9rem}
.tw-summary{font-weight:bold}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.5rem;vertical-align:top;text-align:left}
.tw-rows{table-layout:fixed}
.tw-rows th:first-child{width:7rem}
.tw-rows td{white-space:pre-wrap;overflow-wrap:anywhere}
.tw-cv{background:#fff3c4}
mark.tw-risky{background:#ffd6d6;outline:2px solid #c00;color:inherit;border-radius:2px}
mark.tw-done{background:#d9f5dd;outline-color:#2a7a3a}
.tw-gloss{text-decoration:underline 2px #1f5fbf}
.tw-kept{border-bottom:1px dashed #777}
.tw-choice{background:#fafafa;border:1px solid #e3e3e3;border-radius:6px;padding:.5rem .75rem;margin:.4rem 0}
.tw-choice p{margin:.2rem 0}
.tw-choice button{font:inherit;margin:.2rem .5rem .2rem 0;padding:.3rem .9rem;border-radius:4px;border:1px solid #888;background:#fff;cursor:pointer}
.tw-choice button.tw-other{border-color:#c00;color:#a00}
.tw-status{font-size:.85rem;background:#d9f5dd;border-radius:3px;padding:0 .3rem}
.tw-status.tw-open{background:#ffd6d6}
.tw-filter a[aria-current]{font-weight:bold}
#tw-saved{position:fixed;bottom:1rem;right:1rem;background:#222;color:#fff;padding:.5rem 1rem;border-radius:4px}
</style>";

const TOOLBAR_STYLE: &str = "<style>#tongwen-toolbar{position:fixed;right:.75rem;bottom:.75rem;z-index:2147483000;\
font:14px/1.4 system-ui,'PingFang SC','Microsoft YaHei',sans-serif;background:#fff;color:#222;border:1px solid #bbb;\
border-radius:6px;padding:.35rem .6rem;box-shadow:0 2px 8px rgba(0,0,0,.15)}#tongwen-toolbar a{margin-left:.5rem;color:#1f5fbf}\
@media print{#tongwen-toolbar{display:none}}</style>";

/// Posts a decision with the page's token; the rebuild that follows reloads the page.
const SCRIPT: &str = "<script>
document.addEventListener('click', function (event) {
  var button = event.target.closest('.tw-choice button[data-use]');
  if (!button) return;
  var card = button.closest('.tw-choice');
  var token = document.querySelector('meta[name=tongwen-token]').content;
  button.disabled = true;
  fetch('/__tongwen/review/decide', {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'X-Tongwen-Token': token},
    body: JSON.stringify({path: card.dataset.path, before: card.dataset.before, ch: card.dataset.ch,
      after: card.dataset.after, use: button.dataset.use})
  }).then(function (reply) {
    return reply.text().then(function (text) {
      var note = document.getElementById('tw-saved') || document.body.appendChild(document.createElement('p'));
      note.id = 'tw-saved';
      note.textContent = reply.ok ? '已保存到 review.yaml，正在更新页面……' : text;
      if (!reply.ok) button.disabled = false;
    });
  });
});
</script>";

/// HTML-escapes text and attribute values.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_fields_and_blocks_without_code() {
        let text = "---\ntitle: 理发\ntags:\n  - 党建\nslug: lifa\n---\n## 标题\n\n第一段\n接着\n\n```\n代码\n```\n\n![照片说明](a.jpg)\n";
        let found: Vec<(String, &str)> = rows(text)
            .into_iter()
            .map(|r| (r.label, &text[r.range]))
            .collect();
        assert_eq!(
            found,
            [
                ("title".to_string(), "理发"),
                ("tags".to_string(), "- 党建"),
                ("标题".to_string(), "## 标题"),
                ("段落".to_string(), "第一段\n接着"),
                ("图片".to_string(), "![照片说明](a.jpg)"),
            ]
        );
    }
}
