//! What the desk's Events screens need in one call each: a list of events with their waiting
//! lists' lengths, and an event with its dates, products, quotas (with availability) and
//! waiting-list settings. The desk's forms map onto the same changes the API makes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::model::*;
use super::{repo, service, settings::WaitingListSettings};
use crate::app::App;
use crate::auth::Access;
use crate::error::{Error, Result};
use crate::types::{I18nText, parse_amount, time};

/// An event in the desk's list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EventSummary {
    pub slug: String,
    pub name: String,
    pub date_from: String,
    pub date_to: Option<String>,
    pub has_subevents: bool,
    /// People still waiting (no voucher yet).
    pub waiting: u32,
    /// Vouchers sent from the waiting list and not yet redeemed or expired.
    pub vouchers_out: u32,
}

/// The waiting-list settings the desk edits.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WaitingListSettingsView {
    pub enabled: bool,
    /// Send vouchers automatically when places free up.
    pub auto: bool,
    /// How long a voucher holds its place.
    pub hours: u32,
    pub limit_per_user: u32,
    /// The languages entries may have; the first is the default.
    pub locales: Vec<String>,
}

/// An event with everything its screen shows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EventDetail {
    pub event: Event,
    /// The event-level permissions the user holds here.
    pub permissions: Vec<String>,
    pub subevents: Vec<SubEvent>,
    pub items: Vec<Item>,
    pub quotas: Vec<Quota>,
    pub waiting_list: WaitingListSettingsView,
}

/// A product from the desk: a price as typed, variations by name.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewItem {
    pub name: String,
    pub price: String,
    pub admission: bool,
    pub variations: Vec<String>,
}

/// A quota from the desk (create or full edit).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct QuotaInput {
    pub name: String,
    /// `null` is unlimited.
    pub size: Option<u32>,
    pub sold: u32,
    pub closed: bool,
    pub items: Vec<u32>,
    pub variations: Vec<u32>,
    pub subevent: Option<u32>,
}

/// A date of a series from the desk.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewSubEvent {
    pub name: String,
    pub date_from: String,
    pub date_to: Option<String>,
}

fn text(t: &str) -> BTreeMap<String, String> {
    BTreeMap::from([("en".to_string(), t.trim().to_string())])
}

fn when(raw: &str, field: &str) -> Result<chrono::DateTime<chrono::Utc>> {
    time::parse(raw.trim()).ok_or_else(|| Error::validation(field, "Enter a date and time."))
}

/// The language the desk user reads in (English for tokens and devices).
pub(crate) fn desk_locale(c: &rusqlite::Connection, access: &Access) -> Result<String> {
    use rusqlite::OptionalExtension;
    let Some(user) = access.actor.user_id else { return Ok("en".into()) };
    let locale: Option<String> =
        c.query_row("SELECT locale FROM users WHERE id = ?1", [user], |r| r.get(0)).optional()?;
    Ok(locale.unwrap_or_else(|| "en".into()))
}

