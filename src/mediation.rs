//! People's mediation (人民调解, DOMAIN.md §1): the case record, its validation, its states and
//! its deadlines.

use crate::check::{Checker, PersonId};
use crate::codes::time_limit;
pub use crate::deadline::Deadline;
use crate::deadline::deadline;
use crate::error::{Error, Result};
use crate::validate::{normalize_doc_brackets, parse_date};
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Party {
    pub role: String,
    pub kind: String,
    pub name: String,
    pub sex: Option<String>,
    pub ethnicity: Option<String>,
    pub birth_date: Option<String>,
    pub id_type: Option<String>,
    pub id_no: String,
    pub occupation: String,
    pub address: String,
    pub phone: String,
    pub agent: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct MediationSession {
    pub date: String,
    pub place: String,
    pub attendees: String,
    pub summary: String,
    pub signed: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct FollowUp {
    pub date: String,
    pub visitor: String,
    pub mode: String,
    pub performance: Option<String>,
    pub satisfaction: Option<String>,
    pub escalation_risk: bool,
    pub measures: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Prevention {
    pub kind: String,
    pub persons: i64,
}

/// Everything a user enters about a case. After `validate` it is normalised: dates ISO,
/// money with two decimals, ID numbers and phones in canonical form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct MediationCaseInput {
    /// As sent; `validate` refuses a code that is not a `MediationState`, with a field error.
    #[ts(as = "MediationState")]
    pub state: String,
    pub committee: String,
    pub accepted_on: String,
    pub source: String,
    pub dispute_type: String,
    pub occurred_on: Option<String>,
    pub place: String,
    pub persons_involved: i64,
    pub amount: Option<String>,
    pub summary: String,
    pub risk: Option<String>,
    pub mediators: Vec<String>,
    pub recorder: String,
    pub rights_notice_on: Option<String>,
    pub not_accepted_reason: Option<String>,
    pub agreement_form: Option<String>,
    pub agreement_no: String,
    pub agreement_on: Option<String>,
    pub terms: String,
    pub perform_mode: Option<String>,
    pub perform_by: Option<String>,
    pub agreed_amount: Option<String>,
    pub performance: Option<String>,
    pub judicial_confirm: String,
    pub judicial_court: String,
    pub judicial_on: Option<String>,
    pub fail_route: Option<String>,
    pub prevention: Vec<Prevention>,
    pub closed_on: Option<String>,
    pub parties: Vec<Party>,
    pub sessions: Vec<MediationSession>,
    pub follow_ups: Vec<FollowUp>,
}

impl Default for MediationCaseInput {
    fn default() -> Self {
        MediationCaseInput {
            state: "accepted".into(),
            committee: "township".into(),
            accepted_on: String::new(),
            source: "application".into(),
            dispute_type: String::new(),
            occurred_on: None,
            place: String::new(),
            persons_involved: 2,
            amount: None,
            summary: String::new(),
            risk: None,
            mediators: Vec::new(),
            recorder: String::new(),
            rights_notice_on: None,
            not_accepted_reason: None,
            agreement_form: None,
            agreement_no: String::new(),
            agreement_on: None,
            terms: String::new(),
            perform_mode: None,
            perform_by: None,
            agreed_amount: None,
            performance: None,
            judicial_confirm: "none".into(),
            judicial_court: String::new(),
            judicial_on: None,
            fail_route: None,
            prevention: Vec::new(),
            closed_on: None,
            parties: Vec::new(),
            sessions: Vec::new(),
            follow_ups: Vec::new(),
        }
    }
}


/// A stored case as the UI and the CLI see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MediationCase {
    #[serde(flatten)]
    pub input: MediationCaseInput,
    pub id: String,
    pub office_code: String,
    pub case_no: String,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    pub created_by: String,
    pub updated_by: String,
    pub deadlines: Vec<Deadline>,
    /// Closed (结案): the window shows it read-only; a change needs a reason (`*_amend`).
    pub closed: bool,
}

/// The facts about a validated case that the store indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    pub accepted_on: NaiveDate,
    pub concluded_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    /// The earliest date by which something must be done (conclusion, follow-up visit).
    pub due_on: Option<NaiveDate>,
    /// Last day to apply for judicial confirmation, while it is still open to the parties.
    pub judicial_until: Option<NaiveDate>,
    pub host_mediator: String,
    pub parties_text: String,
    /// Names of parties and mediators, for search.
    pub search_names: String,
    /// ID numbers, phones, agreement number and summary, for search.
    pub search_other: String,
}

