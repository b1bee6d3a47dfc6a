//! Synthetic tongwen sites for benchmarks and tests: N content files (70% stories, 15%
//! workshops, 15% lectures) of community-publicity Markdown built from phrase pools, about a
//! quarter of them in traditional script. Deterministic: the same (n, seed) gives the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use opencc_fmmseg::{OpenCC, OpenccConfig};
use rayon::prelude::*;

/// Writes a complete site at `root`: `site.yaml` (both languages) and `n` content files.
pub(crate) fn generate(root: &Path, n: usize, seed: u64) -> io::Result<Corpus> {
    let corpus = Corpus::new(n, seed);
    corpus.write_site(root)?;
    Ok(corpus)
}

/// The content of a synthetic site, before it is written in any generator's format.
pub(crate) struct Corpus {
    pub(crate) entries: Vec<Entry>,
}

/// One content file.
pub(crate) struct Entry {
    pub(crate) section: Section,
    /// ASCII file stem, also the slug: `story-00001`.
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) tags: Vec<String>,
    /// Written in traditional script (`script: hant`).
    pub(crate) hant: bool,
    pub(crate) meta: Meta,
    /// Markdown; links to other files are `../SECTION/SLUG.md`.
    pub(crate) body: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Stories,
    Workshops,
    Lectures,
}

impl Section {
    pub(crate) fn folder(self) -> &'static str {
        match self {
            Section::Stories => "stories",
            Section::Workshops => "workshops",
            Section::Lectures => "lectures",
        }
    }

    fn stem(self) -> &'static str {
        match self {
            Section::Stories => "story",
            Section::Workshops => "workshop",
            Section::Lectures => "lecture",
        }
    }
}

/// The type-specific front matter.
pub(crate) enum Meta {
    Story {
        date: Day,
        community: String,
        district: String,
        author: String,
        workshops: Vec<String>,
    },
    Workshop {
        leader: String,
        community: String,
        founded: Day,
        focus: Vec<String>,
        phone: String,
        address: String,
        hours: String,
    },
    Lecture {
        start: Day,
        /// Minutes after midnight, site time zone.
        start_minute: u32,
        /// Length in minutes; `None` writes no `end`.
        length: Option<u32>,
        venue: String,
        speaker: String,
        speaker_title: String,
        series: String,
        workshop: Option<String>,
        status: &'static str,
    },
}

/// A calendar day and the way the author wrote it.
#[derive(Clone, Copy)]
pub(crate) struct Day {
    pub(crate) year: u32,
    pub(crate) month: u32,
    pub(crate) day: u32,
    /// 0: `2023-05-01`, 1: `2023/5/1`, 2: `2023.5.1`, 3: `2023年5月1日`.
    style: u8,
}

impl Day {
    /// As the author wrote it (one of the Chinese office forms).
    pub(crate) fn written(self) -> String {
        let Day {
            year, month, day, ..
        } = self;
        match self.style {
            0 => format!("{year}-{month:02}-{day:02}"),
            1 => format!("{year}/{month}/{day}"),
            2 => format!("{year}.{month}.{day}"),
            _ => format!("{year}年{month}月{day}日"),
        }
    }

