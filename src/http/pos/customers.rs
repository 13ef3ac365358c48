use axum::Json;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::StatusCode;

use super::{Pos, PosError, PosJson, Problem};
use crate::app::App;
use crate::error::Error;
use crate::portos::{self, CustomerResult, PortosCustomer, PortosCustomerInput};

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

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteParams {
    /// The version read; refused with errorCode 6 when the stored one is newer.
    #[serde(rename = "_v")]
    #[param(rename = "_v")]
    version: Option<i64>,
}

#[utoipa::path(post, path = "/customers", tag = "portos: customers", request_body = PortosCustomerInput,
    responses((status = 201, body = PortosCustomer), (status = 400, body = Problem), (status = 403, body = Problem, description = "A missing right (errorCode 2)")))]
pub async fn create(
    State(app): State<App>,
    Pos(access): Pos,
    PosJson(input): PosJson<PortosCustomerInput>,
) -> Result<(StatusCode, Json<PortosCustomer>), PosError> {
    let written = app.blocking(move |app| portos::write(app, &access, None, input)).await?;
    Ok((StatusCode::CREATED, Json(written.customer)))
}

#[utoipa::path(put, path = "/customers/{id}", tag = "portos: customers", params(("id" = String, Path)), request_body = PortosCustomerInput,
    responses((status = 200, body = PortosCustomer, description = "Replaced"), (status = 201, body = PortosCustomer, description = "Created under this id"),
        (status = 400, body = Problem), (status = 403, body = Problem), (status = 409, body = Problem, description = "An older `_v` (errorCode 6, `resource.version` is the stored one)")))]
pub async fn put(
    State(app): State<App>,
    Pos(access): Pos,
    Path(id): Path<String>,
    PosJson(input): PosJson<PortosCustomerInput>,
) -> Result<(StatusCode, Json<PortosCustomer>), PosError> {
    let written = app.blocking(move |app| portos::write(app, &access, Some(&id), input)).await?;
    let status = if written.created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(written.customer)))
}

#[utoipa::path(delete, path = "/customers/{id}", tag = "portos: customers", params(("id" = String, Path), DeleteParams),
    responses((status = 204, description = "Personal data erased, account deactivated"), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn delete(
    State(app): State<App>,
    Pos(access): Pos,
    Path(id): Path<String>,
    Query(params): Query<DeleteParams>,
) -> Result<StatusCode, PosError> {
    app.blocking(move |app| portos::delete(app, &access, &id, params.version)).await?;
    Ok(StatusCode::NO_CONTENT)
}
