//! A simulated teammate for the sync server's tests and benchmark: an
//! automerge document (standing in for a shared project file's) and its sync
//! state with the server, driven through `journey_studio::wire` exactly as the
//! desktop layer drives the core's `sync_message` / `receive_sync_message`.
//! Each user includes this file (`#[path]`).

#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use automerge::sync::{State, SyncDoc};
use automerge::transaction::Transactable;
use automerge::{AutoCommit, ChangeHash, ObjType, ReadDoc, ROOT};
use journey_studio::wire::{self, ConnectOptions, DocId, Event, Presence, WireError};
use tokio::sync::mpsc;
use url::Url;

/// What a peer's task shares with the test.
pub struct PeerState {
    pub doc: AutoCommit,
    pub sync: State,
    pub link: u64,
    pub events: Vec<Event>,
    /// When each change from the others arrived here.
    pub arrivals: Vec<(ChangeHash, std::time::Instant)>,
}

pub struct Peer {
    pub name: String,
    pub state: Arc<Mutex<PeerState>>,
    poke: mpsc::UnboundedSender<Poke>,
    pub peer_id: String,
}

enum Poke {
    Sync,
    Presence(Presence),
    Close,
}

pub fn options(server: &Url, doc: &DocId, secret: &str, name: &str, invite: Option<&str>) -> ConnectOptions {
    let mut o = ConnectOptions::new(server.clone(), doc.clone(), secret, name);
    o.invite_key = invite.map(str::to_string);
    o.backoff = wire::Backoff { first: Duration::from_millis(100), max: Duration::from_millis(800) };
    o
}

fn send(conn: &wire::Connection, state: &mut PeerState) {
    while let Some(message) = state.doc.sync().generate_sync_message(&mut state.sync) {
        if let Err(e) = conn.send_sync(state.link, message.encode()) {
            state.events.push(Event::Closed { error: e });
            return;
        }
    }
}

impl Peer {
    /// Connects a peer holding `doc` (an empty `AutoCommit` to join).
    pub async fn connect(name: &str, doc: AutoCommit, options: ConnectOptions) -> Result<Peer, WireError> {
        let mut conn = wire::connect(options).await?;
        let peer_id = conn.peer_id().to_string();
        let state = Arc::new(Mutex::new(PeerState { doc, sync: State::new(), link: 0, events: Vec::new(), arrivals: Vec::new() }));
        let (poke, mut pokes) = mpsc::unbounded_channel();
        let task_state = state.clone();
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    event = conn.next_event() => {
                        let Some(event) = event else { return };
                        let mut s = task_state.lock().unwrap();
                        match &event {
                            Event::Connected { link, .. } => {
                                // The server's state for us is new: so is ours (the core's peer_disconnected).
                                s.link = *link;
                                s.sync = State::new();
                                send(&conn, &mut s);
                            }
                            Event::Sync { link, data } if *link == s.link => {
                                let PeerState { doc, sync, arrivals, .. } = &mut *s;
                                if let Ok(message) = automerge::sync::Message::decode(data) {
                                    let before = doc.get_heads();
                                    let _ = doc.sync().receive_sync_message(sync, message);
                                    let now = std::time::Instant::now();
                                    arrivals.extend(doc.get_changes(&before).iter().map(|c| (c.hash(), now)));
                                }
                                send(&conn, &mut s);
                            }
                            _ => {}
                        }
                        s.events.push(event);
                    }
                    poke = pokes.recv() => match poke {
                        Some(Poke::Sync) => send(&conn, &mut task_state.lock().unwrap()),
                        Some(Poke::Presence(p)) => { let _ = conn.send_presence(p); }
                        Some(Poke::Close) | None => { conn.close(); return; }
                    },
                }
            }
        });
        Ok(Peer { name: name.to_string(), state, poke, peer_id })
    }

    /// Changes the document and sends what the server lacks.
    pub fn edit(&self, f: impl FnOnce(&mut AutoCommit)) {
        f(&mut self.state.lock().unwrap().doc);
        let _ = self.poke.send(Poke::Sync);
    }

    pub fn presence(&self, p: Presence) {
        let _ = self.poke.send(Poke::Presence(p));
    }

    pub fn close(&self) {
        let _ = self.poke.send(Poke::Close);
    }

    pub fn heads(&self) -> Vec<ChangeHash> {
        let mut h = self.state.lock().unwrap().doc.get_heads();
        h.sort();
        h
    }

    /// Whether the server has said (in its sync messages' heads) that it has these changes.
    pub fn acknowledged(&self, heads: &[ChangeHash]) -> bool {
        let mut s = self.state.lock().unwrap();
        let PeerState { doc, sync, .. } = &mut *s;
        let Some(theirs) = &sync.their_heads else { return false };
        heads.iter().all(|h| theirs.contains(h) || is_ancestor(doc, h, theirs))
    }

    pub fn with_doc<R>(&self, f: impl FnOnce(&AutoCommit) -> R) -> R {
        f(&self.state.lock().unwrap().doc)
    }

    pub fn with_doc_mut<R>(&self, f: impl FnOnce(&mut AutoCommit) -> R) -> R {
        f(&mut self.state.lock().unwrap().doc)
    }

    pub fn events(&self) -> Vec<Event> {
        self.state.lock().unwrap().events.clone()
    }
}

