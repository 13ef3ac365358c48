//! The crash test: a real `tessera serve` process takes charges from 32 concurrent terminals that
//! retry with their `Idempotency-Key`s, and is killed with SIGKILL several times mid-stream and
//! restarted. Every acknowledged charge must be in the ledger exactly once, and every balance must
//! equal its opening top-up less the acknowledged charges.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::Rng;
use serde_json::{Value, json};

const CLIENTS: usize = 32;
const CHARGES_PER_CLIENT: usize = 25;
const KILLS: usize = 4;
const CUSTOMERS: usize = 4;

fn tessera() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tessera"))
}

fn start(db: &std::path::Path, port: u16) -> Child {
    tessera()
        .args(["serve", "--db"])
        .arg(db)
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .env("TESSERA_UI_DIR", db.with_extension("no-ui"))
        .env("TESSERA_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start tessera serve")
}

async fn wait_healthy(client: &reqwest::Client, base: &str) {
    for _ in 0..200 {
        if let Ok(r) = client.get(format!("{base}/api/health")).send().await
            && r.status() == 200
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("tessera serve did not come up");
}

/// How often terminals had to retry because the server was gone or the answer was lost.
static INTERRUPTED: AtomicUsize = AtomicUsize::new(0);

/// Finds a booking by its reference, retrying while the server is down.
async fn lookup_until_answered(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    customer: &str,
    key: &str,
) -> Value {
    loop {
        let sent = client
            .get(format!("{base}/customers/{customer}/credit/entries?reference={key}"))
            .header("Authorization", format!("Token {token}"))
            .send()
            .await;
        if let Ok(reply) = sent
            && reply.status() == 200
            && let Ok(found) = reply.json::<Value>().await
        {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
}

/// Sends one charge until it is acknowledged, retrying with the same key through crashes.
async fn charge_until_acknowledged(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    customer: &str,
    key: &str,
    cents: i64,
) {
    let body = json!({"amount": format!("{}.{:02}", cents / 100, cents % 100), "reference": key});
    loop {
        let sent = client
            .post(format!("{base}/customers/{customer}/credit/charge"))
            .header("Authorization", format!("Token {token}"))
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
            .await;
        let Ok(reply) = sent else {
            INTERRUPTED.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(30)).await;
            continue; // the server is down: retry with the same key
        };
        let status = reply.status().as_u16();
        let text = reply.text().await.unwrap_or_default();
        match status {
            201 => return,
            409 if text.contains("answer was lost") => {
                // Committed before the crash, answer lost: look the booking up by its reference.
                INTERRUPTED.fetch_add(1, Ordering::Relaxed);
                let found = lookup_until_answered(client, base, token, customer, key).await;
                assert_eq!(found["totalCount"], json!(1), "{key} was committed exactly once");
                return;
            }
            409 | 500 | 503 => tokio::time::sleep(Duration::from_millis(30)).await,
            other => panic!("unexpected {other} for {key}: {text}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_charges_survive_sigkill_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite3");
    let init = tessera()
        .args(["init", "--db"])
        .arg(&db)
        .args(["--organizer", "demo", "--organizer-name", "Demo", "--admin-email", "admin@example.org"])
        .env("TESSERA_ADMIN_PASSWORD", "crash test password")
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let token =
        tessera().args(["token", "create", "--db"]).arg(&db).args(["--organizer", "demo"]).output().unwrap();
    let token = String::from_utf8(token.stdout).unwrap().trim().to_string();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    let server = Arc::new(Mutex::new(start(&db, port)));
    wait_healthy(&client, &base).await;

    let mut customers = Vec::new();
    for n in 0..CUSTOMERS {
        let created: Value = client
            .post(format!("{base}/api/v1/organizers/demo/customers/"))
            .header("Authorization", format!("Token {token}"))
            .json(&json!({"email": format!("crash{n}@example.org")}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = created["identifier"].as_str().unwrap().to_string();
        let top = client
            .post(format!("{base}/customers/{id}/credit/topup"))
            .header("Authorization", format!("Token {token}"))
            .header("Idempotency-Key", format!("open-{n}"))
            .json(&json!({"amount": 10000}))
            .send()
            .await
            .unwrap();
        assert_eq!(top.status(), 201);
        customers.push(id);
    }

    // Each terminal books its charges one after another, as a till does.
    let mut terminals = Vec::new();
    let mut expected: HashMap<String, (String, i64)> = HashMap::new();
    for t in 0..CLIENTS {
        let plan: Vec<(String, String, i64)> = (0..CHARGES_PER_CLIENT)
            .map(|n| {
                (
                    format!("t{t}-{n}"),
                    customers[(t + n) % CUSTOMERS].clone(),
                    rand::thread_rng().gen_range(1..=500),
                )
            })
            .collect();
        for (key, customer, cents) in &plan {
            expected.insert(key.clone(), (customer.clone(), *cents));
        }
        let (client, base, token) = (client.clone(), base.clone(), token.clone());
        terminals.push(tokio::spawn(async move {
            for (key, customer, cents) in plan {
                charge_until_acknowledged(&client, &base, &token, &customer, &key, cents).await;
            }
        }));
    }

    // Meanwhile, pull the plug several times.
    let killer = {
        let (server, db, client, base) = (server.clone(), db.clone(), client.clone(), base.clone());
        tokio::spawn(async move {
            for _ in 0..KILLS {
                let pause = rand::thread_rng().gen_range(80..250);
                tokio::time::sleep(Duration::from_millis(pause)).await;
                {
                    let mut child = server.lock().unwrap();
                    child.kill().expect("SIGKILL");
                    child.wait().unwrap();
                    *child = start(&db, port);
                }
                wait_healthy(&client, &base).await;
            }
        })
    };
    killer.await.unwrap();
    assert!(
        terminals.iter().any(|t| !t.is_finished()),
        "the terminals were still charging when the last kill came"
    );
    for terminal in terminals {
        terminal.await.unwrap();
    }
    assert!(INTERRUPTED.load(Ordering::Relaxed) > 0, "the kills interrupted terminals");
    server.lock().unwrap().kill().unwrap();
    server.lock().unwrap().wait().unwrap();

    // The file, read directly: each acknowledged charge exactly once, balances add up.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut booked: HashMap<String, (i64, i64)> = HashMap::new();
    let mut stmt = conn
        .prepare("SELECT e.reference, e.amount, count(*) OVER (PARTITION BY e.reference) FROM credit_entries e WHERE e.kind = 'Charge'")
        .unwrap();
    for row in stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))
        .unwrap()
    {
        let (reference, amount, copies) = row.unwrap();
        booked.insert(reference, (amount, copies));
    }
    assert_eq!(booked.len(), CLIENTS * CHARGES_PER_CLIENT, "every charge is in the ledger");
    for (key, (customer, cents)) in &expected {
        let (amount, copies) = booked.get(key).unwrap_or_else(|| panic!("{key} missing"));
        assert_eq!(*copies, 1, "{key} booked once");
        assert_eq!(*amount, -cents, "{key} for {customer}");
    }
    for customer in &customers {
        let charged: i64 = expected.values().filter(|(c, _)| c == customer).map(|(_, cents)| cents).sum();
        let (sum, last): (i64, i64) = conn
            .query_row(
                "SELECT sum(e.amount), (SELECT balance_after FROM credit_entries WHERE customer_id = c.id ORDER BY id DESC LIMIT 1) \
                 FROM credit_entries e JOIN customers c ON c.id = e.customer_id WHERE c.identifier = ?1",
                [customer],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(sum, 1_000_000 - charged);
        assert_eq!(last, sum, "the balance is the sum of the ledger");
    }
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
}
