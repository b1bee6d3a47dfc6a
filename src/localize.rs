//! `Site` × `Lang` → `LocalizedSite`: every reader-visible string of the site in the page's
//! script (titles, summaries, front matter values, tag names, the theme's words, dates).
//! SPEC "Two scripts": a text is converted from the script it is written in, so a source
//! is never round-tripped. Pure: no IO.

use std::collections::BTreeMap;

use jiff::Zoned;
use jiff::civil::Weekday;
use jiff::tz::TimeZone;
use rayon::prelude::*;
use serde::Serialize;

use crate::config::{Config, SourceScript};
use crate::content::{Kind, LectureStatus, When};
use crate::convert::{Converter, Script};
use crate::site::{Entry, Lang, Site};

/// The theme's own words, written in simplified script (key → word). Templates read them as
/// `t.KEY`, converted for the page's script. `{n}` is a number the template fills in.
pub const UI_WORDS: &[(&str, &str)] = &[
    ("home", "首页"),
    ("stories", "案例故事"),
    ("workshops", "工作室"),
    ("lectures", "讲堂"),
    ("tags", "标签"),
    ("skip_to_content", "跳到正文"),
    ("main_nav", "主导航"),
    ("breadcrumb", "当前位置"),
    ("text_size", "字号"),
    ("text_large", "大字"),
    ("text_standard", "标准"),
    ("switch_to_hans", "简体"),
    ("switch_to_hant", "繁体"),
    ("switch_language", "切换简繁"),
    ("latest_stories", "最新案例"),
    ("all_stories", "查看全部案例"),
    ("upcoming_lectures", "近期讲堂"),
    ("past_lectures", "往期讲堂"),
    ("all_lectures", "查看全部讲堂"),
    ("all_workshops", "查看全部工作室"),
    ("no_upcoming", "近期暂无讲堂安排，敬请关注。"),
    ("date", "日期"),
    ("community", "所属社区"),
    ("district", "所在地区"),
    ("author", "作者"),
    ("related_workshops", "相关工作室"),
    ("leader", "领办人"),
    ("founded", "成立时间"),
    ("focus", "工作重点"),
    ("phone", "电话"),
    ("address", "地址"),
    ("hours", "开放时间"),
    ("workshop_stories", "工作室故事"),
    ("workshop_lectures", "工作室讲堂"),
    ("time", "时间"),
    ("venue", "地点"),
    ("speaker", "主讲人"),
    ("series", "系列"),
    ("capacity", "名额"),
    ("capacity_n", "{n} 人"),
    ("registration", "报名方式"),
    ("organizer", "主办工作室"),
    ("schedule_waiting", "未发布"),
    (
        "schedule_waiting_note",
        "这是预览：到 {at} 才会出现在生成的网站上",
    ),
    ("schedule_expired", "已过期"),
    (
        "schedule_expired_note",
        "这是预览：{at} 起已从生成的网站上撤下",
    ),
    ("status_cancelled", "已取消"),
    ("status_postponed", "已延期"),
    ("status_past", "已结束"),
    ("status_upcoming", "即将举办"),
    ("cancelled_note", "本场讲堂已取消，给您带来不便，敬请谅解。"),
    ("postponed_note", "本场讲堂已延期，新的时间将另行通知。"),
    ("add_to_calendar", "加入日历"),
    ("subscribe_calendar", "订阅讲堂日历"),
    (
        "subscribe_help",
        "可在手机或电脑日历中订阅，讲堂安排更新后自动同步。",
    ),
    ("feed", "订阅更新"),
    ("pagination", "分页"),
    ("prev_page", "上一页"),
    ("next_page", "下一页"),
    ("page_n", "第 {n} 页"),
    ("page_of", "第 {n} 页，共 {total} 页"),
    ("count_stories", "共 {n} 篇"),
    ("count_workshops", "共 {n} 个工作室"),
    ("count_entries", "共 {n} 条"),
    ("all_tags", "全部标签"),
    ("tag_prefix", "标签："),
    ("kind_story", "案例"),
    ("kind_workshop", "工作室"),
    ("kind_lecture", "讲堂"),
    ("kind_page", "页面"),
    ("not_found_title", "页面未找到"),
    (
        "not_found_text",
        "您要访问的页面不存在，可能已经移动或删除。",
    ),
    ("not_found_help", "您可以返回首页，或从下面的栏目继续浏览。"),
    ("back_home", "返回首页"),
    ("moved_title", "页面已迁移"),
    ("moved_text", "本页面已迁移到新地址，正在为您跳转："),
    ("copyright", "版权所有"),
    ("empty_list", "暂无内容。"),
    ("share_title", "分享本页"),
    ("share_scan", "用手机扫码打开本页"),
    ("share_url", "本页网址"),
    ("share_copy", "复制链接"),
    ("share_copied", "已复制，可以粘贴到微信群"),
    (
        "share_copy_manual",
        "网址已选中，请按 Ctrl+C（手机上长按）复制",
    ),
    ("share_poster", "打印讲座海报"),
    ("programme_poster", "打印近期讲堂海报"),
    ("poster_time", "时间"),
    ("poster_scan_page", "扫码查看详情"),
    ("poster_scan_calendar", "扫码加入手机日历"),
    ("poster_programme", "近期讲堂"),
    ("poster_none", "近期没有安排讲堂，欢迎关注网站通知。"),
    ("poster_cancelled", "本场讲座已取消"),
    ("poster_postponed", "本场讲座延期举行，新时间另行通知"),
    ("poster_print", "打印海报"),
    ("poster_back", "返回讲座页面"),
    ("search", "搜索"),
    ("search_label", "搜索本站"),
    ("search_placeholder", "社区、人名或记得的一句话"),
    (
        "search_help",
        "输入社区名、人名或记得的一句话，简体、繁体都可以；几个词之间用空格隔开。",
    ),
    (
        "search_noscript",
        "搜索需要浏览器开启 JavaScript 才能使用。您也可以按标签查找全部内容：",
    ),
    ("search_browse_tags", "查看全部标签"),
    ("search_empty", "请在上面的搜索框里输入要找的内容。"),
    ("search_loading", "正在搜索……"),
    ("search_count", "找到 {n} 条结果"),
    ("search_count_about", "找到约 {n} 条结果"),
    (
        "search_none",
        "没有找到包含“{q}”的内容。请检查有没有错字，或者少输入几个字再试。",
    ),
    ("search_more", "显示更多结果"),
    ("search_failed", "搜索暂时无法使用，请刷新页面再试。"),
    ("search_kind_story", "故事"),
    ("search_kind_workshop", "工作室"),
    ("search_kind_lecture", "讲堂"),
    ("search_kind_page", "页面"),
];

