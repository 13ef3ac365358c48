use std::time::Duration;

use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::model::TlsMode;

/// Where and how to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    pub username: Option<String>,
    pub password: Option<String>,
    pub sender: String,
}

impl SmtpConfig {
    /// `smtp://[user:password@]host[:port][?from=address]` (plain), `smtp+starttls://…` or
    /// `smtps://…` (TLS); the default sender is `tessera@localhost`.
    pub fn from_url(raw: &str) -> Result<SmtpConfig, String> {
        let url = url::Url::parse(raw).map_err(|e| format!("not a URL: {e}"))?;
        let (tls, default_port) = match url.scheme() {
            "smtp" => (TlsMode::None, 25),
            "smtp+starttls" => (TlsMode::Starttls, 587),
            "smtps" => (TlsMode::Tls, 465),
            other => return Err(format!("unknown scheme {other}: use smtp, smtp+starttls or smtps")),
        };
        let host = url.host_str().filter(|h| !h.is_empty()).ok_or("no host")?.to_string();
        let decode = |s: &str| percent_decode(s);
        let username = Some(decode(url.username())).filter(|u| !u.is_empty());
        let password = url.password().map(decode);
        let sender = url
            .query_pairs()
            .find(|(k, _)| k == "from")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_else(|| "tessera@localhost".into());
        Ok(SmtpConfig { host, port: url.port().unwrap_or(default_port), tls, username, password, sender })
    }
}

fn percent_decode(raw: &str) -> String {
    url::form_urlencoded::parse(format!("x={raw}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// Why a send failed, and whether trying again could help.
pub(crate) struct SendError {
    pub message: String,
    pub permanent: bool,
}

fn transport(config: &SmtpConfig) -> Result<AsyncSmtpTransport<Tokio1Executor>, SendError> {
    let invalid = |e: lettre::transport::smtp::Error| SendError { message: e.to_string(), permanent: true };
    let builder = match config.tls {
        TlsMode::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host),
        TlsMode::Starttls => {
            AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host).map_err(invalid)?
        }
        TlsMode::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host).map_err(invalid)?,
    };
    let mut builder = builder.port(config.port).timeout(Some(Duration::from_secs(20)));
    if let Some(user) = &config.username {
        builder =
            builder.credentials(Credentials::new(user.clone(), config.password.clone().unwrap_or_default()));
    }
    Ok(builder.build())
}

/// Sends one mail. A refusal the server calls permanent (5xx), or an address that cannot be
/// written, is permanent; a server that cannot be reached is not.
pub(crate) async fn send(config: &SmtpConfig, to: &str, subject: &str, body: &str) -> Result<(), SendError> {
    let permanent = |message: String| SendError { message, permanent: true };
    let from: Mailbox = config.sender.parse().map_err(|e| permanent(format!("sender address: {e}")))?;
    let to: Mailbox = to.parse().map_err(|e| permanent(format!("recipient address: {e}")))?;
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .body(body.to_string())
        .map_err(|e| permanent(e.to_string()))?;
    transport(config)?
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| SendError { permanent: e.is_permanent(), message: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_host_port_tls_credentials_and_sender() {
        let c = SmtpConfig::from_url("smtp://127.0.0.1:2525").unwrap();
        assert_eq!(
            (c.host.as_str(), c.port, c.tls, c.sender.as_str()),
            ("127.0.0.1", 2525, TlsMode::None, "tessera@localhost")
        );
        let c =
            SmtpConfig::from_url("smtps://box%40venue.example:s%3Acret@mail.example?from=desk@venue.example")
                .unwrap();
        assert_eq!((c.port, c.tls), (465, TlsMode::Tls));
        assert_eq!(c.username.as_deref(), Some("box@venue.example"));
        assert_eq!(c.password.as_deref(), Some("s:cret"));
        assert_eq!(c.sender, "desk@venue.example");
        assert_eq!(SmtpConfig::from_url("smtp+starttls://mail.example").unwrap().port, 587);
        assert!(SmtpConfig::from_url("http://mail.example").is_err());
    }
}
