//! SQL for events, subevents, items, variations and quotas. Rows ↔ models; no rules.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::Value;

use super::model::*;
use crate::error::Result;
use crate::types::time;

fn json_map(raw: Option<String>) -> Option<BTreeMap<String, String>> {
    raw.and_then(|s| serde_json::from_str(&s).ok())
}

fn json_list(raw: String) -> Vec<String> {
    serde_json::from_str(&raw).unwrap_or_default()
}

fn at(raw: Option<String>) -> Option<DateTime<Utc>> {
    raw.as_deref().and_then(time::parse)
}

fn store_at(at: Option<DateTime<Utc>>) -> Option<String> {
    at.map(time::store)
}

fn store_map(m: &Option<BTreeMap<String, String>>) -> Option<String> {
    m.as_ref().map(|m| serde_json::to_value(m).unwrap_or_default().to_string())
}

fn store_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

/// Money of two places in minor units, rendered as pretix's decimal strings.
pub(crate) fn price(minor: i64) -> String {
    rust_decimal::Decimal::new(minor, 2).to_string()
}

// --- events --------------------------------------------------------------------------------

const EVENT_COLUMNS: &str = "id, slug, name, is_live, is_testmode, currency, date_from, date_to, date_admission, \
     is_public, presale_start, presale_end, location, geo_lat, geo_lon, has_subevents, timezone, plugins, \
     meta_data, all_sales_channels, limit_sales_channels";

pub(crate) const SALES_CHANNELS: &[&str] = &["web", "box_office"];

fn event_row(r: &Row<'_>) -> rusqlite::Result<Event> {
    let slug: String = r.get(1)?;
    let all_sales_channels: bool = r.get(19)?;
    let limit_sales_channels = json_list(r.get(20)?);
    let sales_channels = if all_sales_channels {
        SALES_CHANNELS.iter().map(|s| s.to_string()).collect()
    } else {
        limit_sales_channels.clone()
    };
    Ok(Event {
        id: r.get(0)?,
        public_url: String::new(),
        slug,
        name: json_map(r.get(2)?).unwrap_or_default(),
        live: r.get(3)?,
        testmode: r.get(4)?,
        currency: r.get(5)?,
        date_from: at(r.get(6)?).unwrap_or_default(),
        date_to: at(r.get(7)?),
        date_admission: at(r.get(8)?),
        is_public: r.get(9)?,
        presale_start: at(r.get(10)?),
        presale_end: at(r.get(11)?),
        location: json_map(r.get(12)?),
        geo_lat: r.get(13)?,
        geo_lon: r.get(14)?,
        has_subevents: r.get(15)?,
        timezone: r.get(16)?,
        plugins: json_list(r.get(17)?),
        meta_data: json_map(r.get(18)?).unwrap_or_default(),
        seating_plan: None,
        seat_category_mapping: BTreeMap::new(),
        item_meta_properties: BTreeMap::new(),
        all_sales_channels,
        limit_sales_channels,
        sales_channels,
    })
}

pub(crate) fn find_event(conn: &Connection, organizer_id: i64, slug: &str) -> Result<Option<Event>> {
    let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE organizer_id = ?1 AND slug = ?2");
    Ok(conn.query_row(&sql, params![organizer_id, slug], event_row).optional()?)
}

pub(crate) fn find_event_by_id(conn: &Connection, event_id: i64) -> Result<Option<(i64, Event)>> {
    let sql = format!("SELECT {EVENT_COLUMNS}, organizer_id FROM events WHERE id = ?1");
    Ok(conn.query_row(&sql, [event_id], |r| Ok((r.get(21)?, event_row(r)?))).optional()?)
}

