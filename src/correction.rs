//! Community correction (社区矫正, DOMAIN.md §3): the subject register, the events of the
//! supervision (reports, visits, talks, hours, health reports, leave, sanctions, assessments),
//! and the daily computation of what each subject owes and what is late.
//!
//! The office executes; the county decides sanctions and longer leave. So the core never applies a
//! sanction: lateness produces *hints* that staff confirm by recording a proposal.

use crate::calendar::Calendar;
use crate::check::{age_on, date_of, Checker, PersonId};
use crate::codes::{self, time_limit};
use crate::error::{Error, Result};
use crate::validate::{normalize_doc_brackets, parse_date};
use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

// ── Supervision levels (data, edited by the office head) ───────────────────────────────────────

code_enum! {
    /// 管理等级; the code table `corrLevel` gives the labels.
    pub enum ManagementLevel {
        Strict => "strict",
        Normal => "normal",
        Lenient => "lenient",
    }
}

/// One supervision level and its cadence. The values are provincial practice, kept in the
/// `correction_level` table and edited on the 监管等级 screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SupervisionLevel {
    /// As sent; `validate_level` refuses a code that is not a `ManagementLevel`.
    #[ts(as = "ManagementLevel")]
    pub code: String,
    pub reports_per_month: i64,
    pub talks_per_month: i64,
    pub education_hours: i64,
    pub service_hours: i64,
    /// 0: no scheduled visit.
    pub visit_every_days: i64,
}

pub fn validate_level(l: &mut SupervisionLevel) -> Result<()> {
    let mut c = Checker::new(NaiveDate::MIN);
    l.code = l.code.trim().to_string();
    if !codes::is_code("corrLevel", &l.code) {
        c.err("code", "validation.code", "管理等级的取值无效");
    }
    let mut range = |field: &str, label: &str, v: i64, max: i64| {
        if !(0..=max).contains(&v) {
            c.err(field, "validation.range", format!("{label}应为0至{max}之间的整数"));
        }
    };
    range("reportsPerMonth", "每月报告次数", l.reports_per_month, 31);
    range("talksPerMonth", "每月谈话次数", l.talks_per_month, 31);
    range("educationHours", "每月教育学习小时数", l.education_hours, 200);
    range("serviceHours", "每月公益活动小时数", l.service_hours, 200);
    range("visitEveryDays", "实地查访间隔天数", l.visit_every_days, 365);
    if c.errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(c.errors))
    }
}

// ── The subject ─────────────────────────────────────────────────────────────────────────────────

/// One e-positioning (电子定位) period: at most three months per approval.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EMonitoringPeriod {
    pub start: Option<String>,
    pub end: Option<String>,
    /// Code of table `corrEMonReason`.
    pub reason: Option<String>,
}

/// 社区矫正对象: every field of DOMAIN.md §3.3. Codes refer to the `corr*` tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct CorrectionSubjectInput {
    pub subject_code: String,
    pub name: String,
    pub sex: Option<String>,
    pub ethnicity: Option<String>,
    pub birth_date: Option<String>,
    pub id_type: Option<String>,
    pub id_no: String,
    pub domicile: String,
    pub residence: String,
    pub phone: String,
    pub education: Option<String>,
    pub marital: Option<String>,
    pub employment: Option<String>,
    pub health: Option<String>,
    pub correction_type: String,
    pub temporary_kind: Option<String>,
    pub deciding_organ: String,
    pub deciding_organ_name: String,
    pub doc_no: String,
    pub effective_on: Option<String>,
    pub charge: String,
    pub charge_class: String,
    pub sentence: String,
    pub term_text: String,
    pub orig_start: Option<String>,
    pub orig_end: Option<String>,
    pub supplementary: Vec<String>,
    pub prohibition_order: String,
    pub prohibition_from: Option<String>,
    pub prohibition_to: Option<String>,
    pub corr_start: Option<String>,
    /// Inclusive (DOMAIN.md §0).
    pub corr_end: Option<String>,
    pub detention_place: String,
    pub intake_mode: String,
    pub reported_on: Option<String>,
    pub announced_on: Option<String>,
    pub is_recidivist: bool,
    pub three_involved: Vec<String>,
    pub four_histories: Vec<String>,
    pub team: Vec<String>,
    #[ts(as = "ManagementLevel")]
    pub supervision_level: String,
    pub risk_level: Option<String>,
    pub e_monitoring: Vec<EMonitoringPeriod>,
    #[ts(as = "CorrectionState")]
    pub state: String,
    /// Entered flags (脱管/失联, 强制措施, 提请撤销中, 迁出中); 外出中 and 电子定位中 are derived.
    pub flags: Vec<String>,
    pub absconded_since: Option<String>,
    pub abscond_reason: String,
    /// How the office looked for the subject and what it did (查找和纠正措施).
    pub abscond_measures: String,
    /// 漏管: why the subject was not under supervision when they should have been.
    pub missed_reason: String,
    pub missed_measures: String,
    pub exit_type: Option<String>,
    pub exit_on: Option<String>,
    pub exit_doc_no: String,
    pub reoffended: bool,
    pub new_charge: String,
    pub notes: String,
}

impl Default for CorrectionSubjectInput {
    fn default() -> Self {
        CorrectionSubjectInput {
            subject_code: String::new(),
            name: String::new(),
            sex: None,
            ethnicity: Some("01".into()),
            birth_date: None,
            id_type: Some("resident_id".into()),
            id_no: String::new(),
            domicile: String::new(),
            residence: String::new(),
            phone: String::new(),
            education: None,
            marital: None,
            employment: None,
            health: None,
            correction_type: String::new(),
            temporary_kind: None,
            deciding_organ: "court".into(),
            deciding_organ_name: String::new(),
            doc_no: String::new(),
            effective_on: None,
            charge: String::new(),
            charge_class: String::new(),
            sentence: String::new(),
            term_text: String::new(),
            orig_start: None,
            orig_end: None,
            supplementary: Vec::new(),
            prohibition_order: String::new(),
            prohibition_from: None,
            prohibition_to: None,
            corr_start: None,
            corr_end: None,
            detention_place: String::new(),
            intake_mode: "self".into(),
            reported_on: None,
            announced_on: None,
            is_recidivist: false,
            three_involved: Vec::new(),
            four_histories: Vec::new(),
            team: vec!["office".into()],
            supervision_level: "normal".into(),
            risk_level: None,
            e_monitoring: Vec::new(),
            state: "awaiting_report".into(),
            flags: Vec::new(),
            absconded_since: None,
            abscond_reason: String::new(),
            abscond_measures: String::new(),
            missed_reason: String::new(),
            missed_measures: String::new(),
            exit_type: None,
            exit_on: None,
            exit_doc_no: String::new(),
            reoffended: false,
            new_charge: String::new(),
            notes: String::new(),
        }
    }
}

/// What the store indexes about a subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectFacts {
    pub is_minor: bool,
    pub corr_start: Option<NaiveDate>,
    pub corr_end: Option<NaiveDate>,
    pub search_text: String,
}

code_enum! {
    /// 矫正状态 (DOMAIN.md §3.2), in the order a subject goes through them; the code table
    /// `corrState` gives the labels.
    pub enum CorrectionState {
        Assessing => "assessing",
        AwaitingReport => "awaiting_report",
        Reported => "reported",
        Announced => "announced",
        Supervising => "supervising",
        Released => "released",
        Terminated => "terminated",
        TransferredOut => "transferred_out",
    }
}

impl CorrectionState {
    /// Out of community correction: released, terminated or moved away.
    pub fn is_exited(self) -> bool {
        matches!(self, CorrectionState::Released | CorrectionState::Terminated | CorrectionState::TransferredOut)
    }

