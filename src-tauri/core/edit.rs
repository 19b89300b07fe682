//! The edit vocabulary: every change to a project is one [`Edit`]. The store
//! applies an edit in one SQLite transaction and records it with its inverse,
//! which gives undo/redo and the undo log kept in the file. Tests and fuzzers speak the same language.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::EditError;
use crate::model::{
    Card, Comment, CommentOn, Id, Lane, LaneKind, Map, Persona, ResearchItem, ResearchKind, Snapshot, Stage, EMOTION_MAX, EMOTION_MIN,
};

/// One change to a project. Serialised as `{"type": "add_card", ...}`.
///
/// Positions (`index`) are 0-based places in the target list; an index past
/// the end means "at the end". `Option` fields of `update_*` edits mean
/// "leave as it is" when absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    SetProjectTitle {
        title: String,
    },
    /// Adds a whole map (with its stages, lanes and cards) to the project.
    AddMap {
        map: Map,
        index: u32,
    },
    UpdateMap {
        map_id: Id,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        goal: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scenario: Option<String>,
    },
    SetMapPersona {
        map_id: Id,
        persona_id: Option<Id>,
    },
    DeleteMap {
        map_id: Id,
    },
    AddStage {
        map_id: Id,
        stage: Stage,
        index: u32,
    },
    UpdateStage {
        stage_id: Id,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        color: Option<String>,
    },
    MoveStage {
        stage_id: Id,
        index: u32,
    },
    /// Deletes a stage and every card in it.
    DeleteStage {
        stage_id: Id,
    },
    AddLane {
        map_id: Id,
        lane: Lane,
        index: u32,
    },
    UpdateLane {
        lane_id: Id,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<LaneKind>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        color: Option<String>,
    },
    MoveLane {
        lane_id: Id,
        index: u32,
    },
    /// Deletes a lane and every card in it.
    DeleteLane {
        lane_id: Id,
    },
    /// Adds a card in the cell named by `card.stage_id` × `card.lane_id`.
    AddCard {
        card: Card,
        index: u32,
    },
    UpdateCard {
        card_id: Id,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        color: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel: Option<String>,
    },
    /// Sets a card's measured values (emotion score, conversion rate,
    /// volume): a value sets one, `null` clears it, and a field left out stays
    /// as it is (so two quick edits of different values never undo each other).
    SetCardMetrics {
        card_id: Id,
        #[ts(optional, type = "number | null")]
        #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
        emotion: Patch<i8>,
        #[ts(optional, type = "number | null")]
        #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
        conversion: Patch<f64>,
        #[ts(optional, type = "number | null")]
        #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
        volume: Patch<i64>,
    },
    /// Moves a card to `index` in the cell `stage_id` × `lane_id` (same map).
    MoveCard {
        card_id: Id,
        stage_id: Id,
        lane_id: Id,
        index: u32,
    },
    DeleteCard {
        card_id: Id,
    },
    AddPersona {
        persona: Persona,
        index: u32,
    },
    UpdatePersona {
        persona_id: Id,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        goals: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        needs: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        frustrations: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quote: Option<String>,
        /// A `data:image/png;base64,…` or `data:image/jpeg;base64,…` URL, or empty to remove the photo.
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        photo: Option<String>,
    },
    /// Says whose feeling an emotion card scores: one of the project's
    /// personas, or `null` for the map's persona (the shared curve). A map's
    /// curves are for at most [`limits::PERSONAS_PER_MAP`] personas, its own included.
    SetCardPersona {
        card_id: Id,
        persona_id: Option<Id>,
    },
    /// Gives a card a picture, or takes it away (`null`): the id of an image
    /// already stored in the project file (the `put_image` command stores one
    /// and answers its id). The inverse puts the old image back.
    SetCardImage {
        card_id: Id,
        image_id: Option<Id>,
    },
    /// Deletes a persona; maps linked to it are unlinked, and cards scored for
    /// it go back to their map's persona.
    DeletePersona {
        persona_id: Id,
    },
    /// Adds a research item (goal, question, resource) to a map; its card links
    /// must name cards of that map.
    AddResearchItem {
        map_id: Id,
        item: ResearchItem,
        index: u32,
    },
    UpdateResearchItem {
        item_id: Id,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<ResearchKind>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        insight: Option<String>,
    },
    /// Replaces the cards a research item points at (cards of its map).
    SetResearchLinks {
        item_id: Id,
        card_ids: Vec<Id>,
    },
    MoveResearchItem {
        item_id: Id,
        index: u32,
    },
    DeleteResearchItem {
        item_id: Id,
    },
    /// Takes a named snapshot of a map as it is now (review history).
    TakeSnapshot {
        map_id: Id,
        snapshot_id: Id,
        name: String,
        note: String,
        /// When, in milliseconds since 1970 (UTC), as the user's clock says.
        #[ts(type = "number")]
        taken_at: i64,
    },
    /// Puts back a whole snapshot (the inverse of deleting one; also import).
    AddSnapshot {
        snapshot: Snapshot,
        index: u32,
    },
    UpdateSnapshot {
        snapshot_id: Id,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    DeleteSnapshot {
        snapshot_id: Id,
    },
    /// Makes a map what a snapshot of it was (stages, lanes, cards, research,
    /// name, goal, scenario). Undoing it gives the map back as it was.
    RestoreSnapshot {
        snapshot_id: Id,
    },
    /// Replaces the whole content of an existing map (same id, same place in
    /// the project) with `map`: the inverse of a restore.
    ReplaceMap {
        map: Map,
    },
    /// Writes a new review comment on a card or stage, or a reply to a
    /// thread's first comment; the core gives it the time (UTC, its clock).
    PostComment {
        comment_id: Id,
        on: CommentOn,
        target_id: Id,
        parent_id: Option<Id>,
        author: String,
        body: String,
    },
    /// Puts back a whole comment as it was (the undo of a delete; also import).
    AddComment {
        comment: Comment,
    },
    UpdateComment {
        comment_id: Id,
        body: String,
    },
    /// Deletes a comment; deleting a thread's first comment deletes its replies.
    DeleteComment {
        comment_id: Id,
    },
    /// Resolves a thread (named by its first comment), by `by`, at `at`
    /// (milliseconds since 1970, UTC) or, left out, now by the core's clock.
    ResolveComment {
        comment_id: Id,
        by: String,
        #[ts(optional, type = "number")]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<i64>,
    },
    /// Opens a resolved thread again.
    ReopenComment {
        comment_id: Id,
    },
    /// Several edits applied together, all or nothing, undone as one step
    /// (a drop of a multi-selection, a paste, a delete with its cards).
    Batch {
        edits: Vec<Edit>,
    },
}

