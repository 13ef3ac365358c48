use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::{Connection, Transaction};
use serde_json::json;

use super::model::*;
use super::repo;
use crate::app::App;
use crate::auth::{Access, Permission};
use crate::error::{Error, FieldErrors, Result};
use crate::events::settings::WaitingListSettings;
use crate::events::{self, Event, availability};
use crate::outbox;
use crate::pagination::{Page, PageRequest};
use crate::types::{Email, NameParts, Phone, time};
use crate::vouchers::{self, Voucher, VoucherChange};

const NON_FIELD: &str = FieldErrors::NON_FIELD;
const CHOICE: &str = "Select a valid choice. That choice is not one of the available choices.";

fn not_found() -> Error {
    Error::NotFound { entity: "WaitingListEntry" }
}

fn settings_of(conn: &Connection, access: &Access, event: &Event) -> Result<WaitingListSettings> {
    Ok(WaitingListSettings::from(&events::event_settings_in(conn, access, event)?))
}

fn order(
    entries: &mut [WaitingListEntry],
    ordering: Option<&str>,
    item_order: &BTreeMap<i64, (i64, i64)>,
) -> Result<()> {
    let Some(ordering) = ordering.filter(|o| !o.trim().is_empty()) else { return Ok(()) };
    let mut keys = Vec::new();
    for raw in ordering.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        let (desc, key) = raw.strip_prefix('-').map_or((false, raw), |k| (true, k));
        if !["id", "created", "email", "item"].contains(&key) {
            // DRF ignores unknown ordering fields.
            continue;
        }
        keys.push((key.to_string(), desc));
    }
    if keys.is_empty() {
        return Ok(());
    }
    if !keys.iter().any(|(k, _)| k == "id") {
        keys.push(("id".into(), true));
    }
    entries.sort_by(|a, b| {
        for (key, desc) in &keys {
            let o = match key.as_str() {
                "id" => a.id.cmp(&b.id),
                "created" => a.created.cmp(&b.created),
                "email" => a.email.cmp(&b.email),
                _ => item_order.get(&a.item).cmp(&item_order.get(&b.item)),
            };
            let o = if *desc { o.reverse() } else { o };
            if o != std::cmp::Ordering::Equal {
                return o;
            }
        }
        std::cmp::Ordering::Equal
    });
    Ok(())
}

/// The event's entries, filtered, ordered (default: creation) and paged. Errors: `forbidden`
/// (`event.orders:read`), `validation` (a filter naming an unknown product, variation or date).
pub fn list(
    app: &App,
    access: &Access,
    event: &str,
    filter: &EntryFilter,
    page: PageRequest,
) -> Result<Page<WaitingListEntry>> {
    let entries = app.db().read(|c| {
        let ev = events::service_visible_event(c, access, event)?;
        access.require_event(event, Permission::EVENT_ORDERS_READ)?;
        let mut errors = FieldErrors::new();
        if let Some(item) = filter.item
            && events::repo::find_item(c, ev.id, item)?.is_none()
        {
            errors.add("item", CHOICE);
        }
        if let Some(v) = filter.variation
            && events::repo::variation_item(c, access.organizer_id(), v)?.is_none_or(|(_, e)| e != ev.id)
        {
            errors.add("variation", CHOICE);
        }
        if let Some(s) = filter.subevent
            && events::repo::find_subevent(c, ev.id, s)?.is_none()
        {
            errors.add("subevent", CHOICE);
        }
        errors.into_result()?;
        let items: BTreeMap<i64, (i64, i64)> =
            events::repo::list_items(c, ev.id)?.iter().map(|i| (i.id, (i.position, i.id))).collect();
        let mut entries: Vec<WaitingListEntry> = repo::list(c, ev.id)?
            .into_iter()
            .filter(|e| filter.item.is_none_or(|i| e.item == i))
            .filter(|e| filter.variation.is_none_or(|v| e.variation == Some(v)))
            .filter(|e| filter.subevent.is_none_or(|s| e.subevent == Some(s)))
            .filter(|e| filter.email.as_deref().is_none_or(|m| e.email == m))
            .filter(|e| filter.locale.as_deref().is_none_or(|l| e.locale == l))
            .filter(|e| filter.has_voucher.is_none_or(|h| e.voucher.is_some() == h))
            .collect();
        order(&mut entries, filter.ordering.as_deref(), &items)?;
        Ok(entries)
    })?;
    page.slice(entries)
}