    /// ISO 8601: `2023-05-01`.
    pub(crate) fn iso(self) -> String {
        format!("{}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Corpus {
    /// The corpus for `n` files; traditional files are converted with OpenCC (s2t).
    pub(crate) fn new(n: usize, seed: u64) -> Corpus {
        let counts = Counts::of(n);
        let titles = Titles::new(&counts, seed);
        let opencc = OpenCC::new();
        let jobs: Vec<(Section, usize)> = counts
            .sections()
            .into_iter()
            .flat_map(|(section, count)| (0..count).map(move |index| (section, index)))
            .collect();
        // Each file has its own random stream, so the order of work does not matter.
        let entries = jobs
            .into_par_iter()
            .map(|(section, index)| {
                let mut rng = Rng::for_entry(seed, section, index);
                let mut entry = make_entry(&mut rng, section, index, &titles, &counts);
                if entry.hant {
                    entry.convert_to_traditional(&opencc);
                }
                entry
            })
            .collect();
        Corpus { entries }
    }

    /// `site.yaml` and `content/SECTION/SLUG.md` under `root`.
    pub(crate) fn write_site(&self, root: &Path) -> io::Result<()> {
        fs::create_dir_all(root)?;
        fs::write(root.join("site.yaml"), SITE_YAML)?;
        for section in [Section::Stories, Section::Workshops, Section::Lectures] {
            fs::create_dir_all(root.join("content").join(section.folder()))?;
        }
        fs::write(root.join("content/_index.md"), HOME_INDEX)?;
        self.entries
            .par_iter()
            .try_for_each(|entry| fs::write(root.join(entry.path()), entry.to_markdown()))
    }

    /// Total bytes of content Markdown, to report the corpus size.
    pub(crate) fn markdown_bytes(&self) -> usize {
        self.entries.iter().map(|e| e.to_markdown().len()).sum()
    }
}

impl Entry {
    /// `content/stories/story-00001.md`.
    pub(crate) fn path(&self) -> String {
        format!("content/{}/{}.md", self.section.folder(), self.slug)
    }

    /// The whole file: YAML front matter and the body.
    pub(crate) fn to_markdown(&self) -> String {
        let mut out = String::with_capacity(self.body.len() + 512);
        out.push_str("---\n");
        let _ = writeln!(out, "title: {}", self.title);
        let _ = writeln!(out, "summary: {}", self.summary);
        let _ = writeln!(out, "tags: [{}]", self.tags.join(", "));
        if self.hant {
            out.push_str("script: hant\n");
        }
        self.write_meta(&mut out);
        out.push_str("---\n\n");
        out.push_str(&self.body);
        out
    }

    fn write_meta(&self, out: &mut String) {
        match &self.meta {
            Meta::Story {
                date,
                community,
                district,
                author,
                workshops,
            } => {
                let _ = writeln!(out, "date: {}", date.written());
                let _ = writeln!(out, "community: {community}");
                let _ = writeln!(out, "district: {district}");
                let _ = writeln!(out, "author: {author}");
                if !workshops.is_empty() {
                    let _ = writeln!(out, "workshops: [{}]", workshops.join(", "));
                }
            }
            Meta::Workshop {
                leader,
                community,
                founded,
                focus,
                phone,
                address,
                hours,
            } => {
                let _ = writeln!(out, "leader: {leader}");
                let _ = writeln!(out, "community: {community}");
                let _ = writeln!(out, "founded: {}", founded.written());
                out.push_str("focus:\n");
                for f in focus {
                    let _ = writeln!(out, "  - {f}");
                }
                let _ = writeln!(
                    out,
                    "contact:\n  phone: {phone}\n  address: {address}\n  hours: {hours}"
                );
            }
            Meta::Lecture {
                start,
                start_minute,
                length,
                venue,
                speaker,
                speaker_title,
                series,
                workshop,
                status,
            } => {
                let at = |minute: u32| format!("{:02}:{:02}", minute / 60, minute % 60);
                let _ = writeln!(out, "start: {} {}", start.written(), at(*start_minute));
                if let Some(length) = length {
                    let _ = writeln!(
                        out,
                        "end: {} {}",
                        start.written(),
                        at(start_minute + length)
                    );
                }
                let _ = writeln!(out, "venue: {venue}");
                let _ = writeln!(out, "speaker: {speaker}");
                let _ = writeln!(out, "speaker_title: {speaker_title}");
                let _ = writeln!(out, "series: {series}");
                if let Some(workshop) = workshop {
                    let _ = writeln!(out, "workshop: {workshop}");
                }
                if *status != "scheduled" {
                    let _ = writeln!(out, "status: {status}");
                }
            }
        }
    }

    /// Every reader-visible string, converted to traditional script (slugs stay ASCII).
    fn convert_to_traditional(&mut self, opencc: &OpenCC) {
        let t = |s: &mut String| *s = opencc.convert_with_config(s, OpenccConfig::S2t, false);
        t(&mut self.title);
        t(&mut self.summary);
        self.tags.iter_mut().for_each(t);
        t(&mut self.body);
        match &mut self.meta {
            Meta::Story {
                community,
                district,
                author,
                ..
            } => [community, district, author].into_iter().for_each(t),
            Meta::Workshop {
                leader,
                community,
                focus,
                address,
                hours,
                ..
            } => {
                [leader, community, address, hours].into_iter().for_each(t);
                focus.iter_mut().for_each(t);
            }
            Meta::Lecture {
                venue,
                speaker,
                speaker_title,
                series,
                ..
            } => [venue, speaker, speaker_title, series]
                .into_iter()
                .for_each(t),
        }
    }
}

const SITE_YAML: &str = "\
title: 同文社区治理案例库
description: 党建引领社区治理：案例故事、实名工作室与社区讲堂
base_url: https://example.org/anli/
languages: [zh-hans, zh-hant]
traditional: standard
source_script: auto
theme: default
timezone: Asia/Shanghai
footer:
  icp: 苏ICP备00000000号
  police: 苏公网安备 00000000000000号
glossary:
  长欣: 長欣
images:
  widths: [480, 960, 1600]
  quality: 82
";

const HOME_INDEX: &str = "\
---
title: 同文社区治理案例库
summary: 收集各地社区党建引领基层治理的案例故事、实名工作室和社区讲堂。
---

这里收集各地社区“党建引领、网格治理、志愿服务、议事协商”的实践案例。每个案例都写明社区、时间和做法，方便同行学习借鉴。
";

/// How many files of each type: 70/15/15, at least one workshop so stories can name one.
pub(crate) struct Counts {
    pub(crate) stories: usize,
    pub(crate) workshops: usize,
    pub(crate) lectures: usize,
}

impl Counts {
    pub(crate) fn of(n: usize) -> Counts {
        let workshops = (n * 15 / 100).max(1).min(n);
        let lectures = (n * 15 / 100).min(n - workshops);
        Counts {
            stories: n - workshops - lectures,
            workshops,
            lectures,
        }
    }

    fn sections(&self) -> [(Section, usize); 3] {
        [
            (Section::Stories, self.stories),
            (Section::Workshops, self.workshops),
            (Section::Lectures, self.lectures),
        ]
    }

    fn of_section(&self, section: Section) -> usize {
        match section {
            Section::Stories => self.stories,
            Section::Workshops => self.workshops,
            Section::Lectures => self.lectures,
        }
    }
}

fn slug(section: Section, index: usize) -> String {
    format!("{}-{:05}", section.stem(), index + 1)
}

/// Every entry's title, decided before any body so bodies can link by title.
struct Titles {
    stories: Vec<String>,
    workshops: Vec<String>,
    lectures: Vec<String>,
}

impl Titles {
    fn new(counts: &Counts, seed: u64) -> Titles {
        let make = |section: Section, f: fn(&mut Rng) -> String| -> Vec<String> {
            (0..counts.of_section(section))
                .map(|i| f(&mut Rng::for_entry(seed ^ 0x7469_746c_6573, section, i)))
                .collect()
        };
        Titles {
            stories: make(Section::Stories, story_title),
            workshops: make(Section::Workshops, workshop_title),
            lectures: make(Section::Lectures, lecture_title),
        }
    }

    fn of(&self, section: Section, index: usize) -> &str {
        match section {
            Section::Stories => &self.stories[index],
            Section::Workshops => &self.workshops[index],
            Section::Lectures => &self.lectures[index],
        }
    }
}

fn make_entry(
    rng: &mut Rng,
    section: Section,
    index: usize,
    titles: &Titles,
    counts: &Counts,
) -> Entry {
    let meta = match section {
        Section::Stories => story_meta(rng, counts),
        Section::Workshops => workshop_meta(rng),
        Section::Lectures => lecture_meta(rng, counts),
    };
    let body = Body::new(rng, titles, counts).write(section);
    Entry {
        section,
        slug: slug(section, index),
        title: titles.of(section, index).to_string(),
        summary: summary(rng),
        tags: pick_distinct(rng, TAGS, 2, 5),
        hant: rng.chance(25),
        meta,
        body,
    }
}

fn story_title(rng: &mut Rng) -> String {
    let community = community(rng);
    match rng.below(4) {
        0 => format!("{community}：{}", rng.pick(TITLE_THEMES)),
        1 => format!(
            "“{}”：{community}的{}",
            rng.pick(BRANDS),
            rng.pick(TITLE_NOUNS)
        ),
        2 => format!(
            "{}，{community}{}",
            rng.pick(TITLE_THEMES),
            rng.pick(TITLE_TAILS)
        ),
        _ => format!("{community}{}{}", rng.pick(ACTIONS), rng.pick(OBJECTS)),
    }
}

fn workshop_title(rng: &mut Rng) -> String {
    format!("{}“{}”工作室", community(rng), rng.pick(WORKSHOP_NAMES))
}

fn lecture_title(rng: &mut Rng) -> String {
    format!("{}：{}", rng.pick(SERIES), rng.pick(LECTURE_TOPICS))
}

fn story_meta(rng: &mut Rng, counts: &Counts) -> Meta {
    let named = rng.below(4);
    let mut workshops: Vec<String> = (0..named)
        .map(|_| slug(Section::Workshops, rng.below(counts.workshops)))
        .collect();
    workshops.sort();
    workshops.dedup();
    Meta::Story {
        date: day(rng, 2015, 2026),
        community: community(rng),
        district: rng.pick(DISTRICTS).to_string(),
        author: rng.pick(AUTHORS).to_string(),
        workshops,
    }
}

fn workshop_meta(rng: &mut Rng) -> Meta {
    let community = community(rng);
    Meta::Workshop {
        leader: person(rng),
        founded: day(rng, 2010, 2024),
        focus: pick_distinct(rng, FOCUS, 2, 4),
        phone: format!("0510-8{:07}", rng.below(10_000_000)),
        address: format!("{community}党群服务中心{}", rng.pick(ROOMS)),
        hours: rng.pick(HOURS).to_string(),
        community,
    }
}

fn lecture_meta(rng: &mut Rng, counts: &Counts) -> Meta {
    let status = match rng.below(20) {
        0 | 1 => "cancelled",
        2 => "postponed",
        _ => "scheduled",
    };
    let workshop = rng
        .chance(70)
        .then(|| slug(Section::Workshops, rng.below(counts.workshops)));
    Meta::Lecture {
        start: day(rng, 2024, 2027),
        start_minute: [9 * 60, 9 * 60 + 30, 14 * 60, 14 * 60 + 30, 19 * 60][rng.below(5)],
        length: rng.chance(80).then(|| [60, 90, 120][rng.below(3)]),
        venue: format!("{}{}", community(rng), rng.pick(VENUES)),
        speaker: person(rng),
        speaker_title: rng.pick(SPEAKER_TITLES).to_string(),
        series: rng.pick(SERIES).to_string(),
        workshop,
        status,
    }
}

fn day(rng: &mut Rng, first_year: u32, last_year: u32) -> Day {
    Day {
        year: first_year + rng.below((last_year - first_year + 1) as usize) as u32,
        month: 1 + rng.below(12) as u32,
        // Day 28 at most: every month has it, so no date is invalid.
        day: 1 + rng.below(28) as u32,
        style: rng.below(4) as u8,
    }
}

fn community(rng: &mut Rng) -> String {
    format!("{}社区", rng.pick(PLACES))
}

fn person(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN_NAMES))
}