/// Limits that keep a hostile or absurd request from bloating a file or the UI.
pub mod limits {
    pub const ID: usize = 64;
    pub const NAME: usize = 500;
    pub const TEXT: usize = 20_000;
    pub const CHANNEL: usize = 64;
    pub const MAPS: usize = 200;
    pub const STAGES: usize = 200;
    pub const LANES: usize = 100;
    pub const CARDS_PER_MAP: usize = 20_000;
    pub const PERSONAS: usize = 500;
    /// Personas with an emotion curve on one map (the map's own included).
    pub const PERSONAS_PER_MAP: usize = 5;
    pub const RESEARCH_ITEMS: usize = 1_000;
    pub const LINKS: usize = 1_000;
    pub const SNAPSHOTS: usize = 500;
    /// Review comments on one map (threads and replies together).
    pub const COMMENTS_PER_MAP: usize = 10_000;
    /// A comment's author name.
    pub const AUTHOR: usize = 100;
    /// A persona photo as a `data:` URL: about 1.5 MB of image.
    pub const PHOTO: usize = 2_000_000;
    pub const BATCH: usize = 25_000;
    pub const BATCH_DEPTH: usize = 8;
    /// The largest audience a touchpoint may claim (more than everyone alive, ten times over).
    pub const VOLUME: i64 = 100_000_000_000;
}

