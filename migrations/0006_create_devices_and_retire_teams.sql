-- POS devices (tills, door scanners) paired with a one-time initialization token; afterwards they
-- authenticate with `Authorization: Device <api token>` and hold a fixed permission set. Also lets
-- teams be retired without losing the audit log's references to their tokens.

CREATE TABLE devices (
    id                    INTEGER PRIMARY KEY,
    organizer_id          INTEGER NOT NULL REFERENCES organizers (id),
    -- pretix's per-organizer number, used in URLs.
    device_id             INTEGER NOT NULL,
    unique_serial         TEXT NOT NULL,
    -- One-time pairing code; cleared once used, so it never outlives its purpose.
    initialization_token  TEXT,
    -- SHA-256 of the device's API token; NULL until initialized.
    api_token_hash        TEXT,
    name                  TEXT NOT NULL,
    all_events            INTEGER NOT NULL DEFAULT 0,
    limit_events          TEXT NOT NULL DEFAULT '[]',
    is_revoked            INTEGER NOT NULL DEFAULT 0,
    security_profile      TEXT NOT NULL DEFAULT 'full',
    hardware_brand        TEXT,
    hardware_model        TEXT,
    os_name               TEXT,
    os_version            TEXT,
    software_brand        TEXT,
    software_version      TEXT,
    rsa_pubkey            TEXT,
    info                  TEXT,
    created_at            TEXT NOT NULL,
    initialized_at        TEXT,
    last_seen_at          TEXT,
    CONSTRAINT devices_number_unique UNIQUE (organizer_id, device_id),
    CONSTRAINT devices_serial_unique UNIQUE (unique_serial),
    CONSTRAINT devices_init_token_unique UNIQUE (initialization_token),
    CONSTRAINT devices_api_token_unique UNIQUE (api_token_hash)
);

ALTER TABLE log_entries ADD COLUMN device_id INTEGER REFERENCES devices (id);

-- Teams are deleted softly: the audit log keeps pointing at their (deactivated) API tokens.
ALTER TABLE teams ADD COLUMN is_deleted INTEGER NOT NULL DEFAULT 0;
