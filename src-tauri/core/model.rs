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
    /// The research behind the map: its goals, survey questions with their
    /// answers and insights, and the resources to act with; each can point at cards.
    #[serde(default)]
    pub research: Vec<ResearchItem>,
    /// Review comments on the map's cards and stages, oldest first (by
    /// `created_at`, then id): threads' first comments and their replies.
    #[serde(default)]
    pub comments: Vec<Comment>,
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

    /// The persona whose emotion curve a card is on: its own, else the map's
    /// (`None`: the map has no persona and the card names none).
    pub fn curve_persona<'a>(&'a self, card: &'a Card) -> Option<&'a str> {
        card.persona_id.as_deref().or(self.persona_id.as_deref())
    }

    /// The map's emotion curves, one per persona with a scored card in an
    /// emotions lane: the map's own persona's first, then the others in the
    /// order of their first card.
    pub fn curve_personas(&self) -> Vec<Option<&str>> {
        let emotions: Vec<&str> = self.lanes.iter().filter(|l| l.kind == LaneKind::Emotions).map(|l| l.id.as_str()).collect();
        let mut out: Vec<Option<&str>> = Vec::new();
        for c in self.cards.iter().filter(|c| c.emotion.is_some() && emotions.contains(&c.lane_id.as_str())) {
            let k = self.curve_persona(c);
            if !out.contains(&k) {
                out.push(k);
            }
        }
        out.sort_by_key(|k| *k != self.persona_id.as_deref());
        out
    }

    /// The map's emotion curves ([`Map::curve_personas`], in that order), each
    /// with its colour: an index into theme.json's `personaPalette`. A colour
    /// belongs to the persona, not to the curve's place: it is the persona's
    /// [`persona_color`] (the shared curve of a map without persona takes the
    /// first, the emotions accent), so adding or moving a card never swaps two
    /// personas' colours. Only when two curves of the map would share a colour
    /// (a project with more personas than colours) does the later persona in the
    /// project's list take the next free one.
    pub fn curves<'a>(&'a self, personas: &[Persona]) -> Vec<Curve<'a>> {
        let keys = self.curve_personas();
        // Colours are handed out in the project's order (the shared curve first), not the curves'.
        let rank = |k: Option<&str>| k.map_or(0, |id| 1 + personas.iter().position(|p| p.id == id).unwrap_or(personas.len()));
        let mut by_rank: Vec<usize> = (0..keys.len()).collect();
        by_rank.sort_by_key(|&i| rank(keys[i]));
        let mut colors = vec![0; keys.len()];
        let mut taken = [false; CURVE_COLORS];
        for i in by_rank {
            let wanted = persona_color(personas, keys[i]);
            let free = (0..CURVE_COLORS).map(|step| (wanted + step) % CURVE_COLORS).find(|&c| !taken[c]);
            colors[i] = free.unwrap_or(wanted);
            taken[colors[i]] = true;
        }
        keys.into_iter().zip(colors).map(|(persona, color)| Curve { persona, color }).collect()
    }
}

/// How many curve colours theme.json's `personaPalette` holds (`export/theme.rs` checks).
pub const CURVE_COLORS: usize = 5;

/// One emotion curve of a map: whose it is (`None`: the shared curve of a map
/// without persona) and its colour, an index into theme.json's `personaPalette`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Curve<'a> {
    pub persona: Option<&'a str>,
    pub color: usize,
}

/// The colour of persona `id` (an index into theme.json's `personaPalette`):
/// its place in the project's persona list, so it keeps it on every map and in
/// every export; the shared curve (`None`) and an unknown persona take the first.
/// The avatar in the persona panel wears the same colour.
pub fn persona_color(personas: &[Persona], id: Option<&str>) -> usize {
    id.and_then(|id| personas.iter().position(|p| p.id == id)).map_or(0, |i| i % CURVE_COLORS)
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
    /// Service blueprint: what front-line employees do in front of the customer.
    Frontstage,
    /// Service blueprint: what employees do out of the customer's sight.
    Backstage,
    /// Service blueprint: the systems and teams that support the employees.
    Support,
    /// Service blueprint: what the customer sees and touches (a receipt, an SMS, a store).
    Evidence,
    /// Pictures: the ad, the landing page, the store; its cards show their image large.
    Images,
}

impl LaneKind {
    /// The lanes of a customer journey map, as a new map has them.
    pub const JOURNEY: [LaneKind; 8] = [
        LaneKind::Touchpoints,
        LaneKind::Actions,
        LaneKind::Thoughts,
        LaneKind::Emotions,
        LaneKind::PainPoints,
        LaneKind::Opportunities,
        LaneKind::Metrics,
        LaneKind::Text,
    ];