pub fn check_id(id: &str) -> Result<(), EditError> {
    let ok = !id.is_empty() && id.len() <= limits::ID && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(EditError::InvalidId(id.chars().take(80).collect()))
    }
}

pub fn check_len(field: &'static str, value: &str, max: usize) -> Result<(), EditError> {
    let len = value.chars().count();
    if len > max {
        Err(EditError::TooLong { field, len, max })
    } else {
        Ok(())
    }
}

pub fn check_color(value: &str) -> Result<(), EditError> {
    let b = value.as_bytes();
    let ok = value.is_empty() || (b.len() == 7 && b[0] == b'#' && b[1..].iter().all(u8::is_ascii_hexdigit));
    if ok {
        Ok(())
    } else {
        Err(EditError::InvalidColor(value.chars().take(20).collect()))
    }
}

pub fn check_stage(s: &Stage) -> Result<(), EditError> {
    check_id(&s.id)?;
    check_len("stage name", &s.name, limits::NAME)?;
    check_color(&s.color)
}

pub fn check_lane(l: &Lane) -> Result<(), EditError> {
    check_id(&l.id)?;
    check_len("lane name", &l.name, limits::NAME)?;
    check_color(&l.color)
}

pub fn check_card(c: &Card) -> Result<(), EditError> {
    check_id(&c.id)?;
    check_len("card text", &c.text, limits::TEXT)?;
    check_len("card note", &c.note, limits::TEXT)?;
    check_color(&c.color)?;
    check_len("channel", &c.channel, limits::CHANNEL)?;
    if let Some(p) = &c.persona_id {
        check_id(p)?;
    }
    if let Some(i) = &c.image_id {
        check_id(i)?;
    }
    check_metrics(c.emotion, c.conversion, c.volume)
}

/// Checks an emotion score, a conversion rate (a finite percentage) and a volume.
/// A field of an edit that can set a value (`Some(Some(v))`), clear it
/// (`Some(None)`, `null` in JSON) or leave it as it is (`None`, left out).
pub type Patch<T> = Option<Option<T>>;

/// Reads a [`Patch`] field that is present: `null` is "clear", not "absent".
fn present<'de, T: Deserialize<'de>, D: serde::Deserializer<'de>>(d: D) -> Result<Patch<T>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

pub fn check_metrics(emotion: Option<i8>, conversion: Option<f64>, volume: Option<i64>) -> Result<(), EditError> {
    if let Some(e) = emotion {
        if !(EMOTION_MIN..=EMOTION_MAX).contains(&e) {
            return Err(EditError::OutOfRange { field: "emotion", min: f64::from(EMOTION_MIN), max: f64::from(EMOTION_MAX) });
        }
    }
    if let Some(c) = conversion {
        if !c.is_finite() || !(0.0..=100.0).contains(&c) {
            return Err(EditError::OutOfRange { field: "conversion rate", min: 0.0, max: 100.0 });
        }
    }
    if let Some(v) = volume {
        if !(0..=limits::VOLUME).contains(&v) {
            return Err(EditError::OutOfRange { field: "volume", min: 0.0, max: limits::VOLUME as f64 });
        }
    }
    Ok(())
}

pub fn check_persona(p: &Persona) -> Result<(), EditError> {
    check_id(&p.id)?;
    check_len("persona name", &p.name, limits::NAME)?;
    check_len("persona role", &p.role, limits::NAME)?;
    check_len("persona quote", &p.quote, limits::TEXT)?;
    for (field, value) in [
        ("persona description", &p.description),
        ("persona goals", &p.goals),
        ("persona needs", &p.needs),
        ("persona frustrations", &p.frustrations),
    ] {
        check_len(field, value, limits::TEXT)?;
    }
    check_photo(&p.photo)
}

