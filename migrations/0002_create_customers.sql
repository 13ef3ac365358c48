-- Customers of an organizer, as pretix models them (the Portos dialect maps onto the same rows).

CREATE TABLE customers (
    id                   INTEGER PRIMARY KEY,
    organizer_id         INTEGER NOT NULL REFERENCES organizers (id),
    -- pretix's generated key; unique across all organizers, as pretix draws it.
    identifier           TEXT NOT NULL,
    external_identifier  TEXT,
    -- Stored lower-cased; NULL when unknown or anonymized.
    email                TEXT,
    phone                TEXT,
    name_parts           TEXT NOT NULL DEFAULT '{}',
    -- The display name derived from name_parts, kept for search and sorting.
    name                 TEXT NOT NULL DEFAULT '',
    is_active            INTEGER NOT NULL DEFAULT 1,
    is_verified          INTEGER NOT NULL DEFAULT 1,
    password_hash        TEXT,
    locale               TEXT NOT NULL DEFAULT 'en',
    notes                TEXT,
    last_login_at        TEXT,
    date_joined_at       TEXT NOT NULL,
    last_modified_at     TEXT NOT NULL,
    CONSTRAINT customers_identifier_unique UNIQUE (identifier)
);
CREATE UNIQUE INDEX customers_email_unique ON customers (organizer_id, email) WHERE email IS NOT NULL;
-- The pretix list order: email ascending, customers without email last, id as tiebreaker.
CREATE INDEX customers_list_order ON customers (organizer_id, email IS NULL, email, id);