fn summary(rng: &mut Rng) -> String {
    let mut text = String::new();
    sentence(rng, &mut text);
    sentence(rng, &mut text);
    text
}

fn pick_distinct(rng: &mut Rng, pool: &[&str], min: usize, max: usize) -> Vec<String> {
    let want = min + rng.below(max - min + 1);
    let mut picked: Vec<String> = Vec::with_capacity(want);
    while picked.len() < want {
        let candidate = rng.pick(pool);
        if !picked.iter().any(|p| p == candidate) {
            picked.push(candidate.to_string());
        }
    }
    picked
}

/// A Markdown body: an introduction, `##` sections of paragraphs, lists, a table or quote
/// now and then, and links to other pages of the site.
struct Body<'a> {
    rng: &'a mut Rng,
    titles: &'a Titles,
    counts: &'a Counts,
    out: String,
}

impl<'a> Body<'a> {
    fn new(rng: &'a mut Rng, titles: &'a Titles, counts: &'a Counts) -> Body<'a> {
        Body {
            rng,
            titles,
            counts,
            out: String::with_capacity(8 * 1024),
        }
    }

    fn write(mut self, section: Section) -> String {
        let sections = match section {
            Section::Stories => 2 + self.rng.below(3),
            Section::Workshops | Section::Lectures => 1 + self.rng.below(2),
        };
        self.paragraph();
        for heading in pick_distinct(self.rng, HEADINGS, sections, sections) {
            let _ = write!(self.out, "## {heading}\n\n");
            for _ in 0..1 + self.rng.below(2) {
                self.paragraph();
            }
            self.extra();
        }
        self.out
    }

    /// 200 to 1,500 characters, shorter ones more often (the minimum of two draws); the
    /// span leaves room for the last sentence to run past the target.
    fn paragraph(&mut self) {
        let span = 1220;
        let target = 200 + self.rng.below(span).min(self.rng.below(span));
        let start = self.out.len();
        let mut chars = 0;
        while chars < target {
            let before = self.out.len();
            if self.rng.chance(8) {
                self.link_sentence();
            } else {
                sentence(self.rng, &mut self.out);
            }
            chars += self.out[before..].chars().count();
        }
        debug_assert!(self.out.len() > start);
        self.out.push_str("\n\n");
    }

    fn extra(&mut self) {
        match self.rng.below(10) {
            0..=3 => self.list(),
            4 => self.table(),
            5 => self.quote(),
            _ => {}
        }
    }

    fn list(&mut self) {
        for _ in 0..3 + self.rng.below(4) {
            let _ = writeln!(
                self.out,
                "- **{}**：{}{}，{}；",
                self.rng.pick(LIST_LEADS),
                self.rng.pick(ACTIONS),
                self.rng.pick(OBJECTS),
                self.rng.pick(EFFECTS)
            );
        }
        self.out.push('\n');
    }

    fn table(&mut self) {
        self.out
            .push_str("| 年份 | 活动 | 参与人次 |\n| --- | --- | --- |\n");
        let first = 2016 + self.rng.below(6);
        for year in first..first + 3 {
            let _ = writeln!(
                self.out,
                "| {year}年 | {} | {} |",
                self.rng.pick(OBJECTS),
                50 + self.rng.below(2000)
            );
        }
        self.out.push('\n');
    }

    fn quote(&mut self) {
        let _ = write!(
            self.out,
            "> “{}，”{}说。\n\n",
            self.rng.pick(QUOTES),
            self.rng.pick(SPEAKER_ROLES)
        );
    }

    /// A sentence that links a story, workshop or lecture of the site by its title.
    fn link_sentence(&mut self) {
        let section = match self.rng.below(10) {
            0..=5 => Section::Stories,
            6..=8 => Section::Workshops,
            _ => Section::Lectures,
        };
        let count = self.counts.of_section(section);
        if count == 0 {
            return sentence(self.rng, &mut self.out);
        }
        let index = self.rng.below(count);
        let title = self.titles.of(section, index);
        let _ = write!(
            self.out,
            "{}[{title}](../{}/{}.md)。",
            self.rng.pick(LINK_LEADS),
            section.folder(),
            slug(section, index)
        );
    }
}

/// One sentence from a template over the phrase pools.
fn sentence(rng: &mut Rng, out: &mut String) {
    let s = rng.pick(SUBJECTS);
    let a = rng.pick(ACTIONS);
    let o = rng.pick(OBJECTS);
    let e = rng.pick(EFFECTS);
    let _ = match rng.below(7) {
        0 => write!(out, "{}，{s}{a}{o}，{e}。", rng.pick(TIMES)),
        1 => write!(out, "{s}{a}{o}{}场，{e}。", 3 + rng.below(60)),
        2 => write!(
            out,
            "“{}，”{}说。",
            rng.pick(QUOTES),
            rng.pick(SPEAKER_ROLES)
        ),
        3 => write!(
            out,
            "{s}和{}一起{a}{o}，累计{}。",
            rng.pick(SUBJECTS),
            stat(rng)
        ),
        4 => write!(out, "{}，{s}{a}{o}。", rng.pick(TIMES)),
        5 => write!(out, "围绕“{}”，{s}{a}{o}，{e}。", rng.pick(BRANDS)),
        _ => write!(out, "{s}{a}{o}，{e}，{}。", stat(rng)),
    };
}

fn stat(rng: &mut Rng) -> String {
    let n = 10 + rng.below(990);
    match rng.below(4) {
        0 => format!("收集意见建议{n}条"),
        1 => format!("服务居民{n}人次"),
        2 => format!("解决民生难题{n}件"),
        _ => format!("开展志愿服务{n}小时"),
    }
}

/// xorshift64*: small, fast and reproducible; not for anything but test data.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        // splitmix64 of the seed, so nearby seeds start far apart; never zero.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    /// An independent stream per file, so a file's text does not depend on the others.
    fn for_entry(seed: u64, section: Section, index: usize) -> Rng {
        let tag = section as u64 + 1;
        Rng::new(seed ^ (tag << 56) ^ (index as u64).wrapping_mul(0x2545_F491_4F6C_DD1D))
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'p>(&mut self, pool: &[&'p str]) -> &'p str {
        pool[self.below(pool.len())]
    }
}