    /// In the register (在册): reported and not yet out.
    pub fn is_registered(self) -> bool {
        matches!(self, CorrectionState::Reported | CorrectionState::Announced | CorrectionState::Supervising)
    }
}

/// Whether a stored state code is one of the registered states (在册).
pub fn is_registered(state: &str) -> bool {
    CorrectionState::from_code(state).is_some_and(CorrectionState::is_registered)
}
/// Flags the core derives from events and periods; never entered.
const DERIVED_FLAGS: &[&str] = &["away", "e_monitoring"];
/// Duties whose lateness is the subject's breach of the rules (社区矫正法实施办法 Art 34–35); the
/// others (talks, visits, hours, the term end) are the office's to act on.
pub const SUBJECT_DUTIES: &[&str] = &["report_in", "report", "leave_return", "health_report", "medical_review", "absconded"];

fn successors(state: CorrectionState) -> &'static [CorrectionState] {
    match state {
        CorrectionState::Assessing => &[CorrectionState::AwaitingReport, CorrectionState::Terminated],
        CorrectionState::AwaitingReport => &[CorrectionState::Reported, CorrectionState::Terminated],
        CorrectionState::Reported => &[CorrectionState::Announced, CorrectionState::Terminated, CorrectionState::TransferredOut],
        CorrectionState::Announced => &[CorrectionState::Supervising, CorrectionState::Terminated, CorrectionState::TransferredOut],
        CorrectionState::Supervising => &[CorrectionState::Released, CorrectionState::Terminated, CorrectionState::TransferredOut],
        CorrectionState::Released | CorrectionState::Terminated | CorrectionState::TransferredOut => &[],
    }
}

/// A closed record (解除、终止矫正或已转出): changing it needs a reason.
pub fn is_closed(state: &str) -> bool {
    crate::check::is_closed_code(successors, state)
}

/// Forward moves only (skipping steps is allowed for records entered after the fact).
pub fn can_move(from: &str, to: &str) -> bool {
    crate::check::reachable_code(successors, from, to)
}

/// The states a subject may be saved in: any for a new one, else the current and later ones.
pub fn allowed_states(from: Option<&str>) -> Vec<CorrectionState> {
    CorrectionState::ALL.iter().copied().filter(|s| from.is_none_or(|f| can_move(f, s.code()))).collect()
}


fn code_if(c: &mut Checker, field: &str, label: &str, table: &str, value: &mut String, required: bool) {
    *value = value.trim().to_string();
    if value.is_empty() && !required {
        return;
    }
    c.code(field, label, table, value);
}


/// Whether the person was under 18 when the ruling took effect (or today, before a ruling): the
/// record stays confidential after they come of age (社区矫正法 Art 54).
pub fn minor_at(birth: Option<NaiveDate>, effective: Option<NaiveDate>, today: NaiveDate) -> bool {
    birth.is_some_and(|b| age_on(b, effective.unwrap_or(today)) < 18)
}

