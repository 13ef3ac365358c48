//! The desk's own API, as the UI in a LAN browser uses it: first set-up, login by session cookie,
//! customer search and forms; and that the desk and the pretix dialect see the same data.

use axum::http::{Method, StatusCode, header};
use serde_json::{Value, json};
use tessera::App;
use tessera::db::Db;

use crate::helpers::*;

fn form(email: &str, full_name: &str) -> Value {
    json!({
        "external_identifier": null, "email": email, "phone": "", "name_parts": {"_scheme": "full", "full_name": full_name},
        "is_active": true, "is_verified": false, "locale": "en", "notes": ""
    })
}

#[tokio::test]
async fn a_fresh_installation_needs_setup_and_setting_up_logs_in() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&dir.path().join("t.sqlite3")).unwrap();
    let router = tessera::http::router(app, &tessera::http::Options::default());
    let test = TestRouter(router);
    let status = test.call(Method::GET, "/api/desk/setup", None, None).await;
    assert_eq!(status.1, json!({"needs_setup": true}));
    let body = json!({"organizer_name": "Stadthalle", "organizer_slug": "stadthalle", "email": "boss@example.org", "password": "long enough"});
    let (code, session, cookie) = test.call(Method::POST, "/api/desk/setup", None, Some(body.clone())).await;
    assert_eq!(code, StatusCode::OK, "{session}");
    assert_eq!(session["organizers"][0]["slug"], json!("stadthalle"));
    assert_eq!(session["organizers"][0]["name_fields"], json!(["full_name"]));
    let cookie = cookie.expect("setup logs in");
    let (code, _, _) = test.call(Method::GET, "/api/desk/session", Some(&cookie), None).await;
    assert_eq!(code, StatusCode::OK);
    let (code, again, _) = test.call(Method::POST, "/api/desk/setup", None, Some(body)).await;
    assert_eq!(code, StatusCode::CONFLICT, "set-up happens once");
    assert_eq!(again["code"], json!("conflict"));
    assert_eq!(test.call(Method::GET, "/api/desk/setup", None, None).await.1, json!({"needs_setup": false}));
}

#[tokio::test]
async fn setup_reports_organizer_and_user_problems_together() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(
        Db::open(&dir.path().join("t.sqlite3")).unwrap(),
        std::sync::Arc::new(tessera::app::SystemClock),
    );
    let test = TestRouter(tessera::http::router(app, &tessera::http::Options::default()));
    let body = json!({"organizer_name": "", "organizer_slug": "-x", "email": "nope", "password": "short"});
    let (code, error, _) = test.call(Method::POST, "/api/desk/setup", None, Some(body)).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert_eq!(error["code"], json!("validation"));
    for field in ["organizer_name", "organizer_slug", "email", "password"] {
        assert!(error["fields"][field].is_array(), "{field} missing in {error}");
    }
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site_strict() {
    let app = TestApp::new();
    let body = json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}).to_string();
    let reply = app
        .request(Method::POST, "/api/desk/login", &[("content-type", "application/json")], Some(&body))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let cookie = reply.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(cookie.starts_with("tessera_session="));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(
        !reply.text.contains(cookie.split(';').next().unwrap().trim_start_matches("tessera_session=")),
        "no secret in the body"
    );
    assert_eq!(reply.json["user"]["email"], json!(ADMIN_EMAIL));
}

#[tokio::test]
async fn a_wrong_password_or_unknown_user_is_invalid_credentials() {
    let app = TestApp::new();
    for body in [
        json!({"email": ADMIN_EMAIL, "password": "wrong"}),
        json!({"email": "who@example.org", "password": "x"}),
    ] {
        let reply = app
            .request(
                Method::POST,
                "/api/desk/login",
                &[("content-type", "application/json")],
                Some(&body.to_string()),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.json["code"], json!("invalid_credentials"));
    }
}

#[tokio::test]
async fn without_a_session_the_desk_api_answers_unauthenticated() {
    let app = TestApp::new();
    for cookie in ["", "tessera_session=forged"] {
        let reply = app.desk(Method::GET, "/api/desk/organizers/demo/customers", cookie, None).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{cookie}");
        assert_eq!(reply.json["code"], json!("unauthenticated"));
    }
}

