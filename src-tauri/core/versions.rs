//! Review history: what changed between two versions of a map (two snapshots,
//! or a snapshot and the map as it is now). Cards are matched by id, so a card
//! that was moved or rewritten counts as changed, not as removed and added.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::funnel;
use crate::model::{Card, Id, Map};

/// A card as the comparison shows it: where it was and what it said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CardRef {
    pub id: Id,
    pub text: String,
    /// Names of its stage and lane in that version.
    pub stage: String,
    pub lane: String,
    pub conversion: Option<f64>,
}

/// What can differ between two versions of one card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CardField {
    Text,
    Note,
    Color,
    Channel,
    Emotion,
    Conversion,
    Volume,
    /// In another stage or lane.
    Place,
    /// Another picture, or one added or removed.
    Image,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CardChange {
    pub before: CardRef,
    pub after: CardRef,
    pub fields: Vec<CardField>,
}

/// Everything that differs from `before` to `after`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MapDiff {
    /// Cards only in `after`, in its order.
    pub added: Vec<CardRef>,
    /// Cards only in `before`, in its order.
    pub removed: Vec<CardRef>,
    pub changed: Vec<CardChange>,
    /// Names of stages only in one of the two.
    pub stages_added: Vec<String>,
    pub stages_removed: Vec<String>,
    pub lanes_added: Vec<String>,
    pub lanes_removed: Vec<String>,
    /// Overall conversion of each version's funnel, if it has one.
    pub conversion_before: Option<f64>,
    pub conversion_after: Option<f64>,
}

impl MapDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.stages_added.is_empty()
            && self.stages_removed.is_empty()
            && self.lanes_added.is_empty()
            && self.lanes_removed.is_empty()
    }

    /// Change of the overall conversion in percentage points, when both have one.
    pub fn conversion_delta(&self) -> Option<f64> {
        Some(self.conversion_after? - self.conversion_before?)
    }
}

fn card_ref(map: &Map, card: &Card) -> CardRef {
    CardRef {
        id: card.id.clone(),
        text: card.text.clone(),
        stage: map.stage(&card.stage_id).map(|s| s.name.clone()).unwrap_or_default(),
        lane: map.lane(&card.lane_id).map(|l| l.name.clone()).unwrap_or_default(),
        conversion: card.conversion,
    }
}

fn changed_fields(a: &Card, b: &Card) -> Vec<CardField> {
    let mut out = Vec::new();
    let mut check = |differs: bool, field| {
        if differs {
            out.push(field);
        }
    };
    check(a.text != b.text, CardField::Text);
    check(a.note != b.note, CardField::Note);
    check(a.color != b.color, CardField::Color);
    check(a.channel != b.channel, CardField::Channel);
    check(a.emotion != b.emotion, CardField::Emotion);
    check(a.conversion != b.conversion, CardField::Conversion);
    check(a.volume != b.volume, CardField::Volume);
    check(a.stage_id != b.stage_id || a.lane_id != b.lane_id, CardField::Place);
    check(a.image_id != b.image_id, CardField::Image);
    out
}

/// Names present in `b` but not in `a` (by id), in `b`'s order.
fn only_in<T>(a: &[T], b: &[T], id: impl Fn(&T) -> &str, name: impl Fn(&T) -> String) -> Vec<String> {
    b.iter().filter(|x| !a.iter().any(|y| id(y) == id(x))).map(name).collect()
}

/// What changed from `before` to `after`.
pub fn compare(before: &Map, after: &Map) -> MapDiff {
    let added = after.cards.iter().filter(|c| before.card(&c.id).is_none()).map(|c| card_ref(after, c)).collect();
    let removed = before.cards.iter().filter(|c| after.card(&c.id).is_none()).map(|c| card_ref(before, c)).collect();
    let changed = after
        .cards
        .iter()
        .filter_map(|b| {
            let a = before.card(&b.id)?;
            let fields = changed_fields(a, b);
            (!fields.is_empty()).then(|| CardChange { before: card_ref(before, a), after: card_ref(after, b), fields })
        })
        .collect();
    MapDiff {
        added,
        removed,
        changed,
        stages_added: only_in(&before.stages, &after.stages, |s| &s.id, |s| s.name.clone()),
        stages_removed: only_in(&after.stages, &before.stages, |s| &s.id, |s| s.name.clone()),
        lanes_added: only_in(&before.lanes, &after.lanes, |l| &l.id, |l| l.name.clone()),
        lanes_removed: only_in(&after.lanes, &before.lanes, |l| &l.id, |l| l.name.clone()),
        conversion_before: funnel::funnel(before).map(|f| f.overall),
        conversion_after: funnel::funnel(after).map(|f| f.overall),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{default_project, Lang};

    #[test]
    fn identical_maps_have_no_differences() {
        let map = default_project(Lang::En).maps.remove(0);
        let diff = compare(&map, &map);
        assert!(diff.is_empty());
        assert_eq!(diff.conversion_delta(), None);
    }

    #[test]
    fn cards_are_matched_by_id() {
        let mut before = default_project(Lang::Vi).maps.remove(0);
        let (s0, s1, touch) = (before.stages[0].id.clone(), before.stages[1].id.clone(), before.lanes[0].id.clone());
        let mut kept = Card::new("kept", &s0, &touch, "Quảng cáo");
        kept.conversion = Some(40.0);
        before.cards = vec![kept.clone(), Card::new("gone", &s0, &touch, "Tờ rơi")];
        let mut after = before.clone();
        after.cards.retain(|c| c.id != "gone");
        after.cards[0].conversion = Some(55.0);
        after.cards[0].stage_id = s1.clone();
        after.cards[0].image_id = Some("0a1b2c".into());
        after.cards.push(Card::new("new", &s1, &touch, "Zalo OA"));
        after.stages.pop();

        let diff = compare(&before, &after);
        assert_eq!(diff.added.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["new"]);
        assert_eq!(diff.removed.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["Tờ rơi"]);
        assert_eq!(diff.changed.len(), 1);
        assert_eq!(diff.changed[0].fields, [CardField::Conversion, CardField::Place, CardField::Image]);
        assert_eq!(diff.changed[0].before.stage, "Nhận thức");
        assert_eq!(diff.changed[0].after.stage, "Cân nhắc");
        assert_eq!(diff.stages_removed, ["Ủng hộ"]);
        assert!(diff.stages_added.is_empty());
        let near = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-9);
        assert!(near(diff.conversion_before, 40.0), "{:?}", diff.conversion_before);
        assert!(near(diff.conversion_after, 55.0), "{:?}", diff.conversion_after);
        assert!(near(diff.conversion_delta(), 15.0));
    }
}
