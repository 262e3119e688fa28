-- The office's holiday calendar: only the exceptions to Monday–Friday (public holidays, and the
-- weekend days worked in exchange, 调休). Entered from the State Council's yearly notice.
CREATE TABLE holiday (
    day   TEXT PRIMARY KEY,
    kind  TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name  TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
