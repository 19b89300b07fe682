//! The sync server (`journey-studio serve`, src-tauri/server/) and the app's
//! connection to it (src-tauri/wire/), on a loopback port: teammates'
//! documents converge through it, a late joiner gets everything, strangers
//! and wrong secrets are refused, limits close the connection with a reason,
//! presence is relayed. Each test is bounded in time.

#[path = "support/collab.rs"]
mod collab;

use std::net::SocketAddr;
use std::time::Duration;

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ReadDoc, ROOT};
use collab::{card_count, card_text, edit_card, options, project_doc, until, Peer};
use futures_util::{SinkExt, StreamExt};
use journey_studio::server::{Limits, Server};
use journey_studio::wire::{self, random_secret, DocId, Event, Presence, WireError};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use url::Url;

const LIMIT: Duration = Duration::from_secs(30);

async fn server(dir: &std::path::Path, limits: Limits) -> (Server, Url) {
    let server = Server::start(dir.to_path_buf(), SocketAddr::from(([127, 0, 0, 1], 0)), limits).await.expect("server starts");
    let url = Url::parse(&format!("ws://{}/", server.addr())).unwrap();
    (server, url)
}

/// A registered project: its id, secret, and the sharer connected with `doc`.
async fn share(url: &Url, invite: &str, doc: AutoCommit) -> (DocId, String, Peer) {
    let id = DocId::random().unwrap();
    let secret = random_secret().unwrap();
    let peer = Peer::connect("lan", doc, options(url, &id, &secret, "lan", Some(invite))).await.expect("the sharer registers the project");
    (id, secret, peer)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_teammates_converge_and_a_late_joiner_gets_everything() {
    tokio::time::timeout(LIMIT * 2, async {
        let dir = tempfile::tempdir().unwrap();
        let (server, url) = server(dir.path(), Limits::default()).await;
        let (id, secret, lan) = share(&url, server.invite_key(), project_doc(50)).await;
        let minh = Peer::connect("minh", AutoCommit::new(), options(&url, &id, &secret, "minh", None)).await.unwrap();
        until(LIMIT, "minh receives the shared project", || minh.with_doc(card_count) == 50).await;

        // Concurrent edits on both sides, some on the same card.
        for n in 0..20u64 {
            lan.edit(|d| edit_card(d, (n % 7) as usize, n, "lan"));
            minh.edit(|d| edit_card(d, (n % 5) as usize, n, "minh"));
        }
        minh.edit(|d| d.put(ROOT, "title", "Hành trình của Minh").unwrap());
        until(LIMIT, "both have the same heads", || lan.heads() == minh.heads() && !lan.heads().is_empty()).await;
        let text = lan.with_doc(|d| card_text(d, "card-00000")).unwrap();
        assert!(text.contains("lan") && text.contains("minh"), "both renames of card 0 kept: {text}");
        assert_eq!(minh.with_doc(|d| card_text(d, "card-00000")), Some(text));

        // A third teammate, later, with nobody else editing.
        let thu = Peer::connect("thu", AutoCommit::new(), options(&url, &id, &secret, "thu", None)).await.unwrap();
        until(LIMIT, "thu gets everything", || thu.heads() == lan.heads()).await;
        assert_eq!(thu.with_doc(|d| d.get(ROOT, "title").unwrap().unwrap().0.to_string()), "\"Hành trình của Minh\"");
        server.stop().await;
    })
    .await
    .expect("bounded in time");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_secret_and_an_unknown_project_are_refused() {
    tokio::time::timeout(LIMIT, async {
        let dir = tempfile::tempdir().unwrap();
        let (server, url) = server(dir.path(), Limits::default()).await;
        let (id, _secret, _lan) = share(&url, server.invite_key(), project_doc(3)).await;

        let wrong = wire::connect(options(&url, &id, "not-the-secret", "eve", None)).await;
        assert_eq!(wrong.err(), Some(WireError::WrongSecret));
        // The invite key does not override a project's secret.
        let wrong = wire::connect(options(&url, &id, "not-the-secret", "eve", Some(server.invite_key()))).await;
        assert_eq!(wrong.err(), Some(WireError::WrongSecret));

        let stranger = DocId::random().unwrap();
        let unknown = wire::connect(options(&url, &stranger, "any", "eve", None)).await;
        assert_eq!(unknown.err(), Some(WireError::UnknownProject));
        let guessed = wire::connect(options(&url, &stranger, "any", "eve", Some("a-guessed-key"))).await;
        assert_eq!(guessed.err(), Some(WireError::UnknownProject));
        let registered: Vec<_> = std::fs::read_dir(dir.path().join("projects")).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(registered, vec![std::ffi::OsString::from(id.to_string())], "strangers registered nothing");

        let closed = Url::parse("ws://127.0.0.1:1/").unwrap();
        assert!(matches!(wire::connect(options(&closed, &id, "s", "x", None)).await.err(), Some(WireError::Unreachable(_))));
        server.stop().await;
    })
    .await
    .expect("bounded in time");
}

/// A raw websocket with the project's credentials (a client that ignores the limits).
async fn raw_socket(
    url: &Url,
    id: &DocId,
    secret: &str,
) -> (tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>, String) {
    let mut request = url.as_str().into_client_request().unwrap();
    request.headers_mut().insert(wire::headers::DOCUMENT, id.as_str().parse().unwrap());
    request.headers_mut().insert(wire::headers::AUTHORIZATION, format!("Bearer {secret}").parse().unwrap());
    let (mut socket, response) = tokio_tungstenite::connect_async(request).await.expect("upgrade");
    let peer = response.headers()[wire::headers::PEER_ID].to_str().unwrap().to_string();
    let join = wire::protocol::WireMessage::Join { sender_id: peer.clone(), supported_protocol_versions: vec!["1".into()] };
    socket.send(Message::Binary(join.encode().into())).await.unwrap();
    (socket, peer)
}

/// The close frame the server ends with (code, reason).
async fn close_frame(
    socket: &mut tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
) -> Option<(u16, String)> {
    while let Some(message) = socket.next().await {
        match message {
            Ok(Message::Close(frame)) => return frame.map(|f| (u16::from(f.code), f.reason.to_string())),
            Ok(_) => continue,
            Err(_) => return None,
        }
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversize_message_and_a_flood_close_the_connection_with_a_reason() {
    tokio::time::timeout(LIMIT, async {
        let dir = tempfile::tempdir().unwrap();
        let limits = Limits { max_message: 64 << 10, messages_per_second: 20.0, bytes_per_second: 1e6 };
        let (server, url) = server(dir.path(), limits).await;
        let (id, secret, lan) = share(&url, server.invite_key(), project_doc(3)).await;

        // The app's connection refuses to send it at all.
        let conn = wire::connect(options(&url, &id, &secret, "minh", None)).await.unwrap();
        assert_eq!(conn.send_sync(1, vec![0; 70 << 10]), Err(WireError::MessageTooLarge { limit: 64 << 10 }));

        // A client that sends it anyway is closed with 1009 and a reason.
        let (mut socket, peer) = raw_socket(&url, &id, &secret).await;
        let big = wire::protocol::WireMessage::Sync {
            document_id: id.to_string(),
            sender_id: peer,
            target_id: "journey-studio-server".into(),
            data: vec![0; 70 << 10],
        };
        socket.send(Message::Binary(big.encode().into())).await.unwrap();
        let (code, reason) = close_frame(&mut socket).await.expect("a close frame");
        assert_eq!(code, 1009, "{reason}");
        assert!(reason.contains("limit"), "{reason}");

        // A flood (over 20 messages/s, bursts of 80) is closed with 1008.
        let (mut socket, peer) = raw_socket(&url, &id, &secret).await;
        let presence = Presence { name: "spam".into(), color: "#000".into(), editing: None }.encode();
        for count in 0..200u64 {
            let m = wire::protocol::WireMessage::Ephemeral {
                document_id: id.to_string(),
                sender_id: peer.clone(),
                target_id: "journey-studio-server".into(),
                count,
                session_id: "s".into(),
                data: presence.clone(),
            };
            if socket.send(Message::Binary(m.encode().into())).await.is_err() {
                break;
            }
        }
        let (code, reason) = close_frame(&mut socket).await.expect("a close frame");
        assert_eq!(code, 1008, "{reason}");
        assert!(reason.contains("rate limit"), "{reason}");

        // A message about another document is refused too.
        let (mut socket, peer) = raw_socket(&url, &id, &secret).await;
        let other = wire::protocol::WireMessage::Request {
            document_id: DocId::random().unwrap().to_string(),
            sender_id: peer,
            target_id: "journey-studio-server".into(),
            data: AutoCommit::new().sync().generate_sync_message(&mut automerge::sync::State::new()).unwrap().encode(),
        };
        socket.send(Message::Binary(other.encode().into())).await.unwrap();
        assert_eq!(close_frame(&mut socket).await.map(|f| f.0), Some(1008));

        // The well-behaved connection is unaffected.
        lan.edit(|d| edit_card(d, 1, 2, "lan"));
        let heads = lan.heads();
        until(LIMIT, "lan's edit acknowledged", || lan.acknowledged(&heads)).await;
        server.stop().await;
    })
    .await
    .expect("bounded in time");
}

use automerge::sync::SyncDoc;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presence_reaches_the_teammates_and_a_dropped_link_reconnects() {
    tokio::time::timeout(LIMIT, async {
        let dir = tempfile::tempdir().unwrap();
        let (server, url) = server(dir.path(), Limits::default()).await;
        let (id, secret, lan) = share(&url, server.invite_key(), project_doc(3)).await;
        let minh = Peer::connect("minh", AutoCommit::new(), options(&url, &id, &secret, "minh", None)).await.unwrap();
        until(LIMIT, "minh joined", || minh.with_doc(card_count) == 3).await;
        let here = Presence { name: "Lan Nguyễn".into(), color: "#e4572e".into(), editing: Some("card-00001".into()) };
        // Sent until seen: presence sent before the server's share policy answered is dropped (samod's rule).
        until(LIMIT, "minh sees lan's presence", || {
            lan.presence(here.clone());
            minh.events().iter().any(|e| matches!(e, Event::Presence { peer, presence } if *peer == lan.peer_id && *presence == here))
        })
        .await;

        // The server restarts on the same port (same folder): both reconnect and keep syncing.
        let addr = server.addr();
        server.stop().await;
        lan.edit(|d| edit_card(d, 2, 10, "offline"));
        until(LIMIT, "lan notices the drop", || lan.events().iter().any(|e| matches!(e, Event::Disconnected { .. }))).await;
        let again = Server::start(dir.path().to_path_buf(), addr, Limits::default()).await.unwrap();
        until(LIMIT, "the offline edit arrives after reconnecting", || minh.heads() == lan.heads()).await;
        assert!(minh.with_doc(|d| card_text(d, "card-00002")).unwrap().contains("offline"));
        again.stop().await;
    })
    .await
    .expect("bounded in time");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_the_server_could_not_store_is_never_acknowledged() {
    tokio::time::timeout(LIMIT, async {
        let dir = tempfile::tempdir().unwrap();
        let (server, url) = server(dir.path(), Limits::default()).await;
        let (id, _secret, lan) = share(&url, server.invite_key(), project_doc(3)).await;
        let first = lan.heads();
        until(LIMIT, "the shared project is acknowledged", || lan.acknowledged(&first)).await;

        // The document's folder becomes a file: every later write fails (even as root).
        let name = id.to_string();
        let folder = dir.path().join("documents").join(&name[..2]).join(&name[2..]);
        std::fs::remove_dir_all(&folder).unwrap();
        std::fs::write(&folder, b"not a folder").unwrap();

        lan.edit(|d| edit_card(d, 1, 4, "lost"));
        let unstored = lan.heads();
        until(LIMIT, "the server closes with its storage failure", || {
            lan.events().iter().any(
                |e| matches!(e, Event::Disconnected { error: WireError::ServerClosed(reason), .. } if reason.contains("could not store")),
            )
        })
        .await;
        // It keeps its in-memory copy, but never says it has the change: not now, not after the client reconnects.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert!(!lan.acknowledged(&unstored), "a change that is not on disk was acknowledged");
        server.stop().await;
    })
    .await
    .expect("bounded in time");
}
