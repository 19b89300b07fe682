//! One websocket to a sync server for one document, kept open: `connect`
//! makes the first connection (its typed error comes back at once), then a
//! task keeps it, reconnecting with backoff when the link drops, until the
//! `Connection` is dropped or closed.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::{HeaderValue, StatusCode};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use url::Url;

use super::error::{codes, WireError};
use super::headers;
use super::link::DocId;
use super::presence::Presence;
use super::protocol::{WireMessage, PROTOCOL_VERSION};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How long the server has to answer the handshake (`join` → `peer`).
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// A ping this often keeps NATs open and finds a dead link.
const PING_EVERY: Duration = Duration::from_secs(15);
/// Nothing heard for this long (not even a pong): the link is dead.
const SILENCE_LIMIT: Duration = Duration::from_secs(45);
/// The largest message this side reads (a whole big project on joining).
const MAX_INCOMING: usize = 512 << 20;

/// Where and as whom to connect.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// The server's websocket address (`ws://host:port/` or `wss://host/path`).
    pub server: Url,
    pub doc_id: DocId,
    pub secret: String,
    /// The user's name, shown in the server's log (the peer id is derived from it).
    pub peer_name: String,
    /// The server's invite key: only to register a project the server does not know yet.
    pub invite_key: Option<String>,
    pub backoff: Backoff,
}

impl ConnectOptions {
    pub fn new(server: Url, doc_id: DocId, secret: impl Into<String>, peer_name: impl Into<String>) -> Self {
        ConnectOptions { server, doc_id, secret: secret.into(), peer_name: peer_name.into(), invite_key: None, backoff: Backoff::default() }
    }
}

/// Waits between reconnection attempts: `first`, doubling up to `max`, with
/// ±25 % jitter so a restarted server is not hit by every client at once.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub first: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { first: Duration::from_millis(500), max: Duration::from_secs(30) }
    }
}

/// Which connection (1, 2, … — one per successful (re)connection) a sync
/// message belongs to. A message made for an earlier link is dropped: the
/// server started a fresh sync state for the new one.
pub type LinkId = u64;

/// What the connection tells its owner.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Connected (again): the server's sync state for this client is new, so
    /// the owner forgets its own (`peer_disconnected(server)`) and sends
    /// `sync_message(server)` with `send_sync(link, …)`.
    Connected { link: LinkId, server_peer: String },
    /// A sync message from the server: give it to `receive_sync_message`,
    /// then send what `sync_message` answers.
    Sync { link: LinkId, data: Vec<u8> },
    /// The server has no copy of the document yet (a join before the share).
    Unavailable { link: LinkId },
    /// A teammate's presence (`peer` is their peer id, stable for their connection).
    Presence { peer: String, presence: Presence },
    /// The link dropped; the next attempt is in `retry_in`.
    Disconnected { error: WireError, retry_in: Duration },
    /// Given up (refused secret or project): no more events follow.
    Closed { error: WireError },
}

enum Command {
    Sync(LinkId, Vec<u8>),
    Presence(Presence),
    Close,
}

/// The owner's handle. Dropping it closes the connection.
pub struct Connection {
    commands: mpsc::UnboundedSender<Command>,
    events: mpsc::UnboundedReceiver<Event>,
    limit: Arc<AtomicUsize>,
    peer_id: String,
}

impl Connection {
    /// Queues a sync message (raw `automerge::sync::Message` bytes) made for
    /// `link`. Refused at once if it is over the server's size limit.
    pub fn send_sync(&self, link: LinkId, data: Vec<u8>) -> Result<(), WireError> {
        let limit = self.limit.load(Ordering::Relaxed);
        // The envelope adds the ids (well under 512 bytes).
        if data.len() + 512 > limit {
            return Err(WireError::MessageTooLarge { limit });
        }
        self.commands.send(Command::Sync(link, data)).map_err(|_| WireError::Closed)
    }

    /// Tells the others who this user is and what they are editing.
    pub fn send_presence(&self, presence: Presence) -> Result<(), WireError> {
        self.commands.send(Command::Presence(presence)).map_err(|_| WireError::Closed)
    }

    /// The next event; `None` once the connection is closed for good.
    pub async fn next_event(&mut self) -> Option<Event> {
        self.events.recv().await
    }

    /// An event if one is waiting (for a UI loop that polls).
    pub fn try_next_event(&mut self) -> Option<Event> {
        self.events.try_recv().ok()
    }

    /// This client's peer id on the server (what teammates' presence events name it).
    pub fn peer_id(&self) -> &str {
        &self.peer_id
    }

