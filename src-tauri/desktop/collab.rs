//! The open shared project's live link (desktop side). One task per open
//! shared project drives the core's sans-IO sync (`Session::sync_message` /
//! `receive_sync_message`) over the wire connection to the sync server, and
//! tells the window: a teammate's change (`document-change`, the same
//! `DocumentChange` an edit answers), the connection's state
//! (`collab-status`) and who is here (`collab-presence`). No document logic
//! lives here; the core decides what a message changes.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tauri::{AppHandle, Emitter, Manager};
use tokio::sync::mpsc;

use journey_studio::error::{Error, ErrorInfo};
use journey_studio::sync::{CollabStatus, Presence, ShareLink};
use journey_studio::wire::{self, ConnectOptions, Connection, DocId, Event, LinkId, WireError};

use crate::commands::AppState;

/// The name the core knows the server by (one server per shared project).
const SERVER: &str = "server";
/// At most this many messages go out in a row before waiting for an answer.
const FLUSH_MAX: usize = 8;
/// The first connection's retries (later drops are retried by the connection).
const RETRY_FIRST: Duration = Duration::from_secs(1);
const RETRY_MAX: Duration = Duration::from_secs(30);
/// Presence is said again this often; a teammate not heard from for
/// `PRESENCE_GONE` has left (the protocol does not say so).
const PRESENCE_EVERY: Duration = Duration::from_secs(15);
const PRESENCE_GONE: Duration = Duration::from_secs(45);
/// A project the server has no copy of yet (joined before the sharer's first
/// sync) is asked for again this often.
const ASK_AGAIN: Duration = Duration::from_secs(3);

pub const DOCUMENT_CHANGE_EVENT: &str = "document-change";
pub const STATUS_EVENT: &str = "collab-status";
pub const PRESENCE_EVENT: &str = "collab-presence";

/// What the window's commands tell the running link.
enum Signal {
    /// A local edit (or undo/redo) is on disk: send it.
    Edited,
    /// Who I am and which card I am on.
    Announce { name: String, card_id: Option<String> },
}

struct Running {
    link: ShareLink,
    signals: mpsc::UnboundedSender<Signal>,
}

/// The window's live link, when its open project is shared.
#[derive(Default)]
pub struct Collab(Mutex<Option<Running>>);

impl Collab {
    fn running(&self) -> std::sync::MutexGuard<'_, Option<Running>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Follows the open project: starts the link of a shared project that was
    /// just opened (joined, shared), stops the link of one that is no longer
    /// open. Call after every command that may change the open project.
    pub fn follow(&self, app: &AppHandle) {
        let link = app.state::<AppState>().lock().share_link().ok().flatten();
        let mut running = self.running();
        if running.as_ref().map(|r| &r.link) == link.as_ref() {
            return;
        }
        // Dropping the sender ends the old task (it closes its connection).
        *running = None;
        let Some(link) = link else { return };
        let (signals, rx) = mpsc::unbounded_channel();
        tauri::async_runtime::spawn(run(app.clone(), link.clone(), rx));
        *running = Some(Running { link, signals });
    }

    /// A local edit is on disk: the link sends it (nothing when not shared).
    pub fn edited(&self) {
        if let Some(r) = self.running().as_ref() {
            let _ = r.signals.send(Signal::Edited);
        }
    }

    pub fn announce(&self, name: String, card_id: Option<String>) {
        if let Some(r) = self.running().as_ref() {
            let _ = r.signals.send(Signal::Announce { name, card_id });
        }
    }
}

/// A new document id on the sync server, for a project about to be shared.
pub fn new_doc_id() -> Result<String, ErrorInfo> {
    DocId::random().map(|d| d.to_string()).map_err(|e| ErrorInfo { code: "sync_unreachable".into(), message: e.to_string() })
}

/// Connects once for `link` with the server's invite key, which registers the
/// project on the server; the error says why it could not (wrong key,
/// unreachable…). Nothing is written locally here.
pub async fn register(link: &ShareLink, invite: &str) -> Result<(), ErrorInfo> {
    let mut options = options(link).map_err(|e| wire_error(&e))?;
    options.invite_key = Some(invite.trim().to_owned());
    let conn = wire::connect(options).await.map_err(|e| wire_error(&e))?;
    conn.close();
    Ok(())
}

fn wire_error(e: &WireError) -> ErrorInfo {
    ErrorInfo { code: e.code().into(), message: e.to_string() }
}

fn options(link: &ShareLink) -> Result<ConnectOptions, WireError> {
    let server = url::Url::parse(&link.server).map_err(|e| WireError::Unreachable(e.to_string()))?;
    let doc_id: DocId = link.doc_id.parse().map_err(|_| WireError::UnknownProject)?;
    let name = std::env::var("USER").unwrap_or_else(|_| "journey-studio".into());
    Ok(ConnectOptions::new(server, doc_id, link.secret.clone(), name))
}

fn status(app: &AppHandle, status: CollabStatus) {
    let _ = app.emit(STATUS_EVENT, status);
}

