//! Metric import: touchpoint conversion rates and volumes from a CSV or
//! spreadsheet export (analytics, CRM, a telesales tool), in steps — read the
//! table (`table.rs`), read its numbers (`number.rs`), find each row's
//! touchpoint (`matching.rs`) — and then [`plan`]: what each row would change,
//! with a plain reason for each row that cannot be used, and the one edit
//! (a batch of `set_card_metrics`) that applies it all as one undo step.
//! Nothing is written here: the UI shows the plan and dispatches its edit.

pub mod matching;
pub mod number;
pub mod table;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::edit::Edit;
use crate::model::{Id, Map};
use matching::Found;
use number::{NumberProblem, RateScale};
pub use table::{Table, TableError};

/// The most rows a preview of a table shows.
pub const PREVIEW_ROWS: usize = 8;

/// Which columns hold what. Column numbers count from 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MetricMapping {
    /// The workbook sheet (spreadsheets only; `null`: the first).
    pub sheet: Option<String>,
    /// The column naming the touchpoint (its text, or its card id with `by_id`).
    pub key_column: usize,
    pub by_id: bool,
    /// A column naming the stage, for names found on several stages.
    pub stage_column: Option<usize>,
    pub conversion_column: Option<usize>,
    pub rate_scale: RateScale,
    pub volume_column: Option<usize>,
}

/// A table as the import dialog first shows it: its columns, its first rows,
/// and a guess of the mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MetricSource {
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
    pub headers: Vec<String>,
    /// The first rows (at most [`PREVIEW_ROWS`]).
    pub preview: Vec<Vec<String>>,
    pub row_count: usize,
    pub mapping: MetricMapping,
}

/// A touchpoint's measured values.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Metrics {
    pub conversion: Option<f64>,
    #[ts(type = "number | null")]
    pub volume: Option<i64>,
}

/// Why a row cannot be used, in words the UI translates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RowProblem {
    /// The key cell is empty.
    NoKey,
    /// No touchpoint of the map has this name (or id).
    NotFound,
    /// Several touchpoints have this name: the stages they are on.
    Ambiguous {
        stages: Vec<String>,
    },
    NotARate {
        value: String,
    },
    RateOutOfRange {
        value: String,
    },
    NotAVolume {
        value: String,
    },
    /// An earlier row (its line) already sets this touchpoint.
    Repeated {
        line: usize,
    },
    /// Neither a rate nor a volume is given.
    NoValues,
}

/// What one row does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RowOutcome {
    Change {
        card_id: Id,
        card_text: String,
        stage: String,
        before: Metrics,
        after: Metrics,
    },
    Unchanged {
        card_id: Id,
        card_text: String,
        stage: String,
    },
    Problem {
        problem: RowProblem,
    },
    /// A row with nothing in it.
    Blank,
}

/// One data row: its line as the spreadsheet numbers it (the header is line 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlannedRow {
    pub line: usize,
    pub key: String,
    pub outcome: RowOutcome,
}

/// What importing the table into a map would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MetricPlan {
    pub rows: Vec<PlannedRow>,
    pub changes: usize,
    pub unchanged: usize,
    pub problems: usize,
    /// The touchpoints of the map no row mentions.
    pub untouched: usize,
    /// The edit that applies every change as one undo step; `null` when nothing changes.
    pub edit: Option<Edit>,
}

/// The table's columns, first rows and a guessed mapping.
pub fn source(table: &Table) -> MetricSource {
    MetricSource {
        sheet: table.sheet.clone(),
        sheets: table.sheets.clone(),
        headers: table.headers.clone(),
        preview: table.rows.iter().take(PREVIEW_ROWS).cloned().collect(),
        row_count: table.rows.len(),
        mapping: guess(table),
    }
}

