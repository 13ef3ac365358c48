//! CSV imports and exports through the desk API: preview and proposed mapping, every row checked
//! before anything is written, all rows or none, and the files the office takes away.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

fn base() -> String {
    format!("/api/desk/organizers/{ORG}")
}

async fn upload(app: &TestApp, cookie: &str, kind: &str, csv: &str) -> Reply {
    let url = format!("{}/imports/new/{kind}", base());
    app.request(Method::POST, &url, &[("cookie", cookie), ("content-type", "text/csv")], Some(csv)).await
}

async fn customers_in_db(app: &TestApp) -> i64 {
    app.app.db().read(|c| Ok(c.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?)).unwrap()
}

/// Commits and waits until the import is done or failed.
async fn commit(app: &TestApp, cookie: &str, id: &str, mapping: &Value) -> Value {
    let started = app
        .desk(
            Method::POST,
            &format!("{}/imports/{id}/commit", base()),
            cookie,
            Some(json!({"mapping": mapping})),
        )
        .await;
    assert_eq!(started.status, StatusCode::ACCEPTED, "{}", started.text);
    for _ in 0..500 {
        let now = app.desk(Method::GET, &format!("{}/imports/{id}", base()), cookie, None).await;
        if now.json["state"] == json!("done") || now.json["state"] == json!("failed") {
            return now.json;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("the import did not finish");
}

const MIXED: &str = "E-Mail;Name;Kartennummer;Guthaben;Telefon\n\
ada@example.org;Ada Lovelace;04:A2:11;12,50;\n\
not-an-email;Bad Mail;;;\n\
grace@example.org;Grace Hopper;;12,345;\n\
ada@example.org;Ada Again;;;\n\
taken@example.org;Already There;;;\n\
;;04a211;;\n\
linus@example.org;Linus;;5;+49 30 1234567\n";

#[tokio::test]
async fn a_file_is_previewed_checked_row_by_row_and_refused_whole_when_any_row_fails() {
    let app = TestApp::new();
    app.create_customer(json!({"email": "taken@example.org"})).await;
    let cookie = app.desk_login().await;
    let preview = upload(&app, &cookie, "customers", MIXED).await;
    assert_eq!(preview.status, StatusCode::CREATED, "{}", preview.text);
    let p = &preview.json;
    assert_eq!(p["columns"], json!(["E-Mail", "Name", "Kartennummer", "Guthaben", "Telefon"]));
    assert_eq!(p["total_rows"], json!(7));
    assert_eq!(p["rows"][0], json!(["ada@example.org", "Ada Lovelace", "04:A2:11", "12,50", ""]));
    assert_eq!(p["suggested"], json!(["email", "full_name", "card", "credit", "phone"]));
    let keys: Vec<&str> =
        p["fields"].as_array().unwrap().iter().map(|f| f["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        ["email", "full_name", "external_identifier", "phone", "locale", "notes", "card", "credit"]
    );
    let id = p["id"].as_str().unwrap();

    let report = app
        .desk(
            Method::POST,
            &format!("{}/imports/{id}/validate", base()),
            &cookie,
            Some(json!({"mapping": p["suggested"]})),
        )
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.text);
    let r = &report.json;
    assert_eq!((r["total_rows"].clone(), r["valid_rows"].clone()), (json!(7), json!(2)), "{r}");
    let problems: Vec<(u64, String, String)> = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().unwrap(),
                p["column"].as_str().unwrap_or("").to_string(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let lines: Vec<u64> = problems.iter().map(|p| p.0).collect();
    assert_eq!(lines, [3, 4, 5, 6, 7], "{problems:?}");
    assert_eq!(problems[0].1, "E-Mail");
    assert_eq!(problems[1].1, "Guthaben", "12,345 has three decimal places: {problems:?}");
    assert!(problems[2].2.contains("already registered"), "a duplicate within the file: {problems:?}");
    assert!(problems[3].2.contains("already registered"), "an email already in the organizer");
    assert_eq!(problems[4].2, "A row needs an email address or a name.");
    assert_eq!(customers_in_db(&app).await, 1, "a check writes nothing");

    // Importing anyway: refused whole, with the same report.
    let failed = commit(&app, &cookie, id, &p["suggested"]).await;
    assert_eq!(failed["state"], json!("failed"));
    assert_eq!(failed["report"]["problems_total"], json!(5));
    assert_eq!(customers_in_db(&app).await, 1, "all rows or none");
}

#[tokio::test]
async fn a_good_file_brings_customers_with_their_card_and_opening_credit() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let csv = "email,given name,card,credit,notes\nada@example.org,Ada,04:A2:11,\"12,50\",VIP\nlinus@example.org,Linus,,0,\n";
    let preview = upload(&app, &cookie, "customers", csv).await;
    let id = preview.json["id"].as_str().unwrap().to_string();
    let mapping = json!(["email", "full_name", "card", "credit", "notes"]);
    let done = commit(&app, &cookie, &id, &mapping).await;
    assert_eq!(done["state"], json!("done"), "{done}");
    assert_eq!(
        (done["created"].clone(), done["done"].clone(), done["total"].clone()),
        (json!(2), json!(2), json!(2))
    );

    let list = app
        .api(Method::GET, &format!("{}?email=ada@example.org", customers_url(ORG)), &app.token, None)
        .await;
    let ada = &list.json["results"][0];
    assert_eq!(ada["name"], json!("Ada"));
    assert_eq!(ada["notes"], json!("VIP"));
    let identifier = ada["identifier"].as_str().unwrap();
    let credit = crate::credit::pos(
        &app,
        Method::GET,
        &format!("/customers/{identifier}/credit"),
        &app.token,
        None,
        None,
    )
    .await;
    assert_eq!(credit.json["amount"], json!("12.50"), "{}", credit.text);
    let scan = app.desk(Method::GET, &format!("{}/cards/04a211", base()), &cookie, None).await;
    assert!(scan.text.contains(identifier), "the card finds the customer: {}", scan.text);
    // Each customer's creation is in the audit log, as a desk creation would be.
    let logged: i64 = app
        .app
        .db()
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM log_entries WHERE action_type = 'pretix.customer.created'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(logged, 2);
    // An import runs once.
    let again = app
        .desk(
            Method::POST,
            &format!("{}/imports/{id}/commit", base()),
            &cookie,
            Some(json!({"mapping": mapping})),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn memberships_are_imported_for_existing_customers_by_email_and_type_name() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let customer = app.create_customer(json!({"email": "m@example.org", "external_identifier": "K-7"})).await;
    let types = format!("/api/v1/organizers/{ORG}/membershiptypes/");
    let season = app
        .api(Method::POST, &types, &app.token, Some(json!({"name": {"en": "Season", "de": "Saison"}})))
        .await;
    let csv = "customer;type;from;until;attendee\n\
m@example.org;Saison;2026-01-01;2026-12-31;Ada\n\
K-7;season;2027-01-01;2027-12-31;\n\
nobody@example.org;Season;2026-01-01;2026-12-31;\n\
m@example.org;Gold;2026-01-01;31.12.2026;\n";
    let preview = upload(&app, &cookie, "memberships", csv).await;
    assert_eq!(preview.status, StatusCode::CREATED, "{}", preview.text);
    assert_eq!(
        preview.json["suggested"],
        json!(["customer", "membership_type", "date_start", "date_end", "attendee_name"])
    );
    let id = preview.json["id"].as_str().unwrap();
    let mapping = preview.json["suggested"].clone();
    let report = app
        .desk(
            Method::POST,
            &format!("{}/imports/{id}/validate", base()),
            &cookie,
            Some(json!({"mapping": mapping})),
        )
        .await;
    let problems: Vec<(u64, String)> = report.json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["row"].as_u64().unwrap(), p["column"].as_str().unwrap_or("").to_string()))
        .collect();
    assert_eq!(
        problems,
        [(4, "customer".into()), (5, "until".into()), (5, "type".into())],
        "{}",
        report.text
    );

    let good = "customer;type;from;until\nm@example.org;Saison;2026-01-01;2026-12-31\nK-7;season;2027-01-01;2027-12-31\n";
    let preview = upload(&app, &cookie, "memberships", good).await;
    assert_eq!(preview.status, StatusCode::CREATED, "{}", preview.text);
    let id = preview.json["id"].as_str().unwrap();
    let done = commit(&app, &cookie, id, &preview.json["suggested"]).await;
    assert_eq!(done["state"], json!("done"), "{done}");
    let list =
        app.api(Method::GET, &format!("/api/v1/organizers/{ORG}/memberships/"), &app.token, None).await;
    assert_eq!(list.json["count"], json!(2));
    assert_eq!(list.json["results"][0]["customer"], customer["identifier"]);
    assert_eq!(list.json["results"][0]["membership_type"], season.json["id"]);
    let ends: Vec<&str> =
        list.json["results"].as_array().unwrap().iter().map(|m| m["date_end"].as_str().unwrap()).collect();
    assert!(ends.contains(&"2026-12-31T23:59:59Z"), "{ends:?}");
}

#[tokio::test]
async fn bad_uploads_and_mappings_get_clear_errors() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let url = format!("{}/imports/new/customers", base());
    let json_body = app
        .request(Method::POST, &url, &[("cookie", &cookie), ("content-type", "application/json")], Some("{}"))
        .await;
    assert_eq!(json_body.status, StatusCode::BAD_REQUEST);
    assert_eq!(json_body.json["code"], json!("malformed"));
    let empty = upload(&app, &cookie, "customers", "\n \n").await;
    assert_eq!(empty.json["fields"]["file"][0], json!("The file is empty."));
    let unknown_kind = upload(&app, &cookie, "tickets", "a\n1\n").await;
    assert_eq!(unknown_kind.status, StatusCode::NOT_FOUND);
    let broken = upload(&app, &cookie, "customers", "email,name\n\"unterminated,x\n").await;
    assert!(
        broken.status == StatusCode::BAD_REQUEST || broken.status == StatusCode::CREATED,
        "{}",
        broken.text
    );

    let preview = upload(&app, &cookie, "customers", "email,name,extra\na@example.org,A,1,2\n").await;
    let id = preview.json["id"].as_str().unwrap();
    let validate = |mapping: Value| {
        let url = format!("{}/imports/{id}/validate", base());
        let (app, cookie) = (&app, &cookie);
        async move { app.desk(Method::POST, &url, cookie, Some(json!({"mapping": mapping}))).await }
    };
    for (mapping, says) in [
        (json!(["email"]), "Map each of the 3 columns"),
        (json!(["email", "email", null]), "more than one column"),
        (json!(["email", "shoe_size", null]), "no field of this import"),
        (json!([null, null, "notes"]), "email address or the name"),
    ] {
        let reply = validate(mapping).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert!(reply.json["fields"]["mapping"][0].as_str().unwrap().contains(says), "{}", reply.text);
    }
    let report = validate(json!(["email", "full_name", null])).await;
    assert_eq!(report.json["problems"][0]["message"], json!("This row has 4 columns; the header has 3."));
    let missing = app.desk(Method::GET, &format!("{}/imports/nope", base()), &cookie, None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let other =
        app.desk(Method::GET, &format!("/api/desk/organizers/{OTHER_ORG}/imports/{id}"), &cookie, None).await;
    assert!(
        matches!(other.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
        "an upload belongs to its organizer"
    );
    app.create_customer(json!({"email": "x@example.org"})).await;
    let system = tessera::auth::authorize(&app.app, &tessera::auth::Principal::System, OTHER_ORG).unwrap();
    assert!(
        tessera::imports::progress(&app.app, &system, id).is_err(),
        "not even the system sees it elsewhere"
    );
}

async fn export(app: &TestApp, cookie: &str, kind: &str, query: &str) -> Reply {
    app.desk(Method::GET, &format!("{}/exports/{kind}{query}", base()), cookie, None).await
}

#[tokio::test]
async fn exports_give_the_office_customers_memberships_the_ledger_and_waiting_lists() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let csv = "email,name,card,credit\nada@example.org,Ada,C1,20\nlinus@example.org,\"Torvalds, Linus\",,\n";
    let preview = upload(&app, &cookie, "customers", csv).await;
    let done = commit(&app, &cookie, preview.json["id"].as_str().unwrap(), &preview.json["suggested"]).await;
    assert_eq!(done["state"], json!("done"));
    let ada = app
        .api(Method::GET, &format!("{}?email=ada@example.org", customers_url(ORG)), &app.token, None)
        .await;
    let ada = ada.json["results"][0]["identifier"].as_str().unwrap().to_string();
    let charge = crate::credit::pos(
        &app,
        Method::POST,
        &format!("/customers/{ada}/credit/charge"),
        &app.token,
        Some("k1"),
        Some(json!({"amount": "7.50"})),
    )
    .await;
    assert!(charge.status.is_success(), "{}", charge.text);

    let customers = export(&app, &cookie, "customers", "").await;
    assert_eq!(customers.status, StatusCode::OK);
    assert_eq!(customers.headers["x-rows"], "2");
    assert!(customers.headers["content-disposition"].to_str().unwrap().contains("demo-customers-"));
    let text = customers.text.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "identifier,external_identifier,email,name,full_name,phone,locale,is_active,is_verified,notes,date_joined,credit_balance,cards"
    );
    let first = lines.next().unwrap();
    assert!(first.contains("ada@example.org") && first.ends_with(",12.50,C1"), "{first}");
    assert!(lines.next().unwrap().contains("\"Torvalds, Linus\""), "quoted as CSV quotes");

    let ledger = export(&app, &cookie, "ledger", "").await;
    assert_eq!(ledger.headers["x-rows"], "2");
    assert!(
        ledger.text.contains(",TopUp,20.00,20.00,EUR,Desk: admin@example.org,import,"),
        "{}",
        ledger.text
    );
    assert!(ledger.text.contains(",Charge,-7.50,12.50,EUR,API: test,"), "{}", ledger.text);
    let summary = export(&app, &cookie, "ledger_summary", "").await;
    let lines: Vec<&str> = summary.text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "date,terminal,type,entries,sum,currency");
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines.iter().any(|l| l.ends_with(",API: test,Charge,1,-7.50,EUR")), "{lines:?}");
    let later = export(&app, &cookie, "ledger", "?from=2030-01-01T00:00:00Z").await;
    assert_eq!(later.headers["x-rows"], "0");
    let bad = export(&app, &cookie, "ledger", "?from=yesterday").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.json["fields"]["from"].is_array());

    let memberships = export(&app, &cookie, "memberships", "").await;
    assert_eq!(memberships.headers["x-rows"], "0");
    let waiting = export(&app, &cookie, "waiting_list", "?event=nope").await;
    assert!(
        waiting.status == StatusCode::BAD_REQUEST || waiting.status == StatusCode::FORBIDDEN,
        "{}",
        waiting.text
    );
    let unknown = export(&app, &cookie, "everything", "").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let nobody = app.request(Method::GET, &format!("{}/exports/customers", base()), &[], None).await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
}

