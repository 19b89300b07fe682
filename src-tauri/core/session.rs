//! What the app's commands do, without the window: a [`Session`] holds the
//! open project (at most one) and where the recent-files list lives, with one
//! method per IPC command. The binary's `desktop/commands.rs` wraps each in an IPC command;
//! the `core_bridge` example answers the same commands over stdin/stdout for
//! the UI tests. Nothing here knows about Tauri.

use std::path::{Path, PathBuf};

use crate::card_image::{self, ImageInfo, Pictures};
use crate::change::DocumentChange;
use crate::edit::Edit;
use crate::error::{Error, FileError, Result};
use crate::export::{self, ComposedPreview, ExportFormat, PdfOptions, PreviewPages};
use crate::funnel::{self, Funnel, RateChange};
use crate::metric_import::{self, MetricMapping, MetricPlan, MetricSource};
use crate::model::{DocumentView, Map, Project, Snapshot};
use crate::project_json;
use crate::recent;
use crate::store::ProjectFile;
use crate::sync::ShareLink;
use crate::template::{self, Lang, TemplateId, TemplateInfo};
use crate::versions::{self, MapDiff};

/// The open project of one window, and the list of recent files it keeps.
pub struct Session {
    project: Option<ProjectFile>,
    /// The recent-files list (`None` when the app has no config folder).
    recent_list: Option<PathBuf>,
    /// The project path the app was started with, if any.
    initial_path: Option<String>,
}

impl Session {
    pub fn new(recent_list: Option<PathBuf>, initial_path: Option<PathBuf>) -> Self {
        let mut session = Session { project: None, recent_list, initial_path: None };
        session.set_initial_path(initial_path);
        session
    }

    /// The file the app was started with (the UI opens it first).
    pub fn initial_path(&self) -> Option<String> {
        self.initial_path.clone()
    }

    pub fn set_initial_path(&mut self, path: Option<PathBuf>) {
        self.initial_path = path.map(|p| p.to_string_lossy().into_owned());
    }

    /// The templates of the "New project" gallery, in `lang`.
    pub fn templates(lang: Lang) -> Vec<TemplateInfo> {
        template::gallery(lang)
    }

    pub fn new_project(&mut self, path: &Path, lang: Lang, template: TemplateId, overwrite: bool) -> Result<DocumentView> {
        self.close_if_open(path);
        let file = ProjectFile::create(path, &template::project(template, lang), overwrite)?;
        self.install(file)
    }

    /// Creates the project file `dest` from the project JSON file `source`, and opens it.
    pub fn import_project_json(&mut self, source: &Path, dest: &Path, overwrite: bool) -> Result<DocumentView> {
        self.close_if_open(dest);
        let file = project_json::import(source, dest, overwrite)?;
        self.install(file)
    }

    /// Writes the open project, with its snapshots, as JSON to `path`.
    pub fn export_project_json(&self, path: &Path) -> Result<()> {
        project_json::export(self.open()?, path)
    }

    /// The funnel of a map, with `changes` tried instead of the saved rates.
    pub fn funnel(&self, map_id: &str, changes: &[RateChange]) -> Result<Option<Funnel>> {
        let map = self.map(map_id)?;
        Ok(funnel::funnel_with(&map, changes))
    }

    /// The map `map_id` (by id, else by name, as `export::find_map`), read
    /// alone when the id matches: the funnel after every edit of a large
    /// project need not read the whole project.
    fn map(&self, map_id: &str) -> Result<Map> {
        let file = self.open()?;
        match file.map(map_id)? {
            Some(map) => Ok(map),
            None => Ok(export::find_map(&file.project()?, Some(map_id))?.clone()),
        }
    }

    /// A CSV or spreadsheet file of touchpoint figures: its columns, first rows
    /// and a guessed mapping (`sheet`: which sheet of a workbook). Needs no project.
    pub fn read_metric_table(path: &Path, sheet: Option<&str>) -> Result<MetricSource> {
        Ok(metric_import::source(&metric_import::table::read(path, sheet)?))
    }

    /// What importing the figures in `path` into map `map_id` would change,
    /// row by row, with the edit that applies it (nothing is written here).
    pub fn plan_metric_import(&self, map_id: &str, path: &Path, mapping: &MetricMapping) -> Result<MetricPlan> {
        let map = self.map(map_id)?;
        let table = metric_import::table::read(path, mapping.sheet.as_deref())?;
        Ok(metric_import::plan(&map, &table, mapping)?)
    }

    /// One snapshot, whole (for showing it beside the current map).
    pub fn snapshot(&self, snapshot_id: &str) -> Result<Snapshot> {
        self.open()?.snapshot(snapshot_id)
    }

