//! Timestamps in the state files: milliseconds since the Unix epoch, written as RFC 3339 UTC
//! text (`2026-11-29T18:30:12.345Z`) so a person can read the files, and shown to the reader
//! as a local date. The calendar and time zones are `jiff`'s; this module owns the range a
//! stored time may take (1970 to the end of 9999, so whatever is written reads back) and the
//! store's clock, which tests can put out of true. No I/O of its own.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A moment, in milliseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The earliest time kept: the epoch (a clock set before it is a broken clock).
    pub const EARLIEST: Timestamp = Timestamp(0);
    /// The latest time kept: 9999-12-30T22:00:00Z, the last one that is still a date in
    /// year 9999 in every time zone (RFC 3339 has four-digit years).
    pub const LATEST: Timestamp = Timestamp(253_402_207_200_000);

    /// The current time of the system clock (within `EARLIEST..=LATEST`, whatever the clock
    /// says: `jiff::Timestamp::now` would panic on a clock set past its range).
    pub fn now() -> Timestamp {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        Timestamp(ms).clamped()
    }

    /// The same moment moved into `EARLIEST..=LATEST`: what is written always reads back.
    pub fn clamped(self) -> Timestamp {
        self.max(Self::EARLIEST).min(Self::LATEST)
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    /// Whole seconds since the epoch.
    pub fn unix_seconds(self) -> i64 {
        self.0.div_euclid(1000)
    }

    fn to_jiff(self) -> jiff::Timestamp {
        jiff::Timestamp::from_millisecond(self.clamped().0).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    }

    /// `2026-11-29T18:30:12.345Z` (a time out of range is written as the nearest one in it).
    pub fn to_rfc3339(self) -> String {
        format!("{:.3}", self.to_jiff())
    }

    /// Parse an RFC 3339 time with an offset (`…Z` or `…+08:00`), clamped into range; `None`
    /// for anything else. A real date past the range (the last hours of year 9999, a year of
    /// five or more digits as older kanshu wrote them) reads as `LATEST`, one before 1970 as
    /// `EARLIEST`.
    pub fn parse_rfc3339(s: &str) -> Option<Timestamp> {
        let s = s.trim();
        if let Ok(t) = s.parse::<jiff::Timestamp>() {
            return Some(Timestamp(t.as_millisecond()).clamped());
        }
        let digits = |t: &str| t.bytes().take_while(u8::is_ascii_digit).count();
        if let Some(rest) = s.strip_prefix('-')
            && digits(rest) == 6
        {
            return Some(Self::EARLIEST);
        }
        let unsigned = s.strip_prefix('+').unwrap_or(s);
        let n = digits(unsigned);
        if n >= 5 && unsigned[n..].starts_with('-') && unsigned.contains(['T', 't', ' ']) {
            return Some(Self::LATEST);
        }
        let pieces = jiff::fmt::temporal::Pieces::parse(s).ok()?;
        pieces.offset()?;
        pieces.time()?;
        match pieces.date().year() {
            9999 => Some(Self::LATEST),
            y if y < 1970 => Some(Self::EARLIEST),
            _ => None,
        }
    }

    /// `2026-11-29 18:30` in the local time zone (`TZ`, else the system's; UTC where neither
    /// can be known).
    pub fn local_display(self) -> String {
        let z = self.to_jiff().to_zoned(jiff::tz::TimeZone::system());
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            z.year(),
            z.month(),
            z.day(),
            z.hour(),
            z.minute()
        )
    }
}

/// The store's clock: the system clock moved by a skew that tests set to play a machine whose
/// clock is wrong. Cloning shares it.
#[derive(Debug, Clone, Default)]
pub struct Clock(Arc<AtomicI64>);

impl Clock {
    /// Put the clock `millis` ahead (negative: behind).
    pub fn skew(&self, millis: i64) {
        self.0.store(millis, Ordering::Relaxed);
    }

