//! Synthetic legal-aid records: consultations, and applications followed along a plausible
//! timeline up to "today", so every state occurs and a few clocks are missed as in real life.

use super::Generator;
use crate::legal_aid::{ConsultationInput, LegalAidInput};
use chrono::{Duration, NaiveDate};
use rand::Rng;

const STAFF: &[&str] = &["周建华", "吴玉兰", "郑志强", "孙桂英"];
const PROVIDERS: &[(&str, &str, &str)] = &[
    ("湖北楚天律师事务所", "刘志刚", "lawyer"),
    ("湖北石港律师事务所", "陈丽华", "lawyer"),
    ("石港镇法律服务所", "何建国", "grassroots_worker"),
    ("区法律援助中心", "林晓", "staff"),
];

/// (consult matter, question, answer)
const CONSULTATIONS: &[(&str, &str, &str)] = &[
    ("wages", "在工地干了半年活，老板拖欠工资不给怎么办", "告知可向劳动监察投诉或申请劳动仲裁，农民工追索劳动报酬可申请法律援助，免予经济状况核查"),
    ("marriage_family", "丈夫长期酗酒打人，想离婚，孩子抚养权怎么判", "告知可申请人身安全保护令，离婚诉讼中抚养权以有利于子女成长为原则，家庭暴力受害人申请法律援助不受经济条件限制"),
    ("support", "几个子女都不给老人生活费，老人能不能告", "告知成年子女有赡养义务，可先由村调委会调解，也可起诉请求给付赡养费，可申请法律援助"),
    ("traffic", "被电动车撞伤住院，对方不肯赔医药费", "告知保存病历票据和交警事故认定书，可协商、调解或起诉，讲解赔偿项目和诉讼时效"),
    ("property", "邻居新建房屋占了我家宅基地", "告知宅基地权属争议先由乡镇人民政府处理，可携带宅基地使用证到国土所核实界址"),
    ("contract", "借给朋友五万元，到期不还，只有微信聊天记录", "告知聊天记录和转账记录可作为证据，建议尽快催收并注意三年诉讼时效"),
    ("work_injury", "在厂里干活被机器轧伤手指，厂里没买工伤保险", "告知应在一年内申请工伤认定，未参保由用人单位按标准支付工伤待遇，可申请法律援助"),
    ("inheritance", "父亲去世没有遗嘱，房子怎么分", "讲解法定继承顺序和份额，建议全体继承人协商，协商不成可申请调解或起诉"),
    ("neighbor", "邻居家排水流到我家院子里", "告知相邻关系应遵循方便生活、团结互助原则，可申请村调委会调解"),
    ("social_insurance", "低保被取消了，不知道什么原因", "告知可向乡镇民政办了解原因，对决定不服可申请行政复议"),
];

struct Profile {
    nature: &'static str,
    matter: &'static str,
    role: &'static str,
    stage: &'static str,
    organ: &'static str,
    form: &'static str,
    basis: &'static str,
    sub: Option<&'static str>,
    groups: &'static [&'static str],
    reason: &'static str,
    /// Birth years to draw from.
    born: (i32, i32),
    weight: u32,
}

