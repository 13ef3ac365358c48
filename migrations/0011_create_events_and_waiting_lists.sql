-- Events, their dates, products, quotas and vouchers as far as waiting lists need them, and the
-- waiting lists themselves. Tessera sells no tickets: a quota's `sold` is a count staff keep up to
-- date, and redemptions of vouchers are recorded one by one.

CREATE TABLE events (
    id                   INTEGER PRIMARY KEY,
    organizer_id         INTEGER NOT NULL REFERENCES organizers (id),
    -- Unique per organizer exactly as typed (pretix's API compares case-sensitively); immutable.
    slug                 TEXT NOT NULL,
    name                 TEXT NOT NULL,            -- i18n JSON object
    is_live              INTEGER NOT NULL DEFAULT 0,
    is_testmode          INTEGER NOT NULL DEFAULT 0,
    currency             TEXT NOT NULL,
    date_from            TEXT NOT NULL,
    date_to              TEXT,
    date_admission       TEXT,
    is_public            INTEGER NOT NULL DEFAULT 1,
    presale_start        TEXT,
    presale_end          TEXT,
    location             TEXT,                     -- i18n JSON object or NULL
    geo_lat              REAL,
    geo_lon              REAL,
    has_subevents        INTEGER NOT NULL DEFAULT 0,
    timezone             TEXT NOT NULL DEFAULT 'UTC',
    plugins              TEXT NOT NULL DEFAULT '[]',
    meta_data            TEXT NOT NULL DEFAULT '{}',
    all_sales_channels   INTEGER NOT NULL DEFAULT 1,
    limit_sales_channels TEXT NOT NULL DEFAULT '[]',
    -- Only the keys someone set; the rest are defaults in code (pretix's settings store).
    settings             TEXT NOT NULL DEFAULT '{}',
    created_at           TEXT NOT NULL,
    CONSTRAINT events_slug_unique UNIQUE (organizer_id, slug)
);

CREATE TABLE subevents (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    date_from       TEXT NOT NULL,
    date_to         TEXT,
    is_active       INTEGER NOT NULL DEFAULT 0,
    date_admission  TEXT,
    presale_start   TEXT,
    presale_end     TEXT,
    location        TEXT,
    geo_lat         REAL,
    geo_lon         REAL,
    is_public       INTEGER NOT NULL DEFAULT 1,
    frontpage_text  TEXT,
    comment         TEXT,
    meta_data       TEXT NOT NULL DEFAULT '{}',
    last_modified   TEXT NOT NULL
);
CREATE INDEX subevents_event ON subevents (event_id, date_from);

CREATE TABLE items (
    id                  INTEGER PRIMARY KEY,
    event_id            INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name                TEXT NOT NULL,
    internal_name       TEXT,
    description         TEXT,
    -- In minor units of the event's currency (two places, as pretix's price fields).
    default_price       INTEGER NOT NULL,
    free_price          INTEGER NOT NULL DEFAULT 0,
    is_active           INTEGER NOT NULL DEFAULT 1,
    is_admission        INTEGER NOT NULL DEFAULT 0,
    is_personalized     INTEGER NOT NULL DEFAULT 0,
    allow_waitinglist   INTEGER NOT NULL DEFAULT 1,
    position            INTEGER NOT NULL DEFAULT 0,
    min_per_order       INTEGER,
    max_per_order       INTEGER,
    available_from      TEXT,
    available_until     TEXT,
    created_at          TEXT NOT NULL
);
CREATE INDEX items_event ON items (event_id, position, id);

CREATE TABLE item_variations (
    id             INTEGER PRIMARY KEY,
    item_id        INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    value          TEXT NOT NULL,
    description    TEXT,
    is_active      INTEGER NOT NULL DEFAULT 1,
    position       INTEGER NOT NULL DEFAULT 0,
    -- NULL inherits the item's price.
    default_price  INTEGER
);
CREATE INDEX item_variations_item ON item_variations (item_id, position, id);

CREATE TABLE quotas (
    id                              INTEGER PRIMARY KEY,
    event_id                        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    subevent_id                     INTEGER REFERENCES subevents (id),
    name                            TEXT NOT NULL,
    -- NULL means unlimited.
    size                            INTEGER,
    -- Tickets sold for this quota elsewhere (Tessera does not sell); kept by staff or over the API.
    sold                            INTEGER NOT NULL DEFAULT 0,
    is_closed                       INTEGER NOT NULL DEFAULT 0,
    close_when_sold_out             INTEGER NOT NULL DEFAULT 0,
    release_after_exit              INTEGER NOT NULL DEFAULT 0,
    ignore_for_event_availability   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX quotas_event ON quotas (event_id, subevent_id);

CREATE TABLE quota_items (
    quota_id  INTEGER NOT NULL REFERENCES quotas (id) ON DELETE CASCADE,
    item_id   INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    PRIMARY KEY (quota_id, item_id)
);
CREATE INDEX quota_items_item ON quota_items (item_id);

CREATE TABLE quota_variations (
    quota_id      INTEGER NOT NULL REFERENCES quotas (id) ON DELETE CASCADE,
    variation_id  INTEGER NOT NULL REFERENCES item_variations (id) ON DELETE CASCADE,
    PRIMARY KEY (quota_id, variation_id)
);
CREATE INDEX quota_variations_variation ON quota_variations (variation_id);

CREATE TABLE vouchers (
    id                    INTEGER PRIMARY KEY,
    event_id              INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- Stored upper-case, so the constraint makes codes unique ignoring case.
    code                  TEXT NOT NULL,
    max_usages            INTEGER NOT NULL DEFAULT 1,
    min_usages            INTEGER NOT NULL DEFAULT 1,
    redeemed              INTEGER NOT NULL DEFAULT 0,
    valid_until           TEXT,
    is_block_quota        INTEGER NOT NULL DEFAULT 0,
    allow_ignore_quota    INTEGER NOT NULL DEFAULT 0,
    price_mode            TEXT NOT NULL DEFAULT 'none',
    value                 INTEGER,                  -- minor units, or percent × 100
    item_id               INTEGER REFERENCES items (id),
    variation_id          INTEGER REFERENCES item_variations (id),
    quota_id              INTEGER REFERENCES quotas (id),
    subevent_id           INTEGER REFERENCES subevents (id),
    tag                   TEXT NOT NULL DEFAULT '',
    comment               TEXT NOT NULL DEFAULT '',
    show_hidden_items     INTEGER NOT NULL DEFAULT 1,
    all_addons_included   INTEGER NOT NULL DEFAULT 0,
    all_bundles_included  INTEGER NOT NULL DEFAULT 0,
    budget                INTEGER,
    created_at            TEXT NOT NULL,
    CONSTRAINT vouchers_code_unique UNIQUE (event_id, code)
);
CREATE INDEX vouchers_blocking ON vouchers (event_id, is_block_quota, valid_until);

-- Each redemption recorded at the desk or over the API.
CREATE TABLE voucher_redemptions (
    id            INTEGER PRIMARY KEY,
    voucher_id    INTEGER NOT NULL REFERENCES vouchers (id) ON DELETE CASCADE,
    redeemed_at   TEXT NOT NULL,
    user_id       INTEGER REFERENCES users (id),
    api_token_id  INTEGER,
    device_id     INTEGER,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX voucher_redemptions_voucher ON voucher_redemptions (voucher_id);

CREATE TABLE waiting_list_entries (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    name_parts    TEXT NOT NULL DEFAULT '{}',
    email         TEXT NOT NULL,
    phone         TEXT,
    voucher_id    INTEGER REFERENCES vouchers (id),
    item_id       INTEGER NOT NULL REFERENCES items (id),
    variation_id  INTEGER REFERENCES item_variations (id),
    locale        TEXT NOT NULL,
    subevent_id   INTEGER REFERENCES subevents (id),
    priority      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX waiting_list_entries_event ON waiting_list_entries (event_id, created_at, id);
CREATE INDEX waiting_list_entries_waiting ON waiting_list_entries (event_id, voucher_id, priority);

-- Organizer-level settings the pretix dialect reads and writes (`/organizers/{o}/settings/`):
-- mail texts shared by the organizer's events; SMTP stays in organizer_mail_settings.
CREATE TABLE organizer_settings (
    organizer_id  INTEGER PRIMARY KEY REFERENCES organizers (id),
    settings      TEXT NOT NULL DEFAULT '{}'
);
