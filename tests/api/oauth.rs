//! OAuth2 over a real socket with a real HTTP client: authorize → login → consent → code →
//! token → API call → refresh → revoke, every refusal on the way, and the reseller API with its
//! authentication matrix.

use base64::Engine;
use chrono::TimeDelta;
use reqwest::{Client, StatusCode, redirect::Policy};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tessera::auth;
use tessera::http;
use tessera::oauth::{self, NewOAuthApplication};
use tessera::resellers::{self, NewResellerAccount};

use crate::helpers::*;

const REDIRECT: &str = "https://app.example/callback";
const VERIFIER: &str = "a-verifier-that-is-long-enough-for-rfc-7636-0123456789";

struct Flow {
    app: TestApp,
    base: String,
    client: Client,
    client_id: String,
    secret: String,
    _stop: tokio::sync::oneshot::Sender<()>,
}

fn form(pairs: &[(&str, &str)]) -> String {
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

fn challenge() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(VERIFIER.as_bytes()))
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).map(|i| i + start.len()).unwrap_or_else(|| panic!("{start} not in {text}"));
    let rest = &text[from..];
    &rest[..rest.find(end).unwrap()]
}

impl Flow {
    async fn new() -> Flow {
        let app = TestApp::new();
        let admin = auth::login(&app.app, ADMIN_EMAIL, ADMIN_PASSWORD).unwrap();
        let registered = oauth::register(
            &app.app,
            admin.id,
            NewOAuthApplication {
                name: "Promoter sync".into(),
                redirect_uris: REDIRECT.into(),
                confidential: true,
            },
        )
        .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(http::serve(listener, app.router.clone(), async {
            let _ = stopped.await;
        }));
        Flow {
            app,
            base: format!("http://{addr}"),
            client: Client::builder().redirect(Policy::none()).build().unwrap(),
            client_id: registered.application.client_id,
            secret: registered.client_secret.unwrap(),
            _stop: stop,
        }
    }

    fn authorize_query(&self, scope: &str, redirect: &str) -> Vec<(&'static str, String)> {
        vec![
            ("client_id", self.client_id.clone()),
            ("response_type", "code".into()),
            ("redirect_uri", redirect.into()),
            ("scope", scope.into()),
            ("state", "xyz".into()),
            ("code_challenge", challenge()),
            ("code_challenge_method", "S256".into()),
        ]
    }

