//! The synthetic corpus as a one-language Hugo site with a minimal theme comparable to
//! tongwen's default one: home (latest stories, upcoming lectures, workshops), section lists
//! paginated by 10, tag pages, single pages, a 404 page, one RSS feed, a sitemap, robots.txt,
//! and `.md` links resolved to page URLs by a render hook.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use super::synth::{Corpus, Entry, Meta, Section};

/// Writes the Hugo site for `corpus` at `root` (config, content, layouts, one stylesheet).
pub(crate) fn write_site(root: &Path, corpus: &Corpus) -> io::Result<()> {
    for (path, text) in FILES {
        write(root, path, text)?;
    }
    for (folder, title) in [
        ("stories", "案例故事"),
        ("workshops", "工作室"),
        ("lectures", "讲堂"),
    ] {
        write(
            root,
            &format!("content/{folder}/_index.md"),
            &format!("---\ntitle: {title}\n---\n"),
        )?;
    }
    for entry in &corpus.entries {
        let path = format!("content/{}/{}.md", entry.section.folder(), entry.slug);
        write(root, &path, &to_markdown(entry))?;
    }
    Ok(())
}

fn write(root: &Path, path: &str, text: &str) -> io::Result<()> {
    let path = root.join(path);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text)
}

/// The same entry with Hugo's front matter: ISO dates, `tags` taxonomy, and the workshop
/// relation as the `ws` taxonomy (the cheap way for a workshop page to find its stories).
fn to_markdown(entry: &Entry) -> String {
    let mut out = String::with_capacity(entry.body.len() + 512);
    out.push_str("---\n");
    let _ = writeln!(out, "title: {}", entry.title);
    let _ = writeln!(out, "summary: {}", entry.summary);
    let _ = writeln!(out, "tags: [{}]", entry.tags.join(", "));
    write_meta(entry, &mut out);
    out.push_str("---\n\n");
    out.push_str(&entry.body);
    out
}

fn write_meta(entry: &Entry, out: &mut String) {
    match &entry.meta {
        Meta::Story {
            date,
            community,
            district,
            author,
            workshops,
        } => {
            let _ = writeln!(out, "date: {}", date.iso());
            let _ = writeln!(
                out,
                "community: {community}\ndistrict: {district}\nauthor: {author}"
            );
            if !workshops.is_empty() {
                let _ = writeln!(out, "workshops: [{}]", workshops.join(", "));
                let _ = writeln!(out, "ws: [{}]", workshops.join(", "));
            }
        }
        Meta::Workshop {
            leader,
            community,
            founded,
            focus,
            phone,
            address,
            hours,
        } => {
            let _ = writeln!(out, "leader: {leader}\ncommunity: {community}");
            let _ = writeln!(out, "founded: {}", founded.iso());
            let _ = writeln!(out, "focus: [{}]", focus.join(", "));
            let _ = writeln!(
                out,
                "contact:\n  phone: {phone}\n  address: {address}\n  hours: {hours}"
            );
        }
        Meta::Lecture {
            start,
            start_minute,
            length,
            venue,
            speaker,
            speaker_title,
            series,
            workshop,
            status,
        } => {
            let at = |minute: u32| {
                format!(
                    "{}T{:02}:{:02}:00+08:00",
                    start.iso(),
                    minute / 60,
                    minute % 60
                )
            };
            let _ = writeln!(out, "date: {}", at(*start_minute));
            if let Some(length) = length {
                let _ = writeln!(out, "end: {}", at(start_minute + length));
            }
            let _ = writeln!(out, "venue: {venue}\nspeaker: {speaker}");
            let _ = writeln!(out, "speaker_title: {speaker_title}\nseries: {series}");
            let _ = writeln!(out, "status: {status}");
            if let Some(workshop) = workshop {
                let _ = writeln!(out, "ws: [{workshop}]");
            }
        }
    }
    if entry.section == Section::Workshops {
        // Workshops carry no date; keep Hugo from sorting them by a zero date.
        let _ = writeln!(out, "weight: 1");
    }
}

const FILES: &[(&str, &str)] = &[
    ("config.yaml", CONFIG),
    ("content/_index.md", HOME),
    ("static/theme/style.css", STYLE),
    ("layouts/_default/baseof.html", BASEOF),
    ("layouts/_default/single.html", SINGLE),
    ("layouts/workshops/single.html", WORKSHOP),
    ("layouts/lectures/single.html", LECTURE),
    ("layouts/_default/list.html", LIST),
    ("layouts/_default/taxonomy.html", TAXONOMY),
    ("layouts/_default/term.html", TERM),
    ("layouts/ws/taxonomy.html", EMPTY),
    ("layouts/ws/term.html", EMPTY),
    ("layouts/index.html", INDEX),
    ("layouts/404.html", NOT_FOUND),
    ("layouts/partials/item.html", ITEM),
    ("layouts/_default/_markup/render-link.html", RENDER_LINK),
];

