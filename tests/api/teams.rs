//! The teams resource with members and tokens.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

const TEAMS: &str = "/api/v1/organizers/demo/teams/";

async fn make_team(app: &TestApp, body: Value) -> Value {
    let reply = app.api(Method::POST, TEAMS, &app.token, Some(body)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    reply.json
}

#[tokio::test]
async fn teams_need_the_teams_permission_even_to_read() {
    let app = TestApp::new();
    let customers = app.token_with(&["organizer.customers:read", "organizer.customers:write"]);
    assert_eq!(app.api(Method::GET, TEAMS, &customers, None).await.status, StatusCode::FORBIDDEN);
    let teams = app.token_with(&["organizer.teams:write"]);
    assert_eq!(app.api(Method::GET, TEAMS, &teams, None).await.status, StatusCode::OK);
    assert_eq!(app.api(Method::GET, TEAMS, &app.other_token, None).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_team_is_created_with_its_permissions_and_legacy_flags_computed() {
    let app = TestApp::new();
    let empty = app.api(Method::POST, TEAMS, &app.token, Some(json!({}))).await;
    assert_eq!(
        empty.json,
        json!({"limit_events": ["This field is required."], "name": ["This field is required."]})
    );
    let t = make_team(
        &app,
        json!({"name": "Box office", "limit_events": [], "all_events": true,
        "limit_organizer_permissions": ["organizer.customers:read", "organizer.customers:write"],
        "limit_event_permissions": ["event.orders:read"]}),
    )
    .await;
    assert_eq!(t["name"], json!("Box office"));
    assert_eq!(t["can_manage_customers"], json!(true));
    assert_eq!(t["can_view_orders"], json!(true));
    assert_eq!(t["can_change_orders"], json!(false));
    assert_eq!(t["require_2fa"], json!(false));
}

#[tokio::test]
async fn bad_permission_settings_are_refused() {
    let app = TestApp::new();
    for (body, key, message) in [
        (
            json!({"name": "x", "limit_events": [], "limit_organizer_permissions": ["organizer.nope:read"]}),
            "limit_organizer_permissions",
            "\"organizer.nope:read\" is not a valid choice.",
        ),
        (
            json!({"name": "x", "limit_events": [], "can_manage_customers": true, "limit_organizer_permissions": []}),
            "non_field_errors",
            "You cannot set deprecated and current permission attributes at the same time.",
        ),
        (
            json!({"name": "x", "limit_events": [], "all_organizer_permissions": true, "limit_organizer_permissions": ["organizer.customers:read"]}),
            "non_field_errors",
            "Do not set both limit_organizer_permissions and all_organizer_permissions.",
        ),
        (
            json!({"name": "x", "limit_events": ["nope"]}),
            "limit_events",
            "Object with slug=nope does not exist.",
        ),
    ] {
        let reply = app.api(Method::POST, TEAMS, &app.token, Some(body.clone())).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(reply.json[key], json!([message]), "{body}");
    }
}

#[tokio::test]
async fn legacy_flags_are_translated_to_permissions() {
    let app = TestApp::new();
    let t =
        make_team(&app, json!({"name": "Legacy", "limit_events": [], "can_manage_customers": true})).await;
    let mut perms: Vec<&str> =
        t["limit_organizer_permissions"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    perms.sort();
    assert_eq!(perms, vec!["organizer.customers:read", "organizer.customers:write"]);
}

#[tokio::test]
async fn a_tokens_secret_is_shown_once_and_deleting_it_deactivates_it_for_good() {
    let app = TestApp::new();
    let t = make_team(&app, json!({"name": "Tills", "limit_events": [], "limit_organizer_permissions": ["organizer.customers:read"]})).await;
    let tokens = format!("{TEAMS}{}/tokens/", t["id"]);
    let created = app.api(Method::POST, &tokens, &app.token, Some(json!({"name": "till 1"}))).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let secret = created.json["token"].as_str().unwrap().to_string();
    assert_eq!(secret.len(), 64);
    assert_eq!(app.api(Method::GET, &customers_url(ORG), &secret, None).await.status, StatusCode::OK);
    let listed = app.api(Method::GET, &tokens, &app.token, None).await;
    assert_eq!(
        listed.json["results"][0],
        json!({"id": created.json["id"], "name": "till 1", "active": true})
    );
    let deleted =
        app.api(Method::DELETE, &format!("{tokens}{}/", created.json["id"]), &app.token, None).await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert_eq!(deleted.json["active"], json!(false));
    let refused = app.api(Method::GET, &customers_url(ORG), &secret, None).await;
    assert_eq!(refused.json, json!({"detail": "Token inactive or deleted."}));
    assert_eq!(
        app.api(Method::PATCH, &format!("{tokens}{}/", created.json["id"]), &app.token, Some(json!({})))
            .await
            .status,
        StatusCode::METHOD_NOT_ALLOWED
    );
    let nameless = app.api(Method::POST, &tokens, &app.token, Some(json!({}))).await;
    assert_eq!(nameless.json, json!({"name": ["This field is required."]}));
}

#[tokio::test]
async fn changing_a_team_changes_what_its_tokens_may_do_and_deleting_it_stops_them() {
    let app = TestApp::new();
    let t = make_team(&app, json!({"name": "Readers", "limit_events": [], "limit_organizer_permissions": ["organizer.customers:read"]})).await;
    let url = format!("{TEAMS}{}/", t["id"]);
    let secret = app
        .api(Method::POST, &format!("{url}tokens/"), &app.token, Some(json!({"name": "t"})))
        .await
        .json["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        app.api(Method::POST, &customers_url(ORG), &secret, Some(json!({}))).await.status,
        StatusCode::FORBIDDEN
    );
    let patched = app.api(Method::PATCH, &url, &app.token, Some(json!({"limit_organizer_permissions": ["organizer.customers:read", "organizer.customers:write"]}))).await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.text);
    assert_eq!(
        app.api(Method::POST, &customers_url(ORG), &secret, Some(json!({}))).await.status,
        StatusCode::CREATED
    );
    assert_eq!(app.api(Method::DELETE, &url, &app.token, None).await.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.api(Method::GET, &url, &app.token, None).await.json,
        json!({"detail": "No Team matches the given query."})
    );
    assert_eq!(
        app.api(Method::GET, &customers_url(ORG), &secret, None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn members_are_listed_and_can_be_removed() {
    let app = TestApp::new();
    let list = app.api(Method::GET, TEAMS, &app.token, None).await;
    let admins = list.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == json!("Administrators"))
        .unwrap()
        .clone();
    let members = app.api(Method::GET, &format!("{TEAMS}{}/members/", admins["id"]), &app.token, None).await;
    assert_eq!(members.json["results"][0]["email"], json!(ADMIN_EMAIL));
    let user = members.json["results"][0]["id"].clone();
    let removed =
        app.api(Method::DELETE, &format!("{TEAMS}{}/members/{user}/", admins["id"]), &app.token, None).await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    let cookie = app.desk_login().await;
    let session = app.desk(Method::GET, "/api/desk/session", &cookie, None).await;
    assert_eq!(session.json["organizers"], json!([]), "the admin left the only team they were in");
}

#[tokio::test]
async fn on_update_each_permission_group_must_hold_an_offered_combination_of_actions() {
    let app = TestApp::new();
    let team = make_team(&app, json!({"name": "Doors", "limit_events": []})).await;
    let url = format!("{TEAMS}{}/", team["id"]);
    let write_only = app
        .api(
            Method::PATCH,
            &url,
            &app.token,
            Some(json!({"limit_organizer_permissions": ["organizer.devices:write"]})),
        )
        .await;
    assert_eq!(write_only.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        write_only.json,
        json!({"non_field_errors": ["For permission group organizer.devices, the valid combinations of actions \
            are '' or 'read' or 'read,write' but you tried to set 'write'."]})
    );
    let orders = app
        .api(
            Method::PATCH,
            &url,
            &app.token,
            Some(json!({"limit_event_permissions": ["event.orders:write", "event.orders:checkin"]})),
        )
        .await;
    assert_eq!(
        orders.json["non_field_errors"][0],
        json!(
            "For permission group event.orders, the valid combinations of actions are '' or 'checkin' or \
            'read' or 'read,checkin' or 'read,write' but you tried to set 'write,checkin'."
        )
    );
    for ok in [
        json!({"limit_organizer_permissions": ["organizer.devices:read", "organizer.devices:write"]}),
        json!({"limit_event_permissions": ["event.orders:read", "event.orders:checkin"]}),
    ] {
        let reply = app.api(Method::PATCH, &url, &app.token, Some(ok)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    }
}

#[tokio::test]
async fn an_invite_adds_an_existing_user_at_once_and_waits_for_an_account_otherwise() {
    let app = TestApp::new();
    let team = make_team(&app, json!({"name": "Ushers", "limit_events": []})).await;
    let invites = format!("{TEAMS}{}/invites/", team["id"]);
    let existing = app.api(Method::POST, &invites, &app.token, Some(json!({"email": ADMIN_EMAIL}))).await;
    assert_eq!(existing.status, StatusCode::CREATED, "{}", existing.text);
    assert_eq!(existing.json, json!({"id": null, "email": ADMIN_EMAIL}));
    let again = app.api(Method::POST, &invites, &app.token, Some(json!({"email": ADMIN_EMAIL}))).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(again.json, json!(["This user already has permissions for this team."]));

    let new = app.api(Method::POST, &invites, &app.token, Some(json!({"email": "usher@example.org"}))).await;
    assert_eq!(new.status, StatusCode::CREATED);
    assert!(new.json["id"].is_i64());
    let twice =
        app.api(Method::POST, &invites, &app.token, Some(json!({"email": "USHER@example.org"}))).await;
    assert_eq!(twice.json, json!(["This user already has been invited for this team."]));
    let bad = app.api(Method::POST, &invites, &app.token, Some(json!({"email": "not-an-address"}))).await;
    assert_eq!(bad.json, json!({"email": ["Enter a valid email address."]}));
    let listed = app.api(Method::GET, &invites, &app.token, None).await;
    assert_eq!(listed.json["count"], json!(1));
    assert_eq!(listed.json["results"][0]["email"], json!("usher@example.org"));
    // The invitation is mailed (once, not for the existing user or the refused repeat).
    let access = tessera::auth::authorize(&app.app, &tessera::auth::Principal::System, ORG).unwrap();
    let mails = tessera::outbox::list(&app.app, &access).unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!((mails[0].kind.as_str(), mails[0].recipient.as_str()), ("team_invite", "usher@example.org"));

    // Creating the account at the desk turns the invitation into a membership.
    let cookie = app.desk_login().await;
    let other_team = make_team(&app, json!({"name": "Cloakroom", "limit_events": []})).await;
    let added = app
        .desk(
            Method::POST,
            &format!("/api/desk/organizers/demo/teams/{}/members", other_team["id"]),
            &cookie,
            Some(json!({"email": "usher@example.org", "fullname": "Una Usher", "password": "long enough"})),
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.text);
    let members = app.api(Method::GET, &format!("{TEAMS}{}/members/", team["id"]), &app.token, None).await;
    let emails: Vec<_> =
        members.json["results"].as_array().unwrap().iter().map(|m| m["email"].clone()).collect();
    assert!(emails.contains(&json!("usher@example.org")), "{emails:?}");
    assert_eq!(app.api(Method::GET, &invites, &app.token, None).await.json["count"], json!(0));

    let withdrawn =
        app.api(Method::POST, &invites, &app.token, Some(json!({"email": "late@example.org"}))).await;
    let url = format!("{invites}{}/", withdrawn.json["id"]);
    assert_eq!(app.api(Method::GET, &url, &app.token, None).await.json["email"], json!("late@example.org"));
    assert_eq!(app.api(Method::DELETE, &url, &app.token, None).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.api(Method::DELETE, &url, &app.token, None).await.status, StatusCode::NOT_FOUND);
}
