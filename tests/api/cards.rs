//! Cards and the one-call POS lookup: issue, block, unblock, lost, replace; a scan in any format
//! finds the customer with credit, discount and valid memberships; a terminal's device token
//! looks up and charges.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::credit::{customer, pos};
use crate::helpers::*;

async fn issue(app: &TestApp, id: &str, body: Value) -> Reply {
    pos(app, Method::POST, &format!("/customers/{id}/cards"), &app.token, None, Some(body)).await
}

async fn lookup(app: &TestApp, query: &str) -> Reply {
    pos(app, Method::GET, &format!("/pos/lookup?{query}"), &app.token, None, None).await
}

#[tokio::test]
async fn a_card_is_issued_blocked_unblocked_lost_and_replaced_with_history() {
    let app = TestApp::new();
    let id = customer(&app).await;
    let card = issue(&app, &id, json!({"serialNumber": "04:a2:3b:7c", "note": "front desk"})).await;
    assert_eq!(card.status, StatusCode::CREATED, "{}", card.text);
    assert_eq!(card.json["serialNumber"], json!("04A23B7C"), "stored normalised");
    assert_eq!(card.json["status"], json!("Active"));
    assert_eq!(card.json["isActive"], json!(true));
    assert_eq!(card.json["processor"], json!("Internal"));
    let card_id = card.json["id"].clone();

    let taken = issue(&app, &id, json!({"serialNumber": "04 A2 3B 7C"})).await;
    assert_eq!(taken.status, StatusCode::BAD_REQUEST);
    assert_eq!(taken.json["errors"][0]["memberName"], json!("serialNumber"));
    let blank = issue(&app, &id, json!({"serialNumber": " "})).await;
    assert_eq!(blank.json["errors"][0]["message"], json!("This field may not be blank."));
    let backwards = issue(&app, &id, json!({"serialNumber": "X1", "activationTime": "2026-05-01T00:00:00Z", "expirationTime": "2026-04-01T00:00:00Z"})).await;
    assert_eq!(backwards.json["errors"][0]["memberName"], json!("expirationTime"));

    let base = format!("/customers/{id}/cards/{card_id}");
    let blocked = pos(
        &app,
        Method::POST,
        &format!("{base}/block"),
        &app.token,
        None,
        Some(json!({"reason": "left at the bar"})),
    )
    .await;
    assert_eq!(blocked.json["status"], json!("Blocked"));
    assert_eq!(blocked.json["statusReason"], json!("left at the bar"));
    assert_eq!(blocked.json["isActive"], json!(false));
    let twice = pos(&app, Method::POST, &format!("{base}/block"), &app.token, None, Some(json!({}))).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    let unblocked = pos(&app, Method::POST, &format!("{base}/unblock"), &app.token, None, None).await;
    assert_eq!(unblocked.json["status"], json!("Active"), "{}", unblocked.text);
    let lost =
        pos(&app, Method::POST, &format!("{base}/lost"), &app.token, None, Some(json!({"reason": "stolen"})))
            .await;
    assert_eq!(lost.json["status"], json!("Lost"));
    let no_way_back = pos(&app, Method::POST, &format!("{base}/unblock"), &app.token, None, None).await;
    assert_eq!(no_way_back.status, StatusCode::CONFLICT);

    let new = pos(
        &app,
        Method::POST,
        &format!("{base}/replace"),
        &app.token,
        None,
        Some(json!({"serialNumber": "NEW-0001"})),
    )
    .await;
    assert_eq!(new.status, StatusCode::CREATED, "{}", new.text);
    assert_eq!(new.json["serialNumber"], json!("NEW0001"));
    assert_eq!(new.json["note"], json!("front desk"), "the new card takes over the old one's details");
    let cards = pos(&app, Method::GET, &format!("/customers/{id}/cards"), &app.token, None, None).await;
    assert_eq!(cards.json[0]["status"], json!("Replaced"));
    assert_eq!(cards.json[0]["replacedBy"], json!("NEW0001"));
    assert_eq!(cards.json[1]["status"], json!("Active"));
    let again = pos(
        &app,
        Method::POST,
        &format!("{base}/replace"),
        &app.token,
        None,
        Some(json!({"serialNumber": "NEW2"})),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    let conn = rusqlite::Connection::open(&app.db_path).unwrap();
    let actions: Vec<String> = conn
        .prepare("SELECT action_type FROM log_entries WHERE action_type LIKE 'tessera.customer.card.%' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        actions,
        ["issued", "blocked", "unblocked", "lost", "replaced"].map(|a| format!("tessera.customer.card.{a}"))
    );
}

#[tokio::test]
async fn a_scan_in_any_format_returns_customer_credit_discount_and_valid_memberships_in_one_call() {
    let app = TestApp::new();
    let id = customer(&app).await;
    issue(&app, &id, json!({"serialNumber": "04A23B7C"})).await;
    pos(
        &app,
        Method::POST,
        &format!("/customers/{id}/credit/topup"),
        &app.token,
        Some("t"),
        Some(json!({"amount": 12.5})),
    )
    .await;
    let t = app
        .api(Method::POST, "/api/v1/organizers/demo/membershiptypes/", &app.token,
            Some(json!({"name": {"en": "Season pass"}, "transferable": false, "allow_parallel_usage": false, "max_usages": 10})))
        .await;
    for (start, end) in
        [("2026-01-01T00:00:00Z", "2026-12-31T23:59:59Z"), ("2025-01-01T00:00:00Z", "2025-12-31T23:59:59Z")]
    {
        let m = app
            .api(Method::POST, "/api/v1/organizers/demo/memberships/", &app.token,
                Some(json!({"customer": id, "membership_type": t.json["id"], "date_start": start, "date_end": end,
                    "attendee_name_parts": {"_scheme": "full", "full_name": "Cora Credit"}})))
            .await;
        assert_eq!(m.status, StatusCode::CREATED, "{}", m.text);
    }

    let found = lookup(&app, "card=04%3Aa2%3A3b%3A7c").await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text);
    assert_eq!(found.json["customer"]["id"], json!(id));
    assert_eq!(found.json["customer"]["name"], json!("Cora Credit"));
    assert_eq!(found.json["card"]["serialNumber"], json!("04A23B7C"));
    assert_eq!(found.json["credit"]["amount"], json!("12.50"));
    assert_eq!(found.json["discountRate"], json!("0.00"));
    assert_eq!(found.json["canUse"], json!(true));
    assert_eq!(found.json["refusal"], Value::Null);
    let memberships = found.json["memberships"].as_array().unwrap();
    assert_eq!(memberships.len(), 1, "only the membership valid now");
    assert_eq!(memberships[0]["typeName"], json!("Season pass"));
    assert_eq!(memberships[0]["usesLeft"], json!(10));
    assert_eq!(memberships[0]["attendeeName"], json!("Cora Credit"));

    let by_customer = lookup(&app, &format!("customer={id}")).await;
    assert_eq!(by_customer.json["card"], Value::Null);
    assert_eq!(by_customer.json["credit"]["amount"], json!("12.50"));
    assert_eq!(lookup(&app, "card=NOPE").await.status, StatusCode::NOT_FOUND);
    assert_eq!(lookup(&app, "").await.status, StatusCode::BAD_REQUEST);

    let card_id = found.json["card"]["id"].clone();
    pos(
        &app,
        Method::POST,
        &format!("/customers/{id}/cards/{card_id}/block"),
        &app.token,
        None,
        Some(json!({})),
    )
    .await;
    let blocked = lookup(&app, "card=04A23B7C").await;
    assert_eq!(blocked.json["canUse"], json!(false));
    assert_eq!(blocked.json["refusal"], json!("This card is blocked."));
}

