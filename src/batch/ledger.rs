//! Ledger sheets: one per record kind, and one per list inside a record (a case's parties,
//! sessions and follow-ups) or per event kind (correction events, long format). Each column maps
//! one field of the record to a cell and back, so the district can rebuild every record from its
//! rows; ids of the fields stand in a hidden row under the Chinese headers.

use super::grid::{Cell, Look, Role, Sheet};
use super::{code_label, mask_phone, Profile};
use crate::codes;
use crate::correction::{mask_id, mask_name, CorrectionEventInput, CorrectionSubjectInput};
use crate::legal_aid::{ConsultationInput, LegalAidInput};
use crate::mediation::MediationCaseInput;
use serde::Serialize;
use super::fields::{FieldIndex, Fields};
use serde_json::{Map, Value};

/// What the store keeps about a record besides its fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meta {
    pub id: String,
    /// Case or application number; the subject's code for its events' parent.
    pub number: String,
    /// The subject of a correction event.
    pub parent_id: String,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Rec<T> {
    pub meta: Meta,
    pub input: T,
    /// A correction subject (or the subject of an event) who is a minor.
    pub minor: bool,
}

/// The records of one office, as the batch needs them.
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub office_code: String,
    pub cases: Vec<Rec<MediationCaseInput>>,
    pub consultations: Vec<Rec<ConsultationInput>>,
    pub applications: Vec<Rec<LegalAidInput>>,
    pub subjects: Vec<Rec<CorrectionSubjectInput>>,
    pub events: Vec<Rec<CorrectionEventInput>>,
    /// Code and name of every subject of the office by id, for the rows of events whose subject
    /// is not itself in the batch.
    pub subject_names: std::collections::HashMap<String, (String, String)>,
    /// The day minors are reckoned on (the period's end) for the masked profile.
    pub as_of: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Long,
    Date,
    Int,
    /// Yuan as a number with two decimals; stored as text like "1234.50".
    Money,
    Hours,
    Bool,
    Code(&'static str),
    Codes(&'static str),
    /// A list of names joined by 、.
    Names,
    /// ID number or phone: always text.
    Number,
    /// Persons of one kind of prevented escalation (a case's `prevention` list).
    Prevention(&'static str),
    /// E-positioning periods as text: 2026-01-05至2026-04-04（原因）；…
    EMonitoring,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mask {
    Keep,
    Name,
    Id,
    Phone,
    /// Left out of the masked profile (DOMAIN.md §6 sensitive fields).
    Drop,
}

#[derive(Debug, Clone)]
pub struct Col {
    pub id: &'static str,
    pub header: &'static str,
    pub kind: Kind,
    pub mask: Mask,
    /// Only for rows whose field `.0` has the value `.1`.
    pub when: Option<(&'static str, &'static str)>,
    /// Shown for people, not read back (it repeats other fields).
    pub derived: bool,
}

fn col(id: &'static str, header: &'static str, kind: Kind) -> Col {
    Col { id, header, kind, mask: Mask::Keep, when: None, derived: false }
}

impl Col {
    fn mask(mut self, m: Mask) -> Col {
        self.mask = m;
        self
    }
    fn drop(self) -> Col {
        self.mask(Mask::Drop)
    }
    fn when(mut self, field: &'static str, value: &'static str) -> Col {
        self.when = Some((field, value));
        self
    }
    fn derived(mut self) -> Col {
        self.derived = true;
        self
    }

    pub fn look(&self) -> Look {
        match self.kind {
            Kind::Long => Look::Long,
            Kind::Date => Look::Date,
            Kind::Int | Kind::Prevention(_) => Look::Integer,
            Kind::Money => Look::Money,
            Kind::Hours => Look::Hours,
            Kind::Number => Look::Code,
            _ => Look::Text,
        }
    }
}

/// Which records a ledger holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Cases,
    Parties,
    Sessions,
    FollowUps,
    Consultations,
    Applications,
    Subjects,
    Events,
}

pub struct LedgerSpec {
    pub name: &'static str,
    pub title: &'static str,
    pub content: &'static str,
    pub source: Source,
    pub columns: Vec<Col>,
}

use Kind::*;

/// The columns every ledger ends with: where the row comes from, so a re-sent or corrected
/// batch updates the district's copy instead of duplicating it.
fn record_columns(parent: Option<&'static str>) -> Vec<Col> {
    let mut v = Vec::new();
    if let Some(h) = parent {
        v.push(col("_parentId", h, Text));
    }
    v.extend([
        col("_officeCode", "单位代码", Text),
        col("_id", "记录编号", Text),
        col("_version", "版本", Int),
        col("_createdAt", "创建时间", Text),
        col("_updatedAt", "更新时间", Text),
        col("_deletedAt", "删除时间", Text),
    ]);
    v
}

fn child_columns(parent_number: &'static str, parent_id: &'static str) -> Vec<Col> {
    vec![col("_parentNumber", parent_number, Text), col("_index", "序号", Int), col("_parentId", parent_id, Text), col("_parentVersion", "案件版本", Int)]
}

pub fn specs() -> Vec<LedgerSpec> {
    let mut cases = vec![
        col("_number", "案件编号", Text),
        col("state", "状态", Code("mediationState")),
        col("committee", "调委会", Code("committee")),
        col("acceptedOn", "受理日期", Date),
        col("source", "案件来源", Code("source")),
        col("disputeType", "纠纷类型", Code("disputeType")),
        col("_parties", "当事人", Text).derived(),
        col("occurredOn", "发生日期", Date),
        col("place", "发生地点", Text).drop(),
        col("personsInvolved", "涉及人数", Int),
        col("amount", "涉及金额（元）", Money),
        col("summary", "简要情况", Long).drop(),
        col("risk", "风险", Code("risk")),
        col("mediators", "调解员", Names),
        col("recorder", "记录人", Text),
        col("rightsNoticeOn", "告知日期", Date),
        col("notAcceptedReason", "不予受理理由", Code("notAcceptedReason")),
        col("agreementForm", "协议形式", Code("agreementForm")),
        col("agreementNo", "协议编号", Text),
        col("agreementOn", "协议生效日期", Date),
        col("terms", "协议内容", Long).drop(),
        col("performMode", "履行方式", Code("performMode")),
        col("performBy", "履行期限", Date),
        col("agreedAmount", "协议金额（元）", Money),
        col("performance", "履行情况", Code("performance")),
        col("judicialConfirm", "司法确认", Code("judicialConfirm")),
        col("judicialCourt", "确认法院", Text),
        col("judicialOn", "确认日期", Date),
        col("failRoute", "不成功去向", Code("failRoute")),
        col("prevention", "防止民转刑（人）", Prevention("civil_to_criminal")),
        col("prevention", "防止群体性上访（人）", Prevention("group_petition")),
        col("prevention", "防止群体性械斗（人）", Prevention("group_fight")),
        col("prevention", "防止自杀（人）", Prevention("suicide")),
        col("closedOn", "结案日期", Date),
    ];
    cases.extend(record_columns(None));

    let mut parties = child_columns("案件编号", "案件记录编号");
    parties.extend([
        col("role", "角色", Code("partyRole")),
        col("kind", "类型", Code("partyKind")),
        col("name", "姓名（名称）", Text).mask(Mask::Name),
        col("sex", "性别", Code("sex")),
        col("ethnicity", "民族", Code("ethnicity")),
        col("birthDate", "出生日期", Date).drop(),
        col("idType", "证件类型", Code("idType")),
        col("idNo", "证件号码", Number).mask(Mask::Id),
        col("occupation", "职业", Text),
        col("address", "住址", Text).drop(),
        col("phone", "电话", Number).mask(Mask::Phone),
        col("agent", "代理人", Text).mask(Mask::Name),
    ]);
    let mut sessions = child_columns("案件编号", "案件记录编号");
    sessions.extend([
        col("date", "调解日期", Date),
        col("place", "地点", Text).drop(),
        col("attendees", "参加人员", Text).drop(),
        col("summary", "调解情况", Long).drop(),
        col("signed", "已签字", Bool),
    ]);
    let mut follow_ups = child_columns("案件编号", "案件记录编号");
    follow_ups.extend([
        col("date", "回访日期", Date),
        col("visitor", "回访人", Text),
        col("mode", "回访方式", Code("followUpMode")),
        col("performance", "履行情况", Code("performance")),
        col("satisfaction", "满意度", Code("satisfaction")),
        col("escalationRisk", "有激化隐患", Bool),
        col("measures", "措施", Long).drop(),
    ]);

    let mut consultations = vec![
        col("consultedOn", "咨询日期", Date),
        col("channel", "咨询方式", Code("consultChannel")),
        col("service", "服务类型", Code("consultService")),
        col("persons", "人次", Int),
        col("groups", "人群类别", Codes("laGroup")).drop(),
        col("matter", "咨询事项", Code("consultMatter")),
        col("name", "咨询人", Text).mask(Mask::Name),
        col("phone", "电话", Number).mask(Mask::Phone),
        col("question", "咨询内容", Long).drop(),
        col("answer", "答复摘要", Long).drop(),
        col("guided", "引导申请", Bool),
        col("staff", "接待人", Text),
    ];
    consultations.extend(record_columns(None));

    let mut applications = vec![
        col("_number", "申请编号", Text),
        col("state", "状态", Code("laState")),
        col("aidChannel", "申请类型", Code("laChannel")),
        col("receivedVia", "接收方式", Code("laReceivedVia")),
        col("receivingOrg", "接收机构", Text),
        col("competentOrg", "受理机构", Text),
        col("applicantDetained", "申请人被羁押", Bool),
        col("cityTransferOut", "市域通办转出", Bool),
        col("receivedOn", "接收日期", Date),
        col("forwardedOn", "转交日期", Date),
        col("acceptedOn", "受理日期", Date),
        col("name", "申请人", Text).mask(Mask::Name),
        col("sex", "性别", Code("sex")),
        col("birthDate", "出生日期", Date).drop(),
        col("ethnicity", "民族", Code("ethnicity")),
        col("idType", "证件类型", Code("idType")),
        col("idNo", "证件号码", Number).mask(Mask::Id),
        col("domicile", "户籍地", Text).drop(),
        col("residence", "住所地", Text).drop(),
        col("phone", "电话", Number).mask(Mask::Phone),
        col("employer", "工作单位", Text).drop(),
        col("occupation", "职业", Text),
        col("education", "文化程度", Code("education")),
        col("health", "身体状况", Code("laHealth")).drop(),
        col("groups", "人群类别", Codes("laGroup")).drop(),
        col("agentName", "代理人", Text).mask(Mask::Name),
        col("agentType", "代理类型", Code("laAgentType")),
        col("agentIdNo", "代理人证件号码", Number).mask(Mask::Id),
        col("caseNature", "案件性质", Code("laNature")),
        col("matter", "申请事项", Code("laMatter")).drop(),
        col("role", "诉讼地位", Code("laRole")),
        col("stage", "法律状态", Code("laStage")),
        col("handlingOrgan", "办案机关", Text),
        col("opponent", "对方当事人", Text).drop(),
        col("reason", "案情及理由", Long).drop(),
        col("serviceForm", "援助形式", Code("laServiceForm")),
        col("meansBasis", "经济状况核查依据", Code("laMeansBasis")),
        col("meansSubReason", "免予核查情形", Code("laMeansExempt")).when("meansBasis", "exempt").drop(),
        col("meansSubReason", "不受经济困难条件限制情形", Code("laMeansUnrestricted")).when("meansBasis", "unrestricted").drop(),
        col("householdSize", "家庭人口", Int).drop(),
        col("monthlyIncome", "家庭月收入（元）", Money).drop(),
        col("suppNoticeOn", "补充材料通知日期", Date),
        col("suppItems", "需补充材料", Long).drop(),
        col("suppDueOn", "补充材料期限", Date),
        col("suppDoneOn", "材料补齐日期", Date),
        col("decision", "审查决定", Code("laDecision")),
        col("decisionOn", "决定日期", Date),
        col("decisionNo", "决定文号", Text),
        col("refusalReason", "不予援助理由", Long).drop(),
        col("provisionalReason", "先行提供理由", Long).drop(),
        col("objectionOn", "异议日期", Date),
        col("objectionResult", "异议审查结果", Code("laObjectionResult")),
        col("objectionDecidedOn", "异议决定日期", Date),
        col("assignedOn", "指派日期", Date),
        col("provider", "承办单位", Text),
        col("handler", "承办人", Text),
        col("handlerType", "承办人类型", Code("laHandlerType")),
        col("terminatedOn", "终止日期", Date),
        col("terminationGround", "终止理由", Code("laTerminationGround")),
        col("closedOn", "结案日期", Date),
        col("closeMode", "结案方式", Code("laCloseMode")),
        col("recovered", "挽回损失（元）", Money),
        col("fileSubmittedOn", "立卷提交日期", Date),
        col("recipientVisitOn", "回访日期", Date),
        col("satisfaction", "受援人满意度", Code("satisfaction")),
        col("notes", "备注", Long).drop(),
    ];
    applications.extend(record_columns(None));

    let mut subjects = vec![
        col("subjectCode", "对象编号", Text),
        col("state", "状态", Code("corrState")),
        col("name", "姓名", Text).mask(Mask::Name),
        col("sex", "性别", Code("sex")),
        col("ethnicity", "民族", Code("ethnicity")),
        col("birthDate", "出生日期", Date).drop(),
        col("idType", "证件类型", Code("idType")),
        col("idNo", "证件号码", Number).mask(Mask::Id),
        col("_minor", "未成年", Bool).derived(),
        col("domicile", "户籍地", Text).drop(),
        col("residence", "执行地详址", Text).drop(),
        col("phone", "电话", Number).mask(Mask::Phone),
        col("education", "文化程度", Code("education")),
        col("marital", "婚姻状况", Code("corrMarital")),
        col("employment", "就业就学", Code("corrEmployment")),
        col("health", "健康状况", Code("corrHealth")).drop(),
        col("correctionType", "矫正类别", Code("corrType")),
        col("temporaryKind", "暂予监外执行情形", Code("corrTemporaryKind")).drop(),
        col("decidingOrgan", "决定机关类别", Code("corrDecidingOrgan")),
        col("decidingOrganName", "决定机关", Text),
        col("docNo", "判决（决定）书号", Text).drop(),
        col("effectiveOn", "生效日期", Date),
        col("charge", "罪名", Text).drop(),
        col("chargeClass", "罪名分类", Code("corrChargeClass")),
        col("sentence", "原判刑罚", Text).drop(),
        col("termText", "刑期", Text).drop(),
        col("origStart", "原判刑期起", Date).drop(),
        col("origEnd", "原判刑期止", Date).drop(),
        col("supplementary", "附加刑", Codes("corrSupplementary")).drop(),
        col("prohibitionOrder", "禁止令", Long).drop(),
        col("prohibitionFrom", "禁止令起", Date).drop(),
        col("prohibitionTo", "禁止令止", Date).drop(),
        col("corrStart", "矫正起始日期", Date),
        col("corrEnd", "矫正终止日期", Date),
        col("detentionPlace", "原羁押场所", Text).drop(),
        col("intakeMode", "接收方式", Code("corrIntakeMode")),
        col("reportedOn", "报到日期", Date),
        col("announcedOn", "宣告日期", Date),
        col("isRecidivist", "累犯惯犯", Bool).drop(),
        col("threeInvolved", "三涉", Codes("corrThreeInvolved")).drop(),
        col("fourHistories", "四史", Codes("corrFourHistories")).drop(),
        col("team", "矫正小组", Codes("corrTeam")),
        col("supervisionLevel", "管理类别", Code("corrLevel")),
        col("riskLevel", "风险等级", Code("corrRisk")).drop(),
        col("eMonitoring", "电子定位", EMonitoring).drop(),
        col("flags", "状态标记", Codes("corrFlag")),
        col("abscondedSince", "脱管日期", Date),
        col("abscondReason", "脱管原因", Long).drop(),
        col("abscondMeasures", "查找和纠正措施", Long).drop(),
        col("missedReason", "漏管原因", Long).drop(),
        col("missedMeasures", "漏管纠正措施", Long).drop(),
        col("exitType", "解除或终止类型", Code("corrExitType")),
        col("exitOn", "解除或终止日期", Date),
        col("exitDocNo", "解除证明书（文书）号", Text).drop(),
        col("reoffended", "重新犯罪", Bool),
        col("newCharge", "新罪名", Text).drop(),
        col("notes", "备注", Long).drop(),
    ];
    subjects.extend(record_columns(None));

    let mut events = vec![
        col("_parentNumber", "对象编号", Text),
        col("_parentName", "姓名", Text).mask(Mask::Name).derived(),
        col("kind", "事项", Code("corrEventKind")),
        col("eventOn", "日期", Date),
        col("staff", "工作人员", Text),
        col("reportMode", "报告方式", Code("corrReportMode")),
        col("content", "内容", Long).drop(),
        col("place", "地点", Text).drop(),
        col("people", "走访对象", Text).drop(),
        col("hours", "时长（小时）", Hours),
        col("leaveReason", "外出事由", Code("corrLeaveReason")),
        col("destination", "目的地", Text).drop(),
        col("leaveFrom", "外出起", Date),
        col("leaveTo", "外出止", Date),
        col("leaveDays", "外出天数", Int),
        col("approvalLevel", "审批层级", Code("corrApprovalLevel")),
        col("approvalNote", "审批层级依据", Long).drop(),
        col("decision", "审批结果", Code("corrLeaveDecision")).when("kind", "leave"),
        col("sanction", "奖惩类型", Code("corrSanction")),
        col("decision", "奖惩决定", Code("corrSanctionDecision")).when("kind", "sanction"),
        col("decidedOn", "决定日期", Date),
        col("returnedOn", "销假日期", Date),
        col("overdueDays", "逾期销假天数", Int),
        col("docNo", "文书号", Text).drop(),
        col("period", "考核期间", Text),
        col("score", "考核得分", Int),
        col("newLevel", "调整后管理类别", Code("corrLevel")),
        col("notes", "备注", Long).drop(),
    ];
    events.extend(record_columns(Some("对象记录编号")));

    vec![
        LedgerSpec { name: "调解台账", title: "人民调解案件台账", content: "人民调解案件，每案一行", source: Source::Cases, columns: cases },
        LedgerSpec { name: "调解当事人", title: "人民调解当事人", content: "案件的当事人，每人一行", source: Source::Parties, columns: parties },
        LedgerSpec { name: "调解过程", title: "人民调解过程记录", content: "每次调解一行", source: Source::Sessions, columns: sessions },
        LedgerSpec { name: "调解回访", title: "人民调解回访记录", content: "每次回访一行", source: Source::FollowUps, columns: follow_ups },
        LedgerSpec { name: "法援咨询", title: "法律咨询登记", content: "法律咨询和代写文书，每次一行", source: Source::Consultations, columns: consultations },
        LedgerSpec { name: "法援申请台账", title: "法律援助申请台账", content: "法律援助申请，每件一行", source: Source::Applications, columns: applications },
        LedgerSpec { name: "矫正对象台账", title: "社区矫正对象台账", content: "社区矫正对象，每人一行", source: Source::Subjects, columns: subjects },
        LedgerSpec { name: "矫正事件", title: "社区矫正监管事项", content: "报告、走访、谈话、学习、公益、请假、奖惩、考核，每项一行", source: Source::Events, columns: events },
    ]
}

fn record_fields<'a, T: Serialize>(input: &T, meta: &Meta, office_code: &str, index: &'a FieldIndex) -> Fields<'a> {
    let mut m = Fields::of(input, index);
    m.set("_officeCode", office_code);
    m.set("_id", meta.id.as_str());
    m.set("_number", meta.number.as_str());
    m.set("_version", meta.version);
    m.set("_createdAt", meta.created_at.as_str());
    m.set("_updatedAt", meta.updated_at.as_str());
    m.set("_deletedAt", meta.deleted_at.as_deref().unwrap_or_default());
    m
}

