use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::availability::{self, QuotaAvailability};
use super::model::*;
use super::repo::{self, ItemValues, VariationValues};
use super::settings;
use crate::app::App;
use crate::auth::{Access, Permission};
use crate::error::{Error, FieldErrors, Result};
use crate::pagination::{Page, PageRequest};
use crate::types::{Currency, EventSlug, price_minor, price_minor_of_text, time};

const REQUIRED: &str = "This field is required.";
const NON_FIELD: &str = FieldErrors::NON_FIELD;

/// Plugins an event may list (stored for clients that send them; Tessera runs none).
pub const PLUGINS: &[&str] = &[
    "pretix.plugins.banktransfer",
    "pretix.plugins.manualpayment",
    "pretix.plugins.sendmail",
    "pretix.plugins.statistics",
    "pretix.plugins.reports",
    "pretix.plugins.checkinlists",
    "pretix.plugins.ticketoutputpdf",
    "pretix.plugins.badges",
    "pretix.plugins.paypal2",
    "pretix.plugins.stripe",
];

pub(crate) use crate::audit::record_in_tx as log;

/// The event, if the caller may see it. pretix answers 403 for an unknown event and for one the
/// caller has no access to alike.
pub(crate) fn visible_event(conn: &Connection, access: &Access, slug: &str) -> Result<Event> {
    if !access.sees_event(slug) {
        return Err(Error::Forbidden);
    }
    let mut event = repo::find_event(conn, access.organizer_id(), slug)?.ok_or(Error::Forbidden)?;
    event.public_url = format!("/{}/{}/", access.organizer.slug, event.slug);
    Ok(event)
}

/// The event and its effective settings.
pub(crate) fn event_settings_in(
    conn: &Connection,
    access: &Access,
    event: &Event,
) -> Result<Map<String, Value>> {
    let stored = repo::event_settings(conn, event.id)?;
    let organizer = organizer_settings_in(conn, access.organizer_id())?;
    Ok(settings::effective(&stored, &organizer))
}

pub(crate) fn organizer_settings_in(conn: &Connection, organizer_id: i64) -> Result<Map<String, Value>> {
    use rusqlite::OptionalExtension;
    let raw: Option<String> = conn
        .query_row("SELECT settings FROM organizer_settings WHERE organizer_id = ?1", [organizer_id], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(raw.and_then(|r| serde_json::from_str(&r).ok()).unwrap_or_default())
}

pub(crate) fn save_organizer_settings_in(
    conn: &Connection,
    organizer_id: i64,
    s: &Map<String, Value>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO organizer_settings (organizer_id, settings) VALUES (?1, ?2) \
         ON CONFLICT (organizer_id) DO UPDATE SET settings = excluded.settings",
        rusqlite::params![organizer_id, Value::Object(s.clone()).to_string()],
    )?;
    Ok(())
}

// --- events --------------------------------------------------------------------------------

fn check_dates(
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    presale_start: Option<DateTime<Utc>>,
    presale_end: Option<DateTime<Utc>>,
    errors: &mut FieldErrors,
) {
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        errors.add(NON_FIELD, "The event cannot end before it starts.");
    }
    if let (Some(start), Some(end)) = (presale_start, presale_end)
        && end < start
    {
        errors.add(NON_FIELD, "The event's presale cannot end before it starts.");
    }
}

fn check_geo(lat: Option<f64>, lon: Option<f64>, errors: &mut FieldErrors) {
    if lat.is_some_and(|l| !(-90.0..=90.0).contains(&l)) {
        errors.add("geo_lat", "Ensure this value is less than or equal to 90.");
    }
    if lon.is_some_and(|l| !(-180.0..=180.0).contains(&l)) {
        errors.add("geo_lon", "Ensure this value is less than or equal to 180.");
    }
}

fn check_meta(meta: &BTreeMap<String, String>, field: &str, errors: &mut FieldErrors) {
    if let Some(key) = meta.keys().next() {
        errors.add(field, format!("Meta data property '{key}' does not exist."));
    }
}