    /// What changed in map `map_id` from `before` to `after`: snapshot ids, or
    /// `None` for the map as it is now.
    pub fn compare_versions(&self, map_id: &str, before: Option<&str>, after: Option<&str>) -> Result<MapDiff> {
        let file = self.open()?;
        let current = self.map(map_id)?;
        let version = |id: Option<&str>| -> Result<Map> {
            match id {
                Some(id) => Ok(file.snapshot(id)?.map),
                None => Ok(current.clone()),
            }
        };
        Ok(versions::compare(&version(before)?, &version(after)?))
    }

    pub fn open_project(&mut self, path: &Path) -> Result<DocumentView> {
        let file = ProjectFile::open(path)?;
        self.install(file)
    }

    /// Writes a copy of the open project to `path` and continues in the copy.
    pub fn save_as(&mut self, path: &Path, overwrite: bool) -> Result<DocumentView> {
        let copy = self.open()?.save_as(path, overwrite)?;
        self.install(copy)
    }

    pub fn close_project(&mut self) {
        self.project = None;
    }

    pub fn current_document(&self) -> Result<Option<DocumentView>> {
        self.project.as_ref().map(|f| f.view()).transpose()
    }

    /// Applies one edit. When this returns, the edit is on disk; the answer is
    /// what changed, not the whole document.
    pub fn apply_edit(&mut self, edit: &Edit) -> Result<DocumentChange> {
        self.open_mut()?.apply(edit)
    }

    pub fn undo(&mut self) -> Result<DocumentChange> {
        self.open_mut()?.undo()
    }

    pub fn redo(&mut self) -> Result<DocumentChange> {
        self.open_mut()?.redo()
    }

    /// Pages `first`… (at most `count`) of the PDF `options` would give for
    /// `map_id`, as SVG pictures, with how many pages there are.
    pub fn export_preview(&self, map_id: &str, options: &PdfOptions, first: u32, count: u32) -> Result<PreviewPages> {
        let (project, pictures) = self.preview_source(map_id)?;
        Ok(compose_preview(&project, &pictures, map_id, options)?.pages(first, count))
    }

    /// What names one composed preview: the open file, its revision, the map
    /// and the options. Equal keys compose equal pages.
    pub fn preview_key(&self, map_id: &str, options: &PdfOptions) -> Result<String> {
        let file = self.open()?;
        let options = serde_json::to_string(options)?;
        Ok(format!("{}\n{}\n{map_id}\n{options}", file.path().display(), file.revision()?))
    }

    /// What the export preview of `map_id` is drawn from: the project, and the
    /// thumbnails of the pictures the map's cards name (the preview only shows
    /// where pages break).
    pub fn preview_source(&self, map_id: &str) -> Result<(Project, Pictures)> {
        let file = self.open()?;
        let project = file.project()?;
        let map = export::find_map(&project, Some(map_id))?;
        let pictures = file.images_of([map], true)?;
        Ok((project, pictures))
    }

    /// The open project, read whole, with every picture its maps' cards name
    /// (what [`export_map`] renders).
    pub fn project(&self) -> Result<(Project, Pictures)> {
        let file = self.open()?;
        let project = file.project()?;
        let pictures = file.images_of(&project.maps, false)?;
        Ok((project, pictures))
    }

    /// Checks a card picture (a PNG or JPEG `data:` URL) and keeps it in the
    /// project file; answers its id, for `set_card_image` or `add_card`.
    pub fn put_image(&mut self, data_url: &str) -> Result<ImageInfo> {
        self.open_mut()?.put_image(data_url)
    }

    /// Keeps a picture given as raw RGBA pixels (the system clipboard's): shrunk
    /// and encoded as a picked file is ([`card_image::from_pixels`]), then as [`Session::put_image`].
    pub fn put_pixels(&mut self, width: u32, height: u32, rgba: Vec<u8>) -> Result<ImageInfo> {
        let project = self.open_mut()?;
        project.put_image(&card_image::from_pixels(width, height, rgba)?)
    }

    /// A stored picture as a `data:` URL: its thumbnail (`thumb`), or whole.
    pub fn image(&self, image_id: &str, thumb: bool) -> Result<String> {
        self.open()?.image(image_id, thumb)
    }

    pub fn recent_files(&self) -> Vec<String> {
        self.recent_list.as_deref().map(recent::load).unwrap_or_default()
    }

    /// Removes `path` from the recent-files list; answers the list.
    pub fn forget_recent(&self, path: &str) -> Result<Vec<String>> {
        let Some(list) = &self.recent_list else { return Ok(vec![]) };
        recent::forget(list, path).map_err(|source| FileError::Io { path: list.clone(), source }.into())
    }

    /// Shares the open project on the sync server and document `link` names
    /// (made with [`ShareLink::new`]); the file keeps the link.
    pub fn share(&mut self, link: &ShareLink) -> Result<()> {
        self.open_mut()?.share_at(link)
    }

    /// The open project's share link (`None`: not shared).
    pub fn share_link(&self) -> Result<Option<ShareLink>> {
        self.open()?.share_link()
    }

