//! What names a shared project on a server: its document id (automerge-repo's:
//! a UUID in base58check); secrets come from the core's `sync::link::random_secret`. The share link a teammate pastes
//! is the core's (`journey_studio::sync::ShareLink`), which the file keeps.

use std::fmt;
use std::str::FromStr;

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

/// Secrets are the core's (one generator for the link's secret, the invite key and session ids).
pub use crate::sync::link::random_secret;

/// The longest secret a server or a link accepts.
pub const MAX_SECRET_LEN: usize = 200;

/// Why a document id is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("the link's document id is not valid")]
    BadDocId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_ids_are_automerge_repos() {
        let doc = DocId::random().unwrap();
        assert_eq!(doc.as_str().parse::<DocId>(), Ok(doc));
        assert_eq!("notanid".parse::<DocId>(), Err(LinkError::BadDocId));
        assert!("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy".parse::<DocId>().is_err(), "a bitcoin address is not 16 bytes");
    }
}