    /// Logs in on the authorize page and returns (session cookie, consent page).
    async fn login(&self, query: &[(&'static str, String)]) -> (String, String) {
        let url = format!("{}/api/v1/oauth/authorize", self.base);
        let page = self.client.get(&url).query(query).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        assert_eq!(page.headers()["x-frame-options"], "DENY", "no framing of the login or consent page");
        assert!(page.text().await.unwrap().contains("Log in to Tessera"));
        let mut fields: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fields.extend([("action", "login"), ("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)]);
        let reply = self
            .client
            .post(&url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&fields))
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), StatusCode::OK);
        let cookie = reply.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
        (cookie, reply.text().await.unwrap())
    }

    /// Approves on the consent page for `organizers`; returns the redirect's `Location`.
    async fn approve(
        &self,
        query: &[(&'static str, String)],
        cookie: &str,
        page: &str,
        organizers: &[&str],
    ) -> reqwest::Response {
        let csrf = between(page, "name=\"csrf\" value=\"", "\"").to_string();
        let mut fields: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fields.push(("csrf", &csrf));
        fields.push(("allow", "1"));
        for o in organizers {
            fields.push(("organizers", o));
        }
        self.client
            .post(format!("{}/api/v1/oauth/authorize", self.base))
            .header("cookie", cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&fields))
            .send()
            .await
            .unwrap()
    }

    async fn code(&self, scope: &str, organizers: &[&str]) -> String {
        let query = self.authorize_query(scope, REDIRECT);
        let (cookie, page) = self.login(&query).await;
        let reply = self.approve(&query, &cookie, &page, organizers).await;
        assert_eq!(reply.status(), StatusCode::FOUND);
        let location = reply.headers()["location"].to_str().unwrap().to_string();
        assert!(location.starts_with(REDIRECT), "{location}");
        assert!(location.contains("state=xyz"));
        between(&format!("{location}&"), "code=", "&").to_string()
    }

    async fn token(&self, pairs: &[(&str, &str)]) -> (StatusCode, Value) {
        let reply = self
            .client
            .post(format!("{}/api/v1/oauth/token", self.base))
            .basic_auth(&self.client_id, Some(&self.secret))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(pairs))
            .send()
            .await
            .unwrap();
        (reply.status(), reply.json().await.unwrap_or(Value::Null))
    }

    async fn exchange(&self, code: &str) -> (StatusCode, Value) {
        self.token(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ])
        .await
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        bearer: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self.client.request(method, format!("{}{path}", self.base)).bearer_auth(bearer);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let reply = request.send().await.unwrap();
        (reply.status(), reply.json().await.unwrap_or(Value::Null))
    }
}

#[tokio::test]
async fn the_full_flow_gives_a_token_limited_to_the_chosen_organizer() {
    let flow = Flow::new().await;
    let code = flow.code("read write", &[ORG]).await;
    assert_eq!(code.len(), 30);
    let (status, tokens) = flow.exchange(&code).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert_eq!(
        (tokens["token_type"].clone(), tokens["expires_in"].clone(), tokens["scope"].clone()),
        (json!("Bearer"), json!(86400), json!("read write"))
    );
    let access = tokens["access_token"].as_str().unwrap().to_string();
    let refresh = tokens["refresh_token"].as_str().unwrap().to_string();

    let (status, list) = flow.call(reqwest::Method::GET, "/api/v1/organizers/", &access, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["count"], json!(1));
    let (status, _) = flow
        .call(
            reqwest::Method::POST,
            &customers_url(ORG),
            &access,
            Some(json!({"email": "oauth@example.org"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, me) = flow.call(reqwest::Method::GET, "/api/v1/me", &access, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["email"], json!(ADMIN_EMAIL));

    // A code is single-use.
    let (status, body) = flow.exchange(&code).await;
    assert_eq!((status, body), (StatusCode::BAD_REQUEST, json!({"error": "invalid_grant"})));

    // Refresh: a new access token, the old one stops at once, the refresh token stays.
    let (status, renewed) = flow.token(&[("grant_type", "refresh_token"), ("refresh_token", &refresh)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(renewed["refresh_token"], json!(refresh));
    let new_access = renewed["access_token"].as_str().unwrap().to_string();
    assert_eq!(
        flow.call(reqwest::Method::GET, &customers_url(ORG), &access, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        flow.call(reqwest::Method::GET, &customers_url(ORG), &new_access, None).await.0,
        StatusCode::OK
    );

    // Revoking the refresh token ends the grant.
    let reply = flow
        .client
        .post(format!("{}/api/v1/oauth/revoke_token", flow.base))
        .basic_auth(&flow.client_id, Some(&flow.secret))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("token", &refresh)]))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::OK);
    assert_eq!(
        flow.call(reqwest::Method::GET, &customers_url(ORG), &new_access, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    let (status, body) = flow.token(&[("grant_type", "refresh_token"), ("refresh_token", &refresh)]).await;
    assert_eq!((status, body), (StatusCode::BAD_REQUEST, json!({"error": "invalid_grant"})));
}

#[tokio::test]
async fn scopes_and_organizers_limit_every_call() {
    let flow = Flow::new().await;
    // The admin works in `demo` only; `other` is not even offered.
    let query = flow.authorize_query("read", REDIRECT);
    let (cookie, page) = flow.login(&query).await;
    assert!(page.contains("value=\"demo\"") && !page.contains("value=\"other\""), "{page}");
    let reply = flow.approve(&query, &cookie, &page, &[OTHER_ORG]).await;
    assert_eq!(reply.status(), StatusCode::OK, "an organizer not offered is refused on the page");
    let reply = flow.approve(&query, &cookie, &page, &[]).await;
    assert!(reply.text().await.unwrap().contains("Select at least one organizer."));

    let read_only =
        flow.exchange(&flow.code("read", &[ORG]).await).await.1["access_token"].as_str().unwrap().to_string();
    assert_eq!(
        flow.call(reqwest::Method::GET, &customers_url(ORG), &read_only, None).await.0,
        StatusCode::OK
    );
    let (status, _) =
        flow.call(reqwest::Method::POST, &customers_url(ORG), &read_only, Some(json!({}))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "write needs the write scope");
    assert_eq!(
        flow.call(reqwest::Method::GET, &customers_url(OTHER_ORG), &read_only, None).await.0,
        StatusCode::FORBIDDEN
    );

    let profile =
        flow.exchange(&flow.code("profile", &[]).await).await.1["access_token"].as_str().unwrap().to_string();
    assert_eq!(flow.call(reqwest::Method::GET, "/api/v1/me", &profile, None).await.0, StatusCode::OK);
    assert_eq!(
        flow.call(reqwest::Method::GET, &customers_url(ORG), &profile, None).await.0,
        StatusCode::FORBIDDEN
    );

    // Tokens expire after a day; an expired token is "no credentials".
    flow.app.clock.advance(TimeDelta::hours(25));
    let (status, body) = flow.call(reqwest::Method::GET, &customers_url(ORG), &read_only, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["detail"], json!("Authentication credentials were not provided."));
    let (status, _) = flow.call(reqwest::Method::GET, "/api/v1/me", &read_only, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "/me answers 403, as pretix's does");
}

#[tokio::test]
async fn every_refusal_of_the_flow() {
    let flow = Flow::new().await;
    let url = format!("{}/api/v1/oauth/authorize", flow.base);
    // A redirect URI that is not registered: an error page, never a redirect.
    let reply = flow
        .client
        .get(&url)
        .query(&flow.authorize_query("read", "https://evil.example/"))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::BAD_REQUEST);
    let reply = flow
        .client
        .get(&url)
        .query(&[("client_id", "nope"), ("response_type", "code")])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::BAD_REQUEST);
    // An unknown scope goes back to the client with an error (after the login).
    let query = flow.authorize_query("admin", REDIRECT);
    let mut fields: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fields.extend([("action", "login"), ("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)]);
    let reply = flow
        .client
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&fields))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::FOUND);
    let location = reply.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with(REDIRECT)
            && location.contains("error=invalid_scope")
            && location.contains("state=xyz"),
        "{location}"
    );
    // A wrong password shows the login page again.
    let read_query = flow.authorize_query("read", REDIRECT);
    let mut fields: Vec<(&str, &str)> = read_query.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fields.extend([("action", "login"), ("email", ADMIN_EMAIL), ("password", "wrong")]);
    let reply = flow
        .client
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&fields))
        .send()
        .await
        .unwrap();
    assert!(reply.text().await.unwrap().contains("The email address or password is not correct."));