/// Errors: `forbidden`, `not_found`.
pub fn get(app: &App, access: &Access, event: &str, id: i64) -> Result<WaitingListEntry> {
    app.db().read(|c| {
        let ev = events::service_visible_event(c, access, event)?;
        access.require_event(event, Permission::EVENT_ORDERS_READ)?;
        repo::find(c, ev.id, id)?.ok_or_else(not_found)
    })
}

/// pretix's checks, in its order, on the merged entry; the first failing one is reported.
fn validate(
    conn: &Connection,
    event: &Event,
    settings: &WaitingListSettings,
    entry: &WaitingListEntry,
    product_in_request: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let refuse = |m: &str| Err(Error::Validation(FieldErrors::single(NON_FIELD, m)));
    if repo::count_same(conn, event.id, entry.id, entry)? >= settings.limit_per_user {
        return refuse(
            "You are already on this waiting list! We will notify you as soon as we have a ticket available for you.",
        );
    }
    let Some(item) = events::repo::find_item(conn, event.id, entry.item)? else {
        return refuse("The selected item does not belong to this event.");
    };
    if item.has_variations && !entry.variation.is_some_and(|v| item.variations.iter().any(|x| x.id == v)) {
        return refuse("Please select a specific variation of this product.");
    }
    match entry.subevent {
        None if event.has_subevents => return refuse("Subevent cannot be null for event series."),
        Some(_) if !event.has_subevents => return refuse("The subevent does not belong to this event."),
        Some(s) if events::repo::find_subevent(conn, event.id, s)?.is_none() => {
            return refuse("The subevent does not belong to this event.");
        }
        _ => {}
    }
    if product_in_request {
        let count_waiting = settings.auto_disable.is_none_or(|at| now < at);
        let variation = if item.has_variations { entry.variation } else { None };
        let a = availability::of_product(conn, entry.item, variation, entry.subevent, now, count_waiting)?;
        if a.is_available() {
            return refuse("This product is currently available.");
        }
    }
    Ok(())
}

/// Field checks that come before the rules: email, phone, priority range, locale, and that the
/// related objects exist in the organizer.
fn apply(
    conn: &Connection,
    access: &Access,
    settings: &WaitingListSettings,
    e: &mut WaitingListEntry,
    c: &EntryChange,
) -> Result<()> {
    let mut errors = FieldErrors::new();
    if let Some(email) = &c.email {
        // Checked like any address, but kept as typed: pretix's email filter is case-sensitive.
        match Email::parse(email) {
            Ok(_) => e.email = email.trim().to_string(),
            Err(msg) => errors.add("email", msg),
        }
    }
    if let Some(phone) = &c.phone {
        e.phone = match phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None => None,
            Some(p) => errors.check("phone", Phone::parse(p)).map(|p| p.as_str().to_string()),
        };
    }
    if let Some(parts) = &c.name_parts
        && let Some(parts) = errors.check("name_parts", NameParts::parse(parts.clone(), settings.name_scheme))
    {
        e.name_parts = parts.as_map().clone();
        let name = parts.display(settings.name_scheme);
        e.name = Some(name).filter(|n| !n.is_empty());
    }
    if let Some(item) = c.item {
        if events::repo::item_event(conn, access.organizer_id(), item)?.is_none() {
            errors.add("item", format!("Invalid pk \"{item}\" - object does not exist."));
        }
        e.item = item;
    }
    if let Some(variation) = c.variation {
        if let Some(v) = variation
            && events::repo::variation_item(conn, access.organizer_id(), v)?.is_none()
        {
            errors.add("variation", format!("Invalid pk \"{v}\" - object does not exist."));
        }
        e.variation = variation;
    }
    if let Some(subevent) = c.subevent {
        if let Some(s) = subevent {
            let exists: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM subevents s JOIN events e ON e.id = s.event_id \
                 WHERE s.id = ?1 AND e.organizer_id = ?2)",
                rusqlite::params![s, access.organizer_id()],
                |r| r.get(0),
            )?;
            if !exists {
                errors.add("subevent", format!("Invalid pk \"{s}\" - object does not exist."));
            }
        }
        e.subevent = subevent;
    }
    if let Some(p) = c.priority {
        if !(i32::MIN as i64..=i32::MAX as i64).contains(&p) {
            errors.add("priority", format!("Ensure this value is less than or equal to {}.", i32::MAX));
        }
        e.priority = p;
    }
    // pretix sets the event's default language whenever the request names none, on PATCH too.
    match c.locale.clone().flatten() {
        Some(l) if settings.locales.contains(&l) => e.locale = l,
        Some(l) => errors.add("locale", format!("\"{l}\" is not a valid choice.")),
        None => e.locale = settings.locale.clone(),
    }
    errors.into_result()
}

