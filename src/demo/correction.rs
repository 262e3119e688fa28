//! Synthetic community-correction subjects with a realistic history of events, followed from the
//! ruling up to "today": reports at their level's cadence (a few late, some answered with an
//! admonition), talks, visits, monthly hours, health reports, leave, assessments, and expiries.

use super::Generator;
use crate::correction::{CorrectionEventInput, CorrectionSubjectInput};
use chrono::{Datelike, Duration, Months, NaiveDate};
use rand::Rng;

const STAFF: &[&str] = &["李明", "周建华", "吴玉兰"];

/// (charge, class, sentence)
const CHARGES: &[(&str, &str, &str)] = &[
    ("危险驾驶罪", "02", "拘役{m}个月"),
    ("交通肇事罪", "02", "有期徒刑{y}年"),
    ("盗窃罪", "05", "有期徒刑{y}年"),
    ("诈骗罪", "05", "有期徒刑{y}年"),
    ("故意伤害罪", "04", "有期徒刑{y}年"),
    ("开设赌场罪", "06", "有期徒刑{y}年"),
    ("帮助信息网络犯罪活动罪", "06", "有期徒刑{y}年"),
    ("寻衅滋事罪", "06", "有期徒刑{y}年"),
    ("非法采矿罪", "06", "有期徒刑{y}年"),
    ("失火罪", "02", "有期徒刑{y}年"),
];

const YEARS_CN: &[&str] = &["零", "一", "二", "三", "四", "五"];

impl Generator {
    fn staff(&mut self) -> String {
        self.pick(STAFF).to_string()
    }

    fn event(&mut self, kind: &str, on: NaiveDate) -> CorrectionEventInput {
        CorrectionEventInput { kind: kind.into(), event_on: on.to_string(), staff: self.staff(), ..Default::default() }
    }

    /// The `n`th subject of the office, whose ruling took effect on `effective`, with its events.
    pub fn correction_subject(&mut self, n: usize, effective: NaiveDate) -> (CorrectionSubjectInput, Vec<CorrectionEventInput>) {
        let today = self.today;
        let male = self.rng.random_bool(0.85);
        let minor = self.rng.random_bool(0.05);
        let (id_no, _) = if minor {
            let y = effective.year() - 17;
            self.born_in(y, y, male)
        } else {
            self.born_in(1960, 2000, male)
        };
        let kind = match self.rng.random_range(0..100) {
            0..75 => "probation",
            75..85 => "parole",
            85..93 => "temporary",
            _ => "control",
        };
        let (charge, class, template) = CHARGES[self.rng.random_range(0..CHARGES.len())];
        let term_months: u32 = self.rng.random_range(6..=36);
        let sentence = match kind {
            "probation" => {
                let base = template.replace("{m}", &self.rng.random_range(2..6).to_string()).replace("{y}", YEARS_CN[self.rng.random_range(1..3)]);
                format!("{base}，缓刑{}个月", term_months)
            }
            "control" => format!("管制{}个月", term_months.min(24)),
            "parole" => format!("有期徒刑{}年，假释考验期{}个月", YEARS_CN[self.rng.random_range(3..6)], term_months),
            _ => format!("有期徒刑{}年，暂予监外执行", YEARS_CN[self.rng.random_range(1..4)]),
        };
        let term_months = if kind == "control" { term_months.min(24) } else { term_months };
        let corr_end = effective.checked_add_months(Months::new(term_months)).expect("date in range") - Duration::days(1);
        let level = match self.rng.random_range(0..10) {
            0..2 => "strict",
            2..8 => "normal",
            _ => "lenient",
        };
        let village = self.village();
        let mut s = CorrectionSubjectInput {
            subject_code: format!("SQ{}{:03}", effective.year(), n + 1),
            name: self.name(),
            id_no,
            phone: self.mobile(),
            domicile: "湖北省黄石市黄石港区".into(),
            residence: format!("石港镇{village}{}组{}号", self.rng.random_range(1..12), self.rng.random_range(1..80)),
            education: Some(self.pick(&["primary", "junior", "senior"]).into()),
            marital: Some(self.pick(&["married", "married", "unmarried", "divorced"]).into()),
            employment: Some(self.pick(&["employed", "farming", "self_employed", "unemployed"]).into()),
            correction_type: kind.into(),
            temporary_kind: (kind == "temporary").then(|| "medical".into()),
            deciding_organ: if kind == "temporary" { "prison_admin" } else { "court" }.into(),
            deciding_organ_name: if kind == "temporary" { "湖北省监狱管理局" } else { "黄石市黄石港区人民法院" }.into(),
            doc_no: format!("（{}）鄂0202刑初{}号", effective.year(), self.rng.random_range(10..600)),
            effective_on: Some(effective.to_string()),
            charge: charge.into(),
            charge_class: class.into(),
            sentence,
            corr_start: Some(effective.to_string()),
            corr_end: Some(corr_end.to_string()),
            intake_mode: if kind == "parole" || kind == "temporary" { "escorted" } else { "self" }.into(),
            team: vec!["office".into(), "village".into(), "family".into()],
            supervision_level: level.into(),
            risk_level: Some(if level == "strict" { "high" } else if level == "normal" { "medium" } else { "low" }.into()),
            ..Default::default()
        };
        if minor {
            s.team.push("school".into());
            s.employment = Some("student".into());
        }
        // Reporting: most within the ten days, a few late; a ruling of the last days not yet.
        let report_after = if self.rng.random_bool(0.9) { self.rng.random_range(1..=9) } else { self.rng.random_range(11..=15) };
        let reported = effective + Duration::days(report_after);
        if reported > today || (today - effective).num_days() < 3 {
            s.state = "awaiting_report".into();
            return (s, Vec::new());
        }
        s.reported_on = Some(reported.to_string());
        s.announced_on = Some(reported.to_string());
        s.state = "supervising".into();
        let until = if corr_end < today { corr_end } else { today };
        let events = self.history(&s, reported, until, level);
        if corr_end < today {
            s.state = "released".into();
            s.exit_type = Some("expired".into());
            s.exit_on = Some(corr_end.to_string());
            s.exit_doc_no = format!("黄港矫解字〔{}〕{}号", corr_end.year(), self.rng.random_range(1..200));
        }
        (s, events)
    }

