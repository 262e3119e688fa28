//! The desk's 人民调解 entry points: the register of cases, each change through the one versioned
//! change path (`change.rs`), the case number given once and never reused.

use super::change::{MediationCases, StoredKind};
use super::{clean, filter_dates, page_window, require_writer, search_terms, to_json, COUNT_CAP, COUNT_CAP_TEXT, Desk};
use crate::accounts::User;
use crate::audit::Change;
use crate::error::{Error, Result};
use crate::mediation::{self, MediationCase, MediationCaseInput, MediationFilter, MediationListItem};
use crate::office::Office;
use crate::page::Page;
use crate::record::{Actor, RecordHeader, RecordKind};
use crate::store;

/// `h` numbered with the next case number of its office and year (inside `tx`).
fn numbered(tx: &rusqlite::Transaction<'_>, office: &Office, year: i32, mut h: RecordHeader) -> Result<RecordHeader> {
    h.seq = store::office::next_sequence(tx, &office.code, mediation::CASE_NO_KIND, year)?;
    h.year = year;
    h.number = mediation::format_case_no(year, &office.short_name, h.seq);
    Ok(h)
}

fn parse_case(h: &RecordHeader, body: &str) -> Result<MediationCaseInput> {
    serde_json::from_str(body).map_err(|e| Error::Corrupt { detail: format!("案件{}的内容无法读取：{e}", h.number) })
}

impl Desk {
    fn to_case(&self, h: RecordHeader, input: MediationCaseInput) -> MediationCase {
        let deadlines = mediation::deadlines(&input, self.today());
        MediationCase {
            closed: mediation::is_closed(&input.state),
            input,
            id: h.id,
            office_code: h.office_code,
            case_no: h.number,
            version: h.version,
            created_at: h.created_at,
            updated_at: h.updated_at,
            created_by: h.created_by,
            updated_by: h.updated_by,
            deadlines,
        }
    }

    pub fn mediation_get(&self, id: &str) -> Result<MediationCase> {
        let (h, body) = MediationCases::get(self.store.conn(), id)?.ok_or(Error::NotFound { what: MediationCases::NAME })?;
        let input = parse_case(&h, &body)?;
        Ok(self.to_case(h, input))
    }

    /// Registers a new case; the case number is assigned here and never reused.
    pub fn mediation_create(&mut self, actor: &User, mut input: MediationCaseInput) -> Result<MediationCase> {
        require_writer(actor)?;
        let office = self.require_office()?;
        let facts = mediation::validate(&mut input, self.today())?;
        let year = mediation::case_year(facts.accepted_on);
        let body = to_json(&input);
        let h = self.create_record::<MediationCases>(Actor::User(actor), &office.code, &body, |tx, h| {
            let mut h = numbered(tx, &office, year, h)?;
            h.rid = store::mediation::insert(tx, &store::mediation::CaseRow { meta: &h, input: &input, facts: &facts, body: &body })?;
            Ok(h)
        })?;
        Ok(self.to_case(h, input))
    }

    /// Saves a new version of a case. `version` is the version the user edited; if someone
    /// saved in between, the save is refused rather than overwriting their work.
    pub fn mediation_update(&mut self, actor: &User, id: &str, version: i64, input: MediationCaseInput) -> Result<MediationCase> {
        self.mediation_save(actor, id, version, input, None)
    }

    /// Changes a closed record (结案): only with a reason, which the audit keeps. Works as
    /// `mediation_update` for a record that is not closed (the reason is then not needed nor kept).
    pub fn mediation_amend(&mut self, actor: &User, id: &str, version: i64, input: MediationCaseInput, reason: &str) -> Result<MediationCase> {
        self.mediation_save(actor, id, version, input, Some(reason))
    }

