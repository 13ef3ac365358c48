//! SQL for vouchers and their redemptions. Rows ↔ models; no rules.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::*;
use crate::auth::Actor;
use crate::error::Result;
use crate::types::time;

const COLUMNS: &str = "id, code, max_usages, redeemed, min_usages, valid_until, is_block_quota, allow_ignore_quota, \
     price_mode, value, item_id, variation_id, quota_id, tag, comment, subevent_id, show_hidden_items, \
     all_addons_included, all_bundles_included, budget, created_at";

fn decimal(minor: Option<i64>) -> Option<String> {
    minor.map(crate::events::repo::price)
}

fn row(r: &Row<'_>) -> rusqlite::Result<Voucher> {
    Ok(Voucher {
        id: r.get(0)?,
        code: r.get(1)?,
        max_usages: r.get(2)?,
        redeemed: r.get(3)?,
        min_usages: r.get(4)?,
        valid_until: r.get::<_, Option<String>>(5)?.as_deref().and_then(time::parse),
        block_quota: r.get(6)?,
        allow_ignore_quota: r.get(7)?,
        price_mode: r.get(8)?,
        value: decimal(r.get(9)?),
        item: r.get(10)?,
        variation: r.get(11)?,
        quota: r.get(12)?,
        tag: r.get(13)?,
        comment: r.get(14)?,
        subevent: r.get(15)?,
        show_hidden_items: r.get(16)?,
        seat: None,
        all_addons_included: r.get(17)?,
        all_bundles_included: r.get(18)?,
        budget: decimal(r.get(19)?),
        budget_used: "0.00".into(),
        created: r.get::<_, String>(20)?.as_str().parse::<DateTime<Utc>>().unwrap_or_default(),
    })
}

pub(crate) fn list(conn: &Connection, event_id: i64) -> Result<Vec<Voucher>> {
    let sql = format!("SELECT {COLUMNS} FROM vouchers WHERE event_id = ?1 ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([event_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn find(conn: &Connection, event_id: i64, id: i64) -> Result<Option<Voucher>> {
    let sql = format!("SELECT {COLUMNS} FROM vouchers WHERE event_id = ?1 AND id = ?2");
    Ok(conn.query_row(&sql, params![event_id, id], row).optional()?)
}

pub(crate) fn find_by_code(conn: &Connection, event_id: i64, code: &str) -> Result<Option<Voucher>> {
    let sql = format!("SELECT {COLUMNS} FROM vouchers WHERE event_id = ?1 AND code = ?2");
    Ok(conn.query_row(&sql, params![event_id, code.to_uppercase()], row).optional()?)
}

/// Whether a code exists in any event (generated codes are unique installation-wide, as pretix's).
pub(crate) fn code_taken_anywhere(conn: &Connection, code: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM vouchers WHERE code = ?1)", [code], |r| r.get(0))?)
}

/// The stored form of a voucher: money in minor units.
pub(crate) struct Values<'a> {
    pub v: &'a Voucher,
    pub value: Option<i64>,
    pub budget: Option<i64>,
}

pub(crate) fn save(conn: &Connection, event_id: i64, x: &Values<'_>) -> Result<i64> {
    let v = x.v;
    let values = params![
        event_id,
        v.code,
        v.max_usages,
        v.min_usages,
        v.valid_until.map(time::store),
        v.block_quota,
        v.allow_ignore_quota,
        v.price_mode,
        x.value,
        v.item,
        v.variation,
        v.quota,
        v.subevent,
        v.tag,
        v.comment,
        v.show_hidden_items,
        v.all_addons_included,
        v.all_bundles_included,
        x.budget,
        time::store(v.created),
        v.id,
    ];
    if v.id == 0 {
        conn.execute(
            "INSERT INTO vouchers (id, event_id, code, max_usages, min_usages, valid_until, is_block_quota, \
             allow_ignore_quota, price_mode, value, item_id, variation_id, quota_id, subevent_id, tag, comment, \
             show_hidden_items, all_addons_included, all_bundles_included, budget, created_at) \
             VALUES (NULLIF(?21, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
            values,
        )?;
        Ok(conn.last_insert_rowid())
    } else {
        conn.execute(
            "UPDATE vouchers SET code = ?2, max_usages = ?3, min_usages = ?4, valid_until = ?5, is_block_quota = ?6, \
             allow_ignore_quota = ?7, price_mode = ?8, value = ?9, item_id = ?10, variation_id = ?11, quota_id = ?12, \
             subevent_id = ?13, tag = ?14, comment = ?15, show_hidden_items = ?16, all_addons_included = ?17, \
             all_bundles_included = ?18, budget = ?19, created_at = ?20 WHERE event_id = ?1 AND id = ?21",
            values,
        )?;
        Ok(v.id)
    }
}

pub(crate) fn delete(conn: &Connection, id: i64) -> Result<()> {
    // The entry it was sent to goes with it, as in pretix (its place in line was used).
    conn.execute("DELETE FROM waiting_list_entries WHERE voucher_id = ?1", [id])?;
    conn.execute("DELETE FROM vouchers WHERE id = ?1", [id])?;
    Ok(())
}

pub(crate) fn redeem(conn: &Connection, id: i64, actor: &Actor, now: &str, note: &str) -> Result<()> {
    conn.execute("UPDATE vouchers SET redeemed = redeemed + 1 WHERE id = ?1", [id])?;
    conn.execute(
        "INSERT INTO voucher_redemptions (voucher_id, redeemed_at, user_id, api_token_id, device_id, note) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, now, actor.user_id, actor.api_token_id, actor.device_id, note],
    )?;
    Ok(())
}

pub(crate) fn redemptions(conn: &Connection, id: i64) -> Result<Vec<Redemption>> {
    let mut stmt = conn
        .prepare("SELECT id, redeemed_at, note FROM voucher_redemptions WHERE voucher_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([id], |r| {
        Ok(Redemption {
            id: r.get(0)?,
            redeemed_at: r
                .get::<_, String>(1)?
                .as_str()
                .parse::<DateTime<Utc>>()
                .map(time::format)
                .unwrap_or_default(),
            note: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
