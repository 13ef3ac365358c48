use axum::Json;
use axum::extract::{Path, RawQuery, State};

use super::{Pos, PosError, Problem};
use crate::app::App;
use crate::error::Error;
use crate::portos::{self, CustomerResult, PortosCustomer};

#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct CustomerFilters {
    /// NData; compares the serial numbers of the customer's cards (any card).
    #[param(rename = "CardSerialNumber")]
    card_serial_number: Option<String>,
    /// NData.
    #[param(rename = "ExternalId")]
    external_id: Option<String>,
    /// NData, a decimal.
    #[param(rename = "CreditRate")]
    credit_rate: Option<String>,
    /// NData, a decimal.
    #[param(rename = "DiscountRate")]
    discount_rate: Option<String>,
    /// NData, a boolean.
    #[param(rename = "IsActive")]
    is_active: Option<String>,
    /// NData, a time.
    #[param(rename = "ExpirationTime")]
    expiration_time: Option<String>,
    /// `true` or `false`: whether `status` is `Expired`.
    #[param(rename = "IsExpired")]
    is_expired: Option<bool>,
    /// Partial, case-insensitive: first and last name, company name, VAT id, tax id, note.
    #[param(rename = "Search")]
    search: Option<String>,
    /// Property names separated by commas; `-name` or `name:desc` for descending.
    #[param(rename = "$sort")]
    sort: Option<String>,
    #[param(rename = "$skip")]
    skip: Option<u32>,
    /// Default 100, at most 1000.
    #[param(rename = "$take")]
    take: Option<u32>,
    /// `true`: only the counts, no items.
    #[param(rename = "$count")]
    count: Option<bool>,
}

#[utoipa::path(get, path = "/customers", tag = "portos: customers", params(CustomerFilters),
    responses((status = 200, body = CustomerResult), (status = 400, body = Problem, description = "A bad filter, sort key or value; `errors[0].memberName` names it"),
        (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn list(
    State(app): State<App>,
    Pos(access): Pos,
    RawQuery(raw): RawQuery,
) -> Result<Json<CustomerResult>, PosError> {
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect();
    let query = portos::parse_query(&pairs).map_err(|e| Error::validation(e.member, e.message))?;
    Ok(Json(app.blocking(move |app| portos::list(app, &access, &query)).await?))
}

#[utoipa::path(get, path = "/customers/{id}", tag = "portos: customers", params(("id" = String, Path)),
    responses((status = 200, body = PortosCustomer), (status = 404, body = Problem)))]
pub async fn get(
    State(app): State<App>,
    Pos(access): Pos,
    Path(id): Path<String>,
) -> Result<Json<PortosCustomer>, PosError> {
    Ok(Json(app.blocking(move |app| portos::get(app, &access, &id)).await?))
}
