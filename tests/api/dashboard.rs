//! The desk's start screen: today's credit by the hour, active memberships, waiting lists, the
//! outbox and the last backup, from the same data the other screens show.

use axum::http::{Method, StatusCode};
use chrono::TimeDelta;
use serde_json::json;

use crate::credit::pos;
use crate::events::{ev, fixture, quota};
use crate::helpers::*;

const SINCE: &str = "2026-03-01T00:00:00Z";

fn url() -> String {
    format!("/api/desk/organizers/{ORG}/dashboard?since={SINCE}")
}

#[tokio::test]
async fn the_start_screen_sums_the_day_by_the_hour() {
    let app = TestApp::new();
    let customer = app.create_customer(json!({"email": "dash@example.org"})).await;
    let id = customer["identifier"].as_str().unwrap();
    let book = |op: &'static str, key: &'static str, amount: &'static str| {
        let path = format!("/customers/{id}/credit/{op}");
        let app = &app;
        async move {
            let reply =
                pos(app, Method::POST, &path, &app.token, Some(key), Some(json!({"amount": amount}))).await;
            assert!(reply.status.is_success(), "{}", reply.text);
        }
    };
    // 18:30: a top-up and a charge; 19:30: another top-up.
    book("topup", "a", "20.00").await;
    book("charge", "b", "7.50").await;
    app.clock.advance(TimeDelta::hours(1));
    book("topup", "c", "5").await;

    let types = format!("/api/v1/organizers/{ORG}/membershiptypes/");
    let season = app
        .api(Method::POST, &types, &app.token, Some(json!({"name": {"en": "Season", "de": "Saison"}})))
        .await;
    let membership = json!({"customer": id, "membership_type": season.json["id"],
        "date_start": "2026-03-01T00:00:00Z", "date_end": "2026-03-31T23:59:59Z"});
    let made = app
        .api(Method::POST, &format!("/api/v1/organizers/{ORG}/memberships/"), &app.token, Some(membership))
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);

    let ticket = fixture(&app, false).await;
    quota(&app, json!({"name": "Hall", "size": 1, "items": [ticket], "sold": 1})).await;
    for email in ["a@example.org", "b@example.org"] {
        let body = json!({"email": email, "item": ticket});
        let added = app.api(Method::POST, &ev("waitinglistentries/"), &app.token, Some(body)).await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.text);
    }

    // Pairing is a terminal's first contact: it counts as seen.
    app.paired_device("Bar till").await;
    let cookie = app.desk_login().await;
    let dir = tempfile::tempdir().unwrap();
    tessera::backups::create(&app.app, dir.path()).unwrap();
    let reply = app.desk(Method::GET, &url(), &cookie, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let d = &reply.json;
    assert_eq!(d["currency"], json!("EUR"));
    assert_eq!(d["topups"], json!({"count": 2, "total": "25.00"}));
    assert_eq!(d["charges"], json!({"count": 1, "total": "7.50"}));
    assert_eq!(d["refunds"], json!({"count": 0, "total": "0.00"}));
    let hours = d["hours"].as_array().unwrap();
    assert_eq!(hours.len(), 24);
    assert_eq!(hours[18], json!({"start": "2026-03-01T18:00:00Z", "topups": "20.00", "charges": "7.50"}));
    assert_eq!(hours[19], json!({"start": "2026-03-01T19:00:00Z", "topups": "5.00", "charges": "0.00"}));
    assert_eq!(hours[0]["topups"], json!("0.00"));
    assert_eq!(
        d["memberships"],
        json!([{"membership_type": season.json["id"], "name": "Season", "active": 1}])
    );
    assert_eq!(d["waiting_lists"][0]["event"], json!("ev"));
    assert_eq!(d["waiting_lists"][0]["waiting"], json!(2));
    assert_eq!(d["waiting_lists"][0]["with_voucher"], json!(0));
    assert_eq!(d["outbox"]["queued"], json!(0));
    assert_eq!(d["terminals"][0]["name"], json!("Bar till"));
    assert_eq!(d["terminals"][0]["last_seen"], json!("2026-03-01T19:30:00Z"));
    assert_eq!(d["last_backup"]["kind"], json!("manual"));

    // In German, names kept in both languages read in German.
    let german =
        app.desk(Method::PUT, "/api/desk/session/locale", &cookie, Some(json!({"locale": "de"}))).await;
    assert_eq!(german.json["user"]["locale"], json!("de"));
    let reply = app.desk(Method::GET, &url(), &cookie, None).await;
    assert_eq!(reply.json["memberships"][0]["name"], json!("Saison"));

    // The next day starts empty.
    let tomorrow = app
        .desk(
            Method::GET,
            &format!("/api/desk/organizers/{ORG}/dashboard?since=2026-03-02T00:00:00Z"),
            &cookie,
            None,
        )
        .await;
    assert_eq!(tomorrow.json["topups"]["count"], json!(0));
}

#[tokio::test]
async fn the_start_screen_checks_its_input_and_who_asks() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let bad = app
        .desk(Method::GET, &format!("/api/desk/organizers/{ORG}/dashboard?since=today"), &cookie, None)
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.json["fields"]["since"].is_array(), "{}", bad.text);
    let locale =
        app.desk(Method::PUT, "/api/desk/session/locale", &cookie, Some(json!({"locale": "fr"}))).await;
    assert_eq!(locale.status, StatusCode::BAD_REQUEST);
    let nobody = app.request(Method::GET, &url(), &[], None).await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
    let unknown = app
        .desk(Method::GET, &format!("/api/desk/organizers/nowhere/dashboard?since={SINCE}"), &cookie, None)
        .await;
    assert!(unknown.status == StatusCode::FORBIDDEN || unknown.status == StatusCode::NOT_FOUND);
}
