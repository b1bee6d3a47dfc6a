//! `tongwen serve` as a user meets it: a real server on 127.0.0.1 with a random port.
//! Tests wait on the reload long-poll, never on sleeps.

// Test helpers panic on any failure: that is how a test reports it.
#![allow(clippy::unwrap_used)]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};

use support::SiteTest;

struct Served {
    child: Child,
    addr: SocketAddr,
    site: SiteTest,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

fn serve(site: SiteTest) -> Served {
    serve_with(site, &[])
}

fn serve_with(site: SiteTest, args: &[&str]) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tongwen"))
        .args(["serve", "--port", "0"])
        .args(args)
        .arg("--root")
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("serve exited before printing its address")
            .unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Served { child, addr, site }
}

fn request(addr: SocketAddr, method: &str, path: &str, host: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Reply {
        status,
        headers: head.to_string(),
        body: body.to_string(),
    }
}

fn get(served: &Served, path: &str) -> Reply {
    request(served.addr, "GET", path, &served.addr.to_string())
}

/// The current reload generation, and the poll answer after it changes.
fn generation(served: &Served) -> u64 {
    let json: serde_json::Value =
        serde_json::from_str(&get(served, "/__tongwen/poll?since=0").body).unwrap();
    json["generation"].as_u64().unwrap()
}

fn wait_for_change(served: &Served, since: u64) -> serde_json::Value {
    let reply = get(served, &format!("/__tongwen/poll?since={since}"));
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert!(
        json["generation"].as_u64().unwrap() > since,
        "no rebuild was announced: {json}"
    );
    json
}

#[test]
fn serves_pages_with_the_reload_script_and_no_caching() {
    let served = serve(SiteTest::fixture("bilingual"));
    let home = get(&served, "/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("/__tongwen/reload.js"));
    assert_eq!(home.header("Cache-Control").as_deref(), Some("no-store"));
    assert!(
        home.header("Content-Type")
            .unwrap()
            .starts_with("text/html")
    );
    let hant = get(&served, "/zh-hant/stories/xijin-gudu/");
    assert_eq!(hant.status, 200);
    assert!(hant.body.contains("西津古渡社區"));
}

#[test]
fn build_output_never_carries_the_reload_script() {
    let site = SiteTest::fixture("bilingual");
    assert_eq!(site.build().code, 0);
    for path in site.paths() {
        let bytes = std::fs::read(site.out().join(&path)).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__tongwen"),
            "{path}"
        );
    }
}

#[test]
fn content_types_head_and_redirects() {
    let served = serve(SiteTest::fixture("bilingual"));
    for (path, kind) in [
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain"),
        ("/__tongwen/reload.js", "text/javascript"),
    ] {
        let reply = get(&served, path);
        assert_eq!(reply.status, 200, "{path}");
        assert!(
            reply.header("Content-Type").unwrap().starts_with(kind),
            "{path}"
        );
    }
    let head = request(served.addr, "HEAD", "/", &served.addr.to_string());
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let folder = get(&served, "/stories/xijin-gudu");
    assert_eq!(folder.status, 301);
    assert_eq!(
        folder.header("Location").as_deref(),
        Some("/stories/xijin-gudu/")
    );
}

#[test]
fn unknown_paths_get_the_sites_404_page() {
    let served = serve(SiteTest::fixture("bilingual"));
    let missing = get(&served, "/stories/no-such-story/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<html lang=\"zh-Hans\""),
        "{}",
        missing.body
    );
    let missing = get(&served, "/zh-hant/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<html lang=\"zh-Hant\""),
        "{}",
        missing.body
    );
}

#[test]
fn never_serves_anything_outside_the_site() {
    let site = SiteTest::fixture("bilingual");
    site.write("secret.txt", "居民住址");
    let served = serve(site);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/stories/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/C:/Windows/win.ini",
        "/index.html%00.txt",
        "/%ff%fe/",
        "/site.yaml",
        "/content/pages/about.md",
        "/etc/passwd",
    ] {
        let reply = get(&served, path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(
            !reply.body.contains("居民住址") && !reply.body.contains("root:"),
            "{path}"
        );
    }
}

#[test]
fn symlinks_that_lead_out_are_refused() {
    let site = SiteTest::fixture("bilingual");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("leak.txt"), "居民住址").unwrap();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("leak.txt"),
        site.root().join("static/leak.txt"),
    )
    .unwrap();
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("static/leak.txt"), "{}", run.stderr);
    let served = serve(site);
    let reply = get(&served, "/leak.txt");
    assert_eq!(reply.status, 404);
    assert!(!reply.body.contains("居民住址"));
}

