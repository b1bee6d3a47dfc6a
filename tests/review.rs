//! Proofreading the converted script: review.yaml's decisions in `build` and `check`, and
//! the preview's review pages and decision endpoint on a real server (127.0.0.1, port 0).
//! Serve tests wait on the reload long-poll, never on sleeps.

// Test helpers panic on any failure: that is how a test reports it.
#![allow(clippy::unwrap_used)]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};

use support::SiteTest;

const STORY: &str = "content/stories/lifa.md";
const HANT_PAGE: &str = "zh-hant/stories/lifa/index.html";

/// The decision a user makes on the review page: 发 in 他把发剪短了 is hair (髮).
const HAIR: &str = "- file: content/stories/lifa.md\n  text: 者帮他把【发】剪短了，\n  use: 髮\n";

fn risky_fa_listed(run: &support::Run) -> bool {
    run.stderr.contains("“发”转成繁体")
}

#[test]
fn a_decision_changes_the_hant_page_and_silences_check() {
    let site = SiteTest::fixture("review");
    assert_eq!(site.build().code, 0);
    assert!(site.read(HANT_PAGE).contains("他把發剪短了"));
    let check = site.run(&["check", "--now", "2024-05-01T10:00+08:00"]);
    assert!(risky_fa_listed(&check), "{}", check.stderr);

    site.write("review.yaml", HAIR);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.read(HANT_PAGE).contains("他把髮剪短了"));
    // SPEC "Two scripts": the source stays verbatim on its own page.
    assert!(
        site.read("stories/lifa/index.html")
            .contains("他把发剪短了")
    );
    let check = site.run(&["check", "--now", "2024-05-01T10:00+08:00"]);
    assert!(!risky_fa_listed(&check), "{}", check.stderr);
    assert!(!check.stderr.contains("用不上了"), "{}", check.stderr);
}

