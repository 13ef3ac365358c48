//! The updater against a real HTTP server on loopback that serves a manifest and bundles signed in
//! the test, through tauri's mock runtime and the plugin configured as `tauri.conf.json` ships it
//! (only the public key is the test's own). Nothing is ever installed.

use std::io::Cursor;
use std::net::SocketAddr;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use minisign::KeyPair;
use serde_json::{Value, json};
use tauri::test::{MockRuntime, mock_builder, mock_context, noop_assets};
use tessera::installation::UpdateSettings;

use super::*;

/// Generous: a check that hangs fails the test instead of blocking it.
const TEST_BOUND: Duration = Duration::from_secs(30);

/// A release signing key of the test's own, in the encodings tauri uses.
struct Signer {
    keys: KeyPair,
}

impl Signer {
    fn new() -> Self {
        Signer { keys: KeyPair::generate_unencrypted_keypair().expect("key pair") }
    }

    /// `plugins.updater.pubkey`: base64 of the minisign public key file.
    fn pubkey(&self) -> String {
        BASE64.encode(self.keys.pk.to_box().expect("public key box").to_string())
    }

    /// A manifest `signature`: base64 of the minisign signature file, the version in its trusted
    /// comment as `tauri build` writes it.
    fn sign(&self, bytes: &[u8], version: &str) -> String {
        let trusted = format!("timestamp:1700000000\tfile:tessera.deb\tversion:{version}");
        let signature = minisign::sign(
            Some(&self.keys.pk),
            &self.keys.sk,
            Cursor::new(bytes),
            Some(&trusted),
            Some("signature from tauri secret key"),
        )
        .expect("signature");
        BASE64.encode(signature.to_string())
    }
}

/// Serves `files` (path → bytes) on 127.0.0.1 until the test ends.
async fn serve(files: Vec<(String, Vec<u8>)>, listener: tokio::net::TcpListener) {
    let mut router = axum::Router::new();
    for (path, bytes) in files {
        router = router.route(&path, axum::routing::get(move || async move { bytes }));
    }
    tokio::spawn(async move { axum::serve(listener, router).await });
}

async fn loopback() -> (tokio::net::TcpListener, SocketAddr) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    (listener, address)
}

/// A static manifest offering `version` for this platform, with the bundle at `/bundle.deb`.
fn manifest(address: SocketAddr, version: &str, signature: &str) -> Vec<u8> {
    let platform = tauri_plugin_updater::target().expect("a platform the updater supports");
    json!({
        "version": version,
        "notes": "Faster search at the desk.",
        "pub_date": "2026-11-20T10:00:00Z",
        "platforms": { platform: { "url": format!("http://{address}/bundle.deb"), "signature": signature } }
    })
    .to_string()
    .into_bytes()
}

/// The updater section of the shipped `tauri.conf.json`.
fn shipped_updater_config() -> Value {
    let config: Value = serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json");
    config["plugins"]["updater"].clone()
}

/// A mock app (version 0.1.0) with the updater plugin as shipped, trusting `pubkey`.
fn app(pubkey: &str) -> tauri::App<MockRuntime> {
    let mut updater = shipped_updater_config();
    updater["pubkey"] = Value::String(pubkey.into());
    let mut context = mock_context(noop_assets());
    context.config_mut().plugins.0.insert("updater".into(), updater);
    mock_builder().plugin(tauri_plugin_updater::Builder::new().build()).build(context).expect("mock app")
}

fn settings(endpoint: String) -> UpdateSettings {
    UpdateSettings { endpoint: Some(endpoint), check_on_start: true }
}

