//! `tongwen serve` in a real browser: Debian's headless Chromium, driven over WebDriver
//! (chromedriver) with a small JSON-over-HTTP client. The test edits a page's file and waits
//! (the browser polls its own DOM, with a deadline) until the page has reloaded by itself.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (or `CHROMIUM` / `CHROMEDRIVER`):
//! `cargo test --features browser-tests --test browser`, which `.ci/browser` installs and runs.
#![allow(clippy::unwrap_used)] // Helpers outside #[test] fns: a panic is the failure report.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::SiteTest;

/// How long any one wait may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(20);
/// How far down the page the test scrolls before an edit.
const SCROLL: i64 = 1500;
/// The story the test edits, and where it is served.
const STORY: &str = "content/stories/长欣红色微家.md";
const HANS_URL: &str = "stories/changxin-hongse-weijia/";
const HANT_URL: &str = "zh-hant/stories/changxin-hongse-weijia/";

/// The site's own copy of the default theme's stylesheet.
const STYLESHEET: &str = "themes/default/static/css/site.css";

/// The default theme's stylesheet with the body's text in `color`.
fn stylesheet(color: &str) -> String {
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(STYLESHEET);
    let builtin = std::fs::read_to_string(theme).unwrap();
    format!("{builtin}\nbody {{ color: {color} !important; }}\n")
}

/// The story with `front` as extra front matter lines and `lead` as its first paragraph,
/// followed by enough paragraphs to make the page scroll.
fn story(front: &str, lead: &str) -> String {
    let mut text = format!(
        "---\ntitle: 长欣“红色微家”的楼道故事\ndate: 2023-05-01\n{front}community: 长欣公寓社区\n---\n\n{lead}\n\n"
    );
    for n in 1..=80 {
        text.push_str(&format!(
            "第{n}段：志愿者每周走访楼道，把居民的意见记在本子上。\n\n"
        ));
    }
    text
}

#[test]
fn the_browser_reloads_swaps_css_shows_errors_and_clears_them() {
    let site = SiteTest::fixture("bilingual");
    site.write(STORY, story("", "最初的文字：欢迎来到长欣社区。"));
    site.write(STYLESHEET, stylesheet("rgb(1, 2, 3)"));
    let served = Served::start(site);
    let driver = WebDriver::start();
    let browser = driver.session();
    browser.open(&served.url(HANS_URL));
    browser.wait_for(
        "the first version",
        "document.body.innerText.includes('最初的文字') && getComputedStyle(document.body).color === 'rgb(1, 2, 3)'",
        &served,
    );

    // A stylesheet change swaps the stylesheet without reloading the page.
    browser.run("window.tongwenSamePage = true;");
    served.write(STYLESHEET, stylesheet("rgb(4, 5, 6)"));
    browser.wait_for(
        "the new stylesheet",
        "getComputedStyle(document.body).color === 'rgb(4, 5, 6)'",
        &served,
    );
    assert_eq!(
        browser.run("return window.tongwenSamePage === true;"),
        Value::Bool(true),
        "the page reloaded for a stylesheet change"
    );

    // An edit reloads the page by itself, at the same scroll position.
    // The browser's own restoration is turned off: the position must be kept by tongwen.
    let top = browser.run(&format!(
        "history.scrollRestoration = 'manual'; window.scrollTo(0, {SCROLL}); return window.scrollY;"
    ));
    assert_eq!(
        top.as_i64(),
        Some(SCROLL),
        "the page is too short to scroll"
    );
    served.write(STORY, story("", "改过的文字：楼道里新装了扶手。"));
    browser.wait_for(
        "the edited text",
        "document.body.innerText.includes('改过的文字：楼道里新装了扶手')",
        &served,
    );
    browser.wait_for(
        "the scroll position after the reload",
        &format!("window.scrollY === {SCROLL}"),
        &served,
    );

    // A broken front matter line shows the overlay, naming the file and line.
    served.write(
        STORY,
        story("作者：宣传组\n", "坏掉的文字：这一版不该出现。"),
    );
    let overlay = browser.wait_for(
        "the error overlay",
        "(document.getElementById('tongwen-overlay') || {}).innerText",
        &served,
    );
    let overlay = overlay.as_str().unwrap_or_default().to_string();
    assert!(
        overlay.contains(&format!("{STORY}:4")),
        "the overlay does not name {STORY}:4:\n{overlay}"
    );
    assert!(overlay.contains("网站没有更新"), "{overlay}");
    let text = browser.run("return document.body.innerText;");
    assert!(
        text.as_str()
            .is_some_and(|t| t.contains("改过的文字") && !t.contains("坏掉的文字")),
        "the last good page is not the one shown under the overlay"
    );

    // Fixing it clears the overlay and shows the fixed text.
    served.write(
        STORY,
        story("author: 宣传组\n", "已经改正：议事会每月召开一次。"),
    );
    browser.wait_for(
        "the fixed text without the overlay",
        "!document.getElementById('tongwen-overlay') && document.body.innerText.includes('已经改正：议事会每月召开一次')",
        &served,
    );

    // Both scripts reload: the zh-Hant page in a second window, the zh-Hans one in the first.
    let first = browser.window();
    browser.new_window();
    browser.open(&served.url(HANT_URL));
    browser.wait_for(
        "the zh-Hant page",
        "document.body.innerText.includes('已經改正：議事會每月召開一次')",
        &served,
    );
    served.write(STORY, story("author: 宣传组\n", "长欣社区举办读书会。"));
    browser.wait_for(
        "the zh-Hant reload",
        "document.body.innerText.includes('長欣社區舉辦讀書會')",
        &served,
    );
    browser.switch_to(&first);
    browser.wait_for(
        "the zh-Hans reload",
        "document.body.innerText.includes('长欣社区举办读书会')",
        &served,
    );
}

