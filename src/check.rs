//! Field-by-field checking shared by every record kind: each problem becomes a `FieldError`
//! naming the field, in Chinese, and checking goes on so the user sees all of them at once.

use crate::code_enum::CodeEnum;
use crate::codes;
use crate::error::FieldError;
use crate::validate::{self, check_text, parse_date, parse_money, parse_resident_id};
use chrono::NaiveDate;

/// Collects field errors while normalising an input.
pub(crate) struct Checker {
    pub errors: Vec<FieldError>,
    pub today: NaiveDate,
}

impl Checker {
    pub fn new(today: NaiveDate) -> Self {
        Checker { errors: Vec::new(), today }
    }

    pub fn err(&mut self, field: impl Into<String>, code: &str, msg: impl Into<String>) {
        self.errors.push(FieldError::new(field, code, msg));
    }

    pub fn text(&mut self, field: &str, label: &str, value: &mut String, max: usize, required: bool) {
        match check_text(value, max) {
            Ok(v) => {
                if required && v.is_empty() {
                    self.err(field, "validation.required", format!("请填写{label}"));
                }
                *value = v;
            }
            Err(e) => self.err(field, "validation.too_long", format!("{label}{e}")),
        }
    }

    pub fn code(&mut self, field: &str, label: &str, table: &str, value: &mut String) {
        *value = value.trim().to_string();
        if value.is_empty() {
            self.err(field, "validation.required", format!("请选择{label}"));
        } else if !codes::is_code(table, value) {
            self.err(field, "validation.code", format!("{label}的取值无效"));
        }
    }

    /// A code the rules know as the enum `E` (a state, a level): `None`, with the field error,
    /// when it is empty or unknown.
    pub fn code_of<E: CodeEnum>(&mut self, field: &str, label: &str, table: &str, value: &mut String) -> Option<E> {
        self.code(field, label, table, value);
        E::from_code(value)
    }

    pub fn opt_code(&mut self, field: &str, label: &str, table: &str, value: &mut Option<String>, required: bool) {
        if let Some(v) = value.as_mut() {
            *v = v.trim().to_string();
        }
        if value.as_deref() == Some("") {
            *value = None;
        }
        match value {
            None if required => self.err(field, "validation.required", format!("请选择{label}")),
            Some(v) if !codes::is_code(table, v) => self.err(field, "validation.code", format!("{label}的取值无效")),
            _ => {}
        }
    }

    /// Parses and normalises a date; refuses dates after today when `past_only`.
    pub fn date(&mut self, field: &str, label: &str, value: &mut Option<String>, required: bool, past_only: bool) -> Option<NaiveDate> {
        let raw = value.as_deref().map(str::trim).unwrap_or("");
        if raw.is_empty() {
            *value = None;
            if required {
                self.err(field, "validation.required", format!("请填写{label}"));
            }
            return None;
        }
        match parse_date(raw) {
            Ok(d) => {
                *value = Some(d.to_string());
                if past_only && d > self.today {
                    self.err(field, "validation.future_date", format!("{label}不能晚于今天"));
                }
                Some(d)
            }
            Err(e) => {
                self.err(field, "validation.date", format!("{label}：{e}"));
                None
            }
        }
    }

    pub fn money(&mut self, field: &str, label: &str, value: &mut Option<String>) {
        match parse_money(value.as_deref().unwrap_or("")) {
            Ok(fen) => *value = fen.map(validate::format_money),
            Err(e) => self.err(field, "validation.amount", format!("{label}{e}")),
        }
    }

    /// `earlier` must not be after `later`.
    pub fn order(&mut self, field: &str, later_label: &str, later: Option<NaiveDate>, earlier_label: &str, earlier: Option<NaiveDate>) {
        if let (Some(l), Some(e)) = (later, earlier) {
            if l < e {
                self.err(field, "validation.date_order", format!("{later_label}不能早于{earlier_label}"));
            }
        }
    }
}


impl Checker {
    /// A set of codes of `table`: trimmed, unknown codes refused, duplicates dropped, listed in the
    /// table's order so the same set is always stored the same way.
    pub fn code_set(&mut self, field: &str, label: &str, table: &str, values: &mut Vec<String>) {
        let mut out: Vec<String> = Vec::new();
        for v in values.iter() {
            let v = v.trim().to_string();
            if v.is_empty() || out.contains(&v) {
                continue;
            }
            if !codes::is_code(table, &v) {
                self.err(field, "validation.code", format!("{label}的取值无效"));
                continue;
            }
            out.push(v);
        }
        let order = |v: &String| codes::code_tables()[table].iter().position(|i| &i.code == v);
        out.sort_by_key(order);
        *values = out;
    }

    /// A value entered for a later step while the state is still before it: refused with a hint,
    /// rather than dropped silently.
    pub fn state_ahead(&mut self, field: &str, label: &str, filled: bool, state_label: &str) {
        if filled {
            self.err(field, "validation.state_ahead", format!("已填写{label}，请先将状态改为“{state_label}”"));
        }
    }
}

/// Whether an optional text holds something.
pub(crate) fn filled(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|v| !v.trim().is_empty())
}