/// Checks and normalises a subject. `today` decides what counts as a future date.
pub fn validate_subject(i: &mut CorrectionSubjectInput, today: NaiveDate) -> Result<SubjectFacts> {
    let mut c = Checker::new(today);
    i.state = i.state.trim().to_string();
    if !codes::is_code("corrState", &i.state) {
        c.err("state", "validation.code", "请选择矫正状态");
    }
    let st = CorrectionState::from_code(&i.state);
    let ruled = st != Some(CorrectionState::Assessing);
    let exited = st.is_some_and(CorrectionState::is_exited);

    i.subject_code = crate::validate::to_half_width(i.subject_code.trim());
    c.text("subjectCode", "对象编号", &mut i.subject_code, 30, true);
    c.text("name", "姓名", &mut i.name, 20, true);
    let mut birth = c.date("birthDate", "出生日期", &mut i.birth_date, false, true);
    if i.id_no.trim().is_empty() {
        c.err("idNo", "validation.required", "请填写证件号码");
    }
    let id = c.person_id(PersonId {
        prefix: "",
        who: "",
        id_type: &mut i.id_type,
        id_no: &mut i.id_no,
        sex: &mut i.sex,
        birth_date: &mut i.birth_date,
        birth,
        default_type: "resident_id",
    });
    if let Some(id) = &id {
        birth = birth.or(Some(id.birth_date));
    }
    // A wrong ID number is the one message to show: sex and birth date come from it.
    let id_wrong = c.errors.iter().any(|e| e.field == "idNo");
    c.opt_code("sex", "性别", "sex", &mut i.sex, !id_wrong);
    if i.birth_date.is_none() && !id_wrong && c.errors.iter().all(|e| e.field != "birthDate") {
        c.err("birthDate", "validation.required", "请填写出生日期");
    }
    c.opt_code("ethnicity", "民族", "ethnicity", &mut i.ethnicity, true);
    c.text("domicile", "户籍地", &mut i.domicile, 100, true);
    c.text("residence", "执行地详细住址", &mut i.residence, 100, true);
    c.phones("phone", "联系电话", &mut i.phone, true);
    c.opt_code("education", "文化程度", "education", &mut i.education, false);
    c.opt_code("marital", "婚姻状况", "corrMarital", &mut i.marital, false);
    c.opt_code("employment", "就业就学情况", "corrEmployment", &mut i.employment, false);
    c.opt_code("health", "健康状况", "corrHealth", &mut i.health, false);

    c.code("correctionType", "矫正类别", "corrType", &mut i.correction_type);
    if i.correction_type == "temporary" {
        c.opt_code("temporaryKind", "暂予监外执行情形", "corrTemporaryKind", &mut i.temporary_kind, true);
    } else if i.temporary_kind.as_deref().is_some_and(|v| !v.trim().is_empty()) {
        c.err("temporaryKind", "validation.not_applicable", "暂予监外执行情形仅适用于暂予监外执行的对象");
    } else {
        i.temporary_kind = None;
    }
    c.code("decidingOrgan", "决定机关类别", "corrDecidingOrgan", &mut i.deciding_organ);
    c.text("decidingOrganName", "决定机关名称", &mut i.deciding_organ_name, 50, ruled);
    i.doc_no = normalize_doc_brackets(&crate::validate::to_half_width(i.doc_no.trim()));
    c.text("docNo", "判决（裁定、决定）书文号", &mut i.doc_no, 50, ruled);
    let effective = c.date("effectiveOn", "判决生效日期", &mut i.effective_on, ruled, true);
    c.text("charge", "罪名", &mut i.charge, 50, true);
    c.code("chargeClass", "罪名类别", "corrChargeClass", &mut i.charge_class);
    c.text("sentence", "原判刑罚", &mut i.sentence, 50, ruled);
    c.text("termText", "原判刑期", &mut i.term_text, 30, false);
    let orig_start = c.date("origStart", "原判刑期起日", &mut i.orig_start, false, false);
    let orig_end = c.date("origEnd", "原判刑期止日", &mut i.orig_end, false, false);
    c.order("origEnd", "原判刑期止日", orig_end, "原判刑期起日", orig_start);
    c.code_set("supplementary", "附加刑", "corrSupplementary", &mut i.supplementary);
    c.text("prohibitionOrder", "禁止令内容", &mut i.prohibition_order, 500, false);
    let has_order = !i.prohibition_order.is_empty();
    let p_from = c.date("prohibitionFrom", "禁止令起日", &mut i.prohibition_from, has_order, false);
    let p_to = c.date("prohibitionTo", "禁止令止日", &mut i.prohibition_to, has_order, false);
    if !has_order && (p_from.is_some() || p_to.is_some()) {
        c.err("prohibitionOrder", "validation.required", "已填写禁止令期限，请填写禁止令内容");
    }
    c.order("prohibitionTo", "禁止令止日", p_to, "禁止令起日", p_from);
    let corr_start = c.date("corrStart", "矫正起始日", &mut i.corr_start, ruled, false);
    let corr_end = c.date("corrEnd", "矫正期满日", &mut i.corr_end, ruled, false);
    c.order("corrEnd", "矫正期满日", corr_end, "矫正起始日", corr_start);
    c.order("corrStart", "矫正起始日", corr_start, "判决生效日期", effective);
    c.text("detentionPlace", "原羁押场所", &mut i.detention_place, 50, false);
    code_if(&mut c, "intakeMode", "接收方式", "corrIntakeMode", &mut i.intake_mode, ruled);

    // Reporting and announcement follow the state.
    let reported_required = matches!(st, Some(CorrectionState::Reported | CorrectionState::Announced | CorrectionState::Supervising | CorrectionState::Released));
    let reported = c.date("reportedOn", "报到日期", &mut i.reported_on, reported_required, true);
    if matches!(st, Some(CorrectionState::Assessing | CorrectionState::AwaitingReport)) {
        c.state_ahead("reportedOn", "报到日期", reported.is_some(), "已报到");
    }
    c.order("reportedOn", "报到日期", reported, "判决生效日期", effective);
    let announced_required = matches!(st, Some(CorrectionState::Announced | CorrectionState::Supervising | CorrectionState::Released));
    let announced = c.date("announcedOn", "宣告日期", &mut i.announced_on, announced_required, true);
    if matches!(st, Some(CorrectionState::Assessing | CorrectionState::AwaitingReport | CorrectionState::Reported)) {
        c.state_ahead("announcedOn", "宣告日期", announced.is_some(), "已宣告");
    }
    c.order("announcedOn", "宣告日期", announced, "报到日期", reported);

    c.code_set("threeInvolved", "三涉情况", "corrThreeInvolved", &mut i.three_involved);
    c.code_set("fourHistories", "四史情况", "corrFourHistories", &mut i.four_histories);
    c.code_set("team", "矫正小组成员", "corrTeam", &mut i.team);
    if ruled && i.team.is_empty() {
        c.err("team", "validation.required", "请选择矫正小组成员");
    }
    c.code("supervisionLevel", "管理等级", "corrLevel", &mut i.supervision_level);
    c.opt_code("riskLevel", "风险等级", "corrRisk", &mut i.risk_level, false);

    // E-positioning: each approval at most three months; periods in order, not overlapping.
    let mut previous_end: Option<NaiveDate> = None;
    for (n, p) in i.e_monitoring.iter_mut().enumerate() {
        let f = |name: &str| format!("eMonitoring.{n}.{name}");
        let label = format!("第{}段电子定位", n + 1);
        let start = c.date(&f("start"), &format!("{label}起日"), &mut p.start, true, true);
        let end = c.date(&f("end"), &format!("{label}止日"), &mut p.end, true, false);
        c.opt_code(&f("reason"), &format!("{label}的原因"), "corrEMonReason", &mut p.reason, true);
        c.order(&f("end"), &format!("{label}止日"), end, &format!("{label}起日"), start);
        if let (Some(s), Some(e)) = (start, end) {
            let limit = s.checked_add_months(Months::new(E_MONITORING_MONTHS)).expect("date in range");
            if e > limit {
                c.err(f("end"), "validation.e_monitoring", format!("{label}超过三个月（最晚至{limit}），续期请另起一段"));
            }
            if let Some(pe) = previous_end {
                if s <= pe {
                    c.err(f("start"), "validation.date_order", format!("{label}起日须晚于上一段的止日"));
                }
            }
            previous_end = Some(e);
        }
        c.order(&f("start"), &format!("{label}起日"), start, "矫正起始日", corr_start);
    }

    // Flags are for subjects still under supervision; derived ones are not stored.
    i.flags.retain(|f| !DERIVED_FLAGS.contains(&f.trim()));
    c.code_set("flags", "状态标记", "corrFlag", &mut i.flags);
    if exited && !i.flags.is_empty() {
        c.err("flags", "validation.flags_exited", "解除、终止或迁出的对象不能再有在矫状态标记，请先取消标记");
    }
    let absconded = i.flags.iter().any(|f| f == "absconded");
    let since = c.date("abscondedSince", "脱管/失联起始日", &mut i.absconded_since, absconded, true);
    if !absconded && since.is_some() {
        c.err("abscondedSince", "validation.not_applicable", "未标记脱管/失联，不应填写脱管/失联起始日");
    }
    for (flag, flag_label, fields) in [
        ("absconded", "脱管/失联", [("abscondReason", "脱管/失联原因", &mut i.abscond_reason), ("abscondMeasures", "查找和纠正措施", &mut i.abscond_measures)]),
        ("missed", "漏管", [("missedReason", "漏管原因", &mut i.missed_reason), ("missedMeasures", "核查和纠正措施", &mut i.missed_measures)]),
    ] {
        let set = i.flags.iter().any(|f| f == flag);
        for (k, (field, label, value)) in fields.into_iter().enumerate() {
            c.text(field, label, value, 1000, set && k == 0);
            if !set && !value.is_empty() {
                c.err(field, "validation.not_applicable", format!("未标记{flag_label}，不应填写{label}"));
            }
        }
    }

    // Exit.
    c.opt_code("exitType", "解除或终止类型", "corrExitType", &mut i.exit_type, exited);
    let exit_on = c.date("exitOn", "解除（终止）日期", &mut i.exit_on, exited, true);
    i.exit_doc_no = normalize_doc_brackets(&crate::validate::to_half_width(i.exit_doc_no.trim()));
    c.text("exitDocNo", "文书编号", &mut i.exit_doc_no, 50, exited);
    if exited {
        let allowed: &[&str] = match st {
            Some(CorrectionState::Released) => &["expired", "pardoned"],
            Some(CorrectionState::Terminated) => &["probation_revoked", "parole_revoked", "recommitted", "died"],
            _ => &["moved"],
        };
        if let Some(t) = i.exit_type.as_deref().filter(|t| codes::is_code("corrExitType", t)) {
            if !allowed.contains(&t) {
                c.err("exitType", "validation.exit_type", format!(
                    "“{}”与状态“{}”不符",
                    codes::label("corrExitType", t).unwrap_or(t),
                    codes::label("corrState", &i.state).unwrap_or(&i.state)
                ));
            }
            let fits = match t {
                "probation_revoked" => i.correction_type == "probation",
                "parole_revoked" => i.correction_type == "parole",
                "recommitted" => i.correction_type == "temporary",
                _ => true,
            };
            if !fits {
                c.err("exitType", "validation.exit_type", format!(
                    "{}不适用于{}的对象",
                    codes::label("corrExitType", t).unwrap_or(t),
                    codes::label("corrType", &i.correction_type).unwrap_or("该类别")
                ));
            }
            if t == "expired" {
                c.order("exitOn", "期满解除日期", exit_on, "矫正期满日", corr_end);
            }
        }
        c.order("exitOn", "解除（终止）日期", exit_on, "判决生效日期", effective);
    } else {
        let filled = i.exit_type.is_some() || exit_on.is_some() || !i.exit_doc_no.is_empty();
        c.state_ahead("exitType", "解除或终止信息", filled, "解除矫正、终止矫正或迁出");
    }
    c.text("newCharge", "新罪名", &mut i.new_charge, 50, i.reoffended);
    if !i.reoffended && !i.new_charge.is_empty() {
        c.err("newCharge", "validation.not_applicable", "未勾选重新犯罪，不应填写新罪名");
    }
    c.text("notes", "备注", &mut i.notes, 1000, false);

    if !c.errors.is_empty() {
        return Err(Error::Validation(c.errors));
    }
    let search_text = [&i.subject_code, &i.name, &i.id_no, &i.phone, &i.charge, &i.doc_no, &i.residence]
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase();
    Ok(SubjectFacts { is_minor: minor_at(birth, effective, today), corr_start, corr_end, search_text })
}

