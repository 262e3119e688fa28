-- Monthly batches (月度报送) made by this office: the history on the 月度报送 screen, the next
-- sequence number of each profile, the previous digest a new batch links to, and the instant
-- after which changed records must go into the next batch.
CREATE TABLE batch (
    id               TEXT PRIMARY KEY,
    office_code      TEXT NOT NULL,
    period           TEXT NOT NULL,
    profile          TEXT NOT NULL,
    sequence         INTEGER NOT NULL,
    digest           TEXT NOT NULL,
    previous_digest  TEXT,
    since            TEXT,
    -- The last audit entry before the export: records changed after it go into the next batch,
    -- whatever the PC's clock says.
    audit_seq        INTEGER NOT NULL,
    file_name        TEXT NOT NULL,
    folder           TEXT NOT NULL,
    path             TEXT NOT NULL,
    rows             INTEGER NOT NULL,
    sheets           TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    created_by_name  TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (office_code, profile, sequence)
);

