//! A project file on disk: one SQLite database. Creating, opening (with checks
//! that never modify a file we cannot read), applying edits durably, undo/redo
//! from the undo log kept in the file, and "save as".

mod apply;
mod capture;
mod images;
mod load;
mod probe;
pub mod schema;
mod shared;

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};

pub use load::load_project;
pub(crate) use load::project_title;
pub use probe::{is_hot, journal_path, probe, Probe};
pub use schema::{APPLICATION_ID, EXTENSION, SCHEMA_VERSION};

use crate::card_image::{self, Checked, ImageInfo, Pictures};
use crate::change::DocumentChange;
use crate::edit::Edit;
use crate::error::{EditError, Error, FileError, Result};
use crate::fsutil::{sync_file_and_dir, temp_sibling};
use crate::model::{DocumentView, Map, Project, Snapshot};
use crate::sync::Replica;

/// How many undo steps a file keeps; older steps are dropped as new edits come.
pub const UNDO_LIMIT: i64 = 5_000;

/// An open project file. Every method that changes it commits (and fsyncs)
/// before returning `Ok`.
#[derive(Debug)]
pub struct ProjectFile {
    path: PathBuf,
    conn: Connection,
    /// The shared document, when the project is shared (`sync/`); `None`
    /// costs an unshared project nothing per edit.
    replica: Option<Replica>,
    /// Holds an exclusive advisory lock on the file for as long as it is open
    /// here, so a second window or process cannot edit it at the same time.
    _lock: std::fs::File,
}

