//! One page of a list, with the total counted up to a cap.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Matching rows, counted up to a cap; `total_capped` says there are more.
    pub total: i64,
    pub total_capped: bool,
}