/// A date (and maybe a time) as readers see it, in the site's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateText {
    /// `2023-05-01` or `2026-12-06T14:30:00+08:00`, for `<time datetime>`.
    pub iso: String,
    /// `2023年5月1日`.
    pub date: String,
    /// `14:30`, when the author gave a time.
    pub time: Option<String>,
    /// `2023年5月1日` or `2026年12月6日 14:30`.
    pub text: String,
    /// `星期六`.
    pub weekday: String,
    /// `5月`, for a calendar-style date block.
    pub month_text: String,
    pub year: i16,
    pub month: i8,
    pub day: i8,
}

impl DateText {
    /// Formats `when` in `tz` the way Chinese offices write dates.
    pub fn new(when: &When, tz: &TimeZone) -> DateText {
        let z: Zoned = when.zoned.with_time_zone(tz.clone());
        let date = format!("{}年{}月{}日", z.year(), z.month(), z.day());
        let time = when
            .has_time
            .then(|| format!("{:02}:{:02}", z.hour(), z.minute()));
        let iso = if when.has_time {
            z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
        } else {
            z.strftime("%Y-%m-%d").to_string()
        };
        let text = match &time {
            Some(t) => format!("{date} {t}"),
            None => date.clone(),
        };
        DateText {
            iso,
            date,
            time,
            text,
            weekday: weekday_name(z.weekday()).to_string(),
            month_text: format!("{}月", z.month()),
            year: z.year(),
            month: z.month(),
            day: z.day(),
        }
    }
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "星期一",
        Weekday::Tuesday => "星期二",
        Weekday::Wednesday => "星期三",
        Weekday::Thursday => "星期四",
        Weekday::Friday => "星期五",
        Weekday::Saturday => "星期六",
        Weekday::Sunday => "星期日",
    }
}