// ── Events ──────────────────────────────────────────────────────────────────────────────────────

/// Months one e-positioning approval may last at most (社区矫正法 Art 29).
pub const E_MONITORING_MONTHS: u32 = 3;
/// Leave the office approves itself; the county beyond (实施办法 Art 27–28).
pub const LEAVE_OFFICE_DAYS: i64 = 7;
/// Leave one approval covers, and the two-month total, beyond which the level above approves.
pub const LEAVE_MAX_DAYS: i64 = 30;
pub const LEAVE_WINDOW_MONTHS: u32 = 2;

/// One event of a subject's supervision. Fields not used by the event's kind are cleared when
/// it is saved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct CorrectionEventInput {
    /// Code of table `corrEventKind`.
    pub kind: String,
    pub event_on: String,
    pub staff: String,
    /// Findings of a visit, talk content, learning or service content, health state, review
    /// result, sanction grounds, assessment remarks.
    pub content: String,
    pub report_mode: Option<String>,
    /// Place of a visit or talk; hospital of a medical review.
    pub place: String,
    /// People met on a visit.
    pub people: String,
    pub hours: Option<f64>,
    pub leave_reason: Option<String>,
    pub destination: String,
    pub leave_from: Option<String>,
    pub leave_to: Option<String>,
    /// Computed: leave_to − leave_from + 1.
    pub leave_days: Option<i64>,
    /// Computed from the 7-day and 30-day rules.
    pub approval_level: Option<String>,
    /// Computed: why the approval level is what it is.
    pub approval_note: String,
    /// Computed for leave reported back late: days after the report back fell due.
    pub overdue_days: Option<i64>,
    /// `corrLeaveDecision` for leave, `corrSanctionDecision` for sanctions.
    pub decision: Option<String>,
    pub decided_on: Option<String>,
    pub returned_on: Option<String>,
    pub sanction: Option<String>,
    pub doc_no: String,
    pub period: String,
    pub score: Option<i64>,
    #[ts(as = "Option<ManagementLevel>")]
    pub new_level: Option<String>,
    pub notes: String,
}

/// The days of [from, to] inside [a, b].
fn overlap_days(from: NaiveDate, to: NaiveDate, a: NaiveDate, b: NaiveDate) -> i64 {
    let s = from.max(a);
    let e = to.min(b);
    if e < s {
        0
    } else {
        (e - s).num_days() + 1
    }
}

/// Checks and normalises an event of `subject`. `others` are the subject's other live events
/// (for leave overlaps and the two-month total).
pub fn validate_event(
    i: &mut CorrectionEventInput,
    subject: &CorrectionSubjectInput,
    others: &[CorrectionEventInput],
    today: NaiveDate,
) -> Result<()> {
    let mut c = Checker::new(today);
    let kind = i.kind.trim().to_string();
    if !codes::is_code("corrEventKind", &kind) {
        c.err("kind", "validation.code", "请选择事项类别");
    }
    let mut on = Some(i.event_on.clone());
    let label_on = if kind == "leave" { "申请日期" } else if kind == "sanction" { "提请（登记）日期" } else { "日期" };
    let event_on = c.date("eventOn", label_on, &mut on, true, true);
    let mut staff = i.staff.clone();
    c.text("staff", "经办人", &mut staff, 20, true);
    let mut notes = i.notes.clone();
    c.text("notes", "备注", &mut notes, 500, false);
    if let (Some(d), Some(eff)) = (event_on, date_of(&subject.effective_on)) {
        if d < eff {
            c.err("eventOn", "validation.date_order", format!("{label_on}不能早于判决生效日期（{eff}）"));
        }
    }
    if let (Some(d), Some(exit)) = (event_on, date_of(&subject.exit_on)) {
        if d > exit {
            c.err("eventOn", "validation.after_exit", format!("该对象已于{exit}解除或终止矫正，不能登记之后的事项"));
        }
    }
    let temporary = subject.correction_type == "temporary";
    let mut out = CorrectionEventInput {
        kind: kind.clone(),
        event_on: on.unwrap_or_default(),
        staff,
        notes,
        ..Default::default()
    };
    let mut content = i.content.clone();
    let mut place = i.place.clone();
    match kind.as_str() {
        "report" => {
            out.report_mode = i.report_mode.clone();
            c.opt_code("reportMode", "报告方式", "corrReportMode", &mut out.report_mode, true);
            c.text("content", "报告内容", &mut content, 1000, false);
        }
        "visit" => {
            c.text("place", "查访地点", &mut place, 100, true);
            out.people = i.people.clone();
            c.text("people", "走访对象", &mut out.people, 100, false);
            c.text("content", "查访情况", &mut content, 1000, true);
        }
        "talk" => {
            c.text("place", "谈话地点", &mut place, 100, false);
            c.text("content", "谈话内容", &mut content, 1000, true);
        }
        "education" | "service" => {
            let what = if kind == "education" { "学习内容" } else { "活动内容" };
            match i.hours {
                None => c.err("hours", "validation.required", "请填写时长（小时）"),
                Some(h) if !(0.5..=24.0).contains(&h) || (h * 2.0).fract() != 0.0 => {
                    c.err("hours", "validation.hours", "时长应为0.5至24小时，以0.5小时为单位")
                }
                Some(h) => out.hours = Some(h),
            }
            c.text("content", what, &mut content, 1000, true);
        }
        "health_report" | "medical_review" => {
            if !temporary {
                c.err("kind", "validation.not_applicable", "身体状况报告和病情复查仅适用于暂予监外执行的对象");
            }
            if kind == "medical_review" {
                c.text("place", "复查医院", &mut place, 100, true);
                c.text("content", "复查结论", &mut content, 1000, true);
            } else {
                c.text("content", "身体状况", &mut content, 1000, true);
            }
        }
        "leave" => check_leave(&mut c, i, &mut out, &mut content, others, event_on),
        "sanction" => {
            out.sanction = i.sanction.clone();
            c.opt_code("sanction", "奖惩类别", "corrSanction", &mut out.sanction, true);
            let fits = match out.sanction.as_deref() {
                Some("revoke_probation") => subject.correction_type == "probation",
                Some("revoke_parole") => subject.correction_type == "parole",
                Some("recommit") => temporary,
                _ => true,
            };
            if !fits {
                c.err("sanction", "validation.not_applicable", format!(
                    "{}不适用于{}的对象",
                    codes::label("corrSanction", out.sanction.as_deref().unwrap_or("")).unwrap_or(""),
                    codes::label("corrType", &subject.correction_type).unwrap_or("该类别")
                ));
            }
            c.text("content", "事实和理由", &mut content, 1000, true);
            out.decision = i.decision.clone();
            c.opt_code("decision", "决定情况", "corrSanctionDecision", &mut out.decision, true);
            decided(&mut c, i, &mut out, event_on, "决定日期");
            out.doc_no = normalize_doc_brackets(&crate::validate::to_half_width(i.doc_no.trim()));
            c.text("docNo", "决定书文号", &mut out.doc_no, 50, false);
        }
        "assessment" => {
            out.period = i.period.clone();
            c.text("period", "考核期间", &mut out.period, 30, true);
            if let Some(s) = i.score {
                if !(0..=100).contains(&s) {
                    c.err("score", "validation.range", "考核得分应为0至100之间的整数");
                }
            }
            out.score = i.score;
            out.new_level = i.new_level.clone();
            c.opt_code("newLevel", "调整后的管理等级", "corrLevel", &mut out.new_level, false);
            c.text("content", "考核意见", &mut content, 1000, false);
        }
        _ => {}
    }
    out.content = content;
    out.place = place;
    if !c.errors.is_empty() {
        return Err(Error::Validation(c.errors));
    }
    *i = out;
    Ok(())
}

