use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use rust_decimal::Decimal;

use super::model::*;
use super::query::CustomerQuery;
use super::repo::{self, Row};
use crate::app::App;
use crate::auth::{Access, Permission};
use crate::customers::{self, CustomerPatch, NewCustomer};
use crate::error::{Error, FieldErrors, Result};
use crate::types::{Amount, NameScheme, time};
use crate::{cards, credit};

/// How many of the latest credit transactions a customer carries.
pub const RECENT_TRANSACTIONS: i64 = 10;

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

/// The rows of a page as Portos customers, with their cards, balances and latest transactions
/// read in three statements for the whole page.
fn customers_of(
    c: &Connection,
    access: &Access,
    rows: Vec<Row>,
    now: DateTime<Utc>,
) -> Result<Vec<PortosCustomer>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut cards = cards::for_customers_in(c, &ids, now)?;
    let mut credit = credit::recent_for_in(c, &ids, RECENT_TRANSACTIONS)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let (balance, recent) = credit.remove(&row.id).unwrap_or_default();
            let row_cards = cards.remove(&row.id).unwrap_or_default();
            customer(access, row, now, row_cards, balance, recent)
        })
        .collect())
}

fn customer(
    access: &Access,
    row: Row,
    now: DateTime<Utc>,
    cards: Vec<cards::Card>,
    balance: i64,
    recent: Vec<credit::CreditEntry>,
) -> PortosCustomer {
    let stored_now = time::store(now);
    let currency = &access.organizer.currency;
    let parts: BTreeMap<String, String> = serde_json::from_str(&row.name_parts).unwrap_or_default();
    let (first_name, last_name) = first_and_last(&parts, &row.name);
    let transactions = recent
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
    PortosCustomer {
        status: status(&row, &stored_now),
        cards,
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
    }
}

/// `GET /customers`: a page of the organizer's customers matching the query, with the total.
/// Errors: `forbidden`.
pub fn list(app: &App, access: &Access, query: &CustomerQuery) -> Result<CustomerResult> {
    access.require_any(cards::READ)?;
    let now = app.now();
    app.db().read(|c| {
        let (rows, total) = repo::list(c, access.organizer_id(), query, &time::store(now))?;
        if query.count_only {
            let count = (total - query.skip).clamp(0, query.take);
            return Ok(CustomerResult { items: None, count, total_count: total });
        }
        let items = customers_of(c, access, rows, now)?;
        Ok(CustomerResult { count: items.len() as i64, items: Some(items), total_count: total })
    })
}

/// `GET /customers/{id}`. Errors: `forbidden`, `not_found`.
pub fn get(app: &App, access: &Access, id: &str) -> Result<PortosCustomer> {
    access.require_any(cards::READ)?;
    let now = app.now();
    app.db().read(|c| {
        let row = repo::find(c, access.organizer_id(), id)?.ok_or(Error::NotFound { entity: "Customer" })?;
        customers_of(c, access, vec![row], now)?.pop().ok_or(Error::NotFound { entity: "Customer" })
    })
}

// Writes.

fn permission(right: Right) -> Permission {
    match right {
        Right::CustomerCreate | Right::CustomerUpdate | Right::CustomerDelete => Permission::CUSTOMERS_WRITE,
        Right::CustomerSetCredit => Permission::GIFTCARDS_WRITE,
        Right::CustomerSetDiscount => Permission::SETTINGS_WRITE,
    }
}

/// The Portos rights `access` holds, by name (as `POST /api/auth` lists them).
pub fn rights(access: &Access) -> Vec<String> {
    [
        ("customerCreate", Right::CustomerCreate),
        ("customerUpdate", Right::CustomerUpdate),
        ("customerDelete", Right::CustomerDelete),
        ("customerSetCredit", Right::CustomerSetCredit),
        ("customerSetDiscount", Right::CustomerSetDiscount),
    ]
    .into_iter()
    .filter(|(_, r)| access.require(permission(*r)).is_ok())
    .map(|(name, _)| name.to_string())
    .collect()
}

fn require(access: &Access, right: Right) -> Result<()> {
    access.require(permission(right))
}

/// Portos member names for the fields the shared customer rules report.
fn portos_field(field: &str) -> String {
    match field {
        "external_identifier" => "externalId".into(),
        "name_parts" => "lastName".into(),
        "notes" => "note".into(),
        "is_active" => "isActive".into(),
        other => other.into(),
    }
}

fn rename_fields(err: Error) -> Error {
    match err {
        Error::Validation(fields) => {
            let mut renamed = FieldErrors::new();
            for (field, messages) in fields.iter() {
                for m in messages {
                    renamed.add(portos_field(field), m.clone());
                }
            }
            Error::Validation(renamed)
        }
        other => other,
    }
}