#[tokio::test]
async fn a_paired_terminal_looks_up_a_card_and_charges_with_its_device_token() {
    let app = TestApp::new();
    let id = customer(&app).await;
    issue(&app, &id, json!({"serialNumber": "TILL-CARD"})).await;
    pos(
        &app,
        Method::POST,
        &format!("/customers/{id}/credit/topup"),
        &app.token,
        Some("t"),
        Some(json!({"amount": 20})),
    )
    .await;
    let (_, device_token) = app.paired_device("Bar till").await;
    let found = app.device_call(Method::GET, "/pos/lookup?card=till-card", &device_token, None).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text);
    let auth = format!("Device {device_token}");
    let charge = app
        .request(
            Method::POST,
            &format!("/customers/{id}/credit/charge"),
            &[("authorization", &auth), ("content-type", "application/json"), ("idempotency-key", "sale-17")],
            Some(&json!({"amount": "4.50", "reference": "receipt 17"}).to_string()),
        )
        .await;
    assert_eq!(charge.status, StatusCode::CREATED, "{}", charge.text);
    assert_eq!(charge.json["entry"]["bookedBy"], json!("Bar till"));
    assert_eq!(charge.json["balance"]["amount"], json!("15.50"));
    let adjust = app
        .request(
            Method::POST,
            &format!("/customers/{id}/credit/adjust"),
            &[("authorization", &auth), ("content-type", "application/json"), ("idempotency-key", "adj")],
            Some(&json!({"amount": 100, "note": "free money"}).to_string()),
        )
        .await;
    assert_eq!(adjust.status, StatusCode::FORBIDDEN, "a terminal cannot make money up");
    let issue_card = app
        .device_call(
            Method::POST,
            &format!("/customers/{id}/cards"),
            &device_token,
            Some(json!({"serialNumber": "T2"})),
        )
        .await;
    assert_eq!(
        issue_card.status,
        StatusCode::CREATED,
        "terminals hold reusable media write: {}",
        issue_card.text
    );
}
