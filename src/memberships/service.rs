use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::{Connection, Transaction};
use serde_json::{Value, json};

use super::model::*;
use super::repo::{self, MembershipRecord};
use crate::app::App;
use crate::auth::{Access, Permission};
use crate::customers;
use crate::error::{Error, FieldErrors, Result};
use crate::pagination::{Page, PageRequest};
use crate::types::time;

/// Two uses closer than this count as "at the same time" (pretix: events starting within a minute).
const PARALLEL_WINDOW: TimeDelta = TimeDelta::minutes(1);
const REQUIRED: &str = "This field is required.";

fn type_not_found() -> Error {
    Error::NotFound { entity: "MembershipType" }
}

fn not_found() -> Error {
    Error::NotFound { entity: "Membership" }
}

use crate::audit::record_in_tx as log;

fn check_max_usages(value: Option<i64>, errors: &mut FieldErrors) {
    match value {
        Some(n) if n < 0 => errors.add("max_usages", "Ensure this value is greater than or equal to 0."),
        Some(n) if n > i32::MAX as i64 => {
            errors.add("max_usages", format!("Ensure this value is less than or equal to {}.", i32::MAX))
        }
        _ => {}
    }
}

fn type_data(change: &MembershipTypeChange) -> Value {
    let mut data = serde_json::Map::new();
    if let Some(name) = &change.name {
        data.insert("name".into(), json!(name.as_map()));
    }
    if let Some(v) = change.transferable {
        data.insert("transferable".into(), json!(v));
    }
    if let Some(v) = change.allow_parallel_usage {
        data.insert("allow_parallel_usage".into(), json!(v));
    }
    if let Some(v) = change.max_usages {
        data.insert("max_usages".into(), json!(v));
    }
    Value::Object(data)
}

fn apply_type(t: &mut MembershipType, change: &MembershipTypeChange) {
    if let Some(name) = &change.name {
        t.name = name.as_map().clone();
    }
    if let Some(v) = change.transferable {
        t.transferable = v;
    }
    if let Some(v) = change.allow_parallel_usage {
        t.allow_parallel_usage = v;
    }
    if let Some(v) = change.max_usages {
        t.max_usages = v;
    }
}

/// The organizer's membership types, oldest first. Errors: `forbidden` (needs
/// `organizer.settings.general:write`, even to read, as in pretix).
pub fn list_types(app: &App, access: &Access) -> Result<Vec<MembershipType>> {
    access.require(Permission::SETTINGS_WRITE)?;
    app.db().read(|c| repo::list_types(c, access.organizer_id()))
}

/// Errors: `forbidden`, `not_found`.
pub fn get_type(app: &App, access: &Access, id: i64) -> Result<MembershipType> {
    access.require(Permission::SETTINGS_WRITE)?;
    app.db().read(|c| repo::find_type(c, access.organizer_id(), id))?.ok_or_else(type_not_found)
}

/// Creates a type; `name` is required, the flags default to off and `max_usages` to no limit.
/// Errors: `forbidden`, `validation`.
pub fn create_type(app: &App, access: &Access, change: MembershipTypeChange) -> Result<MembershipType> {
    access.require(Permission::SETTINGS_WRITE)?;
    let mut errors = FieldErrors::new();
    if change.name.is_none() {
        errors.add("name", REQUIRED);
    }
    check_max_usages(change.max_usages.flatten(), &mut errors);
    errors.into_result()?;
    let now = app.now();
    app.db().write(|tx| {
        let mut t = MembershipType {
            id: 0,
            name: Default::default(),
            transferable: false,
            allow_parallel_usage: false,
            max_usages: None,
        };
        apply_type(&mut t, &change);
        t.id = repo::insert_type(tx, access.organizer_id(), &t, &time::store(now))?;
        log(tx, access, now, ("membershiptype", t.id), "pretix.membershiptype.created", type_data(&change))?;
        Ok(t)
    })
}

