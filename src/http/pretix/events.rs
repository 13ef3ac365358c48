//! `…/events/` and what hangs off an event as far as waiting lists need it: event settings,
//! subevents, items with variations, quotas and their availability — as pretix 2026 serves them.
//! Plus `/organizers/{o}/settings/` (SMTP and mail texts).

use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::input;
use super::pagination::{Paginated, paginated};
use crate::app::App;
use crate::auth::Access;
use crate::error::{Error, FieldErrors};
use crate::events::{
    self, Event, EventChange, EventFilter, Item, ItemChange, Quota, QuotaAvailability, QuotaChange,
    QuotaFilter, SubEvent, SubEventChange, Variation, VariationChange,
};
use crate::http::error::PretixError;
use crate::http::extract::PretixBody;
use crate::http::json::AsciiJson;
use crate::pagination::PageRequest;

type Result<T> = std::result::Result<T, Response>;

fn fail(err: Error) -> Response {
    PretixError(err).into_response()
}

fn ok<T: serde::Serialize>(status: StatusCode, body: T) -> Response {
    AsciiJson(status, body).into_response()
}

/// PUT needs every required field.
fn require(body: &Map<String, Value>, fields: &[&str]) -> Result<()> {
    let mut errors = FieldErrors::new();
    for f in fields {
        if !body.contains_key(*f) {
            errors.add(*f, "This field is required.");
        }
    }
    errors.into_result().map_err(fail)
}

#[derive(Deserialize)]
pub struct EventPath {
    #[allow(dead_code)]
    organizer: String,
    pub(crate) event: String,
}

#[derive(Deserialize)]
pub struct EventObjectPath {
    #[allow(dead_code)]
    organizer: String,
    pub(crate) event: String,
    pub(crate) id: String,
}

#[derive(Deserialize)]
pub struct VariationPath {
    #[allow(dead_code)]
    organizer: String,
    event: String,
    item: String,
    id: String,
}

#[derive(Deserialize)]
pub struct ItemPath {
    #[allow(dead_code)]
    organizer: String,
    event: String,
    item: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct PageOnly {
    page: Option<String>,
    page_size: Option<String>,
}

impl PageOnly {
    fn request(&self) -> Result<PageRequest> {
        PageRequest::parse(self.page.as_deref(), self.page_size.as_deref()).map_err(fail)
    }
}

// --- organizer settings --------------------------------------------------------------------

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/settings/", tag = "pretix: organizers",
    params(("organizer" = String, Path)),
    responses((status = 200, description = "smtp_* keys (never the password), mail_from, waiting-list mail texts"), (status = 403)))]
pub async fn organizer_settings(
    State(app): State<App>,
    Extension(access): Extension<Access>,
) -> Result<Response> {
    let s = app.blocking(move |app| crate::organizers::settings(app, &access)).await.map_err(fail)?;
    Ok(ok(StatusCode::OK, s))
}

#[utoipa::path(patch, path = "/api/v1/organizers/{organizer}/settings/", tag = "pretix: organizers",
    params(("organizer" = String, Path)), request_body(content = Object, description = "smtp_use_custom, smtp_host, smtp_port, smtp_username, smtp_password, smtp_use_tls, smtp_use_ssl, mail_from, mail_subject_waiting_list, mail_text_waiting_list"),
    responses((status = 200), (status = 400), (status = 403)))]
pub async fn patch_organizer_settings(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    body: PretixBody,
) -> Result<Response> {
    let body = body.object()?;
    let s = app
        .blocking(move |app| crate::organizers::patch_settings(app, &access, &body))
        .await
        .map_err(fail)?;
    Ok(ok(StatusCode::OK, s))
}

// --- events --------------------------------------------------------------------------------

