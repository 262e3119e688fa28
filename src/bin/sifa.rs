//! `sifa`: the command-line front end over the same core as the desktop application.

use sifa::record::Actor;
use clap::{Parser, Subcommand, ValueEnum};
use sifa::clock::{Clock, ShiftedClock, SystemClock};
use sifa::demo::Generator;
use sifa::office::SetupInput;
use sifa::{Desk, Error};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[global_allocator]
static ALLOCATOR: sifa::Allocator = sifa::Allocator;

#[derive(Parser)]
#[command(name = "sifa", version, about = "司法所工作台命令行工具")]
struct Cli {
    /// Database file (default: $SIFA_DB, then the application's data folder).
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// Business date to use as "today" (YYYY-MM-DD), for tests and demonstrations.
    #[arg(long, global = true)]
    today: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Mode {
    Township,
    District,
}

#[derive(Subcommand)]
enum Command {
    /// Create and set up a new database (refuses an existing one).
    Init {
        #[arg(long)]
        office_code: String,
        #[arg(long)]
        office_name: String,
        #[arg(long)]
        short_name: String,
        #[arg(long)]
        district: String,
        #[arg(long, value_enum, default_value = "township")]
        mode: Mode,
        #[arg(long)]
        admin: String,
        #[arg(long)]
        password: String,
        /// Display name of the administrator (default: the user name).
        #[arg(long)]
        admin_name: Option<String>,
    },
    /// Add realistic synthetic records: mediation cases, legal-aid consultations and applications,
    /// community-correction subjects with their events.
    Demo {
        #[arg(long, default_value_t = 12)]
        months: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 40)]
        cases_per_month: u32,
        #[arg(long, default_value_t = 30)]
        consultations_per_month: u32,
        #[arg(long, default_value_t = 6)]
        applications_per_month: u32,
        /// Community-correction subjects whose ruling takes effect each month.
        #[arg(long, default_value_t = 3)]
        correction_per_month: u32,
    },
    /// Show the office and the register's counts.
    Status,
    /// Write the monthly batch (月度报送) of a period into a folder; prints the file's path last.
    Export {
        /// The month, YYYY-MM.
        #[arg(long)]
        period: String,
        #[arg(long, value_enum, default_value = "full")]
        profile: ProfileArg,
        /// Folder to write into (e.g. a USB stick).
        #[arg(long)]
        out: PathBuf,
    },
    /// Check that a batch file is a complete, unmodified batch (exit 1 and the reason if not).
    Verify { file: PathBuf },
    /// The district's register of offices (district mode).
    Office {
        #[command(subcommand)]
        action: OfficeAction,
    },
    /// Import offices' batch files (files or folders) at the district; exit 1 if any is rejected.
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Check and show what would change, without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// The audit log (操作日志).
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Back up the database into a folder, checked after writing; prints the backup's path last.
    Backup {
        /// Folder to write into (e.g. a USB stick); older backups there beyond the kept number are removed.
        #[arg(long)]
        out: PathBuf,
    },
    /// Replace the database with a backup, after checking it is an intact Sifa Desk database of the
    /// same office; the current database is kept in the backup folder. Exit 1 with the reason if refused.
    Restore { file: PathBuf },
    /// Write the consolidated district workbook of a month (YYYY-MM), quarter (YYYY-Qn) or year.
    Report {
        #[arg(long)]
        period: String,
        /// The workbook to write (.xlsx); an existing file is never replaced.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum AuditAction {
    /// Check the hash chain; exit 1 naming the first changed or deleted entry.
    Verify,
}

#[derive(Subcommand)]
enum OfficeAction {
    /// Register an office (or correct the name and short name of a registered one).
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        short_name: String,
    },
    /// List the register.
    List,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProfileArg {
    Full,
    Masked,
    Summary,
}

impl ProfileArg {
    fn code(self) -> &'static str {
        match self {
            ProfileArg::Full => "full",
            ProfileArg::Masked => "masked",
            ProfileArg::Summary => "summary",
        }
    }
}

