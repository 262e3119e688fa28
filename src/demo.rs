//! Realistic synthetic data for demonstrations and benchmarks: plausible Chinese names and
//! villages, a dispute mix, valid-checksum ID numbers and phones, states spread over the life
//! cycle. Deterministic for a given seed.

use crate::validate::id_check_char;
use chrono::{Datelike, Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

mod correction;
mod legal_aid;
mod mediation;

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国玉志红梅海燕德福春花文斌金凤荣新利清飞彬富顺林和宏永成良";
const VILLAGE_HEADS: &[&str] = &["石桥", "柳湾", "新塘", "大坪", "枫林", "白沙", "黄泥", "上庄", "下河", "龙井", "杨家", "高岭", "三合", "红星", "东山", "西岗"];
pub struct Generator {
    rng: StdRng,
    area: String,
    today: NaiveDate,
}

impl Generator {
    /// `office_code`'s first six digits become the area code of generated ID numbers.
    pub fn new(seed: u64, office_code: &str, today: NaiveDate) -> Self {
        let area = office_code.chars().take(6).collect::<String>();
        let area = if area.len() == 6 { area } else { "420202".into() };
        Generator { rng: StdRng::seed_from_u64(seed), area, today }
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.rng.random_range(0..items.len())]
    }

    fn pick_char(&mut self, s: &str) -> char {
        let n = s.chars().count();
        s.chars().nth(self.rng.random_range(0..n)).unwrap()
    }

    pub fn name(&mut self) -> String {
        let mut n = String::new();
        n.push(self.pick_char(SURNAMES));
        n.push(self.pick_char(GIVEN));
        if self.rng.random_bool(0.65) {
            n.push(self.pick_char(GIVEN));
        }
        n
    }

    pub fn village(&mut self) -> String {
        let head = self.pick(VILLAGE_HEADS);
        let tail = if self.rng.random_bool(0.8) { "村" } else { "社区" };
        format!("{head}{tail}")
    }

    /// A valid resident ID number with the given sex.
    pub fn id_number(&mut self, male: bool) -> (String, NaiveDate) {
        let birth = NaiveDate::from_ymd_opt(1940, 1, 1).unwrap() + Duration::days(self.rng.random_range(0..23_000));
        (self.id_born_on(birth, male), birth)
    }

    /// A valid resident ID number of the office's area for a person born on `birth`.
    fn id_born_on(&mut self, birth: NaiveDate, male: bool) -> String {
        let mut seq: u32 = self.rng.random_range(0..500) * 2;
        if male {
            seq += 1;
        }
        let first17 = format!("{}{}{:03}", self.area, birth.format("%Y%m%d"), seq % 1000);
        let c = id_check_char(&first17).unwrap();
        format!("{first17}{c}")
    }

    pub fn mobile(&mut self) -> String {
        let prefix = self.pick(&["138", "139", "135", "150", "152", "158", "187", "188", "133", "177", "199"]);
        format!("{prefix}{:08}", self.rng.random_range(0..100_000_000u32))
    }

    /// Acceptance dates for `per_month` cases in each of the last `months` months (this month
    /// included, never after today), oldest first.
    pub fn acceptance_dates(&mut self, months: u32, per_month: u32) -> Vec<NaiveDate> {
        let mut out = Vec::with_capacity((months * per_month) as usize);
        let this_month = self.today.with_day(1).unwrap();
        for back in (0..months).rev() {
            let start = this_month.checked_sub_months(chrono::Months::new(back)).unwrap();
            let end = start.checked_add_months(chrono::Months::new(1)).unwrap().pred_opt().unwrap().min(self.today);
            let span = (end - start).num_days() + 1;
            let mut days: Vec<NaiveDate> = (0..per_month).map(|_| start + Duration::days(self.rng.random_range(0..span))).collect();
            days.sort();
            out.extend(days);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mediation::validate;

    #[test]
    fn generated_cases_pass_validation_and_cover_the_life_cycle() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut g = Generator::new(7, "420202001", today);
        let mut states = std::collections::BTreeSet::new();
        for d in g.acceptance_dates(12, 60) {
            let mut c = g.case(d);
            validate(&mut c, today).unwrap_or_else(|e| panic!("{c:?}: {e:?}"));
            states.insert(c.state.clone());
        }
        for s in ["accepted", "mediating", "agreed", "archived", "failed", "withdrawn", "not_accepted"] {
            assert!(states.contains(s), "no {s}");
        }
    }

    #[test]
    fn same_seed_same_data() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let a = Generator::new(1, "420202001", today).case(today);
        let b = Generator::new(1, "420202001", today).case(today);
        assert_eq!(a, b);
    }
}
