//! The desk's community-correction entry points: subjects, their events, the supervision levels
//! and 今日任务. Each change is audited in its own transaction.

use super::{audit_record, clean, corrupt, page_window, require_head, require_writer, search_terms, to_json, Desk, COUNT_CAP, COUNT_CAP_TEXT};
use crate::accounts::User;
use crate::audit::Change;
use crate::calendar::Calendar;
use crate::correction::{
    self, CorrectionEvent, CorrectionEventInput, CorrectionFilter, CorrectionListItem, CorrectionSubject, CorrectionSubjectInput,
    CorrectionTask, CorrectionToday, SupervisionLevel,
};
use crate::error::{Error, Result};
use crate::page::Page;
use crate::record::{Actor, RecordHeader, RecordKind};
use crate::store;
use super::change::{CorrectionEvents, CorrectionSubjects};
use std::collections::HashMap;


fn parse_subject(body: &str) -> Result<CorrectionSubjectInput> {
    serde_json::from_str(body).map_err(|e| corrupt("矫正对象", e))
}

fn parse_event(body: &str) -> Result<CorrectionEventInput> {
    serde_json::from_str(body).map_err(|e| corrupt("矫正事项", e))
}

fn duplicate_code(code: &str) -> Error {
    Error::field("subjectCode", "validation.duplicate", format!("对象编号“{code}”已被本所另一名矫正对象使用"))
}

/// Inserts a new subject under `meta` (its number is the subject code) inside `tx`.
fn insert_subject(
    tx: &rusqlite::Transaction<'_>,
    mut meta: RecordHeader,
    input: &CorrectionSubjectInput,
    facts: &correction::SubjectFacts,
) -> Result<RecordHeader> {
    if store::correction::code_taken(tx, &meta.office_code, &input.subject_code, "")? {
        return Err(duplicate_code(&input.subject_code));
    }
    meta.number = input.subject_code.clone();
    let body = to_json(input);
    meta.rid = store::correction::subject_insert(tx, &store::correction::SubjectRow { meta: &meta, input, facts, body: &body })?;
    Ok(meta)
}

/// Inserts a new event of the subject `subject_id` under `meta` inside `tx`.
fn insert_event(tx: &rusqlite::Transaction<'_>, mut meta: RecordHeader, subject_id: &str, input: &CorrectionEventInput) -> Result<RecordHeader> {
    meta.parent_id = subject_id.to_string();
    meta.rid = store::correction::event_insert(tx, &meta, &input.kind, &input.event_on, &to_json(input))?;
    Ok(meta)
}

impl Desk {
    pub fn supervision_levels(&self) -> Result<Vec<SupervisionLevel>> {
        store::correction::levels(self.store.conn())
    }

    /// Changes the cadence of a level (office head only; audited). What is due follows at once.
    pub fn supervision_level_set(&mut self, actor: &User, mut level: SupervisionLevel) -> Result<SupervisionLevel> {
        require_head(actor)?;
        correction::validate_level(&mut level)?;
        let before = self.supervision_levels()?.into_iter().find(|l| l.code == level.code).ok_or(Error::NotFound { what: "管理等级" })?;
        if before == level {
            return Ok(level);
        }
        let now = self.now();
        self.store.write(|tx| {
            store::correction::level_update(tx, &level)?;
            store::audit::append(tx, Actor::User(actor), &now, Change {
                action: "supervision_level.set",
                record_kind: "correction_level",
                record_id: Some(&level.code),
                before: Some(to_json(&before)),
                after: Some(to_json(&level)),
            })
        })?;
        Ok(level)
    }

    fn subject_events(&self, id: &str) -> Result<Vec<(RecordHeader, CorrectionEventInput)>> {
        store::correction::events_of(self.store.conn(), &[id])?.into_iter().map(|(m, b)| Ok((m, parse_event(&b)?))).collect()
    }

