//! The HTTP listener: the pretix dialect (`/api/v1/`), the desk's own API (`/api/desk/`),
//! health and the OpenAPI document, and the built UI at `/` so a LAN browser can use the desk.
//!
//! `router` builds everything without a socket (tests call it with `oneshot`); `serve` runs it.

// Handlers and extractors reject with a ready `Response` (axum's idiom); boxing it gains nothing.
#![allow(clippy::result_large_err)]

mod auth;
mod desk;
mod error;
mod extract;
mod idempotency;
mod json;
mod listener;
mod oauth;
mod pos;
mod pretix;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Extension};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use desk::SESSION_COOKIE;
pub use idempotency::HEADER as IDEMPOTENCY_HEADER;
pub use json::to_ascii_json;
pub use listener::{ListenerControl, ListenerStatus};

use crate::app::App;
use json::AsciiJson;

/// Bodies above this are refused with 413 before they are read into memory.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// A request that takes longer than this is answered with 408 rather than left hanging.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Looks up a file of the built UI by its path (without the leading `/`): its bytes and MIME
/// type. The desktop window passes the UI embedded in its binary this way.
pub type UiAssets = Arc<dyn Fn(&str) -> Option<(Vec<u8>, String)> + Send + Sync>;

#[derive(Clone, Default)]
pub struct Options {
    /// The built UI (`ui/dist`), served at `/` when present.
    pub ui_dir: Option<PathBuf>,
    /// The built UI from elsewhere (used when `ui_dir` is not set).
    pub ui_assets: Option<UiAssets>,
}

/// Serves a UI file, or `index.html` for the UI's own routes so that a reload keeps working.
async fn embedded_ui(assets: UiAssets, uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    let found = (!path.is_empty()).then(|| assets(path)).flatten().or_else(|| assets("index.html"));
    match found.and_then(|(bytes, mime)| HeaderValue::from_str(&mime).ok().map(|m| (bytes, m))) {
        Some((bytes, mime)) => ([(header::CONTENT_TYPE, mime)], bytes).into_response(),
        None => (StatusCode::NOT_FOUND, "The desk UI is not available.").into_response(),
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Tessera", description = "The box office's HTTP listener: pretix's REST API under \
        /api/v1/, the desk's own API under /api/desk/. Every write under /api/ accepts an \
        `X-Idempotency-Key` header: the first answer for a key is replayed to repeats for 24 hours."),
    components(schemas(crate::error::ErrorBody)),
    modifiers(&SecuritySchemes)
)]
struct ApiDoc;

struct SecuritySchemes;

impl utoipa::Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "`Token <team API token>`",
            ))),
        );
        components.add_security_scheme(
            "device",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "`Device <device API token>`",
            ))),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "`Bearer <OAuth access token>` of a staff user",
            ))),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(SESSION_COOKIE))),
        );
    }
}

#[derive(serde::Serialize, utoipa::ToSchema)]
struct Health {
    status: &'static str,
}

/// Liveness and a cheap check that the database answers. No authentication.
#[utoipa::path(get, path = "/api/health", tag = "tessera",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
async fn health(axum::extract::State(app): axum::extract::State<App>) -> Response {
    let ok = app
        .blocking(|app| app.db().read(|c| Ok(c.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?)))
        .await
        .is_ok();
    let status = if ok { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, axum::Json(Health { status: if ok { "ok" } else { "unavailable" } })).into_response()
}

/// This document: every route the listener serves. No authentication.
#[utoipa::path(get, path = "/api/openapi.json", tag = "tessera",
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json")))]
async fn openapi_json(Extension(doc): Extension<Arc<OpenApiDoc>>) -> Response {
    axum::Json(doc.as_ref().clone()).into_response()
}

/// The OpenAPI document of every route, generated from the handlers.
pub fn openapi(app: &App) -> OpenApiDoc {
    api(app).split_for_parts().1
}

fn api(app: &App) -> OpenApiRouter<App> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health))
        .routes(routes!(openapi_json))
        .merge(pretix::router(app))
        .routes(utoipa_axum::routes!(oauth::authorize_page, oauth::authorize_submit))
        .routes(utoipa_axum::routes!(oauth::token))
        .routes(utoipa_axum::routes!(oauth::revoke))
        .routes(utoipa_axum::routes!(oauth::me))
        .merge(desk::router())
        .merge(pos::router())
}

