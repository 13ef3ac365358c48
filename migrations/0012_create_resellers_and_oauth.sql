-- Reseller accounts (a venue hosting promoters groups their organizers) and OAuth2 for
-- user-level API access: applications registered at the desk, single-use authorization codes,
-- and access/refresh tokens limited to the organizers and scopes a user granted. Secrets, codes
-- and tokens are stored as SHA-256 hashes only.

CREATE TABLE reseller_accounts (
    id                      INTEGER PRIMARY KEY,
    name                    TEXT NOT NULL,
    public_name             TEXT NOT NULL DEFAULT '',
    public_url              TEXT NOT NULL DEFAULT '',
    support_email           TEXT NOT NULL DEFAULT '',
    support_phone           TEXT NOT NULL DEFAULT '',
    communication_language  TEXT NOT NULL DEFAULT 'en',
    created_at              TEXT NOT NULL
);

CREATE TABLE reseller_members (
    reseller_id  INTEGER NOT NULL REFERENCES reseller_accounts (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (reseller_id, user_id)
);

ALTER TABLE organizers ADD COLUMN reseller_id INTEGER REFERENCES reseller_accounts (id);

CREATE TABLE oauth_applications (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL,
    client_id           TEXT NOT NULL,
    -- NULL for public clients (they prove themselves with PKCE instead).
    client_secret_hash  TEXT,
    -- Space-separated absolute URIs.
    redirect_uris       TEXT NOT NULL,
    is_active           INTEGER NOT NULL DEFAULT 1,
    user_id             INTEGER NOT NULL REFERENCES users (id),
    created_at          TEXT NOT NULL,
    CONSTRAINT oauth_applications_client_id_unique UNIQUE (client_id)
);

CREATE TABLE oauth_codes (
    id                     INTEGER PRIMARY KEY,
    application_id         INTEGER NOT NULL REFERENCES oauth_applications (id),
    user_id                INTEGER NOT NULL REFERENCES users (id),
    code_hash              TEXT NOT NULL,
    redirect_uri           TEXT NOT NULL,
    scopes                 TEXT NOT NULL,
    organizers             TEXT NOT NULL DEFAULT '[]',
    code_challenge         TEXT,
    code_challenge_method  TEXT,
    expires_at             TEXT NOT NULL,
    used_at                TEXT,
    CONSTRAINT oauth_codes_hash_unique UNIQUE (code_hash)
);

CREATE TABLE oauth_tokens (
    id                 INTEGER PRIMARY KEY,
    application_id     INTEGER NOT NULL REFERENCES oauth_applications (id),
    user_id            INTEGER NOT NULL REFERENCES users (id),
    access_hash        TEXT NOT NULL,
    refresh_hash       TEXT NOT NULL,
    scopes             TEXT NOT NULL,
    organizers         TEXT NOT NULL DEFAULT '[]',
    access_expires_at  TEXT NOT NULL,
    -- Set when the refresh token was revoked (by the client or the user); the grant is over.
    revoked_at         TEXT,
    created_at         TEXT NOT NULL,
    CONSTRAINT oauth_tokens_access_unique UNIQUE (access_hash),
    CONSTRAINT oauth_tokens_refresh_unique UNIQUE (refresh_hash)
);
CREATE INDEX oauth_tokens_user ON oauth_tokens (user_id);
