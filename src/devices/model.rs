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

/// A device as the desk lists it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeviceSummary {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub device_id: i64,
    pub name: String,
    pub revoked: bool,
    /// Waiting for the terminal to use its pairing code.
    pub pairing_pending: bool,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[serde(serialize_with = "wire::serialize_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub initialized: Option<DateTime<Utc>>,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[serde(serialize_with = "wire::serialize_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub last_seen: Option<DateTime<Utc>>,
    pub hardware: Option<String>,
    pub software: Option<String>,
}

/// What the desk shows to pair a terminal: the one-time code, the listener's address, and both
/// as pretix's handshake QR code (`{"handshake_version": 1, "url": …, "token": …}`) in SVG.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DevicePairing {
    pub device: DeviceSummary,
    pub initialization_token: String,
    pub url: String,
    pub qr_svg: String,
}

/// The desk's device form.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeviceInput {
    pub name: String,
}

impl From<&Device> for DeviceSummary {
    fn from(d: &Device) -> Self {
        let join = |a: &Option<String>, b: &Option<String>| {
            let text = [a.as_deref(), b.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
            (!text.is_empty()).then_some(text)
        };
        DeviceSummary {
            device_id: d.device_id,
            name: d.name.clone(),
            revoked: d.revoked,
            pairing_pending: d.initialized.is_none() && !d.revoked,
            initialized: d.initialized,
            last_seen: d.last_seen,
            hardware: join(&d.hardware_brand, &d.hardware_model),
            software: join(&d.software_brand, &d.software_version),
        }
    }
}