    /// The lanes a service blueprint adds.
    pub const BLUEPRINT: [LaneKind; 4] = [LaneKind::Evidence, LaneKind::Frontstage, LaneKind::Backstage, LaneKind::Support];

    /// Every kind: the journey's, then the blueprint's, then the image lane.
    pub const ALL: [LaneKind; 13] = {
        let mut all = [LaneKind::Images; 13];
        let mut i = 0;
        while i < 12 {
            all[i] = if i < 8 { LaneKind::JOURNEY[i] } else { LaneKind::BLUEPRINT[i - 8] };
            i += 1;
        }
        all
    };

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
            LaneKind::Frontstage => "frontstage",
            LaneKind::Backstage => "backstage",
            LaneKind::Support => "support",
            LaneKind::Evidence => "evidence",
            LaneKind::Images => "images",
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
    /// Whose feeling an emotion card scores: one of the project's personas, or
    /// none for the map's persona (the shared curve). The emotions lane draws
    /// one curve per persona through its scored cards. Left out of JSON when
    /// none, so files without it read as before.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona_id: Option<Id>,
    /// The card's picture (a screenshot of the ad, the landing page, a store
    /// photo): the id of an image kept in the project file (`card_image.rs`), whose
    /// bytes travel apart from the card. Left out of JSON when none.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_id: Option<Id>,
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
            persona_id: None,
            image_id: None,
        }
    }
}

/// The lowest emotion score (very negative).
pub const EMOTION_MIN: i8 = -2;
/// The highest emotion score (very positive).
pub const EMOTION_MAX: i8 = 2;

/// A typical customer the map is drawn for. Every field but `id` and `name`
/// may be empty; fields added after the first format default to empty.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub id: Id,
    pub name: String,
    /// Free description (demographics, background).
    #[serde(default)]
    pub description: String,
    /// Role or demographics in one line ("Office worker, 28, Hà Nội").
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub goals: String,
    #[serde(default)]
    pub needs: String,
    #[serde(default)]
    pub frustrations: String,
    /// Something this persona would say, in their words.
    #[serde(default)]
    pub quote: String,
    /// The persona's picture, kept inside the project file as a `data:` URL
    /// (`data:image/png;base64,…` or `image/jpeg`); empty for none.
    #[serde(default)]
    pub photo: String,
}

impl Persona {
    /// A persona with a name and nothing else.
    pub fn new(id: impl Into<Id>, name: impl Into<String>) -> Persona {
        Persona { id: id.into(), name: name.into(), ..Persona::default() }
    }
}

/// What a research item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ResearchKind {
    /// A goal of the map ("raise repeat purchases to 30%").
    Goal,
    /// A survey or interview question; `detail` holds the answers, `insight` what they teach.
    Question,
    /// A resource the brand can act with (budget, team, tool, channel).
    Resource,
}

impl ResearchKind {
    pub const ALL: [ResearchKind; 3] = [ResearchKind::Goal, ResearchKind::Question, ResearchKind::Resource];

    pub fn as_str(self) -> &'static str {
        match self {
            ResearchKind::Goal => "goal",
            ResearchKind::Question => "question",
            ResearchKind::Resource => "resource",
        }
    }

    pub fn parse(s: &str) -> Option<ResearchKind> {
        ResearchKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One item of a map's research, linkable to the cards it is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ResearchItem {
    pub id: Id,
    pub kind: ResearchKind,
    /// The goal, the question, or the resource's name.
    pub title: String,
    /// Answers to a question; details of a goal or resource.
    pub detail: String,
    /// What was learnt (mostly for questions).
    pub insight: String,
    /// Cards of the same map this item is about, in the order they were linked.
    pub card_ids: Vec<Id>,
}

/// What a review comment is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CommentOn {
    Card,
    Stage,
}

impl CommentOn {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentOn::Card => "card",
            CommentOn::Stage => "stage",
        }
    }
}

/// A review comment on a card or a stage of a map. A thread is a first
/// comment (`parent_id` none) and its replies (one level); a thread is
/// resolved or open as a whole, so only its first comment carries `resolved_at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    pub id: Id,
    pub on: CommentOn,
    /// The card or stage (of the same map) it is about; a reply's is its thread's.
    pub target_id: Id,
    /// The first comment of the thread this one replies to.
    pub parent_id: Option<Id>,
    /// Who wrote it, as their preferences name them (not an account).
    pub author: String,
    pub body: String,
    /// When it was written, in milliseconds since 1970 (UTC), by the core's clock.
    #[ts(type = "number")]
    pub created_at: i64,
    /// When the thread was resolved (first comments only); none while open.
    #[ts(type = "number | null")]
    pub resolved_at: Option<i64>,
    /// Who resolved it; empty while open.
    pub resolved_by: String,
}