    pub fn now(&self) -> Timestamp {
        Timestamp(
            Timestamp::now()
                .0
                .saturating_add(self.0.load(Ordering::Relaxed)),
        )
        .clamped()
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 time or milliseconds since 1970")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Timestamp::parse_rfc3339(v)
                    .ok_or_else(|| E::custom(format!("not an RFC 3339 time: {v:?}")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Timestamp, E> {
                Ok(Timestamp(v).clamped())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Timestamp, E> {
                Ok(Timestamp(i64::try_from(v).unwrap_or(i64::MAX)).clamped())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Timestamp, E> {
                // `as` saturates (and takes NaN to 0): any number becomes a time in range.
                Ok(Timestamp(v as i64).clamped())
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates_format_and_parse() {
        assert_eq!(Timestamp(0).to_rfc3339(), "1970-01-01T00:00:00.000Z");
        // 2000-02-29 (a leap day in a century leap year) 12:34:56.789 UTC
        let t = Timestamp(951_827_696_789);
        assert_eq!(t.to_rfc3339(), "2000-02-29T12:34:56.789Z");
        assert_eq!(
            Timestamp::parse_rfc3339("2000-02-29T12:34:56.789Z"),
            Some(t)
        );
        assert_eq!(
            Timestamp::parse_rfc3339("2000-02-29T20:34:56.789+08:00"),
            Some(t)
        );
        assert_eq!(Timestamp::parse_rfc3339("yesterday"), None);
        assert_eq!(Timestamp::parse_rfc3339("2000-13-01T00:00:00Z"), None);
        assert_eq!(Timestamp::parse_rfc3339("2000-01-01T00:00:00"), None);
    }

    #[test]
    fn round_trips_over_the_whole_range() {
        let mut ms = 0i64;
        while ms < Timestamp::LATEST.0 {
            let t = Timestamp(ms);
            assert_eq!(Timestamp::parse_rfc3339(&t.to_rfc3339()), Some(t));
            ms += 7_777_777_777_777;
        }
        let last = Timestamp::LATEST;
        assert_eq!(last.to_rfc3339(), "9999-12-30T22:00:00.000Z");
        assert_eq!(Timestamp::parse_rfc3339(&last.to_rfc3339()), Some(last));
    }

    #[test]
    fn times_out_of_range_are_written_as_the_nearest_that_reads_back() {
        for raw in [i64::MIN, -1, 999_999_999_999_999, i64::MAX] {
            let text = Timestamp(raw).to_rfc3339();
            let back = Timestamp::parse_rfc3339(&text).expect("reads back");
            assert_eq!(back, Timestamp(raw).clamped(), "{raw}: {text}");
        }
        for (text, want) in [
            ("1969-12-31T23:59:59Z", Timestamp::EARLIEST),
            ("-009999-01-01T00:00:00Z", Timestamp::EARLIEST),
            ("-100000-01-01T00:00:00Z", Timestamp::EARLIEST),
            ("9999-12-31T23:59:59.999Z", Timestamp::LATEST),
            ("9999-12-31T23:59:59.999-14:00", Timestamp::LATEST),
            ("33658-09-27T01:46:39.999Z", Timestamp::LATEST),
            ("+010000-01-01T00:00:00Z", Timestamp::LATEST),
        ] {
            assert_eq!(Timestamp::parse_rfc3339(text), Some(want), "{text}");
        }
        assert_eq!(Timestamp::parse_rfc3339("2000-02-30T00:00:00Z"), None);
        assert_eq!(Timestamp::parse_rfc3339("33658"), None);
    }

    #[test]
    fn local_dates_of_extreme_times_do_not_overflow() {
        for raw in [i64::MIN, 0, Timestamp::LATEST.0, i64::MAX] {
            let shown = Timestamp(raw).local_display();
            assert_eq!(shown.len(), "2026-11-29 18:30".len(), "{shown}");
        }
    }

    #[test]
    fn serde_accepts_text_and_numbers_and_clamps_them() {
        let t: Timestamp = serde_json::from_str("\"2026-11-29T18:30:12.345Z\"").unwrap();
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"2026-11-29T18:30:12.345Z\""
        );
        let n: Timestamp = serde_json::from_str("1234").unwrap();
        assert_eq!(n, Timestamp(1234));
        let huge: Timestamp = serde_json::from_str("999999999999999").unwrap();
        assert_eq!(huge, Timestamp::LATEST);
        let float: Timestamp = serde_json::from_str("1e308").unwrap();
        assert_eq!(float, Timestamp::LATEST);
        let negative: Timestamp = serde_json::from_str("-5").unwrap();
        assert_eq!(negative, Timestamp::EARLIEST);
        assert!(serde_json::from_str::<Timestamp>("\"soon\"").is_err());
    }

    #[test]
    fn a_skewed_clock_runs_ahead() {
        let clock = Clock::default();
        let before = Timestamp::now();
        clock.skew(3_600_000);
        assert!(clock.now().0 >= before.0 + 3_600_000);
        clock.skew(i64::MAX);
        assert_eq!(clock.now(), Timestamp::LATEST);
    }
}
