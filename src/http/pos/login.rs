use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};

use super::{PosError, PosJson, Problem};
use crate::app::App;
use crate::auth::{self, Principal};
use crate::portos;

/// Portos's login body (PascalCase as documented; camelCase is accepted too).
#[derive(Deserialize, utoipa::ToSchema)]
pub struct AuthInput {
    #[serde(rename = "UserName", alias = "userName")]
    user_name: String,
    #[serde(rename = "Password", alias = "password", default)]
    password: String,
    #[serde(rename = "DeviceName", alias = "deviceName")]
    device_name: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuthDevice {
    name: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuthUser {
    id: String,
    is_virtual: bool,
    name: String,
    user_name: String,
    /// The Portos rights the user's permissions grant in their organizer.
    rights: Vec<String>,
    device: AuthDevice,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuthResult {
    /// Send as `Authorization: Bearer <tokenId>`; valid for 12 hours.
    token_id: String,
    /// Not issued: log in again when the token expires.
    refresh_token: Option<String>,
    user: AuthUser,
}

#[utoipa::path(post, path = "/api/auth", tag = "portos: customers", request_body = AuthInput,
    responses((status = 200, body = AuthResult), (status = 401, body = Problem, description = "Wrong user name or password")))]
pub async fn login(
    State(app): State<App>,
    PosJson(input): PosJson<AuthInput>,
) -> Result<Json<AuthResult>, PosError> {
    let result = app
        .blocking(move |app| {
            let opened = auth::open_session(app, &input.user_name, &input.password)?;
            let user = opened.session.user;
            let principal = Principal::User { user_id: user.id };
            let rights = auth::home_access(app, &principal).map(|a| portos::rights(&a)).unwrap_or_default();
            Ok(AuthResult {
                token_id: opened.token,
                refresh_token: None,
                user: AuthUser {
                    id: user.id.to_string(),
                    is_virtual: false,
                    name: user.fullname.clone().unwrap_or_else(|| user.email.clone()),
                    user_name: user.email,
                    rights,
                    device: AuthDevice { name: input.device_name },
                },
            })
        })
        .await?;
    Ok(Json(result))
}