/// Serves a release: the manifest at `/{os}/{arch}/latest.json` offers `version` with `signer`'s
/// signature of [`bundle`] for `signed_for`, and `/bundle.deb` serves `served`. Answers the
/// endpoint as an administrator would type it, with the updater's placeholders.
async fn release(signer: &Signer, version: &str, signed_for: &str, served: Vec<u8>) -> String {
    let (listener, address) = loopback().await;
    let signature = signer.sign(&bundle(), signed_for);
    let target = tauri_plugin_updater::target().expect("a platform the updater supports");
    let (os, arch) = target.split_once('-').expect("os-arch");
    let files = vec![
        (format!("/{os}/{arch}/latest.json"), manifest(address, version, &signature)),
        ("/bundle.deb".to_string(), served),
    ];
    serve(files, listener).await;
    format!("http://{address}/{{{{target}}}}/{{{{arch}}}}/latest.json?from={{{{current_version}}}}")
}

fn bundle() -> Vec<u8> {
    b"!<arch>\ndebian-binary   a Tessera 0.2.0 package, as far as this test is concerned".to_vec()
}

#[test]
fn the_shipped_config_has_the_projects_key_no_endpoint_and_requires_signed_versions() {
    let section = shipped_updater_config();
    let config: tauri_plugin_updater::Config = serde_json::from_value(section).expect("updater config");
    assert!(config.endpoints.is_empty(), "no endpoint that pretends to exist: administrators set one");
    assert!(config.require_signed_version, "a signature must name the version the manifest announces");
    assert!(config.dangerous_insecure_transport_protocol, "a venue's LAN server may serve plain http");
    let key = String::from_utf8(BASE64.decode(&config.pubkey).expect("base64 pubkey")).expect("utf-8");
    minisign::PublicKeyBox::from_string(&key)
        .and_then(|b| b.into_public_key())
        .expect("a minisign public key");
}

#[tokio::test]
async fn a_newer_signed_version_is_offered_and_its_bundle_downloads() {
    let signer = Signer::new();
    let endpoint = release(&signer, "0.2.0", "0.2.0", bundle()).await;
    let app = app(&signer.pubkey());

    let answer =
        tokio::time::timeout(TEST_BOUND, check(app.handle(), &settings(endpoint.clone()), CHECK_TIMEOUT))
            .await
            .expect("the check finishes");
    assert_eq!(answer.state, UpdateState::Available, "{answer:?}");
    assert_eq!(answer.current_version, "0.1.0");
    assert_eq!(answer.version.as_deref(), Some("0.2.0"));
    assert_eq!(answer.notes.as_deref(), Some("Faster search at the desk."));
    assert_eq!(answer.date.as_deref(), Some("2026-11-20T10:00:00Z"));

    let endpoint = settings(endpoint).update_endpoint().expect("endpoint");
    let update = find(app.handle(), &endpoint, CHECK_TIMEOUT).await.expect("check").expect("an update");
    let bytes = update.download(|_, _| {}, || {}).await.expect("a bundle with a valid signature downloads");
    assert_eq!(bytes, bundle());
}

#[tokio::test]
async fn a_bundle_whose_bytes_were_changed_is_refused_for_its_signature() {
    let signer = Signer::new();
    let mut tampered = bundle();
    tampered.extend_from_slice(b"\nand something extra");
    let endpoint = release(&signer, "0.2.0", "0.2.0", tampered).await;
    let app = app(&signer.pubkey());
    let endpoint = settings(endpoint).update_endpoint().expect("endpoint");

    let update = find(app.handle(), &endpoint, CHECK_TIMEOUT).await.expect("check").expect("an update");
    let err = update.download(|_, _| {}, || {}).await.expect_err("changed bytes must be refused");
    assert!(matches!(err, tauri_plugin_updater::Error::Minisign(_)), "a signature error, not {err:?}");
}

#[tokio::test]
async fn a_bundle_signed_with_another_key_is_refused_for_its_signature() {
    let signer = Signer::new();
    let stranger = Signer::new();
    let endpoint = release(&stranger, "0.2.0", "0.2.0", bundle()).await;
    let app = app(&signer.pubkey());
    let endpoint = settings(endpoint).update_endpoint().expect("endpoint");

    let update = find(app.handle(), &endpoint, CHECK_TIMEOUT).await.expect("check").expect("an update");
    let err = update.download(|_, _| {}, || {}).await.expect_err("another key's signature must be refused");
    assert!(matches!(err, tauri_plugin_updater::Error::Minisign(_)), "a signature error, not {err:?}");
}

