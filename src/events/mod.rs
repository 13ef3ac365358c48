//! Events, their dates (subevents), products (items) with variations, quotas with their
//! availability, and event settings — as far as waiting lists need them. Tessera sells no
//! tickets: a quota's `sold` count is kept by staff, and availability counts what Tessera knows
//! (sold tickets, quota-blocking vouchers, waiting-list entries).
//!
//! Invariants: an event's slug is unique per organizer (exactly as typed) and never changes; an
//! event never switches between series and single event; every quota, item and variation belongs
//! to exactly one event and every query goes through the organizer.

pub mod availability;
pub mod desk;
mod model;
pub(crate) mod repo;
pub mod selection;
mod service;
pub mod settings;

pub use availability::{Availability, QuotaAvailability, State};
pub use desk::{EventDetail, EventSummary, NewItem, NewSubEvent, QuotaInput, WaitingListSettingsView};
pub use model::*;
pub use service::*;
pub(crate) use service::{
    event_settings_in, log, organizer_settings_in, save_organizer_settings_in,
    visible_event as service_visible_event,
};
