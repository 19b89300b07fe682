//! The automerge-repo network protocol's envelope: one CBOR map per websocket
//! message (`type`, `senderId`, `targetId`, `documentId`, `data`…), as the JS
//! `automerge-repo` and samod write it. samod-core's own codec is private, so
//! this is the same format written again with minicbor; unknown message types
//! and unknown fields are kept apart or skipped, never an error, as the spec asks.

use minicbor::data::Type;
use minicbor::{Decoder, Encoder};

/// The protocol version both ends speak (automerge-repo's "1").
pub const PROTOCOL_VERSION: &str = "1";

/// One message of the protocol. `data` of `Sync`/`Request` is an encoded
/// `automerge::sync::Message`; of `Ephemeral`, the application's CBOR payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireMessage {
    Join {
        sender_id: String,
        supported_protocol_versions: Vec<String>,
    },
    Peer {
        sender_id: String,
        selected_protocol_version: String,
        target_id: String,
    },
    Leave {
        sender_id: String,
    },
    Request {
        document_id: String,
        sender_id: String,
        target_id: String,
        data: Vec<u8>,
    },
    Sync {
        document_id: String,
        sender_id: String,
        target_id: String,
        data: Vec<u8>,
    },
    DocUnavailable {
        document_id: String,
        sender_id: String,
        target_id: String,
    },
    Ephemeral {
        document_id: String,
        sender_id: String,
        target_id: String,
        count: u64,
        session_id: String,
        data: Vec<u8>,
    },
    Error {
        message: String,
    },
    /// A message type this side does not use (remote-heads gossip…): ignored.
    Other {
        kind: String,
    },
}

/// A message that is not the protocol's CBOR map.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an automerge-repo message: {0}")]
pub struct DecodeError(pub String);

impl From<minicbor::decode::Error> for DecodeError {
    fn from(e: minicbor::decode::Error) -> Self {
        DecodeError(e.to_string())
    }
}

#[derive(Default)]
struct Fields {
    kind: Option<String>,
    sender_id: Option<String>,
    target_id: Option<String>,
    document_id: Option<String>,
    data: Option<Vec<u8>>,
    count: Option<u64>,
    session_id: Option<String>,
    selected_protocol_version: Option<String>,
    supported_protocol_versions: Option<Vec<String>>,
    message: Option<String>,
}

fn string_or_bytes(d: &mut Decoder<'_>) -> Result<String, DecodeError> {
    match d.datatype()? {
        Type::String | Type::StringIndef => Ok(d.str()?.to_string()),
        // Older JS peers sent the document id as its raw bytes: keep the base58check form.
        Type::Bytes | Type::BytesIndef => Ok(bs58::encode(d.bytes()?).with_check().into_string()),
        other => Err(DecodeError(format!("documentId is a {other}"))),
    }
}

fn unsigned(d: &mut Decoder<'_>) -> Result<u64, DecodeError> {
    match d.datatype()? {
        Type::F16 | Type::F32 | Type::F64 => {
            let f = d.f64()?;
            if f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f <= u64::MAX as f64 {
                Ok(f as u64)
            } else {
                Err(DecodeError(format!("count {f} is not a whole number")))
            }
        }
        _ => Ok(d.u64()?),
    }
}