const TAGS: &[&str] = &[
    "党建引领",
    "社区治理",
    "志愿服务",
    "网格化管理",
    "协商议事",
    "邻里互助",
    "老党员",
    "红色物业",
    "文明实践",
    "垃圾分类",
    "平安建设",
    "养老服务",
    "青少年成长",
    "家风家训",
    "社区文化",
    "为民服务",
    "基层治理",
    "红色网格",
    "党员先锋",
    "时间银行",
    "老旧小区改造",
    "社企联盟",
    "微治理",
    "矛盾调解",
    "民生实事",
    "便民服务",
    "环境整治",
    "理论宣讲",
    "主题党日",
    "退役军人",
    "关爱儿童",
    "助残扶弱",
    "反诈宣传",
    "健康义诊",
    "消防安全",
    "共建共治共享",
    "楼道文化",
    "全民阅读",
    "非遗传承",
    "双报到",
];

const PLACES: &[&str] = &[
    "长欣公寓",
    "金宁",
    "黄金",
    "西津古渡",
    "兴隆桥",
    "尤渡",
    "春晖",
    "向阳",
    "幸福里",
    "和平里",
    "东风",
    "新华",
    "湖滨",
    "翠苑",
    "锦绣",
    "阳光",
    "丽景",
    "南苑",
    "北塘",
    "清扬",
    "育才",
    "桃园",
    "梅园",
    "兰亭",
    "枫桥",
    "双凤",
    "金山桥",
    "石门",
    "广益",
    "城南",
    "民丰",
    "金和",
    "后西溪",
    "惠畅里",
    "望湖",
    "滨江",
    "崇安",
    "扬名",
];

