//! Legal-aid intake (法律援助, DOMAIN.md §2): the consultation log, the application record with
//! its states, its validation, and its legal clocks.
//!
//! The township office receives applications and follows them through the county institution's
//! decision, assignment and closing; the clocks are the institution's and the office's duties,
//! counted by the office's holiday calendar (DOMAIN.md §0).

use crate::calendar::Calendar;
use crate::check::{age_on, date_of, filled, Checker, PersonId};
use crate::codes::{self, time_limit, DayUnit};
pub use crate::deadline::Deadline;
use crate::deadline::deadline;
use crate::error::{Error, Result};
use crate::validate::{normalize_doc_brackets, parse_date, parse_resident_id};
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

// ── Consultations ───────────────────────────────────────────────────────────────────────────────

/// 咨询登记: one consultation, or one document drafted for someone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ConsultationInput {
    pub consulted_on: String,
    pub channel: String,
    pub service: String,
    pub persons: i64,
    pub groups: Vec<String>,
    pub matter: String,
    pub name: String,
    pub phone: String,
    pub question: String,
    pub answer: String,
    pub guided: bool,
    pub staff: String,
}

impl Default for ConsultationInput {
    fn default() -> Self {
        ConsultationInput {
            consulted_on: String::new(),
            channel: "visit".into(),
            service: "answer".into(),
            persons: 1,
            groups: Vec::new(),
            matter: String::new(),
            name: String::new(),
            phone: String::new(),
            question: String::new(),
            answer: String::new(),
            guided: false,
            staff: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Consultation {
    #[serde(flatten)]
    pub input: ConsultationInput,
    pub id: String,
    pub office_code: String,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    pub created_by: String,
    pub updated_by: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ConsultationFilter {
    pub query: Option<String>,
    pub channel: Option<String>,
    pub matter: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: i64,
    pub page_size: i64,
}

/// What the store indexes about a consultation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationFacts {
    pub consulted_on: NaiveDate,
    pub search_text: String,
}

pub fn validate_consultation(i: &mut ConsultationInput, today: NaiveDate) -> Result<ConsultationFacts> {
    let mut c = Checker::new(today);
    let mut on = Some(i.consulted_on.clone());
    let consulted_on = c.date("consultedOn", "咨询日期", &mut on, true, true);
    i.consulted_on = on.unwrap_or_default();
    c.code("channel", "咨询方式", "consultChannel", &mut i.channel);
    c.code("service", "服务类型", "consultService", &mut i.service);
    c.code("matter", "咨询事项类别", "consultMatter", &mut i.matter);
    if !(1..=1000).contains(&i.persons) {
        c.err("persons", "validation.persons", "人次应为1至1000之间的整数");
    }
    c.code_set("groups", "人群类别", "laGroup", &mut i.groups);
    c.text("name", "咨询人", &mut i.name, 50, false);
    c.phones("phone", "联系电话", &mut i.phone, false);
    c.text("question", "咨询内容", &mut i.question, 1000, true);
    c.text("answer", "答复摘要", &mut i.answer, 2000, true);
    c.text("staff", "接待人", &mut i.staff, 20, true);
    if !c.errors.is_empty() {
        return Err(Error::Validation(c.errors));
    }
    let search_text = [&i.name, &i.phone, &i.question, &i.answer, &i.staff]
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase();
    Ok(ConsultationFacts { consulted_on: consulted_on.expect("checked above"), search_text })
}

// ── Applications ────────────────────────────────────────────────────────────────────────────────

/// 法律援助申请: everything a user enters (DOMAIN.md §2.3). After `validate` it is normalised:
/// dates ISO, money with two decimals, ID numbers and phones canonical, fields that do not apply
/// to the state emptied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct LegalAidInput {
    #[ts(as = "LegalAidState")]
    pub state: String,
    pub aid_channel: String,
    pub received_via: String,
    pub receiving_org: String,
    pub competent_org: String,
    pub applicant_detained: bool,
    /// 市域通办转出: forwarded to a competent institution outside the office's own county.
    pub city_transfer_out: bool,
    pub received_on: String,
    pub forwarded_on: Option<String>,
    pub accepted_on: Option<String>,
    pub name: String,
    pub sex: Option<String>,
    pub birth_date: Option<String>,
    pub ethnicity: Option<String>,
    pub id_type: Option<String>,
    pub id_no: String,
    pub domicile: String,
    pub residence: String,
    pub phone: String,
    pub employer: String,
    pub occupation: String,
    pub education: Option<String>,
    pub health: Option<String>,
    pub groups: Vec<String>,
    pub agent_name: String,
    pub agent_type: Option<String>,
    pub agent_id_no: String,
    pub case_nature: String,
    pub matter: String,
    pub role: String,
    pub stage: String,
    pub handling_organ: String,
    pub opponent: String,
    pub reason: String,
    pub service_form: String,
    pub means_basis: String,
    pub means_sub_reason: Option<String>,
    pub household_size: Option<i64>,
    pub monthly_income: Option<String>,
    pub supp_notice_on: Option<String>,
    pub supp_items: String,
    pub supp_due_on: Option<String>,
    pub supp_done_on: Option<String>,
    pub decision: Option<String>,
    pub decision_on: Option<String>,
    pub decision_no: String,
    pub refusal_reason: String,
    pub provisional_reason: String,
    pub objection_on: Option<String>,
    pub objection_result: Option<String>,
    pub objection_decided_on: Option<String>,
    pub assigned_on: Option<String>,
    pub provider: String,
    pub handler: String,
    pub handler_type: Option<String>,
    pub terminated_on: Option<String>,
    pub termination_ground: Option<String>,
    pub closed_on: Option<String>,
    pub close_mode: Option<String>,
    pub recovered: Option<String>,
    pub file_submitted_on: Option<String>,
    pub recipient_visit_on: Option<String>,
    pub satisfaction: Option<String>,
    pub notes: String,
}

impl Default for LegalAidInput {
    fn default() -> Self {
        LegalAidInput {
            state: "received".into(),
            aid_channel: "application".into(),
            received_via: "in_person".into(),
            receiving_org: String::new(),
            competent_org: String::new(),
            applicant_detained: false,
            city_transfer_out: false,
            received_on: String::new(),
            forwarded_on: None,
            accepted_on: None,
            name: String::new(),
            sex: None,
            birth_date: None,
            ethnicity: None,
            id_type: None,
            id_no: String::new(),
            domicile: String::new(),
            residence: String::new(),
            phone: String::new(),
            employer: String::new(),
            occupation: String::new(),
            education: None,
            health: None,
            groups: Vec::new(),
            agent_name: String::new(),
            agent_type: None,
            agent_id_no: String::new(),
            case_nature: String::new(),
            matter: String::new(),
            role: String::new(),
            stage: String::new(),
            handling_organ: String::new(),
            opponent: String::new(),
            reason: String::new(),
            service_form: String::new(),
            means_basis: String::new(),
            means_sub_reason: None,
            household_size: None,
            monthly_income: None,
            supp_notice_on: None,
            supp_items: String::new(),
            supp_due_on: None,
            supp_done_on: None,
            decision: None,
            decision_on: None,
            decision_no: String::new(),
            refusal_reason: String::new(),
            provisional_reason: String::new(),
            objection_on: None,
            objection_result: None,
            objection_decided_on: None,
            assigned_on: None,
            provider: String::new(),
            handler: String::new(),
            handler_type: None,
            terminated_on: None,
            termination_ground: None,
            closed_on: None,
            close_mode: None,
            recovered: None,
            file_submitted_on: None,
            recipient_visit_on: None,
            satisfaction: None,
            notes: String::new(),
        }
    }
}

/// One legal clock of an application, met or open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LegalAidClock {
    pub rule: String,
    pub title: String,
    pub rule_text: String,
    pub due_on: String,
    pub done_on: Option<String>,
    /// Open: overdue | warning | upcoming | paused. Met: on_time | late.
    pub status: String,
    pub days_left: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LegalAidApplication {
    #[serde(flatten)]
    pub input: LegalAidInput,
    pub id: String,
    pub office_code: String,
    pub application_no: String,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    pub created_by: String,
    pub updated_by: String,
    pub deadlines: Vec<Deadline>,
    pub clocks: Vec<LegalAidClock>,
    /// Closed (结案): the window shows it read-only; a change needs a reason (`*_amend`).
    pub closed: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct LegalAidFilter {
    pub query: Option<String>,
    pub state: Option<String>,
    pub case_nature: Option<String>,
    pub matter: Option<String>,
    pub group: Option<String>,
    pub received_from: Option<String>,
    pub received_to: Option<String>,
    pub overdue_only: bool,
    pub page: i64,
    pub page_size: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LegalAidListItem {
    pub id: String,
    pub application_no: String,
    pub received_on: String,
    pub name: String,
    pub case_nature: String,
    pub matter: String,
    #[ts(as = "LegalAidState")]
    pub state: String,
    pub competent_org: String,
    pub version: i64,
    pub updated_at: String,
    pub deadline: Option<Deadline>,
}

/// What the store indexes about an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalAidFacts {
    pub received_on: NaiveDate,
    /// The earliest due date of a running clock (not counting one that stands still), for the
    /// overdue filter and 工作台. Depends on the holiday calendar: recomputed when it changes.
    pub due_on: Option<NaiveDate>,
    /// "|minor|women|": every group between bars, for an exact-match filter.
    pub groups_text: String,
    pub search_text: String,
}

/// A number shows the kind of record: 援申 for a legal-aid application.
pub const APPLICATION_NO_KIND: &str = "legal_aid";

pub fn format_application_no(year: i32, short_name: &str, seq: i64) -> String {
    format!("（{year}）{short_name}援申字第{seq}号")
}

code_enum! {
    /// 办理状态 (DOMAIN.md §2.2); the code table `laState` gives the labels.
    pub enum LegalAidState {
        Received => "received",
        Supplementing => "supplementing",
        WithdrawnDeemed => "withdrawn_deemed",
        Reviewing => "reviewing",
        Granted => "granted",
        Provisional => "provisional",
        Refused => "refused",
        Objecting => "objecting",
        ObjectionUpheld => "objection_upheld",
        ObjectionCorrected => "objection_corrected",
        Notified => "notified",
        Assigned => "assigned",
        Handling => "handling",
        Closed => "closed",
        Terminated => "terminated",
        Filed => "filed",
        Visited => "visited",
    }
}

/// States in which the application is still waiting for something from the office or the
/// institution; the others are final (decided against, withdrawn, or visited after filing).
pub const FINAL_STATES: &[LegalAidState] = &[LegalAidState::WithdrawnDeemed, LegalAidState::ObjectionUpheld, LegalAidState::Visited];

const CRIMINAL_ROLES: &[&str] = &["suspect", "accused", "victim", "private_prosecutor"];
const CRIMINAL_MATTERS: &[&str] = &["criminal_defense", "criminal_victim", "criminal_private"];
/// States after the institution's decision (for applications; notified cases have none).
const DECIDED_STATES: &[LegalAidState] = &[LegalAidState::Granted, LegalAidState::Provisional, LegalAidState::Refused, LegalAidState::Objecting, LegalAidState::ObjectionUpheld, LegalAidState::ObjectionCorrected, LegalAidState::Assigned, LegalAidState::Handling, LegalAidState::Closed, LegalAidState::Terminated, LegalAidState::Filed, LegalAidState::Visited];
const ASSIGNED_STATES: &[LegalAidState] = &[LegalAidState::Assigned, LegalAidState::Handling, LegalAidState::Closed, LegalAidState::Filed, LegalAidState::Visited];
const ENDED_STATES: &[LegalAidState] = &[LegalAidState::Closed, LegalAidState::Terminated, LegalAidState::Filed, LegalAidState::Visited];
const OBJECTION_STATES: &[LegalAidState] = &[LegalAidState::Objecting, LegalAidState::ObjectionUpheld, LegalAidState::ObjectionCorrected];
const AWAITING_ASSIGNMENT: &[LegalAidState] = &[LegalAidState::Granted, LegalAidState::Provisional, LegalAidState::Notified, LegalAidState::ObjectionCorrected];

/// Direct successors of each state (DOMAIN.md §2.2).
fn successors(state: LegalAidState) -> &'static [LegalAidState] {
    match state {
        LegalAidState::Received => &[LegalAidState::Supplementing, LegalAidState::Reviewing],
        LegalAidState::Supplementing => &[LegalAidState::Reviewing, LegalAidState::WithdrawnDeemed],
        // Missing materials are asked for all at once (Art 43): no second round from review.
        LegalAidState::Reviewing => &[LegalAidState::Granted, LegalAidState::Refused, LegalAidState::Provisional],
        LegalAidState::Granted => &[LegalAidState::Assigned],
        // 先行提供 stays the recorded decision; the aid goes on to assignment or ends.
        LegalAidState::Provisional => &[LegalAidState::Assigned, LegalAidState::Terminated],
        LegalAidState::Refused => &[LegalAidState::Objecting],
        LegalAidState::Objecting => &[LegalAidState::ObjectionUpheld, LegalAidState::ObjectionCorrected],
        LegalAidState::ObjectionCorrected => &[LegalAidState::Assigned],
        LegalAidState::Notified => &[LegalAidState::Assigned],
        LegalAidState::Assigned => &[LegalAidState::Handling, LegalAidState::Closed, LegalAidState::Terminated],
        LegalAidState::Handling => &[LegalAidState::Closed, LegalAidState::Terminated],
        LegalAidState::Closed | LegalAidState::Terminated => &[LegalAidState::Filed],
        LegalAidState::Filed => &[LegalAidState::Visited],
        LegalAidState::WithdrawnDeemed | LegalAidState::ObjectionUpheld | LegalAidState::Visited => &[],
    }
}

/// Whether `state` belongs to the channel's path: notified cases skip the application path.
fn fits_channel(state: LegalAidState, channel: &str) -> bool {
    use LegalAidState::*;
    if channel == "notified" {
        matches!(state, Notified | Assigned | Handling | Closed | Terminated | Filed | Visited)
    } else {
        state != Notified
    }
}

/// States an application may be saved in: any state of its channel's path for a new one (a
/// case handled on paper can be entered in its final state), otherwise the current state and
/// every state reachable from it. In the table's order.
pub fn allowed_states(from: Option<&str>, channel: &str) -> Vec<LegalAidState> {
    LegalAidState::ALL.iter().copied().filter(|s| fits_channel(*s, channel) && from.is_none_or(|f| can_move(f, s.code()))).collect()
}

/// A closed record (视为撤回、维持不予援助的决定或已回访): changing it needs a reason.
pub fn is_closed(state: &str) -> bool {
    crate::check::is_closed_code(successors, state)
}

pub fn can_move(from: &str, to: &str) -> bool {
    crate::check::reachable_code(successors, from, to)
}

fn forward_needed(i: &LegalAidInput) -> bool {
    i.receiving_org.trim() != i.competent_org.trim()
}

/// Checks and normalises an application. `today` decides what counts as a future date.
pub fn validate(i: &mut LegalAidInput, today: NaiveDate) -> Result<LegalAidFacts> {
    let mut c = Checker::new(today);
    c.code("aidChannel", "申请类型", "laChannel", &mut i.aid_channel);
    let st: Option<LegalAidState> = c.code_of("state", "办理状态", "laState", &mut i.state);
    let notified = i.aid_channel == "notified";
    if st.is_some_and(|st| codes::is_code("laChannel", &i.aid_channel) && !fits_channel(st, &i.aid_channel)) {
        let msg = if notified { "通知辩护(代理)案件没有审查决定环节，请从“收到通知”开始" } else { "只有通知辩护(代理)案件才有“收到通知”状态" };
        c.err("state", "validation.state_channel", msg);
    }
    c.code("receivedVia", "接收方式", "laReceivedVia", &mut i.received_via);
    c.text("receivingOrg", "接收机构", &mut i.receiving_org, 50, true);
    c.text("competentOrg", "受理机构", &mut i.competent_org, 50, true);

    // Intake dates.
    let mut received_raw = Some(i.received_on.clone());
    let received = c.date("receivedOn", "接收日期", &mut received_raw, true, true);
    i.received_on = received_raw.unwrap_or_default();
    let needs_forward = forward_needed(i);
    let forwarded = c.date("forwardedOn", "转交日期", &mut i.forwarded_on, needs_forward && st != Some(LegalAidState::Received), true);
    if !needs_forward && forwarded.is_some() {
        c.err("forwardedOn", "validation.not_applicable", "接收机构与受理机构相同，无需填写转交日期");
    }
    if i.city_transfer_out && !needs_forward {
        c.err("cityTransferOut", "validation.transfer_out", "市域通办转出的申请，受理机构应为外地的法律援助机构，不能与接收机构相同");
    }
    if i.city_transfer_out && i.received_via == "city_transfer_in" {
        c.err("cityTransferOut", "validation.transfer_out", "市域通办转入的申请不能同时是转出");
    }
    c.order("forwardedOn", "转交日期", forwarded, "接收日期", received);
    let accepted_label = if notified { "收到通知日期" } else { "受理日期" };
    let accepted = c.date("acceptedOn", accepted_label, &mut i.accepted_on, st != Some(LegalAidState::Received), true);
    c.order("acceptedOn", accepted_label, accepted, "接收日期", received);
    c.order("acceptedOn", accepted_label, accepted, "转交日期", forwarded);

    // The applicant.
    c.text("name", "申请人姓名", &mut i.name, 50, true);
    c.opt_code("sex", "申请人性别", "sex", &mut i.sex, false);
    c.opt_code("ethnicity", "申请人民族", "ethnicity", &mut i.ethnicity, true);
    let birth = c.date("birthDate", "申请人出生日期", &mut i.birth_date, false, true);
    let id_given = !i.id_no.trim().is_empty();
    c.person_id(PersonId {
        prefix: "",
        who: "申请人",
        id_type: &mut i.id_type,
        id_no: &mut i.id_no,
        sex: &mut i.sex,
        birth_date: &mut i.birth_date,
        birth,
        default_type: "resident_id",
    });
    if !id_given {
        c.err("idNo", "validation.required", "请填写申请人证件号码");
    }
    if i.sex.is_none() && !c.errors.iter().any(|e| e.field == "sex" || e.field == "idNo") {
        c.err("sex", "validation.required", "请选择申请人性别");
    }
    let birth = i.birth_date.as_deref().and_then(|b| parse_date(b).ok());
    if birth.is_none() && !c.errors.iter().any(|e| e.field == "birthDate" || e.field == "idNo") {
        c.err("birthDate", "validation.required", "请填写申请人出生日期");
    }
    c.text("domicile", "户籍地", &mut i.domicile, 200, true);
    c.text("residence", "住所地", &mut i.residence, 200, true);
    // A detained applicant has no phone of his own.
    c.phones("phone", "联系电话", &mut i.phone, !i.applicant_detained);
    c.text("employer", "工作单位", &mut i.employer, 100, false);
    c.text("occupation", "职业", &mut i.occupation, 50, false);
    c.opt_code("education", "文化程度", "education", &mut i.education, false);
    c.opt_code("health", "身体状况", "laHealth", &mut i.health, false);

    // Groups: what the ID number and the health field say is marked by itself; a contradiction is refused.
    c.code_set("groups", "人群类别", "laGroup", &mut i.groups);
    let age = match (birth, received) {
        (Some(b), Some(r)) => Some(age_on(b, r)),
        _ => None,
    };
    let mut implied = Vec::new();
    if let Some(age) = age {
        if age < 18 {
            implied.push("minor");
        } else if i.groups.iter().any(|g| g == "minor") {
            c.err("groups", "validation.group_age", format!("申请人接收申请时已满18周岁（{age}岁），不属于未成年人"));
        }
        if age >= 60 {
            implied.push("elderly");
        } else if i.groups.iter().any(|g| g == "elderly") {
            c.err("groups", "validation.group_age", format!("申请人接收申请时未满60周岁（{age}岁），不属于老年人"));
        }
    }
    match i.sex.as_deref() {
        Some("female") => implied.push("women"),
        Some("male") if i.groups.iter().any(|g| g == "women") => c.err("groups", "validation.group_sex", "申请人为男性，不属于妇女"),
        _ => {}
    }
    if i.health.as_deref() == Some("disabled") {
        implied.push("disabled");
    }
    for g in implied {
        if !i.groups.iter().any(|x| x == g) {
            i.groups.push(g.to_string());
        }
    }
    c.code_set("groups", "人群类别", "laGroup", &mut i.groups);
    // “其他” means none of the listed groups.
    if i.groups.len() > 1 {
        i.groups.retain(|g| g != "other");
    }
    if i.groups.is_empty() {
        c.err("groups", "validation.required", "请选择人群类别（不属于所列人群的选“其他”）");
    }

    // The agent. A minor applies through a legal representative.
    c.text("agentName", "代理人姓名", &mut i.agent_name, 50, false);
    c.opt_code("agentType", "代理人类型", "laAgentType", &mut i.agent_type, !i.agent_name.is_empty());
    if i.agent_name.is_empty() && i.agent_type.is_some() {
        c.err("agentName", "validation.required", "请填写代理人姓名");
    }
    if age.is_some_and(|a| a < 18) && i.agent_name.is_empty() {
        c.err("agentName", "validation.minor_agent", "申请人为未成年人，应由法定代理人代为申请，请填写代理人");
    }
    i.agent_id_no = crate::validate::normalize_id_number(&i.agent_id_no);
    if !i.agent_id_no.is_empty() {
        match parse_resident_id(&i.agent_id_no, today) {
            Ok(id) => i.agent_id_no = id.number,
            Err(e) => c.err("agentIdNo", "validation.id_number", format!("代理人身份证号码{e}")),
        }
    }

    // The case.
    c.code("caseNature", "案件性质", "laNature", &mut i.case_nature);
    c.code("matter", "申请事项", "laMatter", &mut i.matter);
    c.code("role", "诉讼地位", "laRole", &mut i.role);
    c.code("stage", "法律状态", "laStage", &mut i.stage);
    c.code("serviceForm", "援助形式", "laServiceForm", &mut i.service_form);
    let in_proceedings = !matches!(i.stage.as_str(), "" | "not_started");
    c.text("handlingOrgan", "办案机关", &mut i.handling_organ, 100, in_proceedings);
    c.text("opponent", "对方当事人", &mut i.opponent, 100, false);
    c.text("reason", "案情及申请理由", &mut i.reason, 2000, true);
    let criminal = i.case_nature == "criminal";
    if !i.case_nature.is_empty() {
        if !i.matter.is_empty() && CRIMINAL_MATTERS.contains(&i.matter.as_str()) != criminal && i.matter != "other" {
            let msg = if criminal { "刑事案件请选择刑事类申请事项（刑事辩护、被害人代理或自诉代理）" } else { "刑事类申请事项只适用于刑事案件" };
            c.err("matter", "validation.matter_nature", msg);
        }
        if !i.role.is_empty() && CRIMINAL_ROLES.contains(&i.role.as_str()) != criminal {
            let msg = if criminal { "刑事案件的诉讼地位应为犯罪嫌疑人、被告人、被害人或自诉人" } else { "犯罪嫌疑人、被告人、被害人、自诉人只适用于刑事案件" };
            c.err("role", "validation.role_nature", msg);
        }
        if i.service_form == "criminal_defense" && !criminal {
            c.err("serviceForm", "validation.form_nature", "刑事辩护与代理只适用于刑事案件");
        }
        if criminal && !matches!(i.service_form.as_str(), "" | "criminal_defense" | "duty_lawyer" | "document_drafting") {
            c.err("serviceForm", "validation.form_nature", "刑事案件的援助形式应为刑事辩护与代理、值班律师法律帮助或代拟法律文书");
        }
    }
    if notified && !criminal && !i.case_nature.is_empty() {
        c.err("caseNature", "validation.notified_nature", "通知辩护(代理)只适用于刑事案件");
    }

    // Means test (Art 41, 42, 32); notified cases skip it.
    if notified {
        i.means_basis = "notified".into();
        i.means_sub_reason = None;
    } else {
        c.code("meansBasis", "经济核查依据", "laMeansBasis", &mut i.means_basis);
        if i.means_basis == "notified" {
            c.err("meansBasis", "validation.means_basis", "只有通知辩护(代理)案件才以通知为依据免予经济核查");
        }
    }
    match i.means_basis.as_str() {
        "exempt" => c.opt_code("meansSubReason", "免予核查的情形", "laMeansExempt", &mut i.means_sub_reason, true),
        "unrestricted" => c.opt_code("meansSubReason", "不受经济困难条件限制的情形", "laMeansUnrestricted", &mut i.means_sub_reason, true),
        _ => i.means_sub_reason = None,
    }
    let pledge = i.means_basis == "pledge";
    match i.household_size {
        None if pledge => c.err("householdSize", "validation.required", "请填写家庭人口"),
        Some(n) if !(1..=50).contains(&n) => c.err("householdSize", "validation.household", "家庭人口应为1至50人"),
        _ => {}
    }
    c.money("monthlyIncome", "家庭月收入", &mut i.monthly_income);
    if pledge && i.monthly_income.is_none() && !c.errors.iter().any(|e| e.field == "monthlyIncome") {
        c.err("monthlyIncome", "validation.required", "请填写家庭月收入（没有收入填0）");
    }

    // Supplementing materials: the decision clock stands still meanwhile (Art 43).
    let supplementing = matches!(st, Some(LegalAidState::Supplementing | LegalAidState::WithdrawnDeemed));
    if st == Some(LegalAidState::Received) {
        c.state_ahead("suppNoticeOn", "补充材料通知日期", filled(&i.supp_notice_on), "补充材料中");
    }
    let supp_notice = c.date("suppNoticeOn", "补充材料通知日期", &mut i.supp_notice_on, supplementing, true);
    c.order("suppNoticeOn", "补充材料通知日期", supp_notice, accepted_label, accepted);
    if supp_notice.is_some() {
        c.text("suppItems", "需补充的材料", &mut i.supp_items, 500, true);
    } else {
        c.text("suppItems", "需补充的材料", &mut i.supp_items, 500, false);
    }
    let supp_due = c.date("suppDueOn", "补充期限", &mut i.supp_due_on, false, false);
    c.order("suppDueOn", "补充期限", supp_due, "补充材料通知日期", supp_notice);
    let supp_done_required = supp_notice.is_some() && !supplementing && !matches!(st, Some(LegalAidState::Received | LegalAidState::Reviewing));
    let supp_done = if supplementing {
        c.state_ahead("suppDoneOn", "材料补齐日期", filled(&i.supp_done_on), "审查中");
        i.supp_done_on = None;
        None
    } else {
        c.date("suppDoneOn", "材料补齐日期", &mut i.supp_done_on, supp_done_required || (st == Some(LegalAidState::Reviewing) && supp_notice.is_some()), true)
    };
    c.order("suppDoneOn", "材料补齐日期", supp_done, "补充材料通知日期", supp_notice);
    if supp_done.is_some() && supp_notice.is_none() {
        c.err("suppNoticeOn", "validation.required", "已填写材料补齐日期，请填写补充材料通知日期");
    }

    // The decision (the institution's): by state, or chosen where the state allows both.
    let objection_corrected_path = i.objection_result.as_deref() == Some("corrected") || st == Some(LegalAidState::ObjectionCorrected);
    let decided = !notified && st.is_some_and(|s| DECIDED_STATES.contains(&s));
    let mut decision_on = None;
    if decided {
        let forced = match st {
            Some(LegalAidState::Granted) => Some("grant"),
            Some(LegalAidState::Provisional) => Some("provisional"),
            Some(LegalAidState::Refused | LegalAidState::Objecting | LegalAidState::ObjectionUpheld | LegalAidState::ObjectionCorrected) => {
                Some("refuse")
            }
            _ => None,
        };
        if let Some(d) = forced {
            i.decision = Some(d.into());
        }
        c.opt_code("decision", "审查决定", "laDecision", &mut i.decision, true);
        match i.decision.as_deref() {
            Some("withdrawn") => c.err("decision", "validation.decision_state", "视为撤回的申请请将状态改为“视为撤回”"),
            Some("refuse") if forced.is_none() && !objection_corrected_path => {
                c.err("decision", "validation.decision_state", "不予法律援助的申请不能指派承办；如经异议责令改正，请先填写异议结果")
            }
            _ => {}
        }
        decision_on = c.date("decisionOn", "决定日期", &mut i.decision_on, true, true);
        c.order("decisionOn", "决定日期", decision_on, accepted_label, accepted);
        c.order("decisionOn", "决定日期", decision_on, "材料补齐日期", supp_done);
        i.decision_no = normalize_doc_brackets(&i.decision_no);
        c.text("decisionNo", "决定书文号", &mut i.decision_no, 50, false);
        let refuse = i.decision.as_deref() == Some("refuse");
        c.text("refusalReason", "不予援助的理由", &mut i.refusal_reason, 500, refuse);
        if !refuse {
            i.refusal_reason.clear();
        }
        let provisional = i.decision.as_deref() == Some("provisional");
        c.text("provisionalReason", "先行提供的理由", &mut i.provisional_reason, 500, provisional);
        if !provisional {
            i.provisional_reason.clear();
        }
    } else if st == Some(LegalAidState::WithdrawnDeemed) {
        i.decision = Some("withdrawn".into());
        decision_on = c.date("decisionOn", "视为撤回日期", &mut i.decision_on, true, true);
        // Only once the time to supplement has run out.
        let supp_until = supp_due.or(supp_notice.map(|n| n + Duration::days(time_limit("legal_aid.supplement").days)));
        if let (Some(d), Some(until)) = (decision_on, supp_until) {
            if d <= until {
                c.err("decisionOn", "validation.withdrawn_early", format!("补充期限（{until}）届满后才能视为撤回"));
            }
        }
        i.decision_no.clear();
        i.refusal_reason.clear();
        i.provisional_reason.clear();
    } else {
        if !notified {
            c.state_ahead("decisionOn", "决定日期", filled(&i.decision_on), "给予、不予或先行提供");
        }
        i.decision = None;
        i.decision_on = None;
        i.decision_no.clear();
        i.refusal_reason.clear();
        i.provisional_reason.clear();
    }

    // Objection to a refusal (Art 49).
    let mut objection_decided = None;
    // Kept through an objection, and after it when the refusal was corrected and the case went on.
    let objection_kept =
        st.is_some_and(|s| OBJECTION_STATES.contains(&s)) || (objection_corrected_path && i.decision.as_deref() == Some("refuse") && st != Some(LegalAidState::Refused));
    if objection_kept {
        let objection = c.date("objectionOn", "提出异议日期", &mut i.objection_on, true, true);
        c.order("objectionOn", "提出异议日期", objection, "决定日期", decision_on);
        match st {
            Some(LegalAidState::Objecting) => {
                c.state_ahead("objectionDecidedOn", "异议审查决定日期", filled(&i.objection_decided_on), "异议维持或责令改正");
                i.objection_result = None;
            }
            Some(LegalAidState::ObjectionUpheld) => i.objection_result = Some("upheld".into()),
            Some(LegalAidState::ObjectionCorrected) => i.objection_result = Some("corrected".into()),
            _ => {}
        }
        if st != Some(LegalAidState::Objecting) {
            c.opt_code("objectionResult", "异议审查结果", "laObjectionResult", &mut i.objection_result, true);
            objection_decided = c.date("objectionDecidedOn", "异议审查决定日期", &mut i.objection_decided_on, true, true);
            c.order("objectionDecidedOn", "异议审查决定日期", objection_decided, "提出异议日期", objection);
        }
    } else {
        c.state_ahead("objectionOn", "提出异议日期", filled(&i.objection_on), "异议中");
        i.objection_on = None;
        i.objection_result = None;
        i.objection_decided_on = None;
    }

    // Assignment: required from 已指派 on, except for a case terminated before it was assigned
    // (先行提供 ended early), which goes on to filing without one.
    let filled = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
    let terminated_path = st == Some(LegalAidState::Terminated) || (matches!(st, Some(LegalAidState::Filed | LegalAidState::Visited)) && filled(&i.terminated_on));
    let assignment_required = st.is_some_and(|s| ASSIGNED_STATES.contains(&s)) && !terminated_path;
    let assignment_allowed = st.is_some_and(|s| ASSIGNED_STATES.contains(&s)) || terminated_path;
    let assigned = if assignment_allowed {
        let on = c.date("assignedOn", "指派日期", &mut i.assigned_on, assignment_required, true);
        let need = on.is_some();
        c.text("provider", "承办单位", &mut i.provider, 100, need);
        c.text("handler", "承办人", &mut i.handler, 50, need);
        c.opt_code("handlerType", "承办人类型", "laHandlerType", &mut i.handler_type, need);
        c.order("assignedOn", "指派日期", on, "决定日期", decision_on);
        c.order("assignedOn", "指派日期", on, "异议审查决定日期", objection_decided);
        c.order("assignedOn", "指派日期", on, accepted_label, accepted);
        on
    } else {
        c.state_ahead("assignedOn", "指派日期", filled(&i.assigned_on), "已指派");
        i.assigned_on = None;
        i.provider.clear();
        i.handler.clear();
        i.handler_type = None;
        None
    };

    // Closing or termination, the case file, the visit.
    let mut ended = None;
    if st.is_some_and(|s| ENDED_STATES.contains(&s)) {
        if terminated_path {
            ended = c.date("terminatedOn", "终止日期", &mut i.terminated_on, true, true);
            c.opt_code("terminationGround", "终止事由", "laTerminationGround", &mut i.termination_ground, true);
            c.order("terminatedOn", "终止日期", ended, "指派日期", assigned);
            c.order("terminatedOn", "终止日期", ended, "决定日期", decision_on);
            if i.closed_on.as_deref().is_some_and(|v| !v.trim().is_empty()) {
                c.err("closedOn", "validation.closed_and_terminated", "同一案件不能既结案又终止，请只填写其一");
            }
            i.closed_on = None;
            i.close_mode = None;
        } else {
            if st == Some(LegalAidState::Closed) && filled(&i.terminated_on) {
                c.err("terminatedOn", "validation.closed_and_terminated", "同一案件不能既结案又终止，请只填写其一");
            }
            ended = c.date("closedOn", "结案日期", &mut i.closed_on, true, true);
            c.opt_code("closeMode", "结案方式", "laCloseMode", &mut i.close_mode, true);
            c.order("closedOn", "结案日期", ended, "指派日期", assigned);
            i.terminated_on = None;
            i.termination_ground = None;
        }
        c.money("recovered", "挽回金额", &mut i.recovered);
    } else {
        c.state_ahead("closedOn", "结案日期", filled(&i.closed_on), "结案");
        c.state_ahead("terminatedOn", "终止日期", filled(&i.terminated_on), "终止");
        i.closed_on = None;
        i.close_mode = None;
        i.terminated_on = None;
        i.termination_ground = None;
        i.recovered = None;
    }
    if matches!(st, Some(LegalAidState::Filed | LegalAidState::Visited)) {
        let filed = c.date("fileSubmittedOn", "立卷提交日期", &mut i.file_submitted_on, true, true);
        c.order("fileSubmittedOn", "立卷提交日期", filed, "结案（终止）日期", ended);
    } else {
        c.state_ahead("fileSubmittedOn", "立卷提交日期", filled(&i.file_submitted_on), "立卷归档");
        i.file_submitted_on = None;
    }
    if st.is_some_and(|s| ENDED_STATES.contains(&s)) {
        // A visit may come before or after the file is submitted; it is required to reach 回访评估.
        let visit = c.date("recipientVisitOn", "回访日期", &mut i.recipient_visit_on, st == Some(LegalAidState::Visited), true);
        c.order("recipientVisitOn", "回访日期", visit, "结案（终止）日期", ended);
        c.opt_code("satisfaction", "受援人满意度", "satisfaction", &mut i.satisfaction, visit.is_some() || st == Some(LegalAidState::Visited));
        if visit.is_none() {
            i.satisfaction = None;
        }
    } else {
        c.state_ahead("recipientVisitOn", "回访日期", filled(&i.recipient_visit_on), "回访评估");
        i.recipient_visit_on = None;
        i.satisfaction = None;
    }
    c.text("notes", "备注", &mut i.notes, 1000, false);

    if !c.errors.is_empty() {
        return Err(Error::Validation(c.errors));
    }
    let received = received.expect("checked above");
    Ok(LegalAidFacts {
        received_on: received,
        due_on: None,
        groups_text: format!("|{}|", i.groups.join("|")),
        search_text: [&i.name, &i.id_no, &i.phone, &i.agent_name, &i.opponent, &i.handler, &i.decision_no]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_uppercase(),
    })
}

/// The year of an application number is the year it was received.
pub fn application_year(received_on: NaiveDate) -> i32 {
    received_on.year()
}

// ── Clocks ──────────────────────────────────────────────────────────────────────────────────────


fn days_text(rule: &str) -> String {
    let l = time_limit(rule);
    match l.unit {
        DayUnit::Calendar => format!("{}日", l.days),
        DayUnit::Working => format!("{}个工作日", l.days),
    }
}

/// The last day of `rule`'s period from `start`, standing still during `pauses`.
fn period_end(cal: &Calendar, rule: &str, start: NaiveDate, pauses: &[(NaiveDate, NaiveDate)]) -> NaiveDate {
    let l = time_limit(rule);
    if l.roll_over {
        cal.period_end_with_pauses(start, l.days, l.unit, pauses)
    } else {
        start + Duration::days(l.days)
    }
}

struct ClockSpec {
    rule: &'static str,
    /// Shown for information only: not a deadline on 工作台 and not counted as late.
    reference: bool,
    rule_text: String,
    due: NaiveDate,
    done: Option<NaiveDate>,
    /// Still the office's or the institution's to do.
    open: bool,
    paused: bool,
}

fn specs(i: &LegalAidInput, cal: &Calendar, today: NaiveDate) -> Vec<ClockSpec> {
    let st = LegalAidState::from_code(&i.state);
    let notified = i.aid_channel == "notified";
    let mut out = Vec::new();
    let Ok(received) = parse_date(&i.received_on) else { return out };
    let accepted = date_of(&i.accepted_on);

    // 24 hours to forward a detained applicant's request.
    if i.applicant_detained && forward_needed(i) {
        let done = date_of(&i.forwarded_on);
        out.push(ClockSpec {
            reference: false,
            rule: "legal_aid.forward_detained",
            rule_text: "接收之日起24小时内转交受理机构".into(),
            due: period_end(cal, "legal_aid.forward_detained", received, &[]),
            done,
            open: done.is_none() && !st.is_some_and(|s| FINAL_STATES.contains(&s)),
            paused: false,
        });
    }

    // Supplementing materials, and the deemed withdrawal when they do not come.
    let notice = date_of(&i.supp_notice_on);
    let supp_done = date_of(&i.supp_done_on);
    if let Some(n) = notice {
        if supp_done.is_some() || st == Some(LegalAidState::Supplementing) {
            let due = date_of(&i.supp_due_on).unwrap_or_else(|| period_end(cal, "legal_aid.supplement", n, &[]));
            out.push(ClockSpec {
                reference: false,
                rule: "legal_aid.supplement",
                rule_text: format!("补充材料通知载明的期限（未载明的按{}）", days_text("legal_aid.supplement")),
                due,
                done: supp_done,
                open: st == Some(LegalAidState::Supplementing),
                paused: false,
            });
        }
    }

    // 7 days to decide, standing still while materials are supplemented.
    if let (false, Some(a)) = (notified, accepted) {
        if st != Some(LegalAidState::WithdrawnDeemed) {
            let done = if st.is_some_and(|s| DECIDED_STATES.contains(&s)) { date_of(&i.decision_on) } else { None };
            let open_pause = st == Some(LegalAidState::Supplementing) && supp_done.is_none();
            let pauses: Vec<(NaiveDate, NaiveDate)> = match (notice, supp_done) {
                (Some(n), Some(d)) => vec![(n, d)],
                (Some(n), None) if open_pause => vec![(n, today.max(n))],
                _ => Vec::new(),
            };
            out.push(ClockSpec {
                reference: false,
                rule: "legal_aid.decide",
                rule_text: format!("受理之日起{}内作出决定（补充材料期间不计）", days_text("legal_aid.decide")),
                due: period_end(cal, "legal_aid.decide", a, &pauses),
                done,
                open: done.is_none(),
                paused: open_pause,
            });
            // Whether forwarding time counts toward the 7 days is unsettled (市域通办): the same
            // period from receipt is shown beside it, for reference.
            if received < a {
                out.push(ClockSpec {
                    reference: true,
                    rule: "legal_aid.decide_from_receipt",
                    rule_text: format!("自接收之日起{}（含转交时间，供参考）", days_text("legal_aid.decide")),
                    due: period_end(cal, "legal_aid.decide", received, &pauses),
                    done,
                    open: done.is_none(),
                    paused: open_pause,
                });
            }
        }
    }

    // 3 days to assign: from the grant, from a corrected refusal, or from the notice.
    let assign_start = if notified {
        accepted.map(|a| (a, "收到通知之日起"))
    } else if i.objection_result.as_deref() == Some("corrected") {
        date_of(&i.objection_decided_on).map(|d| (d, "异议责令改正之日起"))
    } else if matches!(i.decision.as_deref(), Some("grant" | "provisional")) {
        date_of(&i.decision_on).map(|d| (d, "决定给予之日起"))
    } else {
        None
    };
    if let Some((start, from)) = assign_start {
        let done = date_of(&i.assigned_on);
        let relevant = st.is_some_and(|s| AWAITING_ASSIGNMENT.contains(&s)) || done.is_some();
        if relevant {
            out.push(ClockSpec {
                reference: false,
                rule: "legal_aid.assign",
                rule_text: format!("{from}{}内指派", days_text("legal_aid.assign")),
                due: period_end(cal, "legal_aid.assign", start, &[]),
                done,
                open: done.is_none() && st.is_some_and(|s| AWAITING_ASSIGNMENT.contains(&s)),
                paused: false,
            });
        }
    }

    // 5 days to decide an objection.
    if let Some(o) = date_of(&i.objection_on) {
        let done = date_of(&i.objection_decided_on);
        out.push(ClockSpec {
            reference: false,
            rule: "legal_aid.objection",
            rule_text: format!("收到异议之日起{}内作出决定", days_text("legal_aid.objection")),
            due: period_end(cal, "legal_aid.objection", o, &[]),
            done,
            open: st == Some(LegalAidState::Objecting),
            paused: false,
        });
    }

    // 30 days to submit the case file after closing or termination; then the visit.
    let ended = date_of(&i.closed_on).or(date_of(&i.terminated_on));
    if let Some(e) = ended {
        let done = date_of(&i.file_submitted_on);
        out.push(ClockSpec {
            reference: false,
            rule: "legal_aid.file_submit",
            rule_text: format!("结案（终止）之日起{}内提交立卷材料", days_text("legal_aid.file_submit")),
            due: period_end(cal, "legal_aid.file_submit", e, &[]),
            done,
            open: done.is_none() && matches!(st, Some(LegalAidState::Closed | LegalAidState::Terminated)),
            paused: false,
        });
        if let Some(closed) = date_of(&i.closed_on) {
            let done = date_of(&i.recipient_visit_on);
            out.push(ClockSpec {
                reference: false,
                rule: "legal_aid.recipient_visit",
                rule_text: format!("结案之日起{}内回访受援人（本所设定）", days_text("legal_aid.recipient_visit")),
                due: period_end(cal, "legal_aid.recipient_visit", closed, &[]),
                done,
                open: done.is_none() && matches!(st, Some(LegalAidState::Closed | LegalAidState::Filed)),
                paused: false,
            });
        }
    }
    out
}

/// Every clock of an application on `today`, met or open, in the order of the procedure.
pub fn clocks(i: &LegalAidInput, cal: &Calendar, today: NaiveDate) -> Vec<LegalAidClock> {
    specs(i, cal, today)
        .into_iter()
        .map(|s| {
            let l = time_limit(if s.reference { "legal_aid.decide" } else { s.rule });
            let (status, days_left) = match (s.done, s.open) {
                (Some(d), _) => (if d <= s.due { "on_time" } else { "late" }.to_string(), None),
                (None, true) if s.paused => ("paused".to_string(), Some((s.due - today).num_days())),
                (None, true) => {
                    let d = deadline(if s.reference { "legal_aid.decide" } else { s.rule }, s.due, today);
                    (d.level, Some(d.days_left))
                }
                // Neither done nor still due: the step did not happen (e.g. deemed withdrawn).
                (None, false) => ("lapsed".to_string(), None),
            };
            LegalAidClock {
                rule: s.rule.to_string(),
                title: if s.reference { format!("{}（自接收起算）", l.title) } else { l.title.clone() },
                rule_text: s.rule_text,
                due_on: s.due.to_string(),
                done_on: s.done.map(|d| d.to_string()),
                status,
                days_left,
            }
        })
        .filter(|c| c.status != "lapsed")
        .collect()
}

/// The open deadlines of an application, most urgent first (a clock standing still last).
pub fn deadlines(i: &LegalAidInput, cal: &Calendar, today: NaiveDate) -> Vec<Deadline> {
    let mut out: Vec<Deadline> = clocks(i, cal, today)
        .into_iter()
        .filter(|c| c.done_on.is_none() && c.rule != "legal_aid.decide_from_receipt")
        .map(|c| Deadline { title: c.title, due_on: c.due_on, days_left: c.days_left.unwrap_or(0), level: c.status })
        .collect();
    out.sort_by_key(|d| (d.level == "paused", d.days_left));
    out
}

/// The earliest due date among running clocks (one standing still moves every day, so it is
/// not stored; 工作台 finds those by their state).
pub fn running_due_on(i: &LegalAidInput, cal: &Calendar, today: NaiveDate) -> Option<NaiveDate> {
    specs(i, cal, today).into_iter().filter(|s| s.open && !s.paused && s.done.is_none() && !s.reference).map(|s| s.due).min()
}

/// Whether a met clock was met late, by rule: the monthly statistics count these.
pub fn late_rules(i: &LegalAidInput, cal: &Calendar, today: NaiveDate) -> Vec<&'static str> {
    specs(i, cal, today)
        .into_iter()
        .filter(|s| !s.reference)
        .filter(|s| match s.done {
            Some(d) => d > s.due,
            None => s.open && !s.paused && s.due < today,
        })
        .map(|s| s.rule)
        .collect()
}

/// "张三（追索劳动报酬）": how an application is named in 工作台's list.
pub fn display_text(i: &LegalAidInput) -> String {
    match codes::label("laMatter", &i.matter) {
        Some(m) => format!("{}（{m}）", i.name),
        None => i.name.clone(),
    }
}

#[cfg(test)]
mod tests;
