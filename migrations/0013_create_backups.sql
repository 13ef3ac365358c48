-- The backups this installation made (on demand, on its schedule, and the copy of the replaced
-- database a restore keeps aside), so that they can be listed with their time and size and the
-- schedule can keep the last N. A restore carries these rows over into the restored file.

CREATE TABLE backups (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('manual', 'scheduled', 'before_restore')),
    created_at  TEXT NOT NULL,
    size_bytes  INTEGER NOT NULL,
    CONSTRAINT backups_path_unique UNIQUE (path)
);
CREATE INDEX backups_newest ON backups (created_at DESC, id DESC);

-- The desk's start screen sums today's credit entries, and the ledger export reads a date range.
CREATE INDEX credit_entries_time ON credit_entries (organizer_id, created_at);