/// A lecture's time as one line: `2026年12月6日（星期六）14:30–16:00`.
pub fn time_range(start: &DateText, end: Option<&DateText>) -> String {
    let day = format!("{}（{}）", start.date, start.weekday);
    match (&start.time, end) {
        (Some(from), Some(end)) if end.date == start.date => match &end.time {
            Some(to) => format!("{day}{from}–{to}"),
            None => format!("{day}{from}"),
        },
        (_, Some(end)) => format!("{} 至 {}", start.text, end.text),
        (Some(from), None) => format!("{day}{from}"),
        (None, None) => day,
    }
}

/// A lecture's time of day: `14:30–16:00` or `14:30`; the whole range across days.
pub fn clock(start: &DateText, end: Option<&DateText>) -> String {
    match (&start.time, end) {
        (_, Some(end)) if end.date != start.date => time_range(start, Some(end)),
        (Some(from), Some(DateText { time: Some(to), .. })) => format!("{from}–{to}"),
        (Some(from), _) => from.clone(),
        (None, _) => String::new(),
    }
}

/// The reader-visible strings of one story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryText {
    pub date: DateText,
    pub community: String,
    pub district: Option<String>,
    pub author: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactText {
    /// Digits as written: never converted.
    pub phone: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
}

/// The reader-visible strings of one workshop.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkshopText {
    pub leader: String,
    pub community: String,
    pub founded: Option<DateText>,
    pub focus: Vec<String>,
    pub contact: Option<ContactText>,
}

/// The reader-visible strings of one lecture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LectureText {
    pub start: DateText,
    pub end: Option<DateText>,
    /// The whole time as one line (see `time_range`).
    pub when: String,
    /// The time of day for a list beside a date block: `14:30–16:00`; the whole time when
    /// the lecture spans days; empty without a time.
    pub clock: String,
    pub venue: String,
    /// The venue's street address: the lecture's own, its workshop's or the site's usual one.
    pub address: Option<String>,
    pub speaker: String,
    pub speaker_title: Option<String>,
    pub series: Option<String>,
    pub capacity: Option<u32>,
    /// Text converted; a URL kept as written.
    pub registration: Option<String>,
    /// Whether `registration` is a web address (shown as a link).
    pub registration_is_url: bool,
    pub status: LectureStatus,
}

/// The type-specific strings of an entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Details {
    Story(StoryText),
    Workshop(WorkshopText),
    Lecture(Box<LectureText>),
    Page,
}

/// One entry's reader-visible strings in one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocalizedEntry {
    pub title: String,
    pub summary: Option<String>,
    /// Indexes into `Site::tags` of the tags this entry carries, in the site's tag order.
    pub tags: Vec<usize>,
    pub details: Details,
}

/// Site-wide strings and the theme's words in one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocalizedSite {
    pub lang: Lang,
    pub title: String,
    pub description: String,
    pub icp: Option<String>,
    pub police: Option<String>,
    /// `UI_WORDS` in this language.
    pub ui: BTreeMap<&'static str, String>,
    /// Parallel to `Site::entries`.
    pub entries: Vec<LocalizedEntry>,
    /// Parallel to `Site::tags`: each tag's name in this language.
    pub tags: Vec<String>,
}

impl LocalizedSite {
    /// A theme word; the key itself when the theme asks for a word that does not exist.
    pub fn word<'a>(&'a self, key: &'a str) -> &'a str {
        self.ui.get(key).map_or(key, String::as_str)
    }
}

