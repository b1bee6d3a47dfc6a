//! [IO] Makes the planned renditions: decode each source image once, resize, turn upright,
//! re-encode without any metadata (or, for a WebP or GIF published whole, drop its metadata
//! blocks), and keep the result in a cache folder keyed by content and settings. Parallel
//! over images; a rendition already in the cache is never made again, and `prune` removes
//! the files a build no longer uses.

use std::collections::{BTreeMap, HashSet};
use std::ffi::OsStr;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::plan::{ImageJob, OutputFormat, Rendition, is_cache_name};
use super::probe::{content_hash, to_image_format, unreadable};
use crate::error::Error;
use crate::output::{OutputBody, OutputSet, OutputSink};

mod pixels;
mod strip;

/// What `process` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProcessReport {
    /// Output path (`stories/a/photo-480.jpg`) → the cache file that holds its bytes.
    pub files: BTreeMap<String, PathBuf>,
    /// Renditions made (decoded, resized, encoded) in this run.
    pub processed: usize,
    /// Renditions found in the cache.
    pub reused: usize,
    /// Source images read to make a rendition in this run (each at most once, and decoded
    /// at most once: a WebP or GIF published whole is not decoded at all).
    pub decoded: usize,
}

impl ProcessReport {
    /// Adds every rendition to the build's output, as a copy of its cache file.
    pub fn insert_into(&self, output: &mut OutputSet) {
        for (path, cached) in &self.files {
            output
                .files
                .insert(path.clone(), OutputBody::Copy(cached.clone()));
        }
    }

    /// Puts every rendition into `sink`, as a copy of its cache file.
    pub fn put_into(&self, sink: &dyn OutputSink) {
        for (path, cached) in &self.files {
            sink.put(path, OutputBody::Copy(cached.clone()));
        }
    }
}

/// Makes every rendition of `jobs` that is not yet in `cache_dir` (created if missing), as
/// `cache_dir/<key>.<ext>` (see `ImageJob::cache_name`), written atomically. Jobs with the same
/// content are decoded once. `progress(done, total)` is called after each source image, from
/// worker threads. Every failure is returned, each naming its image; a corrupt or unsupported
/// file is `Error::Image`.
pub fn process(
    jobs: &[ImageJob],
    cache_dir: &Path,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ProcessReport, Vec<Error>> {
    std::fs::create_dir_all(cache_dir).map_err(|e| vec![Error::io(cache_dir, e)])?;
    let (files, mut errors) = output_files(jobs, cache_dir);
    let sources = group_by_content(jobs);
    let total = sources.len();
    let done = AtomicUsize::new(0);
    let outcomes: Vec<Result<Counts, Error>> = sources
        .par_iter()
        .map(|source| {
            let outcome = make_source(source, cache_dir);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            outcome
        })
        .collect();
    let mut report = ProcessReport {
        files,
        ..ProcessReport::default()
    };
    for outcome in outcomes {
        match outcome {
            Ok(counts) => {
                report.processed += counts.processed;
                report.reused += counts.reused;
                report.decoded += counts.decoded;
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(report)
    } else {
        Err(errors)
    }
}

/// Removes every file of `cache_dir` named like a rendition (see `plan::is_cache_name`) that
/// `report` does not use: files of photos deleted or changed since, or of sizes and settings
/// no longer asked for. Nothing else in the folder is touched (a partial `.tmp` file of
/// another build still running, a file the user put there). Returns how many were removed.
pub fn prune(cache_dir: &Path, report: &ProcessReport) -> Result<usize, Error> {
    let used: HashSet<&OsStr> = report
        .files
        .values()
        .filter_map(|cached| cached.file_name())
        .collect();
    let entries = match std::fs::read_dir(cache_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(Error::io(cache_dir, e)),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(cache_dir, e))?;
        let name = entry.file_name();
        let unused = name.to_str().is_some_and(is_cache_name) && !used.contains(name.as_os_str());
        if !unused || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        match std::fs::remove_file(entry.path()) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(entry.path(), e)),
        }
    }
    Ok(removed)
}

/// One source image's content and every distinct rendition wanted of it (with its JPEG
/// quality), by cache name.
struct Source<'a> {
    job: &'a ImageJob,
    renditions: BTreeMap<String, (&'a Rendition, u8)>,
}

#[derive(Debug, Default)]
struct Counts {
    processed: usize,
    reused: usize,
    decoded: usize,
}

