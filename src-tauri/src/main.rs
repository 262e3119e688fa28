// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod api_types;
mod commands;

use commands::AppState;
use sifa::clock::{Clock, ShiftedClock, SystemClock};
use std::path::PathBuf;
use std::sync::Arc;
use tauri::{Emitter, Manager};

#[global_allocator]
static ALLOCATOR: sifa::Allocator = sifa::Allocator;

/// `--db PATH` and `--today YYYY-MM-DD` (tests and demonstrations); everything else is ignored.
fn parse_args() -> (Option<PathBuf>, Option<String>) {
    let mut db = None;
    let mut today = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if let Some(v) = a.strip_prefix("--db=") {
            db = Some(PathBuf::from(v));
        } else if a == "--db" {
            db = args.next().map(PathBuf::from);
        } else if let Some(v) = a.strip_prefix("--today=") {
            today = Some(v.to_string());
        } else if a == "--today" {
            today = args.next();
        }
    }
    (db, today.or_else(|| std::env::var("SIFA_TODAY").ok().filter(|s| !s.is_empty())))
}

fn main() {
    let (db_flag, today) = parse_args();
    let db_path = sifa::Desk::database_path(db_flag);
    let clock: Arc<dyn Clock> = match today.as_deref().map(sifa::validate::parse_date) {
        None => Arc::new(SystemClock),
        // Moving the clock would let anyone backdate audit entries: test builds only.
        Some(Ok(d)) if cfg!(debug_assertions) => Arc::new(ShiftedClock::to_day(d)),
        Some(Ok(_)) => {
            eprintln!("错误：--today 只能用于测试版本。");
            std::process::exit(2);
        }
        Some(Err(e)) => {
            eprintln!("错误：--today {e}");
            std::process::exit(2);
        }
    };
    let state = AppState::open(db_path, clock);
    tauri::Builder::default()
        .manage(state)
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .on_window_event(|window, event| {
            // Closing the window with unsaved work: the window asks the user, and closes itself
            // (window_close) only if the work is given up.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                if window.state::<AppState>().has_unsaved_work() {
                    api.prevent_close();
                    let _ = window.emit(commands::CLOSE_REQUESTED_EVENT, ());
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::damaged_pick_file,
            commands::damaged_restore,
            commands::setup_office,
            commands::login,
            commands::logout,
            commands::code_tables,
            commands::dashboard,
            commands::mediation_list,
            commands::mediation_get,
            commands::mediation_create,
            commands::mediation_update,
            commands::mediation_delete,
            commands::holidays_list,
            commands::holiday_set,
            commands::holiday_remove,
            commands::holidays_export,
            commands::holidays_import_preview,
            commands::holidays_import,
            commands::holidays_pick_file,
            commands::holidays_pick_folder,
            commands::consultation_list,
            commands::consultation_create,
            commands::consultation_update,
            commands::consultation_delete,
            commands::legal_aid_list,
            commands::legal_aid_get,
            commands::legal_aid_states,
            commands::legal_aid_create,
            commands::legal_aid_update,
            commands::legal_aid_delete,
            commands::correction_list,
            commands::correction_get,
            commands::correction_states,
            commands::correction_create,
            commands::correction_update,
            commands::correction_delete,
            commands::correction_event_create,
            commands::correction_event_update,
            commands::correction_event_delete,
            commands::supervision_levels,
            commands::supervision_level_set,
            commands::batch_preview,
            commands::batch_export,
            commands::batch_history,
            commands::batch_pick_folder,
            commands::batch_reveal,
            commands::district_offices,
            commands::district_office_save,
            commands::import_pick_files,
            commands::import_preview,
            commands::import_confirm,
            commands::received_batches,
            commands::submissions,
            commands::duplicates,
            commands::duplicate_decide,
            commands::district_statistics,
            commands::district_report,
            commands::district_dashboard,
            commands::window_set_unsaved,
            commands::window_close,
            commands::session_touch,
            commands::session_lock,
            commands::session_unlock,
            commands::change_password,
            commands::users_list,
            commands::user_create,
            commands::user_update,
            commands::user_reset_password,
            commands::user_unlock,
            commands::settings_get,
            commands::settings_save,
            commands::office_update,
            commands::audit_list,
            commands::audit_usernames,
            commands::audit_check,
            commands::audit_export,
            commands::backups_overview,
            commands::backup_create,
            commands::backup_pick_file,
            commands::backup_pick_folder,
            commands::backup_restore,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the application");
}