fn event_change(body: &Map<String, Value>) -> std::result::Result<EventChange, Error> {
    let mut e = FieldErrors::new();
    let change = EventChange {
        name: input::i18n(body, "name", &mut e),
        slug: input::text(body, "slug", &mut e),
        live: input::boolean(body, "live", &mut e),
        testmode: input::boolean(body, "testmode", &mut e),
        currency: input::text(body, "currency", &mut e),
        date_from: input::datetime(body, "date_from", &mut e),
        date_to: input::nullable_datetime(body, "date_to", &mut e),
        date_admission: input::nullable_datetime(body, "date_admission", &mut e),
        is_public: input::boolean(body, "is_public", &mut e),
        presale_start: input::nullable_datetime(body, "presale_start", &mut e),
        presale_end: input::nullable_datetime(body, "presale_end", &mut e),
        location: input::nullable_i18n(body, "location", &mut e),
        geo_lat: input::nullable_float(body, "geo_lat", &mut e),
        geo_lon: input::nullable_float(body, "geo_lon", &mut e),
        has_subevents: input::boolean(body, "has_subevents", &mut e),
        meta_data: input::string_map(body, "meta_data", &mut e),
        plugins: input::string_list(body, "plugins", &mut e),
        timezone: input::text(body, "timezone", &mut e),
        all_sales_channels: input::boolean(body, "all_sales_channels", &mut e),
        limit_sales_channels: input::string_list(body, "limit_sales_channels", &mut e)
            .or_else(|| input::string_list(body, "sales_channels", &mut FieldErrors::new())),
    };
    e.into_result()?;
    Ok(change)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct EventParams {
    is_public: Option<String>,
    live: Option<String>,
    has_subevents: Option<String>,
    testmode: Option<String>,
    is_past: Option<String>,
    is_future: Option<String>,
    search: Option<String>,
    /// `slug` (default) or `date_from`, `-` for descending.
    ordering: Option<String>,
    page: Option<String>,
    page_size: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/", tag = "pretix: events",
    params(("organizer" = String, Path), EventParams),
    responses((status = 200, body = Paginated<Event>), (status = 401), (status = 403)))]
pub async fn list(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Query(p): Query<EventParams>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<AsciiJson<Paginated<Event>>> {
    let request = PageRequest::parse(p.page.as_deref(), p.page_size.as_deref()).map_err(fail)?;
    let ordering = p.ordering.as_deref().unwrap_or("slug");
    let (descending, key) = ordering.strip_prefix('-').map_or((false, ordering), |k| (true, k));
    let filter = EventFilter {
        is_public: input::query_bool(p.is_public.as_deref()),
        live: input::query_bool(p.live.as_deref()),
        has_subevents: input::query_bool(p.has_subevents.as_deref()),
        testmode: input::query_bool(p.testmode.as_deref()),
        is_past: input::query_bool(p.is_past.as_deref()),
        is_future: input::query_bool(p.is_future.as_deref()),
        search: p.search.filter(|s| !s.is_empty()),
        order_by_date: Some(key == "date_from"),
        descending,
    };
    let page = app.blocking(move |app| events::list(app, &access, &filter, request)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, paginated(page, &headers, &uri)))
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/events/", tag = "pretix: events",
    params(("organizer" = String, Path)), request_body(content = Object, description = "name, slug, date_from (required) and pretix's other event fields"),
    responses((status = 201, body = Event), (status = 400), (status = 403)))]
pub async fn create(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    body: PretixBody,
) -> Result<Response> {
    let change = event_change(&body.object()?).map_err(fail)?;
    let e = app.blocking(move |app| events::create(app, &access, change)).await.map_err(fail)?;
    Ok(ok(StatusCode::CREATED, e))
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path)),
    responses((status = 200, body = Event), (status = 403, description = "Unknown event or no access")))]
pub async fn retrieve(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
) -> Result<Response> {
    let e = app.blocking(move |app| events::get(app, &access, &p.event)).await.map_err(fail)?;
    Ok(ok(StatusCode::OK, e))
}

async fn change_event(
    app: App,
    access: Access,
    p: EventPath,
    body: PretixBody,
    method: Method,
) -> Result<Response> {
    let body = body.object()?;
    if method == Method::PUT {
        require(&body, &["name", "slug", "date_from"])?;
    }
    let change = event_change(&body).map_err(fail)?;
    let e = app.blocking(move |app| events::update(app, &access, &p.event, change)).await.map_err(fail)?;
    Ok(ok(StatusCode::OK, e))
}

#[utoipa::path(put, path = "/api/v1/organizers/{organizer}/events/{event}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path)), request_body(content = Object),
    responses((status = 200, body = Event), (status = 400), (status = 403)))]
