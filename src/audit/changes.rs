//! 查看 in 操作日志: an entry's copy of the record before and after the change, as rows of Chinese
//! field labels and values in words, the changed rows marked. A record's fields are labelled and
//! worded by the batch ledgers' columns (the same words the monthly batch uses); everything else an
//! entry carries (accounts, settings, files, imports) by `assets/audit_fields.json`.

use crate::batch::fields::Fields;
use crate::batch::grid::Cell;
use crate::batch::ledger::{self, Col, Kind, LedgerSpec, Source};
use crate::record::RecordKind;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One row of the change table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub label: String,
    /// The value before, in words; empty when there was none.
    pub before: String,
    pub after: String,
    pub changed: bool,
}

/// The rows of an entry of `record_kind` with its copies before and after (JSON text, either may be
/// absent). Fields empty on both sides are left out.
pub fn field_changes(record_kind: &str, before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    let parse = |j: Option<&str>| j.and_then(|j| serde_json::from_str::<Value>(j).ok());
    let (before, after) = (parse(before), parse(after));
    let mut rows = Rows::default();
    match RecordKind::from_code(record_kind) {
        Some(kind) => record_rows(kind, before.as_ref(), after.as_ref(), &mut rows),
        None => plain_rows(record_kind, "", before.as_ref(), after.as_ref(), &mut rows),
    }
    rows.0
        .into_iter()
        .filter(|(_, b, a)| !(b.is_empty() && a.is_empty()))
        .map(|(label, before, after)| FieldChange { changed: before != after, label, before, after })
        .collect()
}

/// Keys whose label is not known; empty when every key of an entry speaks Chinese (tests).
pub fn unlabelled_keys(record_kind: &str, before: Option<&str>, after: Option<&str>) -> Vec<String> {
    let rows = field_changes(record_kind, before, after);
    // A nested field's label ends with its own name: 筛选条件 · 页码.
    let own = |label: &str| label.rsplit(" · ").next().unwrap_or(label).to_string();
    rows.into_iter().map(|r| own(&r.label)).filter(|l| !l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))).collect()
}

#[derive(Default)]
struct Rows(Vec<(String, String, String)>);

impl Rows {
    fn push(&mut self, label: String, before: String, after: String) {
        self.0.push((label, before, after));
    }
}

fn specs() -> &'static [LedgerSpec] {
    static SPECS: OnceLock<Vec<LedgerSpec>> = OnceLock::new();
    SPECS.get_or_init(ledger::specs)
}

fn spec(source: Source) -> &'static LedgerSpec {
    specs().iter().find(|s| s.source == source).expect("every source has a ledger")
}

/// The lists inside a mediation case, each with its own ledger, and how one of its items is named.
const CASE_LISTS: [(&str, Source, &str); 3] =
    [("parties", Source::Parties, "第{n}位当事人"), ("sessions", Source::Sessions, "第{n}次调解"), ("followUps", Source::FollowUps, "第{n}次回访")];