/// Days a return report came after it fell due (the day after the leave ended).
fn leave_overdue_days(to: NaiveDate, back: NaiveDate) -> i64 {
    (back - (to + Duration::days(time_limit("correction.leave_return").days))).num_days()
}

fn decided(c: &mut Checker, i: &CorrectionEventInput, out: &mut CorrectionEventInput, event_on: Option<NaiveDate>, label: &str) {
    out.decided_on = i.decided_on.clone();
    let pending = out.decision.as_deref().is_none_or(|d| d == "pending");
    let d = c.date("decidedOn", label, &mut out.decided_on, !pending, true);
    if pending && d.is_some() {
        c.err("decidedOn", "validation.not_applicable", format!("尚未决定，不应填写{label}"));
    }
    let on_label = if i.kind.trim() == "sanction" { "提请（登记）日期" } else { "申请日期" };
    c.order("decidedOn", label, d, on_label, event_on);
}

fn check_leave(
    c: &mut Checker,
    i: &CorrectionEventInput,
    out: &mut CorrectionEventInput,
    content: &mut String,
    others: &[CorrectionEventInput],
    event_on: Option<NaiveDate>,
) {
    out.leave_reason = i.leave_reason.clone();
    c.opt_code("leaveReason", "外出事由", "corrLeaveReason", &mut out.leave_reason, true);
    out.destination = i.destination.clone();
    c.text("destination", "目的地", &mut out.destination, 100, true);
    c.text("content", "事由说明", content, 1000, false);
    out.leave_from = i.leave_from.clone();
    out.leave_to = i.leave_to.clone();
    let from = c.date("leaveFrom", "外出起日", &mut out.leave_from, true, false);
    let to = c.date("leaveTo", "外出止日", &mut out.leave_to, true, false);
    c.order("leaveTo", "外出止日", to, "外出起日", from);
    c.order("leaveTo", "外出止日", to, "申请日期", event_on);
    out.decision = i.decision.clone();
    c.opt_code("decision", "审批结果", "corrLeaveDecision", &mut out.decision, true);
    decided(c, i, out, event_on, "审批日期");
    let approved = out.decision.as_deref() == Some("approved");
    out.returned_on = i.returned_on.clone();
    let back = c.date("returnedOn", "销假日期", &mut out.returned_on, false, true);
    if back.is_some() && !approved {
        c.err("returnedOn", "validation.not_applicable", "未批准的外出不应填写销假日期");
    }
    c.order("returnedOn", "销假日期", back, "外出起日", from);
    let (Some(from), Some(to)) = (from, to) else { return };
    if to < from {
        return;
    }
    let days = (to - from).num_days() + 1;
    out.leave_days = Some(days);
    let live: Vec<(NaiveDate, NaiveDate)> = others
        .iter()
        .filter(|e| e.kind == "leave" && e.decision.as_deref() != Some("refused"))
        .filter_map(|e| Some((date_of(&e.leave_from)?, date_of(&e.leave_to)?)))
        .collect();
    if out.decision.as_deref() != Some("refused") {
        if let Some((a, b)) = live.iter().find(|(a, b)| overlap_days(from, to, *a, *b) > 0) {
            c.err("leaveFrom", "validation.leave_overlap", format!("与已登记的外出（{a}至{b}）时间重叠"));
        }
    }
    let window_start = to.checked_sub_months(Months::new(LEAVE_WINDOW_MONTHS)).expect("date in range") + Duration::days(1);
    let total = days + live.iter().map(|(a, b)| overlap_days(*a, *b, window_start, to)).sum::<i64>();
    let (level, note) = if days > LEAVE_MAX_DAYS {
        ("higher", format!("本次外出{days}日，超过{LEAVE_MAX_DAYS}日，须报上一级社区矫正机构审批"))
    } else if total > LEAVE_MAX_DAYS {
        ("higher", format!("两个月内累计外出{total}日，超过{LEAVE_MAX_DAYS}日，须报上一级社区矫正机构审批"))
    } else if days > LEAVE_OFFICE_DAYS {
        ("county", format!("本次外出{days}日，超过{LEAVE_OFFICE_DAYS}日，由县级社区矫正机构审批"))
    } else {
        ("office", format!("本次外出{days}日，不超过{LEAVE_OFFICE_DAYS}日，司法所可审批"))
    };
    out.approval_level = Some(level.into());
    out.approval_note = note;
    out.overdue_days = back.map(|b| leave_overdue_days(to, b)).filter(|d| *d > 0);
}

/// Whether a changed subject still fits the events already recorded for it (their dates, and
/// the kinds and sanctions that depend on the correction type).
pub fn fits_events(s: &CorrectionSubjectInput, events: &[CorrectionEventInput]) -> Result<()> {
    let dates: Vec<NaiveDate> = events.iter().filter_map(|e| parse_date(&e.event_on).ok()).collect();
    let mut c = Checker::new(NaiveDate::MIN);
    if let (Some(first), Some(eff)) = (dates.iter().min(), date_of(&s.effective_on)) {
        if eff > *first {
            c.err("effectiveOn", "validation.events_before", format!("已登记的事项最早在{first}，判决生效日期不能晚于该日"));
        }
    }
    if let (Some(last), Some(exit)) = (dates.iter().max(), date_of(&s.exit_on)) {
        if exit < *last {
            c.err("exitOn", "validation.events_after", format!("已登记的事项最晚在{last}，解除（终止）日期不能早于该日"));
        }
    }
    let temporary = s.correction_type == "temporary";
    let type_label = codes::label("corrType", &s.correction_type).unwrap_or("该类别");
    if !temporary && events.iter().any(|e| matches!(e.kind.as_str(), "health_report" | "medical_review")) {
        c.err("correctionType", "validation.events_type", "已登记身体状况报告或病情复查，矫正类别须为暂予监外执行");
    }
    let unfit = events.iter().filter_map(|e| e.sanction.as_deref()).find(|x| match *x {
        "revoke_probation" => s.correction_type != "probation",
        "revoke_parole" => s.correction_type != "parole",
        "recommit" => !temporary,
        _ => false,
    });
    if let Some(x) = unfit {
        c.err("correctionType", "validation.events_type", format!("已登记{}，不适用于{type_label}", codes::label("corrSanction", x).unwrap_or("")));
    }
    if c.errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(c.errors))
    }
}

// ── What is due ─────────────────────────────────────────────────────────────────────────────────

/// One thing a subject (or the office, for talks and visits) owes, and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Duty {
    /// Code of table `corrDuty`.
    pub kind: String,
    pub title: String,
    pub due_on: String,
    pub days_left: i64,
    /// overdue | warning | upcoming
    pub level: String,
    pub detail: String,
}

