//! The desk's own API under `/api/desk/`: what the UI in a LAN browser calls. The same types and
//! service calls as the Tauri commands, with a session cookie (HttpOnly, SameSite=Strict) instead
//! of the window's in-process login, and errors as `{code, message, fields}`.

mod access_grants;
mod backups;
mod cards;
mod credit;
mod customers;
mod dashboard;
mod devices;
mod events;
mod exports;
mod imports;
mod memberships;
mod outbox;
mod session;
mod teams;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::error::DeskError;
use crate::app::App;
use crate::auth::{self, Access, Principal};
use crate::error::{AuthFailure, Error};

pub const SESSION_COOKIE: &str = "tessera_session";

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(session::setup_status, session::setup))
        .routes(routes!(session::login))
        .routes(routes!(session::logout))
        .routes(routes!(session::current))
        .routes(routes!(session::set_locale))
        .routes(routes!(backups::overview, backups::create))
        .routes(routes!(backups::save_settings))
        .routes(routes!(backups::restore))
        .routes(routes!(customers::search, customers::create))
        .routes(routes!(customers::get, customers::update))
        .routes(routes!(customers::anonymize))
        .routes(routes!(memberships::list_types, memberships::create_type))
        .routes(routes!(memberships::update_type, memberships::delete_type))
        .routes(routes!(memberships::for_customer, memberships::sell))
        .routes(routes!(memberships::update))
        .routes(routes!(memberships::list_uses, memberships::record_use))
        .routes(routes!(memberships::void_use))
        .routes(routes!(devices::list, devices::add))
        .routes(routes!(devices::pairing))
        .routes(routes!(devices::rename))
        .routes(routes!(devices::revoke))
        .routes(routes!(cards::list, cards::issue))
        .routes(routes!(cards::block))
        .routes(routes!(cards::unblock))
        .routes(routes!(cards::lost))
        .routes(routes!(cards::replace))
        .routes(routes!(cards::scan))
        .routes(routes!(credit::balance))
        .routes(routes!(credit::entries))
        .routes(routes!(credit::topup))
        .routes(routes!(credit::charge))
        .routes(routes!(credit::refund))
        .routes(routes!(credit::reverse))
        .routes(routes!(credit::adjust))
        .routes(routes!(credit::settings, credit::save_settings))
        .routes(routes!(dashboard::show))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(imports::preview))
                .layer(axum::extract::DefaultBodyLimit::max(imports::MAX_CSV_BYTES)),
        )
        .routes(routes!(imports::validate))
        .routes(routes!(imports::commit))
        .routes(routes!(imports::progress))
        .routes(routes!(exports::download))
        .routes(routes!(outbox::list))
        .routes(routes!(outbox::retry))
        .routes(routes!(outbox::settings, outbox::save_settings))
        .routes(routes!(outbox::test_mail))
        .routes(routes!(events::list, events::create))
        .routes(routes!(events::detail))
        .routes(routes!(events::add_subevent))
        .routes(routes!(events::add_item))
        .routes(routes!(events::add_quota))
        .routes(routes!(events::edit_quota))
        .routes(routes!(events::save_settings))
        .routes(routes!(events::waiting_list, events::add_entry))
        .routes(routes!(events::edit_entry, events::remove_entry))
        .routes(routes!(events::send_voucher))
        .routes(routes!(events::redeem_voucher))
        .routes(routes!(access_grants::applications, access_grants::register))
        .routes(routes!(access_grants::deactivate))
        .routes(routes!(access_grants::grants))
        .routes(routes!(access_grants::revoke_grant))
        .routes(routes!(access_grants::resellers_list, access_grants::resellers_create))
        .routes(routes!(access_grants::resellers_add_member))
        .routes(routes!(access_grants::resellers_link))
        .routes(routes!(teams::list, teams::add))
        .routes(routes!(teams::detail, teams::edit, teams::remove))
        .routes(routes!(teams::add_member))
        .routes(routes!(teams::take_out))
        .routes(routes!(teams::add_token))
        .routes(routes!(teams::deactivate_token))
}

/// Tells the browser to forget its session cookie (logout, and after a restore ended every session).
fn expire_session_cookie(response: &mut Response) {
    let expired = format!("{SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    if let Ok(value) = axum::http::HeaderValue::from_str(&expired) {
        response.headers_mut().insert(axum::http::header::SET_COOKIE, value);
    }
}

fn session_cookie(parts: &Parts) -> Option<String> {
    super::cookie(&parts.headers, SESSION_COOKIE).map(str::to_string)
}

/// The staff user behind the request's session cookie.
pub struct DeskUser {
    pub principal: Principal,
    pub token: String,
}

impl FromRequestParts<App> for DeskUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let token = session_cookie(parts)
            .ok_or_else(|| DeskError(Error::Unauthenticated(AuthFailure::Missing)).into_response())?;
        let lookup = token.clone();
        let principal = app
            .blocking(move |app| auth::session_principal(app, &lookup))
            .await
            .map_err(|e| DeskError(e).into_response())?;
        Ok(DeskUser { principal, token })
    }
}

/// The logged-in user's access to the organizer in the path.
async fn access(app: &App, user: DeskUser, organizer: String) -> Result<Access, DeskError> {
    let principal = user.principal;
    Ok(app.blocking(move |app| auth::authorize(app, &principal, &organizer)).await?)
}
