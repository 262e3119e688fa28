//! The `sifa` command line: exact forms that scripts depend on.

use std::process::Command;

fn sifa(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sifa")).args(args).env_remove("SIFA_DB").output().unwrap()
}

fn init_args(db: &str) -> Vec<String> {
    [
        "--db", db, "init", "--office-code", "420202001", "--office-name", "石港镇司法所", "--short-name", "石", "--district",
        "黄石港区", "--mode", "township", "--admin", "admin", "--password", "mima2026",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn init_demo_and_status() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let db = db.to_str().unwrap();
    let args = init_args(db);
    let out = sifa(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("石港镇司法所"));

    // An existing database is refused, not overwritten.
    let again = sifa(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("已存在"));

    let out = sifa(&[
        "--db", db, "--json", "--today", "2026-11-27", "demo", "--months", "3", "--seed", "5", "--cases-per-month", "20",
        "--consultations-per-month", "10", "--applications-per-month", "4", "--correction-per-month", "2",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["mediationCases"], 60);
    assert_eq!(v["consultations"], 30);
    assert_eq!(v["legalAidApplications"], 12);
    assert_eq!(v["correctionSubjects"], 6);
    let events = v["correctionEvents"].as_i64().unwrap();
    assert!(events > 0);

    let out = sifa(&["--db", db, "--json", "status"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["mediationCases"], 60);
    assert_eq!(v["consultations"], 30);
    assert_eq!(v["legalAidApplications"], 12);
    assert_eq!((v["correctionSubjects"].as_i64(), v["correctionEvents"].as_i64()), (Some(6), Some(events)));

    let out = sifa(&["--db", db, "status"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("法律咨询：30 条；法律援助申请：12 件"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("社区矫正对象：6 名"));
    assert_eq!(v["office"]["shortName"], "石");
    assert_eq!(v["auditChainIntact"], true);
}

#[test]
fn bad_init_input_names_the_fields_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bad.db");
    let db = db.to_str().unwrap();
    let mut args = init_args(db);
    let code = args.iter().position(|a| a == "420202001").unwrap();
    args[code] = "12ab".into();
    let out = sifa(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("9位乡镇代码"), "{err}");
    let mut json_args = vec!["--json".to_string()];
    json_args.extend(args);
    let out = sifa(&json_args.iter().map(String::as_str).collect::<Vec<_>>());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["fields"][0]["field"], "officeCode");
}

#[test]
fn demo_on_a_missing_setup_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    let out = sifa(&["--db", db.to_str().unwrap(), "demo"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("尚未完成首次设置"));
}

#[test]
fn demo_data_is_refused_on_a_database_with_real_cases() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("real.db");
    let db_s = db.to_str().unwrap();
    let args = init_args(db_s);
    assert!(sifa(&args.iter().map(String::as_str).collect::<Vec<_>>()).status.success());
    {
        let mut desk = sifa::Desk::open(&db, std::sync::Arc::new(sifa::clock::SystemClock)).unwrap();
        let admin = desk.login("admin", "mima2026").unwrap();
        let mut c = sifa::mediation::MediationCaseInput {
            accepted_on: desk.today().to_string(),
            dispute_type: "neighbour".into(),
            summary: "真实案件".into(),
            mediators: vec!["周建华".into()],
            rights_notice_on: Some(desk.today().to_string()),
            ..Default::default()
        };
        for (role, name) in [("applicant", "张三"), ("respondent", "李四")] {
            c.parties.push(sifa::mediation::Party { role: role.into(), kind: "natural".into(), name: name.into(), ..Default::default() });
        }
        desk.mediation_create(&admin, c).unwrap();
    }
    let out = sifa(&["--db", db_s, "demo", "--months", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不能再加入演示数据"));
    let out = sifa(&["--db", db_s, "--json", "status"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["mediationCases"], 1);
}

#[test]
fn a_second_demo_run_adds_to_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("twice.db");
    let db = db.to_str().unwrap();
    assert!(sifa(&init_args(db).iter().map(String::as_str).collect::<Vec<_>>()).status.success());
    for _ in 0..2 {
        let out = sifa(&["--db", db, "--json", "--today", "2026-11-27", "demo", "--months", "2", "--cases-per-month", "2", "--correction-per-month", "3"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    }
    let v: serde_json::Value = serde_json::from_slice(&sifa(&["--db", db, "--json", "status"]).stdout).unwrap();
    assert_eq!(v["correctionSubjects"], 12);
}

#[test]
fn export_prints_the_path_last_and_verify_says_whether_a_batch_is_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let db = db.to_str().unwrap();
    let args = init_args(db);
    assert!(sifa(&args.iter().map(String::as_str).collect::<Vec<_>>()).status.success());
    let demo = sifa(&["--db", db, "--today", "2026-11-27", "demo", "--months", "2", "--cases-per-month", "5", "--correction-per-month", "1"]);
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    let out_dir = dir.path().join("usb");
    std::fs::create_dir(&out_dir).unwrap();
    let out_dir = out_dir.to_str().unwrap();

    let out = sifa(&["--db", db, "--today", "2026-11-27", "export", "--period", "2026-10", "--out", out_dir]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let path = stdout.lines().last().unwrap();
    assert!(path.ends_with("420202001_202610_full_001.xlsx"), "{stdout}");
    assert!(stdout.contains("调解台账："), "{stdout}");

    let out = sifa(&["--db", db, "--json", "--today", "2026-11-27", "export", "--period", "2026-10", "--profile", "summary", "--out", out_dir]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["path"].as_str().unwrap().ends_with("420202001_202610_summary_001.xlsx"));
    assert_eq!(v["sheets"]["矫正统计"], 0);
    assert!(v["sheets"].get("调解台账").is_none(), "a summary has no ledgers");

    let ok = sifa(&["verify", path]);
    assert_eq!(ok.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("校验通过"));
    let ok = sifa(&["--json", "verify", path]);
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!((v["ok"].as_bool(), v["officeCode"].as_str(), v["sequence"].as_i64()), (Some(true), Some("420202001"), Some(1)));

    // A truncated copy: exit 1 and the reason in Chinese, in text and in JSON.
    let bytes = std::fs::read(path).unwrap();
    let cut = dir.path().join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    let bad = sifa(&["verify", cut.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stdout).contains("损坏或不完整"));
    let bad = sifa(&["--json", "verify", cut.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert!(v["reason"].as_str().unwrap().contains("损坏或不完整"));

    // A bad period names the field and writes nothing.
    let bad = sifa(&["--db", db, "--today", "2026-11-27", "export", "--period", "2026-13", "--out", out_dir]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("报送月份"));
    assert_eq!(std::fs::read_dir(out_dir).unwrap().count(), 2);
}

#[test]
fn a_district_registers_offices_imports_their_batches_and_writes_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let office_db = dir.path().join("office.db");
    let office_db = office_db.to_str().unwrap();
    let args = init_args(office_db);
    assert!(sifa(&args.iter().map(String::as_str).collect::<Vec<_>>()).status.success());
    let out = sifa(&["--db", office_db, "--today", "2026-11-20", "demo", "--months", "2", "--cases-per-month", "5", "--consultations-per-month", "3", "--applications-per-month", "2", "--correction-per-month", "1"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let batches = dir.path().join("u盘");
    std::fs::create_dir_all(&batches).unwrap();
    let export = |period: &str| {
        let out = sifa(&["--db", office_db, "--today", "2026-11-20", "export", "--period", period, "--out", batches.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).lines().last().unwrap().to_string()
    };
    let first = export("2026-10");
    export("2026-11");

    let db = dir.path().join("district.db");
    let db = db.to_str().unwrap();
    let out = sifa(&[
        "--db", db, "init", "--office-code", "420202", "--office-name", "黄石港区司法局", "--short-name", "黄石港", "--district", "黄石港区",
        "--mode", "district", "--admin", "admin", "--password", "mima2026",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // An unregistered office's batches are refused: exit 1, the reason per file.
    let out = sifa(&["--db", db, "--json", "--today", "2026-11-25", "import", batches.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["accepted"].as_i64(), v["rejected"].as_i64()), (Some(0), Some(2)));
    assert_eq!(v["files"][0]["status"], "rejected");
    assert!(v["files"][0]["reason"].as_str().unwrap().contains("不在本区司法所名册中"));

    let bad = sifa(&["--db", db, "office", "add", "--code", "4202", "--name", "石港镇司法所", "--short-name", "石港"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("单位代码应为9位乡镇代码"));
    let out = sifa(&["--db", db, "office", "add", "--code", "420202001", "--name", "石港镇司法所", "--short-name", "石港"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("已登记：石港镇司法所（420202001"));

    // A dry run shows the counts and writes nothing; the import writes; a second import changes nothing.
    let dry = sifa(&["--db", db, "--json", "--today", "2026-11-25", "import", "--dry-run", batches.to_str().unwrap()]);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stdout));
    let v: serde_json::Value = serde_json::from_slice(&dry.stdout).unwrap();
    assert_eq!(v["dryRun"], true);
    let cases_new = v["files"][0]["counts"]["mediation_case"]["new"].as_i64().unwrap();
    assert!(cases_new >= 10, "{v}");
    for key in ["new", "updated", "unchanged", "conflict", "duplicate"] {
        assert!(v["files"][1]["counts"]["legal_aid_application"][key].is_i64(), "{key}");
    }
    let status = |db: &str| -> serde_json::Value { serde_json::from_slice(&sifa(&["--db", db, "--json", "status"]).stdout).unwrap() };
    assert_eq!(status(db)["mediationCases"], 0);
    let out = sifa(&["--db", db, "--today", "2026-11-25", "import", batches.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("接收  420202001_202610_full_001.xlsx") && text.contains("调解案件：新增"), "{text}");
    assert!(text.contains("共 2 个文件：接收 2 个，退回 0 个。"), "{text}");
    assert_eq!(status(db)["mediationCases"], status(office_db)["mediationCases"]);
    let again = sifa(&["--db", db, "--json", "--today", "2026-11-25", "import", &first]);
    assert!(again.status.success());
    let v: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(v["files"][0]["alreadyImported"], true);
    assert_eq!(v["files"][0]["counts"]["mediation_case"]["new"], 0);

    // A file that is not a batch is rejected with its reason in text mode too.
    let junk = dir.path().join("junk.xlsx");
    std::fs::write(&junk, "not a workbook").unwrap();
    let out = sifa(&["--db", db, "--today", "2026-11-25", "import", junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("退回  junk.xlsx"));

    let report = dir.path().join("report.xlsx");
    let out = sifa(&["--db", db, "--today", "2026-11-25", "report", "--period", "2026-Q4", "--out", report.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(report.is_file());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().last().unwrap(), report.to_str().unwrap());
    let again = sifa(&["--db", db, "--today", "2026-11-25", "report", "--period", "2026-Q4", "--out", report.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1), "an existing report is never replaced");
    let bad = sifa(&["--db", db, "--today", "2026-11-25", "report", "--period", "2026-13", "--out", report.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("统计期间格式"));
}

#[test]
fn backup_prints_the_path_last_restore_refuses_bad_files_and_audit_verify_names_the_broken_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let db = db.to_str().unwrap();
    let args = init_args(db);
    assert!(sifa(&args.iter().map(String::as_str).collect::<Vec<_>>()).status.success());
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();

    let out = sifa(&["--db", db, "backup", "--out", usb.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let path = stdout.lines().last().unwrap().to_string();
    assert!(path.ends_with("_manual.db") && std::path::Path::new(&path).is_file(), "{stdout}");
    assert!(stdout.contains("已备份并核对"));

    // A missing folder: exit 1, the reason in Chinese.
    let out = sifa(&["--db", db, "backup", "--out", dir.path().join("x/y").to_str().unwrap()]);
    assert!(out.status.success(), "a missing folder is created: {}", String::from_utf8_lossy(&out.stderr));
    let not_a_folder = dir.path().join("plain.txt");
    std::fs::write(&not_a_folder, "x").unwrap();
    let out = sifa(&["--db", db, "backup", "--out", not_a_folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是文件夹"));

    let out = sifa(&["--db", db, "restore", not_a_folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("不能用于恢复") && err.contains("不是"), "{err}");
    let out = sifa(&["--db", db, "--json", "restore", not_a_folder.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "backup.invalid");

    let out = sifa(&["--db", db, "restore", &path]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("恢复前的数据库已另存为"));

    let out = sifa(&["--db", db, "audit", "verify"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("哈希链校验通过"));
    rusqlite::Connection::open(db).unwrap().execute("UPDATE audit_log SET action = 'login' WHERE seq = 2", []).unwrap();
    let out = sifa(&["--db", db, "audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("第2条操作日志的内容被改动过") && stdout.contains("第一处异常：第 2 条"), "{stdout}");
    let out = sifa(&["--db", db, "--json", "audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["firstBroken"], 2);
}