const DISTRICTS: &[&str] = &[
    "无锡市新吴区",
    "无锡市梁溪区",
    "长沙市望城区",
    "镇江市润州区",
    "南京市鼓楼区",
    "苏州市姑苏区",
    "合肥市长丰县",
    "杭州市拱墅区",
    "常州市天宁区",
    "扬州市广陵区",
    "南通市崇川区",
    "宁波市海曙区",
];

const AUTHORS: &[&str] = &[
    "宣传组",
    "社区党委",
    "网格办",
    "通讯员",
    "志愿者宣传队",
    "党群服务中心",
];

const SURNAMES: &[&str] = &[
    "黄", "孙", "陈", "徐", "李", "王", "张", "刘", "周", "吴", "朱", "马", "胡", "郭", "何", "高",
    "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
];

const GIVEN_NAMES: &[&str] = &[
    "全南", "裕康", "竹君", "国富", "利科", "丽娜", "建平", "秀英", "志强", "桂兰", "海燕", "文华",
    "德明", "淑芬", "晓东", "玉梅", "卫国", "红霞", "振华", "春燕", "建国", "美玲", "立新", "慧敏",
    "宏伟", "雪梅", "永康", "佳宇", "玲玲", "瑶",
];

const BRANDS: &[&str] = &[
    "红色微家",
    "四圈四提力",
    "六微行动",
    "红格善治",
    "有事好商量",
    "我的楼道我的家",
    "欣声议事会",
    "时间银行",
    "共益树",
    "金色乡邻",
    "红色一条街",
    "四个一",
    "1+10+N",
    "三报到三服务",
    "邻里守望",
    "楼道会客厅",
    "花园议事厅",
    "党群连心桥",
];

