//! The audit log: one entry per change, written in the same transaction as the change, each
//! hash-chained to the one before so that an edited or deleted entry is detected.

use crate::accounts::User;
use crate::error::Result;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub user_id: Option<String>,
    pub username: String,
    pub action: String,
    pub record_kind: String,
    pub record_id: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    pub fn compute_hash(&self) -> String {
        let mut h = Sha256::new();
        for part in [
            self.seq.to_string().as_str(),
            &self.at,
            self.user_id.as_deref().unwrap_or(""),
            &self.username,
            &self.action,
            &self.record_kind,
            self.record_id.as_deref().unwrap_or(""),
            self.before_json.as_deref().unwrap_or(""),
            self.after_json.as_deref().unwrap_or(""),
            &self.prev_hash,
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        hex::encode(h.finalize())
    }
}

/// What happened, to what; `append` fills in sequence, time and hashes.
pub struct Change<'a> {
    pub action: &'a str,
    pub record_kind: &'a str,
    pub record_id: Option<&'a str>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Appends one entry. Call it inside the transaction of the change it records.
pub fn append(conn: &Connection, actor: Option<&User>, actor_name: &str, at: &str, change: Change<'_>) -> Result<i64> {
    let (last_seq, prev_hash) = crate::store::audit::last_hash(conn)?;
    let mut e = AuditEntry {
        seq: last_seq + 1,
        at: at.to_string(),
        user_id: actor.map(|u| u.id.clone()),
        username: actor.map(|u| u.username.clone()).unwrap_or_else(|| actor_name.to_string()),
        action: change.action.to_string(),
        record_kind: change.record_kind.to_string(),
        record_id: change.record_id.map(str::to_string),
        before_json: change.before,
        after_json: change.after,
        prev_hash,
        hash: String::new(),
    };
    e.hash = e.compute_hash();
    crate::store::audit::insert(conn, &e)?;
    Ok(e.seq)
}

/// Checks the chain; returns the sequence number of the first broken entry, if any.
pub fn verify(conn: &Connection) -> Result<Option<i64>> {
    let mut prev = GENESIS_HASH.to_string();
    for (expected_seq, e) in (1..).zip(crate::store::audit::all(conn)?) {
        // A gap in the sequence names the first missing entry.
        if e.seq != expected_seq || e.prev_hash != prev || e.compute_hash() != e.hash {
            return Ok(Some(expected_seq.min(e.seq)));
        }
        prev = e.hash;
    }
    Ok(None)
}
