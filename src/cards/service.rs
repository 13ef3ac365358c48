use chrono::{DateTime, Utc};
use rusqlite::Transaction;
use serde_json::{Value, json};

use super::model::*;
use super::repo::{self, NewCard};
use crate::app::App;
use crate::audit::{self, LogEntry};
use crate::auth::{Access, Permission};
use crate::customers;
use crate::error::{Error, FieldErrors, Result};
use crate::types::time;

const MAX_SERIAL: usize = 64;
const MAX_TEXT: usize = 255;

/// Who may read cards: customer staff, and terminals (whose fixed set has reusable media).
pub(crate) const READ: &[Permission] = &[Permission::CUSTOMERS_READ, Permission::MEDIA_READ];
/// Who may issue and change cards.
pub(crate) const WRITE: &[Permission] = &[Permission::CUSTOMERS_WRITE, Permission::MEDIA_WRITE];

fn not_found() -> Error {
    Error::NotFound { entity: "Card" }
}

/// The form a serial number is stored and looked up in: trimmed, upper-case, without spaces,
/// dashes or colons (NFC readers write UIDs as `04:a2:…`, `04 A2 …` or `04A2…`).
pub fn normalize_serial(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != ':')
        .flat_map(char::to_uppercase)
        .collect()
}

fn check_serial(raw: &str, field: &str, errors: &mut FieldErrors) -> String {
    let serial = normalize_serial(raw);
    if serial.is_empty() {
        errors.add(field, "This field may not be blank.");
    } else if serial.chars().count() > MAX_SERIAL {
        errors.add(field, format!("Ensure this field has no more than {MAX_SERIAL} characters."));
    } else if serial.chars().any(|c| c.is_control()) {
        errors.add(field, "Enter a serial number without control characters.");
    }
    serial
}

fn optional_text(value: Option<&str>, field: &str, errors: &mut FieldErrors) -> Option<String> {
    let value = value.map(str::trim).filter(|v| !v.is_empty())?;
    if value.chars().count() > MAX_TEXT {
        errors.add(field, format!("Ensure this field has no more than {MAX_TEXT} characters."));
    }
    Some(value.to_string())
}

fn optional_time(value: Option<&str>, field: &str, errors: &mut FieldErrors) -> Option<DateTime<Utc>> {
    let raw = value.map(str::trim).filter(|v| !v.is_empty())?;
    let parsed = time::parse(raw);
    if parsed.is_none() {
        errors.add(field, "Enter a date and time as RFC 3339, e.g. 2026-12-31T23:59:00Z.");
    }
    parsed
}

fn log(
    tx: &Transaction<'_>,
    access: &Access,
    customer_id: i64,
    action: &str,
    data: Value,
    now: &str,
) -> Result<()> {
    let entry = LogEntry {
        organizer_id: access.organizer_id(),
        action_type: action,
        object_type: "customer",
        object_id: customer_id,
        data,
    };
    audit::log_in_tx(tx, &access.actor, now, entry)
}

/// A customer's cards, oldest first. Errors: `forbidden`, `not_found`.
pub fn for_customer(app: &App, access: &Access, identifier: &str) -> Result<Vec<Card>> {
    access.require_any(READ)?;
    let now = app.now();
    app.db().read(|c| {
        let id = customers::row_id(c, access.organizer_id(), identifier)?;
        repo::for_customer(c, id, now)
    })
}

/// The card with this serial number (in any status) and its customer's identifier.
/// Errors: `forbidden`, `not_found`.
pub fn find_by_serial(app: &App, access: &Access, serial: &str) -> Result<(Card, i64)> {
    access.require_any(READ)?;
    let serial = normalize_serial(serial);
    let now = app.now();
    let record = app
        .db()
        .read(|c| repo::find_by_serial(c, access.organizer_id(), &serial, now))?
        .ok_or_else(not_found)?;
    Ok((record.card, record.customer_id))
}

