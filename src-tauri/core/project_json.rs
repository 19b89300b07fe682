//! A whole project as one JSON document, for exchange and backup: the
//! project (maps, personas with their photos, research), its review history
//! (snapshots) and its card pictures. The format is documented in `docs/project-json.md`.
//!
//! Import reads the JSON whole, checks every part by the same rules as edits,
//! and writes a **new** project file all at once; any problem gives an
//! [`ImportError`] and leaves nothing behind. It never changes an open project.

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::card_image::{self, Pictures};
use crate::error::{EditError, Error, FileError, Result};
use crate::model::{Id, Project, Snapshot};
use crate::store::ProjectFile;

/// The `format` field of every archive.
pub const FORMAT: &str = "journey-studio-project";
/// The archive version this build writes; it reads this one and older.
pub const VERSION: u32 = 1;
/// The largest JSON file accepted (a project with many photos stays far below).
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// The JSON document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    pub format: String,
    pub version: u32,
    pub project: Project,
    #[serde(default)]
    pub snapshots: Vec<Snapshot>,
    /// The pictures the cards (of the maps and the snapshots) name, each with
    /// its id (the hash of its bytes) and a base64 `data:` URL.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ArchiveImage>,
}

/// A card picture in an archive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveImage {
    pub id: Id,
    pub data_url: String,
}

/// The most pictures an archive may hold.
pub const MAX_IMAGES: usize = 5_000;

/// Checks every picture of an archive by the rules of `put_image`, and that
/// each is named by the hash of its bytes.
pub fn check_images(images: &[ArchiveImage]) -> std::result::Result<Vec<card_image::Checked>, EditError> {
    if images.len() > MAX_IMAGES {
        return Err(EditError::TooMany { what: "images", max: MAX_IMAGES });
    }
    images
        .iter()
        .map(|i| {
            let checked = card_image::check(&i.data_url)?;
            if checked.info.id != i.id {
                return Err(EditError::InvalidImage);
            }
            Ok(checked)
        })
        .collect()
}

/// Why a JSON file could not be imported. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file is too large to be a project ({size} bytes, at most {max})")]
    TooLarge { size: u64, max: u64 },
    #[error("the file is not valid JSON of a project, at line {line}, column {column}: {detail}")]
    Malformed { line: usize, column: usize, detail: String },
    #[error("this JSON is not a Journey Studio project (format {found:?})")]
    NotAProject { found: String },
    #[error("this project was exported by a newer Journey Studio (format version {found}; this one reads up to {supported})")]
    NewerVersion { found: u32, supported: u32 },
    #[error("the project is not valid: {0}")]
    Invalid(#[from] EditError),
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::TooLarge { .. } => "import_too_large",
            ImportError::Malformed { .. } => "import_malformed",
            ImportError::NotAProject { .. } => "import_not_a_project",
            ImportError::NewerVersion { .. } => "import_newer_version",
            ImportError::Invalid(_) => "import_invalid",
        }
    }
}

/// The archive of a project, its snapshots and the pictures their cards name, as pretty-printed JSON.
pub fn to_json(project: &Project, snapshots: &[Snapshot], pictures: &Pictures) -> Result<String> {
    let mut images: Vec<ArchiveImage> =
        pictures.iter().map(|(id, p)| ArchiveImage { id: id.clone(), data_url: p.data_url.clone() }).collect();
    images.sort_by(|a, b| a.id.cmp(&b.id));
    let archive = Archive { format: FORMAT.into(), version: VERSION, project: project.clone(), snapshots: snapshots.to_vec(), images };
    Ok(serde_json::to_string_pretty(&archive)?)
}

