//! A page's own template context, kept as typed values until the page must be rendered: a
//! rebuild hashes the values straight from their types, and builds Tera's context only for
//! a page whose key it has not seen. Pure: no IO.

use serde::Serialize;
use tera::Context;

use super::cache::KeyBuilder;

/// The values a page's template sees besides what every page shares, by name.
#[derive(Default)]
pub(crate) struct PageContext {
    parts: Vec<(&'static str, Box<dyn erased_serde::Serialize>)>,
}

impl PageContext {
    pub(crate) fn insert(&mut self, name: &'static str, value: impl Serialize + 'static) {
        self.parts.push((name, Box::new(value)));
    }

    /// `key` followed by every value, each as its JSON text.
    pub(crate) fn key(&self, mut key: KeyBuilder) -> KeyBuilder {
        for (name, value) in &self.parts {
            key = key.text(name).json(&**value);
        }
        key
    }

    /// Tera's context; `body_html`, when given, becomes `page.body_html`.
    pub(crate) fn into_tera(self, body_html: Option<&str>) -> Context {
        let mut context = Context::new();
        for (name, value) in self.parts {
            match (name, body_html) {
                ("page", Some(html)) => context.insert(name, &with_body(&*value, html)),
                _ => context.insert(name, &*value),
            }
        }
        context
    }
}

/// A page view as JSON with its `body_html` set.
fn with_body(view: &dyn erased_serde::Serialize, html: &str) -> serde_json::Value {
    let mut value = serde_json::to_value(view).unwrap_or_default();
    if let Some(fields) = value.as_object_mut() {
        fields.insert("body_html".into(), html.into());
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct View {
        title: &'static str,
        body_html: String,
    }

    fn page() -> PageContext {
        let mut context = PageContext::default();
        context.insert("nav_current", "stories");
        context.insert(
            "page",
            View {
                title: "长欣",
                body_html: String::new(),
            },
        );
        context
    }

    #[test]
    fn the_body_goes_into_the_page_view() {
        let context = page().into_tera(Some("<p>正文</p>"));
        let json = context.into_json();
        assert_eq!(json["page"]["body_html"], "<p>正文</p>");
        assert_eq!(json["page"]["title"], "长欣");
        assert_eq!(json["nav_current"], "stories");
    }

    #[test]
    fn keys_follow_the_values() {
        let key = |context: &PageContext| context.key(KeyBuilder::default()).finish();
        let mut other = page();
        other.insert("story", 1);
        assert_eq!(key(&page()), key(&page()));
        assert_ne!(key(&page()), key(&other));
    }
}
