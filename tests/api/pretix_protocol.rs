//! The HTTP protocol around pretix's resources: trailing slashes, bodies, media types, limits.

use axum::http::{Method, StatusCode, header};
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn reads_without_a_trailing_slash_are_redirected_and_writes_are_not_found() {
    let app = TestApp::new();
    let auth = format!("Token {}", app.token);
    for method in [Method::GET, Method::DELETE] {
        let reply = app
            .request(
                method.clone(),
                "/api/v1/organizers/demo/customers?email=a%40b.de",
                &[("authorization", &auth)],
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::MOVED_PERMANENTLY, "{method}");
        assert_eq!(
            reply.headers.get(header::LOCATION).unwrap(),
            "/api/v1/organizers/demo/customers/?email=a%40b.de"
        );
    }
    for method in [Method::POST, Method::PUT, Method::PATCH] {
        let reply = app
            .request(
                method.clone(),
                "/api/v1/organizers/demo/customers",
                &[("authorization", &auth)],
                Some("{}"),
            )
            .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{method}");
    }
}

#[tokio::test]
async fn malformed_json_is_a_parse_error() {
    let app = TestApp::new();
    let auth = format!("Token {}", app.token);
    let reply = app
        .request(
            Method::POST,
            &customers_url(ORG),
            &[("authorization", &auth), ("content-type", "application/json")],
            Some("{\"email\": "),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.json["detail"].as_str().unwrap().starts_with("JSON parse error"), "{}", reply.text);
}

#[tokio::test]
async fn a_body_that_is_not_an_object_is_refused() {
    let app = TestApp::new();
    let reply = app.api(Method::POST, &customers_url(ORG), &app.token, Some(json!([1, 2]))).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        json!({"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]})
    );
}

#[tokio::test]
async fn bodies_that_are_not_json_are_an_unsupported_media_type() {
    let app = TestApp::new();
    let auth = format!("Token {}", app.token);
    let reply = app
        .request(
            Method::POST,
            &customers_url(ORG),
            &[("authorization", &auth), ("content-type", "text/plain")],
            Some("hi"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(reply.json, json!({"detail": "Unsupported media type \"text/plain\" in request."}));
}

#[tokio::test]
async fn oversized_bodies_are_refused_before_they_are_read() {
    let app = TestApp::new();
    let auth = format!("Token {}", app.token);
    let huge = format!("{{\"notes\": \"{}\"}}", "x".repeat(tessera::http::MAX_BODY_BYTES + 1));
    let reply = app
        .request(
            Method::POST,
            &customers_url(ORG),
            &[("authorization", &auth), ("content-type", "application/json")],
            Some(&huge),
        )
        .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    let list = app.api(Method::GET, &customers_url(ORG), &app.token, None).await;
    assert_eq!(list.json["count"], json!(0));
}

#[tokio::test]
async fn wrong_types_get_drfs_messages() {
    let app = TestApp::new();
    let reply = app
        .api(
            Method::POST,
            &customers_url(ORG),
            &app.token,
            Some(json!({"email": {"a": 1}, "is_verified": [], "locale": null})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply.json,
        json!({
            "email": ["Not a valid string."],
            "is_verified": ["Must be a valid boolean."],
            "locale": ["This field may not be null."]
        })
    );
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s() {
    let app = TestApp::new();
    let reply = app.api(Method::GET, "/api/v1/nothing/here/", &app.token, None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json, json!({"detail": "Not found."}));
}
