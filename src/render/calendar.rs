//! iCalendar (RFC 5545) files: one `.ics` per lecture and the site's subscribable calendar.
//! Pure: no IO. Times are written in UTC (`…Z`), so no VTIMEZONE is needed; text arrives
//! already in the page's script and is only escaped and folded here.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, Zoned};

use crate::content::LectureStatus;

/// How long a timed event lasts in a calendar when its `end` is missing (or not after its
/// start): calendar apps need an end, and two hours covers a lecture with questions.
pub const DEFAULT_DURATION: SignedDuration = SignedDuration::from_hours(2);

/// How often subscribers should fetch the calendar again (`REFRESH-INTERVAL`, `X-PUBLISHED-TTL`).
const REFRESH_INTERVAL: &str = "PT12H";

/// RFC 5545 §3.1: a content line is at most 75 octets, not counting the CRLF.
const MAX_LINE_OCTETS: usize = 75;

/// One VCALENDAR: a single lecture, or every lecture of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// `X-WR-CALNAME` and `NAME`: what a calendar app shows for the subscription.
    pub name: String,
    /// `X-WR-CALDESC` and `DESCRIPTION`.
    pub description: Option<String>,
    /// The site's IANA time zone (`Asia/Shanghai`): `X-WR-TIMEZONE`, the zone apps display in.
    pub timezone: String,
    /// The site's host (`example.org`), which names the producer in `PRODID`.
    pub host: String,
    /// BCP 47 tag of the text (`zh-Hans`), written as `LANGUAGE=` on text properties.
    pub lang: String,
    /// `DTSTAMP` of every event: the build's `now`, so two builds are byte-identical.
    pub dtstamp: Timestamp,
    /// Written ordered by start, then by UID, whatever order they come in.
    pub events: Vec<CalEvent>,
}

/// One VEVENT: a lecture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalEvent {
    /// Stable across builds and scripts, e.g. `lectures/{slug}@{host}`.
    pub uid: String,
    pub start: Zoned,
    /// `None`, or not after `start`: the event lasts [`DEFAULT_DURATION`] (timed) or one day (all day).
    pub end: Option<Zoned>,
    /// A date without a time: written as `VALUE=DATE` days in the start's own time zone.
    pub all_day: bool,
    pub summary: String,
    pub location: String,
    pub description: Option<String>,
    /// Absolute URL of the lecture page.
    pub url: String,
    /// `CONFIRMED`, `CANCELLED`, or `TENTATIVE` for a postponed lecture.
    pub status: LectureStatus,
    pub organizer: Option<Organizer>,
    /// `CATEGORIES`: the series, tags.
    pub categories: Vec<String>,
}

/// `STATUS` of a VEVENT. iCalendar has no "postponed": it becomes `TENTATIVE`.
/// The words a reader sees (已取消, 已延期) belong in `summary`.
fn status(status: LectureStatus) -> &'static str {
    match status {
        LectureStatus::Scheduled => "CONFIRMED",
        LectureStatus::Cancelled => "CANCELLED",
        LectureStatus::Postponed => "TENTATIVE",
    }
}

/// `ORGANIZER;CN=name:address`. RFC 5545 requires an address (a URI): a `mailto:` or the
/// organizer's page URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organizer {
    pub name: String,
    pub address: String,
}

/// The whole `.ics` file: CRLF line ends, lines folded at 75 octets, TEXT values escaped.
pub fn render(cal: &Calendar) -> String {
    let mut out = String::new();
    let lang = language_param(&cal.lang);
    line(&mut out, "BEGIN", "VCALENDAR");
    line(&mut out, "VERSION", "2.0");
    let prodid = format!("-//{}//tongwen//ZH", cal.host);
    line(&mut out, "PRODID", &escape_text(&prodid));
    line(&mut out, "CALSCALE", "GREGORIAN");
    line(&mut out, "METHOD", "PUBLISH");
    line(&mut out, &format!("NAME{lang}"), &escape_text(&cal.name));
    line(&mut out, "X-WR-CALNAME", &escape_text(&cal.name));
    if let Some(description) = non_empty(&cal.description) {
        line(
            &mut out,
            &format!("DESCRIPTION{lang}"),
            &escape_text(description),
        );
        line(&mut out, "X-WR-CALDESC", &escape_text(description));
    }
    line(&mut out, "X-WR-TIMEZONE", &escape_text(&cal.timezone));
    line(
        &mut out,
        "REFRESH-INTERVAL;VALUE=DURATION",
        REFRESH_INTERVAL,
    );
    line(&mut out, "X-PUBLISHED-TTL", REFRESH_INTERVAL);
    for event in sorted_events(&cal.events) {
        render_event(&mut out, event, cal.dtstamp, &lang);
    }
    line(&mut out, "END", "VCALENDAR");
    out
}

