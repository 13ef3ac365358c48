use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, backup::Backup, params};

use super::model::{BackupInfo, BackupKind, BackupOverview, BackupSettings, RestoreOutcome};
use crate::app::App;
use crate::auth::{self, Principal};
use crate::db;
use crate::error::{Error, FieldErrors, Result};
use crate::installation;
use crate::types::time;

/// The installation settings keys of the schedule and of its last failure.
const SETTINGS: &str = "backups";
const SCHEDULE_ERROR: &str = "backups_schedule_error";

/// How many backups the overview lists.
const LISTED: u32 = 100;

/// How often the scheduler looks whether a backup is due.
const SCHEDULER_TICK: Duration = Duration::from_secs(60);

/// Copies the live database to `to` and checks the copy. Never overwrites a file. Errors:
/// `validation` on `to` (exists, or the folder cannot be created), `internal` when the copy fails
/// its integrity check (the broken copy is removed).
pub fn create(app: &App, to: &Path) -> Result<BackupInfo> {
    create_kind(app, to, BackupKind::Manual)
}

/// A backup on demand from the desk: into `to` (a folder or a `.sqlite3` file), else the
/// schedule's folder, else the default folder. Errors: `forbidden` (not an administrator), and
/// those of [`create`].
pub fn create_for(app: &App, principal: &Principal, to: Option<&str>) -> Result<BackupInfo> {
    auth::require_admin(app, principal)?;
    let folder = match to.map(str::trim).filter(|t| !t.is_empty()) {
        Some(to) => PathBuf::from(to),
        None => match settings(app)?.folder {
            Some(folder) => PathBuf::from(folder),
            None => default_folder(app)?,
        },
    };
    create(app, &folder)
}

fn create_kind(app: &App, to: &Path, kind: BackupKind) -> Result<BackupInfo> {
    let now = app.now();
    let path = target(to, now, "tessera")?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::validation("to", format!("Cannot create {}: {e}", dir.display())))?;
    }
    let size = app.db().read(|source| copy_checked(source, &path))?;
    let info = BackupInfo {
        path: display(&path),
        created_at: time::format(now),
        size_bytes: size as f64,
        kind,
        present: true,
    };
    app.db().write(|tx| record(tx, &info))?;
    tracing::info!(path = %info.path, size, kind = kind.as_str(), "backup made");
    Ok(info)
}

/// Where a backup goes: `to` itself when it names a `.sqlite3`/`.db` file (which must not exist),
/// else a time-stamped file in the folder `to` (numbered when two fall in the same second).
fn target(to: &Path, now: DateTime<Utc>, stem: &str) -> Result<PathBuf> {
    if to.extension().is_some_and(|e| e == "sqlite3" || e == "db") {
        if to.exists() {
            return Err(Error::validation("to", format!("{} exists already.", to.display())));
        }
        return Ok(to.to_path_buf());
    }
    let stamp = now.with_timezone(&chrono::Local).format("%Y%m%d-%H%M%S");
    crate::files::first_free(to, &format!("{stem}-{stamp}"), "sqlite3")
        .ok_or_else(|| Error::validation("to", format!("Too many backups in {} this second.", to.display())))
}

/// Copies `source` into a new file at `path` in one step (a consistent snapshot; in WAL mode
/// writers never wait for it), checks the copy and answers its size. A failed copy leaves nothing.
fn copy_checked(source: &Connection, path: &Path) -> Result<u64> {
    let partial = path.with_extension("partial");
    let copied = (|| -> Result<String> {
        let mut dest = Connection::open(&partial)?;
        Backup::new(source, &mut dest)?.step(-1)?;
        Ok(dest.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    })();
    let check = copied.inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })?;
    if check != "ok" {
        let _ = std::fs::remove_file(&partial);
        return Err(Error::Internal(format!("the backup failed its integrity check: {check}")));
    }
    std::fs::rename(&partial, path).map_err(|e| Error::Internal(format!("cannot finish the backup: {e}")))?;
    Ok(std::fs::metadata(path).map(|m| m.len()).unwrap_or(0))
}

fn record(conn: &Connection, info: &BackupInfo) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO backups (path, kind, created_at, size_bytes) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (path) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at, \
         size_bytes = excluded.size_bytes",
    )?
    .execute(params![
        info.path,
        info.kind.as_str(),
        stored(&info.created_at),
        info.size_bytes as i64
    ])?;
    Ok(())
}

/// A time as the file keeps it (fixed digits, so that times sort as text).
fn stored(created_at: &str) -> String {
    time::parse(created_at).map(time::store).unwrap_or_else(|| created_at.to_string())
}

