//! Time as the core sees it. Deadlines and batches depend on "today", so the clock is injected:
//! the application passes a fixed or shifted clock in tests (`--today`), the system clock otherwise.
//! Every clock answers in China time, and `anomaly` tells when the PC's clock cannot be right.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Business dates are China local dates (UTC+8) whatever the machine's time zone.
pub fn china_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<FixedOffset>;
    /// The business date: the China date, whatever offset `now` was given in (16:30 UTC on
    /// 30 November is already 1 December in the office).
    fn today(&self) -> NaiveDate {
        self.now().with_timezone(&china_offset()).date_naive()
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        Utc::now().with_timezone(&china_offset())
    }
}

/// The system clock moved to another day: time of day runs normally, the date is `today`.
/// Used when the application is started with `--today` for tests and demonstrations.
#[derive(Debug, Clone, Copy)]
pub struct ShiftedClock {
    shift: Duration,
}

impl ShiftedClock {
    pub fn to_day(today: NaiveDate) -> Self {
        let now = SystemClock.now();
        ShiftedClock { shift: today - now.date_naive() }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<FixedOffset> {
        SystemClock.now() + self.shift
    }
}

/// A clock standing still, for tests.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<FixedOffset>);

impl FixedClock {
    pub fn at_date(d: NaiveDate) -> Self {
        let t = d.and_hms_opt(10, 0, 0).expect("valid time").and_local_timezone(china_offset()).unwrap();
        FixedClock(t)
    }
}

impl Clock for FixedClock {
    // A test may give the instant in UTC; stored instants and file names are in China time.
    fn now(&self) -> DateTime<FixedOffset> {
        self.0.with_timezone(&china_offset())
    }
}

/// RFC 3339 with the +08:00 offset, millisecond precision; the form every stored instant takes
/// (the audit log's day filter relies on a day's entries sharing its date prefix).
pub fn instant_string(t: DateTime<FixedOffset>) -> String {
    t.with_timezone(&china_offset()).to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
}

/// A clock that stands still until a test moves it, forwards or backwards; shared between the
/// test and the desk through an `Arc`.
#[derive(Debug)]
pub struct ManualClock(std::sync::Mutex<DateTime<FixedOffset>>);

impl ManualClock {
    pub fn at(t: DateTime<FixedOffset>) -> Self {
        ManualClock(std::sync::Mutex::new(t))
    }

    pub fn at_date(d: NaiveDate) -> Self {
        ManualClock::at(FixedClock::at_date(d).0)
    }

    pub fn advance(&self, by: Duration) {
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *t += by;
    }

    pub fn set(&self, to: DateTime<FixedOffset>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = to;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<FixedOffset> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).with_timezone(&china_offset())
    }
}

/// A time sync can step the clock back by seconds or a few minutes: that is not a wrong clock.
pub const BEHIND_TOLERANCE_MINUTES: i64 = 5;
/// The office PC is used every working day, so a year without any audit entry is far more likely
/// a wrong date (a flat CMOS battery, a mistyped year) than a real pause.
pub const AHEAD_LIMIT_DAYS: i64 = 366;

/// Which way the clock is off against the newest audit entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum ClockAnomalyKind {
    /// Earlier than the newest entry: new records would get dates before ones already made.
    Behind,
    /// More than a year after the newest entry.
    Ahead,
}

/// The PC's clock disagrees with the audit log: shown to the user before they register anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ClockAnomaly {
    pub kind: ClockAnomalyKind,
    /// The clock's time, RFC 3339 +08:00.
    pub now: String,
    /// The newest audit entry (by sequence) and its time as stored.
    pub last_entry_seq: i64,
    pub last_entry_at: String,
    /// For the user, in Chinese.
    pub message: String,
}

fn minute_label(t: DateTime<FixedOffset>) -> String {
    t.with_timezone(&china_offset()).format("%Y-%m-%d %H:%M").to_string()
}

