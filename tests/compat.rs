//! Data written by an earlier version stays readable: a database and a full batch made by
//! version 0.1 before the record seam (tests/fixtures/v0.1: the demo data of `sifa demo --months 3
//! --seed 7 --cases-per-month 4 --consultations-per-month 3 --applications-per-month 2
//! --correction-per-month 2` on 2026-11-27, the database as its verified backup, and the November
//! batch of `sifa export --profile full`). Kinds, roles and modes are enums now; they must read the
//! same strings.

mod common;
use common::*;
use sifa::accounts::Role;
use sifa::clock::FixedClock;
use sifa::district::DistrictOffice;
use sifa::office::Mode;
use sifa::record::{Actor, RecordKind};
use sifa::Desk;
use std::path::Path;
use std::sync::Arc;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v0.1");
const BATCH: &str = "420202001_202611_full_001.xlsx";

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::at_date(day("2026-11-27")))
}

#[test]
fn a_database_of_version_0_1_opens_and_every_record_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    std::fs::copy(Path::new(FIXTURES).join("office.db"), &path).unwrap();
    let mut desk = Desk::open(&path, clock()).unwrap();
    let office = desk.office().unwrap().unwrap();
    assert_eq!((office.code.as_str(), office.mode), ("420202001", Mode::Township));
    let admin = desk.login(ADMIN, PASSWORD).unwrap();
    assert_eq!(admin.role, Role::Head);
    assert_eq!(desk.verify_audit().unwrap(), None, "the audit chain of 0.1 verifies");

    let n = desk.record_counts().unwrap();
    assert_eq!((n.mediation_cases, n.consultations, n.legal_aid_applications), (12, 9, 6));
    assert_eq!((n.correction_subjects, n.correction_events), (6, 83));

    let cases = desk.mediation_list(&sifa::mediation::MediationFilter { page: 1, page_size: 50, ..Default::default() }).unwrap();
    assert_eq!(cases.items.len(), 12);
    for item in &cases.items {
        let case = desk.mediation_get(&item.id).unwrap();
        assert_eq!(case.case_no, item.case_no);
        assert!(case.case_no.starts_with("（2026）石调字第"), "{}", case.case_no);
    }
    // The upgrade indexed the pairs of the cases' text: a two-character word of a summary finds its case.
    let search = |q: &str| desk.mediation_list(&sifa::mediation::MediationFilter { query: Some(q.into()), page: 1, page_size: 50, ..Default::default() }).unwrap();
    let drains = search("排水");
    assert!(!drains.items.is_empty() && drains.items.iter().all(|i| i.summary.contains("排水")), "{:?}", drains.items);
    assert_eq!(search("赡养").items.len(), cases.items.iter().filter(|i| i.summary.contains("赡养")).count());
    let applications = desk.legal_aid_list(&sifa::legal_aid::LegalAidFilter { page: 1, page_size: 50, ..Default::default() }).unwrap();
    assert_eq!(applications.items.len(), 6);
    for item in &applications.items {
        desk.legal_aid_get(&item.id).unwrap();
    }
    let consultations = desk.consultation_list(&sifa::legal_aid::ConsultationFilter { page: 1, page_size: 50, ..Default::default() }).unwrap();
    assert_eq!(consultations.items.len(), 9);
    let subjects = desk.correction_list(&sifa::correction::CorrectionFilter { page: 1, page_size: 50, ..Default::default() }).unwrap();
    assert_eq!(subjects.items.len(), 6);
    let events: usize = subjects.items.iter().map(|s| desk.correction_get(&s.id).unwrap().events.len()).sum();
    assert_eq!(events, 83);

    // A record of 0.1 takes its next version through the change path, audited.
    let first = desk.mediation_get(&cases.items[0].id).unwrap();
    let mut input = first.input.clone();
    input.summary.push_str("（补充）");
    let saved = desk.mediation_update(&admin, &first.id, first.version, input).unwrap();
    assert_eq!(saved.version, first.version + 1);
    assert_eq!(saved.case_no, first.case_no);
    let stale = desk.mediation_update(&admin, &first.id, first.version, first.input.clone()).unwrap_err();
    assert_eq!(stale.code(), "conflict.version");
    assert_eq!(desk.verify_audit().unwrap(), None);
}

#[test]
fn a_batch_of_version_0_1_verifies_and_imports_at_a_district() {
    let batch = Path::new(FIXTURES).join(BATCH);
    let verified = sifa::batch::verify::open(&batch).unwrap_or_else(|(reason, _)| panic!("{reason}"));
    assert_eq!(verified.manifest.get("officeCode"), Some("420202001"));

    let dir = tempfile::tempdir().unwrap();
    let mut input = setup_input();
    input.mode = "district".into();
    input.office_code = "420202".into();
    input.office_name = "黄石港区司法局".into();
    let (mut district, _) = Desk::create(&dir.path().join("district.db"), clock(), input).unwrap();
    let office = DistrictOffice { code: "420202001".into(), name: "石港镇司法所".into(), short_name: "石港".into() };
    district.district_office_save(Actor::Named("测试"), &office, true).unwrap();
    let copy = dir.path().join(BATCH);
    std::fs::copy(&batch, &copy).unwrap();
    let imported = district.import_at_once(Actor::Named("测试"), &[copy], false, &mut |_| {}).unwrap();
    assert_eq!((imported.accepted, imported.rejected), (1, 0), "{:?}", imported.files[0].reason);
    let new = |kind: RecordKind| imported.totals.iter().find(|t| t.kind == kind.code()).map(|t| t.new).unwrap_or(0);
    assert_eq!(new(RecordKind::MediationCase), 12);
    assert_eq!(new(RecordKind::LegalAidApplication), 6);
    assert_eq!(new(RecordKind::CorrectionSubject), 6);
    let n = district.record_counts().unwrap();
    assert_eq!((n.mediation_cases, n.legal_aid_applications, n.correction_subjects), (12, 6, 6));
}