fn child_fields<'a, T: Serialize>(parent: &Rec<MediationCaseInput>, items: &[T], index: &'a FieldIndex) -> Vec<Fields<'a>> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut m = Fields::of(item, index);
            m.set("_parentNumber", parent.meta.number.as_str());
            m.set("_index", i as i64 + 1);
            m.set("_parentId", parent.meta.id.as_str());
            m.set("_parentVersion", parent.meta.version);
            m
        })
        .collect()
}

/// The slots a ledger's rows need: every field a column shows (in any profile), the fields its
/// conditional columns depend on, and a party's birth date (to leave minors out when masking).
pub fn field_index(spec: &LedgerSpec) -> FieldIndex {
    let mut index = FieldIndex::new();
    let keys = spec.columns.iter().flat_map(|c| std::iter::once(c.id).chain(c.when.map(|w| w.0))).chain(["birthDate", "_deletedAt"]);
    for k in keys {
        let n = index.len();
        index.entry(k).or_insert(n);
    }
    index
}

/// The rows of one ledger, as the fields its columns read, in the order they are written.
pub fn source_rows<'a>(spec: &LedgerSpec, r: &Records, profile: Profile, index: &'a FieldIndex) -> Vec<Fields<'a>> {
    let masked = profile == Profile::Masked;
    let name_of = |name: &str| if masked { mask_name(name) } else { name.to_string() };
    match spec.source {
        Source::Cases => r
            .cases
            .iter()
            .map(|c| {
                let mut m = record_fields(&c.input, &c.meta, &r.office_code, index);
                let parties = c.input.parties.iter().map(|p| format!("{}（{}）", name_of(&p.name), code_label("partyRole", &p.role))).collect::<Vec<_>>().join("、");
                m.set("_parties", parties);
                m
            })
            .collect(),
        Source::Parties => r
            .cases
            .iter()
            .filter(|c| c.meta.deleted_at.is_none())
            .flat_map(|c| child_fields(c, &c.input.parties, index))
            .filter(|p| !(masked && under_18(p.get("birthDate").and_then(Value::as_str), r.as_of)))
            .collect(),
        Source::Sessions => r.cases.iter().filter(|c| c.meta.deleted_at.is_none()).flat_map(|c| child_fields(c, &c.input.sessions, index)).collect(),
        Source::FollowUps => r.cases.iter().filter(|c| c.meta.deleted_at.is_none()).flat_map(|c| child_fields(c, &c.input.follow_ups, index)).collect(),
        Source::Consultations => r
            .consultations
            .iter()
            .filter(|c| !(masked && c.input.groups.iter().any(|g| g == "minor")))
            .map(|c| record_fields(&c.input, &c.meta, &r.office_code, index))
            .collect(),
        Source::Applications => r
            .applications
            .iter()
            .filter(|a| !(masked && (a.input.groups.iter().any(|g| g == "minor") || under_18(a.input.birth_date.as_deref(), r.as_of))))
            .map(|c| record_fields(&c.input, &c.meta, &r.office_code, index))
            .collect(),
        // Minors appear only in the figures of a masked batch (DOMAIN.md §6).
        Source::Subjects => r
            .subjects
            .iter()
            .filter(|s| !(masked && s.minor))
            .map(|s| {
                let mut m = record_fields(&s.input, &s.meta, &r.office_code, index);
                m.set("_minor", s.minor);
                m
            })
            .collect(),
        Source::Events => {
            let subjects: std::collections::HashMap<&str, (&str, &str)> = r
                .subject_names
                .iter()
                .map(|(id, (c, n))| (id.as_str(), (c.as_str(), n.as_str())))
                .chain(r.subjects.iter().map(|s| (s.meta.id.as_str(), (s.input.subject_code.as_str(), s.input.name.as_str()))))
                .collect();
            r.events
                .iter()
                .filter(|e| !(masked && e.minor))
                .map(|e| {
                    let mut m = record_fields(&e.input, &e.meta, &r.office_code, index);
                    m.set("_parentId", e.meta.parent_id.as_str());
                    let (code, name) = subjects.get(e.meta.parent_id.as_str()).copied().unwrap_or_default();
                    m.set("_parentNumber", code);
                    m.set("_parentName", name);
                    m
                })
                .collect()
        }
    }
}