/// Changes the given fields of a type. Errors: `forbidden`, `not_found`, `validation`.
pub fn update_type(
    app: &App,
    access: &Access,
    id: i64,
    change: MembershipTypeChange,
) -> Result<MembershipType> {
    access.require(Permission::SETTINGS_WRITE)?;
    let mut errors = FieldErrors::new();
    check_max_usages(change.max_usages.flatten(), &mut errors);
    let now = app.now();
    app.db().write(|tx| {
        let mut t = repo::find_type(tx, access.organizer_id(), id)?.ok_or_else(type_not_found)?;
        errors.into_result()?;
        apply_type(&mut t, &change);
        repo::update_type(tx, access.organizer_id(), &t)?;
        log(tx, access, now, ("membershiptype", t.id), "pretix.membershiptype.changed", type_data(&change))?;
        Ok(t)
    })
}

/// Deletes a type no membership has. Errors: `forbidden` (also when in use), `not_found`.
pub fn delete_type(app: &App, access: &Access, id: i64) -> Result<()> {
    access.require(Permission::SETTINGS_WRITE)?;
    let now = app.now();
    app.db().write(|tx| {
        let t = repo::find_type(tx, access.organizer_id(), id)?.ok_or_else(type_not_found)?;
        if repo::type_in_use(tx, t.id)? {
            return Err(Error::Refused("Can only be deleted if unused."));
        }
        log(tx, access, now, ("membershiptype", t.id), "pretix.membershiptype.deleted", json!({"id": t.id}))?;
        repo::delete_type(tx, access.organizer_id(), t.id)
    })
}

fn membership_data(change: &MembershipChange) -> Value {
    let mut data = serde_json::Map::new();
    if let Some(v) = &change.customer {
        data.insert("customer".into(), json!(v));
    }
    if let Some(v) = change.membership_type {
        data.insert("membership_type".into(), json!(v));
    }
    if let Some(v) = change.testmode {
        data.insert("testmode".into(), json!(v));
    }
    if let Some(v) = change.date_start {
        data.insert("date_start".into(), json!(time::format(v)));
    }
    if let Some(v) = change.date_end {
        data.insert("date_end".into(), json!(time::format(v)));
    }
    if let Some(v) = &change.attendee_name_parts {
        data.insert("attendee_name_parts".into(), json!(v));
    }
    Value::Object(data)
}

/// Checks `customer` and `membership_type` of a change against the organizer; returns the
/// customer's row id and identifier when one was given.
fn resolve(
    conn: &Connection,
    access: &Access,
    change: &MembershipChange,
    errors: &mut FieldErrors,
) -> Result<Option<(i64, String)>> {
    let mut customer = None;
    if let Some(identifier) = &change.customer {
        customer = customers::repo::find_id(conn, access.organizer_id(), identifier, false)?;
        if customer.is_none() {
            errors.add("customer", format!("Object with identifier={identifier} does not exist."));
        }
    }
    if let Some(type_id) = change.membership_type
        && repo::find_type(conn, access.organizer_id(), type_id)?.is_none()
    {
        errors.add("membership_type", format!("Invalid pk \"{type_id}\" - object does not exist."));
    }
    Ok(customer)
}

/// Sells a membership to a customer of this organizer. `customer`, `membership_type`,
/// `date_start` and `date_end` are required. Logged on the customer. Errors: `forbidden` (needs
/// `organizer.customers:write`), `validation`.
pub fn create(app: &App, access: &Access, change: MembershipChange) -> Result<Membership> {
    let now = app.now();
    app.db().write(|tx| create_in_tx(tx, now, access, &change))
}