fn text(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// The name parts for the organizer's scheme: given and family name where it has them,
/// otherwise the full name (or first and last joined).
fn name_parts(scheme: NameScheme, input: &PortosCustomerInput) -> BTreeMap<String, String> {
    let (first, last, full) =
        (text(input.first_name.clone()), text(input.last_name.clone()), text(input.full_name.clone()));
    let fields = scheme.fields();
    let mut parts = BTreeMap::new();
    if fields.contains(&"given_name")
        && fields.contains(&"family_name")
        && (first.is_some() || last.is_some())
    {
        parts.extend(first.map(|f| ("given_name".to_string(), f)));
        parts.extend(last.map(|l| ("family_name".to_string(), l)));
    } else {
        let joined = [first, last].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let name = full.or(Some(joined).filter(|j| !j.is_empty()));
        let key = if fields.contains(&"full_name") {
            "full_name"
        } else {
            fields.first().copied().unwrap_or("full_name")
        };
        parts.extend(name.map(|n| (key.to_string(), n)));
    }
    parts
}

fn rate(value: Option<Amount>, field: &str, max: Option<i64>, errors: &mut FieldErrors) -> i64 {
    let Some(Amount(d)) = value else { return 0 };
    match crate::ndata::parse_hundredths(&d.to_string()) {
        Some(n) if n < 0 => {
            errors.add(field, "Ensure this value is greater than or equal to 0.");
            0
        }
        Some(n) if max.is_some_and(|m| n > m) => {
            errors.add(field, "Ensure this value is at most 100.");
            0
        }
        Some(n) => n,
        None => {
            errors.add(field, "Ensure that there are no more than 2 decimal places.");
            0
        }
    }
}

fn when(value: &Option<String>, field: &str, errors: &mut FieldErrors) -> Option<DateTime<Utc>> {
    let raw = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    let parsed = time::parse(raw);
    if parsed.is_none() {
        errors.add(field, "Enter a date and time as RFC 3339, e.g. 2026-12-31T23:59:00Z.");
    }
    parsed
}

fn to_json<T: serde::Serialize>(value: &Option<T>) -> Option<String> {
    value.as_ref().and_then(|v| serde_json::to_string(v).ok())
}

/// Checks the Portos-only fields and turns them into columns.
fn extra(input: &PortosCustomerInput) -> Result<repo::Extra<'static>> {
    let mut errors = FieldErrors::new();
    let activation = when(&input.activation_time, "activationTime", &mut errors);
    let expiration = when(&input.expiration_time, "expirationTime", &mut errors);
    if let (Some(a), Some(e)) = (activation, expiration)
        && e <= a
    {
        errors.add("expirationTime", "The expiration must be after the activation.");
    }
    let gender = match input.gender.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        None => None,
        Some(g) if g.eq_ignore_ascii_case("male") => Some("Male"),
        Some(g) if g.eq_ignore_ascii_case("female") => Some("Female"),
        Some(_) => {
            errors.add("gender", "Choose Male or Female, or leave it empty.");
            None
        }
    };
    let birth_date = match input.birth_date.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        None => None,
        Some(raw) => {
            let date = chrono::NaiveDate::parse_from_str(raw.get(..10).unwrap_or(raw), "%Y-%m-%d").ok();
            if date.is_none() {
                errors.add("birthDate", "Enter a date as YYYY-MM-DD.");
            }
            date.map(|d| d.format("%Y-%m-%d").to_string())
        }
    };
    let credit_rate = rate(input.credit_rate, "creditRate", None, &mut errors);
    let discount_rate = rate(input.discount_rate, "discountRate", Some(10_000), &mut errors);
    errors.into_result()?;
    Ok(repo::Extra {
        activation_at: activation.map(time::store),
        expiration_at: expiration.map(time::store),
        gender,
        birth_date,
        is_company: input.is_company,
        company: to_json(&input.company),
        address: to_json(&input.address),
        delivery_address: to_json(&input.delivery_address),
        credit_rate,
        discount_rate,
        meta: serde_json::to_string(&input.meta).unwrap_or_else(|_| "{}".into()),
    })
}

fn patch(access: &Access, input: &PortosCustomerInput) -> CustomerPatch {
    CustomerPatch {
        external_identifier: Some(text(input.external_id.clone())),
        email: Some(text(input.email.clone())),
        phone: Some(text(input.phone.clone())),
        name_parts: Some(name_parts(access.organizer.name_scheme, input)),
        is_active: Some(input.is_active),
        notes: Some(text(input.note.clone())),
        ..CustomerPatch::default()
    }
}