/// Puts someone on the waiting list. `email` and `item` are required; the product must be sold
/// out (waiting-list entries count as taken). Errors: `forbidden` (`event.orders:write`),
/// `validation` (pretix's messages, in pretix's order).
pub fn create(app: &App, access: &Access, event: &str, change: EntryChange) -> Result<WaitingListEntry> {
    let now = app.now();
    app.db().write(|tx| {
        let ev = events::service_visible_event(tx, access, event)?;
        access.require_event(event, Permission::EVENT_ORDERS_WRITE)?;
        let mut missing = FieldErrors::new();
        if change.email.is_none() {
            missing.add("email", "This field is required.");
        }
        if change.item.is_none() {
            missing.add("item", "This field is required.");
        }
        let settings = settings_of(tx, access, &ev)?;
        let mut entry = WaitingListEntry {
            id: 0,
            created: now,
            name: None,
            name_parts: BTreeMap::new(),
            email: String::new(),
            phone: None,
            voucher: None,
            item: 0,
            variation: None,
            locale: settings.locale.clone(),
            subevent: None,
            priority: 0,
        };
        let fields = apply(tx, access, &settings, &mut entry, &change);
        match (missing.is_empty(), fields) {
            (true, r) => r?,
            (false, Err(Error::Validation(more))) => {
                for (k, v) in more.iter() {
                    for m in v {
                        missing.add(k.clone(), m.clone());
                    }
                }
                return Err(Error::Validation(missing));
            }
            (false, _) => return Err(Error::Validation(missing)),
        }
        validate(tx, &ev, &settings, &entry, true, now)?;
        entry.id = repo::save(tx, ev.id, &entry)?;
        events::log(
            tx,
            access,
            now,
            ("waitinglistentry", entry.id),
            "pretix.event.orders.waitinglist.added",
            json!({}),
        )?;
        repo::find(tx, ev.id, entry.id)?.ok_or_else(not_found)
    })
}

/// Changes an entry (PUT requires `email` and `item`, which the adapter checks). Validation runs
/// first; then an entry with a voucher is refused. Errors: `forbidden`, `not_found`,
/// `validation`, `refused`.
pub fn update(
    app: &App,
    access: &Access,
    event: &str,
    id: i64,
    change: EntryChange,
) -> Result<WaitingListEntry> {
    let now = app.now();
    app.db().write(|tx| {
        let ev = events::service_visible_event(tx, access, event)?;
        access.require_event(event, Permission::EVENT_ORDERS_WRITE)?;
        let mut entry = repo::find(tx, ev.id, id)?.ok_or_else(not_found)?;
        let settings = settings_of(tx, access, &ev)?;
        apply(tx, access, &settings, &mut entry, &change)?;
        let product_in_request = change.item.is_some() || change.variation.is_some();
        validate(tx, &ev, &settings, &entry, product_in_request, now)?;
        if entry.voucher.is_some() {
            return Err(Error::Refused(
                "This entry can not be changed as it has already been assigned a voucher.",
            ));
        }
        repo::save(tx, ev.id, &entry)?;
        events::log(
            tx,
            access,
            now,
            ("waitinglistentry", id),
            "pretix.event.orders.waitinglist.changed",
            json!({}),
        )?;
        repo::find(tx, ev.id, id)?.ok_or_else(not_found)
    })
}