fn apply_event(e: &mut Event, c: &EventChange, errors: &mut FieldErrors) {
    if let Some(name) = &c.name {
        if name.values().map(|v| v.chars().count()).max().unwrap_or(0) > 200 {
            errors.add("name", "Ensure this field has no more than 200 characters.");
        }
        e.name = name.clone();
    }
    if let Some(v) = c.testmode {
        e.testmode = v;
    }
    if let Some(code) = &c.currency {
        match Currency::parse(code) {
            Ok(cur) if cur.code() != "XAU" && cur.code() != "XAG" && cur.code() != "XTS" => {
                e.currency = cur.code().into()
            }
            _ => errors.add("currency", format!("\"{code}\" is not a valid choice.")),
        }
    }
    if let Some(v) = c.date_from {
        e.date_from = v;
    }
    if let Some(v) = c.date_to {
        e.date_to = v;
    }
    if let Some(v) = c.date_admission {
        e.date_admission = v;
    }
    if let Some(v) = c.is_public {
        e.is_public = v;
    }
    if let Some(v) = c.presale_start {
        e.presale_start = v;
    }
    if let Some(v) = c.presale_end {
        e.presale_end = v;
    }
    if let Some(v) = &c.location {
        e.location = v.clone();
    }
    if let Some(v) = c.geo_lat {
        e.geo_lat = v;
    }
    if let Some(v) = c.geo_lon {
        e.geo_lon = v;
    }
    if let Some(v) = &c.meta_data {
        check_meta(v, "meta_data", errors);
    }
    if let Some(plugins) = &c.plugins {
        for p in plugins {
            if !PLUGINS.contains(&p.as_str()) {
                errors.add("plugins", format!("Unknown plugin: '{p}'."));
            }
        }
        e.plugins = plugins.clone();
    }
    if let Some(tz) = &c.timezone {
        if tz.is_empty() || tz.contains(char::is_whitespace) || tz.len() > 100 {
            errors.add("timezone", format!("\"{tz}\" is not a valid choice."));
        }
        e.timezone = tz.clone();
    }
    if let Some(v) = c.all_sales_channels {
        e.all_sales_channels = v;
    }
    if let Some(channels) = &c.limit_sales_channels {
        for ch in channels {
            if !repo::SALES_CHANNELS.contains(&ch.as_str()) {
                errors.add("limit_sales_channels", format!("Object with identifier={ch} does not exist."));
            }
        }
        e.limit_sales_channels = channels.clone();
    }
    check_dates(Some(e.date_from), e.date_to, e.presale_start, e.presale_end, errors);
    check_geo(e.geo_lat, e.geo_lon, errors);
}

fn matches(e: &Event, f: &EventFilter, now: DateTime<Utc>) -> bool {
    let end = e.date_to.unwrap_or(e.date_from);
    f.is_public.is_none_or(|v| e.is_public == v)
        && f.live.is_none_or(|v| e.live == v)
        && f.has_subevents.is_none_or(|v| e.has_subevents == v)
        && f.testmode.is_none_or(|v| e.testmode == v)
        && f.is_past.is_none_or(|v| (end < now) == v)
        && f.is_future.is_none_or(|v| (e.date_from > now) == v)
        && f.search.as_deref().is_none_or(|s| {
            let s = s.to_lowercase();
            e.slug.to_lowercase().contains(&s) || e.name.values().any(|n| n.to_lowercase().contains(&s))
        })
}

/// The organizer's events the caller may see, filtered and paged (ordered by slug, or date).
/// Errors: `forbidden` only through the organizer.
pub fn list(app: &App, access: &Access, filter: &EventFilter, page: PageRequest) -> Result<Page<Event>> {
    let now = app.now();
    let all = app.db().read(|c| {
        repo::list_events(c, access.organizer_id(), filter.order_by_date.unwrap_or(false), filter.descending)
    })?;
    let visible: Vec<Event> = all
        .into_iter()
        .filter(|e| access.sees_event(&e.slug) && matches(e, filter, now))
        .map(|mut e| {
            e.public_url = format!("/{}/{}/", access.organizer.slug, e.slug);
            e
        })
        .collect();
    page.slice(visible)
}

/// Errors: `forbidden` (unknown event or no access).
pub fn get(app: &App, access: &Access, slug: &str) -> Result<Event> {
    app.db().read(|c| visible_event(c, access, slug))
}

/// Creates an event (never live). Errors: `forbidden` (`organizer.events:create`), `validation`.
pub fn create(app: &App, access: &Access, change: EventChange) -> Result<Event> {
    access.require(Permission::EVENTS_CREATE)?;
    let mut errors = FieldErrors::new();
    if change.name.is_none() {
        errors.add("name", REQUIRED);
    }
    let slug = match &change.slug {
        None => {
            errors.add("slug", REQUIRED);
            None
        }
        Some(raw) => errors.check("slug", EventSlug::parse(raw)),
    };
    if change.date_from.is_none() {
        errors.add("date_from", REQUIRED);
    }
    if change.live == Some(true) {
        errors.add(
            "live",
            "Events cannot be created as 'live'. Quotas and payment must be added to the event before sales can go live.",
        );
    }
    let now = app.now();
    app.db().write(|tx| {
        let currency: String =
            tx.query_row("SELECT currency FROM organizers WHERE id = ?1", [access.organizer_id()], |r| {
                r.get(0)
            })?;
        let mut event = Event {
            id: 0,
            name: BTreeMap::new(),
            slug: slug.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default(),
            live: false,
            testmode: false,
            currency,
            date_from: now,
            date_to: None,
            date_admission: None,
            is_public: true,
            presale_start: None,
            presale_end: None,
            location: None,
            geo_lat: None,
            geo_lon: None,
            has_subevents: change.has_subevents.unwrap_or(false),
            meta_data: BTreeMap::new(),
            seating_plan: None,
            plugins: vec![],
            seat_category_mapping: BTreeMap::new(),
            timezone: "UTC".into(),
            item_meta_properties: BTreeMap::new(),
            all_sales_channels: true,
            limit_sales_channels: vec![],
            public_url: String::new(),
            sales_channels: vec![],
        };
        apply_event(&mut event, &change, &mut errors);
        if let Some(slug) = &slug
            && repo::find_event(tx, access.organizer_id(), slug.as_str())?.is_some()
        {
            errors.add("slug", "This slug has already been used for a different event.");
        }
        errors.into_result()?;
        event.id = repo::insert_event(tx, access.organizer_id(), &event, &time::store(now))?;
        log(tx, access, now, ("event", event.id), "pretix.event.added", json!({"slug": event.slug}))?;
        let created = repo::find_event(tx, access.organizer_id(), &event.slug)?
            .ok_or_else(|| Error::Internal("an event vanished".into()))?;
        Ok(Event { public_url: format!("/{}/{}/", access.organizer.slug, created.slug), ..created })
    })
}

