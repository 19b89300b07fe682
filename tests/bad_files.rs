//! Files that are not (readable) projects: `ProjectFile::open` refuses each with
//! the expected error code and leaves the file, and the folder around it,
//! exactly as they were.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use journey_studio::store::{ProjectFile, APPLICATION_ID, SCHEMA_VERSION};
use journey_studio::template::{default_project, Lang};
use journey_studio::{Card, Edit};
use rusqlite::Connection;

/// What must not change: every entry of the folder with its bytes (files), its
/// modification time and its permissions.
#[derive(Debug, PartialEq)]
struct Entry {
    bytes: Option<Vec<u8>>,
    modified: SystemTime,
    readonly: bool,
}

fn snapshot(dir: &Path) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).expect("ls") {
        let e = e.expect("entry");
        let meta = std::fs::symlink_metadata(e.path()).expect("metadata");
        let bytes = meta.is_file().then(|| std::fs::read(e.path()).expect("read"));
        out.insert(
            e.file_name().to_string_lossy().into_owned(),
            Entry { bytes, modified: meta.modified().expect("mtime"), readonly: meta.permissions().readonly() },
        );
    }
    out
}

/// Opens `path` (inside `dir`), expects the error `code`, and checks nothing in
/// `dir` changed: no byte, no modification time, no new sibling (journal, WAL,
/// backup, temp file).
fn assert_refused_untouched(dir: &Path, path: &Path, code: &str) -> journey_studio::Error {
    let before = snapshot(dir);
    let dir_mtime = std::fs::metadata(dir).expect("dir").modified().expect("mtime");
    let err = ProjectFile::open(path).expect_err("the file must be refused");
    assert_eq!(err.code(), code, "{}: {err}", path.display());
    let after = snapshot(dir);
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "files appeared or vanished");
    for (name, entry) in &before {
        assert!(after[name] == *entry, "{name} changed");
    }
    assert_eq!(std::fs::metadata(dir).expect("dir").modified().expect("mtime"), dir_mtime, "the folder changed");
    // The message names the file (for the dialog and the log).
    let shown = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    assert!(err.to_string().contains(&shown), "{err}");
    err
}

/// A deterministic pseudo-random byte stream (xorshift64*), enough for garbage.
fn garbage(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect()
}

/// A real project of many pages (cards with long Vietnamese text), closed.
fn real_project(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let template = default_project(Lang::Vi);
    let mut file = ProjectFile::create(&path, &template, false).expect("create");
    let map = &template.maps[0];
    let edits = (0..200)
        .map(|i| Edit::AddCard {
            card: Card {
                id: format!("card-{i}"),
                stage_id: map.stages[i % map.stages.len()].id.clone(),
                lane_id: map.lanes[i % map.lanes.len()].id.clone(),
                text: format!("Thẻ số {i}: ").repeat(40),
                note: "ghi chú dài ".repeat(20),
                color: String::new(),
                channel: "website".into(),
                emotion: None,
                conversion: Some(50.0),
                volume: None,
                persona_id: None,
                image_id: None,
            },
            index: u32::MAX,
        })
        .collect();
    file.apply(&Edit::Batch { edits }).expect("cards");
    drop(file);
    let len = std::fs::metadata(&path).expect("metadata").len();
    assert!(len >= 40 * 4096, "the project spans many pages ({len} bytes)");
    path
}

fn page_size(path: &Path) -> usize {
    let header = std::fs::read(path).expect("read");
    match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => usize::from(n),
    }
}

#[test]
fn random_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("random.journey");
    std::fs::write(&path, garbage(4096, 0x5eed)).expect("write");
    assert_refused_untouched(dir.path(), &path, "file_not_project");
}

#[test]
fn a_text_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.journey");
    std::fs::write(&path, "Hành trình khách hàng: Nhận thức → Cân nhắc → Chuyển đổi\n".repeat(20)).expect("write");
    assert_refused_untouched(dir.path(), &path, "file_not_project");
    let short = dir.path().join("short.journey");
    std::fs::write(&short, "xin chào").expect("write");
    assert_refused_untouched(dir.path(), &short, "file_not_project");
}

