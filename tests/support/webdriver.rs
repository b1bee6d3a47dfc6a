//! Debian's headless Chromium driven over WebDriver (chromedriver) with a small
//! JSON-over-HTTP client: the browser tests (through `browser.rs`) and `benches/search.rs`.
#![allow(clippy::unwrap_used)] // A panic is the failure report.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any one wait may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// A chromedriver on a free loopback port.
pub struct WebDriver {
    child: Child,
    addr: SocketAddr,
}

impl WebDriver {
    pub fn start() -> WebDriver {
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
    pub fn session(&self) -> Browser {
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
pub struct Browser {
    addr: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn post(&self, path: &str, body: Value) -> Value {
        let path = format!("{}{path}", self.session);
        call(self.addr, "POST", &path, Some(&body)).unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    pub fn get(&self, path: &str) -> Value {
        let path = format!("{}{path}", self.session);
        call(self.addr, "GET", &path, None).unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    pub fn open(&self, url: &str) {
        self.post("/url", json!({ "url": url }));
    }

    /// Runs a script body (`return …;`) in the page and returns its value.
    pub fn run(&self, script: &str) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": []}))
    }

    /// A Chrome DevTools Protocol command, through chromedriver's `goog/cdp/execute`.
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.post("/goog/cdp/execute", json!({ "cmd": cmd, "params": params }))
    }

    pub fn window(&self) -> String {
        self.get("/window")
            .as_str()
            .expect("a window handle")
            .to_string()
    }

    pub fn new_window(&self) {
        let handle = self.post("/window/new", json!({"type": "window"}));
        let handle = handle["handle"]
            .as_str()
            .expect("a window handle")
            .to_string();
        self.switch_to(&handle);
    }

    pub fn switch_to(&self, handle: &str) {
        self.post("/window", json!({ "handle": handle }));
    }

    /// Waits until `condition` (a JS expression) is truthy in the page and returns its value.
    /// The browser re-checks it every 25 ms for up to a second per call; a call that a reload
    /// interrupts is simply made again. Fails after `DEADLINE`, saying what was last seen and
    /// what `log` returns.
    pub fn wait_until(&self, what: &str, condition: &str, log: &dyn Fn() -> String) -> Value {
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
            log()
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

impl Browser {
    /// Prints the page with W3C "Print Page" on A4 paper in portrait, without margins,
    /// backgrounds included: the PDF's bytes in base64.
    pub fn print_a4(&self) -> String {
        let options = json!({
            "orientation": "portrait",
            "page": {"width": 21.0, "height": 29.7},
            "margin": {"top": 0, "bottom": 0, "left": 0, "right": 0},
            "background": true,
            "shrinkToFit": false,
        });
        self.post("/print", options)
            .as_str()
            .expect("a base64 PDF")
            .to_string()
    }

    /// Clicks the first element that `css` selects and types `text` into it, as keystrokes.
    pub fn type_into(&self, css: &str, text: &str) {
        let found = self.post("/element", json!({"using": "css selector", "value": css}));
        let id = found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}: {found}"))
            .to_string();
        self.post(&format!("/element/{id}/click"), json!({}));
        self.post(&format!("/element/{id}/value"), json!({ "text": text }));
    }
}