/// Changes an event; the slug and the series flag cannot change, and going live needs a quota
/// and no paid product (Tessera has no payment methods). Errors: `forbidden`
/// (`event.settings.general:write`), `validation`.
pub fn update(app: &App, access: &Access, slug: &str, change: EventChange) -> Result<Event> {
    let now = app.now();
    app.db().write(|tx| {
        let mut event = visible_event(tx, access, slug)?;
        access.require_event(slug, Permission::EVENT_SETTINGS_WRITE)?;
        let mut errors = FieldErrors::new();
        if change.slug.as_deref().is_some_and(|s| s != event.slug) {
            errors.add("slug", "The event slug cannot be changed.");
        }
        if change.has_subevents.is_some_and(|v| v != event.has_subevents) {
            errors.add("has_subevents", "Once created an event cannot change between an series and a single event.");
        }
        apply_event(&mut event, &change, &mut errors);
        if let Some(live) = change.live {
            if live && !event.live {
                let quotas: i64 =
                    tx.query_row("SELECT count(*) FROM quotas WHERE event_id = ?1", [event.id], |r| r.get(0))?;
                let paid: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM items WHERE event_id = ?1 AND default_price > 0) \
                     OR EXISTS (SELECT 1 FROM item_variations v JOIN items i ON i.id = v.item_id \
                                WHERE i.event_id = ?1 AND v.default_price > 0)",
                    [event.id],
                    |r| r.get(0),
                )?;
                if quotas == 0 {
                    errors.add("live", "You need to configure at least one quota to sell anything.");
                } else if paid {
                    errors.add(
                        "live",
                        "You have configured at least one paid product but have not enabled any payment methods.",
                    );
                }
            }
            event.live = live;
        }
        errors.into_result()?;
        repo::update_event(tx, &event)?;
        log(tx, access, now, ("event", event.id), "pretix.event.changed", json!({}))?;
        Ok(event)
    })
}

/// Deletes an event with everything in it, unless something was sold or redeemed.
/// Errors: `forbidden`, `refused`.
pub fn delete(app: &App, access: &Access, slug: &str) -> Result<()> {
    app.db().write(|tx| {
        let event = visible_event(tx, access, slug)?;
        access.require_event(slug, Permission::EVENT_SETTINGS_WRITE)?;
        if repo::event_has_sales(tx, event.id)? {
            return Err(Error::Refused(
                "The event can not be deleted as it already contains orders. Please set 'live' to false to hide the event and take the shop offline instead.",
            ));
        }
        repo::delete_event(tx, event.id)
    })
}

// --- event settings ------------------------------------------------------------------------

/// The effective settings of an event (any access). Errors: `forbidden`.
pub fn get_settings(app: &App, access: &Access, slug: &str) -> Result<Map<String, Value>> {
    app.db().read(|c| {
        let event = visible_event(c, access, slug)?;
        event_settings_in(c, access, &event)
    })
}

