use serde::{Deserialize, Serialize};

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum TlsMode {
    /// Plain text (a server on this machine or a trusted network).
    None,
    /// Plain connection upgraded with STARTTLS (usually port 587).
    Starttls,
    /// TLS from the start (usually port 465).
    Tls,
}

impl TlsMode {
    pub fn as_str(self) -> &'static str {
        match self {
            TlsMode::None => "none",
            TlsMode::Starttls => "starttls",
            TlsMode::Tls => "tls",
        }
    }

    pub fn parse(raw: &str) -> Option<TlsMode> {
        match raw {
            "none" => Some(TlsMode::None),
            "starttls" => Some(TlsMode::Starttls),
            "tls" => Some(TlsMode::Tls),
            _ => None,
        }
    }
}

/// An organizer's SMTP settings as shown: the password only as whether one is set.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    pub username: Option<String>,
    pub has_password: bool,
    pub sender: String,
}

/// New SMTP settings; `password: None` keeps the stored one, `Some("")` removes it.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MailSettingsInput {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    pub username: Option<String>,
    pub password: Option<String>,
    pub sender: String,
}

/// A mail in the outbox, as the window lists it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OutboxMail {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    /// queued, sent or failed.
    pub state: String,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub attempts: i64,
    pub next_attempt_at: Option<String>,
    pub last_error: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// Where to send a test mail, and in which language (English unless `de…`).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TestMailInput {
    pub to: String,
    pub locale: Option<String>,
}
