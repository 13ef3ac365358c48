//! Events, items, quotas, vouchers and settings in the pretix dialect: pretix's required fields,
//! messages and permissions, and availability as Tessera counts it.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

pub fn events_url() -> String {
    format!("/api/v1/organizers/{ORG}/events/")
}

pub fn ev(path: &str) -> String {
    format!("/api/v1/organizers/{ORG}/events/ev/{path}")
}

/// An event `ev`, a free product and (when `size` is given) a quota of that size for it.
pub async fn fixture(app: &TestApp, series: bool) -> i64 {
    let reply = app
        .api(
            Method::POST,
            &events_url(),
            &app.token,
            Some(json!({"name": "Spring Gala", "slug": "ev", "date_from": "2030-01-01T19:00:00Z", "has_subevents": series})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    item(app, "Ticket").await
}

pub async fn item(app: &TestApp, name: &str) -> i64 {
    let reply = app
        .api(
            Method::POST,
            &ev("items/"),
            &app.token,
            Some(json!({"name": name, "default_price": "0.00", "admission": true})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json["id"].as_i64().unwrap()
}

pub async fn quota(app: &TestApp, body: Value) -> Value {
    let reply = app.api(Method::POST, &ev("quotas/"), &app.token, Some(body)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json
}

#[tokio::test]
async fn an_event_needs_name_slug_and_start_and_cannot_be_created_live() {
    let app = TestApp::new();
    let reply = app.api(Method::POST, &events_url(), &app.token, Some(json!({}))).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    for field in ["name", "slug", "date_from"] {
        assert_eq!(reply.json[field], json!(["This field is required."]), "{field}");
    }
    let reply = app
        .api(
            Method::POST,
            &events_url(),
            &app.token,
            Some(json!({"name": "X", "slug": "x", "date_from": "2030-01-01T10:00:00Z", "live": true})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.json["live"][0].as_str().unwrap().starts_with("Events cannot be created as 'live'."));
}

#[tokio::test]
async fn a_created_event_reads_as_pretix_renders_it_and_its_slug_is_checked_exactly() {
    let app = TestApp::new();
    let reply = app
        .api(
            Method::POST,
            &events_url(),
            &app.token,
            Some(json!({"name": "Plain", "slug": "ev1", "date_from": "2030-01-01T10:00:00Z"})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let e = &reply.json;
    assert_eq!(e["name"], json!({"en": "Plain"}));
    assert_eq!(
        (e["live"].clone(), e["testmode"].clone(), e["currency"].clone()),
        (json!(false), json!(false), json!("EUR"))
    );
    assert_eq!(e["date_from"], json!("2030-01-01T10:00:00Z"));
    assert_eq!(
        (e["date_to"].clone(), e["is_public"].clone(), e["has_subevents"].clone()),
        (Value::Null, json!(true), json!(false))
    );
    assert_eq!(e["meta_data"], json!({}));
    assert_eq!(e["timezone"], json!("UTC"));

    let again = |slug: &'static str| {
        let app = &app;
        async move {
            app.api(
                Method::POST,
                &events_url(),
                &app.token,
                Some(json!({"name": "Y", "slug": slug, "date_from": "2030-01-01T10:00:00Z"})),
            )
            .await
        }
    };
    let taken = again("ev1").await;
    assert_eq!(taken.json["slug"], json!(["This slug has already been used for a different event."]));
    assert_eq!(again("EV1").await.status, StatusCode::CREATED, "pretix's API compares exactly");
    assert_eq!(again("api").await.json["slug"], json!(["This field has an invalid value: api."]));
    assert_eq!(
        again("-bad").await.json["slug"],
        json!(["The slug may only contain letters, numbers, dots and dashes."])
    );

    let url = format!("{}ev1/", events_url());
    let reply = app.api(Method::PATCH, &url, &app.token, Some(json!({"slug": "other"}))).await;
    assert_eq!(reply.json["slug"], json!(["The event slug cannot be changed."]));
    let reply = app.api(Method::PATCH, &url, &app.token, Some(json!({"has_subevents": true}))).await;
    assert_eq!(
        reply.json["has_subevents"],
        json!(["Once created an event cannot change between an series and a single event."])
    );
    let reply =
        app.api(Method::PATCH, &url, &app.token, Some(json!({"date_to": "2029-01-01T00:00:00Z"}))).await;
    assert_eq!(reply.json["non_field_errors"], json!(["The event cannot end before it starts."]));
    let reply = app.api(Method::PATCH, &url, &app.token, Some(json!({"live": true}))).await;
    assert_eq!(reply.json["live"], json!(["You need to configure at least one quota to sell anything."]));
}

#[tokio::test]
async fn events_of_other_organizers_and_without_access_are_forbidden_alike() {
    let app = TestApp::new();
    fixture(&app, false).await;
    let foreign = format!("/api/v1/organizers/{OTHER_ORG}/events/ev/");
    assert_eq!(app.api(Method::GET, &foreign, &app.other_token, None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::GET, &ev(""), &app.other_token, None).await.status, StatusCode::FORBIDDEN);
    let unknown = format!("{}nope/", events_url());
    assert_eq!(app.api(Method::GET, &unknown, &app.token, None).await.status, StatusCode::FORBIDDEN);
    // A team without event permissions sees no events at all.
    let customers_only = app.token_with(&["organizer.customers:read"]);
    assert_eq!(app.api(Method::GET, &ev(""), &customers_only, None).await.status, StatusCode::FORBIDDEN);
    let list = app.api(Method::GET, &events_url(), &customers_only, None).await;
    assert_eq!(list.json["count"], json!(0));
    // Reading products needs only access; changing them needs event.items:write.
    let reader = app.token_with(&["event.orders:read"]);
    assert_eq!(app.api(Method::GET, &ev("items/"), &reader, None).await.status, StatusCode::OK);
    let reply =
        app.api(Method::POST, &ev("items/"), &reader, Some(json!({"name": "X", "default_price": "1"}))).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(app.api(Method::GET, &ev("vouchers/"), &reader, None).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn items_take_variations_only_when_created() {
    let app = TestApp::new();
    let plain = fixture(&app, false).await;
    let detail = app.api(Method::GET, &ev(&format!("items/{plain}/")), &app.token, None).await.json;
    assert_eq!(
        (detail["admission"].clone(), detail["personalized"].clone()),
        (json!(true), json!(true)),
        "admission implies personalized on create"
    );
    assert_eq!(detail["default_price"], json!("0.00"));
    assert_eq!(detail["has_variations"], json!(false));

    let reply = app
        .api(Method::POST, &ev("items/"), &app.token, Some(json!({"name": "X", "default_price": null})))
        .await;
    assert_eq!(reply.json["default_price"], json!(["This field may not be null."]));
    let reply = app
        .api(Method::POST, &ev("items/"), &app.token, Some(json!({"name": "X", "default_price": "1.005"})))
        .await;
    assert_eq!(reply.json["default_price"], json!(["Ensure that there are no more than 2 decimal places."]));
    let reply = app
        .api(
            Method::POST,
            &ev("items/"),
            &app.token,
            Some(json!({"name": "X", "default_price": "1", "personalized": true})),
        )
        .await;
    assert_eq!(
        reply.json["non_field_errors"],
        json!(["Only admission products can currently be personalized."])
    );

    let reply = app
        .api(
            Method::POST,
            &ev(&format!("items/{plain}/variations/")),
            &app.token,
            Some(json!({"value": "VIP"})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.json["detail"].as_str().unwrap().starts_with("This variation cannot be created"));

    let reply = app
        .api(
            Method::POST,
            &ev("items/"),
            &app.token,
            Some(json!({"name": "Seat", "default_price": "10.00", "variations": [{"value": "Front", "default_price": "15.00"}, {"value": "Back"}]})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let id = reply.json["id"].as_i64().unwrap();
    let v = &reply.json["variations"];
    assert_eq!(
        (v[0]["price"].clone(), v[1]["price"].clone(), v[1]["default_price"].clone()),
        (json!("15.00"), json!("10.00"), Value::Null)
    );
    let reply = app
        .api(Method::PATCH, &ev(&format!("items/{id}/")), &app.token, Some(json!({"variations": []})))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let variations =
        app.api(Method::GET, &ev(&format!("items/{id}/variations/")), &app.token, None).await.json;
    assert_eq!(variations["count"], json!(2));
    let first = v[0]["id"].as_i64().unwrap();
    let second = v[1]["id"].as_i64().unwrap();
    let url = ev(&format!("items/{id}/variations/{first}/"));
    assert_eq!(app.api(Method::DELETE, &url, &app.token, None).await.status, StatusCode::NO_CONTENT);
    let url = ev(&format!("items/{id}/variations/{second}/"));
    assert_eq!(
        app.api(Method::DELETE, &url, &app.token, None).await.status,
        StatusCode::FORBIDDEN,
        "the only variation"
    );
}

#[tokio::test]
async fn quotas_are_checked_against_their_event_and_report_availability() {
    let app = TestApp::new();
    let ticket = fixture(&app, false).await;
    let seat = app
        .api(
            Method::POST,
            &ev("items/"),
            &app.token,
            Some(json!({"name": "Seat", "default_price": "0", "variations": [{"value": "A"}]})),
        )
        .await
        .json;
    let seat_id = seat["id"].as_i64().unwrap();
    let reply = app
        .api(Method::POST, &ev("quotas/"), &app.token, Some(json!({"name": "Q", "items": [seat_id]})))
        .await;
    assert_eq!(
        reply.json["non_field_errors"],
        json!(["One or more items has variations but none of these are in the variations list."])
    );
    let reply =
        app.api(Method::POST, &ev("quotas/"), &app.token, Some(json!({"name": "Q", "items": [9999]}))).await;
    assert_eq!(reply.json["items"], json!(["Invalid pk \"9999\" - object does not exist."]));
    let reply = app.api(Method::POST, &ev("quotas/"), &app.token, Some(json!({"size": 3}))).await;
    assert_eq!(reply.json["name"], json!(["This field is required."]));

    let q = quota(&app, json!({"name": "Hall", "size": 5, "items": [ticket]})).await;
    assert_eq!(q["subevent"], Value::Null);
    assert_eq!(q["sold"], json!(0));
    let id = q["id"].as_i64().unwrap();
    let reply =
        app.api(Method::PATCH, &ev(&format!("quotas/{id}/")), &app.token, Some(json!({"sold": 2}))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let availability =
        app.api(Method::GET, &ev(&format!("quotas/{id}/availability/")), &app.token, None).await.json;
    assert_eq!(
        availability,
        json!({"paid_orders": 2, "pending_orders": 0, "exited_orders": 0, "blocking_vouchers": 0,
               "cart_positions": 0, "waiting_list": 0, "available_number": 3, "available": true, "total_size": 5})
    );
    let listed = app.api(Method::GET, &ev("quotas/?with_availability=true"), &app.token, None).await.json;
    assert_eq!(listed["results"][0]["available_number"], json!(3));

    // A voucher blocking two places leaves one; unlimited quotas have no number.
    let reply = app
        .api(
            Method::POST,
            &ev("vouchers/"),
            &app.token,
            Some(json!({"item": ticket, "block_quota": true, "max_usages": 2})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let availability =
        app.api(Method::GET, &ev(&format!("quotas/{id}/availability/")), &app.token, None).await.json;
    assert_eq!(
        (availability["blocking_vouchers"].clone(), availability["available_number"].clone()),
        (json!(2), json!(1))
    );
    let unlimited = quota(&app, json!({"name": "Unlimited", "size": null, "items": [ticket]})).await;
    let url = ev(&format!("quotas/{}/availability/", unlimited["id"]));
    let availability = app.api(Method::GET, &url, &app.token, None).await.json;
    assert_eq!(
        (availability["available_number"].clone(), availability["available"].clone()),
        (Value::Null, json!(true))
    );
}

#[tokio::test]
async fn vouchers_have_pretix_defaults_codes_and_quota_rules() {
    let app = TestApp::new();
    let ticket = fixture(&app, false).await;
    let reply = app.api(Method::POST, &ev("vouchers/"), &app.token, Some(json!({}))).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let v = &reply.json;
    let code = v["code"].as_str().unwrap();
    assert_eq!(code.len(), 16);
    assert!(code.chars().all(|c| "ABCDEFGHKLMNPQRSTUVWXYZ23456789".contains(c)));
    assert_eq!(
        (v["max_usages"].clone(), v["redeemed"].clone(), v["price_mode"].clone()),
        (json!(1), json!(0), json!("none"))
    );
    assert_eq!(v["budget_used"], json!("0.00"));

    let reply = app.api(Method::POST, &ev("vouchers/"), &app.token, Some(json!({"code": "abcd"}))).await;
    assert_eq!(reply.json["code"], json!(["Ensure this field has at least 5 characters."]));
    app.api(Method::POST, &ev("vouchers/"), &app.token, Some(json!({"code": "hello1"}))).await;
    let reply = app.api(Method::POST, &ev("vouchers/"), &app.token, Some(json!({"code": "HELLO1"}))).await;
    assert_eq!(reply.json["code"], json!(["A voucher with this code already exists."]), "ignoring case");
    let reply = app.api(Method::POST, &ev("vouchers/"), &app.token, Some(json!({"block_quota": true}))).await;
    assert_eq!(
        reply.json["non_field_errors"],
        json!(["You need to select a specific product or quota if this voucher should reserve tickets."])
    );
    let q = quota(&app, json!({"name": "Hall", "size": 1, "items": [ticket]})).await;
    let reply = app
        .api(Method::POST, &ev("vouchers/"), &app.token, Some(json!({"quota": q["id"], "item": ticket})))
        .await;
    assert_eq!(
        reply.json["non_field_errors"],
        json!(["You cannot select a quota and a specific product at the same time."])
    );
    let blocking = app
        .api(Method::POST, &ev("vouchers/"), &app.token, Some(json!({"item": ticket, "block_quota": true})))
        .await;
    assert_eq!(blocking.status, StatusCode::CREATED);
    let reply = app
        .api(Method::POST, &ev("vouchers/"), &app.token, Some(json!({"item": ticket, "block_quota": true})))
        .await;
    assert_eq!(
        reply.json["non_field_errors"],
        json!([
            "You cannot create a voucher that blocks quota as the selected product or quota is currently sold out or completely reserved."
        ])
    );
    let batch = app
        .api(
            Method::POST,
            &ev("vouchers/batch_create/"),
            &app.token,
            Some(json!([{"code": "SAME1"}, {"code": "same1"}])),
        )
        .await;
    assert_eq!(batch.status, StatusCode::BAD_REQUEST);
    assert_eq!(batch.json[1]["code"], json!(["Duplicate voucher code in request."]));

    // Redeeming is recorded; a redeemed voucher cannot be deleted.
    let id = blocking.json["id"].as_i64().unwrap();
    let reply = app
        .api(Method::POST, &ev(&format!("vouchers/{id}/redeem/")), &app.token, Some(json!({"note": "door"})))
        .await;
    assert_eq!(reply.json["redeemed"], json!(1));
    let again = app.api(Method::POST, &ev(&format!("vouchers/{id}/redeem/")), &app.token, None).await;
    assert_eq!(again.status, StatusCode::FORBIDDEN, "used up");
    let redemptions =
        app.api(Method::GET, &ev(&format!("vouchers/{id}/redemptions/")), &app.token, None).await;
    assert_eq!(redemptions.json[0]["note"], json!("door"));
    let reply = app.api(Method::DELETE, &ev(&format!("vouchers/{id}/")), &app.token, None).await;
    assert_eq!(reply.json["detail"], json!("This voucher can not be deleted as it has already been used."));
    let listed = app.api(Method::GET, &ev("vouchers/?code=hello1"), &app.token, None).await.json;
    assert_eq!(listed["count"], json!(1));
}

#[tokio::test]
async fn event_settings_have_pretix_defaults_and_null_reverts() {
    let app = TestApp::new();
    fixture(&app, false).await;
    let s = app.api(Method::GET, &ev("settings/"), &app.token, None).await.json;
    assert_eq!(
        (
            s["waiting_list_enabled"].clone(),
            s["waiting_list_auto"].clone(),
            s["waiting_list_hours"].clone(),
            s["waiting_list_limit_per_user"].clone()
        ),
        (json!(false), json!(true), json!(48), json!(1))
    );
    let reply =
        app.api(Method::PATCH, &ev("settings/"), &app.token, Some(json!({"waiting_list_hours": 0}))).await;
    assert_eq!(reply.json["waiting_list_hours"], json!(["Ensure this value is greater than or equal to 1."]));
    let reply = app
        .api(
            Method::PATCH,
            &ev("settings/"),
            &app.token,
            Some(json!({"waiting_list_hours": 2, "unknown_key": 1})),
        )
        .await;
    assert_eq!(reply.json["waiting_list_hours"], json!(2));
    assert!(reply.json.get("unknown_key").is_none());
    let reply =
        app.api(Method::PATCH, &ev("settings/"), &app.token, Some(json!({"waiting_list_hours": null}))).await;
    assert_eq!(reply.json["waiting_list_hours"], json!(48));
    let reader = app.token_with(&["event.orders:read"]);
    let reply =
        app.api(Method::PATCH, &ev("settings/"), &reader, Some(json!({"waiting_list_hours": 3}))).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn organizer_smtp_settings_are_written_with_pretix_keys_and_the_password_never_comes_back() {
    let app = TestApp::new();
    let url = format!("/api/v1/organizers/{ORG}/settings/");
    let reply = app
        .api(
            Method::PATCH,
            &url,
            &app.token,
            Some(json!({"smtp_use_custom": true, "smtp_host": "mail.example.org", "smtp_port": 465,
                "smtp_username": "box", "smtp_password": "s3cret", "smtp_use_ssl": true, "mail_from": "box@example.org"})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert!(!reply.text.contains("s3cret"));
    assert!(reply.json.get("smtp_password").is_none());
    assert_eq!(
        (reply.json["smtp_use_ssl"].clone(), reply.json["smtp_use_tls"].clone()),
        (json!(true), json!(false))
    );
    let cookie = app.desk_login().await;
    let desk =
        app.desk(Method::GET, &format!("/api/desk/organizers/{ORG}/mail-settings"), &cookie, None).await;
    assert_eq!(desk.json["host"], json!("mail.example.org"));
    assert_eq!((desk.json["tls"].clone(), desk.json["has_password"].clone()), (json!("tls"), json!(true)));
    let reply = app.api(Method::PATCH, &url, &app.token, Some(json!({"smtp_use_tls": true}))).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "STARTTLS and SSL together");
    let reply =
        app.api(Method::PATCH, &url, &app.token, Some(json!({"mail_text_waiting_list": "Hi {nope}"}))).await;
    assert_eq!(reply.json["mail_text_waiting_list"], json!(["Invalid placeholder: {nope}"]));
    let reply = app.api(Method::GET, &url, &app.token, None).await;
    assert!(!reply.text.contains("s3cret"));
}

#[tokio::test]
async fn a_terminal_is_told_which_live_event_to_work_on() {
    let app = TestApp::new();
    let (device, token) = app.paired_device("Door").await;
    let url = format!("/api/v1/organizers/{ORG}/devices/{}/", device["device_id"]);
    let reply = app.api(Method::PATCH, &url, &app.token, Some(json!({"all_events": true}))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let select = "/api/v1/device/eventselection";
    assert_eq!(
        app.device_call(Method::GET, select, &token, None).await.status,
        StatusCode::NOT_FOUND,
        "no live event"
    );

    let ticket = fixture(&app, false).await;
    quota(&app, json!({"name": "Hall", "size": 10, "items": [ticket]})).await;
    let reply = app.api(Method::PATCH, &ev(""), &app.token, Some(json!({"live": true}))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let reply = app.device_call(Method::GET, select, &token, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(
        reply.json,
        json!({"event": {"slug": "ev", "name": "Spring Gala"}, "subevent": null, "checkinlist": null})
    );
    let current = format!("{select}?current_event=ev");
    assert_eq!(app.device_call(Method::GET, &current, &token, None).await.status, StatusCode::NOT_MODIFIED);
    assert_eq!(
        app.api(Method::GET, select, &app.token, None).await.status,
        StatusCode::UNAUTHORIZED,
        "devices only"
    );
}

#[tokio::test]
async fn numbers_beyond_what_pretix_stores_are_refused_not_crashed_on() {
    let app = TestApp::new();
    let ticket = fixture(&app, false).await;
    let reply = app
        .api(
            Method::POST,
            &ev("quotas/"),
            &app.token,
            Some(json!({"name": "Q", "size": 9_000_000_000i64, "items": [ticket]})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let reply = app
        .api(
            Method::POST,
            &ev("vouchers/"),
            &app.token,
            Some(json!({"value": "1e27", "max_usages": 5_000_000_000i64})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
    let reply = app
        .api(Method::POST, &ev("vouchers/"), &app.token, Some(json!({"value": "99999999999999999999999999"})))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
    let reply = app
        .api(
            Method::POST,
            &ev("items/"),
            &app.token,
            Some(json!({"name": "X", "default_price": "99999999999999999999999999"})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
    let reply = app
        .api(Method::PATCH, &ev("settings/"), &app.token, Some(json!({"waiting_list_hours": 2147483647})))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
}
