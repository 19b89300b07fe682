//! Step 3 of a metric import: which touchpoint a row is about, by the
//! touchpoint's text (as written on its card, ignoring case, spacing and
//! Unicode composition) or by the card's id; a stage column settles names
//! that appear on several stages.

use unicode_normalization::UnicodeNormalization;

use crate::model::{Card, LaneKind, Map, Stage};

/// A touchpoint card with its stage.
#[derive(Debug, Clone, Copy)]
pub struct Touchpoint<'a> {
    pub card: &'a Card,
    pub stage: &'a Stage,
}

/// What a row's key finds.
#[derive(Debug)]
pub enum Found<'a> {
    One(Touchpoint<'a>),
    Nothing,
    /// The name is on several touchpoints: their stages.
    Several(Vec<String>),
}

/// The map's touchpoint cards in journey order (stage by stage).
pub fn touchpoints(map: &Map) -> Vec<Touchpoint<'_>> {
    let lanes: Vec<&str> = map.lanes.iter().filter(|l| l.kind == LaneKind::Touchpoints).map(|l| l.id.as_str()).collect();
    let lanes = &lanes;
    map.stages
        .iter()
        .flat_map(|stage| {
            map.cards
                .iter()
                .filter(move |c| c.stage_id == stage.id && lanes.contains(&c.lane_id.as_str()))
                .map(move |card| Touchpoint { card, stage })
        })
        .collect()
}

/// Text as compared: composed (NFC), lower case, single spaces.
pub fn normalize(text: &str) -> String {
    text.nfc().collect::<String>().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The touchpoint whose card text (or id, with `by_id`) is `key`, on the stage
/// named `stage` when given.
pub fn find<'a>(touchpoints: &[Touchpoint<'a>], key: &str, stage: Option<&str>, by_id: bool) -> Found<'a> {
    let key_norm = normalize(key);
    let stage_norm = stage.map(normalize).filter(|s| !s.is_empty());
    let hits: Vec<Touchpoint<'a>> = touchpoints
        .iter()
        .filter(|t| if by_id { t.card.id == key.trim() } else { normalize(&t.card.text) == key_norm })
        .filter(|t| stage_norm.as_ref().is_none_or(|s| normalize(&t.stage.name) == *s))
        .copied()
        .collect();
    match hits.as_slice() {
        [] => Found::Nothing,
        [one] => Found::One(*one),
        several => Found::Several(several.iter().map(|t| t.stage.name.clone()).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{default_project, Lang};

    #[test]
    fn names_match_whatever_their_case_spacing_and_composition() {
        let mut map = default_project(Lang::Vi).maps.remove(0);
        let lane = map.lanes.iter().find(|l| l.kind == LaneKind::Touchpoints).map(|l| l.id.clone()).expect("lane");
        let other = map.lanes.iter().find(|l| l.kind == LaneKind::Thoughts).map(|l| l.id.clone()).expect("lane");
        let (s0, s1) = (map.stages[0].id.clone(), map.stages[1].id.clone());
        map.cards.clear();
        map.cards.push(Card::new("a", s0.clone(), lane.clone(), "Giỏ hàng → Thanh toán"));
        map.cards.push(Card::new("b", s0.clone(), lane.clone(), "Email nhắc nhở"));
        map.cards.push(Card::new("c", s1.clone(), lane.clone(), "Email nhắc nhở"));
        map.cards.push(Card::new("d", s1, other, "Giỏ hàng"));
        let tps = touchpoints(&map);
        assert_eq!(tps.len(), 3, "only touchpoint cards");
        // Decomposed "ỏ" (o + combining hook) and odd spacing still match.
        let decomposed: String = "  GIỎ   hàng → thanh TOÁN ".nfd().collect();
        assert!(matches!(find(&tps, &decomposed, None, false), Found::One(t) if t.card.id == "a"));
        assert!(matches!(find(&tps, "Giỏ hàng", None, false), Found::Nothing), "a thoughts card is not a touchpoint");
        match find(&tps, "email nhắc nhở", None, false) {
            Found::Several(stages) => assert_eq!(stages.len(), 2),
            other => panic!("{other:?}"),
        }
        let stage_name = map.stages[1].name.to_uppercase();
        assert!(matches!(find(&tps, "Email nhắc nhở", Some(&stage_name), false), Found::One(t) if t.card.id == "c"));
        assert!(matches!(find(&tps, " b ", None, true), Found::One(t) if t.card.id == "b"));
        assert!(matches!(find(&tps, "d", None, true), Found::Nothing));
    }
}