/// `tongwen serve --port 0` on a site, with everything it prints kept for failure messages.
struct Served {
    child: Child,
    addr: SocketAddr,
    site: SiteTest,
    log: Arc<Mutex<String>>,
}

impl Served {
    fn start(site: SiteTest) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tongwen"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("tongwen serve did not start");
        let log = Arc::new(Mutex::new(String::new()));
        keep(BufReader::new(child.stderr.take().unwrap()).lines(), &log);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let addr = loop {
            let line = match lines.next() {
                Some(line) => line.unwrap(),
                None => panic!(
                    "serve exited before printing its address:\n{}",
                    log.lock().unwrap()
                ),
            };
            log.lock().unwrap().push_str(&format!("{line}\n"));
            if let Some(rest) = line.strip_prefix("预览地址：http://") {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        keep(lines, &log);
        Served {
            child,
            addr,
            site,
            log,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}/{path}", self.addr)
    }

    fn write(&self, path: &str, text: String) {
        self.site.write(path, text);
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Copies a child's output into `log` until it closes, so the child never blocks on a pipe.
fn keep(
    lines: impl Iterator<Item = std::io::Result<String>> + Send + 'static,
    log: &Arc<Mutex<String>>,
) {
    let log = Arc::clone(log);
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            log.lock().unwrap().push_str(&format!("{line}\n"));
        }
    });
}

/// A chromedriver on a free loopback port.
struct WebDriver {
    child: Child,
    addr: SocketAddr,
}

impl WebDriver {
    fn start() -> WebDriver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let program =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let mut child = Command::new(&program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("{program} did not start ({e}); run .ci/browser to install it")
            });
        wait_until_started(child.stdout.take().unwrap());
        WebDriver {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        }
    }

    /// A new headless Chromium with a profile of its own.
    fn session(&self) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1024,768",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": binary, "args": args},
        }}});
        let reply = call(self.addr, "POST", "/session", Some(&capabilities))
            .unwrap_or_else(|e| panic!("chromium did not start: {e}"));
        let id = reply["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        let browser = Browser {
            addr: self.addr,
            session: format!("/session/{id}"),
            _profile: profile,
        };
        browser.post("/timeouts", json!({"script": 5_000, "pageLoad": 20_000}));
        browser
    }
}

