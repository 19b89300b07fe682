//! The Tauri command layer: translates IPC calls into core calls and core errors
//! into [`ErrorInfo`]. No document logic lives here.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use tauri::{AppHandle, Manager, State};

use crate::edit::Edit;
use crate::error::{Error, ErrorInfo};
use crate::model::DocumentView;
use crate::recent;
use crate::store::ProjectFile;
use crate::template::{self, Lang};

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

#[tauri::command]
pub async fn new_project(app: AppHandle, state: State<'_, AppState>, path: String, lang: Lang, overwrite: bool) -> CmdResult<DocumentView> {
    let path = PathBuf::from(path);
    // Replacing the file that is open here: close it first so nothing writes to it.
    {
        let mut guard = state.lock();
        if guard.as_ref().is_some_and(|f| std::fs::canonicalize(&path).ok().as_deref() == Some(f.path())) {
            *guard = None;
        }
    }
    let file = ProjectFile::create(&path, &template::default_project(lang), overwrite).map_err(info)?;
    install(&app, &state, file)
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

#[tauri::command]
pub async fn recent_files(app: AppHandle) -> CmdResult<Vec<String>> {
    Ok(recent_list_file(&app).map(|l| recent::load(&l)).unwrap_or_default())
}

#[tauri::command]
pub async fn forget_recent(app: AppHandle, path: String) -> CmdResult<Vec<String>> {
    let Some(list) = recent_list_file(&app) else { return Ok(vec![]) };
    recent::forget(&list, &path).map_err(|e| ErrorInfo { code: "file_io".into(), message: e.to_string() })
}

/// Starts the window. `initial` is a project path given on the command line.
pub fn run(initial: Option<PathBuf>) -> Result<(), tauri::Error> {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::new(initial))
        .invoke_handler(tauri::generate_handler![
            initial_path,
            new_project,
            open_project,
            save_as,
            close_project,
            current_document,
            apply_edit,
            undo,
            redo,
            recent_files,
            forget_recent,
        ])
        .run(tauri::generate_context!())
}