/// A named copy of a map at one moment: the review history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub id: Id,
    pub name: String,
    pub note: String,
    /// When it was taken, in milliseconds since 1970 (UTC).
    #[ts(type = "number")]
    pub taken_at: i64,
    /// The map as it was (its `id` is the map it belongs to).
    pub map: Map,
}

/// What the UI lists of a snapshot without loading its map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SnapshotInfo {
    pub id: Id,
    pub map_id: Id,
    pub name: String,
    pub note: String,
    #[ts(type = "number")]
    pub taken_at: i64,
    /// Number of cards in the snapshot.
    pub cards: u32,
    /// Overall conversion of the snapshot's funnel, if it had one.
    pub overall_conversion: Option<f64>,
}

/// Everything the UI needs to draw an open project in one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DocumentView {
    /// Absolute path of the project file.
    pub path: String,
    pub project: Project,
    /// Snapshots of every map, oldest first.
    pub snapshots: Vec<SnapshotInfo>,
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

    /// The UI draws a map's curves in the order this gives, in the colours it
    /// gives (indexes into `personaPalette`); `ui/src/canvas/emotion.test.ts`
    /// checks its reading of the same maps against the answers written here.
    #[test]
    fn curve_order_is_the_one_the_ui_replays() {
        const FIXTURE: &str = "ui/src/test/fixtures/emotion-curves.json";
        let mut base = crate::export::sample::vietnamese_project().maps.remove(0);
        // Fixed ids (the sample's are new each run), so that the fixture is the same on every run.
        base.id = "m".into();
        let mut renamed = std::collections::HashMap::new();
        for (i, s) in base.stages.iter_mut().enumerate() {
            renamed.insert(std::mem::replace(&mut s.id, format!("s{i}")), format!("s{i}"));
        }
        for (i, l) in base.lanes.iter_mut().enumerate() {
            renamed.insert(std::mem::replace(&mut l.id, format!("l{i}")), format!("l{i}"));
        }
        for (i, c) in base.cards.iter_mut().enumerate() {
            c.id = format!("c{i}");
            c.stage_id = renamed[&c.stage_id].clone();
            c.lane_id = renamed[&c.lane_id].clone();
        }
        assert!(base.research.is_empty(), "the sample map has research: give it fixed ids too");
        let emotions: Vec<Id> = base.lanes.iter().filter(|l| l.kind == LaneKind::Emotions).map(|l| l.id.clone()).collect();
        let scored = |m: &Map| -> Vec<usize> {
            (0..m.cards.len()).filter(|&i| m.cards[i].emotion.is_some() && emotions.contains(&m.cards[i].lane_id)).collect()
        };
        let mut cases = vec![("the map's persona only", base.clone())];
        let mut none = base.clone();
        none.persona_id = None;
        cases.push(("no persona at all: one shared curve", none.clone()));
        // Others' cards come before the map's own: the map's curve still comes first.
        let mut several = base.clone();
        let s = scored(&several);
        several.cards[s[0]].persona_id = Some("persona-minh".into());
        several.cards[s[2]].persona_id = Some("persona-hoa".into());
        several.cards[s[3]].persona_id = Some("persona-minh".into());
        cases.push(("two other personas, by their first card", several.clone()));
        // A persona's scored card outside an emotions lane, and an unscored one, draw no curve.
        let mut ignored = several.clone();
        let other = (0..ignored.cards.len()).find(|&i| !emotions.contains(&ignored.cards[i].lane_id)).expect("a card of another lane");
        ignored.cards[other].persona_id = Some("persona-tuan".into());
        ignored.cards[other].emotion = Some(1);
        ignored.cards[s[1]].persona_id = Some("persona-thu".into());
        ignored.cards[s[1]].emotion = None;
        cases.push(("scores outside the emotions lane and unscored cards draw no curve", ignored));
        let mut shared_and_other = none;
        let s = scored(&shared_and_other);
        shared_and_other.cards[s[0]].persona_id = Some("persona-minh".into());
        cases.push(("no map persona: the shared curve first", shared_and_other));
        let mut only_other = several;
        for i in scored(&only_other) {
            only_other.cards[i].persona_id.get_or_insert_with(|| "persona-hoa".into());
        }
        cases.push(("every card scored for another persona: no curve of the map's own", only_other));

        // The project's personas, in its order (not the curves'): a curve's colour is its persona's place here.
        let persona = |id: &str| Persona { id: id.into(), name: id.into(), ..Persona::default() };
        let five: Vec<Persona> = ["persona-hoa", "persona-tuan", "persona-lan", "persona-thu", "persona-minh"].map(persona).into();
        let mut cases: Vec<(&str, Map, Vec<Persona>)> = cases.into_iter().map(|(name, map)| (name, map, five.clone())).collect();
        assert_eq!(cases.len(), 6);
        // A card of Hoa's added before everyone's first: her curve moves up, nobody's colour changes.
        let mut earlier = cases[2].1.clone();
        let s = scored(&earlier);
        let mut added = earlier.cards[s[0]].clone();
        added.id = "c-new".into();
        added.persona_id = Some("persona-hoa".into());
        earlier.cards.insert(0, added);
        cases.push(("a card of Hoa's before Lan's first: the same colours", earlier, five.clone()));
        // Seven personas, five colours: Minh (7th) would wear Tuan's (2nd) colour on the same map, so takes the next free one.
        let seven: Vec<Persona> =
            ["persona-hoa", "persona-tuan", "persona-lan", "persona-thu", "persona-an", "persona-binh", "persona-minh"].map(persona).into();
        let mut crowded = cases[2].1.clone();
        let s = scored(&crowded);
        crowded.cards[s[4]].persona_id = Some("persona-tuan".into());
        cases.push(("more personas than colours: the later one takes the next free colour", crowded, seven));

        let colors = |map: &Map, personas: &[Persona]| map.curves(personas).iter().map(|c| c.color).collect::<Vec<_>>();
        let cases: Vec<serde_json::Value> = cases
            .iter()
            .map(|(name, map, personas)| {
                let ids: Vec<&str> = personas.iter().map(|p| p.id.as_str()).collect();
                serde_json::json!({"name": name, "map": map, "personas": ids, "curves": map.curve_personas(), "colors": colors(map, personas)})
            })
            .collect();
        let colors: Vec<&serde_json::Value> = cases.iter().map(|c| &c["colors"]).collect();
        // Lan is third in the project, Minh fifth, Hoa first: whatever the order of their cards.
        assert_eq!(colors[2], &serde_json::json!([2, 4, 0]));
        assert_eq!(cases[6]["curves"], serde_json::json!(["persona-lan", "persona-hoa", "persona-minh"]));
        assert_eq!(colors[6], &serde_json::json!([2, 0, 4]));
        // The shared curve wears the first colour (the emotions accent).
        assert_eq!(colors[1], &serde_json::json!([0]));
        assert_eq!(colors[4], &serde_json::json!([0, 4]));
        // Colours go in the project's order: Hoa 0, Tuan 1, Lan 2; Minh (7th) wants 6 % 5 = 1, taken, so the next free: 3.
        assert_eq!(cases[7]["curves"], serde_json::json!(["persona-lan", "persona-minh", "persona-hoa", "persona-tuan"]));
        assert_eq!(colors[7], &serde_json::json!([2, 3, 0, 1]));
        let curves: Vec<&serde_json::Value> = cases.iter().map(|c| &c["curves"]).collect();
        assert_eq!(curves[0], &serde_json::json!(["persona-lan"]));
        assert_eq!(curves[1], &serde_json::json!([null]));
        assert_eq!(curves[2], &serde_json::json!(["persona-lan", "persona-minh", "persona-hoa"]));
        assert_eq!(curves[3], curves[2]);
        assert_eq!(curves[4], &serde_json::json!([null, "persona-minh"]));
        assert_eq!(curves[5], &serde_json::json!(["persona-minh", "persona-hoa"]));
        let about = "A map's emotion curves, in the order the core draws them (Map::curve_personas), and their colours \
                     (Map::curves: indexes into theme.json personaPalette, for the project's personas listed); written by \
                     `UPDATE_FIXTURES=1 cargo test --no-default-features --lib curve_order`, replayed by ui/src/canvas/emotion.test.ts.";
        let text = serde_json::to_string_pretty(&serde_json::json!({"about": about, "cases": cases})).expect("JSON") + "\n";
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            std::fs::write(&path, &text).expect("write the fixture");
        }
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(kept == text, "{FIXTURE} is stale: run `UPDATE_FIXTURES=1 cargo test --no-default-features --lib curve_order`");
    }
}
