//! A real browser for end-to-end tests: `tongwen serve` on a fixture site, and Debian's
//! headless Chromium driven over WebDriver (`webdriver.rs`).
//! Used by the `browser*` tests (feature `browser-tests`, run by `.ci/browser`).
#![allow(clippy::unwrap_used)] // A panic is the failure report.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use serde_json::Value;

use super::SiteTest;
use super::webdriver::Browser;

/// `tongwen serve --port 0` on a site, with everything it prints kept for failure messages.
pub struct Served {
    child: Child,
    pub addr: SocketAddr,
    pub site: SiteTest,
    log: Arc<Mutex<String>>,
}

impl Served {
    pub fn start(site: SiteTest) -> Served {
        Served::start_with(site, &[])
    }

    /// `tongwen serve --port 0 --root ROOT` with `args` added (`--drafts`).
    pub fn start_with(site: SiteTest, args: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tongwen"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .args(args)
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

    pub fn url(&self, path: &str) -> String {
        format!("http://{}/{path}", self.addr)
    }

    pub fn write(&self, path: &str, text: String) {
        self.site.write(path, text);
    }

    pub fn log(&self) -> String {
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

impl Browser {
    /// `wait_until` with what `tongwen serve` printed as the failure report.
    pub fn wait_for(&self, what: &str, condition: &str, served: &Served) -> Value {
        self.wait_until(what, condition, &|| served.log())
    }
}
