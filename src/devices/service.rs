use std::collections::BTreeSet;

use chrono::TimeDelta;
use rand::Rng;
use rusqlite::{Connection, Transaction};
use serde_json::{Value, json};

use super::model::*;
use super::repo::{self, DeviceRecord};
use crate::app::App;
use crate::audit::{self, LogEntry};
use crate::auth::{self, Access, Actor, Permission, Principal, TeamGrants};
use crate::error::{AuthFailure, Error, FieldErrors, Result};
use crate::organizers;
use crate::types::time;

/// `last_seen` is written at most this often per device.
const SEEN_EVERY: TimeDelta = TimeDelta::seconds(10);
const MAX_TEXT: usize = 190;

fn not_found() -> Error {
    Error::NotFound { entity: "Device" }
}

fn random(alphabet: &[u8], len: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..len).map(|_| alphabet[rng.gen_range(0..alphabet.len())] as char).collect()
}

fn spent(token: &str) -> String {
    format!("used:{}", auth::hash_secret(token))
}

fn log(
    tx: &Transaction<'_>,
    actor: &Actor,
    organizer_id: i64,
    id: i64,
    action: &str,
    data: Value,
    now: &str,
) -> Result<()> {
    let entry = LogEntry { organizer_id, action_type: action, object_type: "device", object_id: id, data };
    audit::log_in_tx(tx, actor, now, entry)
}

/// The resource view: the pairing code only while unused and only for those who may change devices.
fn shown(record: DeviceRecord, access: &Access) -> Device {
    let mut device = record.device;
    if access.require(Permission::DEVICES_WRITE).is_ok() {
        device.initialization_token = record.initialization_token.filter(|t| !t.starts_with("used:"));
    }
    device
}

fn check_change(change: &DeviceChange, creating: bool, errors: &mut FieldErrors) {
    match &change.name {
        None if creating => errors.add("name", "This field is required."),
        Some(name) if name.trim().is_empty() => errors.add("name", "This field may not be blank."),
        Some(name) if name.chars().count() > MAX_TEXT => {
            errors.add("name", format!("Ensure this field has no more than {MAX_TEXT} characters."))
        }
        _ => {}
    }
    match &change.limit_events {
        None if creating => errors.add("limit_events", "This field is required."),
        // No events exist yet in Tessera; every slug is unknown.
        Some(slugs) => {
            for slug in slugs {
                errors.add("limit_events", format!("Object with slug={slug} does not exist."));
            }
        }
        None => {}
    }
    if let Some(profile) = &change.security_profile
        && !SECURITY_PROFILES.contains(&profile.as_str())
    {
        errors.add("security_profile", format!("\"{profile}\" is not a valid choice."));
    }
}

/// Creates a device with a fresh one-time initialization token. `name` and `limit_events` are
/// required. Errors: `forbidden` (needs `organizer.devices:write`), `validation`.
pub fn create(app: &App, access: &Access, change: DeviceChange) -> Result<Device> {
    access.require(Permission::DEVICES_WRITE)?;
    let mut errors = FieldErrors::new();
    check_change(&change, true, &mut errors);
    errors.into_result()?;
    let now = time::store(app.now());
    app.db().write(|tx| {
        let serial = random(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 16);
        let init_token = random(b"abcdefghijklmnopqrstuvwxyz0123456789", 16);
        let limit_events: BTreeSet<String> =
            change.limit_events.clone().unwrap_or_default().into_iter().collect();
        let id = repo::insert(
            tx,
            &repo::NewRow {
                organizer_id: access.organizer_id(),
                number: repo::next_number(tx, access.organizer_id())?,
                serial: &serial,
                init_token: &init_token,
                name: change.name.as_deref().unwrap_or("").trim(),
                all_events: change.all_events.unwrap_or(false),
                limit_events: &limit_events,
                security_profile: change.security_profile.as_deref().unwrap_or("full"),
                now: &now,
            },
        )?;
        log(
            tx,
            &access.actor,
            access.organizer_id(),
            id,
            "pretix.device.created",
            json!({"name": change.name}),
            &now,
        )?;
        Ok(shown(repo::find(tx, id)?.ok_or_else(not_found)?, access))
    })
}

/// The organizer's devices, oldest first. Errors: `forbidden` (needs `organizer.devices:read`).
pub fn list(app: &App, access: &Access) -> Result<Vec<Device>> {
    access.require(Permission::DEVICES_READ)?;
    let records = app.db().read(|c| repo::list(c, access.organizer_id()))?;
    Ok(records.into_iter().map(|r| shown(r, access)).collect())
}

