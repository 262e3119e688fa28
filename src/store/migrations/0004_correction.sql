-- Community correction (社区矫正). Subjects and their events are separate records, each with its
-- own version, so that a late correction of one check-in travels to the district on its own.

-- Supervision levels and their cadence: provincial practice, edited by the office head. The
-- values below are a starting point (DOMAIN.md §3.1 example for 严管).
CREATE TABLE correction_level (
    code               TEXT PRIMARY KEY,
    reports_per_month  INTEGER NOT NULL,
    talks_per_month    INTEGER NOT NULL,
    education_hours    INTEGER NOT NULL,
    service_hours      INTEGER NOT NULL,
    visit_every_days   INTEGER NOT NULL,
    sort               INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO correction_level VALUES ('strict',  4, 4, 12, 12, 30, 1);
INSERT INTO correction_level VALUES ('normal',  2, 1,  8,  8, 60, 2);
INSERT INTO correction_level VALUES ('lenient', 1, 1,  4,  4, 90, 3);

CREATE TABLE correction_subject (
    rid                INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    office_code        TEXT NOT NULL,
    subject_code       TEXT NOT NULL,
    state              TEXT NOT NULL,
    correction_type    TEXT NOT NULL,
    supervision_level  TEXT NOT NULL,
    is_minor           INTEGER NOT NULL,
    corr_start         TEXT,
    corr_end           TEXT,
    search_text        TEXT NOT NULL,
    version            INTEGER NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    updated_by         TEXT NOT NULL,
    deleted_at         TEXT,
    body               TEXT NOT NULL
);
CREATE UNIQUE INDEX correction_subject_code ON correction_subject (office_code, subject_code) WHERE deleted_at IS NULL;
CREATE INDEX correction_subject_start ON correction_subject (corr_start DESC, rid DESC) WHERE deleted_at IS NULL;
CREATE INDEX correction_subject_state ON correction_subject (state) WHERE deleted_at IS NULL;
CREATE INDEX correction_subject_updated ON correction_subject (updated_at);

CREATE TABLE correction_event (
    rid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    subject_id   TEXT NOT NULL REFERENCES correction_subject (id),
    office_code  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    event_on     TEXT NOT NULL,
    version      INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   TEXT,
    body         TEXT NOT NULL
);
CREATE INDEX correction_event_subject ON correction_event (subject_id, event_on DESC, rid DESC) WHERE deleted_at IS NULL;
-- What is due needs, per subject and kind, the latest date and recent or long-lived rows.
CREATE INDEX correction_event_kind ON correction_event (subject_id, kind, event_on) WHERE deleted_at IS NULL;
CREATE INDEX correction_event_updated ON correction_event (updated_at);