const TITLE_THEMES: &[&str] = &[
    "把党支部建在小区里",
    "小网格撑起大治理",
    "议事会开到楼道口",
    "老党员当好“领头雁”",
    "志愿服务走进千家万户",
    "红色物业让家园更美",
    "从“旁观者”到“参与者”",
    "一张网兜起百家事",
    "邻里互助织密幸福网",
    "时间银行存下温暖",
    "老旧小区焕新颜",
    "党群连心解民忧",
];

const TITLE_NOUNS: &[&str] = &[
    "三年计划",
    "治理新路",
    "服务清单",
    "微治理实践",
    "幸福密码",
    "红色答卷",
];

const TITLE_TAILS: &[&str] = &[
    "这样做",
    "有妙招",
    "走出新路子",
    "的探索与实践",
    "交出暖心答卷",
    "答好民生题",
];

const WORKSHOP_NAMES: &[&str] = &[
    "老书记",
    "好家风",
    "老娘舅",
    "欣青年",
    "红管家",
    "知心姐姐",
    "银发先锋",
    "法律明白人",
    "巧手妈妈",
    "和事佬",
    "暖心驿站",
    "小巷总理",
    "楼道长",
    "百姓名嘴",
    "文明劝导",
    "夕阳红",
    "金牌调解",
    "红领巾",
    "书香邻里",
    "健康守护",
];

