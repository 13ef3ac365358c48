//! Teams at the desk: the form, members (existing and new staff accounts), tokens shown once,
//! and the guard that keeps someone able to change teams.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

const TEAMS: &str = "/api/desk/organizers/demo/teams";

fn form(name: &str, organizer_permissions: &[&str]) -> Value {
    json!({"name": name, "all_events": false, "all_organizer_permissions": false,
        "organizer_permissions": organizer_permissions, "all_event_permissions": false, "event_permissions": []})
}

async fn admins_team(app: &TestApp, cookie: &str) -> Value {
    let list = app.desk(Method::GET, TEAMS, cookie, None).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    list.json.as_array().unwrap().iter().find(|t| t["name"] == json!("Administrators")).unwrap().clone()
}

#[tokio::test]
async fn the_desk_creates_a_team_adds_a_new_staff_member_who_can_log_in_and_sees_only_their_screens() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let admins = admins_team(&app, &cookie).await;
    assert_eq!(admins["all_organizer_permissions"], json!(true));
    assert_eq!(admins["members"], json!(1));

    let created =
        app.desk(Method::POST, TEAMS, &cookie, Some(form("Box office", &["organizer.customers:read"]))).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(created.json["team"]["organizer_permissions"], json!(["organizer.customers:read"]));
    assert!(
        created.json["known_organizer_permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("organizer.teams:write"))
    );
    let team = format!("{TEAMS}/{}", created.json["team"]["team_id"]);

    let unknown = app
        .desk(Method::POST, &format!("{team}/members"), &cookie, Some(json!({"email": "ann@example.org"})))
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(
        unknown.json["fields"]["password"][0].as_str().unwrap().starts_with("Nobody has a staff account")
    );
    let short = app
        .desk(
            Method::POST,
            &format!("{team}/members"),
            &cookie,
            Some(json!({"email": "ann@example.org", "fullname": "Ann", "password": "short"})),
        )
        .await;
    assert_eq!(short.status, StatusCode::BAD_REQUEST);
    assert!(short.json["fields"]["password"].is_array());
    let added = app
        .desk(
            Method::POST,
            &format!("{team}/members"),
            &cookie,
            Some(json!({"email": "ann@example.org", "fullname": "Ann Teller", "password": "tickets please"})),
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.text);
    assert_eq!(added.json["members"][0]["fullname"], json!("Ann Teller"));
    let twice = app
        .desk(Method::POST, &format!("{team}/members"), &cookie, Some(json!({"email": "ANN@example.org"})))
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);

    let login = app
        .request(
            Method::POST,
            "/api/desk/login",
            &[("content-type", "application/json")],
            Some(&json!({"email": "ann@example.org", "password": "tickets please"}).to_string()),
        )
        .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.text);
    assert_eq!(login.json["user"]["is_admin"], json!(false));
    assert_eq!(login.json["organizers"][0]["permissions"], json!(["organizer.customers:read"]));
    let ann = login.headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    assert_eq!(app.desk(Method::GET, TEAMS, &ann, None).await.status, StatusCode::FORBIDDEN);

    let admin_session = app.desk(Method::GET, "/api/desk/session", &cookie, None).await;
    assert_eq!(admin_session.json["user"]["is_admin"], json!(true));
    let perms = admin_session.json["organizers"][0]["permissions"].as_array().unwrap().clone();
    assert!(
        perms.contains(&json!("organizer.teams:write"))
            && perms.contains(&json!("organizer.customers:write"))
    );
}

