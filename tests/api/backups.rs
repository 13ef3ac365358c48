//! Online backups under concurrent write load: every change acknowledged before the backup began
//! is in the copy, and the copy passes `integrity_check`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::http::{Method, StatusCode};
use serde_json::json;
use tessera::backups;

use crate::helpers::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_while_clients_write_holds_every_acknowledged_change() {
    let app = Arc::new(TestApp::new());
    let running = Arc::new(AtomicBool::new(true));
    let mut writers = Vec::new();
    for w in 0..4 {
        let (app, running) = (app.clone(), running.clone());
        writers.push(tokio::spawn(async move {
            let mut acknowledged = Vec::new();
            let mut n = 0;
            while running.load(Ordering::Relaxed) {
                let reply = app
                    .api(
                        Method::POST,
                        &customers_url(ORG),
                        &app.token,
                        Some(json!({"email": format!("w{w}-{n}@example.org")})),
                    )
                    .await;
                assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
                acknowledged.push(reply.json["identifier"].as_str().unwrap().to_string());
                n += 1;
            }
            acknowledged
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    // What each writer had acknowledged before the backup began.
    let before: i64 =
        app.app.db().read(|c| Ok(c.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let a = app.clone();
    let target = dir.path().to_path_buf();
    let made = tokio::task::spawn_blocking(move || backups::create(&a.app, &target)).await.unwrap().unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    running.store(false, Ordering::Relaxed);
    let mut all = Vec::new();
    for w in writers {
        all.extend(w.await.unwrap());
    }
    assert!(before > 0 && all.len() as i64 > before, "writes kept going during the backup");

    let copy = rusqlite::Connection::open(&made.path).unwrap();
    let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    let in_copy: i64 = copy.query_row("SELECT count(*) FROM customers", [], |r| r.get(0)).unwrap();
    assert!(in_copy >= before, "{in_copy} < {before}");
    // Every customer in the live file up to the count seen before the backup is in the copy.
    let first: Vec<String> = app
        .app
        .db()
        .read(|c| {
            let mut stmt = c.prepare("SELECT identifier FROM customers ORDER BY id LIMIT ?1")?;
            let rows = stmt.query_map([before], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
        })
        .unwrap();
    for identifier in first {
        let found: i64 = copy
            .query_row("SELECT count(*) FROM customers WHERE identifier = ?1", [&identifier], |r| r.get(0))
            .unwrap();
        assert_eq!(found, 1, "{identifier} missing from the backup");
    }
    assert!(made.size_bytes > 0.0);
    let again = backups::create(&app.app, std::path::Path::new(&made.path));
    assert!(again.is_err(), "an existing file is never overwritten");
}
