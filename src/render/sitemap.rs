//! `sitemap.xml` (sitemaps.org 0.9, with hreflang alternates) and `robots.txt`. Pure: no IO.

use crate::content::When;

use super::feeds::{escape_xml, w3c_date};

/// One `<url>`: a page in one language, with the same page in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapUrl {
    /// Absolute URL of the page.
    pub loc: String,
    /// When the page last changed (a story's date); `None`: unknown. A date written without
    /// a time is given as the date alone (`2024-05-01`), which W3C Datetime allows.
    pub lastmod: Option<When>,
    /// Every language version, this one included, and `x-default`
    /// (Google asks for the full set on each URL).
    pub alternates: Vec<Alternate>,
}

/// `<xhtml:link rel="alternate" hreflang href>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternate {
    /// `zh-Hans`, `zh-Hant` or `x-default`.
    pub hreflang: String,
    /// Absolute URL.
    pub href: String,
}

/// The whole sitemap, URLs in the order given. A site needs a sitemap index only past
/// 50 000 URLs, far beyond a community site.
pub fn render(urls: &[SitemapUrl]) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(concat!(
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
        " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    ));
    for url in urls {
        render_url(&mut out, url);
    }
    out.push_str("</urlset>\n");
    out
}

fn render_url(out: &mut String, url: &SitemapUrl) {
    out.push_str("  <url>\n");
    out.push_str(&format!("    <loc>{}</loc>\n", escape_xml(&url.loc)));
    if let Some(lastmod) = &url.lastmod {
        out.push_str(&format!("    <lastmod>{}</lastmod>\n", w3c_date(lastmod)));
    }
    for alternate in &url.alternates {
        out.push_str(&format!(
            "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
            escape_xml(&alternate.hreflang),
            escape_xml(&alternate.href)
        ));
    }
    out.push_str("  </url>\n");
}

/// `robots.txt`: every crawler may read everything; the sitemap's absolute URL when the
/// site has one (a `Sitemap:` line must be absolute). Crawlers read it only at the root of
/// a host, so a site under a path (`/changxin/`) needs the host's own robots.txt to point
/// at this sitemap.
pub fn robots(sitemap_url: Option<&str>) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if let Some(url) = sitemap_url {
        let url: String = url.chars().filter(|c| !c.is_control()).collect();
        out.push_str(&format!("\nSitemap: {url}\n"));
    }
    out
}