    fn to_subject(&self, meta: RecordHeader, input: CorrectionSubjectInput, is_minor: bool, cal: &Calendar) -> Result<CorrectionSubject> {
        let levels = self.supervision_levels()?;
        let events = self.subject_events(&meta.id)?;
        let inputs: Vec<CorrectionEventInput> = events.iter().map(|(_, e)| e.clone()).collect();
        let supervision = correction::supervision(&input, &inputs, &levels, cal, self.today());
        let lateness = correction::report_lateness(&input, &inputs, &levels);
        let mut taken = vec![false; lateness.len()];
        let events = events
            .into_iter()
            .map(|(m, e)| {
                // Reports are matched to their due dates by date (several on one day share it).
                let late_days = (e.kind == "report")
                    .then(|| {
                        let on = crate::validate::parse_date(&e.event_on).ok()?;
                        let k = lateness.iter().enumerate().position(|(k, (d, _))| *d == on && !taken[k])?;
                        taken[k] = true;
                        Some(lateness[k].1)
                    })
                    .flatten();
                CorrectionEvent {
                    input: e,
                    id: m.id,
                    subject_id: m.parent_id,
                    version: m.version,
                    created_at: m.created_at,
                    updated_at: m.updated_at,
                    created_by: m.created_by,
                    updated_by: m.updated_by,
                    late_days,
                }
            })
            .collect();
        Ok(CorrectionSubject {
            closed: correction::is_closed(&input.state),
            input,
            id: meta.id,
            office_code: meta.office_code,
            is_minor,
            version: meta.version,
            created_at: meta.created_at,
            updated_at: meta.updated_at,
            created_by: meta.created_by,
            updated_by: meta.updated_by,
            supervision,
            events,
        })
    }

    fn load_subject(&self, id: &str) -> Result<(RecordHeader, String, bool)> {
        store::correction::subject_get(self.store.conn(), id)?.ok_or(Error::NotFound { what: "矫正对象" })
    }

    pub fn correction_get(&self, id: &str) -> Result<CorrectionSubject> {
        let (meta, body, is_minor) = self.load_subject(id)?;
        self.to_subject(meta, parse_subject(&body)?, is_minor, &self.calendar()?)
    }

    pub fn correction_states(&self, from: Option<&str>) -> Vec<correction::CorrectionState> {
        correction::allowed_states(from)
    }

    pub fn correction_create(&mut self, actor: &User, mut input: CorrectionSubjectInput) -> Result<CorrectionSubject> {
        require_writer(actor)?;
        let office = self.require_office()?;
        let facts = correction::validate_subject(&mut input, self.today())?;
        let body = to_json(&input);
        let h = self.create_record::<CorrectionSubjects>(Actor::User(actor), &office.code, &body, |tx, h| insert_subject(tx, h, &input, &facts))?;
        self.to_subject(h, input, facts.is_minor, &self.calendar()?)
    }

    /// Saves a new version; refused when someone saved in between or the state moves backward.
    pub fn correction_update(&mut self, actor: &User, id: &str, version: i64, input: CorrectionSubjectInput) -> Result<CorrectionSubject> {
        self.correction_save(actor, id, version, input, None)
    }

    /// Changes a closed record (结案): only with a reason, which the audit keeps. Works as
    /// `correction_update` for a record that is not closed (the reason is then not needed nor kept).
    pub fn correction_amend(&mut self, actor: &User, id: &str, version: i64, input: CorrectionSubjectInput, reason: &str) -> Result<CorrectionSubject> {
        self.correction_save(actor, id, version, input, Some(reason))
    }

    fn correction_save(&mut self, actor: &User, id: &str, version: i64, mut input: CorrectionSubjectInput, reason: Option<&str>) -> Result<CorrectionSubject> {
        require_writer(actor)?;
        let (old_meta, old_body) = self.edited::<CorrectionSubjects>(id, version)?;
        let old_minor = self.load_subject(id)?.2;
        let old = parse_subject(&old_body)?;
        let to = input.state.trim().to_string();
        if crate::codes::is_code("corrState", &to) && !correction::can_move(&old.state, &to) {
            let label = |s: &str| crate::codes::label("corrState", s).unwrap_or("未知").to_string();
            return Err(Error::field(
                "state",
                "validation.state_transition",
                format!("矫正状态不能从“{}”改为“{}”", label(&old.state), label(&to)),
            ));
        }
        let facts = correction::validate_subject(&mut input, self.today())?;
        let events: Vec<CorrectionEventInput> = self.subject_events(id)?.into_iter().map(|(_, e)| e).collect();
        correction::fits_events(&input, &events)?;
        let cal = self.calendar()?;
        if input == old {
            return self.to_subject(old_meta, old, old_minor, &cal);
        }
        if store::correction::code_taken(self.store.conn(), &old_meta.office_code, &input.subject_code, id)? {
            return Err(duplicate_code(&input.subject_code));
        }
        let amend_reason = super::change::amend_reason(crate::correction::is_closed(old.state.as_str()), reason)?;
        let body = to_json(&input);
        let h = self.update_record::<CorrectionSubjects>(Actor::User(actor), &old_meta, &old_body, &body, amend_reason.as_deref(), |tx, h| {
            store::correction::subject_update(tx, &store::correction::SubjectRow { meta: h, input: &input, facts: &facts, body: &body })
        })?;
        self.to_subject(h, input, facts.is_minor, &cal)
    }