#[test]
fn only_the_start_of_an_sqlite_header() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = real_project(dir.path(), "p.journey");
    let bytes = std::fs::read(&project).expect("read");
    std::fs::remove_file(&project).expect("rm");
    let path = dir.path().join("cut.journey");
    std::fs::write(&path, &bytes[..50]).expect("write");
    assert_refused_untouched(dir.path(), &path, "file_not_project");
}

#[test]
fn an_empty_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty.journey");
    std::fs::write(&path, b"").expect("write");
    assert_refused_untouched(dir.path(), &path, "file_empty");
}

#[test]
fn a_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("folder.journey");
    std::fs::create_dir(&path).expect("mkdir");
    std::fs::write(path.join("inside.txt"), b"x").expect("write");
    let inside = snapshot(&path);
    assert_refused_untouched(dir.path(), &path, "file_is_directory");
    assert!(snapshot(&path) == inside);
}

#[test]
fn a_missing_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("missing.journey");
    assert_refused_untouched(dir.path(), &path, "file_not_found");
    assert!(!path.exists(), "opening does not create the file");
    let deeper = dir.path().join("no-such-folder").join("p.journey");
    let err = ProjectFile::open(&deeper).expect_err("missing");
    assert_eq!(err.code(), "file_not_found");
    assert!(!deeper.parent().expect("parent").exists());
}

#[test]
fn a_foreign_sqlite_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("other.journey");
    {
        let conn = Connection::open(&path).expect("create");
        conn.execute_batch("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers(name) VALUES ('Lan');")
            .expect("table");
    }
    assert_refused_untouched(dir.path(), &path, "file_foreign_database");

    // Same with a database that uses another application's id, and with one
    // of our projects whose id was cleared.
    let tagged = dir.path().join("tagged.journey");
    {
        let conn = Connection::open(&tagged).expect("create");
        conn.pragma_update(None, "application_id", 0x1234_5678).expect("application_id");
        conn.execute_batch("CREATE TABLE t (x);").expect("table");
    }
    assert_refused_untouched(dir.path(), &tagged, "file_foreign_database");
    let cleared = real_project(dir.path(), "cleared.journey");
    Connection::open(&cleared).expect("open").pragma_update(None, "application_id", 0).expect("application_id");
    assert_refused_untouched(dir.path(), &cleared, "file_foreign_database");
}

#[test]
fn a_project_from_a_newer_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = real_project(dir.path(), "newer.journey");
    Connection::open(&path).expect("open").pragma_update(None, "user_version", SCHEMA_VERSION + 1).expect("user_version");
    let err = assert_refused_untouched(dir.path(), &path, "file_newer_version");
    let msg = err.to_string();
    assert!(msg.contains(&format!("file format {}", SCHEMA_VERSION + 1)) && msg.contains(&format!("up to {SCHEMA_VERSION}")), "{msg}");

    let far = real_project(dir.path(), "far.journey");
    Connection::open(&far).expect("open").pragma_update(None, "user_version", i64::from(i32::MAX)).expect("user_version");
    assert_refused_untouched(dir.path(), &far, "file_newer_version");
}

#[test]
fn a_project_truncated_to_half_its_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = real_project(dir.path(), "half.journey");
    let bytes = std::fs::read(&path).expect("read");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("truncate");
    assert_refused_untouched(dir.path(), &path, "file_corrupt");
}

#[test]
fn a_project_cut_at_one_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = real_project(dir.path(), "one-page.journey");
    let bytes = std::fs::read(&path).expect("read");
    std::fs::write(&path, &bytes[..page_size(&path)]).expect("truncate");
    assert_refused_untouched(dir.path(), &path, "file_corrupt");
}

