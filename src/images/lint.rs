//! Warnings about source photos for `check`. Pure: no IO.

use super::ImageInfo;
use crate::diagnostics::{Diagnostic, Span};

/// A source photo larger than this (10 MB) is worth shrinking before it goes into the site.
pub const MAX_PHOTO_BYTES: u64 = 10 * 1024 * 1024;

/// Warnings for one source image (`source_rel` is its path relative to the site root):
/// `image.too-large` when the file is over `MAX_PHOTO_BYTES`.
pub fn lint(info: &ImageInfo, source_rel: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if info.bytes > MAX_PHOTO_BYTES {
        found.push(too_large(info, source_rel));
    }
    found
}

fn too_large(info: &ImageInfo, source_rel: &str) -> Diagnostic {
    let mb = info.bytes as f64 / (1024.0 * 1024.0);
    let (w, h) = info.display_size();
    Diagnostic::warning(
        "image.too-large",
        Span::file(source_rel),
        format!(
            "照片有 {mb:.1} MB（{w}×{h} 像素），超过 10 MB：网页上的尺寸会自动生成，但原图会让站点文件夹变大、构建变慢"
        ),
    )
    .with_hint("请先把照片缩小到 10 MB 以内（例如长边不超过 4000 像素、JPEG 质量 85）再放进站点")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::SourceFormat;

    fn photo(bytes: u64) -> ImageInfo {
        ImageInfo {
            format: SourceFormat::Jpeg,
            width: 6000,
            height: 4000,
            orientation: 6,
            has_alpha: false,
            bytes,
            hash: String::new(),
        }
    }

    #[test]
    fn photo_over_10_mb_is_a_warning_naming_the_file() {
        let found = lint(&photo(12 * 1024 * 1024), "content/stories/a/photo.jpg");
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert!(!d.is_error());
        assert_eq!(d.code, "image.too-large");
        insta::assert_snapshot!(d.render_text(), @r"
        content/stories/a/photo.jpg: 警告：照片有 12.0 MB（4000×6000 像素），超过 10 MB：网页上的尺寸会自动生成，但原图会让站点文件夹变大、构建变慢
          = 建议：请先把照片缩小到 10 MB 以内（例如长边不超过 4000 像素、JPEG 质量 85）再放进站点
        ");
    }

    #[test]
    fn photo_of_10_mb_or_less_is_fine() {
        assert!(lint(&photo(MAX_PHOTO_BYTES), "a.jpg").is_empty());
        assert!(lint(&photo(5_000_000), "a.jpg").is_empty());
    }
}
