//! One client's websocket, after its credentials were checked: the bridge
//! between the socket and samod, with the server's limits (message size, a
//! token bucket per connection, one document per connection), the durability
//! gate on acknowledgements, and one log line when it ends.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::{SinkExt, StreamExt};
use samod::{PeerId, Transport};
use tokio::sync::mpsc;

use super::Shared;
use crate::wire::error::codes;
use crate::wire::protocol::WireMessage;

/// A token bucket: `capacity` tokens, refilled at `per_second`.
pub struct Bucket {
    capacity: f64,
    per_second: f64,
    tokens: f64,
    last: Instant,
}

impl Bucket {
    pub fn new(per_second: f64, capacity: f64) -> Bucket {
        Bucket { capacity, per_second, tokens: capacity, last: Instant::now() }
    }

    /// Takes `n` tokens if there are enough.
    pub fn take(&mut self, n: f64) -> bool {
        let now = Instant::now();
        self.tokens = (self.tokens + now.duration_since(self.last).as_secs_f64() * self.per_second).min(self.capacity);
        self.last = now;
        if self.tokens >= n {
            self.tokens -= n;
            true
        } else {
            false
        }
    }
}

#[derive(Default)]
struct Tally {
    messages: u64,
    bytes: u64,
}

/// Why the connection ended, for the log line (and the close frame, if ours).
enum End {
    ClientLeft,
    Limit(u16, String),
    Broken(String),
    ServerStopping,
}

pub struct Client {
    pub addr: SocketAddr,
    pub doc: samod::DocumentId,
    pub peer: PeerId,
    pub registered: bool,
}

pub async fn run(shared: Arc<Shared>, socket: WebSocket, client: Client) {
    let started = Instant::now();
    let doc = client.doc.to_string();
    shared.peers.lock().unwrap_or_else(|p| p.into_inner()).insert(client.peer.clone(), client.doc.clone());

    // samod's side of the bridge: bytes in, bytes out.
    let (to_samod, from_client) = mpsc::channel::<Result<Vec<u8>, std::io::Error>>(64);
    let (to_client, from_samod) = mpsc::channel::<Vec<u8>>(64);
    let inbound = futures_util::stream::unfold(from_client, |mut rx| async move { rx.recv().await.map(|m| (m, rx)) });
    let outbound = futures_util::sink::unfold(to_client, |tx, message: Vec<u8>| async move {
        tx.send(message).await.map_err(|_| std::io::Error::other("the client's socket is gone"))?;
        Ok::<_, std::io::Error>(tx)
    });
    let transport = Transport::new(Box::pin(inbound), Box::pin(outbound)).with_expected_peer_id(client.peer.clone());
    if shared.acceptor.accept(transport).is_err() {
        let _ = close(socket, codes::CLOSE_GOING_AWAY, "the server is stopping").await;
        return;
    }

    let (sink, stream) = socket.split();
    let (stop_writer, stop_rx) = tokio::sync::oneshot::channel::<(u16, String)>();
    let writer = tokio::spawn(write_loop(shared.clone(), doc.clone(), sink, from_samod, stop_rx));
    let (end, tally_in) = read_loop(&shared, &doc, stream, to_samod).await;
    if let End::Limit(code, reason) = &end {
        let _ = stop_writer.send((*code, reason.clone()));
    } else {
        drop(stop_writer);
    }
    let (writer_end, tally_out) = writer.await.unwrap_or((None, Tally::default()));
    shared.peers.lock().unwrap_or_else(|p| p.into_inner()).remove(&client.peer);

    let reason = match (end, writer_end) {
        (End::Limit(code, reason), _) => format!("closed by the server ({code}: {reason})"),
        (_, Some(End::Limit(code, reason))) => format!("closed by the server ({code}: {reason})"),
        (End::Broken(e), _) => format!("link broken: {e}"),
        (_, Some(End::ServerStopping)) | (End::ServerStopping, _) => "server stopping".to_string(),
        (End::ClientLeft, _) => "client left".to_string(),
    };
    println!(
        "{} peer={} doc={}{} {:.1}s in={} msgs/{} B out={} msgs/{} B: {reason}",
        client.addr,
        client.peer,
        doc,
        if client.registered { " (registered)" } else { "" },
        started.elapsed().as_secs_f64(),
        tally_in.messages,
        tally_in.bytes,
        tally_out.messages,
        tally_out.bytes,
    );
}

async fn close(mut socket: WebSocket, code: u16, reason: &str) -> Result<(), axum::Error> {
    socket.send(Message::Close(Some(CloseFrame { code, reason: reason.into() }))).await
}