    // Denying sends access_denied back.
    let query = flow.authorize_query("read", REDIRECT);
    let (cookie, page) = flow.login(&query).await;
    let csrf = between(&page, "name=\"csrf\" value=\"", "\"").to_string();
    let mut fields: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fields.extend([("csrf", csrf.as_str()), ("deny", "1")]);
    let reply = flow
        .client
        .post(&url)
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&fields))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::FOUND);
    assert!(reply.headers()["location"].to_str().unwrap().contains("error=access_denied"));
    // A form without the page's token is refused.
    fields.retain(|(k, _)| *k != "csrf");
    fields.push(("csrf", "forged"));
    let reply = flow
        .client
        .post(&url)
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&fields))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::FORBIDDEN);

    // Token endpoint refusals.
    let code = flow.code("read", &[ORG]).await;
    let (status, body) = flow
        .token(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "https://app.example/other"),
            ("code_verifier", VERIFIER),
        ])
        .await;
    assert_eq!(
        (status, body),
        (
            StatusCode::BAD_REQUEST,
            json!({"error": "invalid_request", "error_description": "Mismatching redirect URI."})
        )
    );
    let (status, body) = flow
        .token(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", "wrong"),
        ])
        .await;
    assert_eq!(
        (status, body),
        (StatusCode::BAD_REQUEST, json!({"error": "invalid_grant"})),
        "wrong PKCE verifier"
    );
    let late = flow.code("read", &[ORG]).await;
    flow.app.clock.advance(TimeDelta::seconds(61));
    assert_eq!(flow.exchange(&late).await.1, json!({"error": "invalid_grant"}), "codes live a minute");
    let (status, body) = flow.token(&[("grant_type", "password")]).await;
    assert_eq!((status, body), (StatusCode::BAD_REQUEST, json!({"error": "unauthorized_client"})));
    let (status, body) = flow.token(&[("grant_type", "magic")]).await;
    assert_eq!((status, body), (StatusCode::BAD_REQUEST, json!({"error": "unsupported_grant_type"})));
    let reply = flow
        .client
        .post(format!("{}/api/v1/oauth/token", flow.base))
        .basic_auth(&flow.client_id, Some("wrong secret"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("grant_type", "authorization_code")]))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json::<Value>().await.unwrap(), json!({"error": "invalid_client"}));
}

