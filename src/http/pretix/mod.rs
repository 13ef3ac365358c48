//! The pretix dialect under `/api/v1/`: pretix 2026's REST API for the resources Tessera keeps.

mod customers;
pub(crate) mod input;
mod organizers;
mod pagination;

use axum::middleware::from_fn_with_state;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::{Resource, guard};
use crate::app::App;

pub fn router(app: &App) -> OpenApiRouter<App> {
    let organizer = OpenApiRouter::new()
        .routes(routes!(organizers::retrieve))
        .route_layer(from_fn_with_state((app.clone(), Resource::Organizer), guard));
    let customers = OpenApiRouter::new()
        .routes(routes!(customers::list, customers::create))
        .routes(routes!(
            customers::retrieve,
            customers::update,
            customers::partial_update,
            customers::destroy
        ))
        .routes(routes!(customers::anonymize))
        .route_layer(from_fn_with_state((app.clone(), Resource::Customers), guard));
    OpenApiRouter::new().routes(routes!(organizers::list)).merge(organizer).merge(customers)
}
