//! The handle both adapters hold: the store, the clock and the settings. Cheap to clone.
//!
//! Services never read the system clock; they ask the handle's clock, which tests fix.

use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use crate::db::Db;
use crate::error::{Error, Result};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The wall clock, truncated to microseconds (the precision stored and rendered).
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        let now = Utc::now();
        now.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(now)
    }
}

/// A clock that stands still until moved. For tests and benchmarks.
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        FixedClock(Mutex::new(at))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }

    pub fn advance(&self, by: TimeDelta) {
        let mut at = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *at += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    clock: Arc<dyn Clock>,
}

impl App {
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> App {
        App { inner: Arc::new(Inner { db, clock }) }
    }

    /// Opens (creating and migrating) the database file with the system clock, and forgets the
    /// idempotency keys a previous process left in flight.
    pub fn open(path: &Path) -> Result<App> {
        let app = App::new(Db::open(path)?, Arc::new(SystemClock));
        crate::idempotency::recover(&app)?;
        Ok(app)
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.inner.clock.now()
    }

    /// Runs a (synchronous) service call off the async runtime. Both adapters use this. The
    /// request's idempotency scope, if any, travels along to the blocking thread.
    pub async fn blocking<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&App) -> Result<T> + Send + 'static,
    {
        let app = self.clone();
        let scope = crate::idempotency::current_request();
        tokio::task::spawn_blocking(move || {
            let _entered = crate::idempotency::enter(scope);
            f(&app)
        })
        .await
        .map_err(Error::from)?
    }
}
