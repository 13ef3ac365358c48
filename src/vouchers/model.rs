use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::types::time::wire;

/// A voucher as pretix's API renders it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Voucher {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub code: String,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub max_usages: i64,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub redeemed: i64,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub min_usages: i64,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>)]
    pub valid_until: Option<DateTime<Utc>>,
    pub block_quota: bool,
    pub allow_ignore_quota: bool,
    pub price_mode: String,
    pub value: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub item: Option<i64>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub variation: Option<i64>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub quota: Option<i64>,
    pub tag: String,
    pub comment: String,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub subevent: Option<i64>,
    pub show_hidden_items: bool,
    pub seat: Option<String>,
    pub all_addons_included: bool,
    pub all_bundles_included: bool,
    pub budget: Option<String>,
    pub budget_used: String,
    #[serde(serialize_with = "wire::serialize")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String)]
    pub created: DateTime<Utc>,
}

/// What a create or update asks for; `None` leaves a field as it is (or at its default).
#[derive(Debug, Clone, Default)]
pub struct VoucherChange {
    pub code: Option<String>,
    pub max_usages: Option<i64>,
    pub min_usages: Option<i64>,
    pub valid_until: Option<Option<DateTime<Utc>>>,
    pub block_quota: Option<bool>,
    pub allow_ignore_quota: Option<bool>,
    pub price_mode: Option<String>,
    pub value: Option<Option<rust_decimal::Decimal>>,
    pub item: Option<Option<i64>>,
    pub variation: Option<Option<i64>>,
    pub quota: Option<Option<i64>>,
    pub tag: Option<String>,
    pub comment: Option<String>,
    pub subevent: Option<Option<i64>>,
    pub show_hidden_items: Option<bool>,
    pub seat: Option<Option<String>>,
    pub all_addons_included: Option<bool>,
    pub all_bundles_included: Option<bool>,
    pub budget: Option<Option<rust_decimal::Decimal>>,
}

/// List filters of `GET …/vouchers/`.
#[derive(Debug, Clone, Default)]
pub struct VoucherFilter {
    pub code: Option<String>,
    pub max_usages: Option<i64>,
    pub redeemed: Option<i64>,
    pub block_quota: Option<bool>,
    pub allow_ignore_quota: Option<bool>,
    pub price_mode: Option<String>,
    pub item: Option<i64>,
    pub variation: Option<i64>,
    pub quota: Option<i64>,
    pub tag: Option<String>,
    pub subevent: Option<i64>,
    pub active: Option<bool>,
    pub search: Option<String>,
    /// `id` (default), `code`, `max_usages`, `valid_until` or `value`; `-` for descending.
    pub ordering: Option<String>,
}

/// One recorded redemption.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Redemption {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub redeemed_at: String,
    pub note: String,
}
