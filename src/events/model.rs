use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::types::time::wire;

/// An event as pretix's API renders it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Event {
    #[serde(skip)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub id: i64,
    pub name: BTreeMap<String, String>,
    pub slug: String,
    pub live: bool,
    pub testmode: bool,
    pub currency: String,
    #[serde(serialize_with = "wire::serialize")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String)]
    pub date_from: DateTime<Utc>,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>)]
    pub date_to: Option<DateTime<Utc>>,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>)]
    pub date_admission: Option<DateTime<Utc>>,
    pub is_public: bool,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>)]
    pub presale_start: Option<DateTime<Utc>>,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>)]
    pub presale_end: Option<DateTime<Utc>>,
    pub location: Option<BTreeMap<String, String>>,
    pub geo_lat: Option<f64>,
    pub geo_lon: Option<f64>,
    pub has_subevents: bool,
    pub meta_data: BTreeMap<String, String>,
    pub seating_plan: Option<u32>,
    pub plugins: Vec<String>,
    pub seat_category_mapping: BTreeMap<String, String>,
    pub timezone: String,
    pub item_meta_properties: BTreeMap<String, String>,
    pub all_sales_channels: bool,
    pub limit_sales_channels: Vec<String>,
    pub public_url: String,
    /// pretix's legacy field: the channels the event is sold in.
    pub sales_channels: Vec<String>,
}

/// What a create or update asks for; `None` leaves a field as it is (or at its default).
#[derive(Debug, Clone, Default)]
pub struct EventChange {
    pub name: Option<BTreeMap<String, String>>,
    pub slug: Option<String>,
    pub live: Option<bool>,
    pub testmode: Option<bool>,
    pub currency: Option<String>,
    pub date_from: Option<DateTime<Utc>>,
    pub date_to: Option<Option<DateTime<Utc>>>,
    pub date_admission: Option<Option<DateTime<Utc>>>,
    pub is_public: Option<bool>,
    pub presale_start: Option<Option<DateTime<Utc>>>,
    pub presale_end: Option<Option<DateTime<Utc>>>,
    pub location: Option<Option<BTreeMap<String, String>>>,
    pub geo_lat: Option<Option<f64>>,
    pub geo_lon: Option<Option<f64>>,
    pub has_subevents: Option<bool>,
    pub meta_data: Option<BTreeMap<String, String>>,
    pub plugins: Option<Vec<String>>,
    pub timezone: Option<String>,
    pub all_sales_channels: Option<bool>,
    pub limit_sales_channels: Option<Vec<String>>,
}

/// List filters of `GET …/events/`.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub is_public: Option<bool>,
    pub live: Option<bool>,
    pub has_subevents: Option<bool>,
    pub testmode: Option<bool>,
    pub is_past: Option<bool>,
    pub is_future: Option<bool>,
    pub search: Option<String>,
    /// `date_from` instead of `slug`, optionally descending.
    pub order_by_date: Option<bool>,
    pub descending: bool,
}

/// A date of an event series.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SubEvent {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub name: BTreeMap<String, String>,
    pub event: String,
    #[serde(serialize_with = "wire::serialize")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String)]
    pub date_from: DateTime<Utc>,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>)]
    pub date_to: Option<DateTime<Utc>>,
    pub active: bool,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>)]
    pub date_admission: Option<DateTime<Utc>>,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>)]
    pub presale_start: Option<DateTime<Utc>>,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>)]
    pub presale_end: Option<DateTime<Utc>>,
    pub location: Option<BTreeMap<String, String>>,
    pub geo_lat: Option<f64>,
    pub geo_lon: Option<f64>,
    pub is_public: bool,
    pub frontpage_text: Option<BTreeMap<String, String>>,
    pub seating_plan: Option<u32>,
    pub item_price_overrides: Vec<String>,
    pub variation_price_overrides: Vec<String>,
    pub meta_data: BTreeMap<String, String>,
    pub seat_category_mapping: BTreeMap<String, String>,
    pub last_modified: String,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct SubEventChange {
    pub name: Option<BTreeMap<String, String>>,
    pub date_from: Option<DateTime<Utc>>,
    pub date_to: Option<Option<DateTime<Utc>>>,
    pub active: Option<bool>,
    pub date_admission: Option<Option<DateTime<Utc>>>,
    pub presale_start: Option<Option<DateTime<Utc>>>,
    pub presale_end: Option<Option<DateTime<Utc>>>,
    pub location: Option<Option<BTreeMap<String, String>>>,
    pub geo_lat: Option<Option<f64>>,
    pub geo_lon: Option<Option<f64>>,
    pub is_public: Option<bool>,
    pub frontpage_text: Option<Option<BTreeMap<String, String>>>,
    pub meta_data: Option<BTreeMap<String, String>>,
    pub comment: Option<Option<String>>,
}