code_enum! {
    /// 案件状态 (DOMAIN.md §1.2); the code table `mediationState` gives the labels.
    pub enum MediationState {
        Registered => "registered",
        Accepted => "accepted",
        NotAccepted => "not_accepted",
        Mediating => "mediating",
        Agreed => "agreed",
        Failed => "failed",
        Withdrawn => "withdrawn",
        Archived => "archived",
    }
}

impl MediationState {
    /// Still being handled: the 30-day clock runs.
    pub fn is_active(self) -> bool {
        matches!(self, MediationState::Registered | MediationState::Accepted | MediationState::Mediating)
    }

    /// An agreement was reached (and possibly archived since).
    pub fn is_agreed(self) -> bool {
        matches!(self, MediationState::Agreed | MediationState::Archived)
    }
}

/// The state a stored code names, when this version knows it.
fn state_of(i: &MediationCaseInput) -> Option<MediationState> {
    MediationState::from_code(&i.state)
}
/// A case number shows the kind of record: 调 for mediation.
pub const CASE_NO_KIND: &str = "mediation";

/// Direct successors of each state (DOMAIN.md §1.2). Any state reachable from the current one
/// may be chosen, so a case handled on paper can be entered at once in its final state.
fn successors(state: MediationState) -> &'static [MediationState] {
    use MediationState::*;
    match state {
        Registered => &[Accepted, NotAccepted],
        Accepted => &[Mediating, Withdrawn],
        Mediating => &[Agreed, Failed, Withdrawn],
        Agreed => &[Archived],
        NotAccepted | Failed | Withdrawn | Archived => &[],
    }
}

/// A closed record (不予受理、调解不成、撤回或结案归档): changing it needs a reason.
pub fn is_closed(state: &str) -> bool {
    crate::check::is_closed_code(successors, state)
}

pub fn can_move(from: &str, to: &str) -> bool {
    crate::check::reachable_code(successors, from, to)
}

pub fn format_case_no(year: i32, short_name: &str, seq: i64) -> String {
    format!("（{year}）{short_name}调字第{seq}号")
}

fn validate_party(c: &mut Checker, i: usize, p: &mut Party) {
    let f = |name: &str| format!("parties.{i}.{name}");
    let n = i + 1;
    c.code(&f("role"), &format!("第{n}位当事人的角色"), "partyRole", &mut p.role);
    c.code(&f("kind"), &format!("第{n}位当事人的类型"), "partyKind", &mut p.kind);
    c.text(&f("name"), &format!("第{n}位当事人的姓名或名称"), &mut p.name, 50, true);
    c.text(&f("occupation"), &format!("第{n}位当事人的职业"), &mut p.occupation, 50, false);
    c.text(&f("address"), &format!("第{n}位当事人的住址"), &mut p.address, 200, false);
    c.text(&f("agent"), &format!("第{n}位当事人的代理人"), &mut p.agent, 100, false);
    c.phones(&f("phone"), &format!("第{n}位当事人的联系电话"), &mut p.phone, false);
    let natural = p.kind == "natural";
    if !natural {
        p.sex = None;
        p.ethnicity = None;
        p.birth_date = None;
    }
    c.opt_code(&f("sex"), &format!("第{n}位当事人的性别"), "sex", &mut p.sex, false);
    c.opt_code(&f("ethnicity"), &format!("第{n}位当事人的民族"), "ethnicity", &mut p.ethnicity, false);
    let birth = c.date(&f("birthDate"), &format!("第{n}位当事人的出生日期"), &mut p.birth_date, false, true);

    let prefix = format!("parties.{i}.");
    let who = format!("第{n}位当事人的");
    c.person_id(PersonId {
        prefix: &prefix,
        who: &who,
        id_type: &mut p.id_type,
        id_no: &mut p.id_no,
        sex: &mut p.sex,
        birth_date: &mut p.birth_date,
        birth,
        default_type: if natural { "resident_id" } else { "uscc" },
    });
}

