//! The desk's Events and waiting-list screens over HTTP (for a browser on the LAN); the window
//! calls the same services through Tauri commands.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{DeskUser, access};
use crate::ErrorBody;
use crate::app::App;
use crate::events::{
    self, Event, EventDetail, EventSummary, Item, NewEvent, NewItem, NewSubEvent, Quota, QuotaInput,
    SubEvent, WaitingListSettingsView,
};
use crate::http::error::DeskError;
use crate::http::extract::DeskJson;
use crate::vouchers::{self, Voucher};
use crate::waitinglist::{self, DeskEntryInput, WaitingListEntry, WaitingListRow};

#[derive(Deserialize)]
pub struct EventPath {
    organizer: String,
    event: String,
}

#[derive(Deserialize)]
pub struct ObjectPath {
    organizer: String,
    event: String,
    id: i64,
}

type Reply<T> = Result<Json<T>, DeskError>;

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/events", tag = "desk",
    params(("organizer" = String, Path)), responses((status = 200, body = Vec<EventSummary>)))]
pub async fn list(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
) -> Reply<Vec<EventSummary>> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| events::desk::summaries(app, &access)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/events", tag = "desk",
    params(("organizer" = String, Path)), request_body = NewEvent,
    responses((status = 200, body = Event), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
    DeskJson(input): DeskJson<NewEvent>,
) -> Reply<Event> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| events::desk::create(app, &access, input)).await?))
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/events/{event}", tag = "desk",
    params(("organizer" = String, Path), ("event" = String, Path)),
    responses((status = 200, body = EventDetail), (status = 403, body = ErrorBody)))]
