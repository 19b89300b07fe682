//! The words the core writes for people (export pages, new projects' names),
//! read from the UI's own translation files (`ui/src/i18n/*.json`): one source
//! of translations for the app and its exports.

use std::sync::OnceLock;

use serde_json::Value;

use crate::model::LaneKind;
use crate::template::Lang;

fn strings(lang: Lang) -> &'static Value {
    static EN: OnceLock<Value> = OnceLock::new();
    static VI: OnceLock<Value> = OnceLock::new();
    let (cell, json) = match lang {
        Lang::En => (&EN, include_str!("../../ui/src/i18n/en.json")),
        Lang::Vi => (&VI, include_str!("../../ui/src/i18n/vi.json")),
    };
    // The files are part of the build, and a test reads every key the core uses.
    cell.get_or_init(|| serde_json::from_str(json).unwrap_or(Value::Null))
}

/// The string at a dotted `key` ("funnel.overall") in `lang`, if there is one.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    key.split('.').try_fold(strings(lang), |v, part| v.get(part))?.as_str()
}

/// The string at `key` in `lang`; English where `lang` lacks it, and the key
/// itself where both do (`tests` check that every key the core uses exists).
pub fn t(lang: Lang, key: &'static str) -> &'static str {
    lookup(lang, key).or_else(|| lookup(Lang::En, key)).unwrap_or(key)
}

/// [`t`] with i18next's `{{name}}` placeholders filled in.
pub fn t_with(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    args.iter().fold(t(lang, key).to_owned(), |s, (name, value)| s.replace(&format!("{{{{{name}}}}}"), value))
}

/// A lane kind's name (`laneKind.<kind>`), as the canvas shows it.
pub fn lane_kind(lang: Lang, kind: LaneKind) -> &'static str {
    lookup(lang, &format!("laneKind.{}", kind.as_str())).unwrap_or(kind.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_keys_in_both_languages_and_fills_placeholders() {
        assert_eq!(t(Lang::En, "laneKind.pain_points"), "Pain points");
        assert_eq!(t(Lang::Vi, "laneKind.pain_points"), "Điểm đau");
        assert_eq!(t(Lang::En, "no.such.key"), "no.such.key");
        assert_eq!(lookup(Lang::Vi, "laneKind"), None, "a group is not a string");
        assert_eq!(t_with(Lang::En, "panel.stats", &[("stages", "5"), ("lanes", "8"), ("cards", "12")]), "5 stages · 8 lanes · 12 cards");
    }

    /// Every `t(…, "key")` / `t_with(…, "key"` literal in the core's sources.
    fn keys_used() -> Vec<String> {
        fn rs_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("read src-tauri").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    rs_files(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        rs_files(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri"), &mut files);
        let mut keys = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("read source");
            for call in ["t(", "t_with("] {
                for (at, _) in text.match_indices(call) {
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue; // some other function whose name ends in t
                    }
                    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                    if text[line_start..at].trim_start().starts_with("//") {
                        continue; // a comment
                    }
                    // t(lang, "key") — the first argument is a plain name.
                    let rest = &text[at + call.len()..];
                    let Some((arg, tail)) = rest.split_once(", \"") else { continue };
                    if !arg.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                        continue;
                    }
                    if let Some((key, _)) = tail.split_once('"') {
                        keys.push(key.to_owned());
                    }
                }
            }
        }
        keys
    }

    /// Every error code the core can answer with: the string literals in the
    /// bodies of the error types' `fn code`.
    fn error_codes() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/core");
        let mut codes = Vec::new();
        // The desktop layer's own errors (the system clipboard) reach the UI the same way.
        for file in ["error.rs", "project_json.rs", "export/mod.rs", "metric_import/table.rs", "../desktop/clipboard.rs"] {
            let text = std::fs::read_to_string(root.join(file)).expect("read source");
            for (at, _) in text.match_indices("pub fn code(&self) -> &'static str {") {
                let body = &text[at..];
                let body = &body[..body.find("\n    }\n").unwrap_or(body.len())];
                // The codes are what the arms answer: the literals after `=>` (not the patterns').
                let answers = body.lines().filter_map(|l| l.split_once("=>")).map(|(_, answer)| answer);
                codes.extend(answers.flat_map(|a| a.split('"').skip(1).step_by(2).map(str::to_owned).collect::<Vec<_>>()));
            }
        }
        codes
    }

    #[test]
    fn every_error_code_the_core_answers_with_reads_in_both_languages() {
        let codes = error_codes();
        assert!(codes.len() > 40, "found only {} codes: is the scan still finding them?", codes.len());
        assert!(codes.iter().any(|c| c == "table_not_utf8") && codes.iter().any(|c| c == "disk_full"), "{codes:?}");
        let missing: Vec<_> = codes
            .iter()
            .flat_map(|c| [Lang::En, Lang::Vi].map(|lang| (lang, c)))
            .filter(|(lang, c)| lookup(*lang, &format!("errors.{c}")).is_none())
            .collect();
        assert!(missing.is_empty(), "error codes the UI cannot put in words (ui/src/i18n errors.*): {missing:?}");
    }

    #[test]
    fn every_key_the_core_uses_exists_in_both_languages() {
        let keys = keys_used();
        assert!(keys.len() > 25, "found only {} keys: is the scan still finding the calls?", keys.len());
        let missing: Vec<_> =
            keys.iter().flat_map(|k| [Lang::En, Lang::Vi].map(|lang| (lang, k))).filter(|(lang, k)| lookup(*lang, k).is_none()).collect();
        assert!(missing.is_empty(), "keys the core uses but ui/src/i18n lacks: {missing:?}");
        for kind in LaneKind::ALL {
            for lang in [Lang::En, Lang::Vi] {
                assert!(lookup(lang, &format!("laneKind.{}", kind.as_str())).is_some(), "{lang:?} has no name for {kind:?}");
            }
        }
    }
}