const PROFILES: &[Profile] = &[
    Profile { nature: "civil", matter: "wages", role: "applicant", stage: "arbitration", organ: "区劳动人事争议仲裁委员会", form: "labor_arbitration", basis: "exempt", sub: Some("migrant_wages"), groups: &["migrant_worker"], reason: "在建筑工地务工，包工头拖欠工资，多次讨要未果", born: (1965, 2000), weight: 30 },
    Profile { nature: "civil", matter: "work_injury", role: "plaintiff", stage: "first_instance", organ: "区人民法院", form: "civil_agency", basis: "exempt", sub: Some("migrant_wages"), groups: &["migrant_worker"], reason: "在工厂务工期间受伤致残，用人单位未缴工伤保险，拒绝赔偿", born: (1970, 1998), weight: 10 },
    Profile { nature: "civil", matter: "traffic", role: "plaintiff", stage: "first_instance", organ: "区人民法院", form: "civil_agency", basis: "pledge", sub: None, groups: &["other"], reason: "被机动车撞伤，对方拒绝承担医疗费和误工费", born: (1955, 2000), weight: 12 },
    Profile { nature: "civil", matter: "support_payment", role: "plaintiff", stage: "not_started", organ: "", form: "civil_agency", basis: "exempt", sub: Some("no_income_vulnerable"), groups: &[], reason: "年老体弱无固定收入，子女拒绝支付赡养费", born: (1938, 1958), weight: 10 },
    Profile { nature: "civil", matter: "abuse_victim", role: "plaintiff", stage: "first_instance", organ: "区人民法院", form: "civil_agency", basis: "unrestricted", sub: Some("abuse_victim"), groups: &[], reason: "长期遭受家庭暴力，请求离婚并申请人身安全保护令", born: (1975, 1998), weight: 8 },
    Profile { nature: "criminal", matter: "criminal_victim", role: "victim", stage: "prosecution", organ: "区人民检察院", form: "criminal_defense", basis: "pledge", sub: None, groups: &["other"], reason: "被他人故意伤害致轻伤，经济困难无力委托代理人", born: (1960, 2000), weight: 5 },
    Profile { nature: "administrative", matter: "social_insurance", role: "applicant", stage: "reconsideration", organ: "区人民政府", form: "administrative_agency", basis: "exempt", sub: Some("assistance_recipient"), groups: &["subsistence"], reason: "最低生活保障被取消，认为决定依据不足", born: (1950, 1990), weight: 4 },
    Profile { nature: "non_litigation", matter: "wages", role: "applicant", stage: "not_started", organ: "", form: "non_litigation", basis: "exempt", sub: Some("migrant_wages"), groups: &["migrant_worker"], reason: "季节性务工工资未结清，请求协助与雇主协商", born: (1965, 2000), weight: 8 },
];

/// A notified defence: the court asks for a lawyer for a detained accused person.
const NOTIFIED: Profile = Profile {
    nature: "criminal", matter: "criminal_defense", role: "accused", stage: "first_instance", organ: "区人民法院",
    form: "criminal_defense", basis: "notified", sub: None, groups: &["other"], reason: "被告人可能被判处无期徒刑，人民法院通知辩护",
    born: (1970, 2000), weight: 0,
};

impl Generator {
    pub(super) fn born_in(&mut self, from: i32, to: i32, male: bool) -> (String, NaiveDate) {
        let start = NaiveDate::from_ymd_opt(from, 1, 1).unwrap();
        let span = (NaiveDate::from_ymd_opt(to, 12, 31).unwrap() - start).num_days();
        let birth = start + Duration::days(self.rng.random_range(0..span));
        (self.id_born_on(birth, male), birth)
    }

    /// One consultation on `on`.
    pub fn consultation(&mut self, on: NaiveDate) -> ConsultationInput {
        let (matter, question, answer) = CONSULTATIONS[self.rng.random_range(0..CONSULTATIONS.len())];
        let channel = self.pick(&["visit", "visit", "visit", "hotline", "hotline", "online", "letter"]);
        let anonymous = channel == "hotline" && self.rng.random_bool(0.5);
        let mut groups = Vec::new();
        if matter == "wages" || matter == "work_injury" {
            groups.push("migrant_worker".to_string());
        }
        if self.rng.random_bool(0.4) {
            groups.push("women".to_string());
        }
        if matter == "support" {
            groups.push("elderly".to_string());
        }
        ConsultationInput {
            consulted_on: on.to_string(),
            channel: channel.into(),
            service: if self.rng.random_bool(0.12) { "draft" } else { "answer" }.into(),
            persons: if self.rng.random_bool(0.08) { self.rng.random_range(2..5) } else { 1 },
            groups,
            matter: matter.into(),
            name: if anonymous { String::new() } else { self.name() },
            phone: if anonymous { String::new() } else { self.mobile() },
            question: question.into(),
            answer: answer.into(),
            guided: matches!(matter, "wages" | "work_injury" | "support" | "marriage_family") && self.rng.random_bool(0.4),
            staff: self.pick(STAFF).into(),
        }
    }