/// Changes settings: unknown keys are ignored, `null` reverts to the default. Errors:
/// `forbidden` (`event.settings.general:write`), `validation`.
pub fn patch_settings(
    app: &App,
    access: &Access,
    slug: &str,
    body: &Map<String, Value>,
) -> Result<Map<String, Value>> {
    let now = app.now();
    app.db().write(|tx| {
        let event = visible_event(tx, access, slug)?;
        access.require_event(slug, Permission::EVENT_SETTINGS_WRITE)?;
        let stored = repo::event_settings(tx, event.id)?;
        let next = settings::patch(&stored, body).map_err(Error::Validation)?;
        if next != stored {
            repo::save_event_settings(tx, event.id, &next)?;
            let changed: Map<String, Value> = body
                .iter()
                .filter(|(k, _)| settings::defaults().contains_key(*k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            log(tx, access, now, ("event", event.id), "pretix.event.settings", Value::Object(changed))?;
        }
        event_settings_in(tx, access, &event)
    })
}

// --- subevents -----------------------------------------------------------------------------

fn apply_subevent(s: &mut SubEvent, c: &SubEventChange, errors: &mut FieldErrors) {
    if let Some(v) = &c.name {
        s.name = v.clone();
    }
    if let Some(v) = c.date_from {
        s.date_from = v;
    }
    if let Some(v) = c.date_to {
        s.date_to = v;
    }
    if let Some(v) = c.active {
        s.active = v;
    }
    if let Some(v) = c.date_admission {
        s.date_admission = v;
    }
    if let Some(v) = c.presale_start {
        s.presale_start = v;
    }
    if let Some(v) = c.presale_end {
        s.presale_end = v;
    }
    if let Some(v) = &c.location {
        s.location = v.clone();
    }
    if let Some(v) = c.geo_lat {
        s.geo_lat = v;
    }
    if let Some(v) = c.geo_lon {
        s.geo_lon = v;
    }
    if let Some(v) = c.is_public {
        s.is_public = v;
    }
    if let Some(v) = &c.frontpage_text {
        s.frontpage_text = v.clone();
    }
    if let Some(v) = &c.meta_data {
        check_meta(v, "meta_data", errors);
    }
    if let Some(v) = &c.comment {
        s.comment = v.clone();
    }
    check_dates(Some(s.date_from), s.date_to, s.presale_start, s.presale_end, errors);
    check_geo(s.geo_lat, s.geo_lon, errors);
}

/// The dates of a series, by start. Errors: `forbidden`.
pub fn list_subevents(app: &App, access: &Access, slug: &str) -> Result<Vec<SubEvent>> {
    app.db().read(|c| {
        let event = visible_event(c, access, slug)?;
        repo::list_subevents(c, event.id)
    })
}

/// Errors: `forbidden`, `not_found`.
pub fn get_subevent(app: &App, access: &Access, slug: &str, id: i64) -> Result<SubEvent> {
    app.db().read(|c| {
        let event = visible_event(c, access, slug)?;
        repo::find_subevent(c, event.id, id)?.ok_or(Error::NotFound { entity: "SubEvent" })
    })
}

/// Creates or changes a date. `name`, `date_from` and `meta_data` are required on create; dates
/// exist only in series (pretix lets them be made anywhere; Tessera refuses). Errors:
/// `forbidden` (`event.subevents:write`), `not_found`, `validation`.
pub fn save_subevent(
    app: &App,
    access: &Access,
    slug: &str,
    id: Option<i64>,
    change: SubEventChange,
) -> Result<SubEvent> {
    let now = app.now();
    app.db().write(|tx| {
        let event = visible_event(tx, access, slug)?;
        access.require_event(slug, Permission::EVENT_SUBEVENTS_WRITE)?;
        let mut errors = FieldErrors::new();
        let mut sub = match id {
            Some(id) => {
                repo::find_subevent(tx, event.id, id)?.ok_or(Error::NotFound { entity: "SubEvent" })?
            }
            None => {
                for (field, missing) in [
                    ("name", change.name.is_none()),
                    ("date_from", change.date_from.is_none()),
                    ("meta_data", change.meta_data.is_none()),
                ] {
                    if missing {
                        errors.add(field, REQUIRED);
                    }
                }
                if !event.has_subevents {
                    errors.add(NON_FIELD, "Dates can only be added to an event series.");
                }
                SubEvent {
                    id: 0,
                    name: BTreeMap::new(),
                    event: event.slug.clone(),
                    date_from: now,
                    date_to: None,
                    active: false,
                    date_admission: None,
                    presale_start: None,
                    presale_end: None,
                    location: None,
                    geo_lat: None,
                    geo_lon: None,
                    is_public: true,
                    frontpage_text: None,
                    seating_plan: None,
                    item_price_overrides: vec![],
                    variation_price_overrides: vec![],
                    meta_data: BTreeMap::new(),
                    seat_category_mapping: BTreeMap::new(),
                    last_modified: String::new(),
                    comment: None,
                }
            }
        };
        apply_subevent(&mut sub, &change, &mut errors);
        errors.into_result()?;
        let created = sub.id == 0;
        sub.id = repo::save_subevent(tx, event.id, &sub, &time::store(now))?;
        let action = if created { "pretix.subevent.added" } else { "pretix.subevent.changed" };
        log(tx, access, now, ("subevent", sub.id), action, json!({}))?;
        repo::find_subevent(tx, event.id, sub.id)?.ok_or(Error::NotFound { entity: "SubEvent" })
    })
}

/// Deletes an unused date. Errors: `forbidden`, `not_found`, `refused`.
pub fn delete_subevent(app: &App, access: &Access, slug: &str, id: i64) -> Result<()> {
    app.db().write(|tx| {
        let event = visible_event(tx, access, slug)?;
        access.require_event(slug, Permission::EVENT_SUBEVENTS_WRITE)?;
        repo::find_subevent(tx, event.id, id)?.ok_or(Error::NotFound { entity: "SubEvent" })?;
        if repo::subevent_in_use(tx, id)? {
            return Err(Error::Refused("The sub-event can not be deleted as it has already been used."));
        }
        repo::delete_subevent(tx, id)
    })
}

// --- items ---------------------------------------------------------------------------------

fn check_price(value: Decimal, field: &str, errors: &mut FieldErrors) -> Option<i64> {
    errors.check(field, price_minor(value))
}

fn item_values(item: &Item) -> ItemValues {
    ItemValues {
        name: item.name.clone(),
        internal_name: item.internal_name.clone(),
        description: item.description.clone(),
        default_price: price_minor_of_text(&item.default_price).unwrap_or(0),
        free_price: item.free_price,
        active: item.active,
        admission: item.admission,
        personalized: item.personalized,
        allow_waitinglist: item.allow_waitinglist,
        position: item.position,
        min_per_order: item.min_per_order,
        max_per_order: item.max_per_order,
        available_from: item.available_from,
        available_until: item.available_until,
    }
}

/// The event's products with their variations, by position. Errors: `forbidden`.
pub fn list_items(app: &App, access: &Access, slug: &str) -> Result<Vec<Item>> {
    app.db().read(|c| {
        let event = visible_event(c, access, slug)?;
        repo::list_items(c, event.id)
    })
}

/// Errors: `forbidden`, `not_found`.
pub fn get_item(app: &App, access: &Access, slug: &str, id: i64) -> Result<Item> {
    app.db().read(|c| {
        let event = visible_event(c, access, slug)?;
        repo::find_item(c, event.id, id)?.ok_or(Error::NotFound { entity: "Item" })
    })
}

fn apply_item(values: &mut ItemValues, c: &ItemChange, creating: bool, errors: &mut FieldErrors) {
    if let Some(v) = &c.name {
        values.name = v.clone();
    }
    if let Some(v) = &c.internal_name {
        values.internal_name = v.clone();
    }
    if let Some(v) = &c.description {
        values.description = v.clone();
    }
    match c.default_price {
        Some(None) => errors.add("default_price", "This field may not be null."),
        Some(Some(p)) => {
            if let Some(minor) = check_price(p, "default_price", errors) {
                values.default_price = minor;
            }
        }
        None => {}
    }
    if let Some(v) = c.free_price {
        values.free_price = v;
    }
    if let Some(v) = c.active {
        values.active = v;
    }
    if let Some(v) = c.admission {
        values.admission = v;
        if creating && v && c.personalized.is_none() {
            values.personalized = true;
        }
    }
    if let Some(v) = c.personalized {
        values.personalized = v;
    }
    if let Some(v) = c.position {
        values.position = v;
    }
    if let Some(v) = c.available_from {
        values.available_from = v;
    }
    if let Some(v) = c.available_until {
        values.available_until = v;
    }
    if let Some(v) = c.min_per_order {
        values.min_per_order = v;
    }
    if let Some(v) = c.max_per_order {
        values.max_per_order = v;
    }
    if let Some(v) = c.allow_waitinglist {
        values.allow_waitinglist = v;
    }
    for (field, value) in [("category", c.category), ("tax_rule", c.tax_rule)] {
        if let Some(Some(id)) = value {
            errors.add(field, format!("Invalid pk \"{id}\" - object does not exist."));
        }
    }
    if values.personalized && !values.admission {
        errors.add(NON_FIELD, "Only admission products can currently be personalized.");
    }
    for (field, v) in [
        ("min_per_order", values.min_per_order),
        ("max_per_order", values.max_per_order),
        ("position", Some(values.position)),
    ] {
        if v.is_some_and(|n| !(i32::MIN as i64..=i32::MAX as i64).contains(&n)) {
            errors.add(field, format!("Ensure this value is less than or equal to {}.", i32::MAX));
        }
    }
    if let (Some(min), Some(max)) = (values.min_per_order, values.max_per_order)
        && max < min
    {
        errors.add(
            NON_FIELD,
            "The maximum number per order can not be lower than the minimum number per order.",
        );
    }
    if let (Some(from), Some(until)) = (values.available_from, values.available_until)
        && until < from
    {
        errors.add(NON_FIELD, "The item's availability cannot end before it starts.");
    }
}

fn variation_values(
    c: &VariationChange,
    base: Option<VariationValues>,
    errors: &mut FieldErrors,
    prefix: &str,
) -> VariationValues {
    let mut v = base.unwrap_or(VariationValues {
        value: BTreeMap::new(),
        description: None,
        active: true,
        position: 0,
        default_price: None,
    });
    if let Some(x) = &c.value {
        v.value = x.clone();
    }
    if let Some(x) = &c.description {
        v.description = x.clone();
    }
    if let Some(x) = c.active {
        v.active = x;
    }
    if let Some(x) = c.position {
        v.position = x;
    }
    if let Some(p) = c.default_price {
        v.default_price = p.and_then(|p| check_price(p, &format!("{prefix}default_price"), errors));
    }
    v
}

/// Creates a product, with its variations given inline (the only moment they can be
/// introduced). `name` and `default_price` are required. Errors: `forbidden`
/// (`event.items:write`), `validation`.
pub fn create_item(app: &App, access: &Access, slug: &str, change: ItemChange) -> Result<Item> {
    let now = app.now();
    app.db().write(|tx| {
        let event = visible_event(tx, access, slug)?;
        access.require_event(slug, Permission::EVENT_ITEMS_WRITE)?;
        let mut errors = FieldErrors::new();
        if change.name.is_none() {
            errors.add("name", REQUIRED);
        }
        if change.default_price.is_none() {
            errors.add("default_price", REQUIRED);
        }
        let mut values = ItemValues {
            name: BTreeMap::new(),
            internal_name: None,
            description: None,
            default_price: 0,
            free_price: false,
            active: true,
            admission: false,
            personalized: false,
            allow_waitinglist: true,
            position: 0,
            min_per_order: None,
            max_per_order: None,
            available_from: None,
            available_until: None,
        };
        apply_item(&mut values, &change, true, &mut errors);
        let variations: Vec<VariationValues> = change
            .variations
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, v)| {
                if v.value.is_none() {
                    errors.add(format!("variations[{i}].value"), REQUIRED);
                }
                variation_values(v, None, &mut errors, &format!("variations[{i}]."))
            })
            .collect();
        errors.into_result()?;
        let id = repo::save_item(tx, event.id, 0, &values, &time::store(now))?;
        for v in &variations {
            repo::save_variation(tx, id, 0, v)?;
        }
        log(tx, access, now, ("item", id), "pretix.event.item.added", json!({}))?;
        repo::find_item(tx, event.id, id)?.ok_or(Error::NotFound { entity: "Item" })
    })
}