    /// Tombstones a subject with its events; audited.
    pub fn correction_delete(&mut self, actor: &User, id: &str, version: i64) -> Result<()> {
        self.delete_record::<CorrectionSubjects>(Actor::User(actor), id, version).map(|_| ())
    }

    /// The subject an event belongs to, with its other live events (for the leave rules).
    fn event_context(&self, subject_id: &str, except: &str) -> Result<(RecordHeader, CorrectionSubjectInput, bool, Vec<CorrectionEventInput>)> {
        let (meta, body, is_minor) = self.load_subject(subject_id)?;
        let subject = parse_subject(&body)?;
        let others = self.subject_events(subject_id)?.into_iter().filter(|(m, _)| m.id != except).map(|(_, e)| e).collect();
        Ok((meta, subject, is_minor, others))
    }

    /// Records an event. A new assessment that names another level moves the subject to it (in
    /// the same transaction, audited as a change of the subject).
    pub fn correction_event_create(&mut self, actor: &User, subject_id: &str, mut input: CorrectionEventInput) -> Result<CorrectionSubject> {
        require_writer(actor)?;
        let (meta, mut subject, is_minor, others) = self.event_context(subject_id, "")?;
        if subject.state == "assessing" {
            return Err(Error::field("kind", "validation.not_applicable", "调查评估阶段的对象尚未接收，不能登记监管事项"));
        }
        // A closed subject changes only with a reason the audit keeps, which an event has no place for.
        let names_other_level = input.kind == "assessment"
            && input.new_level.as_deref().map(str::trim).is_some_and(|l| !l.is_empty() && l != subject.supervision_level);
        if names_other_level && correction::is_closed(&subject.state) {
            return Err(Error::field(
                "newLevel",
                "validation.closed_subject",
                "该对象已解除、终止矫正或已转出，考核不能再调整管理等级；如确需修改，请在对象信息中修改并填写修改原因",
            ));
        }
        correction::validate_event(&mut input, &subject, &others, self.today())?;
        let now = self.now();
        let body = to_json(&input);
        let new_level = input.new_level.clone().filter(|l| input.kind == "assessment" && *l != subject.supervision_level);
        let mut subject_meta = meta.clone();
        let old_subject_body = to_json(&subject);
        if let Some(l) = &new_level {
            subject.supervision_level = l.clone();
            subject_meta = meta.next_version(&now, &actor.username);
        }
        let today = self.today();
        self.store.write(|tx| {
            let ev = insert_event(tx, RecordHeader::new(&meta.office_code, &actor.username, &now), subject_id, &input)?;
            store::audit::append(tx, Actor::User(actor), &now, Change {
                action: "create",
                record_kind: RecordKind::CorrectionEvent.code(),
                record_id: Some(&ev.id),
                before: None,
                after: Some(audit_record("", ev.version, &body)),
            })?;
            if new_level.is_some() {
                let facts = correction::validate_subject(&mut subject.clone(), today)?;
                let subject_body = to_json(&subject);
                store::correction::subject_update(tx, &store::correction::SubjectRow {
                    meta: &subject_meta,
                    input: &subject,
                    facts: &facts,
                    body: &subject_body,
                })?;
                store::audit::append(tx, Actor::User(actor), &now, Change {
                    action: "update",
                    record_kind: RecordKind::CorrectionSubject.code(),
                    record_id: Some(subject_id),
                    before: Some(audit_record("", meta.version, &old_subject_body)),
                    after: Some(audit_record("", subject_meta.version, &subject_body)),
                })?;
            }
            Ok(())
        })?;
        self.to_subject(subject_meta, subject, is_minor, &self.calendar()?)
    }

    pub fn correction_event_update(&mut self, actor: &User, id: &str, version: i64, mut input: CorrectionEventInput) -> Result<CorrectionSubject> {
        require_writer(actor)?;
        let (old_meta, old_body) = self.edited::<CorrectionEvents>(id, version)?;
        let old = parse_event(&old_body)?;
        if input.kind.trim() != old.kind {
            return Err(Error::field("kind", "validation.kind_change", "事项类别不能更改，请删除后重新登记"));
        }
        // The level change took effect when the assessment was recorded; later edits of the
        // subject's level are made on the subject.
        if old.kind == "assessment" && input.new_level.as_deref().filter(|l| !l.trim().is_empty()) != old.new_level.as_deref() {
            return Err(Error::field("newLevel", "validation.level_change", "调整后的管理等级在登记考核时已生效，不能修改；如需调整请在对象信息中修改管理等级"));
        }
        let (meta, subject, is_minor, others) = self.event_context(&old_meta.parent_id, id)?;
        correction::validate_event(&mut input, &subject, &others, self.today())?;
        if input != old {
            let body = to_json(&input);
            self.update_record::<CorrectionEvents>(Actor::User(actor), &old_meta, &old_body, &body, None, |tx, h| {
                store::correction::event_update(tx, h, &input.event_on, &body)
            })?;
        }
        self.to_subject(meta, subject, is_minor, &self.calendar()?)
    }