/// Whether a person born on `birth` is under 18 on `day`.
fn under_18(birth: Option<&str>, day: Option<chrono::NaiveDate>) -> bool {
    match (birth.and_then(|b| chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d").ok()), day) {
        (Some(b), Some(d)) => crate::check::age_on(b, d) < 18,
        _ => false,
    }
}

/// Columns a deleted record keeps: which record, which version, when deleted. The district needs
/// nothing else to apply the deletion, and a record deleted as a mistake carries no personal data.
const TOMBSTONE_COLUMNS: &[&str] = &["_number", "_officeCode", "_id", "_version", "_createdAt", "_updatedAt", "_deletedAt", "_parentId", "_parentNumber"];

/// The columns a profile shows.
pub fn columns(spec: &LedgerSpec, profile: Profile) -> Vec<&Col> {
    spec.columns.iter().filter(|c| !(profile == Profile::Masked && c.mask == Mask::Drop)).collect()
}

fn date_cell(s: &str) -> Cell {
    use chrono::Datelike;
    match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        // Excel has no dates before 1900.
        Ok(d) if d.year() >= 1900 => Cell::Date(d),
        // Never lose a value the store holds, even one that is not a date.
        _ => Cell::text(s),
    }
}

fn masked_text(s: &str, mask: Mask, masked: bool) -> String {
    if !masked {
        return s.to_string();
    }
    match mask {
        Mask::Name => s.split('、').map(mask_name).collect::<Vec<_>>().join("、"),
        Mask::Id => mask_id(s),
        Mask::Phone => mask_phone(s),
        _ => s.to_string(),
    }
}