/// Unknown API paths. pretix's URLs end in `/`: without it, reads and deletes are redirected to
/// the slashed URL (301) and writes are refused (404), as pretix will not redirect a body.
async fn api_fallback(method: Method, uri: Uri) -> Response {
    let path = uri.path();
    let redirects = matches!(method, Method::GET | Method::HEAD | Method::DELETE | Method::OPTIONS);
    if path.starts_with("/api/v1/") && !path.ends_with('/') && redirects {
        let location = match uri.query() {
            Some(q) => format!("{path}/?{q}"),
            None => format!("{path}/"),
        };
        if let Ok(location) = HeaderValue::from_str(&location) {
            return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)]).into_response();
        }
    }
    error::not_found()
}

/// Unknown POS paths get a problem body, not the UI.
fn pos_not_found(uri: &Uri) -> Option<Response> {
    pos::is_pos_path(uri.path()).then(|| pos::problem(StatusCode::NOT_FOUND, "Not found.", None))
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    AsciiJson(StatusCode::INTERNAL_SERVER_ERROR, json!({"detail": "A server error occurred."}))
        .into_response()
}

/// Answers 408 when a request takes longer than [`REQUEST_TIMEOUT`], except an import's upload and
/// check: a file of a million rows takes about a minute to check (the work goes on either way).
async fn time_limit(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let path = req.uri().path();
    let long = path.starts_with("/api/desk/organizers/") && path.contains("/imports/");
    if long {
        return next.run(req).await;
    }
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(response) => response,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

/// The whole listener as a router, ready for `serve` or for `oneshot` in tests.
pub fn router(app: App, options: &Options) -> Router {
    let (api, doc) = api(&app).split_for_parts();
    let mut router = api
        .layer(Extension(Arc::new(doc)))
        .route("/api", get(api_fallback).fallback(api_fallback))
        .route("/api/{*rest}", get(api_fallback).fallback(api_fallback));
    if let Some(dir) = options.ui_dir.as_ref().filter(|d| d.join("index.html").is_file()) {
        // Unknown paths get index.html, so the UI's own routes survive a reload.
        let files = ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")));
        router = router.fallback(move |req: axum::extract::Request| async move {
            match pos_not_found(req.uri()) {
                Some(response) => response,
                None => tower::ServiceExt::oneshot(files, req).await.into_response(),
            }
        });
    } else if let Some(assets) = options.ui_assets.clone() {
        router = router.fallback(move |uri: Uri| async move {
            match pos_not_found(&uri) {
                Some(response) => response,
                None => embedded_ui(assets, uri).await,
            }
        });
    } else {
        router = router.fallback(|uri: Uri| async move {
            pos_not_found(&uri).unwrap_or_else(|| {
                (StatusCode::NOT_FOUND, "The desk UI is not built; run `npm run build` first.")
                    .into_response()
            })
        });
    }
    router
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(time_limit))
        .layer(CatchPanicLayer::custom(panic_response))
        // Outside the panic catcher, so that a panic's 500 frees the key for a retry.
        .layer(axum::middleware::from_fn_with_state(app.clone(), idempotency::guard))
        .layer(TraceLayer::new_for_http())
        .with_state(app)
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub(crate) fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The address terminals should use to reach a listener bound to `listen`: for a wildcard bind,
/// this machine's first non-loopback IPv4 address (loopback when there is none).
pub fn advertised_url(listen: std::net::SocketAddr) -> String {
    let ip = if listen.ip().is_unspecified() {
        if_addrs::get_if_addrs()
            .ok()
            .and_then(|ifs| ifs.into_iter().map(|i| i.ip()).find(|ip| ip.is_ipv4() && !ip.is_loopback()))
            .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST))
    } else {
        listen.ip()
    };
    format!("http://{}", std::net::SocketAddr::new(ip, listen.port()))
}

/// Serves `router` on `listener` until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router).with_graceful_shutdown(shutdown).await
}