#[tokio::test]
async fn logging_out_ends_the_session() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    assert_eq!(
        app.desk(Method::POST, "/api/desk/logout", &cookie, None).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.desk(Method::GET, "/api/desk/session", &cookie, None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn sessions_expire_after_twelve_hours() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    app.clock.advance(chrono::TimeDelta::hours(12) + chrono::TimeDelta::seconds(1));
    assert_eq!(
        app.desk(Method::GET, "/api/desk/session", &cookie, None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_staff_user_cannot_reach_an_organizer_without_a_team_there() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let reply = app.desk(Method::GET, "/api/desk/organizers/other/customers", &cookie, None).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let session = app.desk(Method::GET, "/api/desk/session", &cookie, None).await;
    let slugs: Vec<&Value> =
        session.json["organizers"].as_array().unwrap().iter().map(|o| &o["slug"]).collect();
    assert_eq!(slugs, vec![&json!("demo")]);
}

#[tokio::test]
async fn search_finds_customers_by_name_email_phone_and_identifier() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let ada = app
        .create_customer(json!({"name_parts": {"full_name": "Ada Lovelace"}, "email": "ada@example.org", "phone": "+442079460958"}))
        .await;
    app.create_customer(json!({"name_parts": {"full_name": "Grace Hopper"}, "email": "grace@navy.mil"}))
        .await;
    let id = ada["identifier"].as_str().unwrap().to_string();
    for term in ["lovelace", "ADA@", "2079460", id.as_str(), &id.to_lowercase()] {
        let reply = app
            .desk(Method::GET, &format!("/api/desk/organizers/demo/customers?search={term}"), &cookie, None)
            .await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.json["total"], json!(1), "search {term}: {}", reply.text);
        assert_eq!(reply.json["items"][0]["identifier"], json!(id));
    }
    let all = app.desk(Method::GET, "/api/desk/organizers/demo/customers?page_size=1", &cookie, None).await;
    assert_eq!(all.json["total"], json!(2));
    assert_eq!(all.json["items"].as_array().unwrap().len(), 1);
    let wildcard =
        app.desk(Method::GET, "/api/desk/organizers/demo/customers?search=%25", &cookie, None).await;
    assert_eq!(wildcard.json["total"], json!(0), "% is searched for literally");
}

#[tokio::test]
async fn a_change_at_the_desk_shows_up_over_the_pretix_api_and_back() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let created = app
        .desk(
            Method::POST,
            "/api/desk/organizers/demo/customers",
            &cookie,
            Some(form("Ada@Example.org", "Ada")),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let id = created.json["identifier"].as_str().unwrap().to_string();
    assert_eq!(created.json["phone"], json!(null), "an empty form field means no phone");
    assert_eq!(created.json["notes"], json!(null));
    let over_api = app.api(Method::GET, &customer_url(ORG, &id), &app.token, None).await;
    assert_eq!(over_api.json["email"], json!("ada@example.org"));
    assert_eq!(over_api.json["name"], json!("Ada"));
    app.api(Method::PATCH, &customer_url(ORG, &id), &app.token, Some(json!({"notes": "from a till"}))).await;
    let at_desk =
        app.desk(Method::GET, &format!("/api/desk/organizers/demo/customers/{id}"), &cookie, None).await;
    assert_eq!(at_desk.json["notes"], json!("from a till"));
}

#[tokio::test]
async fn desk_forms_get_field_errors_and_edits_and_anonymize_work() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let bad = app
        .desk(Method::POST, "/api/desk/organizers/demo/customers", &cookie, Some(form("nope", "Ada")))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.json["code"], json!("validation"));
    assert_eq!(bad.json["fields"]["email"], json!(["Enter a valid email address."]));
    let created = app
        .desk(
            Method::POST,
            "/api/desk/organizers/demo/customers",
            &cookie,
            Some(form("a@example.org", "Ada")),
        )
        .await;
    let id = created.json["identifier"].as_str().unwrap();
    let url = format!("/api/desk/organizers/demo/customers/{id}");
    let edited = app.desk(Method::PUT, &url, &cookie, Some(form("b@example.org", "Ada L."))).await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text);
    assert_eq!(edited.json["name"], json!("Ada L."));
    let anon = app.desk(Method::POST, &format!("{url}/anonymize"), &cookie, None).await;
    assert_eq!(anon.json["email"], json!(null));
    let missing = app.desk(Method::GET, "/api/desk/organizers/demo/customers/ZZZZZZZ", &cookie, None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json["code"], json!("not_found"));
}

#[tokio::test]
async fn the_desk_api_refuses_bodies_that_are_not_json() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let reply = app
        .request(
            Method::POST,
            "/api/desk/organizers/demo/customers",
            &[("cookie", &cookie), ("content-type", "application/x-www-form-urlencoded")],
            Some("email=a%40b.de"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json["code"], json!("malformed"));
}

/// A router on a database that has not been set up.
struct TestRouter(axum::Router);

impl TestRouter {
    async fn call(
        &self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value, Option<String>) {
        use http_body_util::BodyExt;
        use tower::ServiceExt;
        let mut builder = axum::http::Request::builder().method(method).uri(path);
        if let Some(cookie) = cookie {
            builder = builder.header("cookie", cookie);
        }
        if body.is_some() {
            builder = builder.header("content-type", "application/json");
        }
        let request = builder
            .body(body.map(|b| axum::body::Body::from(b.to_string())).unwrap_or_else(axum::body::Body::empty))
            .unwrap();
        let response = self.0.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let cookie = response
            .headers()
            .get(header::SET_COOKIE)
            .map(|c| c.to_str().unwrap().split(';').next().unwrap().to_string());
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null), cookie)
    }
}

