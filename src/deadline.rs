//! An open deadline as lists and 工作台 show it.

use crate::codes::time_limit;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    pub title: String,
    pub due_on: String,
    pub days_left: i64,
    /// overdue | warning | upcoming | paused (the clock stands still; `days_left` is what remains)
    pub level: String,
}

pub(crate) fn deadline(rule: &str, due: NaiveDate, today: NaiveDate) -> Deadline {
    let limit = time_limit(rule);
    let days_left = (due - today).num_days();
    let level = if days_left < 0 {
        "overdue"
    } else if days_left <= limit.warn_days {
        "warning"
    } else {
        "upcoming"
    };
    Deadline { title: limit.title.clone(), due_on: due.to_string(), days_left, level: level.into() }
}