/// [`create`] inside a caller's transaction (imports).
pub fn create_in_tx(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    access: &Access,
    change: &MembershipChange,
) -> Result<Membership> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    {
        let mut errors = FieldErrors::new();
        for (field, present) in [
            ("customer", change.customer.is_some()),
            ("membership_type", change.membership_type.is_some()),
            ("date_start", change.date_start.is_some()),
            ("date_end", change.date_end.is_some()),
        ] {
            if !present {
                errors.add(field, REQUIRED);
            }
        }
        let customer = resolve(tx, access, change, &mut errors)?;
        errors.into_result()?;
        let (Some((customer_id, identifier)), Some(membership_type), Some(date_start), Some(date_end)) =
            (customer, change.membership_type, change.date_start, change.date_end)
        else {
            return Err(Error::Internal("membership fields checked above".into()));
        };
        let mut m = Membership {
            id: 0,
            customer: identifier,
            membership_type,
            testmode: change.testmode.unwrap_or(false),
            date_start,
            date_end,
            attendee_name_parts: Some(change.attendee_name_parts.clone().flatten().unwrap_or_default()),
        };
        m.id = repo::insert(tx, access.organizer_id(), customer_id, &m, &time::store(now))?;
        log(
            tx,
            access,
            now,
            ("customer", customer_id),
            "pretix.customer.membership.created",
            membership_data(change),
        )?;
        Ok(m)
    }
}

/// Errors: `forbidden` (needs `organizer.customers:read`), `not_found`.
pub fn get(app: &App, access: &Access, id: i64) -> Result<Membership> {
    access.require(Permission::CUSTOMERS_READ)?;
    app.db().read(|c| repo::find(c, access.organizer_id(), id))?.map(|r| r.membership).ok_or_else(not_found)
}

/// Changes type, dates or attendee name; a `customer` given is checked but never moves the
/// membership, and `testmode` never changes. Errors: `forbidden`, `not_found`, `validation`.
pub fn update(app: &App, access: &Access, id: i64, change: MembershipChange) -> Result<Membership> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    let now = app.now();
    app.db().write(|tx| {
        let MembershipRecord { customer_id, membership: mut m } =
            repo::find(tx, access.organizer_id(), id)?.ok_or_else(not_found)?;
        let mut errors = FieldErrors::new();
        resolve(tx, access, &change, &mut errors)?;
        errors.into_result()?;
        if let Some(v) = change.membership_type {
            m.membership_type = v;
        }
        if let Some(v) = change.date_start {
            m.date_start = v;
        }
        if let Some(v) = change.date_end {
            m.date_end = v;
        }
        if let Some(v) = &change.attendee_name_parts {
            m.attendee_name_parts = v.clone();
        }
        repo::update(tx, access.organizer_id(), &m)?;
        log(
            tx,
            access,
            now,
            ("customer", customer_id),
            "pretix.customer.membership.changed",
            membership_data(&change),
        )?;
        Ok(m)
    })
}

/// Memberships are never deleted; change their dates instead. Errors: `forbidden`,
/// `not_found`, else always `not_allowed`.
pub fn delete(app: &App, access: &Access, id: i64) -> Result<()> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    app.db().read(|c| repo::find(c, access.organizer_id(), id))?.ok_or_else(not_found)?;
    Err(Error::NotAllowed("Memberships cannot be deleted. You can change the date instead."))
}

/// pretix's list with its filters and fixed order. An unknown `membership_type` is a
/// `validation` error, not an empty list; an unknown customer gives an empty list.
/// Errors: `forbidden` (needs `organizer.customers:read`), `validation`, `not_found` (page).
pub fn list(
    app: &App,
    access: &Access,
    filter: &MembershipFilter,
    page: PageRequest,
) -> Result<Page<Membership>> {
    access.require(Permission::CUSTOMERS_READ)?;
    app.db().read(|c| {
        if let Some(type_id) = filter.membership_type
            && repo::find_type(c, access.organizer_id(), type_id)?.is_none()
        {
            return Err(Error::validation(
                "membership_type",
                "Select a valid choice. That choice is not one of the available choices.",
            ));
        }
        let customer_id = match &filter.customer {
            None => None,
            Some(identifier) => match customers::repo::find_id(c, access.organizer_id(), identifier, true)? {
                Some((id, _)) => Some(id),
                None => {
                    return Ok(Page {
                        count: 0,
                        page: page.resolve(0)?,
                        page_size: page.page_size,
                        items: vec![],
                    });
                }
            },
        };
        let count = repo::count(c, access.organizer_id(), customer_id, filter)?;
        let number = page.resolve(count)?;
        let offset = (number as u64 - 1) * page.page_size as u64;
        let items = repo::list(c, access.organizer_id(), customer_id, filter, page.page_size, offset)?;
        Ok(Page {
            count,
            page: number,
            page_size: page.page_size,
            items: items.into_iter().map(|r| r.membership).collect(),
        })
    })
}

