//! A service blueprint's three lines, drawn between its lane groups: the line
//! of interaction (above the employees' frontstage actions), the line of
//! visibility (above what happens backstage) and the line of internal
//! interaction (above the support processes). Each goes along the top of the
//! first lane of its kind (`ui/src/theme.json`, `blueprintLines`); the canvas
//! reads the same table, and `tests/fixtures/blueprint-lines.json` holds both
//! to the same answers.

use serde::{Deserialize, Serialize};

use crate::model::LaneKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlueprintLine {
    Interaction,
    Visibility,
    InternalInteraction,
}

impl BlueprintLine {
    pub const ALL: [BlueprintLine; 3] = [BlueprintLine::Interaction, BlueprintLine::Visibility, BlueprintLine::InternalInteraction];

    /// Its name's key in the translations (`blueprint.<line>`).
    pub fn i18n_key(self) -> &'static str {
        match self {
            BlueprintLine::Interaction => "blueprint.interaction",
            BlueprintLine::Visibility => "blueprint.visibility",
            BlueprintLine::InternalInteraction => "blueprint.internal_interaction",
        }
    }
}

/// For each lane (top to bottom), the line drawn along its top edge, if any.
/// None goes above the first lane: there is nothing to separate it from.
pub fn lines(kinds: &[LaneKind]) -> Vec<Option<BlueprintLine>> {
    let places = super::theme::blueprint_lines();
    kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let first_of_kind = !kinds[..i].contains(kind);
            let line = places.iter().find(|(_, k)| k == kind).map(|(line, _)| *line);
            line.filter(|_| i > 0 && first_of_kind)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Case {
        lanes: Vec<LaneKind>,
        lines: Vec<Option<BlueprintLine>>,
    }

    #[test]
    fn lines_go_where_the_shared_table_says() {
        let cases: Vec<Case> = serde_json::from_str::<serde_json::Value>(include_str!("../../../tests/fixtures/blueprint-lines.json"))
            .ok()
            .and_then(|v| serde_json::from_value(v["cases"].clone()).ok())
            .expect("tests/fixtures/blueprint-lines.json");
        assert!(cases.len() >= 4);
        for case in cases {
            assert_eq!(lines(&case.lanes), case.lines, "{:?}", case.lanes);
        }
    }

    #[test]
    fn every_line_has_a_name_in_both_languages() {
        for line in BlueprintLine::ALL {
            for lang in [crate::template::Lang::En, crate::template::Lang::Vi] {
                assert!(crate::i18n::lookup(lang, line.i18n_key()).is_some(), "{lang:?} has no name for {line:?}");
            }
        }
    }
}
