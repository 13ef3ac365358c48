//! The listener on a real socket, the OpenAPI document, and the database file across restarts.

use axum::http::{Method, StatusCode};
use serde_json::json;
use tessera::db::Db;
use tessera::installation::ListenerSettings;
use tessera::{App, http};

use crate::helpers::*;

#[tokio::test]
async fn the_listener_answers_on_a_real_socket() {
    let app = TestApp::new();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(http::serve(listener, app.router.clone(), async {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::new();
    let health = client.get(format!("http://{addr}/api/health")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let created = client
        .post(format!("http://{addr}/api/v1/organizers/demo/customers/"))
        .header("Authorization", format!("Token {}", app.token))
        .json(&json!({"email": "sock@example.org"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let body: serde_json::Value = client
        .get(format!("http://{addr}/api/v1/organizers/demo/customers/?page_size=1"))
        .header("Authorization", format!("Token {}", app.token))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["results"][0]["email"], json!("sock@example.org"));
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn the_openapi_document_lists_every_route_and_every_listed_route_is_served() {
    let app = TestApp::new();
    let reply = app.request(Method::GET, "/api/openapi.json", &[], None).await;
    assert_eq!(reply.status, StatusCode::OK, "no authentication needed");
    let paths = reply.json["paths"].as_object().unwrap();
    for expected in [
        "/api/health",
        "/api/openapi.json",
        "/api/v1/organizers/",
        "/api/v1/organizers/{organizer}/",
        "/api/v1/organizers/{organizer}/customers/",
        "/api/v1/organizers/{organizer}/customers/{identifier}/",
        "/api/v1/organizers/{organizer}/customers/{identifier}/anonymize/",
        "/api/desk/setup",
        "/api/desk/login",
        "/api/desk/logout",
        "/api/desk/session",
        "/api/desk/organizers/{organizer}/customers",
        "/api/desk/organizers/{organizer}/customers/{identifier}",
        "/api/desk/organizers/{organizer}/customers/{identifier}/anonymize",
        "/api/v1/organizers/{organizer}/membershiptypes/",
        "/api/v1/organizers/{organizer}/membershiptypes/{id}/",
        "/api/v1/organizers/{organizer}/memberships/",
        "/api/v1/organizers/{organizer}/memberships/{id}/",
        "/api/v1/organizers/{organizer}/memberships/{id}/uses/",
        "/api/v1/organizers/{organizer}/memberships/{id}/uses/{use_id}/void/",
        "/api/desk/session/locale",
        "/api/desk/backups",
        "/api/desk/backups/settings",
        "/api/desk/backups/restore",
        "/api/desk/organizers/{organizer}/dashboard",
        "/api/desk/organizers/{organizer}/imports/new/{kind}",
        "/api/desk/organizers/{organizer}/imports/{id}",
        "/api/desk/organizers/{organizer}/imports/{id}/validate",
        "/api/desk/organizers/{organizer}/imports/{id}/commit",
        "/api/desk/organizers/{organizer}/exports/{kind}",
    ] {
        assert!(paths.contains_key(expected), "{expected} missing from the OpenAPI document");
    }
    // Every documented operation is routed: calling it never reaches the unknown-path fallback.
    for (path, item) in paths {
        let concrete = path
            .replace("{organizer}", ORG)
            .replace("{identifier}", "ZZZZZZZ")
            .replace("{id}", "999999")
            .replace("{use_id}", "999999")
            .replace("{device_id}", "999999")
            .replace("{team}", "999999")
            .replace("{item}", "999999")
            .replace("{team_id}", "999999")
            .replace("{item_id}", "999999")
            .replace("{card_id}", "999999")
            .replace("{entry_id}", "999999")
            .replace("{serial}", "ZZZ")
            .replace("{mail_id}", "999999");
        for method in item.as_object().unwrap().keys() {
            let method: Method = method.to_uppercase().parse().unwrap();
            let reply = app.api(method.clone(), &concrete, &app.token, None).await;
            assert!(
                !(reply.status == StatusCode::NOT_FOUND && reply.json == json!({"detail": "Not found."})),
                "{method} {path} is documented but not routed"
            );
            let unrouted = json!({"detail": format!("Method \"{method}\" not allowed.")});
            assert_ne!(reply.json, unrouted, "{method} {path} is documented but not routed for the method");
        }
    }
}

#[tokio::test]
async fn the_database_file_keeps_everything_across_a_restart() {
    let app = TestApp::new();
    let created = app.create_customer(json!({"email": "keep@example.org"})).await;
    let path = app.db_path.clone();
    let token = app.token.clone();
    drop(app.router);
    drop(app.app);
    let reopened = App::new(Db::open(&path).unwrap(), std::sync::Arc::new(tessera::app::SystemClock));
    let router = http::router(reopened, &http::Options::default());
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let request = axum::http::Request::builder()
        .uri(customer_url(ORG, created["identifier"].as_str().unwrap()))
        .header("authorization", format!("Token {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let response = router.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value =
        serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
    assert_eq!(body["email"], json!("keep@example.org"));
}

#[tokio::test]
async fn the_ui_is_served_at_the_root_with_its_own_routes_falling_back_to_index_html_but_not_on_pos_paths() {
    let app = TestApp::new();
    let assets: http::UiAssets = std::sync::Arc::new(|path: &str| match path {
        "index.html" => Some((b"<html>desk</html>".to_vec(), "text/html".to_string())),
        "assets/app.js" => Some((b"console.log(1)".to_vec(), "text/javascript".to_string())),
        _ => None,
    });
    let options = http::Options { ui_assets: Some(assets), ..http::Options::default() };
    let router = http::router(app.app.clone(), &options);
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    for (path, status, body, mime) in [
        ("/", StatusCode::OK, "<html>desk</html>", Some("text/html")),
        ("/assets/app.js", StatusCode::OK, "console.log(1)", Some("text/javascript")),
        ("/desk/teams", StatusCode::OK, "<html>desk</html>", Some("text/html")),
        (
            "/customers/ABC/nothing",
            StatusCode::NOT_FOUND,
            r#"{"title":"Not Found","status":404,"detail":"Not found."}"#,
            Some("application/problem+json"),
        ),
        ("/api/nothing", StatusCode::NOT_FOUND, r#"{"detail":"Not found."}"#, Some("application/json")),
    ] {
        let request = axum::http::Request::builder().uri(path).body(axum::body::Body::empty()).unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(response.headers().get("content-type").and_then(|v| v.to_str().ok()), mime, "{path}");
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(String::from_utf8_lossy(&bytes), body, "{path}");
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn healthy(port: u16) -> bool {
    let client = reqwest::Client::builder().timeout(std::time::Duration::from_secs(5)).build().unwrap();
    matches!(client.get(format!("http://127.0.0.1:{port}/api/health")).send().await, Ok(r) if r.status() == 200)
}

#[tokio::test]
async fn an_administrator_moves_the_listener_to_another_port_and_lan_access_without_a_restart() {
    let app = TestApp::new();
    let admin = tessera::auth::login(&app.app, ADMIN_EMAIL, ADMIN_PASSWORD).unwrap();
    let admin = tessera::auth::Principal::User { user_id: admin.id };
    let control = http::ListenerControl::new(app.app.clone(), http::Options::default());
    let first = free_port();
    control.start(([127, 0, 0, 1], first).into()).await.unwrap();
    assert!(healthy(first).await);

    let second = free_port();
    let status =
        control.apply(admin.clone(), ListenerSettings { port: second, lan_access: false }).await.unwrap();
    assert_eq!(status.address, Some(format!("127.0.0.1:{second}")));
    assert_eq!(status.settings, ListenerSettings { port: second, lan_access: false });
    assert!(healthy(second).await, "the new port answers");
    assert!(!healthy(first).await, "the old port is closed");

    // LAN access on the same port: the old socket makes way for the wildcard one.
    let status =
        control.apply(admin.clone(), ListenerSettings { port: second, lan_access: true }).await.unwrap();
    assert_eq!(status.address, Some(format!("0.0.0.0:{second}")));
    assert!(status.terminal_url.unwrap().ends_with(&format!(":{second}")));
    assert!(healthy(second).await);

    // A port another program holds is refused; the listener stays, and nothing is stored.
    let squatter = std::net::TcpListener::bind("0.0.0.0:0").unwrap();
    let taken = squatter.local_addr().unwrap().port();
    let err =
        control.apply(admin.clone(), ListenerSettings { port: taken, lan_access: true }).await.unwrap_err();
    let fields = tessera::ErrorBody::from(err).fields.unwrap();
    assert_eq!(fields["port"], vec![format!("Port {taken} is already in use by another program.")]);
    assert!(healthy(second).await);
    assert_eq!(
        tessera::installation::listener_settings(&app.app).unwrap(),
        ListenerSettings { port: second, lan_access: true },
        "the setting survives in the database file for the next start"
    );

    let low = control.apply(admin, ListenerSettings { port: 80, lan_access: false }).await.unwrap_err();
    assert_eq!(low.code(), tessera::ErrorCode::Validation);
    let token = tessera::auth::authenticate_token(&app.app, &app.token).unwrap();
    let forbidden =
        control.apply(token, ListenerSettings { port: free_port(), lan_access: false }).await.unwrap_err();
    assert_eq!(forbidden.code(), tessera::ErrorCode::Forbidden);
    assert!(healthy(second).await);
    control.stop().await;
    assert!(!healthy(second).await);
}
