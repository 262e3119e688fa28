-- Values the store keeps about itself, e.g. the fingerprint of the time limits that stored due
-- dates were computed with.
CREATE TABLE store_setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

-- Legal aid (法律援助): the consultation log and the applications. As for mediation, `body` holds
-- the whole normalised record as JSON; the columns are what lists, filters and clocks need.

CREATE TABLE legal_aid_consultation (
    rid           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    office_code   TEXT NOT NULL,
    consulted_on  TEXT NOT NULL,
    channel       TEXT NOT NULL,
    service       TEXT NOT NULL,
    matter        TEXT NOT NULL,
    persons       INTEGER NOT NULL,
    guided        INTEGER NOT NULL,
    search_text   TEXT NOT NULL,
    version       INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted_at    TEXT,
    body          TEXT NOT NULL
);
-- Newest first, and covering the filters and the text search, so a search or a filtered page
-- reads this index instead of whole records.
CREATE INDEX legal_aid_consultation_date ON legal_aid_consultation (consulted_on DESC, rid DESC, channel, matter, search_text)
    WHERE deleted_at IS NULL;
CREATE INDEX legal_aid_consultation_updated ON legal_aid_consultation (updated_at);

CREATE TABLE legal_aid_application (
    rid             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    office_code     TEXT NOT NULL,
    application_no  TEXT NOT NULL,
    app_year        INTEGER NOT NULL,
    app_seq         INTEGER NOT NULL,
    state           TEXT NOT NULL,
    aid_channel     TEXT NOT NULL,
    case_nature     TEXT NOT NULL,
    matter          TEXT NOT NULL,
    groups_text     TEXT NOT NULL,
    received_on     TEXT NOT NULL,
    -- Earliest due date of a running clock; depends on the holiday calendar, so it is
    -- recomputed whenever the calendar changes.
    due_on          TEXT,
    name            TEXT NOT NULL,
    competent_org   TEXT NOT NULL,
    search_text     TEXT NOT NULL,
    version         INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    deleted_at      TEXT,
    body            TEXT NOT NULL,
    UNIQUE (office_code, app_year, app_seq)
);
-- Newest first, and covering the group filter and the text search (see the consultation index).
CREATE INDEX legal_aid_application_received ON legal_aid_application
    (received_on DESC, rid DESC, groups_text, search_text, application_no) WHERE deleted_at IS NULL;
CREATE INDEX legal_aid_application_state ON legal_aid_application (state, received_on DESC) WHERE deleted_at IS NULL;
CREATE INDEX legal_aid_application_matter ON legal_aid_application (matter, received_on DESC) WHERE deleted_at IS NULL;
CREATE INDEX legal_aid_application_nature ON legal_aid_application (case_nature, received_on DESC) WHERE deleted_at IS NULL;
CREATE INDEX legal_aid_application_due ON legal_aid_application (due_on, rid) WHERE deleted_at IS NULL AND due_on IS NOT NULL;
CREATE INDEX legal_aid_application_updated ON legal_aid_application (updated_at);