/// One cell of a row.
pub fn cell(c: &Col, m: &Fields<'_>, masked: bool) -> Cell {
    if let Some((field, value)) = c.when {
        if m.get(field).and_then(Value::as_str) != Some(value) {
            return Cell::Empty;
        }
    }
    let v = match m.get(c.id) {
        None | Some(Value::Null) => return Cell::Empty,
        Some(v) => v,
    };
    match c.kind {
        Text | Long | Number => match v {
            Value::String(s) => Cell::text(masked_text(s, c.mask, masked)),
            other => Cell::text(other.to_string()),
        },
        Date => v.as_str().map(date_cell).unwrap_or(Cell::Empty),
        Int | Hours => v.as_f64().map(Cell::Number).unwrap_or(Cell::Empty),
        Money => match v.as_str().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => s.parse::<f64>().map(Cell::Number).unwrap_or_else(|_| Cell::text(s)),
            None => Cell::Empty,
        },
        Bool => Cell::text(if v.as_bool() == Some(true) { "是" } else { "否" }),
        Code(table) => v.as_str().filter(|s| !s.is_empty()).map(|s| Cell::text(code_label(table, s))).unwrap_or(Cell::Empty),
        Codes(table) => Cell::text(strings(v).iter().map(|s| code_label(table, s)).collect::<Vec<_>>().join("、")),
        Names => Cell::text(masked_text(&strings(v).join("、"), c.mask, masked)),
        Prevention(kind) => v
            .as_array()
            .and_then(|a| a.iter().find(|p| p.get("kind").and_then(Value::as_str) == Some(kind)))
            .and_then(|p| p.get("persons").and_then(Value::as_f64))
            .map(Cell::Number)
            .unwrap_or(Cell::Empty),
        EMonitoring => Cell::text(
            v.as_array()
                .map(|a| {
                    a.iter()
                        .map(|p| {
                            let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                            let reason = s("reason");
                            let mut t = format!("{}至{}", s("start"), s("end"));
                            if !reason.is_empty() {
                                t.push_str(&format!("（{}）", code_label("corrEMonReason", &reason)));
                            }
                            t
                        })
                        .collect::<Vec<_>>()
                        .join("；")
                })
                .unwrap_or_default(),
        ),
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect()).unwrap_or_default()
}

