//! Black-box tests of the core through the real router (and one real socket). One test binary.

mod backups;
mod cards;
mod crash;
mod credit;
mod credit_ledger;
mod customers;
mod dashboard;
mod desk;
mod desk_teams;
mod devices;
mod events;
mod helpers;
mod idempotency;
mod imports;
mod listener;
mod memberships;
mod oauth;
mod organizers;
mod outbox;
mod portos;
mod pretix_auth;
mod pretix_protocol;
mod teams;
mod waiting_list;
