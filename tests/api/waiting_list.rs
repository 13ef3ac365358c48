//! Waiting lists as pretix 2026 behaves (`pretix-behaviour.md` §6): fields, the order of checks
//! and their messages, the per-email limit, the 403 once a voucher is sent, `send_voucher` and
//! its bare-list errors, concurrent sends for the last place, automatic assignment, and the
//! voucher mail through a real SMTP server on loopback.

use axum::http::{Method, StatusCode};
use chrono::TimeDelta;
use serde_json::{Value, json};
use tessera::auth::{self, Principal};
use tessera::outbox;
use tessera::waitinglist;
use tokio::net::TcpListener;

use crate::events::{ev, fixture, item, quota};
use crate::helpers::*;
use crate::outbox::{config, smtp_server};

async fn add(app: &TestApp, body: Value) -> crate::helpers::Reply {
    app.api(Method::POST, &ev("waitinglistentries/"), &app.token, Some(body)).await
}

async fn sold_out(app: &TestApp) -> (i64, i64) {
    let ticket = fixture(app, false).await;
    let q = quota(app, json!({"name": "Hall", "size": 1, "items": [ticket], "sold": 1})).await;
    (ticket, q["id"].as_i64().unwrap())
}

fn non_field(reply: &crate::helpers::Reply) -> String {
    reply.json["non_field_errors"][0].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn an_entry_reads_as_pretix_renders_it() {
    let app = TestApp::new();
    let (ticket, _) = sold_out(&app).await;
    let reply = add(&app, json!({"email": "ada@example.org", "item": ticket, "name_parts": {"full_name": "Ada L"}, "phone": "+4930123456"})).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let e = &reply.json;
    assert_eq!(e["name"], json!("Ada L"));
    assert_eq!(e["name_parts"], json!({"_scheme": "full", "full_name": "Ada L"}));
    assert_eq!(
        (e["voucher"].clone(), e["variation"].clone(), e["subevent"].clone()),
        (Value::Null, Value::Null, Value::Null)
    );
    assert_eq!((e["locale"].clone(), e["priority"].clone()), (json!("en"), json!(0)));
    assert_eq!(e["created"], json!("2026-03-01T18:30:00Z"));
    let nameless = add(&app, json!({"email": "bob@example.org", "item": ticket})).await;
    assert_eq!(nameless.json["name"], Value::Null, "null, not an empty string");

    let reply = add(&app, json!({})).await;
    assert_eq!(
        reply.json,
        json!({"email": ["This field is required."], "item": ["This field is required."]})
    );
    let reply = add(&app, json!({"email": "x@example.org", "item": 9999})).await;
    assert_eq!(reply.json["item"], json!(["Invalid pk \"9999\" - object does not exist."]));
    let reply = add(&app, json!({"email": "x@example.org", "item": ticket, "name_parts": null})).await;
    assert_eq!(reply.json["name_parts"], json!(["This field may not be null."]));
    let reply = add(&app, json!({"email": "x@example.org", "item": ticket, "name_parts": 5})).await;
    assert_eq!(
        reply.json["name_parts"],
        json!(["Invalid data type"]),
        "pretix crashes here; Tessera answers 400"
    );
}

#[tokio::test]
async fn entries_are_only_taken_for_products_that_are_not_available() {
    let app = TestApp::new();
    let ticket = fixture(&app, false).await;
    let reply = add(&app, json!({"email": "a@example.org", "item": ticket})).await;
    assert_eq!(non_field(&reply), "This product is currently available.", "a product in no quota");
    let unlimited = quota(&app, json!({"name": "Unlimited", "size": null, "items": [ticket]})).await;
    let reply = add(&app, json!({"email": "a@example.org", "item": ticket})).await;
    assert_eq!(non_field(&reply), "This product is currently available.", "only unlimited quotas");
    // Several quotas: the product is as available as its scarcest one.
    let hall = quota(&app, json!({"name": "Hall", "size": 2, "items": [ticket]})).await;
    assert_eq!(
        add(&app, json!({"email": "a@example.org", "item": ticket})).await.status,
        StatusCode::BAD_REQUEST
    );
    let url = ev(&format!("quotas/{}/", hall["id"]));
    app.api(Method::PATCH, &url, &app.token, Some(json!({"sold": 1}))).await;
    assert_eq!(
        add(&app, json!({"email": "a@example.org", "item": ticket})).await.status,
        StatusCode::BAD_REQUEST
    );
    // One place left, and one person waiting for it: the next one may wait too.
    let reply = app.api(Method::PATCH, &url, &app.token, Some(json!({"sold": 2}))).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        add(&app, json!({"email": "a@example.org", "item": ticket})).await.status,
        StatusCode::CREATED
    );
    app.api(Method::PATCH, &url, &app.token, Some(json!({"sold": 1}))).await;
    assert_eq!(
        add(&app, json!({"email": "b@example.org", "item": ticket})).await.status,
        StatusCode::CREATED,
        "the free place is claimed by the waiting list"
    );
    let _ = unlimited;
}