    /// Says goodbye to the server and ends the task.
    pub fn close(self) {
        let _ = self.commands.send(Command::Close);
    }
}

/// Connects to the server for one document. The first connection's error
/// comes back here; later drops are `Event::Disconnected` and retried.
/// Needs a tokio runtime (the task is spawned on the current one).
pub async fn connect(options: ConnectOptions) -> Result<Connection, WireError> {
    let session = super::link::random_secret().map_err(|e| WireError::Unreachable(format!("no randomness: {e}")))?;
    let (socket, hello) = open(&options).await?;
    let limit = Arc::new(AtomicUsize::new(hello.max_message));
    let (commands, command_rx) = mpsc::unbounded_channel();
    let (event_tx, events) = mpsc::unbounded_channel();
    let peer_id = hello.peer_id.clone();
    let task = Task {
        options,
        commands: command_rx,
        events: event_tx,
        limit: limit.clone(),
        link: Arc::new(AtomicU64::new(0)),
        session,
        count: 0,
        peer_id: hello.peer_id.clone(),
    };
    tokio::spawn(task.run(socket, hello));
    Ok(Connection { commands, events, limit, peer_id })
}

/// What the server's upgrade answer and `peer` message said.
struct Hello {
    peer_id: String,
    max_message: usize,
    server_peer: String,
}

/// One connection attempt: the websocket upgrade (credentials in headers),
/// then the automerge-repo handshake.
async fn open(options: &ConnectOptions) -> Result<(Socket, Hello), WireError> {
    let mut request = options.server.as_str().into_client_request().map_err(|e| WireError::Unreachable(e.to_string()))?;
    let header =
        |v: &str| HeaderValue::from_str(v).map_err(|_| WireError::Protocol("a credential holds characters a header cannot".into()));
    let h = request.headers_mut();
    h.insert(headers::DOCUMENT, header(options.doc_id.as_str())?);
    h.insert(headers::AUTHORIZATION, header(&format!("Bearer {}", options.secret))?);
    // A name is shown in logs only: anything a header cannot hold is dropped.
    let name: String = options.peer_name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').take(40).collect();
    h.insert(headers::PEER_NAME, header(if name.is_empty() { "peer" } else { &name })?);
    if let Some(key) = &options.invite_key {
        h.insert(headers::INVITE, header(key)?);
    }
    let config = WebSocketConfig::default().max_message_size(Some(MAX_INCOMING)).max_frame_size(Some(MAX_INCOMING));
    let (mut socket, response) = tokio_tungstenite::connect_async_with_config(request, Some(config), true).await.map_err(upgrade_error)?;
    let answer = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let peer_id = answer(headers::PEER_ID).ok_or_else(|| WireError::Protocol("the server did not assign a peer id".into()))?;
    let max_message = answer(headers::MAX_MESSAGE).and_then(|v| v.parse().ok()).unwrap_or(MAX_INCOMING);
    let join = WireMessage::Join { sender_id: peer_id.clone(), supported_protocol_versions: vec![PROTOCOL_VERSION.into()] };
    socket.send(Message::Binary(join.encode().into())).await.map_err(|e| WireError::Unreachable(e.to_string()))?;
    let server_peer = tokio::time::timeout(HANDSHAKE_TIMEOUT, async {
        loop {
            match socket.next().await {
                Some(Ok(Message::Binary(bytes))) => match WireMessage::decode(&bytes) {
                    Ok(WireMessage::Peer { sender_id, .. }) => return Ok(sender_id),
                    Ok(WireMessage::Error { message }) => return Err(WireError::Protocol(message)),
                    Ok(other) => return Err(WireError::Protocol(format!("expected a peer message, got {other:?}"))),
                    Err(e) => return Err(WireError::Protocol(e.to_string())),
                },
                Some(Ok(Message::Close(frame))) => {
                    return Err(close_error(frame.as_ref().map(|f| (u16::from(f.code), f.reason.as_str())), max_message))
                }
                Some(Ok(_)) => continue,
                Some(Err(e)) => return Err(WireError::Unreachable(e.to_string())),
                None => return Err(WireError::Unreachable("the server closed the connection during the handshake".into())),
            }
        }
    })
    .await
    .map_err(|_| WireError::Protocol("the server did not answer the handshake".into()))??;
    Ok((socket, Hello { peer_id, max_message, server_peer }))
}