/// Errors: `forbidden`, `not_found`.
pub fn get(app: &App, access: &Access, number: i64) -> Result<Device> {
    access.require(Permission::DEVICES_READ)?;
    let record =
        app.db().read(|c| repo::find_by_number(c, access.organizer_id(), number))?.ok_or_else(not_found)?;
    Ok(shown(record, access))
}

/// Renames or re-scopes a device. Errors: `forbidden` (needs `organizer.devices:write`),
/// `not_found`, `validation`.
pub fn update(app: &App, access: &Access, number: i64, change: DeviceChange) -> Result<Device> {
    access.require(Permission::DEVICES_WRITE)?;
    let now = time::store(app.now());
    app.db().write(|tx| {
        let mut record = repo::find_by_number(tx, access.organizer_id(), number)?.ok_or_else(not_found)?;
        let mut errors = FieldErrors::new();
        check_change(&change, false, &mut errors);
        errors.into_result()?;
        let d = &mut record.device;
        if let Some(name) = &change.name {
            d.name = name.trim().to_string();
        }
        if let Some(all) = change.all_events {
            d.all_events = all;
        }
        if let Some(limit) = &change.limit_events {
            d.limit_events = limit.iter().cloned().collect();
        }
        if let Some(profile) = &change.security_profile {
            d.security_profile = profile.clone();
        }
        repo::update_settings(tx, record.id, d)?;
        log(
            tx,
            &access.actor,
            access.organizer_id(),
            record.id,
            "pretix.device.changed",
            json!({"name": d.name}),
            &now,
        )?;
        Ok(shown(record, access))
    })
}

/// The pairing screen of a device that has not used its code yet: the code, `base_url` (where
/// terminals reach this listener) and the handshake QR code.
/// Errors: `forbidden` (needs `organizer.devices:write`), `not_found`, `refused` (already paired or
/// revoked: the code is spent).
pub fn pairing(app: &App, access: &Access, number: i64, base_url: &str) -> Result<DevicePairing> {
    access.require(Permission::DEVICES_WRITE)?;
    let record =
        app.db().read(|c| repo::find_by_number(c, access.organizer_id(), number))?.ok_or_else(not_found)?;
    if record.device.revoked {
        return Err(Error::Refused("This device was revoked; create a new one."));
    }
    let token = record
        .initialization_token
        .filter(|t| !t.starts_with("used:"))
        .ok_or(Error::Refused("This device is already paired; its code was used."))?;
    let handshake = json!({"handshake_version": 1, "url": base_url, "token": token}).to_string();
    let qr =
        qrcode::QrCode::new(handshake.as_bytes()).map_err(|e| Error::Internal(format!("QR code: {e}")))?;
    let qr_svg = qr.render::<qrcode::render::svg::Color<'_>>().min_dimensions(240, 240).build();
    Ok(DevicePairing {
        device: DeviceSummary::from(&record.device),
        initialization_token: token,
        url: base_url.to_string(),
        qr_svg,
    })
}

/// The desk's list of devices. Errors: `forbidden` (needs `organizer.devices:read`).
pub fn summaries(app: &App, access: &Access) -> Result<Vec<DeviceSummary>> {
    Ok(list(app, access)?.iter().map(DeviceSummary::from).collect())
}

/// Adds a device at the desk and returns what pairing it needs. Errors: as [`create`].
pub fn add(app: &App, access: &Access, input: DeviceInput, base_url: &str) -> Result<DevicePairing> {
    let change = DeviceChange {
        name: Some(input.name),
        limit_events: Some(Vec::new()),
        all_events: Some(true),
        ..DeviceChange::default()
    };
    let device = create(app, access, change)?;
    pairing(app, access, device.device_id, base_url)
}

/// Renames a device. Errors: as [`update`].
pub fn rename(app: &App, access: &Access, number: i64, input: DeviceInput) -> Result<DeviceSummary> {
    let change = DeviceChange { name: Some(input.name), ..DeviceChange::default() };
    Ok(DeviceSummary::from(&update(app, access, number, change)?))
}

/// Revokes a device from the desk. Errors: `forbidden`, `not_found`.
pub fn revoke_by_admin(app: &App, access: &Access, number: i64) -> Result<Device> {
    access.require(Permission::DEVICES_WRITE)?;
    let now = time::store(app.now());
    app.db().write(|tx| {
        let record = repo::find_by_number(tx, access.organizer_id(), number)?.ok_or_else(not_found)?;
        repo::revoke(tx, record.id)?;
        log(tx, &access.actor, access.organizer_id(), record.id, "pretix.device.revoked", json!({}), &now)?;
        Ok(shown(repo::find(tx, record.id)?.ok_or_else(not_found)?, access))
    })
}

