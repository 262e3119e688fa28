//! Counting days for legal time limits (DOMAIN.md §0): the start day is not counted; a period in
//! calendar days whose last day is not a working day ends on the next working day; a period in
//! working days counts working days only. Working days are Monday to Friday, except the public
//! holidays of the office's calendar, plus the weekend days it lists as make-up working days (调休).

use crate::codes::DayUnit;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a date of the calendar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A public holiday (法定节假日), even on a weekday.
    Holiday,
    /// A weekend day worked in exchange for a holiday (调休上班).
    Workday,
}

/// The office's holiday calendar: only the exceptions to "Monday to Friday".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, DayKind>,
}

impl Calendar {
    pub fn new(days: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> Self {
        Calendar { days: days.into_iter().collect() }
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.days.get(&d) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// `d` itself when it is a working day, otherwise the first working day after it.
    pub fn roll_forward(&self, d: NaiveDate) -> NaiveDate {
        let mut day = d;
        // A calendar never has a year without working days; the bound only guards bad data.
        for _ in 0..366 {
            if self.is_working_day(day) {
                return day;
            }
            day += Duration::days(1);
        }
        d
    }

    /// The last day of a period of `days` starting on `start` (the start day not counted).
    pub fn period_end(&self, start: NaiveDate, days: i64, unit: DayUnit) -> NaiveDate {
        match unit {
            DayUnit::Calendar => self.roll_forward(start + Duration::days(days)),
            DayUnit::Working => {
                let mut day = start;
                let mut counted = 0;
                while counted < days {
                    day += Duration::days(1);
                    if self.is_working_day(day) {
                        counted += 1;
                    }
                }
                day
            }
        }
    }

    /// The end of a period of `days` that stood still while paused (e.g. while materials were
    /// being supplemented): each pause `(from, to)` adds the days from `from` to `to`, both
    /// included, that fall on or before the end found so far (DOMAIN.md §2.1, Art 43).
    pub fn period_end_with_pauses(&self, start: NaiveDate, days: i64, unit: DayUnit, pauses: &[(NaiveDate, NaiveDate)]) -> NaiveDate {
        // The start day is not counted anyway: a pause from that day stands still from the next.
        let mut pauses: Vec<_> =
            pauses.iter().map(|&(a, b)| (a.max(start + Duration::days(1)), b)).filter(|(a, b)| a <= b).collect();
        pauses.sort();
        match unit {
            DayUnit::Calendar => {
                // Extend the unrolled end, and roll over only once at the very end: a pause
                // must not be added to a day that was itself moved past a weekend. A pause that
                // begins after the unrolled end but on or before the rolled-over last day (a
                // notice on the first working day after a holiday) resumes from its end.
                let mut end = start + Duration::days(days);
                for (from, to) in pauses {
                    if from > self.roll_forward(end) {
                        break;
                    }
                    end = end.max(from - Duration::days(1)) + Duration::days((to - from).num_days() + 1);
                }
                self.roll_forward(end)
            }
            DayUnit::Working => {
                let mut end = self.period_end(start, days, unit);
                for (from, to) in pauses {
                    if from > end {
                        break;
                    }
                    let mut stood_still = 0;
                    let mut d = from;
                    while d <= to {
                        if self.is_working_day(d) {
                            stood_still += 1;
                        }
                        d += Duration::days(1);
                    }
                    end = self.period_end(end, stood_still, unit);
                }
                end
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// National Day week of a year as an office would enter it: 1–7 October off, the Sunday
    /// before and the Saturday after worked.
    fn national_day() -> Calendar {
        let mut days: Vec<(NaiveDate, DayKind)> = (1..=7).map(|n| (d(&format!("2026-10-0{n}")), DayKind::Holiday)).collect();
        days.push((d("2026-09-27"), DayKind::Workday));
        days.push((d("2026-10-10"), DayKind::Workday));
        Calendar::new(days)
    }

    #[test]
    fn the_start_day_is_not_counted() {
        let c = Calendar::default();
        // Wednesday + 7 calendar days = the next Wednesday.
        assert_eq!(c.period_end(d("2026-11-04"), 7, DayUnit::Calendar), d("2026-11-11"));
        assert_eq!(c.period_end(d("2026-11-04"), 3, DayUnit::Working), d("2026-11-09"));
    }

    #[test]
    fn a_last_day_on_a_weekend_or_holiday_moves_to_the_next_working_day() {
        let c = national_day();
        // 2026-11-20 is a Friday: +8 days = Saturday 28th → Monday 30th.
        assert_eq!(c.period_end(d("2026-11-20"), 8, DayUnit::Calendar), d("2026-11-30"));
        // Ends on 2 October, a holiday → 8 October (first working day after the holidays).
        assert_eq!(c.period_end(d("2026-09-25"), 7, DayUnit::Calendar), d("2026-10-08"));
        // A make-up working Saturday is a working day.
        assert_eq!(c.period_end(d("2026-10-03"), 7, DayUnit::Calendar), d("2026-10-10"));
    }

    #[test]
    fn a_pause_from_the_rolled_over_last_day_still_counts() {
        let c = national_day();
        // From Monday 28 September, day 7 is 5 October (a holiday): the last day is 8 October.
        assert_eq!(c.period_end(d("2026-09-28"), 7, DayUnit::Calendar), d("2026-10-08"));
        // Paused on that last day until Monday 12th: it resumes and ends on the 12th.
        assert_eq!(c.period_end_with_pauses(d("2026-09-28"), 7, DayUnit::Calendar, &[(d("2026-10-08"), d("2026-10-12"))]), d("2026-10-12"));
        // A pause after the last day changes nothing.
        assert_eq!(c.period_end_with_pauses(d("2026-09-28"), 7, DayUnit::Calendar, &[(d("2026-10-09"), d("2026-10-12"))]), d("2026-10-08"));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays_and_count_make_up_days() {
        let c = national_day();
        // From Friday 25 September: Sun 27 (worked), Mon 28, Tue 29, Wed 30, then 8 Oct.
        assert_eq!(c.period_end(d("2026-09-25"), 4, DayUnit::Working), d("2026-09-30"));
        assert_eq!(c.period_end(d("2026-09-25"), 5, DayUnit::Working), d("2026-10-08"));
        assert!(c.is_working_day(d("2026-09-27")));
        assert!(!c.is_working_day(d("2026-10-05")));
        assert!(!c.is_working_day(d("2026-10-11")));
    }

    #[test]
    fn pauses_extend_the_period_by_the_days_stood_still() {
        let c = Calendar::default();
        // 7 days from Mon 2 Nov = Mon 9 Nov; paused 4–6 Nov (3 days) → Thu 12 Nov.
        assert_eq!(c.period_end_with_pauses(d("2026-11-02"), 7, DayUnit::Calendar, &[(d("2026-11-04"), d("2026-11-06"))]), d("2026-11-12"));
        // A pause after the end changes nothing; a reversed one is ignored.
        assert_eq!(c.period_end_with_pauses(d("2026-11-02"), 7, DayUnit::Calendar, &[(d("2026-11-20"), d("2026-11-22"))]), d("2026-11-09"));
        assert_eq!(c.period_end_with_pauses(d("2026-11-02"), 7, DayUnit::Calendar, &[(d("2026-11-06"), d("2026-11-04"))]), d("2026-11-09"));
        // Working days: 3 working days from Fri 6 Nov = Wed 11 Nov; paused Mon 9 (1 working day) → Thu 12.
        assert_eq!(c.period_end_with_pauses(d("2026-11-06"), 3, DayUnit::Working, &[(d("2026-11-09"), d("2026-11-09"))]), d("2026-11-12"));
        // From Sunday 15 Nov: 7 days end on Sunday 22nd (not counted as Monday 23rd before the
        // pause is added); 3 days paused → Wednesday 25th.
        assert_eq!(c.period_end_with_pauses(d("2026-11-15"), 7, DayUnit::Calendar, &[(d("2026-11-17"), d("2026-11-19"))]), d("2026-11-25"));
        // A pause from the start day itself: the start day was not counted anyway.
        assert_eq!(c.period_end_with_pauses(d("2026-11-16"), 7, DayUnit::Calendar, &[(d("2026-11-16"), d("2026-11-19"))]), d("2026-11-26"));
        assert_eq!(c.period_end_with_pauses(d("2026-11-16"), 7, DayUnit::Calendar, &[(d("2026-11-16"), d("2026-11-16"))]), d("2026-11-23"));
        // A pause that ends the period on a Saturday rolls it over to Monday.
        assert_eq!(c.period_end_with_pauses(d("2026-11-16"), 7, DayUnit::Calendar, &[(d("2026-11-18"), d("2026-11-22"))]), d("2026-11-30"));
    }
}