/// The same import, export, backup and restore from the command line, on a database file.
#[test]
fn the_command_line_imports_exports_backs_up_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    let tessera = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tessera"))
            .args(args)
            .env("TESSERA_ADMIN_PASSWORD", "correct horse")
            .env_remove("TESSERA_DB")
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let db_arg = db.to_str().unwrap();
    let (ok, _, err) = tessera(&[
        "init",
        "--db",
        db_arg,
        "--organizer",
        "venue",
        "--organizer-name",
        "Venue",
        "--admin-email",
        "a@example.org",
    ]);
    assert!(ok, "{err}");
    let csv = dir.path().join("customers.csv");
    std::fs::write(&csv, "Kundennr;E-Mail;Guthaben\nK1;one@example.org;10\nK2;bad;\n").unwrap();
    let csv_arg = csv.to_str().unwrap();
    let base = ["import", "--db", db_arg, "--organizer", "venue", "--kind", "customers", "--file", csv_arg];
    let (ok, _, err) = tessera(&base);
    assert!(!ok && err.contains("line 3: E-Mail: Enter a valid email address."), "{err}");
    std::fs::write(&csv, "Kundennr;E-Mail;Guthaben\nK1;one@example.org;10\nK2;two@example.org;\n").unwrap();
    let (ok, _, err) = tessera(&[&base[..], &["--check"]].concat());
    assert!(ok && err.contains("All 2 rows are fine"), "{err}");
    let (ok, _, err) = tessera(&[&base[..], &["--map", "Kundennr=external_identifier"]].concat());
    assert!(ok && err.contains("Imported 2 rows."), "{err}");

    let (ok, out, err) = tessera(&["export", "--db", db_arg, "--organizer", "venue", "--kind", "customers"]);
    assert!(ok, "{err}");
    assert!(out.contains(",K1,one@example.org,") && out.contains(",10.00,"), "{out}");

    let backups = dir.path().join("stick");
    let (ok, out, err) = tessera(&["backup", "--db", db_arg, "--to", backups.to_str().unwrap()]);
    assert!(ok && out.contains("integrity ok"), "{err}");
    let made = out.split(" (").next().unwrap().to_string();
    std::fs::write(&csv, "E-Mail\nthree@example.org\n").unwrap();
    let (ok, _, err) = tessera(&base);
    assert!(ok, "{err}");
    let (ok, out, err) = tessera(&["restore", "--db", db_arg, "--from", &made]);
    assert!(ok && out.contains("kept in"), "{out}{err}");
    let (_, out, _) = tessera(&["export", "--db", db_arg, "--organizer", "venue", "--kind", "customers"]);
    assert!(out.contains("two@example.org") && !out.contains("three@example.org"), "{out}");
    let (ok, _, err) = tessera(&["restore", "--db", db_arg, "--from", csv_arg]);
    assert!(!ok && err.contains("not a database"), "{err}");
}

#[tokio::test]
async fn files_previewed_but_never_imported_make_room_for_new_ones() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    for n in 0..6 {
        let reply = upload(&app, &cookie, "customers", &format!("email\nc{n}@example.org\n")).await;
        assert_eq!(reply.status, StatusCode::CREATED, "upload {n}: {}", reply.text);
    }
}