/// Every reader-visible string of `site` as it reads in `lang`.
pub fn localize(site: &Site, lang: Lang, converter: &Converter) -> LocalizedSite {
    let config = &site.config;
    let own = site_text_script(config, converter);
    let to = |text: &str| converter.convert(text, own, lang.script).into_owned();
    let entry_tags = tags_by_entry(site);
    let entries = site
        .entries
        .par_iter()
        .enumerate()
        .map(|(i, entry)| {
            let mut localized = localize_entry(entry, &entry_tags[i], lang, converter, config);
            if let Details::Lecture(lecture) = &mut localized.details
                && lecture.address.is_none()
            {
                lecture.address = usual_address(site, i, lang, converter, own);
            }
            localized
        })
        .collect();
    LocalizedSite {
        lang,
        title: to(&config.title),
        description: to(&config.description),
        icp: config.footer.icp.as_deref().map(to),
        police: config.footer.police.as_deref().map(to),
        ui: ui_words(converter, lang.script),
        entries,
        tags: site
            .tags
            .iter()
            .map(|tag| {
                converter
                    .convert(&tag.name_hans, Script::Hans, lang.script)
                    .into_owned()
            })
            .collect(),
    }
}

/// A lecture's address when it gives none: its workshop's `contact.address`, else the
/// site's usual venue (`venue.address` in site.yaml), in `lang`'s script.
fn usual_address(
    site: &Site,
    lecture: usize,
    lang: Lang,
    converter: &Converter,
    own: Script,
) -> Option<String> {
    let workshop = site
        .relations
        .lecture_workshop
        .get(&lecture)
        .and_then(|&w| {
            let doc = &site.entries[w].doc;
            match &doc.kind {
                Kind::Workshop(w) => w
                    .contact
                    .as_ref()
                    .and_then(|c| c.address.as_deref())
                    .map(|a| (a, doc.script)),
                _ => None,
            }
        });
    let (address, script) =
        workshop.or_else(|| site.config.venue.address.as_deref().map(|a| (a, own)))?;
    Some(converter.convert(address, script, lang.script).into_owned())
}

/// The theme's words (written in simplified) in `script`.
pub fn ui_words(converter: &Converter, script: Script) -> BTreeMap<&'static str, String> {
    UI_WORDS
        .iter()
        .map(|&(key, word)| {
            (
                key,
                converter.convert(word, Script::Hans, script).into_owned(),
            )
        })
        .collect()
}

/// The script site.yaml's own texts (title, description, footer) are written in.
pub fn site_text_script(config: &Config, converter: &Converter) -> Script {
    match config.source_script {
        SourceScript::Fixed(script) => script,
        SourceScript::Auto => {
            let text = format!(
                "{}{}{}",
                config.title,
                config.description,
                config.footer.icp.as_deref().unwrap_or("")
            );
            converter.detect(&text).unwrap_or(Script::Hans)
        }
    }
}

fn tags_by_entry(site: &Site) -> Vec<Vec<usize>> {
    let mut by_entry = vec![Vec::new(); site.entries.len()];
    for (t, tag) in site.tags.iter().enumerate() {
        for &i in &tag.entries {
            if let Some(list) = by_entry.get_mut(i) {
                list.push(t);
            }
        }
    }
    by_entry
}

fn localize_entry(
    entry: &Entry,
    tags: &[usize],
    lang: Lang,
    converter: &Converter,
    config: &Config,
) -> LocalizedEntry {
    let doc = &entry.doc;
    let to = |text: &str| {
        converter
            .convert(text, doc.script, lang.script)
            .into_owned()
    };
    let opt = |text: &Option<String>| text.as_deref().map(to);
    let tz = &config.timezone;
    let details = match &doc.kind {
        Kind::Story(story) => Details::Story(StoryText {
            date: DateText::new(&story.date, tz),
            community: to(&story.community),
            district: opt(&story.district),
            author: opt(&story.author),
        }),
        Kind::Workshop(w) => Details::Workshop(WorkshopText {
            leader: to(&w.leader),
            community: to(&w.community),
            founded: w.founded.as_ref().map(|f| DateText::new(f, tz)),
            focus: w.focus.iter().map(|f| to(f)).collect(),
            contact: w.contact.as_ref().map(|c| ContactText {
                phone: c.phone.clone(),
                address: opt(&c.address),
                hours: opt(&c.hours),
            }),
        }),
        Kind::Lecture(l) => {
            let start = DateText::new(&l.start, tz);
            let end = l.end.as_ref().map(|e| DateText::new(e, tz));
            let registration_is_url = l.registration.as_deref().is_some_and(is_url);
            Details::Lecture(Box::new(LectureText {
                when: time_range(&start, end.as_ref()),
                clock: clock(&start, end.as_ref()),
                start,
                end,
                venue: to(&l.venue),
                address: opt(&l.address),
                speaker: to(&l.speaker),
                speaker_title: opt(&l.speaker_title),
                series: opt(&l.series),
                capacity: l.capacity,
                // SPEC "Two scripts": a URL is never converted.
                registration: if registration_is_url {
                    l.registration.clone()
                } else {
                    opt(&l.registration)
                },
                registration_is_url,
                status: l.status,
            }))
        }
        Kind::Page => Details::Page,
    };
    LocalizedEntry {
        title: to(&doc.common.title),
        summary: opt(&doc.common.summary),
        tags: tags.to_vec(),
        details,
    }
}

