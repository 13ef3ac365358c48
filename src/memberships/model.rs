use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::types::I18nText;
use crate::types::time::wire;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MembershipType {
    pub id: i64,
    /// Language code → name.
    pub name: BTreeMap<String, String>,
    pub transferable: bool,
    pub allow_parallel_usage: bool,
    /// How often a membership of this type may be used; `null` for no limit.
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
pub struct Membership {
    pub id: i64,
    /// The customer's identifier.
    pub customer: String,
    pub membership_type: i64,
    pub testmode: bool,
    #[serde(serialize_with = "wire::serialize")]
    #[schema(value_type = String, format = DateTime)]
    pub date_start: DateTime<Utc>,
    #[serde(serialize_with = "wire::serialize")]
    #[schema(value_type = String, format = DateTime)]
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
pub struct MembershipUse {
    pub id: i64,
    pub membership: i64,
    /// The moment the membership was used for.
    #[serde(serialize_with = "wire::serialize")]
    #[schema(value_type = String, format = DateTime)]
    pub used_at: DateTime<Utc>,
    /// What it was used for (an event, a gate).
    pub reference: String,
    pub voided: bool,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub voided_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "wire::serialize")]
    #[schema(value_type = String, format = DateTime)]
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
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Valid,
    Upcoming,
    Expired,
    UsedUp,
}

/// A membership with its standing and how many uses it has left (`null`: no limit).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MembershipStatus {
    pub membership: Membership,
    pub standing: Standing,
    pub uses: i64,
    pub uses_left: Option<i64>,
}