/// Checks and normalises an input. `today` decides what counts as a future date.
/// Returns the facts the store indexes, or every field error found.
pub fn validate(input: &mut MediationCaseInput, today: NaiveDate) -> Result<CaseFacts> {
    let mut c = Checker::new(today);
    let i = input;
    let state: Option<MediationState> = c.code_of("state", "案件状态", "mediationState", &mut i.state);
    let agreed = state.is_some_and(MediationState::is_agreed);
    c.code("committee", "调委会", "committee", &mut i.committee);
    c.code("source", "案件来源", "source", &mut i.source);
    c.code("disputeType", "纠纷类型", "disputeType", &mut i.dispute_type);
    let mut accepted_raw = Some(i.accepted_on.clone());
    let accepted = c.date("acceptedOn", "受理日期", &mut accepted_raw, true, true);
    i.accepted_on = accepted_raw.unwrap_or_default();
    let occurred = c.date("occurredOn", "发生日期", &mut i.occurred_on, false, true);
    c.order("occurredOn", "受理日期", accepted, "发生日期", occurred);
    if let (Some(a), Some(o)) = (accepted, occurred) {
        if a < o {
            // Reported on the later field only once; the message above names both.
            c.errors.last_mut().unwrap().message = "发生日期不能晚于受理日期".into();
        }
    }
    c.text("place", "发生地点", &mut i.place, 100, false);
    c.text("summary", "简要情况", &mut i.summary, 2000, true);
    c.text("recorder", "记录人", &mut i.recorder, 20, false);
    c.money("amount", "涉及金额", &mut i.amount);
    c.opt_code("risk", "风险等级", "risk", &mut i.risk, false);

    // Mediators: the first presides.
    let mut mediators = Vec::new();
    for m in &i.mediators {
        let m = m.trim();
        if m.is_empty() {
            continue;
        }
        if m.chars().count() > 20 {
            c.err("mediators", "validation.too_long", format!("调解员“{m}”的姓名不能超过20个字"));
        }
        if !mediators.iter().any(|x: &String| x == m) {
            mediators.push(m.to_string());
        }
    }
    i.mediators = mediators;
    let needs_mediator = !matches!(state, Some(MediationState::Registered | MediationState::NotAccepted));
    if needs_mediator && i.mediators.is_empty() {
        c.err("mediators", "validation.required", "请填写调解员（第一位为主持调解员）");
    }
    let notice = c.date("rightsNoticeOn", "权利义务告知日期", &mut i.rights_notice_on, needs_mediator, true);
    c.order("rightsNoticeOn", "权利义务告知日期", notice, "受理日期", accepted);

    // Parties.
    if i.parties.len() < 2 {
        c.err("parties", "validation.parties", "当事人至少应有两方");
    }
    if i.parties.len() > 200 {
        c.err("parties", "validation.parties", "当事人不能超过200人");
    }
    for (n, p) in i.parties.iter_mut().enumerate() {
        validate_party(&mut c, n, p);
    }
    if i.persons_involved < 2 {
        c.err("personsInvolved", "validation.persons", "涉及人数至少为2人");
    } else if i.persons_involved > 100_000 {
        c.err("personsInvolved", "validation.persons", "涉及人数过大");
    } else if (i.persons_involved as usize) < i.parties.len() {
        c.err("personsInvolved", "validation.persons", format!("涉及人数不能少于当事人人数（{}人）", i.parties.len()));
    }

    // Sessions.
    let mut last_session = None;
    for (n, s) in i.sessions.iter_mut().enumerate() {
        let f = |name: &str| format!("sessions.{n}.{name}");
        let mut d = Some(s.date.clone());
        let date = c.date(&f("date"), &format!("第{}次调解的日期", n + 1), &mut d, true, true);
        s.date = d.unwrap_or_default();
        c.order(&f("date"), &format!("第{}次调解的日期", n + 1), date, "受理日期", accepted);
        c.text(&f("place"), "调解地点", &mut s.place, 100, false);
        c.text(&f("attendees"), "参加人员", &mut s.attendees, 200, false);
        c.text(&f("summary"), "调解情况", &mut s.summary, 2000, false);
        last_session = last_session.max(date);
    }

    // Outcome, by state.
    if state == Some(MediationState::NotAccepted) {
        c.opt_code("notAcceptedReason", "不予受理理由", "notAcceptedReason", &mut i.not_accepted_reason, true);
    } else {
        i.not_accepted_reason = None;
    }
    let mut agreement_on = None;
    if agreed {
        c.opt_code("agreementForm", "协议形式", "agreementForm", &mut i.agreement_form, true);
        let written = i.agreement_form.as_deref() == Some("written");
        i.agreement_no = normalize_doc_brackets(&i.agreement_no);
        c.text("agreementNo", "协议编号", &mut i.agreement_no, 40, false);
        c.text("terms", "协议内容", &mut i.terms, 4000, written);
        agreement_on = c.date("agreementOn", "协议生效日期", &mut i.agreement_on, true, true);
        c.order("agreementOn", "协议生效日期", agreement_on, "受理日期", accepted);
        c.order("agreementOn", "协议生效日期", agreement_on, "最后一次调解日期", last_session);
        c.opt_code("performMode", "履行方式", "performMode", &mut i.perform_mode, true);
        let immediate = i.perform_mode.as_deref() == Some("immediate");
        let perform_by = c.date("performBy", "履行期限", &mut i.perform_by, !immediate, false);
        c.order("performBy", "履行期限", perform_by, "协议生效日期", agreement_on);
        c.money("agreedAmount", "协议金额", &mut i.agreed_amount);
        c.opt_code("performance", "履行情况", "performance", &mut i.performance, true);
        let mut jc = i.judicial_confirm.trim().to_string();
        if jc.is_empty() {
            jc = "none".into();
        }
        c.code("judicialConfirm", "司法确认", "judicialConfirm", &mut jc);
        i.judicial_confirm = jc;
        if i.judicial_confirm != "none" {
            c.text("judicialCourt", "司法确认法院", &mut i.judicial_court, 50, true);
            let jd = c.date("judicialOn", "司法确认申请日期", &mut i.judicial_on, true, true);
            c.order("judicialOn", "司法确认申请日期", jd, "协议生效日期", agreement_on);
            if let (Some(jd), Some(a)) = (jd, agreement_on) {
                let limit = time_limit("mediation.judicial_confirm").days;
                if jd > a + Duration::days(limit) {
                    c.err("judicialOn", "validation.judicial_window", format!("司法确认应在协议生效之日起{limit}日内申请"));
                }
            }
        } else {
            i.judicial_court.clear();
            i.judicial_on = None;
        }
    } else {
        i.agreement_form = None;
        i.agreement_no.clear();
        i.agreement_on = None;
        i.terms.clear();
        i.perform_mode = None;
        i.perform_by = None;
        i.agreed_amount = None;
        i.performance = None;
        i.judicial_confirm = "none".into();
        i.judicial_court.clear();
        i.judicial_on = None;
    }
    if state == Some(MediationState::Failed) {
        c.opt_code("failRoute", "告知当事人的其他途径", "failRoute", &mut i.fail_route, true);
    } else {
        i.fail_route = None;
    }

    // Prevention of escalation: one 件 per kind, with at least as many 人.
    let mut kinds = Vec::new();
    for (n, p) in i.prevention.iter_mut().enumerate() {
        c.code(&format!("prevention.{n}.kind"), "防止激化类型", "prevention", &mut p.kind);
        if kinds.contains(&p.kind) {
            c.err(format!("prevention.{n}.kind"), "validation.duplicate", "防止激化类型重复");
        }
        kinds.push(p.kind.clone());
        if p.persons < 1 || p.persons > 100_000 {
            c.err(format!("prevention.{n}.persons"), "validation.persons", "防止激化涉及人数至少为1人");
        }
    }

    // Follow-up visits.
    let mut last_visit = None;
    for (n, v) in i.follow_ups.iter_mut().enumerate() {
        let f = |name: &str| format!("followUps.{n}.{name}");
        let mut d = Some(v.date.clone());
        let date = c.date(&f("date"), &format!("第{}次回访的日期", n + 1), &mut d, true, true);
        v.date = d.unwrap_or_default();
        c.order(&f("date"), &format!("第{}次回访的日期", n + 1), date, "协议生效日期", agreement_on);
        c.order(&f("date"), &format!("第{}次回访的日期", n + 1), date, "受理日期", accepted);
        c.text(&f("visitor"), "回访人", &mut v.visitor, 20, true);
        c.code(&f("mode"), "回访方式", "followUpMode", &mut v.mode);
        c.opt_code(&f("performance"), "回访时履行情况", "performance", &mut v.performance, false);
        c.opt_code(&f("satisfaction"), "满意度", "satisfaction", &mut v.satisfaction, false);
        c.text(&f("measures"), "措施", &mut v.measures, 500, false);
        last_visit = last_visit.max(date);
    }

    // Closing comes last (DOMAIN.md §5.3).
    let closes = matches!(state, Some(MediationState::Failed | MediationState::Withdrawn | MediationState::Archived));
    let closed = c.date("closedOn", "结案日期", &mut i.closed_on, closes, true);
    c.order("closedOn", "结案日期", closed, "受理日期", accepted);
    c.order("closedOn", "结案日期", closed, "协议生效日期", agreement_on);
    c.order("closedOn", "结案日期", closed, "最后一次调解日期", last_session);
    c.order("closedOn", "结案日期", closed, "最后一次回访日期", last_visit);
    if !closes && state != Some(MediationState::NotAccepted) {
        i.closed_on = None;
    }
    if state == Some(MediationState::Archived) && i.follow_ups.is_empty() {
        c.err("followUps", "validation.follow_up_required", "调解成功的案件须至少回访一次才能结案归档");
    }

    if !c.errors.is_empty() {
        return Err(Error::Validation(c.errors));
    }
    let accepted = accepted.expect("checked above");
    let concluded_on = if agreed { agreement_on } else if state == Some(MediationState::Failed) { closed } else { None };
    Ok(CaseFacts {
        accepted_on: accepted,
        concluded_on,
        closed_on: closed,
        due_on: must_do_by(i, accepted, agreement_on),
        judicial_until: judicial_until(i, agreement_on),
        host_mediator: i.mediators.first().cloned().unwrap_or_default(),
        parties_text: parties_text(&i.parties),
        search_names: i.parties.iter().map(|p| p.name.as_str()).chain(i.mediators.iter().map(String::as_str)).collect::<Vec<_>>().join(" "),
        search_other: search_other(i),
    })
}