fn upgrade_error(e: tungstenite::Error) -> WireError {
    match e {
        tungstenite::Error::Http(response) => match response.status() {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => WireError::WrongSecret,
            StatusCode::NOT_FOUND => WireError::UnknownProject,
            StatusCode::TOO_MANY_REQUESTS => WireError::RateLimited("too many connections".into()),
            status => WireError::Protocol(format!("the server answered {status}")),
        },
        tungstenite::Error::Io(e) => WireError::Unreachable(e.to_string()),
        tungstenite::Error::Tls(e) => WireError::Unreachable(format!("TLS: {e}")),
        tungstenite::Error::Url(e) => WireError::Unreachable(e.to_string()),
        other => WireError::Protocol(other.to_string()),
    }
}

fn close_error(frame: Option<(u16, &str)>, limit: usize) -> WireError {
    match frame {
        Some((codes::CLOSE_TOO_LARGE, _)) => WireError::MessageTooLarge { limit },
        Some((codes::CLOSE_POLICY, reason)) => WireError::RateLimited(reason.to_string()),
        Some((_, reason)) if !reason.is_empty() => WireError::ServerClosed(reason.to_string()),
        _ => WireError::ServerClosed("no reason given".into()),
    }
}

struct Task {
    options: ConnectOptions,
    commands: mpsc::UnboundedReceiver<Command>,
    events: mpsc::UnboundedSender<Event>,
    limit: Arc<AtomicUsize>,
    link: Arc<AtomicU64>,
    /// This connection's ephemeral session id and message counter (the
    /// server drops a (session, count) it has seen: counts only grow).
    session: String,
    count: u64,
    peer_id: String,
}

/// How a link ended.
enum End {
    /// The owner closed or dropped the connection.
    Owner,
    Dropped(WireError),
}

impl Task {
    async fn run(mut self, socket: Socket, hello: Hello) {
        let mut next = Some((socket, hello));
        let mut wait = self.options.backoff.first;
        loop {
            if let Some((socket, hello)) = next.take() {
                wait = self.options.backoff.first;
                self.peer_id = hello.peer_id.clone();
                self.limit.store(hello.max_message, Ordering::Relaxed);
                let link = self.link.fetch_add(1, Ordering::Relaxed) + 1;
                if self.events.send(Event::Connected { link, server_peer: hello.server_peer.clone() }).is_err() {
                    return;
                }
                match self.serve(socket, link, &hello.server_peer).await {
                    End::Owner => return,
                    End::Dropped(error) => {
                        if !self.wait_or_close(error, &mut wait).await {
                            return;
                        }
                    }
                }
            }
            match open(&self.options).await {
                Ok(opened) => next = Some(opened),
                Err(error) if error.is_transient() => {
                    if !self.wait_or_close(error, &mut wait).await {
                        return;
                    }
                }
                Err(error) => {
                    let _ = self.events.send(Event::Closed { error });
                    return;
                }
            }
        }
    }

    /// Reports the drop and sleeps the backoff; false if the owner closed meanwhile.
    async fn wait_or_close(&mut self, error: WireError, wait: &mut Duration) -> bool {
        let jitter = 0.75 + 0.5 * (rand_unit());
        let retry_in = wait.mul_f64(jitter);
        *wait = (*wait * 2).min(self.options.backoff.max);
        if self.events.send(Event::Disconnected { error, retry_in }).is_err() {
            return false;
        }
        let sleep = tokio::time::sleep(retry_in);
        tokio::pin!(sleep);
        loop {
            tokio::select! {
                _ = &mut sleep => return true,
                command = self.commands.recv() => match command {
                    None | Some(Command::Close) => return false,
                    // Made for the dropped link, or presence while offline: the next link starts afresh.
                    Some(Command::Sync(..) | Command::Presence(_)) => {}
                },
            }
        }
    }