/// Removes an entry that has no voucher yet. Errors: `forbidden`, `not_found`, `refused`.
pub fn delete(app: &App, access: &Access, event: &str, id: i64) -> Result<()> {
    let now = app.now();
    app.db().write(|tx| {
        let ev = events::service_visible_event(tx, access, event)?;
        access.require_event(event, Permission::EVENT_ORDERS_WRITE)?;
        let entry = repo::find(tx, ev.id, id)?.ok_or_else(not_found)?;
        if entry.voucher.is_some() {
            return Err(Error::Refused(
                "This entry can not be deleted as it has already been assigned a voucher.",
            ));
        }
        events::log(
            tx,
            access,
            now,
            ("waitinglistentry", id),
            "pretix.event.orders.waitinglist.deleted",
            json!({}),
        )?;
        repo::delete(tx, id)
    })
}

/// The product's name as the mail and the desk show it.
fn product_name(conn: &Connection, event: &Event, entry: &WaitingListEntry, locale: &str) -> Result<String> {
    let Some(item) = events::repo::find_item(conn, event.id, entry.item)? else { return Ok(String::new()) };
    let name = crate::types::I18nText::from_stored(item.name.clone()).localized(locale).to_string();
    let variation = entry.variation.and_then(|v| item.variations.iter().find(|x| x.id == v));
    Ok(match variation {
        Some(v) => {
            format!("{name} – {}", crate::types::I18nText::from_stored(v.value.clone()).localized(locale))
        }
        None => name,
    })
}

/// Sends a voucher to one entry, inside the caller's transaction: pretix's preconditions in
/// pretix's order (a free place not counting the waiting list, an address that is not
/// anonymized, no voucher yet), then the voucher, the log entries and the queued mail.
pub(crate) fn send_voucher_in_tx(
    tx: &Transaction<'_>,
    access: &Access,
    event: &Event,
    entry: &WaitingListEntry,
    now: DateTime<Utc>,
) -> Result<Voucher> {
    let item_has_variations =
        events::repo::find_item(tx, event.id, entry.item)?.is_some_and(|i| i.has_variations);
    let variation = if item_has_variations { entry.variation } else { None };
    let free = availability::of_product(tx, entry.item, variation, entry.subevent, now, false)?;
    if free.number.is_none_or(|n| n < 1) {
        return Err(Error::Declined("This product is currently not available."));
    }
    if !entry.email.contains('@') {
        return Err(Error::Declined("This entry is anonymized and can no longer be used."));
    }
    if entry.voucher.is_some() {
        return Err(Error::Declined("A voucher has already been sent to this person."));
    }
    let settings = settings_of(tx, access, event)?;
    let valid_until =
        now.checked_add_signed(TimeDelta::hours(settings.hours)).unwrap_or(DateTime::<Utc>::MAX_UTC);
    let comment = match &entry.name {
        Some(name) => format!("Automatically created from waiting list entry for {} / {name}", entry.email),
        None => format!("Automatically created from waiting list entry for {}", entry.email),
    };
    let change = VoucherChange {
        max_usages: Some(1),
        valid_until: Some(Some(valid_until)),
        block_quota: Some(true),
        item: Some(Some(entry.item)),
        variation: Some(entry.variation),
        subevent: Some(entry.subevent),
        tag: Some("waiting-list".into()),
        comment: Some(comment),
        ..VoucherChange::default()
    };
    let voucher = vouchers::create_in_tx(tx, access, event, &change, now, Some("waitinglist"))?;
    if !repo::set_voucher(tx, entry.id, voucher.id)? {
        // Someone else assigned it between our read and this write (cannot happen under the
        // single writer, but the guard keeps it true if that ever changes).
        return Err(Error::Declined("A voucher has already been sent to this person."));
    }
    events::log(
        tx,
        access,
        now,
        ("voucher", voucher.id),
        "pretix.voucher.added.waitinglist",
        json!({"email": entry.email, "waitinglistentry": entry.id}),
    )?;
    let product = product_name(tx, event, entry, &entry.locale)?;
    let event_name = crate::types::I18nText::from_stored(event.name.clone());
    let mail = outbox::WaitingListMail {
        locale: &entry.locale,
        recipient: &entry.email,
        name: entry.name.as_deref().unwrap_or(""),
        event: event_name.localized(&entry.locale),
        product: &product,
        code: &voucher.code,
        hours: settings.hours,
        valid_until,
        subject: settings.mail_subject.as_ref(),
        text: settings.mail_text.as_ref(),
    };
    outbox::queue_waiting_list_voucher_in_tx(tx, now, access, &mail)?;
    events::log(
        tx,
        access,
        now,
        ("waitinglistentry", entry.id),
        "pretix.event.orders.waitinglist.voucher_assigned",
        json!({"subject": "waiting list voucher", "recipient": entry.email}),
    )?;
    Ok(voucher)
}