/// A product's variation.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Variation {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub value: BTreeMap<String, String>,
    pub active: bool,
    pub description: Option<BTreeMap<String, String>>,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub position: i64,
    /// `null` takes the product's price.
    pub default_price: Option<String>,
    /// The price that applies.
    pub price: String,
    pub original_price: Option<String>,
    pub free_price_suggestion: Option<String>,
    pub require_approval: bool,
    pub require_membership: bool,
    pub require_membership_types: Vec<u32>,
    pub require_membership_hidden: bool,
    pub checkin_attention: bool,
    pub checkin_text: Option<String>,
    pub available_from: Option<String>,
    pub available_from_mode: String,
    pub available_until: Option<String>,
    pub available_until_mode: String,
    pub all_sales_channels: bool,
    pub limit_sales_channels: Vec<String>,
    pub sales_channels: Vec<String>,
    pub hide_without_voucher: bool,
    pub meta_data: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default)]
pub struct VariationChange {
    pub value: Option<BTreeMap<String, String>>,
    pub active: Option<bool>,
    pub description: Option<Option<BTreeMap<String, String>>>,
    pub position: Option<i64>,
    /// Minor units; `Some(None)` inherits the product's price.
    pub default_price: Option<Option<rust_decimal::Decimal>>,
}

/// A product (pretix's item), with its variations.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Item {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub category: Option<u32>,
    pub name: BTreeMap<String, String>,
    pub internal_name: Option<String>,
    pub active: bool,
    pub sales_channels: Vec<String>,
    pub all_sales_channels: bool,
    pub limit_sales_channels: Vec<String>,
    pub description: Option<BTreeMap<String, String>>,
    pub default_price: String,
    pub free_price: bool,
    pub tax_rate: String,
    pub tax_rule: Option<u32>,
    pub admission: bool,
    pub personalized: bool,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub position: i64,
    pub picture: Option<String>,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>)]
    pub available_from: Option<DateTime<Utc>>,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>)]
    pub available_until: Option<DateTime<Utc>>,
    pub require_voucher: bool,
    pub hide_without_voucher: bool,
    pub allow_cancel: bool,
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub min_per_order: Option<i64>,
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub max_per_order: Option<i64>,
    pub checkin_attention: bool,
    pub has_variations: bool,
    pub variations: Vec<Variation>,
    pub addons: Vec<u32>,
    pub bundles: Vec<u32>,
    pub allow_waitinglist: bool,
    pub require_membership: bool,
    pub require_membership_types: Vec<u32>,
    pub meta_data: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default)]
pub struct ItemChange {
    pub name: Option<BTreeMap<String, String>>,
    pub internal_name: Option<Option<String>>,
    pub active: Option<bool>,
    pub description: Option<Option<BTreeMap<String, String>>>,
    /// `Some(None)` is an explicit `null`, which pretix refuses.
    pub default_price: Option<Option<rust_decimal::Decimal>>,
    pub free_price: Option<bool>,
    pub admission: Option<bool>,
    pub personalized: Option<bool>,
    pub position: Option<i64>,
    pub available_from: Option<Option<DateTime<Utc>>>,
    pub available_until: Option<Option<DateTime<Utc>>>,
    pub min_per_order: Option<Option<i64>>,
    pub max_per_order: Option<Option<i64>>,
    pub allow_waitinglist: Option<bool>,
    pub category: Option<Option<i64>>,
    pub tax_rule: Option<Option<i64>>,
    /// Only on create.
    pub variations: Option<Vec<VariationChange>>,
}

/// A quota: how many of its products may be sold, for one date of a series or the event.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Quota {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub name: String,
    /// `null` is unlimited.
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub size: Option<i64>,
    #[cfg_attr(feature = "specta", specta(type = Vec<u32>))]
    pub items: Vec<i64>,
    #[cfg_attr(feature = "specta", specta(type = Vec<u32>))]
    pub variations: Vec<i64>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub subevent: Option<i64>,
    pub closed: bool,
    pub close_when_sold_out: bool,
    pub release_after_exit: bool,
    pub ignore_for_event_availability: bool,
    /// Tessera: tickets sold for this quota elsewhere, kept up to date by staff.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub sold: i64,
    /// With `?with_availability=true` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub available: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub available_number: Option<Option<i64>>,
}

#[derive(Debug, Clone, Default)]
pub struct QuotaChange {
    pub name: Option<String>,
    pub size: Option<Option<i64>>,
    pub items: Option<Vec<i64>>,
    pub variations: Option<Vec<i64>>,
    pub subevent: Option<Option<i64>>,
    pub closed: Option<bool>,
    pub close_when_sold_out: Option<bool>,
    pub release_after_exit: Option<bool>,
    pub ignore_for_event_availability: Option<bool>,
    pub sold: Option<i64>,
}

/// Filters of `GET …/quotas/`.
#[derive(Debug, Clone, Default)]
pub struct QuotaFilter {
    pub subevent: Option<i64>,
    pub subevent_in: Option<Vec<i64>>,
    pub items_in: Option<Vec<i64>>,
    pub order_by_size: bool,
    pub descending: bool,
    pub with_availability: bool,
}

/// A new event from the desk.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewEvent {
    pub name: String,
    pub slug: String,
    /// RFC 3339.
    pub date_from: String,
    pub date_to: Option<String>,
    pub has_subevents: bool,
    pub location: Option<String>,
}
