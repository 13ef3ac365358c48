use chrono::{DateTime, Utc};
use rand::Rng;
use rusqlite::{Connection, Transaction};
use rust_decimal::Decimal;
use serde_json::json;

use super::model::*;
use super::repo::{self, Values};
use crate::app::App;
use crate::auth::{Access, Permission};
use crate::error::{Error, FieldErrors, Result};
use crate::events::{self, Event, availability};
use crate::pagination::{Page, PageRequest};
use crate::types::{price_minor, price_minor_of_text, time};

/// pretix's voucher code alphabet: no I, J, O, 0 or 1, which people misread.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHKLMNPQRSTUVWXYZ23456789";
pub const CODE_LENGTH: usize = 16;
const NON_FIELD: &str = FieldErrors::NON_FIELD;
const PRICE_MODES: &[&str] = &["none", "set", "subtract", "percent"];

fn not_found() -> Error {
    Error::NotFound { entity: "Voucher" }
}

/// A fresh random code, unique among all vouchers.
pub(crate) fn new_code(conn: &Connection) -> Result<String> {
    let mut rng = rand::thread_rng();
    loop {
        let code: String =
            (0..CODE_LENGTH).map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char).collect();
        if !repo::code_taken_anywhere(conn, &code)? {
            return Ok(code);
        }
    }
}

fn blank(now: DateTime<Utc>) -> Voucher {
    Voucher {
        id: 0,
        code: String::new(),
        max_usages: 1,
        redeemed: 0,
        min_usages: 1,
        valid_until: None,
        block_quota: false,
        allow_ignore_quota: false,
        price_mode: "none".into(),
        value: None,
        item: None,
        variation: None,
        quota: None,
        tag: String::new(),
        comment: String::new(),
        subevent: None,
        show_hidden_items: true,
        seat: None,
        all_addons_included: false,
        all_bundles_included: false,
        budget: None,
        budget_used: "0.00".into(),
        created: now,
    }
}

fn minor(raw: &Option<String>) -> Option<i64> {
    raw.as_deref().and_then(price_minor_of_text)
}

fn two_places(value: Decimal, field: &str, errors: &mut FieldErrors) -> Option<String> {
    errors.check(field, price_minor(value)).map(events::repo::price)
}

fn apply(v: &mut Voucher, c: &VoucherChange, errors: &mut FieldErrors) {
    if let Some(code) = &c.code {
        let code = code.trim();
        if code.chars().count() < 5 {
            errors.add("code", "Ensure this field has at least 5 characters.");
        } else if code.chars().count() > 255 {
            errors.add("code", "Ensure this field has no more than 255 characters.");
        }
        v.code = code.to_uppercase();
    }
    if let Some(n) = c.max_usages {
        v.max_usages = n;
    }
    if let Some(n) = c.min_usages {
        v.min_usages = n;
    }
    if let Some(x) = c.valid_until {
        v.valid_until = x;
    }
    if let Some(x) = c.block_quota {
        v.block_quota = x;
    }
    if let Some(x) = c.allow_ignore_quota {
        v.allow_ignore_quota = x;
    }
    if let Some(mode) = &c.price_mode {
        if PRICE_MODES.contains(&mode.as_str()) {
            v.price_mode = mode.clone();
        } else {
            errors.add("price_mode", format!("\"{mode}\" is not a valid choice."));
        }
    }
    if let Some(x) = c.value {
        v.value = x.and_then(|d| two_places(d, "value", errors));
    }
    if let Some(x) = c.item {
        v.item = x;
    }
    if let Some(x) = c.variation {
        v.variation = x;
    }
    if let Some(x) = c.quota {
        v.quota = x;
    }
    if let Some(x) = &c.tag {
        v.tag = x.clone();
    }
    if let Some(x) = &c.comment {
        v.comment = x.clone();
    }
    if let Some(x) = c.subevent {
        v.subevent = x;
    }
    if let Some(x) = c.show_hidden_items {
        v.show_hidden_items = x;
    }
    if let Some(Some(seat)) = &c.seat {
        errors.add("seat", format!("Invalid seat \"{seat}\": this event has no seating plan."));
    }
    if let Some(x) = c.all_addons_included {
        v.all_addons_included = x;
    }
    if let Some(x) = c.all_bundles_included {
        v.all_bundles_included = x;
    }
    if let Some(x) = c.budget {
        v.budget = x.and_then(|d| two_places(d, "budget", errors));
    }
    for (field, n) in [("max_usages", v.max_usages), ("min_usages", v.min_usages)] {
        if n < 0 {
            errors.add(field, "Ensure this value is greater than or equal to 0.");
        } else if n > i32::MAX as i64 {
            errors.add(field, format!("Ensure this value is less than or equal to {}.", i32::MAX));
        }
    }
}

