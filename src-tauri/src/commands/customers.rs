use tauri::State;
use tessera::ErrorBody;
use tessera::customers::{self, Customer, CustomerInput, CustomerPage, CustomerQuery, NewCustomer};

use super::with_access;
use crate::Desk;

#[tauri::command]
#[specta::specta]
pub async fn customers_search(
    desk: State<'_, Desk>,
    organizer: String,
    query: CustomerQuery,
) -> Result<CustomerPage, ErrorBody> {
    with_access(&desk, organizer, move |app, access| customers::search(app, access, &query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn customers_get(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
) -> Result<Customer, ErrorBody> {
    with_access(&desk, organizer, move |app, access| customers::get(app, access, &identifier)).await
}

#[tauri::command]
#[specta::specta]
pub async fn customers_create(
    desk: State<'_, Desk>,
    organizer: String,
    input: CustomerInput,
) -> Result<Customer, ErrorBody> {
    let new = NewCustomer { fields: input.into(), ..NewCustomer::default() };
    with_access(&desk, organizer, move |app, access| customers::create(app, access, new)).await
}

#[tauri::command]
#[specta::specta]
pub async fn customers_update(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
    input: CustomerInput,
) -> Result<Customer, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        customers::update(app, access, &identifier, input.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn customers_anonymize(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
) -> Result<Customer, ErrorBody> {
    with_access(&desk, organizer, move |app, access| customers::anonymize(app, access, &identifier)).await
}
