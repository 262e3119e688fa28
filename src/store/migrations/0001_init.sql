-- The office this database belongs to (exactly one row once set up).
CREATE TABLE office (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL,
    district    TEXT NOT NULL,
    mode        TEXT NOT NULL CHECK (mode IN ('township', 'district')),
    created_at  TEXT NOT NULL
);

CREATE TABLE user_account (
    id             TEXT PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   TEXT,
    active         INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

-- Append-only; each entry's hash covers its content and the previous entry's hash.
CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    user_id      TEXT,
    username     TEXT NOT NULL,
    action       TEXT NOT NULL,
    record_kind  TEXT NOT NULL,
    record_id    TEXT,
    before_json  TEXT,
    after_json   TEXT,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_log_record ON audit_log (record_kind, record_id);

-- Last sequence number handed out per office, record kind and year; numbers are never reused.
CREATE TABLE case_counter (
    office_code  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    year         INTEGER NOT NULL,
    last_seq     INTEGER NOT NULL,
    PRIMARY KEY (office_code, kind, year)
) WITHOUT ROWID;

-- One row per mediation case. `body` holds the whole normalised record (parties, sessions,
-- follow-ups) as JSON; the other columns are what lists, filters and deadlines need.
CREATE TABLE mediation_case (
    rid             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    office_code     TEXT NOT NULL,
    case_no         TEXT NOT NULL,
    case_year       INTEGER NOT NULL,
    case_seq        INTEGER NOT NULL,
    state           TEXT NOT NULL,
    committee       TEXT NOT NULL,
    source          TEXT NOT NULL,
    dispute_type    TEXT NOT NULL,
    accepted_on     TEXT NOT NULL,
    concluded_on    TEXT,
    closed_on       TEXT,
    due_on          TEXT,
    judicial_until  TEXT,
    host_mediator   TEXT NOT NULL,
    mediators       TEXT NOT NULL,
    parties_text    TEXT NOT NULL,
    summary         TEXT NOT NULL,
    version         INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted_at      TEXT,
    body            TEXT NOT NULL,
    UNIQUE (office_code, case_year, case_seq)
);
CREATE INDEX mediation_case_accepted ON mediation_case (accepted_on DESC, rid DESC) WHERE deleted_at IS NULL;
CREATE INDEX mediation_case_state ON mediation_case (state, accepted_on DESC, rid DESC) WHERE deleted_at IS NULL;
CREATE INDEX mediation_case_dispute ON mediation_case (dispute_type, accepted_on DESC, rid DESC) WHERE deleted_at IS NULL;
CREATE INDEX mediation_case_due ON mediation_case (due_on, rid) WHERE deleted_at IS NULL AND due_on IS NOT NULL;
CREATE INDEX mediation_case_closed ON mediation_case (closed_on) WHERE deleted_at IS NULL;
CREATE INDEX mediation_case_judicial ON mediation_case (judicial_until) WHERE deleted_at IS NULL AND judicial_until IS NOT NULL;
CREATE INDEX mediation_case_concluded ON mediation_case (concluded_on) WHERE deleted_at IS NULL;
CREATE INDEX mediation_case_updated ON mediation_case (updated_at);

-- Full-text search: trigram, so any substring of 3+ characters of names, ID numbers, phones,
-- case numbers and summaries uses the index. rowid = mediation_case.rid. Tombstoned cases are removed.
CREATE VIRTUAL TABLE mediation_search USING fts5 (names, other, tokenize = 'trigram');

-- Two-character queries (most Chinese names are two characters, e.g. 张三) cannot use a trigram
-- index; a LIKE scan of a million rows is too slow, so every two-character piece of every party's
-- and mediator's name is indexed here.
CREATE TABLE mediation_name_gram (
    gram  TEXT NOT NULL,
    rid   INTEGER NOT NULL,
    PRIMARY KEY (gram, rid)
) WITHOUT ROWID;
CREATE INDEX mediation_name_gram_rid ON mediation_name_gram (rid);
