//! Round trips through the public API: a project made from the Vietnamese
//! template, Unicode text kept byte for byte, "save as", the file's identity as
//! seen by SQLite itself, older files, and the JSON edit vocabulary.

use std::collections::BTreeSet;
use std::path::Path;

use journey_studio::store::{ProjectFile, APPLICATION_ID, SCHEMA_VERSION};
use journey_studio::template::{default_project, Lang};
use journey_studio::{Card, Edit, LaneKind, Project};
use rusqlite::{Connection, OpenFlags};

const AD_TEXT: &str = "Khách hàng thấy quảng cáo — điểm chạm 🙂";

fn read_only(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open with rusqlite")
}

fn pragma_i64(conn: &Connection, name: &str) -> i64 {
    conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).expect(name)
}

/// The file is ours, at this build's version, intact, and a single file.
fn assert_sound_project_file(path: &Path) {
    let conn = read_only(path);
    assert_eq!(pragma_i64(&conn, "application_id"), i64::from(APPLICATION_ID), "{}", path.display());
    assert_eq!(pragma_i64(&conn, "user_version"), SCHEMA_VERSION, "{}", path.display());
    let check: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    assert_eq!(check, ["ok"], "{}", path.display());
    let fk: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).expect("fk");
    assert_eq!(fk, 0);
    let journal: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("journal_mode");
    assert_eq!(journal, "delete", "rollback journal: the project stays one file between edits");
}

fn names_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir).expect("ls").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect()
}

#[test]
fn vietnamese_template_has_the_five_marketing_stages_and_every_journey_lane_kind() {
    let p = default_project(Lang::Vi);
    assert_eq!(p.maps.len(), 1);
    let map = &p.maps[0];
    let stages: Vec<&str> = map.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(stages, ["Nhận thức", "Cân nhắc", "Chuyển đổi", "Giữ chân", "Ủng hộ"]);
    assert_eq!(map.lanes.len(), 8);
    let kinds: Vec<LaneKind> = map.lanes.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, LaneKind::JOURNEY);
    assert!(map.cards.is_empty());
    let ids: BTreeSet<&str> = std::iter::once(map.id.as_str())
        .chain(map.stages.iter().map(|s| s.id.as_str()))
        .chain(map.lanes.iter().map(|l| l.id.as_str()))
        .collect();
    assert_eq!(ids.len(), 1 + 5 + 8, "every id is distinct");
    assert_ne!(default_project(Lang::Vi).maps[0].id, map.id, "each new project gets fresh ids");

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("hành trình.journey");
    let file = ProjectFile::create(&path, &p, false).expect("create");
    assert_eq!(file.project().expect("project"), p);
    drop(file);
    assert_eq!(ProjectFile::open(&path).expect("open").project().expect("project"), p);
    assert_sound_project_file(&path);
}

