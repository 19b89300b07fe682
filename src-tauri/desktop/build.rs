fn main() {
    // The window, its config (tauri.conf.json) and its icons matter only to the desktop app;
    // the headless core builds without them.
    #[cfg(feature = "desktop")]
    tauri_build::build();
}
