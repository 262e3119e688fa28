//! The desk's legal-aid entry points: consultations and applications, each change audited in its
//! own transaction, clocks computed with the office's holiday calendar.

use super::{clean, corrupt, filter_dates, page_window, require_writer, search_terms, to_json, COUNT_CAP, COUNT_CAP_TEXT, Desk};
use crate::accounts::User;
use crate::audit::Change;
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::legal_aid::{
    self, Consultation, ConsultationFilter, ConsultationInput, LegalAidApplication, LegalAidFilter, LegalAidInput,
    LegalAidListItem,
};
use crate::page::Page;
use crate::office::Office;
use crate::record::{Actor, RecordHeader, RecordKind};
use crate::store;
use super::change::{Applications, Consultations, StoredKind};
use chrono::NaiveDate;


/// Validates an application and computes its stored due date with `cal`.
fn check_application(input: &mut LegalAidInput, cal: &Calendar, today: NaiveDate) -> Result<legal_aid::LegalAidFacts> {
    let mut facts = legal_aid::validate(input, today)?;
    facts.due_on = legal_aid::running_due_on(input, cal, today);
    Ok(facts)
}

/// Inserts a new application with the next number of its office and year, inside `tx`.
pub(super) fn insert_application(
    tx: &rusqlite::Transaction<'_>,
    office: &Office,
    mut meta: RecordHeader,
    input: &LegalAidInput,
    facts: &legal_aid::LegalAidFacts,
) -> Result<RecordHeader> {
    meta.year = legal_aid::application_year(facts.received_on);
    meta.seq = store::office::next_sequence(tx, &office.code, legal_aid::APPLICATION_NO_KIND, meta.year)?;
    meta.number = legal_aid::format_application_no(meta.year, &office.short_name, meta.seq);
    let body = to_json(input);
    meta.rid = store::legal_aid::application_insert(tx, &store::legal_aid::ApplicationRow { meta: &meta, input, facts, body: &body })?;
    Ok(meta)
}

pub(super) fn insert_consultation(
    tx: &rusqlite::Transaction<'_>,
    mut meta: RecordHeader,
    input: &ConsultationInput,
    facts: &legal_aid::ConsultationFacts,
) -> Result<RecordHeader> {
    meta.rid = store::legal_aid::consultation_insert(tx, &meta, input, facts, &to_json(input))?;
    Ok(meta)
}

/// Recomputes the stored due dates of applications after the holiday calendar changed (inside
/// the change's transaction, so lists and 工作台 never disagree with the calendar).
pub(super) fn recompute_due_dates(tx: &rusqlite::Transaction<'_>, today: NaiveDate) -> Result<()> {
    let cal = Calendar::new(store::holidays::all(tx)?.into_iter().map(|(d, k, _)| (d, k)));
    for (rid, body) in store::legal_aid::applications_with_clocks(tx)? {
        // An unreadable record is reported when it is opened; it must not block the calendar.
        if let Ok(input) = serde_json::from_str::<LegalAidInput>(&body) {
            store::legal_aid::set_due_on(tx, rid, legal_aid::running_due_on(&input, &cal, today))?;
        }
    }
    Ok(())
}

const TIME_LIMITS_SETTING: &str = "time_limits_fingerprint";

/// After an upgrade that changed a time limit, stored due dates are recomputed once.
pub(super) fn refresh_due_dates_if_rules_changed(store: &mut store::Store, today: NaiveDate) -> Result<()> {
    let now = crate::codes::time_limits_fingerprint();
    if store::settings::get(store.conn(), TIME_LIMITS_SETTING)?.as_deref() == Some(now.as_str()) {
        return Ok(());
    }
    store.write(|tx| {
        recompute_due_dates(tx, today)?;
        store::settings::put(tx, TIME_LIMITS_SETTING, &now)
    })
}

impl Desk {
    // ── Consultations ───────────────────────────────────────────────────────────────────────────

    fn to_consultation(meta: RecordHeader, body: &str) -> Result<Consultation> {
        let input: ConsultationInput = serde_json::from_str(body).map_err(|e| corrupt("咨询登记", e))?;
        Ok(Consultation {
            input,
            id: meta.id,
            office_code: meta.office_code,
            version: meta.version,
            created_at: meta.created_at,
            updated_at: meta.updated_at,
            created_by: meta.created_by,
            updated_by: meta.updated_by,
        })
    }

    pub fn consultation_list(&self, f: &ConsultationFilter) -> Result<Page<Consultation>> {
        let (from, to) = filter_dates(("from", "咨询日期起", &f.from), ("to", "咨询日期止", &f.to))?;
        let terms = search_terms(&f.query, "搜索内容每个词至少两个字")?;
        let (limit, offset) = page_window(f.page, f.page_size);
        let q = store::legal_aid::ConsultationQuery {
            count_cap: if terms.is_empty() { COUNT_CAP } else { COUNT_CAP_TEXT },
            terms,
            channel: clean(&f.channel),
            matter: clean(&f.matter),
            from,
            to,
            limit,
            offset,
        };
        let p = store::legal_aid::consultation_list(self.store.conn(), &q)?;
        let items = p.items.into_iter().map(|(m, b)| Self::to_consultation(m, &b)).collect::<Result<Vec<_>>>()?;
        Ok(Page { items, total: p.total, total_capped: p.total_capped })
    }