#[tokio::test]
async fn the_reseller_api_takes_only_a_users_oauth_token() {
    let flow = Flow::new().await;
    let admin = auth::login(&flow.app.app, ADMIN_EMAIL, ADMIN_PASSWORD).unwrap();
    let token = flow.exchange(&flow.code("read write", &[ORG]).await).await.1["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let var = format!("{}/api/v1/var/", flow.base);

    assert_eq!(flow.client.get(&var).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let team = flow
        .client
        .get(&var)
        .header("authorization", format!("Token {}", flow.app.token))
        .send()
        .await
        .unwrap();
    assert_eq!(team.status(), StatusCode::FORBIDDEN, "team tokens are not accepted");
    let (status, list) = flow.call(reqwest::Method::GET, "/api/v1/var/", &token, None).await;
    assert_eq!((status, list["count"].clone()), (StatusCode::OK, json!(0)));

    let account = resellers::create_account(
        &flow.app.app,
        admin.id,
        NewResellerAccount {
            name: "Stage Partners Ltd".into(),
            public_name: "Stage Partners".into(),
            public_url: "https://partners.example".into(),
            support_email: "help@partners.example".into(),
            support_phone: "+4930123456".into(),
            communication_language: "de".into(),
        },
    )
    .unwrap();
    let (status, list) = flow.call(reqwest::Method::GET, "/api/v1/var/", &token, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["results"][0]["public_name"], json!("Stage Partners"));
    let one = format!("/api/v1/var/{}/", account.id);
    assert_eq!(flow.call(reqwest::Method::GET, &one, &token, None).await.0, StatusCode::OK);
    assert_eq!(
        flow.call(reqwest::Method::GET, "/api/v1/var/999/", &token, None).await.0,
        StatusCode::NOT_FOUND
    );

    let create = format!("/api/v1/var/{}/create_organizer/", account.id);
    let (status, created) = flow
        .call(reqwest::Method::POST, &create, &token, Some(json!({"name": "Jazz Nights", "slug": "jazz"})))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!((created["name"].clone(), created["slug"].clone()), (json!("Jazz Nights"), json!("jazz")));
    let (status, body) = flow
        .call(reqwest::Method::POST, &create, &token, Some(json!({"name": "Again", "slug": "JAZZ"})))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["slug"], json!(["This slug is already in use. Please choose a different one."]));
    let (status, body) =
        flow.call(reqwest::Method::POST, &create, &token, Some(json!({"name": "Bad", "slug": "a"}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(
        flow.call(
            reqwest::Method::POST,
            "/api/v1/var/999/create_organizer/",
            &token,
            Some(json!({"name": "X", "slug": "xx"}))
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );

    // Linking at the desk: an unknown account is a 404, never a storage error.
    let cookie = flow.app.desk_login().await;
    let reply = flow
        .app
        .desk(
            axum::http::Method::POST,
            "/api/desk/resellers/9999/organizers",
            &cookie,
            Some(json!({"organizer": ORG})),
        )
        .await;
    assert_eq!(reply.status, axum::http::StatusCode::NOT_FOUND);
    let url = format!("/api/desk/resellers/{}/organizers", account.id);
    let reply = flow.app.desk(axum::http::Method::POST, &url, &cookie, Some(json!({"organizer": ORG}))).await;
    assert_eq!(reply.status, axum::http::StatusCode::NO_CONTENT);

    // The calling user got a team with every permission in the new organizer.
    let visible =
        auth::visible_organizers(&flow.app.app, &auth::Principal::User { user_id: admin.id }).unwrap();
    assert!(visible.iter().any(|o| o.slug.as_str() == "jazz"));
    let jazz = auth::authorize(&flow.app.app, &auth::Principal::User { user_id: admin.id }, "jazz").unwrap();
    assert!(jazz.require(auth::Permission::TEAMS_WRITE).is_ok());
    // A read-only token cannot create organizers.
    let reader =
        flow.exchange(&flow.code("read", &[ORG]).await).await.1["access_token"].as_str().unwrap().to_string();
    assert_eq!(
        flow.call(reqwest::Method::POST, &create, &reader, Some(json!({"name": "Y", "slug": "yy"}))).await.0,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_desk_registers_applications_and_revokes_access_given() {
    let flow = Flow::new().await;
    let app = &flow.app;
    let cookie = app.desk_login().await;
    let reply = app
        .desk(axum::http::Method::POST, "/api/desk/oauth/applications", &cookie,
            Some(json!({"name": "Box office app", "redirect_uris": "http://app.example/cb", "confidential": false})))
        .await;
    assert_eq!(
        reply.status,
        axum::http::StatusCode::BAD_REQUEST,
        "http only to this machine or a private network"
    );
    let reply = app
        .desk(axum::http::Method::POST, "/api/desk/oauth/applications", &cookie,
            Some(json!({"name": "Box office app", "redirect_uris": "https://app.example/cb\nhttp://127.0.0.1:7000/cb", "confidential": false})))
        .await;
    assert_eq!(reply.status, axum::http::StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json["client_secret"], Value::Null, "public clients have no secret");
    assert_eq!(reply.json["application"]["redirect_uris"].as_array().unwrap().len(), 2);
    let listed = app.desk(axum::http::Method::GET, "/api/desk/oauth/applications", &cookie, None).await;
    assert_eq!(listed.json.as_array().unwrap().len(), 2, "the flow's application and this one");

    let token =
        flow.exchange(&flow.code("read", &[ORG]).await).await.1["access_token"].as_str().unwrap().to_string();
    let grants = app.desk(axum::http::Method::GET, "/api/desk/oauth/grants", &cookie, None).await;
    assert_eq!(grants.json[0]["application"], json!("Promoter sync"));
    assert_eq!(grants.json[0]["organizers"], json!([ORG]));
    let id = grants.json[0]["id"].clone();
    let reply =
        app.desk(axum::http::Method::DELETE, &format!("/api/desk/oauth/grants/{id}"), &cookie, None).await;
    assert_eq!(reply.status, axum::http::StatusCode::NO_CONTENT);
    assert_eq!(
        flow.call(reqwest::Method::GET, &customers_url(ORG), &token, None).await.0,
        StatusCode::UNAUTHORIZED
    );

    // Retiring the application stops its tokens too.
    let token =
        flow.exchange(&flow.code("read", &[ORG]).await).await.1["access_token"].as_str().unwrap().to_string();
    let apps = app.desk(axum::http::Method::GET, "/api/desk/oauth/applications", &cookie, None).await.json;
    let first = apps[0]["id"].clone();
    let reply = app
        .desk(axum::http::Method::DELETE, &format!("/api/desk/oauth/applications/{first}"), &cookie, None)
        .await;
    assert_eq!(reply.status, axum::http::StatusCode::NO_CONTENT);
    assert_eq!(
        flow.call(reqwest::Method::GET, &customers_url(ORG), &token, None).await.0,
        StatusCode::UNAUTHORIZED
    );

    // Public clients must use PKCE: without a challenge the client gets an error after the login.
    let public_id = reply_client_id(&apps, 1);
    let fields = form(&[
        ("client_id", public_id.as_str()),
        ("response_type", "code"),
        ("redirect_uri", "https://app.example/cb"),
        ("scope", "read"),
        ("action", "login"),
        ("email", ADMIN_EMAIL),
        ("password", ADMIN_PASSWORD),
    ]);
    let reply = flow
        .client
        .post(format!("{}/api/v1/oauth/authorize", flow.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(fields)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::FOUND);
    assert!(reply.headers()["location"].to_str().unwrap().contains("error=invalid_request"));
}

fn reply_client_id(apps: &Value, index: usize) -> String {
    apps[index]["client_id"].as_str().unwrap().to_string()
}
