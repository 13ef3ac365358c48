//! `/api/v1/organizers/`: the organizers the caller can see.

use axum::extract::{Extension, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use super::customers::ListParams;
use super::pagination::{Paginated, paginated};
use crate::app::App;
use crate::auth::{self, Access};
use crate::http::auth::authenticate;
use crate::http::error::PretixError;
use crate::http::json::AsciiJson;
use crate::organizers::{Organizer, OrganizerResource};
use crate::pagination::PageRequest;

/// pretix shows each organizer's public shop address; Tessera has no shop, so this is the
/// organizer's address on this listener.
fn resource(organizer: &Organizer, headers: &HeaderMap) -> OrganizerResource {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    OrganizerResource {
        name: organizer.name.clone(),
        slug: organizer.slug.to_string(),
        public_url: format!("http://{host}/{}/", organizer.slug),
    }
}

#[utoipa::path(get, path = "/api/v1/organizers/", tag = "pretix: organizers",
    params(ListParams),
    responses((status = 200, body = Paginated<OrganizerResource>), (status = 401)))]
pub async fn list(
    State(app): State<App>,
    Query(params): Query<ListParams>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let result = async {
        let principal = authenticate(&app, &headers).await?;
        crate::oauth::require_scope(&principal, true)?;
        let page_request = params.page_request()?;
        let organizers = app.blocking(move |app| auth::visible_organizers(app, &principal)).await?;
        page_request.slice(organizers.iter().map(|o| resource(o, &headers)).collect())
    }
    .await;
    match result {
        Ok(page) => AsciiJson(StatusCode::OK, paginated(page, &headers, &uri)).into_response(),
        Err(err) => PretixError(err).into_response(),
    }
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/", tag = "pretix: organizers",
    params(("organizer" = String, Path)),
    responses((status = 200, body = OrganizerResource), (status = 401), (status = 403)))]
pub async fn retrieve(
    Extension(access): Extension<Access>,
    headers: HeaderMap,
) -> AsciiJson<OrganizerResource> {
    AsciiJson(StatusCode::OK, resource(&access.organizer, &headers))
}

impl ListParams {
    pub fn page_request(&self) -> crate::Result<PageRequest> {
        PageRequest::parse(self.page.as_deref(), self.page_size.as_deref())
    }
}
