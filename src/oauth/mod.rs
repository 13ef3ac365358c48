//! OAuth2 for user-level API access, as pretix offers it (django-oauth-toolkit): applications
//! registered at the desk, the authorization-code flow with `state` and PKCE, single-use codes
//! that live 60 seconds, access tokens for 24 hours with refresh tokens until revoked, scopes
//! `read`, `write` and `profile`, and every token limited to the organizers its user chose.
//!
//! Invariants: client secrets, codes and tokens are random and stored only as SHA-256 hashes; a
//! code is used at most once; a token never reaches an organizer outside its grant.

mod model;
mod repo;
mod service;

pub use model::*;
pub use service::*;
