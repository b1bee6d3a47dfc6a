//! The front matter fields each content type knows, and their resolution from the YAML
//! tree into `Common` and `Kind`: required fields, types, unknown names with a did-you-mean.
//! Pure: no IO.

use jiff::tz::TimeZone;

use crate::convert::Script;

use super::document::{Common, Contact, Kind, Lecture, LectureStatus, Section, Story, Workshop};
use super::slug::{check_slug, slugify};
use super::values::Reader;
use super::yaml::{Entry, Pos};

/// Fields every type knows.
pub(crate) const COMMON: &[&str] = &[
    "title", "slug", "summary", "tags", "cover", "draft", "script", "aliases", "search", "publish",
    "expires",
];
pub(crate) const STORY: &[&str] = &["date", "community", "district", "author", "workshops"];
pub(crate) const WORKSHOP: &[&str] = &[
    "leader",
    "community",
    "founded",
    "focus",
    "contact",
    "photo",
];
pub(crate) const LECTURE: &[&str] = &[
    "start",
    "end",
    "venue",
    "address",
    "speaker",
    "series",
    "speaker_title",
    "capacity",
    "registration",
    "workshop",
    "status",
];
pub(crate) const CONTACT: &[&str] = &["phone", "address", "hours"];

/// Chinese names users type for a field, by type: (中文, field).
const CHINESE_COMMON: &[(&str, &str)] = &[
    ("标题", "title"),
    ("题目", "title"),
    ("网址", "slug"),
    ("网址名", "slug"),
    ("摘要", "summary"),
    ("简介", "summary"),
    ("概要", "summary"),
    ("导语", "summary"),
    ("标签", "tags"),
    ("关键词", "tags"),
    ("封面", "cover"),
    ("封面图", "cover"),
    ("题图", "cover"),
    ("草稿", "draft"),
    ("字体", "script"),
    ("简繁", "script"),
    ("旧网址", "aliases"),
    ("别名", "aliases"),
    ("搜索", "search"),
    // `发布时间` is a story's `date` (below), so a scheduled post has names of its own.
    ("定时发布", "publish"),
    ("定时发布时间", "publish"),
    ("上线时间", "publish"),
    ("上线", "publish"),
    ("下线时间", "expires"),
    ("下线", "expires"),
    ("过期", "expires"),
    ("过期时间", "expires"),
    ("到期", "expires"),
    ("到期时间", "expires"),
];
const CHINESE_STORY: &[(&str, &str)] = &[
    ("日期", "date"),
    ("时间", "date"),
    ("发布日期", "date"),
    ("发布时间", "date"),
    ("社区", "community"),
    ("区", "district"),
    ("区县", "district"),
    ("街道", "district"),
    ("作者", "author"),
    ("撰稿", "author"),
    ("供稿", "author"),
    ("来源", "author"),
    ("工作室", "workshops"),
];
const CHINESE_WORKSHOP: &[(&str, &str)] = &[
    ("负责人", "leader"),
    ("领办人", "leader"),
    ("带头人", "leader"),
    ("掌门人", "leader"),
    ("社区", "community"),
    ("成立", "founded"),
    ("成立时间", "founded"),
    ("成立日期", "founded"),
    ("重点", "focus"),
    ("方向", "focus"),
    ("服务内容", "focus"),
    ("联系", "contact"),
    ("联系方式", "contact"),
    ("电话", "contact"),
    ("照片", "photo"),
    ("图片", "photo"),
];
const CHINESE_LECTURE: &[(&str, &str)] = &[
    ("开始", "start"),
    ("开始时间", "start"),
    ("时间", "start"),
    ("日期", "start"),
    ("结束", "end"),
    ("结束时间", "end"),
    ("地点", "venue"),
    ("场地", "venue"),
    ("地址", "address"),
    ("主讲", "speaker"),
    ("主讲人", "speaker"),
    ("讲师", "speaker"),
    ("系列", "series"),
    ("头衔", "speaker_title"),
    ("职务", "speaker_title"),
    ("名额", "capacity"),
    ("人数", "capacity"),
    ("报名", "registration"),
    ("报名方式", "registration"),
    ("工作室", "workshop"),
    ("状态", "status"),
];
const CHINESE_CONTACT: &[(&str, &str)] = &[
    ("电话", "phone"),
    ("联系电话", "phone"),
    ("手机", "phone"),
    ("地址", "address"),
    ("时间", "hours"),
    ("开放时间", "hours"),
    ("服务时间", "hours"),
];

