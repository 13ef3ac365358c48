use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use chrono::TimeDelta;
use rusqlite::Transaction;
use sha2::{Digest, Sha256};

use super::repo;
use crate::app::App;
use crate::error::Result;
use crate::types::time;

/// How long a key is remembered.
pub const KEEP_FOR: TimeDelta = TimeDelta::hours(24);

/// Keys longer than this (pretix's column size) are stored by their hash.
const MAX_KEY_LEN: usize = 190;

/// Answers that are not remembered, so that the client may retry with the same key — unless the
/// change had already been committed, which a retry must never repeat.
const RETRYABLE: [u16; 4] = [409, 429, 500, 503];

/// The request a key guards, while it runs.
#[derive(Debug)]
pub struct Scope {
    /// The open database ([`crate::db::Db::instance`]) and the key's record in it.
    db: u64,
    record_id: i64,
}

/// Records whose request runs in this process now, per open database (a `committed` record not
/// in here lost its answer in a crash).
static LIVE: Mutex<BTreeSet<(u64, i64)>> = Mutex::new(BTreeSet::new());

fn live() -> std::sync::MutexGuard<'static, BTreeSet<(u64, i64)>> {
    LIVE.lock().unwrap_or_else(|p| p.into_inner())
}

impl Scope {
    fn start(db: u64, record_id: i64) -> Arc<Scope> {
        live().insert((db, record_id));
        Arc::new(Scope { db, record_id })
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        live().remove(&(self.db, self.record_id));
    }
}

tokio::task_local! {
    /// Set by the HTTP middleware around the request it guards.
    pub static REQUEST: Arc<Scope>;
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<Scope>>> = const { RefCell::new(None) };
}

/// Makes `scope` the current one on this thread until the guard is dropped.
pub(crate) fn enter(scope: Option<Arc<Scope>>) -> impl Drop {
    struct Reset(Option<Arc<Scope>>);
    impl Drop for Reset {
        fn drop(&mut self) {
            CURRENT.with(|c| *c.borrow_mut() = self.0.take());
        }
    }
    let previous = CURRENT.with(|c| std::mem::replace(&mut *c.borrow_mut(), scope));
    Reset(previous)
}

/// The scope of the request being handled on this task, if a key guards it.
pub(crate) fn current_request() -> Option<Arc<Scope>> {
    REQUEST.try_with(Arc::clone).ok()
}

/// Called by the store inside every write transaction, just before it commits: marks the current
/// request's key `committed` together with the change.
pub(crate) fn on_commit_in_tx(tx: &Transaction<'_>) -> Result<()> {
    let scope = CURRENT.with(|c| c.borrow().clone());
    match scope {
        Some(scope) => repo::mark_committed(tx, scope.record_id),
        None => Ok(()),
    }
}

/// A stored answer, replayed verbatim.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

pub enum Begin {
    /// The key is new: run the request inside this scope, then call [`finish`].
    Started(Arc<Scope>),
    /// The key was used before: answer with this.
    Replay(StoredResponse),
    /// A request with this key is still running.
    InFlight,
    /// The request was carried out but its answer was lost (the process died in between).
    AnswerLost,
    /// The key was used with another request (only checked when both carry a request hash).
    Mismatch,
}

/// The credential part of a key's scope: a hash of the `Authorization` header and the session
/// cookie, so the same key under other credentials is another key.
pub fn auth_hash(authorization: &str, session_cookie: &str) -> String {
    hex::encode(Sha256::digest(format!("{authorization}:{session_cookie}").as_bytes()))
}

fn stored_key(key: &str) -> String {
    if key.len() <= MAX_KEY_LEN {
        key.to_string()
    } else {
        format!("sha256:{}", hex::encode(Sha256::digest(key)))
    }
}

/// A fingerprint of a request (method, path with query, body) for [`begin`].
pub fn request_hash(method: &str, path_and_query: &str, body: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(method.as_bytes());
    hasher.update(b" ");
    hasher.update(path_and_query.as_bytes());
    hasher.update(b"\n");
    hasher.update(body);
    hex::encode(hasher.finalize())
}

/// Looks the key up and, when it is new, records it as in flight. With a `request_hash`, a key
/// stored with another request's hash is a [`Begin::Mismatch`].
pub fn begin(app: &App, auth_hash: &str, key: &str, request_hash: Option<&str>) -> Result<Begin> {
    let key = stored_key(key);
    let now = app.now();
    let db = app.db().instance();
    app.db().write(|tx| {
        repo::delete_older_than(tx, &time::store(now - KEEP_FOR))?;
        match repo::find(tx, auth_hash, &key)? {
            None => Ok(Begin::Started(Scope::start(
                db,
                repo::insert(tx, auth_hash, &key, request_hash, &time::store(now))?,
            ))),
            Some(r)
                if request_hash.is_some()
                    && r.request_hash.is_some()
                    && r.request_hash.as_deref() != request_hash =>
            {
                Ok(Begin::Mismatch)
            }
            Some(r) if r.state == "done" => Ok(Begin::Replay(StoredResponse {
                status: r.status.unwrap_or(200),
                headers: r.headers.as_deref().and_then(|h| serde_json::from_str(h).ok()).unwrap_or_default(),
                body: r.body.unwrap_or_default(),
            })),
            Some(r) if r.state == "committed" && !live().contains(&(db, r.id)) => Ok(Begin::AnswerLost),
            Some(_) => Ok(Begin::InFlight),
        }
    })
}

/// Stores the answer of a guarded request, or forgets the key when the answer invites a retry and
/// nothing was changed.
pub fn finish(app: &App, scope: &Scope, response: &StoredResponse) -> Result<()> {
    app.db().write(|tx| {
        let committed = repo::state(tx, scope.record_id)?.as_deref() == Some("committed");
        if RETRYABLE.contains(&response.status) && !committed {
            return repo::delete(tx, scope.record_id);
        }
        let headers = serde_json::to_string(&response.headers).unwrap_or_else(|_| "[]".into());
        repo::store(tx, scope.record_id, response.status, &headers, &response.body)
    })
}

/// At start: keys left in flight by a process that died never had a change committed behind
/// them; forget them so their retries run.
pub fn recover(app: &App) -> Result<usize> {
    app.db().write(|tx| repo::delete_in_flight(tx))
}