fn check_report(report: &DeviceReport, errors: &mut FieldErrors) {
    for (field, value, required) in [
        ("hardware_brand", &report.hardware_brand, true),
        ("hardware_model", &report.hardware_model, true),
        ("os_name", &report.os_name, false),
        ("os_version", &report.os_version, false),
        ("software_brand", &report.software_brand, true),
        ("software_version", &report.software_version, true),
    ] {
        match value {
            None if required => errors.add(field, "This field is required."),
            Some(v) if v.chars().count() > MAX_TEXT => {
                errors.add(field, format!("Ensure this field has no more than {MAX_TEXT} characters."))
            }
            _ => {}
        }
    }
    if let Some(key) = report.rsa_pubkey.as_deref().filter(|k| !k.trim().is_empty())
        && !looks_like_public_key(key)
    {
        errors.add("rsa_pubkey", "Not a valid public key.");
    }
}

/// A PEM public key block: armor lines around base64. (The key is only stored; nothing here
/// encrypts with it yet.)
fn looks_like_public_key(pem: &str) -> bool {
    let lines: Vec<&str> = pem.trim().lines().map(str::trim).collect();
    if lines.len() < 3 {
        return false;
    }
    let (first, last) = (lines[0], lines[lines.len() - 1]);
    let armored = (first == "-----BEGIN PUBLIC KEY-----" && last == "-----END PUBLIC KEY-----")
        || (first == "-----BEGIN RSA PUBLIC KEY-----" && last == "-----END RSA PUBLIC KEY-----");
    let body = &lines[1..lines.len() - 1];
    armored
        && body
            .iter()
            .all(|l| l.chars().all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '='))
}

fn device_self(conn: &Connection, record: &DeviceRecord, api_token: String) -> Result<DeviceSelf> {
    let organizer =
        organizers::repo::find(conn, record.organizer_id)?.ok_or(Error::NotFound { entity: "Organizer" })?;
    Ok(DeviceSelf {
        organizer: organizer.slug.to_string(),
        device_id: record.device.device_id,
        unique_serial: record.device.unique_serial.clone(),
        api_token,
        name: record.device.name.clone(),
        security_profile: record.device.security_profile.clone(),
        gate: None,
    })
}

/// Trades a one-time initialization token for the device's API token (returned this once).
/// No authentication. Errors: `validation` (missing fields, unknown, used or revoked token).
pub fn initialize(app: &App, token: Option<String>, report: DeviceReport) -> Result<DeviceSelf> {
    let mut errors = FieldErrors::new();
    match &token {
        None => errors.add("token", "This field is required."),
        Some(t) if t.chars().count() > MAX_TEXT => {
            errors.add("token", format!("Ensure this field has no more than {MAX_TEXT} characters."))
        }
        _ => {}
    }
    check_report(&report, &mut errors);
    errors.into_result()?;
    let token = token.unwrap_or_default();
    let now = time::store(app.now());
    app.db().write(|tx| {
        let Some(record) = repo::find_by_init_token(tx, &token)? else {
            let message = if repo::find_by_init_token(tx, &spent(&token))?.is_some() {
                "This initialization token has already been used."
            } else {
                "Unknown initialization token."
            };
            return Err(Error::validation("token", message));
        };
        if record.device.revoked {
            return Err(Error::validation("token", "This initialization token has been revoked."));
        }
        let api_token = auth::new_secret();
        repo::store_report(
            tx,
            record.id,
            &report,
            report.rsa_pubkey.as_deref().filter(|k| !k.trim().is_empty()),
        )?;
        repo::mark_initialized(tx, record.id, &auth::hash_secret(&api_token), &spent(&token), &now)?;
        let actor = Actor { device_id: Some(record.id), ..Actor::default() };
        log(tx, &actor, record.organizer_id, record.id, "pretix.device.initialized", json!({}), &now)?;
        device_self(tx, &record, api_token)
    })
}

/// The device behind an API token; records when it was last seen.
/// Errors: `unauthenticated` (unknown, not initialized, revoked).
pub fn authenticate(app: &App, api_token: &str) -> Result<Principal> {
    let record = app
        .db()
        .read(|c| repo::find_by_api_token_hash(c, &auth::hash_secret(api_token)))?
        .ok_or(Error::Unauthenticated(AuthFailure::InvalidToken))?;
    if record.device.initialized.is_none() {
        return Err(Error::Unauthenticated(AuthFailure::DeviceNotInitialized));
    }
    if record.device.revoked {
        return Err(Error::Unauthenticated(AuthFailure::DeviceRevoked));
    }
    let now = app.now();
    let not_since = record.device.last_seen.is_none_or(|seen| seen < now - SEEN_EVERY);
    if not_since {
        app.db().write(|tx| repo::touch(tx, record.id, &time::store(now), &time::store(now - SEEN_EVERY)))?;
    }
    Ok(Principal::Device { device_id: record.id, organizer_id: record.organizer_id })
}