fn display(path: &Path) -> String {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string()
}

/// The folder beside the database file (`backups/`). Errors: `validation` for an in-memory
/// database, which has no place on disk.
pub fn default_folder(app: &App) -> Result<PathBuf> {
    let file = app.db().path().ok_or_else(|| Error::validation("to", "Name a folder for the backup."))?;
    Ok(file.parent().unwrap_or(Path::new(".")).join("backups"))
}

/// The schedule, or its defaults (off, every 24 hours, keep 14).
pub fn settings(app: &App) -> Result<BackupSettings> {
    Ok(app.db().read(|c| installation::repo::get(c, SETTINGS))?.unwrap_or_default())
}

/// Stores the schedule. Errors: `forbidden` (not an administrator), `validation` on
/// `every_hours`, `keep` and `folder` (relative, or not creatable).
pub fn save_settings(app: &App, principal: &Principal, settings: BackupSettings) -> Result<BackupOverview> {
    auth::require_admin(app, principal)?;
    let settings = check_settings(settings)?;
    app.db().write(|tx| {
        installation::repo::put(tx, SETTINGS, &settings)?;
        installation::repo::delete(tx, SCHEDULE_ERROR)
    })?;
    tracing::info!(folder = ?settings.folder, every_hours = settings.every_hours, keep = settings.keep, "backup schedule saved");
    overview_unchecked(app)
}

fn check_settings(mut settings: BackupSettings) -> Result<BackupSettings> {
    let mut errors = FieldErrors::new();
    if !(1..=168).contains(&settings.every_hours) {
        errors.add("every_hours", "Choose from 1 to 168 hours.");
    }
    if !(1..=365).contains(&settings.keep) {
        errors.add("keep", "Keep from 1 to 365 backups.");
    }
    settings.folder = settings.folder.map(|f| f.trim().to_string()).filter(|f| !f.is_empty());
    if let Some(folder) = &settings.folder {
        let path = Path::new(folder);
        if !path.is_absolute() {
            errors.add("folder", "Enter a full path, e.g. /media/usb/tessera.");
        } else if let Err(e) = std::fs::create_dir_all(path) {
            errors.add("folder", format!("Cannot use this folder: {e}"));
        }
    }
    errors.into_result()?;
    Ok(settings)
}

/// The schedule and the backups made, newest first. Errors: `forbidden` (not an administrator).
pub fn overview(app: &App, principal: &Principal) -> Result<BackupOverview> {
    auth::require_admin(app, principal)?;
    overview_unchecked(app)
}

fn overview_unchecked(app: &App) -> Result<BackupOverview> {
    let settings = settings(app)?;
    let (backups, last_scheduled, schedule_error) = app.db().read(|c| {
        Ok((
            list(c, LISTED)?,
            last_of_kind(c, BackupKind::Scheduled)?,
            installation::repo::get::<String>(c, SCHEDULE_ERROR)?,
        ))
    })?;
    let next_due =
        settings.folder.as_ref().map(|_| time::format(due_at(app.now(), last_scheduled, &settings)));
    Ok(BackupOverview {
        default_folder: default_folder(app).map(|f| f.display().to_string()).unwrap_or_default(),
        settings,
        backups,
        next_due,
        schedule_error,
    })
}

/// The newest backup of any kind, for the desk's start screen.
pub fn last_backup(app: &App) -> Result<Option<BackupInfo>> {
    Ok(app.db().read(|c| list(c, 1))?.into_iter().next())
}

