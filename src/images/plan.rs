//! Which files one photo becomes, and the `<img>` that shows them: widths (never upscaled),
//! output paths, formats and cache keys, all from the probed `ImageInfo`. Pure: no IO.

use std::fmt::Write as _;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::{ImageInfo, SourceFormat};
use crate::config::ImageSettings;

/// Bumped whenever the processing changes its output for the same input and settings
/// (orientation handling, filter, encoder), so that every cached rendition is made again.
/// 2: WebP and GIF published whole keep their own format.
pub const PIPELINE_VERSION: u32 = 2;

/// The width of the rendition used for `og:image` link previews (chat apps ask for ≥ 1200).
pub const OG_WIDTH: u32 = 1200;

/// What a rendition is encoded as. No metadata of the original survives in any of them.
///
/// Resized renditions (`srcset`, `og:image`) are re-encoded from the pixels: JPEG stays JPEG
/// (at the site's quality) and PNG stays PNG. WebP becomes JPEG, or PNG when it has
/// transparency: the `image` crate encodes WebP only losslessly, which makes photos several
/// times larger than a JPEG. GIF becomes a PNG of its first frame (a PNG keeps the palette's
/// colours exactly).
///
/// A WebP or GIF published whole (at its own path, so under its own name) stays `Webp` or
/// `Gif`: its image data is kept byte for byte (animation and lossy quality survive) and only
/// its metadata blocks are dropped. A WebP that must be turned upright is decoded, turned
/// and encoded again as a lossless WebP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutputFormat {
    Jpeg,
    Png,
    Webp,
    Gif,
}

impl OutputFormat {
    /// The format of a source image's resized renditions (see the type's documentation).
    pub fn for_source(info: &ImageInfo) -> OutputFormat {
        match info.format {
            SourceFormat::Jpeg => OutputFormat::Jpeg,
            SourceFormat::Png | SourceFormat::Gif => OutputFormat::Png,
            SourceFormat::Webp if info.has_alpha => OutputFormat::Png,
            SourceFormat::Webp => OutputFormat::Jpeg,
        }
    }

    /// The format of a source image published whole, at its own path: the source's own.
    pub fn for_whole(info: &ImageInfo) -> OutputFormat {
        match info.format {
            SourceFormat::Jpeg => OutputFormat::Jpeg,
            SourceFormat::Png => OutputFormat::Png,
            SourceFormat::Webp => OutputFormat::Webp,
            SourceFormat::Gif => OutputFormat::Gif,
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Jpeg => "jpg",
            OutputFormat::Png => "png",
            OutputFormat::Webp => "webp",
            OutputFormat::Gif => "gif",
        }
    }
}

/// One file made from a source image.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rendition {
    /// The path under the output folder, `stories/changxin/photo-480.jpg`.
    pub output_path: String,
    /// Pixel width of the file, upright.
    pub width: u32,
    /// Pixel height of the file, upright (aspect ratio of the original, rounded).
    pub height: u32,
    pub format: OutputFormat,
}

/// Everything a page needs to show one photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImagePlan {
    pub info: ImageInfo,
    pub quality: u8,
    /// The renditions listed in `srcset`, narrowest first; never empty.
    pub renditions: Vec<Rendition>,
    /// The `og:image` rendition, when asked for. It may also be one of `renditions`.
    pub og: Option<Rendition>,
}

/// The work `process` does for one source image: decode it once, make every rendition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageJob {
    /// Where to read the image from.
    pub source: PathBuf,
    /// The path relative to the site root, `content/stories/changxin/photo.jpg`, for messages.
    pub source_rel: String,
    /// The probed facts; `info.hash` identifies the content.
    pub info: ImageInfo,
    /// Every file to make, `srcset` and `og:image` renditions alike, without duplicates.
    pub renditions: Vec<Rendition>,
    /// JPEG quality, 1–100.
    pub quality: u8,
}

/// Plans the renditions of one photo. `output_stem` is the page's output folder and the file
/// stem, `stories/changxin/photo`; it must be unique per source image (the caller chooses it).
///
/// There is one rendition per configured width that the photo is wider than, and one at the
/// photo's own width when that is narrower than the widest configured width, so a photo is
/// never upscaled and the largest file is never larger than the original. With `want_og`,
/// there is also an `og:image` rendition `OG_WIDTH` wide (or the photo's width, if narrower).
pub fn plan_image(
    info: &ImageInfo,
    output_stem: &str,
    settings: &ImageSettings,
    want_og: bool,
) -> ImagePlan {
    let format = OutputFormat::for_source(info);
    let rendition = |width| rendition_at(info, output_stem, format, width);
    let renditions: Vec<Rendition> = target_widths(info, &settings.widths)
        .into_iter()
        .map(rendition)
        .collect();
    let og = want_og.then(|| {
        let width = OG_WIDTH.min(display_width(info));
        renditions
            .iter()
            .find(|r| r.width == width)
            .cloned()
            .unwrap_or_else(|| rendition(width))
    });
    ImagePlan {
        info: info.clone(),
        quality: settings.quality.clamp(1, 100),
        renditions,
        og,
    }
}

