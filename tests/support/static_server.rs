//! A small static file server for browser tests and benchmarks: a built site served from
//! its output folder under its `base_url` path, as a web host would.
#![allow(clippy::unwrap_used)] // A panic is the failure report.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};

/// Serves the files under `root` at `http://ADDR{prefix}` (`prefix` as `/changxin/`) on
/// a free loopback port, until the process ends.
pub fn serve_static(root: PathBuf, prefix: &str) -> SocketAddr {
    let prefix = prefix.to_string();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (root, prefix) = (root.clone(), prefix.clone());
            std::thread::spawn(move || answer(stream, &root, &prefix));
        }
    });
    addr
}

fn answer(mut stream: TcpStream, root: &Path, prefix: &str) {
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // The headers are read to their end: closing a socket with unread input resets the
    // connection, and the browser may then lose the reply.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path);
    let file = decoded
        .strip_prefix(prefix)
        .filter(|rest| !rest.split('/').any(|s| s == ".."))
        .map(|rest| {
            let mut file = root.join(rest);
            if rest.is_empty() || rest.ends_with('/') {
                file.push("index.html");
            }
            file
        });
    let (status, body, kind) = match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
        Some((f, body)) => {
            let kind = match f.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("css") => "text/css; charset=utf-8",
                Some("svg") => "image/svg+xml",
                _ => "application/octet-stream",
            };
            ("200 OK", body, kind)
        }
        None => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = path
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
