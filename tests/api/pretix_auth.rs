//! Who gets in, and pretix's decision order: 401 → 403 (organizer) → 403 (permission) → 405 →
//! 404 → 400.

use axum::http::{Method, StatusCode, header};
use serde_json::json;
use tessera::auth;

use crate::helpers::*;

const READ: &str = "organizer.customers:read";
const WRITE: &str = "organizer.customers:write";

#[tokio::test]
async fn no_credentials_is_401_with_a_token_challenge() {
    let app = TestApp::new();
    for headers in
        [vec![], vec![("authorization", "Basic dXNlcjpwdw==")], vec![("authorization", "Bearer abc")]]
    {
        let reply = app.request(Method::GET, &customers_url(ORG), &headers, None).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{headers:?}");
        assert_eq!(reply.json, json!({"detail": "Authentication credentials were not provided."}));
        assert_eq!(reply.headers.get(header::WWW_AUTHENTICATE).unwrap(), "Token");
    }
}

#[tokio::test]
async fn malformed_token_headers_say_what_is_wrong() {
    let app = TestApp::new();
    for (value, detail) in [
        ("Token", "Invalid token header. No credentials provided."),
        ("Token a b", "Invalid token header. Token string should not contain spaces."),
        ("Token nope", "Invalid token."),
        ("token nope", "Invalid token."),
    ] {
        let reply = app.request(Method::GET, &customers_url(ORG), &[("authorization", value)], None).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{value}");
        assert_eq!(reply.json, json!({"detail": detail}), "{value}");
    }
}

#[tokio::test]
async fn the_token_keyword_is_case_insensitive() {
    let app = TestApp::new();
    let auth = format!("tOkEn {}", app.token);
    let reply = app.request(Method::GET, &customers_url(ORG), &[("authorization", &auth)], None).await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn an_inactive_token_is_refused() {
    let app = TestApp::new();
    let token = app.token_with(&[READ]);
    let principal = auth::authenticate_token(&app.app, &token).unwrap();
    let auth::Principal::TeamToken { token_id, .. } = principal else { panic!("a team token") };
    auth::deactivate_token(&app.app, token_id).unwrap();
    let reply = app.api(Method::GET, &customers_url(ORG), &token, None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, json!({"detail": "Token inactive or deleted."}));
}

#[tokio::test]
async fn another_organizers_token_and_an_unknown_organizer_are_both_403() {
    let app = TestApp::new();
    let forbidden = json!({"detail": "You do not have permission to perform this action."});
    let other = app.api(Method::GET, &customers_url(ORG), &app.other_token, None).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    assert_eq!(other.json, forbidden);
    let unknown = app.api(Method::GET, &customers_url("nope"), &app.token, None).await;
    assert_eq!(unknown.status, StatusCode::FORBIDDEN, "no probing for organizer slugs");
    assert_eq!(unknown.json, forbidden);
}

#[tokio::test]
async fn reading_needs_read_and_writing_needs_write() {
    let app = TestApp::new();
    let c = app.create_customer(json!({})).await;
    let url = customer_url(ORG, c["identifier"].as_str().unwrap());
    let none = app.token_with(&["organizer.settings.general:write"]);
    let read = app.token_with(&[READ]);
    let write = app.token_with(&[WRITE]);
    let cases = [
        (&none, Method::GET, &url, StatusCode::FORBIDDEN),
        (&none, Method::PATCH, &url, StatusCode::FORBIDDEN),
        (&read, Method::GET, &url, StatusCode::OK),
        (&read, Method::PATCH, &url, StatusCode::FORBIDDEN),
        (&read, Method::POST, &customers_url(ORG), StatusCode::FORBIDDEN),
        (&write, Method::GET, &url, StatusCode::FORBIDDEN),
        (&write, Method::PATCH, &url, StatusCode::OK),
        (&write, Method::POST, &customers_url(ORG), StatusCode::CREATED),
        (&write, Method::GET, &customers_url(ORG), StatusCode::FORBIDDEN),
    ];
    for (token, method, path, expected) in cases {
        let body = (method != Method::GET).then(|| json!({"notes": "n"}));
        let reply = app.api(method.clone(), path, token, body).await;
        assert_eq!(reply.status, expected, "{method} {path}: {}", reply.text);
    }
}

#[tokio::test]
async fn permission_is_checked_before_the_method_and_the_method_before_the_lookup() {
    let app = TestApp::new();
    let write_only = app.token_with(&[WRITE]);
    let anonymize = format!("{}anonymize/", customer_url(ORG, "ZZZZZZZ"));
    let reply = app.api(Method::GET, &anonymize, &write_only, None).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "without read permission a GET is 403, not 405");
    let reply = app.api(Method::GET, &anonymize, &app.token, None).await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "with it, 405 even for an unknown customer");
    assert_eq!(reply.json, json!({"detail": "Method \"GET\" not allowed."}));
    let put_list = app.api(Method::PUT, &customers_url(ORG), &app.token, Some(json!({}))).await;
    assert_eq!(put_list.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn the_lookup_comes_before_the_body() {
    let app = TestApp::new();
    let reply = app
        .request(
            Method::PATCH,
            &customer_url(ORG, "ZZZZZZZ"),
            &[("authorization", &format!("Token {}", app.token)), ("content-type", "application/json")],
            Some("{not json"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}
