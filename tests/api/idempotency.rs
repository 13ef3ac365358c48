//! `X-Idempotency-Key`: replay, scoping, concurrency, expiry, and the record committed with the
//! change.

use std::sync::Arc;

use axum::http::{Method, StatusCode, header};
use serde_json::{Value, json};
use tessera::auth::{self, Principal};
use tessera::customers::{self, NewCustomer};
use tessera::idempotency::{self, Begin, REQUEST};

use crate::helpers::*;

impl TestApp {
    async fn api_with_key(
        &self,
        method: Method,
        path: &str,
        token: &str,
        key: &str,
        body: Option<Value>,
    ) -> Reply {
        let auth = format!("Token {token}");
        let text = body.map(|b| b.to_string());
        let headers = [
            ("authorization", auth.as_str()),
            ("content-type", "application/json"),
            ("x-idempotency-key", key),
        ];
        self.request(method, path, &headers, text.as_deref()).await
    }

    async fn customer_count(&self) -> u64 {
        self.api(Method::GET, &customers_url(ORG), &self.token, None).await.json["count"].as_u64().unwrap()
    }
}

#[tokio::test]
async fn a_repeated_key_replays_the_first_answer_and_changes_nothing() {
    let app = TestApp::new();
    let first = app
        .api_with_key(
            Method::POST,
            &customers_url(ORG),
            &app.token,
            "k1",
            Some(json!({"email": "a@example.org"})),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let again = app
        .api_with_key(
            Method::POST,
            &customers_url(ORG),
            &app.token,
            "k1",
            Some(json!({"email": "a@example.org"})),
        )
        .await;
    assert_eq!(again.status, StatusCode::CREATED, "not a duplicate-email error: the first answer again");
    assert_eq!(again.text, first.text, "replayed verbatim");
    assert_eq!(again.headers.get(header::CONTENT_TYPE), first.headers.get(header::CONTENT_TYPE));
    let other_request = app
        .api_with_key(Method::PATCH, "/api/v1/organizers/demo/nothing/", &app.token, "k1", Some(json!({})))
        .await;
    assert_eq!(other_request.text, first.text, "method, path and body of the repeat do not matter");
    assert_eq!(app.customer_count().await, 1);
}

#[tokio::test]
async fn keys_are_scoped_by_credentials() {
    let app = TestApp::new();
    let other = app.token_with(&["organizer.customers:write", "organizer.customers:read"]);
    app.api_with_key(Method::POST, &customers_url(ORG), &app.token, "same", Some(json!({}))).await;
    let second = app.api_with_key(Method::POST, &customers_url(ORG), &other, "same", Some(json!({}))).await;
    assert_eq!(second.status, StatusCode::CREATED);
    assert_eq!(app.customer_count().await, 2);
}

#[tokio::test]
async fn reads_and_requests_without_a_key_are_untouched() {
    let app = TestApp::new();
    let a = app.api_with_key(Method::GET, &customers_url(ORG), &app.token, "g", None).await;
    app.create_customer(json!({})).await;
    let b = app.api_with_key(Method::GET, &customers_url(ORG), &app.token, "g", None).await;
    assert_ne!(a.json["count"], b.json["count"], "GET ignores the key");
    app.api_with_key(Method::POST, &customers_url(ORG), &app.token, "", Some(json!({}))).await;
    app.api_with_key(Method::POST, &customers_url(ORG), &app.token, "", Some(json!({}))).await;
    assert_eq!(app.customer_count().await, 3, "an empty key is no key");
}

#[tokio::test]
async fn errors_are_remembered_too_except_those_that_invite_a_retry() {
    let app = TestApp::new();
    let bad = app
        .api_with_key(Method::POST, &customers_url(ORG), &app.token, "bad", Some(json!({"email": "nope"})))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let fixed = app
        .api_with_key(
            Method::POST,
            &customers_url(ORG),
            &app.token,
            "bad",
            Some(json!({"email": "ok@example.org"})),
        )
        .await;
    assert_eq!(fixed.status, StatusCode::BAD_REQUEST, "a 400 is stored and replayed, as in pretix");
    let unauthenticated =
        app.request(Method::POST, &customers_url(ORG), &[("x-idempotency-key", "anon")], Some("{}")).await;
    assert_eq!(unauthenticated.status, StatusCode::UNAUTHORIZED);

    // A refused membership use is a 409: not stored, so the same key works once the use is possible.
    let customer = app.create_customer(json!({})).await;
    let t = app
        .api(
            Method::POST,
            "/api/v1/organizers/demo/membershiptypes/",
            &app.token,
            Some(json!({"name": "One", "max_usages": 1})),
        )
        .await
        .json;
    let m = app
        .api(
            Method::POST,
            "/api/v1/organizers/demo/memberships/",
            &app.token,
            Some(json!({
            "customer": customer["identifier"], "membership_type": t["id"],
            "date_start": "2026-01-01T00:00:00Z", "date_end": "2026-12-31T00:00:00Z"})),
        )
        .await
        .json;
    let uses = format!("/api/v1/organizers/demo/memberships/{}/uses/", m["id"]);
    let first = app.api(Method::POST, &uses, &app.token, Some(json!({}))).await;
    let refused = app
        .api_with_key(
            Method::POST,
            &uses,
            &app.token,
            "use-2",
            Some(json!({"used_at": "2026-06-01T00:00:00Z"})),
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    app.api(Method::POST, &format!("{uses}{}/void/", first.json["id"]), &app.token, None).await;
    let retried = app
        .api_with_key(
            Method::POST,
            &uses,
            &app.token,
            "use-2",
            Some(json!({"used_at": "2026-06-01T00:00:00Z"})),
        )
        .await;
    assert_eq!(retried.status, StatusCode::CREATED, "the 409 was not stored: {}", retried.text);
}

#[tokio::test]
async fn keys_are_forgotten_after_24_hours() {
    let app = TestApp::new();
    app.api_with_key(Method::POST, &customers_url(ORG), &app.token, "old", Some(json!({}))).await;
    app.clock.advance(chrono::TimeDelta::hours(24) + chrono::TimeDelta::seconds(1));
    let later = app.api_with_key(Method::POST, &customers_url(ORG), &app.token, "old", Some(json!({}))).await;
    assert_eq!(later.status, StatusCode::CREATED);
    assert_eq!(app.customer_count().await, 2);
}

#[tokio::test]
async fn twenty_concurrent_requests_with_one_key_make_exactly_one_change() {
    let app = Arc::new(TestApp::new());
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            app.api_with_key(
                Method::POST,
                &customers_url(ORG),
                &app.token,
                "storm",
                Some(json!({"notes": "once"})),
            )
            .await
        }));
    }
    let mut created = Vec::new();
    for task in tasks {
        let reply = task.await.unwrap();
        match reply.status {
            StatusCode::CREATED => created.push(reply.json["identifier"].clone()),
            StatusCode::CONFLICT => {
                assert_eq!(reply.json, json!({"detail": "Concurrent request with idempotency key."}));
                assert_eq!(reply.headers.get(header::RETRY_AFTER).unwrap(), "5");
            }
            other => panic!("unexpected {other}: {}", reply.text),
        }
    }
    assert!(!created.is_empty());
    assert!(created.iter().all(|id| *id == created[0]), "every 201 is the same answer");
    assert_eq!(app.customer_count().await, 1, "exactly one change");
}