    pub fn correction_event_delete(&mut self, actor: &User, id: &str, version: i64) -> Result<CorrectionSubject> {
        let deleted = self.delete_record::<CorrectionEvents>(Actor::User(actor), id, version)?;
        self.correction_get(&deleted.parent_id)
    }

    /// What `correction::supervision` needs of the events of `ids`, by subject: this month's and
    /// last month's events, every leave, sanction and assessment, and the latest of each other
    /// kind (only its date matters).
    fn due_events(&self, ids: &[&str]) -> Result<HashMap<String, Vec<CorrectionEventInput>>> {
        let since = correction::due_events_since(self.today());
        let mut events: HashMap<String, Vec<CorrectionEventInput>> = HashMap::new();
        for (subject_id, e) in store::correction::due_events(self.store.conn(), ids, &since.to_string())? {
            let input = match e {
                // An unreadable record is reported when it is opened; it must not block 工作台.
                store::correction::DueEvent::Body(b) => match serde_json::from_str(&b) {
                    Ok(i) => i,
                    Err(_) => continue,
                },
                store::correction::DueEvent::Dated { kind, event_on } => CorrectionEventInput { kind, event_on, ..Default::default() },
            };
            events.entry(subject_id).or_default().push(input);
        }
        Ok(events)
    }

    /// Fills in what the desk computes for list rows: masked identity, flags, the next duty.
    fn complete_items(&self, rows: Vec<(CorrectionListItem, String)>) -> Result<Vec<CorrectionListItem>> {
        let ids: Vec<&str> = rows.iter().map(|(i, _)| i.id.as_str()).collect();
        let events = self.due_events(&ids)?;
        let levels = self.supervision_levels()?;
        let cal = self.calendar()?;
        let today = self.today();
        Ok(rows
            .into_iter()
            .map(|(mut item, body)| {
                if let Ok(s) = serde_json::from_str::<CorrectionSubjectInput>(&body) {
                    let (name, id_no) = correction::shown_identity(&s, item.is_minor);
                    item.name = name;
                    item.id_no = id_no;
                    let sup = correction::supervision(&s, events.get(&item.id).map(Vec::as_slice).unwrap_or(&[]), &levels, &cal, today);
                    item.flags = sup.flags;
                    item.late_days = sup.late_days;
                    item.next = sup.duties.into_iter().next();
                }
                item
            })
            .collect())
    }

    pub fn correction_list(&self, f: &CorrectionFilter) -> Result<Page<CorrectionListItem>> {
        let terms = search_terms(&f.query, "搜索内容每个词至少两个字")?;
        let states: Vec<String> = match clean(&f.state).as_deref() {
            None => Vec::new(),
            Some(group @ ("active" | "exited")) => correction::CorrectionState::ALL
                .iter()
                .filter(|s| s.is_exited() == (group == "exited"))
                .map(|s| s.code().to_string())
                .collect(),
            Some(s) if crate::codes::is_code("corrState", s) => vec![s.to_string()],
            Some(_) => return Err(Error::field("state", "validation.code", "状态的取值无效")),
        };
        let (limit, offset) = page_window(f.page, f.page_size);
        let q = store::correction::SubjectQuery {
            count_cap: if terms.is_empty() { COUNT_CAP } else { COUNT_CAP_TEXT },
            terms,
            correction_type: clean(&f.correction_type),
            supervision_level: clean(&f.supervision_level),
            states,
            limit,
            offset,
        };
        let conn = self.store.conn();
        if !f.late_only {
            let p = store::correction::subject_list(conn, &q)?;
            return Ok(Page { items: self.complete_items(p.items)?, total: p.total, total_capped: p.total_capped });
        }
        // Lateness is computed, not stored: filter the whole (small) population, most late first.
        let mut late: Vec<CorrectionListItem> =
            self.complete_items(store::correction::subject_all(conn, &q)?)?.into_iter().filter(|i| i.late_days > 0 || i.next.as_ref().is_some_and(|d| d.days_left < 0)).collect();
        late.sort_by(|a, b| b.late_days.cmp(&a.late_days).then_with(|| a.next.as_ref().map(|d| d.days_left).cmp(&b.next.as_ref().map(|d| d.days_left))));
        let total = late.len() as i64;
        let items = late.into_iter().skip(q.offset as usize).take(q.limit as usize).collect();
        Ok(Page { items, total, total_capped: false })
    }

