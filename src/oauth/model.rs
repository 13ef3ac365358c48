use serde::{Deserialize, Serialize};

/// The scopes a token carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scopes {
    pub read: bool,
    pub write: bool,
    pub profile: bool,
}

impl Scopes {
    pub const ALL: Scopes = Scopes { read: true, write: true, profile: true };

    /// `read write profile` (space- or `+`-separated, any order); `None` for an unknown scope.
    /// An empty request means all scopes, as in pretix.
    pub fn parse(raw: Option<&str>) -> Option<Scopes> {
        let raw = raw.unwrap_or("").replace('+', " ");
        let mut s = Scopes::default();
        for part in raw.split_whitespace() {
            match part {
                "read" => s.read = true,
                "write" => s.write = true,
                "profile" => s.profile = true,
                _ => return None,
            }
        }
        Some(if s == Scopes::default() { Scopes::ALL } else { s })
    }

    pub fn as_string(self) -> String {
        let mut parts = Vec::new();
        if self.read {
            parts.push("read");
        }
        if self.write {
            parts.push("write");
        }
        if self.profile {
            parts.push("profile");
        }
        parts.join(" ")
    }

    /// Only `profile`: the token reaches `/me` and nothing else.
    pub fn profile_only(self) -> bool {
        self.profile && !self.read && !self.write
    }
}

/// An application as the desk shows it to the user who registered it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OAuthApplication {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub name: String,
    pub client_id: String,
    /// Confidential clients authenticate with their secret; public ones (apps on a device) use PKCE.
    pub confidential: bool,
    pub redirect_uris: Vec<String>,
    pub active: bool,
    pub created_at: String,
}

/// A new application: redirect URIs separated by spaces or new lines.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewOAuthApplication {
    pub name: String,
    pub redirect_uris: String,
    pub confidential: bool,
}

/// A registered application with its secret, shown this once (none for public clients).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RegisteredApplication {
    pub application: OAuthApplication,
    pub client_secret: Option<String>,
}

/// Access a user gave an application, as the desk lists it for revoking.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OAuthGrant {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub application: String,
    pub scopes: String,
    pub organizers: Vec<String>,
    pub created_at: String,
}

/// The query of `GET /api/v1/oauth/authorize` (and the hidden fields of the consent form).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AuthorizeRequest {
    pub client_id: Option<String>,
    pub response_type: Option<String>,
    pub redirect_uri: Option<String>,
    pub scope: Option<String>,
    pub state: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub approval_prompt: Option<String>,
}

/// What the authorize endpoint does with a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Authorize {
    /// The client or redirect URI cannot be trusted: an error page, never a redirect.
    BadClient(String),
    /// Back to the client with an `error`.
    Redirect(String),
    /// Ask the user.
    Consent(Consent),
}

/// What the consent page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Consent {
    pub application: String,
    pub redirect_uri: String,
    pub scopes: Scopes,
    /// (slug, name) of the organizers the user may grant.
    pub organizers: Vec<(String, String)>,
}

/// The form of `POST /api/v1/oauth/token` and `revoke_token`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TokenRequest {
    pub grant_type: Option<String>,
    pub code: Option<String>,
    pub redirect_uri: Option<String>,
    pub refresh_token: Option<String>,
    pub code_verifier: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub token: Option<String>,
    pub scope: Option<String>,
}

/// The token endpoint's success body.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    pub expires_in: i64,
    pub token_type: &'static str,
    pub scope: String,
    pub refresh_token: String,
}

/// An OAuth error body (RFC 6749 §5.2) with its status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OAuthError {
    #[serde(skip)]
    pub status: u16,
    pub error: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

impl OAuthError {
    pub fn new(status: u16, error: &'static str) -> Self {
        OAuthError { status, error, error_description: None }
    }

    pub fn described(status: u16, error: &'static str, description: &str) -> Self {
        OAuthError { status, error, error_description: Some(description.into()) }
    }
}

/// `GET /api/v1/me`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Me {
    pub email: String,
    pub fullname: Option<String>,
    pub locale: String,
    pub is_staff: bool,
    pub timezone: String,
}
