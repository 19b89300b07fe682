//! Which changes of each document are on disk, so that the server never
//! acknowledges a change it could still lose.
//!
//! samod sends a peer its answer (whose heads acknowledge the peer's changes)
//! in the same step as it hands the new changes to storage, and the two run
//! concurrently: the answer can leave before the write. So the connection's
//! writer (`socket.rs`) holds every outgoing sync message until each of its
//! heads is *closed* here: the change and all its ancestors fsynced, as
//! incremental changes (`Change` bytes name their deps) or in a compacted
//! snapshot (the whole history up to its heads). A change stored by itself
//! whose history went to disk inside a snapshot (as no head of it) counts too
//! once no write of its document is running: samod issues a change's writes
//! no later than its descendants', so none of its history is still on the way.
//! Everything read from disk at start is on disk.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use automerge::ChangeHash;
use tokio::sync::Notify;

#[derive(Default)]
struct Doc {
    /// Durable, with all ancestors durable.
    closed: HashSet<ChangeHash>,
    /// Durable, waiting for some of these deps to be closed.
    open: HashMap<ChangeHash, Vec<ChangeHash>>,
    /// Writes of this document under way.
    writing: usize,
    /// A write failed: nothing more is acknowledged on this document's connections.
    failed: bool,
}

impl Doc {
    fn close_what_can_be_closed(&mut self) {
        loop {
            let ready: Vec<ChangeHash> =
                self.open.iter().filter(|(_, deps)| deps.iter().all(|d| self.closed.contains(d))).map(|(h, _)| *h).collect();
            if ready.is_empty() {
                return;
            }
            for h in ready {
                self.open.remove(&h);
                self.closed.insert(h);
            }
        }
    }
}

/// A write of this document failed: the server cannot acknowledge its changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the server could not store the document")]
pub struct StorageFailed;

#[derive(Default)]
pub struct Durability {
    docs: Mutex<HashMap<String, Doc>>,
    changed: Notify,
}

impl Durability {
    fn with_doc<R>(&self, doc: &str, f: impl FnOnce(&mut Doc) -> R) -> R {
        let mut docs = self.docs.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(docs.entry(doc.to_string()).or_default())
    }

    /// An incremental change is on disk (its bytes are an automerge change).
    pub fn change_stored(&self, doc: &str, change: &[u8]) {
        let Ok(change) = automerge::Change::from_bytes(change.to_vec()) else { return };
        self.with_doc(doc, |d| {
            d.open.insert(change.hash(), change.deps().to_vec());
            d.close_what_can_be_closed();
        });
        self.changed.notify_waiters();
    }

    /// A write of this document starts (`put_finished` follows, whatever happens).
    pub fn put_started(&self, doc: &str) {
        self.with_doc(doc, |d| d.writing += 1);
    }

    pub fn put_finished(&self, doc: &str) {
        self.with_doc(doc, |d| d.writing = d.writing.saturating_sub(1));
        self.changed.notify_waiters();
    }

    /// A change read from disk (at start): it and its history are on disk.
    pub fn change_loaded(&self, doc: &str, change: &[u8]) {
        let Ok(change) = automerge::Change::from_bytes(change.to_vec()) else { return };
        self.with_doc(doc, |d| {
            d.closed.insert(change.hash());
            d.close_what_can_be_closed();
        });
    }

    /// A saved document (samod's compacted snapshot) is on disk: everything up to its heads is.
    pub fn snapshot_stored(&self, doc: &str, saved: &[u8]) {
        let Some(heads) = saved_heads(saved) else { return };
        self.with_doc(doc, |d| {
            d.closed.extend(heads);
            d.close_what_can_be_closed();
        });
        self.changed.notify_waiters();
    }

    pub fn write_failed(&self, doc: &str) {
        self.with_doc(doc, |d| d.failed = true);
        self.changed.notify_waiters();
    }

    fn check(&self, doc: &str, heads: &[ChangeHash]) -> Option<Result<(), StorageFailed>> {
        self.with_doc(doc, |d| {
            if d.failed {
                Some(Err(StorageFailed))
            } else if heads.iter().all(|h| d.closed.contains(h) || (d.writing == 0 && d.open.contains_key(h))) {
                Some(Ok(()))
            } else {
                None
            }
        })
    }