/// The places a voucher holds while valid and unredeemed.
fn holds(v: &Voucher, now: DateTime<Utc>) -> i64 {
    if v.block_quota && v.valid_until.is_none_or(|u| u >= now) {
        (v.max_usages - v.redeemed).max(0)
    } else {
        0
    }
}

/// pretix's checks on the merged voucher, including free quota for a newly blocking voucher.
fn validate(
    conn: &Connection,
    access: &Access,
    event: &Event,
    v: &Voucher,
    before: Option<&Voucher>,
    now: DateTime<Utc>,
    errors: &mut FieldErrors,
) -> Result<()> {
    if v.quota.is_some() && v.item.is_some() {
        errors.add(NON_FIELD, "You cannot select a quota and a specific product at the same time.");
    }
    if let Some(item) = v.item {
        match events::repo::item_event(conn, access.organizer_id(), item)? {
            None => errors.add("item", format!("Invalid pk \"{item}\" - object does not exist.")),
            Some(e) if e != event.id => {
                errors.add(NON_FIELD, "You cannot select an item that belongs to a different event.")
            }
            Some(_) => {}
        }
    }
    if let Some(variation) = v.variation {
        match events::repo::variation_item(conn, access.organizer_id(), variation)? {
            None => errors.add("variation", format!("Invalid pk \"{variation}\" - object does not exist.")),
            Some((item, _)) if Some(item) != v.item => errors.add(
                NON_FIELD,
                "You cannot select a variation without having selected a product that provides variations.",
            ),
            Some(_) => {}
        }
    }
    if let Some(quota) = v.quota
        && events::repo::find_quota(conn, event.id, quota)?.is_none()
    {
        errors.add("quota", format!("Invalid pk \"{quota}\" - object does not exist."));
    }
    match v.subevent {
        Some(_) if !event.has_subevents => {
            errors.add(NON_FIELD, "You can not select a subevent if your event is not an event series.")
        }
        Some(s) if events::repo::find_subevent(conn, event.id, s)?.is_none() => {
            errors.add("subevent", format!("Invalid pk \"{s}\" - object does not exist."))
        }
        _ => {}
    }
    if v.block_quota {
        if v.item.is_none() && v.quota.is_none() {
            errors.add(
                NON_FIELD,
                "You need to select a specific product or quota if this voucher should reserve tickets.",
            );
        } else if event.has_subevents && v.subevent.is_none() {
            errors.add(
                NON_FIELD,
                "If you want this voucher to block quota, you need to select a specific date.",
            );
        }
    }
    if v.max_usages < v.min_usages {
        errors.add(
            "max_usages",
            "The maximum number of usages may not be lower than the minimum number of usages.",
        );
    }
    if v.max_usages < v.redeemed {
        errors.add(
            "max_usages",
            "This voucher has already been redeemed more often than the new maximum number of usages.",
        );
    }
    if !errors.is_empty() {
        return Ok(());
    }
    // A voucher that (newly or more) blocks places needs them free; the waiting list does not count.
    let same_target = before.is_some_and(|b| {
        b.item == v.item && b.variation == v.variation && b.quota == v.quota && b.subevent == v.subevent
    });
    let already = if same_target { before.map_or(0, |b| holds(b, now)) } else { 0 };
    let needed = holds(v, now) - already;
    if needed > 0 {
        let free = match (v.quota, v.item) {
            (Some(quota), _) => {
                let row = availability::quota_row(conn, quota)?.ok_or_else(not_found)?;
                let row = availability::QuotaRow { subevent_id: v.subevent.or(row.subevent_id), ..row };
                availability::of_quota(conn, &row, now, false)?
            }
            (None, Some(item)) => availability::of_product(conn, item, v.variation, v.subevent, now, false)?,
            (None, None) => availability::Availability::UNLIMITED,
        };
        if free.number.is_some_and(|n| n < needed) {
            errors.add(
                NON_FIELD,
                "You cannot create a voucher that blocks quota as the selected product or quota is currently sold out or completely reserved.",
            );
        }
    }
    Ok(())
}