impl Drop for ProjectFile {
    /// Closed, a project is one file again: the journal kept beside it while it
    /// was open goes. If that fails (a full disk), the journal left has a zeroed
    /// header, which opening ignores, and the next close removes it.
    fn drop(&mut self) {
        let _ = schema::release_journal(&self.conn);
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> FileError + '_ {
    move |source| FileError::Io { path: path.to_path_buf(), source }
}

/// The file's revision: how many changes were acknowledged so far.
fn revision_of(conn: &Connection) -> Result<i64> {
    let rev: Option<String> = conn.query_row("SELECT value FROM meta WHERE key = 'revision'", [], |r| r.get(0)).optional()?;
    Ok(rev.and_then(|r| r.parse().ok()).unwrap_or(0))
}

/// Whether the undo log holds an edit that is (`undone`) or is not undone.
fn undo_log_has(conn: &Connection, undone: bool) -> Result<bool> {
    Ok(conn.query_row("SELECT 1 FROM undo_log WHERE undone = ?1 LIMIT 1", [undone], |_| Ok(())).optional()?.is_some())
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// Takes the lock that says "this project is open for editing here". It is an
/// advisory `flock`, separate from SQLite's own locks, released when the file
/// handle closes (also when the process dies).
fn lock_exclusive(path: &Path) -> Result<std::fs::File> {
    let file = std::fs::File::open(path).map_err(io_err(path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(FileError::InUse(path.to_path_buf()).into()),
        Err(std::fs::TryLockError::Error(e)) => Err(FileError::Io { path: path.to_path_buf(), source: e }.into()),
    }
}

/// Reads the project in a file without opening it for editing: no lock, no
/// write, so it works on read-only files and on projects open elsewhere (the
/// last acknowledged edit is what it sees). An older file is migrated in memory.
pub fn read_project(path: &Path) -> Result<Project> {
    read_only(path, load::load_project)
}

/// Reads the project in a file, every snapshot of its review history and the
/// pictures their cards name, like
/// [`read_project`]: no lock, no write (for a JSON export from the command line).
pub fn read_project_and_snapshots(path: &Path) -> Result<(Project, Vec<Snapshot>, Pictures)> {
    read_only(path, |conn| {
        let (project, snapshots) = (load::load_project(conn)?, load::all_snapshots(conn)?);
        let pictures = images::of_maps(conn, project.maps.iter().chain(snapshots.iter().map(|s| &s.map)), false)?;
        Ok((project, snapshots, pictures))
    })
}

/// Runs `read` on the file opened read-only (an older file migrated in memory).
fn read_only<T>(path: &Path, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    let found = probe::probe(path)?;
    if found.hot_journal {
        // Only a writer can play the journal back; until then the file's pages
        // may be half-written.
        return Err(FileError::Corrupt {
            path: path.to_path_buf(),
            detail: "an interrupted write must be recovered first: open the project in Journey Studio".into(),
        }
        .into());
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    if found.schema_version == SCHEMA_VERSION {
        return read(&conn);
    }
    let mut memory = Connection::open_in_memory()?;
    rusqlite::backup::Backup::new(&conn, &mut memory)?.run_to_completion(256, std::time::Duration::ZERO, None)?;
    schema::migrate(&mut memory)?;
    read(&memory)
}

impl ProjectFile {
    /// Creates a new project file at `path` holding `project`. The file appears
    /// complete or not at all (written beside it, then renamed into place).
    pub fn create(path: &Path, project: &Project, overwrite: bool) -> Result<ProjectFile> {
        ProjectFile::create_archive(path, project, &[], &[], overwrite)
    }

    /// Creates a new project file holding `project` and the review history
    /// `snapshots` and the `pictures` their cards name (as a whole-project import
    /// gives them). All or nothing.
    pub fn create_archive(
        path: &Path,
        project: &Project,
        snapshots: &[Snapshot],
        pictures: &[Checked],
        overwrite: bool,
    ) -> Result<ProjectFile> {
        if path.is_dir() {
            return Err(FileError::IsDirectory(path.to_path_buf()).into());
        }
        if path.exists() && !overwrite {
            return Err(FileError::AlreadyExists(path.to_path_buf()).into());
        }
        let tmp = temp_sibling(path);
        let result = (|| -> Result<()> {
            let mut conn = Connection::open(&tmp)?;
            schema::configure(&conn)?;
            schema::migrate(&mut conn)?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            for image in pictures {
                images::put(&tx, image)?;
            }
            apply::apply(&tx, &Edit::SetProjectTitle { title: project.title.clone() })?;
            for (i, p) in project.personas.iter().enumerate() {
                apply::apply(&tx, &Edit::AddPersona { persona: p.clone(), index: i as u32 })?;
            }
            for (i, m) in project.maps.iter().enumerate() {
                apply::apply(&tx, &Edit::AddMap { map: m.clone(), index: i as u32 })?;
            }
            for s in snapshots {
                apply::apply(&tx, &Edit::AddSnapshot { snapshot: s.clone(), index: u32::MAX })?;
            }
            tx.execute("INSERT INTO meta(key, value) VALUES ('revision', '0')", [])?;
            tx.commit()?;
            schema::release_journal(&conn)?;
            conn.close().map_err(|(_, e)| e)?;
            std::fs::rename(&tmp, path).map_err(io_err(path))?;
            sync_file_and_dir(path).map_err(io_err(path))?;
            Ok(())
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            let _ = std::fs::remove_file(probe::journal_path(&tmp));
            return Err(e);
        }
        ProjectFile::open(path)
    }

    /// Opens an existing project. A file that is not a readable project of this
    /// version or older is refused with a [`FileError`] and left untouched.
    /// An older file is copied to `<name>.v<N>.bak` and then migrated forward.
    pub fn open(path: &Path) -> Result<ProjectFile> {
        let found = probe::probe(path)?;
        let path = std::fs::canonicalize(path).map_err(io_err(path))?;
        let read_only = std::fs::metadata(&path).map_err(io_err(&path))?.permissions().readonly();
        if read_only {
            return Err(FileError::ReadOnly(path).into());
        }
        let lock = lock_exclusive(&path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&path, flags).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ReadOnly) | Some(rusqlite::ErrorCode::CannotOpen) => Error::File(FileError::ReadOnly(path.clone())),
            _ => Error::Storage(e),
        })?;
        schema::configure(&conn)?;
        if found.hot_journal {
            // The first read on a read-write connection plays the journal back:
            // the file is then as of its last acknowledged edit, and can be
            // checked like any other.
            probe::check_integrity(&path, &conn)?;
        }
        if found.schema_version < SCHEMA_VERSION {
            let backup = path.with_extension(format!("v{}.bak", found.schema_version));
            std::fs::copy(&path, &backup).map_err(io_err(&backup))?;
            schema::migrate(&mut conn)?;
        }
        let replica = Replica::load(&conn)?;
        // Pictures nothing names any more (a removed image once its undo step
        // is gone); a shared project keeps them: a teammate's card may name one.
        if replica.is_none() {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if images::drop_unused(&tx)? > 0 {
                tx.commit()?;
            } // else rolled back (nothing was written) as it goes out of scope
        }
        capture::install(&conn)?;
        Ok(ProjectFile { path, conn, replica, _lock: lock })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// One snapshot of the review history, whole.
    pub fn snapshot(&self, id: &str) -> Result<Snapshot> {
        Ok(load::load_snapshot(&self.conn, id)?.ok_or_else(|| EditError::UnknownSnapshot(id.to_owned()))?.2)
    }

    /// Every snapshot of every map, for a whole-project export.
    pub fn snapshots(&self) -> Result<Vec<Snapshot>> {
        load::all_snapshots(&self.conn)
    }

    pub fn project(&self) -> Result<Project> {
        load::load_project(&self.conn)
    }

    /// One map of the project, whole, if there is one with this id (without
    /// reading the other maps or the personas' photos).
    pub fn map(&self, map_id: &str) -> Result<Option<Map>> {
        let exists = self.conn.query_row("SELECT 1 FROM maps WHERE id = ?1", [map_id], |_| Ok(())).optional()?.is_some();
        exists.then(|| load::load_map(&self.conn, map_id)).transpose()
    }

    /// Checks a card image (`data:` URL, see [`crate::card_image::check`]) and
    /// keeps it in the file; answers its id and size. Not an edit: the picture
    /// shows once a card names it (`Edit::SetCardImage`, `AddCard`).
    pub fn put_image(&mut self, data_url: &str) -> Result<ImageInfo> {
        let checked = card_image::check(data_url)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        images::put(&tx, &checked)?;
        tx.commit()?;
        Ok(checked.info)
    }

    /// A stored image as a `data:` URL: its thumbnail (what the canvas shows) or whole.
    pub fn image(&self, id: &str, thumb: bool) -> Result<String> {
        images::data_url(&self.conn, id, thumb)
    }

    /// The size of a stored image.
    pub fn image_info(&self, id: &str) -> Result<ImageInfo> {
        images::info(&self.conn, id)
    }

    /// Every image the cards of `maps` name, by id: whole (what an export
    /// draws) or as thumbnails (`thumb`: the export dialog's preview).
    pub fn images_of<'a>(&self, maps: impl IntoIterator<Item = &'a Map>, thumb: bool) -> Result<Pictures> {
        images::of_maps(&self.conn, maps, thumb)
    }

    pub fn revision(&self) -> Result<i64> {
        revision_of(&self.conn)
    }

    pub fn can_undo(&self) -> Result<bool> {
        undo_log_has(&self.conn, false)
    }

    pub fn can_redo(&self) -> Result<bool> {
        undo_log_has(&self.conn, true)
    }

    /// The document and its state, as the UI shows it.
    pub fn view(&self) -> Result<DocumentView> {
        Ok(DocumentView {
            path: self.path.to_string_lossy().into_owned(),
            project: self.project()?,
            snapshots: load::snapshot_infos(&self.conn)?,
            revision: self.revision()?,
            can_undo: self.can_undo()?,
            can_redo: self.can_redo()?,
        })
    }

    /// Runs `f` in one immediate transaction, bumps the revision and commits;
    /// returns what the transaction changed. On any error nothing of `f` stays.
    fn transact(&mut self, f: impl FnOnce(&Connection) -> Result<()>) -> Result<DocumentChange> {
        self.transact_with(|tx, replica| {
            f(tx)?;
            if let Some(replica) = replica {
                crate::sync::mirror::mirror_touched(tx, &mut replica.doc)?;
                replica.persist(tx)?;
            }
            Ok(())
        })
    }

    /// One transaction that notes the rows it touches and answers them as a
    /// change with the next revision. When it fails, the shared document (which
    /// `f` may have changed in memory) is read back from the file.
    fn transact_with(&mut self, f: impl FnOnce(&Connection, Option<&mut Replica>) -> Result<()>) -> Result<DocumentChange> {
        let result = Self::transact_in(&mut self.conn, self.replica.as_mut(), f);
        if result.is_err() && self.replica.is_some() {
            self.replica = Replica::load(&self.conn)?;
        }
        result
    }

    fn transact_in(
        conn: &mut Connection,
        replica: Option<&mut Replica>,
        f: impl FnOnce(&Connection, Option<&mut Replica>) -> Result<()>,
    ) -> Result<DocumentChange> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        capture::reset(&tx)?;
        let from_revision = revision_of(&tx)?;
        f(&tx, replica)?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('revision', '1')
             ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
            [],
        )?;
        let mut change = capture::collect(&tx)?;
        change.from_revision = from_revision;
        change.revision = revision_of(&tx)?;
        change.can_undo = undo_log_has(&tx, false)?;
        change.can_redo = undo_log_has(&tx, true)?;
        tx.commit()?;
        Ok(change)
    }