impl WireMessage {
    pub fn decode(bytes: &[u8]) -> Result<WireMessage, DecodeError> {
        let mut d = Decoder::new(bytes);
        let len = d.map()?.ok_or_else(|| DecodeError("indefinite map".into()))?;
        let mut f = Fields::default();
        for _ in 0..len {
            let key = d.str()?;
            match key {
                "type" => f.kind = Some(d.str()?.to_string()),
                "senderId" => f.sender_id = Some(d.str()?.to_string()),
                "targetId" => f.target_id = Some(d.str()?.to_string()),
                "documentId" => f.document_id = Some(string_or_bytes(&mut d)?),
                "data" => f.data = Some(d.bytes()?.to_vec()),
                "count" => f.count = Some(unsigned(&mut d)?),
                "sessionId" => f.session_id = Some(d.str()?.to_string()),
                "selectedProtocolVersion" => f.selected_protocol_version = Some(d.str()?.to_string()),
                "message" => f.message = Some(d.str()?.to_string()),
                "supportedProtocolVersions" => {
                    let n = d.array()?.ok_or_else(|| DecodeError("indefinite array".into()))?;
                    let mut versions = Vec::new();
                    for _ in 0..n {
                        versions.push(d.str()?.to_string());
                    }
                    f.supported_protocol_versions = Some(versions);
                }
                _ => d.skip()?,
            }
        }
        let need = |v: Option<String>, name: &str| v.ok_or_else(|| DecodeError(format!("no {name}")));
        let kind = need(f.kind, "type")?;
        Ok(match kind.as_str() {
            "join" => WireMessage::Join {
                sender_id: need(f.sender_id, "senderId")?,
                supported_protocol_versions: f.supported_protocol_versions.unwrap_or_default(),
            },
            "peer" => WireMessage::Peer {
                sender_id: need(f.sender_id, "senderId")?,
                selected_protocol_version: need(f.selected_protocol_version, "selectedProtocolVersion")?,
                target_id: need(f.target_id, "targetId")?,
            },
            "leave" => WireMessage::Leave { sender_id: need(f.sender_id, "senderId")? },
            "request" | "sync" => {
                let (document_id, sender_id, target_id) =
                    (need(f.document_id, "documentId")?, need(f.sender_id, "senderId")?, need(f.target_id, "targetId")?);
                let data = f.data.ok_or_else(|| DecodeError("no data".into()))?;
                if kind == "sync" {
                    WireMessage::Sync { document_id, sender_id, target_id, data }
                } else {
                    WireMessage::Request { document_id, sender_id, target_id, data }
                }
            }
            "doc-unavailable" => WireMessage::DocUnavailable {
                document_id: need(f.document_id, "documentId")?,
                sender_id: need(f.sender_id, "senderId")?,
                target_id: need(f.target_id, "targetId")?,
            },
            "ephemeral" => WireMessage::Ephemeral {
                document_id: need(f.document_id, "documentId")?,
                sender_id: need(f.sender_id, "senderId")?,
                target_id: need(f.target_id, "targetId")?,
                count: f.count.ok_or_else(|| DecodeError("no count".into()))?,
                session_id: need(f.session_id, "sessionId")?,
                data: f.data.ok_or_else(|| DecodeError("no data".into()))?,
            },
            "error" => WireMessage::Error { message: f.message.unwrap_or_default() },
            _ => WireMessage::Other { kind },
        })
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::new(Vec::new());
        // Writing into a Vec cannot fail.
        let _ = self.encode_into(&mut e);
        e.into_writer()
    }

