//! `journey-studio serve`: the sync server of live collaboration. It embeds
//! samod (automerge-repo in Rust, wire-compatible with the JS sync server)
//! behind an axum websocket endpoint, and adds what a public server needs:
//! per-project secrets and an invite key (`projects.rs`), durable storage
//! (`storage.rs`) and acknowledgements held until the change is on disk
//! (`durability.rs`), limits per connection (`socket.rs`). docs/server.md.

pub mod durability;
pub mod projects;
pub mod socket;
pub mod storage;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::extract::{ConnectInfo, State, WebSocketUpgrade};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use samod::{DocumentId, PeerId, ShareConfig};

use self::durability::Durability;
use self::projects::{Admission, Projects, Refusal};
use self::storage::DurableStorage;
use crate::wire::headers;
use crate::wire::link::MAX_SECRET_LEN;

/// `journey-studio serve`'s options.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// The folder that holds the documents, the projects' secret hashes and the invite key.
    #[arg(long)]
    pub dir: PathBuf,
    /// The TCP port to listen on.
    #[arg(long, default_value_t = 7420)]
    pub port: u16,
    /// The address to listen on (0.0.0.0: every network of this computer; 127.0.0.1 behind a reverse proxy).
    #[arg(long, default_value = "0.0.0.0")]
    pub bind: IpAddr,
    /// The largest message a client may send, in bytes.
    #[arg(long, default_value_t = Limits::default().max_message)]
    pub max_message_bytes: usize,
    /// Messages per second a connection may send (bursts of four times that).
    #[arg(long, default_value_t = Limits::default().messages_per_second)]
    pub max_messages_per_second: f64,
    /// Bytes per second a connection may send (bursts of two messages' worth).
    #[arg(long, default_value_t = Limits::default().bytes_per_second)]
    pub max_bytes_per_second: f64,
}

/// What one connection may send.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_message: usize,
    pub messages_per_second: f64,
    pub bytes_per_second: f64,
}

impl Default for Limits {
    fn default() -> Self {
        // A 2,000-card project is ~40 KB, but its card pictures travel in it
        // (shrunk to ≤ 1,600 px: ~200 KB a photo), and the first sync sends the
        // whole project as one message: 64 MiB holds some 300 photos (the bench's
        // 100-photo project is 19 MB). Bursts of two messages' worth.
        Limits { max_message: 64 << 20, messages_per_second: 100.0, bytes_per_second: (4 << 20) as f64 }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("cannot use the folder {0}: {1}")]
    Dir(PathBuf, std::io::Error),
    #[error("cannot listen on {0}: {1}")]
    Listen(SocketAddr, std::io::Error),
    #[error("cannot start the server's runtime: {0}")]
    Runtime(std::io::Error),
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}

/// What the request handlers and connections share.
pub struct Shared {
    pub projects: Projects,
    pub durability: Arc<Durability>,
    pub acceptor: samod::AcceptorHandle,
    pub limits: Limits,
    /// The document each connected peer was admitted for (the share policy's answer).
    pub peers: Mutex<HashMap<PeerId, DocumentId>>,
}

/// A running server (in this process; the `serve` command runs one until killed).
pub struct Server {
    addr: SocketAddr,
    invite_key: String,
    repo: samod::Repo,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<Result<(), std::io::Error>>,
}

impl Server {
    /// Opens the folder, binds the address (port 0: any free port) and serves on the current tokio runtime.
    pub async fn start(dir: PathBuf, addr: SocketAddr, limits: Limits) -> Result<Server, ServerError> {
        std::fs::create_dir_all(&dir).map_err(|e| ServerError::Dir(dir.clone(), e))?;
        let projects = Projects::open(&dir).map_err(|e| ServerError::Dir(dir.clone(), e))?;
        let invite_key = projects.invite_key().to_string();
        let durability = Arc::new(Durability::default());
        let storage = DurableStorage::new(dir.join("documents"), durability.clone());
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| ServerError::Listen(addr, e))?;
        let addr = listener.local_addr().map_err(|e| ServerError::Listen(addr, e))?;
        // The share policy needs the peers map, which lives in `Shared`: it reads it through this cell.
        let shared_cell: Arc<std::sync::OnceLock<Arc<Shared>>> = Arc::default();
        let policy_cell = shared_cell.clone();
        let repo = samod::Repo::build_tokio()
            .with_storage(storage)
            .with_peer_id(PeerId::from("journey-studio-server"))
            .with_share_policy(move |doc: DocumentId, peer: PeerId| {
                // A peer shares only the document it was admitted for.
                let allowed = policy_cell
                    .get()
                    .is_some_and(|s| s.peers.lock().unwrap_or_else(|p| p.into_inner()).get(&peer).is_some_and(|d| *d == doc));
                futures_util::stream::iter([if allowed { ShareConfig::read_write() } else { ShareConfig::none() }])
            })
            .load()
            .await;
        let acceptor = repo
            .make_acceptor(samod::Url::parse(&format!("ws://{addr}/")).map_err(|e| ServerError::Listen(addr, std::io::Error::other(e)))?)
            .map_err(|_| ServerError::Listen(addr, std::io::Error::other("samod stopped")))?;
        let shared = Arc::new(Shared { projects, durability, acceptor, limits, peers: Mutex::default() });
        let _ = shared_cell.set(shared.clone());
        let app = axum::Router::new().route("/", axum::routing::any(upgrade)).fallback(axum::routing::any(upgrade)).with_state(shared);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                })
                .await
        });
        Ok(Server { addr, invite_key, repo, stop: Some(stop), task })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn invite_key(&self) -> &str {
        &self.invite_key
    }

    /// Stops accepting, closes the connections, lets samod finish its writes.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.repo.stop().await;
        self.task.abort();
        let _ = (&mut self.task).await;
    }

    /// Serves until the listener fails (the `serve` command: until killed).
    pub async fn wait(mut self) -> Result<(), ServerError> {
        match (&mut self.task).await {
            Ok(result) => result.map_err(ServerError::Serve),
            Err(e) => Err(ServerError::Serve(std::io::Error::other(e))),
        }
    }
}

