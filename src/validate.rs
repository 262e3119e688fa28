//! Field-level checks and normalisation shared by every record kind (DOMAIN.md §5).
//! Harmless variants (full-width digits, lower-case x, spaces, other brackets) are normalised;
//! anything else is refused with a Chinese message that names the field.

use chrono::{Datelike, NaiveDate};

/// Full-width ASCII (U+FF01..U+FF5E) and the ideographic space to their half-width forms.
pub fn to_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// What a resident ID number tells about its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentId {
    /// 18 characters, upper-case X.
    pub number: String,
    pub birth_date: NaiveDate,
    /// "male" or "female", from the parity of the sequence digit.
    pub sex: &'static str,
    pub area_code: String,
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Check character of the first 17 digits (GB 11643-1999).
pub fn id_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17.bytes().zip(ID_WEIGHTS).map(|(b, w)| (b - b'0') as u32 * w).sum();
    Some(ID_CHECK[(sum % 11) as usize])
}

/// Full-width to half-width, spaces removed, x upper-cased.
pub fn normalize_id_number(raw: &str) -> String {
    to_half_width(raw).chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect()
}

/// Checks a resident ID number (18 digits, or a legacy 15-digit one, which is upgraded).
/// The error is the Chinese reason, without the field name.
pub fn parse_resident_id(raw: &str, today: NaiveDate) -> Result<ResidentId, String> {
    let mut n = normalize_id_number(raw);
    if n.len() == 15 && n.bytes().all(|b| b.is_ascii_digit()) {
        let first17 = format!("{}19{}", &n[..6], &n[6..]);
        let check = id_check_char(&first17).expect("17 digits");
        n = format!("{first17}{check}");
    }
    if n.chars().count() != 18 {
        return Err(format!("应为18位（当前{}位）", n.chars().count()));
    }
    if !n.is_ascii() {
        return Err("只能由数字和末位的X组成".into());
    }
    let (body, last) = n.split_at(17);
    if !body.bytes().all(|b| b.is_ascii_digit()) || !(last == "X" || last.as_bytes()[0].is_ascii_digit()) {
        return Err("只能由数字和末位的X组成".into());
    }
    let y: i32 = body[6..10].parse().unwrap();
    let m: u32 = body[10..12].parse().unwrap();
    let d: u32 = body[12..14].parse().unwrap();
    let birth = NaiveDate::from_ymd_opt(y, m, d)
        .filter(|b| b.year() >= 1890)
        .ok_or_else(|| format!("中的出生日期{y}年{m}月{d}日不存在"))?;
    if birth > today {
        return Err("中的出生日期晚于今天".into());
    }
    let expected = id_check_char(body).unwrap();
    if !last.starts_with(expected) {
        return Err("校验位不正确，请核对是否输错".into());
    }
    let seq_digit = body.as_bytes()[16] - b'0';
    Ok(ResidentId {
        number: n.clone(),
        birth_date: birth,
        sex: if seq_digit % 2 == 1 { "male" } else { "female" },
        area_code: body[..6].to_string(),
    })
}

/// One phone number, normalised: a mobile as 11 digits, a landline as `0AAA-NNNNNNN[-EXT]`.
pub fn normalize_phone_number(raw: &str) -> Result<String, String> {
    let s: String = to_half_width(raw).chars().filter(|c| !c.is_whitespace()).collect();
    let compact: String = s.chars().filter(|c| *c != '-').collect();
    let mobile = compact
        .strip_prefix("+86")
        .or_else(|| compact.strip_prefix("0086"))
        .unwrap_or(&compact);
    if mobile.len() == 11
        && mobile.starts_with('1')
        && (b'3'..=b'9').contains(&mobile.as_bytes()[1])
        && mobile.bytes().all(|b| b.is_ascii_digit())
    {
        return Ok(mobile.to_string());
    }
    // Landline: 0 + 2–3 digit area code, 7–8 digit number, optional extension of 1–6 digits.
    if s.starts_with('0') {
        let parts: Vec<&str> = s.split('-').collect();
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        let ok = match parts.as_slice() {
            [area, num] | [area, num, _] if (3..=4).contains(&area.len()) && all_digits(area) => {
                (7..=8).contains(&num.len()) && all_digits(num) && parts.get(2).is_none_or(|e| e.len() <= 6 && all_digits(e))
            }
            [whole] => all_digits(whole) && (10..=12).contains(&whole.len()),
            _ => false,
        };
        if ok {
            return Ok(s);
        }
    }
    Err("格式不正确（手机号为11位，固定电话如0710-1234567）".into())
}

/// Several numbers may be given, separated by 、，,;； or /.
pub fn normalize_phones(raw: &str) -> Result<String, String> {
    let mut out = Vec::new();
    for part in raw.split(['、', '，', ',', ';', '；', '/']) {
        if part.trim().is_empty() {
            continue;
        }
        out.push(normalize_phone_number(part).map_err(|e| format!("“{}”{}", part.trim(), e))?);
    }
    Ok(out.join("、"))
}