/// Reads an archive from JSON text: the format and version are checked first,
/// so a foreign or newer file is named as such rather than as malformed.
pub fn parse(json: &[u8]) -> std::result::Result<Archive, ImportError> {
    let malformed = |e: serde_json::Error| ImportError::Malformed { line: e.line(), column: e.column(), detail: e.to_string() };
    #[derive(Deserialize)]
    struct Header {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    let header: Header = serde_json::from_slice(json).map_err(malformed)?;
    let format = header.format.as_ref().and_then(|f| f.as_str()).unwrap_or_default();
    if format != FORMAT {
        let found = header.format.map(|f| f.to_string().chars().take(80).collect()).unwrap_or_default();
        return Err(ImportError::NotAProject { found });
    }
    if let Some(found) = header.version.as_ref().and_then(|v| v.as_u64()) {
        if found > u64::from(VERSION) {
            return Err(ImportError::NewerVersion { found: u32::try_from(found).unwrap_or(u32::MAX), supported: VERSION });
        }
    }
    serde_json::from_slice(json).map_err(malformed)
}

/// Reads the JSON file at `source` (at most [`MAX_BYTES`]).
pub fn read(source: &Path) -> Result<Archive> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Error::from(FileError::NotFound(source.to_path_buf())),
        _ => Error::from(FileError::Io { path: source.to_path_buf(), source: e }),
    };
    let meta = std::fs::metadata(source).map_err(io)?;
    if meta.is_dir() {
        return Err(FileError::IsDirectory(source.to_path_buf()).into());
    }
    if meta.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { size: meta.len(), max: MAX_BYTES }.into());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // Take one byte more than allowed, in case the file grew since `metadata`.
    std::fs::File::open(source).map_err(io)?.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ImportError::TooLarge { size: bytes.len() as u64, max: MAX_BYTES }.into());
    }
    Ok(parse(&bytes)?)
}

/// Imports the JSON file `source` as a new project file `dest`.
pub fn import(source: &Path, dest: &Path, overwrite: bool) -> Result<ProjectFile> {
    let archive = read(source)?;
    let images = check_images(&archive.images).map_err(ImportError::Invalid)?;
    ProjectFile::create_archive(dest, &archive.project, &archive.snapshots, &images, overwrite).map_err(|e| match e {
        Error::Edit(e) => ImportError::Invalid(e).into(),
        other => other,
    })
}

/// Writes the whole project in `file` as JSON to `dest` (complete or not at all).
pub fn export(file: &ProjectFile, dest: &Path) -> Result<()> {
    let (project, snapshots) = (file.project()?, file.snapshots()?);
    let pictures = file.images_of(project.maps.iter().chain(snapshots.iter().map(|s| &s.map)), false)?;
    let json = to_json(&project, &snapshots, &pictures)?;
    crate::fsutil::write_atomically(dest, json.as_bytes()).map_err(|source| FileError::Io { path: dest.to_path_buf(), source })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{default_project, Lang};

    #[test]
    fn an_archive_round_trips_through_json() {
        let project = default_project(Lang::Vi);
        let json = to_json(&project, &[], &Pictures::new()).expect("json");
        assert!(json.contains("\"format\": \"journey-studio-project\""));
        let back = parse(json.as_bytes()).expect("parse");
        assert_eq!(back.project, project);
        assert_eq!(back.version, VERSION);
    }

    #[test]
    fn foreign_newer_and_broken_json_are_named() {
        let code = |json: &str| parse(json.as_bytes()).expect_err(json).code();
        assert_eq!(code(""), "import_malformed");
        assert_eq!(code("{\"format\": \"journey-studio-project\", "), "import_malformed");
        assert_eq!(code("[1, 2]"), "import_not_a_project");
        assert_eq!(code("{}"), "import_not_a_project");
        assert_eq!(code("{\"format\": \"figma\", \"version\": 1}"), "import_not_a_project");
        assert_eq!(code("{\"format\": \"journey-studio-project\", \"version\": 2, \"project\": {}}"), "import_newer_version");
        assert_eq!(code("{\"format\": \"journey-studio-project\", \"version\": 1}"), "import_malformed");
        let extra = to_json(&default_project(Lang::En), &[], &Pictures::new()).expect("json").replacen(
            "\"version\": 1,",
            "\"version\": 1, \"evil\": true,",
            1,
        );
        assert_eq!(code(&extra), "import_malformed", "unknown fields are refused");
    }
}