/// A suggestion for staff to confirm (社区矫正法实施办法 Art 34–35, 46): never applied by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Hint {
    /// The sanction to propose (table `corrSanction`), when the hint is one.
    pub sanction: Option<String>,
    /// The level to move to (table `corrLevel`), when the hint is one.
    #[ts(as = "Option<ManagementLevel>")]
    pub level: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Away {
    pub destination: String,
    pub leave_from: String,
    pub leave_to: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Supervision {
    /// Most urgent first.
    pub duties: Vec<Duty>,
    pub hints: Vec<Hint>,
    pub away: Option<Away>,
    /// Entered flags plus the derived `away` and `e_monitoring`.
    pub flags: Vec<String>,
    /// Days the most overdue of the subject's own duties is late; 0 when none is.
    pub late_days: i64,
}

fn duty(kind: &str, due: NaiveDate, today: NaiveDate, warn_days: i64, detail: String) -> Duty {
    let days_left = (due - today).num_days();
    let level = if days_left < 0 {
        "overdue"
    } else if days_left <= warn_days {
        "warning"
    } else {
        "upcoming"
    };
    Duty {
        kind: kind.into(),
        title: codes::label("corrDuty", kind).unwrap_or(kind).into(),
        due_on: due.to_string(),
        days_left,
        level: level.into(),
        detail,
    }
}

/// Days between two of `per_month` reports or talks.
fn cadence_days(per_month: i64) -> i64 {
    (30 / per_month.max(1)).max(1)
}

struct Leave {
    from: NaiveDate,
    to: NaiveDate,
    destination: String,
    returned: Option<NaiveDate>,
}

fn approved_leaves(events: &[CorrectionEventInput]) -> Vec<Leave> {
    events
        .iter()
        .filter(|e| e.kind == "leave" && e.decision.as_deref() == Some("approved"))
        .filter_map(|e| {
            Some(Leave { from: date_of(&e.leave_from)?, to: date_of(&e.leave_to)?, destination: e.destination.clone(), returned: date_of(&e.returned_on) })
        })
        .collect()
}

/// A due date falling while the subject is away on approved leave moves to the day after.
fn after_leave(mut d: NaiveDate, leaves: &[Leave]) -> NaiveDate {
    for _ in 0..leaves.len() {
        match leaves.iter().find(|l| l.from <= d && d <= l.to) {
            Some(l) => d = l.to + Duration::days(1),
            None => break,
        }
    }
    d
}

fn event_dates(events: &[CorrectionEventInput], kind: &str) -> Vec<NaiveDate> {
    let mut v: Vec<NaiveDate> = events.iter().filter(|e| e.kind == kind).filter_map(|e| parse_date(&e.event_on).ok()).collect();
    v.sort();
    v
}

fn hours_between(events: &[CorrectionEventInput], kind: &str, from: NaiveDate, to: NaiveDate) -> f64 {
    events
        .iter()
        .filter(|e| e.kind == kind)
        .filter(|e| parse_date(&e.event_on).is_ok_and(|d| from <= d && d <= to))
        .filter_map(|e| e.hours)
        // Not `sum()`: an empty f64 sum is -0, shown as "-0小时".
        .fold(0.0, |a, h| a + h)
}

fn month_end(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("day 1").checked_add_months(Months::new(1)).expect("date in range") - Duration::days(1)
}

fn hours_text(h: f64) -> String {
    if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{h:.1}")
    }
}

/// The date supervision is counted from: the report-in, else the start of the term.
fn anchor(s: &CorrectionSubjectInput) -> Option<NaiveDate> {
    date_of(&s.reported_on).or(date_of(&s.corr_start)).or(date_of(&s.effective_on))
}

fn level_of<'a>(s: &CorrectionSubjectInput, levels: &'a [SupervisionLevel]) -> Option<&'a SupervisionLevel> {
    levels.iter().find(|l| l.code == s.supervision_level)
}

/// Report dates with the day each fell due, for the history ("按时" / "逾期N日").
pub fn report_lateness(s: &CorrectionSubjectInput, events: &[CorrectionEventInput], levels: &[SupervisionLevel]) -> Vec<(NaiveDate, i64)> {
    let (Some(start), Some(level)) = (anchor(s), level_of(s, levels)) else { return Vec::new() };
    if level.reports_per_month == 0 {
        return Vec::new();
    }
    let leaves = approved_leaves(events);
    let step = Duration::days(cadence_days(level.reports_per_month));
    let mut last = start;
    let mut out = Vec::new();
    for d in event_dates(events, "report").into_iter().filter(|d| *d >= start) {
        let due = after_leave(last + step, &leaves);
        out.push((d, (d - due).num_days().max(0)));
        last = d;
    }
    out
}

/// What `s` owes on `today`, what is late, and the suggestions that follow. `events` are the
/// subject's live events; `levels` the office's supervision levels.
pub fn supervision(
    s: &CorrectionSubjectInput,
    events: &[CorrectionEventInput],
    levels: &[SupervisionLevel],
    cal: &Calendar,
    today: NaiveDate,
) -> Supervision {
    let mut out = Supervision { flags: s.flags.clone(), ..Default::default() };
    let st = CorrectionState::from_code(&s.state);
    let report_in_due = report_in_due(s, cal);
    if st == Some(CorrectionState::AwaitingReport) {
        if let (Some(eff), Some(due)) = (date_of(&s.effective_on), report_in_due) {
            let days = time_limit("correction.report_in").days;
            let warn = time_limit("correction.report_in").warn_days;
            // 暂予监外执行: the deciding organ hands the person over; it is not the subject's breach.
            if s.correction_type == "temporary" {
                out.duties.push(duty("handover", due, today, warn, format!("决定生效之日（{eff}）起{days}日内交付执行地社区矫正机构")));
            } else {
                out.duties.push(duty("report_in", due, today, warn, format!("判决生效之日（{eff}）起{days}日内报到")));
            }
        }
    }
    if st.is_some_and(CorrectionState::is_registered) {
        registered_duties(s, events, levels, today, &mut out);
    }
    if st == Some(CorrectionState::AwaitingReport) || st.is_some_and(CorrectionState::is_registered) {
        if let Some(since) = date_of(&s.absconded_since).filter(|_| s.flags.iter().any(|f| f == "absconded")) {
            let days = (today - since).num_days();
            out.duties.push(duty("absconded", since, today, 0, format!("自{since}起脱离监管已{days}日")));
        }
    }
    // Held by the police or a court (被采取强制措施): the subject cannot report; nothing of theirs runs.
    if s.flags.iter().any(|f| f == "coercive") {
        out.duties.retain(|d| !SUBJECT_DUTIES.contains(&d.kind.as_str()) || d.kind == "absconded");
    }
    out.duties.sort_by_key(|d| (d.days_left, d.kind.clone()));
    out.late_days = out
        .duties
        .iter()
        .filter(|d| SUBJECT_DUTIES.contains(&d.kind.as_str()) && d.days_left < 0)
        .map(|d| -d.days_left)
        .max()
        .unwrap_or(0);
    let lapses = if s.flags.iter().any(|f| f == "coercive") { Vec::new() } else { lapses(s, events, levels, &out.duties, report_in_due, today) };
    out.hints = hints(s, events, &lapses);
    let order = |f: &String| codes::code_tables()["corrFlag"].iter().position(|i| &i.code == f);
    out.flags.sort_by_key(order);
    out
}