#[test]
fn vietnamese_text_survives_close_and_reopen_byte_for_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dự án.journey");
    let template = default_project(Lang::Vi);
    let mut file = ProjectFile::create(&path, &template, false).expect("create");
    let map = &template.maps[0];
    let touch = map.lanes.iter().find(|l| l.kind == LaneKind::Touchpoints).expect("touchpoint lane");
    let card = Card {
        id: "c-quang-cao".into(),
        stage_id: map.stages[0].id.clone(),
        lane_id: touch.id.clone(),
        text: AD_TEXT.into(),
        note: "Ghi chú: Zalo, Facebook".into(),
        color: "#ffcc00".into(),
        channel: "social".into(),
        emotion: None,
        conversion: Some(4.5),
        volume: Some(250_000),
        persona_id: None,
        image_id: None,
    };
    file.apply(&Edit::AddCard { card: card.clone(), index: 0 }).expect("add card");
    // The same letters, decomposed (NFD): must not be normalised on the way.
    let nfd = "Nha\u{0323}\u{0302}n thu\u{031B}\u{0301}c";
    let nfd_card = Card { id: "c-nfd".into(), text: nfd.into(), channel: String::new(), color: String::new(), ..card.clone() };
    file.apply(&Edit::AddCard { card: nfd_card, index: 1 }).expect("add nfd card");
    file.apply(&Edit::SetProjectTitle { title: "Dự án — 🙂".into() }).expect("title");
    let before = file.project().expect("project");
    drop(file);

    let file = ProjectFile::open(&path).expect("reopen");
    let after = file.project().expect("project");
    assert_eq!(after, before);
    let got = after.maps[0].card("c-quang-cao").expect("card is there");
    assert_eq!(got.text.as_bytes(), AD_TEXT.as_bytes());
    assert_eq!(got.channel, "social");
    assert_eq!(got.lane_id, touch.id);
    assert_eq!(after.maps[0].card("c-nfd").expect("nfd card").text.as_bytes(), nfd.as_bytes());
    assert_eq!(after.title, "Dự án — 🙂");
    drop(file);

    // What SQLite itself stores: UTF-8 text, the same bytes.
    let conn = read_only(&path);
    let (kind, bytes): (String, Vec<u8>) = conn
        .query_row("SELECT typeof(text), CAST(text AS BLOB) FROM cards WHERE id = 'c-quang-cao'", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("row");
    assert_eq!(kind, "text");
    assert_eq!(bytes, AD_TEXT.as_bytes());
    let encoding: String = conn.query_row("PRAGMA encoding", [], |r| r.get(0)).expect("encoding");
    assert_eq!(encoding, "UTF-8");
}

#[test]
fn save_as_writes_a_complete_copy_and_leaves_the_original() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original_path = dir.path().join("gốc.journey");
    let copy_path = dir.path().join("bản sao.journey");
    let template = default_project(Lang::Vi);
    let mut original = ProjectFile::create(&original_path, &template, false).expect("create");
    let map = &template.maps[0];
    original
        .apply(&Edit::AddCard {
            card: Card {
                id: "c1".into(),
                stage_id: map.stages[2].id.clone(),
                lane_id: map.lanes[0].id.clone(),
                text: AD_TEXT.into(),
                note: String::new(),
                color: String::new(),
                channel: "social".into(),
                emotion: Some(1),
                conversion: None,
                volume: None,
                persona_id: None,
                image_id: None,
            },
            index: 0,
        })
        .expect("add");
    original.apply(&Edit::SetProjectTitle { title: "Bản gốc".into() }).expect("title");
    let project = original.project().expect("project");
    let view = original.view().expect("view");
    let original_bytes = std::fs::read(&original_path).expect("read");

    let mut copy = original.save_as(&copy_path, false).expect("save as");
    assert_eq!(copy.project().expect("project"), project);
    let copy_view = copy.view().expect("view");
    assert_eq!((copy_view.revision, copy_view.can_undo, copy_view.can_redo), (view.revision, view.can_undo, view.can_redo));
    assert_ne!(copy_view.path, view.path);
    assert_eq!(Path::new(&copy_view.path), std::fs::canonicalize(&copy_path).expect("canonical"));
    assert!(std::fs::read(&original_path).expect("read") == original_bytes, "save as does not write the original");
    assert_sound_project_file(&copy_path);
    assert_eq!(
        names_in(dir.path()),
        BTreeSet::from(["gốc.journey".to_owned(), "gốc.journey-journal".to_owned(), "bản sao.journey".to_owned()]),
        "no temp file left (the original, open and edited, keeps its journal until closed)"
    );

    // The copy has the undo log; undoing there does not touch the original.
    copy.undo().expect("undo in the copy");
    assert_eq!(copy.project().expect("project").title, template.title);
    assert_eq!(original.project().expect("project"), project);

    // Refusals.
    let copy_bytes = std::fs::read(&copy_path).expect("read");
    let err = original.save_as(&copy_path, false).expect_err("exists");
    assert_eq!(err.code(), "file_exists");
    assert!(std::fs::read(&copy_path).expect("read") == copy_bytes);
    let err = original.save_as(dir.path(), true).expect_err("a folder");
    assert_eq!(err.code(), "file_is_directory");

    drop(copy);
    drop(original);
    // Both files open on their own.
    assert_eq!(ProjectFile::open(&original_path).expect("original").project().expect("project"), project);
    let copy = ProjectFile::open(&copy_path).expect("copy");
    assert_eq!(copy.project().expect("project").title, template.title);

    // Overwriting is allowed when asked.
    let original = ProjectFile::open(&original_path).expect("original");
    let replaced = original.save_as(&copy_path, true).expect("overwrite");
    assert_eq!(replaced.project().expect("project"), project);
    assert_sound_project_file(&original_path);
    assert_sound_project_file(&copy_path);
}