/// Whether a message is about the connection's document (messages without a
/// document — join, leave — are the handshake's).
fn about_doc(message: &WireMessage, doc: &str) -> bool {
    match message {
        WireMessage::Sync { document_id, .. }
        | WireMessage::Request { document_id, .. }
        | WireMessage::DocUnavailable { document_id, .. }
        | WireMessage::Ephemeral { document_id, .. } => document_id == doc,
        _ => true,
    }
}

async fn read_loop(
    shared: &Shared,
    doc: &str,
    mut stream: futures_util::stream::SplitStream<WebSocket>,
    to_samod: mpsc::Sender<Result<Vec<u8>, std::io::Error>>,
) -> (End, Tally) {
    let limits = &shared.limits;
    let mut messages = Bucket::new(limits.messages_per_second, limits.messages_per_second * 4.0);
    let mut bytes = Bucket::new(limits.bytes_per_second, (limits.max_message as f64 * 2.0).max(limits.bytes_per_second));
    let mut tally = Tally::default();
    let end = loop {
        let data = match stream.next().await {
            Some(Ok(Message::Binary(data))) => data,
            Some(Ok(Message::Close(_))) | None => break End::ClientLeft,
            Some(Ok(Message::Text(_))) => break End::Limit(codes::CLOSE_POLICY, "text messages are not part of the protocol".into()),
            Some(Ok(_)) => continue, // ping/pong: axum answers pings
            Some(Err(e)) => {
                // tungstenite refuses a message over its cap (slightly above ours) before we see it.
                let text = e.to_string();
                if text.contains("Space limit exceeded") || text.contains("too long") || text.contains("too big") {
                    break End::Limit(codes::CLOSE_TOO_LARGE, format!("message over the limit of {} bytes", limits.max_message));
                }
                break End::Broken(text);
            }
        };
        if data.len() > limits.max_message {
            break End::Limit(
                codes::CLOSE_TOO_LARGE,
                format!("message of {} bytes is over the limit of {} bytes", data.len(), limits.max_message),
            );
        }
        if !messages.take(1.0) || !bytes.take(data.len() as f64) {
            break End::Limit(
                codes::CLOSE_POLICY,
                format!("rate limit: over {} messages or {} bytes per second", limits.messages_per_second, limits.bytes_per_second),
            );
        }
        match WireMessage::decode(&data) {
            Ok(message) if !about_doc(&message, doc) => {
                break End::Limit(codes::CLOSE_POLICY, "this connection is for another document".into());
            }
            Ok(_) => {}
            Err(e) => break End::Limit(codes::CLOSE_POLICY, format!("not an automerge-repo message: {e}")),
        }
        tally.messages += 1;
        tally.bytes += data.len() as u64;
        if to_samod.send(Ok(data.to_vec())).await.is_err() {
            break End::ServerStopping;
        }
    };
    (end, tally)
}

async fn write_loop(
    shared: Arc<Shared>,
    doc: String,
    mut sink: futures_util::stream::SplitSink<WebSocket, Message>,
    mut from_samod: mpsc::Receiver<Vec<u8>>,
    mut stop: tokio::sync::oneshot::Receiver<(u16, String)>,
) -> (Option<End>, Tally) {
    let mut tally = Tally::default();
    let end = loop {
        let data = tokio::select! {
            biased;
            limit = &mut stop => match limit {
                Ok((code, reason)) => break Some(End::Limit(code, reason)),
                Err(_) => break None, // the client left
            },
            data = from_samod.recv() => match data {
                Some(data) => data,
                None => break Some(End::ServerStopping),
            },
        };
        // An acknowledgement (the server's heads) leaves only once those changes are on disk.
        if let Ok(WireMessage::Sync { data: sync, .. } | WireMessage::Request { data: sync, .. }) = WireMessage::decode(&data) {
            if let Ok(message) = automerge::sync::Message::decode(&sync) {
                let stored = tokio::select! {
                    stored = shared.durability.wait(&doc, &message.heads) => stored,
                    _ = tokio::time::sleep(Duration::from_secs(60)) => Err(super::durability::StorageFailed),
                };
                if stored.is_err() {
                    break Some(End::Limit(codes::CLOSE_SERVER_ERROR, "the server could not store the document".into()));
                }
            }
        }
        tally.messages += 1;
        tally.bytes += data.len() as u64;
        if sink.send(Message::Binary(data.into())).await.is_err() {
            break None;
        }
    };
    let frame = match &end {
        Some(End::Limit(code, reason)) => Some(CloseFrame { code: *code, reason: reason.as_str().into() }),
        Some(End::ServerStopping) => Some(CloseFrame { code: codes::CLOSE_GOING_AWAY, reason: "the server is stopping".into() }),
        _ => None,
    };
    if let Some(frame) = frame {
        let _ = sink.send(Message::Close(Some(frame))).await;
    }
    let _ = sink.close().await;
    (end, tally)
}