    /// One application received on `received`, followed along its timeline up to today.
    pub fn application(&mut self, received: NaiveDate, receiving_org: &str, competent_org: &str) -> LegalAidInput {
        let today = self.today;
        let notified = self.rng.random_bool(0.1);
        let p: &Profile = if notified {
            &NOTIFIED
        } else {
            let total: u32 = PROFILES.iter().map(|p| p.weight).sum();
            let mut x = self.rng.random_range(0..total);
            let mut chosen = &PROFILES[0];
            for p in PROFILES {
                if x < p.weight {
                    chosen = p;
                    break;
                }
                x -= p.weight;
            }
            chosen
        };
        let female = match p.matter {
            "abuse_victim" => true,
            _ => self.rng.random_bool(0.35),
        };
        let (id_no, birth) = self.born_in(p.born.0, p.born.1, !female);
        let village = self.village();
        let mut a = LegalAidInput {
            state: if notified { "notified" } else { "received" }.into(),
            aid_channel: if notified { "notified" } else { "application" }.into(),
            received_via: if notified { "custody" } else if self.rng.random_bool(0.1) { "online" } else { "in_person" }.into(),
            receiving_org: if notified { competent_org } else { receiving_org }.into(),
            competent_org: competent_org.into(),
            applicant_detained: notified,
            received_on: received.to_string(),
            name: self.name(),
            sex: Some(if female { "female" } else { "male" }.into()),
            birth_date: Some(birth.to_string()),
            ethnicity: Some("01".into()),
            id_type: Some("resident_id".into()),
            id_no,
            domicile: format!("湖北省黄石市{village}"),
            residence: if notified { "区看守所".into() } else { format!("{village}{}组", self.rng.random_range(1..12)) },
            phone: if notified { String::new() } else { self.mobile() },
            occupation: if p.groups.contains(&"migrant_worker") { "务工人员" } else { "农民" }.into(),
            groups: p.groups.iter().map(|g| g.to_string()).collect(),
            case_nature: p.nature.into(),
            matter: p.matter.into(),
            role: p.role.into(),
            stage: p.stage.into(),
            handling_organ: p.organ.into(),
            opponent: if p.nature == "criminal" { String::new() } else { format!("{}等", self.name()) },
            reason: p.reason.into(),
            service_form: p.form.into(),
            means_basis: p.basis.into(),
            means_sub_reason: p.sub.map(str::to_string),
            ..Default::default()
        };
        if p.basis == "pledge" {
            a.household_size = Some(self.rng.random_range(1..6));
            a.monthly_income = Some(format!("{}.00", self.rng.random_range(8..30) * 100));
        }
        if a.groups.is_empty() {
            a.groups.push("other".into());
        }
        // A minor would need an agent; the profiles' birth years keep applicants adult.
        let stall = |g: &mut Generator| g.rng.random_bool(0.06);
        let day = |d: NaiveDate| d <= today;

        // Intake and acceptance.
        let accepted = if notified {
            received
        } else {
            let forwarded = received + Duration::days(self.rng.random_range(0..2));
            if !day(forwarded) {
                return a;
            }
            a.forwarded_on = Some(forwarded.to_string());
            forwarded + Duration::days(self.rng.random_range(0..2))
        };
        if notified {
            a.accepted_on = Some(accepted.to_string());
        }
        if !day(accepted) || stall(self) {
            return a;
        }
        a.accepted_on = Some(accepted.to_string());
        let mut decided_from = accepted;
        if notified {
            a.state = "notified".into();
        } else {
            a.state = "reviewing".into();
            if self.rng.random_bool(0.15) {
                let notice = accepted + Duration::days(1);
                if !day(notice) {
                    return a;
                }
                a.state = "supplementing".into();
                a.supp_notice_on = Some(notice.to_string());
                a.supp_items = "劳动关系证明、欠薪凭证".into();
                if self.rng.random_bool(0.2) {
                    // Nothing came: deemed withdrawn once the 15 days have passed.
                    let deemed = notice + Duration::days(16);
                    if day(deemed) {
                        a.state = "withdrawn_deemed".into();
                        a.decision_on = Some(deemed.to_string());
                    }
                    return a;
                }
                let done = notice + Duration::days(self.rng.random_range(2..9));
                if !day(done) {
                    return a;
                }
                a.state = "reviewing".into();
                a.supp_done_on = Some(done.to_string());
                decided_from = done;
            }
            let decided = decided_from + Duration::days(self.rng.random_range(1..7));
            if !day(decided) || stall(self) {
                return a;
            }
            a.decision_on = Some(decided.to_string());
            a.decision_no = format!("（{}）黄援决字第{}号", decided.format("%Y"), self.rng.random_range(1..400));
            let roll: f64 = self.rng.random();
            if roll < 0.08 {
                a.state = "refused".into();
                a.decision = Some("refuse".into());
                a.refusal_reason = "申请事项不属于法律援助范围".into();
                if self.rng.random_bool(0.5) {
                    let objection = decided + Duration::days(self.rng.random_range(2..10));
                    if !day(objection) {
                        return a;
                    }
                    a.state = "objecting".into();
                    a.objection_on = Some(objection.to_string());
                    let decided_o = objection + Duration::days(self.rng.random_range(2..6));
                    if !day(decided_o) || stall(self) {
                        return a;
                    }
                    a.objection_decided_on = Some(decided_o.to_string());
                    if self.rng.random_bool(0.5) {
                        a.state = "objection_upheld".into();
                        a.objection_result = Some("upheld".into());
                        return a;
                    }
                    a.state = "objection_corrected".into();
                    a.objection_result = Some("corrected".into());
                    decided_from = decided_o;
                } else {
                    return a;
                }
            } else if roll < 0.13 {
                a.state = "provisional".into();
                a.decision = Some("provisional".into());
                a.provisional_reason = "距诉讼时效届满不足七日，先行提供法律援助".into();
                decided_from = decided;
            } else {
                a.state = "granted".into();
                a.decision = Some("grant".into());
                decided_from = decided;
            }
        }

        // Assignment, handling, the end, the file, the visit.
        let late = self.rng.random_bool(0.08);
        let assigned = decided_from + Duration::days(if late { self.rng.random_range(4..7) } else { self.rng.random_range(0..4) });
        if !day(assigned) || stall(self) {
            return a;
        }
        let (provider, handler, kind) = PROVIDERS[self.rng.random_range(0..PROVIDERS.len())];
        a.state = "assigned".into();
        if a.decision.is_none() && !notified {
            a.decision = Some("grant".into());
        }
        a.assigned_on = Some(assigned.to_string());
        a.provider = provider.into();
        a.handler = handler.into();
        a.handler_type = Some(kind.into());
        if day(assigned + Duration::days(1)) && self.rng.random_bool(0.8) {
            a.state = "handling".into();
        }
        let ended = assigned + Duration::days(self.rng.random_range(15..90));
        if !day(ended) || stall(self) {
            return a;
        }
        if self.rng.random_bool(0.1) {
            a.state = "terminated".into();
            a.terminated_on = Some(ended.to_string());
            a.termination_ground = Some(self.pick(&["own_lawyer", "applicant_request", "case_ended"]).into());
        } else {
            a.state = "closed".into();
            a.closed_on = Some(ended.to_string());
            a.close_mode = Some(if notified { "judgment" } else { self.pick(&["judgment", "mediation", "mediation", "settlement", "award"]) }.into());
            if p.nature != "criminal" {
                a.recovered = Some(format!("{}.00", self.rng.random_range(5..200) * 100));
            }
        }
        let filed = ended + Duration::days(self.rng.random_range(5..36));
        if !day(filed) || stall(self) {
            return a;
        }
        a.state = "filed".into();
        a.file_submitted_on = Some(filed.to_string());
        let visit = filed + Duration::days(self.rng.random_range(1..20));
        if a.closed_on.is_none() || !day(visit) || stall(self) {
            return a;
        }
        a.state = "visited".into();
        a.recipient_visit_on = Some(visit.to_string());
        a.satisfaction = Some(if self.rng.random_bool(0.9) { "satisfied" } else { "fairly" }.into());
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legal_aid::{validate, validate_consultation};

    #[test]
    fn generated_applications_pass_validation_and_reach_every_state() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut g = Generator::new(3, "420202001", today);
        let mut states = std::collections::BTreeSet::new();
        for d in g.acceptance_dates(12, 150) {
            let mut a = g.application(d, "石港镇司法所", "黄石港区法律援助中心");
            validate(&mut a, today).unwrap_or_else(|e| panic!("{a:?}: {e:?}"));
            states.insert(a.state.clone());
            let mut c = g.consultation(d);
            validate_consultation(&mut c, today).unwrap_or_else(|e| panic!("{c:?}: {e:?}"));
        }
        for s in crate::codes::code_tables()["laState"].iter().map(|i| i.code.as_str()) {
            assert!(states.contains(s), "no {s} among {states:?}");
        }
    }
}
