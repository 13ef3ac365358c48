//! `…/events/{e}/vouchers/` as pretix 2026 serves them, plus Tessera's own `redeem/` and
//! `redemptions/` (Tessera sells no tickets; a use is recorded there).

use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value, json};

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
use crate::vouchers::{self, Redemption, Voucher, VoucherChange, VoucherFilter};

type Result<T> = std::result::Result<T, Response>;

fn fail(err: Error) -> Response {
    PretixError(err).into_response()
}

fn change(body: &Map<String, Value>, e: &mut FieldErrors) -> VoucherChange {
    VoucherChange {
        code: input::text(body, "code", e),
        max_usages: input::integer(body, "max_usages", e),
        min_usages: input::integer(body, "min_usages", e),
        valid_until: input::nullable_datetime(body, "valid_until", e),
        block_quota: input::boolean(body, "block_quota", e),
        allow_ignore_quota: input::boolean(body, "allow_ignore_quota", e),
        price_mode: input::text(body, "price_mode", e),
        value: input::nullable_decimal(body, "value", e),
        item: input::nullable_pk(body, "item", e),
        variation: input::nullable_pk(body, "variation", e),
        quota: input::nullable_pk(body, "quota", e),
        tag: input::text(body, "tag", e),
        comment: input::text(body, "comment", e),
        subevent: input::nullable_pk(body, "subevent", e),
        show_hidden_items: input::boolean(body, "show_hidden_items", e),
        seat: input::nullable_text(body, "seat", e),
        all_addons_included: input::boolean(body, "all_addons_included", e),
        all_bundles_included: input::boolean(body, "all_bundles_included", e),
        budget: input::nullable_decimal(body, "budget", e),
    }
}

fn parse(body: &Map<String, Value>) -> std::result::Result<VoucherChange, Error> {
    let mut e = FieldErrors::new();
    let c = change(body, &mut e);
    e.into_result()?;
    Ok(c)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct VoucherParams {
    code: Option<String>,
    max_usages: Option<String>,
    redeemed: Option<String>,
    block_quota: Option<String>,
    allow_ignore_quota: Option<String>,
    price_mode: Option<String>,
    item: Option<String>,
    variation: Option<String>,
    quota: Option<String>,
    tag: Option<String>,
    subevent: Option<String>,
    active: Option<String>,
    search: Option<String>,
    ordering: Option<String>,
    page: Option<String>,
    page_size: Option<String>,
}

fn number(raw: Option<&str>, field: &str) -> Result<Option<i64>> {
    match raw.filter(|r| !r.is_empty()) {
        None => Ok(None),
        Some(r) => r.trim().parse().map(Some).map_err(|_| fail(Error::validation(field, "Enter a number."))),
    }
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/vouchers/", tag = "pretix: vouchers",
    params(("organizer" = String, Path), ("event" = String, Path), VoucherParams),
    responses((status = 200, body = Paginated<Voucher>), (status = 403)))]
pub async fn list(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
    Query(q): Query<VoucherParams>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response> {
    let request = PageRequest::parse(q.page.as_deref(), q.page_size.as_deref()).map_err(fail)?;
    let filter = VoucherFilter {
        code: q.code.filter(|c| !c.is_empty()),
        max_usages: number(q.max_usages.as_deref(), "max_usages")?,
        redeemed: number(q.redeemed.as_deref(), "redeemed")?,
        block_quota: input::query_bool(q.block_quota.as_deref()),
        allow_ignore_quota: input::query_bool(q.allow_ignore_quota.as_deref()),
        price_mode: q.price_mode.filter(|c| !c.is_empty()),
        item: number(q.item.as_deref(), "item")?,
        variation: number(q.variation.as_deref(), "variation")?,
        quota: number(q.quota.as_deref(), "quota")?,
        tag: q.tag,
        subevent: number(q.subevent.as_deref(), "subevent")?,
        active: input::query_bool(q.active.as_deref()),
        search: q.search.filter(|c| !c.is_empty()),
        ordering: q.ordering.filter(|c| !c.is_empty()),
    };
    let event = p.event;
    let page = app
        .blocking(move |app| vouchers::list(app, &access, &event, &filter, request))
        .await
        .map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, paginated(page, &headers, &uri)).into_response())
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/events/{event}/vouchers/", tag = "pretix: vouchers",
    params(("organizer" = String, Path), ("event" = String, Path)), request_body(content = Object, description = "Every field optional"),
    responses((status = 201, body = Voucher), (status = 400), (status = 403)))]
pub async fn create(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
    body: PretixBody,
) -> Result<Response> {
    let c = parse(&body.object()?).map_err(fail)?;
    let v = app.blocking(move |app| vouchers::create(app, &access, &p.event, c)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::CREATED, v).into_response())
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/events/{event}/vouchers/batch_create/", tag = "pretix: vouchers",
    params(("organizer" = String, Path), ("event" = String, Path)), request_body(content = Vec<Object>),
    responses((status = 201, body = Vec<Voucher>), (status = 400, description = "One error object per entry"), (status = 403)))]