    /// 今日任务: who must report (or be talked to, visited…) today, who is late, who is away on
    /// approved leave, whose term or e-positioning ends soon.
    pub(super) fn correction_today(&self, cal: &Calendar) -> Result<CorrectionToday> {
        let conn = self.store.conn();
        let subjects = store::correction::open_subjects(conn)?;
        let ids: Vec<&str> = subjects.iter().map(|s| s.0.as_str()).collect();
        let events = self.due_events(&ids)?;
        let levels = self.supervision_levels()?;
        let today = self.today();
        let mut out = CorrectionToday::default();
        // The counts are of people: one subject late on two duties is one late subject.
        for (id, code, is_minor, body) in &subjects {
            let Ok(s) = serde_json::from_str::<CorrectionSubjectInput>(body) else { continue };
            if correction::is_registered(&s.state) {
                out.registered += 1;
            } else {
                out.awaiting_report += 1;
            }
            let sup = correction::supervision(&s, events.get(id).map(Vec::as_slice).unwrap_or(&[]), &levels, cal, today);
            let (name, _) = correction::shown_identity(&s, *is_minor);
            let hint = sup.hints.first().cloned();
            let task = |group: &str, duty: Option<correction::Duty>, away: Option<correction::Away>| CorrectionTask {
                // The suggestion goes with the subject's own late duties, not the office's.
                hint: if group == "late" && duty.as_ref().is_some_and(|d| correction::SUBJECT_DUTIES.contains(&d.kind.as_str())) {
                    hint.clone()
                } else {
                    None
                },
                group: group.into(),
                subject_id: id.clone(),
                subject_code: code.clone(),
                name: name.clone(),
                correction_type: s.correction_type.clone(),
                duty,
                away,
            };
            if let Some(a) = &sup.away {
                out.away += 1;
                out.tasks.push(task("away", None, Some(a.clone())));
            }
            let mut groups: Vec<&str> = Vec::new();
            for d in &sup.duties {
                let Some(group) = correction::task_group(d) else { continue };
                if !groups.contains(&group) {
                    groups.push(group);
                }
                out.tasks.push(task(group, Some(d.clone()), None));
            }
            out.late += groups.contains(&"late") as i64;
            out.due_today += groups.contains(&"today") as i64;
            out.ending_soon += groups.contains(&"ending") as i64;
        }
        let rank = |g: &str| ["late", "today", "away", "ending"].iter().position(|x| *x == g).unwrap_or(9);
        out.tasks.sort_by(|a, b| {
            let days = |t: &CorrectionTask| t.duty.as_ref().map(|d| d.days_left).unwrap_or(0);
            (rank(&a.group), days(a), &a.subject_code).cmp(&(rank(&b.group), days(b), &b.subject_code))
        });
        Ok(out)
    }

    /// Bulk insert of generated subjects with their events (one transaction, one audit entry).
    /// Refused on a database holding records entered by people, as for the other kinds.
    pub fn import_generated_correction(&mut self, subjects: Vec<(CorrectionSubjectInput, Vec<CorrectionEventInput>)>) -> Result<(usize, usize)> {
        let office = self.require_office()?;
        self.refuse_demo_on_real_data()?;
        let now = self.now();
        let today = self.today();
        let actor = User::system();
        let counts = (subjects.len(), subjects.iter().map(|(_, e)| e.len()).sum());
        self.store.write(|tx| {
            for (mut s, events) in subjects {
                let facts = correction::validate_subject(&mut s, today)?;
                let meta = insert_subject(tx, RecordHeader::new(&office.code, &actor.username, &now), &s, &facts)?;
                let mut done: Vec<CorrectionEventInput> = Vec::new();
                for mut e in events {
                    correction::validate_event(&mut e, &s, &done, today)?;
                    insert_event(tx, RecordHeader::new(&office.code, &actor.username, &now), &meta.id, &e)?;
                    done.push(e);
                }
            }
            store::audit::append(tx, Actor::User(&actor), &now, Change {
                action: "demo.generate",
                record_kind: RecordKind::CorrectionSubject.code(),
                record_id: None,
                before: None,
                after: Some(format!("{{\"subjects\":{},\"events\":{}}}", counts.0, counts.1)),
            })?;
            Ok(())
        })?;
        Ok(counts)
    }
}
