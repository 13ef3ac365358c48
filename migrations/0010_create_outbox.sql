-- The email outbox: mails are queued in the same transaction as the change that causes them and
-- sent by a background sender when SMTP is reachable, with every attempt recorded; and each
-- organizer's SMTP settings (the password is kept here and never shown again).

CREATE TABLE outbox_mails (
    id               INTEGER PRIMARY KEY,
    organizer_id     INTEGER NOT NULL REFERENCES organizers (id),
    -- What caused it, e.g. customer_registration.
    kind             TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    -- queued (waiting for its next attempt), sent, or failed (gave up; can be retried by hand).
    state            TEXT NOT NULL DEFAULT 'queued',
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    sent_at          TEXT
);
CREATE INDEX outbox_mails_due ON outbox_mails (state, next_attempt_at);
CREATE INDEX outbox_mails_organizer ON outbox_mails (organizer_id, id);

CREATE TABLE outbox_attempts (
    id          INTEGER PRIMARY KEY,
    mail_id     INTEGER NOT NULL REFERENCES outbox_mails (id),
    at          TEXT NOT NULL,
    -- NULL when the server accepted the mail.
    error       TEXT
);
CREATE INDEX outbox_attempts_mail ON outbox_attempts (mail_id, id);

CREATE TABLE organizer_mail_settings (
    organizer_id  INTEGER PRIMARY KEY REFERENCES organizers (id),
    host          TEXT NOT NULL,
    port          INTEGER NOT NULL,
    -- none, starttls or tls.
    tls           TEXT NOT NULL,
    username      TEXT,
    password      TEXT,
    sender        TEXT NOT NULL
);