/// Changes a product; variations are changed through their own endpoint. Errors: `forbidden`,
/// `not_found`, `validation`.
pub fn update_item(app: &App, access: &Access, slug: &str, id: i64, change: ItemChange) -> Result<Item> {
    let now = app.now();
    app.db().write(|tx| {
        let event = visible_event(tx, access, slug)?;
        access.require_event(slug, Permission::EVENT_ITEMS_WRITE)?;
        let item = repo::find_item(tx, event.id, id)?.ok_or(Error::NotFound { entity: "Item" })?;
        let mut errors = FieldErrors::new();
        if change.variations.is_some() {
            errors.add(
                NON_FIELD,
                "Updating add-ons, bundles, program times or variations via PATCH/PUT is not supported. Please use the dedicated nested endpoint.",
            );
        }
        let mut values = item_values(&item);
        apply_item(&mut values, &change, false, &mut errors);
        errors.into_result()?;
        repo::save_item(tx, event.id, id, &values, &time::store(now))?;
        log(tx, access, now, ("item", id), "pretix.event.item.changed", json!({}))?;
        repo::find_item(tx, event.id, id)?.ok_or(Error::NotFound { entity: "Item" })
    })
}

/// Deletes a product unless vouchers for it were redeemed or sent from the waiting list.
/// Errors: `forbidden`, `not_found`, `refused`.
pub fn delete_item(app: &App, access: &Access, slug: &str, id: i64) -> Result<()> {
    let now = app.now();
    app.db().write(|tx| {
        let event = visible_event(tx, access, slug)?;
        access.require_event(slug, Permission::EVENT_ITEMS_WRITE)?;
        repo::find_item(tx, event.id, id)?.ok_or(Error::NotFound { entity: "Item" })?;
        if repo::item_in_use(tx, id)? {
            return Err(Error::Refused(
                "This item cannot be deleted because it has already been ordered. You can instead deactivate it.",
            ));
        }
        log(tx, access, now, ("item", id), "pretix.event.item.deleted", json!({}))?;
        repo::delete_item(tx, id)
    })
}

