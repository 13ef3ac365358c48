use chrono::{DateTime, Utc};
use rusqlite::Transaction;
use serde_json::{Value, json};

use super::identifier;
use super::model::{Customer, CustomerFilter, CustomerPage, CustomerPatch, CustomerQuery, NewCustomer};
use super::repo::{self, CustomerRecord};
use crate::app::App;
use crate::audit::{self, LogEntry};
use crate::auth::{self, Access, Permission};
use crate::error::{Error, FieldErrors, Result};
use crate::pagination::{Page, PageRequest};
use crate::types::{Email, Locale, NameParts, Phone, time};

const ENTITY: &str = "Customer";
const OBJECT_TYPE: &str = "customer";
const MAX_EXTERNAL_IDENTIFIER: usize = 255;
const MAX_SEARCH_PAGE_SIZE: u32 = 100;

fn not_found() -> Error {
    Error::NotFound { entity: ENTITY }
}

/// Creates a customer with a fresh identifier. Unset fields take pretix's defaults (active,
/// verified, locale `en`, no name). Errors: `forbidden` (needs `organizer.customers:write`),
/// `validation` (every failing field at once, including an email already used in this organizer).
/// Not idempotent: each call creates a customer.
pub fn create(app: &App, access: &Access, input: NewCustomer) -> Result<Customer> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    let password_hash = match input.password.as_deref() {
        Some(password) => Some(auth::hash_password(password)?),
        None => None,
    };
    let now = app.now();
    app.db().write(|tx| create_in_tx(tx, now, access, input, password_hash))
}

/// [`create`] inside a caller's transaction (imports, seeding), with the password already hashed
/// (hashing is slow and must not hold the writer).
pub fn create_in_tx(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    access: &Access,
    input: NewCustomer,
    password_hash: Option<String>,
) -> Result<Customer> {
    create_as_in_tx(tx, now, access, None, input, password_hash)
}

/// [`create_in_tx`] under an identifier the client chose (a Portos `PUT /customers/{id}`), or a
/// generated one. Errors: as [`create`], and `validation` on `id` when it is taken.
pub(crate) fn create_as_in_tx(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    access: &Access,
    chosen: Option<&str>,
    input: NewCustomer,
    password_hash: Option<String>,
) -> Result<Customer> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    let identifier = match chosen {
        Some(id) if repo::identifier_taken(tx, id)? => {
            return Err(Error::validation("id", "This id is taken by another customer."));
        }
        Some(id) => id.to_string(),
        None => identifier::generate(&mut rand::thread_rng(), |code| repo::identifier_taken(tx, code))?,
    };
    let blank = Customer {
        identifier,
        external_identifier: None,
        email: None,
        phone: None,
        name: String::new(),
        name_parts: Default::default(),
        is_active: true,
        is_verified: true,
        last_login: None,
        date_joined: now,
        locale: Locale::DEFAULT.as_str().into(),
        last_modified: now,
        notes: None,
    };
    let mut record = CustomerRecord { id: 0, customer: blank, password_hash, discount_rate: 0 };
    apply(tx, access, &mut record, &input.fields)?;
    record.id = repo::insert(tx, access.organizer_id(), &record)?;
    let mut data = serde_json::to_value(&input.fields).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut data {
        if let Some(password) = &input.password {
            map.insert("password".into(), json!(password));
        }
        map.insert("send_email".into(), json!(input.send_email));
    }
    log(tx, access, now, record.id, "pretix.customer.created", data)?;
    if input.send_email {
        crate::outbox::queue_customer_registration_in_tx(tx, now, access, &record.customer)?;
    }
    Ok(record.customer)
}

/// The customer with this identifier in the caller's organizer. Errors: `forbidden` (needs
/// `organizer.customers:read`), `not_found`.
pub fn get(app: &App, access: &Access, identifier: &str) -> Result<Customer> {
    access.require(Permission::CUSTOMERS_READ)?;
    app.db()
        .read(|c| repo::find(c, access.organizer_id(), identifier))?
        .map(|r| r.customer)
        .ok_or_else(not_found)
}

