//! The one error type of the core. Every variant carries a stable `code()` and a Chinese
//! `message()` so that the shell and the CLI can show it without knowing the variant.

use serde::Serialize;

/// One problem with one field of a submitted input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// Path of the field in the input, e.g. `parties.0.idNo`.
    pub field: String,
    /// Stable code, e.g. `validation.id_number`.
    pub code: String,
    /// Chinese message naming the field.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        FieldError { field: field.into(), code: code.to_string(), message: message.into() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", .0.first().map(|f| f.message.as_str()).unwrap_or("输入有误"))]
    Validation(Vec<FieldError>),

    #[error("数据库文件“{path}”不是司法所工作台的数据库，已拒绝打开，以免损坏其他程序的数据。")]
    ForeignDatabase { path: String },

    #[error("数据库文件“{path}”正被另一个司法所工作台窗口或命令使用。请先关闭它，再打开本程序。")]
    AlreadyOpen { path: String },

    #[error("数据库文件由更新版本的司法所工作台创建（结构版本 {found}，本程序支持到 {supported}），请升级本程序。")]
    SchemaTooNew { found: i64, supported: i64 },

    /// `detail` is SQLite's own (English) finding, for the damaged-database screen's technical line.
    #[error("数据库文件已损坏，请从备份恢复。")]
    Corrupt { detail: String },

    #[error("磁盘空间不足，本次操作未保存。请清理磁盘后重试。")]
    DiskFull,

    #[error("尚未完成首次设置。")]
    NotSetUp,

    #[error("已完成首次设置，不能重复设置。")]
    AlreadySetUp,

    #[error("数据库中已有工作人员录入的案件，不能再加入演示数据。请使用新的数据库文件。")]
    DemoOnRealData,

    #[error("数据库“{path}”已存在，为防止覆盖已有数据，拒绝初始化。")]
    DatabaseExists { path: String },

    #[error("用户名或密码错误。")]
    WrongPassword,

    #[error("该账号因连续{failures}次密码错误已被锁定，请在{minutes}分钟后重试。")]
    LockedOut { failures: u32, minutes: i64 },

    #[error("请先登录。")]
    AuthRequired,

    #[error("屏幕已锁定，请输入密码解锁。")]
    SessionLocked,

    #[error("请先修改密码（管理员设置的初始密码须在首次登录时修改）。")]
    PasswordChangeRequired,

    #[error("“{file}”不能用于恢复：{reason}")]
    BadBackup { file: String, reason: String },

    #[error("“{file}”不能导入：{reason}")]
    BadHolidayFile { file: String, reason: String },

    #[error("当前账号没有执行此操作的权限。")]
    Forbidden,

    #[error("{what}不存在或已被删除。")]
    NotFound { what: &'static str },

    #[error("该记录已被他人修改（当前版本 {current}），请重新打开后再保存。")]
    VersionConflict { current: i64 },

    #[error("文件读写失败：{}", io_reason(.0))]
    Io(#[from] std::io::Error),

    #[error("数据库错误：{0}")]
    Db(rusqlite::Error),
}

impl Error {
    /// A validation failure on one field.
    pub fn field(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Error::Validation(vec![FieldError::new(field, code, message)])
    }

    /// Stable, machine-readable code; the UI and scripts may branch on it.
    pub fn code(&self) -> String {
        match self {
            Error::Validation(f) => f.first().map(|f| f.code.clone()).unwrap_or_else(|| "validation".into()),
            Error::ForeignDatabase { .. } => "store.foreign_file".into(),
            Error::AlreadyOpen { .. } => "store.already_open".into(),
            Error::SchemaTooNew { .. } => "store.schema_too_new".into(),
            Error::Corrupt { .. } => "store.corrupt".into(),
            Error::DiskFull => "store.disk_full".into(),
            Error::NotSetUp => "setup.required".into(),
            Error::AlreadySetUp => "setup.done".into(),
            Error::DemoOnRealData => "demo.real_data".into(),
            Error::DatabaseExists { .. } => "setup.database_exists".into(),
            Error::WrongPassword => "auth.wrong_password".into(),
            Error::LockedOut { .. } => "auth.locked_out".into(),
            Error::AuthRequired => "auth.required".into(),
            Error::SessionLocked => "auth.session_locked".into(),
            Error::PasswordChangeRequired => "auth.password_change_required".into(),
            Error::BadBackup { .. } => "backup.invalid".into(),
            Error::BadHolidayFile { .. } => "holidays.invalid_file".into(),
            Error::Forbidden => "auth.forbidden".into(),
            Error::NotFound { .. } => "not_found".into(),
            Error::VersionConflict { .. } => "conflict.version".into(),
            Error::Io(_) => "io".into(),
            Error::Db(_) => "store.db".into(),
        }
    }

    /// The field errors of a validation failure; empty for every other error.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            Error::Validation(f) => f,
            _ => &[],
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            match f.code {
                ErrorCode::DiskFull => return Error::DiskFull,
                ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => {
                    return Error::Corrupt { detail: e.to_string() }
                }
                _ => {}
            }
        }
        Error::Db(e)
    }
}

/// The Chinese reason of an I/O failure, with the system's own words only as a last resort.
fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件或文件夹不存在".into(),
        PermissionDenied => "没有读写权限".into(),
        AlreadyExists => "文件已存在".into(),
        StorageFull => "磁盘空间不足".into(),
        ReadOnlyFilesystem => "磁盘为只读".into(),
        _ => format!("系统错误（{e}）"),
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_failures_read_in_chinese() {
        let e = Error::from(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert_eq!(e.to_string(), "文件读写失败：没有读写权限");
        assert_eq!(e.code(), "io");
        let e = Error::from(std::io::Error::from(std::io::ErrorKind::StorageFull));
        assert!(e.to_string().contains("磁盘空间不足"));
    }

    #[test]
    fn validation_errors_show_their_first_message() {
        let e = Error::Validation(vec![FieldError::new("a", "validation.x", "第一条"), FieldError::new("b", "validation.y", "第二条")]);
        assert_eq!(e.to_string(), "第一条");
        assert_eq!(e.code(), "validation.x");
        assert_eq!(e.fields().len(), 2);
    }
}