fn item_of(tx: &Connection, access: &Access, slug: &str, item_id: i64) -> Result<(Event, Item)> {
    let event = visible_event(tx, access, slug)?;
    let item = repo::find_item(tx, event.id, item_id)?.ok_or(Error::NotFound { entity: "Item" })?;
    Ok((event, item))
}

/// Errors: `forbidden`, `not_found`.
pub fn list_variations(app: &App, access: &Access, slug: &str, item_id: i64) -> Result<Vec<Variation>> {
    app.db().read(|c| Ok(item_of(c, access, slug, item_id)?.1.variations))
}

/// Errors: `forbidden`, `not_found`.
pub fn get_variation(app: &App, access: &Access, slug: &str, item_id: i64, id: i64) -> Result<Variation> {
    app.db().read(|c| {
        item_of(c, access, slug, item_id)?
            .1
            .variations
            .into_iter()
            .find(|v| v.id == id)
            .ok_or(Error::NotFound { entity: "ItemVariation" })
    })
}

/// Creates or changes a variation; new ones only on products that already have variations.
/// Errors: `forbidden`, `not_found`, `refused`, `validation`.
pub fn save_variation(
    app: &App,
    access: &Access,
    slug: &str,
    item_id: i64,
    id: Option<i64>,
    change: VariationChange,
) -> Result<Variation> {
    app.db().write(|tx| {
        let (_, item) = item_of(tx, access, slug, item_id)?;
        access.require_event(slug, Permission::EVENT_ITEMS_WRITE)?;
        let mut errors = FieldErrors::new();
        let base = match id {
            Some(id) => {
                let v = item.variations.iter().find(|v| v.id == id).ok_or(Error::NotFound { entity: "ItemVariation" })?;
                Some(VariationValues {
                    value: v.value.clone(),
                    description: v.description.clone(),
                    active: v.active,
                    position: v.position,
                    default_price: v.default_price.as_deref().and_then(price_minor_of_text),
                })
            }
            None => {
                if item.variations.is_empty() {
                    return Err(Error::Refused(
                        "This variation cannot be created because the item does not have variations. Changing a product without variations to a product with variations is not allowed.",
                    ));
                }
                if change.value.is_none() {
                    errors.add("value", REQUIRED);
                }
                None
            }
        };
        let values = variation_values(&change, base, &mut errors, "");
        errors.into_result()?;
        let vid = repo::save_variation(tx, item_id, id.unwrap_or(0), &values)?;
        repo::list_variations(tx, item_id)?
            .into_iter()
            .find(|v| v.id == vid)
            .ok_or(Error::NotFound { entity: "ItemVariation" })
    })
}

