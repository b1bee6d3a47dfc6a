//! Posts that wait for their date: where a document stands at a build's "now" by its
//! `publish:` and `expires:`, and when the next build must run for the site to change on
//! time. Pure: no IO.

use jiff::Timestamp;
use serde::Serialize;

use super::document::{Common, When};

/// Where a document stands at a build's "now".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "state", content = "at")]
pub enum Schedule {
    /// No `publish:` in the future, no `expires:` reached: published.
    Live,
    /// `publish:` is still to come.
    Waiting(When),
    /// `expires:` has been reached: taken down.
    Expired(When),
}

impl Schedule {
    /// `Live` at `now` unless `publish` is after it or `expires` at or before it.
    /// `publish` is inclusive (a post set for 08:00 is out at 08:00) and so is `expires`
    /// (a post that expires at 08:00 is gone at 08:00).
    pub fn at(common: &Common, now: Timestamp) -> Schedule {
        if let Some(publish) = &common.publish
            && publish.zoned.timestamp() > now
        {
            return Schedule::Waiting(publish.clone());
        }
        match &common.expires {
            Some(expires) if expires.zoned.timestamp() <= now => Schedule::Expired(expires.clone()),
            _ => Schedule::Live,
        }
    }

    pub fn is_live(&self) -> bool {
        matches!(self, Schedule::Live)
    }

    /// The date that decides: `publish:` while waiting, `expires:` once expired.
    pub fn date(&self) -> Option<&When> {
        match self {
            Schedule::Live => None,
            Schedule::Waiting(at) | Schedule::Expired(at) => Some(at),
        }
    }

    /// The date that decides, as `when_text` writes it (empty for `Live`).
    pub fn date_text(&self) -> String {
        self.date().map(when_text).unwrap_or_default()
    }
}

/// The first moment after `now` at which a document's standing changes: its `publish:`
/// while it waits, else its `expires:` while it has not come.
pub fn next_change(common: &Common, now: Timestamp) -> Option<&When> {
    [common.publish.as_ref(), common.expires.as_ref()]
        .into_iter()
        .flatten()
        .filter(|when| when.zoned.timestamp() > now)
        .min_by_key(|when| when.zoned.timestamp())
}

/// `2026-07-01 08:00`, or `2026-07-01` for a date written without a time.
pub fn when_text(when: &When) -> String {
    if when.has_time {
        when.zoned.strftime("%Y-%m-%d %H:%M").to_string()
    } else {
        when.zoned.strftime("%Y-%m-%d").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::dates::parse_when;

    fn tz() -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get("Asia/Shanghai").unwrap()
    }

    fn common(publish: Option<&str>, expires: Option<&str>) -> Common {
        Common {
            publish: publish.map(|t| parse_when(t, &tz()).unwrap()),
            expires: expires.map(|t| parse_when(t, &tz()).unwrap()),
            ..Common::default()
        }
    }

    fn now(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn standing_at_now_by_publish_and_expires() {
        let cases = [
            (None, None, "2026-01-01T00:00+08:00", "live"),
            (
                Some("2026-07-01 08:00"),
                None,
                "2026-07-01T07:59+08:00",
                "waiting",
            ),
            (
                Some("2026-07-01 08:00"),
                None,
                "2026-07-01T08:00+08:00",
                "live",
            ),
            (
                Some("2026年7月1日"),
                None,
                "2026-06-30T23:59+08:00",
                "waiting",
            ),
            (Some("2026年7月1日"), None, "2026-06-30T16:00Z", "live"),
            (
                None,
                Some("2026/7/1 8:00"),
                "2026-07-01T07:59+08:00",
                "live",
            ),
            (
                None,
                Some("2026/7/1 8:00"),
                "2026-07-01T08:00+08:00",
                "expired",
            ),
            (
                Some("2026-07-01"),
                Some("2026-08-01"),
                "2026-06-01T00:00+08:00",
                "waiting",
            ),
            (
                Some("2026-07-01"),
                Some("2026-08-01"),
                "2026-07-15T00:00+08:00",
                "live",
            ),
            (
                Some("2026-07-01"),
                Some("2026-08-01"),
                "2026-09-01T00:00+08:00",
                "expired",
            ),
        ];
        for (publish, expires, at, expected) in cases {
            let state = match Schedule::at(&common(publish, expires), now(at)) {
                Schedule::Live => "live",
                Schedule::Waiting(_) => "waiting",
                Schedule::Expired(_) => "expired",
            };
            assert_eq!(state, expected, "{publish:?} {expires:?} at {at}");
        }
    }

    #[test]
    fn next_change_is_the_first_date_after_now() {
        let both = common(Some("2026-07-01 08:00"), Some("2026-08-01"));
        let next = |at: &str| next_change(&both, now(at)).map(when_text);
        assert_eq!(
            next("2026-06-01T00:00+08:00").as_deref(),
            Some("2026-07-01 08:00")
        );
        assert_eq!(
            next("2026-07-01T08:00+08:00").as_deref(),
            Some("2026-08-01")
        );
        assert_eq!(next("2026-08-01T00:00+08:00"), None);
        assert_eq!(
            next_change(&common(None, None), now("2026-01-01T00:00Z")),
            None
        );
    }
}