/// Header words of common exports, English and Vietnamese, normalised.
const ID_WORDS: &[&str] = &["id", "card id", "card_id", "mã thẻ", "mã"];
const KEY_WORDS: &[&str] = &["touchpoint", "điểm chạm", "name", "tên", "step", "bước", "page", "trang", "kênh", "event", "sự kiện"];
const STAGE_WORDS: &[&str] = &["stage", "giai đoạn", "phase"];
const RATE_WORDS: &[&str] = &["conversion", "chuyển đổi", "rate", "tỷ lệ", "tỉ lệ", "cvr", "%"];
const VOLUME_WORDS: &[&str] = &["volume", "users", "visitors", "sessions", "people", "reach", "lượt", "số người", "khách", "người dùng"];

/// The mapping the table's headers suggest.
pub fn guess(table: &Table) -> MetricMapping {
    let headers: Vec<String> = table.headers.iter().map(|h| matching::normalize(h)).collect();
    let mut taken = Vec::new();
    let mut pick = |words: &[&str], exact: bool| {
        let found = headers
            .iter()
            .enumerate()
            .find(|(i, h)| !taken.contains(i) && words.iter().any(|w| if exact { h.as_str() == *w } else { h.contains(w) }));
        let column = found.map(|(i, _)| i);
        taken.extend(column);
        column
    };
    let id = pick(ID_WORDS, true);
    let stage = pick(STAGE_WORDS, false);
    let conversion = pick(RATE_WORDS, false);
    let volume = pick(VOLUME_WORDS, false);
    let name = pick(KEY_WORDS, false);
    let (key_column, by_id) = match (name, id) {
        (Some(n), _) => (n, false),
        (None, Some(i)) => (i, true),
        (None, None) => ((0..headers.len()).find(|i| !taken.contains(i)).unwrap_or(0), false),
    };
    let rate_scale = match conversion {
        Some(c) => number::guess_scale(table.rows.iter().filter_map(|r| r.get(c)).map(String::as_str)),
        None => RateScale::Percent,
    };
    MetricMapping {
        sheet: table.sheet.clone(),
        key_column,
        by_id,
        stage_column: stage,
        conversion_column: conversion,
        rate_scale,
        volume_column: volume,
    }
}

/// What importing `table` into `map` with `mapping` would change.
pub fn plan(map: &Map, table: &Table, mapping: &MetricMapping) -> Result<MetricPlan, TableError> {
    let width = table.headers.len();
    for column in [Some(mapping.key_column), mapping.stage_column, mapping.conversion_column, mapping.volume_column].into_iter().flatten() {
        if column >= width {
            return Err(TableError::NoSuchColumn(column));
        }
    }
    let touchpoints = matching::touchpoints(map);
    let mut seen: HashMap<Id, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut edits = Vec::new();
    for (i, cells) in table.rows.iter().enumerate() {
        let line = i + 2;
        let cell = |c: Option<usize>| c.and_then(|c| cells.get(c)).map_or("", |s| s.as_str());
        let key = cell(Some(mapping.key_column)).trim().to_owned();
        let outcome = row_outcome(
            &touchpoints,
            mapping,
            &key,
            cell(mapping.stage_column),
            cell(mapping.conversion_column),
            cell(mapping.volume_column),
            cells,
            line,
            &mut seen,
        );
        if let RowOutcome::Change { card_id, after, before, .. } = &outcome {
            edits.push(Edit::SetCardMetrics {
                card_id: card_id.clone(),
                emotion: None,
                conversion: (after.conversion != before.conversion).then_some(after.conversion),
                volume: (after.volume != before.volume).then_some(after.volume),
            });
        }
        rows.push(PlannedRow { line, key, outcome });
    }
    let count = |f: fn(&RowOutcome) -> bool| rows.iter().filter(|r| f(&r.outcome)).count();
    let changes = count(|o| matches!(o, RowOutcome::Change { .. }));
    let unchanged = count(|o| matches!(o, RowOutcome::Unchanged { .. }));
    let problems = count(|o| matches!(o, RowOutcome::Problem { .. }));
    let untouched = touchpoints.iter().filter(|t| !seen.contains_key(&t.card.id)).count();
    let edit = (!edits.is_empty()).then_some(Edit::Batch { edits });
    Ok(MetricPlan { rows, changes, unchanged, problems, untouched, edit })
}

