//! Load benchmark of the HTTP listener over real sockets.
//!
//! Seeds a database file with 100,000 customers, starts `tessera serve` on it as a separate
//! process (timing the cold start to the first answered request), then drives it with concurrent
//! keep-alive clients and reports requests per second and p50/p99 latency for:
//! `GET` one customer, `GET` the list filtered by email, and `POST` create.
//!
//! Run: `cargo bench --bench load` (options after `--`: `--customers N`, `--clients N`,
//! `--seconds S`). Figures depend on the machine; the README lists the latest ones.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Server, free_port, option, percentile};
use rand::Rng;
use rand::seq::SliceRandom;
use serde_json::json;
use tessera::App;
use tessera::auth::{self, Principal};
use tessera::customers::{self, CustomerPatch, NewCustomer};

struct Options {
    customers: usize,
    clients: usize,
    seconds: u64,
}

fn options() -> Options {
    Options {
        customers: option("--customers", 100_000),
        clients: option("--clients", 32),
        seconds: option("--seconds", 5) as u64,
    }
}

/// Seeds `n` customers through the same service the API uses, 10,000 per transaction.
fn seed(app: &App, n: usize) -> Vec<(String, String)> {
    let access = auth::authorize(app, &Principal::System, "bench").expect("organizer");
    let mut seeded = Vec::with_capacity(n);
    let started = Instant::now();
    for batch in (0..n).collect::<Vec<_>>().chunks(10_000) {
        let now = app.now();
        let created = app
            .db()
            .write(|tx| {
                batch
                    .iter()
                    .map(|i| {
                        let fields = CustomerPatch {
                            email: Some(Some(format!("customer{i}@bench.example"))),
                            name_parts: Some([("full_name".to_string(), format!("Customer {i}"))].into()),
                            ..CustomerPatch::default()
                        };
                        let input = NewCustomer { fields, ..NewCustomer::default() };
                        customers::create_in_tx(tx, now, &access, input, None)
                            .map(|c| (c.identifier, c.email.unwrap_or_default()))
                    })
                    .collect::<tessera::Result<Vec<_>>>()
            })
            .expect("seed batch");
        seeded.extend(created);
    }
    eprintln!("seeded {n} customers in {:.1} s", started.elapsed().as_secs_f64());
    seeded
}

#[derive(Clone, Copy)]
enum Scenario {
    GetOne,
    ListByEmail,
    Create,
}

impl Scenario {
    fn label(self) -> &'static str {
        match self {
            Scenario::GetOne => "GET one customer",
            Scenario::ListByEmail => "GET list filtered by email",
            Scenario::Create => "POST create",
        }
    }
}

async fn drive(
    scenario: Scenario,
    base: Arc<String>,
    token: Arc<String>,
    sample: Arc<Vec<(String, String)>>,
    clients: usize,
    seconds: u64,
) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for client_no in 0..clients {
        let (base, token, sample) = (base.clone(), token.clone(), sample.clone());
        tasks.push(tokio::spawn(async move {
            // One keep-alive connection per client, as a till keeps its connection open.
            let client = reqwest::Client::builder().pool_max_idle_per_host(1).build().expect("client");
            let auth = format!("Token {token}");
            let mut latencies = Vec::new();
            let mut errors = 0u64;
            let mut n = 0u64;
            while Instant::now() < deadline {
                let (identifier, email) = &sample[rand::thread_rng().gen_range(0..sample.len())];
                let started = Instant::now();
                let request = match scenario {
                    Scenario::GetOne => client.get(format!("{base}/api/v1/organizers/bench/customers/{identifier}/")),
                    Scenario::ListByEmail => {
                        client.get(format!("{base}/api/v1/organizers/bench/customers/?email={email}"))
                    }
                    Scenario::Create => client
                        .post(format!("{base}/api/v1/organizers/bench/customers/"))
                        .json(&json!({"email": format!("new{client_no}-{n}@bench.example"), "name_parts": {"full_name": "New"}})),
                };
                n += 1;
                match request.header("Authorization", &auth).send().await {
                    Ok(response) if response.status().is_success() => {
                        let _ = response.bytes().await;
                        latencies.push(started.elapsed());
                    }
                    _ => errors += 1,
                }
            }
            (latencies, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let (latencies, e) = task.await.expect("client task");
        all.extend(latencies);
        errors += e;
    }
    all.sort();
    println!(
        "{:<28} {:>9.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms   ({} requests, {} errors)",
        scenario.label(),
        all.len() as f64 / seconds as f64,
        percentile(&all, 0.50).as_secs_f64() * 1000.0,
        percentile(&all, 0.99).as_secs_f64() * 1000.0,
        all.len(),
        errors
    );
}

fn main() {
    let opts = options();
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite3");
    let token = {
        let (app, token) = common::setup(&db);
        let mut seeded = seed(&app, opts.customers);
        seeded.shuffle(&mut rand::thread_rng());
        seeded.truncate(5_000);
        (token, seeded)
    };
    let (token, sample) = token;
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    eprintln!("database file: {:.1} MiB", size as f64 / 1024.0 / 1024.0);

    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    let _server = Server::start(&db, port);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let client = reqwest::Client::new();
        let first = format!("{base}/api/v1/organizers/bench/customers/{}/", sample[0].0);
        loop {
            let answer = client.get(&first).header("Authorization", format!("Token {token}")).send().await;
            if answer.is_ok_and(|r| r.status().is_success()) {
                break;
            }
            if started.elapsed() > Duration::from_secs(30) {
                panic!("tessera serve did not answer within 30 s");
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        println!(
            "cold start of `tessera serve` on {} customers to the first answered request: {:.0} ms",
            opts.customers,
            started.elapsed().as_secs_f64() * 1000.0
        );
        println!(
            "{} concurrent clients, {} s per scenario, over loopback sockets:",
            opts.clients, opts.seconds
        );
        let (base, token, sample) = (Arc::new(base), Arc::new(token), Arc::new(sample));
        for scenario in [Scenario::GetOne, Scenario::ListByEmail, Scenario::Create] {
            drive(scenario, base.clone(), token.clone(), sample.clone(), opts.clients, opts.seconds).await;
        }
    });
}