/// The link's task: connects (retrying while the server cannot be reached),
/// then passes sync messages both ways until the project is closed.
async fn run(app: AppHandle, link: ShareLink, mut signals: mpsc::UnboundedReceiver<Signal>) {
    status(&app, CollabStatus::Connecting);
    let mut wait = RETRY_FIRST;
    let mut conn = loop {
        let result = match options(&link) {
            Ok(o) => wire::connect(o).await,
            Err(e) => Err(e),
        };
        match result {
            Ok(conn) => break conn,
            Err(e) if e.is_transient() => {
                status(&app, CollabStatus::Offline { code: e.code().into() });
                // Still wanted? (the project may have been closed meanwhile)
                tokio::select! {
                    () = tokio::time::sleep(wait) => {}
                    signal = signals.recv() => if signal.is_none() { return },
                }
                wait = (wait * 2).min(RETRY_MAX);
            }
            Err(e) => {
                status(&app, CollabStatus::Refused { code: e.code().into() });
                return;
            }
        }
    };
    let mut current: Option<LinkId> = None;
    let mut people: BTreeMap<String, (Presence, Instant)> = BTreeMap::new();
    let mut me: Option<(String, Option<String>)> = None;
    let mut ask_again: Option<Instant> = None;
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    let mut said = Instant::now();
    loop {
        tokio::select! {
            _ = tick.tick() => {
                let now = Instant::now();
                if let (Some(l), Some(at)) = (current, ask_again) {
                    if now >= at {
                        // Start the exchange over: the server may have the project now.
                        ask_again = None;
                        let _ = app.state::<AppState>().lock().peer_disconnected(&link, SERVER);
                        flush(&app, &link, &conn, l);
                    }
                }
                if now.duration_since(said) >= PRESENCE_EVERY {
                    said = now;
                    if current.is_some() {
                        say_presence(&conn, &me);
                    }
                }
                let before = people.len();
                people.retain(|_, (_, heard)| now.duration_since(*heard) < PRESENCE_GONE);
                if people.len() != before {
                    emit_people(&app, &people);
                }
            }
            event = conn.next_event() => match event {
                Some(Event::Connected { link: l, .. }) => {
                    current = Some(l);
                    // The server starts a fresh sync state for every connection.
                    let _ = app.state::<AppState>().lock().peer_disconnected(&link, SERVER);
                    status(&app, CollabStatus::Online);
                    say_presence(&conn, &me);
                    flush(&app, &link, &conn, l);
                }
                Some(Event::Sync { link: l, data }) if Some(l) == current => {
                    ask_again = None;
                    let received = app.state::<AppState>().lock().receive_sync_message(&link, SERVER, &data);
                    match received {
                        Ok(Some(change)) => {
                            let _ = app.emit(DOCUMENT_CHANGE_EVENT, change);
                        }
                        Ok(None) => {}
                        Err(Error::Sync(e)) => {
                            // A message the core cannot take changes nothing; say so and go on.
                            status(&app, CollabStatus::Offline { code: e.code().into() });
                        }
                        Err(_) => {}
                    }
                    flush(&app, &link, &conn, l);
                }
                Some(Event::Sync { .. }) => {} // made for an earlier connection
                Some(Event::Unavailable { .. }) => ask_again = Some(Instant::now() + ASK_AGAIN),
                Some(Event::Presence { peer, presence }) => {
                    people.insert(peer.clone(), (Presence { peer, name: presence.name, card_id: presence.editing }, Instant::now()));
                    emit_people(&app, &people);
                }
                Some(Event::Disconnected { error, .. }) => {
                    current = None;
                    people.clear();
                    let _ = app.emit(PRESENCE_EVENT, Vec::<Presence>::new());
                    status(&app, CollabStatus::Offline { code: error.code().into() });
                }
                Some(Event::Closed { error }) => {
                    status(&app, CollabStatus::Refused { code: error.code().into() });
                    return;
                }
                None => return,
            },
            signal = signals.recv() => match signal {
                Some(Signal::Edited) => {
                    if let Some(l) = current {
                        flush(&app, &link, &conn, l);
                    }
                }
                Some(Signal::Announce { name, card_id }) => {
                    me = Some((name, card_id));
                    say_presence(&conn, &me);
                }
                None => {
                    conn.close();
                    return;
                }
            },
        }
    }
}

/// Tells the teammates who I am and which card I am on (nothing before the window has said).
fn say_presence(conn: &Connection, me: &Option<(String, Option<String>)>) {
    if let Some((name, card_id)) = me.clone() {
        let _ = conn.send_presence(wire::Presence { name, color: String::new(), editing: card_id });
    }
}

fn emit_people(app: &AppHandle, people: &BTreeMap<String, (Presence, Instant)>) {
    let _ = app.emit(PRESENCE_EVENT, people.values().map(|(p, _)| p.clone()).collect::<Vec<_>>());
}

/// Sends what the core has for the server now.
fn flush(app: &AppHandle, link: &ShareLink, conn: &Connection, l: LinkId) {
    for _ in 0..FLUSH_MAX {
        let message = app.state::<AppState>().lock().sync_message(link, SERVER);
        match message {
            Ok(Some(m)) => {
                if let Err(e) = conn.send_sync(l, m) {
                    status(app, CollabStatus::Offline { code: e.code().into() });
                    return;
                }
            }
            Ok(None) | Err(_) => return,
        }
    }
}
