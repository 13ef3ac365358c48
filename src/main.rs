//! The `tessera` command: the HTTP listener without a window (`serve`), and the admin tasks that
//! need no window (first set-up, organizers, API tokens). Every subcommand calls one service.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tessera::auth::{self, NewApiToken};
use tessera::outbox::{self, SmtpConfig};
use tessera::setup::{self, NewOrganizerWithAdmin, SetupInput};
use tessera::{App, Error, http, installation};

#[derive(Parser)]
#[command(
    name = "tessera",
    version,
    about = "Tessera box office: the HTTP listener and admin tasks, without the desktop window"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the HTTP API (pretix dialect under /api/v1/, the desk API) and the desk UI.
    Serve {
        /// The SQLite database file; created and migrated if needed.
        #[arg(long, env = "TESSERA_DB")]
        db: PathBuf,
        /// Address and port to listen on. Use 0.0.0.0:PORT to let POS terminals on the LAN in.
        /// Default: the listener settings chosen in the window (127.0.0.1:8421 until changed).
        #[arg(long, env = "TESSERA_LISTEN")]
        listen: Option<SocketAddr>,
        /// The built UI to serve at / (default: ./ui/dist when it exists).
        #[arg(long, env = "TESSERA_UI_DIR")]
        ui_dir: Option<PathBuf>,
        /// The SMTP server for organizers without SMTP settings of their own:
        /// smtp://[user:password@]host[:port][?from=address], smtp+starttls://… or smtps://….
        #[arg(long, env = "TESSERA_SMTP_URL")]
        smtp_url: Option<String>,
    },
    /// First set-up: create the first organizer and its admin user (password from
    /// TESSERA_ADMIN_PASSWORD, or asked for).
    Init {
        #[arg(long, env = "TESSERA_DB")]
        db: PathBuf,
        /// The organizer's short name in URLs (letters, digits, dots, dashes).
        #[arg(long)]
        organizer: String,
        /// The organizer's display name.
        #[arg(long)]
        organizer_name: String,
        /// The first staff user's email address (their login).
        #[arg(long)]
        admin_email: String,
    },
    /// Back up the database while it is in use (terminals may keep writing): a consistent copy,
    /// checked with SQLite's integrity_check. PATH is a folder (a time-stamped file goes in it) or
    /// a file ending in .sqlite3; an existing file is never overwritten.
    Backup {
        #[arg(long, env = "TESSERA_DB")]
        db: PathBuf,
        #[arg(long)]
        to: PathBuf,
    },
    /// Restore the database from a backup: the backup is checked first (integrity_check, a
    /// schema this release knows), migrated if it is older, and copied into FILE in place; the
    /// replaced data is kept aside as a backup in the folder beside FILE. A running window or
    /// `tessera serve` on FILE reads the restored data at once; its users log in again.
    Restore {
        #[arg(long, env = "TESSERA_DB")]
        db: PathBuf,
        /// The backup file to restore.
        #[arg(long)]
        from: PathBuf,
    },
    /// Import customers (with a card and an opening credit balance each) or memberships from a CSV
    /// file. Columns are matched to fields by their header (English or German names); --map
    /// overrides that. Every row is checked first; with any problem nothing is written and the
    /// problems are listed with their line numbers. All rows or none.
    Import {
        #[arg(long, env = "TESSERA_DB")]
        db: PathBuf,
        #[arg(long)]
        organizer: String,
        /// customers or memberships.
        #[arg(long, value_parser = ["customers", "memberships"])]
        kind: String,
        /// The CSV file (UTF-8; comma, semicolon or tab separated; the first line names the columns).
        #[arg(long)]
        file: PathBuf,
        /// COLUMN=FIELD to read FIELD from the column with header COLUMN; COLUMN= to ignore it.
        /// Repeat for several.
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// Only check every row; write nothing.
        #[arg(long)]
        check: bool,
    },
    /// Export customers, memberships, the credit ledger (each entry, or per day, terminal and
    /// type) or waiting lists as CSV.
    Export {
        #[arg(long, env = "TESSERA_DB")]
        db: PathBuf,
        #[arg(long)]
        organizer: String,
        #[arg(long, value_parser = ["customers", "memberships", "ledger", "ledger_summary", "waiting_list"])]
        kind: String,
        /// Ledger kinds: from this time on (RFC 3339).
        #[arg(long)]
        from: Option<String>,
        /// Ledger kinds: before this time (RFC 3339).
        #[arg(long)]
        until: Option<String>,
        /// Waiting lists: only this event (its slug).
        #[arg(long)]
        event: Option<String>,
        /// The file to write; standard output without.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Manage organizers.
    Organizer {
        #[command(subcommand)]
        command: OrganizerCommand,
    },
    /// Manage team API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Print the OpenAPI document of the HTTP listener.
    Openapi {
        /// Any database path (an in-memory database is used; nothing is written).
        #[arg(long, hide = true)]
        db: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum OrganizerCommand {
    /// Add an organizer, with an all-permissions team.
    Create {
        #[arg(long, env = "TESSERA_DB")]
        db: PathBuf,
        /// Short name in URLs (letters, digits, dots, dashes; 2–50 characters).
        #[arg(long)]
        slug: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// An existing staff user to put in the new organizer's admin team.
        #[arg(long)]
        admin_email: Option<String>,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a team API token and print it on stdout (it is not shown again).
    Create {
        #[arg(long, env = "TESSERA_DB")]
        db: PathBuf,
        /// The organizer the token works in.
        #[arg(long)]
        organizer: String,
        /// A name to recognise the token by.
        #[arg(long, default_value = "cli")]
        name: String,
        /// A pretix permission name (e.g. organizer.customers:read); repeat for several. Without
        /// any, the token gets every organizer and event permission.
        #[arg(long = "permission", value_name = "PERM")]
        permissions: Vec<String>,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("TESSERA_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {}", err.readable());
            ExitCode::FAILURE
        }
    }
}

/// A database file that must exist already (a backup or restore never creates an empty one).
fn open_existing(db: &std::path::Path) -> Result<App, Error> {
    if !db.is_file() {
        return Err(Error::Internal(format!("{} does not exist", db.display())));
    }
    App::open(db)
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Serve { db, listen, ui_dir, smtp_url } => serve(db, listen, ui_dir, smtp_url),
        Command::Backup { db, to } => {
            let app = open_existing(&db)?;
            let made = tessera::backups::create(&app, &to)?;
            println!("{} ({} bytes, integrity ok)", made.path, made.size_bytes);
            Ok(())
        }
        Command::Restore { db, from } => {
            let app = open_existing(&db)?;
            let done = tessera::backups::restore(&app, &from)?;
            println!(
                "restored {} (schema {} → {}); the replaced data is kept in {}",
                done.restored_from, done.schema_before, done.schema_after, done.kept_aside
            );
            Ok(())
        }
        Command::Import { db, organizer, kind, file, map, check } => {
            import(db, organizer, kind, file, map, check)
        }
        Command::Export { db, organizer, kind, from, until, event, out } => {
            let app = App::open(&db)?;
            let access = tessera::auth::authorize(&app, &tessera::auth::Principal::System, &organizer)?;
            let kind = tessera::exports::ExportKind::parse(&kind)
                .ok_or_else(|| Error::validation("kind", "Unknown export."))?;
            let request = tessera::exports::ExportRequest { kind, from, to: until, event };
            let made = tessera::exports::export(&app, &access, &request)?;
            match out {
                Some(path) => {
                    std::fs::write(&path, &made.content)
                        .map_err(|e| Error::Internal(format!("cannot write {}: {e}", path.display())))?;
                    eprintln!("{} lines written to {}", made.rows, path.display());
                }
                None => {
                    use std::io::Write;
                    std::io::stdout().write_all(&made.content).map_err(|e| Error::Internal(e.to_string()))?;
                }
            }
            Ok(())
        }
        Command::Init { db, organizer, organizer_name, admin_email } => {
            let password = admin_password()?;
            let app = App::open(&db)?;
            setup::complete(
                &app,
                SetupInput {
                    organizer_name,
                    organizer_slug: organizer.clone(),
                    email: admin_email.clone(),
                    password,
                },
            )?;
            eprintln!("Created organizer {organizer} with admin {admin_email} in {}", db.display());
            Ok(())
        }
        Command::Organizer { command: OrganizerCommand::Create { db, slug, name, admin_email } } => {
            let app = App::open(&db)?;
            let organizer = setup::add_organizer(&app, NewOrganizerWithAdmin { slug, name, admin_email })?;
            eprintln!("Created organizer {}", organizer.slug);
            Ok(())
        }
        Command::Token { command: TokenCommand::Create { db, organizer, name, permissions } } => {
            let app = App::open(&db)?;
            let permissions = (!permissions.is_empty()).then_some(permissions);
            let token = auth::create_api_token(&app, NewApiToken { organizer, name, permissions })?;
            println!("{token}");
            Ok(())
        }
        Command::Openapi { .. } => {
            let app =
                App::new(tessera::db::Db::open_in_memory()?, std::sync::Arc::new(tessera::app::SystemClock));
            let doc = http::openapi(&app);
            let text = doc.to_pretty_json().map_err(|e| Error::Internal(e.to_string()))?;
            println!("{text}");
            Ok(())
        }
    }
}

fn import(
    db: PathBuf,
    organizer: String,
    kind: String,
    file: PathBuf,
    map: Vec<String>,
    check: bool,
) -> Result<(), Error> {
    use tessera::imports::{self, ImportKind};
    let app = App::open(&db)?;
    let access = tessera::auth::authorize(&app, &tessera::auth::Principal::System, &organizer)?;
    let kind = ImportKind::parse(&kind).ok_or_else(|| Error::validation("kind", "Unknown import."))?;
    let text = std::fs::read_to_string(&file)
        .map_err(|e| Error::validation("file", format!("{}: {e}", file.display())))?;
    let preview = imports::preview(&app, &access, kind, &text)?;
    let mut mapping = preview.suggested.clone();
    for entry in &map {
        let (column, field) = entry
            .split_once('=')
            .ok_or_else(|| Error::validation("map", format!("{entry}: write COLUMN=FIELD.")))?;
        let index = preview
            .columns
            .iter()
            .position(|c| c == column.trim())
            .ok_or_else(|| Error::validation("map", format!("The file has no column \"{column}\".")))?;
        mapping[index] = Some(field.trim().to_string()).filter(|f| !f.is_empty());
    }
    for (column, field) in preview.columns.iter().zip(&mapping) {
        eprintln!("  {column} → {}", field.as_deref().unwrap_or("(ignored)"));
    }
    let report = imports::validate(&app, &access, &preview.id, &mapping)?;
    if report.problems_total > 0 {
        for p in report.problems.iter().take(50) {
            eprintln!(
                "line {}: {}{}",
                p.row,
                p.column.as_deref().map(|c| format!("{c}: ")).unwrap_or_default(),
                p.message
            );
        }
        return Err(Error::Conflict(format!(
            "{} problems in {} of {} rows; nothing was written",
            report.problems_total,
            report.total_rows - report.valid_rows,
            report.total_rows
        )));
    }
    if check {
        eprintln!("All {} rows are fine; nothing was written (--check).", report.total_rows);
        return Ok(());
    }
    let done = imports::commit_and_wait(&app, &access, &preview.id, &mapping)?;
    match done.report {
        None => {
            eprintln!("Imported {} rows.", done.created);
            Ok(())
        }
        Some(report) => Err(Error::Conflict(
            report.problems.first().map(|p| format!("line {}: {}", p.row, p.message)).unwrap_or_default(),
        )),
    }
}

fn admin_password() -> Result<String, Error> {
    if let Ok(password) = std::env::var("TESSERA_ADMIN_PASSWORD") {
        return Ok(password);
    }
    let password = rpassword::prompt_password("Password for the admin user: ")
        .map_err(|e| Error::Internal(format!("cannot read the password: {e}")))?;
    let again = rpassword::prompt_password("Again: ")
        .map_err(|e| Error::Internal(format!("cannot read the password: {e}")))?;
    if password != again {
        return Err(Error::validation("password", "The two passwords differ."));
    }
    Ok(password)
}

fn serve(
    db: PathBuf,
    listen: Option<SocketAddr>,
    ui_dir: Option<PathBuf>,
    smtp_url: Option<String>,
) -> Result<(), Error> {
    let smtp = default_smtp(smtp_url.as_deref())?;
    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| Error::Internal(format!("cannot start: {e}")))?;
    runtime.block_on(async move {
        let app = App::open(&db)?;
        let listen = match listen {
            Some(listen) => listen,
            None => installation::listener_settings(&app)?.address(),
        };
        let ui_dir =
            ui_dir.or_else(|| Some(PathBuf::from("ui/dist")).filter(|d| d.join("index.html").is_file()));
        let options = http::Options { ui_dir: ui_dir.clone(), ..http::Options::default() };
        tokio::spawn(outbox::run_sender(app.clone(), smtp));
        tokio::spawn(tessera::waitinglist::run_assigner(app.clone()));
        tokio::spawn(tessera::backups::run_scheduler(app.clone()));
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| Error::Internal(format!("cannot listen on {listen}: {e}")))?;
        let local = listener.local_addr().map_err(|e| Error::Internal(e.to_string()))?;
        match &ui_dir {
            Some(dir) => eprintln!("Tessera listening on http://{local}/ (UI from {})", dir.display()),
            None => eprintln!("Tessera listening on http://{local}/ (no UI built)"),
        }
        http::serve(listener, http::router(app, &options), shutdown_signal())
            .await
            .map_err(|e| Error::Internal(format!("the listener failed: {e}")))
    })
}

/// The SMTP server for organizers without their own settings (`--smtp-url`).
fn default_smtp(url: Option<&str>) -> Result<Option<SmtpConfig>, Error> {
    match url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) => {
            SmtpConfig::from_url(url).map(Some).map_err(|e| Error::Internal(format!("--smtp-url: {e}")))
        }
        None => Ok(None),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