fn own_record(conn: &Connection, principal: &Principal) -> Result<DeviceRecord> {
    match principal {
        Principal::Device { device_id, .. } => repo::find(conn, *device_id)?.ok_or_else(not_found),
        _ => Err(Error::Unauthenticated(AuthFailure::Missing)),
    }
}

/// A device reports its hardware and software again; its public key may be set once.
/// Errors: `unauthenticated` (not a device), `validation`.
pub fn update_self(
    app: &App,
    principal: &Principal,
    api_token: String,
    report: DeviceReport,
) -> Result<DeviceSelf> {
    let mut errors = FieldErrors::new();
    check_report(&report, &mut errors);
    errors.into_result()?;
    let now = time::store(app.now());
    app.db().write(|tx| {
        let record = own_record(tx, principal)?;
        let new_key = report.rsa_pubkey.as_deref().map(str::trim).filter(|k| !k.is_empty());
        let key = match (record.rsa_pubkey.as_deref().filter(|k| !k.is_empty()), new_key) {
            (Some(old), Some(new)) if old.trim() != new => {
                return Err(Error::validation(
                    "rsa_pubkey",
                    "You cannot change the rsa_pubkey of the device once it is set.",
                ));
            }
            (Some(old), _) => Some(old.to_string()),
            (None, new) => new.map(str::to_string),
        };
        repo::store_report(tx, record.id, &report, key.as_deref())?;
        let actor = Actor { device_id: Some(record.id), ..Actor::default() };
        log(tx, &actor, record.organizer_id, record.id, "pretix.device.updated", json!({}), &now)?;
        device_self(tx, &record, api_token)
    })
}

/// Replaces the device's API token; the old one stops working at once.
pub fn roll(app: &App, principal: &Principal) -> Result<DeviceSelf> {
    let now = time::store(app.now());
    app.db().write(|tx| {
        let record = own_record(tx, principal)?;
        let api_token = auth::new_secret();
        repo::set_api_token(tx, record.id, &auth::hash_secret(&api_token))?;
        let actor = Actor { device_id: Some(record.id), ..Actor::default() };
        log(tx, &actor, record.organizer_id, record.id, "pretix.device.keyroll", json!({}), &now)?;
        device_self(tx, &record, api_token)
    })
}

/// The device revokes itself; every later request with its token is refused.
pub fn revoke_self(app: &App, principal: &Principal, api_token: String) -> Result<DeviceSelf> {
    let now = time::store(app.now());
    app.db().write(|tx| {
        let record = own_record(tx, principal)?;
        repo::revoke(tx, record.id)?;
        let actor = Actor { device_id: Some(record.id), ..Actor::default() };
        log(tx, &actor, record.organizer_id, record.id, "pretix.device.revoked", json!({}), &now)?;
        device_self(tx, &record, api_token)
    })
}

/// The device's own view (`GET /api/v1/device/info`).
pub fn info(app: &App, principal: &Principal, api_token: String) -> Result<Value> {
    let device = app.db().read(|c| {
        let record = own_record(c, principal)?;
        device_self(c, &record, api_token)
    })?;
    Ok(json!({
        "device": device,
        "server": {"version": {"tessera": env!("CARGO_PKG_VERSION")}},
        "medium_key_sets": []
    }))
}

/// The fixed permission set of a device (see [`TeamGrants::device`]), for authorization.
pub(crate) fn grants(conn: &Connection, device_row_id: i64) -> Result<Option<TeamGrants>> {
    Ok(repo::find(conn, device_row_id)?
        .filter(|r| !r.device.revoked)
        .map(|r| TeamGrants::device(r.device.all_events, r.device.limit_events)))
}

#[cfg(test)]
mod tests {
    use super::looks_like_public_key;

    #[test]
    fn public_keys_need_their_armor_and_a_base64_body() {
        assert!(looks_like_public_key("-----BEGIN PUBLIC KEY-----\nMFww+/=\n-----END PUBLIC KEY-----"));
        for bad in [
            "",
            "garbage",
            "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\nno spaces!\n-----END PUBLIC KEY-----",
        ] {
            assert!(!looks_like_public_key(bad), "{bad:?}");
        }
    }
}