const FOCUS: &[&str] = &[
    "理论宣讲",
    "初心故事分享",
    "党员骨干传帮带",
    "民情民意收集",
    "矛盾纠纷调解",
    "家风家训征集",
    "青少年教育",
    "独居老人关爱",
    "垃圾分类督导",
    "楼道环境整治",
    "法律咨询",
    "健康知识普及",
];

const ROOMS: &[&str] = &[
    "二楼党员之家",
    "一楼议事厅",
    "三楼活动室",
    "一楼服务大厅东侧",
];

const HOURS: &[&str] = &[
    "每周二、周四 9:00—11:30",
    "每周一至周五 14:00—17:00",
    "每周六上午 9:00—12:00",
    "每月第一个周三全天",
];

const SERIES: &[&str] = &[
    "红色微家讲堂",
    "老党员说",
    "邻里大讲堂",
    "周末法律课",
    "健康养生讲座",
    "青年夜校",
    "家门口的党课",
];

const LECTURE_TOPICS: &[&str] = &[
    "老年人防范电信网络诈骗",
    "家庭急救知识",
    "垃圾分类怎么分",
    "民法典与邻里纠纷",
    "家风家训代代传",
    "慢性病的日常管理",
    "青少年心理健康",
    "社区消防安全",
    "红色故事我来讲",
    "楼道议事怎么开",
    "智能手机使用入门",
    "居家养老政策解读",
];