/// Whether `h` is in the history of `heads` (as far as `doc` knows).
fn is_ancestor(doc: &mut AutoCommit, h: &ChangeHash, heads: &[ChangeHash]) -> bool {
    let mut stack: Vec<ChangeHash> = heads.to_vec();
    let mut seen = std::collections::HashSet::new();
    while let Some(x) = stack.pop() {
        if x == *h {
            return true;
        }
        if !seen.insert(x) {
            continue;
        }
        if let Some(change) = doc.get_change_by_hash(&x) {
            stack.extend(change.deps().iter().copied());
        }
    }
    false
}

/// Waits (polling) until `cond` holds, or panics with `what` after `limit`.
pub async fn until(limit: Duration, what: &str, mut cond: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !cond() {
        assert!(start.elapsed() < limit, "timed out after {limit:?} waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// A project-shaped document: `cards` keyed by id, each a map with text
/// (automerge text), a rate and its place, spread over `stages` × `lanes`.
pub fn project_doc(cards: usize) -> AutoCommit {
    let mut doc = AutoCommit::new();
    doc.put(ROOT, "title", "Hành trình khách hàng").unwrap();
    let map = doc.put_object(ROOT, "cards", ObjType::Map).unwrap();
    for i in 0..cards {
        let card = doc.put_object(&map, format!("card-{i:05}"), ObjType::Map).unwrap();
        let text = doc.put_object(&card, "text", ObjType::Text).unwrap();
        doc.splice_text(&text, 0, 0, &format!("Thẻ {i}: khách hàng tìm hiểu sản phẩm")).unwrap();
        doc.put(&card, "stage", format!("stage-{}", i % 20)).unwrap();
        doc.put(&card, "lane", format!("lane-{}", i % 10)).unwrap();
        doc.put(&card, "position", (i / 200) as i64).unwrap();
        doc.put(&card, "rate", 0.5).unwrap();
    }
    doc.commit();
    doc
}

/// One edit of the kind users make: a rename (text splice) or a move.
pub fn edit_card(doc: &mut AutoCommit, card: usize, n: u64, who: &str) {
    let Some((_, cards)) = doc.get(ROOT, "cards").unwrap() else { return };
    let key = format!("card-{card:05}");
    let card_obj = match doc.get(&cards, &key).unwrap() {
        Some((_, obj)) => obj,
        None => doc.put_object(&cards, &key, ObjType::Map).unwrap(),
    };
    if n.is_multiple_of(2) {
        let text = match doc.get(&card_obj, "text").unwrap() {
            Some((_, t)) => t,
            None => doc.put_object(&card_obj, "text", ObjType::Text).unwrap(),
        };
        doc.splice_text(&text, 0, 0, &format!("{who}{n} ")).unwrap();
    } else {
        doc.put(&card_obj, "stage", format!("stage-{}", n % 20)).unwrap();
        doc.put(&card_obj, "position", n as i64).unwrap();
    }
    doc.commit();
}

/// A card's text (`None` if there is no such card).
pub fn card_text(doc: &AutoCommit, card: &str) -> Option<String> {
    let (_, cards) = doc.get(ROOT, "cards").ok()??;
    let (_, obj) = doc.get(&cards, card).ok()??;
    let (_, text) = doc.get(&obj, "text").ok()??;
    doc.text(&text).ok()
}

/// How many cards a document holds.
pub fn card_count(doc: &AutoCommit) -> usize {
    doc.get(ROOT, "cards").ok().flatten().map(|(_, cards)| doc.length(&cards)).unwrap_or(0)
}
