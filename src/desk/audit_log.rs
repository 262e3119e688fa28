//! The desk's 操作日志: the chain check, the filtered list and its export, and the check of the PC's
//! clock against the log. Only administrators read the log; the export is itself audited.

use super::{require_head, Desk};
use crate::accounts::User;
use crate::audit::{self, AuditCheck, AuditFilter, AuditListItem, Change};
use crate::record::Actor;
use crate::clock::ClockAnomaly;
use crate::error::Result;
use crate::page::Page;
use crate::store;
use std::path::{Path, PathBuf};

/// Counting stops here in the list; the export takes at most this many entries.
const AUDIT_COUNT_CAP: i64 = 100_000;
const AUDIT_EXPORT_MAX: i64 = 200_000;

impl Desk {
    /// The whole chain checked: how many entries, and the first changed or deleted one.
    pub fn audit_check(&self) -> Result<AuditCheck> {
        store::audit::check(self.store.conn())
    }

    /// Whether the PC's clock is behind the newest audit entry or far ahead of it. Asked at
    /// start-up, before anyone logs in: nothing personal is shown, and the login itself would
    /// write an entry at the wrong time.
    pub fn clock_anomaly(&self) -> Result<Option<ClockAnomaly>> {
        Ok(store::audit::latest(self.store.conn())?.and_then(|(seq, at)| crate::clock::anomaly(self.clock.now(), seq, &at)))
    }

    pub fn audit_list(&self, actor: &User, filter: &AuditFilter) -> Result<Page<AuditListItem>> {
        require_head(actor)?;
        let f = audit::clean_filter(filter)?;
        let page = store::audit::page(self.store.conn(), &f, AUDIT_COUNT_CAP)?;
        Ok(Page { items: self.audit_items(page.items)?, total: page.total, total_capped: page.total_capped })
    }

    /// Entries as listed; an account's entries without a record of it (logins) are named by its user name.
    fn audit_items(&self, entries: Vec<audit::AuditEntry>) -> Result<Vec<AuditListItem>> {
        let mut items: Vec<AuditListItem> = entries.into_iter().map(AuditListItem::from).collect();
        if items.iter().any(|i| i.record_kind == "user" && i.record_label.is_none()) {
            let names: std::collections::HashMap<String, String> =
                store::accounts::all(self.store.conn())?.into_iter().map(|s| (s.user.id, s.user.username)).collect();
            for i in items.iter_mut().filter(|i| i.record_kind == "user" && i.record_label.is_none()) {
                i.record_label = i.record_id.as_ref().and_then(|id| names.get(id)).cloned();
            }
        }
        Ok(items)
    }

    /// User names that appear in the log (the filter's choices).
    pub fn audit_usernames(&self, actor: &User) -> Result<Vec<String>> {
        require_head(actor)?;
        store::audit::usernames(self.store.conn())
    }

    /// Writes the entries matching `filter` into a new workbook in `folder`; returns its path.
    pub fn audit_export(&mut self, actor: &User, filter: &AuditFilter, folder: &Path) -> Result<PathBuf> {
        require_head(actor)?;
        let office = self.require_office()?;
        let f = audit::clean_filter(filter)?;
        let entries = self.audit_items(store::audit::matching(self.store.conn(), &f, AUDIT_EXPORT_MAX)?)?;
        let check = store::audit::check(self.store.conn())?;
        let now_t = self.clock.now();
        let name = format!("{}_audit_{}.xlsx", office.code, now_t.format("%Y%m%d-%H%M%S"));
        let bytes = audit::workbook(&office.name, &entries, &check, &crate::clock::instant_string(now_t))?;
        let now = self.now();
        let path = match crate::batch::write_safely(folder, &name, &bytes) {
            Ok(p) => p,
            Err(e) => {
                let reason = e.to_string();
                self.store.write(|tx| {
                    store::audit::append(tx, Actor::User(actor), &now, Change {
                        action: "audit.export_failed",
                        record_kind: "audit",
                        record_id: None,
                        before: None,
                        after: Some(serde_json::json!({ "folder": folder.display().to_string(), "reason": reason }).to_string()),
                    })
                })?;
                return Err(e);
            }
        };
        let after = serde_json::json!({ "file": path.display().to_string(), "entries": entries.len(), "filter": f }).to_string();
        self.store.write(|tx| {
            store::audit::append(tx, Actor::User(actor), &now, Change { action: "audit.export", record_kind: "audit", record_id: None, before: None, after: Some(after) })
        })?;
        Ok(path)
    }
}
