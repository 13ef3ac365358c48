use std::path::{Path, PathBuf};

use rusqlite::{Connection, backup::Backup};
use serde::Serialize;

use crate::app::App;
use crate::error::{Error, Result};
use crate::types::time;

/// A finished, checked backup.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupInfo {
    pub path: String,
    pub created_at: String,
    /// Size in bytes (as a float: no 64-bit integers cross into the window).
    pub size_bytes: f64,
}

/// Where a backup goes: `to` itself when it names a `.sqlite3` file, else a time-stamped file in
/// the folder `to`.
fn target(to: &Path, now: chrono::DateTime<chrono::Utc>) -> PathBuf {
    if to.extension().is_some_and(|e| e == "sqlite3" || e == "db") {
        to.to_path_buf()
    } else {
        to.join(format!("tessera-{}.sqlite3", now.format("%Y%m%d-%H%M%S")))
    }
}

/// Copies the live database to `to` and checks the copy. Never overwrites a file. Errors:
/// `validation` on `to` (exists, or the folder cannot be created), `internal` when the copy fails
/// its integrity check (the broken copy is removed).
pub fn create(app: &App, to: &Path) -> Result<BackupInfo> {
    let now = app.now();
    let path = target(to, now);
    if path.exists() {
        return Err(Error::validation("to", format!("{} exists already.", path.display())));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::validation("to", format!("Cannot create {}: {e}", dir.display())))?;
    }
    let partial = path.with_extension("partial");
    let copied = app.db().read(|source| {
        let mut dest = Connection::open(&partial)?;
        {
            let backup = Backup::new(source, &mut dest)?;
            // All pages in one step: a consistent snapshot that writers never wait for (WAL).
            backup.step(-1)?;
        }
        let check: String = dest.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(check)
    });
    let check = match copied {
        Ok(check) => check,
        Err(err) => {
            let _ = std::fs::remove_file(&partial);
            return Err(err);
        }
    };
    if check != "ok" {
        let _ = std::fs::remove_file(&partial);
        return Err(Error::Internal(format!("the backup failed its integrity check: {check}")));
    }
    std::fs::rename(&partial, &path)
        .map_err(|e| Error::Internal(format!("cannot finish the backup: {e}")))?;
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        path: path.display().to_string(),
        created_at: time::format(now),
        size_bytes: size as f64,
    })
}
