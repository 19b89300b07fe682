//! Why a connection to a sync server failed or closed.

/// A connection's error. `code()` is what the app shows (as the core's errors).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    /// No answer at that address (network down, wrong host or port, TLS failed).
    #[error("cannot reach the sync server: {0}")]
    Unreachable(String),
    /// The server knows the project but the secret is not its secret.
    #[error("the server refused the project's secret")]
    WrongSecret,
    /// The server has no such project (and no valid invite key came with it).
    #[error("the server does not know this project")]
    UnknownProject,
    /// A message is over the server's size limit (the server's, in bytes).
    #[error("a message is larger than the server accepts ({limit} bytes)")]
    MessageTooLarge { limit: usize },
    /// The server closed the connection because it sent too much too fast.
    #[error("the server closed the connection: {0}")]
    RateLimited(String),
    /// The server closed the connection for another reason (shutting down, storage failed…).
    #[error("the server closed the connection: {0}")]
    ServerClosed(String),
    /// The other end does not speak the protocol (or broke it).
    #[error("sync protocol error: {0}")]
    Protocol(String),
    /// The connection was closed (by this side) or its task ended.
    #[error("the connection is closed")]
    Closed,
}

impl WireError {
    pub fn code(&self) -> &'static str {
        match self {
            WireError::Unreachable(_) => "sync_unreachable",
            WireError::WrongSecret => "sync_wrong_secret",
            WireError::UnknownProject => "sync_unknown_project",
            WireError::MessageTooLarge { .. } => "sync_message_too_large",
            WireError::RateLimited(_) => "sync_rate_limited",
            WireError::ServerClosed(_) => "sync_server_closed",
            WireError::Protocol(_) => "sync_protocol",
            WireError::Closed => "sync_closed",
        }
    }

    /// Whether trying again later can help (a refused secret or project cannot).
    pub fn is_transient(&self) -> bool {
        !matches!(self, WireError::WrongSecret | WireError::UnknownProject | WireError::Closed)
    }
}

/// Close codes and HTTP statuses the server answers with (RFC 6455 §7.4.1).
pub mod codes {
    /// A message over the size limit.
    pub const CLOSE_TOO_LARGE: u16 = 1009;
    /// Over the rate limit, or a message about another document.
    pub const CLOSE_POLICY: u16 = 1008;
    /// The server could not store a change.
    pub const CLOSE_SERVER_ERROR: u16 = 1011;
    /// The server is shutting down.
    pub const CLOSE_GOING_AWAY: u16 = 1001;
}
