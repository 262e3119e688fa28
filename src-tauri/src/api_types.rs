//! The window's TypeScript types, generated from the Rust types the commands take and give (ts-rs),
//! into `ui/src/api/generated/`. The check below fails when the committed files differ from what
//! the Rust types produce; `SIFA_WRITE_API_TYPES=1 cargo test -p sifa-desk api_types` rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::{Config, TS};

/// Where the generated files live, from the workspace root.
const GENERATED_DIR: &str = "ui/src/api/generated";

/// Every type a command takes or gives, with what they contain (ts-rs follows the fields).
fn export_every_command_type(cfg: &Config) -> Result<(), ts_rs::ExportError> {
    use crate::commands::{ApiError, AppStatus};
    use sifa::accounts::{NewUserInput, User, UserSummary, UserUpdateInput};
    use sifa::audit::{AuditCheck, AuditFilter, AuditListItem};
    use sifa::backup::{BackupFile, Restored};
    use sifa::batch::{BatchPreview, BatchProgress, BatchRecord, Profile};
    use sifa::codes::CodeTables;
    use sifa::correction::{CorrectionEventInput, CorrectionState, CorrectionFilter, CorrectionListItem, CorrectionSubject, CorrectionSubjectInput, SupervisionLevel};
    use sifa::desk::{BackupOverview, Dashboard, HolidayEntry, HolidayImport, SessionStatus, Settings};
    use sifa::district::report::ReportResult;
    use sifa::district::{
        DistrictDashboard, DistrictOffice, DistrictStatistics, DuplicateItem, ImportPreview, ImportProgress, ReceivedBatch, SubmissionGrid,
    };
    use sifa::legal_aid::{Consultation, ConsultationFilter, ConsultationInput, LegalAidApplication, LegalAidState, LegalAidFilter, LegalAidInput, LegalAidListItem};
    use sifa::mediation::{MediationCase, MediationCaseInput, MediationFilter, MediationListItem};
    use sifa::office::{Office, OfficeProfileInput, SetupInput};
    use sifa::page::Page;
    use sifa::record::RecordKind;

    macro_rules! export {
        ($($t:ty),+ $(,)?) => {
            $(<$t>::export_all(cfg)?;)+
        };
    }
    export!(
        ApiError, AppStatus, SetupInput, OfficeProfileInput, Office, User, CodeTables, Dashboard, RecordKind,
        MediationFilter, Page<MediationListItem>, MediationCase, MediationCaseInput,
        HolidayEntry, HolidayImport,
        ConsultationFilter, Page<Consultation>, ConsultationInput,
        LegalAidFilter, Page<LegalAidListItem>, LegalAidApplication, LegalAidInput, LegalAidState,
        CorrectionFilter, Page<CorrectionListItem>, CorrectionSubject, CorrectionSubjectInput, CorrectionEventInput, SupervisionLevel, CorrectionState,
        Profile, BatchPreview, BatchProgress, BatchRecord,
        DistrictOffice, ImportPreview, ImportProgress, ReceivedBatch, SubmissionGrid, DuplicateItem, DistrictStatistics, ReportResult, DistrictDashboard,
        SessionStatus, UserSummary, NewUserInput, UserUpdateInput, Settings,
        AuditFilter, Page<AuditListItem>, AuditCheck,
        BackupOverview, BackupFile, Restored,
    );
    Ok(())
}

/// The generated files by name, with an `index.ts` that exports every type.
fn generate() -> BTreeMap<String, String> {
    let dir = std::env::temp_dir().join(format!("sifa-api-types-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    // i64 figures (counts, versions, sequence numbers) stay far below 2^53: numbers, not bigints.
    let cfg = Config::new().with_out_dir(&dir).with_large_int("number");
    export_every_command_type(&cfg).expect("the command types export");
    let mut files = read_dir(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    let index: String = std::iter::once(HEADER.to_string())
        .chain(files.keys().map(|f| format!("export type * from './{}'\n", f.trim_end_matches(".ts"))))
        .collect();
    files.insert("index.ts".into(), index);
    files
}

const HEADER: &str = "// Generated from the Rust types of the commands (src-tauri/src/api_types.rs). Do not edit.\n";

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return BTreeMap::new() };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).expect("readable")))
        .collect()
}

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(GENERATED_DIR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_typescript_types_match_the_rust_types() {
        let want = generate();
        let dir = committed_dir();
        if std::env::var("SIFA_WRITE_API_TYPES").is_ok_and(|v| v == "1") {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            for (name, text) in &want {
                std::fs::write(dir.join(name), text).unwrap();
            }
        }
        let have = read_dir(&dir);
        let differing: std::collections::BTreeSet<&String> = want.keys().chain(have.keys()).filter(|n| want.get(*n) != have.get(*n)).collect();
        assert!(
            differing.is_empty(),
            "{GENERATED_DIR} differs from the Rust types in {differing:?}; \
             regenerate with `SIFA_WRITE_API_TYPES=1 cargo test -p sifa-desk api_types` and commit the result"
        );
    }
}