fn refuse(status: StatusCode, addr: SocketAddr, doc: &str, why: &str) -> Response {
    println!("{addr} doc={doc} refused ({}): {why}", status.as_u16());
    (status, format!("{why}\n")).into_response()
}

/// The websocket upgrade: credentials are checked here, before any protocol message.
async fn upgrade(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let doc_text = header(headers::DOCUMENT).unwrap_or("");
    let Ok(doc) = doc_text.parse::<DocumentId>() else {
        return refuse(StatusCode::BAD_REQUEST, addr, "-", "missing or invalid document id");
    };
    // The canonical form names the project's file (never a path from the client).
    let doc_name = doc.to_string();
    let secret = header(headers::AUTHORIZATION).and_then(|v| v.strip_prefix("Bearer ")).map(str::trim).unwrap_or("");
    if secret.is_empty() || secret.len() > MAX_SECRET_LEN {
        return refuse(StatusCode::UNAUTHORIZED, addr, &doc_name, "missing secret");
    }
    let registered = match shared.projects.admit(&doc_name, secret, header(headers::INVITE)) {
        Ok(Admission::Known) => false,
        Ok(Admission::Registered) => true,
        Err(Refusal::WrongSecret) => return refuse(StatusCode::UNAUTHORIZED, addr, &doc_name, "wrong secret"),
        Err(Refusal::UnknownProject) => return refuse(StatusCode::NOT_FOUND, addr, &doc_name, "unknown project"),
        Err(Refusal::Storage) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, addr, &doc_name, "could not register the project"),
    };
    let name: String = header(headers::PEER_NAME)
        .unwrap_or("peer")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect();
    let suffix = crate::wire::link::random_secret().map(|s| s.chars().take(10).collect::<String>()).unwrap_or_default();
    let peer = PeerId::from(format!("{}-{suffix}", if name.is_empty() { "peer" } else { &name }).as_str());
    let limits = shared.limits;
    // tungstenite's own cap sits a little above ours, so that a message just
    // over the limit reaches socket.rs and gets a clear close reason.
    let cap = limits.max_message.saturating_add(64 << 10);
    let peer_header = HeaderValue::from_str(peer.as_str());
    let client = socket::Client { addr, doc, peer, registered };
    let mut response = ws.max_message_size(cap).max_frame_size(cap).on_upgrade(move |socket| socket::run(shared, socket, client));
    if let Ok(value) = peer_header {
        response.headers_mut().insert(headers::PEER_ID, value);
    }
    response.headers_mut().insert(headers::MAX_MESSAGE, HeaderValue::from(limits.max_message));
    response
}

/// The `serve` command: runs a server until the process is stopped.
pub fn serve_command(args: ServeArgs) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(ServerError::Runtime)?;
    runtime.block_on(async move {
        let limits = Limits {
            max_message: args.max_message_bytes,
            messages_per_second: args.max_messages_per_second,
            bytes_per_second: args.max_bytes_per_second,
        };
        let server = Server::start(args.dir.clone(), SocketAddr::new(args.bind, args.port), limits).await?;
        println!("journey-studio sync server: ws://{} (documents in {})", server.addr(), args.dir.display());
        println!("invite key (share a new project with it; kept in {}): {}", args.dir.join("invite-key").display(), server.invite_key());
        tokio::select! {
            result = server.wait() => result,
            _ = tokio::signal::ctrl_c() => {
                println!("stopping");
                Ok(())
            }
        }
    })
}