/// The customer's memberships as the desk shows them: with standing and uses left now.
/// Errors: `forbidden`, `not_found`.
pub fn for_customer(app: &App, access: &Access, customer: &str) -> Result<Vec<MembershipStatus>> {
    check(app, access, customer, app.now(), None)
}

/// Removes attendee names from a customer's memberships (part of anonymizing the customer).
pub(crate) fn forget_attendee_names_in_tx(
    tx: &Transaction<'_>,
    organizer_id: i64,
    customer_id: i64,
) -> Result<()> {
    repo::null_attendee_names(tx, organizer_id, customer_id)
}

fn standing(m: &Membership, t: &MembershipType, uses: i64, at: DateTime<Utc>) -> Standing {
    if at < m.date_start {
        Standing::Upcoming
    } else if at > m.date_end {
        Standing::Expired
    } else if t.max_usages.is_some_and(|max| uses >= max) {
        Standing::UsedUp
    } else {
        Standing::Valid
    }
}

/// Records one use of a membership at `input.at` (now if unset), enforcing, in this order: test
/// mode, validity (start and end inclusive), `max_usages`, and, unless the type allows parallel
/// use, no other use within a minute. Not idempotent: each call is one use.
/// Errors: `forbidden` (needs `organizer.customers:write`), `not_found`, `membership_refused`.
pub fn record_use(
    app: &App,
    access: &Access,
    membership_id: i64,
    input: UseMembership,
) -> Result<MembershipUse> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    let now = app.now();
    let at = input.at.unwrap_or(now);
    app.db().write(|tx| {
        let record = repo::find(tx, access.organizer_id(), membership_id)?.ok_or_else(not_found)?;
        let m = &record.membership;
        let t = repo::find_type(tx, access.organizer_id(), m.membership_type)?.ok_or_else(type_not_found)?;
        if m.testmode != input.testmode {
            return Err(Error::MembershipRefused(Refusal::TestmodeMismatch));
        }
        match standing(m, &t, repo::count_active_uses(tx, m.id)?, at) {
            Standing::Upcoming => return Err(Error::MembershipRefused(Refusal::NotYetValid)),
            Standing::Expired => return Err(Error::MembershipRefused(Refusal::Expired)),
            Standing::UsedUp => return Err(Error::MembershipRefused(Refusal::UsedUp)),
            Standing::Valid => {}
        }
        if !t.allow_parallel_usage
            && repo::active_use_between(
                tx,
                m.id,
                &time::store(at - PARALLEL_WINDOW),
                &time::store(at + PARALLEL_WINDOW),
            )?
        {
            return Err(Error::MembershipRefused(Refusal::UsedInParallel));
        }
        let reference = input.reference.trim().to_string();
        let id = repo::insert_use(
            tx,
            access.organizer_id(),
            m.id,
            &time::store(at),
            &reference,
            &time::store(now),
        )?;
        let data = json!({"membership": m.id, "used_at": time::format(at), "reference": reference});
        log(tx, access, now, ("customer", record.customer_id), "tessera.customer.membership.used", data)?;
        repo::find_use(tx, access.organizer_id(), m.id, id)?.ok_or_else(not_found)
    })
}

