-- Organizers own all data; staff users log in at the desk; teams grant users and API tokens
-- pretix's permission names per organizer. Sessions back the desk's browser login.

CREATE TABLE organizers (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL,
    name         TEXT NOT NULL,
    -- pretix's `name_scheme` organizer setting: how customers' names are split.
    name_scheme  TEXT NOT NULL DEFAULT 'full',
    created_at   TEXT NOT NULL
);
-- Lookups by slug are exact; uniqueness is case-insensitive, as pretix's create form checks it.
CREATE UNIQUE INDEX organizers_slug_unique ON organizers (slug COLLATE NOCASE);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL,
    fullname       TEXT,
    password_hash  TEXT NOT NULL,
    locale         TEXT NOT NULL DEFAULT 'en',
    is_active      INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    last_login_at  TEXT
);
CREATE UNIQUE INDEX users_email_unique ON users (email COLLATE NOCASE);

CREATE TABLE teams (
    id                           INTEGER PRIMARY KEY,
    organizer_id                 INTEGER NOT NULL REFERENCES organizers (id),
    name                         TEXT NOT NULL,
    all_events                   INTEGER NOT NULL DEFAULT 0,
    -- JSON arrays of event slugs / permission names.
    limit_events                 TEXT NOT NULL DEFAULT '[]',
    all_event_permissions        INTEGER NOT NULL DEFAULT 0,
    limit_event_permissions      TEXT NOT NULL DEFAULT '[]',
    all_organizer_permissions    INTEGER NOT NULL DEFAULT 0,
    limit_organizer_permissions  TEXT NOT NULL DEFAULT '[]',
    require_2fa                  INTEGER NOT NULL DEFAULT 0,
    created_at                   TEXT NOT NULL
);
CREATE INDEX teams_organizer ON teams (organizer_id);

CREATE TABLE team_members (
    team_id  INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
) WITHOUT ROWID;
CREATE INDEX team_members_user ON team_members (user_id);

-- Team API tokens: the secret is shown once; only its SHA-256 is kept.
CREATE TABLE team_api_tokens (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL,
    is_active   INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    CONSTRAINT team_api_tokens_hash_unique UNIQUE (token_hash)
);

-- Desk logins from a browser (HttpOnly cookie); the cookie value is hashed like tokens.
CREATE TABLE user_sessions (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    CONSTRAINT user_sessions_hash_unique UNIQUE (token_hash)
);