/// Merges the jobs that share a content hash (one photo shown on several pages).
fn group_by_content(jobs: &[ImageJob]) -> Vec<Source<'_>> {
    let mut by_hash: BTreeMap<&str, Source<'_>> = BTreeMap::new();
    for job in jobs {
        let source = by_hash.entry(&job.info.hash).or_insert_with(|| Source {
            job,
            renditions: BTreeMap::new(),
        });
        for r in &job.renditions {
            source
                .renditions
                .entry(job.cache_name(r))
                .or_insert((r, job.quality));
        }
    }
    by_hash.into_values().collect()
}

/// The output path → cache file map, and an error for each output path that two different
/// images (or sizes) would write.
fn output_files(jobs: &[ImageJob], cache_dir: &Path) -> (BTreeMap<String, PathBuf>, Vec<Error>) {
    let mut files = BTreeMap::new();
    let mut errors = Vec::new();
    for job in jobs {
        for r in &job.renditions {
            let cached = cache_dir.join(job.cache_name(r));
            match files.get(&r.output_path) {
                Some(existing) if *existing != cached => errors.push(Error::Image {
                    path: job.source_rel.clone(),
                    message: format!(
                        "输出文件 {} 已被另一张图片占用：请给其中一张图片改个文件名",
                        r.output_path
                    ),
                }),
                Some(_) => {}
                None => {
                    files.insert(r.output_path.clone(), cached);
                }
            }
        }
    }
    (files, errors)
}

fn make_source(source: &Source<'_>, cache_dir: &Path) -> Result<Counts, Error> {
    let missing: Vec<(&String, &(&Rendition, u8))> = source
        .renditions
        .iter()
        .filter(|(name, _)| !is_cached(&cache_dir.join(name)))
        .collect();
    let reused = source.renditions.len() - missing.len();
    if missing.is_empty() {
        return Ok(Counts {
            reused,
            ..Counts::default()
        });
    }
    let job = source.job;
    let bytes = read_checked(job)?;
    let mut decoded: Option<image::DynamicImage> = None;
    let mut resizer = fast_image_resize::Resizer::new();
    for (name, (rendition, quality)) in &missing {
        let made = match stripped(job, rendition, &bytes) {
            Some(made) => made,
            None => {
                let image = match &decoded {
                    Some(image) => image,
                    None => decoded.insert(decode(job, &bytes)?),
                };
                pixels::render(
                    &mut resizer,
                    image,
                    job.info.orientation,
                    rendition,
                    *quality,
                )
                .map_err(|e| image_error(job, format!("无法生成 {}：{e}", rendition.output_path)))?
            }
        };
        write_atomically(&cache_dir.join(name), &made)?;
    }
    Ok(Counts {
        processed: missing.len(),
        reused,
        decoded: 1,
    })
}

/// A WebP or GIF published whole, as it is stored, without its metadata blocks (see
/// `OutputFormat`). `None` when it must be made from pixels instead: another size, a WebP
/// with an EXIF orientation to apply, or a file whose structure the walk cannot follow (the
/// decoder then reports what is wrong with it, or reads what it can).
fn stripped(job: &ImageJob, rendition: &Rendition, bytes: &[u8]) -> Option<Vec<u8>> {
    let as_stored = (rendition.width, rendition.height) == (job.info.width, job.info.height);
    match rendition.format {
        OutputFormat::Webp if as_stored && job.info.orientation == 1 => strip::webp(bytes).ok(),
        OutputFormat::Gif if as_stored => strip::gif(bytes).ok(),
        _ => None,
    }
}

fn is_cached(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0)
}

fn read_checked(job: &ImageJob) -> Result<Vec<u8>, Error> {
    let bytes = std::fs::read(&job.source).map_err(|e| Error::io(&job.source, e))?;
    // The cache is keyed by the hash taken at probe time: content that changed since then
    // must not be stored under the old key.
    if content_hash(&bytes) != job.info.hash {
        return Err(image_error(
            job,
            "图片在构建过程中被修改了：请保存好图片后重新构建".to_string(),
        ));
    }
    Ok(bytes)
}

fn decode(job: &ImageJob, bytes: &[u8]) -> Result<image::DynamicImage, Error> {
    let format = to_image_format(job.info.format);
    image::load_from_memory_with_format(bytes, format)
        .map_err(|e| image_error(job, unreadable(job.info.format, &e)))
}

fn image_error(job: &ImageJob, message: String) -> Error {
    Error::Image {
        path: job.source_rel.clone(),
        message,
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into place, so a reader
/// (or a build stopped half-way) never sees a partial file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut temp = path.as_os_str().to_owned();
    temp.push(format!(".{}.tmp", std::process::id()));
    let temp = PathBuf::from(temp);
    std::fs::write(&temp, bytes).map_err(|e| Error::io(&temp, e))?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(path, e)
    })
}
