//! What the socket benchmarks share: a fresh database file with the `bench` organizer and an
//! all-permissions API token, `tessera serve` as its own process, and percentiles.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tessera::App;
use tessera::auth::{self, NewApiToken};
use tessera::setup::{self, SetupInput};

/// Opens `db`, sets up the `bench` organizer and returns the app with an API token for it.
pub fn setup(db: &Path) -> (App, String) {
    let app = App::open(db).expect("open");
    setup::complete(
        &app,
        SetupInput {
            organizer_name: "Bench".into(),
            organizer_slug: "bench".into(),
            email: "bench@example.org".into(),
            password: "benchmark".into(),
        },
    )
    .expect("setup");
    let token = auth::create_api_token(
        &app,
        NewApiToken { organizer: "bench".into(), name: "bench".into(), permissions: None },
    )
    .expect("token");
    (app, token)
}

/// `tessera serve` on `db`, killed when dropped.
pub struct Server(Child);

impl Server {
    pub fn start(db: &Path, port: u16) -> Server {
        Server(
            Command::new(env!("CARGO_BIN_EXE_tessera"))
                .args(["serve", "--db"])
                .arg(db)
                .args(["--listen", &format!("127.0.0.1:{port}")])
                .env("TESSERA_LOG", "warn")
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .spawn()
                .expect("start tessera serve"),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// The value at fraction `p` of sorted latencies.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// `--name N` from the command line, or `default`.
pub fn option(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