/// The image types a persona photo may have (what every webview and the PDF writer read).
pub const PHOTO_TYPES: [&str; 2] = ["image/png", "image/jpeg"];

/// A photo is empty or a base64 `data:` URL of a PNG or JPEG whose bytes say so.
pub fn check_photo(url: &str) -> Result<(), EditError> {
    if url.is_empty() {
        return Ok(());
    }
    if url.len() > limits::PHOTO {
        return Err(EditError::TooLong { field: "persona photo", len: url.len(), max: limits::PHOTO });
    }
    photo_bytes(url).map(|_| ())
}

/// The image bytes and media type of a photo `data:` URL.
pub fn photo_bytes(url: &str) -> Result<(&'static str, Vec<u8>), EditError> {
    use base64::Engine;
    let bad = || EditError::InvalidPhoto;
    let rest = url.strip_prefix("data:").ok_or_else(bad)?;
    let (mime, data) = rest.split_once(";base64,").ok_or_else(bad)?;
    let mime = PHOTO_TYPES.into_iter().find(|t| *t == mime).ok_or_else(bad)?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(data).map_err(|_| bad())?;
    let magic_ok = match mime {
        "image/png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        _ => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
    };
    if !magic_ok {
        return Err(bad());
    }
    Ok((mime, bytes))
}

pub fn check_research_item(item: &ResearchItem) -> Result<(), EditError> {
    check_id(&item.id)?;
    check_len("research title", &item.title, limits::TEXT)?;
    check_len("research detail", &item.detail, limits::TEXT)?;
    check_len("research insight", &item.insight, limits::TEXT)?;
    check_links(&item.card_ids)
}

/// Card links: valid ids, no repeats, not too many.
pub fn check_links(card_ids: &[Id]) -> Result<(), EditError> {
    if card_ids.len() > limits::LINKS {
        return Err(EditError::TooMany { what: "linked cards", max: limits::LINKS });
    }
    let mut seen = std::collections::HashSet::new();
    for id in card_ids {
        check_id(id)?;
        if !seen.insert(id.as_str()) {
            return Err(EditError::DuplicateId(id.clone()));
        }
    }
    Ok(())
}

pub fn check_snapshot(s: &Snapshot) -> Result<(), EditError> {
    check_id(&s.id)?;
    check_len("snapshot name", &s.name, limits::NAME)?;
    check_len("snapshot note", &s.note, limits::TEXT)?;
    check_taken_at(s.taken_at)?;
    check_map(&s.map)
}

pub fn check_taken_at(ms: i64) -> Result<(), EditError> {
    check_time("snapshot time", ms)
}

/// A time in milliseconds since 1970 (UTC), from 1970 to the year 9999.
pub fn check_time(field: &'static str, ms: i64) -> Result<(), EditError> {
    if !(0..=253_402_300_799_999).contains(&ms) {
        return Err(EditError::OutOfRange { field, min: 0.0, max: 253_402_300_799_999.0 });
    }
    Ok(())
}

/// A comment's own fields (not its target or thread, which need the map).
pub fn check_comment(c: &Comment) -> Result<(), EditError> {
    check_id(&c.id)?;
    check_id(&c.target_id)?;
    if let Some(p) = &c.parent_id {
        check_id(p)?;
        if c.resolved_at.is_some() || !c.resolved_by.is_empty() {
            return Err(EditError::CommentThread("only a thread's first comment is resolved"));
        }
    }
    check_len("comment author", &c.author, limits::AUTHOR)?;
    check_len("comment", &c.body, limits::TEXT)?;
    check_len("comment resolved by", &c.resolved_by, limits::AUTHOR)?;
    check_time("comment time", c.created_at)?;
    if let Some(at) = c.resolved_at {
        check_time("comment resolved time", at)?;
    } else if !c.resolved_by.is_empty() {
        return Err(EditError::CommentThread("an open thread has no resolver"));
    }
    Ok(())
}