fn sorted_events(events: &[CalEvent]) -> Vec<&CalEvent> {
    let mut sorted: Vec<&CalEvent> = events.iter().collect();
    sorted.sort_by(|a, b| (a.start.timestamp(), &a.uid).cmp(&(b.start.timestamp(), &b.uid)));
    sorted
}

fn render_event(out: &mut String, event: &CalEvent, dtstamp: Timestamp, lang: &str) {
    line(out, "BEGIN", "VEVENT");
    line(out, "UID", &escape_text(&event.uid));
    line(out, "DTSTAMP", &utc(dtstamp));
    render_times(out, event);
    line(out, &format!("SUMMARY{lang}"), &escape_text(&event.summary));
    if !event.location.is_empty() {
        line(
            out,
            &format!("LOCATION{lang}"),
            &escape_text(&event.location),
        );
    }
    if let Some(description) = non_empty(&event.description) {
        line(
            out,
            &format!("DESCRIPTION{lang}"),
            &escape_text(description),
        );
    }
    if !event.url.is_empty() {
        line(out, "URL", &strip_controls(&event.url));
    }
    line(out, "STATUS", status(event.status));
    if let Some(organizer) = &event.organizer {
        let name = format!("ORGANIZER;CN={}", param_value(&organizer.name));
        line(out, &name, &strip_controls(&organizer.address));
    }
    if !event.categories.is_empty() {
        let list: Vec<String> = event.categories.iter().map(|c| escape_text(c)).collect();
        line(out, &format!("CATEGORIES{lang}"), &list.join(","));
    }
    line(out, "END", "VEVENT");
}

fn render_times(out: &mut String, event: &CalEvent) {
    if event.all_day {
        line(out, "DTSTART;VALUE=DATE", &date(event.start.date()));
        if let Some(end) = all_day_end(event) {
            line(out, "DTEND;VALUE=DATE", &date(end));
        }
    } else {
        line(out, "DTSTART", &utc(event.start.timestamp()));
        line(out, "DTEND", &utc(event_end(event)));
    }
}

/// The end of a timed event: its `end` when that is after its start, else start + [`DEFAULT_DURATION`].
pub fn event_end(event: &CalEvent) -> Timestamp {
    let start = event.start.timestamp();
    match &event.end {
        Some(end) if end.timestamp() > start => end.timestamp(),
        _ => start
            .checked_add(DEFAULT_DURATION)
            .unwrap_or(Timestamp::MAX),
    }
}

/// The exclusive end day of an all-day event (RFC 5545: DTEND is the day after the last day).
/// `None` only at the end of the calendar, where leaving DTEND out means "one day".
fn all_day_end(event: &CalEvent) -> Option<Date> {
    let first = event.start.date();
    let last = match &event.end {
        Some(end) if end.date() > first => end.date(),
        _ => first,
    };
    last.tomorrow().ok()
}

fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn date(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

/// `;LANGUAGE=zh-Hans`. RFC 5545 gives LANGUAGE a bare language tag, not a quoted value,
/// so only the characters of a tag are kept.
fn language_param(lang: &str) -> String {
    let tag: String = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if tag.is_empty() {
        String::new()
    } else {
        format!(";LANGUAGE={tag}")
    }
}

/// Appends one content line `NAME[;PARAMS]:VALUE`, folded, with its CRLF.
fn line(out: &mut String, name: &str, value: &str) {
    out.push_str(&fold(&format!("{name}:{value}")));
    out.push_str("\r\n");
}

/// Folds a content line (without its CRLF) so that no physical line exceeds 75 octets,
/// breaking only between UTF-8 characters; each continuation starts with one space.
pub(crate) fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3);
    let mut octets = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if octets + len > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += len;
    }
    out
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\` `;` `,` and line breaks (CRLF, CR, LF → `\n`).
/// Other ASCII control characters are not allowed in TEXT and are dropped; a tab stays.
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            c if is_forbidden_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value: no escaping in iCalendar, but a control character would break the line.
fn strip_controls(value: &str) -> String {
    value.chars().filter(|&c| !c.is_ascii_control()).collect()
}

/// A parameter value, always quoted. Quoted values cannot hold `"` or line breaks;
/// RFC 6868 encodes them as `^'` and `^n` (and `^` itself as `^^`).
fn param_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\n' => out.push_str("^n"),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_forbidden_control(c: char) -> bool {
    c.is_ascii_control() && c != '\t'
}
