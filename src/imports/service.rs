use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rand::Rng;
use rusqlite::Transaction;

use super::csv_file::{self, CsvFile};
use super::fields::{self, Columns, RowError, TypeNames};
use super::model::*;
use crate::app::App;
use crate::auth::{Access, Permission};
use crate::error::{Error, Result};

/// How long an uploaded file is kept for its check and import.
const KEPT_FOR: Duration = Duration::from_secs(3600);
/// Files kept at once per database (a million rows take some hundred megabytes).
const KEPT_AT_MOST: usize = 4;
/// Rows a preview shows.
const PREVIEW_ROWS: usize = 10;
/// Problems a report lists.
const LISTED_PROBLEMS: usize = 500;

struct Upload {
    db: u64,
    organizer_id: i64,
    kind: ImportKind,
    file: Arc<CsvFile>,
    at: Instant,
    done: Arc<AtomicU32>,
    progress: Arc<Mutex<ImportProgress>>,
}

static UPLOADS: LazyLock<Mutex<HashMap<String, Upload>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

fn uploads() -> MutexGuard<'static, HashMap<String, Upload>> {
    UPLOADS.lock().unwrap_or_else(|p| p.into_inner())
}

/// Only an import being written holds its upload; a file merely previewed or checked may expire
/// or make room for another (its progress reads `validating` until it is imported).
fn running(upload: &Upload) -> bool {
    lock(&upload.progress).state == ImportState::Writing
}

fn lock(progress: &Mutex<ImportProgress>) -> MutexGuard<'_, ImportProgress> {
    progress.lock().unwrap_or_else(|p| p.into_inner())
}

/// Reads an uploaded CSV and answers its first rows and the proposed mapping. Needs
/// `organizer.customers:write`. Errors: `forbidden`, `validation` on `file`.
pub fn preview(app: &App, access: &Access, kind: ImportKind, text: &str) -> Result<ImportPreview> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    let file = csv_file::parse(text)?;
    let scheme = access.organizer.name_scheme;
    let id: String = {
        let mut rng = rand::thread_rng();
        (0..24).map(|_| char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[rng.gen_range(0..36)])).collect()
    };
    let total = file.records.len() as u32;
    let preview = ImportPreview {
        id: id.clone(),
        kind,
        columns: file.header.clone(),
        rows: file
            .records
            .iter()
            .take(PREVIEW_ROWS)
            .map(|(_, r)| r.iter().map(str::to_string).collect())
            .collect(),
        total_rows: total,
        fields: fields::fields(kind, scheme),
        suggested: fields::suggest(kind, scheme, &file.header),
    };
    let mut kept = uploads();
    kept.retain(|_, u| u.at.elapsed() < KEPT_FOR || running(u));
    let db = app.db().instance();
    while kept.values().filter(|u| u.db == db).count() >= KEPT_AT_MOST {
        let oldest = kept
            .iter()
            .filter(|(_, u)| u.db == db && !running(u))
            .min_by_key(|(_, u)| u.at)
            .map(|(k, _)| k.clone());
        match oldest {
            Some(key) => kept.remove(&key),
            None => {
                return Err(Error::Conflict(
                    "Several imports are running; try again when one is done.".into(),
                ));
            }
        };
    }
    let progress = ImportProgress {
        id: id.clone(),
        state: ImportState::Validating,
        done: 0,
        total,
        created: 0,
        report: None,
    };
    kept.insert(
        id,
        Upload {
            db: app.db().instance(),
            organizer_id: access.organizer_id(),
            kind,
            file: Arc::new(file),
            at: Instant::now(),
            done: Arc::new(AtomicU32::new(0)),
            progress: Arc::new(Mutex::new(progress)),
        },
    );
    Ok(preview)
}

/// What a check or an import needs of an upload: its kind, file, row counter and progress.
type Found = (ImportKind, Arc<CsvFile>, Arc<AtomicU32>, Arc<Mutex<ImportProgress>>);

/// The upload `id` of this organizer, as the pieces a check or an import needs.
fn find(app: &App, access: &Access, id: &str) -> Result<Found> {
    let kept = uploads();
    let upload = kept
        .get(id)
        .filter(|u| u.db == app.db().instance() && u.organizer_id == access.organizer_id())
        .ok_or(Error::NotFound { entity: "Import" })?;
    Ok((upload.kind, upload.file.clone(), upload.done.clone(), upload.progress.clone()))
}

/// Checks every row of the upload `id` with `mapping`, writing nothing. Errors: `forbidden`,
/// `not_found` (unknown or expired), `validation` on `mapping`, `conflict` while it is importing.
pub fn validate(app: &App, access: &Access, id: &str, mapping: &[Option<String>]) -> Result<ImportReport> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    let (kind, file, done, progress) = find(app, access, id)?;
    if lock(&progress).state == ImportState::Writing {
        return Err(Error::Conflict("This file is being imported.".into()));
    }
    let columns = Columns::new(kind, access.organizer.name_scheme, &file.header, mapping)?;
    let now = app.now();
    app.db().dry_run(|tx| check_all(tx, now, access, kind, &file, &columns, &done).map(|(report, _)| report))
}

/// Starts importing the upload `id` with `mapping` and answers at once; [`progress`] tells how
/// far it got. All rows or none: when any row fails, nothing is written and the progress carries
/// the report. Errors: as [`validate`].
pub fn commit(app: &App, access: &Access, id: &str, mapping: &[Option<String>]) -> Result<ImportProgress> {
    let started = start(app, access, id, mapping)?;
    let snapshot = lock(&started.progress).clone();
    std::thread::spawn(move || started.run());
    Ok(snapshot)
}

