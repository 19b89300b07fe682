//! A project file's side of live collaboration (`sync/`): sharing it, and the
//! sans-IO sync protocol a transport drives, one named peer at a time.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::ProjectFile;
use crate::change::DocumentChange;
use crate::error::{Result, SyncError};
use crate::model::Project;
use crate::sync::materialize::materialize;
use crate::sync::mirror::{mirror_all, mirror_touched};
use crate::sync::{Replica, ShareLink};

impl ProjectFile {
    /// True when the project is shared (its records are mirrored in a CRDT
    /// document kept in the file).
    pub fn is_shared(&self) -> bool {
        self.replica.is_some()
    }

    /// Starts sharing this project: every record is written into a new shared
    /// document, in one transaction. Peers that join get it on their first sync.
    pub fn share(&mut self) -> Result<()> {
        self.start_sharing(None)
    }

    /// Starts sharing this project on the server `link` names; the file keeps
    /// the link (reopening it reconnects), in the same transaction.
    pub fn share_at(&mut self, link: &ShareLink) -> Result<()> {
        self.start_sharing(Some(link))
    }

    fn start_sharing(&mut self, link: Option<&ShareLink>) -> Result<()> {
        if self.replica.is_some() {
            return Err(SyncError::AlreadyShared.into());
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut replica = Replica::start(&tx)?;
        mirror_all(&tx, &mut replica.doc)?;
        replica.persist(&tx)?;
        if let Some(link) = link {
            keep_link(&tx, link)?;
        }
        tx.commit()?;
        self.replica = Some(replica);
        Ok(())
    }

    /// Creates a project file that joins a shared project: it holds no record
    /// of its own, and takes all of them from its first sync.
    pub fn create_joining(path: &Path, overwrite: bool) -> Result<ProjectFile> {
        Self::joining(path, overwrite, None)
    }

    /// Creates a project file that joins the shared project `link` names (kept
    /// in the file); it is empty until its first sync with the server.
    pub fn create_joining_at(path: &Path, overwrite: bool, link: &ShareLink) -> Result<ProjectFile> {
        Self::joining(path, overwrite, Some(link))
    }

    fn joining(path: &Path, overwrite: bool, link: Option<&ShareLink>) -> Result<ProjectFile> {
        let empty = Project { title: String::new(), personas: Vec::new(), maps: Vec::new() };
        let mut file = ProjectFile::create(path, &empty, overwrite)?;
        let tx = file.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let replica = Replica::start(&tx)?;
        if let Some(link) = link {
            keep_link(&tx, link)?;
        }
        tx.commit()?;
        file.replica = Some(replica);
        Ok(file)
    }

    /// The link of the shared project this file takes part in, when it has one.
    pub fn share_link(&self) -> Result<Option<ShareLink>> {
        let bytes: Option<Vec<u8>> = self.conn.query_row("SELECT value FROM sync_meta WHERE key = 'link'", [], |r| r.get(0)).optional()?;
        // A link the file cannot read any more is as good as none: share again.
        Ok(bytes.and_then(|b| String::from_utf8(b).ok()).and_then(|t| ShareLink::parse(&t).ok()))
    }

    fn replica_mut(&mut self) -> Result<&mut Replica> {
        self.replica.as_mut().ok_or_else(|| SyncError::NotShared.into())
    }

    /// The next sync protocol message to send to `peer` (any stable name the
    /// transport gives it, e.g. the server's URL), or `None` when there is
    /// nothing to send until it answers.
    pub fn sync_message(&mut self, peer: &str) -> Result<Option<Vec<u8>>> {
        let conn = &self.conn;
        let replica = self.replica.as_mut().ok_or(SyncError::NotShared)?;
        replica.message_for(conn, peer)
    }

    /// Applies a sync protocol message from `peer`. When it brought changes,
    /// they are written into the file in one transaction (no undo entry: undo
    /// stays each user's own) and answered as the change the UI merges, with
    /// the next revision; `None` when it brought nothing new. Everything it
    /// brought is on disk when this returns.
    pub fn receive_sync_message(&mut self, peer: &str, message: &[u8]) -> Result<Option<DocumentChange>> {
        let conn = &self.conn;
        let replica = self.replica.as_mut().ok_or(SyncError::NotShared)?;
        let touched = match replica.receive(conn, peer, message) {
            Ok(t) => t,
            Err(e) => {
                self.replica = Replica::load(&self.conn)?;
                return Err(e);
            }
        };
        let Some(touched) = touched else { return Ok(None) };
        let peer = peer.to_owned();
        self.transact_with(move |tx, replica| {
            let replica = replica.ok_or(SyncError::NotShared)?;
            materialize(tx, &replica.doc, &touched)?;
            // Renumbered positions and cascaded deletions go back into the
            // document, so every peer ends with the same rows.
            mirror_touched(tx, &mut replica.doc)?;
            replica.persist(tx)?;
            replica.save_peer(tx, &peer)?;
            Ok(())
        })
        .map(Some)
    }

    /// The connection to `peer` closed: its in-memory protocol state is
    /// dropped; the next connection starts from what the file kept.
    pub fn peer_disconnected(&mut self, peer: &str) -> Result<()> {
        self.replica_mut()?.disconnected(peer);
        Ok(())
    }

    /// The shared document's current heads (hex change hashes), for tests and
    /// for telling whether two peers hold the same document.
    pub fn sync_heads(&mut self) -> Result<Vec<String>> {
        Ok(self.replica_mut()?.doc.get_heads().iter().map(|h| h.to_string()).collect())
    }
}

/// Keeps `link` in the file (the link as a teammate pastes it, UTF-8).
fn keep_link(conn: &Connection, link: &ShareLink) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_meta(key, value) VALUES ('link', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [link.to_string().into_bytes()],
    )?;
    Ok(())
}
