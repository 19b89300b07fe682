//! The edit vocabulary: every change to a project is one [`Edit`]. The store
//! applies an edit in one SQLite transaction and records it with its inverse,
//! which gives undo/redo and history. Tests and fuzzers speak the same language.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::EditError;
use crate::model::{Card, Id, Lane, LaneKind, Map, Persona, Stage, EMOTION_MAX, EMOTION_MIN};

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
    /// Sets a card's measured values (emotion score, conversion rate, volume)
    /// all at once; `null` clears one.
    SetCardMetrics {
        card_id: Id,
        emotion: Option<i8>,
        conversion: Option<f64>,
        #[ts(type = "number | null")]
        volume: Option<i64>,
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
    },
    /// Deletes a persona; maps linked to it are unlinked.
    DeletePersona {
        persona_id: Id,
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
    pub const BATCH: usize = 25_000;
    pub const BATCH_DEPTH: usize = 8;
    /// The largest audience a touchpoint may claim (more than everyone alive, ten times over).
    pub const VOLUME: i64 = 100_000_000_000;
}

pub fn check_id(id: &str) -> Result<(), EditError> {
    let ok = !id.is_empty()
        && id.len() <= limits::ID
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
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
    check_metrics(c.emotion, c.conversion, c.volume)
}

/// Checks an emotion score, a conversion rate (a finite percentage) and a volume.
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
    check_len("persona description", &p.description, limits::TEXT)
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
    m.stages.iter().try_for_each(check_stage)?;
    m.lanes.iter().try_for_each(check_lane)?;
    for c in &m.cards {
        check_card(c)?;
        if m.stage(&c.stage_id).is_none() || m.lane(&c.lane_id).is_none() {
            return Err(EditError::CellOutsideMap { stage: c.stage_id.clone(), lane: c.lane_id.clone() });
        }
    }
    Ok(())
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
        // Edits stored in the history of files from before the metrics existed.
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