/// What a section's documents are called, and where they live, for messages.
fn type_name(section: Section) -> (&'static str, &'static str) {
    match section {
        Section::Stories => ("案例故事", "content/stories/"),
        Section::Workshops => ("工作室", "content/workshops/"),
        Section::Lectures => ("讲堂", "content/lectures/"),
        Section::Pages => ("页面", "content/pages/"),
        Section::Home => ("首页介绍", "content/_index.md"),
    }
}

fn own_fields(
    section: Section,
) -> (
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
) {
    match section {
        Section::Stories => (STORY, CHINESE_STORY),
        Section::Workshops => (WORKSHOP, CHINESE_WORKSHOP),
        Section::Lectures => (LECTURE, CHINESE_LECTURE),
        Section::Pages | Section::Home => (&[], &[]),
    }
}

/// The place and the facts a resolution needs besides the entries.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldContext<'a> {
    pub(crate) section: Section,
    pub(crate) tz: &'a TimeZone,
    /// The opening `---`: where a missing field is reported.
    pub(crate) open: Pos,
}

/// The front matter entries → the common fields and the type's own; `None` parts when
/// something required is missing or wrong (every problem is in `reader`).
pub(crate) fn resolve(
    entries: &[Entry],
    cx: FieldContext<'_>,
    reader: &mut Reader<'_>,
) -> (Option<Common>, Option<Kind>) {
    let mut raw = RawFrontMatter::new(cx.section);
    for entry in reader.distinct(entries) {
        if !raw.fill(entry) {
            unknown(entry, cx.section, reader);
        }
    }
    let RawFrontMatter { common, kind } = raw;
    let expires = common.expires;
    let common = resolve_common(common, cx, reader);
    let kind = match kind {
        RawKind::Story(story) => resolve_story(story, cx, reader).map(Kind::Story),
        RawKind::Workshop(workshop) => resolve_workshop(workshop, cx, reader).map(Kind::Workshop),
        RawKind::Lecture(lecture) => resolve_lecture(lecture, cx, reader).map(Kind::Lecture),
        RawKind::Page => Some(Kind::Page),
    };
    if let (Some(common), Some(entry)) = (&common, expires)
        && !expires_in_order(common, kind.as_ref(), entry, reader)
    {
        return (None, kind);
    }
    (common, kind)
}

/// `expires:` must come after `publish:` and after the date the document is about (a
/// story's `date`, a lecture's `start`): a post taken down before it is out is a typo.
/// Reports the problem at `expires:`'s value; false when there is one.
fn expires_in_order(
    common: &Common,
    kind: Option<&Kind>,
    entry: &Entry,
    reader: &mut Reader<'_>,
) -> bool {
    let Some(expires) = &common.expires else {
        return true;
    };
    let earlier = |when: &super::When| expires.zoned <= when.zoned;
    let before = if let Some(publish) = common.publish.as_ref().filter(|p| earlier(p)) {
        Some(("publish", "定时发布时间", publish))
    } else {
        match kind {
            Some(Kind::Story(story)) if earlier(&story.date) => {
                Some(("date", "文章日期", &story.date))
            }
            Some(Kind::Lecture(lecture)) if earlier(&lecture.start) => {
                Some(("start", "讲座开始时间", &lecture.start))
            }
            _ => None,
        }
    };
    let Some((field, name, when)) = before else {
        return true;
    };
    let (expires, when) = (
        super::schedule::when_text(expires),
        super::schedule::when_text(when),
    );
    reader.bad_value(
        entry.value.pos(),
        format!("`expires` 的下线时间 {expires} 不晚于 `{field}` 的{name} {when}"),
        format!(
            "下线时间要晚于{name}：把 `expires:` 改成 {when} 之后的日期；不需要自动下线就删掉这一行"
        ),
    );
    false
}