const CONFIG: &str = "\
baseURL: https://example.org/anli/
languageCode: zh-Hans
defaultContentLanguage: zh
title: 同文社区治理案例库
hasCJKLanguage: true
enableRobotsTXT: true
paginate: 10
taxonomies:
  tag: tags
  w: ws
outputs:
  home: [HTML, RSS]
  section: [HTML]
  taxonomy: [HTML]
  term: [HTML]
params:
  description: 党建引领社区治理：案例故事、实名工作室与社区讲堂
  icp: 苏ICP备00000000号
";

const HOME: &str = "\
---
title: 同文社区治理案例库
---

这里收集各地社区“党建引领、网格治理、志愿服务、议事协商”的实践案例。
";

const STYLE: &str = "body{max-width:46rem;margin:0 auto;font-family:sans-serif}\n";

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="alternate" hreflang="zh-Hans" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "theme/style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "stories/" | relURL }}">案例故事</a> <a href="{{ "workshops/" | relURL }}">工作室</a> <a href="{{ "lectures/" | relURL }}">讲堂</a> <a href="{{ "tags/" | relURL }}">标签</a></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Params.icp }}</footer>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time> · {{ .Params.community }}{{ with .Params.district }} · {{ . }}{{ end }}{{ with .Params.author }} · {{ . }}{{ end }}</p>
{{ .Content }}
{{ with .Params.workshops }}<h2>相关工作室</h2><ul>{{ range . }}{{ with site.GetPage (printf "/workshops/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>{{ end }}
"#;

const WORKSHOP: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="meta">负责人：{{ .Params.leader }} · {{ .Params.community }} · 成立于 {{ .Params.founded }}</p>
<ul class="focus">{{ range .Params.focus }}<li>{{ . }}</li>{{ end }}</ul>
{{ with .Params.contact }}<p class="contact">{{ .phone }} · {{ .address }} · {{ .hours }}</p>{{ end }}
{{ .Content }}
{{ with index site.Taxonomies.ws .File.ContentBaseName }}
<h2>相关故事</h2><ul>{{ range where .Pages "Section" "stories" }}{{ partial "item.html" . }}{{ end }}</ul>
<h2>讲堂</h2><ul>{{ range where .Pages "Section" "lectures" }}{{ partial "item.html" . }}{{ end }}</ul>
{{ end }}
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>{{ end }}
"#;

const LECTURE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}{{ if eq .Params.status "cancelled" }}（已取消）{{ else if eq .Params.status "postponed" }}（延期）{{ end }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2006年1月2日 15:04" }}</time>{{ with .Params.end }}—{{ (time .).Format "15:04" }}{{ end }} · {{ .Params.venue }}</p>
<p>主讲：{{ .Params.speaker }}{{ with .Params.speaker_title }}（{{ . }}）{{ end }} · {{ .Params.series }}</p>
{{ .Content }}
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>{{ end }}
"#;

const ITEM: &str = r#"<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Params.summary }}</p></li>
"#;

const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .Pages.ByDate.Reverse }}
{{ if eq .Section "workshops" }}{{ $pages = .Pages.ByTitle }}{{ end }}
<ul>{{ range (.Paginate $pages 10).Pages }}{{ partial "item.html" . }}{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"#;

const TAXONOMY: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a>（{{ .Count }}）</li>{{ end }}</ul>
{{ end }}
"#;

const TERM: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range (.Paginate .Pages 10).Pages }}{{ partial "item.html" . }}{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"#;

const INDEX: &str = r#"{{ define "main" }}{{ .Content }}
<h2>最新案例</h2>
<ul>{{ range first 10 (where site.RegularPages "Section" "stories").ByDate.Reverse }}{{ partial "item.html" . }}{{ end }}</ul>
<h2>近期讲堂</h2>
<ul>{{ range first 5 (where (where site.RegularPages "Section" "lectures") "Date" "ge" now).ByDate }}{{ partial "item.html" . }}{{ end }}</ul>
<h2>工作室</h2>
<ul>{{ range first 12 (where site.RegularPages "Section" "workshops").ByTitle }}{{ partial "item.html" . }}{{ end }}</ul>
{{ end }}
"#;

const NOT_FOUND: &str = r#"{{ define "main" }}<h1>页面不存在</h1><p><a href="{{ "" | relURL }}">回到首页</a></p>{{ end }}
"#;

const EMPTY: &str = "";

// No newline at the end: the hook's output goes inline into the paragraph.
const RENDER_LINK: &str = r#"{{- $u := .Destination -}}
{{- if strings.HasSuffix $u ".md" -}}
{{- with $.Page.GetPage (strings.TrimSuffix ".md" (strings.TrimPrefix ".." $u)) -}}{{- $u = .RelPermalink -}}{{- end -}}
{{- end -}}
<a href="{{ $u }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>"#;