#[tokio::test]
async fn the_desk_sells_a_membership_records_uses_and_sees_uses_left_drop() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let created = app
        .desk(
            Method::POST,
            "/api/desk/organizers/demo/customers",
            &cookie,
            Some(form("m@example.org", "Ada")),
        )
        .await;
    let id = created.json["identifier"].as_str().unwrap().to_string();
    let bad_type = app
        .desk(Method::POST, "/api/desk/organizers/demo/membership-types", &cookie,
            Some(json!({"name": {"en": " "}, "transferable": false, "allow_parallel_usage": true, "max_usages": 2})))
        .await;
    assert_eq!(bad_type.json["fields"]["name"], json!(["This field is required."]));
    let t = app
        .desk(Method::POST, "/api/desk/organizers/demo/membership-types", &cookie,
            Some(json!({"name": {"en": "Two visits", "de": "Zwei Besuche"}, "transferable": false, "allow_parallel_usage": true, "max_usages": 2})))
        .await;
    assert_eq!(t.status, StatusCode::CREATED, "{}", t.text);
    let sell = json!({"membership_type": t.json["id"], "date_start": "2026-03-01T00:00:00Z", "date_end": "2027-02-28T23:59:59Z",
                      "attendee_name_parts": {"_scheme": "full", "full_name": "Ada"}, "testmode": false});
    let sold = app
        .desk(
            Method::POST,
            &format!("/api/desk/organizers/demo/customers/{id}/memberships"),
            &cookie,
            Some(sell),
        )
        .await;
    assert_eq!(sold.status, StatusCode::CREATED, "{}", sold.text);
    let m = sold.json["id"].clone();
    let list_url = format!("/api/desk/organizers/demo/customers/{id}/memberships");
    let listed = app.desk(Method::GET, &list_url, &cookie, None).await;
    assert_eq!(listed.json[0]["standing"], json!("valid"));
    assert_eq!(listed.json[0]["uses_left"], json!(2));
    let uses_url = format!("/api/desk/organizers/demo/memberships/{m}/uses");
    let first = app.desk(Method::POST, &uses_url, &cookie, Some(json!({"reference": "Gate A"}))).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    assert_eq!(app.desk(Method::GET, &list_url, &cookie, None).await.json[0]["uses_left"], json!(1));
    app.desk(Method::POST, &uses_url, &cookie, Some(json!({"reference": ""}))).await;
    let refused = app.desk(Method::POST, &uses_url, &cookie, Some(json!({"reference": ""}))).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.json["code"], json!("membership_refused"));
    let void = app.desk(Method::POST, &format!("{uses_url}/{}/void", first.json["id"]), &cookie, None).await;
    assert_eq!(void.json["voided"], json!(true));
    assert_eq!(app.desk(Method::GET, &list_url, &cookie, None).await.json[0]["uses_left"], json!(1));
    let moved = json!({"membership_type": t.json["id"], "date_start": "2026-03-01T00:00:00Z", "date_end": "2026-03-01T12:00:00Z",
                       "attendee_name_parts": {}, "testmode": true});
    let edited = app
        .desk(Method::PUT, &format!("/api/desk/organizers/demo/memberships/{m}"), &cookie, Some(moved))
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text);
    assert_eq!(edited.json["testmode"], json!(false), "test mode never changes");
    assert_eq!(app.desk(Method::GET, &list_url, &cookie, None).await.json[0]["standing"], json!("expired"));
    let in_use = app
        .desk(
            Method::DELETE,
            &format!("/api/desk/organizers/demo/membership-types/{}", t.json["id"]),
            &cookie,
            None,
        )
        .await;
    assert_eq!(in_use.status, StatusCode::CONFLICT, "a refusal, not a missing permission");
    assert_eq!(in_use.json["code"], json!("refused"));
    assert_eq!(in_use.json["message"], json!("Can only be deleted if unused."));
}

