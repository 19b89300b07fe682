//! Where a shared project lives, as one link a teammate pastes to join:
//! `journey+ws[s]://HOST[:PORT][/PATH]/DOCUMENT#SECRET` — the sync server's address,
//! the project's document id on it, and the per-project secret that lets a
//! teammate in (after `#`, so it is never sent in a request line or logged by
//! a proxy). A shared file keeps its link, so reopening it reconnects.

use std::fmt;

use crate::error::SyncError;

/// The longest link accepted (a pasted page of text is not a link).
const MAX_LEN: usize = 2048;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareLink {
    /// The server's websocket address, `ws://` or `wss://`, no trailing `/`.
    pub server: String,
    /// The project's document id on the server.
    pub doc_id: String,
    pub secret: String,
}

impl ShareLink {
    /// A link for a new shared project on `server` (as a person types it:
    /// `192.168.1.20:7420`, `https://sync.example.com/journey`, …).
    pub fn new(server: &str, doc_id: &str) -> Result<ShareLink, SyncError> {
        let link = ShareLink { server: server_url(server)?, doc_id: doc_id.to_owned(), secret: random_secret()? };
        ShareLink::parse(&link.to_string())
    }

    /// Reads a link a teammate pasted (surrounding spaces ignored).
    pub fn parse(text: &str) -> Result<ShareLink, SyncError> {
        let text = text.trim();
        let bad = |why: &str| SyncError::BadLink(why.to_owned());
        if text.len() > MAX_LEN {
            return Err(bad("too long"));
        }
        let (rest, secret) = text.split_once('#').ok_or_else(|| bad("no secret after #"))?;
        // The app's own scheme (so a link is not taken for a web page); a bare ws:// one is read too.
        let rest = rest.strip_prefix("journey+").unwrap_or(rest);
        if !(rest.starts_with("ws://") || rest.starts_with("wss://")) {
            return Err(bad("not a journey+ws:// or journey+wss:// link"));
        }
        let server = server_url(rest)?;
        // The server's address is the scheme, the host and any path but the last part: the project id.
        let (scheme, after) = server.split_once("://").ok_or_else(|| bad("no server address"))?;
        let (host_path, doc_id) = after.rsplit_once('/').ok_or_else(|| bad("no project id after the server address"))?;
        let server = format!("{scheme}://{host_path}");
        if doc_id.is_empty() || doc_id.len() > 128 || !doc_id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(bad("the project id is not one"));
        }
        if secret.len() < 16 || secret.len() > 200 || !secret.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(bad("the secret is not one"));
        }
        Ok(ShareLink { server, doc_id: doc_id.to_owned(), secret: secret.to_owned() })
    }
}

impl fmt::Display for ShareLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "journey+{}/{}#{}", self.server, self.doc_id, self.secret)
    }
}

/// A server address as a person types it, as a websocket URL: no scheme means
/// `ws://`; `http(s)://` becomes `ws(s)://`; no trailing `/`.
pub fn server_url(typed: &str) -> Result<String, SyncError> {
    let typed = typed.trim();
    let (scheme, rest) = match typed.split_once("://") {
        Some(("ws" | "http", rest)) => ("ws", rest),
        Some(("wss" | "https", rest)) => ("wss", rest),
        Some((other, _)) => return Err(SyncError::BadLink(format!("{other}:// is not a sync server's address"))),
        None => ("ws", typed),
    };
    let rest = rest.trim_end_matches('/');
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') || rest.chars().any(|c| c.is_whitespace() || c == '#' || c == '?') {
        return Err(SyncError::BadLink("no server address".to_owned()));
    }
    Ok(format!("{scheme}://{rest}"))
}

/// The one maker of secrets — a project's, a server's invite key, a
/// connection's session id: 32 bytes from the system's generator in base58
/// (44 characters; no `#`, `/` or `?`, so it sits at the end of a link as is).
pub fn random_secret() -> Result<String, SyncError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| SyncError::NoRandomness(e.to_string()))?;
    Ok(bs58::encode(bytes).into_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_reads_back_what_it_was_made_of() {
        let link = ShareLink::new("192.168.1.20:7420", "4NMNnkMhL8jXrdJ9jamS2pUNqVE").expect("link");
        assert_eq!(link.server, "ws://192.168.1.20:7420");
        assert!((43..=44).contains(&link.secret.len()), "32 bytes in base58: {}", link.secret);
        assert!(link.to_string().starts_with("journey+ws://192.168.1.20:7420/4NMN"), "{link}");
        assert_eq!(ShareLink::parse(&format!("  {link}\n")), Ok(link.clone()));
        let bare = link.to_string().replacen("journey+", "", 1);
        assert_eq!(ShareLink::parse(&bare), Ok(link.clone()), "a link without the app's scheme prefix still reads");
        let other = ShareLink::new("192.168.1.20:7420", "4NMNnkMhL8jXrdJ9jamS2pUNqVE").expect("link");
        assert_ne!(link.secret, other.secret, "every share gets its own secret");
    }

    #[test]
    fn typed_server_addresses_become_websocket_urls() {
        assert_eq!(server_url("https://sync.example.com/journey/").as_deref(), Ok("wss://sync.example.com/journey"));
        assert_eq!(server_url("http://localhost:7420").as_deref(), Ok("ws://localhost:7420"));
        assert_eq!(server_url("wss://a.b").as_deref(), Ok("wss://a.b"));
        for bad in ["", "   ", "ftp://x", "ws://", "a b", "x?y=1"] {
            assert!(server_url(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn what_is_not_a_link_is_refused_with_its_reason() {
        let secret = "a".repeat(64);
        for (bad, why) in [
            ("ws://host:7420/doc".to_owned(), "no secret"),
            (format!("ws://host:7420/#{secret}"), "project id"),
            (format!("ws://host:7420#{secret}"), "project id"),
            (format!("doc#{secret}"), "journey+ws"),
            (format!("https://host/doc#{secret}"), "journey+ws"),
            (format!("journey+ws://:7420/doc#{secret}"), "address"),
            (format!("ws://host/d%20c#{secret}"), "project id"),
            ("ws://host/doc#short".to_owned(), "secret"),
            (format!("ws://host/doc#{}", "x".repeat(MAX_LEN)), "too long"),
            (format!("mailto://host/doc#{secret}"), "journey+ws"),
        ] {
            match ShareLink::parse(&bad) {
                Err(SyncError::BadLink(reason)) => assert!(reason.contains(why), "{bad}: {reason}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
