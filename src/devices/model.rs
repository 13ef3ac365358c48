use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::types::time::wire;

/// The security profiles pretix knows; only `full` widens nothing — the scan profiles narrow a
/// device to check-in routes, none of which Tessera serves yet.
pub const SECURITY_PROFILES: &[&str] =
    &["full", "pretixscan", "pretixscan_online_noorders", "pretixscan_online_kiosk"];

/// A device as the organizer's devices resource shows it (pretix's field order).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Device {
    pub device_id: i64,
    pub unique_serial: String,
    /// Only while unused, and only to callers who may change devices.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initialization_token: Option<String>,
    pub all_events: bool,
    pub limit_events: BTreeSet<String>,
    pub revoked: bool,
    pub name: String,
    #[serde(serialize_with = "wire::serialize")]
    #[schema(value_type = String, format = DateTime)]
    pub created: DateTime<Utc>,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub initialized: Option<DateTime<Utc>>,
    pub hardware_brand: Option<String>,
    pub hardware_model: Option<String>,
    pub os_name: Option<String>,
    pub os_version: Option<String>,
    pub software_brand: Option<String>,
    pub software_version: Option<String>,
    pub security_profile: String,
    /// When the device last authenticated (Tessera's addition; pretix keeps it internal).
    #[serde(serialize_with = "wire::serialize_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub last_seen: Option<DateTime<Utc>>,
}

/// A change to a device through the organizer's resource; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct DeviceChange {
    pub name: Option<String>,
    pub all_events: Option<bool>,
    pub limit_events: Option<Vec<String>>,
    pub security_profile: Option<String>,
}

/// What a terminal reports about itself when it initializes or updates.
#[derive(Debug, Clone, Default)]
pub struct DeviceReport {
    pub hardware_brand: Option<String>,
    pub hardware_model: Option<String>,
    pub os_name: Option<String>,
    pub os_version: Option<String>,
    pub software_brand: Option<String>,
    pub software_version: Option<String>,
    pub info: Option<serde_json::Value>,
    pub rsa_pubkey: Option<String>,
}

/// The device object the device protocol answers with.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeviceSelf {
    pub organizer: String,
    pub device_id: i64,
    pub unique_serial: String,
    pub api_token: String,
    pub name: String,
    pub security_profile: String,
    /// Gates come with check-in; always `null` for now.
    #[schema(value_type = Option<Object>)]
    pub gate: Option<serde_json::Value>,
}
