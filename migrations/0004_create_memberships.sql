-- Memberships (season passes, member cards) of customers, their types, and each recorded use of
-- one at the door or the till, so that validity, usage limits and parallel use can be checked.

CREATE TABLE membership_types (
    id                    INTEGER PRIMARY KEY,
    organizer_id          INTEGER NOT NULL REFERENCES organizers (id),
    -- Multi-lingual name: JSON object of language code → text.
    name                  TEXT NOT NULL,
    is_transferable       INTEGER NOT NULL DEFAULT 0,
    allow_parallel_usage  INTEGER NOT NULL DEFAULT 0,
    -- NULL = unlimited.
    max_usages            INTEGER,
    created_at            TEXT NOT NULL
);
CREATE INDEX membership_types_organizer ON membership_types (organizer_id, id);

CREATE TABLE memberships (
    id                   INTEGER PRIMARY KEY,
    organizer_id         INTEGER NOT NULL REFERENCES organizers (id),
    customer_id          INTEGER NOT NULL REFERENCES customers (id),
    membership_type_id   INTEGER NOT NULL REFERENCES membership_types (id),
    is_testmode          INTEGER NOT NULL DEFAULT 0,
    date_start_at        TEXT NOT NULL,
    date_end_at          TEXT NOT NULL,
    -- JSON name parts; NULL once the customer was anonymized.
    attendee_name_parts  TEXT DEFAULT '{}',
    created_at           TEXT NOT NULL
);
CREATE INDEX memberships_list_order ON memberships (organizer_id, date_end_at DESC, date_start_at DESC, membership_type_id, id);
CREATE INDEX memberships_customer ON memberships (customer_id);
CREATE INDEX memberships_type ON memberships (membership_type_id);

CREATE TABLE membership_uses (
    id             INTEGER PRIMARY KEY,
    organizer_id   INTEGER NOT NULL REFERENCES organizers (id),
    membership_id  INTEGER NOT NULL REFERENCES memberships (id),
    -- The moment the membership is used for (an event's start, or the time at a gate).
    used_at        TEXT NOT NULL,
    -- What it was used for: an event, a gate, a till; free text.
    reference      TEXT NOT NULL DEFAULT '',
    is_voided      INTEGER NOT NULL DEFAULT 0,
    voided_at      TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX membership_uses_membership ON membership_uses (membership_id, used_at);