const VENUES: &[&str] = &[
    "党群服务中心多功能厅",
    "新时代文明实践站",
    "居民议事厅",
    "红色驿站",
];

const SPEAKER_TITLES: &[&str] = &[
    "社区党委书记",
    "辖区派出所社区民警",
    "社区卫生服务中心医生",
    "退休教师",
    "执业律师",
    "网格员",
    "老党员代表",
];

const HEADINGS: &[&str] = &[
    "工作背景",
    "主要做法",
    "党建引领聚合力",
    "网格管理织密网",
    "志愿服务暖人心",
    "议事协商解难题",
    "邻里互助显真情",
    "取得的成效",
    "下一步打算",
    "经验与启示",
    "居民怎么说",
    "活动回顾",
    "服务内容",
    "讲座内容",
    "参加方式",
];

const SUBJECTS: &[&str] = &[
    "社区党委",
    "小区党支部",
    "网格员",
    "老党员",
    "党员中心户",
    "楼道“红管家”",
    "志愿服务队",
    "居民议事会",
    "共建单位",
    "物业服务企业",
    "业委会",
    "退休老干部",
    "青年党员",
    "社区民警",
    "驻区企业",
    "社工站",
    "“掌门人”",
    "楼栋长",
    "在职党员",
    "新就业群体党员",
];

const ACTIONS: &[&str] = &[
    "牵头召开",
    "组织开展",
    "定期走访",
    "主动认领",
    "推动解决",
    "收集整理",
    "带头参与",
    "协调推进",
    "宣传发动",
    "结对帮扶",
    "持续深化",
    "用心做好",
];

const OBJECTS: &[&str] = &[
    "议事协商会",
    "邻里互助活动",
    "垃圾分类宣传",
    "老旧小区改造",
    "独居老人",
    "停车难问题",
    "加装电梯工作",
    "楼道堆物清理",
    "主题党日活动",
    "红色课堂",
    "时间银行积分兑换",
    "文明实践活动",
    "矛盾纠纷排查",
    "民情民意",
    "微心愿",
    "安全隐患排查",
    "反诈宣传",
    "健康义诊",
    "四点半课堂",
    "家风家训征集",
];

const EFFECTS: &[&str] = &[
    "让居民的小事有人管、有人办",
    "把服务送到居民家门口",
    "形成“大事共议、要事共决、急事共商、实事共办”的格局",
    "共建共治共享的氛围越来越浓",
    "居民的获得感、幸福感、安全感不断提升",
    "党员“亮身份、做表率”蔚然成风",
    "激活了基层治理的“神经末梢”",
    "打通了服务群众的“最后一米”",
    "从“要我参与”变成了“我要参与”",
    "一批热心居民成了社区的好帮手",
];

const TIMES: &[&str] = &[
    "近年来",
    "今年以来",
    "去年夏天",
    "每逢周末",
    "疫情期间",
    "自2019年起",
    "每月第一个周六",
    "在党群服务中心",
    "春节前夕",
    "汛期来临前",
];

const QUOTES: &[&str] = &[
    "有事大家商量着办，心里就亮堂了",
    "以前楼道里堆满杂物，现在干干净净，走着都舒心",
    "能为邻里办点实事，我觉得很有成就感",
    "老党员就要有老党员的样子",
    "小区是我们自己的家，大家都要出一份力",
    "遇到难事，找网格员一准管用",
];

const SPEAKER_ROLES: &[&str] = &[
    "社区党委书记",
    "一位老党员",
    "楼栋长",
    "居民代表",
    "网格员",
    "志愿者",
    "业委会主任",
];

const LIST_LEADS: &[&str] = &[
    "宣讲站",
    "收集站",
    "服务站",
    "议事角",
    "连心亭",
    "微站点",
    "积分榜",
];

const LINK_LEADS: &[&str] = &["详见", "具体做法可以看", "相关情况参见", "可参考", "另见"];
