//! Pixel work for `process`: one rendition from decoded pixels. Resize in the stored
//! orientation (cheaper than rotating the full photo first), turn upright, encode with no
//! metadata at all: the `image` encoders write only the pixels (JFIF APP0 for JPEG; IHDR,
//! IDAT, IEND for PNG) unless told to add a profile or EXIF, which tongwen never does.

use std::borrow::Cow;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageResult};

use crate::images::plan::{OutputFormat, Rendition};

/// The encoded bytes of `rendition`, made from the decoded source `image` whose EXIF
/// orientation is `orientation`.
pub(super) fn render(
    image: &DynamicImage,
    orientation: u8,
    rendition: &Rendition,
    quality: u8,
) -> ImageResult<Vec<u8>> {
    let orientation = Orientation::from_exif(orientation).unwrap_or(Orientation::NoTransforms);
    let (w, h) = stored_size(orientation, rendition);
    let mut pixels = resize(image, w, h).into_owned();
    pixels.apply_orientation(orientation);
    encode(&pixels, rendition.format, quality)
}

/// The rendition's size before the orientation is applied: swapped for quarter turns.
fn stored_size(orientation: Orientation, r: &Rendition) -> (u32, u32) {
    match orientation {
        Orientation::Rotate90
        | Orientation::Rotate270
        | Orientation::Rotate90FlipH
        | Orientation::Rotate270FlipH => (r.height, r.width),
        _ => (r.width, r.height),
    }
}

fn resize(image: &DynamicImage, w: u32, h: u32) -> Cow<'_, DynamicImage> {
    if image.width() == w && image.height() == h {
        Cow::Borrowed(image)
    } else {
        Cow::Owned(image.resize_exact(w, h, FilterType::Lanczos3))
    }
}

fn encode(pixels: &DynamicImage, format: OutputFormat, quality: u8) -> ImageResult<Vec<u8>> {
    let mut out = Vec::new();
    match format {
        OutputFormat::Jpeg => {
            let encoder = JpegEncoder::new_with_quality(&mut out, quality.clamp(1, 100));
            match pixels {
                DynamicImage::ImageLuma8(_) | DynamicImage::ImageRgb8(_) => {
                    pixels.write_with_encoder(encoder)?
                }
                DynamicImage::ImageLuma16(_) | DynamicImage::ImageLumaA8(_) => {
                    DynamicImage::ImageLuma8(pixels.to_luma8()).write_with_encoder(encoder)?
                }
                _ => DynamicImage::ImageRgb8(pixels.to_rgb8()).write_with_encoder(encoder)?,
            }
        }
        OutputFormat::Png => {
            let encoder =
                PngEncoder::new_with_quality(&mut out, CompressionType::Default, PngFilter::Adaptive);
            // 16-bit and float pixels become 8-bit: nothing a screen shows is lost, the file halves.
            match pixels {
                DynamicImage::ImageLuma8(_)
                | DynamicImage::ImageLumaA8(_)
                | DynamicImage::ImageRgb8(_)
                | DynamicImage::ImageRgba8(_) => pixels.write_with_encoder(encoder)?,
                _ if pixels.color().has_alpha() => {
                    DynamicImage::ImageRgba8(pixels.to_rgba8()).write_with_encoder(encoder)?
                }
                _ => DynamicImage::ImageRgb8(pixels.to_rgb8()).write_with_encoder(encoder)?,
            }
        }
    }
    Ok(out)
}