impl Drop for WebDriver {
    fn drop(&mut self) {
        // Quits any browser still open (a session that failed half-way), then the driver.
        let _ = call(self.addr, "GET", "/shutdown", None);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads chromedriver's first lines until it says it listens (it exits on failure).
fn wait_until_started(stdout: ChildStdout) {
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        if line.unwrap().contains("started successfully") {
            std::thread::spawn(move || for _ in lines {});
            return;
        }
    }
    panic!("chromedriver exited before it started");
}

/// One WebDriver session: a browser and its windows.
struct Browser {
    addr: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn post(&self, path: &str, body: Value) -> Value {
        let path = format!("{}{path}", self.session);
        call(self.addr, "POST", &path, Some(&body)).unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    fn get(&self, path: &str) -> Value {
        let path = format!("{}{path}", self.session);
        call(self.addr, "GET", &path, None).unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    fn open(&self, url: &str) {
        self.post("/url", json!({ "url": url }));
    }

    /// Runs a script body (`return …;`) in the page and returns its value.
    fn run(&self, script: &str) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": []}))
    }

    fn window(&self) -> String {
        self.get("/window")
            .as_str()
            .expect("a window handle")
            .to_string()
    }

    fn new_window(&self) {
        let handle = self.post("/window/new", json!({"type": "window"}));
        let handle = handle["handle"]
            .as_str()
            .expect("a window handle")
            .to_string();
        self.switch_to(&handle);
    }

    fn switch_to(&self, handle: &str) {
        self.post("/window", json!({ "handle": handle }));
    }

    /// Waits until `condition` (a JS expression) is truthy in the page and returns its value.
    /// The browser re-checks it every 25 ms for up to a second per call; a call that a reload
    /// interrupts is simply made again. Fails after `DEADLINE`, saying what was last seen.
    fn wait_for(&self, what: &str, condition: &str, served: &Served) -> Value {
        let script = format!(
            "const done = arguments[arguments.length - 1];
             const until = Date.now() + 1000;
             const check = () => {{
               let value = null;
               try {{ value = ({condition}); }} catch (e) {{ value = null; }}
               if (value || Date.now() > until) done(value || null); else setTimeout(check, 25);
             }};
             check();"
        );
        let started = Instant::now();
        let path = format!("{}/execute/async", self.session);
        let mut last = String::new();
        while started.elapsed() < DEADLINE {
            match call(
                self.addr,
                "POST",
                &path,
                Some(&json!({"script": script, "args": []})),
            ) {
                Ok(Value::Null) => last = "null".into(),
                Ok(value) => return value,
                Err(e) => last = e,
            }
        }
        let page =
            self.run("return location.href + '\\n' + document.body.innerText.slice(0, 400);");
        panic!(
            "{what}: `{condition}` not true within {DEADLINE:?} (last: {last})\npage: {page}\nserve printed:\n{}",
            served.log()
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = call(self.addr, "DELETE", &self.session, None);
    }
}

/// One WebDriver command: JSON in, the reply's `value` out, or the WebDriver error.
fn call(addr: SocketAddr, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| e.to_string())?;
    let bytes = read_reply(BufReader::new(stream)).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&bytes);
    let reply: Value = serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))?;
    let value = reply.get("value").cloned().unwrap_or(Value::Null);
    match value.get("error") {
        Some(error) => Err(format!("{error}: {}", value["message"])),
        None => Ok(value),
    }
}

/// The body of an HTTP reply, by its Content-Length or its chunks (chromedriver keeps
/// connections open, so reading to the end would wait for its timeout).
fn read_reply(mut reader: impl BufRead) -> std::io::Result<Vec<u8>> {
    let (mut length, mut chunked) = (None, false);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap_or((&line, ""));
        let value = value.trim().to_ascii_lowercase();
        if name.eq_ignore_ascii_case("content-length") {
            length = value.parse::<usize>().ok();
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.contains("chunked");
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size)?;
            let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if size == 0 {
                return Ok(body);
            }
            let start = body.len();
            body.resize(start + size, 0);
            reader.read_exact(&mut body[start..])?;
            reader.read_line(&mut String::new())?;
        }
    }
    match length {
        Some(length) => {
            body.resize(length, 0);
            reader.read_exact(&mut body)?;
        }
        None => {
            reader.read_to_end(&mut body)?;
        }
    }
    Ok(body)
}
