//! schema.org JSON-LD: `Article` for stories, `Event` for lectures. Pure: no IO.
//! The output goes inside `<script type="application/ld+json">` as it is: `<`, `>` and `&`
//! are written as `\u003c`, `\u003e`, `\u0026`, so no text can close or comment out the script.

use jiff::Zoned;
use serde::Serialize;

use super::feeds::{rfc3339, w3c_date};
use crate::content::{LectureStatus, When};

/// A story as a schema.org `Article`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLd {
    pub headline: String,
    pub description: Option<String>,
    /// A schema.org `Date` (`2024-05-01`) when the story gives no time, else a `DateTime`
    /// with its offset.
    pub date_published: When,
    pub date_modified: Option<Zoned>,
    pub author: Agent,
    pub publisher: OrganizationLd,
    /// Absolute image URLs (the cover first).
    pub images: Vec<String>,
    /// BCP 47 tag: `zh-Hans` or `zh-Hant`.
    pub lang: String,
    /// Absolute URL of the page: `url` and `mainEntityOfPage`.
    pub url: String,
    /// Tag names.
    pub keywords: Vec<String>,
}

/// Who wrote a story: a named author, or the community itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Agent {
    Person(PersonLd),
    Organization(OrganizationLd),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonLd {
    pub name: String,
    /// `jobTitle`: a speaker's title (`社区党委书记`).
    pub job_title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationLd {
    pub name: String,
    /// Absolute URL.
    pub url: Option<String>,
    /// Absolute URL of a logo image.
    pub logo: Option<String>,
}

/// A lecture as a schema.org `Event`, always attended in person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventLd {
    pub name: String,
    pub description: Option<String>,
    pub start: Zoned,
    /// `None` (or not after `start`): no `endDate`, rather than an invented one.
    pub end: Option<Zoned>,
    /// A date without a time: dates are written as `2024-05-18`, without time or offset.
    pub all_day: bool,
    pub status: LectureStatus,
    pub location: PlaceLd,
    pub performer: PersonLd,
    pub organizer: OrganizationLd,
    /// The series the lecture belongs to (`梁雁讲堂`): `superEvent`, an `EventSeries`.
    pub series: Option<String>,
    /// Absolute image URLs.
    pub images: Vec<String>,
    /// BCP 47 tag: `zh-Hans` or `zh-Hant`.
    pub lang: String,
    /// Absolute URL of the lecture page.
    pub url: String,
    pub capacity: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceLd {
    pub name: String,
    /// Street address as written; `None`: the place has only its name.
    pub address: Option<String>,
    /// City (`addressLocality`) and province (`addressRegion`) of the site, from site.yaml.
    pub locality: Option<String>,
    pub region: Option<String>,
}

/// The `Article` as JSON, safe to place inside a `<script>` element.
pub fn article(a: &ArticleLd) -> String {
    let json = ArticleJson {
        context: SCHEMA_ORG,
        kind: "Article",
        headline: &a.headline,
        description: non_empty(&a.description),
        date_published: w3c_date(&a.date_published),
        date_modified: a.date_modified.as_ref().map(rfc3339),
        author: agent_json(&a.author),
        publisher: organization_json(&a.publisher),
        image: &a.images,
        in_language: &a.lang,
        url: &a.url,
        main_entity_of_page: WebPageJson {
            kind: "WebPage",
            id: &a.url,
        },
        keywords: &a.keywords,
    };
    to_script_json(&json)
}

/// The `Event` as JSON, safe to place inside a `<script>` element.
pub fn event(e: &EventLd) -> String {
    let date = |z: &Zoned| {
        if e.all_day {
            z.strftime("%Y-%m-%d").to_string()
        } else {
            rfc3339(z)
        }
    };
    let end = e
        .end
        .as_ref()
        .filter(|end| end.timestamp() > e.start.timestamp());
    let json = EventJson {
        context: SCHEMA_ORG,
        kind: "Event",
        name: &e.name,
        description: non_empty(&e.description),
        start_date: date(&e.start),
        end_date: end.map(date),
        event_status: event_status(e.status),
        event_attendance_mode: "https://schema.org/OfflineEventAttendanceMode",
        location: PlaceJson {
            kind: "Place",
            name: &e.location.name,
            address: non_empty(&e.location.address).map(|street| AddressJson {
                kind: "PostalAddress",
                street_address: street,
                address_locality: non_empty(&e.location.locality),
                address_region: non_empty(&e.location.region),
                address_country: "CN",
            }),
        },
        performer: person_json(&e.performer),
        organizer: organization_json(&e.organizer),
        super_event: non_empty(&e.series).map(|name| SeriesJson {
            kind: "EventSeries",
            name,
        }),
        image: &e.images,
        in_language: &e.lang,
        url: &e.url,
        maximum_attendee_capacity: e.capacity,
    };
    to_script_json(&json)
}

fn event_status(status: LectureStatus) -> &'static str {
    match status {
        LectureStatus::Scheduled => "https://schema.org/EventScheduled",
        LectureStatus::Cancelled => "https://schema.org/EventCancelled",
        LectureStatus::Postponed => "https://schema.org/EventPostponed",
    }
}

const SCHEMA_ORG: &str = "https://schema.org";

/// Pretty JSON with every character that HTML could read as markup escaped. They occur
/// only inside JSON strings, where `\uXXXX` means the same character.
fn to_script_json<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string_pretty(value)
        .expect("structs of strings and numbers always serialize");
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn is_empty(list: &&[String]) -> bool {
    list.is_empty()
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

fn agent_json(agent: &Agent) -> AgentJson<'_> {
    match agent {
        Agent::Person(person) => AgentJson::Person(person_json(person)),
        Agent::Organization(org) => AgentJson::Organization(organization_json(org)),
    }
}

fn person_json(person: &PersonLd) -> PersonJson<'_> {
    PersonJson {
        kind: "Person",
        name: &person.name,
        job_title: non_empty(&person.job_title),
    }
}

fn organization_json(org: &OrganizationLd) -> OrganizationJson<'_> {
    OrganizationJson {
        kind: "Organization",
        name: &org.name,
        url: non_empty(&org.url),
        logo: non_empty(&org.logo).map(|url| ImageJson {
            kind: "ImageObject",
            url,
        }),
    }
}

// The JSON shapes. Field order here is the key order in the output.

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArticleJson<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    author: AgentJson<'a>,
    publisher: OrganizationJson<'a>,
    #[serde(skip_serializing_if = "is_empty")]
    image: &'a [String],
    in_language: &'a str,
    url: &'a str,
    main_entity_of_page: WebPageJson<'a>,
    #[serde(skip_serializing_if = "is_empty")]
    keywords: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventJson<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    start_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    event_status: &'static str,
    event_attendance_mode: &'static str,
    location: PlaceJson<'a>,
    performer: PersonJson<'a>,
    organizer: OrganizationJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    super_event: Option<SeriesJson<'a>>,
    #[serde(skip_serializing_if = "is_empty")]
    image: &'a [String],
    in_language: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum_attendee_capacity: Option<u32>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum AgentJson<'a> {
    Person(PersonJson<'a>),
    Organization(OrganizationJson<'a>),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PersonJson<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
}

#[derive(Serialize)]
struct OrganizationJson<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<ImageJson<'a>>,
}

#[derive(Serialize)]
struct ImageJson<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct WebPageJson<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
}

#[derive(Serialize)]
struct PlaceJson<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<AddressJson<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AddressJson<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    street_address: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_locality: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_region: Option<&'a str>,
    address_country: &'static str,
}

#[derive(Serialize)]
struct SeriesJson<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}
