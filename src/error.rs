//! The one error type of the core. Every service returns `Result<T, Error>`; each adapter renders
//! it in its own dialect (pretix DRF shapes, the desk's `{code, message, fields}`), choosing the
//! status code from [`Error::code`] in one `match` per dialect.
//!
//! Storage and internal errors carry their cause for the log only: adapters log them once and send
//! a fixed message.

use std::collections::BTreeMap;

use serde::Serialize;

/// Field name → messages, as a form shows them under its inputs. `non_field_errors` holds the
/// messages that concern the whole input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(BTreeMap<String, Vec<String>>);

impl FieldErrors {
    pub const NON_FIELD: &'static str = "non_field_errors";

    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.entry(field.into()).or_default().push(message.into());
    }

    /// Records the error of a parse, if any, and returns the parsed value.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&[String]> {
        self.0.get(field).map(Vec::as_slice)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<String>)> {
        self.0.iter()
    }

    /// `Err(Error::Validation)` when any error was recorded.
    pub fn into_result(self) -> Result<(), Error> {
        if self.is_empty() { Ok(()) } else { Err(Error::Validation(self)) }
    }

    pub fn single(field: impl Into<String>, message: impl Into<String>) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }
}

/// Why a request could not be authenticated. The messages are pretix's (DRF's) own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthFailure {
    /// No credentials, or a scheme nobody here understands.
    Missing,
    /// `Token` with no value.
    EmptyToken,
    /// `Token` with a value containing spaces.
    TokenWithSpaces,
    /// Unknown token.
    InvalidToken,
    /// Known but deactivated token.
    InactiveToken,
    /// A desk session that is unknown or expired.
    SessionExpired,
    /// A device token of a device that was never initialized.
    DeviceNotInitialized,
    /// A device token of a revoked device.
    DeviceRevoked,
}

impl AuthFailure {
    pub fn message(self) -> &'static str {
        match self {
            AuthFailure::Missing => "Authentication credentials were not provided.",
            AuthFailure::EmptyToken => "Invalid token header. No credentials provided.",
            AuthFailure::TokenWithSpaces => "Invalid token header. Token string should not contain spaces.",
            AuthFailure::InvalidToken => "Invalid token.",
            AuthFailure::InactiveToken => "Token inactive or deleted.",
            AuthFailure::SessionExpired => "Your session has expired. Please log in again.",
            AuthFailure::DeviceNotInitialized => "Device has not been initialized.",
            AuthFailure::DeviceRevoked => "Device access has been revoked.",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No such object inside the caller's organizer. `entity` is the model name pretix uses in
    /// its message (`No Customer matches the given query.`).
    #[error("No {entity} matches the given query.")]
    NotFound { entity: &'static str },
    /// A page number past the end of a list, or not a number.
    #[error("Invalid page.")]
    InvalidPage,
    /// The input is invalid; every failing field is listed.
    #[error("invalid input")]
    Validation(FieldErrors),
    /// The request could not be understood at all (malformed JSON, a body that is not an object).
    #[error("{0}")]
    Malformed(String),
    #[error("{}", .0.message())]
    Unauthenticated(AuthFailure),
    /// Email and password do not match an active staff user.
    #[error("The email address or password is not correct.")]
    InvalidCredentials,
    #[error("You do not have permission to perform this action.")]
    Forbidden,
    /// The caller may act, but this object refuses the action in its current state.
    #[error("{0}")]
    Refused(&'static str),
    /// An action refused for the state of the world rather than the input (a waiting-list voucher
    /// for a product that is not available); pretix answers 400 with a bare list of messages.
    #[error("{0}")]
    Declined(&'static str),
    /// A membership cannot be used now; the reason is for terminals to branch on.
    #[error("{}", .0.message())]
    MembershipRefused(crate::memberships::Refusal),
    /// The operation exists but is refused for this resource (pretix answers 405 with a sentence).
    #[error("{0}")]
    NotAllowed(&'static str),
    /// The change clashes with the current state (a second first-time setup, say).
    #[error("{0}")]
    Conflict(String),
    /// The client changed an older version of the resource (`_v`) than the one stored.
    #[error("The {resource} was changed in the meantime (it is at version {version}); read it again.")]
    VersionMismatch { resource: &'static str, id: String, version: i64 },
    #[error("storage error")]
    Storage(#[from] rusqlite::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

/// The closed set of machine-readable codes. Add one only when a consumer branches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    Validation,
    Malformed,
    Unauthenticated,
    InvalidCredentials,
    Forbidden,
    /// The object refuses the action in its current state (a membership type in use).
    Refused,
    MembershipRefused,
    NotAllowed,
    Conflict,
    Internal,
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NotFound { .. } | Error::InvalidPage => ErrorCode::NotFound,
            Error::Validation(_) | Error::Declined(_) => ErrorCode::Validation,
            Error::Malformed(_) => ErrorCode::Malformed,
            Error::Unauthenticated(_) => ErrorCode::Unauthenticated,
            Error::InvalidCredentials => ErrorCode::InvalidCredentials,
            Error::Forbidden => ErrorCode::Forbidden,
            Error::Refused(_) => ErrorCode::Refused,
            Error::MembershipRefused(_) => ErrorCode::MembershipRefused,
            Error::NotAllowed(_) => ErrorCode::NotAllowed,
            Error::Conflict(_) | Error::VersionMismatch { .. } => ErrorCode::Conflict,
            Error::Storage(_) | Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// One readable line for people (the command line, a failed scheduled backup): each field
    /// with its messages.
    pub fn readable(&self) -> String {
        match self {
            Error::Validation(fields) => fields
                .iter()
                .map(|(field, messages)| format!("{field}: {}", messages.join(" ")))
                .collect::<Vec<_>>()
                .join("; "),
            Error::Storage(e) => format!("database: {e}"),
            other => other.to_string(),
        }
    }

    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Validation(FieldErrors::single(field, message))
    }

    /// True for errors whose cause must be logged and must not reach a client.
    pub fn is_internal(&self) -> bool {
        self.code() == ErrorCode::Internal
    }
}

impl From<tokio::task::JoinError> for Error {
    fn from(err: tokio::task::JoinError) -> Self {
        Error::Internal(format!("background task failed: {err}"))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The desk's rendering (Tauri IPC and `/api/desk/`): a code to branch on, a sentence for people,
/// and the field errors of a form.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Option<BTreeMap<String, Vec<String>>>,
}

impl From<Error> for ErrorBody {
    fn from(err: Error) -> Self {
        if err.is_internal() {
            tracing::error!(error = ?err, "internal error");
            return ErrorBody {
                code: ErrorCode::Internal,
                message: "Something went wrong on the desk computer. Try again; if it keeps \
                          happening, restart Tessera."
                    .into(),
                fields: None,
            };
        }
        let code = err.code();
        match err {
            Error::Validation(fields) => ErrorBody {
                code,
                message: "Please correct the marked fields.".into(),
                fields: Some(fields.0),
            },
            other => ErrorBody { code, message: other.to_string(), fields: None },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_never_reach_the_desk_with_their_cause() {
        let body = ErrorBody::from(Error::Internal("disk on fire at /secret/path".into()));
        assert_eq!(body.code, ErrorCode::Internal);
        assert!(!body.message.contains("/secret/path"));
    }

    #[test]
    fn validation_errors_carry_their_fields_to_the_desk() {
        let body = ErrorBody::from(Error::validation("email", "Enter a valid email address."));
        let fields = body.fields.expect("fields");
        assert_eq!(fields["email"], vec!["Enter a valid email address.".to_string()]);
    }
}
