//! The month's statistics (DOMAIN.md §1.5, §2.4, §3.4), computed from the records themselves:
//! the same tables feed the 月度报送 screen and the batch's statistics sheets. Every row is
//! computed from its own records (a total row too), so rates and distinct counts stay right.

use super::ledger::{Rec, Records};
use super::Period;
use crate::calendar::Calendar;
use crate::codes::{self, time_limit};
use crate::correction::CorrectionSubjectInput;
use crate::legal_aid::{self, LegalAidInput};
use crate::mediation::MediationCaseInput;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StatColumn {
    pub key: String,
    pub label: String,
    pub group: Option<String>,
    /// count | percent | wan | hours
    pub format: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StatRow {
    pub label: String,
    /// `None` where a value has no meaning (a rate of nothing).
    pub values: Vec<Option<f64>>,
    pub total: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StatTable {
    /// mediation | legalAid | correction
    pub kind: String,
    pub sheet: String,
    pub title: String,
    pub row_header: String,
    pub columns: Vec<StatColumn>,
    pub rows: Vec<StatRow>,
    /// 口径说明: how each figure is counted.
    pub notes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Layout {
    legal_aid_civil_matter_groups: Vec<MatterGroup>,
    legal_aid_recipient_groups: Vec<String>,
    mediation_referral_sources: Vec<String>,
}

#[derive(Deserialize)]
struct MatterGroup {
    label: String,
    matters: Vec<String>,
}

fn layout() -> &'static Layout {
    static L: OnceLock<Layout> = OnceLock::new();
    L.get_or_init(|| serde_json::from_str(include_str!("../../assets/statistics.json")).expect("assets/statistics.json is valid"))
}

/// Columns and the function that fills one row from a set of records.
struct Builder {
    columns: Vec<StatColumn>,
}

impl Builder {
    fn new() -> Builder {
        Builder { columns: Vec::new() }
    }
    fn col(&mut self, key: &str, label: &str, group: Option<&str>, format: &str) {
        self.columns.push(StatColumn { key: key.into(), label: label.into(), group: group.map(str::to_string), format: format.into() });
    }
}

fn d<D: super::StoredDate + ?Sized>(s: &D) -> Option<NaiveDate> {
    s.day()
}

fn within(x: Option<NaiveDate>, a: NaiveDate, b: NaiveDate) -> bool {
    x.is_some_and(|x| a <= x && x <= b)
}

fn count<T>(items: &[&T], f: impl Fn(&T) -> bool) -> f64 {
    items.iter().filter(|i| f(i)).count() as f64
}

fn money(s: &Option<String>) -> f64 {
    s.as_deref().and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0)
}

/// A figure as its sheet shows it (rates 0.0%, 万元 0.00, hours 0.0), so that what the batch seals
/// is what a reader sees, and a spreadsheet program that re-saves the file has nothing to round.
pub fn as_shown(format: &str, x: f64) -> f64 {
    let scale = match format {
        "percent" => 1_000.0,
        "wan" => 100.0,
        "hours" => 10.0,
        _ => return x,
    };
    (x * scale).round() / scale
}

impl StatTable {
    fn as_shown(mut self) -> StatTable {
        for row in &mut self.rows {
            for (v, col) in row.values.iter_mut().zip(&self.columns) {
                *v = v.map(|x| as_shown(&col.format, x));
            }
        }
        self
    }
}

fn rate(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

fn wan(yuan: f64) -> f64 {
    (yuan / 100.0).round() / 100.0
}

/// One row per code of `table` (from the items whose `code` it is) and a 合计 row from them all;
/// each row computed from its own items, so rates and distinct counts stay right.
fn rows_by_code<'a, T: ?Sized>(table: &str, items: &[&'a T], code: impl Fn(&T) -> &str, row: impl Fn(&[&'a T]) -> Vec<Option<f64>>) -> Vec<StatRow> {
    let mut rows: Vec<StatRow> = codes::code_tables()[table]
        .iter()
        .map(|k| {
            let subset: Vec<&'a T> = items.iter().copied().filter(|i| code(i) == k.code).collect();
            StatRow { label: k.label.clone(), values: row(&subset), total: false }
        })
        .collect();
    rows.push(StatRow { label: "合计".into(), values: row(items), total: true });
    rows
}

// ── 人民调解 ───────────────────────────────────────────────────────────────────────────────

fn is_success(c: &MediationCaseInput) -> bool {
    matches!(c.state.as_str(), "agreed" | "archived") && c.agreement_on.is_some()
}

/// When a case stopped being open: its agreement, or its closing.
fn concluded_on(c: &MediationCaseInput) -> Option<NaiveDate> {
    if is_success(c) {
        d(&c.agreement_on)
    } else if matches!(c.state.as_str(), "failed" | "withdrawn" | "archived" | "not_accepted") {
        d(&c.closed_on).or(d(&c.accepted_on))
    } else {
        None
    }
}

/// States of a case that was never (or not yet) accepted.
const NOT_ACCEPTED: &[&str] = &["registered", "not_accepted"];

pub fn mediation(cases: &[Rec<MediationCaseInput>], p: &Period, today: NaiveDate) -> StatTable {
    let cutoff = p.end.min(today);
    let l = layout();
    let mut b = Builder::new();
    let g_acc = Some("受理（件）");
    b.col("accepted", "合计", g_acc, "count");
    b.col("proactive", "主动调解", g_acc, "count");
    b.col("application", "当事人申请", g_acc, "count");
    b.col("referral", "委托移送", g_acc, "count");
    let types = &codes::code_tables()["disputeType"];
    for t in types {
        b.col(&format!("type.{}", t.code), &t.label, Some("纠纷类型（件）"), "count");
    }
    let g_res = Some("调解结果");
    b.col("success", "调解成功（件）", g_res, "count");
    b.col("failed", "调解不成功（件）", g_res, "count");
    b.col("successRate", "成功率", g_res, "percent");
    let g_agr = Some("调解协议");
    b.col("written", "书面（件）", g_agr, "count");
    b.col("oral", "口头（件）", g_agr, "count");
    b.col("agreedAmount", "涉及金额（万元）", g_agr, "wan");
    let g_fol = Some("履行与回访");
    b.col("judicial", "司法确认（件）", g_fol, "count");
    b.col("performed", "已履行（件）", g_fol, "count");
    b.col("followUps", "回访（次）", g_fol, "count");
    let prevention = &codes::code_tables()["prevention"];
    for k in prevention {
        let short = k.label.trim_start_matches("防止");
        b.col(&format!("prevent.{}.cases", k.code), &format!("{short}（件）"), Some("防止纠纷激化"), "count");
        b.col(&format!("prevent.{}.persons", k.code), &format!("{short}（人）"), Some("防止纠纷激化"), "count");
    }
    b.col("mediators", "参与调解员（人）", None, "count");
    b.col("overdue", "超期未结（件）", None, "count");

    let limit = time_limit("mediation.conclude").days;
    let row = |cases: &[&MediationCaseInput]| -> Vec<Option<f64>> {
        let accepted: Vec<&MediationCaseInput> = cases.iter().copied().filter(|c| !NOT_ACCEPTED.contains(&c.state.as_str()) && within(d(&c.accepted_on), p.start, p.end)).collect();
        let successes: Vec<&MediationCaseInput> = cases.iter().copied().filter(|c| is_success(c) && within(d(&c.agreement_on), p.start, p.end)).collect();
        let failed = count(cases, |c| c.state == "failed" && within(d(&c.closed_on), p.start, p.end));
        let mut v = vec![
            accepted.len() as f64,
            count(&accepted, |c| c.source == "proactive"),
            count(&accepted, |c| c.source == "application"),
            count(&accepted, |c| l.mediation_referral_sources.contains(&c.source)),
        ];
        for t in types {
            v.push(count(&accepted, |c| c.dispute_type == t.code));
        }
        let s = successes.len() as f64;
        v.push(s);
        v.push(failed);
        let mut out: Vec<Option<f64>> = v.into_iter().map(Some).collect();
        out.push(rate(s, s + failed));
        out.push(Some(count(&successes, |c| c.agreement_form.as_deref() == Some("written"))));
        out.push(Some(count(&successes, |c| c.agreement_form.as_deref() == Some("oral"))));
        out.push(Some(wan(successes.iter().map(|c| money(&c.agreed_amount)).sum())));
        out.push(Some(count(cases, |c| c.judicial_confirm == "valid" && within(d(&c.judicial_on), p.start, p.end))));
        out.push(Some(count(&successes, |c| c.performance.as_deref() == Some("performed"))));
        out.push(Some(cases.iter().flat_map(|c| &c.follow_ups).filter(|f| within(d(&f.date), p.start, p.end)).count() as f64));
        for k in prevention {
            let entries: Vec<i64> = accepted.iter().flat_map(|c| c.prevention.iter().filter(|x| x.kind == k.code).map(|x| x.persons)).collect();
            out.push(Some(entries.len() as f64));
            out.push(Some(entries.iter().sum::<i64>() as f64));
        }
        let mediators: BTreeSet<&str> = accepted.iter().chain(successes.iter()).flat_map(|c| c.mediators.iter().map(String::as_str)).collect();
        out.push(Some(mediators.len() as f64));
        out.push(Some(count(cases, |c| {
            let Some(acc) = d(&c.accepted_on) else { return false };
            !NOT_ACCEPTED.contains(&c.state.as_str()) && acc + Duration::days(limit) < cutoff && concluded_on(c).is_none_or(|x| x > cutoff)
        })));
        out
    };
    let live: Vec<&MediationCaseInput> = cases.iter().filter(|c| c.meta.deleted_at.is_none()).map(|c| &c.input).collect();
    let rows = rows_by_code("committee", &live, |c| &c.committee, row);
    StatTable {
        kind: "mediation".into(),
        sheet: "调解统计".into(),
        title: format!("人民调解工作统计表（{}）", p.label()),
        row_header: "调委会".into(),
        columns: b.columns,
        rows,
        notes: vec![
            "受理：本月受理的案件（不含不予受理）；纠纷类型、来源、防止纠纷激化按受理案件统计。".into(),
            "调解成功：协议生效日期在本月的案件；调解不成功：本月终止调解的案件；成功率＝成功÷（成功＋不成功）。".into(),
            "司法确认：本月经法院确认有效的协议；已履行：本月调解成功且已履行的案件；回访：本月回访次数。".into(),
            format!("超期未结：至月末（本月为至今日）受理已超过{limit}日仍未调结的案件。参与调解员：本月受理或调结案件的调解员人数。"),
            "调委会数、专兼职调解员数、排查纠纷次数未列：工作台尚未登记调委会和排查台账。".into(),
        ],
    }
    .as_shown()
}

// ── 法律援助 ───────────────────────────────────────────────────────────────────────────────

pub fn legal_aid(r: &Records, p: &Period, cal: &Calendar, today: NaiveDate) -> StatTable {
    let l = layout();
    let mut b = Builder::new();
    let g = Some("法律咨询（人次）");
    b.col("consult", "合计", g, "count");
    let channels = &codes::code_tables()["consultChannel"];
    for c in channels {
        b.col(&format!("consult.{}", c.code), &c.label, g, "count");
    }
    b.col("draft", "代写文书（人次）", None, "count");
    let g = Some("接收申请（件）");
    b.col("received", "合计", g, "count");
    b.col("received.own", "本所", g, "count");
    b.col("received.forwarded", "转交", g, "count");
    b.col("received.transferOut", "通办转出", g, "count");
    b.col("received.transferIn", "通办转入", g, "count");
    let g = Some("审查决定（件）");
    let decisions = ["grant", "provisional", "refuse", "withdrawn"];
    for dcode in decisions {
        b.col(&format!("decision.{dcode}"), codes::label("laDecision", dcode).unwrap_or(dcode).trim_end_matches("法律援助"), g, "count");
    }
    let natures = &codes::code_tables()["laNature"];
    for n in natures {
        b.col(&format!("nature.{}", n.code), &n.label, Some("案件性质（件）"), "count");
    }
    for m in &l.legal_aid_civil_matter_groups {
        b.col(&format!("civil.{}", m.label), &m.label, Some("民事事项（件）"), "count");
    }
    for grp in &l.legal_aid_recipient_groups {
        b.col(&format!("group.{grp}"), codes::label("laGroup", grp).unwrap_or(grp), Some("受援人（人）"), "count");
    }
    b.col("dutyLawyer", "值班律师转交（件）", None, "count");
    b.col("closed", "结案（件）", None, "count");
    b.col("recovered", "挽回损失（万元）", None, "wan");
    b.col("late.decide", "审查决定超7日", Some("超期（件）"), "count");
    b.col("late.assign", "指派超3日", Some("超期（件）"), "count");

    let consultations: Vec<_> = r.consultations.iter().filter(|c| c.meta.deleted_at.is_none()).map(|c| &c.input).collect();
    let apps: Vec<&LegalAidInput> = r.applications.iter().filter(|c| c.meta.deleted_at.is_none()).map(|c| &c.input).collect();
    let known: BTreeSet<&str> = l.legal_aid_civil_matter_groups.iter().flat_map(|g| g.matters.iter().map(String::as_str)).collect();
    let row = |a: NaiveDate, z: NaiveDate| -> Vec<Option<f64>> {
        let cons: Vec<_> = consultations.iter().filter(|c| within(d(&c.consulted_on), a, z)).collect();
        let persons = |f: &dyn Fn(&&&crate::legal_aid::ConsultationInput) -> bool| cons.iter().filter(|c| f(c)).map(|c| c.persons).sum::<i64>() as f64;
        let mut v = vec![persons(&|c| c.service == "answer")];
        for ch in channels {
            v.push(persons(&|c| c.service == "answer" && c.channel == ch.code));
        }
        v.push(persons(&|c| c.service == "draft"));
        let received: Vec<&LegalAidInput> = apps.iter().copied().filter(|x| within(d(&x.received_on), a, z)).collect();
        let route = |x: &LegalAidInput| {
            if x.received_via == "city_transfer_in" {
                "transferIn"
            } else if x.city_transfer_out {
                "transferOut"
            } else if x.forwarded_on.is_some() {
                "forwarded"
            } else {
                "own"
            }
        };
        v.push(received.len() as f64);
        for k in ["own", "forwarded", "transferOut", "transferIn"] {
            v.push(count(&received, |x| route(x) == k));
        }
        for dcode in decisions {
            v.push(count(&apps, |x| x.decision.as_deref() == Some(dcode) && within(d(&x.decision_on), a, z)));
        }
        for n in natures {
            v.push(count(&received, |x| x.case_nature == n.code));
        }
        for m in &l.legal_aid_civil_matter_groups {
            v.push(count(&received, |x| {
                x.case_nature == "civil" && (m.matters.contains(&x.matter) || (m.matters.iter().any(|s| s == "*") && !known.contains(x.matter.as_str())))
            }));
        }
        let assigned: Vec<&LegalAidInput> = apps.iter().copied().filter(|x| within(d(&x.assigned_on), a, z)).collect();
        for grp in &l.legal_aid_recipient_groups {
            v.push(count(&assigned, |x| x.groups.contains(grp)));
        }
        v.push(count(&received, |x| x.aid_channel == "duty_lawyer"));
        let closed: Vec<&LegalAidInput> = apps.iter().copied().filter(|x| within(d(&x.closed_on), a, z)).collect();
        v.push(closed.len() as f64);
        v.push(wan(closed.iter().map(|x| money(&x.recovered)).sum()));
        let z_now = z.min(today);
        for rule in ["legal_aid.decide", "legal_aid.assign"] {
            v.push(count(&apps, |x| {
                legal_aid::clocks(x, cal, z_now).iter().any(|c| {
                    let due = NaiveDate::parse_from_str(&c.due_on, "%Y-%m-%d").ok();
                    let done = c.done_on.as_deref().and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
                    c.rule == rule && within(due, a, z) && due.is_some_and(|due| due < today && done.is_none_or(|done| done > due))
                })
            }));
        }
        v.into_iter().map(Some).collect()
    };
    let rows = vec![
        StatRow { label: "本月".into(), values: row(p.start, p.end), total: false },
        StatRow { label: "本年累计".into(), values: row(p.year_start(), p.end), total: true },
    ];
    StatTable {
        kind: "legalAid".into(),
        sheet: "法援统计".into(),
        title: format!("法律援助工作统计表（{}）", p.label()),
        row_header: "期间".into(),
        columns: b.columns,
        rows,
        notes: vec![
            "法律咨询：解答咨询的人次，按咨询方式分列；代写文书单列。".into(),
            "接收申请：接收日期在期间内的申请；通办转入、通办转出、转交（本所接收后转交有权机构）之外为本所。案件性质、民事事项按接收的申请统计。".into(),
            "审查决定、结案按决定日期、结案日期统计；受援人按期间内指派的案件统计，一人可属多类。".into(),
            "超期：期间内到期、未按时作出审查决定（7日，补充材料期间不计）或未按时指派（3日）的申请。".into(),
        ],
    }
    .as_shown()
}

// ── 社区矫正 ───────────────────────────────────────────────────────────────────────────────

/// The day a subject entered the register (reported), if they ever did.
fn entered_on(s: &CorrectionSubjectInput) -> Option<NaiveDate> {
    if matches!(s.state.as_str(), "assessing" | "awaiting_report") {
        return None;
    }
    d(&s.reported_on).or(d(&s.corr_start))
}

fn in_register_on(s: &CorrectionSubjectInput, day: NaiveDate) -> bool {
    entered_on(s).is_some_and(|e| e <= day) && d(&s.exit_on).is_none_or(|x| x > day)
}

pub fn correction(r: &Records, p: &Period, cal: &Calendar, today: NaiveDate) -> StatTable {
    let cutoff = p.end.min(today);
    let mut b = Builder::new();
    b.col("opening", "上月末在册", None, "count");
    b.col("received", "新接收", None, "count");
    let g = Some("解除矫正");
    b.col("exit.expired", "期满", g, "count");
    b.col("exit.pardoned", "赦免", g, "count");
    let g = Some("终止矫正");
    for (code, label) in [("probation_revoked", "撤销缓刑"), ("parole_revoked", "撤销假释"), ("recommitted", "收监执行"), ("died", "死亡")] {
        b.col(&format!("exit.{code}"), label, g, "count");
    }
    b.col("exit.moved", "迁出", None, "count");
    let g = Some("月末在册");
    for (k, label) in [("closing", "合计"), ("closing.minor", "未成年"), ("closing.female", "女性"), ("closing.strict", "严管"), ("closing.normal", "普管"), ("closing.lenient", "宽管")] {
        b.col(k, label, g, "count");
    }
    b.col("leave", "外出审批（人次）", None, "count");
    let g = Some("奖惩（人次）");
    for (k, label) in [("commendation", "表扬"), ("admonition", "训诫"), ("warning", "警告"), ("security_penalty", "提请治安处罚"), ("revoke", "提请撤销或收监")] {
        b.col(&format!("sanction.{k}"), label, g, "count");
    }
    let g = Some("监管情形（人）");
    b.col("eMonitoring", "电子定位", g, "count");
    b.col("absconded", "脱管", g, "count");
    b.col("missed", "漏管", g, "count");
    b.col("lateReportIn", "逾期未报到", g, "count");
    b.col("reoffended", "重新犯罪（人）", None, "count");
    b.col("reoffendRate", "再犯罪率", None, "percent");
    let g = Some("教育帮扶");
    b.col("education.count", "教育学习（人次）", g, "count");
    b.col("education.hours", "教育学习（小时）", g, "hours");
    b.col("service.count", "公益活动（人次）", g, "count");
    b.col("service.hours", "公益活动（小时）", g, "hours");
    b.col("visit", "实地查访（次）", g, "count");
    b.col("talk", "个别谈话（次）", g, "count");

    let subjects: Vec<&Rec<CorrectionSubjectInput>> = r.subjects.iter().filter(|s| s.meta.deleted_at.is_none()).collect();
    let mut events_of: HashMap<&str, Vec<&crate::correction::CorrectionEventInput>> = HashMap::new();
    for e in r.events.iter().filter(|e| e.meta.deleted_at.is_none()) {
        events_of.entry(e.meta.parent_id.as_str()).or_default().push(&e.input);
    }
    let before = p.start.pred_opt().expect("a day before");
    let row = |subset: &[&Rec<CorrectionSubjectInput>]| -> Vec<Option<f64>> {
        let s_in = |f: &dyn Fn(&Rec<CorrectionSubjectInput>) -> bool| subset.iter().filter(|s| f(s)).count() as f64;
        let exited = |s: &Rec<CorrectionSubjectInput>, t: &str| s.input.exit_type.as_deref() == Some(t) && within(d(&s.input.exit_on), p.start, p.end);
        let closing: Vec<&&Rec<CorrectionSubjectInput>> = subset.iter().filter(|s| in_register_on(&s.input, p.end)).collect();
        let opening = s_in(&|s| in_register_on(&s.input, before));
        let received = s_in(&|s| within(entered_on(&s.input), p.start, p.end));
        let mut v = vec![opening, received];
        for t in ["expired", "pardoned", "probation_revoked", "parole_revoked", "recommitted", "died", "moved"] {
            v.push(s_in(&|s| exited(s, t)));
        }
        v.push(closing.len() as f64);
        v.push(closing.iter().filter(|s| s.minor).count() as f64);
        v.push(closing.iter().filter(|s| s.input.sex.as_deref() == Some("female")).count() as f64);
        for level in crate::correction::ManagementLevel::ALL {
            v.push(closing.iter().filter(|s| *level == s.input.supervision_level.as_str()).count() as f64);
        }
        let all_events: Vec<&crate::correction::CorrectionEventInput> =
            subset.iter().flat_map(|s| events_of.get(s.meta.id.as_str()).into_iter().flatten().copied()).collect();
        let events: Vec<&crate::correction::CorrectionEventInput> = all_events.iter().copied().filter(|e| within(d(&e.event_on), p.start, p.end)).collect();
        let ev = |f: &dyn Fn(&crate::correction::CorrectionEventInput) -> bool| events.iter().filter(|e| f(e)).count() as f64;
        // Approvals and decisions count in the month they were made, which may follow the request.
        let decided = |f: &dyn Fn(&crate::correction::CorrectionEventInput) -> bool| {
            all_events
                .iter()
                .filter(|e| e.decision.as_deref() == Some("approved") && within(d(&e.decided_on).or(d(&e.event_on)), p.start, p.end) && f(e))
                .count() as f64
        };
        v.push(decided(&|e| e.kind == "leave"));
        let sanction = |e: &crate::correction::CorrectionEventInput, kinds: &[&str]| e.kind == "sanction" && e.sanction.as_deref().is_some_and(|s| kinds.contains(&s));
        v.push(decided(&|e| sanction(e, &["commendation"])));
        v.push(decided(&|e| sanction(e, &["admonition"])));
        v.push(decided(&|e| sanction(e, &["warning"])));
        v.push(ev(&|e| sanction(e, &["security_penalty"])));
        v.push(ev(&|e| sanction(e, &["revoke_probation", "revoke_parole", "recommit"])));
        let during = |s: &Rec<CorrectionSubjectInput>| entered_on(&s.input).is_some_and(|e| e <= p.end) && d(&s.input.exit_on).is_none_or(|x| x >= p.start);
        v.push(s_in(&|s| {
            during(s) && s.input.e_monitoring.iter().any(|m| d(&m.start).is_some_and(|a| a <= p.end) && d(&m.end).is_none_or(|z| z >= p.start))
        }));
        v.push(s_in(&|s| during(s) && s.input.flags.iter().any(|f| f == "absconded") && d(&s.input.absconded_since).is_none_or(|a| a <= p.end)));
        v.push(s_in(&|s| during(s) && s.input.flags.iter().any(|f| f == "missed")));
        v.push(s_in(&|s| {
            crate::correction::report_in_due(&s.input, cal).is_some_and(|due| due < cutoff && d(&s.input.reported_on).is_none_or(|r| r > cutoff))
                && d(&s.input.exit_on).is_none_or(|x| x > cutoff)
        }));
        let reoffended = s_in(&|s| during(s) && s.input.reoffended);
        v.push(reoffended);
        let mut out: Vec<Option<f64>> = v.into_iter().map(Some).collect();
        out.push(rate(reoffended, opening + received));
        for kind in ["education", "service"] {
            out.push(Some(ev(&|e| e.kind == kind)));
            out.push(Some(events.iter().filter(|e| e.kind == kind).filter_map(|e| e.hours).sum()));
        }
        out.push(Some(ev(&|e| e.kind == "visit")));
        out.push(Some(ev(&|e| e.kind == "talk")));
        out
    };
    let rows = rows_by_code("corrType", &subjects, |s| &s.input.correction_type, row);
    StatTable {
        kind: "correction".into(),
        sheet: "矫正统计".into(),
        title: format!("社区矫正工作统计表（{}）", p.label()),
        row_header: "矫正类别".into(),
        columns: b.columns,
        rows,
        notes: vec![
            "在册：已报到（或已接收）且未解除、终止、迁出的对象；新接收：报到日期在本月。".into(),
            "解除、终止、迁出按解除或终止日期统计；月末在册按对象现在的管理类别分列。".into(),
            "外出审批、表扬、训诫、警告：本月批准或决定的（按决定日期）；提请按本月提请的统计。".into(),
            "电子定位、脱管、漏管、重新犯罪：本月在册期间有此情形的人数；再犯罪率＝重新犯罪÷（上月末在册＋新接收）。".into(),
            "逾期未报到：报到期限已过、至月末（本月为至今日）仍未报到的对象。".into(),
            "迁入、调查评估未列：工作台尚未登记迁入对象和调查评估委托。".into(),
        ],
    }
    .as_shown()
}

/// The three tables of a period, in the order of the workbook.
/// `today` bounds what counts as overdue when the period is the current month.
pub fn all(r: &Records, p: &Period, cal: &Calendar, today: NaiveDate) -> Vec<StatTable> {
    vec![mediation(&r.cases, p, today), legal_aid(r, p, cal, today), correction(r, p, cal, today)]
}
