//! Synthetic 人民调解 cases: parties with valid ID numbers, a dispute mix weighted as township
//! statistics show it, and each case in a state that fits its age.

use super::Generator;
use crate::mediation::{FollowUp, MediationCaseInput, MediationSession, Party, Prevention};
use chrono::{Duration, NaiveDate};
use rand::Rng;

const MEDIATORS: &[&str] = &["周建华", "吴玉兰", "郑志强", "孙桂英", "冯德福", "陈秀英", "胡明"];
const OCCUPATIONS: &[&str] = &["农民", "个体工商户", "务工人员", "退休人员", "教师", "司机", "无业"];

/// Dispute types with rough weights seen in township statistics.
const DISPUTE_MIX: &[(&str, u32, &str)] = &[
    ("marriage_family", 22, "因赡养老人费用分担及家庭财产问题发生纠纷，双方多次协商未果"),
    ("neighbour", 20, "因排水沟堵塞、通行道路占用等邻里琐事发生争执，矛盾有激化苗头"),
    ("housing_land", 12, "因宅基地界址不清、新建房屋滴水占地发生纠纷"),
    ("contract", 8, "因买卖合同货款未按约支付发生纠纷，涉及欠款"),
    ("business", 4, "因合伙经营养殖场利润分配发生纠纷"),
    ("damages", 8, "因家禽损毁庄稼、宠物咬伤等引发损害赔偿纠纷"),
    ("forest_land", 5, "因承包山林边界及林木采伐收益发生纠纷"),
    ("land_acquisition", 3, "因征地补偿款分配发生纠纷"),
    ("pollution", 2, "因养殖场异味和污水排放影响周边住户发生纠纷"),
    ("labour", 6, "因拖欠务工工资及工伤医疗费用发生纠纷"),
    ("consumer", 2, "因购买的农机质量问题退换货发生纠纷"),
    ("medical", 1, "因村卫生室诊疗后果发生医疗纠纷"),
    ("traffic", 4, "因电动车与三轮车相撞造成人身损害及车辆损失发生赔偿纠纷"),
    ("property_mgmt", 1, "因物业费收取及公共设施维修发生纠纷"),
    ("other", 2, "因其他民间事务发生纠纷"),
];

impl Generator {
    fn party(&mut self, role: &str) -> Party {
        let male = self.rng.random_bool(0.55);
        let (id_no, birth) = self.id_number(male);
        let village = self.village();
        Party {
            role: role.into(),
            kind: "natural".into(),
            name: self.name(),
            sex: Some(if male { "male" } else { "female" }.into()),
            ethnicity: Some("01".into()),
            birth_date: Some(birth.to_string()),
            id_type: Some("resident_id".into()),
            id_no,
            occupation: self.pick(OCCUPATIONS).into(),
            address: format!("{village}{}组{}号", self.rng.random_range(1..12), self.rng.random_range(1..80)),
            phone: self.mobile(),
            agent: String::new(),
        }
    }

    fn dispute(&mut self) -> (&'static str, &'static str) {
        let total: u32 = DISPUTE_MIX.iter().map(|d| d.1).sum();
        let mut x = self.rng.random_range(0..total);
        for (code, w, text) in DISPUTE_MIX {
            if x < *w {
                return (code, text);
            }
            x -= w;
        }
        ("other", "因其他民间事务发生纠纷")
    }

