use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    Customers,
    Memberships,
    /// One line per credit entry.
    Ledger,
    /// Per day, terminal and type: how many entries and their sum.
    LedgerSummary,
    WaitingList,
}

impl ExportKind {
    pub fn parse(raw: &str) -> Option<ExportKind> {
        match raw {
            "customers" => Some(ExportKind::Customers),
            "memberships" => Some(ExportKind::Memberships),
            "ledger" => Some(ExportKind::Ledger),
            "ledger_summary" => Some(ExportKind::LedgerSummary),
            "waiting_list" => Some(ExportKind::WaitingList),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ExportKind::Customers => "customers",
            ExportKind::Memberships => "memberships",
            ExportKind::Ledger => "ledger",
            ExportKind::LedgerSummary => "ledger_summary",
            ExportKind::WaitingList => "waiting_list",
        }
    }
}

/// What to export: the ledger kinds take a time range, waiting lists an event (or all).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema, utoipa::IntoParams)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportRequest {
    pub kind: ExportKind,
    /// RFC 3339; from this time on (ledger kinds).
    #[serde(default)]
    pub from: Option<String>,
    /// RFC 3339; before this time (ledger kinds).
    #[serde(default)]
    pub to: Option<String>,
    /// An event's slug (waiting lists); all the user may see when absent.
    #[serde(default)]
    pub event: Option<String>,
}

/// An export, made.
pub struct CsvExport {
    pub filename: String,
    /// Data lines (the header not counted).
    pub rows: u32,
    pub content: Vec<u8>,
}

/// Where the window saved an export.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SavedExport {
    /// `None` when the browser downloaded it.
    pub path: Option<String>,
    pub rows: u32,
    pub filename: String,
}