pub async fn detail(State(app): State<App>, user: DeskUser, Path(p): Path<EventPath>) -> Reply<EventDetail> {
    let access = access(&app, user, p.organizer).await?;
    Ok(Json(app.blocking(move |app| events::desk::detail(app, &access, &p.event)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/events/{event}/subevents", tag = "desk",
    params(("organizer" = String, Path), ("event" = String, Path)), request_body = NewSubEvent,
    responses((status = 200, body = SubEvent), (status = 400, body = ErrorBody)))]
pub async fn add_subevent(
    State(app): State<App>,
    user: DeskUser,
    Path(p): Path<EventPath>,
    DeskJson(input): DeskJson<NewSubEvent>,
) -> Reply<SubEvent> {
    let access = access(&app, user, p.organizer).await?;
    Ok(Json(app.blocking(move |app| events::desk::add_subevent(app, &access, &p.event, input)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/events/{event}/items", tag = "desk",
    params(("organizer" = String, Path), ("event" = String, Path)), request_body = NewItem,
    responses((status = 200, body = Item), (status = 400, body = ErrorBody)))]
pub async fn add_item(
    State(app): State<App>,
    user: DeskUser,
    Path(p): Path<EventPath>,
    DeskJson(input): DeskJson<NewItem>,
) -> Reply<Item> {
    let access = access(&app, user, p.organizer).await?;
    Ok(Json(app.blocking(move |app| events::desk::add_item(app, &access, &p.event, input)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/events/{event}/quotas", tag = "desk",
    params(("organizer" = String, Path), ("event" = String, Path)), request_body = QuotaInput,
    responses((status = 200, body = Quota), (status = 400, body = ErrorBody)))]
pub async fn add_quota(
    State(app): State<App>,
    user: DeskUser,
    Path(p): Path<EventPath>,
    DeskJson(input): DeskJson<QuotaInput>,
) -> Reply<Quota> {
    let access = access(&app, user, p.organizer).await?;
    Ok(Json(app.blocking(move |app| events::desk::save_quota(app, &access, &p.event, None, input)).await?))
}

#[utoipa::path(put, path = "/api/desk/organizers/{organizer}/events/{event}/quotas/{id}", tag = "desk",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)), request_body = QuotaInput,
    responses((status = 200, body = Quota), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn edit_quota(
    State(app): State<App>,
    user: DeskUser,
    Path(p): Path<ObjectPath>,
    DeskJson(input): DeskJson<QuotaInput>,
) -> Reply<Quota> {
    let access = access(&app, user, p.organizer).await?;
    Ok(Json(
        app.blocking(move |app| events::desk::save_quota(app, &access, &p.event, Some(p.id), input)).await?,
    ))
}

#[utoipa::path(put, path = "/api/desk/organizers/{organizer}/events/{event}/waiting-list-settings", tag = "desk",
    params(("organizer" = String, Path), ("event" = String, Path)), request_body = WaitingListSettingsView,
    responses((status = 200, body = WaitingListSettingsView), (status = 400, body = ErrorBody)))]
pub async fn save_settings(
    State(app): State<App>,
    user: DeskUser,
    Path(p): Path<EventPath>,
    DeskJson(input): DeskJson<WaitingListSettingsView>,
) -> Reply<WaitingListSettingsView> {
    let access = access(&app, user, p.organizer).await?;
    Ok(Json(
        app.blocking(move |app| events::desk::save_waiting_list_settings(app, &access, &p.event, input))
            .await?,
    ))
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/events/{event}/waiting-list", tag = "desk",
    params(("organizer" = String, Path), ("event" = String, Path)),
    responses((status = 200, body = Vec<WaitingListRow>, description = "Waiting first, in the order they will be served")))]
pub async fn waiting_list(
    State(app): State<App>,
    user: DeskUser,
    Path(p): Path<EventPath>,
) -> Reply<Vec<WaitingListRow>> {
    let access = access(&app, user, p.organizer).await?;
    Ok(Json(app.blocking(move |app| waitinglist::desk_rows(app, &access, &p.event)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/events/{event}/waiting-list", tag = "desk",
    params(("organizer" = String, Path), ("event" = String, Path)), request_body = DeskEntryInput,
    responses((status = 200, body = WaitingListEntry), (status = 400, body = ErrorBody)))]
pub async fn add_entry(
    State(app): State<App>,
    user: DeskUser,
    Path(p): Path<EventPath>,
    DeskJson(input): DeskJson<DeskEntryInput>,
) -> Reply<WaitingListEntry> {
    let access = access(&app, user, p.organizer).await?;
    Ok(Json(
        app.blocking(move |app| waitinglist::create(app, &access, &p.event, waitinglist::desk_change(input)))
            .await?,
    ))
}

#[utoipa::path(put, path = "/api/desk/organizers/{organizer}/events/{event}/waiting-list/{id}", tag = "desk",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)), request_body = DeskEntryInput,
    responses((status = 200, body = WaitingListEntry), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody, description = "A voucher was sent")))]
pub async fn edit_entry(
    State(app): State<App>,
    user: DeskUser,
    Path(p): Path<ObjectPath>,
    DeskJson(input): DeskJson<DeskEntryInput>,
) -> Reply<WaitingListEntry> {
    let access = access(&app, user, p.organizer).await?;
    Ok(Json(
        app.blocking(move |app| waitinglist::update_from_desk(app, &access, &p.event, p.id, input)).await?,
    ))
}

#[utoipa::path(delete, path = "/api/desk/organizers/{organizer}/events/{event}/waiting-list/{id}", tag = "desk",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 409, body = ErrorBody, description = "A voucher was sent")))]
pub async fn remove_entry(
    State(app): State<App>,
    user: DeskUser,
    Path(p): Path<ObjectPath>,
) -> Result<StatusCode, DeskError> {
    let access = access(&app, user, p.organizer).await?;
    app.blocking(move |app| waitinglist::delete(app, &access, &p.event, p.id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/events/{event}/waiting-list/{id}/send-voucher", tag = "desk",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Voucher), (status = 400, body = ErrorBody, description = "Not available, anonymized, or already sent")))]
pub async fn send_voucher(
    State(app): State<App>,
    user: DeskUser,
    Path(p): Path<ObjectPath>,
) -> Reply<Voucher> {
    let access = access(&app, user, p.organizer).await?;
    Ok(Json(app.blocking(move |app| waitinglist::send_voucher(app, &access, &p.event, p.id)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/events/{event}/vouchers/{id}/redeem", tag = "desk",
    params(("organizer" = String, Path), ("event" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Voucher), (status = 409, body = ErrorBody, description = "Used up or expired")))]
pub async fn redeem_voucher(
    State(app): State<App>,
    user: DeskUser,
    Path(p): Path<ObjectPath>,
) -> Reply<Voucher> {
    let access = access(&app, user, p.organizer).await?;
    Ok(Json(app.blocking(move |app| vouchers::redeem(app, &access, &p.event, p.id, "at the desk")).await?))
}