/// Applies `patch` (absent fields stay as they are). Errors: `forbidden` (needs
/// `organizer.customers:write`), `not_found`, `validation`.
pub fn update(app: &App, access: &Access, identifier: &str, patch: CustomerPatch) -> Result<Customer> {
    let now = app.now();
    app.db().write(|tx| update_in_tx(tx, now, access, identifier, patch))
}

/// [`update`] inside a caller's transaction.
pub(crate) fn update_in_tx(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    access: &Access,
    identifier: &str,
    patch: CustomerPatch,
) -> Result<Customer> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    let mut record = repo::find(tx, access.organizer_id(), identifier)?.ok_or_else(not_found)?;
    apply(tx, access, &mut record, &patch)?;
    record.customer.last_modified = now;
    repo::update(tx, access.organizer_id(), &record)?;
    log(
        tx,
        access,
        now,
        record.id,
        "pretix.customer.changed",
        serde_json::to_value(&patch).unwrap_or(Value::Null),
    )?;
    Ok(record.customer)
}

/// Removes the customer's personal data for good: name, email, phone, external identifier and
/// notes are cleared, the account deactivated and unverified, and the data of earlier log entries
/// about the customer wiped. The identifier, locale and dates stay. Repeating it is allowed.
/// Errors: `forbidden` (needs `organizer.customers:write`), `not_found`.
pub fn anonymize(app: &App, access: &Access, identifier: &str) -> Result<Customer> {
    let now = app.now();
    app.db().write(|tx| anonymize_in_tx(tx, now, access, identifier))
}

/// [`anonymize`] inside a caller's transaction.
pub(crate) fn anonymize_in_tx(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    access: &Access,
    identifier: &str,
) -> Result<Customer> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    let mut record = repo::find(tx, access.organizer_id(), identifier)?.ok_or_else(not_found)?;
    let c = &mut record.customer;
    c.is_active = false;
    c.is_verified = false;
    c.name_parts.clear();
    c.name.clear();
    c.email = None;
    c.phone = None;
    c.external_identifier = None;
    c.notes = None;
    c.last_modified = now;
    repo::update(tx, access.organizer_id(), &record)?;
    audit::shred_in_tx(tx, access.organizer_id(), OBJECT_TYPE, record.id)?;
    crate::memberships::forget_attendee_names_in_tx(tx, access.organizer_id(), record.id)?;
    log(tx, access, now, record.id, "pretix.customer.anonymized", json!({}))?;
    Ok(record.customer)
}

/// pretix's list: optionally filtered by email (case-insensitive, exact), ordered by email with
/// customers without one last. Errors: `forbidden` (needs `organizer.customers:read`),
/// `not_found` for a page past the end.
pub fn list(
    app: &App,
    access: &Access,
    filter: &CustomerFilter,
    page: PageRequest,
) -> Result<Page<Customer>> {
    access.require(Permission::CUSTOMERS_READ)?;
    let email = filter.email.as_ref().map(|e| e.trim().to_lowercase());
    app.db().read(|c| {
        let count = repo::count(c, access.organizer_id(), email.as_deref())?;
        let number = page.resolve(count)?;
        let offset = (number as u64 - 1) * page.page_size as u64;
        let items = repo::list(c, access.organizer_id(), email.as_deref(), page.page_size, offset)?;
        Ok(Page { count, page: number, page_size: page.page_size, items })
    })
}

/// The desk's search-as-you-type over name, email, phone, identifier and external identifier
/// (case-insensitive substring), newest first. A page past the end is simply empty.
/// Errors: `forbidden` (needs `organizer.customers:read`).
pub fn search(app: &App, access: &Access, query: &CustomerQuery) -> Result<CustomerPage> {
    access.require(Permission::CUSTOMERS_READ)?;
    let page_size = query.page_size.clamp(1, MAX_SEARCH_PAGE_SIZE);
    let page = query.page.max(1);
    let offset = (page as u64 - 1) * page_size as u64;
    let (total, items) =
        app.db().read(|c| repo::search(c, access.organizer_id(), query.search.trim(), page_size, offset))?;
    Ok(CustomerPage { items, total: total.min(u32::MAX as u64) as u32, page, page_size })
}

