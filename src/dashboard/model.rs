use serde::Serialize;

use crate::backups::BackupInfo;

/// How many credit entries of a kind, and their sum (positive).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AmountSum {
    pub count: u32,
    pub total: String,
}

/// One hour of the day's credit.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HourTotals {
    pub start: String,
    pub topups: String,
    pub charges: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActiveMemberships {
    pub membership_type: u32,
    pub name: String,
    pub active: u32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WaitingListLength {
    pub event: String,
    pub event_name: String,
    pub subevent: Option<u32>,
    pub subevent_name: Option<String>,
    /// Entries still waiting for a voucher.
    pub waiting: u32,
    /// Entries that got one.
    pub with_voucher: u32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TerminalSeen {
    pub device: u32,
    pub name: String,
    pub last_seen: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OutboxState {
    pub queued: u32,
    pub failed: u32,
    /// Mails sent since the dashboard's `since`.
    pub sent_since: u32,
    pub oldest_queued: Option<String>,
}

/// The start screen's figures for one organizer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Dashboard {
    pub currency: String,
    pub since: String,
    pub topups: AmountSum,
    pub charges: AmountSum,
    pub refunds: AmountSum,
    /// 24 buckets; bucket i starts at `since` + i hours.
    pub hours: Vec<HourTotals>,
    pub memberships: Vec<ActiveMemberships>,
    pub waiting_lists: Vec<WaitingListLength>,
    /// Paired devices seen in the last 10 minutes, newest first.
    pub terminals: Vec<TerminalSeen>,
    pub outbox: OutboxState,
    /// The newest backup; `None` also for users who are no administrators.
    pub last_backup: Option<BackupInfo>,
}