/// Whether a customer came into being (`true`) or was replaced (`false`), with its new state.
pub struct Written {
    pub created: bool,
    pub customer: PortosCustomer,
}

/// `POST /customers` (no id) or `PUT /customers/{id}` (create under that id, or replace).
/// Rights: `customerCreate` to create, `customerUpdate` (or create) to replace,
/// `customerSetDiscount` to change the discount, `customerSetCredit` to change the credit.
/// Errors: `forbidden`, `validation` (fields by their Portos names), `conflict` (`_v` older than
/// stored: a version mismatch, nothing changed).
pub fn write(app: &App, access: &Access, id: Option<&str>, input: PortosCustomerInput) -> Result<Written> {
    if let Some(id) = id
        && (id.is_empty()
            || id.len() > 64
            || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    {
        return Err(Error::validation("id", "An id is 1 to 64 letters, digits, '-' or '_'."));
    }
    let extra = extra(&input)?;
    let now = app.now();
    let created = app.db().write(|tx| {
        let existing = match id {
            Some(id) => repo::find(tx, access.organizer_id(), id)?,
            None => None,
        };
        let target = input.credit.as_ref().map(|c| c.amount.0);
        let (identifier, created) = match existing {
            None => {
                require(access, Right::CustomerCreate)?;
                if extra.discount_rate != 0 {
                    require(access, Right::CustomerSetDiscount)?;
                }
                if target.is_some_and(|t| !t.is_zero()) {
                    require(access, Right::CustomerSetCredit)?;
                }
                let fields = patch(access, &input);
                let customer = customers::create_as_in_tx(
                    tx,
                    now,
                    access,
                    id,
                    NewCustomer { fields, ..NewCustomer::default() },
                    None,
                )
                .map_err(rename_fields)?;
                (customer.identifier, true)
            }
            Some(row) => {
                if require(access, Right::CustomerUpdate).is_err() {
                    require(access, Right::CustomerCreate)?;
                }
                if let Some(sent) = input.version
                    && sent != row.version
                {
                    return Err(Error::VersionMismatch {
                        resource: "customers",
                        id: row.identifier,
                        version: row.version,
                    });
                }
                if extra.discount_rate != row.discount_rate {
                    require(access, Right::CustomerSetDiscount)?;
                }
                if let Some(t) = target
                    && access.organizer.currency.to_minor(t).ok() != Some(credit::balance_minor(tx, row.id)?)
                {
                    require(access, Right::CustomerSetCredit)?;
                }
                customers::update_in_tx(tx, now, access, &row.identifier, patch(access, &input))
                    .map_err(rename_fields)?;
                (row.identifier, false)
            }
        };
        repo::save_extra(tx, access.organizer_id(), &identifier, &extra)?;
        if created {
            for card in &input.cards {
                let card = crate::cards::CardInput {
                    serial_number: card.serial_number.clone(),
                    ..Default::default()
                };
                crate::cards::issue_in_tx(tx, now, access, &identifier, card).map_err(|e| match e {
                    Error::Validation(_) => {
                        Error::validation("cards", "A card's serial number is missing or taken.")
                    }
                    other => other,
                })?;
            }
        }
        if let Some(t) = target {
            credit::set_balance_in_tx(tx, now, access, &identifier, t, "Set over the Portos API").map_err(
                |e| match e {
                    Error::Validation(fields) => {
                        let message = fields.iter().flat_map(|(_, m)| m.clone()).next().unwrap_or_default();
                        Error::validation("credit.amount", message)
                    }
                    other => other,
                },
            )?;
        }
        Ok((identifier, created))
    })?;
    let (identifier, created) = created;
    Ok(Written { created, customer: get(app, access, &identifier)? })
}

/// `DELETE /customers/{id}`: the customer's personal data is erased and the account deactivated
/// (as pretix's anonymize); the record stays, because its credit ledger and memberships must.
/// Right: `customerDelete`. Errors: `forbidden`, `not_found`, `conflict` (`_v` given and older).
pub fn delete(app: &App, access: &Access, id: &str, version: Option<i64>) -> Result<()> {
    require(access, Right::CustomerDelete)?;
    let now = app.now();
    app.db().write(|tx| {
        let row = repo::find(tx, access.organizer_id(), id)?.ok_or(Error::NotFound { entity: "Customer" })?;
        if let Some(sent) = version
            && sent != row.version
        {
            return Err(Error::VersionMismatch {
                resource: "customers",
                id: row.identifier,
                version: row.version,
            });
        }
        customers::anonymize_in_tx(tx, now, access, id).map(|_| ())
    })
}