/// Compares `now` with the newest audit entry (`last_seq`, stored time `last_at`). The newest by
/// sequence, not the latest time: once the clock is put right and work goes on, the warning goes
/// away by itself, whereas the latest time ever recorded could hold a wrong future date for a
/// year. A time that does not read is the chain check's business, not this one's.
pub fn anomaly(now: DateTime<FixedOffset>, last_seq: i64, last_at: &str) -> Option<ClockAnomaly> {
    let last = DateTime::parse_from_rfc3339(last_at).ok()?;
    let (now_label, last_label) = (minute_label(now), minute_label(last));
    let (kind, message) = if now < last - Duration::minutes(BEHIND_TOLERANCE_MINUTES) {
        (ClockAnomalyKind::Behind, format!("电脑的当前时间（{now_label}）早于最近一次操作的记录时间（{last_label}），请核对电脑的日期和时间后再登记。"))
    } else if now - last > Duration::days(AHEAD_LIMIT_DAYS) {
        let days = (now - last).num_days();
        (
            ClockAnomalyKind::Ahead,
            format!(
                "电脑的当前时间（{now_label}）比最近一次操作的记录时间（{last_label}）晚了 {days} 天，电脑的日期可能设错了。如果本系统确实一年多没有使用过，可以忽略本提示；否则请核对电脑的日期和时间后再登记。"
            ),
        )
    } else {
        return None;
    };
    Some(ClockAnomaly { kind, now: instant_string(now), last_entry_seq: last_seq, last_entry_at: last_at.to_string(), message })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn a_clock_earlier_than_the_newest_entry_by_more_than_five_minutes_is_behind() {
        let last = "2026-11-27T10:30:00.000+08:00";
        let a = anomaly(t("2026-11-27T09:00:00+08:00"), 42, last).unwrap();
        assert_eq!(a.kind, ClockAnomalyKind::Behind);
        assert_eq!(a.message, "电脑的当前时间（2026-11-27 09:00）早于最近一次操作的记录时间（2026-11-27 10:30），请核对电脑的日期和时间后再登记。");
        assert_eq!((a.last_entry_seq, a.last_entry_at.as_str(), a.now.as_str()), (42, last, "2026-11-27T09:00:00.000+08:00"));
        assert_eq!(anomaly(t("2026-11-27T10:25:00+08:00"), 42, last), None, "five minutes back is a time sync");
        assert!(anomaly(t("2026-11-27T10:24:59+08:00"), 42, last).is_some());
        // The same instant given in UTC reads the same in the message.
        let utc = anomaly(t("2026-11-27T01:00:00Z"), 42, last).unwrap();
        assert_eq!(utc.message, a.message);
        assert_eq!(utc.now, a.now);
    }

    #[test]
    fn a_clock_more_than_366_days_after_the_newest_entry_is_ahead_and_a_normal_one_is_not() {
        let last = "2026-11-27T10:30:00.000+08:00";
        let a = anomaly(t("2027-12-01T09:00:00+08:00"), 7, last).unwrap();
        assert_eq!(a.kind, ClockAnomalyKind::Ahead);
        assert!(a.message.starts_with("电脑的当前时间（2027-12-01 09:00）比最近一次操作的记录时间（2026-11-27 10:30）晚了 368 天"), "{}", a.message);
        assert_eq!(anomaly(t("2027-11-28T10:30:00+08:00"), 7, last), None, "exactly 366 days");
        assert!(anomaly(t("2027-11-28T10:30:01+08:00"), 7, last).is_some());
        assert_eq!(anomaly(t("2026-11-30T08:00:00+08:00"), 7, last), None, "a weekend later");
        assert_eq!(anomaly(t("2026-11-27T10:30:00+08:00"), 7, "not a time"), None);
    }

    #[test]
    fn answers_are_in_china_time_whatever_offset_the_clock_was_given() {
        let c = FixedClock(t("2026-11-30T16:30:00Z"));
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert_eq!(instant_string(c.now()), "2026-12-01T00:30:00.000+08:00");
        let m = ManualClock::at(t("2026-11-30T15:59:00Z"));
        assert_eq!(m.today(), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        m.advance(Duration::minutes(1));
        assert_eq!(m.today(), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        let serialized = serde_json::to_value(anomaly(t("2026-11-27T09:00:00+08:00"), 1, "2026-11-27T10:30:00.000+08:00").unwrap()).unwrap();
        assert_eq!(serialized["kind"], "behind");
        assert!(serialized.get("lastEntryAt").is_some() && serialized.get("lastEntrySeq").is_some());
    }
}
