//! The pretix customers resource: fields, defaults, validation, ordering, updates, anonymize.

use axum::http::{Method, StatusCode};
use serde_json::json;
use tessera::auth::{self, Principal};
use tessera::customers;

use crate::helpers::*;

#[tokio::test]
async fn an_empty_body_creates_an_active_verified_customer_with_a_generated_identifier() {
    let app = TestApp::new();
    let reply = app.api(Method::POST, &customers_url(ORG), &app.token, None).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let c = &reply.json;
    let identifier = c["identifier"].as_str().unwrap();
    assert_eq!(identifier.len(), 7);
    assert!(identifier.chars().all(|ch| "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".contains(ch)));
    assert_eq!(c["email"], json!(null));
    assert_eq!(c["name"], json!(""), "no name is an empty string, not null");
    assert_eq!(c["name_parts"], json!({}));
    assert_eq!(c["is_active"], json!(true));
    assert_eq!(c["is_verified"], json!(true), "pretix's model default");
    assert_eq!(c["locale"], json!("en"));
    assert_eq!(c["last_login"], json!(null));
    assert_eq!(c["date_joined"], json!("2026-03-01T18:30:00Z"));
    assert_eq!(c["send_email"], json!(false), "the create response carries send_email: false");
    let keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 14, "13 resource fields plus send_email: {keys:?}");
}

