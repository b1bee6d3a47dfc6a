//! [IO] Reads a source image's format, stored size, EXIF orientation and content hash,
//! from its headers only: the pixels are decoded later, by `process`, and only when needed.

use std::fmt::Write as _;
use std::io::Cursor;
use std::path::Path;

use image::{ImageDecoder, ImageFormat, ImageReader};
use sha2::{Digest, Sha256};

use super::{ImageInfo, SourceFormat};
use crate::error::Error;

/// Probes the image at `path`. The whole file is read once, to hash it (SHA-256, a few
/// milliseconds for a 5 MB photo); the decoder reads only the headers.
/// A missing file is `Error::Io`; an unsupported or unreadable one is `Error::Image`.
pub fn probe(path: &Path) -> Result<ImageInfo, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    probe_bytes(&bytes).map_err(|message| Error::Image {
        path: path.display().to_string(),
        message,
    })
}

/// Probes an image held in memory; `Err` is the message for the user.
pub(crate) fn probe_bytes(bytes: &[u8]) -> Result<ImageInfo, String> {
    let format = source_format(bytes)?;
    let reader = ImageReader::with_format(Cursor::new(bytes), to_image_format(format));
    let mut decoder = reader.into_decoder().map_err(|e| unreadable(format, &e))?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(format!("{} 文件的尺寸为 0，无法使用", format.name()));
    }
    // A broken EXIF block must not lose the photo: it is shown as stored.
    let orientation = decoder.orientation().map_or(1, |o| o.to_exif());
    Ok(ImageInfo {
        format,
        width,
        height,
        orientation,
        has_alpha: decoder.color_type().has_alpha(),
        bytes: bytes.len() as u64,
        hash: content_hash(bytes),
    })
}

/// The format, from the file's first bytes (an extension can lie: a `.jpg` saved as PNG).
pub(crate) fn source_format(bytes: &[u8]) -> Result<SourceFormat, String> {
    match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => Ok(SourceFormat::Jpeg),
        Ok(ImageFormat::Png) => Ok(SourceFormat::Png),
        Ok(ImageFormat::WebP) => Ok(SourceFormat::Webp),
        Ok(ImageFormat::Gif) => Ok(SourceFormat::Gif),
        Ok(other) => Err(format!(
            "不支持 {} 格式的图片，请另存为 JPEG 或 PNG 后再使用",
            other.extensions_str().first().copied().unwrap_or("?")
        )),
        Err(_) => Err(
            "无法识别的图片文件（文件可能已损坏，或并非图片）：请用看图软件打开确认，另存为 JPEG 或 PNG 后再使用"
                .to_string(),
        ),
    }
}

pub(crate) fn to_image_format(format: SourceFormat) -> ImageFormat {
    match format {
        SourceFormat::Jpeg => ImageFormat::Jpeg,
        SourceFormat::Png => ImageFormat::Png,
        SourceFormat::Webp => ImageFormat::WebP,
        SourceFormat::Gif => ImageFormat::Gif,
    }
}

/// The message for a file whose format is known but whose content cannot be read.
pub(crate) fn unreadable(format: SourceFormat, error: &image::ImageError) -> String {
    match error {
        // The decoder refuses to allocate more than 512 MB: a photo of some 170 megapixels.
        image::ImageError::Limits(_) => {
            "图片尺寸太大，超出了处理上限：请先把长边缩小到 8000 像素以内再使用".to_string()
        }
        _ => format!(
            "{} 文件已损坏或不完整（{error}）：请用看图软件打开确认，重新导出或另存后再使用",
            format.name()
        ),
    }
}

/// SHA-256 of the bytes, lowercase hex.
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}
