//! Funnel figures of a map: the touchpoints that carry a conversion rate, in
//! journey order, the overall conversion along that path and the biggest
//! drop-off. Pure arithmetic on the model; the exporters and the UI show it.

use crate::model::{Card, LaneKind, Map};

/// One touchpoint on the funnel path.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelStep {
    pub card_id: String,
    /// Index of the card's stage in [`Map::stages`].
    pub stage_index: usize,
    pub text: String,
    /// Percentage (0–100) of the people reaching this step who go on; `None`
    /// when the card has no rate (the step is listed but not counted).
    pub rate: Option<f64>,
    pub volume: Option<i64>,
    /// Percentage of the people entering the first rated step who are still
    /// there after this one (product of the rates so far).
    pub cumulative: Option<f64>,
}

/// The funnel along the touchpoints of a map.
#[derive(Debug, Clone, PartialEq)]
pub struct Funnel {
    pub steps: Vec<FunnelStep>,
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
        steps.push(FunnelStep {
            card_id: card.id.clone(),
            stage_index,
            text: card.text.clone(),
            rate,
            volume: card.volume,
            cumulative,
        });
    }
    let biggest_drop = biggest.map(|(i, _)| i)?;
    Some(Funnel { steps, overall: remaining, biggest_drop, incomplete })
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
            })
            .collect();
        // A rated card outside the touchpoints lane is not on the path.
        if let Some(first) = cards.first().cloned() {
            cards.push(Card { id: "x".into(), lane_id: "p".into(), conversion: Some(1.0), ..first });
        }
        Map { id: "m".into(), name: "M".into(), goal: String::new(), scenario: String::new(), persona_id: None, stages, lanes, cards }
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
    fn no_rates_means_no_funnel_and_bad_rates_are_ignored() {
        assert_eq!(funnel(&map(&[(0, None), (1, None)])), None);
        assert_eq!(funnel(&map(&[])), None);
        assert_eq!(funnel(&map(&[(0, Some(f64::NAN)), (1, Some(140.0))])), None);
    }
}
