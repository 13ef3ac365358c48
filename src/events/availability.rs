//! Quota availability as pretix computes it (`pretix.base.services.quotas`), over what Tessera
//! knows: tickets recorded as sold, quota-blocking vouchers still valid, and waiting-list entries
//! without a voucher (only where pretix counts them).
//!
//! All reads run inside the caller's transaction, so a check followed by a write (a voucher
//! blocking the last place) happens under the single writer and cannot over-assign.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::error::Result;
use crate::types::time;

/// pretix's availability states, worst first; the number is pretix's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum State {
    Gone = 0,
    Ordered = 10,
    Reserved = 20,
    Ok = 100,
}

/// The state of one product (or one quota) and how many places are left: `None` when no limit
/// applies (only unlimited quotas).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Availability {
    pub state: State,
    pub number: Option<i64>,
}

impl Availability {
    /// A product in no quota at all: available without a number to count down (pretix uses
    /// `sys.maxsize`).
    pub const UNCONSTRAINED: Availability = Availability { state: State::Ok, number: Some(i64::MAX) };
    pub const UNLIMITED: Availability = Availability { state: State::Ok, number: None };

    fn order_key(&self) -> (State, i64) {
        (self.state, self.number.unwrap_or(i64::MAX))
    }

    pub fn is_available(&self) -> bool {
        self.state == State::Ok
    }
}

/// The figures of `GET …/quotas/{id}/availability/`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QuotaAvailability {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub paid_orders: i64,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub pending_orders: i64,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub exited_orders: i64,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub blocking_vouchers: i64,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub cart_positions: i64,
    /// Waiting-list entries without a voucher (pretix reports its pending orders here by
    /// mistake; Tessera reports the real count).
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub waiting_list: i64,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub available_number: Option<i64>,
    pub available: bool,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub total_size: Option<i64>,
}

/// What a quota row needs for the computation.
#[derive(Debug, Clone)]
pub(crate) struct QuotaRow {
    pub id: i64,
    pub event_id: i64,
    pub subevent_id: Option<i64>,
    pub size: Option<i64>,
    pub sold: i64,
    pub closed: bool,
}

const BLOCKING_VOUCHERS: &str = "SELECT COALESCE(SUM(MAX(v.max_usages - v.redeemed, 0)), 0) FROM vouchers v \
     WHERE v.event_id = ?1 AND v.is_block_quota = 1 AND (v.valid_until IS NULL OR v.valid_until >= ?3) \
       AND v.subevent_id IS ?2 \
       AND (v.quota_id = ?4 \
            OR v.variation_id IN (SELECT variation_id FROM quota_variations WHERE quota_id = ?4) \
            OR (v.variation_id IS NULL AND v.item_id IN (SELECT item_id FROM quota_items WHERE quota_id = ?4)))";

const WAITING: &str = "SELECT count(*) FROM waiting_list_entries w \
     WHERE w.event_id = ?1 AND w.voucher_id IS NULL AND w.subevent_id IS ?2 \
       AND (w.variation_id IN (SELECT variation_id FROM quota_variations WHERE quota_id = ?3) \
            OR (w.variation_id IS NULL AND w.item_id IN (SELECT item_id FROM quota_items WHERE quota_id = ?3)))";

/// The counts behind a quota's availability. `waiting_list` is `None` when it is not counted.
fn counts(
    conn: &Connection,
    q: &QuotaRow,
    now: DateTime<Utc>,
    count_waiting: bool,
) -> Result<(i64, Option<i64>)> {
    let vouchers: i64 =
        conn.query_row(BLOCKING_VOUCHERS, params![q.event_id, q.subevent_id, time::store(now), q.id], |r| {
            r.get(0)
        })?;
    let waiting = if count_waiting {
        Some(conn.query_row(WAITING, params![q.event_id, q.subevent_id, q.id], |r| r.get(0))?)
    } else {
        None
    };
    Ok((vouchers, waiting))
}

fn decide(q: &QuotaRow, vouchers: i64, waiting: Option<i64>) -> Availability {
    if q.closed {
        return Availability { state: State::Ordered, number: Some(0) };
    }
    let Some(size) = q.size else { return Availability::UNLIMITED };
    if size == 0 {
        return Availability { state: State::Gone, number: Some(0) };
    }
    let mut left = size - q.sold;
    if left <= 0 {
        return Availability { state: State::Gone, number: Some(0) };
    }
    left -= vouchers;
    if left <= 0 {
        return Availability { state: State::Ordered, number: Some(0) };
    }
    left -= waiting.unwrap_or(0);
    if left <= 0 {
        return Availability { state: State::Ordered, number: Some(0) };
    }
    Availability { state: State::Ok, number: Some(left) }
}

/// One quota's availability; waiting-list entries count when `count_waiting`.
pub(crate) fn of_quota(
    conn: &Connection,
    q: &QuotaRow,
    now: DateTime<Utc>,
    count_waiting: bool,
) -> Result<Availability> {
    let (vouchers, waiting) = counts(conn, q, now, count_waiting)?;
    Ok(decide(q, vouchers, waiting))
}

