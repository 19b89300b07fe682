//! The CRDT document of a shared project and its durable copy in the file.
//!
//! The document's changes are kept in the project file (`sync_chunks`, in the
//! same transaction as the rows they mirror), so a change is on disk with the
//! edit and stays queued for peers while offline; each peer's sync state
//! (`sync_peers`, what we know they have) is kept so a reconnect sends only
//! what they lack.

use std::collections::HashMap;
use std::sync::OnceLock;

use automerge::sync::{self, SyncDoc};
use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, AutoCommit, ChangeHash, ObjType, PatchAction, PatchLog, Prop, ReadDoc, ROOT};
use rusqlite::{params, Connection, OptionalExtension};

use super::materialize::Touched;
use super::record::{TABLES, TITLE};
use crate::error::{Result, SyncError};

/// Chunks kept before the document is saved whole into one (on open).
const COMPACT_AFTER: i64 = 256;

/// The first change of every shared project: the root maps of the shared
/// tables, written by a fixed actor at time 0, so every replica makes the very
/// same change (same hash) and all agree on which map is `cards`.
fn genesis() -> Result<AutoCommit> {
    let mut doc = AutoCommit::new().with_actor(ActorId::from(b"journey-studio-genesis".as_slice()));
    for table in &TABLES {
        doc.put_object(ROOT, table.name, ObjType::Map)?;
    }
    doc.commit_with(CommitOptions::default().with_time(0));
    Ok(doc)
}

/// The heads of a document that holds only the genesis change (an empty
/// replica that has not synced yet).
fn genesis_heads() -> &'static [ChangeHash] {
    static HEADS: OnceLock<Vec<ChangeHash>> = OnceLock::new();
    HEADS.get_or_init(|| genesis().map(|mut d| d.get_heads()).unwrap_or_default())
}

/// A shared project's document and the protocol state of each connected peer.
pub struct Replica {
    pub(crate) doc: AutoCommit,
    peers: HashMap<String, sync::State>,
    /// The heads the file's chunks hold: what `persist` stores is what came after.
    saved: Vec<ChangeHash>,
}

impl std::fmt::Debug for Replica {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replica").field("peers", &self.peers.len()).finish_non_exhaustive()
    }
}

impl Replica {
    /// Starts sharing: the genesis change, a new actor for this file.
    pub(crate) fn start(conn: &Connection) -> Result<Replica> {
        let actor = ActorId::random();
        let mut doc = genesis()?;
        doc.set_actor(actor.clone());
        conn.execute("INSERT INTO sync_meta(key, value) VALUES ('actor', ?1)", [actor.to_bytes()])?;
        let mut replica = Replica { doc, peers: HashMap::new(), saved: Vec::new() };
        replica.persist(conn)?;
        Ok(replica)
    }

