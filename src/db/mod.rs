//! The store: one SQLite file, one writer connection and a small pool of readers.
//!
//! Invariants:
//! - Every connection gets the same pragmas, in a fixed order, before it is used.
//! - Writes run in `IMMEDIATE` transactions on the single writer, so a read-then-write never
//!   fails on a lock upgrade and writers queue in-process instead of spinning on `SQLITE_BUSY`.
//! - `synchronous = FULL`: in WAL mode, NORMAL may lose the last commits on power loss. Money
//!   writes acknowledged to a terminal must survive that, so every commit waits for the WAL fsync.

pub(crate) mod migrations;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

/// How long a connection waits for another process's lock (a backup, a second `tessera` on the
/// same file) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Readers in the pool. Two cores, WAL readers never block the writer: a few suffice.
const READERS: usize = 4;

pub struct Db {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
    instance: u64,
    /// The file, for backups beside it; `None` in memory.
    path: Option<PathBuf>,
}

/// Tells open databases apart inside one process (several in tests, one after a restore).
static INSTANCES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_instance() -> u64 {
    INSTANCES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Db {
    /// Opens (creating if needed) the database file and migrates it to the latest schema.
    pub fn open(path: &Path) -> Result<Db> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|err| Error::Internal(format!("cannot create {}: {err}", parent.display())))?;
        }
        let mut writer = Connection::open(path)?;
        configure(&writer)?;
        migrate(&mut writer)?;
        let readers = (0..READERS)
            .map(|_| {
                let conn = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                configure(&conn)?;
                Ok(Mutex::new(conn))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Db {
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
            instance: next_instance(),
            path: Some(path.to_path_buf()),
        })
    }

    /// A private in-memory database (one connection serves reads and writes). For tests.
    pub fn open_in_memory() -> Result<Db> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrate(&mut conn)?;
        Ok(Db {
            writer: Mutex::new(conn),
            readers: Vec::new(),
            next_reader: AtomicUsize::new(0),
            instance: next_instance(),
            path: None,
        })
    }

    /// The database file; `None` for an in-memory database.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// This open database's number, unique in the process.
    pub fn instance(&self) -> u64 {
        self.instance
    }

    /// Runs `f` in an `IMMEDIATE` transaction; commits when it returns `Ok`, rolls back otherwise.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        crate::idempotency::on_commit_in_tx(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `f` in an `IMMEDIATE` transaction that is always rolled back: every check of a
    /// write, uniqueness in the file included, with nothing kept (an import's check of all rows).
    pub fn dry_run<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx);
        tx.rollback()?;
        value
    }

    /// Runs `f` on a reader (or the writer, for in-memory databases). Reads see the last commit.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if self.readers.is_empty() {
            return f(&lock(&self.writer));
        }
        let start = self.next_reader.fetch_add(1, Ordering::Relaxed);
        for offset in 0..self.readers.len() {
            let slot = &self.readers[(start + offset) % self.readers.len()];
            if let Ok(conn) = slot.try_lock() {
                return f(&conn);
            }
        }
        f(&lock(&self.readers[start % self.readers.len()]))
    }

    /// Runs `f` with the writer connection outside any transaction (backups, maintenance).
    pub fn with_writer<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        f(&mut lock(&self.writer))
    }
}

/// A panic while holding a connection leaves SQLite consistent (the transaction rolls back on
/// drop), so a poisoned lock is safe to take over.
fn lock(mutex: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn configure(conn: &Connection) -> Result<()> {
    // First, so that the pragmas below already wait for another process's lock.
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Readers never block the writer and the writer never blocks readers. Persistent in the file;
    // a read-only connection just reads it back.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // Durability of every acknowledged commit, including across power loss (see module docs).
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Per connection and off by default in SQLite.
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Statement journals (every write that fires a trigger, e.g. the search index) and sorts stay
    // in memory instead of temporary files: a big import otherwise writes each row several times.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

/// The schema version a connection's database has (`user_version`: the migrations applied).
pub(crate) fn schema_version(conn: &Connection) -> Result<usize> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// The schema version this build migrates to.
pub fn latest_schema() -> usize {
    migrations::LATEST
}

/// Sets the pragmas every connection gets and migrates `conn`'s database to the latest schema.
pub(crate) fn prepare(conn: &mut Connection) -> Result<()> {
    configure(conn)?;
    migrate(conn)
}

fn migrate(conn: &mut Connection) -> Result<()> {
    let version: usize = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if version > migrations::LATEST {
        return Err(Error::Internal(format!(
            "the database has schema version {version}, newer than this release knows \
             ({}); update Tessera",
            migrations::LATEST
        )));
    }
    migrations::MIGRATIONS
        .to_latest(conn)
        .map_err(|err| Error::Internal(format!("migrating the database failed: {err}")))
}

/// Maps a violated named unique constraint to a domain error; other errors pass through.
pub(crate) fn on_unique(err: rusqlite::Error, constraint: &str, to: impl FnOnce() -> Error) -> Error {
    match &err {
        rusqlite::Error::SqliteFailure(e, Some(msg))
            if e.code == rusqlite::ErrorCode::ConstraintViolation && msg.contains(constraint) =>
        {
            to()
        }
        _ => Error::Storage(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let db = Db::open_in_memory().unwrap();
        let result: Result<()> = db.write(|tx| {
            tx.execute("INSERT INTO organizers (slug, name, created_at) VALUES ('a', 'A', 'now')", [])?;
            Err(Error::Conflict("abort".into()))
        });
        assert!(result.is_err());
        let count: i64 =
            db.read(|c| Ok(c.query_row("SELECT count(*) FROM organizers", [], |r| r.get(0))?)).unwrap();
        assert_eq!(count, 0, "the insert must have been rolled back");
    }

    #[test]
    fn the_file_uses_wal_and_full_sync() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.sqlite3")).unwrap();
        db.read(|c| {
            let mode: String = c.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
            let sync: i64 = c.pragma_query_value(None, "synchronous", |r| r.get(0))?;
            let fk: i64 = c.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
            assert_eq!(mode, "wal");
            assert_eq!(sync, 2, "synchronous=FULL");
            assert_eq!(fk, 1);
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn a_database_made_by_the_previous_schema_migrates_without_loss() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        migrations::MIGRATIONS.to_version(&mut conn, migrations::LATEST - 1).unwrap();
        conn.execute(
            "INSERT INTO organizers (slug, name, created_at) VALUES ('old', 'Old', '2025-01-01T00:00:00.000000Z')",
            [],
        )
        .unwrap();
        drop(conn);
        let db = Db::open(&path).unwrap();
        let (version, name): (usize, String) = db
            .read(|c| {
                let v = c.pragma_query_value(None, "user_version", |r| r.get(0))?;
                let n = c.query_row("SELECT name FROM organizers WHERE slug = 'old'", [], |r| r.get(0))?;
                Ok((v, n))
            })
            .unwrap();
        assert_eq!(version, migrations::LATEST);
        assert_eq!(name, "Old");
    }

    #[test]
    fn a_database_from_a_newer_release_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        drop(Db::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        drop(conn);
        let err = Db::open(&path).err().expect("newer schema refused");
        assert!(err.to_string().contains("newer"), "{err}");
    }
}