fn registered_duties(s: &CorrectionSubjectInput, events: &[CorrectionEventInput], levels: &[SupervisionLevel], today: NaiveDate, out: &mut Supervision) {
    let leaves = approved_leaves(events);
    if let Some(l) = leaves.iter().find(|l| l.from <= today && today <= l.to && l.returned.is_none()) {
        out.away = Some(Away { destination: l.destination.clone(), leave_from: l.from.to_string(), leave_to: l.to.to_string() });
        out.flags.push("away".into());
    }
    for l in leaves.iter().filter(|l| l.returned.is_none() && l.to < today) {
        let due = l.to + Duration::days(time_limit("correction.leave_return").days);
        out.duties.push(duty("leave_return", due, today, 0, format!("外出{}至{}（{}），期满应立即返回并报告", l.from, l.to, l.destination)));
    }
    if let Some(start) = anchor(s) {
        if let Some(level) = level_of(s, levels) {
            let level_label = codes::label("corrLevel", &level.code).unwrap_or("");
            let mut cadence = |kind: &str, event_kind: &str, every: i64, what: String| {
                let last = event_dates(events, event_kind).into_iter().filter(|d| *d >= start).next_back();
                let due = after_leave(last.unwrap_or(start) + Duration::days(every), &leaves);
                let since = match last {
                    Some(d) => format!("上次{d}"),
                    None => "尚无记录".into(),
                };
                out.duties.push(duty(kind, due, today, 1, format!("{what}；{since}")));
            };
            if level.reports_per_month > 0 {
                cadence("report", "report", cadence_days(level.reports_per_month), format!("{level_label}每月报告{}次", level.reports_per_month));
            }
            if level.talks_per_month > 0 {
                cadence("talk", "talk", cadence_days(level.talks_per_month), format!("{level_label}每月谈话{}次", level.talks_per_month));
            }
            if level.visit_every_days > 0 {
                cadence("visit", "visit", level.visit_every_days, format!("{level_label}每{}日实地查访一次", level.visit_every_days));
            }
            if s.correction_type == "temporary" {
                cadence("health_report", "health_report", 30, "暂予监外执行每月报告身体状况".into());
            }
            for (kind, required) in [("education", level.education_hours), ("service", level.service_hours)] {
                if required <= 0 {
                    continue;
                }
                let what = if kind == "education" { "教育学习" } else { "公益活动" };
                // Required for months under supervision from their first day (not the month of intake).
                let month_start = today.with_day(1).expect("day 1");
                let done = hours_between(events, kind, month_start, today);
                if start <= month_start && done < required as f64 {
                    out.duties.push(duty(kind, month_end(today), today, 7, format!(
                        "本月{what}已完成{}小时，应完成{required}小时",
                        hours_text(done)
                    )));
                }
                // The month before, when the subject was under supervision all of it.
                let prev_start = month_start.checked_sub_months(Months::new(1)).expect("date in range");
                if start <= prev_start {
                    let prev_end = month_start - Duration::days(1);
                    let done = hours_between(events, kind, prev_start, prev_end);
                    if done < required as f64 {
                        out.duties.push(duty(kind, prev_end, today, 0, format!(
                            "{}月{what}仅完成{}小时，应完成{required}小时",
                            prev_start.month(),
                            hours_text(done)
                        )));
                    }
                }
            }
        }
        if s.correction_type == "temporary" && s.temporary_kind.as_deref() == Some("medical") {
            let last = event_dates(events, "medical_review").into_iter().filter(|d| *d >= start).next_back();
            let due = after_leave(last.unwrap_or(start).checked_add_months(Months::new(3)).expect("date in range"), &leaves);
            out.duties.push(duty("medical_review", due, today, 7, "保外就医每三个月到指定医院复查并报告".into()));
        }
    }
    for p in &s.e_monitoring {
        if let (Some(a), Some(b)) = (date_of(&p.start), date_of(&p.end)) {
            if a <= today && today <= b {
                out.flags.push("e_monitoring".into());
                // Renewed already: the next period follows on; nothing to warn about.
                let renewed = s.e_monitoring.iter().any(|q| date_of(&q.start).is_some_and(|qa| qa > b && qa <= b + Duration::days(1)));
                if renewed {
                    continue;
                }
                out.duties.push(duty("e_monitoring", b, today, time_limit("correction.e_monitoring").warn_days, format!(
                    "电子定位{a}至{b}；需继续的应办理延长（每次不超过三个月）"
                )));
            }
        }
    }
    if let Some(end) = date_of(&s.corr_end) {
        let l = time_limit("correction.term_end");
        out.duties.push(duty("term_end", end, today, l.warn_days, format!("矫正期满日{end}；期满前做好解矫宣告和安置帮教衔接")));
    }
}

/// The earliest date whose events `supervision` reads in full: hours are counted for this month
/// and the one before, and lateness is remembered for `LAPSE_MEMORY_DAYS`. Of older report, talk,
/// visit, health-report and review events only the latest date of each kind matters (a recent
/// report is judged against the one before it); leave, sanctions and assessments matter whatever
/// their age.
pub fn due_events_since(today: NaiveDate) -> NaiveDate {
    let last_month = today.with_day(1).expect("day 1").checked_sub_months(Months::new(1)).expect("date in range");
    last_month.min(today - Duration::days(LAPSE_MEMORY_DAYS + 1))
}

/// The revocation proposal that fits the correction type (管制 has none: a public-order penalty).
fn revocation_for(correction_type: &str) -> &'static str {
    match correction_type {
        "probation" => "revoke_probation",
        "parole" => "revoke_parole",
        "temporary" => "recommit",
        _ => "security_penalty",
    }
}

fn sanction_label(code: &str) -> &'static str {
    codes::label("corrSanction", code).unwrap_or("")
}

/// The report-in deadline: ten days from the ruling, rolled to a working day.
pub(crate) fn report_in_due(s: &CorrectionSubjectInput, cal: &Calendar) -> Option<NaiveDate> {
    let eff = date_of(&s.effective_on)?;
    let l = time_limit("correction.report_in");
    Some(if l.roll_over { cal.period_end(eff, l.days, l.unit) } else { eff + Duration::days(l.days) })
}

/// How long past lateness stays a reason to suggest a sanction once it has ended.
const LAPSE_MEMORY_DAYS: i64 = 30;

/// One breach of the reporting rules by the subject: still going on, or ended in the last
/// `LAPSE_MEMORY_DAYS` days (a report, report-in or return that came late).
struct Lapse {
    kind: &'static str,
    due: NaiveDate,
    late: i64,
    ended_on: Option<NaiveDate>,
}