/// `send_voucher/`: creates and sends a voucher now. Errors: `forbidden` (`event.orders:write`),
/// `not_found`, `declined` (pretix's bare-list messages).
pub fn send_voucher(app: &App, access: &Access, event: &str, id: i64) -> Result<Voucher> {
    let now = app.now();
    app.db().write(|tx| {
        let ev = events::service_visible_event(tx, access, event)?;
        access.require_event(event, Permission::EVENT_ORDERS_WRITE)?;
        let entry = repo::find(tx, ev.id, id)?.ok_or_else(not_found)?;
        send_voucher_in_tx(tx, access, &ev, &entry, now)
    })
}

/// The desk's view of an event's waiting list: every entry with its product's name and its
/// voucher's state, waiting ones first in the order they will be served.
pub fn desk_rows(app: &App, access: &Access, event: &str) -> Result<Vec<WaitingListRow>> {
    let now = app.now();
    app.db().read(|c| {
        let locale = events::desk::desk_locale(c, access)?;
        let locale = locale.as_str();
        let ev = events::service_visible_event(c, access, event)?;
        access.require_event(event, Permission::EVENT_ORDERS_READ)?;
        let mut entries = repo::list(c, ev.id)?;
        entries.sort_by(|a, b| {
            (a.voucher.is_some(), std::cmp::Reverse(a.priority), a.created, a.id).cmp(&(
                b.voucher.is_some(),
                std::cmp::Reverse(b.priority),
                b.created,
                b.id,
            ))
        });
        entries
            .into_iter()
            .map(|entry| {
                let voucher = match entry.voucher {
                    Some(v) => vouchers::repo::find(c, ev.id, v)?,
                    None => None,
                };
                Ok(WaitingListRow {
                    product: product_name(c, &ev, &entry, locale)?,
                    voucher_code: voucher.as_ref().map(|v| v.code.clone()),
                    voucher_valid_until: voucher.as_ref().and_then(|v| v.valid_until).map(time::format),
                    voucher_redeemed: voucher.as_ref().is_some_and(|v| v.redeemed > 0),
                    voucher_expired: voucher
                        .as_ref()
                        .is_some_and(|v| v.redeemed == 0 && v.valid_until.is_some_and(|u| u < now)),
                    entry,
                })
            })
            .collect()
    })
}

/// A desk edit: like [`update`], but the product counts as named only when the form changed it,
/// so that staff can reorder or correct an entry while places are free (pretix re-checks the
/// availability whenever a PUT carries the product, which the desk's form always does).
/// Errors as [`update`].
pub fn update_from_desk(
    app: &App,
    access: &Access,
    event: &str,
    id: i64,
    input: DeskEntryInput,
) -> Result<WaitingListEntry> {
    let current = get(app, access, event, id)?;
    let mut change = desk_change(input);
    if change.item == Some(current.item) && change.variation == Some(current.variation) {
        change.item = None;
        change.variation = None;
    }
    if change.locale == Some(None) {
        change.locale = Some(Some(current.locale));
    }
    update(app, access, event, id, change)
}

/// The change the desk's form asks for (a plain name becomes `name_parts` in the event's scheme).
pub fn desk_change(input: DeskEntryInput) -> EntryChange {
    let name = input.name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    EntryChange {
        email: Some(input.email.trim().to_string()),
        phone: Some(input.phone),
        name_parts: Some(name.map(|n| BTreeMap::from([("full_name".to_string(), n)])).unwrap_or_default()),
        item: Some(input.item.into()),
        variation: Some(input.variation.map(i64::from)),
        locale: Some(input.locale),
        subevent: Some(input.subevent.map(i64::from)),
        priority: Some(input.priority.into()),
    }
}