#[tokio::test]
async fn the_checks_run_in_pretix_order_with_pretix_messages() {
    let app = TestApp::new();
    let (ticket, _) = sold_out(&app).await;
    assert_eq!(
        add(&app, json!({"email": "Ada@Example.org", "item": ticket})).await.status,
        StatusCode::CREATED
    );
    let reply = add(&app, json!({"email": "ada@example.ORG", "item": ticket})).await;
    assert_eq!(
        non_field(&reply),
        "You are already on this waiting list! We will notify you as soon as we have a ticket available for you."
    );
    app.api(Method::PATCH, &ev("settings/"), &app.token, Some(json!({"waiting_list_limit_per_user": 2})))
        .await;
    assert_eq!(
        add(&app, json!({"email": "ada@example.org", "item": ticket})).await.status,
        StatusCode::CREATED
    );

    // A product of another event.
    let other = app
        .api(
            Method::POST,
            &crate::events::events_url(),
            &app.token,
            Some(json!({"name": "O", "slug": "other", "date_from": "2030-01-01T10:00:00Z"})),
        )
        .await;
    assert_eq!(other.status, StatusCode::CREATED);
    let foreign = app
        .api(
            Method::POST,
            &format!("/api/v1/organizers/{ORG}/events/other/items/"),
            &app.token,
            Some(json!({"name": "X", "default_price": "0"})),
        )
        .await
        .json["id"]
        .clone();
    let reply = add(&app, json!({"email": "z@example.org", "item": foreign})).await;
    assert_eq!(non_field(&reply), "The selected item does not belong to this event.");

    let seat = app
        .api(
            Method::POST,
            &ev("items/"),
            &app.token,
            Some(json!({"name": "Seat", "default_price": "0", "variations": [{"value": "A"}]})),
        )
        .await
        .json;
    let reply = add(&app, json!({"email": "z@example.org", "item": seat["id"]})).await;
    assert_eq!(non_field(&reply), "Please select a specific variation of this product.");
    let reply = add(&app, json!({"email": "z@example.org", "item": ticket, "subevent": 1})).await;
    assert_eq!(reply.json["subevent"], json!(["Invalid pk \"1\" - object does not exist."]));
    let reply = add(&app, json!({"email": "z@example.org", "item": ticket, "locale": "xx"})).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn series_need_a_date_and_availability_is_counted_per_date() {
    let app = TestApp::new();
    let ticket = fixture(&app, true).await;
    let date = |day: u32| {
        let app = &app;
        async move {
            let r = app
                .api(
                    Method::POST,
                    &ev("subevents/"),
                    &app.token,
                    Some(json!({"name": format!("Day {day}"), "date_from": format!("2030-01-0{day}T19:00:00Z"), "meta_data": {}, "active": true})),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            r.json["id"].as_i64().unwrap()
        }
    };
    let (one, two) = (date(1).await, date(2).await);
    let reply = app
        .api(
            Method::POST,
            &ev("subevents/"),
            &app.token,
            Some(json!({"name": "X", "date_from": "2030-01-03T19:00:00Z"})),
        )
        .await;
    assert_eq!(reply.json["meta_data"], json!(["This field is required."]));
    let reply = app
        .api(
            Method::POST,
            &ev("quotas/"),
            &app.token,
            Some(json!({"name": "Q", "size": 1, "items": [ticket]})),
        )
        .await;
    assert_eq!(reply.json["non_field_errors"], json!(["Subevent cannot be null for event series."]));
    quota(&app, json!({"name": "Day 1", "size": 1, "sold": 1, "items": [ticket], "subevent": one})).await;
    quota(&app, json!({"name": "Day 2", "size": 5, "items": [ticket], "subevent": two})).await;

    let reply = add(&app, json!({"email": "a@example.org", "item": ticket})).await;
    assert_eq!(non_field(&reply), "Subevent cannot be null for event series.");
    assert_eq!(
        add(&app, json!({"email": "a@example.org", "item": ticket, "subevent": one})).await.status,
        StatusCode::CREATED
    );
    let reply = add(&app, json!({"email": "a@example.org", "item": ticket, "subevent": two})).await;
    assert_eq!(non_field(&reply), "This product is currently available.", "day two has places");
}

#[tokio::test]
async fn list_filters_and_ordering_follow_pretix() {
    let app = TestApp::new();
    let (ticket, _) = sold_out(&app).await;
    for (email, priority) in [("c@example.org", 0), ("a@example.org", 5), ("B@example.org", 0)] {
        let r = add(&app, json!({"email": email, "item": ticket, "priority": priority})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        app.clock.advance(TimeDelta::seconds(1));
    }
    let emails = |reply: &crate::helpers::Reply| -> Vec<String> {
        reply.json["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["email"].as_str().unwrap().to_string())
            .collect()
    };
    let default = app.api(Method::GET, &ev("waitinglistentries/"), &app.token, None).await;
    assert_eq!(
        emails(&default),
        ["c@example.org", "a@example.org", "B@example.org"],
        "by creation, not priority"
    );
    let by_email = app.api(Method::GET, &ev("waitinglistentries/?ordering=-email"), &app.token, None).await;
    assert_eq!(emails(&by_email), ["c@example.org", "a@example.org", "B@example.org"]);
    let exact = app.api(Method::GET, &ev("waitinglistentries/?email=b@example.org"), &app.token, None).await;
    assert_eq!(exact.json["count"], json!(0), "email filter is case-sensitive");
    let unknown = app.api(Method::GET, &ev("waitinglistentries/?item=9999"), &app.token, None).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let waiting = app.api(Method::GET, &ev("waitinglistentries/?has_voucher=false"), &app.token, None).await;
    assert_eq!(waiting.json["count"], json!(3));
}

#[tokio::test]
async fn send_voucher_creates_pretix_voucher_and_locks_the_entry() {
    let app = TestApp::new();
    let (ticket, quota_id) = sold_out(&app).await;
    let entry =
        add(&app, json!({"email": "ada@example.org", "item": ticket, "name_parts": {"full_name": "Ada"}}))
            .await
            .json;
    let id = entry["id"].as_i64().unwrap();
    let send = ev(&format!("waitinglistentries/{id}/send_voucher/"));
    let reply = app.api(Method::POST, &send, &app.token, None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json, json!(["This product is currently not available."]), "a bare list");

    app.api(Method::PATCH, &ev(&format!("quotas/{quota_id}/")), &app.token, Some(json!({"sold": 0}))).await;
    let reply = app.api(Method::POST, &send, &app.token, None).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text);
    assert!(reply.text.is_empty());
    let entry = app.api(Method::GET, &ev(&format!("waitinglistentries/{id}/")), &app.token, None).await.json;
    let voucher_id = entry["voucher"].as_i64().expect("voucher set");
    let v = app.api(Method::GET, &ev(&format!("vouchers/{voucher_id}/")), &app.token, None).await.json;
    assert_eq!(
        (v["max_usages"].clone(), v["block_quota"].clone(), v["tag"].clone()),
        (json!(1), json!(true), json!("waiting-list"))
    );
    assert_eq!(v["valid_until"], json!("2026-03-03T18:30:00Z"), "48 hours by default");
    assert_eq!(
        (v["item"].clone(), v["variation"].clone(), v["quota"].clone()),
        (json!(ticket), Value::Null, Value::Null)
    );
    assert_eq!(
        v["comment"],
        json!("Automatically created from waiting list entry for ada@example.org / Ada")
    );
    assert_eq!(v["code"].as_str().unwrap().len(), 16);

    let reply = app.api(Method::POST, &send, &app.token, None).await;
    assert_eq!(
        reply.json,
        json!(["This product is currently not available."]),
        "the voucher holds the only place"
    );
    let url = ev(&format!("waitinglistentries/{id}/"));
    let reply = app.api(Method::PATCH, &url, &app.token, Some(json!({"priority": 3}))).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(
        reply.json,
        json!({"detail": "This entry can not be changed as it has already been assigned a voucher."})
    );
    let reply = app.api(Method::DELETE, &url, &app.token, None).await;
    assert_eq!(
        reply.json,
        json!({"detail": "This entry can not be deleted as it has already been assigned a voucher."})
    );
    // Validation runs before the voucher check.
    let reply = app.api(Method::PATCH, &url, &app.token, Some(json!({"email": "nope"}))).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_second_send_for_the_same_entry_says_a_voucher_was_already_sent() {
    let app = TestApp::new();
    let (ticket, quota_id) = sold_out(&app).await;
    let id =
        add(&app, json!({"email": "ada@example.org", "item": ticket})).await.json["id"].as_i64().unwrap();
    app.api(Method::PATCH, &ev(&format!("quotas/{quota_id}/")), &app.token, Some(json!({"size": 3}))).await;
    let send = ev(&format!("waitinglistentries/{id}/send_voucher/"));
    assert_eq!(app.api(Method::POST, &send, &app.token, None).await.status, StatusCode::NO_CONTENT);
    let reply = app.api(Method::POST, &send, &app.token, None).await;
    assert_eq!(reply.json, json!(["A voucher has already been sent to this person."]));
}

#[tokio::test]
async fn patch_without_a_locale_resets_it_to_the_event_default_as_pretix_does() {
    let app = TestApp::new();
    let (ticket, _) = sold_out(&app).await;
    app.api(Method::PATCH, &ev("settings/"), &app.token, Some(json!({"locales": ["en", "de"]}))).await;
    let id =
        add(&app, json!({"email": "a@example.org", "item": ticket, "locale": "de"})).await.json["id"].clone();
    let url = ev(&format!("waitinglistentries/{id}/"));
    let reply = app.api(Method::PATCH, &url, &app.token, Some(json!({"priority": 2}))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!((reply.json["locale"].clone(), reply.json["priority"].clone()), (json!("en"), json!(2)));
    let reply = app.api(Method::PUT, &url, &app.token, Some(json!({"priority": 2}))).await;
    assert_eq!(
        reply.json,
        json!({"email": ["This field is required."], "item": ["This field is required."]})
    );
}

#[tokio::test]
async fn concurrent_sends_for_the_last_place_give_exactly_one_voucher() {
    let app = TestApp::new();
    let (ticket, quota_id) = sold_out(&app).await;
    let mut ids = Vec::new();
    for n in 0..8 {
        let r = add(&app, json!({"email": format!("p{n}@example.org"), "item": ticket})).await;
        ids.push(r.json["id"].as_i64().unwrap());
    }
    app.api(Method::PATCH, &ev(&format!("quotas/{quota_id}/")), &app.token, Some(json!({"sold": 0}))).await;
    let mut tasks = Vec::new();
    for id in ids {
        let router = app.router.clone();
        let token = app.token.clone();
        tasks.push(tokio::spawn(async move {
            use tower::ServiceExt;
            let request = axum::http::Request::builder()
                .method(Method::POST)
                .uri(ev(&format!("waitinglistentries/{id}/send_voucher/")))
                .header("authorization", format!("Token {token}"))
                .body(axum::body::Body::empty())
                .unwrap();
            router.oneshot(request).await.unwrap().status()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::NO_CONTENT).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::BAD_REQUEST).count(), 7);
    let vouchers = app.api(Method::GET, &ev("vouchers/?tag=waiting-list"), &app.token, None).await;
    assert_eq!(vouchers.json["count"], json!(1));
}

async fn with_voucher(app: &TestApp) -> Vec<String> {
    let r =
        app.api(Method::GET, &ev("waitinglistentries/?has_voucher=true&ordering=id"), &app.token, None).await;
    r.json["results"].as_array().unwrap().iter().map(|e| e["email"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn freed_places_go_to_the_next_entries_by_priority_without_over_assigning() {
    let app = TestApp::new();
    let (ticket, quota_id) = sold_out(&app).await;
    let mut ids = Vec::new();
    for (email, priority) in [("first@example.org", 0), ("second@example.org", 0), ("vip@example.org", 9)] {
        ids.push(
            add(&app, json!({"email": email, "item": ticket, "priority": priority})).await.json["id"]
                .as_i64()
                .unwrap(),
        );
        app.clock.advance(TimeDelta::seconds(1));
    }
    assert_eq!(waitinglist::assign_due(&app.app).unwrap(), 0, "nothing free yet");
    let quota_url = ev(&format!("quotas/{quota_id}/"));
    app.api(Method::PATCH, &quota_url, &app.token, Some(json!({"size": 2}))).await;
    assert_eq!(waitinglist::assign_due(&app.app).unwrap(), 1, "one place, one voucher");
    assert_eq!(waitinglist::assign_due(&app.app).unwrap(), 0, "and never a second");
    assert_eq!(with_voucher(&app).await, ["vip@example.org"], "priority first");

    // The voucher expires unused: its place goes to the next in line, by creation.
    app.clock.advance(TimeDelta::hours(49));
    assert_eq!(waitinglist::assign_due(&app.app).unwrap(), 1);
    assert_eq!(with_voucher(&app).await, ["first@example.org", "vip@example.org"]);

    // Automatic assignment off: nothing happens until someone sends one by hand.
    app.api(Method::PATCH, &ev("settings/"), &app.token, Some(json!({"waiting_list_auto": false}))).await;
    app.api(Method::PATCH, &quota_url, &app.token, Some(json!({"size": 5}))).await;
    assert_eq!(waitinglist::assign_due(&app.app).unwrap(), 0);
    let _ = ids;
    let _ = item;
}

#[tokio::test]
async fn the_voucher_mail_reaches_a_real_smtp_server_in_the_entrys_language() {
    let app = TestApp::new();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox = smtp_server(listener).await;
    let (ticket, quota_id) = sold_out(&app).await;
    app.api(Method::PATCH, &ev("settings/"), &app.token, Some(json!({"locales": ["en", "de"]}))).await;
    let entry = add(&app, json!({"email": "grete@example.org", "item": ticket, "locale": "de", "name_parts": {"full_name": "Grete"}})).await;
    assert_eq!(entry.status, StatusCode::CREATED, "{}", entry.text);
    app.api(Method::PATCH, &ev(&format!("quotas/{quota_id}/")), &app.token, Some(json!({"sold": 0}))).await;
    assert_eq!(waitinglist::assign_due(&app.app).unwrap(), 1);

    assert_eq!(outbox::deliver_due(&app.app, Some(&config(port))).await.unwrap(), 1);
    let received = inbox.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].0, "grete@example.org");
    let voucher_id = app
        .api(Method::GET, &ev(&format!("waitinglistentries/{}/", entry.json["id"])), &app.token, None)
        .await
        .json["voucher"]
        .clone();
    let code =
        app.api(Method::GET, &ev(&format!("vouchers/{voucher_id}/")), &app.token, None).await.json["code"]
            .as_str()
            .unwrap()
            .to_string();
    assert!(received[0].1.contains(&code), "{}", received[0].1);
    assert!(received[0].1.contains("Gutscheincode"), "German for a German entry: {}", received[0].1);
    let access = auth::authorize(&app.app, &Principal::System, ORG).unwrap();
    let mails = outbox::list(&app.app, &access).unwrap();
    assert_eq!((mails[0].kind.as_str(), mails[0].state.as_str()), ("waiting_list_voucher", "sent"));

    // The organizer's own text with placeholders wins.
    app.api(
        Method::PATCH,
        &format!("/api/v1/organizers/{ORG}/settings/"),
        &app.token,
        Some(json!({"mail_text_waiting_list": {"en": "Dear {name}: {code} for {event}", "de": "Liebe(r) {name}: {code} für {event}"}})),
    )
    .await;
    let second = add(&app, json!({"email": "max@example.org", "item": ticket})).await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.text);
    app.api(Method::PATCH, &ev(&format!("quotas/{quota_id}/")), &app.token, Some(json!({"size": 2}))).await;
    assert_eq!(waitinglist::assign_due(&app.app).unwrap(), 1);
    assert_eq!(outbox::deliver_due(&app.app, Some(&config(port))).await.unwrap(), 1);
    let received = inbox.lock().unwrap().clone();
    assert!(received[1].1.contains("Dear max@example.org: "), "{}", received[1].1);
    assert!(received[1].1.contains("for Spring Gala"), "{}", received[1].1);
}

#[tokio::test]
async fn the_desk_lists_the_waiting_list_with_voucher_state() {
    let app = TestApp::new();
    let (ticket, quota_id) = sold_out(&app).await;
    let cookie = app.desk_login().await;
    let base = format!("/api/desk/organizers/{ORG}/events/ev");
    let reply = app
        .desk(Method::POST, &format!("{base}/waiting-list"), &cookie,
            Some(json!({"email": "a@example.org", "name": "Ada", "phone": null, "item": ticket, "variation": null, "subevent": null, "locale": null, "priority": 0})))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let id = reply.json["id"].as_i64().unwrap();
    app.desk(Method::PUT, &format!("{base}/quotas/{quota_id}"), &cookie,
        Some(json!({"name": "Hall", "size": 1, "sold": 0, "closed": false, "items": [ticket], "variations": [], "subevent": null}))).await;
    let sent = app.desk(Method::POST, &format!("{base}/waiting-list/{id}/send-voucher"), &cookie, None).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.text);
    let rows = app.desk(Method::GET, &format!("{base}/waiting-list"), &cookie, None).await.json;
    assert_eq!(rows[0]["product"], json!("Ticket"));
    assert_eq!(rows[0]["voucher_code"], sent.json["code"]);
    assert_eq!(rows[0]["voucher_redeemed"], json!(false));
    let redeemed =
        app.desk(Method::POST, &format!("{base}/vouchers/{}/redeem", sent.json["id"]), &cookie, None).await;
    assert_eq!(redeemed.json["redeemed"], json!(1));
    let rows = app.desk(Method::GET, &format!("{base}/waiting-list"), &cookie, None).await.json;
    assert_eq!(rows[0]["voucher_redeemed"], json!(true));
    let detail = app.desk(Method::GET, &base, &cookie, None).await.json;
    assert_eq!(detail["quotas"][0]["sold"], json!(1), "a redeemed voucher is a sold ticket");
    assert_eq!(detail["quotas"][0]["available_number"], json!(0));
    assert!(detail["permissions"].as_array().unwrap().contains(&json!("event.orders:write")));
    let list = app.desk(Method::GET, &format!("/api/desk/organizers/{ORG}/events"), &cookie, None).await.json;
    assert_eq!((list[0]["slug"].clone(), list[0]["waiting"].clone()), (json!("ev"), json!(0)));
}

#[tokio::test]
async fn the_desk_can_reorder_and_correct_entries_while_places_are_free() {
    let app = TestApp::new();
    let (ticket, quota_id) = sold_out(&app).await;
    app.api(
        Method::PATCH,
        &ev("settings/"),
        &app.token,
        Some(json!({"waiting_list_auto": false, "locales": ["en", "de"]})),
    )
    .await;
    let entry = add(&app, json!({"email": "b@example.org", "item": ticket, "locale": "de"})).await.json;
    app.api(Method::PATCH, &ev(&format!("quotas/{quota_id}/")), &app.token, Some(json!({"size": 3}))).await;
    let cookie = app.desk_login().await;
    let url = format!("/api/desk/organizers/{ORG}/events/ev/waiting-list/{}", entry["id"]);
    let body = json!({"email": "b@example.org", "name": "B", "phone": null, "item": ticket, "variation": null, "subevent": null, "locale": null, "priority": 5});
    let reply = app.desk(Method::PUT, &url, &cookie, Some(body)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(
        (reply.json["priority"].clone(), reply.json["locale"].clone()),
        (json!(5), json!("de")),
        "the language stays"
    );
    // Over the pretix API a PUT names the product, so pretix's availability check applies.
    let api = ev(&format!("waitinglistentries/{}/", entry["id"]));
    let reply =
        app.api(Method::PUT, &api, &app.token, Some(json!({"email": "b@example.org", "item": ticket}))).await;
    assert_eq!(non_field(&reply), "This product is currently available.");
}