/// Money in fen (cents). Accepts "1234", "1,234.5", full-width digits; refuses negatives and
/// more than two decimal places.
pub fn parse_money(raw: &str) -> Result<Option<i64>, String> {
    let s: String = to_half_width(raw).chars().filter(|c| !c.is_whitespace() && *c != ',').collect();
    if s.is_empty() {
        return Ok(None);
    }
    if s.starts_with('-') {
        return Err("不能为负数".into());
    }
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err("应为金额数字，如 1234.50".into());
    }
    if frac.len() > 2 {
        return Err("最多保留两位小数".into());
    }
    if int.len() > 12 {
        return Err("数额过大".into());
    }
    let yuan: i64 = int.parse().map_err(|_| "应为金额数字".to_string())?;
    let fen: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
    Ok(Some(yuan * 100 + fen))
}

pub fn format_money(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// A date typed in any common Chinese way: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日.
pub fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    let s = to_half_width(raw.trim());
    let cleaned: String = s.replace(['年', '月'], "-").replace('日', "").replace(['/', '.'], "-");
    let parts: Vec<&str> = cleaned.split('-').collect();
    if let [y, m, d] = parts.as_slice() {
        if let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
            if (1900..=2200).contains(&y) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Ok(date);
                }
                return Err(format!("{y}年{m}月{d}日不存在"));
            }
        }
    }
    Err("日期格式不正确，应如 2026-03-05".into())
}

/// Normalises the brackets of a document number to （）.
pub fn normalize_doc_brackets(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '(' | '[' | '〔' | '［' => '（',
            ')' | ']' | '〕' | '］' => '）',
            _ => c,
        })
        .collect()
}

/// Trims; then refuses text longer than `max` characters.
pub fn check_text(value: &str, max: usize) -> Result<String, String> {
    let t = value.trim().to_string();
    let n = t.chars().count();
    if n > max {
        return Err(format!("不能超过{max}个字（当前{n}个字）"));
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn reference_id_number_is_valid_and_female() {
        let id = parse_resident_id("11010519491231002X", today()).unwrap();
        assert_eq!(id.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert_eq!(id.sex, "female");
        assert_eq!(id.area_code, "110105");
    }

    #[test]
    fn id_number_variants_are_normalised() {
        let id = parse_resident_id(" １１０１０５ 19491231002x ", today()).unwrap();
        assert_eq!(id.number, "11010519491231002X");
    }

    #[test]
    fn legacy_fifteen_digit_id_is_upgraded() {
        // 110105491231002 → 11010519491231002X
        let id = parse_resident_id("110105491231002", today()).unwrap();
        assert_eq!(id.number, "11010519491231002X");
    }

    #[test]
    fn bad_id_numbers_are_refused_with_reasons() {
        assert!(parse_resident_id("110105194912310021", today()).unwrap_err().contains("校验位"));
        assert!(parse_resident_id("1101051949123100", today()).unwrap_err().contains("18位"));
        assert!(parse_resident_id("110105194902300021", today()).unwrap_err().contains("不存在"));
        assert!(parse_resident_id("11010519491231A02X", today()).unwrap_err().contains("数字"));
        assert!(parse_resident_id("1101051949123100中1", today()).unwrap_err().contains("数字"));
        assert!(parse_resident_id("中华人民共和国居民身份证号码一二三四", today()).unwrap_err().contains("数字"));
        let future = "11010520301231002".to_string();
        let c = id_check_char(&future).unwrap();
        assert!(parse_resident_id(&format!("{future}{c}"), today()).unwrap_err().contains("晚于今天"));
    }

    #[test]
    fn phones() {
        assert_eq!(normalize_phone_number("+86 138-0013-8000").unwrap(), "13800138000");
        assert_eq!(normalize_phone_number("008613800138000").unwrap(), "13800138000");
        assert_eq!(normalize_phone_number("0710-1234567").unwrap(), "0710-1234567");
        assert_eq!(normalize_phone_number("010-12345678-123").unwrap(), "010-12345678-123");
        assert!(normalize_phone_number("12800138000").is_err());
        assert!(normalize_phone_number("1380013800").is_err());
        assert!(normalize_phone_number("abc").is_err());
        assert_eq!(normalize_phones("13800138000，0710-1234567").unwrap(), "13800138000、0710-1234567");
        assert!(normalize_phones("13800138000、123").unwrap_err().contains("123"));
    }

    #[test]
    fn money() {
        assert_eq!(parse_money("1,234.5").unwrap(), Some(123450));
        assert_eq!(parse_money("０.０５").unwrap(), Some(5));
        assert_eq!(parse_money("").unwrap(), None);
        assert!(parse_money("-1").unwrap_err().contains("负数"));
        assert!(parse_money("1.234").unwrap_err().contains("两位小数"));
        assert!(parse_money("1e5").is_err());
        assert_eq!(format_money(123450), "1234.50");
    }

    #[test]
    fn dates_in_chinese_forms() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        for s in ["2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日", "２０２４-３-５"] {
            assert_eq!(parse_date(s).unwrap(), d, "{s}");
        }
        assert!(parse_date("2024-02-30").unwrap_err().contains("不存在"));
        assert!(parse_date("yesterday").is_err());
    }

    #[test]
    fn brackets_and_lengths() {
        assert_eq!(normalize_doc_brackets("(2026)石调字第1号"), "（2026）石调字第1号");
        assert_eq!(check_text("  张三 ", 5).unwrap(), "张三");
        assert!(check_text("一二三四五六", 5).unwrap_err().contains("5个字"));
    }
}
