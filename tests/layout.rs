//! The layout holds the architecture: the core (`src-tauri/core/`) never
//! imports the window's crates; only the binary (`src-tauri/desktop/`) does.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_never_imports_tauri() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src-tauri/core"), &mut files);
    assert!(files.len() > 20, "found only {} core files", files.len());
    for file in &files {
        let source = std::fs::read_to_string(file).expect("read");
        for needle in ["tauri::", "use tauri", "tauri_plugin", "webkit2gtk", "feature = \"desktop\""] {
            assert!(!source.contains(needle), "{} mentions `{needle}`: the window's code belongs in src-tauri/desktop/", file.display());
        }
    }
    // The sync server and the app's connection to it are library modules beside the core: no Tauri either.
    let mut network = Vec::new();
    rust_files(&root.join("src-tauri/server"), &mut network);
    rust_files(&root.join("src-tauri/wire"), &mut network);
    assert!(network.len() >= 8, "found only {} server/wire files", network.len());
    for file in &network {
        let source = std::fs::read_to_string(file).expect("read");
        for needle in ["tauri::", "use tauri", "tauri_plugin", "webkit2gtk"] {
            assert!(!source.contains(needle), "{} mentions `{needle}`: the server and the wire never import the window", file.display());
        }
    }
    let mut desktop = Vec::new();
    rust_files(&root.join("src-tauri/desktop"), &mut desktop);
    assert!(desktop.iter().any(|f| std::fs::read_to_string(f).is_ok_and(|s| s.contains("tauri::"))), "desktop/ holds the Tauri code");
}