/// Reports a key this type does not know: another type's field, a Chinese name, or a typo.
fn unknown(entry: &Entry, section: Section, reader: &mut Reader<'_>) {
    let key = entry.key.as_str();
    let (own, own_chinese) = own_fields(section);
    let chinese: Vec<(&str, &str)> = CHINESE_COMMON.iter().chain(own_chinese).copied().collect();
    let is_own_chinese = chinese.iter().any(|(zh, _)| *zh == key);
    match other_type_field(section, key).filter(|_| !is_own_chinese) {
        Some((other, field)) => {
            let (this_name, _) = type_name(section);
            let (other_name, other_folder) = type_name(other);
            let named = if field == key {
                format!("`{key}` ")
            } else {
                format!("`{key}`（`{field}`）")
            };
            let error = reader
                .place
                .error(
                    "front-matter.field-of-other-type",
                    entry.key_pos,
                    format!("{named}是{other_name}的字段，{this_name}里用不到"),
                )
                .with_hint(format!(
                    "删掉这一行；若这篇是{other_name}，把文件移到 {other_folder}"
                ));
            reader.push(error);
        }
        None => {
            let known: Vec<&str> = COMMON.iter().chain(own).copied().collect();
            reader.unknown_key(entry, &known, &chinese);
        }
    }
}

/// The type (other than `section`) that has a field `key`, by its name or a Chinese name.
fn other_type_field(section: Section, key: &str) -> Option<(Section, &'static str)> {
    [Section::Stories, Section::Workshops, Section::Lectures]
        .into_iter()
        .filter(|s| *s != section)
        .find_map(|s| {
            let (fields, chinese) = own_fields(s);
            let field = fields.iter().find(|f| **f == key).copied();
            let field =
                field.or_else(|| chinese.iter().find(|(zh, _)| *zh == key).map(|(_, en)| *en));
            field.map(|field| (s, field))
        })
}

/// Every field any type knows, each with its entry as written.
#[derive(Debug)]
struct RawFrontMatter<'a> {
    common: RawCommon<'a>,
    kind: RawKind<'a>,
}

impl<'a> RawFrontMatter<'a> {
    fn new(section: Section) -> RawFrontMatter<'a> {
        let kind = match section {
            Section::Stories => RawKind::Story(RawStory::default()),
            Section::Workshops => RawKind::Workshop(RawWorkshop::default()),
            Section::Lectures => RawKind::Lecture(RawLecture::default()),
            Section::Pages | Section::Home => RawKind::Page,
        };
        RawFrontMatter {
            common: RawCommon::default(),
            kind,
        }
    }

    /// Puts `entry` in its slot; false when this type has no field of that name.
    fn fill(&mut self, entry: &'a Entry) -> bool {
        let key = entry.key.as_str();
        let slot = match self.common.slot(key) {
            Some(slot) => Some(slot),
            None => match &mut self.kind {
                RawKind::Story(story) => story.slot(key),
                RawKind::Workshop(workshop) => workshop.slot(key),
                RawKind::Lecture(lecture) => lecture.slot(key),
                RawKind::Page => None,
            },
        };
        slot.map(|slot| *slot = Some(entry)).is_some()
    }
}

type Slot<'s, 'a> = Option<&'s mut Option<&'a Entry>>;

