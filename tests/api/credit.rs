//! Stored credit over the POS paths: the ledger's rules, money as exact decimals, the
//! `Idempotency-Key` every money write needs, and who may do what.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

/// A POS call with `Authorization: Token …`, an optional `Idempotency-Key` and a JSON body.
pub async fn pos(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    key: Option<&str>,
    body: Option<Value>,
) -> Reply {
    let auth = format!("Token {token}");
    let text = body.map(|b| b.to_string());
    let mut headers = vec![("authorization", auth.as_str())];
    if let Some(key) = key {
        headers.push(("idempotency-key", key));
    }
    if text.is_some() {
        headers.push(("content-type", "application/json"));
    }
    app.request(method, path, &headers, text.as_deref()).await
}

pub async fn customer(app: &TestApp) -> String {
    let created = app.create_customer(json!({"email": "credit@example.org", "name_parts": {"_scheme": "full", "full_name": "Cora Credit"}})).await;
    created["identifier"].as_str().unwrap().to_string()
}

async fn book(app: &TestApp, id: &str, op: &str, key: &str, body: Value) -> Reply {
    pos(app, Method::POST, &format!("/customers/{id}/credit/{op}"), &app.token, Some(key), Some(body)).await
}

#[tokio::test]
async fn top_ups_and_charges_keep_the_balance_as_the_sum_of_the_ledger_in_exact_decimals() {
    let app = TestApp::new();
    let id = customer(&app).await;
    let fresh = pos(&app, Method::GET, &format!("/customers/{id}/credit"), &app.token, None, None).await;
    assert_eq!(fresh.status, StatusCode::OK, "{}", fresh.text);
    assert_eq!(
        fresh.json,
        json!({"customerId": id, "amount": "0.00", "currencyLabel": "EUR", "limit": "0.00", "available": "0.00"})
    );

    let top = book(&app, &id, "topup", "k1", json!({"amount": 20.1, "reference": "till 1"})).await;
    assert_eq!(top.status, StatusCode::CREATED, "{}", top.text);
    assert_eq!(top.json["entry"]["kind"], json!("TopUp"));
    assert_eq!(top.json["entry"]["amount"], json!("20.10"));
    assert_eq!(top.json["balance"]["amount"], json!("20.10"));
    let charge = book(&app, &id, "charge", "k2", json!({"amount": "0.20"})).await;
    assert_eq!(charge.status, StatusCode::CREATED, "{}", charge.text);
    assert_eq!(charge.json["entry"]["amount"], json!("-0.20"));
    assert_eq!(charge.json["entry"]["balanceAfter"], json!("19.90"), "0.1 + 0.2 problems never happen");
    assert_eq!(charge.json["entry"]["bookedBy"], json!("test"));

    let too_much = book(&app, &id, "charge", "k3", json!({"amount": 19.91})).await;
    assert_eq!(too_much.status, StatusCode::BAD_REQUEST);
    assert_eq!(too_much.headers["content-type"], "application/problem+json");
    assert_eq!(too_much.json["errorCode"], json!(3));
    assert_eq!(too_much.json["errors"][0]["memberName"], json!("amount"));
    assert_eq!(too_much.json["errors"][0]["message"], json!("Not enough credit: 19.90 EUR available."));

    for (body, message) in [
        (json!({"amount": 0}), "Ensure this value is greater than 0."),
        (json!({"amount": -5}), "Ensure this value is greater than 0."),
        (json!({"amount": 1.234}), "Ensure that there are no more than 2 decimal places."),
    ] {
        let reply = book(&app, &id, "topup", &format!("bad-{body}"), body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
        assert_eq!(reply.json["errors"][0]["message"], json!(message));
    }
    let not_a_number = book(&app, &id, "topup", "nan", json!({"amount": "ten"})).await;
    assert_eq!(not_a_number.status, StatusCode::BAD_REQUEST);

    let ledger =
        pos(&app, Method::GET, &format!("/customers/{id}/credit/entries"), &app.token, None, None).await;
    assert_eq!(ledger.json["totalCount"], json!(2));
    assert_eq!(ledger.json["items"][0]["kind"], json!("Charge"), "newest first");
    let paged = pos(
        &app,
        Method::GET,
        &format!("/customers/{id}/credit/entries?$skip=1&$take=1"),
        &app.token,
        None,
        None,
    )
    .await;
    assert_eq!(paged.json["count"], json!(1));
    assert_eq!(paged.json["items"][0]["kind"], json!("TopUp"));
    let bad_take =
        pos(&app, Method::GET, &format!("/customers/{id}/credit/entries?$take=9999"), &app.token, None, None)
            .await;
    assert_eq!(bad_take.json["errors"][0]["memberName"], json!("$take"));
}

#[tokio::test]
async fn every_money_write_needs_an_idempotency_key_and_a_retry_changes_nothing() {
    let app = TestApp::new();
    let id = customer(&app).await;
    let url = format!("/customers/{id}/credit/topup");
    let missing = pos(&app, Method::POST, &url, &app.token, None, Some(json!({"amount": 5}))).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert_eq!(missing.json["errors"][0]["memberName"], json!("Idempotency-Key"));

    let first = book(&app, &id, "topup", "same-key", json!({"amount": 5})).await;
    let again = book(&app, &id, "topup", "same-key", json!({"amount": 5})).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(first.text, again.text, "the first answer, byte for byte");
    let other_body = book(&app, &id, "topup", "same-key", json!({"amount": 6})).await;
    assert_eq!(other_body.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(other_body.headers["content-type"], "application/problem+json");
    let balance = pos(&app, Method::GET, &format!("/customers/{id}/credit"), &app.token, None, None).await;
    assert_eq!(balance.json["amount"], json!("5.00"), "one top-up, however often it was sent");

    // A refused charge is an answer too: its retry is refused the same way, even after a top-up.
    let refused = book(&app, &id, "charge", "charge-1", json!({"amount": 8})).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    book(&app, &id, "topup", "more", json!({"amount": 10})).await;
    let retried = book(&app, &id, "charge", "charge-1", json!({"amount": 8})).await;
    assert_eq!(retried.text, refused.text);
    let fresh_key = book(&app, &id, "charge", "charge-2", json!({"amount": 8})).await;
    assert_eq!(fresh_key.status, StatusCode::CREATED);
}

#[tokio::test]
async fn the_same_key_from_twenty_concurrent_terminals_charges_once() {
    let app = std::sync::Arc::new(TestApp::new());
    let id = customer(&app).await;
    book(&app, &id, "topup", "seed", json!({"amount": 100})).await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let app = app.clone();
        let id = id.clone();
        tasks.push(tokio::spawn(async move {
            book(&app, &id, "charge", "once", json!({"amount": 7.5})).await.status
        }));
    }
    let mut created = 0;
    for task in tasks {
        match task.await.unwrap() {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {} // still in flight: a terminal retries later and gets the answer
            other => panic!("unexpected {other}"),
        }
    }
    assert!(created >= 1);
    let balance = pos(&app, Method::GET, &format!("/customers/{id}/credit"), &app.token, None, None).await;
    assert_eq!(balance.json["amount"], json!("92.50"));
}

#[tokio::test]
async fn refunds_and_reversals_undo_at_most_what_the_entry_moved() {
    let app = TestApp::new();
    let id = customer(&app).await;
    book(&app, &id, "topup", "t", json!({"amount": 50})).await;
    let charge = book(&app, &id, "charge", "c", json!({"amount": 30})).await;
    let charge_id = charge.json["entry"]["id"].clone();

    let part = book(&app, &id, "refund", "r1", json!({"entryId": charge_id, "amount": 10})).await;
    assert_eq!(part.status, StatusCode::CREATED, "{}", part.text);
    assert_eq!(part.json["entry"]["undoes"], charge_id);
    assert_eq!(part.json["balance"]["amount"], json!("30.00"));
    let over = book(&app, &id, "refund", "r2", json!({"entryId": charge_id, "amount": 25})).await;
    assert_eq!(
        over.json["errors"][0]["message"],
        json!("At most 20.00 EUR of this entry can still be undone.")
    );
    let rest = book(&app, &id, "reverse", "r3", json!({"entryId": charge_id})).await;
    assert_eq!(rest.json["entry"]["amount"], json!("20.00"), "without an amount: all that is left");
    let done = book(&app, &id, "refund", "r4", json!({"entryId": charge_id})).await;
    assert_eq!(done.status, StatusCode::CONFLICT);
    let entry = pos(
        &app,
        Method::GET,
        &format!("/customers/{id}/credit/entries/{charge_id}"),
        &app.token,
        None,
        None,
    )
    .await;
    assert_eq!(entry.json["undone"], json!("30.00"));

    let top_id = book(&app, &id, "topup", "t2", json!({"amount": 5})).await.json["entry"]["id"].clone();
    let not_a_charge = book(&app, &id, "refund", "r5", json!({"entryId": top_id})).await;
    assert_eq!(not_a_charge.json["errors"][0]["message"], json!("Only a charge can be refunded."));
    let undo_undo = book(&app, &id, "reverse", "r6", json!({"entryId": part.json["entry"]["id"]})).await;
    assert_eq!(undo_undo.status, StatusCode::BAD_REQUEST);
    let reversed = book(&app, &id, "reverse", "r7", json!({"entryId": top_id})).await;
    assert_eq!(reversed.json["entry"]["amount"], json!("-5.00"));
    assert_eq!(reversed.json["balance"]["amount"], json!("50.00"));
    let unknown = book(&app, &id, "refund", "r8", json!({"entryId": 999999})).await;
    assert_eq!(unknown.json["errors"][0]["memberName"], json!("entryId"));
}

#[tokio::test]
async fn the_ledger_cannot_be_edited_even_in_the_file() {
    let app = TestApp::new();
    let id = customer(&app).await;
    book(&app, &id, "topup", "t", json!({"amount": 1})).await;
    let conn = rusqlite::Connection::open(&app.db_path).unwrap();
    let update = conn.execute("UPDATE credit_entries SET amount = 100000", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = conn.execute("DELETE FROM credit_entries", []);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
}

#[tokio::test]
async fn who_may_touch_credit() {
    let app = TestApp::new();
    let id = customer(&app).await;
    book(&app, &id, "topup", "t", json!({"amount": 10})).await;
    let url = format!("/customers/{id}/credit");
    let no_auth = app.request(Method::GET, &url, &[], None).await;
    assert_eq!(no_auth.status, StatusCode::UNAUTHORIZED);
    assert_eq!(no_auth.json["errorCode"], json!(1));
    let teams_only = app.token_with(&["organizer.teams:write"]);
    let forbidden = pos(&app, Method::GET, &url, &teams_only, None, None).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert_eq!(forbidden.json["errorCode"], json!(2));
    let other = pos(&app, Method::GET, &url, &app.other_token, None, None).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND, "another organizer's customer does not exist for it");

    let readers = app.token_with(&["organizer.customers:read"]);
    assert_eq!(pos(&app, Method::GET, &url, &readers, None, None).await.status, StatusCode::OK);
    let charge =
        pos(&app, Method::POST, &format!("{url}/charge"), &readers, Some("r"), Some(json!({"amount": 1})))
            .await;
    assert_eq!(charge.status, StatusCode::FORBIDDEN);
    let tills = app.token_with(&["organizer.giftcards:read", "organizer.giftcards:write"]);
    let charge =
        pos(&app, Method::POST, &format!("{url}/charge"), &tills, Some("t"), Some(json!({"amount": 1})))
            .await;
    assert_eq!(charge.status, StatusCode::CREATED, "{}", charge.text);
    let adjust = pos(
        &app,
        Method::POST,
        &format!("{url}/adjust"),
        &tills,
        Some("a"),
        Some(json!({"amount": 1, "note": "x"})),
    )
    .await;
    assert_eq!(adjust.status, StatusCode::FORBIDDEN, "adjusting needs customer and gift card write");
    let adjust = pos(
        &app,
        Method::POST,
        &format!("{url}/adjust"),
        &app.token,
        Some("a2"),
        Some(json!({"amount": -2.5, "note": "miscounted"})),
    )
    .await;
    assert_eq!(adjust.status, StatusCode::CREATED, "{}", adjust.text);
    assert_eq!(adjust.json["balance"]["amount"], json!("6.50"));
    let no_note = pos(
        &app,
        Method::POST,
        &format!("{url}/adjust"),
        &app.token,
        Some("a3"),
        Some(json!({"amount": 1, "note": " "})),
    )
    .await;
    assert_eq!(no_note.json["errors"][0]["memberName"], json!("note"));

    // An inactive account cannot be charged.
    app.api(Method::PATCH, &customer_url(ORG, &id), &app.token, Some(json!({"is_active": false}))).await;
    let inactive = book(&app, &id, "charge", "inactive", json!({"amount": 1})).await;
    assert_eq!(inactive.status, StatusCode::CONFLICT);
    let unknown_path = app.request(Method::GET, "/customers/ZZZ/nothing", &[], None).await;
    assert_eq!(unknown_path.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown_path.headers["content-type"], "application/problem+json");
}
