//! The fuzz targets' inputs as plain regression tests: every seed
//! (fuzz/seeds/<target>/) and every input that once crashed a target
//! (fuzz/regressions/<target>/, where `.ci/fuzz.sh` copies them) is run
//! through the same checks as under the fuzzer (fuzz/src/lib.rs: the core
//! never panics, refused edits change nothing, undo/redo are exact, the tables
//! stay sound…), on every `cargo test`. Coverage-guided fuzzing itself is its
//! own command: `.ci/fuzz.sh [seconds]`.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)] // The fuzz targets' helpers that only the fuzzer binaries use.
mod harness;

use std::path::Path;

/// The inputs of `target`: its seeds and its kept crash inputs, by file name.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut out = Vec::new();
    for folder in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() && !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                let data = std::fs::read(&path).expect("read a fuzz input");
                out.push((format!("{folder}/{target}/{}", entry.file_name().to_string_lossy()), data));
            }
        }
    }
    out.sort();
    out
}

fn replay(target: &str, run: fn(&[u8])) {
    let inputs = inputs(target);
    assert!(!inputs.is_empty(), "fuzz/seeds/{target}/ has no input");
    for (name, data) in inputs {
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{name} breaks an invariant of {target} (see the panic above)");
    }
}

#[test]
fn import_project_inputs() {
    replay("import_project", harness::import_project);
}

#[test]
fn edit_json_inputs() {
    replay("edit_json", harness::edit_json);
}

#[test]
fn edit_sequence_inputs() {
    replay("edit_sequence", harness::edit_sequence);
}

/// Comment edits mixed with what takes comments away (deleting their card,
/// stage or lane) or keeps them (snapshots, restores), checked as the fuzzer
/// checks every step: a deterministic sequence, so the comment paths run on
/// every `cargo test` whatever the seeds decode to.
#[test]
fn comment_edits_keep_every_invariant() {
    use journey_studio::model::{Comment, CommentOn};
    use journey_studio::Edit;
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    for _ in 0..20 {
        let mut s = harness::Session::new();
        for _ in 0..25 {
            let k = format!("k{}", next(6));
            let stage = next(2) == 0;
            let target = if stage { format!("s{}", next(5)) } else { format!("c{}", next(6)) };
            let on = if stage { CommentOn::Stage } else { CommentOn::Card };
            let parent = if next(2) == 0 { Some(format!("k{}", next(6))) } else { None };
            let e = match next(12) {
                0 | 1 => {
                    Edit::PostComment { comment_id: k, on, target_id: target, parent_id: parent, author: "A".into(), body: "B".into() }
                }
                2 => Edit::AddComment {
                    comment: Comment {
                        id: k,
                        on,
                        target_id: target,
                        parent_id: parent,
                        author: "x".into(),
                        body: "y".into(),
                        created_at: next(5) as i64,
                        resolved_at: None,
                        resolved_by: String::new(),
                    },
                },
                3 => Edit::UpdateComment { comment_id: k, body: "z".into() },
                4 => Edit::DeleteComment { comment_id: k },
                5 => Edit::ResolveComment { comment_id: k, by: "R".into(), at: None },
                6 => Edit::ReopenComment { comment_id: k },
                7 => Edit::DeleteCard { card_id: format!("c{}", next(6)) },
                8 => Edit::DeleteStage { stage_id: format!("s{}", next(5)) },
                9 => Edit::DeleteLane { lane_id: format!("l{}", next(8)) },
                10 => Edit::TakeSnapshot {
                    map_id: "m0".into(),
                    snapshot_id: format!("v{}", next(2)),
                    name: "n".into(),
                    note: String::new(),
                    taken_at: 1,
                },
                _ => Edit::RestoreSnapshot { snapshot_id: format!("v{}", next(2)) },
            };
            s.step(&e);
        }
        s.finish();
    }
}
