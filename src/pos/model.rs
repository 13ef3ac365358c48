use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::cards::Card;
use crate::credit::CreditBalance;
use crate::types::time::wire;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PosCustomer {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub is_active: bool,
}

/// A membership valid now, as a till shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PosMembership {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub type_name: String,
    #[serde(serialize_with = "wire::serialize")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String, format = DateTime)]
    pub date_start: DateTime<Utc>,
    #[serde(serialize_with = "wire::serialize")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String, format = DateTime)]
    pub date_end: DateTime<Utc>,
    /// `null`: no limit.
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub uses_left: Option<i64>,
    pub attendee_name: Option<String>,
}

/// Everything a till needs after a scan.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PosLookup {
    pub customer: PosCustomer,
    /// The scanned card (absent when looked up by customer).
    pub card: Option<Card>,
    pub credit: CreditBalance,
    /// Percent with two places (`"12.50"`).
    pub discount_rate: String,
    pub memberships: Vec<PosMembership>,
    /// Whether the till may charge credit and apply the discount now.
    pub can_use: bool,
    /// Why not, when it may not (card blocked, lost, replaced or outside its validity; account
    /// not active).
    pub refusal: Option<String>,
}
