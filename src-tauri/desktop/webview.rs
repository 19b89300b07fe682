//! How the window's webview draws. On Linux the page is drawn by WebKitGTK,
//! which by default composites its layers with OpenGL. Without a GPU (no DRM
//! render node: a VM, a remote desktop, a laptop on a driver Mesa cannot
//! accelerate) that OpenGL is Mesa's software rasterizer, and compositing the
//! map's layers on the CPU took 30–70 ms per frame (15–30 frames per second
//! even with nothing moving). There WebKit is told to draw without
//! compositing: it paints only what changed, into the window's buffer. With a
//! GPU, compositing stays on (scrolling and dragging are cheaper with it).
//!
//! `JOURNEY_STUDIO_WEBVIEW_GPU=on|off` overrides the detection.

use std::path::Path;

/// Whether the webview should composite with OpenGL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compositing {
    Gpu,
    Software,
}

/// The choice for this machine: the override if set, else whether a GPU
/// render node exists under `dri` (normally `/dev/dri`).
pub fn choose(override_value: Option<&str>, dri: &Path) -> Compositing {
    match override_value.map(str::trim) {
        Some("on") => return Compositing::Gpu,
        Some("off") => return Compositing::Software,
        _ => {}
    }
    let has_render_node = std::fs::read_dir(dri)
        .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false);
    if has_render_node {
        Compositing::Gpu
    } else {
        Compositing::Software
    }
}

/// The choice for the running process.
pub fn detect() -> Compositing {
    choose(std::env::var("JOURNEY_STUDIO_WEBVIEW_GPU").ok().as_deref(), Path::new("/dev/dri"))
}

/// Applies the choice to a window's webview.
#[cfg(target_os = "linux")]
pub fn configure<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>, compositing: Compositing) -> tauri::Result<()> {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    let policy = match compositing {
        Compositing::Gpu => HardwareAccelerationPolicy::Always,
        Compositing::Software => HardwareAccelerationPolicy::Never,
    };
    window.with_webview(move |webview| {
        if let Some(settings) = webview.inner().settings() {
            settings.set_hardware_acceleration_policy(policy);
        }
    })
}

/// Other platforms' webviews choose for themselves.
#[cfg(not(target_os = "linux"))]
pub fn configure<R: tauri::Runtime>(_window: &tauri::WebviewWindow<R>, _compositing: Compositing) -> tauri::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{choose, Compositing};

    #[test]
    fn a_render_node_means_gpu_compositing_and_the_override_wins() {
        let dir = std::env::temp_dir().join(format!("journey-dri-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(choose(None, &dir), Compositing::Software);
        assert_eq!(choose(None, &dir.join("missing")), Compositing::Software);
        std::fs::write(dir.join("card0"), b"").unwrap();
        assert_eq!(choose(None, &dir), Compositing::Software);
        std::fs::write(dir.join("renderD128"), b"").unwrap();
        assert_eq!(choose(None, &dir), Compositing::Gpu);
        assert_eq!(choose(Some("off"), &dir), Compositing::Software);
        assert_eq!(choose(Some("on"), &dir.join("missing")), Compositing::Gpu);
        assert_eq!(choose(Some("maybe"), &dir), Compositing::Gpu);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
