//! What a page offers for sharing it off the web: its address as a QR code (an SVG made at
//! build time) for printouts and posters, and the picture of its chat preview card when it
//! has no cover (the site's `share_image`, else one drawn from the site's name). Pure: no IO.

use image::codecs::png::PngEncoder;
use image::{ImageEncoder, Rgb, RgbImage};
use std::fmt::Write;
use std::sync::Arc;

use qrcode::{Color, EcLevel};
use serde::Serialize;

use super::templates::escape_html;
use super::view::{LangRender, OgImage};
use crate::content::Kind;

/// The output path of the picture drawn from the site's name.
pub const GENERATED_IMAGE: &str = "share.png";
/// Its width and height in pixels: chat apps want at least 300×300.
pub const GENERATED_SIZE: u32 = 600;
/// The smallest cover that makes a preview card; a smaller one gives way to the site's picture.
pub const MIN_PREVIEW: u32 = 300;

/// The site's own picture for chat previews (`share_image` in site.yaml), as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteImage {
    /// Absolute URL.
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// The share box of a story, workshop or lecture page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ShareView {
    /// The page's absolute URL, what the QR code holds and "复制链接" copies.
    pub(crate) url: String,
    /// `None` when the site has no known host (`base_url` is a bare path).
    pub(crate) qr_svg: Option<String>,
    /// A lecture's printable poster.
    pub(crate) poster_url: Option<String>,
}

/// The share box of entry `i`, `None` for pages that have none (free pages).
pub(crate) fn share_view(r: &LangRender<'_>, i: usize) -> Option<ShareView> {
    let entry = r.entry(i);
    let poster_url = match entry.doc.kind {
        Kind::Lecture(_) => Some(r.url(&poster_path(&entry.path))),
        Kind::Story(_) | Kind::Workshop(_) => None,
        Kind::Page => return None,
    };
    let url = r.permalink_in(r.lang, &entry.path);
    Some(ShareView {
        qr_svg: absolute_qr(r, &url, r.word("share_scan")),
        url,
        poster_url,
    })
}

/// The site path of a lecture's poster: `/lectures/a/poster/`.
pub(crate) fn poster_path(lecture_path: &str) -> String {
    format!("{lecture_path}poster/")
}

/// A QR code of `url` when it is absolute (a phone cannot open a bare path); a rebuild
/// takes the previous build's code of the same URL (making one is the costly part of a
/// page's context).
pub(crate) fn absolute_qr(r: &LangRender<'_>, url: &str, label: &str) -> Option<String> {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return None;
    }
    let Some(cache) = r.inputs.cache else {
        return qr_svg(url, label);
    };
    if let Some(svg) = cache.qr_code(url, label) {
        return Some(svg.to_string());
    }
    let svg: Arc<str> = qr_svg(url, label)?.into();
    cache.keep_qr_code(url, label, &svg);
    Some(svg.to_string())
}

/// `text` as an inline `<svg class="qr">` QR code, one unit per module with the quiet zone
/// of 4 modules around it (the stylesheet gives its size); `None` when the text is too long
/// for a QR code. The dark modules of each row are drawn as runs, which keeps the SVG small
/// (it is inlined in every page that shares).
pub fn qr_svg(text: &str, label: &str) -> Option<String> {
    const QUIET: usize = 4;
    let (colors, width) = super::qr::modules(text.as_bytes(), EcLevel::M)?;
    let size = width + 2 * QUIET;
    let mut path = String::with_capacity(width * width);
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Light {
                x += 1;
                continue;
            }
            let run = row[x..].iter().take_while(|&&c| c == Color::Dark).count();
            let _ = write!(path, "M{} {}h{run}v1h-{run}z", x + QUIET, y + QUIET);
            x += run;
        }
    }
    Some(format!(
        "<svg class=\"qr\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>",
        escape_html(label)
    ))
}

/// The `og:image` of a page without a usable cover: the site's picture, else the one drawn
/// from its name.
pub(crate) fn site_og_image(r: &LangRender<'_>) -> OgImage {
    match r.inputs.share_image {
        Some(image) => OgImage {
            url: image.url.clone(),
            width: Some(image.width),
            height: Some(image.height),
        },
        None => OgImage {
            url: r.inputs.base_url.permalink(GENERATED_IMAGE),
            width: Some(GENERATED_SIZE),
            height: Some(GENERATED_SIZE),
        },
    }
}

/// Whether a cover's `og:image` makes a preview card: an image of known size, at least
/// `MIN_PREVIEW` pixels each way.
pub(crate) fn fits_preview(og: &OgImage) -> bool {
    matches!((og.width, og.height), (Some(w), Some(h)) if w >= MIN_PREVIEW && h >= MIN_PREVIEW)
}

/// The preview picture drawn from the site's name, as PNG bytes: a symmetric pattern of
/// light squares on the theme's red, different for every name. It draws no text, so it
/// needs no font on the machine that builds.
pub fn generated_image(site_title: &str) -> Vec<u8> {
    const RED: Rgb<u8> = Rgb([0xb7, 0x1c, 0x1c]);
    const GOLD: Rgb<u8> = Rgb([0xf6, 0xc3, 0x4a]);
    const CREAM: Rgb<u8> = Rgb([0xff, 0xf3, 0xe0]);
    let bits = xxhash_rust::xxh3::xxh3_64(site_title.as_bytes());
    let size = GENERATED_SIZE;
    let cell = size / 8;
    let pixels = RgbImage::from_fn(size, size, |x, y| {
        let frame = cell / 3;
        if x < frame || y < frame || x >= size - frame || y >= size - frame {
            return GOLD;
        }
        // A 5×5 grid, mirrored left to right, inside a margin of 1.5 cells.
        let margin = cell + cell / 2;
        if x < margin || y < margin || x >= size - margin || y >= size - margin {
            return RED;
        }
        let (col, row) = (((x - margin) / cell).min(4), ((y - margin) / cell).min(4));
        let col = col.min(4 - col);
        if bits >> (row * 3 + col) & 1 == 1 {
            CREAM
        } else {
            RED
        }
    });
    let mut png = Vec::new();
    PngEncoder::new(&mut png)
        .write_image(pixels.as_raw(), size, size, image::ExtendedColorType::Rgb8)
        .expect("encoding an RGB image into memory cannot fail");
    png
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_codes_are_inline_svg_with_a_label() {
        let svg = qr_svg("https://example.org/changxin/stories/a/", "扫码<打开>").unwrap();
        assert!(svg.starts_with("<svg class=\"qr\" role=\"img\" aria-label=\"扫码&lt;打开&gt;\""));
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("<?xml"));
    }

    #[test]
    fn the_generated_picture_is_a_600_pixel_png_that_depends_on_the_name() {
        let a = generated_image("长欣社区“红色微家”");
        let b = generated_image("金宁社区");
        assert_eq!(&a[1..4], b"PNG");
        let decoded = image::load_from_memory(&a).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (600, 600));
        assert_ne!(a, b);
        assert_eq!(a, generated_image("长欣社区“红色微家”"));
    }

    #[test]
    fn small_or_unsized_covers_give_way_to_the_site_picture() {
        let og = |w, h| OgImage {
            url: String::new(),
            width: w,
            height: h,
        };
        assert!(fits_preview(&og(Some(960), Some(640))));
        assert!(fits_preview(&og(Some(300), Some(300))));
        assert!(!fits_preview(&og(Some(480), Some(200))));
        assert!(!fits_preview(&og(None, None)));
    }
}