/// [`commit`], waiting until it is done (the command line, benchmarks).
pub fn commit_and_wait(
    app: &App,
    access: &Access,
    id: &str,
    mapping: &[Option<String>],
) -> Result<ImportProgress> {
    let started = start(app, access, id, mapping)?;
    let progress = started.progress.clone();
    started.run();
    let done = lock(&progress).clone();
    Ok(done)
}

struct Started {
    app: App,
    access: Access,
    kind: ImportKind,
    file: Arc<CsvFile>,
    columns: Columns,
    done: Arc<AtomicU32>,
    progress: Arc<Mutex<ImportProgress>>,
}

fn start(app: &App, access: &Access, id: &str, mapping: &[Option<String>]) -> Result<Started> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    let (kind, file, done, progress) = find(app, access, id)?;
    let columns = Columns::new(kind, access.organizer.name_scheme, &file.header, mapping)?;
    {
        let mut p = lock(&progress);
        match p.state {
            ImportState::Writing => return Err(Error::Conflict("This file is being imported.".into())),
            ImportState::Done => return Err(Error::Conflict("This file was imported already.".into())),
            _ => {}
        }
        p.state = ImportState::Writing;
        p.report = None;
        p.done = 0;
    }
    done.store(0, Ordering::Relaxed);
    Ok(Started { app: app.clone(), access: access.clone(), kind, file, columns, done, progress })
}

impl Started {
    fn run(self) {
        let now = self.app.now();
        let mut refused = None;
        let outcome = self.app.db().write(|tx| {
            let (report, created) =
                check_all(tx, now, &self.access, self.kind, &self.file, &self.columns, &self.done)?;
            if report.problems_total > 0 {
                refused = Some(report);
                return Err(Error::Conflict("rows failed their checks".into()));
            }
            Ok(created)
        });
        let mut p = lock(&self.progress);
        p.done = self.done.load(Ordering::Relaxed);
        match (outcome, refused) {
            (Ok(created), _) => {
                p.state = ImportState::Done;
                p.created = created;
                tracing::info!(rows = created, kind = ?self.kind, organizer = %self.access.organizer.slug, "import done");
            }
            (Err(_), Some(report)) => {
                p.state = ImportState::Failed;
                p.report = Some(report);
            }
            (Err(err), None) => {
                tracing::error!(error = %err, "import failed");
                p.state = ImportState::Failed;
                p.report = Some(ImportReport {
                    total_rows: p.total,
                    valid_rows: 0,
                    problems: vec![RowProblem { row: 0, column: None, message: err.to_string() }],
                    problems_total: 1,
                });
            }
        }
    }
}

/// Answers how far the import of `id` got. Errors: `forbidden`, `not_found`.
pub fn progress(app: &App, access: &Access, id: &str) -> Result<ImportProgress> {
    access.require(Permission::CUSTOMERS_WRITE)?;
    let (_, _, done, progress) = find(app, access, id)?;
    let mut p = lock(&progress).clone();
    if p.state == ImportState::Writing {
        p.done = done.load(Ordering::Relaxed);
    }
    Ok(p)
}

/// The writer's page cache while an import runs: a million customers change some hundred
/// megabytes of pages, and a smaller cache spills them to the file mid-transaction.
const IMPORT_CACHE_KIB: i64 = 1536 * 1024;
/// The writer's usual page cache (SQLite's default).
const USUAL_CACHE_KIB: i64 = 2000;

/// Runs every row's writes inside `tx`, with a page cache large enough for a big file; answers
/// the report and how many rows went in. The caller commits or rolls back.
fn check_all(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    access: &Access,
    kind: ImportKind,
    file: &CsvFile,
    columns: &Columns,
    done: &AtomicU32,
) -> Result<(ImportReport, u32)> {
    tx.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
    // The search index keeps a file's new terms in memory until the end, not in many small flushes.
    tx.execute("INSERT INTO customers_search (customers_search, rank) VALUES ('hashsize', 268435456)", [])?;
    let outcome = check_rows(tx, now, access, kind, file, columns, done);
    tx.pragma_update(None, "cache_size", -USUAL_CACHE_KIB)?;
    tx.execute("INSERT INTO customers_search (customers_search, rank) VALUES ('hashsize', 1048576)", [])?;
    outcome
}

fn check_rows(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    access: &Access,
    kind: ImportKind,
    file: &CsvFile,
    columns: &Columns,
    done: &AtomicU32,
) -> Result<(ImportReport, u32)> {
    let types = match kind {
        ImportKind::Memberships => Some(TypeNames::load(tx, access.organizer_id())?),
        ImportKind::Customers => None,
    };
    let mut problems = Vec::new();
    let mut problems_total = 0u32;
    let mut valid = 0u32;
    let width = file.header.len();
    for (n, (line, record)) in file.records.iter().enumerate() {
        let outcome = if record.len() != width {
            Err(RowError::Problems(vec![(
                None,
                format!("This row has {} columns; the header has {width}.", record.len()),
            )]))
        } else {
            match &types {
                None => fields::customer_row(tx, now, access, columns, record),
                Some(types) => fields::membership_row(tx, now, access, columns, types, record),
            }
        };
        match outcome {
            Ok(()) => valid += 1,
            Err(RowError::Fatal(err)) => return Err(err),
            Err(RowError::Problems(found)) => {
                for (field, message) in found {
                    problems_total += 1;
                    if problems.len() < LISTED_PROBLEMS {
                        let column = field.and_then(|f| columns.header_of(&f));
                        problems.push(RowProblem { row: *line, column, message });
                    }
                }
            }
        }
        if n % 256 == 0 {
            done.store(n as u32, Ordering::Relaxed);
        }
    }
    done.store(file.records.len() as u32, Ordering::Relaxed);
    let report =
        ImportReport { total_rows: file.records.len() as u32, valid_rows: valid, problems, problems_total };
    Ok((report, valid))
}