fn matches(v: &Voucher, f: &VoucherFilter, now: DateTime<Utc>) -> bool {
    f.code.as_deref().is_none_or(|c| v.code.eq_ignore_ascii_case(c))
        && f.max_usages.is_none_or(|n| v.max_usages == n)
        && f.redeemed.is_none_or(|n| v.redeemed == n)
        && f.block_quota.is_none_or(|b| v.block_quota == b)
        && f.allow_ignore_quota.is_none_or(|b| v.allow_ignore_quota == b)
        && f.price_mode.as_deref().is_none_or(|m| v.price_mode == m)
        && f.item.is_none_or(|i| v.item == Some(i))
        && f.variation.is_none_or(|i| v.variation == Some(i))
        && f.quota.is_none_or(|i| v.quota == Some(i))
        && f.tag.as_deref().is_none_or(|t| v.tag == t)
        && f.subevent.is_none_or(|i| v.subevent == Some(i))
        && f.active.is_none_or(|a| (v.redeemed < v.max_usages && v.valid_until.is_none_or(|u| u >= now)) == a)
        && f.search.as_deref().is_none_or(|s| {
            let s = s.to_lowercase();
            [&v.code, &v.tag, &v.comment].iter().any(|x| x.to_lowercase().contains(&s))
        })
}

/// The event's vouchers, filtered, ordered and paged. Errors: `forbidden`
/// (`event.vouchers:read`), `validation` (unknown ordering).
pub fn list(
    app: &App,
    access: &Access,
    event: &str,
    filter: &VoucherFilter,
    page: PageRequest,
) -> Result<Page<Voucher>> {
    let now = app.now();
    let all = app.db().read(|c| {
        let ev = events::service_visible_event(c, access, event)?;
        access.require_event(event, Permission::EVENT_VOUCHERS_READ)?;
        repo::list(c, ev.id)
    })?;
    let mut vouchers: Vec<Voucher> = all.into_iter().filter(|v| matches(v, filter, now)).collect();
    if let Some(ordering) = filter.ordering.as_deref() {
        let (desc, key) = ordering.strip_prefix('-').map_or((false, ordering), |k| (true, k));
        match key {
            "id" => {}
            "code" => vouchers.sort_by(|a, b| a.code.cmp(&b.code)),
            "max_usages" => vouchers.sort_by_key(|v| v.max_usages),
            "valid_until" => vouchers.sort_by_key(|v| v.valid_until),
            "value" => vouchers.sort_by_key(|v| minor(&v.value)),
            _ => {}
        }
        if desc {
            vouchers.reverse();
        }
    }
    page.slice(vouchers)
}

/// Errors: `forbidden`, `not_found`.
pub fn get(app: &App, access: &Access, event: &str, id: i64) -> Result<Voucher> {
    app.db().read(|c| {
        let ev = events::service_visible_event(c, access, event)?;
        access.require_event(event, Permission::EVENT_VOUCHERS_READ)?;
        repo::find(c, ev.id, id)?.ok_or_else(not_found)
    })
}

