-- District mode (区司法局). The offices of the district that send monthly batches.
CREATE TABLE district_office (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL,
    created_at  TEXT NOT NULL
) WITHOUT ROWID;

-- Every batch file that reached the district, accepted or rejected, for 报送情况 and for the
-- sequence check. The office's own statistics sheets are kept as read, to compare with the rows.
CREATE TABLE received_batch (
    rid              INTEGER PRIMARY KEY,
    status           TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
    reason           TEXT,
    office_code      TEXT,
    office_name      TEXT,
    period           TEXT,
    profile          TEXT,
    sequence         INTEGER,
    digest           TEXT,
    previous_digest  TEXT,
    generated_at     TEXT,
    generated_by     TEXT,
    file_name        TEXT NOT NULL,
    rows             INTEGER NOT NULL DEFAULT 0,
    counts           TEXT NOT NULL DEFAULT '[]',
    warnings         TEXT NOT NULL DEFAULT '[]',
    statistics       TEXT NOT NULL DEFAULT '[]',
    imported_at      TEXT NOT NULL,
    imported_by      TEXT NOT NULL
);
CREATE UNIQUE INDEX received_batch_digest ON received_batch (digest) WHERE status = 'accepted';
CREATE UNIQUE INDEX received_batch_sequence ON received_batch (office_code, profile, sequence) WHERE status = 'accepted';
CREATE INDEX received_batch_period ON received_batch (office_code, period);

-- Records an office deleted: the district keeps no copy of their fields, only the version, so an
-- older copy arriving later (a late USB stick) cannot bring the record back.
CREATE TABLE district_tombstone (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    office_code  TEXT NOT NULL,
    version      INTEGER NOT NULL,
    deleted_at   TEXT NOT NULL
) WITHOUT ROWID;

-- Correction events whose subject has not arrived yet (its batch is still on the way); they move
-- into correction_event as soon as it does.
CREATE TABLE pending_event (
    id           TEXT PRIMARY KEY,
    subject_id   TEXT NOT NULL,
    office_code  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    event_on     TEXT NOT NULL,
    version      INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    body         TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX pending_event_subject ON pending_event (subject_id);

-- What identifies a person or a matter across offices and record ids: a normalised ID number,
-- or the parties and date of a case. Two records sharing a key are likely duplicates.
CREATE TABLE person_key (
    key          TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    PRIMARY KEY (key, record_id)
) WITHOUT ROWID;
CREATE INDEX person_key_record ON person_key (record_id);

-- Likely duplicates for a person to decide (是同一人/同一事项 or 不是重复); the decision is audited.
CREATE TABLE duplicate_review (
    first_id     TEXT NOT NULL,
    second_id    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    reason       TEXT NOT NULL,
    decision     TEXT CHECK (decision IN ('same', 'different')),
    decided_by   TEXT,
    decided_at   TEXT,
    found_at     TEXT NOT NULL,
    PRIMARY KEY (first_id, second_id)
) WITHOUT ROWID;
