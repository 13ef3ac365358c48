-- Customers' cards (scanned at the till) and their stored credit: an append-only ledger in the
-- organizer's currency, in integer minor units, each entry carrying the balance after it.

-- ISO 4217 code of the organizer's currency, and how far below zero a customer's credit may go
-- (minor units, 0 = no overdraft).
ALTER TABLE organizers ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';
ALTER TABLE organizers ADD COLUMN credit_limit INTEGER NOT NULL DEFAULT 0;

-- The discount a till applies for the customer, in hundredths of a percent (1250 = 12.50 %).
ALTER TABLE customers ADD COLUMN discount_rate INTEGER NOT NULL DEFAULT 0;

CREATE TABLE cards (
    id                   INTEGER PRIMARY KEY,
    organizer_id         INTEGER NOT NULL REFERENCES organizers (id),
    customer_id          INTEGER NOT NULL REFERENCES customers (id),
    -- Normalised: trimmed, upper-case, without spaces, dashes or colons.
    serial_number        TEXT NOT NULL,
    external_id          TEXT,
    is_virtual           INTEGER NOT NULL DEFAULT 0,
    -- Internal (Tessera checks it) or External (a third-party system does).
    processor            TEXT NOT NULL DEFAULT 'Internal',
    -- Active, Blocked, Lost or Replaced; only Active cards can be used.
    status               TEXT NOT NULL DEFAULT 'Active',
    status_at            TEXT NOT NULL,
    status_reason        TEXT,
    activation_at        TEXT,
    expiration_at        TEXT,
    note                 TEXT,
    -- JSON object of string values.
    meta                 TEXT NOT NULL DEFAULT '{}',
    replaced_by_card_id  INTEGER REFERENCES cards (id),
    created_at           TEXT NOT NULL,
    CONSTRAINT cards_serial_unique UNIQUE (organizer_id, serial_number)
);
CREATE INDEX cards_customer ON cards (customer_id, id);

CREATE TABLE credit_entries (
    id               INTEGER PRIMARY KEY,
    organizer_id     INTEGER NOT NULL REFERENCES organizers (id),
    customer_id      INTEGER NOT NULL REFERENCES customers (id),
    -- TopUp, Charge, Refund, Adjustment or Reversal.
    kind             TEXT NOT NULL,
    -- Signed minor units: positive adds credit, negative takes it.
    amount           INTEGER NOT NULL,
    balance_after    INTEGER NOT NULL,
    currency         TEXT NOT NULL,
    reference        TEXT,
    note             TEXT,
    -- A refund or reversal points at the entry it undoes.
    undoes_entry_id  INTEGER REFERENCES credit_entries (id),
    user_id          INTEGER REFERENCES users (id),
    api_token_id     INTEGER REFERENCES team_api_tokens (id),
    device_id        INTEGER REFERENCES devices (id),
    created_at       TEXT NOT NULL,
    CONSTRAINT credit_entries_amount_nonzero CHECK (amount <> 0)
);
CREATE INDEX credit_entries_customer ON credit_entries (customer_id, id);
CREATE INDEX credit_entries_undoes ON credit_entries (undoes_entry_id) WHERE undoes_entry_id IS NOT NULL;

-- The ledger is append-only: a correction is a new entry, never an edit.
CREATE TRIGGER credit_entries_no_update BEFORE UPDATE ON credit_entries
BEGIN
    SELECT RAISE(ABORT, 'credit entries are append-only');
END;
CREATE TRIGGER credit_entries_no_delete BEFORE DELETE ON credit_entries
BEGIN
    SELECT RAISE(ABORT, 'credit entries are append-only');
END;

-- `Idempotency-Key` (the money endpoints' header) also remembers what the request was, so the same
-- key with another request is refused instead of answered with the first request's answer.
ALTER TABLE idempotency_keys ADD COLUMN request_hash TEXT;