/// The comments of a whole map: each checked, on a card or stage of the map,
/// replying (if at all) to a first comment of the map on the same target.
pub fn check_map_comments(m: &Map) -> Result<(), EditError> {
    if m.comments.len() > limits::COMMENTS_PER_MAP {
        return Err(EditError::TooMany { what: "comments", max: limits::COMMENTS_PER_MAP });
    }
    let mut seen = std::collections::HashSet::new();
    for c in &m.comments {
        check_comment(c)?;
        if !seen.insert(c.id.as_str()) {
            return Err(EditError::DuplicateId(c.id.clone()));
        }
        let target_ok = match c.on {
            CommentOn::Card => m.card(&c.target_id).is_some(),
            CommentOn::Stage => m.stage(&c.target_id).is_some(),
        };
        if !target_ok {
            return Err(EditError::UnknownCommentTarget(c.target_id.clone()));
        }
        if let Some(p) = &c.parent_id {
            let parent = m.comments.iter().find(|r| r.id == *p).ok_or_else(|| EditError::UnknownComment(p.clone()))?;
            check_reply(parent, c.on, &c.target_id)?;
        }
    }
    Ok(())
}

/// A reply answers a thread's first comment, on the same card or stage.
pub fn check_reply(parent: &Comment, on: CommentOn, target_id: &str) -> Result<(), EditError> {
    if parent.parent_id.is_some() {
        return Err(EditError::CommentThread("a reply answers a thread's first comment"));
    }
    if parent.on != on || parent.target_id != target_id {
        return Err(EditError::CommentThread("a reply is on its thread's card or stage"));
    }
    Ok(())
}

