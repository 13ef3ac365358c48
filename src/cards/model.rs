use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::types::time::wire;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum CardStatus {
    Active,
    /// Temporarily unusable; can be unblocked.
    Blocked,
    /// Gone for good; replace it.
    Lost,
    /// Superseded by another card.
    Replaced,
}

impl CardStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CardStatus::Active => "Active",
            CardStatus::Blocked => "Blocked",
            CardStatus::Lost => "Lost",
            CardStatus::Replaced => "Replaced",
        }
    }

    pub fn parse(raw: &str) -> Option<CardStatus> {
        [CardStatus::Active, CardStatus::Blocked, CardStatus::Lost, CardStatus::Replaced]
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(raw))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum CardProcessor {
    /// Tessera checks the card itself.
    Internal,
    /// A third-party system (a loyalty scheme) checks it.
    External,
}

impl CardProcessor {
    pub fn as_str(self) -> &'static str {
        match self {
            CardProcessor::Internal => "Internal",
            CardProcessor::External => "External",
        }
    }
}

/// A card as the desk and the POS endpoints show it (camelCase, as the Portos dialect does).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Card {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub serial_number: String,
    pub external_id: Option<String>,
    /// Whether the card can be used now: `Active` and inside its validity.
    pub is_active: bool,
    pub is_virtual: bool,
    pub processor: CardProcessor,
    pub status: CardStatus,
    #[serde(serialize_with = "wire::serialize")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String, format = DateTime)]
    pub status_time: DateTime<Utc>,
    pub status_reason: Option<String>,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub activation_time: Option<DateTime<Utc>>,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub expiration_time: Option<DateTime<Utc>>,
    pub note: Option<String>,
    pub meta: BTreeMap<String, String>,
    /// The serial number of the card that replaced this one.
    pub replaced_by: Option<String>,
}

/// A card to issue. Times are RFC 3339.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct CardInput {
    pub serial_number: String,
    pub external_id: Option<String>,
    pub is_virtual: bool,
    pub processor: Option<CardProcessor>,
    pub activation_time: Option<String>,
    pub expiration_time: Option<String>,
    pub note: Option<String>,
    pub meta: BTreeMap<String, String>,
}

/// Why a card is blocked or marked lost (shown in its history).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct CardStatusInput {
    pub reason: Option<String>,
}

/// The new card that takes over from a lost or damaged one.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct ReplaceInput {
    pub serial_number: String,
    pub reason: Option<String>,
}

/// A stored card with its owner, as the services pass it around.
#[derive(Debug, Clone)]
pub(crate) struct CardRecord {
    pub card: Card,
    pub customer_id: i64,
}