#[test]
fn foreign_host_names_are_refused() {
    let served = serve(SiteTest::fixture("bilingual"));
    let reply = request(served.addr, "GET", "/", "evil.example:80");
    assert_eq!(reply.status, 403);
    let reply = request(
        served.addr,
        "GET",
        "/",
        &format!("localhost:{}", served.addr.port()),
    );
    assert_eq!(reply.status, 200);
}

#[test]
fn bound_to_the_network_it_answers_its_ip_addresses_but_not_foreign_names() {
    let served = serve_with(SiteTest::fixture("bilingual"), &["--bind", "0.0.0.0"]);
    let port = served.addr.port();
    // What a phone on the same network sends: the computer's address as Host.
    let reply = request(served.addr, "GET", "/", &format!("192.168.1.5:{port}"));
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("/__tongwen/reload.js"));
    let reply = request(served.addr, "GET", "/", &format!("evil.example:{port}"));
    assert_eq!(reply.status, 403);
}

#[test]
fn an_edit_rebuilds_and_announces_a_reload() {
    let served = serve(SiteTest::fixture("bilingual"));
    let before = generation(&served);
    let path = "content/pages/about.md";
    served
        .site
        .write(path, "---\ntitle: 关于我们\n---\n\n欢迎居民来稿。\n");
    let change = wait_for_change(&served, before);
    assert_eq!(change["kind"], "page");
    assert!(change["overlay"].is_null());
    assert!(get(&served, "/about/").body.contains("欢迎居民来稿"));
    assert!(
        get(&served, "/zh-hant/about/")
            .body
            .contains("歡迎居民來稿")
    );
}

#[test]
fn a_broken_file_shows_the_overlay_and_fixing_it_clears_it() {
    let served = serve(SiteTest::fixture("bilingual"));
    let before = generation(&served);
    let path = "content/pages/about.md";
    served
        .site
        .write(path, "---\ntitle: 关于我们\n作者：宣传组\n---\n正文\n");
    let broken = wait_for_change(&served, before);
    let overlay = broken["overlay"].as_str().expect("an overlay");
    assert!(overlay.contains("content/pages/about.md:3"), "{overlay}");
    // The last good site is still served.
    assert!(get(&served, "/about/").body.contains("长欣公寓社区党委"));
    let seen = broken["generation"].as_u64().unwrap();
    served
        .site
        .write(path, "---\ntitle: 关于我们\n---\n\n改好了。\n");
    let fixed = wait_for_change(&served, seen);
    assert!(fixed["overlay"].is_null(), "{fixed}");
    assert!(get(&served, "/about/").body.contains("改好了"));
}

#[test]
fn added_and_deleted_files_appear_and_vanish() {
    let served = serve(SiteTest::fixture("bilingual"));
    let g = generation(&served);
    served.site.write(
        "content/pages/volunteer.md",
        "---\ntitle: 志愿者招募\n---\n\n欢迎报名。\n",
    );
    let g = wait_for_change(&served, g)["generation"].as_u64().unwrap();
    assert_eq!(get(&served, "/volunteer/").status, 200);
    std::fs::remove_file(served.site.root().join("content/pages/volunteer.md")).unwrap();
    wait_for_change(&served, g);
    assert_eq!(get(&served, "/volunteer/").status, 404);
}

#[test]
fn a_stylesheet_change_swaps_css_without_a_reload() {
    let site = SiteTest::fixture("bilingual");
    site.write("static/extra.css", "body { color: #111; }\n");
    let served = serve(site);
    let g = generation(&served);
    served
        .site
        .write("static/extra.css", "body { color: #222; }\n");
    let change = wait_for_change(&served, g);
    assert_eq!(change["kind"], "css");
    assert!(get(&served, "/extra.css").body.contains("#222"));
}

#[test]
fn many_parallel_requests_are_served_while_polls_wait() {
    let served = serve(SiteTest::fixture("bilingual"));
    let addr = served.addr;
    let g = generation(&served);
    // Open long-polls hold workers; pages must still be served meanwhile.
    let mut polls = Vec::new();
    for _ in 0..4 {
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(
            stream,
            "GET /__tongwen/poll?since={g} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        polls.push(stream);
    }
    let handles: Vec<_> = (0..30)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 { "/" } else { "/zh-hant/" };
                request(addr, "GET", path, &addr.to_string()).status
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 200);
    }
    drop(polls);
}

#[test]
fn a_port_in_use_gets_a_clear_message() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = SiteTest::fixture("bilingual");
    let run = site.run(&["serve", "--port", &port]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("已经被占用"), "{}", run.stderr);
}

