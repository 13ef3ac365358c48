use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::types::I18nText;
use crate::types::time::wire;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MembershipType {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    /// Language code → name.
    pub name: BTreeMap<String, String>,
    pub transferable: bool,
    pub allow_parallel_usage: bool,
    /// How often a membership of this type may be used; `null` for no limit.
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub max_usages: Option<i64>,
}

/// A change to a membership type; `None` leaves a field as it is (`name` is required to create).
#[derive(Debug, Clone, Default)]
pub struct MembershipTypeChange {
    pub name: Option<I18nText>,
    pub transferable: Option<bool>,
    pub allow_parallel_usage: Option<bool>,
    pub max_usages: Option<Option<i64>>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Membership {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    /// The customer's identifier.
    pub customer: String,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub membership_type: i64,
    pub testmode: bool,
    #[serde(serialize_with = "wire::serialize")]
    #[schema(value_type = String, format = DateTime)]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub date_start: DateTime<Utc>,
    #[serde(serialize_with = "wire::serialize")]
    #[schema(value_type = String, format = DateTime)]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub date_end: DateTime<Utc>,
    /// `null` once the customer was anonymized.
    pub attendee_name_parts: Option<BTreeMap<String, String>>,
}

/// A change to a membership. `customer` and `testmode` count only when creating.
#[derive(Debug, Clone, Default)]
pub struct MembershipChange {
    pub customer: Option<String>,
    pub membership_type: Option<i64>,
    pub testmode: Option<bool>,
    pub date_start: Option<DateTime<Utc>>,
    pub date_end: Option<DateTime<Utc>>,
    pub attendee_name_parts: Option<Option<BTreeMap<String, String>>>,
}

/// pretix's list filters.
#[derive(Debug, Clone, Default)]
pub struct MembershipFilter {
    /// A customer identifier, matched ignoring case.
    pub customer: Option<String>,
    pub membership_type: Option<i64>,
    pub testmode: Option<bool>,
}

/// One use of a membership.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MembershipUse {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub membership: i64,
    /// The moment the membership was used for.
    #[serde(serialize_with = "wire::serialize")]
    #[schema(value_type = String, format = DateTime)]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub used_at: DateTime<Utc>,
    /// What it was used for (an event, a gate).
    pub reference: String,
    pub voided: bool,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub voided_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "wire::serialize")]
    #[schema(value_type = String, format = DateTime)]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub created: DateTime<Utc>,
}

/// A use to record: at a moment (now when `None`), for something, in test mode or not.
#[derive(Debug, Clone, Default)]
pub struct UseMembership {
    pub at: Option<DateTime<Utc>>,
    pub reference: String,
    pub testmode: bool,
}

/// Why a membership cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    NotYetValid,
    Expired,
    UsedUp,
    UsedInParallel,
    TestmodeMismatch,
}

impl Refusal {
    pub fn message(self) -> &'static str {
        match self {
            Refusal::NotYetValid => "This membership is not valid yet.",
            Refusal::Expired => "This membership has expired.",
            Refusal::UsedUp => "This membership has been used as often as its type allows.",
            Refusal::UsedInParallel => {
                "This membership is already used at the same time, and its type does not allow parallel use."
            }
            Refusal::TestmodeMismatch => "Test-mode memberships are only for test mode, and only they are.",
        }
    }
}

/// Where a membership stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Valid,
    Upcoming,
    Expired,
    UsedUp,
}

/// A membership with its standing and how many uses it has left (`null`: no limit).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MembershipStatus {
    pub membership: Membership,
    pub standing: Standing,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub uses: i64,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub uses_left: Option<i64>,
}

/// The desk's membership type form.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MembershipTypeInput {
    /// Language code → name; at least one.
    pub name: BTreeMap<String, String>,
    pub transferable: bool,
    pub allow_parallel_usage: bool,
    /// `null` for no limit.
    pub max_usages: Option<u32>,
}

/// The desk's membership form (selling one, or changing its type, dates and attendee name).
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MembershipInput {
    pub membership_type: u32,
    /// RFC 3339.
    #[schema(value_type = String, format = DateTime)]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub date_start: DateTime<Utc>,
    #[schema(value_type = String, format = DateTime)]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub date_end: DateTime<Utc>,
    pub attendee_name_parts: BTreeMap<String, String>,
    /// Only when selling; a membership never changes test mode.
    pub testmode: bool,
}

/// A use recorded at the desk: now, for what.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UseInput {
    pub reference: String,
}

impl MembershipTypeInput {
    /// The change this form asks for. Errors: `validation` on `name`.
    pub fn into_change(self) -> crate::Result<MembershipTypeChange> {
        let names: BTreeMap<String, String> =
            self.name.into_iter().filter(|(_, v)| !v.trim().is_empty()).collect();
        let name = if names.is_empty() {
            return Err(crate::Error::validation("name", "This field is required."));
        } else {
            I18nText::parse(&serde_json::json!(names)).map_err(|m| crate::Error::validation("name", m))?
        };
        Ok(MembershipTypeChange {
            name: Some(name),
            transferable: Some(self.transferable),
            allow_parallel_usage: Some(self.allow_parallel_usage),
            max_usages: Some(self.max_usages.map(i64::from)),
        })
    }
}

impl MembershipInput {
    /// The change this form asks for, selling to `customer` (or changing when `None`).
    pub fn into_change(self, customer: Option<String>) -> MembershipChange {
        let parts: BTreeMap<String, String> =
            self.attendee_name_parts.into_iter().filter(|(_, v)| !v.trim().is_empty()).collect();
        let parts = if parts.keys().all(|k| k.starts_with('_')) { BTreeMap::new() } else { parts };
        MembershipChange {
            customer,
            membership_type: Some(self.membership_type as i64),
            testmode: Some(self.testmode),
            date_start: Some(self.date_start),
            date_end: Some(self.date_end),
            attendee_name_parts: Some(Some(parts)),
        }
    }
}
