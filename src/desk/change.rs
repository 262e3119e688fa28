//! The one way a stored record changes. Every kind's create, update and delete goes through
//! here, so the role check, the version check, the next header, the tombstone and the audit entry
//! (in the change's own transaction) are written once for all kinds.

use super::{audit_record, Desk};
use crate::audit::Change;
use crate::error::{Error, Result};
use crate::record::{Actor, RecordHeader, RecordKind};
use crate::store;
use rusqlite::{Connection, Transaction};

/// How the change path reaches the stored records of one kind.
pub(crate) trait StoredKind {
    const KIND: RecordKind;
    /// What a missing record is called in the message: 调解案件 …
    const NAME: &'static str;
    /// Whether the audit copy of a record names its number (案号, 申请编号). A subject's code is not
    /// named there: its audit entries keep the form they always had.
    const NUMBER_IN_AUDIT: bool = true;
    /// A live record and its body.
    fn get(conn: &Connection, id: &str) -> Result<Option<(RecordHeader, String)>>;
    /// Marks the record deleted under the header of its last version (`deleted.version`).
    fn tombstone(tx: &Transaction<'_>, deleted: &RecordHeader, at: &str) -> Result<()>;
}

/// A kind whose store module reads a live record by id and tombstones it.
macro_rules! stored_kind {
    ($(#[$doc:meta])* $name:ident: $kind:ident, $label:literal, $get:path, $tombstone:path $(, number_in_audit: $in_audit:literal)?) => {
        $(#[$doc])*
        pub(crate) struct $name;

        impl StoredKind for $name {
            const KIND: RecordKind = RecordKind::$kind;
            const NAME: &'static str = $label;
            $(const NUMBER_IN_AUDIT: bool = $in_audit;)?
            fn get(conn: &Connection, id: &str) -> Result<Option<(RecordHeader, String)>> {
                $get(conn, id)
            }
            fn tombstone(tx: &Transaction<'_>, deleted: &RecordHeader, at: &str) -> Result<()> {
                $tombstone(tx, deleted, at)
            }
        }
    };
}

stored_kind!(MediationCases: MediationCase, "调解案件", store::mediation::get, store::mediation::tombstone);
stored_kind!(Consultations: LegalAidConsultation, "咨询登记", store::legal_aid::consultation_get, store::legal_aid::consultation_tombstone);
stored_kind!(Applications: LegalAidApplication, "法律援助申请", store::legal_aid::application_get, store::legal_aid::application_tombstone);
stored_kind!(
    /// Deleting a subject deletes its events with it.
    CorrectionSubjects: CorrectionSubject, "矫正对象", store::correction::subject_record, store::correction::subject_tombstone,
    number_in_audit: false
);
stored_kind!(CorrectionEvents: CorrectionEvent, "矫正事项", store::correction::event_get, store::correction::event_tombstone);

/// A person may change records unless their account is read-only; the command line may.
pub(crate) fn require_writer(actor: Actor<'_>) -> Result<()> {
    match actor.user() {
        Some(u) if !u.can_write_records() => Err(Error::Forbidden),
        _ => Ok(()),
    }
}

/// The audit entry of a change of a record of kind `K`: its copy before and after (number,
/// version, body).
fn record_change<'a, K: StoredKind>(action: &'a str, id: &'a str, before: Option<(&RecordHeader, &str)>, after: Option<(&RecordHeader, &str)>) -> Change<'a> {
    let copy = |(h, body): (&RecordHeader, &str)| audit_record(if K::NUMBER_IN_AUDIT { &h.number } else { "" }, h.version, body);
    Change { action, record_kind: K::KIND.code(), record_id: Some(id), before: before.map(copy), after: after.map(copy) }
}

/// Most characters a reason for changing a closed record may have.
const AMEND_REASON_MAX: usize = 200;

/// The reason a change of a record gives: required, and kept in the audit, when the stored record
/// is closed (结案); not asked for otherwise. A closed record stays as it was closed unless someone
/// says why it must change.
pub(crate) fn amend_reason(closed: bool, reason: Option<&str>) -> Result<Option<String>> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    match (closed, reason) {
        (false, _) => Ok(None),
        (true, None) => Err(Error::field("amendReason", "validation.amend_reason", "该记录已结案，修改前请填写修改原因")),
        (true, Some(r)) if r.chars().count() > AMEND_REASON_MAX => Err(Error::field(
            "amendReason",
            "validation.too_long",
            format!("修改原因不能超过{AMEND_REASON_MAX}个字（当前{}个字）", r.chars().count()),
        )),
        (true, Some(r)) => Ok(Some(r.to_string())),
    }
}

impl Desk {
    /// The stored record the user edited: refused when it is gone, or when someone saved a newer
    /// version meanwhile (their work is never overwritten).
    pub(crate) fn edited<K: StoredKind>(&self, id: &str, version: i64) -> Result<(RecordHeader, String)> {
        let (h, body) = K::get(self.store.conn(), id)?.ok_or(Error::NotFound { what: K::NAME })?;
        if h.version != version {
            return Err(Error::VersionConflict { current: h.version });
        }
        Ok((h, body))
    }

    /// Stores a new record: `insert` writes `body` under the header it is given (version 1, made
    /// by `actor` now; it fills in the number where the kind has one, and the row id) and answers
    /// that header.
    pub(crate) fn create_record<K: StoredKind>(
        &mut self,
        actor: Actor<'_>,
        office_code: &str,
        body: &str,
        insert: impl FnOnce(&Transaction<'_>, RecordHeader) -> Result<RecordHeader>,
    ) -> Result<RecordHeader> {
        require_writer(actor)?;
        let now = self.now();
        self.store.write(|tx| {
            let h = insert(tx, RecordHeader::new(office_code, actor.username(), &now))?;
            store::audit::append(tx, actor, &now, record_change::<K>("create", &h.id, None, Some((&h, body))))?;
            Ok(h)
        })
    }

    /// Stores the next version of `old`: `write` stores `body` under the new header, inside the
    /// transaction that also writes the audit entry. `old` comes from `edited`; `amend_reason`
    /// from `amend_reason` (a closed record's change is audited as 修改已结案记录, with its reason).
    pub(crate) fn update_record<K: StoredKind>(
        &mut self,
        actor: Actor<'_>,
        old: &RecordHeader,
        old_body: &str,
        body: &str,
        amend_reason: Option<&str>,
        write: impl FnOnce(&Transaction<'_>, &RecordHeader) -> Result<()>,
    ) -> Result<RecordHeader> {
        require_writer(actor)?;
        let now = self.now();
        let h = old.next_version(&now, actor.username());
        let mut change = record_change::<K>(if amend_reason.is_some() { "amend" } else { "update" }, &h.id, Some((old, old_body)), Some((&h, body)));
        if let (Some(reason), Some(after)) = (amend_reason, change.after.as_mut()) {
            // {"caseNo"…, "version"…, "record"…} gains the reason beside the record.
            after.insert_str(1, &format!("\"amendReason\":{},", serde_json::Value::String(reason.to_string())));
        }
        self.store.write(|tx| {
            write(tx, &h)?;
            store::audit::append(tx, actor, &now, change)?;
            Ok(())
        })?;
        Ok(h)
    }

    /// Deletes the record the user saw at `version`: a tombstone one version up, audited. Answers
    /// the record as it was.
    pub(crate) fn delete_record<K: StoredKind>(&mut self, actor: Actor<'_>, id: &str, version: i64) -> Result<RecordHeader> {
        require_writer(actor)?;
        let (h, body) = self.edited::<K>(id, version)?;
        let now = self.now();
        let deleted = h.next_version(&now, actor.username());
        self.store.write(|tx| {
            K::tombstone(tx, &deleted, &now)?;
            store::audit::append(tx, actor, &now, record_change::<K>("delete", id, Some((&h, &body)), None))?;
            Ok(())
        })?;
        Ok(h)
    }
}
