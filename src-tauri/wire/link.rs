//! What names a shared project: its document id (automerge-repo's: a UUID in
//! base58check), its secret, and the share link a teammate pastes:
//! `journey+wss://HOST[:PORT][/PATH]/DOC_ID#SECRET` (or `journey+ws://` for a
//! server on the local network without TLS). The secret is in the fragment,
//! which a browser never sends to a server.

use std::fmt;
use std::str::FromStr;

use url::Url;

/// An automerge-repo document id (16 random bytes, base58check).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocId(String);

impl DocId {
    pub fn random() -> Result<DocId, getrandom::Error> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)?;
        // A version 4 UUID, as automerge-repo makes them.
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        Ok(DocId(bs58::encode(bytes).with_check().into_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for DocId {
    type Err = LinkError;
    fn from_str(s: &str) -> Result<DocId, LinkError> {
        match bs58::decode(s).with_check(None).into_vec() {
            Ok(bytes) if bytes.len() == 16 => Ok(DocId(s.to_string())),
            _ => Err(LinkError::BadDocId),
        }
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A random secret: 32 bytes in base58 (44 characters, no `#`, `/` or `?`).
pub fn random_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bs58::encode(bytes).into_string())
}

/// The longest secret a server or a link accepts.
pub const MAX_SECRET_LEN: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("not a Journey Studio share link (journey+wss://server/document#secret)")]
    NotALink,
    #[error("the link's document id is not valid")]
    BadDocId,
    #[error("the link has no secret after '#'")]
    NoSecret,
}

/// A shared project's server, document and secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareLink {
    /// The server's websocket address (`ws://` or `wss://`).
    pub server: Url,
    pub doc_id: DocId,
    pub secret: String,
}

impl ShareLink {
    /// Parses `journey+wss://host/DOC_ID#SECRET` (spaces around it are ignored).
    pub fn parse(link: &str) -> Result<ShareLink, LinkError> {
        let link = link.trim();
        let rest = link
            .strip_prefix("journey+wss://")
            .map(|r| ("wss://", r))
            .or_else(|| link.strip_prefix("journey+ws://").map(|r| ("ws://", r)))
            .ok_or(LinkError::NotALink)?;
        let url = Url::parse(&format!("{}{}", rest.0, rest.1)).map_err(|_| LinkError::NotALink)?;
        let secret = url.fragment().filter(|s| !s.is_empty() && s.len() <= MAX_SECRET_LEN).ok_or(LinkError::NoSecret)?.to_string();
        let mut segments: Vec<&str> = url.path_segments().map(|s| s.collect()).unwrap_or_default();
        let doc_id: DocId = segments.pop().filter(|s| !s.is_empty()).ok_or(LinkError::BadDocId)?.parse()?;
        let mut server = url.clone();
        server.set_fragment(None);
        server.set_query(None);
        server.set_path(&format!("/{}", segments.join("/")));
        Ok(ShareLink { server, doc_id, secret })
    }
}

impl fmt::Display for ShareLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let server = self.server.as_str().trim_end_matches('/');
        write!(f, "journey+{server}/{}#{}", self.doc_id, self.secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_round_trips_and_keeps_the_servers_path() {
        let doc = DocId::random().unwrap();
        let secret = random_secret().unwrap();
        for server in ["ws://192.168.1.5:7420/", "wss://sync.example.com/journey"] {
            let link = ShareLink { server: Url::parse(server).unwrap(), doc_id: doc.clone(), secret: secret.clone() };
            let text = link.to_string();
            assert!(text.starts_with("journey+ws"), "{text}");
            let back = ShareLink::parse(&format!("  {text}\n")).unwrap();
            assert_eq!(back.doc_id, doc);
            assert_eq!(back.secret, secret);
            assert_eq!(back.server.as_str().trim_end_matches('/'), server.trim_end_matches('/'));
        }
    }

    #[test]
    fn bad_links_say_what_is_wrong() {
        let doc = DocId::random().unwrap();
        assert_eq!(ShareLink::parse("https://example.com/x#y"), Err(LinkError::NotALink));
        assert_eq!(ShareLink::parse(&format!("journey+ws://h:1/{doc}")), Err(LinkError::NoSecret));
        assert_eq!(ShareLink::parse("journey+ws://h:1/notanid#s"), Err(LinkError::BadDocId));
        assert!("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy".parse::<DocId>().is_err(), "a bitcoin address is not 16 bytes");
    }
}