    /// Waits until every head (and its history) of `doc` is on disk.
    pub async fn wait(&self, doc: &str, heads: &[ChangeHash]) -> Result<(), StorageFailed> {
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable(); // registered before the check: no wake-up is missed
            if let Some(answer) = self.check(doc, heads) {
                return answer;
            }
            notified.await;
        }
    }
}

/// The heads of a saved automerge document, read from the document chunk's
/// header (magic, checksum, type 0, length, actors, heads: the binary
/// format's spec) instead of loading the whole document; loading is the
/// fallback if the header does not read as expected.
pub fn saved_heads(saved: &[u8]) -> Option<Vec<ChangeHash>> {
    header_heads(saved).or_else(|| automerge::Automerge::load(saved).ok().map(|d| d.get_heads()))
}

fn header_heads(bytes: &[u8]) -> Option<Vec<ChangeHash>> {
    const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
    let mut r = Reader { bytes, at: 0 };
    (r.take(4)? == MAGIC).then_some(())?;
    r.take(4)?; // checksum
    (r.take(1)? == [0]).then_some(())?; // a document chunk
    r.uleb()?; // length
    for _ in 0..r.uleb()? {
        let len = r.uleb()?;
        r.take(usize::try_from(len).ok()?)?;
    }
    let count = r.uleb()?;
    let mut heads = Vec::new();
    for _ in 0..count {
        heads.push(ChangeHash::try_from(r.take(32)?).ok()?);
    }
    Some(heads)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }

    fn uleb(&mut self) -> Option<u64> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.take(1)?[0];
            value |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::transaction::Transactable;
    use automerge::{AutoCommit, ROOT};

    fn doc_with_two_heads() -> AutoCommit {
        let mut a = AutoCommit::new();
        a.put(ROOT, "title", "Hành trình").unwrap();
        let mut b = a.fork();
        a.put(ROOT, "a", 1).unwrap();
        b.put(ROOT, "b", 2).unwrap();
        a.merge(&mut b).unwrap();
        a
    }

    #[test]
    fn the_headers_heads_are_the_documents_heads() {
        let mut doc = doc_with_two_heads();
        let saved = doc.save();
        let mut expected = doc.get_heads();
        let mut read = header_heads(&saved).expect("the header reads");
        expected.sort();
        read.sort();
        assert_eq!(read.len(), 2);
        assert_eq!(read, expected);
        assert_eq!(header_heads(b"not a document"), None);
        assert_eq!(saved_heads(b"not a document"), None);
    }

    #[tokio::test]
    async fn a_head_is_acknowledged_only_when_it_and_its_history_are_stored() {
        let mut doc = AutoCommit::new();
        doc.put(ROOT, "x", 1).unwrap();
        let first = doc.get_last_local_change().unwrap().clone();
        doc.put(ROOT, "x", 2).unwrap();
        let second = doc.get_last_local_change().unwrap().clone();
        let d = Durability::default();
        let heads = doc.get_heads();
        d.change_stored("doc", second.raw_bytes());
        d.put_started("doc");
        assert_eq!(d.check("doc", &heads), None, "its dependency is not stored yet, and a write is under way");
        d.change_stored("doc", first.raw_bytes());
        d.put_finished("doc");
        assert_eq!(d.check("doc", &heads), Some(Ok(())));
        assert_eq!(d.check("other", &heads), None);
        d.snapshot_stored("other", &doc.save());
        d.wait("other", &heads).await.unwrap();
        // A change whose parent went to disk inside a snapshot, as no head of it.
        let mut third_doc = doc.fork();
        third_doc.put(ROOT, "y", 3).unwrap();
        let third = third_doc.get_last_local_change().unwrap().clone();
        d.change_stored("bulk", third.raw_bytes());
        assert_eq!(d.check("bulk", &third_doc.get_heads()), Some(Ok(())), "no write under way: its history is on disk");
        d.write_failed("doc");
        assert_eq!(d.wait("doc", &heads).await, Err(StorageFailed));
    }
}
