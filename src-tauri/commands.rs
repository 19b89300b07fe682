//! The Tauri command layer: translates IPC calls into core calls and core errors
//! into [`ErrorInfo`]. No document logic lives here.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use tauri::{AppHandle, Manager, State};

use crate::analytics::{self, Funnel, RateChange};
use crate::archive;
use crate::edit::Edit;
use crate::error::{Error, ErrorInfo};
use crate::export::{self, ExportFormat, PdfOptions};
use crate::model::{DocumentView, Snapshot};
use crate::recent;
use crate::review::{self, MapDiff};
use crate::store::ProjectFile;
use crate::template::{self, Lang, TemplateId, TemplateInfo};

type CmdResult<T> = Result<T, ErrorInfo>;

/// What the window's backend holds: at most one open project.
pub struct AppState {
    project: Mutex<Option<ProjectFile>>,
    initial_path: Option<String>,
}

impl AppState {
    pub fn new(initial_path: Option<PathBuf>) -> Self {
        AppState { project: Mutex::new(None), initial_path: initial_path.map(|p| p.to_string_lossy().into_owned()) }
    }

    fn lock(&self) -> MutexGuard<'_, Option<ProjectFile>> {
        // A panic while holding the lock cannot leave the file half-written (SQLite
        // transactions), so the state behind a poisoned lock is still usable.
        self.project.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn info(e: Error) -> ErrorInfo {
    ErrorInfo::from(&e)
}

fn recent_list_file(app: &AppHandle) -> Option<PathBuf> {
    app.path().app_config_dir().ok().map(|d| d.join("recent.json"))
}

fn remember(app: &AppHandle, path: &Path) {
    if let Some(list) = recent_list_file(app) {
        // The recent list is a convenience: failing to write it must not fail the open.
        let _ = recent::remember(&list, path);
    }
}

/// Puts `file` in the state (replacing any open project) and returns its view.
fn install(app: &AppHandle, state: &AppState, file: ProjectFile) -> CmdResult<DocumentView> {
    let view = file.view().map_err(info)?;
    remember(app, file.path());
    *state.lock() = Some(file);
    Ok(view)
}

fn with_open<T>(state: &AppState, f: impl FnOnce(&mut ProjectFile) -> crate::error::Result<T>) -> CmdResult<T> {
    let mut guard = state.lock();
    let file = guard.as_mut().ok_or_else(|| info(Error::NoProject))?;
    f(file).map_err(info)
}

#[tauri::command]
pub async fn initial_path(state: State<'_, AppState>) -> CmdResult<Option<String>> {
    Ok(state.initial_path.clone())
}

/// Replacing the file that is open here: close it first so nothing writes to it.
fn close_if_open(state: &AppState, path: &Path) {
    let mut guard = state.lock();
    if guard.as_ref().is_some_and(|f| std::fs::canonicalize(path).ok().as_deref() == Some(f.path())) {
        *guard = None;
    }
}

/// The templates of the "New project" gallery, in `lang`.
#[tauri::command]
pub async fn templates(lang: Lang) -> CmdResult<Vec<TemplateInfo>> {
    Ok(template::gallery(lang))
}

#[tauri::command]
pub async fn new_project(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
    lang: Lang,
    template: TemplateId,
    overwrite: bool,
) -> CmdResult<DocumentView> {
    let path = PathBuf::from(path);
    close_if_open(&state, &path);
    let file = ProjectFile::create(&path, &template::project(template, lang), overwrite).map_err(info)?;
    install(&app, &state, file)
}

/// Creates the project file `dest` from the project JSON file `source`.
#[tauri::command]
pub async fn import_project_json(
    app: AppHandle,
    state: State<'_, AppState>,
    source: String,
    dest: String,
    overwrite: bool,
) -> CmdResult<DocumentView> {
    let dest = PathBuf::from(dest);
    close_if_open(&state, &dest);
    let file = archive::import(Path::new(&source), &dest, overwrite).map_err(info)?;
    install(&app, &state, file)
}

/// Writes the open project, with its snapshots, as JSON to `path`.
#[tauri::command]
pub async fn export_project_json(state: State<'_, AppState>, path: String) -> CmdResult<()> {
    with_open(&state, |f| archive::export(f, Path::new(&path)))
}

/// The funnel of a map, with `changes` tried instead of the saved rates.
#[tauri::command]
pub async fn funnel(state: State<'_, AppState>, map_id: String, changes: Vec<RateChange>) -> CmdResult<Option<Funnel>> {
    with_open(&state, |f| {
        let project = f.project()?;
        let map = export::find_map(&project, Some(&map_id))?;
        Ok(analytics::funnel_with(map, &changes))
    })
}

/// One snapshot, whole (for showing it beside the current map).
#[tauri::command]
pub async fn snapshot(state: State<'_, AppState>, snapshot_id: String) -> CmdResult<Snapshot> {
    with_open(&state, |f| f.snapshot(&snapshot_id))
}

/// What changed in map `map_id` from `before` to `after`: snapshot ids, or
/// `None` for the map as it is now.
#[tauri::command]
pub async fn compare_versions(
    state: State<'_, AppState>,
    map_id: String,
    before: Option<String>,
    after: Option<String>,
) -> CmdResult<MapDiff> {
    with_open(&state, |f| {
        let project = f.project()?;
        let current = export::find_map(&project, Some(&map_id))?;
        let version = |id: &Option<String>| -> crate::error::Result<crate::model::Map> {
            match id {
                Some(id) => Ok(f.snapshot(id)?.map),
                None => Ok(current.clone()),
            }
        };
        Ok(review::compare(&version(&before)?, &version(&after)?))
    })
}

#[tauri::command]
pub async fn open_project(app: AppHandle, state: State<'_, AppState>, path: String) -> CmdResult<DocumentView> {
    let file = ProjectFile::open(Path::new(&path)).map_err(info)?;
    install(&app, &state, file)
}

#[tauri::command]
pub async fn save_as(app: AppHandle, state: State<'_, AppState>, path: String, overwrite: bool) -> CmdResult<DocumentView> {
    let copy = with_open(&state, |f| f.save_as(Path::new(&path), overwrite))?;
    install(&app, &state, copy)
}

#[tauri::command]
pub async fn close_project(state: State<'_, AppState>) -> CmdResult<()> {
    *state.lock() = None;
    Ok(())
}

#[tauri::command]
pub async fn current_document(state: State<'_, AppState>) -> CmdResult<Option<DocumentView>> {
    state.lock().as_ref().map(|f| f.view()).transpose().map_err(info)
}

/// Applies one edit. When this resolves, the edit is on disk.
#[tauri::command]
pub async fn apply_edit(state: State<'_, AppState>, edit: Edit) -> CmdResult<DocumentView> {
    with_open(&state, |f| {
        f.apply(&edit)?;
        f.view()
    })
}

#[tauri::command]
pub async fn undo(state: State<'_, AppState>) -> CmdResult<DocumentView> {
    with_open(&state, |f| {
        f.undo()?;
        f.view()
    })
}

#[tauri::command]
pub async fn redo(state: State<'_, AppState>) -> CmdResult<DocumentView> {
    with_open(&state, |f| {
        f.redo()?;
        f.view()
    })
}

/// Every page of the PDF `options` would give for `map_id`, as SVG pictures.
#[tauri::command]
pub async fn export_preview(state: State<'_, AppState>, map_id: String, options: PdfOptions) -> CmdResult<Vec<String>> {
    with_open(&state, |f| {
        let project = f.project()?;
        let map = export::find_map(&project, Some(&map_id))?;
        Ok(export::preview_pages(&project, map, &options)?)
    })
}

/// Exports `map_id` to `path` (chosen by the user in the save dialog, which
/// already asked about replacing a file).
#[tauri::command]
pub async fn export_map(
    state: State<'_, AppState>,
    map_id: String,
    format: ExportFormat,
    path: String,
    options: PdfOptions,
) -> CmdResult<()> {
    let project = with_open(&state, |f| f.project())?;
    // Render and write outside the lock: a big export must not hold up edits.
    let map = export::find_map(&project, Some(&map_id)).map_err(|e| info(e.into()))?;
    let bytes = export::export_bytes(&project, map, format, &options, 2.0).map_err(|e| info(e.into()))?;
    export::write_file(Path::new(&path), &bytes).map_err(|e| info(e.into()))
}

#[tauri::command]
pub async fn recent_files(app: AppHandle) -> CmdResult<Vec<String>> {
    Ok(recent_list_file(&app).map(|l| recent::load(&l)).unwrap_or_default())
}

#[tauri::command]
pub async fn forget_recent(app: AppHandle, path: String) -> CmdResult<Vec<String>> {
    let Some(list) = recent_list_file(&app) else { return Ok(vec![]) };
    recent::forget(&list, &path).map_err(|e| ErrorInfo { code: "file_io".into(), message: e.to_string() })
}

/// The event that asks the window to open a project file.
pub const OPEN_FILE_EVENT: &str = "open-file";

/// A second launch (a double-click on a project in the file manager, or
/// `journey-studio FILE` in a terminal) hands its file to this window instead
/// of starting another one; this window comes to the front.
fn second_launch(app: &AppHandle, args: Vec<String>, cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
    if let Some(path) = crate::cli::file_argument(&args, &cwd) {
        use tauri::Emitter;
        let _ = app.emit_to("main", OPEN_FILE_EVENT, path.to_string_lossy().into_owned());
    }
}

/// True when this launch found a running instance but could not hand its
/// file over: that instance was closing (it still owned the single-instance
/// name and left the bus without answering). Launching again a moment later
/// makes this one the running instance; see `main`.
pub fn handover_failed(error: &tauri::Error) -> bool {
    matches!(error, tauri::Error::PluginInitialization(plugin, _) if plugin == "single-instance")
}

/// Starts the window. `initial` is a project path given on the command line.
pub fn run(initial: Option<PathBuf>) -> Result<(), tauri::Error> {
    tauri::Builder::default()
        // First: a second launch must hand over before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, args, cwd| second_launch(app, args, cwd)))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::new(initial))
        .setup(|app| {
            if let Some(window) = app.get_webview_window("main") {
                crate::webview::configure(&window, crate::webview::detect())?;
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            initial_path,
            templates,
            new_project,
            import_project_json,
            export_project_json,
            funnel,
            snapshot,
            compare_versions,
            open_project,
            save_as,
            close_project,
            current_document,
            apply_edit,
            undo,
            redo,
            recent_files,
            forget_recent,
            export_preview,
            export_map,
        ])
        .run(tauri::generate_context!())
}

#[cfg(test)]
mod tests {
    use super::handover_failed;

    #[test]
    fn only_a_failed_single_instance_handover_asks_for_a_relaunch() {
        let lost = tauri::Error::PluginInitialization(
            "single-instance".into(),
            "failed to forward arguments to the running instance: NoReply".into(),
        );
        assert!(handover_failed(&lost));
        let other = tauri::Error::PluginInitialization("dialog".into(), "boom".into());
        assert!(!handover_failed(&other));
        assert!(!handover_failed(&tauri::Error::FailedToReceiveMessage));
    }
}
