//! Idempotent writes (`X-Idempotency-Key`, pretix's semantics): the first request with a key is
//! carried out and its answer stored; a repeat gets the stored answer and changes nothing; a
//! repeat while the first is in flight is told to retry later.
//!
//! Invariant: a change and its key's record are committed together. The record is created
//! `in_flight` before the request runs; the request's write transaction marks it `committed`
//! inside that same transaction (see [`on_commit_in_tx`], called by the store before every
//! commit); the answer is stored afterwards. So after a crash an `in_flight` record never has a
//! change behind it (and is dropped at start, so a retry runs afresh), and a change always has
//! its `committed` record (so a retry never runs twice).
//!
//! The request's scope reaches the store through a task-local (set by the HTTP middleware) that
//! [`crate::App::blocking`] carries onto the blocking thread; services know nothing of it.

mod repo;
mod service;

pub use service::*;
