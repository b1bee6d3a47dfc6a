//! [IO] Reads a source image's format, stored size, EXIF orientation and content hash,
//! from its headers only: the pixels are decoded later, by `process`, and only when needed.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use image::{ImageDecoder, ImageFormat, ImageReader};
use rayon::prelude::*;
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

/// The file extensions tongwen treats as photos (lowercase): these are probed, re-encoded
/// without metadata and never copied as they are.
pub const IMAGE_EXTENSIONS: [&str; 5] = ["jpg", "jpeg", "png", "webp", "gif"];

/// Whether `path` names a photo by its extension (`a.JPG` too).
pub fn is_image_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
    })
}

/// What `probe` found for each file it looked at, kept between the rebuilds of `serve`: a
/// file whose size and modification time are unchanged is not read (nor hashed) again.
#[derive(Debug, Default)]
pub struct ProbeCache {
    seen: Mutex<HashMap<PathBuf, Probed>>,
}

#[derive(Debug, Clone)]
struct Probed {
    len: u64,
    modified: Option<SystemTime>,
    result: Result<ImageInfo, String>,
}

impl ProbeCache {
    /// Probes every `(site-relative path, disk path)` in parallel; `Err` is the message for
    /// the user (unreadable, unsupported or corrupt file). Entries of files not asked for
    /// are forgotten.
    pub fn probe_all(
        &self,
        files: &[(String, PathBuf)],
    ) -> BTreeMap<String, Result<ImageInfo, String>> {
        let found: Vec<(String, PathBuf, Probed)> = files
            .par_iter()
            .map(|(rel, disk)| (rel.clone(), disk.clone(), self.probe_one(disk)))
            .collect();
        let mut seen = self.lock();
        seen.clear();
        let mut out = BTreeMap::new();
        for (rel, disk, probed) in found {
            out.insert(rel, probed.result.clone());
            seen.insert(disk, probed);
        }
        out
    }

    fn probe_one(&self, disk: &Path) -> Probed {
        let meta = match std::fs::metadata(disk) {
            Ok(meta) => meta,
            Err(e) => {
                return Probed {
                    len: 0,
                    modified: None,
                    result: Err(format!("无法读取这个文件：{e}")),
                };
            }
        };
        let (len, modified) = (meta.len(), meta.modified().ok());
        if let Some(known) = self.lock().get(disk)
            && known.len == len
            && known.modified.is_some()
            && known.modified == modified
        {
            return known.clone();
        }
        let result = match std::fs::read(disk) {
            Ok(bytes) => probe_bytes(&bytes),
            Err(e) => Err(format!("无法读取这个文件：{e}")),
        };
        Probed {
            len,
            modified,
            result,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Probed>> {
        self.seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        image::DynamicImage::new_rgb8(width, 10)
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .expect("encode");
        bytes
    }

    #[test]
    fn photos_are_recognized_by_extension() {
        for path in ["a.jpg", "content/a/B.JPEG", "x.png", "y.webp", "z.Gif"] {
            assert!(is_image_path(path), "{path}");
        }
        for path in ["a.pdf", "a.svg", ".jpg", "dir.jpg/readme", "jpg"] {
            assert!(!is_image_path(path), "{path}");
        }
    }

    #[test]
    fn probe_cache_reads_a_file_again_only_when_it_changed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let disk = dir.path().join("a.png");
        std::fs::write(&disk, png(20)).expect("write");
        let files = [("static/a.png".to_string(), disk.clone())];
        let cache = ProbeCache::default();
        let first = cache.probe_all(&files);
        assert_eq!(first["static/a.png"].as_ref().map(|i| i.width), Ok(20));

        // Same size and time: the cached facts are returned without reading the file.
        let known = cache.lock()[&disk].clone();
        cache.lock().insert(
            disk.clone(),
            Probed {
                result: Err("from the cache".into()),
                ..known
            },
        );
        let again = cache.probe_all(&files);
        assert_eq!(again["static/a.png"], Err("from the cache".into()));

        // Another size: probed again.
        std::fs::write(&disk, png(300)).expect("write");
        let changed = cache.probe_all(&files);
        assert_eq!(changed["static/a.png"].as_ref().map(|i| i.width), Ok(300));

        // A file no longer asked for is forgotten.
        cache.probe_all(&[]);
        assert!(cache.lock().is_empty());
    }

    #[test]
    fn unreadable_and_corrupt_files_are_messages() {
        let dir = tempfile::tempdir().expect("temp dir");
        let broken = dir.path().join("b.jpg");
        std::fs::write(&broken, b"not a photo").expect("write");
        let files = [
            ("content/b.jpg".to_string(), broken),
            ("content/gone.jpg".to_string(), dir.path().join("gone.jpg")),
        ];
        let found = ProbeCache::default().probe_all(&files);
        let message = |rel: &str| found[rel].clone().expect_err("an error");
        assert!(message("content/b.jpg").contains("无法识别"));
        assert!(message("content/gone.jpg").contains("无法读取"));
    }
}