#[tokio::test]
async fn the_key_is_committed_with_the_change_and_rolled_back_with_it() {
    let app = TestApp::new();
    let access = auth::authorize(&app.app, &Principal::System, ORG).unwrap();
    let hash = idempotency::auth_hash("Token x", "");

    // A change that fails leaves the key in flight, with nothing behind it: a restart forgets it.
    let Begin::Started(scope) = idempotency::begin(&app.app, &hash, "fails", None).unwrap() else {
        panic!("new key")
    };
    let bad = NewCustomer {
        fields: customers::CustomerPatch { email: Some(Some("x".into())), ..Default::default() },
        ..Default::default()
    };
    let a = access.clone();
    let result =
        REQUEST.scope(scope.clone(), app.app.blocking(move |app| customers::create(app, &a, bad))).await;
    assert!(result.is_err());
    drop(scope);
    assert_eq!(idempotency::recover(&app.app).unwrap(), 1, "the in-flight key is dropped at start");

    // A change that commits takes its key with it: if the answer is then lost (a crash before it is
    // stored), a retry is told so and nothing runs twice.
    let Begin::Started(scope) = idempotency::begin(&app.app, &hash, "crash", None).unwrap() else {
        panic!("new key")
    };
    let a = access.clone();
    REQUEST
        .scope(scope.clone(), app.app.blocking(move |app| customers::create(app, &a, NewCustomer::default())))
        .await
        .unwrap();
    drop(scope);
    assert_eq!(idempotency::recover(&app.app).unwrap(), 0, "a committed key is kept");
    assert!(matches!(idempotency::begin(&app.app, &hash, "crash", None).unwrap(), Begin::AnswerLost));
    assert_eq!(app.customer_count().await, 1);
}