pub async fn update(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
    body: PretixBody,
) -> Result<Response> {
    change_event(app, access, p, body, Method::PUT).await
}

#[utoipa::path(patch, path = "/api/v1/organizers/{organizer}/events/{event}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path)), request_body(content = Object),
    responses((status = 200, body = Event), (status = 400), (status = 403)))]
pub async fn partial_update(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
    body: PretixBody,
) -> Result<Response> {
    change_event(app, access, p, body, Method::PATCH).await
}

#[utoipa::path(delete, path = "/api/v1/organizers/{organizer}/events/{event}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path)),
    responses((status = 204), (status = 403, description = "No access, or something was sold or redeemed")))]
pub async fn destroy(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
) -> Result<StatusCode> {
    app.blocking(move |app| events::delete(app, &access, &p.event)).await.map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/settings/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path)),
    responses((status = 200, description = "Waiting-list keys, locale, locales, name_scheme, mail texts"), (status = 403)))]
pub async fn settings(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
) -> Result<Response> {
    let s = app.blocking(move |app| events::get_settings(app, &access, &p.event)).await.map_err(fail)?;
    Ok(ok(StatusCode::OK, s))
}

#[utoipa::path(patch, path = "/api/v1/organizers/{organizer}/events/{event}/settings/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path)), request_body(content = Object, description = "Any subset; unknown keys are ignored, null reverts to the default"),
    responses((status = 200), (status = 400), (status = 403)))]
pub async fn patch_settings(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
    body: PretixBody,
) -> Result<Response> {
    let body = body.object()?;
    let s =
        app.blocking(move |app| events::patch_settings(app, &access, &p.event, &body)).await.map_err(fail)?;
    Ok(ok(StatusCode::OK, s))
}

// --- subevents -----------------------------------------------------------------------------

fn subevent_change(body: &Map<String, Value>) -> std::result::Result<SubEventChange, Error> {
    let mut e = FieldErrors::new();
    let change = SubEventChange {
        name: input::i18n(body, "name", &mut e),
        date_from: input::datetime(body, "date_from", &mut e),
        date_to: input::nullable_datetime(body, "date_to", &mut e),
        active: input::boolean(body, "active", &mut e),
        date_admission: input::nullable_datetime(body, "date_admission", &mut e),
        presale_start: input::nullable_datetime(body, "presale_start", &mut e),
        presale_end: input::nullable_datetime(body, "presale_end", &mut e),
        location: input::nullable_i18n(body, "location", &mut e),
        geo_lat: input::nullable_float(body, "geo_lat", &mut e),
        geo_lon: input::nullable_float(body, "geo_lon", &mut e),
        is_public: input::boolean(body, "is_public", &mut e),
        frontpage_text: input::nullable_i18n(body, "frontpage_text", &mut e),
        meta_data: input::string_map(body, "meta_data", &mut e),
        comment: input::nullable_text(body, "comment", &mut e),
    };
    e.into_result()?;
    Ok(change)
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/subevents/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), PageOnly),
    responses((status = 200, body = Paginated<SubEvent>), (status = 403)))]
pub async fn list_subevents(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
    Query(q): Query<PageOnly>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response> {
    let request = q.request()?;
    let all = app.blocking(move |app| events::list_subevents(app, &access, &p.event)).await.map_err(fail)?;
    Ok(ok(StatusCode::OK, paginated(request.slice(all).map_err(fail)?, &headers, &uri)))
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/events/{event}/subevents/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path)), request_body(content = Object, description = "name, date_from, meta_data (required)"),
    responses((status = 201, body = SubEvent), (status = 400), (status = 403)))]
pub async fn create_subevent(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
    body: PretixBody,
) -> Result<Response> {
    let change = subevent_change(&body.object()?).map_err(fail)?;
    let s = app
        .blocking(move |app| events::save_subevent(app, &access, &p.event, None, change))
        .await
        .map_err(fail)?;
    Ok(ok(StatusCode::CREATED, s))
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/subevents/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = SubEvent), (status = 404)))]
pub async fn retrieve_subevent(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
) -> Result<Response> {
    let id = input::lookup_id(&p.id)?;
    let s = app.blocking(move |app| events::get_subevent(app, &access, &p.event, id)).await.map_err(fail)?;
    Ok(ok(StatusCode::OK, s))
}

