//! 司法所工作台 (Sifa Desk) core: records, validation, deadlines, store, audit.
//! No Tauri and no webview here: the desktop shell and the `sifa` CLI are thin front ends.

#[macro_use]
mod code_enum;

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod batch;
pub mod calendar;
mod check;
pub mod clock;
pub mod codes;
pub mod correction;
pub mod deadline;
pub mod demo;
pub mod desk;
pub mod district;
pub mod error;
pub mod holiday_file;
pub mod legal_aid;
pub mod mediation;
pub mod office;
pub mod page;
pub mod record;
pub mod store;
pub mod validate;

pub use desk::Desk;
/// The allocator every front end (application, CLI, district benchmark) installs as `#[global_allocator]`:
/// reading a district's batches allocates and frees millions of small strings on two threads, which
/// mimalloc does about a quarter faster than the system allocator (docs/performance.md).
pub use mimalloc::MiMalloc as Allocator;
pub use error::{Error, FieldError, Result};

/// The application's version, written into batches and shown in the UI.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