    pub fn consultation_get(&self, id: &str) -> Result<Consultation> {
        let (meta, body) = Consultations::get(self.store.conn(), id)?.ok_or(Error::NotFound { what: Consultations::NAME })?;
        Self::to_consultation(meta, &body)
    }

    pub fn consultation_create(&mut self, actor: &User, mut input: ConsultationInput) -> Result<Consultation> {
        require_writer(actor)?;
        let office = self.require_office()?;
        let facts = legal_aid::validate_consultation(&mut input, self.today())?;
        let body = to_json(&input);
        let h = self.create_record::<Consultations>(Actor::User(actor), &office.code, &body, |tx, h| insert_consultation(tx, h, &input, &facts))?;
        Self::to_consultation(h, &body)
    }

    pub fn consultation_update(&mut self, actor: &User, id: &str, version: i64, mut input: ConsultationInput) -> Result<Consultation> {
        require_writer(actor)?;
        let (old_h, old_body) = self.edited::<Consultations>(id, version)?;
        let facts = legal_aid::validate_consultation(&mut input, self.today())?;
        let old: ConsultationInput = serde_json::from_str(&old_body).map_err(|e| corrupt("咨询登记", e))?;
        if old == input {
            return Self::to_consultation(old_h, &old_body);
        }
        let body = to_json(&input);
        let h = self.update_record::<Consultations>(Actor::User(actor), &old_h, &old_body, &body, None, |tx, h| {
            store::legal_aid::consultation_update(tx, h, &input, &facts, &body)
        })?;
        Self::to_consultation(h, &body)
    }

    pub fn consultation_delete(&mut self, actor: &User, id: &str, version: i64) -> Result<()> {
        self.delete_record::<Consultations>(Actor::User(actor), id, version).map(|_| ())
    }

    // ── Applications ────────────────────────────────────────────────────────────────────────────

    fn to_application(&self, meta: RecordHeader, body: &str, cal: &Calendar) -> Result<LegalAidApplication> {
        let input: LegalAidInput = serde_json::from_str(body).map_err(|e| corrupt(&format!("申请{}", meta.number), e))?;
        let today = self.today();
        Ok(LegalAidApplication {
            deadlines: legal_aid::deadlines(&input, cal, today),
            clocks: legal_aid::clocks(&input, cal, today),
            closed: legal_aid::is_closed(&input.state),
            input,
            id: meta.id,
            office_code: meta.office_code,
            application_no: meta.number,
            version: meta.version,
            created_at: meta.created_at,
            updated_at: meta.updated_at,
            created_by: meta.created_by,
            updated_by: meta.updated_by,
        })
    }

    pub fn legal_aid_get(&self, id: &str) -> Result<LegalAidApplication> {
        let (meta, body) = Applications::get(self.store.conn(), id)?.ok_or(Error::NotFound { what: Applications::NAME })?;
        self.to_application(meta, &body, &self.calendar()?)
    }

    /// The states an application may be saved in (see `legal_aid::allowed_states`).
    pub fn legal_aid_states(&self, from: Option<&str>, channel: &str) -> Vec<legal_aid::LegalAidState> {
        legal_aid::allowed_states(from, channel)
    }

    pub fn legal_aid_create(&mut self, actor: &User, mut input: LegalAidInput) -> Result<LegalAidApplication> {
        require_writer(actor)?;
        let office = self.require_office()?;
        let cal = self.calendar()?;
        let facts = check_application(&mut input, &cal, self.today())?;
        let body = to_json(&input);
        let h = self.create_record::<Applications>(Actor::User(actor), &office.code, &body, |tx, h| insert_application(tx, &office, h, &input, &facts))?;
        self.to_application(h, &body, &cal)
    }

    /// Saves a new version; refused when someone saved in between, when the state moves backward,
    /// or when the year of receipt no longer matches the number.
    pub fn legal_aid_update(&mut self, actor: &User, id: &str, version: i64, input: LegalAidInput) -> Result<LegalAidApplication> {
        self.legal_aid_save(actor, id, version, input, None)
    }

    /// Changes a closed record (结案): only with a reason, which the audit keeps. Works as
    /// `legal_aid_update` for a record that is not closed (the reason is then not needed nor kept).
    pub fn legal_aid_amend(&mut self, actor: &User, id: &str, version: i64, input: LegalAidInput, reason: &str) -> Result<LegalAidApplication> {
        self.legal_aid_save(actor, id, version, input, Some(reason))
    }

