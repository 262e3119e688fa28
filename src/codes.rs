//! Code tables and time limits: shipped as data in `assets/`, served to the UI by the core, so the
//! UI never keeps its own copy and a province can change a table without touching code.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, ts_rs::TS)]
pub struct CodeItem {
    pub code: String,
    pub label: String,
}

/// Every code table by its name (committee, source, disputeType, …).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, ts_rs::TS)]
#[serde(transparent)]
pub struct CodeTables(pub BTreeMap<String, Vec<CodeItem>>);

impl std::ops::Deref for CodeTables {
    type Target = BTreeMap<String, Vec<CodeItem>>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

const CODE_TABLES_JSON: &str = include_str!("../assets/code_tables.json");
const TIME_LIMITS_JSON: &str = include_str!("../assets/time_limits.json");

pub fn code_tables() -> &'static CodeTables {
    static TABLES: OnceLock<CodeTables> = OnceLock::new();
    TABLES.get_or_init(|| serde_json::from_str(CODE_TABLES_JSON).expect("assets/code_tables.json is valid"))
}

/// The label of a code, or `None` when the table or code is unknown.
pub fn label(table: &str, code: &str) -> Option<&'static str> {
    // A batch looks up hundreds of thousands of labels: one hash lookup each.
    static INDEX: OnceLock<std::collections::HashMap<(&'static str, &'static str), &'static str>> = OnceLock::new();
    INDEX
        .get_or_init(|| code_tables().iter().flat_map(|(t, items)| items.iter().map(move |i| ((t.as_str(), i.code.as_str()), i.label.as_str()))).collect())
        .get(&(table, code))
        .copied()
}

pub fn is_code(table: &str, code: &str) -> bool {
    label(table, code).is_some()
}

/// How days are counted for a rule (DOMAIN.md §0).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DayUnit {
    Calendar,
    Working,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeLimit {
    pub title: String,
    pub days: i64,
    /// A deadline becomes a warning this many days before it falls due.
    pub warn_days: i64,
    pub unit: DayUnit,
    /// Whether a last day that is not a working day moves to the next working day. Off for
    /// limits that are really hours (24 hours to forward a detained person's application).
    #[serde(default = "roll_over_by_default")]
    pub roll_over: bool,
    pub basis: String,
}

fn roll_over_by_default() -> bool {
    true
}

/// A fingerprint of the time limits this build counts with: stored due dates computed under other
/// limits must be recomputed.
pub fn time_limits_fingerprint() -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(TIME_LIMITS_JSON.as_bytes()))
}

pub fn time_limit(rule: &str) -> &'static TimeLimit {
    static LIMITS: OnceLock<BTreeMap<String, TimeLimit>> = OnceLock::new();
    LIMITS
        .get_or_init(|| serde_json::from_str(TIME_LIMITS_JSON).expect("assets/time_limits.json is valid"))
        .get(rule)
        .unwrap_or_else(|| panic!("time limit {rule} is missing from assets/time_limits.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules match on enums; the labels and the order on screen come from the tables.
    #[test]
    fn the_enums_of_the_rules_have_exactly_the_codes_of_their_tables() {
        fn table(name: &str) -> Vec<&'static str> {
            code_tables()[name].iter().map(|i| i.code.as_str()).collect()
        }
        fn codes<E: Copy>(all: &[E], code: fn(E) -> &'static str) -> Vec<&'static str> {
            all.iter().map(|e| code(*e)).collect()
        }
        use crate::correction::{CorrectionState, ManagementLevel};
        use crate::legal_aid::LegalAidState;
        use crate::mediation::MediationState;
        assert_eq!(codes(MediationState::ALL, MediationState::code), table("mediationState"));
        assert_eq!(codes(LegalAidState::ALL, LegalAidState::code), table("laState"));
        assert_eq!(codes(CorrectionState::ALL, CorrectionState::code), table("corrState"));
        assert_eq!(codes(ManagementLevel::ALL, ManagementLevel::code), table("corrLevel"));
    }

    #[test]
    fn every_table_has_unique_codes_and_chinese_labels() {
        for (name, items) in code_tables().iter() {
            assert!(!items.is_empty(), "{name} is empty");
            let mut codes: Vec<_> = items.iter().map(|i| &i.code).collect();
            codes.sort();
            codes.dedup();
            assert_eq!(codes.len(), items.len(), "{name} has a duplicate code");
            for i in items {
                assert!(i.label.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{name}.{} label", i.code);
            }
        }
        assert_eq!(code_tables()["disputeType"].len(), 15);
        assert_eq!(label("mediationState", "agreed"), Some("调解成功"));
        assert_eq!(label("mediationState", "nope"), None);
    }

    #[test]
    fn time_limits_load() {
        assert_eq!(time_limit("mediation.conclude").days, 30);
        assert_eq!(time_limit("mediation.conclude").warn_days, 5);
    }
}
