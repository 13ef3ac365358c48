use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::types::Amount;
use crate::types::time::wire;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum EntryKind {
    TopUp,
    Charge,
    /// Gives back (part of) a charge.
    Refund,
    /// A correction by staff, either way.
    Adjustment,
    /// Undoes (part of) a mistaken entry.
    Reversal,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::TopUp => "TopUp",
            EntryKind::Charge => "Charge",
            EntryKind::Refund => "Refund",
            EntryKind::Adjustment => "Adjustment",
            EntryKind::Reversal => "Reversal",
        }
    }

    pub fn parse(raw: &str) -> Option<EntryKind> {
        [EntryKind::TopUp, EntryKind::Charge, EntryKind::Refund, EntryKind::Adjustment, EntryKind::Reversal]
            .into_iter()
            .find(|k| k.as_str() == raw)
    }

    pub(crate) fn action(self) -> &'static str {
        match self {
            EntryKind::TopUp => "tessera.customer.credit.topped_up",
            EntryKind::Charge => "tessera.customer.credit.charged",
            EntryKind::Refund => "tessera.customer.credit.refunded",
            EntryKind::Adjustment => "tessera.customer.credit.adjusted",
            EntryKind::Reversal => "tessera.customer.credit.reversed",
        }
    }
}

/// One ledger entry. Amounts are decimal strings with the currency's places (`"-12.50"`), so no
/// client has to read money as a floating-point number.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CreditEntry {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub kind: EntryKind,
    /// Signed: positive adds credit, negative takes it.
    pub amount: String,
    pub balance_after: String,
    pub currency_label: String,
    pub reference: Option<String>,
    pub note: Option<String>,
    /// The entry this refund or reversal undoes.
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub undoes: Option<i64>,
    /// How much of this entry later refunds and reversals gave back (unsigned).
    pub undone: String,
    /// Who booked it: a staff user's email, a team token's name, or a device's name.
    pub booked_by: Option<String>,
    #[serde(serialize_with = "wire::serialize")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: DateTime<Utc>,
}

/// A customer's credit now.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CreditBalance {
    pub customer_id: String,
    pub amount: String,
    pub currency_label: String,
    /// How far below zero the balance may go (the organizer's limit; `"0.00"`: no overdraft).
    pub limit: String,
    /// What a charge may take now: balance plus limit.
    pub available: String,
}

/// A top-up or charge: a positive amount (a JSON number or a decimal string).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CreditInput {
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String, example = "12.50")]
    pub amount: Amount,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A refund (of a charge) or reversal (of a mistaken entry); without `amount`, all that is left.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UndoInput {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub entry_id: i64,
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[schema(value_type = Option<String>, example = "5.00")]
    pub amount: Option<Amount>,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A correction by staff: a signed amount and a note saying why (required).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AdjustmentInput {
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String, example = "-3.00")]
    pub amount: Amount,
    pub note: String,
}

/// The result of a booking: the new entry and the balance after it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Booking {
    pub entry: CreditEntry,
    pub balance: CreditBalance,
}

/// A page of entries, newest first (`QueryResult` as the POS dialect shapes it).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EntryPage {
    pub items: Vec<CreditEntry>,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub count: i64,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub total_count: i64,
}

/// The organizer's credit settings.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CreditSettings {
    /// ISO 4217 code.
    pub currency: String,
    /// How far below zero a balance may go (`"0.00"`: no overdraft).
    pub limit: String,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CreditSettingsInput {
    pub currency: String,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[schema(value_type = String, example = "0.00")]
    pub limit: Amount,
}
