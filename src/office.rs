//! The office profile set at first run.

use crate::error::{FieldError, Result, Error};
use crate::validate::{check_text, to_half_width};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Office {
    /// 9-digit township code (GB/T 10114), or the 6-digit county code of a district bureau.
    pub code: String,
    pub name: String,
    /// Used in case numbers: （2026）{short_name}调字第N号.
    pub short_name: String,
    pub district: String,
    pub mode: Mode,
}

code_enum! {
    /// How the application runs: in a township office, or at the district bureau that imports the
    /// offices' batches (codes of table `officeMode`).
    pub enum Mode {
        /// 司法所.
        Township => "township",
        /// 区司法局.
        District => "district",
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct SetupInput {
    pub office_code: String,
    pub office_name: String,
    pub short_name: String,
    pub district: String,
    /// As sent; the setup refuses a code that is not a `Mode`, with a field error.
    #[ts(as = "Mode")]
    pub mode: String,
    pub admin_username: String,
    pub admin_display_name: String,
    pub admin_password: String,
}

/// What an administrator may change of the office profile after the first run. The code and the
/// mode stay as set up: every record and batch carries the code, and the district knows the office
/// by it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct OfficeProfileInput {
    pub office_name: String,
    pub short_name: String,
    pub district: String,
}

/// Checks a profile change of `office` and returns the changed profile.
pub fn validate_profile(office: &Office, input: &OfficeProfileInput) -> Result<Office> {
    let mut errors = Vec::new();
    let name_label = if office.mode == Mode::District { "单位名称" } else { "司法所名称" };
    let name = required_text(&mut errors, "officeName", name_label, &input.office_name, 40);
    let short_name = required_text(&mut errors, "shortName", "简称", &input.short_name, 6);
    let district = required_text(&mut errors, "district", "所属区县", &input.district, 40);
    check_short_name(&mut errors, "shortName", &short_name);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok(Office { code: office.code.clone(), name, short_name, district, mode: office.mode })
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A required text of at most `max` characters, trimmed; what is wrong with it goes to `errors`.
pub(crate) fn required_text(errors: &mut Vec<FieldError>, field: &str, label: &str, value: &str, max: usize) -> String {
    match check_text(value, max) {
        Ok(v) if v.is_empty() => {
            errors.push(FieldError::new(field, "validation.required", format!("请填写{label}")));
            v
        }
        Ok(v) => v,
        Err(e) => {
            errors.push(FieldError::new(field, "validation.too_long", format!("{label}{e}")));
            String::new()
        }
    }
}

/// An office's 简称 (it stands in case numbers): Chinese characters, letters or digits.
pub(crate) fn check_short_name(errors: &mut Vec<FieldError>, field: &str, short_name: &str) {
    if !short_name.is_empty() && !short_name.chars().all(|c| is_cjk(c) || c.is_ascii_alphanumeric()) {
        errors.push(FieldError::new(field, "validation.short_name", "简称只能包含汉字、字母或数字"));
    }
}

/// Checks the office part of a setup input and returns the normalised profile.
pub fn validate_office(input: &SetupInput) -> Result<Office> {
    let mut errors = Vec::new();
    let name = required_text(&mut errors, "officeName", "司法所名称", &input.office_name, 40);
    let short_name = required_text(&mut errors, "shortName", "简称", &input.short_name, 6);
    let district = required_text(&mut errors, "district", "所属区县", &input.district, 40);
    let mode = Mode::from_code(input.mode.trim());
    let code: String = to_half_width(&input.office_code).chars().filter(|c| !c.is_whitespace()).collect();
    let district_mode = mode == Some(Mode::District);
    let expected_len = if district_mode { 6 } else { 9 };
    if !(code.len() == expected_len && code.bytes().all(|b| b.is_ascii_digit())) {
        let what = if district_mode { "6位区县代码" } else { "9位乡镇代码" };
        errors.push(FieldError::new("officeCode", "validation.office_code", format!("单位代码应为{what}（纯数字）")));
    }
    check_short_name(&mut errors, "shortName", &short_name);
    let Some(mode) = mode else {
        errors.push(FieldError::new("mode", "validation.code", "请选择模式（司法所或区司法局）"));
        return Err(Error::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok(Office { code, name, short_name, district, mode })
}