/// The organizer's events the user may see, soonest first.
pub fn summaries(app: &App, access: &Access) -> Result<Vec<EventSummary>> {
    let now = time::store(app.now());
    app.db().read(|c| {
        let locale = desk_locale(c, access)?;
        let locale = locale.as_str();
        let events = repo::list_events(c, access.organizer_id(), true, false)?;
        events
            .into_iter()
            .filter(|e| access.sees_event(&e.slug))
            .map(|e| {
                let (waiting, out): (u32, u32) = c.query_row(
                    "SELECT \
                       (SELECT count(*) FROM waiting_list_entries WHERE event_id = ?1 AND voucher_id IS NULL), \
                       (SELECT count(*) FROM waiting_list_entries w JOIN vouchers v ON v.id = w.voucher_id \
                        WHERE w.event_id = ?1 AND v.redeemed = 0 AND (v.valid_until IS NULL OR v.valid_until >= ?2))",
                    rusqlite::params![e.id, now],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                Ok(EventSummary {
                    name: I18nText::from_stored(e.name.clone()).localized(locale).to_string(),
                    date_from: time::format(e.date_from),
                    date_to: e.date_to.map(time::format),
                    has_subevents: e.has_subevents,
                    slug: e.slug,
                    waiting,
                    vouchers_out: out,
                })
            })
            .collect()
    })
}

fn settings_view(m: &Map<String, Value>) -> WaitingListSettingsView {
    let s = WaitingListSettings::from(m);
    let mut locales = s.locales.clone();
    locales.retain(|l| l != &s.locale);
    locales.insert(0, s.locale.clone());
    WaitingListSettingsView {
        enabled: s.enabled,
        auto: s.auto,
        hours: s.hours.clamp(1, u32::MAX as i64) as u32,
        limit_per_user: s.limit_per_user.clamp(1, u32::MAX as i64) as u32,
        locales,
    }
}

/// One event with its dates, products, quotas (with availability) and waiting-list settings.
/// Errors: `forbidden`.
pub fn detail(app: &App, access: &Access, slug: &str) -> Result<EventDetail> {
    let event = service::get(app, access, slug)?;
    let quotas = service::list_quotas(
        app,
        access,
        slug,
        &QuotaFilter { with_availability: true, ..QuotaFilter::default() },
    )?;
    let settings = service::get_settings(app, access, slug)?;
    Ok(EventDetail {
        permissions: access.event_permissions(slug),
        subevents: service::list_subevents(app, access, slug)?,
        items: service::list_items(app, access, slug)?,
        quotas,
        waiting_list: settings_view(&settings),
        event,
    })
}

/// Creates an event from the desk's form. Errors as [`service::create`].
pub fn create(app: &App, access: &Access, input: NewEvent) -> Result<Event> {
    let mut change = EventChange {
        name: Some(input.name.trim()).filter(|n| !n.is_empty()).map(text),
        slug: Some(input.slug.trim().to_string()),
        has_subevents: Some(input.has_subevents),
        location: input.location.filter(|l| !l.trim().is_empty()).map(|l| Some(text(&l))),
        ..EventChange::default()
    };
    if change.name.is_none() {
        return Err(Error::validation("name", "Enter the event's name."));
    }
    change.date_from = Some(when(&input.date_from, "date_from")?);
    if let Some(to) = input.date_to.filter(|t| !t.trim().is_empty()) {
        change.date_to = Some(Some(when(&to, "date_to")?));
    }
    service::create(app, access, change)
}

/// Adds a date to a series. Errors as [`service::save_subevent`].
pub fn add_subevent(app: &App, access: &Access, slug: &str, input: NewSubEvent) -> Result<SubEvent> {
    let mut change = SubEventChange {
        name: Some(text(&input.name)),
        date_from: Some(when(&input.date_from, "date_from")?),
        active: Some(true),
        meta_data: Some(BTreeMap::new()),
        ..SubEventChange::default()
    };
    if let Some(to) = input.date_to.filter(|t| !t.trim().is_empty()) {
        change.date_to = Some(Some(when(&to, "date_to")?));
    }
    service::save_subevent(app, access, slug, None, change)
}

/// Adds a product. Errors as [`service::create_item`], `validation` on `price`.
pub fn add_item(app: &App, access: &Access, slug: &str, input: NewItem) -> Result<Item> {
    let price = parse_amount(input.price.trim().replace(',', ".").as_str())
        .map_err(|m| Error::validation("price", m))?;
    let variations: Vec<VariationChange> = input
        .variations
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map(|v| VariationChange { value: Some(text(v)), ..VariationChange::default() })
        .collect();
    let change = ItemChange {
        name: Some(input.name.trim()).filter(|n| !n.is_empty()).map(text),
        default_price: Some(Some(price)),
        admission: Some(input.admission),
        variations: Some(variations),
        ..ItemChange::default()
    };
    if change.name.is_none() {
        return Err(Error::validation("name", "Enter the product's name."));
    }
    service::create_item(app, access, slug, change).map_err(|e| match e {
        Error::Validation(mut f) => {
            if let Some(m) = f.get("default_price").map(|m| m.to_vec()) {
                for msg in m {
                    f.add("price", msg);
                }
            }
            Error::Validation(f)
        }
        other => other,
    })
}

/// Creates (`id` none) or replaces a quota. Errors as [`service::save_quota`].
pub fn save_quota(
    app: &App,
    access: &Access,
    slug: &str,
    id: Option<i64>,
    input: QuotaInput,
) -> Result<Quota> {
    let change = QuotaChange {
        name: Some(input.name.trim().to_string()),
        size: Some(input.size.map(i64::from)),
        items: Some(input.items.into_iter().map(i64::from).collect()),
        variations: Some(input.variations.into_iter().map(i64::from).collect()),
        subevent: Some(input.subevent.map(i64::from)),
        closed: Some(input.closed),
        sold: Some(input.sold.into()),
        ..QuotaChange::default()
    };
    service::save_quota(app, access, slug, id, change)
}

/// Saves the waiting-list settings. Errors as [`service::patch_settings`].
pub fn save_waiting_list_settings(
    app: &App,
    access: &Access,
    slug: &str,
    input: WaitingListSettingsView,
) -> Result<WaitingListSettingsView> {
    let mut body = Map::new();
    body.insert("waiting_list_enabled".into(), json!(input.enabled));
    body.insert("waiting_list_auto".into(), json!(input.auto));
    body.insert("waiting_list_hours".into(), json!(input.hours));
    body.insert("waiting_list_limit_per_user".into(), json!(input.limit_per_user));
    if let Some(first) = input.locales.first() {
        body.insert("locales".into(), json!(input.locales));
        body.insert("locale".into(), json!(first));
    }
    let saved = service::patch_settings(app, access, slug, &body)?;
    Ok(settings_view(&saved))
}