#[tokio::test]
async fn the_desk_adds_a_device_shows_its_pairing_code_and_qr_and_revokes_it() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let added = app
        .desk(Method::POST, "/api/desk/organizers/demo/devices", &cookie, Some(json!({"name": "Bar till"})))
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text);
    let code = added.json["initialization_token"].as_str().unwrap().to_string();
    assert_eq!(added.json["url"], json!("http://desk.test:8421"), "the address this browser used");
    assert!(added.json["qr_svg"].as_str().unwrap().starts_with("<?xml"), "an SVG QR code");
    assert_eq!(added.json["device"]["pairing_pending"], json!(true));
    let hardware = json!({"token": code, "hardware_brand": "Zebra", "hardware_model": "TC25", "software_brand": "Till", "software_version": "1"});
    let paired = app
        .request(
            Method::POST,
            "/api/v1/device/initialize",
            &[("content-type", "application/json")],
            Some(&hardware.to_string()),
        )
        .await;
    assert_eq!(paired.status, StatusCode::OK);
    let listed = app.desk(Method::GET, "/api/desk/organizers/demo/devices", &cookie, None).await;
    assert_eq!(listed.json[0]["pairing_pending"], json!(false));
    assert_eq!(listed.json[0]["hardware"], json!("Zebra TC25"));
    let spent = app.desk(Method::GET, "/api/desk/organizers/demo/devices/1/pairing", &cookie, None).await;
    assert_eq!(spent.status, StatusCode::CONFLICT);
    assert_eq!(spent.json["code"], json!("refused"));
    let renamed = app
        .desk(Method::PUT, "/api/desk/organizers/demo/devices/1", &cookie, Some(json!({"name": "Till 1"})))
        .await;
    assert_eq!(renamed.json["name"], json!("Till 1"));
    let revoked = app.desk(Method::POST, "/api/desk/organizers/demo/devices/1/revoke", &cookie, None).await;
    assert_eq!(revoked.json["revoked"], json!(true));
    let token = paired.json["api_token"].as_str().unwrap();
    let info = app
        .request(Method::GET, "/api/v1/device/info", &[("authorization", &format!("Device {token}"))], None)
        .await;
    assert_eq!(info.json, json!({"detail": "Device access has been revoked."}));
}

#[tokio::test]
async fn the_desk_issues_cards_books_credit_and_finds_a_customer_by_a_scanned_card() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let customer = app.create_customer(json!({"email": "wallet@example.org"})).await;
    let id = customer["identifier"].as_str().unwrap();
    let base = format!("/api/desk/organizers/demo/customers/{id}");
    let card = app
        .desk(Method::POST, &format!("{base}/cards"), &cookie, Some(json!({"serialNumber": "ab-12"})))
        .await;
    assert_eq!(card.status, StatusCode::CREATED, "{}", card.text);
    let scanned = app.desk(Method::GET, "/api/desk/organizers/demo/cards/AB12", &cookie, None).await;
    assert_eq!(scanned.json["customer"]["id"], json!(id));
    let searched =
        app.desk(Method::GET, "/api/desk/organizers/demo/customers?search=ab%2012", &cookie, None).await;
    assert_eq!(searched.status, StatusCode::OK, "{}", searched.text);
    assert_eq!(searched.json["total"], json!(1));
    assert_eq!(
        searched.json["items"][0]["identifier"],
        json!(id),
        "the desk search finds a card's serial too"
    );

    let top = app
        .desk(Method::POST, &format!("{base}/credit/topup"), &cookie, Some(json!({"amount": "25.00"})))
        .await;
    assert_eq!(top.status, StatusCode::CREATED, "{}", top.text);
    let charge = app
        .desk(Method::POST, &format!("{base}/credit/charge"), &cookie, Some(json!({"amount": "30"})))
        .await;
    assert_eq!(charge.status, StatusCode::BAD_REQUEST);
    assert_eq!(charge.json["fields"]["amount"], json!(["Not enough credit: 25.00 EUR available."]));

    let settings = app
        .desk(
            Method::PUT,
            "/api/desk/organizers/demo/credit-settings",
            &cookie,
            Some(json!({"currency": "CHF", "limit": "10"})),
        )
        .await;
    assert_eq!(
        settings.json["fields"]["currency"][0],
        json!("Credit has been booked in the current currency; it cannot change any more.")
    );
    let settings = app
        .desk(
            Method::PUT,
            "/api/desk/organizers/demo/credit-settings",
            &cookie,
            Some(json!({"currency": "EUR", "limit": "10"})),
        )
        .await;
    assert_eq!(settings.json, json!({"currency": "EUR", "limit": "10.00"}));
    let charge = app
        .desk(Method::POST, &format!("{base}/credit/charge"), &cookie, Some(json!({"amount": "30"})))
        .await;
    assert_eq!(charge.status, StatusCode::CREATED, "the overdraft limit now allows it: {}", charge.text);
    assert_eq!(charge.json["balance"]["amount"], json!("-5.00"));
    assert_eq!(charge.json["entry"]["bookedBy"], json!(ADMIN_EMAIL));
    let ledger = app.desk(Method::GET, &format!("{base}/credit/entries?take=1"), &cookie, None).await;
    assert_eq!(ledger.json["totalCount"], json!(2));
    assert_eq!(ledger.json["items"][0]["kind"], json!("Charge"));
}