#[test]
fn a_new_file_is_ours_at_the_current_version_and_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.journey");
    let mut file = ProjectFile::create(&path, &default_project(Lang::En), false).expect("create");
    file.apply(&Edit::SetProjectTitle { title: "x".into() }).expect("edit");
    // Readable by another connection while open: every edit is committed.
    assert_eq!(
        read_only(&path).query_row("SELECT value FROM meta WHERE key = 'title'", [], |r| r.get::<_, String>(0)).expect("title"),
        "x"
    );
    drop(file);
    assert_sound_project_file(&path);
    assert_eq!(APPLICATION_ID.to_be_bytes(), *b"JOUR");
    let header = std::fs::read(&path).expect("read");
    assert_eq!(&header[..16], b"SQLite format 3\0");
    assert_eq!(&header[68..72], b"JOUR", "application id at its header offset");
    assert_eq!(i64::from(i32::from_be_bytes(header[60..64].try_into().expect("4 bytes"))), SCHEMA_VERSION);
    assert_eq!(names_in(dir.path()), BTreeSet::from(["p.journey".to_owned()]));
}

/// An SQLite file with our application id and `user_version` 0 is a file from
/// before the first schema: `open` keeps a copy as `<name>.v0.bak` and migrates
/// the file forward to [`SCHEMA_VERSION`].
#[test]
fn a_version_0_file_is_backed_up_and_migrated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.journey");
    {
        let conn = Connection::open(&path).expect("create");
        conn.pragma_update(None, "application_id", APPLICATION_ID).expect("application_id");
    }
    let old_bytes = std::fs::read(&path).expect("read");
    assert_eq!(i32::from_be_bytes(old_bytes[60..64].try_into().expect("4 bytes")), 0, "user_version 0");

    let mut file = ProjectFile::open(&path).expect("open an old file");
    let backup = dir.path().join("old.v0.bak");
    assert!(std::fs::read(&backup).expect("backup exists") == old_bytes, "the backup is the file as it was");
    // Open (and migrated: written), the file keeps its journal beside it until closed.
    assert_eq!(names_in(dir.path()), BTreeSet::from(["old.journey".to_owned(), "old.journey-journal".to_owned(), "old.v0.bak".to_owned()]));
    assert_eq!(file.project().expect("project"), Project { title: String::new(), maps: vec![], personas: vec![] });
    assert_eq!(file.revision().expect("revision"), 0);
    file.apply(&Edit::SetProjectTitle { title: "đã nâng cấp".into() }).expect("the migrated file takes edits");
    drop(file);
    assert_sound_project_file(&path);

    // Opening again: current version, no new backup.
    let file = ProjectFile::open(&path).expect("reopen");
    assert_eq!(file.project().expect("project").title, "đã nâng cấp");
    assert_eq!(names_in(dir.path()).len(), 2);
}