#[allow(clippy::too_many_arguments)]
fn row_outcome(
    touchpoints: &[matching::Touchpoint<'_>],
    mapping: &MetricMapping,
    key: &str,
    stage: &str,
    rate_cell: &str,
    volume_cell: &str,
    cells: &[String],
    line: usize,
    seen: &mut HashMap<Id, usize>,
) -> RowOutcome {
    let problem = |problem| RowOutcome::Problem { problem };
    if cells.iter().all(|c| c.trim().is_empty()) {
        return RowOutcome::Blank;
    }
    if key.is_empty() {
        return problem(RowProblem::NoKey);
    }
    let stage = (!stage.trim().is_empty()).then_some(stage);
    let tp = match matching::find(touchpoints, key, stage, mapping.by_id) {
        Found::One(tp) => tp,
        Found::Nothing => return problem(RowProblem::NotFound),
        Found::Several(stages) => return problem(RowProblem::Ambiguous { stages }),
    };
    let conversion = match number::rate(rate_cell, mapping.rate_scale) {
        Ok(v) => v,
        Err(NumberProblem::NotANumber) => return problem(RowProblem::NotARate { value: rate_cell.trim().to_owned() }),
        Err(NumberProblem::OutOfRange) => return problem(RowProblem::RateOutOfRange { value: rate_cell.trim().to_owned() }),
    };
    let volume = match number::volume(volume_cell) {
        Ok(v) => v,
        Err(_) => return problem(RowProblem::NotAVolume { value: volume_cell.trim().to_owned() }),
    };
    if conversion.is_none() && volume.is_none() {
        return problem(RowProblem::NoValues);
    }
    if let Some(first) = seen.get(&tp.card.id) {
        return problem(RowProblem::Repeated { line: *first });
    }
    seen.insert(tp.card.id.clone(), line);
    let before = Metrics { conversion: tp.card.conversion, volume: tp.card.volume };
    let after = Metrics { conversion: conversion.or(before.conversion), volume: volume.or(before.volume) };
    let (card_id, card_text, stage) = (tp.card.id.clone(), tp.card.text.clone(), tp.stage.name.clone());
    if after == before {
        RowOutcome::Unchanged { card_id, card_text, stage }
    } else {
        RowOutcome::Change { card_id, card_text, stage, before, after }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Card, LaneKind};
    use crate::template::{default_project, Lang};

    fn map() -> Map {
        let mut map = default_project(Lang::Vi).maps.remove(0);
        let lane = map.lanes.iter().find(|l| l.kind == LaneKind::Touchpoints).map(|l| l.id.clone()).expect("lane");
        let stages: Vec<Id> = map.stages.iter().map(|s| s.id.clone()).collect();
        map.cards.clear();
        let mut ad = Card::new("ad", stages[0].clone(), lane.clone(), "Quảng cáo Facebook");
        ad.conversion = Some(4.0);
        map.cards.push(ad);
        map.cards.push(Card::new("cart", stages[1].clone(), lane.clone(), "Giỏ hàng → Thanh toán"));
        map.cards.push(Card::new("mail1", stages[1].clone(), lane.clone(), "Email"));
        map.cards.push(Card::new("mail2", stages[2].clone(), lane.clone(), "Email"));
        map.cards.push(Card::new("store", stages[2].clone(), lane, "Cửa hàng"));
        map
    }

    fn table(rows: &[&[&str]]) -> Table {
        let headers = ["Điểm chạm", "Giai đoạn", "Tỷ lệ chuyển đổi", "Lượt người dùng"].map(str::to_owned).to_vec();
        let rows = rows.iter().map(|r| r.iter().map(|c| (*c).to_owned()).collect()).collect();
        Table { sheet: None, sheets: vec![], headers, rows }
    }

    #[test]
    fn vietnamese_headers_are_guessed() {
        let t = table(&[&["Email", "", "0,12", "1.200"]]);
        let m = guess(&t);
        assert_eq!(
            (m.key_column, m.by_id, m.stage_column, m.conversion_column, m.volume_column, m.rate_scale),
            (0, false, Some(1), Some(2), Some(3), RateScale::Fraction)
        );
        let english = Table { headers: vec!["id".into(), "Visitors".into(), "CVR".into()], ..t.clone() };
        let m = guess(&english);
        assert_eq!((m.key_column, m.by_id, m.volume_column, m.conversion_column), (0, true, Some(1), Some(2)));
    }

    #[test]
    fn each_row_is_planned_with_a_plain_reason_when_it_cannot_be_used() {
        let map = map();
        let t = table(&[
            &["Giỏ hàng → Thanh toán", "", "35%", "12.000"],
            &["quảng cáo facebook", "", "4", ""],
            &["Email", "", "20%", ""],
            &["Email", map.stages[2].name.as_str(), "20%", ""],
            &["Zalo OA", "", "5%", ""],
            &["Cửa hàng", "", "cao", ""],
            &["Cửa hàng", "", "140%", ""],
            &["Cửa hàng", "", "", "nhiều"],
            &["Cửa hàng", "", "", ""],
            &["", "", "5%", ""],
            &["", "", "", ""],
            &["GIỎ HÀNG → THANH TOÁN", "", "36%", ""],
        ]);
        let plan = plan(&map, &t, &guess(&t)).expect("plan");
        let outcomes: Vec<&RowOutcome> = plan.rows.iter().map(|r| &r.outcome).collect();
        assert!(
            matches!(outcomes[0], RowOutcome::Change { card_id, after, .. } if card_id == "cart" && *after == Metrics { conversion: Some(35.0), volume: Some(12_000) })
        );
        assert!(matches!(outcomes[1], RowOutcome::Unchanged { card_id, .. } if card_id == "ad"));
        assert!(matches!(outcomes[2], RowOutcome::Problem { problem: RowProblem::Ambiguous { stages } } if stages.len() == 2));
        assert!(matches!(outcomes[3], RowOutcome::Change { card_id, .. } if card_id == "mail2"));
        assert_eq!(outcomes[4], &RowOutcome::Problem { problem: RowProblem::NotFound });
        assert_eq!(outcomes[5], &RowOutcome::Problem { problem: RowProblem::NotARate { value: "cao".into() } });
        assert_eq!(outcomes[6], &RowOutcome::Problem { problem: RowProblem::RateOutOfRange { value: "140%".into() } });
        assert_eq!(outcomes[7], &RowOutcome::Problem { problem: RowProblem::NotAVolume { value: "nhiều".into() } });
        assert_eq!(outcomes[8], &RowOutcome::Problem { problem: RowProblem::NoValues });
        assert_eq!(outcomes[9], &RowOutcome::Problem { problem: RowProblem::NoKey });
        assert_eq!(outcomes[10], &RowOutcome::Blank);
        assert_eq!(outcomes[11], &RowOutcome::Problem { problem: RowProblem::Repeated { line: 2 } });
        assert_eq!(plan.rows[11].line, 13, "lines as the spreadsheet numbers them");
        assert_eq!((plan.changes, plan.unchanged, plan.problems, plan.untouched), (2, 1, 8, 2));
        let Some(Edit::Batch { edits }) = &plan.edit else { panic!("one batch: {:?}", plan.edit) };
        assert_eq!(
            edits[0],
            Edit::SetCardMetrics { card_id: "cart".into(), emotion: None, conversion: Some(Some(35.0)), volume: Some(Some(12_000)) }
        );
        assert_eq!(edits[1], Edit::SetCardMetrics { card_id: "mail2".into(), emotion: None, conversion: Some(Some(20.0)), volume: None });
    }

    #[test]
    fn a_column_outside_the_table_is_refused_and_nothing_to_change_gives_no_edit() {
        let map = map();
        let t = table(&[&["Quảng cáo Facebook", "", "4%", ""]]);
        let mut mapping = guess(&t);
        let plan = plan(&map, &t, &mapping).expect("plan");
        assert_eq!((plan.changes, plan.unchanged, plan.edit), (0, 1, None));
        mapping.volume_column = Some(9);
        assert!(matches!(super::plan(&map, &t, &mapping), Err(TableError::NoSuchColumn(9))));
    }
}