    /// One case accepted on `accepted`, in a state that fits its age.
    pub fn case(&mut self, accepted: NaiveDate) -> MediationCaseInput {
        let age = (self.today - accepted).num_days();
        let (dispute, text) = self.dispute();
        let mut parties = vec![self.party("applicant"), self.party("respondent")];
        if self.rng.random_bool(0.1) {
            parties.push(self.party("third_party"));
        }
        let mediators: Vec<String> = {
            let a = self.pick(MEDIATORS).to_string();
            let b = self.pick(MEDIATORS).to_string();
            if a == b { vec![a] } else { vec![a, b] }
        };
        let village = self.village();
        let summary = format!("{}与{}{}。", parties[0].name, parties[1].name, text);
        let roll: f64 = self.rng.random();
        let state = if age < 3 {
            if roll < 0.5 { "accepted" } else { "mediating" }
        } else if age < 35 {
            match roll {
                r if r < 0.15 => "accepted",
                r if r < 0.55 => "mediating",
                r if r < 0.9 => "agreed",
                r if r < 0.97 => "failed",
                _ => "withdrawn",
            }
        } else {
            match roll {
                r if r < 0.01 => "mediating",
                r if r < 0.12 => "agreed",
                r if r < 0.88 => "archived",
                r if r < 0.95 => "failed",
                r if r < 0.98 => "withdrawn",
                _ => "not_accepted",
            }
        };
        let max_day = |d: NaiveDate, today: NaiveDate| d.min(today);
        let session_on = max_day(accepted + Duration::days(self.rng.random_range(0..6)), self.today);
        let agreement_on = max_day(session_on + Duration::days(self.rng.random_range(0..10)), self.today);
        let mut input = MediationCaseInput {
            state: state.into(),
            committee: if self.rng.random_bool(0.3) { "township" } else { "village" }.into(),
            accepted_on: accepted.to_string(),
            source: self.pick(&["application", "application", "application", "proactive", "proactive", "court_referral", "police_referral", "petition_referral"]).into(),
            dispute_type: dispute.into(),
            occurred_on: Some((accepted - Duration::days(self.rng.random_range(0..30))).to_string()),
            place: village,
            persons_involved: parties.len() as i64 + if self.rng.random_bool(0.05) { 5 } else { 0 },
            amount: self.rng.random_bool(0.5).then(|| format!("{}.00", self.rng.random_range(1..500) * 100)),
            summary,
            risk: Some(if self.rng.random_bool(0.9) { "ordinary" } else { "major" }.into()),
            mediators: mediators.clone(),
            recorder: self.pick(MEDIATORS).into(),
            rights_notice_on: Some(accepted.to_string()),
            parties,
            ..Default::default()
        };
        if state == "not_accepted" {
            input.mediators.clear();
            input.not_accepted_reason = Some("party_refused".into());
            input.closed_on = Some(accepted.to_string());
        }
        if matches!(state, "mediating" | "agreed" | "archived" | "failed") {
            input.sessions.push(MediationSession {
                date: session_on.to_string(),
                place: "司法所调解室".into(),
                attendees: format!("双方当事人、{}", mediators.join("、")),
                summary: "听取双方陈述，释法明理，引导双方互谅互让。".into(),
                signed: true,
            });
        }
        if matches!(state, "agreed" | "archived") {
            let written = self.rng.random_bool(0.8);
            input.agreement_form = Some(if written { "written" } else { "oral" }.into());
            input.agreement_on = Some(agreement_on.to_string());
            input.terms = "双方自愿达成协议，按约定履行，今后互不追究。".into();
            let immediate = self.rng.random_bool(0.6);
            input.perform_mode = Some(if immediate { "immediate" } else { "by_deadline" }.into());
            if !immediate {
                input.perform_by = Some((agreement_on + Duration::days(self.rng.random_range(10..60))).to_string());
            }
            input.agreed_amount = input.amount.clone();
            input.performance = Some(if state == "archived" { "performed" } else { "performing" }.into());
            if self.rng.random_bool(0.05) && written {
                input.judicial_confirm = "valid".into();
                input.judicial_court = "区人民法院".into();
                input.judicial_on = Some(max_day(agreement_on + Duration::days(5), self.today).to_string());
            }
        }
        if state == "archived" {
            let visit = max_day(agreement_on + Duration::days(self.rng.random_range(7..30)), self.today);
            input.follow_ups.push(FollowUp {
                date: visit.to_string(),
                visitor: self.pick(MEDIATORS).into(),
                mode: if self.rng.random_bool(0.7) { "phone" } else { "visit" }.into(),
                performance: Some("performed".into()),
                satisfaction: Some(if self.rng.random_bool(0.85) { "satisfied" } else { "fairly" }.into()),
                escalation_risk: false,
                measures: String::new(),
            });
            input.closed_on = Some(visit.to_string());
        }
        if matches!(state, "failed" | "withdrawn") {
            input.closed_on = Some(max_day(agreement_on, self.today).to_string());
            if state == "failed" {
                input.fail_route = Some("litigation".into());
            }
        }
        if self.rng.random_bool(0.03) && state != "not_accepted" {
            input.prevention.push(Prevention { kind: "civil_to_criminal".into(), persons: self.rng.random_range(1..4) });
        }
        input
    }
}
