//! A synthetic site of any size for benchmarks: site.yaml, a home introduction, an about
//! page, and `files` content files (stories, workshops and lectures in the proportions of a
//! real community site), each with a few paragraphs, a heading, a list, tags and links.
//! Deterministic: the same `files` always writes the same site.

use std::fmt::Write as _;
use std::path::Path;

/// Writes the site into `root` (which must exist) and returns the path of one story,
/// relative to `root`, for a benchmark to edit.
pub(crate) fn write_site(root: &Path, files: usize) -> std::io::Result<String> {
    let mut random = Lcg(20_241_123);
    write(root, "site.yaml", SITE_YAML)?;
    write(
        root,
        "content/_index.md",
        "---\ntitle: 社区“红色微家”\nsummary: 合成的基准测试网站\n---\n\n欢迎居民朋友常来党群服务中心坐一坐。\n",
    )?;
    write(
        root,
        "content/pages/about.md",
        "---\ntitle: 关于我们\n---\n\n社区党委和居民一起建设共建共治共享的家园。\n",
    )?;
    let workshops = (files / 20).max(1);
    let lectures = files / 10;
    let stories = files.saturating_sub(workshops + lectures);
    for n in 0..workshops {
        write(
            root,
            &format!("content/workshops/ws-{n:04}.md"),
            &workshop(n, &mut random),
        )?;
    }
    for n in 0..lectures {
        write(
            root,
            &format!("content/lectures/lecture-{n:04}.md"),
            &lecture(n, workshops, &mut random),
        )?;
    }
    for n in 0..stories {
        write(
            root,
            &format!("content/stories/story-{n:04}.md"),
            &story(n, workshops, stories, &mut random),
        )?;
    }
    Ok("content/stories/story-0000.md".into())
}

const SITE_YAML: &str = "title: 社区“红色微家”
description: 基准测试用的合成网站
base_url: https://example.org/bench/
languages: [zh-hans, zh-hant]
traditional: standard
source_script: auto
theme: default
timezone: Asia/Shanghai
";

const COMMUNITIES: &[&str] = &[
    "长欣公寓社区",
    "西津古渡社区",
    "金宁社区",
    "梁溪社区",
    "双凤社区",
    "望城社区",
];
const DISTRICTS: &[&str] = &["新吴区", "润州区", "梁溪区", "望城区", "长丰县"];
const TAGS: &[&str] = &[
    "党建引领",
    "社区治理",
    "志愿服务",
    "红色微家",
    "邻里互助",
    "文明实践",
    "为老服务",
    "青年参与",
];
const PEOPLE: &[&str] = &[
    "黄全南",
    "王秀英",
    "李建国",
    "张丽华",
    "陈志强",
    "刘美玲",
    "周海峰",
    "吴晓梅",
];
const SENTENCES: &[&str] = &[
    "社区党委把党员中心户作为最小的服务单元，让居民有事就近能找到人。",
    "志愿者每周走访楼道，把居民反映的难事、急事记在本子上，交给议事会商量。",
    "共建单位认领微心愿，为独居老人送去米面油和一次免费体检。",
    "议事会每月召开一次，物业、业委会和居民代表坐在同一张桌子前。",
    "青年党员自己设计党课，用居民听得懂的话讲清楚新政策。",
    "楼道“红管家”带头清理堆物，消防通道重新畅通。",
    "时间银行记录每一份付出，积分可以兑换理发、修伞和家电维修。",
    "社区在户外建起红色先锋墙和连心亭，傍晚总有居民在这里聊天。",
    "老党员讲初心故事，孩子们听完后主动报名当小小志愿者。",
    "网格员把防诈骗知识送到家门口，帮老人在手机上装好反诈软件。",
];

fn story(n: usize, workshops: usize, stories: usize, random: &mut Lcg) -> String {
    let mut text = String::new();
    let _ = write!(
        text,
        "---\ntitle: 第{n}号案例：{}的楼道故事\ndate: {}-{:02}-{:02}\ncommunity: {}\ndistrict: {}\nauthor: 宣传组\nsummary: {}\ntags: [{}, {}]\nworkshops: [ws-{:04}]\n---\n\n",
        random.pick(COMMUNITIES),
        2015 + n % 11,
        1 + n % 12,
        1 + n % 28,
        random.pick(COMMUNITIES),
        random.pick(DISTRICTS),
        random.pick(SENTENCES),
        random.pick(TAGS),
        random.pick(TAGS),
        n % workshops,
    );
    paragraphs(&mut text, 3, random);
    text.push_str("## 主要做法\n\n");
    for _ in 0..3 {
        let _ = writeln!(text, "- {}", random.pick(SENTENCES));
    }
    let _ = write!(
        text,
        "\n更多经验请看[第{0}号案例](story-{0:04}.md)。\n\n",
        (n + 1) % stories.max(1)
    );
    paragraphs(&mut text, 2, random);
    text
}

fn workshop(n: usize, random: &mut Lcg) -> String {
    let mut text = format!(
        "---\ntitle: 第{n}号实名工作室\nslug: ws-{n:04}\nleader: {}\ncommunity: {}\nfounded: 2019-07-01\nfocus:\n  - 理论宣讲\n  - 民情民意收集\ncontact:\n  phone: 0510-8000{:04}\n  address: 社区党群服务中心二楼\n  hours: 每周二、周四 9:00—11:30\ntags: [{}]\n---\n\n",
        random.pick(PEOPLE),
        random.pick(COMMUNITIES),
        n % 10_000,
        random.pick(TAGS),
    );
    paragraphs(&mut text, 3, random);
    text
}

fn lecture(n: usize, workshops: usize, random: &mut Lcg) -> String {
    let (year, month, day) = (2024 + n % 4, 1 + n % 12, 1 + n % 28);
    let mut text = format!(
        "---\ntitle: 红色微家讲堂第{n}期\nseries: 红色微家讲堂\nstart: {year}-{month:02}-{day:02} 14:30\nend: {year}-{month:02}-{day:02} 16:00\nvenue: 社区党群服务中心多功能厅\nspeaker: {}\ncapacity: 80\nworkshop: ws-{:04}\ntags: [{}]\n---\n\n",
        random.pick(PEOPLE),
        n % workshops,
        random.pick(TAGS),
    );
    paragraphs(&mut text, 2, random);
    text
}

fn paragraphs(text: &mut String, count: usize, random: &mut Lcg) {
    for _ in 0..count {
        for _ in 0..4 {
            text.push_str(random.pick(SENTENCES));
        }
        text.push_str("\n\n");
    }
}

fn write(root: &Path, path: &str, text: &str) -> std::io::Result<()> {
    let path = root.join(path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// A small linear congruential generator: enough variety, no dependency.
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        items[(self.0 >> 33) as usize % items.len()]
    }
}
