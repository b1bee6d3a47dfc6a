//! [IO] The HTTP side of the preview on tiny_http: files from the in-memory site, the
//! reload channel, the site's 404 page, and refusals (foreign Host names, unsafe paths).

use std::io::Cursor;
use std::net::SocketAddr;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

use crate::error::Error;
use crate::output::OutputBody;

use super::paths::{self, Resolved};
use super::reload;
use super::review;
use super::state::ServeState;

/// How long a long-poll waits before answering "nothing new".
const POLL_TIMEOUT: Duration = Duration::from_secs(20);
/// Threads answering requests: enough for a page with dozens of images and a few open
/// tabs each holding a long-poll.
const WORKERS: usize = 32;

/// A running preview server.
pub struct Preview {
    server: Arc<Server>,
    workers: Vec<JoinHandle<()>>,
    pub addr: SocketAddr,
}

impl Preview {
    /// Stops accepting requests and waits for the workers to finish.
    pub fn stop(self) {
        for _ in &self.workers {
            self.server.unblock();
        }
        for worker in self.workers {
            let _ = worker.join();
        }
    }
}

/// Binds `addr` and serves `state` until `stop`. `lang_prefixes` choose the 404 page.
pub fn serve_site(
    addr: SocketAddr,
    state: Arc<ServeState>,
    lang_prefixes: Vec<&'static str>,
) -> Result<Preview, Error> {
    let server = Server::http(addr).map_err(|e| bind_error(addr, &e.to_string()))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Refused("预览服务器没有绑定到网络地址".into()))?;
    let server = Arc::new(server);
    let allowed = Arc::new(allowed_hosts(addr));
    let prefixes = Arc::new(lang_prefixes);
    let workers = (0..WORKERS)
        .map(|_| {
            let server = Arc::clone(&server);
            let state = Arc::clone(&state);
            let allowed = Arc::clone(&allowed);
            let prefixes = Arc::clone(&prefixes);
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    answer(request, &state, &allowed, &prefixes);
                }
            })
        })
        .collect();
    Ok(Preview {
        server,
        workers,
        addr,
    })
}

fn bind_error(addr: SocketAddr, why: &str) -> Error {
    if why.contains("in use") || why.contains("AddrInUse") {
        Error::Refused(format!(
            "端口 {} 已经被占用（也许另一个预览还开着）。关掉它，或换一个端口：tongwen serve --port {}",
            addr.port(),
            addr.port().wrapping_add(1).max(1024)
        ))
    } else {
        Error::Refused(format!("无法在 {addr} 启动预览：{why}"))
    }
}

/// Host names this machine answers to (SPEC "Safety": DNS rebinding).
fn allowed_hosts(addr: SocketAddr) -> Vec<String> {
    let mut hosts = vec!["localhost".to_string(), "127.0.0.1".into(), "[::1]".into()];
    hosts.push(match addr.ip() {
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    });
    hosts
}

fn host_allowed(request: &Request, allowed: &[String]) -> bool {
    let Some(host) = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_ascii_lowercase())
    else {
        // HTTP/1.0 clients may send no Host; they cannot be a rebinding browser.
        return true;
    };
    host_name_allowed(&host, allowed)
}

/// A `Host` value (lowercase, with or without port) names this machine: one of `allowed`,
/// a `*.localhost` name, or any IP address. DNS rebinding needs a domain name, so an IP
/// address is safe, and it is how a phone on the same network reaches `--bind 0.0.0.0`.
fn host_name_allowed(host: &str, allowed: &[String]) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    };
    let ip_literal = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name)
        .parse::<std::net::IpAddr>()
        .is_ok();
    ip_literal || allowed.iter().any(|a| a == name) || name.ends_with(".localhost")
}

fn answer(mut request: Request, state: &ServeState, allowed: &[String], prefixes: &[&str]) {
    let path = request.url().split('?').next().unwrap_or("");
    let response = if !host_allowed(&request, allowed) {
        text(403, "这个预览只接受本机地址的访问")
    } else if *request.method() == Method::Post && review::is_decide(path) {
        decide(&mut request, state)
    } else if !matches!(request.method(), Method::Get | Method::Head) {
        text(405, "只支持 GET 和 HEAD")
    } else {
        route(request.url(), state, prefixes)
    };
    let _ = request.respond(response);
}

