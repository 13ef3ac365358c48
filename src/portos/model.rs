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