#[derive(Debug)]
enum RawKind<'a> {
    Story(RawStory<'a>),
    Workshop(RawWorkshop<'a>),
    Lecture(RawLecture<'a>),
    Page,
}

#[derive(Debug, Default)]
struct RawCommon<'a> {
    title: Option<&'a Entry>,
    slug: Option<&'a Entry>,
    summary: Option<&'a Entry>,
    tags: Option<&'a Entry>,
    cover: Option<&'a Entry>,
    draft: Option<&'a Entry>,
    script: Option<&'a Entry>,
    aliases: Option<&'a Entry>,
    search: Option<&'a Entry>,
    publish: Option<&'a Entry>,
    expires: Option<&'a Entry>,
}

impl<'a> RawCommon<'a> {
    fn slot(&mut self, key: &str) -> Slot<'_, 'a> {
        match key {
            "title" => Some(&mut self.title),
            "slug" => Some(&mut self.slug),
            "summary" => Some(&mut self.summary),
            "tags" => Some(&mut self.tags),
            "cover" => Some(&mut self.cover),
            "draft" => Some(&mut self.draft),
            "script" => Some(&mut self.script),
            "aliases" => Some(&mut self.aliases),
            "search" => Some(&mut self.search),
            "publish" => Some(&mut self.publish),
            "expires" => Some(&mut self.expires),
            _ => None,
        }
    }
}

#[derive(Debug, Default)]
struct RawStory<'a> {
    date: Option<&'a Entry>,
    community: Option<&'a Entry>,
    district: Option<&'a Entry>,
    author: Option<&'a Entry>,
    workshops: Option<&'a Entry>,
}

impl<'a> RawStory<'a> {
    fn slot(&mut self, key: &str) -> Slot<'_, 'a> {
        match key {
            "date" => Some(&mut self.date),
            "community" => Some(&mut self.community),
            "district" => Some(&mut self.district),
            "author" => Some(&mut self.author),
            "workshops" => Some(&mut self.workshops),
            _ => None,
        }
    }
}

#[derive(Debug, Default)]
struct RawWorkshop<'a> {
    leader: Option<&'a Entry>,
    community: Option<&'a Entry>,
    founded: Option<&'a Entry>,
    focus: Option<&'a Entry>,
    contact: Option<&'a Entry>,
    photo: Option<&'a Entry>,
}

impl<'a> RawWorkshop<'a> {
    fn slot(&mut self, key: &str) -> Slot<'_, 'a> {
        match key {
            "leader" => Some(&mut self.leader),
            "community" => Some(&mut self.community),
            "founded" => Some(&mut self.founded),
            "focus" => Some(&mut self.focus),
            "contact" => Some(&mut self.contact),
            "photo" => Some(&mut self.photo),
            _ => None,
        }
    }
}

#[derive(Debug, Default)]
struct RawLecture<'a> {
    start: Option<&'a Entry>,
    end: Option<&'a Entry>,
    venue: Option<&'a Entry>,
    address: Option<&'a Entry>,
    speaker: Option<&'a Entry>,
    series: Option<&'a Entry>,
    speaker_title: Option<&'a Entry>,
    capacity: Option<&'a Entry>,
    registration: Option<&'a Entry>,
    workshop: Option<&'a Entry>,
    status: Option<&'a Entry>,
}

impl<'a> RawLecture<'a> {
    fn slot(&mut self, key: &str) -> Slot<'_, 'a> {
        match key {
            "start" => Some(&mut self.start),
            "end" => Some(&mut self.end),
            "venue" => Some(&mut self.venue),
            "address" => Some(&mut self.address),
            "speaker" => Some(&mut self.speaker),
            "series" => Some(&mut self.series),
            "speaker_title" => Some(&mut self.speaker_title),
            "capacity" => Some(&mut self.capacity),
            "registration" => Some(&mut self.registration),
            "workshop" => Some(&mut self.workshop),
            "status" => Some(&mut self.status),
            _ => None,
        }
    }
}

const SCRIPTS: &[(&str, Script)] = &[
    ("hans", Script::Hans),
    ("hant", Script::Hant),
    ("zh-hans", Script::Hans),
    ("zh-hant", Script::Hant),
    ("简", Script::Hans),
    ("繁", Script::Hant),
    ("简体", Script::Hans),
    ("繁体", Script::Hant),
    ("繁體", Script::Hant),
];