/// Issues a new active card to a customer. Errors: `forbidden`, `not_found`, `validation`
/// (serial number missing, too long or taken in this organizer; bad times).
pub fn issue(app: &App, access: &Access, identifier: &str, input: CardInput) -> Result<Card> {
    let now = app.now();
    app.db().write(|tx| issue_in_tx(tx, now, access, identifier, input))
}

/// [`issue`] inside a caller's transaction (imports and seeding issue many cards in one).
pub fn issue_in_tx(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    access: &Access,
    identifier: &str,
    input: CardInput,
) -> Result<Card> {
    access.require_any(WRITE)?;
    let mut errors = FieldErrors::new();
    let serial = check_serial(&input.serial_number, "serialNumber", &mut errors);
    let external_id = optional_text(input.external_id.as_deref(), "externalId", &mut errors);
    let note = optional_text(input.note.as_deref(), "note", &mut errors);
    let activation = optional_time(input.activation_time.as_deref(), "activationTime", &mut errors);
    let expiration = optional_time(input.expiration_time.as_deref(), "expirationTime", &mut errors);
    if let (Some(a), Some(e)) = (activation, expiration)
        && e <= a
    {
        errors.add("expirationTime", "The expiration must be after the activation.");
    }
    errors.into_result()?;
    let stamp = time::store(now);
    let customer_id = customers::row_id(tx, access.organizer_id(), identifier)?;
    let id = repo::insert(
        tx,
        &NewCard {
            organizer_id: access.organizer_id(),
            customer_id,
            serial: &serial,
            external_id: external_id.as_deref(),
            is_virtual: input.is_virtual,
            processor: input.processor.unwrap_or(CardProcessor::Internal),
            activation_at: activation.map(time::store),
            expiration_at: expiration.map(time::store),
            note: note.as_deref(),
            meta: &input.meta,
            now: &stamp,
        },
    )?;
    log(tx, access, customer_id, "tessera.customer.card.issued", json!({"serial_number": serial}), &stamp)?;
    Ok(repo::find(tx, access.organizer_id(), id, now)?.ok_or_else(not_found)?.card)
}

/// A card of the customer named by `identifier`; another customer's card is not found.
fn customer_card(
    tx: &Transaction<'_>,
    access: &Access,
    identifier: &str,
    card_id: i64,
    now: DateTime<Utc>,
) -> Result<CardRecord> {
    let customer_id = customers::row_id(tx, access.organizer_id(), identifier)?;
    repo::find(tx, access.organizer_id(), card_id, now)?
        .filter(|r| r.customer_id == customer_id)
        .ok_or_else(not_found)
}

/// Moves a card of the customer to `to`, if its current status allows it.
fn transition(
    app: &App,
    access: &Access,
    identifier: &str,
    card_id: i64,
    to: CardStatus,
    reason: Option<String>,
) -> Result<Card> {
    access.require_any(WRITE)?;
    let mut errors = FieldErrors::new();
    let reason = optional_text(reason.as_deref(), "reason", &mut errors);
    errors.into_result()?;
    let now = app.now();
    let stamp = time::store(now);
    app.db().write(|tx| {
        let record = customer_card(tx, access, identifier, card_id, now)?;
        let customer_id = record.customer_id;
        let from = record.card.status;
        let allowed = matches!(
            (from, to),
            (CardStatus::Active, CardStatus::Blocked)
                | (CardStatus::Blocked, CardStatus::Active)
                | (CardStatus::Active | CardStatus::Blocked, CardStatus::Lost)
        );
        if !allowed {
            return Err(Error::Refused(match from {
                CardStatus::Lost => "This card was marked lost; issue or replace it with a new card.",
                CardStatus::Replaced => "This card was replaced; use the new card.",
                CardStatus::Active => "This card is already active.",
                CardStatus::Blocked => "This card is already blocked.",
            }));
        }
        repo::set_status(tx, card_id, to, reason.as_deref(), None, &stamp)?;
        let action = match to {
            CardStatus::Active => "tessera.customer.card.unblocked",
            CardStatus::Blocked => "tessera.customer.card.blocked",
            _ => "tessera.customer.card.lost",
        };
        let data = json!({"serial_number": record.card.serial_number, "reason": reason});
        log(tx, access, customer_id, action, data, &stamp)?;
        Ok(repo::find(tx, access.organizer_id(), card_id, now)?.ok_or_else(not_found)?.card)
    })
}