#[tokio::test]
async fn the_desk_form_checks_permissions_and_their_combinations() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let blank = app.desk(Method::POST, TEAMS, &cookie, Some(form(" ", &[]))).await;
    assert_eq!(blank.status, StatusCode::BAD_REQUEST);
    assert_eq!(blank.json["fields"]["name"], json!(["This field may not be blank."]));
    let write_only =
        app.desk(Method::POST, TEAMS, &cookie, Some(form("Tills", &["organizer.customers:write"]))).await;
    assert_eq!(write_only.status, StatusCode::BAD_REQUEST);
    assert!(
        write_only.json["fields"]["non_field_errors"][0].as_str().unwrap().contains("organizer.customers")
    );
    let unknown = app.desk(Method::POST, TEAMS, &cookie, Some(form("Tills", &["event.orders:read"]))).await;
    assert_eq!(
        unknown.json["fields"]["limit_organizer_permissions"],
        json!(["\"event.orders:read\" is not a valid choice."])
    );

    let created =
        app.desk(Method::POST, TEAMS, &cookie, Some(form("Tills", &["organizer.devices:read"]))).await;
    let team = format!("{TEAMS}/{}", created.json["team"]["team_id"]);
    let mut all = form("Tills and more", &[]);
    all["all_organizer_permissions"] = json!(true);
    all["organizer_permissions"] = json!(["organizer.devices:read"]);
    let edited = app.desk(Method::PUT, &team, &cookie, Some(all)).await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text);
    assert_eq!(edited.json["team"]["all_organizer_permissions"], json!(true));
    assert_eq!(edited.json["team"]["organizer_permissions"], json!([]), "the list is dropped with 'all'");
    assert_eq!(
        app.desk(Method::GET, &format!("{TEAMS}/99999"), &cookie, None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_token_made_at_the_desk_is_shown_once_works_with_its_teams_permissions_and_stops_when_deactivated()
{
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let created =
        app.desk(Method::POST, TEAMS, &cookie, Some(form("Kiosk", &["organizer.customers:read"]))).await;
    let team = format!("{TEAMS}/{}", created.json["team"]["team_id"]);
    let token =
        app.desk(Method::POST, &format!("{team}/tokens"), &cookie, Some(json!({"name": "kiosk"}))).await;
    assert_eq!(token.status, StatusCode::CREATED, "{}", token.text);
    let secret = token.json["secret"].as_str().unwrap().to_string();
    assert_eq!(secret.len(), 64);
    let detail = app.desk(Method::GET, &team, &cookie, None).await;
    assert_eq!(
        detail.json["tokens"],
        json!([{"token_id": token.json["token"]["token_id"], "name": "kiosk", "active": true}])
    );
    assert!(!detail.text.contains(&secret), "the secret is never shown again");

    assert_eq!(app.api(Method::GET, &customers_url(ORG), &secret, None).await.status, StatusCode::OK);
    let write =
        app.api(Method::POST, &customers_url(ORG), &secret, Some(json!({"email": "k@example.org"}))).await;
    assert_eq!(write.status, StatusCode::FORBIDDEN);

    let off = app
        .desk(
            Method::POST,
            &format!("{team}/tokens/{}/deactivate", token.json["token"]["token_id"]),
            &cookie,
            None,
        )
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.text);
    assert_eq!(off.json["tokens"][0]["active"], json!(false));
    assert_eq!(off.json["team"]["active_tokens"], json!(0));
    assert_eq!(
        app.api(Method::GET, &customers_url(ORG), &secret, None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let blank = app.desk(Method::POST, &format!("{team}/tokens"), &cookie, Some(json!({"name": ""}))).await;
    assert_eq!(blank.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_desk_refuses_to_leave_nobody_who_may_change_teams() {
    let app = TestApp::new();
    let cookie = app.desk_login().await;
    let admins = admins_team(&app, &cookie).await;
    let url = format!("{TEAMS}/{}", admins["team_id"]);
    let detail = app.desk(Method::GET, &url, &cookie, None).await;
    let me = detail.json["members"][0]["user_id"].clone();
    let refused = [
        app.desk(Method::DELETE, &format!("{url}/members/{me}"), &cookie, None).await,
        app.desk(Method::DELETE, &url, &cookie, None).await,
        app.desk(Method::PUT, &url, &cookie, Some(form("Administrators", &["organizer.customers:read"])))
            .await,
    ];
    for reply in refused {
        assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.text);
        assert_eq!(reply.json["code"], json!("refused"));
    }
    assert_eq!(admins_team(&app, &cookie).await["members"], json!(1), "nothing changed");

    // Once someone else may change teams, the admin team can go.
    let mut managers = form("Managers", &["organizer.teams:write"]);
    managers["organizer_permissions"] = json!(["organizer.teams:write"]);
    let created = app.desk(Method::POST, TEAMS, &cookie, Some(managers)).await;
    let managers = format!("{TEAMS}/{}", created.json["team"]["team_id"]);
    let added = app
        .desk(Method::POST, &format!("{managers}/members"), &cookie, Some(json!({"email": ADMIN_EMAIL})))
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.text);
    assert_eq!(app.desk(Method::DELETE, &url, &cookie, None).await.status, StatusCode::NO_CONTENT);
    let teams = app.desk(Method::GET, TEAMS, &cookie, None).await;
    assert!(teams.json.as_array().unwrap().iter().all(|t| t["name"] != json!("Administrators")));
}