/// Deletes a variation unless it is the only one or in use. Errors: `forbidden`, `not_found`,
/// `refused`.
pub fn delete_variation(app: &App, access: &Access, slug: &str, item_id: i64, id: i64) -> Result<()> {
    app.db().write(|tx| {
        let (_, item) = item_of(tx, access, slug, item_id)?;
        access.require_event(slug, Permission::EVENT_ITEMS_WRITE)?;
        item.variations.iter().find(|v| v.id == id).ok_or(Error::NotFound { entity: "ItemVariation" })?;
        if item.variations.len() == 1 {
            return Err(Error::Refused(
                "This variation cannot be deleted because it is the only variation. Changing a product with variations to a product without variations is not allowed.",
            ));
        }
        if repo::variation_in_use(tx, id)? {
            return Err(Error::Refused("This variation cannot be deleted because it has already been ordered."));
        }
        repo::delete_variation(tx, id)
    })
}

// --- quotas --------------------------------------------------------------------------------

fn counts_waiting_list(settings: &Map<String, Value>, now: DateTime<Utc>) -> bool {
    settings::WaitingListSettings::from(settings).auto_disable.is_none_or(|at| now < at)
}

fn with_availability(
    conn: &Connection,
    q: &mut Quota,
    now: DateTime<Utc>,
    count_waiting: bool,
) -> Result<()> {
    let row = availability::quota_row(conn, q.id)?.ok_or(Error::NotFound { entity: "Quota" })?;
    let a = availability::of_quota(conn, &row, now, count_waiting)?;
    q.available = Some(a.is_available());
    q.available_number = Some(a.number);
    Ok(())
}

/// The event's quotas, filtered, optionally with their availability. Errors: `forbidden`.
pub fn list_quotas(app: &App, access: &Access, slug: &str, filter: &QuotaFilter) -> Result<Vec<Quota>> {
    let now = app.now();
    app.db().read(|c| {
        let event = visible_event(c, access, slug)?;
        let count_waiting = counts_waiting_list(&event_settings_in(c, access, &event)?, now);
        let mut quotas: Vec<Quota> = repo::list_quotas(c, event.id)?
            .into_iter()
            .filter(|q| filter.subevent.is_none_or(|s| q.subevent == Some(s)))
            .filter(|q| {
                filter.subevent_in.as_ref().is_none_or(|ids| q.subevent.is_some_and(|s| ids.contains(&s)))
            })
            .filter(|q| filter.items_in.as_ref().is_none_or(|ids| q.items.iter().any(|i| ids.contains(i))))
            .collect();
        if filter.order_by_size {
            quotas.sort_by_key(|q| (q.size.unwrap_or(i64::MAX), q.id));
        }
        if filter.descending {
            quotas.reverse();
        }
        if filter.with_availability {
            for q in &mut quotas {
                with_availability(c, q, now, count_waiting)?;
            }
        }
        Ok(quotas)
    })
}

/// Errors: `forbidden`, `not_found`.
pub fn get_quota(
    app: &App,
    access: &Access,
    slug: &str,
    id: i64,
    with_availability_too: bool,
) -> Result<Quota> {
    let now = app.now();
    app.db().read(|c| {
        let event = visible_event(c, access, slug)?;
        let mut q = repo::find_quota(c, event.id, id)?.ok_or(Error::NotFound { entity: "Quota" })?;
        if with_availability_too {
            let count_waiting = counts_waiting_list(&event_settings_in(c, access, &event)?, now);
            with_availability(c, &mut q, now, count_waiting)?;
        }
        Ok(q)
    })
}

/// `GET …/quotas/{id}/availability/`. Errors: `forbidden`, `not_found`.
pub fn quota_availability(app: &App, access: &Access, slug: &str, id: i64) -> Result<QuotaAvailability> {
    let now = app.now();
    app.db().read(|c| {
        let event = visible_event(c, access, slug)?;
        repo::find_quota(c, event.id, id)?.ok_or(Error::NotFound { entity: "Quota" })?;
        let row = availability::quota_row(c, id)?.ok_or(Error::NotFound { entity: "Quota" })?;
        let count_waiting = counts_waiting_list(&event_settings_in(c, access, &event)?, now);
        availability::report(c, &row, now, count_waiting)
    })
}