/// Checks a whole map's own fields and sizes (not uniqueness against the file).
pub fn check_map(m: &Map) -> Result<(), EditError> {
    check_id(&m.id)?;
    check_len("map name", &m.name, limits::NAME)?;
    check_len("map goal", &m.goal, limits::TEXT)?;
    check_len("map scenario", &m.scenario, limits::TEXT)?;
    if let Some(p) = &m.persona_id {
        check_id(p)?;
    }
    // The UI draws a map as a grid of stages × lanes: one without either has no
    // cell to show or edit, so it is refused here as deleting the last one is.
    if m.stages.is_empty() {
        return Err(EditError::EmptyMap("stage"));
    }
    if m.lanes.is_empty() {
        return Err(EditError::EmptyMap("lane"));
    }
    if m.stages.len() > limits::STAGES {
        return Err(EditError::TooMany { what: "stages", max: limits::STAGES });
    }
    if m.lanes.len() > limits::LANES {
        return Err(EditError::TooMany { what: "lanes", max: limits::LANES });
    }
    if m.cards.len() > limits::CARDS_PER_MAP {
        return Err(EditError::TooMany { what: "cards", max: limits::CARDS_PER_MAP });
    }
    if m.research.len() > limits::RESEARCH_ITEMS {
        return Err(EditError::TooMany { what: "research items", max: limits::RESEARCH_ITEMS });
    }
    m.stages.iter().try_for_each(check_stage)?;
    m.lanes.iter().try_for_each(check_lane)?;
    for c in &m.cards {
        check_card(c)?;
        if m.stage(&c.stage_id).is_none() || m.lane(&c.lane_id).is_none() {
            return Err(EditError::CellOutsideMap { stage: c.stage_id.clone(), lane: c.lane_id.clone() });
        }
    }
    for item in &m.research {
        check_research_item(item)?;
        if let Some(missing) = item.card_ids.iter().find(|id| m.card(id).is_none()) {
            return Err(EditError::UnknownCard(missing.clone()));
        }
    }
    check_map_comments(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked() {
        assert!(check_id("a-b_C9").is_ok());
        assert!(check_id("").is_err());
        assert!(check_id("has space").is_err());
        assert!(check_id("<script>").is_err());
        assert!(check_id(&"x".repeat(65)).is_err());
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        // 500 Vietnamese characters are over 500 bytes but within the limit.
        let name = "ữ".repeat(limits::NAME);
        assert!(check_len("n", &name, limits::NAME).is_ok());
        assert!(matches!(check_len("n", &format!("{name}a"), limits::NAME), Err(EditError::TooLong { len: 501, .. })));
    }

    #[test]
    fn metrics_are_range_checked() {
        assert!(check_metrics(None, None, None).is_ok());
        assert!(check_metrics(Some(-2), Some(0.0), Some(0)).is_ok());
        assert!(check_metrics(Some(2), Some(100.0), Some(limits::VOLUME)).is_ok());
        assert!(check_metrics(Some(3), None, None).is_err());
        assert!(check_metrics(Some(-3), None, None).is_err());
        assert!(check_metrics(None, Some(100.01), None).is_err());
        assert!(check_metrics(None, Some(-0.5), None).is_err());
        assert!(check_metrics(None, Some(f64::NAN), None).is_err());
        assert!(check_metrics(None, Some(f64::INFINITY), None).is_err());
        assert!(check_metrics(None, None, Some(-1)).is_err());
        assert!(check_metrics(None, None, Some(limits::VOLUME + 1)).is_err());
    }

    #[test]
    fn a_card_without_metrics_in_older_json_reads_as_unscored() {
        // Edits stored in the undo log of files from before the metrics existed.
        let json = r#"{"id":"c","stage_id":"s","lane_id":"l","text":"t","note":"","color":"","channel":""}"#;
        let card: Card = serde_json::from_str(json).expect("parse");
        assert_eq!((card.emotion, card.conversion, card.volume), (None, None, None));
    }

    #[test]
    fn a_map_needs_a_stage_and_a_lane() {
        let map = crate::template::default_project(crate::template::Lang::En).maps.remove(0);
        assert!(check_map(&map).is_ok());
        let no_stages = Map { stages: vec![], cards: vec![], ..map.clone() };
        assert_eq!(check_map(&no_stages), Err(EditError::EmptyMap("stage")));
        let no_lanes = Map { lanes: vec![], cards: vec![], ..map.clone() };
        assert_eq!(check_map(&no_lanes), Err(EditError::EmptyMap("lane")));
        let neither = Map { stages: vec![], lanes: vec![], cards: vec![], ..map.clone() };
        assert_eq!(check_map(&neither).map_err(|e| e.code()), Err("edit_map_empty"));
        // One of each is enough.
        let one = Map { stages: map.stages[..1].to_vec(), lanes: map.lanes[..1].to_vec(), cards: vec![], ..map };
        assert!(check_map(&one).is_ok());
    }

    #[test]
    fn colours_are_hex_or_empty() {
        assert!(check_color("").is_ok());
        assert!(check_color("#12abEF").is_ok());
        assert!(check_color("red").is_err());
        assert!(check_color("#12345").is_err());
        assert!(check_color("#1234567").is_err());
    }

    #[test]
    fn edits_serialise_with_a_type_tag_and_reject_unknown_fields() {
        let e = Edit::MoveStage { stage_id: "s1".into(), index: 2 };
        let json = serde_json::to_string(&e).expect("serialise");
        assert_eq!(json, r#"{"type":"move_stage","stage_id":"s1","index":2}"#);
        assert_eq!(serde_json::from_str::<Edit>(&json).expect("parse"), e);
        let update: Edit = serde_json::from_str(r#"{"type":"update_card","card_id":"c","text":"Điểm chạm"}"#).expect("parse");
        assert_eq!(
            update,
            Edit::UpdateCard { card_id: "c".into(), text: Some("Điểm chạm".into()), note: None, color: None, channel: None }
        );
        assert!(serde_json::from_str::<Edit>(r#"{"type":"move_stage","stage_id":"s","index":1,"x":1}"#).is_err());
        assert!(serde_json::from_str::<Edit>(r#"{"type":"drop_table"}"#).is_err());
        assert!(serde_json::from_str::<Edit>(r#"{"type":"move_stage","stage_id":"s","index":-1}"#).is_err());
    }
}