async fn change_subevent(
    app: App,
    access: Access,
    p: EventObjectPath,
    body: PretixBody,
    method: Method,
) -> Result<Response> {
    let id = input::lookup_id(&p.id)?;
    let body = body.object()?;
    if method == Method::PUT {
        require(&body, &["name", "date_from", "meta_data"])?;
    }
    let change = subevent_change(&body).map_err(fail)?;
    let s = app
        .blocking(move |app| events::save_subevent(app, &access, &p.event, Some(id), change))
        .await
        .map_err(fail)?;
    Ok(ok(StatusCode::OK, s))
}

#[utoipa::path(put, path = "/api/v1/organizers/{organizer}/events/{event}/subevents/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = SubEvent), (status = 400), (status = 404)))]
pub async fn update_subevent(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
    body: PretixBody,
) -> Result<Response> {
    change_subevent(app, access, p, body, Method::PUT).await
}

#[utoipa::path(patch, path = "/api/v1/organizers/{organizer}/events/{event}/subevents/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = SubEvent), (status = 400), (status = 404)))]
pub async fn partial_update_subevent(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
    body: PretixBody,
) -> Result<Response> {
    change_subevent(app, access, p, body, Method::PATCH).await
}

#[utoipa::path(delete, path = "/api/v1/organizers/{organizer}/events/{event}/subevents/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 403, description = "In use"), (status = 404)))]
pub async fn destroy_subevent(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
) -> Result<StatusCode> {
    let id = input::lookup_id(&p.id)?;
    app.blocking(move |app| events::delete_subevent(app, &access, &p.event, id)).await.map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}

// --- items ---------------------------------------------------------------------------------

fn variation_change(body: &Map<String, Value>, e: &mut FieldErrors) -> VariationChange {
    VariationChange {
        value: input::i18n(body, "value", e),
        active: input::boolean(body, "active", e),
        description: input::nullable_i18n(body, "description", e),
        position: input::nullable_integer(body, "position", e).map(|p| p.unwrap_or(0)),
        default_price: input::nullable_decimal(body, "default_price", e),
    }
}

fn item_change(body: &Map<String, Value>) -> std::result::Result<ItemChange, Error> {
    let mut e = FieldErrors::new();
    let variations = match body.get("variations") {
        None => None,
        Some(Value::Array(list)) => Some(
            list.iter()
                .map(|v| match v.as_object() {
                    Some(o) => variation_change(o, &mut e),
                    None => {
                        e.add("variations", "Invalid data. Expected a dictionary, but got str.");
                        VariationChange::default()
                    }
                })
                .collect(),
        ),
        Some(_) => {
            e.add("variations", "Expected a list of items but got type \"str\".");
            None
        }
    };
    let change = ItemChange {
        name: input::i18n(body, "name", &mut e),
        internal_name: input::nullable_text(body, "internal_name", &mut e),
        active: input::boolean(body, "active", &mut e),
        description: input::nullable_i18n(body, "description", &mut e),
        default_price: input::nullable_decimal(body, "default_price", &mut e),
        free_price: input::boolean(body, "free_price", &mut e),
        admission: input::boolean(body, "admission", &mut e),
        personalized: input::boolean(body, "personalized", &mut e),
        position: input::nullable_integer(body, "position", &mut e).map(|p| p.unwrap_or(0)),
        available_from: input::nullable_datetime(body, "available_from", &mut e),
        available_until: input::nullable_datetime(body, "available_until", &mut e),
        min_per_order: input::nullable_integer(body, "min_per_order", &mut e),
        max_per_order: input::nullable_integer(body, "max_per_order", &mut e),
        allow_waitinglist: input::boolean(body, "allow_waitinglist", &mut e),
        category: input::nullable_pk(body, "category", &mut e),
        tax_rule: input::nullable_pk(body, "tax_rule", &mut e),
        variations,
    };
    e.into_result()?;
    Ok(change)
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/items/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), PageOnly),
    responses((status = 200, body = Paginated<Item>), (status = 403)))]