pub(crate) fn list_events(
    conn: &Connection,
    organizer_id: i64,
    order_by_date: bool,
    descending: bool,
) -> Result<Vec<Event>> {
    let order = match (order_by_date, descending) {
        (false, false) => "slug ASC",
        (false, true) => "slug DESC",
        (true, false) => "date_from ASC, slug ASC",
        (true, true) => "date_from DESC, slug DESC",
    };
    let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE organizer_id = ?1 ORDER BY {order}");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([organizer_id], event_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_event(conn: &Connection, organizer_id: i64, e: &Event, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO events (organizer_id, slug, name, is_live, is_testmode, currency, date_from, date_to, \
         date_admission, is_public, presale_start, presale_end, location, geo_lat, geo_lon, has_subevents, \
         timezone, plugins, meta_data, all_sales_channels, limit_sales_channels, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
        params![
            organizer_id,
            e.slug,
            store_json(&e.name),
            e.live,
            e.testmode,
            e.currency,
            time::store(e.date_from),
            store_at(e.date_to),
            store_at(e.date_admission),
            e.is_public,
            store_at(e.presale_start),
            store_at(e.presale_end),
            store_map(&e.location),
            e.geo_lat,
            e.geo_lon,
            e.has_subevents,
            e.timezone,
            store_json(&e.plugins),
            store_json(&e.meta_data),
            e.all_sales_channels,
            store_json(&e.limit_sales_channels),
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn update_event(conn: &Connection, e: &Event) -> Result<()> {
    conn.execute(
        "UPDATE events SET name = ?2, is_live = ?3, is_testmode = ?4, currency = ?5, date_from = ?6, date_to = ?7, \
         date_admission = ?8, is_public = ?9, presale_start = ?10, presale_end = ?11, location = ?12, geo_lat = ?13, \
         geo_lon = ?14, timezone = ?15, plugins = ?16, meta_data = ?17, all_sales_channels = ?18, \
         limit_sales_channels = ?19 WHERE id = ?1",
        params![
            e.id,
            store_json(&e.name),
            e.live,
            e.testmode,
            e.currency,
            time::store(e.date_from),
            store_at(e.date_to),
            store_at(e.date_admission),
            e.is_public,
            store_at(e.presale_start),
            store_at(e.presale_end),
            store_map(&e.location),
            e.geo_lat,
            e.geo_lon,
            e.timezone,
            store_json(&e.plugins),
            store_json(&e.meta_data),
            e.all_sales_channels,
            store_json(&e.limit_sales_channels),
        ],
    )?;
    Ok(())
}

/// Removes an event and everything that belongs to it (rows referencing it cascade).
pub(crate) fn delete_event(conn: &Connection, event_id: i64) -> Result<()> {
    conn.execute("DELETE FROM waiting_list_entries WHERE event_id = ?1", [event_id])?;
    conn.execute("DELETE FROM vouchers WHERE event_id = ?1", [event_id])?;
    conn.execute("DELETE FROM quotas WHERE event_id = ?1", [event_id])?;
    conn.execute("DELETE FROM items WHERE event_id = ?1", [event_id])?;
    conn.execute("DELETE FROM subevents WHERE event_id = ?1", [event_id])?;
    conn.execute("DELETE FROM events WHERE id = ?1", [event_id])?;
    Ok(())
}

/// Whether anything was sold or redeemed in the event (pretix refuses deleting such events).
pub(crate) fn event_has_sales(conn: &Connection, event_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM quotas WHERE event_id = ?1 AND sold > 0) \
             OR EXISTS (SELECT 1 FROM vouchers WHERE event_id = ?1 AND redeemed > 0)",
        [event_id],
        |r| r.get(0),
    )?)
}

pub(crate) fn event_settings(conn: &Connection, event_id: i64) -> Result<serde_json::Map<String, Value>> {
    let raw: String =
        conn.query_row("SELECT settings FROM events WHERE id = ?1", [event_id], |r| r.get(0))?;
    Ok(serde_json::from_str(&raw).unwrap_or_default())
}

pub(crate) fn save_event_settings(
    conn: &Connection,
    event_id: i64,
    s: &serde_json::Map<String, Value>,
) -> Result<()> {
    conn.execute(
        "UPDATE events SET settings = ?2 WHERE id = ?1",
        params![event_id, Value::Object(s.clone()).to_string()],
    )?;
    Ok(())
}

// --- subevents -----------------------------------------------------------------------------

const SUBEVENT_COLUMNS: &str = "s.id, s.name, e.slug, s.date_from, s.date_to, s.is_active, s.date_admission, \
     s.presale_start, s.presale_end, s.location, s.geo_lat, s.geo_lon, s.is_public, s.frontpage_text, s.comment, \
     s.meta_data, s.last_modified";

