use serde::{Deserialize, Serialize};

/// The HTTP listener's settings, as an administrator chooses them in the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListenerSettings {
    pub port: u16,
    /// Listen on every network interface (terminals on the LAN) rather than this computer only.
    pub lan_access: bool,
}

impl Default for ListenerSettings {
    fn default() -> Self {
        ListenerSettings { port: DEFAULT_PORT, lan_access: false }
    }
}

pub const DEFAULT_PORT: u16 = 8421;

impl ListenerSettings {
    /// The socket address these settings mean.
    pub fn address(self) -> std::net::SocketAddr {
        let ip =
            if self.lan_access { std::net::Ipv4Addr::UNSPECIFIED } else { std::net::Ipv4Addr::LOCALHOST };
        std::net::SocketAddr::from((ip, self.port))
    }
}

/// Where and when this installation looks for a new version of Tessera, as an administrator
/// chooses them in the window. There is no default address: a venue points it at the server that
/// hosts its update manifest (its own, or the project's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UpdateSettings {
    /// The update manifest's address, http or https, with `{{target}}`, `{{arch}}`,
    /// `{{current_version}}` and `{{bundle_type}}` filled in per request; none: no update checks.
    pub endpoint: Option<String>,
    /// Look for an update in the background whenever the window opens.
    pub check_on_start: bool,
}

impl Default for UpdateSettings {
    fn default() -> Self {
        UpdateSettings { endpoint: None, check_on_start: true }
    }
}

impl UpdateSettings {
    /// The endpoint to ask, or none while none is set (or a stored one no longer parses).
    pub fn update_endpoint(&self) -> Option<UpdateEndpoint> {
        self.endpoint.as_deref().and_then(|raw| UpdateEndpoint::parse(raw).ok())
    }
}

/// An update manifest's address: an absolute http or https URL with a host. Braces appear only
/// around the placeholders the updater fills in. Plain http is allowed because a venue's LAN
/// server rarely has a certificate; what protects an update is its signature, not the transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateEndpoint(url::Url);

/// The placeholders tauri's updater replaces in an endpoint.
pub const UPDATE_PLACEHOLDERS: [&str; 4] =
    ["{{target}}", "{{arch}}", "{{current_version}}", "{{bundle_type}}"];

impl UpdateEndpoint {
    /// Longer addresses are typing accidents (or pasted manifests).
    const MAX_LEN: usize = 2000;

    /// Parses what an administrator typed (surrounding blanks ignored); the error is the message
    /// for the field.
    pub fn parse(raw: &str) -> std::result::Result<Self, String> {
        let raw = raw.trim();
        if raw.len() > Self::MAX_LEN {
            return Err(format!("Use at most {} characters.", Self::MAX_LEN));
        }
        let mut rest = raw.to_string();
        for placeholder in UPDATE_PLACEHOLDERS {
            rest = rest.replace(placeholder, "");
        }
        if rest.contains(['{', '}']) {
            return Err(
                "Only {{target}}, {{arch}}, {{current_version}} and {{bundle_type}} may appear in braces."
                    .into(),
            );
        }
        let url = url::Url::parse(raw)
            .map_err(|_| "Enter a full address, such as https://updates.example.org/tessera/latest.json.")?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err("The address must start with https:// or http://.".into());
        }
        if url.host().is_none() {
            return Err("The address needs a server name or IP address.".into());
        }
        if url.fragment().is_some() {
            return Err("The address must not contain a # part.".into());
        }
        Ok(UpdateEndpoint(url))
    }

    /// The address as the updater takes it (placeholders percent-encoded in the path, as the
    /// updater expects them).
    pub fn url(&self) -> &url::Url {
        &self.0
    }

    /// Whether requests go out unencrypted (a LAN server without a certificate).
    pub fn is_plain_http(&self) -> bool {
        self.0.scheme() == "http"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_and_http_addresses_with_the_updaters_placeholders_are_endpoints() {
        let endpoint =
            UpdateEndpoint::parse(" https://updates.example.org/{{target}}/{{arch}}/{{current_version}} ")
                .unwrap();
        assert!(!endpoint.is_plain_http());
        let lan =
            UpdateEndpoint::parse("http://192.168.1.20:8080/tessera/latest.json?bundle={{bundle_type}}")
                .unwrap();
        assert!(lan.is_plain_http(), "a venue's LAN server may serve the manifest without TLS");
    }

    #[test]
    fn other_schemes_are_not_endpoints() {
        for raw in ["ftp://example.org/latest.json", "file:///srv/latest.json", "javascript:alert(1)"] {
            assert!(UpdateEndpoint::parse(raw).is_err(), "{raw} must be refused");
        }
    }

    #[test]
    fn relative_or_hostless_addresses_are_not_endpoints() {
        for raw in ["", "latest.json", "/tessera/latest.json", "updates.example.org/latest.json", "https://"]
        {
            assert!(UpdateEndpoint::parse(raw).is_err(), "{raw:?} must be refused");
        }
    }

    #[test]
    fn braces_other_than_the_placeholders_are_refused() {
        let err = UpdateEndpoint::parse("https://example.org/{{version}}/latest.json").unwrap_err();
        assert!(err.contains("{{target}}"), "the message names the placeholders that work: {err}");
        assert!(UpdateEndpoint::parse("https://example.org/{target}/latest.json").is_err());
        assert!(UpdateEndpoint::parse("https://example.org/{{target}/latest.json").is_err());
    }

    #[test]
    fn an_endpoint_with_a_fragment_or_too_long_is_refused() {
        assert!(UpdateEndpoint::parse("https://example.org/latest.json#top").is_err());
        let long = format!("https://example.org/{}", "a".repeat(2000));
        assert!(UpdateEndpoint::parse(&long).is_err());
    }

    #[test]
    fn stored_settings_without_a_usable_endpoint_have_none() {
        assert_eq!(UpdateSettings::default().update_endpoint(), None);
        let broken = UpdateSettings { endpoint: Some("not a url".into()), check_on_start: true };
        assert_eq!(broken.update_endpoint(), None);
    }
}
