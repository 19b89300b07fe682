//! Typed errors of the core. Each has a stable `code()` the UI translates, and a
//! plain English `Display` used in logs, the command line and as a fallback.

use std::path::PathBuf;

use crate::model::Id;

/// Why a file could not be opened (or created) as a project. The file is never
/// modified when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{0}: no such file")]
    NotFound(PathBuf),
    #[error("{0}: is a folder, not a project file")]
    IsDirectory(PathBuf),
    #[error("{0}: the file is empty (0 bytes), not a Journey Studio project")]
    Empty(PathBuf),
    #[error("{0}: not a Journey Studio project (not an SQLite database)")]
    NotSqlite(PathBuf),
    #[error("{0}: an SQLite database, but not a Journey Studio project")]
    ForeignDatabase(PathBuf),
    #[error(
        "{path}: made by a newer Journey Studio (file format {found}, this version reads up to {supported}); update the app to open it"
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("{path}: the project file is damaged ({detail})")]
    Corrupt { path: PathBuf, detail: String },
    #[error("{0}: the file is read-only; open a copy or change its permissions")]
    ReadOnly(PathBuf),
    #[error("{0}: a file already exists there")]
    AlreadyExists(PathBuf),
    #[error("{0}: the project is open in another Journey Studio window or process; close it there first")]
    InUse(PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl FileError {
    pub fn code(&self) -> &'static str {
        match self {
            FileError::NotFound(_) => "file_not_found",
            FileError::IsDirectory(_) => "file_is_directory",
            FileError::Empty(_) => "file_empty",
            FileError::NotSqlite(_) => "file_not_project",
            FileError::ForeignDatabase(_) => "file_foreign_database",
            FileError::NewerSchema { .. } => "file_newer_version",
            FileError::Corrupt { .. } => "file_corrupt",
            FileError::ReadOnly(_) => "file_read_only",
            FileError::AlreadyExists(_) => "file_exists",
            FileError::InUse(_) => "file_in_use",
            FileError::Io { .. } => "file_io",
        }
    }
}