    /// Creates the project file `path` for the shared project `link` names and
    /// opens it; it fills on its first sync with the server.
    pub fn join(&mut self, link: &str, path: &Path, overwrite: bool) -> Result<DocumentView> {
        let link = ShareLink::parse(link)?;
        self.close_if_open(path);
        let file = ProjectFile::create_joining_at(path, overwrite, &link)?;
        self.install(file)
    }

    /// The open project's file when it is the shared project `link` names (a
    /// connection only ever talks for the project it was opened for).
    fn shared_file(&mut self, link: &ShareLink) -> Result<&mut ProjectFile> {
        let file = self.open_mut()?;
        match file.share_link()? {
            Some(l) if l.doc_id == link.doc_id && l.server == link.server => Ok(file),
            _ => Err(crate::error::SyncError::NotShared.into()),
        }
    }

    /// The next sync message for `peer` about the shared project `link`.
    pub fn sync_message(&mut self, link: &ShareLink, peer: &str) -> Result<Option<Vec<u8>>> {
        self.shared_file(link)?.sync_message(peer)
    }

    /// A sync message from `peer` about the shared project `link`: what it changed, once on disk.
    pub fn receive_sync_message(&mut self, link: &ShareLink, peer: &str, message: &[u8]) -> Result<Option<DocumentChange>> {
        self.shared_file(link)?.receive_sync_message(peer, message)
    }

    /// The connection to `peer` about the shared project `link` closed.
    pub fn peer_disconnected(&mut self, link: &ShareLink, peer: &str) -> Result<()> {
        self.shared_file(link)?.peer_disconnected(peer)
    }

    fn open(&self) -> Result<&ProjectFile> {
        self.project.as_ref().ok_or(Error::NoProject)
    }

    fn open_mut(&mut self) -> Result<&mut ProjectFile> {
        self.project.as_mut().ok_or(Error::NoProject)
    }

    /// Makes `file` the open project (closing any other) and answers its view.
    fn install(&mut self, file: ProjectFile) -> Result<DocumentView> {
        let view = file.view()?;
        if let Some(list) = &self.recent_list {
            // The recent list is a convenience: failing to write it must not fail the open.
            let _ = recent::remember(list, file.path());
        }
        self.project = Some(file);
        Ok(view)
    }

    /// Replacing the file that is open here: close it first so nothing writes to it.
    fn close_if_open(&mut self, path: &Path) {
        if self.project.as_ref().is_some_and(|f| std::fs::canonicalize(path).ok().as_deref() == Some(f.path())) {
            self.project = None;
        }
    }
}

/// The export preview of `map_id` composed once, to draw its pages from (see
/// [`Session::export_preview`]). A free function, so the window composes a big
/// map's pages without holding its session.
pub fn compose_preview(project: &Project, pictures: &Pictures, map_id: &str, options: &PdfOptions) -> Result<ComposedPreview> {
    let map = export::find_map(project, Some(map_id))?;
    Ok(ComposedPreview::new(project, map, pictures, options)?)
}

/// Exports `map_id` of `project` to `path` (chosen by the user in the save
/// dialog, which already asked about replacing a file). A free function, so
/// the window renders a big export without holding its session.
pub fn export_map(
    project: &Project,
    pictures: &Pictures,
    map_id: &str,
    format: ExportFormat,
    path: &Path,
    options: &PdfOptions,
) -> Result<()> {
    let map = export::find_map(project, Some(map_id))?;
    let bytes = export::export_bytes(project, map, pictures, format, options, 2.0)?;
    Ok(export::write_file(path, &bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_need_an_open_project_and_opening_remembers_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let list = dir.path().join("config/recent.json");
        let mut session = Session::new(Some(list), Some(dir.path().join("start.journey")));
        assert_eq!(session.initial_path(), Some(dir.path().join("start.journey").to_string_lossy().into_owned()));
        assert_eq!(session.undo().expect_err("nothing open").code(), "no_project");
        assert!(session.current_document().expect("no document").is_none());

        let path = dir.path().join("a.journey");
        let view = session.new_project(&path, Lang::En, TemplateId::Marketing, false).expect("new");
        assert_eq!(session.current_document().expect("document"), Some(view.clone()));
        let recent = session.recent_files();
        assert_eq!(recent.len(), 1);
        assert!(recent[0].ends_with("a.journey"));

        // A new project over the open file replaces it (the open one is closed first).
        let again = session.new_project(&path, Lang::Vi, TemplateId::Marketing, true).expect("overwrite");
        assert_ne!(again.project.maps[0].name, view.project.maps[0].name);
        assert_eq!(session.new_project(&path, Lang::En, TemplateId::Marketing, false).expect_err("exists").code(), "file_exists");

        session.close_project();
        assert_eq!(session.funnel("m", &[]).expect_err("closed").code(), "no_project");
        assert!(session.forget_recent(&recent[0]).expect("forget").is_empty());
    }
}
