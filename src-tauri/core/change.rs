//! What one acknowledged change did to the document, as records: the answer to
//! an edit, an undo or a redo. The UI keeps the document's records by id and
//! merges these into what it shows; only opening a file sends the whole
//! [`DocumentView`](crate::model::DocumentView).
//!
//! A record is one row of the project file as the UI sees it: the object with
//! where it sits (its parent ids and its position among its siblings). Records
//! are built by `store/capture.rs` from the rows the transaction touched, never
//! by hand per edit type, so every edit (and undo, redo, restore) answers the
//! same way.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Card, Comment, Id, Lane, Persona, ResearchItem, SnapshotInfo, Stage};

/// One change of the document: the records it added, updated and removed,
/// from revision `from_revision` to `revision`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct DocumentChange {
    /// The revision this change applies to. A view at any other revision must
    /// not merge it: it reloads the whole document instead.
    #[ts(type = "number")]
    pub from_revision: i64,
    /// The revision after the change.
    #[ts(type = "number")]
    pub revision: i64,
    pub can_undo: bool,
    pub can_redo: bool,
    /// The project's new title, when it changed.
    pub title: Option<String>,
    pub maps: Records<MapRecord>,
    pub personas: Records<PersonaRecord>,
    pub stages: Records<StageRecord>,
    pub lanes: Records<LaneRecord>,
    pub cards: Records<CardRecord>,
    pub research: Records<ResearchRecord>,
    pub snapshots: Records<SnapshotRecord>,
    pub comments: Records<CommentRecord>,
}

impl DocumentChange {
    /// True when no record changed (only the revision and undo/redo flags moved).
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.maps.is_empty()
            && self.personas.is_empty()
            && self.stages.is_empty()
            && self.lanes.is_empty()
            && self.cards.is_empty()
            && self.research.is_empty()
            && self.snapshots.is_empty()
            && self.comments.is_empty()
    }
}

/// The records of one kind that a change added, updated (any field, parent or
/// position) and removed. An id is in at most one of the three lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Records<T> {
    pub added: Vec<T>,
    pub updated: Vec<T>,
    pub removed: Vec<Id>,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records { added: Vec::new(), updated: Vec::new(), removed: Vec::new() }
    }
}

impl<T> Records<T> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.updated.is_empty() && self.removed.is_empty()
    }
}

/// A map's own fields, without its stages, lanes, cards and research (those
/// are records of their own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MapRecord {
    pub id: Id,
    /// Place among the project's maps (0 = first).
    #[ts(type = "number")]
    pub position: i64,
    pub name: String,
    pub goal: String,
    pub scenario: String,
    pub persona_id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StageRecord {
    pub map_id: Id,
    /// Place among the map's stages (0 = leftmost).
    #[ts(type = "number")]
    pub position: i64,
    #[serde(flatten)]
    pub stage: Stage,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LaneRecord {
    pub map_id: Id,
    /// Place among the map's lanes (0 = top).
    #[ts(type = "number")]
    pub position: i64,
    #[serde(flatten)]
    pub lane: Lane,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CardRecord {
    pub map_id: Id,
    /// Place within its cell (`stage_id` × `lane_id`, 0 = top).
    #[ts(type = "number")]
    pub position: i64,
    #[serde(flatten)]
    pub card: Card,
}

/// A persona. Its photo travels only when it is new or changed
/// (`with_photo`); otherwise `photo` is empty and the photo the UI already
/// has stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PersonaRecord {
    /// Place among the project's personas.
    #[ts(type = "number")]
    pub position: i64,
    pub with_photo: bool,
    #[serde(flatten)]
    pub persona: Persona,
}

/// A research item with its card links, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ResearchRecord {
    pub map_id: Id,
    /// Place among the map's research items.
    #[ts(type = "number")]
    pub position: i64,
    #[serde(flatten)]
    pub item: ResearchItem,
}

/// What the UI lists of a snapshot (never the map it holds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SnapshotRecord {
    /// Place among its map's snapshots (0 = oldest).
    #[ts(type = "number")]
    pub position: i64,
    #[serde(flatten)]
    pub info: SnapshotInfo,
}

/// A review comment of a map (comments have no position: a map lists them
/// oldest first, by `created_at` then id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CommentRecord {
    pub map_id: Id,
    #[serde(flatten)]
    pub comment: Comment,
}