    /// Events from the report-in to `until`, at the level's cadence.
    fn history(&mut self, s: &CorrectionSubjectInput, reported: NaiveDate, until: NaiveDate, level: &str) -> Vec<CorrectionEventInput> {
        let (report_every, talk_every, visit_every, hours) = match level {
            "strict" => (7, 7, 30, 12.0),
            "normal" => (15, 30, 60, 8.0),
            _ => (30, 30, 90, 4.0),
        };
        let mut out = Vec::new();
        // Reports: mostly on the day due, now and then late.
        let mut last = reported;
        loop {
            let due = last + Duration::days(report_every);
            let late = if self.rng.random_bool(0.06) { self.rng.random_range(2..14) } else { 0 };
            let on = due + Duration::days(late) - Duration::days(if late == 0 { self.rng.random_range(0..2) } else { 0 });
            if on > until {
                break;
            }
            let mut e = self.event("report", on);
            e.report_mode = Some(self.pick(&["in_person", "in_person", "phone", "video", "app"]).into());
            out.push(e);
            if late > 3 && on + Duration::days(3) <= until {
                let mut a = self.event("sanction", on + Duration::days(1));
                a.sanction = Some("admonition".into());
                a.content = format!("未按规定时间报告，逾期{late}日");
                a.decision = Some("approved".into());
                a.decided_on = Some((on + Duration::days(3)).to_string());
                a.doc_no = format!("黄港矫训字〔{}〕{}号", on.year(), self.rng.random_range(1..90));
                out.push(a);
            }
            last = on;
        }
        for (kind, every) in [("talk", talk_every), ("visit", visit_every)] {
            let mut on = reported + Duration::days(every);
            while on <= until {
                let mut e = self.event(kind, on);
                if kind == "visit" {
                    e.place = s.residence.clone();
                    e.people = "本人、家属、村干部".into();
                    e.content = self.pick(&["在家务农，表现平稳", "在本地务工，遵守监管规定", "家庭关系和睦，无异常"]).into();
                } else {
                    e.content = self.pick(&["了解近期思想和工作情况，重申报告规定", "谈心谈话，疏导家庭矛盾带来的情绪", "督促按时参加教育学习"]).into();
                }
                out.push(e);
                on += Duration::days(every);
            }
        }
        // Monthly hours, from the month after intake; the current month partly done.
        let mut month = reported.with_day(1).expect("day 1").checked_add_months(Months::new(1)).expect("date in range");
        while month <= until {
            for (kind, text) in [("education", "法治教育集中学习"), ("service", "村道清扫、敬老院服务")] {
                let sessions = if self.rng.random_bool(0.9) { (hours / 4.0) as i64 } else { 1 };
                for k in 0..sessions {
                    let on = month + Duration::days(3 + k * 7);
                    if on > until {
                        break;
                    }
                    let mut e = self.event(kind, on);
                    e.hours = Some(4.0);
                    e.content = text.into();
                    out.push(e);
                }
            }
            if s.correction_type == "temporary" {
                let on = month + Duration::days(1);
                if on <= until {
                    let mut e = self.event("health_report", on);
                    e.content = "病情稳定，按时服药".into();
                    out.push(e);
                }
                if (month.month() - 1) % 3 == 0 && on + Duration::days(5) <= until {
                    let mut e = self.event("medical_review", on + Duration::days(5));
                    e.place = "黄石市中心医院".into();
                    e.content = "病情未见明显好转，符合继续保外就医条件".into();
                    out.push(e);
                }
            }
            month = month.checked_add_months(Months::new(1)).expect("date in range");
        }
        // One short trip now and then, approved by the office and reported back.
        if self.rng.random_bool(0.4) {
            let from = reported + Duration::days(self.rng.random_range(20..80));
            let to = from + Duration::days(self.rng.random_range(2..6));
            if to < until {
                let mut e = self.event("leave", from - Duration::days(3));
                e.leave_reason = Some(self.pick(&["medical", "family", "work"]).into());
                e.destination = self.pick(&["湖北省武汉市", "湖北省鄂州市", "广东省东莞市"]).into();
                e.content = "家中有事需外出处理".into();
                e.leave_from = Some(from.to_string());
                e.leave_to = Some(to.to_string());
                e.decision = Some("approved".into());
                e.decided_on = Some((from - Duration::days(2)).to_string());
                e.returned_on = Some(to.to_string());
                out.push(e);
            }
        }
        // Quarterly assessments.
        let mut on = reported.checked_add_months(Months::new(3)).expect("date in range");
        while on <= until {
            let mut e = self.event("assessment", on);
            e.period = format!("{}年第{}季度", on.year(), on.month().div_ceil(3));
            e.score = Some(self.rng.random_range(70..98));
            e.content = "遵守监管规定，积极参加教育学习和公益活动".into();
            out.push(e);
            on = on.checked_add_months(Months::new(3)).expect("date in range");
        }
        out.sort_by(|a, b| a.event_on.cmp(&b.event_on));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::correction::{validate_event, validate_subject};

    #[test]
    fn generated_subjects_and_events_pass_validation() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut g = Generator::new(3, "420202001", today);
        let mut states = std::collections::BTreeSet::new();
        let mut kinds = std::collections::BTreeSet::new();
        for (n, d) in g.acceptance_dates(36, 3).into_iter().enumerate() {
            let (mut s, events) = g.correction_subject(n, d);
            validate_subject(&mut s, today).unwrap_or_else(|e| panic!("{s:?}: {e:?}"));
            states.insert(s.state.clone());
            let mut done: Vec<CorrectionEventInput> = Vec::new();
            for mut e in events {
                validate_event(&mut e, &s, &done, today).unwrap_or_else(|err| panic!("{e:?}: {err:?}"));
                kinds.insert(e.kind.clone());
                done.push(e);
            }
        }
        for s in ["supervising", "released"] {
            assert!(states.contains(s), "no {s}: {states:?}");
        }
        assert_eq!(g.correction_subject(999, today - chrono::Duration::days(2)).0.state, "awaiting_report");
        for k in ["report", "talk", "visit", "education", "service", "health_report", "medical_review", "leave", "sanction", "assessment"] {
            assert!(kinds.contains(k), "no {k}: {kinds:?}");
        }
    }
}
