use serde::{Deserialize, Serialize};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Customers,
    Memberships,
}

impl ImportKind {
    pub fn parse(raw: &str) -> Option<ImportKind> {
        match raw {
            "customers" => Some(ImportKind::Customers),
            "memberships" => Some(ImportKind::Memberships),
            _ => None,
        }
    }
}

/// A field a column can be mapped to.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportField {
    pub key: String,
    /// English; the window translates the keys it knows.
    pub label: String,
    pub required: bool,
}

/// An uploaded file: its header, first rows and the proposed mapping.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportPreview {
    pub id: String,
    pub kind: ImportKind,
    pub columns: Vec<String>,
    /// The first 10 data rows.
    pub rows: Vec<Vec<String>>,
    pub total_rows: u32,
    pub fields: Vec<ImportField>,
    /// Per column: the field it looks like, or `None` (ignored).
    pub suggested: Vec<Option<String>>,
}

/// Why a row cannot be imported.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RowProblem {
    /// The line in the file (the header is line 1).
    pub row: u32,
    /// The column's header, when the problem is in one.
    pub column: Option<String>,
    pub message: String,
}

/// The check of every row.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportReport {
    pub total_rows: u32,
    pub valid_rows: u32,
    /// The first 500 problems.
    pub problems: Vec<RowProblem>,
    pub problems_total: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ImportState {
    Validating,
    Writing,
    Done,
    Failed,
}

/// How far an import got.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportProgress {
    pub id: String,
    pub state: ImportState,
    pub done: u32,
    pub total: u32,
    /// Customers or memberships created (when done).
    pub created: u32,
    /// Why it failed; nothing was written.
    pub report: Option<ImportReport>,
}

/// Per column of the file, the field it fills, or `None` to ignore it.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportMapping {
    pub mapping: Vec<Option<String>>,
}