    async fn serve(&mut self, mut socket: Socket, link: LinkId, server_peer: &str) -> End {
        let doc = self.options.doc_id.to_string();
        let mut ping = tokio::time::interval(PING_EVERY);
        ping.tick().await;
        let mut last_heard = tokio::time::Instant::now();
        loop {
            tokio::select! {
                command = self.commands.recv() => {
                    let message = match command {
                        None | Some(Command::Close) => {
                            let _ = socket.send(Message::Binary(WireMessage::Leave { sender_id: self.peer_id.clone() }.encode().into())).await;
                            let _ = socket.close(None).await;
                            return End::Owner;
                        }
                        Some(Command::Sync(for_link, _)) if for_link != link => continue,
                        Some(Command::Sync(_, data)) => {
                            let (document_id, sender_id, target_id) = (doc.clone(), self.peer_id.clone(), server_peer.to_string());
                            // An empty document asks for the server's copy (automerge-repo's rule).
                            if asks_for_document(&data) {
                                WireMessage::Request { document_id, sender_id, target_id, data }
                            } else {
                                WireMessage::Sync { document_id, sender_id, target_id, data }
                            }
                        }
                        Some(Command::Presence(presence)) => {
                            self.count += 1;
                            WireMessage::Ephemeral {
                                document_id: doc.clone(),
                                sender_id: self.peer_id.clone(),
                                target_id: server_peer.to_string(),
                                count: self.count,
                                session_id: self.session.clone(),
                                data: presence.encode(),
                            }
                        }
                    };
                    if let Err(e) = socket.send(Message::Binary(message.encode().into())).await {
                        return End::Dropped(self.socket_error(e, &mut socket).await);
                    }
                }
                incoming = socket.next() => {
                    last_heard = tokio::time::Instant::now();
                    let bytes = match incoming {
                        Some(Ok(Message::Binary(bytes))) => bytes,
                        Some(Ok(Message::Close(frame))) => {
                            let limit = self.limit.load(Ordering::Relaxed);
                            return End::Dropped(close_error(frame.as_ref().map(|f| (u16::from(f.code), f.reason.as_str())), limit));
                        }
                        Some(Ok(_)) => continue, // pings are answered by tungstenite; pongs only mean "alive"
                        Some(Err(e)) => return End::Dropped(self.socket_error(e, &mut socket).await),
                        None => return End::Dropped(WireError::Unreachable("the server closed the connection".into())),
                    };
                    let event = match WireMessage::decode(&bytes) {
                        Ok(WireMessage::Sync { document_id, data, .. } | WireMessage::Request { document_id, data, .. }) if document_id == doc => Event::Sync { link, data },
                        Ok(WireMessage::DocUnavailable { document_id, .. }) if document_id == doc => Event::Unavailable { link },
                        Ok(WireMessage::Ephemeral { document_id, sender_id, data, .. }) if document_id == doc && sender_id != self.peer_id => {
                            match Presence::decode(&data) {
                                Some(presence) => Event::Presence { peer: sender_id, presence },
                                None => continue,
                            }
                        }
                        Ok(WireMessage::Error { message }) => {
                            let _ = socket.close(None).await;
                            return End::Dropped(WireError::Protocol(message));
                        }
                        Ok(_) => continue, // other documents' or other kinds of messages: not ours
                        Err(e) => {
                            let _ = socket.close(Some(tungstenite::protocol::CloseFrame { code: CloseCode::Protocol, reason: "bad message".into() })).await;
                            return End::Dropped(WireError::Protocol(e.to_string()));
                        }
                    };
                    if self.events.send(event).is_err() {
                        let _ = socket.close(None).await;
                        return End::Owner;
                    }
                }
                _ = ping.tick() => {
                    if last_heard.elapsed() > SILENCE_LIMIT {
                        return End::Dropped(WireError::Unreachable("the server stopped answering".into()));
                    }
                    if let Err(e) = socket.send(Message::Ping(Vec::new().into())).await {
                        return End::Dropped(self.socket_error(e, &mut socket).await);
                    }
                }
            }
        }
    }

    /// A send or receive failed: if the server sent a close frame first
    /// (a limit), that is the reason, else the link broke.
    async fn socket_error(&self, e: tungstenite::Error, socket: &mut Socket) -> WireError {
        let limit = self.limit.load(Ordering::Relaxed);
        // The close frame may still be waiting to be read.
        if let Ok(Some(Ok(Message::Close(frame)))) = tokio::time::timeout(Duration::from_millis(500), socket.next()).await {
            return close_error(frame.as_ref().map(|f| (u16::from(f.code), f.reason.as_str())), limit);
        }
        match e {
            tungstenite::Error::Capacity(_) => WireError::MessageTooLarge { limit },
            other => WireError::Unreachable(other.to_string()),
        }
    }
}

/// Whether a sync message comes from an empty document (no heads): then it
/// asks the server for its copy (`request`), as automerge-repo clients do.
fn asks_for_document(data: &[u8]) -> bool {
    automerge::sync::Message::decode(data).is_ok_and(|m| m.heads.is_empty())
}

/// A number in [0, 1) for the backoff's jitter.
fn rand_unit() -> f64 {
    let mut b = [0u8; 4];
    match getrandom::fill(&mut b) {
        Ok(()) => f64::from(u32::from_le_bytes(b)) / (f64::from(u32::MAX) + 1.0),
        Err(_) => 0.5,
    }
}