pub async fn list_items(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
    Query(q): Query<PageOnly>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response> {
    let request = q.request()?;
    let all = app.blocking(move |app| events::list_items(app, &access, &p.event)).await.map_err(fail)?;
    Ok(ok(StatusCode::OK, paginated(request.slice(all).map_err(fail)?, &headers, &uri)))
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/events/{event}/items/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path)), request_body(content = Object, description = "name, default_price (required), variations (only here)"),
    responses((status = 201, body = Item), (status = 400), (status = 403)))]
pub async fn create_item(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
    body: PretixBody,
) -> Result<Response> {
    let change = item_change(&body.object()?).map_err(fail)?;
    let i =
        app.blocking(move |app| events::create_item(app, &access, &p.event, change)).await.map_err(fail)?;
    Ok(ok(StatusCode::CREATED, i))
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/items/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Item), (status = 404)))]
pub async fn retrieve_item(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
) -> Result<Response> {
    let id = input::lookup_id(&p.id)?;
    let i = app.blocking(move |app| events::get_item(app, &access, &p.event, id)).await.map_err(fail)?;
    Ok(ok(StatusCode::OK, i))
}

async fn change_item(
    app: App,
    access: Access,
    p: EventObjectPath,
    body: PretixBody,
    method: Method,
) -> Result<Response> {
    let id = input::lookup_id(&p.id)?;
    let body = body.object()?;
    let check = access.clone();
    let event = p.event.clone();
    app.blocking(move |app| events::get_item(app, &check, &event, id)).await.map_err(fail)?;
    if method == Method::PUT {
        require(&body, &["name", "default_price"])?;
    }
    let change = item_change(&body).map_err(fail)?;
    let i = app
        .blocking(move |app| events::update_item(app, &access, &p.event, id, change))
        .await
        .map_err(fail)?;
    Ok(ok(StatusCode::OK, i))
}

#[utoipa::path(put, path = "/api/v1/organizers/{organizer}/events/{event}/items/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = Item), (status = 400), (status = 404)))]
pub async fn update_item(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
    body: PretixBody,
) -> Result<Response> {
    change_item(app, access, p, body, Method::PUT).await
}

#[utoipa::path(patch, path = "/api/v1/organizers/{organizer}/events/{event}/items/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = Item), (status = 400), (status = 404)))]
pub async fn partial_update_item(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
    body: PretixBody,
) -> Result<Response> {
    change_item(app, access, p, body, Method::PATCH).await
}

#[utoipa::path(delete, path = "/api/v1/organizers/{organizer}/events/{event}/items/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 403, description = "In use"), (status = 404)))]
pub async fn destroy_item(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
) -> Result<StatusCode> {
    let id = input::lookup_id(&p.id)?;
    app.blocking(move |app| events::delete_item(app, &access, &p.event, id)).await.map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/items/{item}/variations/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("item" = i64, Path), PageOnly),
    responses((status = 200, body = Paginated<Variation>), (status = 404)))]
pub async fn list_variations(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<ItemPath>,
    Query(q): Query<PageOnly>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response> {
    let item = input::lookup_id(&p.item)?;
    let request = q.request()?;
    let all =
        app.blocking(move |app| events::list_variations(app, &access, &p.event, item)).await.map_err(fail)?;
    Ok(ok(StatusCode::OK, paginated(request.slice(all).map_err(fail)?, &headers, &uri)))
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/events/{event}/items/{item}/variations/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("item" = i64, Path)), request_body(content = Object, description = "value (required)"),
    responses((status = 201, body = Variation), (status = 400), (status = 403, description = "The item has no variations"), (status = 404)))]
pub async fn create_variation(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<ItemPath>,
    body: PretixBody,
) -> Result<Response> {
    let item = input::lookup_id(&p.item)?;
    let body = body.object()?;
    let mut e = FieldErrors::new();
    let change = variation_change(&body, &mut e);
    e.into_result().map_err(fail)?;
    let v = app
        .blocking(move |app| events::save_variation(app, &access, &p.event, item, None, change))
        .await
        .map_err(fail)?;
    Ok(ok(StatusCode::CREATED, v))
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/items/{item}/variations/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("item" = i64, Path), ("id" = i64, Path)),
    responses((status = 200, body = Variation), (status = 404)))]