#[tokio::test]
async fn the_resource_keeps_pretixs_field_order_and_escapes_non_ascii() {
    let app = TestApp::new();
    let reply = app
        .api(Method::POST, &customers_url(ORG), &app.token, Some(json!({"name_parts": {"full_name": "Zoë"}})))
        .await;
    assert!(reply.text.starts_with(r#"{"identifier":"#), "{}", reply.text);
    assert!(reply.text.contains(r#""name":"Zo\u00eb""#), "{}", reply.text);
    let order = ["identifier", "external_identifier", "email", "phone", "name", "name_parts", "is_active"];
    let positions: Vec<usize> = order.iter().map(|k| reply.text.find(&format!("\"{k}\"")).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "fields out of order: {}", reply.text);
}

#[tokio::test]
async fn emails_are_stored_lower_case_and_unique_per_organizer_ignoring_case() {
    let app = TestApp::new();
    let c = app.create_customer(json!({"email": "Ada@Example.ORG"})).await;
    assert_eq!(c["email"], json!("ada@example.org"));
    let dup = app
        .api(Method::POST, &customers_url(ORG), &app.token, Some(json!({"email": "ADA@example.org"})))
        .await;
    assert_eq!(dup.status, StatusCode::BAD_REQUEST);
    assert_eq!(dup.json, json!({"email": ["An account with this email address is already registered."]}));
    let elsewhere = app
        .api(
            Method::POST,
            &customers_url(OTHER_ORG),
            &app.other_token,
            Some(json!({"email": "ada@example.org"})),
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::CREATED, "another organizer may have the same email");
}

#[tokio::test]
async fn every_invalid_field_is_reported_at_once_and_nothing_is_written() {
    let app = TestApp::new();
    let reply = app
        .api(
            Method::POST,
            &customers_url(ORG),
            &app.token,
            Some(json!({"email": "not-an-email", "phone": "12345", "locale": "xx", "is_active": "maybe"})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json["is_active"], json!(["Must be a valid boolean."]));
    let reply = app
        .api(
            Method::POST,
            &customers_url(ORG),
            &app.token,
            Some(json!({"email": "not-an-email", "phone": "12345", "locale": "xx"})),
        )
        .await;
    assert_eq!(
        reply.json,
        json!({
            "email": ["Enter a valid email address."],
            "phone": ["The phone number entered is not valid."],
            "locale": ["\"xx\" is not a valid choice."]
        })
    );
    let list = app.api(Method::GET, &customers_url(ORG), &app.token, None).await;
    assert_eq!(list.json["count"], json!(0), "a refused create leaves no customer behind");
}

#[tokio::test]
async fn blank_and_overlong_emails_have_their_own_messages() {
    let app = TestApp::new();
    let blank = app.api(Method::POST, &customers_url(ORG), &app.token, Some(json!({"email": ""}))).await;
    assert_eq!(blank.json, json!({"email": ["This field may not be blank."]}));
    let long = format!("{}@example.org", "a".repeat(190));
    let long = app.api(Method::POST, &customers_url(ORG), &app.token, Some(json!({"email": long}))).await;
    assert_eq!(long.json, json!({"email": ["Ensure this field has no more than 190 characters."]}));
}

#[tokio::test]
async fn phones_are_stored_in_e164() {
    let app = TestApp::new();
    let c = app.create_customer(json!({"phone": "+49 30 1234567-8"})).await;
    assert_eq!(c["phone"], json!("+493012345678"));
}

#[tokio::test]
async fn name_parts_get_the_organizers_scheme_and_give_the_name() {
    let app = TestApp::new();
    let c = app.create_customer(json!({"name_parts": {"full_name": "Ada Lovelace"}})).await;
    assert_eq!(c["name_parts"], json!({"_scheme": "full", "full_name": "Ada Lovelace"}));
    assert_eq!(c["name"], json!("Ada Lovelace"));
    let c = app
        .create_customer(json!({"name_parts": {"_scheme": "family_comma_given", "given_name": "Ada", "family_name": "Lovelace"}}))
        .await;
    assert_eq!(c["name"], json!("Lovelace, Ada"));
    let c = app.create_customer(json!({"name_parts": {"_legacy": "Old Name"}})).await;
    assert_eq!(c["name"], json!("Old Name"));
}

#[tokio::test]
async fn bad_name_parts_are_refused() {
    let app = TestApp::new();
    for (body, message) in [
        (json!({"name_parts": "Ada"}), "Invalid data type"),
        (json!({"name_parts": null}), "This field may not be null."),
        (
            json!({"name_parts": {"_scheme": "klingon", "full_name": "x"}}),
            "\"klingon\" is not a valid name scheme.",
        ),
    ] {
        let reply = app.api(Method::POST, &customers_url(ORG), &app.token, Some(body.clone())).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(reply.json, json!({"name_parts": [message]}), "{body}");
    }
}

#[tokio::test]
async fn read_only_fields_in_a_body_are_ignored() {
    let app = TestApp::new();
    let c = app
        .create_customer(json!({"identifier": "HACKED1", "name": "x", "date_joined": "2000-01-01T00:00:00Z", "unknown": 1}))
        .await;
    assert_ne!(c["identifier"], json!("HACKED1"));
    assert_eq!(c["name"], json!(""));
    assert_eq!(c["date_joined"], json!("2026-03-01T18:30:00Z"));
}

#[tokio::test]
async fn the_list_is_ordered_by_email_with_customers_without_one_last() {
    let app = TestApp::new();
    let none = app.create_customer(json!({})).await;
    app.create_customer(json!({"email": "b@example.org"})).await;
    app.create_customer(json!({"email": "a@example.org"})).await;
    let list = app.api(Method::GET, &customers_url(ORG), &app.token, None).await;
    let emails: Vec<_> =
        list.json["results"].as_array().unwrap().iter().map(|c| c["email"].clone()).collect();
    assert_eq!(emails, vec![json!("a@example.org"), json!("b@example.org"), json!(null)]);
    assert_eq!(list.json["results"][2]["identifier"], none["identifier"]);
    let keys: Vec<&String> = list.json.as_object().unwrap().keys().collect();
    assert!(list.text.starts_with(r#"{"count":3,"next":null,"previous":null,"results":["#), "{keys:?}");
}

#[tokio::test]
async fn the_email_filter_ignores_case() {
    let app = TestApp::new();
    app.create_customer(json!({"email": "foo@example.org"})).await;
    app.create_customer(json!({"email": "bar@example.org"})).await;
    let list = app
        .api(Method::GET, &format!("{}?email=FOO@example.org", customers_url(ORG)), &app.token, None)
        .await;
    assert_eq!(list.json["count"], json!(1));
    assert_eq!(list.json["results"][0]["email"], json!("foo@example.org"));
}

#[tokio::test]
async fn pages_link_to_each_other_with_absolute_urls() {
    let app = TestApp::new();
    for i in 0..5 {
        app.create_customer(json!({"email": format!("c{i}@example.org")})).await;
    }
    let first = app.api(Method::GET, &format!("{}?page_size=2", customers_url(ORG)), &app.token, None).await;
    assert_eq!(first.json["count"], json!(5));
    assert_eq!(first.json["results"].as_array().unwrap().len(), 2);
    assert_eq!(
        first.json["next"],
        json!("http://desk.test:8421/api/v1/organizers/demo/customers/?page=2&page_size=2")
    );
    assert_eq!(first.json["previous"], json!(null));
    let second =
        app.api(Method::GET, &format!("{}?page=2&page_size=2", customers_url(ORG)), &app.token, None).await;
    assert_eq!(
        second.json["previous"],
        json!("http://desk.test:8421/api/v1/organizers/demo/customers/?page_size=2")
    );
    let last = app
        .api(Method::GET, &format!("{}?page=last&page_size=2", customers_url(ORG)), &app.token, None)
        .await;
    assert_eq!(last.json["results"].as_array().unwrap().len(), 1);
    assert_eq!(last.json["next"], json!(null));
    for bad in ["4", "0", "x"] {
        let past = app
            .api(Method::GET, &format!("{}?page={bad}&page_size=2", customers_url(ORG)), &app.token, None)
            .await;
        assert_eq!(past.status, StatusCode::NOT_FOUND, "page {bad}");
        assert_eq!(past.json, json!({"detail": "Invalid page."}));
    }
    let clamped =
        app.api(Method::GET, &format!("{}?page_size=500", customers_url(ORG)), &app.token, None).await;
    assert_eq!(clamped.json["results"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn an_unknown_identifier_is_not_found() {
    let app = TestApp::new();
    let reply = app.api(Method::GET, &customer_url(ORG, "ZZZZZZZ"), &app.token, None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json, json!({"detail": "No Customer matches the given query."}));
}

#[tokio::test]
async fn patch_changes_only_the_given_fields_and_bumps_last_modified() {
    let app = TestApp::new();
    let c = app.create_customer(json!({"email": "a@example.org", "notes": "VIP", "locale": "de"})).await;
    let id = c["identifier"].as_str().unwrap();
    app.clock.advance(chrono::TimeDelta::seconds(90));
    let reply = app
        .api(Method::PATCH, &customer_url(ORG, id), &app.token, Some(json!({"phone": "+442079460958"})))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json["phone"], json!("+442079460958"));
    assert_eq!(reply.json["notes"], json!("VIP"));
    assert_eq!(reply.json["locale"], json!("de"), "PATCH keeps the locale");
    assert_eq!(reply.json["last_modified"], json!("2026-03-01T18:31:30Z"));
    assert_eq!(reply.json["date_joined"], json!("2026-03-01T18:30:00Z"));
    assert!(reply.json.get("send_email").is_none(), "only the create response has send_email");
}

#[tokio::test]
async fn put_resets_only_the_locale_when_it_is_omitted() {
    let app = TestApp::new();
    let c = app.create_customer(json!({"email": "a@example.org", "notes": "VIP", "locale": "de"})).await;
    let id = c["identifier"].as_str().unwrap();
    let reply =
        app.api(Method::PUT, &customer_url(ORG, id), &app.token, Some(json!({"is_active": false}))).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json["locale"], json!("en"));
    assert_eq!(reply.json["notes"], json!("VIP"), "other omitted fields keep their value");
    assert_eq!(reply.json["is_active"], json!(false));
}

#[tokio::test]
async fn a_customer_may_keep_its_own_email_on_update_but_not_take_anothers() {
    let app = TestApp::new();
    let a = app.create_customer(json!({"email": "a@example.org"})).await;
    app.create_customer(json!({"email": "b@example.org"})).await;
    let id = a["identifier"].as_str().unwrap();
    let same = app
        .api(Method::PATCH, &customer_url(ORG, id), &app.token, Some(json!({"email": "A@example.org"})))
        .await;
    assert_eq!(same.status, StatusCode::OK);
    let taken = app
        .api(Method::PATCH, &customer_url(ORG, id), &app.token, Some(json!({"email": "b@example.org"})))
        .await;
    assert_eq!(taken.json, json!({"email": ["An account with this email address is already registered."]}));
}

#[tokio::test]
async fn clearing_an_email_is_allowed_even_when_another_customer_has_none() {
    let app = TestApp::new();
    app.create_customer(json!({})).await;
    let c = app.create_customer(json!({"email": "a@example.org"})).await;
    let id = c["identifier"].as_str().unwrap();
    let reply =
        app.api(Method::PATCH, &customer_url(ORG, id), &app.token, Some(json!({"email": null}))).await;
    assert_eq!(reply.status, StatusCode::OK, "pretix's null-email quirk is not reproduced: {}", reply.text);
    assert_eq!(reply.json["email"], json!(null));
}

#[tokio::test]
async fn customers_cannot_be_deleted() {
    let app = TestApp::new();
    let c = app.create_customer(json!({})).await;
    let reply = app
        .api(Method::DELETE, &customer_url(ORG, c["identifier"].as_str().unwrap()), &app.token, None)
        .await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.json, json!({"detail": "Customers cannot be deleted."}));
    let missing = app.api(Method::DELETE, &customer_url(ORG, "ZZZZZZZ"), &app.token, None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "the lookup comes first");
}

#[tokio::test]
async fn anonymize_removes_personal_data_and_shreds_the_history() {
    let app = TestApp::new();
    let c = app
        .create_customer(json!({
            "email": "a@example.org", "phone": "+442079460958", "name_parts": {"full_name": "Ada"},
            "external_identifier": "ext-1", "notes": "likes jazz", "locale": "de", "password": "hunter2hunter2"
        }))
        .await;
    let id = c["identifier"].as_str().unwrap();
    let reply =
        app.api(Method::POST, &format!("{}anonymize/", customer_url(ORG, id)), &app.token, None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let a = &reply.json;
    for (field, value) in [
        ("email", json!(null)),
        ("phone", json!(null)),
        ("name", json!("")),
        ("name_parts", json!({})),
        ("external_identifier", json!(null)),
        ("notes", json!(null)),
        ("is_active", json!(false)),
        ("is_verified", json!(false)),
        ("locale", json!("de")),
        ("identifier", json!(id)),
    ] {
        assert_eq!(a[field], value, "{field}");
    }
    let access = auth::authorize(&app.app, &Principal::System, ORG).unwrap();
    let history = customers::history(&app.app, &access, id).unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action_type.as_str()).collect();
    assert_eq!(actions, vec!["pretix.customer.created", "pretix.customer.anonymized"]);
    assert!(history[0].is_shredded && history[0].data == json!({}), "earlier data is wiped");
    let again =
        app.api(Method::POST, &format!("{}anonymize/", customer_url(ORG, id)), &app.token, None).await;
    assert_eq!(again.status, StatusCode::OK, "anonymizing twice is allowed");
}

#[tokio::test]
async fn every_change_is_logged_with_the_token_and_masked_secrets() {
    let app = TestApp::new();
    let c = app.create_customer(json!({"email": "a@example.org", "password": "hunter2hunter2"})).await;
    let id = c["identifier"].as_str().unwrap();
    app.api(Method::PATCH, &customer_url(ORG, id), &app.token, Some(json!({"notes": "x"}))).await;
    let access = auth::authorize(&app.app, &Principal::System, ORG).unwrap();
    let history = customers::history(&app.app, &access, id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].action_type, "pretix.customer.created");
    assert_eq!(history[0].data["password"], json!("********"));
    assert_eq!(history[0].data["email"], json!("a@example.org"));
    assert!(history[0].api_token_id.is_some() && history[0].user_id.is_none());
    assert_eq!(history[1].action_type, "pretix.customer.changed");
    assert_eq!(history[1].data, json!({"notes": "x"}));
}

#[tokio::test]
async fn a_customer_of_another_organizer_is_not_found() {
    let app = TestApp::new();
    let c = app.create_customer(json!({"email": "a@example.org"})).await;
    let id = c["identifier"].as_str().unwrap();
    let reply = app.api(Method::GET, &customer_url(OTHER_ORG, id), &app.other_token, None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let list = app.api(Method::GET, &customers_url(OTHER_ORG), &app.other_token, None).await;
    assert_eq!(list.json["count"], json!(0));
    let patch = app
        .api(Method::PATCH, &customer_url(OTHER_ORG, id), &app.other_token, Some(json!({"notes": "x"})))
        .await;
    assert_eq!(patch.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn concurrent_creates_all_succeed_with_distinct_identifiers() {
    let app = std::sync::Arc::new(TestApp::new());
    let mut tasks = Vec::new();
    for i in 0..20 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            app.create_customer(json!({"email": format!("c{i}@example.org")})).await
        }));
    }
    let mut ids = std::collections::HashSet::new();
    for task in tasks {
        ids.insert(task.await.unwrap()["identifier"].as_str().unwrap().to_string());
    }
    assert_eq!(ids.len(), 20);
}