    fn encode_into(&self, e: &mut Encoder<Vec<u8>>) -> Result<(), minicbor::encode::Error<std::convert::Infallible>> {
        match self {
            WireMessage::Join { sender_id, supported_protocol_versions } => {
                e.map(3)?.str("type")?.str("join")?.str("senderId")?.str(sender_id)?;
                e.str("supportedProtocolVersions")?.array(supported_protocol_versions.len() as u64)?;
                for v in supported_protocol_versions {
                    e.str(v)?;
                }
            }
            WireMessage::Peer { sender_id, selected_protocol_version, target_id } => {
                e.map(4)?.str("type")?.str("peer")?.str("senderId")?.str(sender_id)?;
                e.str("selectedProtocolVersion")?.str(selected_protocol_version)?.str("targetId")?.str(target_id)?;
            }
            WireMessage::Leave { sender_id } => {
                e.map(2)?.str("type")?.str("leave")?.str("senderId")?.str(sender_id)?;
            }
            WireMessage::Request { document_id, sender_id, target_id, data }
            | WireMessage::Sync { document_id, sender_id, target_id, data } => {
                let kind = if matches!(self, WireMessage::Sync { .. }) { "sync" } else { "request" };
                e.map(5)?.str("type")?.str(kind)?.str("documentId")?.str(document_id)?;
                e.str("senderId")?.str(sender_id)?.str("targetId")?.str(target_id)?.str("data")?.bytes(data)?;
            }
            WireMessage::DocUnavailable { document_id, sender_id, target_id } => {
                e.map(4)?.str("type")?.str("doc-unavailable")?.str("documentId")?.str(document_id)?;
                e.str("senderId")?.str(sender_id)?.str("targetId")?.str(target_id)?;
            }
            WireMessage::Ephemeral { document_id, sender_id, target_id, count, session_id, data } => {
                e.map(7)?.str("type")?.str("ephemeral")?.str("documentId")?.str(document_id)?;
                e.str("senderId")?.str(sender_id)?.str("targetId")?.str(target_id)?;
                e.str("count")?.u64(*count)?.str("sessionId")?.str(session_id)?.str("data")?.bytes(data)?;
            }
            WireMessage::Error { message } => {
                e.map(2)?.str("type")?.str("error")?.str("message")?.str(message)?;
            }
            WireMessage::Other { kind } => {
                e.map(1)?.str("type")?.str(kind)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_round_trips_and_unknown_fields_are_skipped() {
        let messages = [
            WireMessage::Join { sender_id: "lan-1".into(), supported_protocol_versions: vec!["1".into()] },
            WireMessage::Peer { sender_id: "server".into(), selected_protocol_version: "1".into(), target_id: "lan-1".into() },
            WireMessage::Leave { sender_id: "lan-1".into() },
            WireMessage::Request { document_id: "doc".into(), sender_id: "a".into(), target_id: "b".into(), data: vec![1, 2] },
            WireMessage::Sync { document_id: "doc".into(), sender_id: "a".into(), target_id: "b".into(), data: vec![] },
            WireMessage::DocUnavailable { document_id: "doc".into(), sender_id: "a".into(), target_id: "b".into() },
            WireMessage::Ephemeral {
                document_id: "doc".into(),
                sender_id: "a".into(),
                target_id: "b".into(),
                count: 7,
                session_id: "s".into(),
                data: vec![9],
            },
            WireMessage::Error { message: "bad".into() },
        ];
        for m in messages {
            assert_eq!(WireMessage::decode(&m.encode()).unwrap(), m);
        }
        // A JS peer's join carries peerMetadata (a nested map) we do not use.
        let mut e = Encoder::new(Vec::new());
        e.map(4).unwrap().str("type").unwrap().str("join").unwrap().str("senderId").unwrap().str("js").unwrap();
        e.str("peerMetadata").unwrap().map(1).unwrap().str("isEphemeral").unwrap().bool(true).unwrap();
        e.str("supportedProtocolVersions").unwrap().array(1).unwrap().str("1").unwrap();
        assert_eq!(
            WireMessage::decode(&e.into_writer()).unwrap(),
            WireMessage::Join { sender_id: "js".into(), supported_protocol_versions: vec!["1".into()] }
        );
    }

    #[test]
    fn garbage_and_missing_fields_are_decode_errors() {
        assert!(WireMessage::decode(b"not cbor").is_err());
        assert!(WireMessage::decode(&[0xa0]).is_err(), "an empty map has no type");
        let sync_without_data = {
            let mut e = Encoder::new(Vec::new());
            e.map(2).unwrap().str("type").unwrap().str("sync").unwrap().str("documentId").unwrap().str("d").unwrap();
            e.into_writer()
        };
        assert!(WireMessage::decode(&sync_without_data).is_err());
        assert_eq!(
            WireMessage::decode(&WireMessage::Other { kind: "remote-heads-changed".into() }.encode()).unwrap(),
            WireMessage::Other { kind: "remote-heads-changed".into() }
        );
    }
}