fn clock(today: Option<&str>) -> Result<Arc<dyn Clock>, Error> {
    match today {
        None => Ok(Arc::new(SystemClock)),
        // Moving the clock would let anyone backdate audit entries: test builds only.
        Some(_) if !cfg!(debug_assertions) => Err(Error::field("today", "validation.today", "--today 只能用于测试版本")),
        Some(t) => {
            let d = sifa::validate::parse_date(t).map_err(|e| Error::field("today", "validation.date", format!("--today：{e}")))?;
            Ok(Arc::new(ShiftedClock::to_day(d)))
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let path = sifa::Desk::database_path(cli.db.clone());
    let clock = clock(cli.today.as_deref())?;
    match cli.command {
        Command::Init { office_code, office_name, short_name, district, mode, admin, password, admin_name } => {
            let input = SetupInput {
                office_code,
                office_name,
                short_name,
                district,
                mode: match mode {
                    Mode::Township => "township",
                    Mode::District => "district",
                }
                .into(),
                admin_display_name: admin_name.unwrap_or_else(|| admin.clone()),
                admin_username: admin,
                admin_password: password,
            };
            let (_, office) = Desk::create(&path, clock, input)?;
            if cli.json {
                println!("{}", serde_json::json!({ "path": path, "office": office }));
            } else {
                println!("已创建数据库：{}", path.display());
                println!("单位：{}（{}）", office.name, office.code);
            }
        }
        Command::Demo { months, seed, cases_per_month, consultations_per_month, applications_per_month, correction_per_month } => {
            let mut desk = Desk::open(&path, clock)?;
            let office = desk.office()?.ok_or(Error::NotSetUp)?;
            let mut g = Generator::new(seed, &office.code, desk.today());
            let dates = g.acceptance_dates(months.clamp(1, 600), cases_per_month.clamp(1, 1_000_000));
            let mut added = 0;
            for chunk in dates.chunks(20_000) {
                let cases = chunk.iter().map(|d| g.case(*d)).collect();
                added += desk.import_generated(cases, "人民调解演示数据")?;
                if !cli.json {
                    eprint!("\r已生成 {added} / {} 件", dates.len());
                }
            }
            let months = months.clamp(1, 600);
            let consultation_dates = g.acceptance_dates(months, consultations_per_month.clamp(0, 100_000));
            let consultations = consultation_dates.iter().map(|d| g.consultation(*d)).collect();
            let competent = format!("{}法律援助中心", office.district);
            let application_dates = g.acceptance_dates(months, applications_per_month.clamp(0, 10_000));
            let applications = application_dates.iter().map(|d| g.application(*d, &office.name, &competent)).collect();
            let (consulted, applied) = desk.import_generated_legal_aid(consultations, applications)?;
            let effective_dates = g.acceptance_dates(months, correction_per_month.clamp(0, 1_000));
            // Numbered after the subjects already there, so a second run adds rather than collides.
            let existing = desk.record_counts()?.correction_subjects;
            let subjects = effective_dates.iter().enumerate().map(|(n, d)| g.correction_subject(n + existing as usize, *d)).collect();
            let (subjects, events) = desk.import_generated_correction(subjects)?;
            if cli.json {
                println!(
                    "{}",
                    serde_json::json!({ "mediationCases": added, "consultations": consulted, "legalAidApplications": applied,
                        "correctionSubjects": subjects, "correctionEvents": events })
                );
            } else {
                eprintln!();
                println!("已生成调解案件 {added} 件、法律咨询 {consulted} 条、法律援助申请 {applied} 件、社区矫正对象 {subjects} 名（事项记录 {events} 条）。");
            }
        }
        Command::Status => {
            let desk = Desk::open(&path, clock)?;
            let office = desk.office()?;
            let n = desk.record_counts()?;
            let (cases, consultations, applications) = (n.mediation_cases, n.consultations, n.legal_aid_applications);
            let (subjects, registered, events) = (n.correction_subjects, n.correction_registered, n.correction_events);
            let audit_ok = desk.verify_audit()?.is_none();
            if cli.json {
                println!("{}", serde_json::json!({ "path": path, "office": office, "mediationCases": cases, "consultations": consultations, "legalAidApplications": applications, "correctionSubjects": subjects, "correctionRegistered": registered, "correctionEvents": events, "auditChainIntact": audit_ok }));
            } else {
                println!("数据库：{}", path.display());
                match office {
                    Some(o) => println!("单位：{}（{}）", o.name, o.code),
                    None => println!("单位：尚未完成首次设置"),
                }
                println!("调解案件：{cases} 件");
                println!("法律咨询：{consultations} 条；法律援助申请：{applications} 件");
                println!("社区矫正对象：{subjects} 名（在册 {registered} 名）；事项记录：{events} 条");
                println!("操作日志：{}", if audit_ok { "完整" } else { "校验失败" });
            }
        }
        Command::Export { period, profile, out } => {
            let mut desk = Desk::open(&path, clock)?;
            let json = cli.json;
            let record = desk.batch_export(Actor::Named("命令行（sifa export）"), &period, profile.code(), &out, &mut |p| {
                if !json {
                    eprint!("\r{:>3}%  {:<24}", p.done * 100 / p.total.max(1), p.stage);
                }
            })?;
            if json {
                let sheets: serde_json::Map<String, serde_json::Value> = record.sheets.iter().map(|s| (s.name.clone(), s.rows.into())).collect();
                println!("{}", serde_json::json!({ "path": record.path, "period": record.period, "profile": record.profile, "sequence": record.sequence, "digest": record.digest, "rows": record.rows, "sheets": sheets }));
            } else {
                eprintln!();
                for s in record.sheets.iter().filter(|s| s.kind == "ledger") {
                    println!("{}：{} 行", s.name, s.rows);
                }
                println!("校验码：{}", record.digest);
                println!("{}", record.path);
            }
        }
        Command::Verify { file } => {
            let report = sifa::batch::verify_file(&file);
            if cli.json {
                println!("{}", serde_json::to_string(&report).expect("reports serialise"));
            } else if report.ok {
                println!("校验通过：{} 是完整、未经改动的月度报送文件。", report.file);
                println!("单位：{}（{}）", report.office_name.as_deref().unwrap_or(""), report.office_code.as_deref().unwrap_or(""));
                println!("月份：{}；类型：{}；第 {} 次报送", report.period.as_deref().unwrap_or(""), report.profile.as_deref().unwrap_or(""), report.sequence.unwrap_or(0));
                println!("生成：{} {}", report.generated_at.as_deref().unwrap_or(""), report.generated_by.as_deref().unwrap_or(""));
                for s in report.sheets.iter().filter(|s| s.kind == "ledger") {
                    println!("{}：{} 行", s.name, s.rows);
                }
                println!("校验码：{}", report.digest.as_deref().unwrap_or(""));
            } else {
                println!("校验未通过：{}", report.file);
                println!("原因：{}", report.reason.as_deref().unwrap_or(""));
            }
            return Ok(if report.ok { ExitCode::SUCCESS } else { ExitCode::FAILURE });
        }
        Command::Office { action } => {
            let mut desk = Desk::open(&path, clock)?;
            match action {
                OfficeAction::Add { code, name, short_name } => {
                    let o = desk.district_office_save(Actor::Named("命令行（sifa office）"), &sifa::district::DistrictOffice { code, name, short_name }, true)?;
                    if cli.json {
                        println!("{}", serde_json::json!({ "office": o }));
                    } else {
                        println!("已登记：{}（{}，简称{}）", o.name, o.code, o.short_name);
                    }
                }
                OfficeAction::List => {
                    let offices = desk.district_offices()?;
                    if cli.json {
                        println!("{}", serde_json::json!({ "offices": offices }));
                    } else {
                        for o in &offices {
                            println!("{}  {}（{}）", o.code, o.name, o.short_name);
                        }
                        println!("共 {} 个司法所", offices.len());
                    }
                }
            }
        }
        Command::Import { paths, dry_run } => {
            let mut desk = Desk::open(&path, clock)?;
            let json = cli.json;
            let preview = desk.import_at_once(Actor::Named("命令行（sifa import）"), &paths, dry_run, &mut |p| {
                if !json {
                    let stage = if p.stage == "reading" { "读取文件" } else { "核对记录" };
                    eprint!("\r{stage} {} / {}      ", p.done, p.total);
                }
            })?;
            if json {
                println!("{}", import_json(&preview, dry_run));
            } else {
                eprintln!();
                print_import(&preview, dry_run);
            }
            return Ok(if preview.rejected == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE });
        }
        Command::Audit { action: AuditAction::Verify } => {
            let desk = Desk::open(&path, clock)?;
            let check = desk.audit_check()?;
            if cli.json {
                println!("{}", serde_json::to_string(&check).expect("results serialise"));
            } else {
                match &check.reason {
                    None => println!("操作日志完整：共 {} 条，哈希链校验通过。", check.entries),
                    Some(r) => {
                        println!("操作日志校验未通过：{r}");
                        println!("第一处异常：第 {} 条", check.first_broken.unwrap_or(0));
                    }
                }
            }
            return Ok(if check.intact() { ExitCode::SUCCESS } else { ExitCode::FAILURE });
        }
        Command::Backup { out } => {
            let mut desk = Desk::open(&path, clock)?;
            let f = desk.backup_create(Actor::Named("命令行（sifa backup）"), Some(&out))?;
            if cli.json {
                println!("{}", serde_json::to_string(&f).expect("results serialise"));
            } else {
                println!("已备份并核对（{}，{} 字节）：", f.made_at, f.size_bytes);
                println!("{}", f.path);
            }
        }
        Command::Restore { file } => {
            let (_, r) = Desk::restore(&path, clock, Actor::Named("命令行（sifa restore）"), &file)?;
            if cli.json {
                println!("{}", serde_json::to_string(&r).expect("results serialise"));
            } else {
                println!("已从备份恢复：{}（{}）", r.office_name, r.office_code);
                println!("备份文件：{}", r.from);
                if let Some(a) = &r.kept_aside {
                    println!("恢复前的数据库已另存为：{a}");
                }
            }
        }
        Command::Report { period, out } => {
            let mut desk = Desk::open(&path, clock)?;
            let r = desk.district_report(Actor::Named("命令行（sifa report）"), &period, &out)?;
            if cli.json {
                println!("{}", serde_json::to_string(&r).expect("results serialise"));
            } else {
                println!("已生成区级汇总（{} 个司法所）：", r.offices);
                println!("{}", r.path);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn import_json(p: &sifa::district::ImportPreview, dry_run: bool) -> serde_json::Value {
    let files: Vec<serde_json::Value> = p
        .files
        .iter()
        .map(|f| {
            let counts: serde_json::Map<String, serde_json::Value> = f
                .counts
                .iter()
                .map(|c| (c.kind.clone(), serde_json::json!({ "new": c.new, "updated": c.updated, "unchanged": c.unchanged, "conflict": c.conflict, "duplicate": c.duplicate })))
                .collect();
            serde_json::json!({ "file": f.path, "status": f.status, "reason": f.reason, "warnings": f.warnings, "alreadyImported": f.already_imported,
                "officeCode": f.office_code, "period": f.period, "sequence": f.sequence, "counts": counts })
        })
        .collect();
    serde_json::json!({ "dryRun": dry_run, "accepted": p.accepted, "rejected": p.rejected, "pendingEvents": p.pending_events, "files": files })
}

fn print_import(p: &sifa::district::ImportPreview, dry_run: bool) {
    for f in &p.files {
        if f.accepted() {
            println!(
                "接收  {}  {} {} 第 {} 次报送",
                f.file_name,
                f.office_name.as_deref().unwrap_or(""),
                sifa::district::month_label(f.period.as_deref().unwrap_or("")),
                f.sequence.unwrap_or(0)
            );
            for c in f.counts.iter().filter(|c| c.total() > 0) {
                println!("      {}：新增 {}，更新 {}，未变 {}，冲突 {}，疑似重复 {}", c.label, c.new, c.updated, c.unchanged, c.conflict, c.duplicate);
            }
            for w in &f.warnings {
                println!("      注意：{w}");
            }
        } else {
            println!("退回  {}", f.file_name);
            println!("      原因：{}", f.reason.as_deref().unwrap_or(""));
        }
    }
    println!("共 {} 个文件：接收 {} 个，退回 {} 个。", p.files.len(), p.accepted, p.rejected);
    if p.pending_events > 0 {
        println!("另有 {} 条矫正事件的对象尚未收到，待对象所在的报送文件导入后自动归入。", p.pending_events);
    }
    if dry_run {
        println!("（试运行：未写入任何数据）");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if json {
                println!("{}", serde_json::json!({ "error": { "code": e.code(), "message": e.to_string(), "fields": e.fields() } }));
            } else {
                eprintln!("错误：{e}");
                for f in e.fields().iter().skip(1) {
                    eprintln!("      {}", f.message);
                }
                if let sifa::Error::Corrupt { detail } = &e {
                    eprintln!("      检查结果：{detail}");
                    eprintln!("      可用 sifa --db 数据库 restore 备份文件 恢复。");
                }
            }
            ExitCode::FAILURE
        }
    }
}
