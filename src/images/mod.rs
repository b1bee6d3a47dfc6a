//! Photos: `probe` reads what a source file is [IO, cheap], `plan` decides the renditions and
//! writes the `<img>` (pure), `process` decodes, turns upright, resizes and re-encodes them
//! without any metadata into a cache [IO, parallel] (`prune` empties it of files a build no
//! longer uses), and `lint` warns about heavy photos (pure).

mod lint;
pub mod plan;
mod probe;
pub mod process;

pub use lint::{MAX_PHOTO_BYTES, lint};
pub use plan::{ImageJob, ImagePlan, OutputFormat, Rendition, plan_image};
pub use probe::{IMAGE_EXTENSIONS, ProbeCache, is_image_path, probe};
pub use process::{ProcessReport, process, prune};

/// The formats tongwen reads. Anything else is refused by `probe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceFormat {
    Jpeg,
    Png,
    Webp,
    Gif,
}

impl SourceFormat {
    /// The name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Jpeg => "JPEG",
            SourceFormat::Png => "PNG",
            SourceFormat::Webp => "WebP",
            SourceFormat::Gif => "GIF",
        }
    }
}

/// What `probe` learns about a source image without decoding its pixels.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageInfo {
    pub format: SourceFormat,
    /// Pixel width as stored in the file (before the EXIF orientation).
    pub width: u32,
    /// Pixel height as stored in the file (before the EXIF orientation).
    pub height: u32,
    /// EXIF orientation, 1..=8 (1 when the file has none).
    pub orientation: u8,
    /// The pixels carry transparency (an alpha channel).
    pub has_alpha: bool,
    /// File size in bytes.
    pub bytes: u64,
    /// SHA-256 of the file's bytes, lowercase hex: the image's identity in the cache.
    pub hash: String,
}

impl ImageInfo {
    /// Width and height as the photo is seen: swapped for orientations 5–8 (quarter turns).
    pub fn display_size(&self) -> (u32, u32) {
        if (5..=8).contains(&self.orientation) {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(orientation: u8) -> ImageInfo {
        ImageInfo {
            format: SourceFormat::Jpeg,
            width: 4000,
            height: 3000,
            orientation,
            has_alpha: false,
            bytes: 1,
            hash: String::new(),
        }
    }

    #[test]
    fn display_size_swaps_for_quarter_turns_only() {
        for o in 1..=4 {
            assert_eq!(info(o).display_size(), (4000, 3000), "orientation {o}");
        }
        for o in 5..=8 {
            assert_eq!(info(o).display_size(), (3000, 4000), "orientation {o}");
        }
    }
}
