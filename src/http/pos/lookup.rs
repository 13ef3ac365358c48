use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;

use super::{Pos, PosError, Problem};
use crate::app::App;
use crate::error::Error;
use crate::pos::{self, PosLookup};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LookupParams {
    /// A scanned card serial number, as the reader typed it.
    card: Option<String>,
    /// Or a customer's id.
    customer: Option<String>,
}

#[utoipa::path(get, path = "/pos/lookup", tag = "pos: lookup", params(LookupParams),
    responses((status = 200, body = PosLookup, description = "Customer, card, credit, discount and valid memberships"),
        (status = 400, body = Problem), (status = 404, body = Problem)))]
pub async fn lookup(
    State(app): State<App>,
    Pos(access): Pos,
    Query(params): Query<LookupParams>,
) -> Result<Json<PosLookup>, PosError> {
    let found = match (params.card, params.customer) {
        (Some(card), None) => app.blocking(move |app| pos::by_card(app, &access, &card)).await?,
        (None, Some(customer)) => app.blocking(move |app| pos::by_customer(app, &access, &customer)).await?,
        _ => return Err(PosError(Error::validation("card", "Give either card or customer."))),
    };
    Ok(Json(found))
}
