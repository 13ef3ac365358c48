//! `GET /api/v1/organizers/` and `GET /api/v1/organizers/{organizer}/`.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn a_token_sees_only_its_own_organizer() {
    let app = TestApp::new();
    let reply = app.api(Method::GET, "/api/v1/organizers/", &app.token, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json,
        json!({"count": 1, "next": null, "previous": null, "results": [
            {"name": "Demo Venue", "slug": "demo", "public_url": "http://desk.test:8421/demo/"}
        ]})
    );
}

#[tokio::test]
async fn the_organizer_detail_needs_access_to_it() {
    let app = TestApp::new();
    let reply = app.api(Method::GET, "/api/v1/organizers/demo/", &app.token, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json["slug"], json!("demo"));
    let other = app.api(Method::GET, "/api/v1/organizers/demo/", &app.other_token, None).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    let anonymous = app.request(Method::GET, "/api/v1/organizers/", &[], None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}
