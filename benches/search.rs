//! `cargo bench --bench search`: the reader's search on a synthetic site of N content files
//! in real Chromium with its CPU throttled 4× (a phone). For 2-, 3- and 4-character queries
//! taken from the site's text, a substring across a word boundary and a traditional query,
//! it measures the index bytes a query downloads and the time from its keystroke to its
//! results on screen, against the targets: ≤ 300 KB, ≤ 100 ms.
//!
//! Settings (environment): `TONGWEN_BENCH_N=10000` content files, `TONGWEN_BENCH_RUNS=3`
//! runs per query (the median is reported), `TONGWEN_BENCH_DIR=path` keeps the site and
//! its output there instead of a temporary folder, `TONGWEN_BENCH_TRACE=1` prints when
//! each index file of each run was requested and received. Needs `chromium` and `chromedriver`
//! (`CHROMIUM`, `CHROMEDRIVER` to point elsewhere).
//!
//! How it measures, per run of a query:
//! - The site is built by `tongwen build` and served from its output folder by a small
//!   static server on 127.0.0.1 under its `base_url` path, as a web host serves it.
//! - The browser's cache is cleared (CDP `Network.clearBrowserCache`) and the search page
//!   loaded afresh, so every index file the query needs is downloaded again; then the CPU
//!   is throttled (`Emulation.setCPUThrottlingRate` 4) and the query typed into the box in
//!   one keystroke, as an input method commits it (`Input.insertText`).
//! - Bytes: Resource Timing's `decodedBodySize` (uncompressed) summed over every file under
//!   `search-index/` the page loaded. KB = 1,000 bytes.
//! - Time: from the `input` event's time stamp (`search.js` marks it) to the mark
//!   `search.js` sets when the results are in the page and the status says how many.

#![allow(clippy::print_stdout, clippy::print_stderr)] // a benchmark reports on stdout

#[path = "support/index_size.rs"]
mod index_size;
#[path = "support/measure.rs"]
#[allow(dead_code)]
mod measure;
#[path = "support/synth.rs"]
#[allow(dead_code)]
mod synth;
// Shared with the browser tests, which use more of them.
#[path = "../tests/support/static_server.rs"]
#[allow(unreachable_pub)]
mod static_server;
#[path = "../tests/support/webdriver.rs"]
#[allow(dead_code, unreachable_pub)]
mod webdriver;

use std::error::Error;
use std::path::Path;
use std::time::Instant;

use serde_json::{Value, json};
use tongwen::convert::{Converter, Variant};
use tongwen::search::Fold;
use tongwen::search::tokens::is_han;

use index_size::IndexSize;
use webdriver::{Browser, WebDriver};

const SEED: u64 = 2024;
const NOW: &str = "2026-06-01T10:00+08:00";
/// The synthetic site's `base_url` path (`support/synth.rs`).
const PREFIX: &str = "/anli/";
const MAX_BYTES: f64 = 300_000.0;
const MAX_MS: f64 = 100.0;

fn main() -> Result<(), Box<dyn Error>> {
    let n = env_number("TONGWEN_BENCH_N", 10_000)?;
    let runs = env_number("TONGWEN_BENCH_RUNS", 3)?.max(1);
    let temp = tempfile::tempdir()?;
    let dir =
        std::env::var_os("TONGWEN_BENCH_DIR").map_or_else(|| temp.path().to_path_buf(), Into::into);
    let (site, out) = (
        dir.join(format!("search-n{n}")),
        dir.join(format!("search-out-{n}")),
    );
    let started = Instant::now();
    let corpus = synth::generate(&site, n, SEED)?;
    let queries = pick_queries(&corpus);
    drop(corpus);
    build(&site, &out)?;
    println!(
        "tongwen search bench: N = {n}, site generated and built in {}, {runs} run(s) per query, CPU throttled 4x",
        measure::secs(started.elapsed())
    );
    println!("  {}", IndexSize::of(&out)?.line());

    let addr = static_server::serve_static(out.clone(), PREFIX);
    let driver = WebDriver::start();
    let browser = driver.session();
    println!(
        "  {:<28} {:>6} {:>10} {:>8} {:>8}",
        "query", "files", "KB", "ms", "results"
    );
    let mut samples = Vec::new();
    for query in &queries {
        let page = format!("http://{addr}{PREFIX}{}search/", query.page);
        let mut runs: Vec<Sample> = (0..runs)
            .map(|_| measure_query(&browser, &page, &query.text))
            .collect::<Result<_, _>>()?;
        runs.sort_by(|a, b| a.ms.total_cmp(&b.ms));
        let sample = runs.swap_remove(runs.len() / 2);
        println!(
            "  {:<28} {:>6} {:>10.1} {:>8.1} {:>8}",
            format!("{} ({})", query.text, query.what),
            sample.files,
            sample.bytes / 1000.0,
            sample.ms,
            sample.results
        );
        if sample.results == 0 {
            return Err(format!("“{}” is in the site's text but found nothing", query.text).into());
        }
        samples.push(sample);
    }
    report(&samples);
    Ok(())
}

fn env_number(name: &str, default: usize) -> Result<usize, Box<dyn Error>> {
    match std::env::var(name) {
        Ok(v) => Ok(v.trim().replace('_', "").parse()?),
        Err(_) => Ok(default),
    }
}

/// `tongwen build`; an error shows the end of what it printed.
fn build(site: &Path, out: &Path) -> Result<(), Box<dyn Error>> {
    let tongwen = Path::new(env!("CARGO_BIN_EXE_tongwen"));
    measure::tongwen_build(tongwen, site, out, &["--now", NOW])?;
    Ok(())
}

/// A query and the search page (language folder) it is typed on.
struct Query {
    text: String,
    what: &'static str,
    page: &'static str,
}

