-- Accounts: a password set by an administrator must be changed at the next login; the last
-- successful login is shown in user management.
ALTER TABLE user_account ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE user_account ADD COLUMN last_login_at TEXT;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (username, seq);
