//! The Tauri command layer: each command passes its IPC arguments to the
//! window's [`Session`] and turns a core error into [`ErrorInfo`]. What the
//! commands do is in `session.rs`; no document logic lives here.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use tauri::{AppHandle, Manager, State};

use crate::collab::{self, Collab};

use journey_studio::card_image::ImageInfo;
use journey_studio::change::DocumentChange;
use journey_studio::edit::Edit;
use journey_studio::error::{Error, ErrorInfo};
use journey_studio::export::{ExportFormat, PdfOptions, PreviewCache, PreviewPages};
use journey_studio::funnel::{Funnel, RateChange};
use journey_studio::metric_import::{MetricMapping, MetricPlan, MetricSource};
use journey_studio::model::{DocumentView, Snapshot};
use journey_studio::session::{self, Session};
use journey_studio::sync::ShareLink;
use journey_studio::template::{Lang, TemplateId, TemplateInfo};
use journey_studio::versions::MapDiff;

type CmdResult<T> = Result<T, ErrorInfo>;

/// What the window's backend holds: its session (at most one open project).
pub struct AppState(Mutex<Session>);

impl AppState {
    pub(crate) fn lock(&self) -> MutexGuard<'_, Session> {
        // A panic while holding the lock cannot leave the file half-written (SQLite
        // transactions), so the state behind a poisoned lock is still usable.
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[tauri::command]
pub async fn initial_path(state: State<'_, AppState>) -> CmdResult<Option<String>> {
    Ok(state.lock().initial_path())
}

/// The templates of the "New project" gallery, in `lang`.
#[tauri::command]
pub async fn templates(lang: Lang) -> CmdResult<Vec<TemplateInfo>> {
    Ok(Session::templates(lang))
}

#[tauri::command]
pub async fn new_project(
    app: AppHandle,
    collab: State<'_, Collab>,
    state: State<'_, AppState>,
    path: String,
    lang: Lang,
    template: TemplateId,
    overwrite: bool,
) -> CmdResult<DocumentView> {
    let view = state.lock().new_project(Path::new(&path), lang, template, overwrite).map_err(ErrorInfo::from)?;
    collab.follow(&app);
    Ok(view)
}

/// Creates the project file `dest` from the project JSON file `source`.
#[tauri::command]
pub async fn import_project_json(
    app: AppHandle,
    collab: State<'_, Collab>,
    state: State<'_, AppState>,
    source: String,
    dest: String,
    overwrite: bool,
) -> CmdResult<DocumentView> {
    let view = state.lock().import_project_json(Path::new(&source), Path::new(&dest), overwrite).map_err(ErrorInfo::from)?;
    collab.follow(&app);
    Ok(view)
}

/// Writes the open project, with its snapshots, as JSON to `path`.
#[tauri::command]
pub async fn export_project_json(state: State<'_, AppState>, path: String) -> CmdResult<()> {
    state.lock().export_project_json(Path::new(&path)).map_err(ErrorInfo::from)
}

/// The funnel of a map, with `changes` tried instead of the saved rates.
#[tauri::command]
pub async fn funnel(state: State<'_, AppState>, map_id: String, changes: Vec<RateChange>) -> CmdResult<Option<Funnel>> {
    state.lock().funnel(&map_id, &changes).map_err(ErrorInfo::from)
}

/// A CSV or spreadsheet of touchpoint figures: columns, first rows, a guessed mapping.
#[tauri::command]
pub async fn read_metric_table(path: String, sheet: Option<String>) -> CmdResult<MetricSource> {
    Session::read_metric_table(Path::new(&path), sheet.as_deref()).map_err(ErrorInfo::from)
}

/// What importing those figures into a map would change, and the edit that does it.
#[tauri::command]
pub async fn plan_metric_import(state: State<'_, AppState>, map_id: String, path: String, mapping: MetricMapping) -> CmdResult<MetricPlan> {
    state.lock().plan_metric_import(&map_id, Path::new(&path), &mapping).map_err(ErrorInfo::from)
}

/// One snapshot, whole (for showing it beside the current map).
#[tauri::command]
pub async fn snapshot(state: State<'_, AppState>, snapshot_id: String) -> CmdResult<Snapshot> {
    state.lock().snapshot(&snapshot_id).map_err(ErrorInfo::from)
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
    state.lock().compare_versions(&map_id, before.as_deref(), after.as_deref()).map_err(ErrorInfo::from)
}

#[tauri::command]
pub async fn open_project(app: AppHandle, collab: State<'_, Collab>, state: State<'_, AppState>, path: String) -> CmdResult<DocumentView> {
    let view = state.lock().open_project(Path::new(&path)).map_err(ErrorInfo::from)?;
    collab.follow(&app);
    Ok(view)
}

#[tauri::command]
pub async fn save_as(
    app: AppHandle,
    collab: State<'_, Collab>,
    state: State<'_, AppState>,
    path: String,
    overwrite: bool,
) -> CmdResult<DocumentView> {
    let view = state.lock().save_as(Path::new(&path), overwrite).map_err(ErrorInfo::from)?;
    collab.follow(&app);
    Ok(view)
}

#[tauri::command]
pub async fn close_project(app: AppHandle, collab: State<'_, Collab>, state: State<'_, AppState>) -> CmdResult<()> {
    state.lock().close_project();
    collab.follow(&app);
    Ok(())
}

#[tauri::command]
pub async fn current_document(state: State<'_, AppState>) -> CmdResult<Option<DocumentView>> {
    state.lock().current_document().map_err(ErrorInfo::from)
}

/// Applies one edit. When this resolves, the edit is on disk; it answers with
/// what changed, not the whole document.
#[tauri::command]
pub async fn apply_edit(collab: State<'_, Collab>, state: State<'_, AppState>, edit: Edit) -> CmdResult<DocumentChange> {
    let change = state.lock().apply_edit(&edit).map_err(ErrorInfo::from)?;
    collab.edited();
    Ok(change)
}

#[tauri::command]
pub async fn undo(collab: State<'_, Collab>, state: State<'_, AppState>) -> CmdResult<DocumentChange> {
    let change = state.lock().undo().map_err(ErrorInfo::from)?;
    collab.edited();
    Ok(change)
}

#[tauri::command]
pub async fn redo(collab: State<'_, Collab>, state: State<'_, AppState>) -> CmdResult<DocumentChange> {
    let change = state.lock().redo().map_err(ErrorInfo::from)?;
    collab.edited();
    Ok(change)
}

/// Pages `first`… (at most `count`) of the PDF `options` would give for
/// `map_id`, as SVG pictures, with how many pages there are.
#[tauri::command]
pub async fn export_preview(
    state: State<'_, AppState>,
    cache: State<'_, PreviewCache>,
    map_id: String,
    options: PdfOptions,
    first: u32,
    count: u32,
) -> CmdResult<PreviewPages> {
    let key = state.lock().preview_key(&map_id, &options).map_err(ErrorInfo::from)?;
    cache
        .pages(key, first, count, || {
            let (project, pictures) = state.lock().preview_source(&map_id)?;
            // Composed outside the session's lock: a big map's preview must not hold up edits.
            session::compose_preview(&project, &pictures, &map_id, &options)
        })
        .map_err(ErrorInfo::from)
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
    let (project, pictures) = state.lock().project().map_err(ErrorInfo::from)?;
    // Render and write outside the lock: a big export must not hold up edits.
    session::export_map(&project, &pictures, &map_id, format, Path::new(&path), &options).map_err(ErrorInfo::from)
}

/// Checks a card picture (`data:` URL) and keeps it in the project file; answers its id and size.
#[tauri::command]
pub async fn put_image(state: State<'_, AppState>, data_url: String) -> CmdResult<ImageInfo> {
    state.lock().put_image(&data_url).map_err(ErrorInfo::from)
}

/// Keeps the picture on the system clipboard (a screenshot copied in another
/// app) as `put_image` keeps a pasted file, shrunk to fit; answers its id and
/// size, or `None` when the clipboard holds no picture.
#[tauri::command]
pub async fn paste_image(state: State<'_, AppState>) -> CmdResult<Option<ImageInfo>> {
    // Read outside the lock (the clipboard's owner may take a moment to answer).
    let Some(pixels) = crate::clipboard::picture()? else { return Ok(None) };
    state.lock().put_pixels(pixels.width, pixels.height, pixels.rgba).map(Some).map_err(ErrorInfo::from)
}

/// A stored card picture as a `data:` URL: its thumbnail (`thumb`), or whole.
#[tauri::command]
pub async fn image(state: State<'_, AppState>, image_id: String, thumb: bool) -> CmdResult<String> {
    state.lock().image(&image_id, thumb).map_err(ErrorInfo::from)
}

#[tauri::command]
pub async fn recent_files(state: State<'_, AppState>) -> CmdResult<Vec<String>> {
    Ok(state.lock().recent_files())
}

#[tauri::command]
pub async fn forget_recent(state: State<'_, AppState>, path: String) -> CmdResult<Vec<String>> {
    state.lock().forget_recent(&path).map_err(ErrorInfo::from)
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
    if let Some(path) = journey_studio::cli::file_argument(&args, &cwd) {
        use tauri::Emitter;
        let _ = app.emit_to("main", OPEN_FILE_EVENT, path.to_string_lossy().into_owned());
    }
}

/// Shares the open project: registers it on the sync server `server` with
/// the server's invite key (nothing changes here if the server refuses), then
/// keeps the link in the file and connects. Answers the link to send.
#[tauri::command]
pub async fn share_project(
    app: AppHandle,
    collab: State<'_, Collab>,
    state: State<'_, AppState>,
    server: String,
    invite: String,
) -> CmdResult<String> {
    if state.lock().share_link().map_err(ErrorInfo::from)?.is_some() {
        return Err(Error::from(journey_studio::SyncError::AlreadyShared).into());
    }
    let link = ShareLink::new(&server, &collab::new_doc_id()?).map_err(|e| ErrorInfo::from(Error::from(e)))?;
    collab::register(&link, &invite).await?;
    state.lock().share(&link).map_err(ErrorInfo::from)?;
    collab.follow(&app);
    Ok(link.to_string())
}

/// The open project's share link (`None`: not shared).
#[tauri::command]
pub async fn share_link(state: State<'_, AppState>) -> CmdResult<Option<String>> {
    Ok(state.lock().share_link().map_err(ErrorInfo::from)?.map(|l| l.to_string()))
}

/// Checks a pasted share link before anything is asked or written: the join
/// dialog's first step (the save dialog comes after, for a link that reads).
#[tauri::command]
pub async fn check_share_link(link: String) -> CmdResult<()> {
    ShareLink::parse(&link).map(|_| ()).map_err(|e| ErrorInfo::from(Error::from(e)))
}

/// Creates `path` for the shared project `link` names, opens it and connects.
#[tauri::command]
pub async fn join_project(
    app: AppHandle,
    collab: State<'_, Collab>,
    state: State<'_, AppState>,
    link: String,
    path: String,
    overwrite: bool,
) -> CmdResult<DocumentView> {
    let view = state.lock().join(&link, Path::new(&path), overwrite).map_err(ErrorInfo::from)?;
    collab.follow(&app);
    Ok(view)
}

/// Tells teammates who this user is and which card they are on.
#[tauri::command]
pub async fn announce(collab: State<'_, Collab>, name: String, card_id: Option<String>) -> CmdResult<()> {
    collab.announce(name, card_id);
    Ok(())
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
        .plugin(tauri_plugin_single_instance::init(second_launch))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let recent_list = app.path().app_config_dir().ok().map(|d| d.join("recent.json"));
            app.manage(AppState(Mutex::new(Session::new(recent_list, initial))));
            app.manage(Collab::default());
            app.manage(PreviewCache::default());
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
            read_metric_table,
            plan_metric_import,
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
            put_image,
            paste_image,
            image,
            share_project,
            share_link,
            check_share_link,
            join_project,
            announce,
        ])
        .build(tauri::generate_context!())?
        .run(|app, event| {
            // The open project is closed before the process ends (its journal goes with it: one file again).
            if let tauri::RunEvent::Exit = event {
                if let Some(state) = app.try_state::<AppState>() {
                    state.lock().close_project();
                }
            }
        });
    Ok(())
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