    /// Applies one edit durably and records it for undo. When this returns
    /// `Ok`, the edit is on disk; it returns what the edit changed.
    pub fn apply(&mut self, edit: &Edit) -> Result<DocumentChange> {
        self.transact(|tx| {
            let inverse = apply::apply(tx, edit)?;
            tx.execute("DELETE FROM undo_log WHERE undone = 1", [])?;
            tx.execute(
                "INSERT INTO undo_log(edit, inverse, undone, at_ms) VALUES (?1, ?2, 0, ?3)",
                params![serde_json::to_string(edit)?, serde_json::to_string(&inverse)?, now_ms()],
            )?;
            tx.execute("DELETE FROM undo_log WHERE seq <= (SELECT max(seq) FROM undo_log) - ?1", [UNDO_LIMIT])?;
            Ok(())
        })
    }

    /// Undoes the latest edit that is not undone yet; returns what that changed.
    pub fn undo(&mut self) -> Result<DocumentChange> {
        self.transact(|tx| {
            let (seq, inverse): (i64, String) = tx
                .query_row("SELECT seq, inverse FROM undo_log WHERE undone = 0 ORDER BY seq DESC LIMIT 1", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?
                .ok_or(EditError::NothingToUndo)?;
            let inverse: Edit = serde_json::from_str(&inverse)?;
            let redo = apply::apply(tx, &inverse)?;
            tx.execute("UPDATE undo_log SET undone = 1, edit = ?2 WHERE seq = ?1", params![seq, serde_json::to_string(&redo)?])?;
            Ok(())
        })
    }

    /// Redoes the earliest undone edit; returns what that changed.
    pub fn redo(&mut self) -> Result<DocumentChange> {
        self.transact(|tx| {
            let (seq, edit): (i64, String) = tx
                .query_row("SELECT seq, edit FROM undo_log WHERE undone = 1 ORDER BY seq ASC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or(EditError::NothingToRedo)?;
            let edit: Edit = serde_json::from_str(&edit)?;
            let inverse = apply::apply(tx, &edit)?;
            tx.execute("UPDATE undo_log SET undone = 0, inverse = ?2 WHERE seq = ?1", params![seq, serde_json::to_string(&inverse)?])?;
            Ok(())
        })
    }

    /// Writes a complete copy of this project (undo log included) to `dest`
    /// and returns it opened; this file stays as it is.
    pub fn save_as(&self, dest: &Path, overwrite: bool) -> Result<ProjectFile> {
        if dest.is_dir() {
            return Err(FileError::IsDirectory(dest.to_path_buf()).into());
        }
        if dest.exists() && !overwrite {
            return Err(FileError::AlreadyExists(dest.to_path_buf()).into());
        }
        let tmp = temp_sibling(dest);
        let tmp_str = tmp.to_str().ok_or_else(|| FileError::Io {
            path: tmp.clone(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "path is not valid UTF-8"),
        })?;
        let result = (|| -> Result<()> {
            self.conn.execute("VACUUM INTO ?1", [tmp_str])?;
            if self.replica.is_some() {
                // The copy is the user's own: it does not take part in the shared
                // project (two files with one Automerge actor would break it).
                let copy = Connection::open(&tmp)?;
                copy.execute_batch("DELETE FROM sync_meta; DELETE FROM sync_chunks; DELETE FROM sync_peers;")?;
            }
            std::fs::rename(&tmp, dest).map_err(io_err(dest))?;
            sync_file_and_dir(dest).map_err(io_err(dest))?;
            Ok(())
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        ProjectFile::open(dest)
    }
}

#[cfg(test)]
mod tests;