/// The figures of the availability endpoint (waiting list counted, as there in pretix).
pub(crate) fn report(
    conn: &Connection,
    q: &QuotaRow,
    now: DateTime<Utc>,
    count_waiting: bool,
) -> Result<QuotaAvailability> {
    let (vouchers, waiting) = counts(conn, q, now, true)?;
    let a = decide(q, vouchers, if count_waiting { waiting } else { None });
    Ok(QuotaAvailability {
        paid_orders: q.sold,
        pending_orders: 0,
        exited_orders: 0,
        blocking_vouchers: vouchers,
        cart_positions: 0,
        waiting_list: waiting.unwrap_or(0),
        available_number: a.number,
        available: a.is_available(),
        total_size: q.size,
    })
}

/// `id, event_id, subevent_id, size, sold, is_closed`, in that order.
fn quota_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<QuotaRow> {
    Ok(QuotaRow {
        id: r.get(0)?,
        event_id: r.get(1)?,
        subevent_id: r.get(2)?,
        size: r.get(3)?,
        sold: r.get(4)?,
        closed: r.get(5)?,
    })
}

pub(crate) fn quota_row(conn: &Connection, quota_id: i64) -> Result<Option<QuotaRow>> {
    Ok(conn
        .query_row(
            "SELECT id, event_id, subevent_id, size, sold, is_closed FROM quotas WHERE id = ?1",
            [quota_id],
            quota_from_row,
        )
        .optional()?)
}

/// The quotas a product (its variation, when given) is in, for one date.
pub(crate) fn quotas_of(
    conn: &Connection,
    item_id: i64,
    variation_id: Option<i64>,
    subevent_id: Option<i64>,
) -> Result<Vec<QuotaRow>> {
    let sql = match variation_id {
        Some(_) => {
            "SELECT q.id, q.event_id, q.subevent_id, q.size, q.sold, q.is_closed FROM quotas q \
             JOIN quota_variations qv ON qv.quota_id = q.id WHERE qv.variation_id = ?1 AND q.subevent_id IS ?2"
        }
        None => {
            "SELECT q.id, q.event_id, q.subevent_id, q.size, q.sold, q.is_closed FROM quotas q \
             JOIN quota_items qi ON qi.quota_id = q.id WHERE qi.item_id = ?1 AND q.subevent_id IS ?2"
        }
    };
    let key = variation_id.unwrap_or(item_id);
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![key, subevent_id], quota_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A product's availability for a date: the worst of its quotas; unconstrained in none.
pub(crate) fn of_product(
    conn: &Connection,
    item_id: i64,
    variation_id: Option<i64>,
    subevent_id: Option<i64>,
    now: DateTime<Utc>,
    count_waiting: bool,
) -> Result<Availability> {
    let quotas = quotas_of(conn, item_id, variation_id, subevent_id)?;
    if quotas.is_empty() {
        return Ok(Availability::UNCONSTRAINED);
    }
    let mut worst: Option<Availability> = None;
    for q in &quotas {
        let a = of_quota(conn, q, now, count_waiting)?;
        if worst.is_none_or(|w| a.order_key() < w.order_key()) {
            worst = Some(a);
        }
    }
    Ok(worst.unwrap_or(Availability::UNCONSTRAINED))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quota(size: Option<i64>, sold: i64, closed: bool) -> QuotaRow {
        QuotaRow { id: 1, event_id: 1, subevent_id: None, size, sold, closed }
    }

    #[test]
    fn a_closed_quota_is_ordered_with_nothing_left() {
        assert_eq!(
            decide(&quota(Some(5), 0, true), 0, None),
            Availability { state: State::Ordered, number: Some(0) }
        );
    }

    #[test]
    fn an_unlimited_quota_has_no_number() {
        assert_eq!(decide(&quota(None, 7, false), 3, Some(2)), Availability::UNLIMITED);
    }

    #[test]
    fn sold_out_is_gone_and_blocked_by_vouchers_is_ordered() {
        assert_eq!(decide(&quota(Some(2), 2, false), 0, None).state, State::Gone);
        assert_eq!(decide(&quota(Some(2), 1, false), 1, None).state, State::Ordered);
        assert_eq!(decide(&quota(Some(0), 0, false), 0, None).state, State::Gone);
    }

    #[test]
    fn waiting_entries_take_places_only_when_counted() {
        let q = quota(Some(3), 1, false);
        assert_eq!(decide(&q, 0, Some(2)).state, State::Ordered);
        assert_eq!(decide(&q, 0, None), Availability { state: State::Ok, number: Some(2) });
        assert_eq!(decide(&q, 0, Some(1)), Availability { state: State::Ok, number: Some(1) });
    }

    #[test]
    fn the_worst_quota_wins_and_unlimited_ones_count_as_most_available() {
        let limited = Availability { state: State::Ok, number: Some(1) };
        assert!(limited.order_key() < Availability::UNLIMITED.order_key());
        assert!(Availability { state: State::Gone, number: Some(0) }.order_key() < limited.order_key());
    }
}
