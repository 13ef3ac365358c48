-- Installation-wide settings (the HTTP listener's port and LAN access, changed from the window),
-- the installation administrator who may change them, and pretix's team invitations for people
-- who have no staff account yet.

CREATE TABLE installation_settings (
    key    TEXT PRIMARY KEY,
    -- JSON value.
    value  TEXT NOT NULL
) WITHOUT ROWID;

-- The installation's administrators: the user made at first start, and whoever they promote.
ALTER TABLE users ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0;
UPDATE users SET is_admin = 1 WHERE id = (SELECT MIN(id) FROM users);

-- An invitation to a team for an email address without a staff account; it turns into a
-- membership when an account with that address is created.
CREATE TABLE team_invites (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    CONSTRAINT team_invites_email_unique UNIQUE (team_id, email COLLATE NOCASE)
);