#[test]
fn ctrl_c_stops_cleanly() {
    let mut served = serve(SiteTest::fixture("bilingual"));
    let pid = served.child.id().to_string();
    let status = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(status.success());
    let exit = served.child.wait().unwrap();
    assert_eq!(exit.code(), Some(0));
    let mut err = String::new();
    served
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn photos_are_served_from_memory_without_metadata() {
    let site = SiteTest::fixture("bilingual");
    site.write("static/images/banner.jpg", support::photo::phone_jpeg());
    site.write(
        "content/stories/dangyuan/index.md",
        "---\ntitle: 党员中心户\ndate: 2024-04-01\ncommunity: 长欣公寓社区\n---\n\n![党员中心户](photo.jpg)\n",
    );
    site.write(
        "content/stories/dangyuan/photo.jpg",
        support::photo::phone_jpeg(),
    );
    let served = serve(site);
    for path in ["/images/banner.jpg", "/stories/dangyuan/photo-400.jpg"] {
        let reply = get(&served, path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(
            reply.header("Content-Type").as_deref(),
            Some("image/jpeg"),
            "{path}"
        );
        assert!(reply.body.len() > 1000, "{path}");
        assert!(!reply.body.contains("Exif"), "{path} carries EXIF");
    }
    assert_eq!(get(&served, "/stories/dangyuan/photo.jpg").status, 404);
    let page = get(&served, "/stories/dangyuan/");
    assert!(
        page.body
            .contains("srcset=\"/stories/dangyuan/photo-400.jpg 400w\""),
        "{}",
        page.body
    );
}

// See #14.
#[test]
fn issue_14_a_broken_link_shows_the_overlay_until_it_is_fixed() {
    let served = serve(SiteTest::fixture("bilingual"));
    let before = generation(&served);
    let path = "content/pages/about.md";
    served.site.write(
        path,
        "---\ntitle: 关于我们\n---\n\n见[工作室](../workshops/nope.md)和![合影](C:\\Users\\张三\\合影.jpg)。\n",
    );
    let broken = wait_for_change(&served, before);
    let overlay = broken["overlay"].as_str().expect("an overlay");
    assert!(overlay.contains("content/pages/about.md:5:2"), "{overlay}");
    assert!(overlay.contains("这是你电脑上的路径"), "{overlay}");
    assert!(get(&served, "/about/").body.contains("长欣公寓社区党委"));
    let seen = broken["generation"].as_u64().unwrap();
    served.site.write(
        path,
        "---\ntitle: 关于我们\n---\n\n见[工作室](../workshops/laoshuji.md)。\n",
    );
    let fixed = wait_for_change(&served, seen);
    assert!(fixed["overlay"].is_null(), "{fixed}");
    assert!(
        get(&served, "/about/")
            .body
            .contains("/workshops/laoshuji/")
    );
}

/// A story set for a date far ahead, and one whose `expires:` is long past.
fn scheduled_site() -> SiteTest {
    let site = SiteTest::fixture("bilingual");
    site.write(
        "content/stories/pinming.md",
        "---\ntitle: 冬至品茗\ndate: 2024-05-20\ncommunity: 长欣公寓社区\npublish: 2099-01-01 08:00\n---\n\n居民一起喝茶聊天。\n",
    )
    .write(
        "content/stories/xiangbao.md",
        "---\ntitle: 端午香包\ndate: 2019-04-20\ncommunity: 长欣公寓社区\nexpires: 2020-01-01\n---\n\n缝制香包。\n",
    );
    site
}

#[test]
fn waiting_and_expired_stories_are_previewed_with_their_marks() {
    let served = serve(scheduled_site());
    let waiting = get(&served, "/stories/pinming/");
    assert_eq!(waiting.status, 200);
    assert!(
        waiting
            .body
            .contains("<span class=\"badge badge--waiting\">未发布</span> 这是预览：到 2099-01-01 08:00 才会出现在生成的网站上"),
        "{}",
        waiting.body
    );
    let hant = get(&served, "/zh-hant/stories/pinming/");
    assert!(hant.body.contains("badge--waiting"));
    let expired = get(&served, "/stories/xiangbao/");
    assert_eq!(expired.status, 200);
    assert!(
        expired
            .body
            .contains("<span class=\"badge badge--expired\">已过期</span>")
    );
    // Lists mark them too; a published story carries no mark.
    let list = get(&served, "/stories/").body;
    assert!(
        list.contains("badge--waiting\">未发布</span> <a href=\"/stories/pinming/\">"),
        "{list}"
    );
    assert!(list.contains("badge--expired\">已过期</span> <a href=\"/stories/xiangbao/\">"));
    let published = get(&served, "/stories/xijin-gudu/").body;
    assert!(!published.contains("schedule-note"));
}

#[test]
fn build_output_never_carries_the_schedule_marks() {
    let site = scheduled_site();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.exists("stories/pinming/index.html"));
    assert!(!site.exists("stories/xiangbao/index.html"));
    for path in site.paths() {
        let text =
            String::from_utf8_lossy(&std::fs::read(site.out().join(&path)).unwrap()).into_owned();
        for mark in [
            "badge--waiting",
            "badge--expired",
            "未发布",
            "已过期",
            "冬至品茗",
        ] {
            assert!(
                !text.contains(mark) || path.ends_with(".css"),
                "{mark} in {path}"
            );
        }
    }
}

/// A poll of the page at `page` (its path as the browser shows it) that has seen `since`.
fn poll_page(addr: SocketAddr, since: u64, page: &str) -> serde_json::Value {
    let page: String = page.bytes().map(|b| format!("%{b:02X}")).collect();
    let path = format!("/__tongwen/poll?since={since}&page={page}");
    let reply = request(addr, "GET", &path, &addr.to_string());
    serde_json::from_str(&reply.body).unwrap()
}

// See #15: the page the writer is looking at reloads as soon as the rebuild has made it;
// the other open pages wait for the whole rebuild.
#[test]
fn issue_15_an_open_page_reloads_before_the_rest_of_the_rebuild() {
    use std::sync::Arc;
    use tongwen::output::{OutputBody, OutputSet, OutputSink};
    use tongwen::serve::server::serve_site;
    use tongwen::serve::state::{EarlyPages, ReloadKind, ServeState};

    let mut output = OutputSet::default();
    output.insert_text("stories/a/index.html", "<body>旧的故事</body>".into());
    output.insert_text("index.html", "<body>旧的首页</body>".into());
    let state = Arc::new(ServeState::new(output, Vec::new()));
    let preview = serve_site("127.0.0.1:0".parse().unwrap(), Arc::clone(&state), vec![""]).unwrap();
    let addr = preview.addr;
    let story = std::thread::spawn(move || poll_page(addr, 1, "/stories/a/"));
    let home = std::thread::spawn(move || poll_page(addr, 1, "/"));
    // Both tabs are open once both polls wait.
    while state.open_pages().len() < 2 {
        std::thread::yield_now();
    }
    assert_eq!(state.open_pages(), ["index.html", "stories/a/index.html"]);

    // The rebuild makes the story first: its tab reloads into the new page at once.
    let sink = EarlyPages::new(&state, vec!["stories/a/index.html".into()]);
    let page = |text: &str| OutputBody::Bytes(format!("<body>{text}</body>").into_bytes().into());
    sink.put("stories/a/index.html", page("新的故事"));
    let answer = story.join().unwrap();
    assert_eq!(answer["generation"], 2);
    assert_eq!(answer["kind"], "page");
    let reloaded = request(addr, "GET", "/stories/a/", &addr.to_string()).body;
    assert!(reloaded.contains("新的故事"), "{reloaded}");
    assert!(reloaded.contains("data-generation=\"2\""), "{reloaded}");
    // The rest of the site is still the last one, and the home tab still waits.
    let old_home = request(addr, "GET", "/", &addr.to_string()).body;
    assert!(old_home.contains("旧的首页"), "{old_home}");
    assert!(old_home.contains("data-generation=\"1\""), "{old_home}");
    assert!(!home.is_finished());

    sink.put("index.html", page("新的首页"));
    state.publish(sink.into_output(), ReloadKind::Page);
    assert_eq!(home.join().unwrap()["generation"], 2);
    let new_home = request(addr, "GET", "/", &addr.to_string()).body;
    assert!(new_home.contains("新的首页"), "{new_home}");
    // The story's tab, already at generation 2, has nothing more to reload.
    assert_eq!(state.snapshot().generation, 2);
    preview.stop();
}

#[test]
fn a_poll_that_names_its_page_sees_the_edit_of_that_page() {
    let served = serve(SiteTest::fixture("bilingual"));
    let before = generation(&served);
    let addr = served.addr;
    let poll = std::thread::spawn(move || poll_page(addr, before, "/zh-hant/about/"));
    served.site.write(
        "content/pages/about.md",
        "---\ntitle: 关于我们\n---\n\n欢迎居民来稿。\n",
    );
    let answer = poll.join().unwrap();
    let seen = answer["generation"].as_u64().unwrap();
    assert!(seen > before, "{answer}");
    let page = get(&served, "/zh-hant/about/").body;
    assert!(page.contains("歡迎居民來稿"), "{page}");
    assert!(
        page.contains(&format!("data-generation=\"{seen}\"")),
        "{page}"
    );
}