pub async fn retrieve_variation(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<VariationPath>,
) -> Result<Response> {
    let (item, id) = (input::lookup_id(&p.item)?, input::lookup_id(&p.id)?);
    let v = app
        .blocking(move |app| events::get_variation(app, &access, &p.event, item, id))
        .await
        .map_err(fail)?;
    Ok(ok(StatusCode::OK, v))
}

async fn change_variation(
    app: App,
    access: Access,
    p: VariationPath,
    body: PretixBody,
    method: Method,
) -> Result<Response> {
    let (item, id) = (input::lookup_id(&p.item)?, input::lookup_id(&p.id)?);
    let body = body.object()?;
    if method == Method::PUT {
        require(&body, &["value"])?;
    }
    let mut e = FieldErrors::new();
    let change = variation_change(&body, &mut e);
    e.into_result().map_err(fail)?;
    let v = app
        .blocking(move |app| events::save_variation(app, &access, &p.event, item, Some(id), change))
        .await
        .map_err(fail)?;
    Ok(ok(StatusCode::OK, v))
}

#[utoipa::path(put, path = "/api/v1/organizers/{organizer}/events/{event}/items/{item}/variations/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("item" = i64, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = Variation), (status = 400), (status = 404)))]
pub async fn update_variation(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<VariationPath>,
    body: PretixBody,
) -> Result<Response> {
    change_variation(app, access, p, body, Method::PUT).await
}

#[utoipa::path(patch, path = "/api/v1/organizers/{organizer}/events/{event}/items/{item}/variations/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("item" = i64, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = Variation), (status = 400), (status = 404)))]
pub async fn partial_update_variation(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<VariationPath>,
    body: PretixBody,
) -> Result<Response> {
    change_variation(app, access, p, body, Method::PATCH).await
}

#[utoipa::path(delete, path = "/api/v1/organizers/{organizer}/events/{event}/items/{item}/variations/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("item" = i64, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 403, description = "The only variation, or in use"), (status = 404)))]
pub async fn destroy_variation(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<VariationPath>,
) -> Result<StatusCode> {
    let (item, id) = (input::lookup_id(&p.item)?, input::lookup_id(&p.id)?);
    app.blocking(move |app| events::delete_variation(app, &access, &p.event, item, id))
        .await
        .map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}

// --- quotas --------------------------------------------------------------------------------

fn quota_change(body: &Map<String, Value>) -> std::result::Result<QuotaChange, Error> {
    let mut e = FieldErrors::new();
    let name = input::text(body, "name", &mut e);
    let change = QuotaChange {
        name,
        size: input::nullable_integer(body, "size", &mut e),
        items: input::pk_list(body, "items", &mut e),
        variations: input::pk_list(body, "variations", &mut e),
        subevent: input::nullable_pk(body, "subevent", &mut e),
        closed: input::boolean(body, "closed", &mut e),
        close_when_sold_out: input::boolean(body, "close_when_sold_out", &mut e),
        release_after_exit: input::boolean(body, "release_after_exit", &mut e),
        ignore_for_event_availability: input::boolean(body, "ignore_for_event_availability", &mut e),
        sold: input::integer(body, "sold", &mut e),
    };
    e.into_result()?;
    Ok(change)
}

fn id_list(raw: Option<&str>, field: &str) -> Result<Option<Vec<i64>>> {
    match raw.filter(|r| !r.is_empty()) {
        None => Ok(None),
        Some(r) => r
            .split(',')
            .map(|x| x.trim().parse::<i64>())
            .collect::<std::result::Result<Vec<_>, _>>()
            .map(Some)
            .map_err(|_| fail(Error::validation(field, "Enter a number."))),
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct QuotaParams {
    subevent: Option<String>,
    #[serde(rename = "subevent__in")]
    #[param(rename = "subevent__in")]
    subevent_in: Option<String>,
    #[serde(rename = "items__in")]
    #[param(rename = "items__in")]
    items_in: Option<String>,
    /// `id` (default) or `size`, `-` for descending.
    ordering: Option<String>,
    with_availability: Option<String>,
    page: Option<String>,
    page_size: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/quotas/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), QuotaParams),
    responses((status = 200, body = Paginated<Quota>), (status = 403)))]