fn is_url(text: &str) -> bool {
    let text = text.trim();
    (text.starts_with("https://") || text.starts_with("http://"))
        && !text.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::Variant;

    fn when(text: &str, has_time: bool) -> When {
        When {
            zoned: text.parse().unwrap(),
            has_time,
        }
    }

    fn shanghai() -> TimeZone {
        TimeZone::fixed(jiff::tz::offset(8))
    }

    #[test]
    fn dates_read_the_chinese_way() {
        let d = DateText::new(&when("2023-05-01T00:00+08:00[+08:00]", false), &shanghai());
        assert_eq!(d.text, "2023年5月1日");
        assert_eq!(d.iso, "2023-05-01");
        assert_eq!(d.weekday, "星期一");
        let t = DateText::new(&when("2026-12-06T14:30+08:00[+08:00]", true), &shanghai());
        assert_eq!(t.text, "2026年12月6日 14:30");
        assert_eq!(t.weekday, "星期日");
        assert_eq!(t.iso, "2026-12-06T14:30:00+08:00");
    }

    #[test]
    fn dates_are_shown_in_the_site_time_zone() {
        let utc = DateText::new(&when("2026-12-05T23:30Z[UTC]", true), &shanghai());
        assert_eq!(utc.text, "2026年12月6日 07:30");
    }

    #[test]
    fn time_ranges_join_same_day_and_span_days() {
        let tz = shanghai();
        let start = DateText::new(&when("2026-12-05T14:30+08:00[+08:00]", true), &tz);
        let end = DateText::new(&when("2026-12-05T16:00+08:00[+08:00]", true), &tz);
        assert_eq!(
            time_range(&start, Some(&end)),
            "2026年12月5日（星期六）14:30–16:00"
        );
        let next = DateText::new(&when("2026-12-06T09:00+08:00[+08:00]", true), &tz);
        assert_eq!(
            time_range(&start, Some(&next)),
            "2026年12月5日 14:30 至 2026年12月6日 09:00"
        );
        assert_eq!(time_range(&start, None), "2026年12月5日（星期六）14:30");
        assert_eq!(clock(&start, Some(&end)), "14:30–16:00");
        assert_eq!(clock(&start, None), "14:30");
        assert_eq!(clock(&start, Some(&next)), time_range(&start, Some(&next)));
        let day = DateText::new(&when("2026-12-05T00:00+08:00[+08:00]", false), &tz);
        assert_eq!(clock(&day, None), "");
    }

    #[test]
    fn theme_words_are_converted_for_traditional_pages() {
        let converter = Converter::new(Variant::Standard, &[]);
        let hant = ui_words(&converter, Script::Hant);
        assert_eq!(hant["stories"], "案例故事");
        assert_eq!(hant["lectures"], "講堂");
        assert_eq!(hant["status_cancelled"], "已取消");
        assert_eq!(hant["status_postponed"], "已延期");
        assert_eq!(hant["back_home"], "返回首頁");
        let hans = ui_words(&converter, Script::Hans);
        assert_eq!(hans["lectures"], "讲堂");
    }

    #[test]
    fn every_theme_word_has_a_unique_key() {
        let mut keys: Vec<&str> = UI_WORDS.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        let len = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), len);
    }

    #[test]
    fn urls_are_recognized_only_without_spaces() {
        assert!(is_url("https://example.org/form"));
        assert!(!is_url("电话报名 https://example.org"));
        assert!(!is_url("电话报名"));
    }
}
