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