fn list(conn: &Connection, limit: u32) -> Result<Vec<BackupInfo>> {
    let mut stmt = conn.prepare_cached(
        "SELECT path, kind, created_at, size_bytes FROM backups ORDER BY created_at DESC, id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        let path: String = r.get(0)?;
        let kind: String = r.get(1)?;
        let size: i64 = r.get(3)?;
        Ok(BackupInfo {
            present: Path::new(&path).is_file(),
            path,
            kind: BackupKind::parse(&kind),
            created_at: time::parse(&r.get::<_, String>(2)?).map(time::format).unwrap_or_default(),
            size_bytes: size as f64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn last_of_kind(conn: &Connection, kind: BackupKind) -> Result<Option<DateTime<Utc>>> {
    let raw: Option<String> = conn
        .prepare_cached("SELECT max(created_at) FROM backups WHERE kind = ?1")?
        .query_row([kind.as_str()], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(raw.as_deref().and_then(time::parse))
}

fn due_at(now: DateTime<Utc>, last: Option<DateTime<Utc>>, settings: &BackupSettings) -> DateTime<Utc> {
    match last {
        Some(last) => last + TimeDelta::hours(i64::from(settings.every_hours)),
        None => now,
    }
}

/// Makes the scheduled backup when one is due, then deletes the scheduled backups in the folder
/// beyond the last `keep`. Answers the backup made, if any. A failure (the folder is gone, the
/// disk is full) is kept for the backups screen and tried again at the next tick.
pub fn run_due(app: &App) -> Result<Option<BackupInfo>> {
    let settings = settings(app)?;
    let Some(folder) = settings.folder.clone() else { return Ok(None) };
    let last = app.db().read(|c| last_of_kind(c, BackupKind::Scheduled))?;
    if due_at(app.now(), last, &settings) > app.now() {
        return Ok(None);
    }
    match create_kind(app, Path::new(&folder), BackupKind::Scheduled) {
        Ok(made) => {
            app.db().write(|tx| installation::repo::delete(tx, SCHEDULE_ERROR))?;
            prune(app, &folder, settings.keep)?;
            Ok(Some(made))
        }
        Err(err) => {
            let message = format!("{}: {}", time::format(app.now()), err.readable());
            tracing::warn!(folder, error = %message, "scheduled backup failed");
            app.db().write(|tx| installation::repo::put(tx, SCHEDULE_ERROR, &message))?;
            Err(err)
        }
    }
}

/// Deletes the scheduled backups in `folder` beyond the newest `keep` (files and records).
fn prune(app: &App, folder: &str, keep: u32) -> Result<()> {
    let folder = display(Path::new(folder));
    let old: Vec<String> = app.db().read(|c| {
        let mut stmt = c.prepare_cached(
            "SELECT path FROM backups WHERE kind = 'scheduled' ORDER BY created_at DESC, id DESC",
        )?;
        let paths = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(paths
            .into_iter()
            .filter(|p| Path::new(p).parent().is_some_and(|d| d == Path::new(&folder)))
            .skip(keep as usize)
            .collect())
    })?;
    for path in &old {
        match std::fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                tracing::warn!(path, error = %e, "cannot delete an old scheduled backup");
                continue;
            }
        }
        app.db().write(|tx| Ok(tx.execute("DELETE FROM backups WHERE path = ?1", [path])?))?;
        tracing::info!(path, "old scheduled backup deleted");
    }
    Ok(())
}

/// Makes the scheduled backups while the process runs (the window or `tessera serve`).
pub async fn run_scheduler(app: App) {
    loop {
        tokio::time::sleep(SCHEDULER_TICK).await;
        let _ = app.blocking(run_due).await;
    }
}

/// Restores the database from the backup at `from`, for the desk. Errors: `forbidden` (not an
/// administrator), and those of [`restore`].
pub fn restore_for(app: &App, principal: &Principal, from: &str) -> Result<RestoreOutcome> {
    auth::require_admin(app, principal)?;
    restore(app, Path::new(from.trim()))
}

/// Replaces the live database's contents with the backup at `from`, in place, while the file
/// stays open: the listener and the window read the restored data at once.
///
/// 1. The backup is checked first (a Tessera database, `integrity_check`, a schema this release
///    knows) and copied to a staging file beside the database, which is migrated to the latest
///    schema when the backup is older.
/// 2. Under the writer lock (no write can slip in between): the current database is copied aside
///    as a `before_restore` backup, the staging file is copied into the live file with SQLite's
///    backup API, and what belongs to this machine rather than to the data is carried over: the
///    installation settings (listener, backup schedule, updates) and the list of backups. Desk
///    sessions end: everybody logs in again.
///
/// Errors: `validation` on `path` (missing, not a Tessera database, damaged, from a newer
/// release), `internal` when a copy fails (the live database is then unchanged).
pub fn restore(app: &App, from: &Path) -> Result<RestoreOutcome> {
    let live = app
        .db()
        .path()
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::Internal("an in-memory database cannot be restored".into()))?;
    let schema_before = check_backup(from)?;
    let staging = live.with_extension("restoring");
    remove_with_sidecars(&staging);
    let staged = stage(from, &staging);
    let schema_after = match staged {
        Ok(version) => version,
        Err(err) => {
            remove_with_sidecars(&staging);
            return Err(err);
        }
    };
    let aside_folder = default_folder(app)?;
    std::fs::create_dir_all(&aside_folder)
        .map_err(|e| Error::Internal(format!("cannot create {}: {e}", aside_folder.display())))?;
    let now = app.now();
    let result = app.db().with_writer(|writer| {
        let carried = Carried::read(writer)?;
        let aside = target(&aside_folder, now, "tessera-before-restore")?;
        let size = copy_checked(writer, &aside)?;
        let kept = BackupInfo {
            path: display(&aside),
            created_at: time::format(now),
            size_bytes: size as f64,
            kind: BackupKind::BeforeRestore,
            present: true,
        };
        {
            let source = Connection::open_with_flags(&staging, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            Backup::new(&source, writer)?.step(-1)?;
        }
        db::prepare(writer)?;
        let tx = writer.transaction()?;
        carried.write(&tx)?;
        record(&tx, &kept)?;
        tx.execute("DELETE FROM user_sessions", [])?;
        tx.commit()?;
        Ok(kept)
    });
    remove_with_sidecars(&staging);
    let kept = result?;
    crate::idempotency::recover(app)?;
    tracing::warn!(from = %from.display(), kept_aside = %kept.path, schema_before, schema_after, "database restored");
    Ok(RestoreOutcome {
        restored_from: display(from),
        kept_aside: kept.path,
        schema_before: schema_before as u32,
        schema_after: schema_after as u32,
    })
}

/// The backup's schema version, after checking it is a whole Tessera database this release can
/// read.
fn check_backup(from: &Path) -> Result<usize> {
    let invalid = |message: String| Error::validation("path", message);
    if !from.is_file() {
        return Err(invalid(format!("{} is not a file.", from.display())));
    }
    let conn = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| invalid(format!("{} cannot be opened: {e}", from.display())))?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| invalid(format!("{} is not a database: {e}", from.display())))?;
    if check != "ok" {
        return Err(invalid(format!("{} is damaged: {check}", from.display())));
    }
    let version = db::schema_version(&conn)?;
    let has_organizers: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'organizers')",
        [],
        |r| r.get(0),
    )?;
    if version == 0 || !has_organizers {
        return Err(invalid(format!("{} is not a Tessera database.", from.display())));
    }
    if version > db::latest_schema() {
        return Err(invalid(format!(
            "{} comes from a newer Tessera (schema {version}, this one knows {}); update Tessera first.",
            from.display(),
            db::latest_schema()
        )));
    }
    Ok(version)
}