fn lapses(
    s: &CorrectionSubjectInput,
    events: &[CorrectionEventInput],
    levels: &[SupervisionLevel],
    duties: &[Duty],
    report_in_due: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<Lapse> {
    let mut out = Vec::new();
    for d in duties.iter().filter(|d| d.days_left < 0) {
        let Some(kind) = SUBJECT_DUTIES.iter().copied().find(|k| *k == d.kind) else { continue };
        let Ok(due) = parse_date(&d.due_on) else { continue };
        out.push(Lapse { kind, due, late: -d.days_left, ended_on: None });
    }
    let recent = |on: NaiveDate| (today - on).num_days() <= LAPSE_MEMORY_DAYS;
    if s.correction_type != "temporary" {
        if let (Some(due), Some(on)) = (report_in_due, date_of(&s.reported_on)) {
            if on > due && recent(on) {
                out.push(Lapse { kind: "report_in", due, late: (on - due).num_days(), ended_on: Some(on) });
            }
        }
    }
    for (on, late) in report_lateness(s, events, levels) {
        if late > 0 && recent(on) {
            out.push(Lapse { kind: "report", due: on - Duration::days(late), late, ended_on: Some(on) });
        }
    }
    for l in approved_leaves(events) {
        if let Some(back) = l.returned {
            let late = leave_overdue_days(l.to, back);
            if late > 0 && recent(back) {
                out.push(Lapse { kind: "leave_return", due: back - Duration::days(late), late, ended_on: Some(back) });
            }
        }
    }
    out.sort_by_key(|l| std::cmp::Reverse(l.late));
    out
}

/// Steps of the sanction ladder: a proposal answers a suggestion of its own step or a lower one.
fn severity(code: &str) -> u8 {
    match code {
        "admonition" => 1,
        "warning" => 2,
        "security_penalty" | "revoke_probation" | "revoke_parole" | "recommit" => 3,
        _ => 0,
    }
}

/// "建议提请训诫", "建议提请撤销缓刑" (labels of proposals already say 提请).
fn suggest(code: &str) -> String {
    let label = sanction_label(code);
    if label.starts_with("提请") {
        format!("建议{label}")
    } else {
        format!("建议提请{label}")
    }
}

fn hints(s: &CorrectionSubjectInput, events: &[CorrectionEventInput], lapses: &[Lapse]) -> Vec<Hint> {
    let mut out: Vec<Hint> = Vec::new();
    let mut push = |h: Hint| {
        if !out.iter().any(|o| o.sanction == h.sanction && o.level == h.level) {
            out.push(h);
        }
    };
    // Whether a sanction of `code`'s step or above was proposed on or after `since`.
    let proposed_since = |since: NaiveDate, code: &str| {
        events.iter().any(|e| {
            e.kind == "sanction"
                && e.sanction.as_deref().is_some_and(|x| severity(x) >= severity(code) && severity(x) > 0)
                && parse_date(&e.event_on).is_ok_and(|d| d >= since)
        })
    };
    let revoke = revocation_for(&s.correction_type);
    for l in lapses {
        let late = l.late;
        let what = match l.kind {
            "report_in" => "未按期报到",
            "report" => "未按规定报告",
            "leave_return" => "外出逾期未返回报告",
            "health_report" => "未按规定报告身体状况",
            "absconded" => "脱离监管",
            _ => "保外就医人员未按规定提交病情复查情况",
        };
        // Revocation is for absconding or not reporting in for over a month (实施办法 Art 46); a late
        // periodic report goes no further than a warning.
        let may_revoke = matches!(l.kind, "absconded" | "report_in" | "leave_return");
        let (sanction, basis) = if l.kind == "medical_review" {
            ("warning", String::new())
        } else if late > 30 && may_revoke {
            (revoke, "超过一个月".to_string())
        } else if late > 10 {
            ("warning", "超过十日".to_string())
        } else {
            ("admonition", "不超过十日".to_string())
        };
        if proposed_since(l.due, sanction) {
            continue;
        }
        let when = match l.ended_on {
            Some(on) => format!("（{on}已纠正）"),
            None => String::new(),
        };
        let basis = if basis.is_empty() { String::new() } else { format!("，{basis}") };
        push(Hint { sanction: Some(sanction.into()), level: None, text: format!("{what}，逾期{late}日{basis}{when}，{}", suggest(sanction)) });
    }
    let decided_dates = |code: &str| {
        let mut v: Vec<NaiveDate> = events
            .iter()
            .filter(|e| e.kind == "sanction" && e.sanction.as_deref() == Some(code) && e.decision.as_deref() == Some("approved"))
            .filter_map(|e| parse_date(&e.event_on).ok())
            .collect();
        v.sort();
        v
    };
    let admonitions = decided_dates("admonition");
    let warnings = decided_dates("warning");
    if admonitions.len() >= 2 && !proposed_since(admonitions[1], "warning") {
        push(Hint { sanction: Some("warning".into()), level: None, text: format!("已受到{}次训诫，仍未改正的，{}", admonitions.len(), suggest("warning")) });
    }
    if warnings.len() >= 2 && !proposed_since(warnings[1], revoke) {
        push(Hint {
            sanction: Some(revoke.into()),
            level: None,
            text: format!("已受到{}次警告，仍未改正的，{}", warnings.len(), suggest(revoke)),
        });
    }
    // 严管 for anyone warned, or admonished twice (provincial practice, DOMAIN.md §3.1).
    let strict_since = warnings.first().copied().into_iter().chain(admonitions.get(1).copied()).min();
    if let Some(since) = strict_since {
        let reassessed = events.iter().any(|e| e.kind == "assessment" && e.new_level.is_some() && parse_date(&e.event_on).is_ok_and(|d| d >= since));
        if s.supervision_level != ManagementLevel::Strict.code() && !reassessed && is_registered(&s.state) {
            push(Hint { sanction: None, level: Some(ManagementLevel::Strict.code().into()), text: "受到警告或两次训诫，建议调整为严管".into() });
        }
    }
    out
}

// ── Masking and display ─────────────────────────────────────────────────────────────────────────

/// 张三丰 → 张**.
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}

/// First 6 + ******** + last 4 (DOMAIN.md §6).
pub fn mask_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    chars[..6].iter().chain("********".chars().collect::<Vec<_>>().iter()).chain(chars[chars.len() - 4..].iter()).collect()
}

// ── What the desk returns ───────────────────────────────────────────────────────────────────────

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CorrectionEvent {
    #[serde(flatten)]
    pub input: CorrectionEventInput,
    pub id: String,
    pub subject_id: String,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    pub created_by: String,
    pub updated_by: String,
    /// For reports: days after the report fell due (0: on time).
    pub late_days: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CorrectionSubject {
    #[serde(flatten)]
    pub input: CorrectionSubjectInput,
    pub id: String,
    pub office_code: String,
    pub is_minor: bool,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    pub created_by: String,
    pub updated_by: String,
    pub supervision: Supervision,
    /// Newest first.
    pub events: Vec<CorrectionEvent>,
    /// Closed (结案): the window shows it read-only; a change needs a reason (`*_amend`).
    pub closed: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct CorrectionFilter {
    pub query: Option<String>,
    pub correction_type: Option<String>,
    pub supervision_level: Option<String>,
    /// A `corrState` code, or `active` (not exited) or `exited`; empty: all.
    pub state: Option<String>,
    /// Only subjects with an overdue duty, most overdue first.
    pub late_only: bool,
    pub page: i64,
    pub page_size: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CorrectionListItem {
    pub id: String,
    pub subject_code: String,
    /// Masked for minors.
    pub name: String,
    /// Masked for minors.
    pub id_no: String,
    pub is_minor: bool,
    pub correction_type: String,
    #[ts(as = "ManagementLevel")]
    pub supervision_level: String,
    #[ts(as = "CorrectionState")]
    pub state: String,
    pub corr_start: Option<String>,
    pub corr_end: Option<String>,
    pub flags: Vec<String>,
    /// The most urgent duty (overdue first), if any.
    pub next: Option<Duty>,
    pub late_days: i64,
    pub version: i64,
}

/// The name and ID number as a list may show them.
pub fn shown_identity(s: &CorrectionSubjectInput, is_minor: bool) -> (String, String) {
    if is_minor {
        (mask_name(&s.name), mask_id(&s.id_no))
    } else {
        (s.name.clone(), s.id_no.clone())
    }
}

/// One row of 今日任务 on 工作台.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CorrectionTask {
    /// today | late | away | ending
    pub group: String,
    pub subject_id: String,
    pub subject_code: String,
    /// Masked for minors.
    pub name: String,
    pub correction_type: String,
    pub duty: Option<Duty>,
    pub away: Option<Away>,
    pub hint: Option<Hint>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CorrectionToday {
    pub registered: i64,
    pub awaiting_report: i64,
    pub due_today: i64,
    pub late: i64,
    pub away: i64,
    pub ending_soon: i64,
    pub tasks: Vec<CorrectionTask>,
}

/// Which group of 今日任务 a duty belongs to, if any: late when overdue, today when it falls due
/// today, ending when a term or an e-positioning period ends within its warning time.
pub fn task_group(d: &Duty) -> Option<&'static str> {
    let ending = matches!(d.kind.as_str(), "term_end" | "e_monitoring");
    if d.days_left < 0 {
        Some("late")
    } else if ending && d.level == "warning" {
        Some("ending")
    } else if d.days_left == 0 {
        Some("today")
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
