//! What every record kind shares: which kind it is, the header every stored record carries
//! (identity, number, version, who changed it when, tombstone), and who acts on it.

use crate::accounts::User;

code_enum! {
    /// The kinds of records an office keeps. The code is what the tables, the audit log and the
    /// batches call the kind; it never changes. In the order the batch and the district list
    /// them: a subject before its events.
    pub enum RecordKind {
        /// 人民调解案件.
        MediationCase => "mediation_case",
        /// 法律咨询.
        LegalAidConsultation => "legal_aid_consultation",
        /// 法律援助申请.
        LegalAidApplication => "legal_aid_application",
        /// 社区矫正对象.
        CorrectionSubject => "correction_subject",
        /// 社区矫正事项 (report, visit, talk … of a subject).
        CorrectionEvent => "correction_event",
    }
}

impl RecordKind {
    /// What a person calls one record of the kind.
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::MediationCase => "调解案件",
            RecordKind::LegalAidConsultation => "法援咨询",
            RecordKind::LegalAidApplication => "法援申请",
            RecordKind::CorrectionSubject => "矫正对象",
            RecordKind::CorrectionEvent => "矫正事件",
        }
    }

    /// The area of work the kind belongs to (工作台 groups its reminders by it).
    pub fn area(self) -> WorkArea {
        match self {
            RecordKind::MediationCase => WorkArea::Mediation,
            RecordKind::LegalAidConsultation | RecordKind::LegalAidApplication => WorkArea::LegalAid,
            RecordKind::CorrectionSubject | RecordKind::CorrectionEvent => WorkArea::Correction,
        }
    }
}

code_enum! {
    /// The office's areas of work: 人民调解, 法律援助, 社区矫正.
    pub enum WorkArea {
        Mediation => "mediation",
        LegalAid => "legal_aid",
        Correction => "correction",
    }
}

/// What the store keeps about every record besides its body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordHeader {
    /// The row's place in its table (never leaves the machine).
    pub rid: i64,
    /// UUID v7, the same in every office and at the district.
    pub id: String,
    pub office_code: String,
    /// The record this one belongs to (an event's subject); empty for a record that stands alone.
    pub parent_id: String,
    /// The record's number in the office's scheme (（2026）石调字第1号 …); empty for kinds without
    /// one (consultations, events).
    pub number: String,
    /// The year and the sequence number the number was given from (0 without a number).
    pub year: i32,
    pub seq: i64,
    /// +1 on every change; a save names the version it edited.
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    pub created_by: String,
    pub updated_by: String,
    /// Set once the record is deleted (a tombstone, so the deletion travels in the next batch).
    pub deleted_at: Option<String>,
}

impl RecordHeader {
    /// Version 1 of a new record of `office_code`, made by `by` at `now`; storing it fills in the
    /// row id (and, for numbered kinds, the number).
    pub fn new(office_code: &str, by: &str, now: &str) -> RecordHeader {
        RecordHeader {
            id: uuid::Uuid::now_v7().to_string(),
            office_code: office_code.to_string(),
            version: 1,
            created_at: now.to_string(),
            updated_at: now.to_string(),
            created_by: by.to_string(),
            updated_by: by.to_string(),
            ..Default::default()
        }
    }

    /// The header of the next version, changed by `by` at `now`.
    pub fn next_version(&self, now: &str, by: &str) -> RecordHeader {
        RecordHeader { version: self.version + 1, updated_at: now.to_string(), updated_by: by.to_string(), ..self.clone() }
    }
}

/// Who does something: a logged-in user, or someone without a session who is named in the audit
/// log by what they are: the command line (命令行（sifa export）), the system (每日自动备份), a
/// failed login (the name that was typed).
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    User(&'a User),
    Named(&'a str),
}

impl<'a> Actor<'a> {
    /// The account, when a person acts.
    pub fn user(self) -> Option<&'a User> {
        match self {
            Actor::User(u) => Some(u),
            Actor::Named(_) => None,
        }
    }

    /// The name records and the audit log keep (a user's login name).
    pub fn username(self) -> &'a str {
        match self {
            Actor::User(u) => &u.username,
            Actor::Named(name) => name,
        }
    }

    /// The name people read on what it made (a batch's 制表人, an import's 导入人).
    pub fn display_name(self) -> &'a str {
        match self {
            Actor::User(u) => &u.display_name,
            Actor::Named(name) => name,
        }
    }
}

impl<'a> From<&'a User> for Actor<'a> {
    fn from(u: &'a User) -> Self {
        Actor::User(u)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_keep_the_codes_of_the_tables_the_audit_log_and_the_batches() {
        let codes: Vec<&str> = RecordKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes, ["mediation_case", "legal_aid_consultation", "legal_aid_application", "correction_subject", "correction_event"]);
        for &k in RecordKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), serde_json::json!(k.code()));
            assert_eq!(RecordKind::from_code(k.code()), Some(k));
        }
        assert_eq!(RecordKind::from_code("case"), None);
    }

    #[test]
    fn the_next_version_is_one_up_and_names_who_and_when() {
        let h = RecordHeader { version: 3, updated_by: "a".into(), ..Default::default() };
        let n = h.next_version("2026-12-07T10:00:00+08:00", "b");
        assert_eq!((n.version, n.updated_at.as_str(), n.updated_by.as_str()), (4, "2026-12-07T10:00:00+08:00", "b"));
    }
}