/// Records a use now, at the desk, in the membership's own mode (the desk does not sell tickets,
/// so it has no test mode of its own). Errors as [`record_use`].
pub fn record_use_now(
    app: &App,
    access: &Access,
    membership_id: i64,
    reference: String,
) -> Result<MembershipUse> {
    let testmode = get(app, access, membership_id)?.testmode;
    record_use(app, access, membership_id, UseMembership { at: None, reference, testmode })
}

/// The uses of a membership, in time order (voided ones included, marked). Errors: `forbidden`
/// (needs `organizer.customers:read`), `not_found`.
pub fn list_uses(app: &App, access: &Access, membership_id: i64) -> Result<Vec<MembershipUse>> {
    access.require(Permission::CUSTOMERS_READ)?;
    app.db().read(|c| {
        repo::find(c, access.organizer_id(), membership_id)?.ok_or_else(not_found)?;
        repo::list_uses(c, access.organizer_id(), membership_id)
    })
}

/// Voids a use so it no longer counts; voiding twice changes nothing more.
/// Errors: `forbidden` (needs `organizer.customers:write`), `not_found`.
pub fn void_use(app: &App, access: &Access, membership_id: i64, use_id: i64) -> Result<MembershipUse> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    let now = app.now();
    app.db().write(|tx| {
        let record = repo::find(tx, access.organizer_id(), membership_id)?.ok_or_else(not_found)?;
        let used = repo::find_use(tx, access.organizer_id(), membership_id, use_id)?
            .ok_or(Error::NotFound { entity: "MembershipUse" })?;
        if used.voided {
            return Ok(used);
        }
        repo::void_use(tx, access.organizer_id(), use_id, &time::store(now))?;
        let data = json!({"membership": membership_id, "use": use_id});
        log(
            tx,
            access,
            now,
            ("customer", record.customer_id),
            "tessera.customer.membership.use_voided",
            data,
        )?;
        repo::find_use(tx, access.organizer_id(), membership_id, use_id)?
            .ok_or(Error::NotFound { entity: "MembershipUse" })
    })
}

/// A customer's memberships with their standing at `at` and uses left, for the door, the till
/// and the desk. Only memberships of the given test mode (all when `None`). Errors: `forbidden`,
/// `not_found`.
pub fn check(
    app: &App,
    access: &Access,
    customer: &str,
    at: DateTime<Utc>,
    testmode: Option<bool>,
) -> Result<Vec<MembershipStatus>> {
    access.require(Permission::CUSTOMERS_READ)?;
    app.db().read(|c| {
        let (customer_id, _) = customers::repo::find_id(c, access.organizer_id(), customer, false)?
            .ok_or(Error::NotFound { entity: "Customer" })?;
        Ok(statuses_in(c, access.organizer_id(), customer_id, at, testmode)?
            .into_iter()
            .map(|(s, _)| s)
            .collect())
    })
}

/// A customer's memberships with their standing at `at` and their types, without a permission
/// check (for services that decide access themselves, such as the POS lookup).
pub(crate) fn statuses_in(
    c: &rusqlite::Connection,
    organizer_id: i64,
    customer_id: i64,
    at: DateTime<Utc>,
    testmode: Option<bool>,
) -> Result<Vec<(MembershipStatus, MembershipType)>> {
    let filter = MembershipFilter { testmode, ..MembershipFilter::default() };
    let types = repo::list_types(c, organizer_id)?;
    repo::list(c, organizer_id, Some(customer_id), &filter, u32::MAX, 0)?
        .into_iter()
        .map(|record| {
            let m = record.membership;
            let t = types.iter().find(|t| t.id == m.membership_type).ok_or_else(type_not_found)?;
            let uses = repo::count_active_uses(c, m.id)?;
            let status = MembershipStatus {
                standing: standing(&m, t, uses, at),
                uses_left: t.max_usages.map(|max| (max - uses).max(0)),
                uses,
                membership: m,
            };
            Ok((status, t.clone()))
        })
        .collect()
}