pub async fn batch_create(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventPath>,
    body: PretixBody,
) -> Result<Response> {
    let Value::Array(list) = body.value()? else {
        return Err(fail(Error::validation(
            FieldErrors::NON_FIELD,
            "Expected a list of items but got type \"dict\".",
        )));
    };
    let mut parse_errors = Vec::new();
    let mut changes = Vec::new();
    for item in &list {
        let mut e = FieldErrors::new();
        match item.as_object() {
            Some(o) => changes.push(change(o, &mut e)),
            None => e.add(FieldErrors::NON_FIELD, "Invalid data. Expected a dictionary, but got str."),
        }
        parse_errors.push(e);
    }
    if parse_errors.iter().any(|e| !e.is_empty()) {
        return Ok(AsciiJson(StatusCode::BAD_REQUEST, json!(parse_errors)).into_response());
    }
    match app
        .blocking(move |app| Ok(vouchers::batch_create(app, &access, &p.event, changes)))
        .await
        .map_err(fail)?
    {
        Ok(created) => Ok(AsciiJson(StatusCode::CREATED, created).into_response()),
        Err((Error::Validation(_), per_entry)) => {
            Ok(AsciiJson(StatusCode::BAD_REQUEST, json!(per_entry)).into_response())
        }
        Err((other, _)) => Err(fail(other)),
    }
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/vouchers/{id}/", tag = "pretix: vouchers",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Voucher), (status = 404)))]
pub async fn retrieve(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
) -> Result<Response> {
    let id = input::lookup_id(&p.id)?;
    let v = app.blocking(move |app| vouchers::get(app, &access, &p.event, id)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, v).into_response())
}

async fn change_voucher(
    app: App,
    access: Access,
    p: EventObjectPath,
    body: PretixBody,
    _method: Method,
) -> Result<Response> {
    let id = input::lookup_id(&p.id)?;
    let body = body.object()?;
    let check = access.clone();
    let event = p.event.clone();
    app.blocking(move |app| vouchers::get(app, &check, &event, id)).await.map_err(fail)?;
    let c = parse(&body).map_err(fail)?;
    let v = app.blocking(move |app| vouchers::update(app, &access, &p.event, id, c)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, v).into_response())
}

#[utoipa::path(put, path = "/api/v1/organizers/{organizer}/events/{event}/vouchers/{id}/", tag = "pretix: vouchers",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = Voucher), (status = 400), (status = 404)))]
pub async fn update(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
    body: PretixBody,
) -> Result<Response> {
    change_voucher(app, access, p, body, Method::PUT).await
}

#[utoipa::path(patch, path = "/api/v1/organizers/{organizer}/events/{event}/vouchers/{id}/", tag = "pretix: vouchers",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = Voucher), (status = 400), (status = 404)))]
pub async fn partial_update(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
    body: PretixBody,
) -> Result<Response> {
    change_voucher(app, access, p, body, Method::PATCH).await
}

#[utoipa::path(delete, path = "/api/v1/organizers/{organizer}/events/{event}/vouchers/{id}/", tag = "pretix: vouchers",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 403, description = "Already redeemed"), (status = 404)))]
pub async fn destroy(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
) -> Result<StatusCode> {
    let id = input::lookup_id(&p.id)?;
    app.blocking(move |app| vouchers::delete(app, &access, &p.event, id)).await.map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records one use of the voucher. Body: `note` (optional).
#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/events/{event}/vouchers/{id}/redeem/", tag = "tessera: voucher redemptions",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)), request_body(content = Object, description = "note (optional)"),
    responses((status = 200, body = Voucher), (status = 403, description = "Used up or expired"), (status = 404)))]
pub async fn redeem(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
    body: PretixBody,
) -> Result<Response> {
    let id = input::lookup_id(&p.id)?;
    let body = body.object().unwrap_or_default();
    let mut e = FieldErrors::new();
    let note = input::text(&body, "note", &mut e).unwrap_or_default();
    e.into_result().map_err(fail)?;
    let v =
        app.blocking(move |app| vouchers::redeem(app, &access, &p.event, id, &note)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, v).into_response())
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/events/{event}/vouchers/{id}/redemptions/", tag = "tessera: voucher redemptions",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Vec<Redemption>), (status = 404)))]
pub async fn redemptions(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(p): Path<EventObjectPath>,
) -> Result<Response> {
    let id = input::lookup_id(&p.id)?;
    let r = app.blocking(move |app| vouchers::redemptions(app, &access, &p.event, id)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, r).into_response())
}
