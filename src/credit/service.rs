use rusqlite::{Connection, Transaction};
use rust_decimal::Decimal;
use serde_json::json;

use super::model::*;
use super::repo::{self, EntryRow, NewEntry};
use crate::app::App;
use crate::audit::{self, LogEntry};
use crate::auth::{Access, Permission};
use crate::customers;
use crate::error::{Error, FieldErrors, Result};
use crate::types::{Currency, time};

const MAX_REFERENCE: usize = 255;
const MAX_NOTE: usize = 1000;
/// The most entries one page lists.
pub const MAX_TAKE: i64 = 500;

/// Who may see credit: customer staff, and terminals (stored credit is their gift-card set).
const READ: &[Permission] = &[Permission::CUSTOMERS_READ, Permission::GIFTCARDS_READ];
/// Who may top up, charge, refund and reverse.
const WRITE: &[Permission] = &[Permission::CUSTOMERS_WRITE, Permission::GIFTCARDS_WRITE];

fn entry_not_found() -> Error {
    Error::NotFound { entity: "CreditEntry" }
}

fn currency(access: &Access) -> &Currency {
    &access.organizer.currency
}

fn entry(row: EntryRow) -> CreditEntry {
    let currency = Currency::parse(&row.currency).unwrap_or_default();
    CreditEntry {
        id: row.id,
        kind: row.kind,
        amount: currency.format(row.amount),
        balance_after: currency.format(row.balance_after),
        currency_label: currency.code().to_string(),
        reference: row.reference,
        note: row.note,
        undoes: row.undoes,
        undone: currency.format(row.undone),
        booked_by: row.booked_by,
        created_at: time::parse(&row.created_at).unwrap_or_default(),
    }
}

/// A balance in minor units as shown, with the organizer's limit and what is available.
pub(crate) fn balance_of(access: &Access, identifier: &str, minor: i64) -> CreditBalance {
    let c = currency(access);
    CreditBalance {
        customer_id: identifier.to_string(),
        amount: c.format(minor),
        currency_label: c.code().to_string(),
        limit: c.format(access.organizer.credit_limit),
        available: c.format(minor + access.organizer.credit_limit),
    }
}

fn text(value: Option<String>, field: &str, max: usize, errors: &mut FieldErrors) -> Option<String> {
    let value = value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())?;
    if value.chars().count() > max {
        errors.add(field, format!("Ensure this field has no more than {max} characters."));
    }
    Some(value)
}

/// A positive amount in minor units of the organizer's currency.
fn positive(access: &Access, amount: Decimal, errors: &mut FieldErrors) -> i64 {
    match currency(access).to_minor(amount) {
        Ok(minor) if minor > 0 => minor,
        Ok(_) => {
            errors.add("amount", "Ensure this value is greater than 0.");
            0
        }
        Err(message) => {
            errors.add("amount", message);
            0
        }
    }
}

/// The customer's balance now. Errors: `forbidden`, `not_found`.
pub fn balance(app: &App, access: &Access, identifier: &str) -> Result<CreditBalance> {
    access.require_any(READ)?;
    let minor = app.db().read(|c| {
        let customer_id = customers::row_id(c, access.organizer_id(), identifier)?;
        repo::balance(c, customer_id)
    })?;
    Ok(balance_of(access, identifier, minor))
}

/// The customer's entries, newest first, optionally only those with a reference (a terminal
/// whose answer was lost finds its booking this way). Errors: `forbidden`, `not_found`,
/// `validation` (skip or take out of range).
pub fn entries(
    app: &App,
    access: &Access,
    identifier: &str,
    reference: Option<&str>,
    skip: i64,
    take: i64,
) -> Result<EntryPage> {
    access.require_any(READ)?;
    if skip < 0 {
        return Err(Error::validation("$skip", "Ensure this value is greater than or equal to 0."));
    }
    if !(0..=MAX_TAKE).contains(&take) {
        return Err(Error::validation("$take", format!("Ensure this value is between 0 and {MAX_TAKE}.")));
    }
    app.db().read(|c| {
        let customer_id = customers::row_id(c, access.organizer_id(), identifier)?;
        let items: Vec<CreditEntry> =
            repo::list(c, customer_id, reference, skip, take)?.into_iter().map(entry).collect();
        Ok(EntryPage {
            count: items.len() as i64,
            items,
            total_count: repo::count(c, customer_id, reference)?,
        })
    })
}

