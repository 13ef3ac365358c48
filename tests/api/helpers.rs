//! `TestApp`: a fresh database file with one organizer, its admin and tokens, and typed request
//! helpers over the real router.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use chrono::{TimeZone, Utc};
use http_body_util::BodyExt;
use serde_json::Value;
use tessera::app::FixedClock;
use tessera::auth::{self, NewApiToken};
use tessera::db::Db;
use tessera::setup::{self, NewOrganizerWithAdmin, SetupInput};
use tessera::{App, http};
use tower::ServiceExt;

pub const ORG: &str = "demo";
pub const OTHER_ORG: &str = "other";
pub const ADMIN_EMAIL: &str = "admin@example.org";
pub const ADMIN_PASSWORD: &str = "correct horse";

pub struct TestApp {
    pub app: App,
    pub clock: Arc<FixedClock>,
    pub router: Router,
    /// All permissions in `demo`.
    pub token: String,
    /// All permissions in `other`.
    pub other_token: String,
    pub db_path: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
    pub json: Value,
}

impl TestApp {
    pub fn new() -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let db_path = dir.path().join("tessera.sqlite3");
        let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 3, 1, 18, 30, 0).unwrap()));
        let app = App::new(Db::open(&db_path).expect("open db"), clock.clone());
        setup::complete(
            &app,
            SetupInput {
                organizer_name: "Demo Venue".into(),
                organizer_slug: ORG.into(),
                email: ADMIN_EMAIL.into(),
                password: ADMIN_PASSWORD.into(),
            },
        )
        .expect("setup");
        setup::add_organizer(
            &app,
            NewOrganizerWithAdmin { slug: OTHER_ORG.into(), name: "Other".into(), admin_email: None },
        )
        .expect("second organizer");
        let token = Self::make_token(&app, ORG, None);
        let other_token = Self::make_token(&app, OTHER_ORG, None);
        let router = http::router(app.clone(), &http::Options::default());
        TestApp { app, clock, router, token, other_token, db_path, _dir: dir }
    }

    pub fn make_token(app: &App, organizer: &str, permissions: Option<&[&str]>) -> String {
        auth::create_api_token(
            app,
            NewApiToken {
                organizer: organizer.into(),
                name: "test".into(),
                permissions: permissions.map(|p| p.iter().map(|s| s.to_string()).collect()),
            },
        )
        .expect("token")
    }

    pub fn token_with(&self, permissions: &[&str]) -> String {
        Self::make_token(&self.app, ORG, Some(permissions))
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Reply {
        let mut builder = Request::builder().method(method).uri(path).header(header::HOST, "desk.test:8421");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let request =
            builder.body(body.map(|b| Body::from(b.to_string())).unwrap_or_else(Body::empty)).unwrap();
        let response = self.router.clone().oneshot(request).await.expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply { status, headers, text, json }
    }

    /// A pretix-dialect call with `Authorization: Token …` and a JSON body.
    pub async fn api(&self, method: Method, path: &str, token: &str, body: Option<Value>) -> Reply {
        let auth = format!("Token {token}");
        let text = body.map(|b| b.to_string());
        let mut headers = vec![("authorization", auth.as_str())];
        if text.is_some() {
            headers.push(("content-type", "application/json"));
        }
        self.request(method, path, &headers, text.as_deref()).await
    }

    pub async fn create_customer(&self, body: Value) -> Value {
        let reply = self.api(Method::POST, &customers_url(ORG), &self.token, Some(body)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "create failed: {}", reply.text);
        reply.json
    }

    /// A desk login; returns the `Cookie` header value to send back.
    pub async fn desk_login(&self) -> String {
        self.desk_login_as(ADMIN_EMAIL, ADMIN_PASSWORD).await
    }

    /// A desk login of another staff user.
    pub async fn desk_login_as(&self, email: &str, password: &str) -> String {
        let body = serde_json::json!({"email": email, "password": password}).to_string();
        let reply = self
            .request(Method::POST, "/api/desk/login", &[("content-type", "application/json")], Some(&body))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let cookie = reply.headers.get(header::SET_COOKIE).expect("cookie").to_str().unwrap();
        cookie.split(';').next().unwrap().to_string()
    }

    pub async fn desk(&self, method: Method, path: &str, cookie: &str, body: Option<Value>) -> Reply {
        let text = body.map(|b| b.to_string());
        let mut headers = vec![("cookie", cookie)];
        if text.is_some() {
            headers.push(("content-type", "application/json"));
        }
        self.request(method, path, &headers, text.as_deref()).await
    }
}

pub fn customers_url(org: &str) -> String {
    format!("/api/v1/organizers/{org}/customers/")
}

pub fn customer_url(org: &str, identifier: &str) -> String {
    format!("/api/v1/organizers/{org}/customers/{identifier}/")
}
