use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use rust_decimal::Decimal;

use super::model::*;
use super::query::CustomerQuery;
use super::repo::{self, Row};
use crate::app::App;
use crate::auth::{Access, Permission};
use crate::error::{Error, Result};
use crate::types::{Amount, time};
use crate::{cards, credit};

/// How many of the latest credit transactions a customer carries.
pub const RECENT_TRANSACTIONS: i64 = 10;

/// Who may read customers here: customer staff, and terminals (card lookups are their job).
const READ: &[Permission] = &[Permission::CUSTOMERS_READ, Permission::MEDIA_READ];

fn hundredths(n: i64) -> Amount {
    Amount(Decimal::new(n, 2))
}

/// `firstName`/`lastName` from the name parts: given and family name where the scheme has them,
/// otherwise the full name split at its last space.
fn first_and_last(parts: &BTreeMap<String, String>, name: &str) -> (Option<String>, Option<String>) {
    let part = |k: &str| parts.get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    if parts.contains_key("given_name") || parts.contains_key("family_name") {
        return (part("given_name"), part("family_name"));
    }
    match name.trim().rsplit_once(' ') {
        Some((first, last)) => (Some(first.trim().to_string()), Some(last.to_string())),
        None if name.trim().is_empty() => (None, None),
        None => (None, Some(name.trim().to_string())),
    }
}

fn status(row: &Row, now: &str) -> CustomerStatus {
    match (&row.activation_at, &row.expiration_at) {
        (Some(from), _) if now < from.as_str() => CustomerStatus::NotYetValid,
        (_, Some(until)) if until.as_str() <= now => CustomerStatus::Expired,
        _ => CustomerStatus::Valid,
    }
}

fn json(raw: &Option<String>) -> Option<serde_json::Value> {
    raw.as_deref().and_then(|r| serde_json::from_str(r).ok())
}

fn customer(c: &Connection, access: &Access, row: Row, now: DateTime<Utc>) -> Result<PortosCustomer> {
    let stored_now = time::store(now);
    let currency = &access.organizer.currency;
    let parts: BTreeMap<String, String> = serde_json::from_str(&row.name_parts).unwrap_or_default();
    let (first_name, last_name) = first_and_last(&parts, &row.name);
    let transactions = credit::recent_in(c, row.id, RECENT_TRANSACTIONS)?
        .into_iter()
        .map(|e| CreditTransaction {
            id: e.id.to_string(),
            created_at: e.created_at,
            kind: e.kind.as_str().to_string(),
            amount: Amount(e.amount.parse().unwrap_or_default()),
            balance_after: Amount(e.balance_after.parse().unwrap_or_default()),
            currency_label: e.currency_label,
            ticket_id: e.reference,
            note: e.note,
            user_name: e.booked_by,
        })
        .collect();
    let balance = credit::balance_minor(c, row.id)?;
    Ok(PortosCustomer {
        status: status(&row, &stored_now),
        cards: cards::for_customer_in(c, row.id, now)?,
        credit: Credit {
            amount: Amount(currency.from_minor(balance)),
            currency_label: currency.code().to_string(),
        },
        credit_transactions: transactions,
        id: row.identifier,
        external_id: row.external_id,
        is_active: row.is_active,
        activation_time: row.activation_at.as_deref().and_then(time::parse),
        expiration_time: row.expiration_at.as_deref().and_then(time::parse),
        first_name,
        last_name,
        full_name: Some(row.name).filter(|n| !n.is_empty()),
        gender: row.gender,
        birth_date: row.birth_date,
        email: row.email,
        phone: row.phone,
        is_company: row.is_company,
        company: json(&row.company),
        address: json(&row.address),
        delivery_address: json(&row.delivery_address),
        note: row.notes,
        credit_rate: hundredths(row.credit_rate),
        discount_rate: hundredths(row.discount_rate),
        meta: serde_json::from_str(&row.meta).unwrap_or_default(),
        version: row.version,
    })
}

/// `GET /customers`: a page of the organizer's customers matching the query, with the total.
/// Errors: `forbidden`.
pub fn list(app: &App, access: &Access, query: &CustomerQuery) -> Result<CustomerResult> {
    access.require_any(READ)?;
    let now = app.now();
    app.db().read(|c| {
        let (rows, total) = repo::list(c, access.organizer_id(), query, &time::store(now))?;
        if query.count_only {
            let count = (total - query.skip).clamp(0, query.take);
            return Ok(CustomerResult { items: None, count, total_count: total });
        }
        let items = rows.into_iter().map(|row| customer(c, access, row, now)).collect::<Result<Vec<_>>>()?;
        Ok(CustomerResult { count: items.len() as i64, items: Some(items), total_count: total })
    })
}

/// `GET /customers/{id}`. Errors: `forbidden`, `not_found`.
pub fn get(app: &App, access: &Access, id: &str) -> Result<PortosCustomer> {
    access.require_any(READ)?;
    let now = app.now();
    app.db().read(|c| {
        let row = repo::find(c, access.organizer_id(), id)?.ok_or(Error::NotFound { entity: "Customer" })?;
        customer(c, access, row, now)
    })
}