/// Creates a voucher inside a transaction (used by the API, batch creation and the waiting list).
pub(crate) fn create_in_tx(
    tx: &Transaction<'_>,
    access: &Access,
    event: &Event,
    change: &VoucherChange,
    now: DateTime<Utc>,
    source: Option<&str>,
) -> Result<Voucher> {
    let mut errors = FieldErrors::new();
    let mut v = blank(now);
    apply(&mut v, change, &mut errors);
    if change.code.is_none() {
        v.code = new_code(tx)?;
    } else if errors.get("code").is_none() && repo::find_by_code(tx, event.id, &v.code)?.is_some() {
        errors.add("code", "A voucher with this code already exists.");
    }
    if errors.is_empty() {
        validate(tx, access, event, &v, None, now, &mut errors)?;
    }
    errors.into_result()?;
    let values = Values { v: &v, value: minor(&v.value), budget: minor(&v.budget) };
    v.id = repo::save(tx, event.id, &values)?;
    let mut data = json!({
        "item": v.item, "variation": v.variation, "tag": v.tag, "block_quota": v.block_quota,
        "valid_until": v.valid_until.map(time::format), "max_usages": v.max_usages, "subevent": v.subevent,
    });
    if let Some(source) = source {
        data["source"] = json!(source);
    }
    events::log(tx, access, now, ("voucher", v.id), "pretix.voucher.added", data)?;
    repo::find(tx, event.id, v.id)?.ok_or_else(not_found)
}

/// Creates a voucher; every field is optional (a random code by default). Errors: `forbidden`
/// (`event.vouchers:write`), `validation`.
pub fn create(app: &App, access: &Access, event: &str, change: VoucherChange) -> Result<Voucher> {
    let now = app.now();
    app.db().write(|tx| {
        let ev = events::service_visible_event(tx, access, event)?;
        access.require_event(event, Permission::EVENT_VOUCHERS_WRITE)?;
        create_in_tx(tx, access, &ev, &change, now, None)
    })
}

/// Creates several vouchers, all or none; duplicate codes in the request are refused per entry.
/// Errors: `forbidden`, `validation` (one error object per entry, in `non_field_errors` order).
pub fn batch_create(
    app: &App,
    access: &Access,
    event: &str,
    changes: Vec<VoucherChange>,
) -> Result<Vec<Voucher>, (Error, Vec<FieldErrors>)> {
    let now = app.now();
    let mut codes = std::collections::HashSet::new();
    let mut per_entry: Vec<FieldErrors> = changes
        .iter()
        .map(|c| {
            let mut e = FieldErrors::new();
            if let Some(code) = &c.code
                && !codes.insert(code.trim().to_uppercase())
            {
                e.add("code", "Duplicate voucher code in request.");
            }
            e
        })
        .collect();
    if per_entry.iter().any(|e| !e.is_empty()) {
        return Err((Error::Validation(FieldErrors::new()), per_entry));
    }
    let result = app.db().write(|tx| {
        let ev = events::service_visible_event(tx, access, event)?;
        access.require_event(event, Permission::EVENT_VOUCHERS_WRITE)?;
        let mut created = Vec::new();
        let mut failed = false;
        for (i, c) in changes.iter().enumerate() {
            match create_in_tx(tx, access, &ev, c, now, None) {
                Ok(v) => created.push(v),
                Err(Error::Validation(e)) => {
                    per_entry[i] = e;
                    failed = true;
                }
                Err(other) => return Err(other),
            }
        }
        if failed { Err(Error::Validation(FieldErrors::new())) } else { Ok(created) }
    });
    match result {
        Ok(v) => Ok(v),
        Err(Error::Validation(_)) => Err((Error::Validation(FieldErrors::new()), per_entry)),
        Err(other) => Err((other, vec![])),
    }
}