/// A review decision: the only request that writes (see `review::decide`).
fn decide(request: &mut Request, state: &ServeState) -> Reply {
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_string())
    };
    let (host, origin, token) = (header("Host"), header("Origin"), header("X-Tongwen-Token"));
    let (status, message) = review::decide(
        &state.review,
        review::DecideRequest {
            host: host.as_deref(),
            origin: origin.as_deref(),
            token: token.as_deref(),
            body: request.as_reader(),
        },
    );
    text(status, &message)
}

type Reply = Response<Cursor<Vec<u8>>>;

fn route(url: &str, state: &ServeState, prefixes: &[&str]) -> Reply {
    let path = url.split('?').next().unwrap_or("");
    if path == reload::SCRIPT_PATH {
        return body(
            200,
            "text/javascript; charset=utf-8",
            reload::SCRIPT.as_bytes().to_vec(),
        );
    }
    if path == reload::POLL_PATH {
        let since = query_number(url, "since").unwrap_or(0);
        let page = paths::polled_page(url, &state.snapshot().output);
        let snapshot = state.wait_past(since, page.as_deref(), POLL_TIMEOUT);
        return body(
            200,
            "application/json",
            reload::poll_json(&snapshot, since, page.as_deref()).into_bytes(),
        );
    }
    let query = url.split_once('?').map_or("", |(_, q)| q);
    if let Some((status, html)) = state.review.page(path, query) {
        let html = reload::inject(&html, state.snapshot().generation);
        return body(status, "text/html; charset=utf-8", html.into_bytes());
    }
    let snapshot = state.snapshot();
    match paths::resolve(url, &snapshot.output, prefixes) {
        Resolved::File(key) => file(&key, &snapshot, 200, state),
        Resolved::Redirect(to) => {
            let mut reply = text(301, "");
            if let Ok(h) = Header::from_bytes("Location", to.as_bytes()) {
                reply.add_header(h);
            }
            reply
        }
        Resolved::NotFound { prefix } => {
            let page = format!("{prefix}404.html");
            if snapshot.output.files.contains_key(&page) {
                file(&page, &snapshot, 404, state)
            } else if snapshot.output.files.contains_key("404.html") {
                file("404.html", &snapshot, 404, state)
            } else {
                // Still an HTML page, so the reload script can show why nothing is built yet.
                let html = reload::inject(
                    "<!doctype html><html lang=\"zh-Hans\"><meta charset=\"utf-8\"><title>找不到这个页面</title><body><p>找不到这个页面。</p></body></html>",
                    snapshot.generation,
                );
                body(404, "text/html; charset=utf-8", html.into_bytes())
            }
        }
    }
}

fn file(key: &str, snapshot: &super::state::Snapshot, status: u16, state: &ServeState) -> Reply {
    let kind = paths::content_type(key);
    let bytes = match snapshot.file(key) {
        Some(OutputBody::Bytes(bytes)) => bytes.to_vec(),
        Some(OutputBody::Copy(disk)) => match std::fs::read(disk) {
            Ok(bytes) => bytes,
            Err(_) => return text(404, "找不到这个文件"),
        },
        None => return text(404, "找不到这个文件"),
    };
    if kind.starts_with("text/html") {
        let html = String::from_utf8_lossy(&bytes);
        let html = state.review.add_toolbar(&html, &format!("/{key}"));
        return body(
            status,
            kind,
            reload::inject(&html, snapshot.generation_of(Some(key))).into_bytes(),
        );
    }
    body(status, kind, bytes)
}

fn query_number(url: &str, name: &str) -> Option<u64> {
    let query = url.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .and_then(|(_, v)| v.parse().ok())
}

fn text(status: u16, message: &str) -> Reply {
    body(
        status,
        "text/plain; charset=utf-8",
        message.as_bytes().to_vec(),
    )
}

fn body(status: u16, content_type: &str, bytes: Vec<u8>) -> Reply {
    let mut reply = Response::from_data(bytes).with_status_code(status);
    for (name, value) in [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ] {
        if let Ok(h) = Header::from_bytes(name, value) {
            reply.add_header(h);
        }
    }
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_of_this_machine_and_ip_addresses_are_allowed() {
        let allowed = allowed_hosts(SocketAddr::from(([0, 0, 0, 0], 1111)));
        for host in [
            "localhost:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
            "preview.localhost",
            "192.168.1.5:1111",
            "10.0.0.7",
            "[fe80::1]:1111",
        ] {
            assert!(host_name_allowed(host, &allowed), "{host} was refused");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "[::1].evil.example",
        ] {
            assert!(!host_name_allowed(host, &allowed), "{host} was allowed");
        }
    }
}