pub fn parties_text(parties: &[Party]) -> String {
    let side = |role: &str| parties.iter().filter(|p| p.role == role).map(|p| p.name.as_str()).collect::<Vec<_>>().join("、");
    let (a, b) = (side("applicant"), side("respondent"));
    match (a.is_empty(), b.is_empty()) {
        (false, false) => format!("{a} 与 {b}"),
        _ => parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("、"),
    }
}

fn search_other(i: &MediationCaseInput) -> String {
    let mut parts: Vec<&str> = vec![&i.summary, &i.agreement_no];
    for p in &i.parties {
        parts.extend([p.id_no.as_str(), p.phone.as_str()]);
    }
    parts.retain(|s| !s.is_empty());
    parts.join(" ")
}

/// The earliest deadline the office must meet: concluding the mediation, or the follow-up visit.
fn must_do_by(i: &MediationCaseInput, accepted: NaiveDate, agreement_on: Option<NaiveDate>) -> Option<NaiveDate> {
    if state_of(i).is_some_and(MediationState::is_active) {
        return Some(accepted + Duration::days(time_limit("mediation.conclude").days));
    }
    if state_of(i) == Some(MediationState::Agreed) && i.follow_ups.is_empty() {
        return follow_up_due(i, agreement_on?);
    }
    None
}

