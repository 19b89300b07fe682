//! The app's connection to a sync server (`journey-studio serve`, samod, or the
//! JS `automerge-repo-sync-server`): the automerge-repo protocol over a
//! websocket, for ONE shared project (document). It carries the raw
//! `automerge::sync::Message` bytes the core's sync layer makes and takes
//! (`ProjectFile::sync_message` / `receive_sync_message`), presence as
//! ephemeral messages, and reconnects with backoff. No Tauri, no core types:
//! the desktop layer drives it (docs/server.md, "The app's side").

pub mod connection;
pub mod error;
pub mod link;
pub mod presence;
pub mod protocol;

pub use connection::{connect, Backoff, ConnectOptions, Connection, Event, LinkId};
pub use error::WireError;
pub use link::{random_secret, DocId, LinkError};
pub use presence::Presence;

/// The HTTP headers of the websocket upgrade (the server checks them before
/// any protocol message: docs/server.md).
pub mod headers {
    /// The project's document id.
    pub const DOCUMENT: &str = "x-journey-document";
    /// `Bearer <project secret>`.
    pub const AUTHORIZATION: &str = "authorization";
    /// The server's invite key: registers an unknown project (its first connection).
    pub const INVITE: &str = "x-journey-invite";
    /// The user's display name (the server derives the peer id from it).
    pub const PEER_NAME: &str = "x-journey-peer";
    /// Answer: the peer id the client must announce in its `join`.
    pub const PEER_ID: &str = "x-journey-peer-id";
    /// Answer: the largest message (bytes) the server accepts.
    pub const MAX_MESSAGE: &str = "x-journey-max-message";
}