/// A real version-1 file (see `tests/fixtures/README.md`): backed up, migrated
/// to the current version with every card kept and unscored, its old undo log
/// still undoes and redoes, and the new columns take values.
#[test]
fn a_version_1_file_is_migrated_and_its_old_undo_log_still_works() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cũ.journey");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-vietnamese.journey");
    std::fs::copy(&fixture, &path).expect("copy fixture");
    let old_bytes = std::fs::read(&path).expect("read");

    let mut file = ProjectFile::open(&path).expect("open a version-1 file");
    assert!(std::fs::read(dir.path().join("cũ.v1.bak")).expect("backup") == old_bytes);
    let project = file.project().expect("project");
    assert_eq!(project.title, "Dự án cũ (định dạng 1)");
    let map = &project.maps[0];
    let texts: Vec<&str> = map.cards.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["Thấy quảng cáo trên Facebook", "Đọc đánh giá trên website", "Lo lắng về phí vận chuyển"]);
    assert!(map.cards.iter().all(|c| c.emotion.is_none() && c.conversion.is_none() && c.volume.is_none()));

    // The undo log entry was written in the version-1 JSON form.
    assert!(file.can_undo().expect("can_undo"));
    file.undo().expect("undo the version-1 edit");
    assert_eq!(file.project().expect("project").maps[0].cards.len(), 2);
    file.redo().expect("redo it");
    let card = file.project().expect("project").maps[0].cards[2].clone();
    assert_eq!(card.text, "Lo lắng về phí vận chuyển");
    assert_eq!(card.note, "ghi chú");

    file.apply(&Edit::SetCardMetrics { card_id: "c3".into(), emotion: Some(Some(-2)), conversion: Some(None), volume: Some(None) })
        .expect("the new columns take values");
    file.apply(&Edit::SetCardMetrics {
        card_id: "c1".into(),
        emotion: Some(None),
        conversion: Some(Some(3.5)),
        volume: Some(Some(120_000)),
    })
    .expect("conversion and volume");
    drop(file);
    assert_sound_project_file(&path);
    let file = ProjectFile::open(&path).expect("reopen");
    let cards = file.project().expect("project").maps[0].cards.clone();
    assert_eq!((cards[0].conversion, cards[0].volume), (Some(3.5), Some(120_000)));
    assert_eq!(cards[2].emotion, Some(-2));
    assert_eq!(names_in(dir.path()).len(), 2, "the file and its one backup");
}

/// A file from before review comments (version 4, written by that build: the
/// Vietnamese marketing template, one edit in its undo log) is backed up,
/// migrated, its undo log still works, and it takes comments that stay after
/// reopening.
#[test]
fn a_version_4_file_is_migrated_and_takes_comments() {
    use journey_studio::model::CommentOn;
    const CARD: &str = "19ca2897-9a95-4cef-8a43-0e762f7287b5";
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bốn.journey");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v4-vietnamese.journey"), &path).expect("copy fixture");
    let old_bytes = std::fs::read(&path).expect("read");
    assert_eq!(pragma_i64(&read_only(&path), "user_version"), 4);

    let mut file = ProjectFile::open(&path).expect("open a version-4 file");
    assert!(std::fs::read(dir.path().join("bốn.v4.bak")).expect("backup") == old_bytes);
    let project = file.project().expect("project");
    assert_eq!(project.maps[0].name, "Hành trình marketing 5 giai đoạn");
    assert!(project.maps[0].comments.is_empty());
    let text = |f: &ProjectFile| f.project().expect("project").maps[0].card(CARD).expect("card").text.clone();
    assert_eq!(text(&file), "Video review của KOC trên TikTok — đã sửa ở định dạng 4");
    file.undo().expect("undo the version-4 edit");
    assert_eq!(text(&file), "Video review của KOC trên TikTok");
    file.redo().expect("redo it");

    let stage = project.maps[0].stages[0].id.clone();
    for (id, on, target, parent) in
        [("k1", CommentOn::Card, CARD, None), ("k2", CommentOn::Card, CARD, Some("k1")), ("k3", CommentOn::Stage, stage.as_str(), None)]
    {
        file.apply(&Edit::PostComment {
            comment_id: id.into(),
            on,
            target_id: target.into(),
            parent_id: parent.map(Into::into),
            author: "Chị Hà".into(),
            body: format!("Góp ý {id}: khách có nhớ không?"),
        })
        .expect("post");
    }
    file.apply(&Edit::ResolveComment { comment_id: "k3".into(), by: "Minh".into(), at: None }).expect("resolve");
    let comments = file.project().expect("project").maps[0].comments.clone();
    drop(file);
    assert_sound_project_file(&path);
    let file = ProjectFile::open(&path).expect("reopen");
    assert_eq!(file.project().expect("project").maps[0].comments, comments);
    assert_eq!(comments.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["k1", "k2", "k3"]);
    assert_eq!(comments[2].resolved_by, "Minh");
    assert_eq!(names_in(dir.path()).len(), 2, "the file and its one backup");
}

