use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::cards::Card;
use crate::types::Amount;
use crate::types::time::wire;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub enum CustomerStatus {
    Valid,
    NotYetValid,
    Expired,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Credit {
    #[schema(value_type = f64)]
    pub amount: Amount,
    pub currency_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreditTransaction {
    pub id: String,
    #[serde(serialize_with = "wire::serialize")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: DateTime<Utc>,
    /// TopUp, Charge, Refund, Adjustment or Reversal.
    #[serde(rename = "type")]
    pub kind: String,
    #[schema(value_type = f64)]
    pub amount: Amount,
    #[schema(value_type = f64)]
    pub balance_after: Amount,
    pub currency_label: String,
    /// The booking's reference (a receipt).
    pub ticket_id: Option<String>,
    pub note: Option<String>,
    pub user_name: Option<String>,
}

/// A customer in the Portos dialect.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PortosCustomer {
    pub id: String,
    pub external_id: Option<String>,
    pub is_active: bool,
    pub status: CustomerStatus,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub activation_time: Option<DateTime<Utc>>,
    #[serde(serialize_with = "wire::serialize_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub expiration_time: Option<DateTime<Utc>>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub full_name: Option<String>,
    /// Male or Female; null when unknown.
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub is_company: bool,
    #[schema(value_type = Option<Object>)]
    pub company: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub address: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub delivery_address: Option<serde_json::Value>,
    pub note: Option<String>,
    pub cards: Vec<Card>,
    pub credit: Credit,
    /// The latest transactions, newest first (the whole ledger: `…/credit/entries`).
    pub credit_transactions: Vec<CreditTransaction>,
    #[schema(value_type = f64)]
    pub credit_rate: Amount,
    #[schema(value_type = f64)]
    pub discount_rate: Amount,
    pub meta: BTreeMap<String, String>,
    #[serde(rename = "_v")]
    pub version: i64,
}

/// `QueryResult<Customer>`: the page, its size, and how many match in all. With `$count=true`
/// there are no `items`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomerResult {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<PortosCustomer>>,
    pub count: i64,
    pub total_count: i64,
}

#[derive(Debug, Clone, Default, serde::Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct Company {
    pub name: Option<String>,
    /// Company registration number.
    pub crn: Option<String>,
    pub vat_id: Option<String>,
    pub tax_id: Option<String>,
}

#[derive(Debug, Clone, Default, serde::Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct Address {
    pub street: Option<String>,
    pub city: Option<String>,
    #[serde(alias = "zipCode")]
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreditIn {
    #[schema(value_type = f64)]
    pub amount: Amount,
}

#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CardIn {
    pub serial_number: String,
}

fn yes() -> bool {
    true
}

/// A customer as a Portos client writes it (`POST`, `PUT`). Read-only fields (`id`, `status`,
/// `creditTransactions`) are ignored; on `PUT`, absent fields are cleared, as a full replacement.
/// `cards` are issued on create only (later through `…/cards`); `credit.amount` books an
/// adjustment to reach it.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PortosCustomerInput {
    #[serde(default)]
    pub external_id: Option<String>,
    #[serde(default = "yes")]
    pub is_active: bool,
    #[serde(default)]
    pub activation_time: Option<String>,
    #[serde(default)]
    pub expiration_time: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub is_company: bool,
    #[serde(default)]
    pub company: Option<Company>,
    #[serde(default)]
    pub address: Option<Address>,
    #[serde(default)]
    pub delivery_address: Option<Address>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub cards: Vec<CardIn>,
    #[serde(default)]
    pub credit: Option<CreditIn>,
    #[serde(default)]
    #[schema(value_type = Option<f64>)]
    pub credit_rate: Option<Amount>,
    #[serde(default)]
    #[schema(value_type = Option<f64>)]
    pub discount_rate: Option<Amount>,
    #[serde(default)]
    pub meta: BTreeMap<String, String>,
    /// The version read; a newer stored version refuses the write (errorCode 6).
    #[serde(default, rename = "_v")]
    pub version: Option<i64>,
}

/// The rights of the Portos dialect, each granted by a pretix permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Right {
    CustomerCreate,
    CustomerUpdate,
    CustomerDelete,
    /// Changing `credit.amount` (books an adjustment).
    CustomerSetCredit,
    /// Changing `discountRate`.
    CustomerSetDiscount,
}