    /// The file's replica, or `None` when the project is not shared. Costs one
    /// query for an unshared project.
    pub(crate) fn load(conn: &Connection) -> Result<Option<Replica>> {
        let actor: Option<Vec<u8>> = conn.query_row("SELECT value FROM sync_meta WHERE key = 'actor'", [], |r| r.get(0)).optional()?;
        let Some(actor) = actor else { return Ok(None) };
        let mut bytes = Vec::new();
        let mut count = 0i64;
        {
            let mut stmt = conn.prepare("SELECT bytes FROM sync_chunks ORDER BY seq")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                bytes.extend_from_slice(&r.get::<_, Vec<u8>>(0)?);
                count += 1;
            }
        }
        let mut doc = AutoCommit::load(&bytes).map_err(|e| SyncError::DamagedDocument(e.to_string()))?;
        doc.set_actor(ActorId::from(actor));
        let saved = doc.get_heads();
        let mut replica = Replica { doc, peers: HashMap::new(), saved };
        if count > COMPACT_AFTER {
            replica.compact(conn)?;
        }
        Ok(Some(replica))
    }

    /// Replaces the chunks with the whole document saved once.
    fn compact(&mut self, conn: &Connection) -> Result<()> {
        let whole = self.doc.save();
        conn.execute_batch("SAVEPOINT compact")?;
        let done = (|| -> Result<()> {
            conn.execute("DELETE FROM sync_chunks", [])?;
            conn.execute("INSERT INTO sync_chunks(bytes) VALUES (?1)", [whole])?;
            Ok(())
        })();
        match done {
            Ok(()) => conn.execute_batch("RELEASE compact")?,
            Err(e) => {
                conn.execute_batch("ROLLBACK TO compact; RELEASE compact")?;
                return Err(e);
            }
        }
        Ok(())
    }

    /// Commits pending operations and stores the changes not yet in the file
    /// (local ones and received ones alike), within the caller's transaction.
    pub(crate) fn persist(&mut self, conn: &Connection) -> Result<()> {
        self.doc.commit();
        let heads = self.doc.get_heads();
        if heads != self.saved {
            let bytes = self.doc.save_after(&self.saved);
            conn.prepare_cached("INSERT INTO sync_chunks(bytes) VALUES (?1)")?.execute([bytes])?;
            self.saved = heads;
        }
        Ok(())
    }

    /// Reads the kept state of `peer` when it is not in memory.
    fn ensure_peer(&mut self, conn: &Connection, peer: &str) -> Result<()> {
        if !self.peers.contains_key(peer) {
            let stored: Option<Vec<u8>> =
                conn.query_row("SELECT state FROM sync_peers WHERE peer = ?1", [peer], |r| r.get(0)).optional()?;
            let state = match stored.map(|b| sync::State::decode(&b)) {
                Some(Ok(state)) => state,
                _ => sync::State::new(),
            };
            self.peers.insert(peer.to_owned(), state);
        }
        Ok(())
    }

    /// The next protocol message for `peer`, or `None` when it has all we
    /// have (or we wait for its answer).
    pub(crate) fn message_for(&mut self, conn: &Connection, peer: &str) -> Result<Option<Vec<u8>>> {
        self.doc.commit();
        self.ensure_peer(conn, peer)?;
        let Some(state) = self.peers.get_mut(peer) else { return Ok(None) };
        Ok(self.doc.sync().generate_sync_message(state).map(sync::Message::encode))
    }

    /// Applies a message from `peer` to the document (in memory) and tells
    /// which records it changed; `None` when it brought no change.
    pub(crate) fn receive(&mut self, conn: &Connection, peer: &str, message: &[u8]) -> Result<Option<Touched>> {
        let message = sync::Message::decode(message).map_err(|e| SyncError::BadMessage(e.to_string()))?;
        self.doc.commit();
        let before = self.doc.get_heads();
        let empty_before = before == genesis_heads();
        self.ensure_peer(conn, peer)?;
        let Some(state) = self.peers.get_mut(peer) else { return Ok(None) };
        // The patches come from the log of this message's changes, not from a
        // diff of the whole document between two heads.
        let mut log = if empty_before { PatchLog::null() } else { PatchLog::active() };
        self.doc.sync().receive_sync_message_log_patches(state, message, &mut log).map_err(|e| SyncError::BadMessage(e.to_string()))?;
        if self.doc.get_heads() == before {
            return Ok(None);
        }
        if empty_before {
            return Ok(Some(Touched::everything(&self.doc)));
        }
        let mut touched = Touched::default();
        for patch in self.doc.make_patches(&mut log) {
            let key = |p: &Prop| match p {
                Prop::Map(k) => Some(k.clone()),
                Prop::Seq(_) => None,
            };
            let action_key = match &patch.action {
                PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => Some(key.clone()),
                PatchAction::Conflict { prop } => key(prop),
                _ => None,
            };
            match patch.path.as_slice() {
                [] => match action_key.as_deref() {
                    Some(TITLE) => touched.title = true,
                    Some(table) => {
                        // A whole table map (only the genesis change makes one).
                        for id in
                            super::mirror::table_obj(&self.doc, table).map(|o| self.doc.keys(&o).collect::<Vec<_>>()).unwrap_or_default()
                        {
                            touched.add(table, &id);
                        }
                    }
                    None => {}
                },
                [(_, table)] => {
                    if let (Some(table), Some(id)) = (key(table), action_key) {
                        touched.add(&table, &id);
                    }
                }
                [(_, table), (_, id), ..] => {
                    if let (Some(table), Some(id)) = (key(table), key(id)) {
                        touched.add(&table, &id);
                    }
                }
            }
        }
        Ok(Some(touched))
    }

    /// Keeps what `peer` is known to have, for the next connection.
    pub(crate) fn save_peer(&mut self, conn: &Connection, peer: &str) -> Result<()> {
        self.ensure_peer(conn, peer)?;
        let Some(encoded) = self.peers.get(peer).map(sync::State::encode) else { return Ok(()) };
        conn.prepare_cached("INSERT INTO sync_peers(peer, state) VALUES (?1, ?2) ON CONFLICT(peer) DO UPDATE SET state = excluded.state")?
            .execute(params![peer, encoded])?;
        Ok(())
    }

    /// Forgets the in-memory protocol state of `peer` (its connection closed);
    /// the next message starts from what the file kept.
    pub(crate) fn disconnected(&mut self, peer: &str) {
        self.peers.remove(peer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_replica_starts_from_the_very_same_genesis_change() {
        let (mut a, mut b) = (genesis().expect("genesis"), genesis().expect("genesis"));
        assert_eq!(a.get_heads(), b.get_heads(), "two files that never met agree on the root maps");
        a.set_actor(ActorId::random());
        b.set_actor(ActorId::random());
        let cards_a = a.get(ROOT, "cards").expect("get").expect("cards").1;
        a.put_object(&cards_a, "c1", ObjType::Map).expect("put");
        let cards_b = b.get(ROOT, "cards").expect("get").expect("cards").1;
        b.put_object(&cards_b, "c2", ObjType::Map).expect("put");
        a.merge(&mut b).expect("merge");
        let cards = a.get(ROOT, "cards").expect("get").expect("cards").1;
        assert_eq!(a.keys(&cards).collect::<Vec<_>>(), ["c1", "c2"], "both records are in one cards map");
    }
}