fn subevent_row(r: &Row<'_>) -> rusqlite::Result<SubEvent> {
    Ok(SubEvent {
        id: r.get(0)?,
        name: json_map(r.get(1)?).unwrap_or_default(),
        event: r.get(2)?,
        date_from: at(r.get(3)?).unwrap_or_default(),
        date_to: at(r.get(4)?),
        active: r.get(5)?,
        date_admission: at(r.get(6)?),
        presale_start: at(r.get(7)?),
        presale_end: at(r.get(8)?),
        location: json_map(r.get(9)?),
        geo_lat: r.get(10)?,
        geo_lon: r.get(11)?,
        is_public: r.get(12)?,
        frontpage_text: json_map(r.get(13)?),
        comment: r.get(14)?,
        meta_data: json_map(r.get(15)?).unwrap_or_default(),
        last_modified: at(r.get(16)?).map(time::format).unwrap_or_default(),
        seating_plan: None,
        item_price_overrides: vec![],
        variation_price_overrides: vec![],
        seat_category_mapping: BTreeMap::new(),
    })
}

pub(crate) fn list_subevents(conn: &Connection, event_id: i64) -> Result<Vec<SubEvent>> {
    let sql = format!(
        "SELECT {SUBEVENT_COLUMNS} FROM subevents s JOIN events e ON e.id = s.event_id \
         WHERE s.event_id = ?1 ORDER BY s.date_from, s.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([event_id], subevent_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn find_subevent(conn: &Connection, event_id: i64, id: i64) -> Result<Option<SubEvent>> {
    let sql = format!(
        "SELECT {SUBEVENT_COLUMNS} FROM subevents s JOIN events e ON e.id = s.event_id \
         WHERE s.event_id = ?1 AND s.id = ?2"
    );
    Ok(conn.query_row(&sql, params![event_id, id], subevent_row).optional()?)
}

pub(crate) fn save_subevent(conn: &Connection, event_id: i64, s: &SubEvent, now: &str) -> Result<i64> {
    let values = params![
        event_id,
        store_json(&s.name),
        time::store(s.date_from),
        store_at(s.date_to),
        s.active,
        store_at(s.date_admission),
        store_at(s.presale_start),
        store_at(s.presale_end),
        store_map(&s.location),
        s.geo_lat,
        s.geo_lon,
        s.is_public,
        store_map(&s.frontpage_text),
        s.comment,
        store_json(&s.meta_data),
        now,
        s.id,
    ];
    if s.id == 0 {
        conn.execute(
            "INSERT INTO subevents (id, event_id, name, date_from, date_to, is_active, date_admission, presale_start, \
             presale_end, location, geo_lat, geo_lon, is_public, frontpage_text, comment, meta_data, last_modified) \
             VALUES (NULLIF(?17, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            values,
        )?;
        Ok(conn.last_insert_rowid())
    } else {
        conn.execute(
            "UPDATE subevents SET name = ?2, date_from = ?3, date_to = ?4, is_active = ?5, date_admission = ?6, \
             presale_start = ?7, presale_end = ?8, location = ?9, geo_lat = ?10, geo_lon = ?11, is_public = ?12, \
             frontpage_text = ?13, comment = ?14, meta_data = ?15, last_modified = ?16 \
             WHERE event_id = ?1 AND id = ?17",
            values,
        )?;
        Ok(s.id)
    }
}

pub(crate) fn subevent_in_use(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM quotas WHERE subevent_id = ?1 AND sold > 0) \
             OR EXISTS (SELECT 1 FROM vouchers WHERE subevent_id = ?1) \
             OR EXISTS (SELECT 1 FROM waiting_list_entries WHERE subevent_id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

pub(crate) fn delete_subevent(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM quotas WHERE subevent_id = ?1", [id])?;
    conn.execute("DELETE FROM subevents WHERE id = ?1", [id])?;
    Ok(())
}

// --- items and variations ------------------------------------------------------------------

const ITEM_COLUMNS: &str = "id, name, internal_name, description, default_price, free_price, is_active, \
     is_admission, is_personalized, allow_waitinglist, position, min_per_order, max_per_order, available_from, \
     available_until";

fn item_row(r: &Row<'_>) -> rusqlite::Result<Item> {
    Ok(Item {
        id: r.get(0)?,
        category: None,
        name: json_map(r.get(1)?).unwrap_or_default(),
        internal_name: r.get(2)?,
        active: r.get(6)?,
        sales_channels: SALES_CHANNELS.iter().map(|s| s.to_string()).collect(),
        all_sales_channels: true,
        limit_sales_channels: vec![],
        description: json_map(r.get(3)?),
        default_price: price(r.get(4)?),
        free_price: r.get(5)?,
        tax_rate: "0.00".into(),
        tax_rule: None,
        admission: r.get(7)?,
        personalized: r.get(8)?,
        position: r.get(10)?,
        picture: None,
        available_from: at(r.get(13)?),
        available_until: at(r.get(14)?),
        require_voucher: false,
        hide_without_voucher: false,
        allow_cancel: true,
        min_per_order: r.get(11)?,
        max_per_order: r.get(12)?,
        checkin_attention: false,
        has_variations: false,
        variations: vec![],
        addons: vec![],
        bundles: vec![],
        allow_waitinglist: r.get(9)?,
        require_membership: false,
        require_membership_types: vec![],
        meta_data: BTreeMap::new(),
    })
}

fn variation_row(r: &Row<'_>, item_price: i64) -> rusqlite::Result<Variation> {
    let own: Option<i64> = r.get(5)?;
    let channels: Vec<String> = SALES_CHANNELS.iter().map(|s| s.to_string()).collect();
    Ok(Variation {
        id: r.get(0)?,
        value: json_map(r.get(1)?).unwrap_or_default(),
        description: json_map(r.get(2)?),
        active: r.get(3)?,
        position: r.get(4)?,
        default_price: own.map(price),
        price: price(own.unwrap_or(item_price)),
        original_price: None,
        free_price_suggestion: None,
        require_approval: false,
        require_membership: false,
        require_membership_types: vec![],
        require_membership_hidden: false,
        checkin_attention: false,
        checkin_text: None,
        available_from: None,
        available_from_mode: "hide".into(),
        available_until: None,
        available_until_mode: "hide".into(),
        all_sales_channels: true,
        limit_sales_channels: vec![],
        sales_channels: channels,
        hide_without_voucher: false,
        meta_data: BTreeMap::new(),
    })
}

fn item_price_minor(conn: &Connection, item_id: i64) -> Result<i64> {
    Ok(conn.query_row("SELECT default_price FROM items WHERE id = ?1", [item_id], |r| r.get(0))?)
}

pub(crate) fn list_variations(conn: &Connection, item_id: i64) -> Result<Vec<Variation>> {
    let item_price = item_price_minor(conn, item_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, value, description, is_active, position, default_price FROM item_variations \
         WHERE item_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt.query_map([item_id], |r| variation_row(r, item_price))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn with_variations(conn: &Connection, mut item: Item) -> Result<Item> {
    item.variations = list_variations(conn, item.id)?;
    item.has_variations = !item.variations.is_empty();
    Ok(item)
}

pub(crate) fn list_items(conn: &Connection, event_id: i64) -> Result<Vec<Item>> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM items WHERE event_id = ?1 ORDER BY position, id");
    let mut stmt = conn.prepare(&sql)?;
    let items: Vec<Item> = stmt.query_map([event_id], item_row)?.collect::<rusqlite::Result<_>>()?;
    items.into_iter().map(|i| with_variations(conn, i)).collect()
}

pub(crate) fn find_item(conn: &Connection, event_id: i64, id: i64) -> Result<Option<Item>> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM items WHERE event_id = ?1 AND id = ?2");
    match conn.query_row(&sql, params![event_id, id], item_row).optional()? {
        Some(item) => Ok(Some(with_variations(conn, item)?)),
        None => Ok(None),
    }
}

/// The event an item belongs to, if it exists in the organizer at all.
pub(crate) fn item_event(conn: &Connection, organizer_id: i64, item_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT i.event_id FROM items i JOIN events e ON e.id = i.event_id WHERE i.id = ?1 AND e.organizer_id = ?2",
            params![item_id, organizer_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// The item a variation belongs to, if the variation exists in the organizer.
pub(crate) fn variation_item(
    conn: &Connection,
    organizer_id: i64,
    variation_id: i64,
) -> Result<Option<(i64, i64)>> {
    Ok(conn
        .query_row(
            "SELECT v.item_id, i.event_id FROM item_variations v JOIN items i ON i.id = v.item_id \
             JOIN events e ON e.id = i.event_id WHERE v.id = ?1 AND e.organizer_id = ?2",
            params![variation_id, organizer_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub(crate) struct ItemValues {
    pub name: BTreeMap<String, String>,
    pub internal_name: Option<String>,
    pub description: Option<BTreeMap<String, String>>,
    pub default_price: i64,
    pub free_price: bool,
    pub active: bool,
    pub admission: bool,
    pub personalized: bool,
    pub allow_waitinglist: bool,
    pub position: i64,
    pub min_per_order: Option<i64>,
    pub max_per_order: Option<i64>,
    pub available_from: Option<DateTime<Utc>>,
    pub available_until: Option<DateTime<Utc>>,
}

pub(crate) fn save_item(conn: &Connection, event_id: i64, id: i64, v: &ItemValues, now: &str) -> Result<i64> {
    let values = params![
        event_id,
        store_json(&v.name),
        v.internal_name,
        store_map(&v.description),
        v.default_price,
        v.free_price,
        v.active,
        v.admission,
        v.personalized,
        v.allow_waitinglist,
        v.position,
        v.min_per_order,
        v.max_per_order,
        store_at(v.available_from),
        store_at(v.available_until),
        now,
        id,
    ];
    if id == 0 {
        conn.execute(
            "INSERT INTO items (id, event_id, name, internal_name, description, default_price, free_price, is_active, \
             is_admission, is_personalized, allow_waitinglist, position, min_per_order, max_per_order, \
             available_from, available_until, created_at) \
             VALUES (NULLIF(?17, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            values,
        )?;
        Ok(conn.last_insert_rowid())
    } else {
        conn.execute(
            "UPDATE items SET name = ?2, internal_name = ?3, description = ?4, default_price = ?5, free_price = ?6, \
             is_active = ?7, is_admission = ?8, is_personalized = ?9, allow_waitinglist = ?10, position = ?11, \
             min_per_order = ?12, max_per_order = ?13, available_from = ?14, available_until = ?15, \
             created_at = COALESCE(created_at, ?16) WHERE event_id = ?1 AND id = ?17",
            values,
        )?;
        Ok(id)
    }
}

pub(crate) fn item_in_use(conn: &Connection, item_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM vouchers WHERE item_id = ?1 AND redeemed > 0) \
             OR EXISTS (SELECT 1 FROM waiting_list_entries WHERE item_id = ?1 AND voucher_id IS NOT NULL)",
        [item_id],
        |r| r.get(0),
    )?)
}

pub(crate) fn delete_item(conn: &Connection, item_id: i64) -> Result<()> {
    conn.execute("DELETE FROM waiting_list_entries WHERE item_id = ?1", [item_id])?;
    conn.execute("UPDATE vouchers SET item_id = NULL, variation_id = NULL WHERE item_id = ?1", [item_id])?;
    conn.execute("DELETE FROM items WHERE id = ?1", [item_id])?;
    Ok(())
}

pub(crate) struct VariationValues {
    pub value: BTreeMap<String, String>,
    pub description: Option<BTreeMap<String, String>>,
    pub active: bool,
    pub position: i64,
    pub default_price: Option<i64>,
}

pub(crate) fn save_variation(conn: &Connection, item_id: i64, id: i64, v: &VariationValues) -> Result<i64> {
    let values = params![
        item_id,
        store_json(&v.value),
        store_map(&v.description),
        v.active,
        v.position,
        v.default_price,
        id
    ];
    if id == 0 {
        conn.execute(
            "INSERT INTO item_variations (id, item_id, value, description, is_active, position, default_price) \
             VALUES (NULLIF(?7, 0), ?1, ?2, ?3, ?4, ?5, ?6)",
            values,
        )?;
        Ok(conn.last_insert_rowid())
    } else {
        conn.execute(
            "UPDATE item_variations SET value = ?2, description = ?3, is_active = ?4, position = ?5, default_price = ?6 \
             WHERE item_id = ?1 AND id = ?7",
            values,
        )?;
        Ok(id)
    }
}

pub(crate) fn variation_in_use(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM vouchers WHERE variation_id = ?1 AND redeemed > 0) \
             OR EXISTS (SELECT 1 FROM waiting_list_entries WHERE variation_id = ?1 AND voucher_id IS NOT NULL)",
        [id],
        |r| r.get(0),
    )?)
}

pub(crate) fn delete_variation(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM waiting_list_entries WHERE variation_id = ?1", [id])?;
    conn.execute("UPDATE vouchers SET variation_id = NULL WHERE variation_id = ?1", [id])?;
    conn.execute("DELETE FROM item_variations WHERE id = ?1", [id])?;
    Ok(())
}

// --- quotas --------------------------------------------------------------------------------

fn quota_row(conn: &Connection, r: &Row<'_>) -> rusqlite::Result<Quota> {
    let id: i64 = r.get(0)?;
    let ids = |sql: &str| -> rusqlite::Result<Vec<i64>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        rows.collect()
    };
    Ok(Quota {
        id,
        name: r.get(1)?,
        size: r.get(2)?,
        subevent: r.get(3)?,
        closed: r.get(4)?,
        close_when_sold_out: r.get(5)?,
        release_after_exit: r.get(6)?,
        ignore_for_event_availability: r.get(7)?,
        sold: r.get(8)?,
        items: ids("SELECT item_id FROM quota_items WHERE quota_id = ?1 ORDER BY item_id")?,
        variations: ids(
            "SELECT variation_id FROM quota_variations WHERE quota_id = ?1 ORDER BY variation_id",
        )?,
        available: None,
        available_number: None,
    })
}

const QUOTA_COLUMNS: &str = "id, name, size, subevent_id, is_closed, close_when_sold_out, release_after_exit, \
     ignore_for_event_availability, sold";

pub(crate) fn list_quotas(conn: &Connection, event_id: i64) -> Result<Vec<Quota>> {
    let sql = format!("SELECT {QUOTA_COLUMNS} FROM quotas WHERE event_id = ?1 ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([event_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(quota_row(conn, r)?);
    }
    Ok(out)
}

pub(crate) fn find_quota(conn: &Connection, event_id: i64, id: i64) -> Result<Option<Quota>> {
    let sql = format!("SELECT {QUOTA_COLUMNS} FROM quotas WHERE event_id = ?1 AND id = ?2");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![event_id, id])?;
    match rows.next()? {
        Some(r) => Ok(Some(quota_row(conn, r)?)),
        None => Ok(None),
    }
}