#[test]
fn a_decision_survives_edits_elsewhere_and_a_stale_one_is_reported() {
    let site = SiteTest::fixture("review");
    site.write("review.yaml", HAIR);
    let story = std::fs::read_to_string(site.root().join(STORY)).unwrap();
    site.write(STORY, story.replace("张大爷说清爽多了", "老人连声道谢"));
    assert_eq!(site.build().code, 0);
    assert!(site.read(HANT_PAGE).contains("他把髮剪短了"));

    site.write(
        STORY,
        story.replace("志愿者帮他把发剪短了", "志愿者帮他理了发"),
    );
    let check = site.run(&["check", "--now", "2024-05-01T10:00+08:00"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains("review.yaml:2:") && check.stderr.contains("用不上了"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_broken_review_yaml_is_an_error_with_its_line() {
    let site = SiteTest::fixture("review");
    site.write(
        "review.yaml",
        "- file: content/stories/lifa.md\n  text: 他把发剪短了\n  use: 髮\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("review.yaml:2:9"), "{}", run.stderr);
    site.write("review.yaml", "- file: [\n");
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("review.yaml:"), "{}", run.stderr);
}

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

fn serve(site: SiteTest) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tongwen"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve exited early").unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    Served { child, addr, site }
}

/// (status, body) of one request with the given extra headers and body.
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    (
        head.split(' ').nth(1).unwrap().parse().unwrap(),
        body.to_string(),
    )
}

impl Served {
    fn host(&self) -> String {
        self.addr.to_string()
    }

    fn get(&self, path: &str) -> (u16, String) {
        request(self.addr, "GET", path, &[("Host", &self.host())], "")
    }

    fn token(&self) -> String {
        let (status, page) = self.get("/__tongwen/review/page/stories/lifa/");
        assert_eq!(status, 200, "{page}");
        let at = page.find("name=\"tongwen-token\" content=\"").unwrap() + 30;
        page[at..at + 32].to_string()
    }

    fn generation(&self) -> u64 {
        let (_, body) = self.get("/__tongwen/poll?since=0");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        json["generation"].as_u64().unwrap()
    }

    fn wait_past(&self, since: u64) {
        let (_, body) = self.get(&format!("/__tongwen/poll?since={since}"));
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert!(
            json["generation"].as_u64().unwrap() > since,
            "no rebuild: {json}"
        );
    }
}

fn hair_post(path: &str) -> String {
    serde_json::json!({"path": path, "before": "者帮他把", "ch": "发", "after": "剪短了，", "use": "髮"})
        .to_string()
}

#[test]
fn served_pages_carry_the_toolbar_and_the_review_pages_mark_the_choices() {
    let served = serve(SiteTest::fixture("review"));
    let (_, page) = served.get("/stories/lifa/");
    assert!(page.contains("id=\"tongwen-toolbar\""), "{page}");
    assert!(page.contains("href=\"/zh-hant/stories/lifa/\""));
    assert!(
        page.contains(
            "href=\"/__tongwen/review/page/stories/lifa/\" class=\"tw-review\">对照校对（"
        )
    );
    let (_, hant) = served.get("/zh-hant/stories/lifa/");
    assert!(hant.contains("href=\"/stories/lifa/\" hreflang=\"zh-Hans\""));

    let (_, review) = served.get("/__tongwen/review/page/stories/lifa/");
    assert!(review.contains("<mark class=\"tw-risky\""), "{review}");
    assert!(review.contains("data-use=\"髮\">改用“髮”</button>"));
    assert!(review.contains("<span class=\"tw-cv\">"));
    // The glossary term 长欣 and the title row are shown.
    assert!(review.contains("<span class=\"tw-gloss\">长</span>"));
    assert!(review.contains("<th>title</th>"));

    // Newest first: lifa (2023) before yishi (2022); each with its count.
    let (_, list) = served.get("/__tongwen/review/");
    let lifa = list.find("data-file=\"content/stories/lifa.md\"").unwrap();
    let yishi = list.find("data-file=\"content/stories/yishi.md\"").unwrap();
    assert!(lifa < yishi, "{list}");
    assert!(list[lifa..].contains("<td class=\"tw-count\">1 / 1</td>"));
    let (_, only_lectures) = served.get("/__tongwen/review/?type=lectures");
    assert!(!only_lectures.contains("data-file=\"content/stories/lifa.md\""));
    assert!(only_lectures.contains("没有待校对的页面"));
}

#[test]
fn posts_from_elsewhere_or_without_the_token_change_nothing() {
    let served = serve(SiteTest::fixture("review"));
    let token = served.token();
    let host = served.host();
    let origin = format!("http://{host}");
    let body = hair_post("/stories/lifa/");
    let decide = "/__tongwen/review/decide";
    let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "foreign origin",
            vec![
                ("Host", &host),
                ("Origin", "http://evil.example"),
                ("X-Tongwen-Token", &token),
            ],
        ),
        (
            "foreign host",
            vec![
                ("Host", "evil.example"),
                ("Origin", "http://evil.example"),
                ("X-Tongwen-Token", &token),
            ],
        ),
        (
            "no origin",
            vec![("Host", &host), ("X-Tongwen-Token", &token)],
        ),
        ("no token", vec![("Host", &host), ("Origin", &origin)]),
        (
            "wrong token",
            vec![
                ("Host", &host),
                ("Origin", &origin),
                ("X-Tongwen-Token", "0123456789abcdef0123456789abcdef"),
            ],
        ),
    ];
    for (what, headers) in cases {
        let (status, _) = request(served.addr, "POST", decide, &headers, &body);
        assert_eq!(status, 403, "{what}");
    }
    let good = [
        ("Host", host.as_str()),
        ("Origin", origin.as_str()),
        ("X-Tongwen-Token", token.as_str()),
    ];
    for path in [
        "/../site.yaml",
        "content/stories/lifa.md",
        "/stories/../../review.yaml",
        "/zh-hant/stories/lifa/",
    ] {
        let (status, _) = request(served.addr, "POST", decide, &good, &hair_post(path));
        assert_eq!(status, 404, "{path}");
    }
    let wrong_form = hair_post("/stories/lifa/").replace("髮", "../../x");
    assert_eq!(
        request(served.addr, "POST", decide, &good, &wrong_form).0,
        400
    );
    assert!(!served.site.root().join("review.yaml").exists());
    assert!(std::fs::read_dir(served.site.root()).unwrap().all(|e| {
        !e.unwrap()
            .file_name()
            .to_string_lossy()
            .contains("tongwen-tmp")
    }));
}

#[test]
fn a_decision_from_the_review_page_is_written_and_rebuilds_the_page() {
    let served = serve(SiteTest::fixture("review"));
    let token = served.token();
    let host = served.host();
    let origin = format!("http://{host}");
    let (_, before) = served.get("/zh-hant/stories/lifa/");
    assert!(before.contains("他把發剪短了"));
    let seen = served.generation();
    let headers = [
        ("Host", host.as_str()),
        ("Origin", origin.as_str()),
        ("X-Tongwen-Token", token.as_str()),
    ];
    let (status, reply) = request(
        served.addr,
        "POST",
        "/__tongwen/review/decide",
        &headers,
        &hair_post("/stories/lifa/"),
    );
    assert_eq!(status, 200, "{reply}");
    let written = std::fs::read_to_string(served.site.root().join("review.yaml")).unwrap();
    assert!(
        written.contains("text: \"者帮他把【发】剪短了，\"\n  use: \"髮\""),
        "{written}"
    );
    served.wait_past(seen);
    let (_, after) = served.get("/zh-hant/stories/lifa/");
    assert!(after.contains("他把髮剪短了"), "{after}");
    let (_, review) = served.get("/__tongwen/review/page/stories/lifa/");
    assert!(review.contains("已校对：用“髮”"));
    let (_, list) = served.get("/__tongwen/review/");
    assert!(!list.contains("content/stories/lifa.md"), "{list}");
    assert!(list.contains("content/stories/yishi.md"));
}
