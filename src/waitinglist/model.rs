use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::types::time::wire;

/// A waiting-list entry as pretix's API renders it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WaitingListEntry {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    #[serde(serialize_with = "wire::serialize")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String)]
    pub created: DateTime<Utc>,
    /// Computed from `name_parts`; `null` when there is no name.
    pub name: Option<String>,
    pub name_parts: BTreeMap<String, String>,
    pub email: String,
    pub phone: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub voucher: Option<i64>,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub item: i64,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub variation: Option<i64>,
    pub locale: String,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub subevent: Option<i64>,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub priority: i64,
}

/// What a create or update asks for. Field types are already checked; the rules are the
/// service's.
#[derive(Debug, Clone, Default)]
pub struct EntryChange {
    pub email: Option<String>,
    pub phone: Option<Option<String>>,
    pub name_parts: Option<BTreeMap<String, String>>,
    pub item: Option<i64>,
    pub variation: Option<Option<i64>>,
    pub locale: Option<Option<String>>,
    pub subevent: Option<Option<i64>>,
    pub priority: Option<i64>,
}

/// Filters and ordering of `GET …/waitinglistentries/`.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    pub item: Option<i64>,
    pub variation: Option<i64>,
    pub subevent: Option<i64>,
    pub email: Option<String>,
    pub locale: Option<String>,
    pub has_voucher: Option<bool>,
    /// Comma-separated `id`, `created`, `email`, `item`, each optionally with `-`.
    pub ordering: Option<String>,
}

/// An entry as the desk lists it: with the product's name and the voucher's state.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WaitingListRow {
    pub entry: WaitingListEntry,
    /// The product (and variation) in the desk user's language.
    pub product: String,
    pub voucher_code: Option<String>,
    pub voucher_valid_until: Option<String>,
    pub voucher_redeemed: bool,
    /// Valid until passed without redemption.
    pub voucher_expired: bool,
}

/// An entry as the desk adds or edits it.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeskEntryInput {
    pub email: String,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub item: u32,
    pub variation: Option<u32>,
    pub subevent: Option<u32>,
    pub locale: Option<String>,
    pub priority: i32,
}
