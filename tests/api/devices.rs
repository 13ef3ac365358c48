//! pretix's device protocol: pairing with a one-time token, `Device` authentication, roll,
//! revoke, and the organizer's devices resource.

use axum::http::{Method, StatusCode, header};
use serde_json::{Value, json};
use tessera::auth::{self, Principal};
use tessera::devices;

use crate::helpers::*;

const DEVICES: &str = "/api/v1/organizers/demo/devices/";

fn hardware(token: &str) -> Value {
    json!({"token": token, "hardware_brand": "Zebra", "hardware_model": "TC25", "software_brand": "Till",
           "software_version": "1.0", "os_name": "Android", "info": {"battery": 80}})
}

impl TestApp {
    pub(crate) async fn device_call(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> Reply {
        let auth = format!("Device {token}");
        let text = body.map(|b| b.to_string());
        self.request(
            method,
            path,
            &[("authorization", &auth), ("content-type", "application/json")],
            text.as_deref(),
        )
        .await
    }

    /// Creates a device and initializes it; returns (device resource, api token).
    pub(crate) async fn paired_device(&self, name: &str) -> (Value, String) {
        let created = self
            .api(Method::POST, DEVICES, &self.token, Some(json!({"name": name, "limit_events": []})))
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
        let init = created.json["initialization_token"].as_str().unwrap().to_string();
        let reply = self
            .request(
                Method::POST,
                "/api/v1/device/initialize",
                &[("content-type", "application/json")],
                Some(&hardware(&init).to_string()),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        (created.json, reply.json["api_token"].as_str().unwrap().to_string())
    }
}

#[tokio::test]
async fn a_device_is_created_with_a_one_time_token_and_paired_with_it() {
    let app = TestApp::new();
    let created = app
        .api(
            Method::POST,
            DEVICES,
            &app.token,
            Some(json!({"name": "Bar till", "all_events": true, "limit_events": []})),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let d = &created.json;
    assert_eq!(d["device_id"], json!(1));
    assert_eq!(d["unique_serial"].as_str().unwrap().len(), 16);
    let init = d["initialization_token"].as_str().unwrap().to_string();
    assert!(init.len() == 16 && init.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    assert_eq!(d["initialized"], json!(null));
    assert_eq!(d["security_profile"], json!("full"));

    let reply = app
        .request(
            Method::POST,
            "/api/v1/device/initialize",
            &[("content-type", "application/json")],
            Some(&hardware(&init).to_string()),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.json["organizer"], json!("demo"));
    assert_eq!(reply.json["device_id"], json!(1));
    assert_eq!(reply.json["name"], json!("Bar till"));
    let api_token = reply.json["api_token"].as_str().unwrap().to_string();
    assert_eq!(api_token.len(), 64);

    let info = app.device_call(Method::GET, "/api/v1/device/info", &api_token, None).await;
    assert_eq!(info.status, StatusCode::OK, "{}", info.text);
    assert_eq!(info.json["device"]["unique_serial"], d["unique_serial"]);
    assert_eq!(info.json["medium_key_sets"], json!([]));

    let again = app
        .request(
            Method::POST,
            "/api/v1/device/initialize",
            &[("content-type", "application/json")],
            Some(&hardware(&init).to_string()),
        )
        .await;
    assert_eq!(again.json, json!({"token": ["This initialization token has already been used."]}));
    let unknown = app
        .request(
            Method::POST,
            "/api/v1/device/initialize",
            &[("content-type", "application/json")],
            Some(&hardware("nope").to_string()),
        )
        .await;
    assert_eq!(unknown.json, json!({"token": ["Unknown initialization token."]}));
    let listed = app.api(Method::GET, &format!("{DEVICES}1/"), &app.token, None).await;
    assert!(listed.json.get("initialization_token").is_none(), "a used pairing code is never shown again");
    assert_eq!(listed.json["hardware_brand"], json!("Zebra"));
    assert!(listed.json["initialized"].is_string());
}

#[tokio::test]
async fn initialize_reports_every_missing_field() {
    let app = TestApp::new();
    let reply = app
        .request(
            Method::POST,
            "/api/v1/device/initialize",
            &[("content-type", "application/json")],
            Some("{}"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let required = json!(["This field is required."]);
    assert_eq!(
        reply.json,
        json!({"token": required, "hardware_brand": required, "hardware_model": required,
               "software_brand": required, "software_version": required})
    );
}

#[tokio::test]
async fn a_device_has_its_fixed_permissions_in_its_own_organizer_only() {
    let app = TestApp::new();
    let (_, token) = app.paired_device("Door").await;
    let orgs = app.device_call(Method::GET, "/api/v1/organizers/", &token, None).await;
    assert_eq!(orgs.json["count"], json!(1));
    assert_eq!(orgs.json["results"][0]["slug"], json!("demo"));
    assert_eq!(
        app.device_call(Method::GET, &customers_url(ORG), &token, None).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.device_call(Method::GET, DEVICES, &token, None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.device_call(Method::GET, "/api/v1/organizers/other/", &token, None).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.device_call(Method::GET, "/api/v1/organizers/demo/", &token, None).await.status,
        StatusCode::OK
    );
    let seen = app.api(Method::GET, &format!("{DEVICES}1/"), &app.token, None).await;
    assert_eq!(seen.json["last_seen"], json!("2026-03-01T18:30:00Z"));
}

#[tokio::test]
async fn rolling_replaces_the_token_at_once() {
    let app = TestApp::new();
    let (_, old) = app.paired_device("Till").await;
    let rolled = app.device_call(Method::POST, "/api/v1/device/roll", &old, None).await;
    assert_eq!(rolled.status, StatusCode::OK);
    let new = rolled.json["api_token"].as_str().unwrap();
    assert_ne!(new, old);
    let refused = app.device_call(Method::GET, "/api/v1/device/info", &old, None).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.json, json!({"detail": "Invalid token."}));
    assert_eq!(app.device_call(Method::GET, "/api/v1/device/info", new, None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_revoked_device_is_refused_for_good() {
    let app = TestApp::new();
    let (_, token) = app.paired_device("Till").await;
    assert_eq!(
        app.device_call(Method::POST, "/api/v1/device/revoke", &token, None).await.status,
        StatusCode::OK
    );
    let refused = app.device_call(Method::GET, "/api/v1/device/info", &token, None).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.json, json!({"detail": "Device access has been revoked."}));
    assert_eq!(
        app.device_call(Method::GET, "/api/v1/organizers/", &token, None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let listed = app.api(Method::GET, &format!("{DEVICES}1/"), &app.token, None).await;
    assert_eq!(listed.json["revoked"], json!(true));
}

#[tokio::test]
async fn a_device_revoked_before_pairing_cannot_pair() {
    let app = TestApp::new();
    let created =
        app.api(Method::POST, DEVICES, &app.token, Some(json!({"name": "Lost", "limit_events": []}))).await;
    let access = auth::authorize(&app.app, &Principal::System, ORG).unwrap();
    devices::revoke_by_admin(&app.app, &access, 1).unwrap();
    let init = created.json["initialization_token"].as_str().unwrap();
    let reply = app
        .request(
            Method::POST,
            "/api/v1/device/initialize",
            &[("content-type", "application/json")],
            Some(&hardware(init).to_string()),
        )
        .await;
    assert_eq!(reply.json, json!({"token": ["This initialization token has been revoked."]}));
}

#[tokio::test]
async fn the_device_endpoints_take_only_device_credentials() {
    let app = TestApp::new();
    let auth = format!("Token {}", app.token);
    let reply = app.request(Method::GET, "/api/v1/device/info", &[("authorization", &auth)], None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json, json!({"detail": "Authentication credentials were not provided."}));
    assert_eq!(reply.headers.get(header::WWW_AUTHENTICATE).unwrap(), "Device");
    let created =
        app.api(Method::POST, DEVICES, &app.token, Some(json!({"name": "New", "limit_events": []}))).await;
    let _ = created;
    let reply = app.device_call(Method::GET, "/api/v1/device/info", "unknowntoken", None).await;
    assert_eq!(reply.json, json!({"detail": "Invalid token."}));
}

#[tokio::test]
async fn the_public_key_can_be_set_once() {
    let app = TestApp::new();
    let (_, token) = app.paired_device("Till").await;
    let key = "-----BEGIN PUBLIC KEY-----\nMFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAK\n-----END PUBLIC KEY-----";
    let other = "-----BEGIN PUBLIC KEY-----\nMFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAQ\n-----END PUBLIC KEY-----";
    let mut body = hardware("");
    body.as_object_mut().unwrap().remove("token");
    body["rsa_pubkey"] = json!("garbage");
    let bad = app.device_call(Method::POST, "/api/v1/device/update", &token, Some(body.clone())).await;
    assert_eq!(bad.json, json!({"rsa_pubkey": ["Not a valid public key."]}));
    body["rsa_pubkey"] = json!(key);
    assert_eq!(
        app.device_call(Method::POST, "/api/v1/device/update", &token, Some(body.clone())).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.device_call(Method::POST, "/api/v1/device/update", &token, Some(body.clone())).await.status,
        StatusCode::OK,
        "the same key again is fine"
    );
    body["rsa_pubkey"] = json!(other);
    let changed = app.device_call(Method::POST, "/api/v1/device/update", &token, Some(body)).await;
    assert_eq!(
        changed.json,
        json!({"rsa_pubkey": ["You cannot change the rsa_pubkey of the device once it is set."]})
    );
}

#[tokio::test]
async fn the_devices_resource_follows_pretixs_rules() {
    let app = TestApp::new();
    let empty = app.api(Method::POST, DEVICES, &app.token, Some(json!({}))).await;
    assert_eq!(
        empty.json,
        json!({"limit_events": ["This field is required."], "name": ["This field is required."]})
    );
    let bad = app
        .api(
            Method::POST,
            DEVICES,
            &app.token,
            Some(json!({"name": "x", "limit_events": ["nope"], "security_profile": "x"})),
        )
        .await;
    assert_eq!(bad.json["limit_events"], json!(["Object with slug=nope does not exist."]));
    assert_eq!(bad.json["security_profile"], json!(["\"x\" is not a valid choice."]));
    app.api(Method::POST, DEVICES, &app.token, Some(json!({"name": "A", "limit_events": []}))).await;
    app.api(Method::POST, DEVICES, &app.token, Some(json!({"name": "B", "limit_events": []}))).await;
    let reader = app.token_with(&["organizer.devices:read"]);
    let list = app.api(Method::GET, DEVICES, &reader, None).await;
    assert_eq!(list.json["count"], json!(2));
    assert!(list.json["results"][0].get("initialization_token").is_none(), "only writers see pairing codes");
    assert_eq!(list.json["results"][1]["device_id"], json!(2));
    assert_eq!(
        app.api(Method::POST, DEVICES, &reader, Some(json!({"name": "C", "limit_events": []}))).await.status,
        StatusCode::FORBIDDEN
    );
    let renamed = app
        .api(Method::PATCH, &format!("{DEVICES}2/"), &app.token, Some(json!({"name": "Box office 2"})))
        .await;
    assert_eq!(renamed.json["name"], json!("Box office 2"));
    let deleted = app.api(Method::DELETE, &format!("{DEVICES}2/"), &app.token, None).await;
    assert_eq!(deleted.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        app.api(Method::GET, &format!("{DEVICES}9/"), &app.token, None).await.json,
        json!({"detail": "No Device matches the given query."})
    );
    assert_eq!(app.api(Method::GET, DEVICES, &app.other_token, None).await.status, StatusCode::FORBIDDEN);
}
