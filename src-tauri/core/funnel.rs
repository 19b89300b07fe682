//! Funnel figures of a map: the touchpoints that carry a conversion rate, in
//! journey order, the overall conversion along that path and the biggest
//! drop-off. Pure arithmetic on the model; the exporters and the UI show it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Card, Id, LaneKind, Map};

/// One touchpoint on the funnel path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FunnelStep {
    pub card_id: String,
    /// Index of the card's stage in [`Map::stages`].
    pub stage_index: usize,
    pub text: String,
    /// Percentage (0–100) of the people reaching this step who go on; `None`
    /// when the card has no rate (the step is listed but not counted).
    pub rate: Option<f64>,
    #[ts(type = "number | null")]
    pub volume: Option<i64>,
    /// Percentage of the people entering the first rated step who are still
    /// there after this one (product of the rates so far).
    pub cumulative: Option<f64>,
}

/// The funnel figures of one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StageFunnel {
    /// Index of the stage in [`Map::stages`].
    pub stage_index: usize,
    /// Percentage of the people entering this stage's first rated touchpoint
    /// who get through all of its rated touchpoints (product of the stage's
    /// rates); `None` when no touchpoint of the stage has a rate.
    pub rate: Option<f64>,
    /// Percentage of everyone entering the funnel still there after this stage.
    pub cumulative: Option<f64>,
}

/// The funnel along the touchpoints of a map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Funnel {
    pub steps: Vec<FunnelStep>,
    /// One entry per stage of the map, in order.
    pub stages: Vec<StageFunnel>,
    /// Overall conversion in percent: the product of every known rate.
    pub overall: f64,
    /// Index into `steps` of the step that loses the largest share of its
    /// people (lowest rate; the first one on a tie).
    pub biggest_drop: usize,
    /// Some touchpoints on the path have no rate, so `overall` only covers the rated ones.
    pub incomplete: bool,
}

/// Rates outside 0–100 (or not finite) are treated as missing: the store
/// validates them, this keeps the arithmetic safe for any input.
fn valid_rate(r: Option<f64>) -> Option<f64> {
    r.filter(|r| r.is_finite() && (0.0..=100.0).contains(r))
}

/// Touchpoint cards in journey order: by stage, then lane order, then order in the cell.
pub fn touchpoints(map: &Map) -> Vec<(usize, &Card)> {
    let mut out = Vec::new();
    for (si, stage) in map.stages.iter().enumerate() {
        for lane in map.lanes.iter().filter(|l| l.kind == LaneKind::Touchpoints) {
            out.extend(map.cell(&stage.id, &lane.id).map(|c| (si, c)));
        }
    }
    out
}

/// The funnel of `map`, or `None` if no touchpoint has a conversion rate.
pub fn funnel(map: &Map) -> Option<Funnel> {
    let points = touchpoints(map);
    if !points.iter().any(|(_, c)| valid_rate(c.conversion).is_some()) {
        return None;
    }
    let mut remaining = 100.0f64;
    let mut incomplete = false;
    let mut biggest: Option<(usize, f64)> = None;
    let mut steps = Vec::with_capacity(points.len());
    for (stage_index, card) in points {
        let rate = valid_rate(card.conversion);
        let cumulative = match rate {
            Some(r) => {
                remaining *= r / 100.0;
                if biggest.is_none_or(|(_, best)| r < best) {
                    biggest = Some((steps.len(), r));
                }
                Some(remaining)
            }
            None => {
                incomplete = true;
                None
            }
        };
        steps.push(FunnelStep { card_id: card.id.clone(), stage_index, text: card.text.clone(), rate, volume: card.volume, cumulative });
    }
    let biggest_drop = biggest.map(|(i, _)| i)?;
    let stages = stage_figures(map.stages.len(), &steps);
    Some(Funnel { steps, stages, overall: remaining, biggest_drop, incomplete })
}

fn stage_figures(stage_count: usize, steps: &[FunnelStep]) -> Vec<StageFunnel> {
    let mut cumulative: Option<f64> = None;
    (0..stage_count)
        .map(|stage_index| {
            let rates: Vec<f64> = steps.iter().filter(|s| s.stage_index == stage_index).filter_map(|s| s.rate).collect();
            let rate = (!rates.is_empty()).then(|| rates.iter().fold(100.0, |acc, r| acc * r / 100.0));
            if let Some(last) = steps.iter().filter(|s| s.stage_index == stage_index).filter_map(|s| s.cumulative).next_back() {
                cumulative = Some(last);
            }
            StageFunnel { stage_index, rate, cumulative: rate.and(cumulative) }
        })
        .collect()
}

/// A conversion rate to try instead of a card's own ("what if checkout went
/// from 40% to 55%?"); `rate: None` leaves the card without one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RateChange {
    pub card_id: Id,
    pub rate: Option<f64>,
}

