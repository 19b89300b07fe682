//! Live collaboration's core half: a shared project's records mirrored in an
//! Automerge document, kept in the project file, and synchronised with peers
//! through Automerge's sync protocol (docs/collaboration.md).
//!
//! SQLite stays the local truth and the durable copy. A local edit is applied
//! as before (one transaction, undo log, `DocumentChange`) and, in the same
//! transaction, the rows it touched are mirrored into the document
//! (`mirror.rs`) and the new change is stored (`replica.rs`). A remote change
//! is applied to the document, and the records it touched are written into
//! the rows (`materialize.rs`) in one transaction without an undo entry, and
//! answered with the same `DocumentChange`. The protocol is sans-IO: a
//! transport asks [`ProjectFile::sync_message`](crate::ProjectFile::sync_message)
//! for bytes to send to a peer and hands what arrives to
//! [`ProjectFile::receive_sync_message`](crate::ProjectFile::receive_sync_message).
//! Nothing here runs for a project that is not shared.

pub mod link;
pub(crate) mod materialize;
pub(crate) mod mirror;
pub(crate) mod record;
pub(crate) mod replica;
pub mod status;

pub use link::ShareLink;
pub use replica::Replica;
pub use status::{CollabStatus, Presence};