/// One entry of the customer. Errors: `forbidden`, `not_found`.
pub fn get_entry(app: &App, access: &Access, identifier: &str, entry_id: i64) -> Result<CreditEntry> {
    access.require_any(READ)?;
    app.db().read(|c| {
        let customer_id = customers::row_id(c, access.organizer_id(), identifier)?;
        repo::find(c, customer_id, entry_id)?.map(entry).ok_or_else(entry_not_found)
    })
}

struct Posting {
    kind: EntryKind,
    amount: i64,
    undoes: Option<i64>,
    reference: Option<String>,
    note: Option<String>,
}

/// Books one entry inside `tx`: the new balance must stay at or above minus the credit limit when
/// the entry takes credit.
fn post(
    tx: &Transaction<'_>,
    now: chrono::DateTime<chrono::Utc>,
    access: &Access,
    identifier: &str,
    customer_id: i64,
    p: Posting,
) -> Result<Booking> {
    let before = repo::balance(tx, customer_id)?;
    let after = before
        .checked_add(p.amount)
        .filter(|a| a.unsigned_abs() <= crate::types::MAX_MINOR)
        .ok_or_else(|| Error::validation("amount", "This amount is too large."))?;
    let limit = access.organizer.credit_limit;
    if p.amount < 0 && after < -limit {
        let c = currency(access);
        return Err(Error::validation(
            "amount",
            format!("Not enough credit: {} {} available.", c.format((before + limit).max(0)), c.code()),
        ));
    }
    let now = time::store(now);
    let id = repo::insert(
        tx,
        &NewEntry {
            organizer_id: access.organizer_id(),
            customer_id,
            kind: p.kind,
            amount: p.amount,
            balance_after: after,
            currency: currency(access).code(),
            reference: p.reference.as_deref(),
            note: p.note.as_deref(),
            undoes: p.undoes,
            actor: &access.actor,
            now: &now,
        },
    )?;
    let data = json!({
        "entry": id,
        "amount": currency(access).format(p.amount),
        "balance": currency(access).format(after),
        "reference": p.reference,
        "undoes": p.undoes,
    });
    let log = LogEntry {
        organizer_id: access.organizer_id(),
        action_type: p.kind.action(),
        object_type: "customer",
        object_id: customer_id,
        data,
    };
    audit::log_in_tx(tx, &access.actor, &now, log)?;
    let booked = repo::find(tx, customer_id, id)?.ok_or_else(entry_not_found)?;
    Ok(Booking { entry: entry(booked), balance: balance_of(access, identifier, after) })
}

fn customer_in(conn: &Connection, access: &Access, identifier: &str) -> Result<i64> {
    customers::row_id(conn, access.organizer_id(), identifier)
}

/// Adds credit. Errors: `forbidden`, `not_found`, `validation` (amount, reference, note).
pub fn top_up(app: &App, access: &Access, identifier: &str, input: CreditInput) -> Result<Booking> {
    let now = app.now();
    app.db().write(|tx| top_up_in_tx(tx, now, access, identifier, input))
}

/// [`top_up`] inside a caller's transaction (opening balances of an import).
pub fn top_up_in_tx(
    tx: &Transaction<'_>,
    now: chrono::DateTime<chrono::Utc>,
    access: &Access,
    identifier: &str,
    input: CreditInput,
) -> Result<Booking> {
    access.require_any(WRITE)?;
    let mut errors = FieldErrors::new();
    let amount = positive(access, input.amount.0, &mut errors);
    let reference = text(input.reference, "reference", MAX_REFERENCE, &mut errors);
    let note = text(input.note, "note", MAX_NOTE, &mut errors);
    errors.into_result()?;
    let customer_id = customer_in(tx, access, identifier)?;
    let posting = Posting { kind: EntryKind::TopUp, amount, undoes: None, reference, note };
    post(tx, now, access, identifier, customer_id, posting)
}

/// Takes credit for a sale. Errors: `forbidden`, `not_found`, `validation` (amount; not enough
/// credit), `refused` (the customer account is not active).
pub fn charge(app: &App, access: &Access, identifier: &str, input: CreditInput) -> Result<Booking> {
    access.require_any(WRITE)?;
    let mut errors = FieldErrors::new();
    let amount = positive(access, input.amount.0, &mut errors);
    let reference = text(input.reference, "reference", MAX_REFERENCE, &mut errors);
    let note = text(input.note, "note", MAX_NOTE, &mut errors);
    errors.into_result()?;
    app.db().write(|tx| {
        let customer_id = customer_in(tx, access, identifier)?;
        if !repo::customer_active(tx, customer_id)? {
            return Err(Error::Refused("This customer account is not active; it cannot be charged."));
        }
        post(
            tx,
            app.now(),
            access,
            identifier,
            customer_id,
            Posting { kind: EntryKind::Charge, amount: -amount, undoes: None, reference, note },
        )
    })
}