/// Why an edit was refused. A refused edit changes nothing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("no map with id {0}")]
    UnknownMap(Id),
    #[error("no stage with id {0}")]
    UnknownStage(Id),
    #[error("no lane with id {0}")]
    UnknownLane(Id),
    #[error("no card with id {0}")]
    UnknownCard(Id),
    #[error("no persona with id {0}")]
    UnknownPersona(Id),
    #[error("no research item with id {0}")]
    UnknownResearchItem(Id),
    #[error("no snapshot with id {0}")]
    UnknownSnapshot(Id),
    #[error("no comment with id {0}")]
    UnknownComment(Id),
    #[error("no card or stage with id {0} to comment on")]
    UnknownCommentTarget(Id),
    /// A reply to a reply, on another target, or a resolved reply.
    #[error("comment threads: {0}")]
    CommentThread(&'static str),
    #[error("card {card} is not in the map of this item")]
    LinkOutsideMap { card: Id },
    #[error("the photo must be a PNG or JPEG image")]
    InvalidPhoto,
    #[error("the image must be a complete PNG or JPEG picture")]
    InvalidImage,
    #[error("the image is {width} × {height} pixels; at most {max} on a side")]
    ImageTooLarge { width: u32, height: u32, max: u32 },
    #[error("no image with id {0} in this project")]
    UnknownImage(Id),
    #[error("the id {0} is already used")]
    DuplicateId(Id),
    #[error("invalid id {0:?}: use 1 to 64 letters, digits, '-' or '_'")]
    InvalidId(String),
    #[error("{field} is too long ({len} characters, at most {max})")]
    TooLong { field: &'static str, len: usize, max: usize },
    #[error("{field} must be between {min} and {max}")]
    OutOfRange { field: &'static str, min: f64, max: f64 },
    #[error("invalid colour {0:?}: use #rrggbb or leave it empty")]
    InvalidColor(String),
    #[error("too many {what} (at most {max})")]
    TooMany { what: &'static str, max: usize },
    #[error("stage {stage} and lane {lane} are not in the same map")]
    CellOutsideMap { stage: Id, lane: Id },
    /// Deleting the last stage or lane of a map, or the last map of a project.
    #[error("the last {0} cannot be deleted")]
    LastOne(&'static str),
    /// A whole map (added, imported, created) without any stage or lane.
    #[error("a map needs at least one {0}; this one has none")]
    EmptyMap(&'static str),
    #[error("the batch is nested too deeply")]
    TooDeep,
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
}

impl EditError {
    pub fn code(&self) -> &'static str {
        match self {
            EditError::UnknownMap(_)
            | EditError::UnknownStage(_)
            | EditError::UnknownLane(_)
            | EditError::UnknownCard(_)
            | EditError::UnknownPersona(_)
            | EditError::UnknownResearchItem(_)
            | EditError::UnknownSnapshot(_)
            | EditError::UnknownComment(_)
            | EditError::UnknownCommentTarget(_) => "edit_unknown_target",
            EditError::CommentThread(_) => "edit_comment_thread",
            EditError::LinkOutsideMap { .. } => "edit_link_outside_map",
            EditError::InvalidPhoto => "edit_invalid_photo",
            EditError::InvalidImage => "edit_invalid_image",
            EditError::ImageTooLarge { .. } => "edit_image_too_large",
            EditError::UnknownImage(_) => "edit_unknown_image",
            EditError::DuplicateId(_) => "edit_duplicate_id",
            EditError::InvalidId(_) => "edit_invalid_id",
            EditError::TooLong { .. } => "edit_too_long",
            EditError::InvalidColor(_) => "edit_invalid_color",
            EditError::OutOfRange { .. } => "edit_out_of_range",
            EditError::TooMany { .. } => "edit_too_many",
            EditError::CellOutsideMap { .. } => "edit_cell_outside_map",
            EditError::LastOne("map") => "edit_last_map",
            EditError::LastOne(_) => "edit_last_one",
            EditError::EmptyMap(_) => "edit_map_empty",
            EditError::TooDeep => "edit_too_deep",
            EditError::NothingToUndo => "nothing_to_undo",
            EditError::NothingToRedo => "nothing_to_redo",
        }
    }
}

/// Why a shared project could not take part in a sync.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SyncError {
    #[error("the project is not shared")]
    NotShared,
    #[error("the project is shared already")]
    AlreadyShared,
    #[error("a peer sent a message that is not Automerge's sync protocol: {0}")]
    BadMessage(String),
    #[error("the project's shared document is damaged: {0}")]
    DamagedDocument(String),
    #[error("this is not a Journey Studio share link: {0}")]
    BadLink(String),
    #[error("the system gave no random numbers for a secret: {0}")]
    NoRandomness(String),
}

impl SyncError {
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::NotShared => "sync_not_shared",
            SyncError::AlreadyShared => "sync_already_shared",
            SyncError::BadMessage(_) => "sync_bad_message",
            SyncError::DamagedDocument(_) => "sync_damaged",
            SyncError::BadLink(_) => "sync_bad_link",
            SyncError::NoRandomness(_) => "sync_no_randomness",
        }
    }
}

impl From<automerge::AutomergeError> for Error {
    fn from(e: automerge::AutomergeError) -> Self {
        Error::Sync(SyncError::DamagedDocument(e.to_string()))
    }
}

/// Any failure of the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Edit(#[from] EditError),
    /// SQLite failed while the file was open (disk full, I/O error…). The
    /// transaction was rolled back: what was saved before is still there.
    #[error("could not write the project file: {0}")]
    Storage(#[from] rusqlite::Error),
    /// A stored edit or a request could not be (de)serialised.
    #[error("invalid data: {0}")]
    Data(#[from] serde_json::Error),
    #[error("no project is open")]
    NoProject,
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    #[error(transparent)]
    Import(#[from] crate::project_json::ImportError),
    #[error(transparent)]
    Table(#[from] crate::metric_import::TableError),
    #[error(transparent)]
    Sync(#[from] SyncError),
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::File(e) => e.code(),
            Error::Edit(e) => e.code(),
            Error::Storage(e) => match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DiskFull) => "disk_full",
                Some(rusqlite::ErrorCode::ReadOnly) => "file_read_only",
                Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => "file_busy",
                _ => "storage",
            },
            Error::Data(_) => "invalid_data",
            Error::NoProject => "no_project",
            Error::Export(e) => e.code(),
            Error::Import(e) => e.code(),
            Error::Table(e) => e.code(),
            Error::Sync(e) => e.code(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error as it crosses to the UI: a stable code to translate, and the English
/// message for details.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ErrorInfo {
    pub code: String,
    pub message: String,
}

impl From<&Error> for ErrorInfo {
    fn from(e: &Error) -> Self {
        ErrorInfo { code: e.code().to_owned(), message: e.to_string() }
    }
}

impl From<Error> for ErrorInfo {
    fn from(e: Error) -> Self {
        ErrorInfo::from(&e)
    }
}