const STATUSES: &[(&str, LectureStatus)] = &[
    ("scheduled", LectureStatus::Scheduled),
    ("正常", LectureStatus::Scheduled),
    ("如期", LectureStatus::Scheduled),
    ("cancelled", LectureStatus::Cancelled),
    ("canceled", LectureStatus::Cancelled),
    ("取消", LectureStatus::Cancelled),
    ("已取消", LectureStatus::Cancelled),
    ("postponed", LectureStatus::Postponed),
    ("延期", LectureStatus::Postponed),
    ("已延期", LectureStatus::Postponed),
    ("推迟", LectureStatus::Postponed),
    ("改期", LectureStatus::Postponed),
];

fn resolve_common(raw: RawCommon<'_>, cx: FieldContext<'_>, r: &mut Reader<'_>) -> Option<Common> {
    let RawCommon {
        title,
        slug,
        summary,
        tags,
        cover,
        draft,
        script,
        aliases,
        search,
        publish,
        expires,
    } = raw;
    const TITLE: &str = "title: 长欣社区“红色微家”三年计划";
    let title_text = r.text(title, TITLE).filter(|t| !t.trim().is_empty());
    let title_text = match cx.section {
        Section::Home => Some(title_text.unwrap_or_default()),
        _ => r.required("title", title, title_text, cx.open, TITLE),
    };
    let common = Common {
        title: title_text.unwrap_or_default(),
        slug: written_slug(slug, r),
        summary: r.text(summary, "summary: 一句话介绍这篇内容"),
        tags: tag_list(tags, r),
        cover: r.text(cover, "cover: cover.jpg"),
        draft: r.yes_no(draft).unwrap_or(false),
        script: r.choice(script, SCRIPTS, "hans（简体）或 hant（繁体）"),
        aliases: alias_list(aliases, r),
        exclude_from_search: !r.yes_no(search).unwrap_or(true),
        publish: r.when(publish, cx.tz, "publish: 2026-07-01 08:00"),
        expires: r.when(expires, cx.tz, "expires: 2026-12-31"),
    };
    (!common.title.is_empty() || cx.section == Section::Home).then_some(common)
}

/// `slug:` as written, when it is a valid slug; otherwise an error with a suggestion.
fn written_slug(entry: Option<&Entry>, r: &mut Reader<'_>) -> Option<String> {
    let text = r.text(entry, "slug: changxin-hongse-weijia")?;
    let pos = entry?.value.pos();
    match check_slug(&text) {
        Ok(()) => Some(text),
        Err(reason) => {
            let suggestion = slugify(&text);
            let hint = if suggestion.is_empty() {
                "例如 `slug: changxin-hongse-weijia`".to_string()
            } else {
                format!("可以写成 `slug: {suggestion}`")
            };
            let error = r
                .place
                .error("front-matter.bad-slug", pos, reason)
                .with_hint(hint);
            r.push(error);
            None
        }
    }
}