/// Comments travel through the project JSON whole, and come back as they were.
#[test]
fn comments_survive_project_json_export_and_import() {
    use journey_studio::model::{Comment, CommentOn};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut project = default_project(Lang::Vi);
    let map = &mut project.maps[0];
    let (card, stage) = ("c1".to_owned(), map.stages[2].id.clone());
    map.cards.push(Card::new("c1", map.stages[0].id.clone(), map.lanes[0].id.clone(), AD_TEXT));
    let c = |id: &str, on: CommentOn, target: &str, parent: Option<&str>, at: i64| Comment {
        id: id.into(),
        on,
        target_id: target.into(),
        parent_id: parent.map(Into::into),
        author: "Chị Hà".into(),
        body: format!("Bình luận {id} — 🙂\nDòng hai"),
        created_at: at,
        resolved_at: None,
        resolved_by: String::new(),
    };
    map.comments = vec![
        c("k1", CommentOn::Card, &card, None, 1_796_000_000_000),
        c("k2", CommentOn::Card, &card, Some("k1"), 1_796_000_100_000),
        Comment {
            resolved_at: Some(1_796_000_900_000),
            resolved_by: "Minh".into(),
            ..c("k3", CommentOn::Stage, &stage, None, 1_796_000_200_000)
        },
    ];
    let file = ProjectFile::create(&dir.path().join("a.journey"), &project, false).expect("create");
    let json = dir.path().join("a.json");
    journey_studio::project_json::export(&file, &json).expect("export JSON");
    let imported = journey_studio::project_json::import(&json, &dir.path().join("b.journey"), false).expect("import JSON");
    assert_eq!(imported.project().expect("project").maps[0].comments, project.maps[0].comments);
    // A reply to a comment the file does not have is refused whole.
    let text = std::fs::read_to_string(&json).expect("read").replace("\"parent_id\": \"k1\"", "\"parent_id\": \"k9\"");
    std::fs::write(&json, text).expect("write");
    let err = journey_studio::project_json::import(&json, &dir.path().join("c.journey"), false).expect_err("refused");
    assert_eq!(err.code(), "import_invalid");
    assert!(!dir.path().join("c.journey").exists());
}

/// An old file whose migration fails is left as it was (the migration is one
/// transaction); the backup copy stays beside it.
#[test]
fn a_version_0_file_that_cannot_be_migrated_is_left_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.journey");
    {
        let conn = Connection::open(&path).expect("create");
        conn.pragma_update(None, "application_id", APPLICATION_ID).expect("application_id");
        // A table the first migration wants to create.
        conn.execute_batch("CREATE TABLE meta (k TEXT); INSERT INTO meta VALUES ('x');").expect("table");
    }
    let old_bytes = std::fs::read(&path).expect("read");
    let err = ProjectFile::open(&path).expect_err("migration fails");
    assert_eq!(err.code(), "storage", "{err}");
    assert!(std::fs::read(&path).expect("read") == old_bytes, "the failed migration was rolled back");
    assert!(std::fs::read(dir.path().join("old.v0.bak")).expect("backup") == old_bytes);
    assert_eq!(names_in(dir.path()).len(), 2, "no journal left behind");
}