    fn mediation_save(&mut self, actor: &User, id: &str, version: i64, mut input: MediationCaseInput, reason: Option<&str>) -> Result<MediationCase> {
        require_writer(actor)?;
        let (old_h, old_body) = self.edited::<MediationCases>(id, version)?;
        let old = parse_case(&old_h, &old_body)?;
        let facts = mediation::validate(&mut input, self.today())?;
        if !mediation::can_move(&old.state, &input.state) {
            let label = |s: &str| crate::codes::label("mediationState", s).unwrap_or("未知").to_string();
            return Err(Error::field(
                "state",
                "validation.state_transition",
                format!("案件状态不能从“{}”改为“{}”", label(&old.state), label(&input.state)),
            ));
        }
        if mediation::case_year(facts.accepted_on) != old_h.year {
            return Err(Error::field(
                "acceptedOn",
                "validation.case_year",
                format!("受理日期的年份须与案件编号的年份（{}年）一致", old_h.year),
            ));
        }
        if input == old {
            return Ok(self.to_case(old_h, old));
        }
        let amend_reason = super::change::amend_reason(crate::mediation::is_closed(old.state.as_str()), reason)?;
        let body = to_json(&input);
        let h = self.update_record::<MediationCases>(Actor::User(actor), &old_h, &old_body, &body, amend_reason.as_deref(), |tx, h| {
            store::mediation::update(tx, &store::mediation::CaseRow { meta: h, input: &input, facts: &facts, body: &body })
        })?;
        Ok(self.to_case(h, input))
    }

    /// Tombstones a case: it leaves the lists, keeps its number, and the deletion is audited.
    pub fn mediation_delete(&mut self, actor: &User, id: &str, version: i64) -> Result<()> {
        self.delete_record::<MediationCases>(Actor::User(actor), id, version).map(|_| ())
    }

    pub fn mediation_list(&self, filter: &MediationFilter) -> Result<Page<MediationListItem>> {
        let q = self.list_query(filter)?;
        let page = store::mediation::list(self.store.conn(), &q)?;
        let today = self.today();
        let items = page
            .items
            .into_iter()
            .map(|(mut item, body)| {
                if let Ok(input) = serde_json::from_str::<MediationCaseInput>(&body) {
                    item.deadline = mediation::deadlines(&input, today).into_iter().next();
                }
                item
            })
            .collect();
        Ok(Page { items, total: page.total, total_capped: page.total_capped })
    }

    fn list_query(&self, f: &MediationFilter) -> Result<store::mediation::ListQuery> {
        let (accepted_from, accepted_to) =
            filter_dates(("acceptedFrom", "受理日期起", &f.accepted_from), ("acceptedTo", "受理日期止", &f.accepted_to))?;
        let terms = search_terms(&f.query, "搜索内容每个词至少两个字")?;
        let (limit, offset) = page_window(f.page, f.page_size);
        let terms_present = !terms.is_empty() || clean(&f.mediator).is_some();
        Ok(store::mediation::ListQuery {
            terms,
            state: clean(&f.state),
            dispute_type: clean(&f.dispute_type),
            accepted_from,
            accepted_to,
            mediator: clean(&f.mediator),
            overdue_before: f.overdue_only.then(|| self.today().to_string()),
            limit,
            offset,
            count_cap: if terms_present { COUNT_CAP_TEXT } else { COUNT_CAP },
        })
    }

    /// Bulk insert used by the demo generator: one transaction per call, one audit entry for it.
    /// Refused on a database that holds cases entered by people, so demo data never mixes with
    /// real records.
    pub fn import_generated(&mut self, cases: Vec<MediationCaseInput>, what: &str) -> Result<usize> {
        let office = self.require_office()?;
        self.refuse_demo_on_real_data()?;
        let now = self.now();
        let today = self.today();
        let actor = User::system();
        let n = cases.len();
        self.store.write(|tx| {
            for mut input in cases {
                let facts = mediation::validate(&mut input, today)?;
                let year = mediation::case_year(facts.accepted_on);
                let meta = numbered(tx, &office, year, RecordHeader::new(&office.code, &actor.username, &now))?;
                let body = to_json(&input);
                store::mediation::insert(tx, &store::mediation::CaseRow { meta: &meta, input: &input, facts: &facts, body: &body })?;
            }
            store::audit::append(tx, Actor::User(&actor), &now, Change {
                action: "demo.generate",
                record_kind: RecordKind::MediationCase.code(),
                record_id: None,
                before: None,
                after: Some(format!("{{\"count\":{n},\"what\":{}}}", serde_json::Value::String(what.into()))),
            })?;
            Ok(())
        })?;
        Ok(n)
    }
}
