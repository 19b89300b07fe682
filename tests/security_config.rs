//! The webview's limits, read from tauri.conf.json: a strict Content-Security-
//! Policy and capabilities reduced to what the UI calls (its own commands need
//! none; files are reached only through those commands and the dialogs).

use std::collections::BTreeSet;

fn config() -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("read tauri.conf.json")).expect("tauri.conf.json is JSON")
}

#[test]
fn the_content_security_policy_allows_only_the_apps_own_code() {
    let conf = config();
    let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP string");
    let directives: Vec<(&str, Vec<&str>)> = csp
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut parts = d.split_whitespace();
            (parts.next().expect("a directive name"), parts.collect())
        })
        .collect();
    let get = |name: &str| directives.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone());
    assert_eq!(get("default-src"), Some(vec!["'self'"]));
    assert_eq!(get("script-src"), Some(vec!["'self'"]), "no inline or eval'd script, no remote script");
    for (name, sources) in &directives {
        for s in sources {
            assert!(!s.contains("unsafe-eval"), "{name} allows eval");
            assert!(!s.starts_with("http:") && !s.starts_with("https:") || *s == "http://ipc.localhost", "{name} reaches the network: {s}");
            assert_ne!(*s, "*", "{name} allows everything");
        }
    }
    assert_ne!(conf["app"]["withGlobalTauri"], serde_json::Value::Bool(true), "the IPC is not exposed to every script as a global");
}

#[test]
fn the_window_may_only_listen_for_events_open_dialogs_and_go_full_screen() {
    let conf = config();
    let caps = conf["app"]["security"]["capabilities"].as_array().expect("capabilities");
    assert_eq!(caps.len(), 1, "one capability, for the main window");
    assert_eq!(caps[0]["windows"], serde_json::json!(["main"]));
    assert!(caps[0].get("remote").is_none(), "no remote page gets the IPC");
    let granted: BTreeSet<&str> =
        caps[0]["permissions"].as_array().expect("permissions").iter().map(|p| p.as_str().expect("a name")).collect();
    let wanted: BTreeSet<&str> = [
        "core:event:allow-listen", // the "open this file" event of a second launch
        "core:event:allow-unlisten",
        "dialog:allow-open",    // Open…, Import…, a persona photo
        "dialog:allow-save",    // New, Save as…, Export…
        "dialog:allow-message", // ask() goes through it
        "dialog:allow-ask",
        "core:window:allow-set-fullscreen", // presentation mode
    ]
    .into();
    assert_eq!(granted, wanted);
}
