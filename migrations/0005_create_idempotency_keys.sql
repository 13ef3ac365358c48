-- Idempotency keys (`X-Idempotency-Key`): a retried write replays the first answer instead of
-- changing anything again. Scoped by the caller's credentials, not by organizer: the same key
-- from two tokens is two keys.

CREATE TABLE idempotency_keys (
    id          INTEGER PRIMARY KEY,
    -- SHA-256 of the Authorization header and session cookie the request came with.
    auth_hash   TEXT NOT NULL,
    key         TEXT NOT NULL,
    -- in_flight: being processed, nothing changed yet; committed: the change is committed (in the
    -- same transaction as this state), the answer not yet stored; done: the answer is stored.
    state       TEXT NOT NULL,
    status      INTEGER,
    -- JSON list of [name, value] pairs.
    headers     TEXT,
    body        BLOB,
    created_at  TEXT NOT NULL,
    CONSTRAINT idempotency_keys_unique UNIQUE (auth_hash, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
