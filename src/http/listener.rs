//! The HTTP listener as a running service that can move: started on an address, and moved to
//! another (a new port, LAN access on or off) while the app runs. The new socket is opened before
//! the old one is closed, so a port that cannot be opened leaves the listener where it was.

use std::io::ErrorKind;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::{Options, advertised_url, router, serve};
use crate::app::App;
use crate::auth::{self, Principal};
use crate::error::{Error, Result};
use crate::installation::{self, ListenerSettings};

/// How long a move waits for the old listener to finish its requests in flight.
const DRAIN: Duration = Duration::from_secs(3);

/// What the window shows about the listener.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListenerStatus {
    /// What an administrator chose (stored in the database file).
    pub settings: ListenerSettings,
    /// Where it listens (`0.0.0.0:8421` with LAN access); `None` when it is not running.
    pub address: Option<String>,
    /// The address POS terminals are told (a LAN address with LAN access, else loopback).
    pub terminal_url: Option<String>,
    /// Why the listener is not running (a taken port), if it is not.
    pub error: Option<String>,
}

struct Running {
    address: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

#[derive(Default)]
struct State {
    running: Option<Running>,
    error: Option<String>,
}

/// The listener of this process. Cheap to clone; every clone controls the same listener.
#[derive(Clone)]
pub struct ListenerControl {
    app: App,
    options: Options,
    state: Arc<Mutex<State>>,
    /// Serialises moves, so two at once cannot both close the old socket.
    moving: Arc<tokio::sync::Mutex<()>>,
}

fn describe(address: SocketAddr, err: &std::io::Error) -> String {
    match err.kind() {
        ErrorKind::AddrInUse => format!("Port {} is already in use by another program.", address.port()),
        ErrorKind::PermissionDenied => {
            format!("This computer does not allow listening on port {}.", address.port())
        }
        _ => format!("Cannot listen on {address}: {err}"),
    }
}

impl ListenerControl {
    pub fn new(app: App, options: Options) -> Self {
        ListenerControl {
            app,
            options,
            state: Arc::new(Mutex::new(State::default())),
            moving: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Where the listener is bound now, if it runs.
    pub fn address(&self) -> Option<SocketAddr> {
        self.state().running.as_ref().map(|r| r.address)
    }

    /// The stored settings and where the listener runs now (they differ when `TESSERA_LISTEN`
    /// overrode the settings at start, or the chosen port was taken).
    pub async fn status(&self) -> Result<ListenerStatus> {
        let settings = self.app.blocking(installation::listener_settings).await?;
        let state = self.state();
        let address = state.running.as_ref().map(|r| r.address);
        Ok(ListenerStatus {
            settings,
            address: address.map(|a| a.to_string()),
            terminal_url: address.map(advertised_url),
            error: state.error.clone(),
        })
    }

    /// Starts listening on `address`. A failure is recorded in the status (and returned), not
    /// fatal: the window works without the listener.
    pub async fn start(&self, address: SocketAddr) -> std::result::Result<SocketAddr, String> {
        self.move_to(address).await
    }

    /// Moves the listener to `address`; on failure it keeps listening where it was and the error
    /// is returned. Must run inside a Tokio runtime.
    pub async fn move_to(&self, address: SocketAddr) -> std::result::Result<SocketAddr, String> {
        let _moving = self.moving.lock().await;
        let current = self.address();
        if current == Some(address) {
            return Ok(address);
        }
        let listener = match TcpListener::bind(address).await {
            Ok(listener) => listener,
            // The old socket holds the port (e.g. switching LAN access on the same port): close
            // it first, then take the port, and go back if that fails.
            Err(err)
                if err.kind() == ErrorKind::AddrInUse
                    && current.is_some_and(|c| c.port() == address.port()) =>
            {
                self.stop().await;
                match bind_retrying(address).await {
                    Ok(listener) => listener,
                    Err(err) => {
                        let message = describe(address, &err);
                        if let Some(previous) = current
                            && let Ok(listener) = bind_retrying(previous).await
                        {
                            self.run(listener, previous);
                        }
                        return Err(message);
                    }
                }
            }
            Err(err) => {
                let message = describe(address, &err);
                if current.is_none() {
                    tracing::error!(%address, error = %err, "cannot start the HTTP listener");
                    self.state().error = Some(message.clone());
                }
                return Err(message);
            }
        };
        let bound = listener.local_addr().unwrap_or(address);
        self.stop().await;
        self.run(listener, bound);
        Ok(bound)
    }

    /// An administrator's new settings: checked, applied to the running listener, then stored.
    /// Errors: `forbidden` (not an administrator), `validation` (bad port, or a port that cannot
    /// be opened; the listener then stays where it was and nothing is stored).
    pub async fn apply(&self, principal: Principal, settings: ListenerSettings) -> Result<ListenerStatus> {
        let check = principal.clone();
        self.app
            .blocking(move |app| {
                auth::require_admin(app, &check)?;
                installation::check_listener_settings(&settings)
            })
            .await?;
        self.move_to(settings.address()).await.map_err(|message| Error::validation("port", message))?;
        self.app.blocking(move |app| installation::save_listener_settings(app, &principal, settings)).await?;
        self.status().await
    }

    fn run(&self, listener: TcpListener, address: SocketAddr) {
        let (stop, stopped) = oneshot::channel::<()>();
        let router = router(self.app.clone(), &self.options);
        let task = tokio::spawn(async move {
            if let Err(err) = serve(listener, router, async {
                let _ = stopped.await;
            })
            .await
            {
                tracing::error!(error = %err, "the HTTP listener stopped");
            }
        });
        tracing::info!("HTTP listener on http://{address}/");
        let mut state = self.state();
        state.running = Some(Running { address, stop, task });
        state.error = None;
    }

    /// Stops the listener: no new connections; requests in flight get up to [`DRAIN`] to finish.
    pub async fn stop(&self) {
        let running = self.state().running.take();
        if let Some(Running { stop, task, address }) = running {
            let _ = stop.send(());
            if tokio::time::timeout(DRAIN, task).await.is_err() {
                tracing::warn!(%address, "requests still in flight when the listener moved");
            }
        }
    }
}

/// Binds, retrying briefly: a socket just closed may take a moment to let go of its port.
async fn bind_retrying(address: SocketAddr) -> std::io::Result<TcpListener> {
    let mut attempt = 0;
    loop {
        match TcpListener::bind(address).await {
            Err(err) if err.kind() == ErrorKind::AddrInUse && attempt < 20 => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            other => return other,
        }
    }
}
