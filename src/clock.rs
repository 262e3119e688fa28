//! Time as the core sees it. Deadlines and batches depend on "today", so the clock is injected:
//! the application passes a fixed or shifted clock in tests (`--today`), the system clock otherwise.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

/// Business dates are China local dates (UTC+8) whatever the machine's time zone.
pub fn china_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<FixedOffset>;
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
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
    fn now(&self) -> DateTime<FixedOffset> {
        self.0
    }
}

/// RFC 3339 with offset, seconds precision; the form every stored instant takes.
pub fn instant_string(t: DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
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
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}