/// Builds the ledger sheets of a profile.
pub fn sheets(r: &Records, profile: Profile, period_label: &str, office_name: &str, mut progress: impl FnMut(&str, usize)) -> Vec<Sheet> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let specs = specs();
    // Two workers take the sheets in turn: building rows and freeing the intermediate field
    // maps is most of the work of a large batch, and an office PC has at least two cores. Two,
    // not one per sheet, so that only two sheets' maps are in memory at once.
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<Sheet>>> = Mutex::new(vec![None; specs.len()]);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(spec) = specs.get(i) else { break };
                let sheet = ledger_sheet(spec, r, profile, period_label, office_name);
                done.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(sheet);
            });
        }
    });
    let sheets: Vec<Sheet> = done.into_inner().unwrap_or_else(|p| p.into_inner()).into_iter().map(|s| s.expect("every ledger is built")).collect();
    for s in &sheets {
        progress(&s.name, s.rows.len());
    }
    sheets
}

fn ledger_sheet(spec: &LedgerSpec, r: &Records, profile: Profile, period_label: &str, office_name: &str) -> Sheet {
    let masked = profile == Profile::Masked;
    let cols = columns(spec, profile);
    let index = field_index(spec);
    let rows: Vec<Vec<Cell>> = source_rows(spec, r, profile, &index)
        .iter()
        .map(|m| {
            let deleted = m.get("_deletedAt").and_then(Value::as_str).is_some_and(|d| !d.is_empty());
            cols.iter().map(|c| if deleted && !TOMBSTONE_COLUMNS.contains(&c.id) { Cell::Empty } else { cell(c, m, masked) }).collect()
        })
        .collect();
    let suffix = if masked { "（脱敏）" } else { "" };
    Sheet {
        name: spec.name.to_string(),
        title: format!("{}{suffix}　{office_name}　{period_label}　{}", spec.title, super::CONFIDENTIAL),
        content: spec.content.to_string(),
        role: Role::Ledger,
        confidential: true,
        headers: cols.iter().map(|c| c.header.to_string()).collect(),
        ids: cols.iter().map(|c| column_id(c)).collect(),
        looks: cols.iter().map(|c| c.look()).collect(),
        rows,
        merges: Vec::new(),
        header_rows: super::grid::LEDGER_HEADER_ROWS,
    }
}