#[test]
fn a_project_with_garbage_over_its_middle_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = real_project(dir.path(), "garbled.journey");
    let mut bytes = std::fs::read(&path).expect("read");
    let page = page_size(&path);
    let pages = bytes.len() / page;
    assert!(pages >= 10, "{pages} pages");
    // Keep the header page and the last page; scramble the middle third.
    let (from, to) = (pages / 3 * page, 2 * pages / 3 * page);
    bytes[from..to].copy_from_slice(&garbage(to - from, 0xbad));
    std::fs::write(&path, &bytes).expect("write");
    assert_refused_untouched(dir.path(), &path, "file_corrupt");
}

#[test]
fn a_project_with_garbage_over_every_page_but_the_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = real_project(dir.path(), "garbled.journey");
    let mut bytes = std::fs::read(&path).expect("read");
    let page = page_size(&path);
    let len = bytes.len();
    bytes[page..].copy_from_slice(&garbage(len - page, 0xfeed));
    std::fs::write(&path, &bytes).expect("write");
    assert_refused_untouched(dir.path(), &path, "file_corrupt");
}

/// `open` refuses a file without write permission (it checks the permission
/// bits, so this holds even when the tests run as root, who could write it).
#[test]
fn a_read_only_project() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = real_project(dir.path(), "locked.journey");
    let mut perms = std::fs::metadata(&path).expect("metadata").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms.clone()).expect("chmod");
    assert_refused_untouched(dir.path(), &path, "file_read_only");

    // An old (version 0) read-only file is refused before any backup is made.
    let old = dir.path().join("old.journey");
    Connection::open(&old).expect("create").pragma_update(None, "application_id", APPLICATION_ID).expect("application_id");
    std::fs::set_permissions(&old, perms.clone()).expect("chmod");
    assert_refused_untouched(dir.path(), &old, "file_read_only");

    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&path, perms).expect("chmod");
    ProjectFile::open(&path).expect("writable again, it opens");
}

#[test]
fn create_does_not_replace_an_existing_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = real_project(dir.path(), "p.journey");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "không phải dự án").expect("write");
    let template = default_project(Lang::Vi);
    for path in [&project, &text] {
        let before = snapshot(dir.path());
        let err = ProjectFile::create(path, &template, false).expect_err("exists");
        assert_eq!(err.code(), "file_exists");
        assert!(snapshot(dir.path()) == before, "{} or its folder changed", path.display());
    }
    let before = snapshot(dir.path());
    let err = ProjectFile::create(dir.path(), &template, true).expect_err("a folder");
    assert_eq!(err.code(), "file_is_directory");
    assert!(snapshot(dir.path()) == before);
}

#[test]
fn a_good_project_opens_without_being_written() {
    // The control case for the tests above: opening (and reading) a valid
    // project does not modify it either.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = real_project(dir.path(), "good.journey");
    let before = snapshot(dir.path());
    let file = ProjectFile::open(&path).expect("open");
    assert_eq!(file.project().expect("project").maps[0].cards.len(), 200);
    drop(file);
    assert!(snapshot(dir.path()) == before);
}

#[test]
fn a_project_with_a_map_without_stages_or_lanes_is_not_created() {
    // What an import of a hand-edited JSON project could ask for: the core
    // refuses it whole, and nothing is left in the folder.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty-map.journey");
    for strip in ["stages", "lanes", "both"] {
        let mut project = default_project(Lang::Vi);
        let map = &mut project.maps[0];
        map.cards.clear();
        if strip != "lanes" {
            map.stages.clear();
        }
        if strip != "stages" {
            map.lanes.clear();
        }
        let before = snapshot(dir.path());
        let err = ProjectFile::create(&path, &project, false).expect_err("a map needs a stage and a lane");
        assert_eq!(err.code(), "edit_map_empty", "{strip}: {err}");
        assert!(snapshot(dir.path()) == before, "{strip}: the folder changed");
    }
}