    fn legal_aid_save(&mut self, actor: &User, id: &str, version: i64, mut input: LegalAidInput, reason: Option<&str>) -> Result<LegalAidApplication> {
        require_writer(actor)?;
        let (old_meta, old_body) = self.edited::<Applications>(id, version)?;
        let old: LegalAidInput = serde_json::from_str(&old_body).map_err(|e| corrupt("法律援助申请", e))?;
        // The move is checked first: fields of a later step are meaningless if the move is refused.
        let to = input.state.trim().to_string();
        if crate::codes::is_code("laState", &to) && !legal_aid::can_move(&old.state, &to) {
            let label = |s: &str| crate::codes::label("laState", s).unwrap_or("未知").to_string();
            return Err(Error::field(
                "state",
                "validation.state_transition",
                format!("办理状态不能从“{}”改为“{}”", label(&old.state), label(&to)),
            ));
        }
        let cal = self.calendar()?;
        let facts = check_application(&mut input, &cal, self.today())?;
        if old.aid_channel != input.aid_channel && (old.aid_channel == "notified" || input.aid_channel == "notified") {
            return Err(Error::field("aidChannel", "validation.channel_change", "申请类型不能在通知辩护(代理)与其他类型之间更改，请删除后重新登记"));
        }
        if legal_aid::application_year(facts.received_on) != old_meta.year {
            return Err(Error::field(
                "receivedOn",
                "validation.case_year",
                format!("接收日期的年份须与申请编号的年份（{}年）一致", old_meta.year),
            ));
        }
        if input == old {
            return self.to_application(old_meta, &old_body, &cal);
        }
        let amend_reason = super::change::amend_reason(crate::legal_aid::is_closed(old.state.as_str()), reason)?;
        let body = to_json(&input);
        let h = self.update_record::<Applications>(Actor::User(actor), &old_meta, &old_body, &body, amend_reason.as_deref(), |tx, h| {
            store::legal_aid::application_update(tx, &store::legal_aid::ApplicationRow { meta: h, input: &input, facts: &facts, body: &body })
        })?;
        self.to_application(h, &body, &cal)
    }

    pub fn legal_aid_delete(&mut self, actor: &User, id: &str, version: i64) -> Result<()> {
        self.delete_record::<Applications>(Actor::User(actor), id, version).map(|_| ())
    }

    pub fn legal_aid_list(&self, f: &LegalAidFilter) -> Result<Page<LegalAidListItem>> {
        let (received_from, received_to) =
            filter_dates(("receivedFrom", "接收日期起", &f.received_from), ("receivedTo", "接收日期止", &f.received_to))?;
        let terms = search_terms(&f.query, "搜索内容每个词至少两个字")?;
        let (limit, offset) = page_window(f.page, f.page_size);
        let today = self.today();
        let q = store::legal_aid::ApplicationQuery {
            count_cap: if terms.is_empty() { COUNT_CAP } else { COUNT_CAP_TEXT },
            terms,
            state: clean(&f.state),
            case_nature: clean(&f.case_nature),
            matter: clean(&f.matter),
            group: clean(&f.group),
            received_from,
            received_to,
            overdue_before: f.overdue_only.then(|| today.to_string()),
            limit,
            offset,
        };
        let cal = self.calendar()?;
        let p = store::legal_aid::application_list(self.store.conn(), &q)?;
        let items = p
            .items
            .into_iter()
            .map(|(mut item, body)| {
                if let Ok(input) = serde_json::from_str::<LegalAidInput>(&body) {
                    item.deadline = legal_aid::deadlines(&input, &cal, today).into_iter().next();
                }
                item
            })
            .collect();
        Ok(Page { items, total: p.total, total_capped: p.total_capped })
    }
}

impl Desk {
    /// Bulk insert of generated legal-aid records (one transaction, one audit entry). Refused on a
    /// database that holds records entered by people, as for mediation.
    pub fn import_generated_legal_aid(&mut self, consultations: Vec<ConsultationInput>, applications: Vec<LegalAidInput>) -> Result<(usize, usize)> {
        let office = self.require_office()?;
        self.refuse_demo_on_real_data()?;
        let now = self.now();
        let today = self.today();
        let cal = self.calendar()?;
        let actor = User::system();
        let counts = (consultations.len(), applications.len());
        self.store.write(|tx| {
            for mut c in consultations {
                let facts = legal_aid::validate_consultation(&mut c, today)?;
                insert_consultation(tx, RecordHeader::new(&office.code, &actor.username, &now), &c, &facts)?;
            }
            for mut a in applications {
                let facts = check_application(&mut a, &cal, today)?;
                insert_application(tx, &office, RecordHeader::new(&office.code, &actor.username, &now), &a, &facts)?;
            }
            store::audit::append(tx, Actor::User(&actor), &now, Change {
                action: "demo.generate",
                record_kind: RecordKind::LegalAidApplication.code(),
                record_id: None,
                before: None,
                after: Some(format!("{{\"consultations\":{},\"applications\":{}}}", counts.0, counts.1)),
            })?;
            Ok(())
        })?;
        Ok(counts)
    }
}