/// Gives back (part of) a charge, or undoes (part of) a mistaken entry. What is left to undo is
/// the entry's amount less what refunds and reversals already gave back.
fn undo(app: &App, access: &Access, identifier: &str, input: UndoInput, kind: EntryKind) -> Result<Booking> {
    access.require_any(WRITE)?;
    let mut errors = FieldErrors::new();
    let requested = input.amount.map(|a| positive(access, a.0, &mut errors));
    let reference = text(input.reference, "reference", MAX_REFERENCE, &mut errors);
    let note = text(input.note, "note", MAX_NOTE, &mut errors);
    errors.into_result()?;
    app.db().write(|tx| {
        let customer_id = customer_in(tx, access, identifier)?;
        let target = repo::find(tx, customer_id, input.entry_id)?
            .ok_or_else(|| Error::validation("entryId", "No entry of this customer has this id."))?;
        match (kind, target.kind) {
            (EntryKind::Refund, EntryKind::Charge) => {}
            (EntryKind::Refund, _) => {
                return Err(Error::validation("entryId", "Only a charge can be refunded."));
            }
            (_, EntryKind::Refund | EntryKind::Reversal) => {
                return Err(Error::validation(
                    "entryId",
                    "A refund or reversal cannot be reversed; book a new entry.",
                ));
            }
            _ => {}
        }
        let left = target.amount.abs() - target.undone;
        if left <= 0 {
            return Err(Error::Refused("This entry was undone in full already."));
        }
        let amount = requested.unwrap_or(left);
        if amount > left {
            let c = currency(access);
            return Err(Error::validation(
                "amount",
                format!("At most {} {} of this entry can still be undone.", c.format(left), c.code()),
            ));
        }
        // The undo moves credit the other way from the entry it undoes.
        let signed = if target.amount < 0 { amount } else { -amount };
        post(
            tx,
            app.now(),
            access,
            identifier,
            customer_id,
            Posting { kind, amount: signed, undoes: Some(target.id), reference, note },
        )
    })
}

/// Refunds (part of) a charge; without an amount, all that is left of it. Errors: `forbidden`,
/// `not_found`, `validation` (not a charge, more than is left), `refused` (refunded in full).
pub fn refund(app: &App, access: &Access, identifier: &str, input: UndoInput) -> Result<Booking> {
    undo(app, access, identifier, input, EntryKind::Refund)
}

/// Reverses (part of) a top-up, charge or adjustment booked by mistake. Errors: as [`refund`], and
/// `validation` when reversing a top-up would take more credit than there is.
pub fn reverse(app: &App, access: &Access, identifier: &str, input: UndoInput) -> Result<Booking> {
    undo(app, access, identifier, input, EntryKind::Reversal)
}

/// A correction by staff, either way, with a note saying why. Needs both customer and gift-card
/// write permission (terminals cannot adjust). Errors: `forbidden`, `not_found`, `validation`.
pub fn adjust(app: &App, access: &Access, identifier: &str, input: AdjustmentInput) -> Result<Booking> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    access.require(Permission::GIFTCARDS_WRITE)?;
    let mut errors = FieldErrors::new();
    let amount = match currency(access).to_minor(input.amount.0) {
        Ok(0) => {
            errors.add("amount", "An adjustment cannot be zero.");
            0
        }
        Ok(minor) => minor,
        Err(message) => {
            errors.add("amount", message);
            0
        }
    };
    let note = text(Some(input.note), "note", MAX_NOTE, &mut errors);
    if note.is_none() {
        errors.add("note", "Say why the balance is corrected.");
    }
    errors.into_result()?;
    app.db().write(|tx| {
        let customer_id = customer_in(tx, access, identifier)?;
        post(
            tx,
            app.now(),
            access,
            identifier,
            customer_id,
            Posting { kind: EntryKind::Adjustment, amount, undoes: None, reference: None, note },
        )
    })
}

