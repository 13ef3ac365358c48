use serde::{Deserialize, Serialize};

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// Asked for in the window, over the desk API or with `tessera backup`.
    Manual,
    /// Made by the schedule.
    Scheduled,
    /// The database a restore replaced, kept aside.
    BeforeRestore,
}

impl BackupKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            BackupKind::Manual => "manual",
            BackupKind::Scheduled => "scheduled",
            BackupKind::BeforeRestore => "before_restore",
        }
    }

    pub(crate) fn parse(raw: &str) -> BackupKind {
        match raw {
            "scheduled" => BackupKind::Scheduled,
            "before_restore" => BackupKind::BeforeRestore,
            _ => BackupKind::Manual,
        }
    }
}

/// A finished, checked backup.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupInfo {
    pub path: String,
    pub created_at: String,
    /// Size in bytes (as a float: no 64-bit integers cross into the window).
    pub size_bytes: f64,
    pub kind: BackupKind,
    /// Whether the file is still there (a USB stick may be unplugged, a file deleted).
    pub present: bool,
}

/// The schedule: a backup every `every_hours` into `folder`, keeping the last `keep` of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupSettings {
    /// Where scheduled backups go (e.g. a USB stick); `None` turns the schedule off.
    pub folder: Option<String>,
    /// 1 to 168 (a week).
    pub every_hours: u32,
    /// 1 to 365: older scheduled backups in the folder are deleted.
    pub keep: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings { folder: None, every_hours: 24, keep: 14 }
    }
}

/// What the backups screen shows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupOverview {
    pub settings: BackupSettings,
    /// Where a backup goes when no folder is named and no schedule is set: beside the database.
    pub default_folder: String,
    /// Newest first, at most 100.
    pub backups: Vec<BackupInfo>,
    /// When the schedule makes its next backup; `None` while it is off.
    pub next_due: Option<String>,
    /// Why the last scheduled backup failed (e.g. the stick was not plugged in); `None` after a
    /// success.
    pub schedule_error: Option<String>,
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RestoreOutcome {
    pub restored_from: String,
    /// The copy of the replaced database.
    pub kept_aside: String,
    /// The backup's schema version, and the version after migrating it.
    pub schema_before: u32,
    pub schema_after: u32,
}

/// Input of a backup on demand: `to` a folder or `.sqlite3` file; `None` for the schedule's
/// folder, else the default folder.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupRequest {
    #[serde(default)]
    pub to: Option<String>,
}

/// Input of a restore: the backup file.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RestoreRequest {
    pub path: String,
}
