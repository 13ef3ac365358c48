-- The audit log: every write appends one entry, in the same transaction as the change.

CREATE TABLE log_entries (
    id            INTEGER PRIMARY KEY,
    organizer_id  INTEGER NOT NULL REFERENCES organizers (id),
    action_type   TEXT NOT NULL,
    object_type   TEXT NOT NULL,
    object_id     INTEGER NOT NULL,
    user_id       INTEGER REFERENCES users (id),
    api_token_id  INTEGER REFERENCES team_api_tokens (id),
    -- JSON with sorted keys; secrets masked before storage.
    data          TEXT NOT NULL DEFAULT '{}',
    is_shredded   INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
CREATE INDEX log_entries_object ON log_entries (organizer_id, object_type, object_id);