/// The balance in minor units, for modules that show it (the POS lookup).
pub(crate) fn balance_minor(conn: &Connection, customer_id: i64) -> Result<i64> {
    repo::balance(conn, customer_id)
}

/// The organizer's currency and overdraft limit. Errors: `forbidden` (needs credit read or the
/// settings permission).
pub fn settings(access: &Access) -> Result<CreditSettings> {
    access.require_any(&[
        Permission::CUSTOMERS_READ,
        Permission::GIFTCARDS_READ,
        Permission::SETTINGS_WRITE,
    ])?;
    let c = currency(access);
    Ok(CreditSettings { currency: c.code().to_string(), limit: c.format(access.organizer.credit_limit) })
}

/// Changes the currency (only while no credit was ever booked) and the overdraft limit.
/// Errors: `forbidden` (needs `organizer.settings.general:write`), `validation`.
pub fn save_settings(app: &App, access: &Access, input: CreditSettingsInput) -> Result<CreditSettings> {
    access.require(Permission::SETTINGS_WRITE)?;
    let mut errors = FieldErrors::new();
    let new_currency = errors.check("currency", Currency::parse(&input.currency));
    let limit = match new_currency.as_ref().map(|c| c.to_minor(input.limit.0)) {
        Some(Ok(minor)) if minor >= 0 => minor,
        Some(Ok(_)) => {
            errors.add("limit", "Ensure this value is greater than or equal to 0.");
            0
        }
        Some(Err(message)) => {
            errors.add("limit", message);
            0
        }
        None => 0,
    };
    errors.into_result()?;
    let new_currency =
        new_currency.ok_or_else(|| Error::Internal("currency parsed without errors".into()))?;
    let now = time::store(app.now());
    app.db().write(|tx| {
        if new_currency != *currency(access) && repo::organizer_has_entries(tx, access.organizer_id())? {
            return Err(Error::validation(
                "currency",
                "Credit has been booked in the current currency; it cannot change any more.",
            ));
        }
        repo::save_settings(tx, access.organizer_id(), new_currency.code(), limit)?;
        let data = json!({"currency": new_currency.code(), "limit": new_currency.format(limit)});
        let log = LogEntry {
            organizer_id: access.organizer_id(),
            action_type: "tessera.organizer.credit_settings.changed",
            object_type: "organizer",
            object_id: access.organizer_id(),
            data,
        };
        audit::log_in_tx(tx, &access.actor, &now, log)
    })?;
    Ok(CreditSettings { currency: new_currency.code().to_string(), limit: new_currency.format(limit) })
}

/// The balance (minor units) and newest `n` entries of several customers at once (a page of the
/// Portos list), by customer row id; customers without entries are absent (balance 0).
pub(crate) fn recent_for_in(
    conn: &Connection,
    customer_ids: &[i64],
    n: i64,
) -> Result<std::collections::HashMap<i64, (i64, Vec<CreditEntry>)>> {
    let ids = serde_json::to_string(customer_ids).unwrap_or_else(|_| "[]".into());
    let mut by_customer: std::collections::HashMap<i64, (i64, Vec<CreditEntry>)> =
        std::collections::HashMap::new();
    for (customer_id, row) in repo::recent_for(conn, &ids, n.max(1))? {
        let slot = by_customer.entry(customer_id).or_insert_with(|| (row.balance_after, Vec::new()));
        if (slot.1.len() as i64) < n {
            slot.1.push(entry(row));
        }
    }
    Ok(by_customer)
}

/// Brings the balance to `target` with one adjustment entry (none when it is there already), for
/// a Portos write that sets `credit.amount`. The caller checks the right to set credit.
/// Errors: `validation` (places, below the limit).
pub(crate) fn set_balance_in_tx(
    tx: &Transaction<'_>,
    now: chrono::DateTime<chrono::Utc>,
    access: &Access,
    identifier: &str,
    target: Decimal,
    note: &str,
) -> Result<Option<Booking>> {
    let target = currency(access).to_minor(target).map_err(|m| Error::validation("amount", m))?;
    let customer_id = customer_in(tx, access, identifier)?;
    let difference = target - repo::balance(tx, customer_id)?;
    if difference == 0 {
        return Ok(None);
    }
    let posting = Posting {
        kind: EntryKind::Adjustment,
        amount: difference,
        undoes: None,
        reference: None,
        note: Some(note.into()),
    };
    post(tx, now, access, identifier, customer_id, posting).map(Some)
}