/// Queries from the site's text: runs of Han characters in the bodies of entries spread
/// over the corpus, cut to 2, 3 and 4 characters; three characters across the boundary of
/// two words (jieba's cut); and a traditional phrase from a traditional-source entry,
/// typed on the traditional search page.
fn pick_queries(corpus: &synth::Corpus) -> Vec<Query> {
    let runs: Vec<Vec<char>> = corpus
        .entries
        .iter()
        .step_by((corpus.entries.len() / 9).max(1))
        .filter_map(|e| longest_han_run(&e.body))
        .collect();
    let mut queries = Vec::new();
    for (i, run) in runs.iter().enumerate().take(9) {
        let len = 2 + i % 3;
        let from = (run.len() / 2).min(run.len().saturating_sub(len));
        queries.push(Query {
            text: run[from..(from + len).min(run.len())].iter().collect(),
            what: ["2 chars", "3 chars", "4 chars"][i % 3],
            page: "",
        });
    }
    if let Some(text) = across_words(corpus) {
        queries.push(Query {
            text,
            what: "across words",
            page: "",
        });
    }
    if let Some(text) = traditional(corpus) {
        queries.push(Query {
            text,
            what: "traditional",
            page: "zh-hant/",
        });
    }
    queries
}

fn longest_han_run(text: &str) -> Option<Vec<char>> {
    text.split(|c: char| !is_han(c))
        .max_by_key(|run| run.chars().count())
        .map(|run| run.chars().collect())
        .filter(|run: &Vec<char>| run.len() >= 4)
}

/// The last character of one word and the first two of the next, in a simplified entry.
fn across_words(corpus: &synth::Corpus) -> Option<String> {
    let jieba = jieba_rs::Jieba::new();
    let entry = corpus.entries.iter().rev().find(|e| !e.hant)?;
    let run: String = longest_han_run(&entry.body)?.into_iter().collect();
    let words = jieba.cut(&run, false);
    words.windows(2).find_map(|w| {
        let (a, b): (Vec<char>, Vec<char>) =
            (w[0].word.chars().collect(), w[1].word.chars().collect());
        (a.len() >= 2 && b.len() >= 2).then(|| format!("{}{}{}", a[a.len() - 1], b[0], b[1]))
    })
}

/// Three characters of a traditional-source entry, at least one of them traditional.
fn traditional(corpus: &synth::Corpus) -> Option<String> {
    let fold = Fold::new(&Converter::new(Variant::Standard, &[]));
    let entry = corpus.entries.iter().find(|e| e.hant)?;
    let run = longest_han_run(&entry.body)?;
    run.windows(3)
        .find(|w| w.iter().any(|&c| fold.char(c) != c))
        .map(|w| w.iter().collect())
}

/// One run of a query.
struct Sample {
    files: u64,
    bytes: f64,
    ms: f64,
    results: u64,
}

fn measure_query(browser: &Browser, page: &str, query: &str) -> Result<Sample, Box<dyn Error>> {
    browser.cdp("Network.clearBrowserCache", json!({}));
    browser.open(page);
    browser.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 4 }));
    browser.run("document.querySelector('#search-q').focus(); return null;");
    browser.cdp("Input.insertText", json!({ "text": query }));
    let quoted = Value::from(query).to_string();
    browser.wait_until(
        &format!("the results of {query}"),
        &format!(
            "performance.getEntriesByName('tongwen-search-shown').some(m => m.detail === {quoted})"
        ),
        &String::new,
    );
    let got = browser.run(&format!(
        "const input = performance.getEntriesByName('tongwen-search-input').pop();
         const shown = performance.getEntriesByName('tongwen-search-shown').find(m => m.detail === {quoted});
         const files = performance.getEntriesByType('resource').filter(e => e.name.includes('/search-index/'));
         return {{
           files: files.length,
           bytes: files.reduce((n, e) => n + e.decodedBodySize, 0),
           ms: shown.startTime - input.startTime,
           results: document.querySelectorAll('.search-result').length,
           trace: files.map(e => [e.name.split('/search-index/')[1], Math.round(e.startTime - input.startTime), Math.round(e.responseEnd - input.startTime), e.decodedBodySize]),
         }};"
    ));
    browser.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 1 }));
    if std::env::var_os("TONGWEN_BENCH_TRACE").is_some() {
        println!("    {query}: index files (name, ms from keystroke to start, to end, bytes):");
        println!("    {}", got["trace"]);
    }
    Ok(Sample {
        files: got["files"].as_u64().unwrap_or(0),
        bytes: got["bytes"].as_f64().unwrap_or(f64::NAN),
        ms: got["ms"].as_f64().unwrap_or(f64::NAN),
        results: got["results"].as_u64().unwrap_or(0),
    })
}

fn report(samples: &[Sample]) {
    let stats = |values: Vec<f64>| {
        let mut values = values;
        values.sort_by(f64::total_cmp);
        (
            values.get(values.len() / 2).copied().unwrap_or(f64::NAN),
            values.last().copied().unwrap_or(f64::NAN),
        )
    };
    let (bytes_median, bytes_max) = stats(samples.iter().map(|s| s.bytes).collect());
    let (ms_median, ms_max) = stats(samples.iter().map(|s| s.ms).collect());
    println!(
        "  downloaded per query: median {:.1} KB, max {:.1} KB (target <= 300 KB: {})",
        bytes_median / 1000.0,
        bytes_max / 1000.0,
        verdict(bytes_max <= MAX_BYTES)
    );
    println!(
        "  keystroke to results: median {ms_median:.1} ms, max {ms_max:.1} ms (target <= 100 ms: {})",
        verdict(ms_max <= MAX_MS)
    );
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}