pub(crate) fn save_quota(conn: &Connection, event_id: i64, q: &Quota) -> Result<i64> {
    let values = params![
        event_id,
        q.name,
        q.size,
        q.subevent,
        q.closed,
        q.close_when_sold_out,
        q.release_after_exit,
        q.ignore_for_event_availability,
        q.sold,
        q.id
    ];
    let id = if q.id == 0 {
        conn.execute(
            "INSERT INTO quotas (id, event_id, name, size, subevent_id, is_closed, close_when_sold_out, \
             release_after_exit, ignore_for_event_availability, sold) \
             VALUES (NULLIF(?10, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            values,
        )?;
        conn.last_insert_rowid()
    } else {
        conn.execute(
            "UPDATE quotas SET name = ?2, size = ?3, subevent_id = ?4, is_closed = ?5, close_when_sold_out = ?6, \
             release_after_exit = ?7, ignore_for_event_availability = ?8, sold = ?9 WHERE event_id = ?1 AND id = ?10",
            values,
        )?;
        conn.execute("DELETE FROM quota_items WHERE quota_id = ?1", [q.id])?;
        conn.execute("DELETE FROM quota_variations WHERE quota_id = ?1", [q.id])?;
        q.id
    };
    for item in &q.items {
        conn.execute(
            "INSERT OR IGNORE INTO quota_items (quota_id, item_id) VALUES (?1, ?2)",
            params![id, item],
        )?;
    }
    for variation in &q.variations {
        conn.execute(
            "INSERT OR IGNORE INTO quota_variations (quota_id, variation_id) VALUES (?1, ?2)",
            params![id, variation],
        )?;
    }
    Ok(id)
}

pub(crate) fn delete_quota(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("UPDATE vouchers SET quota_id = NULL WHERE quota_id = ?1", [id])?;
    conn.execute("DELETE FROM quotas WHERE id = ?1", [id])?;
    Ok(())
}