/// Validates `patch` against the organizer's rules and applies it to `record`, reporting every
/// failing field at once.
fn apply(
    tx: &Transaction<'_>,
    access: &Access,
    record: &mut CustomerRecord,
    patch: &CustomerPatch,
) -> Result<()> {
    let mut errors = FieldErrors::new();
    let c = &mut record.customer;
    if let Some(external) = &patch.external_identifier {
        match external {
            Some(v) if v.chars().count() > MAX_EXTERNAL_IDENTIFIER => errors.add(
                "external_identifier",
                format!("Ensure this field has no more than {MAX_EXTERNAL_IDENTIFIER} characters."),
            ),
            _ => c.external_identifier = external.clone(),
        }
    }
    if let Some(email) = &patch.email {
        // pretix also refuses `null` when another customer has no email (anonymized ones); that
        // is a bug, not a rule, so a cleared email is never a duplicate here.
        match email.as_deref().map(Email::parse) {
            None => c.email = None,
            Some(Err(message)) => errors.add("email", message),
            Some(Ok(email)) => {
                let except = (record.id != 0).then_some(record.id);
                if repo::email_taken(tx, access.organizer_id(), email.as_str(), except)? {
                    errors.add("email", "An account with this email address is already registered.");
                } else {
                    c.email = Some(email.as_str().to_string());
                }
            }
        }
    }
    if let Some(phone) = &patch.phone {
        match phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None => c.phone = None,
            Some(raw) => {
                if let Some(phone) = errors.check("phone", Phone::parse(raw)) {
                    c.phone = Some(phone.as_str().to_string());
                }
            }
        }
    }
    if let Some(parts) = &patch.name_parts {
        let scheme = access.organizer.name_scheme;
        if let Some(parts) = errors.check("name_parts", NameParts::parse(parts.clone(), scheme)) {
            c.name = parts.display(scheme);
            c.name_parts = parts.as_map().clone();
        }
    }
    if let Some(active) = patch.is_active {
        c.is_active = active;
    }
    if let Some(verified) = patch.is_verified {
        c.is_verified = verified;
    }
    if let Some(locale) = patch.locale.as_deref().and_then(|l| errors.check("locale", Locale::parse(l))) {
        c.locale = locale.as_str().into();
    }
    if let Some(notes) = &patch.notes {
        c.notes = notes.clone();
    }
    errors.into_result()
}

fn log(
    tx: &Transaction<'_>,
    access: &Access,
    now: chrono::DateTime<chrono::Utc>,
    id: i64,
    action: &str,
    data: Value,
) -> Result<()> {
    audit::log_in_tx(
        tx,
        &access.actor,
        &time::store(now),
        LogEntry {
            organizer_id: access.organizer_id(),
            action_type: action,
            object_type: OBJECT_TYPE,
            object_id: id,
            data,
        },
    )
}

/// The audit log of one customer, oldest first (for the desk and for tests).
pub fn history(app: &App, access: &Access, identifier: &str) -> Result<Vec<audit::StoredLogEntry>> {
    access.require(Permission::CUSTOMERS_READ)?;
    app.db().read(|c| {
        let record = repo::find(c, access.organizer_id(), identifier)?.ok_or_else(not_found)?;
        audit::list_for_object(c, access.organizer_id(), OBJECT_TYPE, record.id)
    })
}

/// Customers are never deleted (their history and orders refer to them); anonymize instead.
/// Errors: `forbidden` (needs `organizer.customers:write`), `not_found`, else always `not_allowed`.
pub fn delete(app: &App, access: &Access, identifier: &str) -> Result<()> {
    ensure_writable(app, access, identifier)?;
    Err(Error::NotAllowed("Customers cannot be deleted."))
}

/// Checks that the customer exists and the caller may change it, without changing anything
/// (adapters that must answer 404 before they read a body). Errors: `forbidden`, `not_found`.
pub fn ensure_writable(app: &App, access: &Access, identifier: &str) -> Result<()> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    app.db().read(|c| repo::find(c, access.organizer_id(), identifier))?.map(|_| ()).ok_or_else(not_found)
}

/// The row id of a customer in the organizer, for modules that hang data off customers (cards,
/// credit). Errors: `not_found`.
pub(crate) fn row_id(conn: &rusqlite::Connection, organizer_id: i64, identifier: &str) -> Result<i64> {
    Ok(repo::find_id(conn, organizer_id, identifier, false)?.ok_or_else(not_found)?.0)
}
