//! POS benchmark over real sockets: card lookups and durable charges at the till.
//!
//! Seeds a database file with customers, each with one card and an opening credit balance
//! (default 1,000,000 of each), starts `tessera serve` on it as a separate process, and drives it
//! with concurrent keep-alive clients, reporting requests per second and p50/p99 latency for:
//! `GET /pos/lookup?card=…` (customer, card, credit, memberships in one call),
//! `GET /customers?Search=…` (the first four letters of a last name, 20 per page), and
//! `POST /customers/{id}/credit/charge` with an `Idempotency-Key` (each acknowledged charge is
//! committed with `synchronous=FULL`, i.e. on disk).
//!
//! Run: `cargo bench --bench pos` (options after `--`: `--customers N`, `--clients N`,
//! `--seconds S`).

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Server, free_port, option, percentile};
use rand::Rng;
use rand::seq::SliceRandom;
use rust_decimal::Decimal;
use serde_json::json;
use tessera::App;
use tessera::auth::{self, Principal};
use tessera::cards::{self, CardInput};
use tessera::credit::{self, CreditInput};
use tessera::customers::{self, CustomerPatch, NewCustomer};
use tessera::types::Amount;

/// A made-up name of two to three syllables, so that names are as varied as a real customer base.
fn made_up_name(rng: &mut impl Rng) -> String {
    const SYLLABLES: &[&str] = &[
        "an", "ber", "ca", "dor", "el", "fin", "ga", "hel", "is", "jo", "ka", "lin", "ma", "nor", "o", "pe",
        "qui", "ra", "sel", "ta", "ul", "ve", "wil", "xa", "yo", "zel", "mar", "ten", "bri", "sto",
    ];
    let syllables = rng.gen_range(2..=3);
    let mut name: String = (0..syllables).map(|_| SYLLABLES[rng.gen_range(0..SYLLABLES.len())]).collect();
    if let Some(first) = name.get(..1).map(str::to_uppercase) {
        name.replace_range(..1, &first);
    }
    name
}

/// Seeds `n` customers with made-up names, a card and 100.00 of credit each, 10,000 per
/// transaction, through the same services the API uses. Returns (identifier, serial, last name).
fn seed(app: &App, n: usize) -> Vec<(String, String, String)> {
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
                        let mut rng = rand::thread_rng();
                        let last = made_up_name(&mut rng);
                        let full = format!("{} {last}", made_up_name(&mut rng));
                        let fields = CustomerPatch {
                            name_parts: Some([("full_name".to_string(), full)].into()),
                            ..CustomerPatch::default()
                        };
                        let customer = customers::create_in_tx(
                            tx,
                            now,
                            &access,
                            NewCustomer { fields, ..NewCustomer::default() },
                            None,
                        )?;
                        let serial = format!("C{i:09}");
                        let card = CardInput { serial_number: serial.clone(), ..CardInput::default() };
                        cards::issue_in_tx(tx, now, &access, &customer.identifier, card)?;
                        let opening = CreditInput {
                            amount: Amount(Decimal::new(10_000, 2)),
                            reference: None,
                            note: None,
                        };
                        credit::top_up_in_tx(tx, now, &access, &customer.identifier, opening)?;
                        Ok((customer.identifier, serial, last))
                    })
                    .collect::<tessera::Result<Vec<_>>>()
            })
            .expect("seed batch");
        seeded.extend(created);
    }
    eprintln!("seeded {n} customers with cards and credit in {:.1} s", started.elapsed().as_secs_f64());
    seeded
}

#[derive(Clone, Copy, PartialEq)]
enum Scenario {
    Lookup,
    Search,
    Charge,
}

async fn drive(
    scenario: Scenario,
    base: Arc<String>,
    token: Arc<String>,
    sample: Arc<Vec<(String, String, String)>>,
    clients: usize,
    seconds: u64,
) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for client_no in 0..clients {
        let (base, token, sample) = (base.clone(), token.clone(), sample.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder().pool_max_idle_per_host(1).build().expect("client");
            let auth = format!("Token {token}");
            let (mut latencies, mut errors, mut n) = (Vec::new(), 0u64, 0u64);
            while Instant::now() < deadline {
                let (identifier, serial, last) = &sample[rand::thread_rng().gen_range(0..sample.len())];
                let request = match scenario {
                    Scenario::Lookup => client.get(format!("{base}/pos/lookup?card={serial}")),
                    // A cashier types part of a last name: its first four letters, any case.
                    Scenario::Search => client.get(format!(
                        "{base}/customers?Search={}&$take=20",
                        last.get(..4).unwrap_or(last).to_lowercase()
                    )),
                    Scenario::Charge => client
                        .post(format!("{base}/customers/{identifier}/credit/charge"))
                        .header("Idempotency-Key", format!("bench-{client_no}-{n}"))
                        .json(&json!({"amount": "0.10"})),
                };
                n += 1;
                let started = Instant::now();
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
    let (mut all, mut errors) = (Vec::new(), 0);
    for task in tasks {
        let (latencies, e) = task.await.expect("client task");
        all.extend(latencies);
        errors += e;
    }
    all.sort();
    let label = match scenario {
        Scenario::Lookup => "GET /pos/lookup by card",
        Scenario::Search => "GET /customers?Search= (20)",
        Scenario::Charge => "POST credit charge (durable)",
    };
    println!(
        "{label:<30} {:>9.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms   ({} requests, {errors} errors)",
        all.len() as f64 / seconds as f64,
        percentile(&all, 0.50).as_secs_f64() * 1000.0,
        percentile(&all, 0.99).as_secs_f64() * 1000.0,
        all.len(),
    );
}

fn main() {
    let (customers_n, clients, seconds) =
        (option("--customers", 1_000_000), option("--clients", 32), option("--seconds", 5) as u64);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("pos.sqlite3");
    let (token, sample) = {
        let (app, token) = common::setup(&db);
        let mut seeded = seed(&app, customers_n);
        seeded.shuffle(&mut rand::thread_rng());
        seeded.truncate(20_000);
        (token, seeded)
    };
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    eprintln!("database file: {:.1} MiB", size as f64 / 1024.0 / 1024.0);
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let _server = Server::start(&db, port);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let client = reqwest::Client::new();
        let started = Instant::now();
        while !client.get(format!("{base}/api/health")).send().await.is_ok_and(|r| r.status().is_success()) {
            assert!(started.elapsed() < Duration::from_secs(60), "tessera serve did not come up");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        println!("{customers_n} customers and cards; {clients} concurrent clients, {seconds} s per scenario, loopback:");
        let (base, token, sample) = (Arc::new(base), Arc::new(token), Arc::new(sample));
        for scenario in [Scenario::Lookup, Scenario::Search, Scenario::Charge] {
            drive(scenario, base.clone(), token.clone(), sample.clone(), clients, seconds).await;
        }
    });
}
