//! Looks at a file before SQLite touches it, so that a file that is not one of
//! our projects (or is newer than this build) is refused without being modified.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::schema::{APPLICATION_ID, SCHEMA_VERSION};
use crate::error::FileError;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// The database header is the first 100 bytes of the file.
const HEADER_LEN: usize = 100;

/// What the header says about a file that is one of our projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub schema_version: i64,
    /// A rollback journal with a write in it lies beside the file: a write was interrupted (crash,
    /// kill, power cut). Opening the file read-write plays it back, restoring the
    /// file as of its last committed edit; only then can its integrity be checked.
    pub hot_journal: bool,
}

/// The rollback journal SQLite keeps beside `path` while a write is under way.
pub fn journal_path(path: &Path) -> std::path::PathBuf {
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    journal.into()
}

/// Checks that `path` is a Journey Studio project this build can read: an
/// existing regular file, an SQLite database with our application id, a schema
/// version not newer than ours, and (unless an interrupted write left a journal
/// to play back first) an intact structure. Opens it read-only.
pub fn probe(path: &Path) -> Result<Probe, FileError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => FileError::NotFound(path.to_path_buf()),
        _ => FileError::Io { path: path.to_path_buf(), source: e },
    })?;
    if meta.is_dir() {
        return Err(FileError::IsDirectory(path.to_path_buf()));
    }
    if meta.len() == 0 {
        return Err(FileError::Empty(path.to_path_buf()));
    }
    let mut header = [0u8; HEADER_LEN];
    let mut file = File::open(path).map_err(|e| FileError::Io { path: path.to_path_buf(), source: e })?;
    let read = read_up_to(&mut file, &mut header).map_err(|e| FileError::Io { path: path.to_path_buf(), source: e })?;
    if read < HEADER_LEN || &header[..16] != SQLITE_MAGIC {
        return Err(FileError::NotSqlite(path.to_path_buf()));
    }
    let user_version = i64::from(i32::from_be_bytes([header[60], header[61], header[62], header[63]]));
    let application_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if application_id != APPLICATION_ID {
        return Err(FileError::ForeignDatabase(path.to_path_buf()));
    }
    if user_version > SCHEMA_VERSION {
        return Err(FileError::NewerSchema { path: path.to_path_buf(), found: user_version, supported: SCHEMA_VERSION });
    }
    let hot_journal = is_hot(&journal_path(path));
    if !hot_journal {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| corrupt(path, e.to_string()))?;
        check_integrity(path, &conn)?;
    }
    Ok(Probe { schema_version: user_version, hot_journal })
}

/// Whether the journal at `journal` holds a write to play back: it exists, is
/// not empty and its header is not zeroed (SQLite's own test; a journal kept
/// between commits, see `schema::configure`, has a zeroed header).
pub fn is_hot(journal: &Path) -> bool {
    let mut first = [0u8; 1];
    match File::open(journal) {
        Ok(mut f) => f.metadata().is_ok_and(|m| m.is_file()) && read_up_to(&mut f, &mut first).is_ok_and(|n| n == 1) && first[0] != 0,
        Err(_) => false,
    }
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut total = 0;
    while total < buf.len() {
        let n = file.read(&mut buf[total..])?;
        if n == 0 {
            break;
        }
        total += n;
    }
    Ok(total)
}

fn corrupt(path: &Path, detail: String) -> FileError {
    FileError::Corrupt { path: path.to_path_buf(), detail }
}

/// `PRAGMA quick_check`: catches truncated files and damaged pages. Writes
/// nothing (on a read-only connection, it cannot).
pub fn check_integrity(path: &Path, conn: &Connection) -> Result<(), FileError> {
    let mut stmt = conn.prepare("PRAGMA quick_check").map_err(|e| corrupt(path, e.to_string()))?;
    let rows: Vec<String> =
        stmt.query_map([], |r| r.get::<_, String>(0)).and_then(|rows| rows.collect()).map_err(|e| corrupt(path, e.to_string()))?;
    if rows.len() == 1 && rows[0] == "ok" {
        Ok(())
    } else {
        Err(corrupt(path, rows.into_iter().take(3).collect::<Vec<_>>().join("; ")))
    }
}