/// Copies the backup to `staging` and migrates the copy; answers its schema version.
fn stage(from: &Path, staging: &Path) -> Result<usize> {
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut dest = Connection::open(staging)?;
    Backup::new(&source, &mut dest)?.step(-1)?;
    drop(source);
    db::prepare(&mut dest)?;
    let check: String = dest.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::Internal(format!("the migrated backup failed its integrity check: {check}")));
    }
    db::schema_version(&dest)
}

fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// What belongs to this machine rather than to the data: kept across a restore.
struct Carried {
    settings: Vec<(String, String)>,
    backups: Vec<(String, String, String, i64)>,
}

impl Carried {
    fn read(conn: &Connection) -> Result<Carried> {
        let settings = conn
            .prepare("SELECT key, value FROM installation_settings")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let backups = conn
            .prepare("SELECT path, kind, created_at, size_bytes FROM backups")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Carried { settings, backups })
    }

    fn write(&self, conn: &Connection) -> Result<()> {
        conn.execute("DELETE FROM installation_settings", [])?;
        for (key, value) in &self.settings {
            conn.execute(
                "INSERT INTO installation_settings (key, value) VALUES (?1, ?2)",
                params![key, value],
            )?;
        }
        conn.execute("DELETE FROM backups", [])?;
        for (path, kind, created_at, size) in &self.backups {
            conn.execute(
                "INSERT INTO backups (path, kind, created_at, size_bytes) VALUES (?1, ?2, ?3, ?4)",
                params![path, kind, created_at, size],
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schedule_is_due_every_n_hours_after_the_last_scheduled_backup() {
        let now = time::parse("2026-11-24T12:00:00Z").unwrap();
        let settings = BackupSettings { folder: Some("/x".into()), every_hours: 6, keep: 3 };
        assert_eq!(due_at(now, None, &settings), now);
        let last = time::parse("2026-11-24T08:00:00Z").unwrap();
        assert_eq!(due_at(now, Some(last), &settings), time::parse("2026-11-24T14:00:00Z").unwrap());
    }

    #[test]
    fn schedule_settings_are_checked() {
        let err =
            check_settings(BackupSettings { folder: Some("relative/dir".into()), every_hours: 0, keep: 400 })
                .unwrap_err();
        let Error::Validation(fields) = err else { panic!("{err:?}") };
        let keys: Vec<_> = fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["every_hours", "folder", "keep"]);
        let off =
            check_settings(BackupSettings { folder: Some("  ".into()), every_hours: 24, keep: 7 }).unwrap();
        assert_eq!(off.folder, None);
    }
}
