use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::types::time::wire;

/// A customer, as both pretix's API and the desk show it (fields in pretix's order).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Customer {
    pub identifier: String,
    pub external_identifier: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Derived from `name_parts`; `""` when there is no name.
    pub name: String,
    /// The name split into parts, with the `_scheme` they follow.
    pub name_parts: BTreeMap<String, String>,
    pub is_active: bool,
    pub is_verified: bool,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub last_login: Option<DateTime<Utc>>,
    #[serde(serialize_with = "wire::serialize")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String, format = DateTime)]
    pub date_joined: DateTime<Utc>,
    pub locale: String,
    #[serde(serialize_with = "wire::serialize")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String, format = DateTime)]
    pub last_modified: DateTime<Utc>,
    pub notes: Option<String>,
}

/// A change to a customer: `None` leaves a field as it is; `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CustomerPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_identifier: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<Option<String>>,
    /// An empty map clears the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_parts: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_verified: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Option<String>>,
}

/// A customer to create: the fields (unset ones take their defaults), an optional password for
/// the customer's shop account, and whether to send the activation mail.
#[derive(Debug, Clone, Default)]
pub struct NewCustomer {
    pub fields: CustomerPatch,
    pub password: Option<String>,
    pub send_email: bool,
}

/// The desk's customer form: every editable field, as the form shows it. Empty text means none.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CustomerInput {
    pub external_identifier: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub name_parts: BTreeMap<String, String>,
    pub is_active: bool,
    pub is_verified: bool,
    pub locale: String,
    pub notes: Option<String>,
}

fn none_if_blank(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

impl From<CustomerInput> for CustomerPatch {
    fn from(input: CustomerInput) -> Self {
        let name_parts: BTreeMap<String, String> =
            input.name_parts.into_iter().filter(|(_, v)| !v.trim().is_empty()).collect();
        // A scheme alone is no name.
        let name_parts =
            if name_parts.keys().all(|k| k.starts_with('_')) { BTreeMap::new() } else { name_parts };
        CustomerPatch {
            external_identifier: Some(none_if_blank(input.external_identifier)),
            email: Some(none_if_blank(input.email)),
            phone: Some(none_if_blank(input.phone)),
            name_parts: Some(name_parts),
            is_active: Some(input.is_active),
            is_verified: Some(input.is_verified),
            locale: Some(input.locale),
            notes: Some(none_if_blank(input.notes)),
        }
    }
}

/// The desk's search: free text over name, email, phone and identifier, a page at a time.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema, utoipa::IntoParams)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CustomerQuery {
    #[serde(default)]
    pub search: String,
    #[serde(default = "first_page")]
    pub page: u32,
    #[serde(default = "default_page_size")]
    pub page_size: u32,
}

fn first_page() -> u32 {
    1
}

fn default_page_size() -> u32 {
    50
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CustomerPage {
    pub items: Vec<Customer>,
    pub total: u32,
    pub page: u32,
    pub page_size: u32,
}

/// pretix's list filter.
#[derive(Debug, Clone, Default)]
pub struct CustomerFilter {
    /// Case-insensitive exact match.
    pub email: Option<String>,
}
