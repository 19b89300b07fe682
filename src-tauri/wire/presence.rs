//! Presence: who is in the project and what they are editing, sent as
//! automerge-repo ephemeral messages (relayed by the server, never stored).
//! The payload is a CBOR map, as the JS `handle.broadcast(...)` writes one.

use minicbor::data::Type;
use minicbor::{Decoder, Encoder};
use serde::{Deserialize, Serialize};

/// What a user shows the others. `editing` is the id of the card (or other
/// record) they are editing, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub name: String,
    /// A CSS colour (`#rrggbb`) the others draw this user's cursor and badge in.
    pub color: String,
    pub editing: Option<String>,
}

/// Longest name or colour kept from a peer's presence (a hostile peer cannot
/// make the others draw a megabyte of text).
const MAX_FIELD_CHARS: usize = 200;

impl Presence {
    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::new(Vec::new());
        let written: Result<(), minicbor::encode::Error<std::convert::Infallible>> = (|| {
            e.map(4)?.str("type")?.str("journey-presence")?;
            e.str("name")?.str(&self.name)?.str("color")?.str(&self.color)?.str("editing")?;
            match &self.editing {
                Some(id) => e.str(id)?,
                None => e.null()?,
            };
            Ok(())
        })();
        let _ = written; // writing into a Vec cannot fail
        e.into_writer()
    }

    /// A peer's payload, or `None` when it is not a presence (another app's
    /// ephemeral message on the same document, or garbage).
    pub fn decode(bytes: &[u8]) -> Option<Presence> {
        let mut d = Decoder::new(bytes);
        let len = d.map().ok()??;
        let (mut kind, mut name, mut color, mut editing) = (None, None, None, None);
        for _ in 0..len {
            match d.str().ok()? {
                "type" => kind = Some(d.str().ok()?),
                "name" => name = Some(clip(d.str().ok()?)),
                "color" => color = Some(clip(d.str().ok()?)),
                "editing" => match d.datatype().ok()? {
                    Type::Null | Type::Undefined => d.skip().ok()?,
                    _ => editing = Some(clip(d.str().ok()?)),
                },
                _ => d.skip().ok()?,
            }
        }
        (kind == Some("journey-presence")).then_some(())?;
        Some(Presence { name: name?, color: color?, editing })
    }
}

fn clip(s: &str) -> String {
    s.chars().take(MAX_FIELD_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presence_round_trips_and_foreign_payloads_are_not_presence() {
        let p = Presence { name: "Lan Nguyễn".into(), color: "#e4572e".into(), editing: Some("card-1".into()) };
        assert_eq!(Presence::decode(&p.encode()), Some(p.clone()));
        let idle = Presence { editing: None, ..p };
        assert_eq!(Presence::decode(&idle.encode()), Some(idle));
        assert_eq!(Presence::decode(b"\xa1\x64type\x63foo"), None);
        assert_eq!(Presence::decode(b"garbage"), None);
        let long = Presence { name: "x".repeat(10_000), color: "#000".into(), editing: None };
        assert_eq!(Presence::decode(&long.encode()).unwrap().name.len(), MAX_FIELD_CHARS);
    }
}
