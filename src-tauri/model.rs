//! The journey-map document: a project holds maps and personas; a map is a grid
//! of ordered stages (columns) × ordered lanes (rows) with ordered cards in each cell.
//!
//! These types are the document as the UI and the exporters see it. They are plain
//! data: all changes go through [`crate::edit::Edit`], applied by [`crate::store`].

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Identifier of a map, stage, lane, card or persona. Chosen by whoever creates the
/// object (the UI uses `crypto.randomUUID()`), validated by the core.
pub type Id = String;

/// The whole project, as read from one project file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub title: String,
    pub maps: Vec<Map>,
    pub personas: Vec<Persona>,
}

/// One journey map: stages × lanes, cards in the cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Map {
    pub id: Id,
    pub name: String,
    pub goal: String,
    pub scenario: String,
    pub persona_id: Option<Id>,
    /// Columns, left to right.
    pub stages: Vec<Stage>,
    /// Rows, top to bottom.
    pub lanes: Vec<Lane>,
    /// Every card of the map. Within one (stage, lane) cell, cards are listed in
    /// their order in that cell; see [`Map::cell`].
    pub cards: Vec<Card>,
}

impl Map {
    /// The cards of one cell, in order.
    pub fn cell<'a>(&'a self, stage_id: &'a str, lane_id: &'a str) -> impl Iterator<Item = &'a Card> + 'a {
        self.cards.iter().filter(move |c| c.stage_id == stage_id && c.lane_id == lane_id)
    }

    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn lane(&self, id: &str) -> Option<&Lane> {
        self.lanes.iter().find(|l| l.id == id)
    }

    pub fn card(&self, id: &str) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: Id,
    pub name: String,
    /// CSS hex colour (`#rrggbb`) or empty for the default.
    pub color: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    pub id: Id,
    pub name: String,
    pub kind: LaneKind,
    /// CSS hex colour (`#rrggbb`) or empty for the kind's default.
    pub color: String,
}

/// What a lane holds; decides how its cards are drawn and which fields matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LaneKind {
    Touchpoints,
    Actions,
    Thoughts,
    Emotions,
    PainPoints,
    Opportunities,
    Metrics,
    Text,
}

impl LaneKind {
    pub const ALL: [LaneKind; 8] = [
        LaneKind::Touchpoints,
        LaneKind::Actions,
        LaneKind::Thoughts,
        LaneKind::Emotions,
        LaneKind::PainPoints,
        LaneKind::Opportunities,
        LaneKind::Metrics,
        LaneKind::Text,
    ];

    /// The stable name used in the project file (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            LaneKind::Touchpoints => "touchpoints",
            LaneKind::Actions => "actions",
            LaneKind::Thoughts => "thoughts",
            LaneKind::Emotions => "emotions",
            LaneKind::PainPoints => "pain_points",
            LaneKind::Opportunities => "opportunities",
            LaneKind::Metrics => "metrics",
            LaneKind::Text => "text",
        }
    }

    pub fn parse(s: &str) -> Option<LaneKind> {
        LaneKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: Id,
    pub stage_id: Id,
    pub lane_id: Id,
    pub text: String,
    pub note: String,
    /// CSS hex colour (`#rrggbb`) or empty for the lane's default.
    pub color: String,
    /// Channel of a touchpoint card (`website`, `email`, `store`…); empty elsewhere.
    pub channel: String,
    /// How the customer feels at this point, on a card of an emotions lane:
    /// [`EMOTION_MIN`] (very negative) to [`EMOTION_MAX`] (very positive). The
    /// emotion curve goes through one point per scored card.
    #[serde(default)]
    pub emotion: Option<i8>,
    /// Conversion rate of a touchpoint: the percentage (0–100) of the people
    /// who reach it that go on to the next step.
    #[serde(default)]
    pub conversion: Option<f64>,
    /// How many people reach this touchpoint (for absolute funnel figures).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub volume: Option<i64>,
}

impl Card {
    /// A card with `text` in the cell `stage_id` × `lane_id`, everything else empty.
    pub fn new(id: impl Into<Id>, stage_id: impl Into<Id>, lane_id: impl Into<Id>, text: impl Into<String>) -> Card {
        Card {
            id: id.into(),
            stage_id: stage_id.into(),
            lane_id: lane_id.into(),
            text: text.into(),
            note: String::new(),
            color: String::new(),
            channel: String::new(),
            emotion: None,
            conversion: None,
            volume: None,
        }
    }
}

/// The lowest emotion score (very negative).
pub const EMOTION_MIN: i8 = -2;
/// The highest emotion score (very positive).
pub const EMOTION_MAX: i8 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub id: Id,
    pub name: String,
    pub description: String,
}

/// Everything the UI needs to draw an open project in one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DocumentView {
    /// Absolute path of the project file.
    pub path: String,
    pub project: Project,
    /// Number of edits applied to this file so far; grows with every acknowledged edit.
    #[ts(type = "number")]
    pub revision: i64,
    pub can_undo: bool,
    pub can_redo: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lane_kind_names_round_trip_and_match_serde() {
        for k in LaneKind::ALL {
            assert_eq!(LaneKind::parse(k.as_str()), Some(k));
            let json = serde_json::to_string(&k).expect("serialise");
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        assert_eq!(LaneKind::parse("nope"), None);
    }
}
