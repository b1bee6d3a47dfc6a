//! Heading ids that keep Chinese (`## 活动目标` → `id="活动目标"`), made from
//! the heading as displayed (converted), unique in the page; an explicit
//! `{#id}` is kept. Each heading is recorded as a [`Heading`].

use std::collections::{HashMap, HashSet, VecDeque};

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Heading;

/// Gives every heading an id and records it.
pub(super) struct Headings<'a, 'r, I> {
    inner: I,
    found: &'r mut Vec<Heading>,
    ids: Ids,
    /// A whole heading, once read, on its way out.
    ready: VecDeque<Event<'a>>,
}

impl<'a, 'r, I: Iterator<Item = Event<'a>>> Headings<'a, 'r, I> {
    pub(super) fn new(inner: I, found: &'r mut Vec<Heading>) -> Self {
        Headings {
            inner,
            found,
            ids: Ids::default(),
            ready: VecDeque::new(),
        }
    }

    fn heading(&mut self, tag: Tag<'a>) {
        let Tag::Heading {
            level,
            id,
            classes,
            attrs,
        } = tag
        else {
            return;
        };
        let inner = self.read_to_end();
        let text = displayed_text(&inner);
        let id = match id {
            Some(explicit) => self.ids.keep(&explicit),
            None => self.ids.unique(slug(&text)),
        };
        self.found.push(Heading {
            level: level as u8,
            id: id.clone(),
            text,
        });
        self.ready.push_back(Event::Start(Tag::Heading {
            level,
            id: Some(id.into()),
            classes,
            attrs,
        }));
        self.ready.extend(inner);
    }

    /// The events of the heading up to and including its end.
    fn read_to_end(&mut self) -> Vec<Event<'a>> {
        let mut events = Vec::new();
        for event in self.inner.by_ref() {
            let end = matches!(event, Event::End(TagEnd::Heading(_)));
            events.push(event);
            if end {
                break;
            }
        }
        events
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Headings<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.ready.pop_front() {
            return Some(event);
        }
        match self.inner.next()? {
            Event::Start(tag @ Tag::Heading { .. }) => {
                self.heading(tag);
                self.ready.pop_front()
            }
            other => Some(other),
        }
    }
}

/// The text a reader sees in the heading's events.
fn displayed_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// `Hello 长欣 World！` → `hello-长欣-world`: letters and digits kept (ASCII
/// lower-cased, Chinese as it is), runs of spaces and dashes one `-`,
/// punctuation dropped. `section` when nothing is left.
pub(super) fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() || c == '-' {
            dash = true;
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// The ids already used in the page.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    /// The next suffix to try for a repeated base, so repeats stay linear.
    next_suffix: HashMap<String, usize>,
}

impl Ids {
    /// `base`, or `base-1`, `base-2`… whichever is free first.
    fn unique(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let suffix = self.next_suffix.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{suffix}");
            *suffix += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// An id the author wrote: kept as written, and never generated again.
    fn keep(&mut self, explicit: &str) -> String {
        self.used.insert(explicit.to_string());
        explicit.to_string()
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::Parser;

    use super::*;
    use crate::markdown::render::options;

    fn run(markdown: &str) -> (String, Vec<Heading>) {
        let mut found = Vec::new();
        let mut html = String::new();
        let events = Headings::new(Parser::new_ext(markdown, options()), &mut found);
        pulldown_cmark::html::push_html(&mut html, events);
        (html, found)
    }

    #[test]
    fn slugs_keep_chinese_and_drop_punctuation() {
        let cases = [
            ("活动目标", "活动目标"),
            ("一、工作室简介", "一工作室简介"),
            ("2023年 “红色微家” 成立", "2023年-红色微家-成立"),
            ("Changxin Community Lecture", "changxin-community-lecture"),
            ("Q&A：居民问答", "qa居民问答"),
            ("  前后  空格 - 和 -- 破折号 ", "前后-空格-和-破折号"),
            ("snake_case 名称", "snake_case-名称"),
            ("——！", "section"),
        ];
        for (text, want) in cases {
            assert_eq!(slug(text), want, "{text:?}");
        }
    }

    #[test]
    fn ids_are_unique_in_the_page() {
        let (_, found) =
            run("## 活动\n\n## 活动\n\n### 活动\n\n## 活动-1\n\n## 其他 {#活动-3}\n\n## 活动");
        let ids: Vec<_> = found.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["活动", "活动-1", "活动-2", "活动-1-1", "活动-3", "活动-4"]
        );
    }

    #[test]
    fn heading_records_level_text_and_id() {
        let (html, found) = run("# 长欣社区 *红色微家*\n\n## 运行 `tongwen` {#run}");
        assert_eq!(
            html,
            "<h1 id=\"长欣社区-红色微家\">长欣社区 <em>红色微家</em></h1>\n\
             <h2 id=\"run\">运行 <code>tongwen</code></h2>\n"
        );
        assert_eq!(
            found,
            [
                Heading {
                    level: 1,
                    id: "长欣社区-红色微家".into(),
                    text: "长欣社区 红色微家".into(),
                },
                Heading {
                    level: 2,
                    id: "run".into(),
                    text: "运行 tongwen".into(),
                },
            ]
        );
    }

    #[test]
    fn markup_in_ids_is_escaped() {
        let (html, _) = run("## 标题 {#a\"b}");
        assert!(html.starts_with("<h2 id=\"a&quot;b\">"), "{html}");
    }
}