#[tokio::test]
async fn an_old_release_announced_as_a_new_version_is_refused() {
    // A manifest altered on the (plain http) way: version 0.2.0, with 0.1.5's genuine signature.
    let signer = Signer::new();
    let endpoint = release(&signer, "0.2.0", "0.1.5", bundle()).await;
    let app = app(&signer.pubkey());
    let endpoint = settings(endpoint).update_endpoint().expect("endpoint");

    let update = find(app.handle(), &endpoint, CHECK_TIMEOUT).await.expect("check").expect("an update");
    let err = update.download(|_, _| {}, || {}).await.expect_err("the signed version must match");
    assert!(matches!(err, tauri_plugin_updater::Error::SignedVersionMismatch { .. }), "{err:?}");
}

#[tokio::test]
async fn the_same_or_an_older_version_is_not_offered() {
    let signer = Signer::new();
    let app = app(&signer.pubkey());
    for version in ["0.1.0", "0.0.9"] {
        let endpoint = release(&signer, version, version, bundle()).await;
        let answer = check(app.handle(), &settings(endpoint.clone()), CHECK_TIMEOUT).await;
        assert_eq!(answer.state, UpdateState::UpToDate, "{version}: {answer:?}");
        assert_eq!(answer.version, None);
        let endpoint = settings(endpoint).update_endpoint().expect("endpoint");
        let found = find(app.handle(), &endpoint, CHECK_TIMEOUT).await.expect("check");
        assert!(found.is_none(), "{version} is not newer than 0.1.0");
    }
}

#[tokio::test]
async fn an_unreachable_endpoint_answers_offline() {
    let signer = Signer::new();
    let app = app(&signer.pubkey());
    // A port nobody listens on: the connection is refused at once.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("address");
    let endpoint = settings(format!("http://{closed}/latest.json"));
    let answer = tokio::time::timeout(TEST_BOUND, check(app.handle(), &endpoint, START_TIMEOUT))
        .await
        .expect("the check finishes");
    assert_eq!(answer.state, UpdateState::Offline, "{answer:?}");
    assert!(answer.message.is_some());
}

#[tokio::test]
async fn a_server_that_never_answers_is_offline_after_the_timeout() {
    let signer = Signer::new();
    let app = app(&signer.pubkey());
    // Accepts connections (the kernel's backlog does) but never says a word.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let endpoint = settings(format!("http://{}/latest.json", silent.local_addr().expect("address")));
    let answer = tokio::time::timeout(TEST_BOUND, check(app.handle(), &endpoint, Duration::from_millis(500)))
        .await
        .expect("the check gives up on its own");
    assert_eq!(answer.state, UpdateState::Offline, "{answer:?}");
    drop(silent);
}

#[tokio::test]
async fn a_server_without_a_manifest_is_a_failure_not_offline() {
    let signer = Signer::new();
    let app = app(&signer.pubkey());
    let (listener, address) = loopback().await;
    serve(vec![("/other.json".to_string(), b"{}".to_vec())], listener).await;
    let answer = check(app.handle(), &settings(format!("http://{address}/latest.json")), CHECK_TIMEOUT).await;
    assert_eq!(answer.state, UpdateState::Failed, "{answer:?}");
}

#[tokio::test]
async fn without_an_endpoint_nothing_is_asked() {
    let app = app(&Signer::new().pubkey());
    let answer = check(app.handle(), &UpdateSettings::default(), CHECK_TIMEOUT).await;
    assert_eq!(answer, UpdateCheck::new("0.1.0".into(), UpdateState::NotConfigured));
}