/// Blocks a card for now. Errors: `forbidden`, `not_found`, `refused` (not active).
pub fn block(
    app: &App,
    access: &Access,
    identifier: &str,
    card_id: i64,
    input: CardStatusInput,
) -> Result<Card> {
    transition(app, access, identifier, card_id, CardStatus::Blocked, input.reason)
}

/// Unblocks a blocked card. Errors: `forbidden`, `not_found`, `refused` (not blocked).
pub fn unblock(app: &App, access: &Access, identifier: &str, card_id: i64) -> Result<Card> {
    transition(app, access, identifier, card_id, CardStatus::Active, None)
}

/// Marks a card lost, for good. Errors: `forbidden`, `not_found`, `refused` (lost or replaced).
pub fn mark_lost(
    app: &App,
    access: &Access,
    identifier: &str,
    card_id: i64,
    input: CardStatusInput,
) -> Result<Card> {
    transition(app, access, identifier, card_id, CardStatus::Lost, input.reason)
}

/// Replaces a card: a new active card with the given serial number takes over (same external id,
/// processor, validity and meta) and the old one stops for good. Errors: `forbidden`,
/// `not_found`, `validation` (serial number), `refused` (already replaced).
pub fn replace(
    app: &App,
    access: &Access,
    identifier: &str,
    card_id: i64,
    input: ReplaceInput,
) -> Result<Card> {
    access.require_any(WRITE)?;
    let mut errors = FieldErrors::new();
    let serial = check_serial(&input.serial_number, "serialNumber", &mut errors);
    let reason = optional_text(input.reason.as_deref(), "reason", &mut errors);
    errors.into_result()?;
    let now = app.now();
    let stamp = time::store(now);
    app.db().write(|tx| {
        let record = customer_card(tx, access, identifier, card_id, now)?;
        let (customer_id, old) = (record.customer_id, record.card);
        if old.status == CardStatus::Replaced {
            return Err(Error::Refused("This card was replaced already; use the new card."));
        }
        let id = repo::insert(
            tx,
            &NewCard {
                organizer_id: access.organizer_id(),
                customer_id,
                serial: &serial,
                external_id: old.external_id.as_deref(),
                is_virtual: old.is_virtual,
                processor: old.processor,
                activation_at: old.activation_time.map(time::store),
                expiration_at: old.expiration_time.map(time::store),
                note: old.note.as_deref(),
                meta: &old.meta,
                now: &stamp,
            },
        )?;
        let why = reason.clone().unwrap_or_else(|| format!("Replaced by {serial}"));
        repo::set_status(tx, old.id, CardStatus::Replaced, Some(&why), Some(id), &stamp)?;
        let data = json!({"serial_number": old.serial_number, "new_serial_number": serial, "reason": reason});
        log(tx, access, customer_id, "tessera.customer.card.replaced", data, &stamp)?;
        Ok(repo::find(tx, access.organizer_id(), id, now)?.ok_or_else(not_found)?.card)
    })
}

/// The cards of several customers at once (a page of the Portos list), by customer row id.
pub(crate) fn for_customers_in(
    conn: &rusqlite::Connection,
    customer_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<std::collections::HashMap<i64, Vec<Card>>> {
    let ids = serde_json::to_string(customer_ids).unwrap_or_else(|_| "[]".into());
    let mut by_customer: std::collections::HashMap<i64, Vec<Card>> = std::collections::HashMap::new();
    for record in repo::for_customers(conn, &ids, now)? {
        by_customer.entry(record.customer_id).or_default().push(record.card);
    }
    Ok(by_customer)
}