/// Changes a voucher, validated on the merged state. Errors: `forbidden`, `not_found`,
/// `validation`.
pub fn update(app: &App, access: &Access, event: &str, id: i64, change: VoucherChange) -> Result<Voucher> {
    let now = app.now();
    app.db().write(|tx| {
        let ev = events::service_visible_event(tx, access, event)?;
        access.require_event(event, Permission::EVENT_VOUCHERS_WRITE)?;
        let before = repo::find(tx, ev.id, id)?.ok_or_else(not_found)?;
        let mut v = before.clone();
        let mut errors = FieldErrors::new();
        apply(&mut v, &change, &mut errors);
        if errors.get("code").is_none()
            && v.code != before.code
            && repo::find_by_code(tx, ev.id, &v.code)?.is_some_and(|o| o.id != id)
        {
            errors.add("code", "A voucher with this code already exists.");
        }
        if errors.is_empty() {
            validate(tx, access, &ev, &v, Some(&before), now, &mut errors)?;
        }
        errors.into_result()?;
        repo::save(tx, ev.id, &Values { v: &v, value: minor(&v.value), budget: minor(&v.budget) })?;
        events::log(tx, access, now, ("voucher", id), "pretix.voucher.changed", json!({}))?;
        repo::find(tx, ev.id, id)?.ok_or_else(not_found)
    })
}

/// Deletes an unredeemed voucher (and the waiting-list entry it was sent to); its places go to
/// the next in line. Errors: `forbidden`, `not_found`, `refused`.
pub fn delete(app: &App, access: &Access, event: &str, id: i64) -> Result<()> {
    let now = app.now();
    app.db().write(|tx| {
        let ev = events::service_visible_event(tx, access, event)?;
        access.require_event(event, Permission::EVENT_VOUCHERS_WRITE)?;
        let v = repo::find(tx, ev.id, id)?.ok_or_else(not_found)?;
        if v.redeemed > 0 {
            return Err(Error::Refused("This voucher can not be deleted as it has already been used."));
        }
        events::log(tx, access, now, ("voucher", id), "pretix.voucher.deleted", json!({"code": v.code}))?;
        repo::delete(tx, id)
    })
}

/// Records one use of a voucher (a ticket sold with it at the box office or elsewhere).
/// Errors: `forbidden` (`event.vouchers:write` or `event.orders:write`), `not_found`,
/// `refused` (used up or expired).
pub fn redeem(app: &App, access: &Access, event: &str, id: i64, note: &str) -> Result<Voucher> {
    let now = app.now();
    app.db().write(|tx| {
        let ev = events::service_visible_event(tx, access, event)?;
        if access.require_event(event, Permission::EVENT_VOUCHERS_WRITE).is_err() {
            access.require_event(event, Permission::EVENT_ORDERS_WRITE)?;
        }
        let v = repo::find(tx, ev.id, id)?.ok_or_else(not_found)?;
        if v.redeemed >= v.max_usages {
            return Err(Error::Refused(
                "This voucher has already been redeemed the maximum number of times.",
            ));
        }
        if v.valid_until.is_some_and(|u| u < now) {
            return Err(Error::Refused("This voucher is expired."));
        }
        repo::redeem(tx, id, &access.actor, &time::store(now), note)?;
        // The ticket it was used for is sold: it now counts in its quotas as a sale, so the place
        // does not come free again when the voucher stops blocking it.
        let quotas = match (v.quota, v.item) {
            (Some(q), _) => vec![q],
            (None, Some(item)) => {
                let with_variations =
                    events::repo::find_item(tx, ev.id, item)?.is_some_and(|i| i.has_variations);
                let variation = if with_variations { v.variation } else { None };
                availability::quotas_of(tx, item, variation, v.subevent)?.iter().map(|q| q.id).collect()
            }
            (None, None) => vec![],
        };
        for q in quotas {
            tx.execute("UPDATE quotas SET sold = sold + 1 WHERE id = ?1", [q])?;
        }
        events::log(tx, access, now, ("voucher", id), "pretix.voucher.redeemed", json!({"note": note}))?;
        repo::find(tx, ev.id, id)?.ok_or_else(not_found)
    })
}

/// The recorded redemptions of a voucher. Errors: `forbidden`, `not_found`.
pub fn redemptions(app: &App, access: &Access, event: &str, id: i64) -> Result<Vec<Redemption>> {
    app.db().read(|c| {
        let ev = events::service_visible_event(c, access, event)?;
        access.require_event(event, Permission::EVENT_VOUCHERS_READ)?;
        repo::find(c, ev.id, id)?.ok_or_else(not_found)?;
        repo::redemptions(c, id)
    })
}
