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

/// Several clients write over a real socket while an administrator backs up; later the backup is
/// restored through the desk API. Every change acknowledged before the backup began is in the
/// restored data, nothing begun after the backup finished is, the file passes `integrity_check`,
/// and the running listener serves the restored data at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_restore_brings_back_exactly_what_was_acknowledged_before_the_backup() {
    let app = Arc::new(TestApp::new());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(tessera::http::serve(listener, app.router.clone(), async {
        let _ = stopped.await;
    }));
    let cookie = app.desk_login().await;
    let client = reqwest::Client::new();

    // 0: before the backup began; 1: during it; 2: after it finished.
    let phase = Arc::new(std::sync::atomic::AtomicU8::new(0));
    let running = Arc::new(AtomicBool::new(true));
    let mut writers = Vec::new();
    for w in 0..4 {
        let (phase, running, client, base, token) =
            (phase.clone(), running.clone(), client.clone(), base.clone(), app.token.clone());
        writers.push(tokio::spawn(async move {
            let (mut before, mut after) = (Vec::new(), Vec::new());
            let mut n = 0;
            while running.load(Ordering::SeqCst) {
                let sent_in = phase.load(Ordering::SeqCst);
                let reply = client
                    .post(format!("{base}/api/v1/organizers/{ORG}/customers/"))
                    .header("Authorization", format!("Token {token}"))
                    .json(&json!({"email": format!("r{w}-{n}@example.org")}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(reply.status(), 201);
                let body: serde_json::Value = reply.json().await.unwrap();
                let identifier = body["identifier"].as_str().unwrap().to_string();
                if phase.load(Ordering::SeqCst) == 0 {
                    before.push(identifier);
                } else if sent_in == 2 {
                    after.push(identifier);
                }
                n += 1;
            }
            (before, after)
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let dir = tempfile::tempdir().unwrap();
    phase.store(1, Ordering::SeqCst);
    let made = client
        .post(format!("{base}/api/desk/backups"))
        .header("Cookie", &cookie)
        .json(&json!({"to": dir.path().display().to_string()}))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 201);
    let made: serde_json::Value = made.json().await.unwrap();
    phase.store(2, Ordering::SeqCst);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    running.store(false, Ordering::SeqCst);
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for w in writers {
        let (b, a) = w.await.unwrap();
        before.extend(b);
        after.extend(a);
    }
    assert!(!before.is_empty() && !after.is_empty(), "writes before and after the backup");
    assert_eq!(made["kind"], json!("manual"));

    let restored = client
        .post(format!("{base}/api/desk/backups/restore"))
        .header("Cookie", &cookie)
        .json(&json!({"path": made["path"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(restored.status(), 200);
    assert!(restored.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    let outcome: serde_json::Value = restored.json().await.unwrap();
    assert_eq!(outcome["schema_before"], json!(tessera::db::latest_schema()));

    let get = |identifier: String| {
        let (client, base, token) = (client.clone(), base.clone(), app.token.clone());
        async move {
            client
                .get(format!("{base}/api/v1/organizers/{ORG}/customers/{identifier}/"))
                .header("Authorization", format!("Token {token}"))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for identifier in &before {
        assert_eq!(get(identifier.clone()).await, 200, "{identifier} acknowledged before the backup is back");
    }
    for identifier in &after {
        assert_eq!(get(identifier.clone()).await, 404, "{identifier} was made after the backup");
    }
    let live = rusqlite::Connection::open(&app.db_path).unwrap();
    let check: String = live.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    // The replaced data is kept aside, with what came after the backup.
    let aside = rusqlite::Connection::open(outcome["kept_aside"].as_str().unwrap()).unwrap();
    let kept: i64 = aside
        .query_row("SELECT count(*) FROM customers WHERE identifier = ?1", [&after[0]], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 1);
    // Desk sessions ended; the listener keeps taking writes; the list of backups survived.
    let session =
        client.get(format!("{base}/api/desk/session")).header("Cookie", &cookie).send().await.unwrap();
    assert_eq!(session.status(), 401);
    let again = client
        .post(format!("{base}/api/v1/organizers/{ORG}/customers/"))
        .header("Authorization", format!("Token {}", app.token))
        .json(&json!({"email": "after-restore@example.org"}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 201);
    let cookie = app.desk_login().await;
    let overview = app.desk(Method::GET, "/api/desk/backups", &cookie, None).await;
    let kinds: Vec<_> =
        overview.json["backups"].as_array().unwrap().iter().map(|b| b["kind"].clone()).collect();
    assert_eq!(kinds, [json!("before_restore"), json!("manual")]);
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn an_older_backup_is_migrated_when_restored() {
    let app = TestApp::new();
    app.create_customer(json!({"email": "old@example.org"})).await;
    let dir = tempfile::tempdir().unwrap();
    let made = backups::create(&app.app, dir.path()).unwrap();
    // The backup as the release before backups were listed wrote it: schema 12, no `backups` table.
    {
        let old = rusqlite::Connection::open(&made.path).unwrap();
        old.execute_batch("DROP TABLE backups; DROP INDEX credit_entries_time; PRAGMA user_version = 12;")
            .unwrap();
    }
    app.create_customer(json!({"email": "new@example.org"})).await;
    let outcome = backups::restore(&app.app, std::path::Path::new(&made.path)).unwrap();
    assert_eq!((outcome.schema_before, outcome.schema_after as usize), (12, tessera::db::latest_schema()));
    let emails: Vec<String> = app
        .app
        .db()
        .read(|c| {
            let mut stmt = c.prepare("SELECT email FROM customers ORDER BY id")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
        .unwrap();
    assert_eq!(emails, ["old@example.org"]);
    let listed =
        app.app.db().read(|c| Ok(c.query_row("SELECT count(*) FROM backups", [], |r| r.get::<_, i64>(0))?));
    assert_eq!(listed.unwrap(), 2, "the list of backups is carried over: the backup and the copy kept aside");
}

#[tokio::test]
async fn a_restore_refuses_what_is_no_usable_backup_and_changes_nothing() {
    let app = TestApp::new();
    app.create_customer(json!({"email": "stays@example.org"})).await;
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.sqlite3");
    std::fs::write(&text, "this is not a database, only a text file that is long enough to look like one")
        .unwrap();
    let empty = dir.path().join("empty.sqlite3");
    rusqlite::Connection::open(&empty).unwrap().execute_batch("CREATE TABLE t (x); ").unwrap();
    let newer = backups::create(&app.app, &dir.path().join("newer.sqlite3")).unwrap();
    rusqlite::Connection::open(&newer.path).unwrap().execute_batch("PRAGMA user_version = 999;").unwrap();
    for (path, says) in [
        (dir.path().join("missing.sqlite3"), "is not a file"),
        (text, "not a database"),
        (empty, "is not a Tessera database"),
        (std::path::PathBuf::from(&newer.path), "comes from a newer Tessera"),
    ] {
        let err = backups::restore(&app.app, &path).unwrap_err();
        let tessera::Error::Validation(fields) = &err else { panic!("{err:?}") };
        let message = fields.get("path").unwrap().join(" ");
        assert!(message.contains(says), "{}: {message}", path.display());
    }
    let count: i64 =
        app.app.db().read(|c| Ok(c.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?)).unwrap();
    assert_eq!(count, 1, "the live data is untouched");
    let cookie = app.desk_login().await;
    let reply = app.desk(Method::POST, "/api/desk/backups/restore", &cookie, Some(json!({"path": ""}))).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
}

#[tokio::test]
async fn the_schedule_backs_up_when_due_and_keeps_the_last_n() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("usb");
    let saved = app
        .desk(
            Method::PUT,
            "/api/desk/backups/settings",
            &cookie,
            Some(json!({"folder": folder.display().to_string(), "every_hours": 6, "keep": 2})),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    assert_eq!(saved.json["next_due"], json!("2026-03-01T18:30:00Z"), "due at once: none made yet");
    let mut made = Vec::new();
    for _ in 0..3 {
        made.push(backups::run_due(&app.app).unwrap().expect("due"));
        assert!(backups::run_due(&app.app).unwrap().is_none(), "not due again within 6 hours");
        app.clock.advance(chrono::TimeDelta::hours(6));
    }
    let files: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(!std::path::Path::new(&made[0].path).exists(), "the oldest was deleted");
    let cookie = app.desk_login().await;
    let overview = app.desk(Method::GET, "/api/desk/backups", &cookie, None).await;
    assert_eq!(overview.json["backups"].as_array().unwrap().len(), 2);
    assert_eq!(overview.json["backups"][0]["kind"], json!("scheduled"));
    assert_eq!(overview.json["backups"][0]["present"], json!(true));

    // The stick is gone: the failure is kept for the screen, and nothing panics.
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::write(&folder, "a file where the folder was").unwrap();
    assert!(backups::run_due(&app.app).is_err());
    let overview = app.desk(Method::GET, "/api/desk/backups", &cookie, None).await;
    assert!(
        overview.json["schedule_error"].as_str().is_some_and(|e| e.contains("Cannot create")),
        "{}",
        overview.text
    );
    assert_eq!(overview.json["backups"][0]["present"], json!(false));
}

#[tokio::test]
async fn only_administrators_back_up_and_restore() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let teams = "/api/desk/organizers/demo/teams";
    let form = json!({"name": "Box office", "all_events": true, "all_organizer_permissions": true, "all_event_permissions": true,
        "organizer_permissions": [], "event_permissions": []});
    let created = app.desk(Method::POST, teams, &cookie, Some(form)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let team = format!("{teams}/{}/members", created.json["team"]["team_id"]);
    let member = json!({"email": "ann@example.org", "fullname": "Ann", "password": "tickets please"});
    assert_eq!(app.desk(Method::POST, &team, &cookie, Some(member)).await.status, StatusCode::OK);
    let ann = app.desk_login_as("ann@example.org", "tickets please").await;
    let dir = tempfile::tempdir().unwrap();
    let to = json!({"to": dir.path().display().to_string()});
    for (method, path, body) in [
        (Method::GET, "/api/desk/backups", None),
        (Method::POST, "/api/desk/backups", Some(to)),
        (
            Method::PUT,
            "/api/desk/backups/settings",
            Some(json!({"folder": null, "every_hours": 1, "keep": 1})),
        ),
        (Method::POST, "/api/desk/backups/restore", Some(json!({"path": "/nowhere.sqlite3"}))),
    ] {
        let reply = app.desk(method, path, &ann, body).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}: {}", reply.text);
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no backup was made");
    let reply = app.request(Method::GET, "/api/desk/backups", &[], None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}