/// Widths to make, ascending and without duplicates: `min(w, display width)` for each
/// configured width, or the display width alone when none is configured.
fn target_widths(info: &ImageInfo, widths: &[u32]) -> Vec<u32> {
    let full = display_width(info);
    let mut targets: Vec<u32> = widths
        .iter()
        .filter(|&&w| w > 0)
        .map(|&w| w.min(full))
        .collect();
    if targets.is_empty() {
        targets.push(full);
    }
    targets.sort_unstable();
    targets.dedup();
    targets
}

fn display_width(info: &ImageInfo) -> u32 {
    info.display_size().0.max(1)
}

fn rendition_at(info: &ImageInfo, stem: &str, format: OutputFormat, width: u32) -> Rendition {
    let (full_w, full_h) = info.display_size();
    let height = scaled_height(full_w.max(1), full_h.max(1), width);
    Rendition {
        output_path: format!("{stem}-{width}.{}", format.extension()),
        width,
        height,
        format,
    }
}

/// The height that keeps the aspect ratio at `width`, rounded to the nearest pixel, at least 1.
fn scaled_height(full_w: u32, full_h: u32, width: u32) -> u32 {
    let h = (u64::from(width) * u64::from(full_h) + u64::from(full_w) / 2) / u64::from(full_w);
    u32::try_from(h).unwrap_or(u32::MAX).max(1)
}

impl ImagePlan {
    /// The rendition in `src` (and in `width`/`height`): the widest one.
    pub fn fallback(&self) -> &Rendition {
        self.renditions
            .last()
            .expect("plan_image always makes at least one rendition")
    }

    /// The URL of a rendition: `base` (`/changxin/`, with or without the final slash) followed
    /// by its output path, percent-encoded where a URL in `srcset` would break.
    pub fn url(base: &str, rendition: &Rendition) -> String {
        let base = base.trim_end_matches('/');
        format!("{base}/{}", encode_path(&rendition.output_path))
    }

    /// The `<img>` element: `src`, `srcset` (every rendition with its `w` descriptor),
    /// `sizes`, `width`, `height`, `alt`, `loading="lazy"`, `decoding="async"`. `alt` is the
    /// text as it reads in the page's script; every attribute value is escaped.
    pub fn img_html(&self, base: &str, alt: &str, sizes: &str) -> String {
        let fallback = self.fallback();
        let mut srcset = String::new();
        for (i, r) in self.renditions.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            let _ = write!(srcset, "{sep}{} {}w", ImagePlan::url(base, r), r.width);
        }
        format!(
            r#"<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="lazy" decoding="async">"#,
            escape_attr(&ImagePlan::url(base, fallback)),
            escape_attr(&srcset),
            escape_attr(sizes),
            fallback.width,
            fallback.height,
            escape_attr(alt),
        )
    }

    /// The job that makes every file of this plan (`srcset` and `og:image`).
    pub fn job(&self, source: PathBuf, source_rel: impl Into<String>) -> ImageJob {
        let mut renditions = self.renditions.clone();
        if let Some(og) = &self.og
            && !renditions.contains(og)
        {
            renditions.push(og.clone());
        }
        ImageJob {
            source,
            source_rel: source_rel.into(),
            info: self.info.clone(),
            renditions,
            quality: self.quality,
        }
    }
}

impl ImageJob {
    /// The name of a rendition's file in the cache folder: `<key>.<ext>`, where the key hashes
    /// the image's content, the rendition's size and format, the JPEG quality and
    /// `PIPELINE_VERSION`. The output path is not part of it: two pages showing the same photo
    /// share the files.
    pub fn cache_name(&self, rendition: &Rendition) -> String {
        cache_name(&self.info.hash, rendition, self.quality)
    }
}

fn cache_name(content_hash: &str, r: &Rendition, quality: u8) -> String {
    // Quality changes only JPEG output, so a PNG stays cached when it changes.
    let quality = match r.format {
        OutputFormat::Jpeg => quality,
        OutputFormat::Png | OutputFormat::Webp | OutputFormat::Gif => 0,
    };
    let ext = r.format.extension();
    let key = format!(
        "tongwen-image/{PIPELINE_VERSION}/{content_hash}/{}x{}/{ext}/{quality}",
        r.width, r.height
    );
    let digest = Sha256::digest(key.as_bytes());
    let mut name = String::with_capacity(40);
    for byte in &digest[..16] {
        let _ = write!(name, "{byte:02x}");
    }
    format!("{name}.{ext}")
}

/// Whether `name` is the name `cache_name` gives a file (32 lowercase hex digits, a dot, an
/// output format's extension): only such files of the cache folder are ever pruned.
pub fn is_cache_name(name: &str) -> bool {
    let Some((key, ext)) = name.split_once('.') else {
        return false;
    };
    key.len() == 32
        && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && ["jpg", "png", "webp", "gif"].contains(&ext)
}

/// Percent-encodes everything but unreserved ASCII and `/`: spaces and commas would split a
/// `srcset` candidate, and Chinese file names stay valid URLs on every host.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
