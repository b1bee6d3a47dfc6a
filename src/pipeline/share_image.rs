//! The site's picture for chat previews (`share_image` in site.yaml): found among the
//! site's static files and published through the image stage like a cover. Pure: no IO.

use crate::diagnostics::{Diagnostic, Span};
use crate::render::share::{MIN_PREVIEW, SiteImage};
use crate::render::{ImageResolver, share};
use crate::site::Site;
use crate::source::SiteInput;

use super::files::{FileKind, Lookup, SiteFiles};

/// The published picture, or `None` (the one drawn from the site's name): when site.yaml
/// names none, or names a file that is missing (an error), not a photo, or smaller than
/// `MIN_PREVIEW` pixels either way (warnings).
pub(super) fn resolve(
    input: &SiteInput,
    site: &Site,
    files: &SiteFiles<'_>,
    resolver: &dyn ImageResolver,
    found: &mut Vec<Diagnostic>,
) -> Option<SiteImage> {
    let written = site.config.share_image.as_deref()?;
    let span = span(input, written);
    let rooted = format!("/{written}");
    match files.lookup(crate::config::CONFIG_FILE, &rooted) {
        Lookup::Missing(_) => {
            found.push(
                Diagnostic::error(
                    "config.share-image-missing",
                    span,
                    format!("`share_image` 指向的图片 static/{written} 不存在"),
                )
                .with_hint("把图片放进网站的 static/ 文件夹，这里写它在 static/ 里的路径，例如 `share_image: images/share.jpg`"),
            );
            return None;
        }
        Lookup::Found(_, file) if file.kind == FileKind::Other => {
            found.push(not_usable(
                span,
                written,
                "不是 JPEG、PNG、WebP 或 GIF 图片",
            ));
            return None;
        }
        Lookup::Found(..) => {}
    }
    // The image stage publishes it like a cover; any entry serves, as the path is rooted.
    let entry = site.entries.first()?;
    let cover = resolver.cover(entry, &rooted)?;
    if cover.width < MIN_PREVIEW || cover.height < MIN_PREVIEW {
        let why = format!(
            "只有 {}×{} 像素，聊天软件要求至少 {MIN_PREVIEW}×{MIN_PREVIEW}",
            cover.width, cover.height
        );
        found.push(not_usable(span, written, &why));
        return None;
    }
    Some(SiteImage {
        url: cover.og_url,
        width: cover.width,
        height: cover.height,
    })
}

fn not_usable(span: Span, written: &str, why: &str) -> Diagnostic {
    Diagnostic::warning(
        "config.share-image-unusable",
        span,
        format!(
            "`share_image` 指向的 static/{written} {why}，分享卡片改用自动生成的图片（{}）",
            share::GENERATED_IMAGE
        ),
    )
    .with_hint("换一张至少 300×300 像素的 JPEG 或 PNG 照片")
}

/// The place of `share_image:` in site.yaml.
fn span(input: &SiteInput, written: &str) -> Span {
    let file = crate::config::CONFIG_FILE;
    let Some(text) = input.config.as_ref().map(|f| &*f.text) else {
        return Span::file(file);
    };
    text.lines()
        .enumerate()
        .find(|(_, line)| line.trim_start().starts_with("share_image") || line.contains(written))
        .map_or_else(
            || Span::file(file),
            |(n, line)| {
                let col = line
                    .find(written)
                    .map_or(1, |b| line[..b].chars().count() + 1);
                Span::new(file, n + 1, col)
            },
        )
}