fn follow_up_due(i: &MediationCaseInput, agreement_on: NaiveDate) -> Option<NaiveDate> {
    match (i.perform_mode.as_deref(), i.perform_by.as_deref()) {
        (Some("immediate"), _) | (_, None) => Some(agreement_on + Duration::days(time_limit("mediation.follow_up").days)),
        (_, Some(by)) => parse_date(by).ok(),
    }
}

fn judicial_until(i: &MediationCaseInput, agreement_on: Option<NaiveDate>) -> Option<NaiveDate> {
    (state_of(i) == Some(MediationState::Agreed) && i.judicial_confirm == "none")
        .then(|| agreement_on.map(|a| a + Duration::days(time_limit("mediation.judicial_confirm").days)))
        .flatten()
}


/// The open deadlines of a case on `today`, most urgent first.
pub fn deadlines(i: &MediationCaseInput, today: NaiveDate) -> Vec<Deadline> {
    let (Ok(accepted), agreement_on) = (parse_date(&i.accepted_on), i.agreement_on.as_deref().and_then(|d| parse_date(d).ok()))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if state_of(i).is_some_and(MediationState::is_active) {
        out.push(deadline("mediation.conclude", accepted + Duration::days(time_limit("mediation.conclude").days), today));
    }
    if let Some(until) = judicial_until(i, agreement_on) {
        // Only while the window is open: afterwards nothing is late, the option has lapsed.
        if until >= today {
            out.push(deadline("mediation.judicial_confirm", until, today));
        }
    }
    if state_of(i) == Some(MediationState::Agreed) && i.follow_ups.is_empty() {
        if let Some(due) = agreement_on.and_then(|a| follow_up_due(i, a)) {
            out.push(deadline("mediation.follow_up", due, today));
        }
    }
    out.sort_by_key(|d| d.days_left);
    out
}

/// The year of a case number must equal the year of acceptance.
pub fn case_year(accepted_on: NaiveDate) -> i32 {
    accepted_on.year()
}

#[cfg(test)]
mod tests;

/// The list screen's filter. Dates are ISO strings; empty strings mean "any".
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct MediationFilter {
    pub query: Option<String>,
    pub state: Option<String>,
    pub dispute_type: Option<String>,
    pub accepted_from: Option<String>,
    pub accepted_to: Option<String>,
    pub mediator: Option<String>,
    pub overdue_only: bool,
    /// 1-based.
    pub page: i64,
    pub page_size: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MediationListItem {
    pub id: String,
    pub case_no: String,
    pub accepted_on: String,
    pub dispute_type: String,
    #[ts(as = "MediationState")]
    pub state: String,
    pub parties_text: String,
    pub host_mediator: String,
    pub summary: String,
    pub version: i64,
    pub updated_at: String,
    pub deadline: Option<Deadline>,
}