/// The funnel of `map` with some rates changed, without changing the map.
/// Changes naming cards not in the map are ignored.
pub fn funnel_with(map: &Map, changes: &[RateChange]) -> Option<Funnel> {
    if changes.is_empty() {
        return funnel(map);
    }
    let mut changed = map.clone();
    for change in changes {
        if let Some(card) = changed.cards.iter_mut().find(|c| c.id == change.card_id) {
            card.conversion = change.rate;
        }
    }
    funnel(&changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lane, Stage};

    fn map(rates: &[(usize, Option<f64>)]) -> Map {
        let stages = (0..3).map(|i| Stage { id: format!("s{i}"), name: format!("S{i}"), color: String::new() }).collect();
        let lanes = vec![
            Lane { id: "t".into(), name: "Touchpoints".into(), kind: LaneKind::Touchpoints, color: String::new() },
            Lane { id: "p".into(), name: "Pain".into(), kind: LaneKind::PainPoints, color: String::new() },
        ];
        let mut cards: Vec<Card> = rates
            .iter()
            .enumerate()
            .map(|(i, &(stage, rate))| Card {
                id: format!("c{i}"),
                stage_id: format!("s{stage}"),
                lane_id: "t".into(),
                text: format!("step {i}"),
                note: String::new(),
                color: String::new(),
                channel: String::new(),
                emotion: None,
                conversion: rate,
                volume: None,
                persona_id: None,
                image_id: None,
            })
            .collect();
        // A rated card outside the touchpoints lane is not on the path.
        if let Some(first) = cards.first().cloned() {
            cards.push(Card { id: "x".into(), lane_id: "p".into(), conversion: Some(1.0), ..first });
        }
        Map {
            id: "m".into(),
            name: "M".into(),
            goal: String::new(),
            scenario: String::new(),
            persona_id: None,
            stages,
            lanes,
            cards,
            research: vec![],
            comments: vec![],
        }
    }

    #[test]
    fn overall_is_the_product_of_the_rates_in_journey_order() {
        // Listed out of order: stage 2 first.
        let f = funnel(&map(&[(2, Some(50.0)), (0, Some(80.0)), (1, Some(25.0))])).expect("funnel");
        let ids: Vec<_> = f.steps.iter().map(|s| s.card_id.as_str()).collect();
        assert_eq!(ids, ["c1", "c2", "c0"]);
        assert!((f.overall - 10.0).abs() < 1e-9, "{}", f.overall);
        assert_eq!(f.steps[1].cumulative, Some(20.0));
        assert_eq!(f.biggest_drop, 1, "25% loses the most");
        assert!(!f.incomplete);
    }

    #[test]
    fn zero_percent_stops_everyone() {
        let f = funnel(&map(&[(0, Some(60.0)), (1, Some(0.0)), (2, Some(90.0))])).expect("funnel");
        assert_eq!(f.overall, 0.0);
        assert_eq!(f.biggest_drop, 1);
        assert_eq!(f.steps[2].cumulative, Some(0.0));
    }

    #[test]
    fn hundred_percent_loses_nobody() {
        let f = funnel(&map(&[(0, Some(100.0)), (1, Some(100.0))])).expect("funnel");
        assert_eq!(f.overall, 100.0);
        assert_eq!(f.biggest_drop, 0, "tie: the first step");
    }

    #[test]
    fn missing_rates_are_listed_but_not_counted() {
        let f = funnel(&map(&[(0, Some(50.0)), (1, None), (2, Some(50.0))])).expect("funnel");
        assert_eq!(f.steps.len(), 3);
        assert_eq!(f.steps[1].rate, None);
        assert_eq!(f.steps[1].cumulative, None);
        assert!((f.overall - 25.0).abs() < 1e-9);
        assert!(f.incomplete);
    }

    #[test]
    fn stages_multiply_their_own_rates_and_carry_the_running_total() {
        // Stage 0: 80% then 50% (two touchpoints); stage 1: none; stage 2: 25%.
        let f = funnel(&map(&[(0, Some(80.0)), (0, Some(50.0)), (2, Some(25.0))])).expect("funnel");
        assert_eq!(f.stages.len(), 3);
        assert_eq!(f.stages[0].rate, Some(40.0));
        assert_eq!(f.stages[0].cumulative, Some(40.0));
        assert_eq!((f.stages[1].rate, f.stages[1].cumulative), (None, None));
        assert_eq!(f.stages[2].rate, Some(25.0));
        assert_eq!(f.stages[2].cumulative, Some(10.0));
        assert!((f.overall - 10.0).abs() < 1e-9);
    }

    #[test]
    fn what_if_changes_rates_without_touching_the_map() {
        let m = map(&[(0, Some(50.0)), (1, Some(40.0))]);
        let before = funnel(&m).expect("funnel");
        assert!((before.overall - 20.0).abs() < 1e-9);
        assert_eq!(before.biggest_drop, 1);
        let after = funnel_with(&m, &[RateChange { card_id: "c1".into(), rate: Some(55.0) }]).expect("funnel");
        assert!((after.overall - 27.5).abs() < 1e-9, "{}", after.overall);
        assert_eq!(after.biggest_drop, 0, "now the first step loses most");
        assert_eq!(m.cards[1].conversion, Some(40.0), "the map is unchanged");
        // Unknown cards are ignored; clearing every rate leaves no funnel.
        assert_eq!(funnel_with(&m, &[RateChange { card_id: "nope".into(), rate: Some(1.0) }]), Some(before));
        let none = [RateChange { card_id: "c0".into(), rate: None }, RateChange { card_id: "c1".into(), rate: None }];
        assert_eq!(funnel_with(&m, &none), None);
    }

    #[test]
    fn no_rates_means_no_funnel_and_bad_rates_are_ignored() {
        assert_eq!(funnel(&map(&[(0, None), (1, None)])), None);
        assert_eq!(funnel(&map(&[])), None);
        assert_eq!(funnel(&map(&[(0, Some(f64::NAN)), (1, Some(140.0))])), None);
    }
}
