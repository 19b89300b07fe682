//! A process that dies in the middle of writing an edit leaves the project file
//! with a "hot" rollback journal beside it. Opening that file must roll the
//! unfinished edit back and show every edit that was acknowledged before it.

use std::path::{Path, PathBuf};

use journey_studio::store::ProjectFile;
use journey_studio::template::{default_project, Lang};
use journey_studio::{Card, Edit};
use rusqlite::{Connection, TransactionBehavior};

fn card(id: &str, stage: &str, lane: &str, text: &str) -> Card {
    Card::new(id, stage, lane, text)
}

/// Copies the project file and its journal as they are on disk right now, the
/// state a power cut or SIGKILL would leave.
fn freeze(path: &Path, into: &Path) -> PathBuf {
    let name = path.file_name().expect("name");
    let copy = into.join(name);
    std::fs::copy(path, &copy).expect("copy file");
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    let mut journal_copy = copy.as_os_str().to_owned();
    journal_copy.push("-journal");
    std::fs::copy(&journal, &journal_copy).expect("a hot journal exists mid-transaction");
    copy
}

#[test]
fn an_edit_interrupted_mid_write_is_rolled_back_and_acknowledged_edits_stay() {
    let dir = tempfile::tempdir().expect("tempdir");
    let crashed = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("hành trình.journey");
    let template = default_project(Lang::Vi);
    let map = &template.maps[0];
    let (stage, lane) = (map.stages[0].id.clone(), map.lanes[0].id.clone());
    let mut file = ProjectFile::create(&path, &template, false).expect("create");
    file.apply(&Edit::AddCard { card: card("acked", &stage, &lane, "Đã lưu trước sự cố"), index: 0 }).expect("acknowledged edit");
    drop(file);

    // A writer that is half-way through a large change: a small page cache
    // forces the changed pages to the file before COMMIT, with the journal
    // holding the originals.
    let frozen = {
        let mut conn = Connection::open(&path).expect("open");
        conn.pragma_update(None, "journal_mode", "DELETE").expect("journal");
        conn.pragma_update(None, "cache_size", 2).expect("cache");
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).expect("begin");
        for i in 0..400 {
            tx.execute(
                "INSERT INTO cards(id, map_id, stage_id, lane_id, position, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![format!("unacked-{i}"), map.id, stage, lane, i + 1, "chưa lưu ".repeat(50)],
            )
            .expect("insert");
        }
        tx.execute("UPDATE meta SET value = 'half-written' WHERE key = 'title'", []).expect("title");
        let frozen = freeze(&path, crashed.path());
        tx.rollback().expect("rollback");
        frozen
    };

    let file = ProjectFile::open(&frozen).expect("a file with a hot journal opens");
    let project = file.project().expect("project");
    let texts: Vec<&str> = project.maps[0].cards.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["Đã lưu trước sự cố"], "the interrupted edit is gone, the acknowledged one stays");
    assert_eq!(project.title, template.title);
    drop(file);
    let mut journal = frozen.as_os_str().to_owned();
    journal.push("-journal");
    assert!(!Path::new(&journal).exists(), "the journal was played back and removed");
}
