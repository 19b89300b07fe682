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