/// A stored date, or `None` when empty or unreadable (inputs are validated before they are stored).
pub(crate) fn date_of(v: &Option<String>) -> Option<NaiveDate> {
    v.as_deref().and_then(|s| parse_date(s).ok())
}

/// Age in whole years on `on`.
pub(crate) fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    use chrono::Datelike;
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// Whether state `to` can be reached from `from` (or is `from`) by the successor relation of a
/// record kind's state machine.
pub(crate) fn reachable<S: CodeEnum>(successors: fn(S) -> &'static [S], from: S, to: S) -> bool {
    if from == to {
        return true;
    }
    let mut stack = vec![from];
    let mut seen: Vec<S> = Vec::new();
    while let Some(s) = stack.pop() {
        for &next in successors(s) {
            if next == to {
                return true;
            }
            if !seen.contains(&next) {
                seen.push(next);
                stack.push(next);
            }
        }
    }
    false
}

/// `reachable` for stored codes: an unknown code reaches only itself.
pub(crate) fn reachable_code<S: CodeEnum>(successors: fn(S) -> &'static [S], from: &str, to: &str) -> bool {
    match (S::from_code(from), S::from_code(to)) {
        (Some(f), Some(t)) => reachable(successors, f, t),
        _ => from == to,
    }
}

/// Whether a record in state `code` is closed (结案): its state has no successor. A change of a
/// closed record needs a reason (`Desk::update_record`).
pub(crate) fn is_closed_code<S: CodeEnum>(successors: fn(S) -> &'static [S], code: &str) -> bool {
    S::from_code(code).is_some_and(|s| successors(s).is_empty())
}

/// An identity document of a natural person, with the sex and birth date entered beside it.
pub(crate) struct PersonId<'a> {
    /// Field path prefix, e.g. "parties.0." or "" for top-level fields.
    pub prefix: &'a str,
    /// How the person is named in messages, e.g. "第1位当事人的" or "申请人".
    pub who: &'a str,
    pub id_type: &'a mut Option<String>,
    pub id_no: &'a mut String,
    pub sex: &'a mut Option<String>,
    pub birth_date: &'a mut Option<String>,
    /// The birth date already checked by the caller.
    pub birth: Option<NaiveDate>,
    /// The type assumed when a number is given without one.
    pub default_type: &'static str,
}

impl Checker {
    /// Normalises an ID number, checks it by its type, and cross-checks a resident ID against the
    /// sex and birth date fields, filling them in when empty. Returns what the ID number says.
    pub fn person_id(&mut self, p: PersonId<'_>) -> Option<validate::ResidentId> {
        let f = |name: &str| format!("{}{name}", p.prefix);
        let who = p.who;
        *p.id_no = validate::normalize_id_number(p.id_no);
        if p.id_no.is_empty() {
            self.opt_code(&f("idType"), &format!("{who}证件类型"), "idType", p.id_type, false);
            return None;
        }
        if p.id_type.as_deref().is_none_or(|t| t.trim().is_empty()) {
            *p.id_type = Some(p.default_type.into());
        }
        self.opt_code(&f("idType"), &format!("{who}证件类型"), "idType", p.id_type, true);
        let id_label = format!("{who}证件号码");
        match p.id_type.as_deref() {
            Some("resident_id" | "temporary_id" | "hmt_residence") => match parse_resident_id(p.id_no, self.today) {
                Ok(id) => {
                    *p.id_no = id.number.clone();
                    match p.sex.as_deref() {
                        None => *p.sex = Some(id.sex.to_string()),
                        Some(s) if s != id.sex => self.err(
                            f("sex"),
                            "validation.id_sex",
                            format!("{who}性别与身份证号码不符（号码显示为{}）", codes::label("sex", id.sex).unwrap_or(id.sex)),
                        ),
                        _ => {}
                    }
                    match p.birth {
                        None => *p.birth_date = Some(id.birth_date.to_string()),
                        Some(b) if b != id.birth_date => self.err(
                            f("birthDate"),
                            "validation.id_birth_date",
                            format!("{who}出生日期与身份证号码不符（号码显示为{}）", id.birth_date),
                        ),
                        _ => {}
                    }
                    Some(id)
                }
                Err(e) => {
                    self.err(f("idNo"), "validation.id_number", format!("{id_label}{e}"));
                    None
                }
            },
            Some("uscc") => {
                if !(p.id_no.len() == 18 && p.id_no.bytes().all(|b| b.is_ascii_alphanumeric())) {
                    self.err(f("idNo"), "validation.uscc", format!("{id_label}：统一社会信用代码应为18位数字或字母"));
                }
                None
            }
            _ => {
                if p.id_no.chars().count() > 30 {
                    self.err(f("idNo"), "validation.too_long", format!("{id_label}不能超过30个字符"));
                }
                None
            }
        }
    }

    /// Normalises one or more phone numbers; empty is allowed unless `required`.
    pub fn phones(&mut self, field: &str, label: &str, value: &mut String, required: bool) {
        if value.trim().is_empty() {
            value.clear();
            if required {
                self.err(field, "validation.required", format!("请填写{label}"));
            }
            return;
        }
        match validate::normalize_phones(value) {
            Ok(v) => *value = v,
            Err(e) => self.err(field, "validation.phone", format!("{label}{e}")),
        }
    }
}