pub async fn list_quotas(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
    Query(q): Query<QuotaParams>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response> {
    let request = PageRequest::parse(q.page.as_deref(), q.page_size.as_deref()).map_err(fail)?;
    let ordering = q.ordering.as_deref().unwrap_or("id");
    let (descending, key) = ordering.strip_prefix('-').map_or((false, ordering), |k| (true, k));
    let filter = QuotaFilter {
        subevent: id_list(q.subevent.as_deref(), "subevent")?.and_then(|v| v.first().copied()),
        subevent_in: id_list(q.subevent_in.as_deref(), "subevent__in")?,
        items_in: id_list(q.items_in.as_deref(), "items__in")?,
        order_by_size: key == "size",
        descending,
        with_availability: input::query_bool(q.with_availability.as_deref()).unwrap_or(false),
    };
    let all =
        app.blocking(move |app| events::list_quotas(app, &access, &p.event, &filter)).await.map_err(fail)?;
    Ok(ok(StatusCode::OK, paginated(request.slice(all).map_err(fail)?, &headers, &uri)))
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/events/{event}/quotas/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path)), request_body(content = Object, description = "name (required), size (null = unlimited), items, variations, subevent, closed, sold (Tessera)"),
    responses((status = 201, body = Quota), (status = 400), (status = 403)))]
pub async fn create_quota(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
    body: PretixBody,
) -> Result<Response> {
    let change = quota_change(&body.object()?).map_err(fail)?;
    let q = app
        .blocking(move |app| events::save_quota(app, &access, &p.event, None, change))
        .await
        .map_err(fail)?;
    Ok(ok(StatusCode::CREATED, q))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct WithAvailability {
    with_availability: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/quotas/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path), WithAvailability),
    responses((status = 200, body = Quota), (status = 404)))]
pub async fn retrieve_quota(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
    Query(q): Query<WithAvailability>,
) -> Result<Response> {
    let id = input::lookup_id(&p.id)?;
    let with = input::query_bool(q.with_availability.as_deref()).unwrap_or(false);
    let quota =
        app.blocking(move |app| events::get_quota(app, &access, &p.event, id, with)).await.map_err(fail)?;
    Ok(ok(StatusCode::OK, quota))
}

async fn change_quota(
    app: App,
    access: Access,
    p: EventObjectPath,
    body: PretixBody,
    method: Method,
) -> Result<Response> {
    let id = input::lookup_id(&p.id)?;
    let body = body.object()?;
    let check = access.clone();
    let event = p.event.clone();
    app.blocking(move |app| events::get_quota(app, &check, &event, id, false)).await.map_err(fail)?;
    if method == Method::PUT {
        require(&body, &["name"])?;
    }
    let change = quota_change(&body).map_err(fail)?;
    let q = app
        .blocking(move |app| events::save_quota(app, &access, &p.event, Some(id), change))
        .await
        .map_err(fail)?;
    Ok(ok(StatusCode::OK, q))
}

#[utoipa::path(put, path = "/api/v1/organizers/{organizer}/events/{event}/quotas/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = Quota), (status = 400), (status = 404)))]
pub async fn update_quota(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
    body: PretixBody,
) -> Result<Response> {
    change_quota(app, access, p, body, Method::PUT).await
}

#[utoipa::path(patch, path = "/api/v1/organizers/{organizer}/events/{event}/quotas/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = Quota), (status = 400), (status = 404)))]
pub async fn partial_update_quota(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
    body: PretixBody,
) -> Result<Response> {
    change_quota(app, access, p, body, Method::PATCH).await
}

#[utoipa::path(delete, path = "/api/v1/organizers/{organizer}/events/{event}/quotas/{id}/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 404)))]
pub async fn destroy_quota(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
) -> Result<StatusCode> {
    let id = input::lookup_id(&p.id)?;
    app.blocking(move |app| events::delete_quota(app, &access, &p.event, id)).await.map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/quotas/{id}/availability/", tag = "pretix: events",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = QuotaAvailability), (status = 404)))]
pub async fn quota_availability(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
) -> Result<Response> {
    let id = input::lookup_id(&p.id)?;
    let a = app
        .blocking(move |app| events::quota_availability(app, &access, &p.event, id))
        .await
        .map_err(fail)?;
    Ok(ok(StatusCode::OK, a))
}
