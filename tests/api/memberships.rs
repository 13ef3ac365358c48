//! Membership types, memberships (pretix dialect) and recording uses of them (Tessera's own).

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use tessera::auth::{self, Principal};
use tessera::customers;

use crate::helpers::*;

fn types_url(org: &str) -> String {
    format!("/api/v1/organizers/{org}/membershiptypes/")
}

fn memberships_url(org: &str) -> String {
    format!("/api/v1/organizers/{org}/memberships/")
}

async fn make_type(app: &TestApp, body: Value) -> Value {
    let reply = app.api(Method::POST, &types_url(ORG), &app.token, Some(body)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json
}

/// A customer and a membership of a new type valid through March 2026.
async fn setup_membership(app: &TestApp, type_body: Value) -> (String, Value) {
    let customer = app.create_customer(json!({"email": "m@example.org"})).await;
    let identifier = customer["identifier"].as_str().unwrap().to_string();
    let t = make_type(app, type_body).await;
    let body = json!({
        "customer": identifier, "membership_type": t["id"],
        "date_start": "2026-03-01T00:00:00Z", "date_end": "2026-03-31T23:59:59Z",
        "attendee_name_parts": {"_scheme": "full", "full_name": "Ada"}
    });
    let reply = app.api(Method::POST, &memberships_url(ORG), &app.token, Some(body)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    (identifier, reply.json)
}

fn uses_url(membership: &Value) -> String {
    format!("{}{}/uses/", memberships_url(ORG), membership["id"])
}

#[tokio::test]
async fn membership_types_need_a_name_and_take_pretixs_defaults() {
    let app = TestApp::new();
    let empty = app.api(Method::POST, &types_url(ORG), &app.token, Some(json!({}))).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert_eq!(empty.json, json!({"name": ["This field is required."]}));
    let t = make_type(&app, json!({"name": {"en": "Week pass", "de": "Wochenkarte"}})).await;
    assert_eq!(
        t,
        json!({"id": t["id"], "name": {"de": "Wochenkarte", "en": "Week pass"}, "transferable": false,
               "allow_parallel_usage": false, "max_usages": null})
    );
    let plain = make_type(&app, json!({"name": "Season", "max_usages": 0})).await;
    assert_eq!(plain["name"], json!({"en": "Season"}));
    assert_eq!(plain["max_usages"], json!(0), "0 is allowed: never usable");
    for (body, field, message) in [
        (
            json!({"name": "x", "max_usages": -1}),
            "max_usages",
            "Ensure this value is greater than or equal to 0.",
        ),
        (json!({"name": {"xx": "a"}}), "name", "Invalid languages included."),
        (json!({"name": {"en": 1}}), "name", "All entries must be strings."),
        (json!({"name": "x", "max_usages": "many"}), "max_usages", "A valid integer is required."),
    ] {
        let reply = app.api(Method::POST, &types_url(ORG), &app.token, Some(body.clone())).await;
        assert_eq!(reply.json, json!({field: [message]}), "{body}");
    }
    let list = app.api(Method::GET, &types_url(ORG), &app.token, None).await;
    let ids: Vec<&Value> = list.json["results"].as_array().unwrap().iter().map(|t| &t["id"]).collect();
    assert_eq!(ids, vec![&t["id"], &plain["id"]], "ordered by id");
}

#[tokio::test]
async fn membership_types_need_the_settings_permission_even_to_read() {
    let app = TestApp::new();
    let customers_only = app.token_with(&["organizer.customers:read", "organizer.customers:write"]);
    let reply = app.api(Method::GET, &types_url(ORG), &customers_only, None).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let settings = app.token_with(&["organizer.settings.general:write"]);
    assert_eq!(app.api(Method::GET, &types_url(ORG), &settings, None).await.status, StatusCode::OK);
    assert_eq!(
        app.api(Method::GET, &memberships_url(ORG), &settings, None).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.api(Method::GET, &types_url(ORG), &app.other_token, None).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_membership_type_in_use_cannot_be_deleted() {
    let app = TestApp::new();
    let unused = make_type(&app, json!({"name": "Unused"})).await;
    let url = format!("{}{}/", types_url(ORG), unused["id"]);
    assert_eq!(app.api(Method::DELETE, &url, &app.token, None).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.api(Method::GET, &url, &app.token, None).await.status, StatusCode::NOT_FOUND);
    let (_, membership) = setup_membership(&app, json!({"name": "Used"})).await;
    let used_url = format!("{}{}/", types_url(ORG), membership["membership_type"]);
    let reply = app.api(Method::DELETE, &used_url, &app.token, None).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.json, json!({"detail": "Can only be deleted if unused."}));
}

#[tokio::test]
async fn creating_a_membership_checks_every_required_field() {
    let app = TestApp::new();
    let empty = app.api(Method::POST, &memberships_url(ORG), &app.token, Some(json!({}))).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let required = json!(["This field is required."]);
    assert_eq!(
        empty.json,
        json!({"customer": required, "membership_type": required, "date_start": required, "date_end": required})
    );
    let foreign_type = app
        .api(Method::POST, &types_url(OTHER_ORG), &app.other_token, Some(json!({"name": "Theirs"})))
        .await
        .json;
    let bad = app
        .api(
            Method::POST,
            &memberships_url(ORG),
            &app.token,
            Some(json!({"customer": "NOPE123", "membership_type": foreign_type["id"], "date_start": "yesterday", "date_end": "2026-01-01T00:00:00Z"})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(
        bad.json["date_start"][0].as_str().unwrap().starts_with("Datetime has wrong format."),
        "{}",
        bad.text
    );
}

#[tokio::test]
async fn unknown_customers_and_other_organizers_types_are_refused() {
    let app = TestApp::new();
    let foreign_type = app
        .api(Method::POST, &types_url(OTHER_ORG), &app.other_token, Some(json!({"name": "Theirs"})))
        .await
        .json;
    let bad = app
        .api(
            Method::POST,
            &memberships_url(ORG),
            &app.token,
            Some(json!({"customer": "NOPE123", "membership_type": foreign_type["id"], "date_start": "2026-01-01T00:00:00Z", "date_end": "2026-01-02T00:00:00Z"})),
        )
        .await;
    assert_eq!(
        bad.json,
        json!({
            "customer": ["Object with identifier=NOPE123 does not exist."],
            "membership_type": [format!("Invalid pk \"{}\" - object does not exist.", foreign_type["id"])]
        })
    );
}

#[tokio::test]
async fn a_membership_is_shown_in_pretixs_shape_and_logged_on_the_customer() {
    let app = TestApp::new();
    let (identifier, m) = setup_membership(&app, json!({"name": "Season"})).await;
    assert_eq!(
        m,
        json!({"id": m["id"], "customer": identifier, "membership_type": m["membership_type"], "testmode": false,
               "date_start": "2026-03-01T00:00:00Z", "date_end": "2026-03-31T23:59:59Z",
               "attendee_name_parts": {"_scheme": "full", "full_name": "Ada"}})
    );
    let text =
        app.api(Method::GET, &format!("{}{}/", memberships_url(ORG), m["id"]), &app.token, None).await.text;
    assert!(
        text.starts_with(r#"{"id":"#) && text.find("\"customer\"") < text.find("\"membership_type\""),
        "{text}"
    );
    let access = auth::authorize(&app.app, &Principal::System, ORG).unwrap();
    let history = customers::history(&app.app, &access, &identifier).unwrap();
    assert_eq!(history.last().unwrap().action_type, "pretix.customer.membership.created");
}

#[tokio::test]
async fn updates_never_move_a_membership_or_change_its_test_mode() {
    let app = TestApp::new();
    let (identifier, m) = setup_membership(&app, json!({"name": "Season"})).await;
    let other = app.create_customer(json!({"email": "other@example.org"})).await;
    let url = format!("{}{}/", memberships_url(ORG), m["id"]);
    let patched = app
        .api(Method::PATCH, &url, &app.token, Some(json!({"customer": other["identifier"], "testmode": true, "date_end": "2026-04-30T00:00:00+02:00"})))
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.text);
    assert_eq!(patched.json["customer"], json!(identifier));
    assert_eq!(patched.json["testmode"], json!(false));
    assert_eq!(patched.json["date_end"], json!("2026-04-29T22:00:00Z"));
    let put = app.api(Method::PUT, &url, &app.token, Some(json!({"date_end": "2026-05-01T00:00:00Z"}))).await;
    assert_eq!(put.status, StatusCode::BAD_REQUEST, "PUT needs the required fields");
    assert_eq!(put.json["customer"], json!(["This field is required."]));
    let deleted = app.api(Method::DELETE, &url, &app.token, None).await;
    assert_eq!(deleted.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        deleted.json,
        json!({"detail": "Memberships cannot be deleted. You can change the date instead."})
    );
}

#[tokio::test]
async fn the_list_has_pretixs_order_and_filters() {
    let app = TestApp::new();
    let (identifier, first) = setup_membership(&app, json!({"name": "A"})).await;
    let later = app
        .api(
            Method::POST,
            &memberships_url(ORG),
            &app.token,
            Some(
                json!({"customer": identifier, "membership_type": first["membership_type"], "testmode": true,
                        "date_start": "2026-04-01T00:00:00Z", "date_end": "2026-04-30T00:00:00Z"}),
            ),
        )
        .await
        .json;
    let list = app.api(Method::GET, &memberships_url(ORG), &app.token, None).await;
    let ids: Vec<&Value> = list.json["results"].as_array().unwrap().iter().map(|m| &m["id"]).collect();
    assert_eq!(ids, vec![&later["id"], &first["id"]], "latest end first");
    let lower = identifier.to_lowercase();
    for (query, expected) in [
        (format!("customer={lower}"), 2),
        ("customer=NOBODY1".to_string(), 0),
        ("testmode=true".to_string(), 1),
        ("testmode=false".to_string(), 1),
        ("testmode=maybe".to_string(), 2),
        (format!("membership_type={}", first["membership_type"]), 2),
    ] {
        let reply =
            app.api(Method::GET, &format!("{}?{query}", memberships_url(ORG)), &app.token, None).await;
        assert_eq!(reply.json["count"], json!(expected), "{query}");
    }
    let unknown = app
        .api(Method::GET, &format!("{}?membership_type=999", memberships_url(ORG)), &app.token, None)
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        unknown.json,
        json!({"membership_type": ["Select a valid choice. That choice is not one of the available choices."]})
    );
}

#[tokio::test]
async fn anonymizing_a_customer_removes_attendee_names_from_their_memberships() {
    let app = TestApp::new();
    let (identifier, m) = setup_membership(&app, json!({"name": "Season"})).await;
    app.api(Method::POST, &format!("{}anonymize/", customer_url(ORG, &identifier)), &app.token, None).await;
    let after =
        app.api(Method::GET, &format!("{}{}/", memberships_url(ORG), m["id"]), &app.token, None).await;
    assert_eq!(after.json["attendee_name_parts"], json!(null));
    assert_eq!(after.json["date_end"], m["date_end"], "the membership itself stays");
}

#[tokio::test]
async fn another_organizer_cannot_see_or_use_a_membership() {
    let app = TestApp::new();
    let (_, m) = setup_membership(&app, json!({"name": "Season"})).await;
    let theirs = format!("{}{}/", memberships_url(OTHER_ORG), m["id"]);
    assert_eq!(app.api(Method::GET, &theirs, &app.other_token, None).await.status, StatusCode::NOT_FOUND);
    let use_theirs = format!("{theirs}uses/");
    assert_eq!(
        app.api(Method::POST, &use_theirs, &app.other_token, Some(json!({}))).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.api(Method::GET, &uses_url(&m), &app.other_token, None).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn uses_are_allowed_from_the_first_to_the_last_moment_of_validity() {
    let app = TestApp::new();
    let (_, m) = setup_membership(&app, json!({"name": "Season", "allow_parallel_usage": true})).await;
    for at in ["2026-03-01T00:00:00Z", "2026-03-31T23:59:59Z"] {
        let reply = app
            .api(Method::POST, &uses_url(&m), &app.token, Some(json!({"used_at": at, "reference": "Gate A"})))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{at}: {}", reply.text);
        assert_eq!(reply.json["used_at"], json!(at));
        assert_eq!(reply.json["reference"], json!("Gate A"));
    }
    for (at, reason) in [("2026-02-28T23:59:59Z", "not_yet_valid"), ("2026-04-01T00:00:00Z", "expired")] {
        let reply = app.api(Method::POST, &uses_url(&m), &app.token, Some(json!({"used_at": at}))).await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "{at}");
        assert_eq!(reply.json["reason"], json!(reason), "{at}");
        assert!(reply.json["detail"].is_string());
    }
    // The test clock stands at 2026-03-01T18:30:00Z: a use without a time is a use now.
    let now = app.api(Method::POST, &uses_url(&m), &app.token, Some(json!({}))).await;
    assert_eq!(now.json["used_at"], json!("2026-03-01T18:30:00Z"));
}

#[tokio::test]
async fn max_usages_is_enforced_and_a_voided_use_no_longer_counts() {
    let app = TestApp::new();
    let (_, m) =
        setup_membership(&app, json!({"name": "Two visits", "max_usages": 2, "allow_parallel_usage": true}))
            .await;
    let first = app
        .api(Method::POST, &uses_url(&m), &app.token, Some(json!({"used_at": "2026-03-02T19:00:00Z"})))
        .await;
    app.api(Method::POST, &uses_url(&m), &app.token, Some(json!({"used_at": "2026-03-03T19:00:00Z"}))).await;
    let third = app
        .api(Method::POST, &uses_url(&m), &app.token, Some(json!({"used_at": "2026-03-04T19:00:00Z"})))
        .await;
    assert_eq!(third.status, StatusCode::CONFLICT);
    assert_eq!(third.json["reason"], json!("used_up"));
    let void_url = format!("{}{}/void/", uses_url(&m), first.json["id"]);
    let voided = app.api(Method::POST, &void_url, &app.token, None).await;
    assert_eq!(voided.status, StatusCode::OK, "{}", voided.text);
    assert_eq!(voided.json["voided"], json!(true));
    assert_eq!(voided.json["voided_at"], json!("2026-03-01T18:30:00Z"));
    let again = app
        .api(Method::POST, &uses_url(&m), &app.token, Some(json!({"used_at": "2026-03-04T19:00:00Z"})))
        .await;
    assert_eq!(again.status, StatusCode::CREATED, "a voided use frees its place");
    let uses = app.api(Method::GET, &uses_url(&m), &app.token, None).await;
    assert_eq!(uses.json.as_array().unwrap().len(), 3, "voided uses stay listed");
    let access = auth::authorize(&app.app, &Principal::System, ORG).unwrap();
    let status = tessera::memberships::check(
        &app.app,
        &access,
        m["customer"].as_str().unwrap(),
        app.app.now(),
        Some(false),
    )
    .unwrap();
    assert_eq!(status[0].uses_left, Some(0));
    assert_eq!(status[0].standing, tessera::memberships::Standing::UsedUp);
}

#[tokio::test]
async fn parallel_use_is_refused_unless_the_type_allows_it() {
    let app = TestApp::new();
    let (_, single) = setup_membership(&app, json!({"name": "Single"})).await;
    let at = json!({"used_at": "2026-03-05T20:00:00Z"});
    assert_eq!(
        app.api(Method::POST, &uses_url(&single), &app.token, Some(at.clone())).await.status,
        StatusCode::CREATED
    );
    let near = json!({"used_at": "2026-03-05T20:00:30Z"});
    let refused = app.api(Method::POST, &uses_url(&single), &app.token, Some(near.clone())).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.json["reason"], json!("used_in_parallel"));
    let later = json!({"used_at": "2026-03-05T21:00:00Z"});
    assert_eq!(
        app.api(Method::POST, &uses_url(&single), &app.token, Some(later)).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn test_mode_memberships_are_only_for_test_mode() {
    let app = TestApp::new();
    let (_, m) = setup_membership(&app, json!({"name": "Season"})).await;
    let reply = app.api(Method::POST, &uses_url(&m), &app.token, Some(json!({"testmode": true}))).await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.json["reason"], json!("testmode_mismatch"));
}

#[tokio::test]
async fn recording_a_use_needs_write_and_listing_needs_read() {
    let app = TestApp::new();
    let (_, m) = setup_membership(&app, json!({"name": "Season"})).await;
    let read = app.token_with(&["organizer.customers:read"]);
    assert_eq!(
        app.api(Method::POST, &uses_url(&m), &read, Some(json!({}))).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.api(Method::GET, &uses_url(&m), &read, None).await.status, StatusCode::OK);
}