/// Tags; a tag that holds a comma was probably meant as several.
fn tag_list(entry: Option<&Entry>, r: &mut Reader<'_>) -> Vec<String> {
    let tags = r.text_list(entry, "tags: [党建, 社区治理]");
    for tag in &tags {
        if let (Some(entry), true) = (entry, tag.contains([',', '，', '、'])) {
            let parts: Vec<&str> = tag.split([',', '，', '、']).map(str::trim).collect();
            let warning = r
                .place
                .warning(
                    "front-matter.tag-with-comma",
                    entry.value.pos(),
                    format!("标签“{tag}”里有逗号，会被当成一个标签"),
                )
                .with_hint(format!(
                    "多个标签写成 `tags: [{}]`（用半角逗号分隔）",
                    parts.join(", ")
                ));
            r.push(warning);
        }
    }
    tags.into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Old site paths, each starting with `/`.
fn alias_list(entry: Option<&Entry>, r: &mut Reader<'_>) -> Vec<String> {
    let aliases = r.text_list(entry, "aliases: [/old/story/]");
    let mut paths = Vec::new();
    for alias in aliases {
        let alias = alias.trim();
        if alias.contains("://") {
            if let Some(entry) = entry {
                r.bad_value(
                    entry.value.pos(),
                    format!("`aliases` 要写本站内的旧路径，不能写完整网址“{alias}”"),
                    "例如 `aliases: [/old/story/]`".into(),
                );
            }
            continue;
        }
        paths.push(format!("/{}", alias.trim_start_matches('/')));
    }
    paths
}

/// A list of slugs of other documents; a name that is no slug is read as a file name.
fn slug_list(entry: Option<&Entry>, r: &mut Reader<'_>, example: &str) -> Vec<String> {
    r.text_list(entry, example)
        .iter()
        .map(|s| as_slug(s))
        .collect()
}

fn as_slug(text: &str) -> String {
    let text = text.trim();
    match check_slug(text) {
        Ok(()) => text.to_string(),
        Err(_) => slugify(text),
    }
}

fn resolve_story(raw: RawStory<'_>, cx: FieldContext<'_>, r: &mut Reader<'_>) -> Option<Story> {
    let RawStory {
        date,
        community,
        district,
        author,
        workshops,
    } = raw;
    const DATE: &str = "date: 2023-05-01";
    const COMMUNITY: &str = "community: 长欣公寓社区";
    let date_value = r.when(date, cx.tz, DATE);
    let date_value = r.required("date", date, date_value, cx.open, DATE);
    let community_value = r.text(community, COMMUNITY);
    let community_value = r.required("community", community, community_value, cx.open, COMMUNITY);
    let district = r.text(district, "district: 新吴区");
    let author = r.text(author, "author: 朱丽娜");
    let workshops = slug_list(workshops, r, "workshops: [laoshuji-gongzuoshi]");
    Some(Story {
        date: date_value?,
        community: community_value?,
        district,
        author,
        workshops,
    })
}

fn resolve_workshop(
    raw: RawWorkshop<'_>,
    cx: FieldContext<'_>,
    r: &mut Reader<'_>,
) -> Option<Workshop> {
    let RawWorkshop {
        leader,
        community,
        founded,
        focus,
        contact,
        photo,
    } = raw;
    const LEADER: &str = "leader: 黄全南";
    const COMMUNITY: &str = "community: 长欣公寓社区";
    let leader_value = r.text(leader, LEADER);
    let leader_value = r.required("leader", leader, leader_value, cx.open, LEADER);
    let community_value = r.text(community, COMMUNITY);
    let community_value = r.required("community", community, community_value, cx.open, COMMUNITY);
    let founded = r.when(founded, cx.tz, "founded: 2019-05-01");
    let focus = r.text_list(focus, "focus: [矛盾调解, 政策宣讲]");
    let contact = resolve_contact(contact, r);
    let photo = r.text(photo, "photo: photo.jpg");
    Some(Workshop {
        leader: leader_value?,
        community: community_value?,
        founded,
        focus,
        contact,
        photo,
    })
}

fn resolve_contact(entry: Option<&Entry>, r: &mut Reader<'_>) -> Option<Contact> {
    let entries = r.map(entry, "contact: { phone: 0510-88888888 }")?;
    let mut contact = Contact::default();
    for sub in r.distinct(entries) {
        let value = r.text(Some(sub), &format!("{}: …", sub.key));
        match sub.key.as_str() {
            "phone" => contact.phone = value,
            "address" => contact.address = value,
            "hours" => contact.hours = value,
            _ => r.unknown_key(sub, CONTACT, CHINESE_CONTACT),
        }
    }
    let Contact {
        phone,
        address,
        hours,
    } = &contact;
    (phone.is_some() || address.is_some() || hours.is_some()).then_some(contact)
}

fn resolve_lecture(
    raw: RawLecture<'_>,
    cx: FieldContext<'_>,
    r: &mut Reader<'_>,
) -> Option<Lecture> {
    let RawLecture {
        start,
        end,
        venue,
        address,
        speaker,
        series,
        speaker_title,
        capacity,
        registration,
        workshop,
        status,
    } = raw;
    const START: &str = "start: 2024-05-18 14:30";
    const VENUE: &str = "venue: 长欣公寓社区党群服务中心二楼";
    const SPEAKER: &str = "speaker: 黄全南";
    let start_value = r.when(start, cx.tz, START);
    let start_value = r.required("start", start, start_value, cx.open, START);
    let end = lecture_end(end, start_value.as_ref(), cx.tz, r);
    let venue_value = r.text(venue, VENUE);
    let venue_value = r.required("venue", venue, venue_value, cx.open, VENUE);
    let address = r.text(address, "address: 新吴区长江路 21 号");
    let speaker_value = r.text(speaker, SPEAKER);
    let speaker_value = r.required("speaker", speaker, speaker_value, cx.open, SPEAKER);
    let series = r.text(series, "series: 红色微讲堂");
    let speaker_title = r.text(speaker_title, "speaker_title: 社区老书记");
    let capacity = r.count(capacity, 1..=u32::MAX, "capacity: 50");
    let registration = r.text(registration, "registration: 电话 0510-88888888 报名");
    let workshop = r
        .text(workshop, "workshop: laoshuji-gongzuoshi")
        .map(|s| as_slug(&s));
    let status = r.choice(
        status,
        STATUSES,
        "scheduled（正常）、cancelled（已取消）或 postponed（延期）",
    );
    Some(Lecture {
        start: start_value?,
        end,
        venue: venue_value?,
        address,
        speaker: speaker_value?,
        series,
        speaker_title,
        capacity,
        registration,
        workshop,
        status: status.unwrap_or_default(),
    })
}

/// `end:` as a date and time, or as a time alone on the day of `start` (`end: 16:30`);
/// never before the start.
fn lecture_end(
    entry: Option<&Entry>,
    start: Option<&super::When>,
    tz: &TimeZone,
    r: &mut Reader<'_>,
) -> Option<super::When> {
    const END: &str = "end: 2024-05-18 16:30";
    let text = r.text(entry, END)?;
    let entry = entry?;
    let on_start_day = start.and_then(|s| {
        let text = format!("{} {}", s.zoned.date(), text.trim());
        super::dates::parse_when(&text, tz).ok()
    });
    let end = match on_start_day {
        Some(end) => end,
        None => r.when(Some(entry), tz, END)?,
    };
    if start.is_some_and(|s| end.zoned < s.zoned) {
        r.bad_value(
            entry.value.pos(),
            "`end` 的结束时间早于开始时间 `start`".into(),
            "检查日期和时间；结束时间写成 `end: 16:30` 表示开始当天的 16:30".into(),
        );
        return None;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_field_has_a_slot_and_no_other_does() {
        let mut common = RawCommon::default();
        let mut story = RawStory::default();
        let mut workshop = RawWorkshop::default();
        let mut lecture = RawLecture::default();
        for name in COMMON {
            assert!(common.slot(name).is_some(), "{name}");
        }
        for name in STORY {
            assert!(story.slot(name).is_some(), "{name}");
        }
        for name in WORKSHOP {
            assert!(workshop.slot(name).is_some(), "{name}");
        }
        for name in LECTURE {
            assert!(lecture.slot(name).is_some(), "{name}");
        }
        assert!(common.slot("date").is_none());
        assert!(story.slot("title").is_none());
        assert!(workshop.slot("speaker").is_none());
        assert!(lecture.slot("leader").is_none());
    }

    #[test]
    fn chinese_names_point_at_fields_of_their_type() {
        for (zh, en) in CHINESE_COMMON {
            assert!(COMMON.contains(en), "{zh} → {en}");
        }
        for (table, fields) in [
            (CHINESE_STORY, STORY),
            (CHINESE_WORKSHOP, WORKSHOP),
            (CHINESE_LECTURE, LECTURE),
            (CHINESE_CONTACT, CONTACT),
        ] {
            for (zh, en) in table {
                assert!(fields.contains(en), "{zh} → {en}");
            }
        }
    }
}
