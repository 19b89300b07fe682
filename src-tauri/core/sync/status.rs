//! What the window is told about a shared project's connection and the
//! teammates in it: the connection's state, and each teammate's presence
//! (sent to the others as the protocol's ephemeral messages, never stored).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The state of the open shared project's link to its server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CollabStatus {
    /// Connecting (first time, or again after the link dropped).
    Connecting,
    /// Connected: edits go out as they are made, teammates' come in.
    Online,
    /// The server cannot be reached; edits stay in the file until it can
    /// (`code` says why, as an error code).
    Offline { code: String },
    /// The server refused the project (wrong secret, unknown project, …):
    /// trying again will not help until the link changes.
    Refused { code: String },
}

/// One person in a shared project, as their app announces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Presence {
    /// Their app's id for this connection (stable while it lasts).
    pub peer: String,
    /// The name they comment under (empty until they set one).
    pub name: String,
    /// The card they are editing or have selected, if any.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_id: Option<String>,
}

impl Presence {
    /// The longest name and id kept from a teammate's announcement (a hostile
    /// peer cannot fill the window).
    pub const MAX_TEXT: usize = 128;

    /// A teammate's announcement as received: `None` when it is not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Presence> {
        let mut p: Presence = serde_json::from_slice(bytes).ok()?;
        let cut = |s: &mut String| {
            if let Some((i, _)) = s.char_indices().nth(Self::MAX_TEXT) {
                s.truncate(i);
            }
        };
        cut(&mut p.peer);
        cut(&mut p.name);
        if let Some(c) = p.card_id.as_mut() {
            cut(c);
        }
        Some(p)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_announcement_reads_back_and_hostile_ones_are_cut_or_dropped() {
        let me = Presence { peer: "p1".into(), name: "Nguyễn Thị Ánh".into(), card_id: Some("c1".into()) };
        assert_eq!(Presence::from_bytes(&me.to_bytes()), Some(me));
        let long = format!(r#"{{"peer":"p","name":"{}"}}"#, "ữ".repeat(10_000));
        assert_eq!(Presence::from_bytes(long.as_bytes()).map(|p| p.name.chars().count()), Some(Presence::MAX_TEXT));
        for bad in [&b"\xff\xfe"[..], b"{}", b"[1,2]", br#"{"peer":"p","name":"n","x":1}"#] {
            assert_eq!(Presence::from_bytes(bad), None, "{bad:?}");
        }
    }
}