/// The id in the hidden row: the field, with the variant for columns that share a field.
fn column_id(c: &Col) -> String {
    match (c.kind, c.when) {
        (Prevention(kind), _) => format!("{}.{kind}", c.id),
        (_, Some((field, value))) => format!("{}@{field}={value}", c.id),
        _ => c.id.to_string(),
    }
}

// ── Reading rows back ─────────────────────────────────────────────────────────────────────────

/// Why a cell could not be read back into its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub row: usize,
    pub header: String,
    pub reason: String,
}

fn code_of(table: &str, label: &str) -> Option<String> {
    codes::code_tables().get(table)?.iter().find(|i| i.label == label).map(|i| i.code.clone())
}

/// Reads data rows back into field maps (fields of the record; `_id`, `_version` … for the
/// record columns). `ids` is the hidden id row; derived columns are skipped.
pub fn decode(spec: &LedgerSpec, ids: &[String], rows: &[Vec<Cell>]) -> Result<Vec<Map<String, Value>>, DecodeError> {
    let by_id: std::collections::HashMap<String, &Col> = spec.columns.iter().map(|c| (column_id(c), c)).collect();
    // The column of each cell, looked up once per sheet rather than once per cell.
    let cols: Vec<(usize, &Col)> = ids.iter().enumerate().filter_map(|(i, id)| by_id.get(id).filter(|c| !c.derived).map(|c| (i, *c))).collect();
    let mut out = Vec::with_capacity(rows.len());
    for (n, row) in rows.iter().enumerate() {
        let mut m = Map::new();
        for &(i, c) in &cols {
            let cell = row.get(i).cloned().unwrap_or(Cell::Empty);
            if cell == Cell::Empty {
                continue;
            }
            let err = |reason: &str| DecodeError { row: n, header: c.header.to_string(), reason: reason.to_string() };
            // Line ends as the seal reads them (a spreadsheet program may write CR LF for LF).
            let text = || match &cell {
                Cell::Text(s) => Ok(super::grid::line_ends_as_lf(s).into_owned()),
                Cell::Number(x) => Ok(super::grid::format_number(*x)),
                _ => Err(err("应为文字")),
            };
            let number = || match &cell {
                Cell::Number(x) => Ok(*x),
                Cell::Text(s) => s.trim().parse::<f64>().map_err(|_| err("应为数字")),
                _ => Err(err("应为数字")),
            };
            let value: Value = match c.kind {
                Text | Long | Number => text()?.into(),
                Date => match &cell {
                    Cell::Date(d) => d.to_string().into(),
                    Cell::Text(s) => s.clone().into(),
                    _ => return Err(err("应为日期")),
                },
                Int => (number()? as i64).into(),
                Hours => number()?.into(),
                Money => format!("{:.2}", number()?).into(),
                Bool => match text()?.as_str() {
                    "是" => true.into(),
                    "否" => false.into(),
                    _ => return Err(err("应为“是”或“否”")),
                },
                Code(table) => code_of(table, &text()?).ok_or_else(|| err("不是代码表中的值"))?.into(),
                Codes(table) => {
                    let t = text()?;
                    let codes: Option<Vec<Value>> = t.split('、').map(|l| code_of(table, l).map(Value::from)).collect();
                    Value::Array(codes.ok_or_else(|| err("不是代码表中的值"))?)
                }
                Names => Value::Array(text()?.split('、').map(|s| Value::from(s.to_string())).collect()),
                Prevention(kind) => {
                    let list = m.entry(c.id.to_string()).or_insert_with(|| Value::Array(Vec::new()));
                    if let Value::Array(a) = list {
                        a.push(serde_json::json!({ "kind": kind, "persons": number()? as i64 }));
                    }
                    continue;
                }
                EMonitoring => Value::Array(decode_e_monitoring(&text()?).ok_or_else(|| err("电子定位期间格式不对"))?),
            };
            m.insert(c.id.to_string(), value);
        }
        out.push(m);
    }
    Ok(out)
}

fn decode_e_monitoring(t: &str) -> Option<Vec<Value>> {
    t.split('；')
        .map(|p| {
            let (dates, reason) = match p.split_once('（') {
                Some((d, r)) => (d, Some(code_of("corrEMonReason", r.trim_end_matches('）'))?)),
                None => (p, None),
            };
            let (s, e) = dates.split_once('至')?;
            let opt = |x: &str| if x.is_empty() { Value::Null } else { Value::from(x.to_string()) };
            Some(serde_json::json!({ "start": opt(s), "end": opt(e), "reason": reason }))
        })
        .collect()
}