fn validate_quota(
    conn: &Connection,
    access: &Access,
    event: &Event,
    q: &Quota,
    errors: &mut FieldErrors,
) -> Result<()> {
    for item in &q.items {
        match repo::item_event(conn, access.organizer_id(), *item)? {
            None => errors.add("items", format!("Invalid pk \"{item}\" - object does not exist.")),
            Some(e) if e != event.id => {
                errors.add(NON_FIELD, "One or more items do not belong to this event.")
            }
            Some(_) => {}
        }
    }
    for variation in &q.variations {
        match repo::variation_item(conn, access.organizer_id(), *variation)? {
            None => errors.add("variations", format!("Invalid pk \"{variation}\" - object does not exist.")),
            Some((item, _)) if !q.items.contains(&item) => {
                errors.add(NON_FIELD, "All variations must belong to an item contained in the items list.")
            }
            Some(_) => {}
        }
    }
    if errors.is_empty() {
        for item in &q.items {
            let variations = repo::list_variations(conn, *item)?;
            if !variations.is_empty() && !variations.iter().any(|v| q.variations.contains(&v.id)) {
                errors.add(
                    NON_FIELD,
                    "One or more items has variations but none of these are in the variations list.",
                );
                break;
            }
        }
    }
    match q.subevent {
        None if event.has_subevents => errors.add(NON_FIELD, "Subevent cannot be null for event series."),
        Some(_) if !event.has_subevents => {
            errors.add(NON_FIELD, "The subevent does not belong to this event.")
        }
        Some(s) if repo::find_subevent(conn, event.id, s)?.is_none() => {
            let exists: bool =
                conn.query_row("SELECT EXISTS (SELECT 1 FROM subevents WHERE id = ?1)", [s], |r| r.get(0))?;
            if exists {
                errors.add(NON_FIELD, "The subevent does not belong to this event.");
            } else {
                errors.add("subevent", format!("Invalid pk \"{s}\" - object does not exist."));
            }
        }
        _ => {}
    }
    if q.name.trim().is_empty() {
        errors.add("name", "This field may not be blank.");
    } else if q.name.chars().count() > 200 {
        errors.add("name", "Ensure this field has no more than 200 characters.");
    }
    let too_big = format!("Ensure this value is less than or equal to {}.", i32::MAX);
    match q.size {
        Some(s) if s < 0 => errors.add("size", "Ensure this value is greater than or equal to 0."),
        Some(s) if s > i32::MAX as i64 => errors.add("size", too_big.clone()),
        _ => {}
    }
    if q.sold < 0 {
        errors.add("sold", "Ensure this value is greater than or equal to 0.");
    } else if q.sold > i32::MAX as i64 {
        errors.add("sold", too_big);
    }
    Ok(())
}

/// Creates or changes a quota (`name` required on create); the change is validated on the
/// merged state. Freed places are offered to the waiting list by the background assigner.
/// Errors: `forbidden` (`event.items:write`), `not_found`, `validation`.
pub fn save_quota(
    app: &App,
    access: &Access,
    slug: &str,
    id: Option<i64>,
    change: QuotaChange,
) -> Result<Quota> {
    let now = app.now();
    app.db().write(|tx| {
        let event = visible_event(tx, access, slug)?;
        access.require_event(slug, Permission::EVENT_ITEMS_WRITE)?;
        let mut errors = FieldErrors::new();
        let mut q = match id {
            Some(id) => repo::find_quota(tx, event.id, id)?.ok_or(Error::NotFound { entity: "Quota" })?,
            None => {
                if change.name.is_none() {
                    errors.add("name", REQUIRED);
                }
                Quota {
                    id: 0,
                    name: String::new(),
                    size: None,
                    items: vec![],
                    variations: vec![],
                    subevent: None,
                    closed: false,
                    close_when_sold_out: false,
                    release_after_exit: false,
                    ignore_for_event_availability: false,
                    sold: 0,
                    available: None,
                    available_number: None,
                }
            }
        };
        let before = (q.closed, q.size, q.sold);
        if let Some(v) = &change.name {
            q.name = v.clone();
        }
        if let Some(v) = change.size {
            q.size = v;
        }
        if let Some(v) = &change.items {
            q.items = v.clone();
        }
        if let Some(v) = &change.variations {
            q.variations = v.clone();
        }
        if let Some(v) = change.subevent {
            q.subevent = v;
        }
        if let Some(v) = change.closed {
            q.closed = v;
        }
        if let Some(v) = change.close_when_sold_out {
            q.close_when_sold_out = v;
        }
        if let Some(v) = change.release_after_exit {
            q.release_after_exit = v;
        }
        if let Some(v) = change.ignore_for_event_availability {
            q.ignore_for_event_availability = v;
        }
        if let Some(v) = change.sold {
            q.sold = v;
        }
        if errors.is_empty() {
            validate_quota(tx, access, &event, &q, &mut errors)?;
        }
        errors.into_result()?;
        let created = q.id == 0;
        q.id = repo::save_quota(tx, event.id, &q)?;
        let action = if created { "pretix.event.quota.added" } else { "pretix.event.quota.changed" };
        log(tx, access, now, ("quota", q.id), action, json!({"size": q.size, "sold": q.sold}))?;
        if !created && before.0 != q.closed {
            let action = if q.closed { "pretix.event.quota.closed" } else { "pretix.event.quota.opened" };
            log(tx, access, now, ("quota", q.id), action, json!({}))?;
        }
        repo::find_quota(tx, event.id, q.id)?.ok_or(Error::NotFound { entity: "Quota" })
    })
}

/// Errors: `forbidden`, `not_found`.
pub fn delete_quota(app: &App, access: &Access, slug: &str, id: i64) -> Result<()> {
    let now = app.now();
    app.db().write(|tx| {
        let event = visible_event(tx, access, slug)?;
        access.require_event(slug, Permission::EVENT_ITEMS_WRITE)?;
        repo::find_quota(tx, event.id, id)?.ok_or(Error::NotFound { entity: "Quota" })?;
        log(tx, access, now, ("quota", id), "pretix.event.quota.deleted", json!({}))?;
        repo::delete_quota(tx, id)
    })
}
