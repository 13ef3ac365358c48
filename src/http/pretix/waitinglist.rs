//! `…/events/{e}/waitinglistentries/` as pretix 2026 serves them, `send_voucher/` included.

use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::events::{EventObjectPath, EventPath};
use super::input;
use super::pagination::{Paginated, paginated};
use crate::app::App;
use crate::auth::Access;
use crate::error::{Error, FieldErrors};
use crate::http::error::PretixError;
use crate::http::extract::PretixBody;
use crate::http::json::AsciiJson;
use crate::pagination::PageRequest;
use crate::waitinglist::{self, EntryChange, EntryFilter, WaitingListEntry};

type Result<T> = std::result::Result<T, Response>;

fn fail(err: Error) -> Response {
    PretixError(err).into_response()
}

fn change(body: &Map<String, Value>) -> std::result::Result<EntryChange, Error> {
    let mut e = FieldErrors::new();
    let name_parts = input::name_parts(body, "name_parts", &mut e);
    let c = EntryChange {
        email: input::text(body, "email", &mut e),
        phone: input::nullable_text(body, "phone", &mut e),
        name_parts,
        item: input::pk(body, "item", &mut e),
        variation: input::nullable_pk(body, "variation", &mut e),
        locale: input::nullable_text(body, "locale", &mut e),
        subevent: input::nullable_pk(body, "subevent", &mut e),
        priority: input::integer(body, "priority", &mut e),
    };
    e.into_result()?;
    Ok(c)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct EntryParams {
    item: Option<String>,
    variation: Option<String>,
    subevent: Option<String>,
    /// Exact, case-sensitive.
    email: Option<String>,
    locale: Option<String>,
    has_voucher: Option<String>,
    /// `id`, `created`, `email`, `item`, comma-separated, `-` for descending. Default: creation.
    ordering: Option<String>,
    page: Option<String>,
    page_size: Option<String>,
}

fn choice(raw: Option<&str>, field: &str) -> Result<Option<i64>> {
    match raw.filter(|r| !r.is_empty()) {
        None => Ok(None),
        Some(r) => r.trim().parse().map(Some).map_err(|_| {
            fail(Error::validation(
                field,
                "Select a valid choice. That choice is not one of the available choices.",
            ))
        }),
    }
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/waitinglistentries/", tag = "pretix: waiting lists",
    params(("organizer" = String, Path), ("event" = String, Path), EntryParams),
    responses((status = 200, body = Paginated<WaitingListEntry>), (status = 400), (status = 403)))]
pub async fn list(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
    Query(q): Query<EntryParams>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response> {
    let request = PageRequest::parse(q.page.as_deref(), q.page_size.as_deref()).map_err(fail)?;
    let filter = EntryFilter {
        item: choice(q.item.as_deref(), "item")?,
        variation: choice(q.variation.as_deref(), "variation")?,
        subevent: choice(q.subevent.as_deref(), "subevent")?,
        email: q.email.filter(|e| !e.is_empty()),
        locale: q.locale.filter(|e| !e.is_empty()),
        has_voucher: input::query_bool(q.has_voucher.as_deref()),
        ordering: q.ordering,
    };
    let page = app
        .blocking(move |app| waitinglist::list(app, &access, &p.event, &filter, request))
        .await
        .map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, paginated(page, &headers, &uri)).into_response())
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/events/{event}/waitinglistentries/", tag = "pretix: waiting lists",
    params(("organizer" = String, Path), ("event" = String, Path)), request_body(content = Object, description = "email, item (required), variation, subevent, name_parts, phone, locale, priority"),
    responses((status = 201, body = WaitingListEntry), (status = 400), (status = 403)))]
pub async fn create(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
    body: PretixBody,
) -> Result<Response> {
    let c = change(&body.object()?).map_err(fail)?;
    let e = app.blocking(move |app| waitinglist::create(app, &access, &p.event, c)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::CREATED, e).into_response())
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/waitinglistentries/{id}/", tag = "pretix: waiting lists",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = WaitingListEntry), (status = 404)))]
pub async fn retrieve(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
) -> Result<Response> {
    let id = input::lookup_id(&p.id)?;
    let e = app.blocking(move |app| waitinglist::get(app, &access, &p.event, id)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, e).into_response())
}

async fn change_entry(
    app: App,
    access: Access,
    p: EventObjectPath,
    body: PretixBody,
    method: Method,
) -> Result<Response> {
    let id = input::lookup_id(&p.id)?;
    let check = access.clone();
    let event = p.event.clone();
    app.blocking(move |app| waitinglist::get(app, &check, &event, id)).await.map_err(fail)?;
    let body = body.object()?;
    if method == Method::PUT {
        let mut e = FieldErrors::new();
        for f in ["email", "item"] {
            if !body.contains_key(f) {
                e.add(f, "This field is required.");
            }
        }
        e.into_result().map_err(fail)?;
    }
    let c = change(&body).map_err(fail)?;
    let e =
        app.blocking(move |app| waitinglist::update(app, &access, &p.event, id, c)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, e).into_response())
}

#[utoipa::path(put, path = "/api/v1/organizers/{organizer}/events/{event}/waitinglistentries/{id}/", tag = "pretix: waiting lists",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = WaitingListEntry), (status = 400), (status = 403, description = "A voucher was sent"), (status = 404)))]
pub async fn update(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
    body: PretixBody,
) -> Result<Response> {
    change_entry(app, access, p, body, Method::PUT).await
}

#[utoipa::path(patch, path = "/api/v1/organizers/{organizer}/events/{event}/waitinglistentries/{id}/", tag = "pretix: waiting lists",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = WaitingListEntry), (status = 400), (status = 403, description = "A voucher was sent"), (status = 404)))]
pub async fn partial_update(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
    body: PretixBody,
) -> Result<Response> {
    change_entry(app, access, p, body, Method::PATCH).await
}

#[utoipa::path(delete, path = "/api/v1/organizers/{organizer}/events/{event}/waitinglistentries/{id}/", tag = "pretix: waiting lists",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 403, description = "A voucher was sent"), (status = 404)))]
pub async fn destroy(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
) -> Result<StatusCode> {
    let id = input::lookup_id(&p.id)?;
    app.blocking(move |app| waitinglist::delete(app, &access, &p.event, id)).await.map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Creates a voucher for the entry and queues its mail. Refusals are 400 with a bare list.
#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/events/{event}/waitinglistentries/{id}/send_voucher/", tag = "pretix: waiting lists",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 400, description = "[\"This product is currently not available.\"] and the like"), (status = 404)))]
pub async fn send_voucher(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
) -> Result<StatusCode> {
    let id = input::lookup_id(&p.id)?;
    app.blocking(move |app| waitinglist::send_voucher(app, &access, &p.event, id).map(|_| ()))
        .await
        .map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}