fn record_rows(kind: RecordKind, before: Option<&Value>, after: Option<&Value>, rows: &mut Rows) {
    // The copy: {"caseNo"?, "version", "record": {…}}.
    let part = |v: Option<&Value>, key: &str| v.and_then(|v| v.get(key)).cloned();
    let text = |v: Option<Value>| v.map(|v| plain_text(kind.code(), "", &v)).unwrap_or_default();
    rows.push("编号".into(), text(part(before, "caseNo")), text(part(after, "caseNo")));
    rows.push("版本".into(), text(part(before, "version")), text(part(after, "version")));
    // A closed record changed with a reason (修改已结案记录).
    rows.push("修改原因".into(), text(part(before, "amendReason")), text(part(after, "amendReason")));
    let (b, a) = (part(before, "record"), part(after, "record"));
    let empty = Map::new();
    let object = |v: &Option<Value>| v.as_ref().and_then(Value::as_object).cloned().unwrap_or_else(|| empty.clone());
    let (b, a) = (object(&b), object(&a));
    let source = match kind {
        RecordKind::MediationCase => Source::Cases,
        RecordKind::LegalAidConsultation => Source::Consultations,
        RecordKind::LegalAidApplication => Source::Applications,
        RecordKind::CorrectionSubject => Source::Subjects,
        RecordKind::CorrectionEvent => Source::Events,
    };
    let main = spec(source);
    columns_rows(main, "", &b, &a, rows);
    let mut known: Vec<&str> = main.columns.iter().map(|c| c.id).collect();
    if kind == RecordKind::MediationCase {
        for (key, source, name) in CASE_LISTS {
            known.push(key);
            let list = |o: &Map<String, Value>| o.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
            let (lb, la) = (list(&b), list(&a));
            for n in 0..lb.len().max(la.len()) {
                let item = |l: &[Value]| l.get(n).and_then(Value::as_object).cloned().unwrap_or_default();
                let prefix = format!("{} · ", name.replace("{n}", &(n + 1).to_string()));
                columns_rows(spec(source), &prefix, &item(&lb), &item(&la), rows);
            }
        }
    }
    // Anything the ledger does not show (it should be nothing): still in Chinese where it can be.
    let rest = |o: &Map<String, Value>| Value::Object(o.iter().filter(|(k, _)| !known.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect());
    plain_rows(kind.code(), "", Some(&rest(&b)), Some(&rest(&a)), rows);
}

fn columns_rows(spec: &LedgerSpec, prefix: &str, before: &Map<String, Value>, after: &Map<String, Value>, rows: &mut Rows) {
    let index = ledger::field_index(spec);
    let (fb, fa) = (Fields::from_object(before, &index), Fields::from_object(after, &index));
    let holds = |f: &Fields<'_>, (field, value): (&str, &str)| f.get(field).and_then(Value::as_str) == Some(value);
    for c in spec.columns.iter().filter(|c| !c.id.starts_with('_') && !c.derived) {
        // A column for some rows only (an event's kind) when either side is such a row.
        if c.when.is_some_and(|w| !holds(&fb, w) && !holds(&fa, w)) {
            continue;
        }
        rows.push(format!("{prefix}{}", c.header), cell_text(c, &fb), cell_text(c, &fa));
    }
}

fn cell_text(c: &Col, f: &Fields<'_>) -> String {
    match ledger::cell(c, f, false) {
        Cell::Empty => String::new(),
        Cell::Text(s) => s,
        Cell::Date(d) => d.to_string(),
        Cell::Number(n) if c.kind == Kind::Money => format!("{n:.2}"),
        Cell::Number(n) => number_text(n),
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// What `assets/audit_fields.json` says of a key: its label, and the words of its values (a code
/// table's labels, or its own list).
#[derive(Deserialize)]
#[serde(untagged)]
enum FieldLabel {
    Label(String),
    Coded {
        label: String,
        #[serde(default)]
        table: Option<String>,
        #[serde(default)]
        values: BTreeMap<String, String>,
    },
}

/// What the asset says of `key` in an entry of `record_kind`: `kind.key` first, then `key`.
fn field_label(record_kind: &str, key: &str) -> Option<&'static FieldLabel> {
    labels().get(&format!("{record_kind}.{key}")).or_else(|| labels().get(key))
}

fn label_of(record_kind: &str, key: &str) -> String {
    match field_label(record_kind, key) {
        Some(FieldLabel::Label(l) | FieldLabel::Coded { label: l, .. }) => l.clone(),
        None => key.to_string(),
    }
}

fn labels() -> &'static BTreeMap<String, FieldLabel> {
    static LABELS: OnceLock<BTreeMap<String, FieldLabel>> = OnceLock::new();
    LABELS.get_or_init(|| serde_json::from_str(include_str!("../../assets/audit_fields.json")).expect("assets/audit_fields.json is valid"))
}

/// The rows of two JSON values that are not records: objects field by field (nested objects with
/// their own fields), anything else as one row.
fn plain_rows(kind: &str, prefix: &str, before: Option<&Value>, after: Option<&Value>, rows: &mut Rows) {
    let (bo, ao) = (before.and_then(Value::as_object), after.and_then(Value::as_object));
    if bo.is_none() && ao.is_none() {
        let label = if prefix.is_empty() { "内容".to_string() } else { prefix.trim_end_matches(" · ").to_string() };
        rows.push(label, before.map(|v| plain_text(kind, "", v)).unwrap_or_default(), after.map(|v| plain_text(kind, "", v)).unwrap_or_default());
        return;
    }
    let mut keys: Vec<&String> = bo.into_iter().chain(ao).flat_map(|o| o.keys()).collect();
    keys.dedup();
    let mut seen = std::collections::HashSet::new();
    keys.retain(|k| seen.insert(*k));
    for key in keys {
        let (b, a) = (bo.and_then(|o| o.get(key)), ao.and_then(|o| o.get(key)));
        let label = label_of(kind, key);
        if b.is_some_and(Value::is_object) || a.is_some_and(Value::is_object) {
            plain_rows(kind, &format!("{prefix}{label} · "), b, a, rows);
        } else {
            let text = |v: Option<&Value>| v.map(|v| plain_text(kind, key, v)).unwrap_or_default();
            rows.push(format!("{prefix}{label}"), text(b), text(a));
        }
    }
}

/// A value in words: codes by their label where the key names its table, 是/否, lists joined.
fn plain_text(kind: &str, key: &str, v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => (if *b { "是" } else { "否" }).into(),
        Value::Number(n) => n.as_f64().map(number_text).unwrap_or_else(|| n.to_string()),
        Value::String(s) => match field_label(kind, key) {
            Some(FieldLabel::Coded { table: Some(table), .. }) => crate::codes::label(table, s).unwrap_or(s).to_string(),
            Some(FieldLabel::Coded { values, .. }) => values.get(s).unwrap_or(s).clone(),
            _ => s.clone(),
        },
        Value::Array(items) => items.iter().map(|i| plain_text(kind, key, i)).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("；"),
        // An item of a list (a sheet, one kind's counts): its own name first, then its figures.
        Value::Object(o) => {
            let name = o.get("label").or_else(|| o.get("name")).map(|v| plain_text(kind, "", v)).into_iter();
            let rest = o
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "label" | "name" | "kind") || (k.as_str() == "kind" && !o.contains_key("label")))
                .map(|(k, v)| (label_of(kind, k), plain_text(kind, k, v)))
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| format!("{k} {v}"));
            name.chain(rest).collect::<Vec<_>>().join("，")
        }
    }
}