#[test]
fn edits_are_read_from_their_json_vocabulary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.journey");
    let template = default_project(Lang::Vi);
    let mut file = ProjectFile::create(&path, &template, false).expect("create");
    let map = &template.maps[0];
    let json = format!(
        r#"{{"type":"add_card","index":0,"card":{{"id":"c1","stage_id":"{}","lane_id":"{}","text":"{}","note":"","color":"","channel":"social"}}}}"#,
        map.stages[0].id, map.lanes[0].id, AD_TEXT
    );
    let edit: Edit = serde_json::from_str(&json).expect("an add_card edit parses");
    assert!(matches!(&edit, Edit::AddCard { card, index: 0 } if card.text == AD_TEXT && card.channel == "social"));
    file.apply(&edit).expect("apply");
    assert_eq!(file.project().expect("project").maps[0].cards[0].text, AD_TEXT);

    // Optional fields of update_* may be left out, and stay out when written.
    let update = r#"{"type":"update_card","card_id":"c1","note":"Ghi chú"}"#;
    let edit: Edit = serde_json::from_str(update).expect("update parses");
    assert_eq!(serde_json::to_string(&edit).expect("serialise"), update);
    file.apply(&edit).expect("apply");
    let card = &file.project().expect("project").maps[0].cards[0];
    assert_eq!((card.text.as_str(), card.note.as_str()), (AD_TEXT, "Ghi chú"), "absent fields are left as they were");

    // Batches nest.
    let batch = r#"{"type":"batch","edits":[{"type":"set_project_title","title":"A"},{"type":"batch","edits":[{"type":"delete_card","card_id":"c1"}]}]}"#;
    file.apply(&serde_json::from_str::<Edit>(batch).expect("batch parses")).expect("apply");
    assert!(file.project().expect("project").maps[0].cards.is_empty());

    // Malformed edits are refused with an error that names the problem.
    for (bad, says) in [
        (r#"{"type":"delete_card","card_id":"c1","extra":1}"#, "unknown field `extra`"),
        (r##"{"type":"update_card","card_id":"c1","colour":"#ffffff"}"##, "unknown field `colour`"),
        (r#"{"type":"drop_table","name":"cards"}"#, "unknown variant `drop_table`"),
        (r#"{"type":"DeleteCard","card_id":"c1"}"#, "unknown variant `DeleteCard`"),
        (r#"{"card_id":"c1"}"#, "missing field `type`"),
        (r#"{"type":"move_stage","stage_id":"s"}"#, "missing field `index`"),
        (r#"{"type":"move_stage","stage_id":"s","index":-1}"#, "invalid value"),
        (r#"{"type":"update_lane","lane_id":"l","kind":"feelings"}"#, "unknown variant `feelings`"),
        (
            r#"{"type":"add_card","index":0,"card":{"id":"c","stage_id":"s","lane_id":"l","text":"","note":"","color":"","channel":"","x":1}}"#,
            "unknown field `x`",
        ),
        (r#"{"type":"batch","edits":[{"type":"nope"}]}"#, "unknown variant `nope`"),
    ] {
        let err = serde_json::from_str::<Edit>(bad).expect_err(bad);
        assert!(err.to_string().contains(says), "{bad}: error {err:?} should say {says:?}");
    }
    // Every edit type the UI may send is named in the error listing the vocabulary.
    let err = serde_json::from_str::<Edit>(r#"{"type":"nope"}"#).expect_err("unknown").to_string();
    for name in ["set_project_title", "add_map", "delete_stage", "add_card", "move_card", "delete_persona", "batch"] {
        assert!(err.contains(name), "{err}");
    }
}

#[test]
fn view_describes_the_open_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.journey");
    let template = default_project(Lang::En);
    let mut file = ProjectFile::create(&path, &template, false).expect("create");
    let v = file.view().expect("view");
    assert_eq!(Path::new(&v.path), std::fs::canonicalize(&path).expect("canonical"));
    assert!(Path::new(&v.path).is_absolute());
    assert_eq!((v.revision, v.can_undo, v.can_redo), (0, false, false));
    assert_eq!(v.project, template);
    file.apply(&Edit::SetProjectTitle { title: "x".into() }).expect("edit");
    file.undo().expect("undo");
    let v = file.view().expect("view");
    assert_eq!((v.revision, v.can_undo, v.can_redo), (2, false, true));
    // The view is what the UI receives: it serialises to JSON and back.
    let json = serde_json::to_string(&v).expect("serialise");
    assert_eq!(serde_json::from_str::<journey_studio::DocumentView>(&json).expect("parse"), v);
}

/// Reading for export opens nothing for editing: a read-only project, and an
/// older one (migrated in memory only), are read and left byte-identical.
#[test]
fn read_project_reads_read_only_and_older_files_without_changing_them() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("cũ.journey");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-vietnamese.journey"), &old).expect("copy");
    let old_bytes = std::fs::read(&old).expect("read");
    let project = journey_studio::store::read_project(&old).expect("read a version-1 file");
    assert_eq!(project.maps[0].cards.len(), 3);
    assert!(std::fs::read(&old).expect("read") == old_bytes, "not migrated on disk");

    let ro = dir.path().join("chỉ đọc.journey");
    let template = default_project(Lang::Vi);
    drop(ProjectFile::create(&ro, &template, false).expect("create"));
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let ro_bytes = std::fs::read(&ro).expect("read");
    assert_eq!(journey_studio::store::read_project(&ro).expect("read a read-only file"), template);
    assert!(std::fs::read(&ro).expect("read") == ro_bytes);
    assert_eq!(names_in(dir.path()).len(), 2, "no backup, journal or other side file");
}

/// A rate is kept to the last bit through undo and redo (their edits are
/// stored as JSON) and through the project JSON. The fuzzer found a rate that
/// came back one unit in the last place off after redo.
#[test]
fn rates_keep_every_bit_through_undo_redo_and_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rates.journey");
    let template = default_project(Lang::Vi);
    let mut file = ProjectFile::create(&path, &template, false).expect("create");
    let map = &template.maps[0];
    let card = Card {
        id: "c0".into(),
        stage_id: map.stages[0].id.clone(),
        lane_id: map.lanes[0].id.clone(),
        text: AD_TEXT.into(),
        note: String::new(),
        color: String::new(),
        channel: "social".into(),
        emotion: None,
        conversion: Some(12.5),
        volume: None,
        persona_id: None,
        image_id: None,
    };
    file.apply(&Edit::AddCard { card, index: 0 }).expect("add card");
    for rate in [0.010017644745460737, 0.010017644745460736, 33.333333333333336, 99.99999999999999, 5e-324, 0.1 + 0.2] {
        file.apply(&Edit::SetCardMetrics { card_id: "c0".into(), emotion: Some(None), conversion: Some(Some(rate)), volume: Some(None) })
            .expect("set rate");
        let after = file.project().expect("project");
        let got = |p: &Project| p.maps[0].card("c0").expect("card").conversion.expect("rate").to_bits();
        assert_eq!(got(&after), rate.to_bits(), "stored {rate:e}");
        file.undo().expect("undo");
        file.redo().expect("redo");
        assert_eq!(got(&file.project().expect("project")), rate.to_bits(), "after undo and redo: {rate:e}");
        let json = serde_json::to_string(&after).expect("to json");
        let back: Project = serde_json::from_str(&json).expect("from json");
        assert_eq!(got(&back), rate.to_bits(), "through JSON: {rate:e}");
    }
}
