//! Times on the wire and in the file: RFC 3339 in UTC, `Z` for the offset, microseconds only when
//! there are any (as pretix renders them: `2021-04-06T13:44:22.809216Z`, `2017-12-01T10:00:00Z`).

use chrono::{DateTime, SecondsFormat, Timelike, Utc};

pub fn format(at: DateTime<Utc>) -> String {
    if at.nanosecond() / 1_000 == 0 {
        at.to_rfc3339_opts(SecondsFormat::Secs, true)
    } else {
        at.to_rfc3339_opts(SecondsFormat::Micros, true)
    }
}

/// The stored form: always six fractional digits, so that stored times compare correctly as text.
pub fn store(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn parse(raw: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(raw).ok().map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn whole_seconds_have_no_fraction_and_others_have_six_digits() {
        let t = Utc.with_ymd_and_hms(2017, 12, 1, 10, 0, 0).unwrap();
        assert_eq!(format(t), "2017-12-01T10:00:00Z");
        let t = t + chrono::TimeDelta::milliseconds(500);
        assert_eq!(format(t), "2017-12-01T10:00:00.500000Z");
    }

    #[test]
    fn stored_times_sort_as_text_in_time_order() {
        let t = Utc.with_ymd_and_hms(2017, 12, 1, 10, 0, 0).unwrap();
        let later = t + chrono::TimeDelta::milliseconds(500);
        assert!(store(t) < store(later));
        assert_eq!(parse(&store(later)), Some(later));
    }

    #[test]
    fn formatted_times_parse_back() {
        let t =
            Utc.with_ymd_and_hms(2021, 4, 6, 13, 44, 22).unwrap() + chrono::TimeDelta::microseconds(809216);
        assert_eq!(parse(&format(t)), Some(t));
    }
}

/// `#[serde(serialize_with)]` helpers rendering times as pretix does.
pub mod wire {
    use chrono::{DateTime, Utc};
    use serde::Serializer;

    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format(*at))
    }

    pub fn serialize_opt<S: Serializer>(at: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => s.serialize_str(&super::format(*at)),
            None => s.serialize_none(),
        }
    }
}
