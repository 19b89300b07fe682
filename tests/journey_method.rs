//! The journey method across modules: a project with personas (and a photo),
//! research linked to cards and a review history goes out as JSON and comes
//! back whole; broken or hostile JSON is refused with a clear error and writes
//! nothing; snapshots compare and restore on real edits.

use std::path::{Path, PathBuf};

use journey_studio::project_json::{self, ImportError};
use journey_studio::store::ProjectFile;
use journey_studio::template::{default_project, Lang};
use journey_studio::versions::{self, CardField};
use journey_studio::{Card, Edit, Error, Persona, Project, ResearchItem, ResearchKind};

const TINY_PNG: &str =
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/// The Vietnamese template with a persona, touchpoints with rates, and research.
fn project() -> Project {
    let mut p = default_project(Lang::Vi);
    p.title = "Chuỗi cà phê Sương Sớm".into();
    p.personas.push(Persona {
        role: "Sinh viên, 21 tuổi, TP.HCM".into(),
        goals: "Cà phê ngon, giá sinh viên".into(),
        needs: "Wi-Fi, ổ cắm".into(),
        frustrations: "Xếp hàng lâu giờ cao điểm".into(),
        quote: "“Mình cần chỗ ngồi học cả buổi.”".into(),
        photo: TINY_PNG.into(),
        ..Persona::new("p-minh", "Minh")
    });
    let map = &mut p.maps[0];
    map.persona_id = Some("p-minh".into());
    let touch = map.lanes[0].id.clone();
    let s: Vec<String> = map.stages.iter().map(|s| s.id.clone()).collect();
    let rated = |id: &str, stage: &str, text: &str, rate: f64| Card {
        conversion: Some(rate),
        channel: "social".into(),
        ..Card::new(id, stage, &touch, text)
    };
    map.cards = vec![
        rated("ad", &s[0], "Quảng cáo TikTok", 60.0),
        rated("menu", &s[1], "Xem menu trên app", 40.0),
        rated("order", &s[2], "Đặt món", 80.0),
    ];
    map.research = vec![ResearchItem {
        id: "q1".into(),
        kind: ResearchKind::Question,
        title: "Vì sao khách rời app ở bước menu?".into(),
        detail: "Khảo sát 120 người: giá không rõ".into(),
        insight: "Hiện giá combo ngay trang đầu".into(),
        card_ids: vec!["menu".into()],
    }];
    p
}

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).expect("ls").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn a_whole_project_goes_out_as_json_and_comes_back_equal() {
    let d = dir();
    let path = d.path().join("a.journey");
    let mut file = ProjectFile::create(&path, &project(), false).expect("create");
    let map_id = file.project().expect("project").maps[0].id.clone();
    file.apply(&Edit::TakeSnapshot {
        map_id: map_id.clone(),
        snapshot_id: "v1".into(),
        name: "Tháng 1".into(),
        note: String::new(),
        taken_at: 1_767_225_600_000,
    })
    .expect("snapshot");
    file.apply(&Edit::SetCardMetrics {
        card_id: "menu".into(),
        emotion: Some(None),
        conversion: Some(Some(55.0)),
        volume: Some(Some(5_000)),
    })
    .expect("what if");

    let json_path = d.path().join("a.json");
    project_json::export(&file, &json_path).expect("export json");
    let json = std::fs::read_to_string(&json_path).expect("read json");
    assert!(json.contains("\"format\": \"journey-studio-project\""), "documented header");
    assert!(json.contains("Vì sao khách rời app ở bước menu?"), "text kept as is, not escaped to \\u");

    let copy = project_json::import(&json_path, &d.path().join("b.journey"), false).expect("import");
    assert_eq!(copy.project().expect("project"), file.project().expect("project"));
    assert_eq!(copy.snapshots().expect("snapshots"), file.snapshots().expect("snapshots"));
    assert_eq!(copy.view().expect("view").snapshots, file.view().expect("view").snapshots);
    assert!(!copy.can_undo().expect("undo"), "an imported project starts with nothing to undo");
    assert_eq!(copy.project().expect("project").personas[0].photo, TINY_PNG, "the photo travels inside the JSON");
}

#[test]
fn broken_and_hostile_json_is_refused_and_writes_nothing() {
    let d = dir();
    let good = project_json::to_json(&project(), &[], &Default::default()).expect("json");
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let cases: Vec<(&str, String, &str)> = vec![
        ("empty", String::new(), "import_malformed"),
        ("truncated", good[..good.len() / 2].to_owned(), "import_malformed"),
        ("not json", "<html><script>alert(1)</script></html>".into(), "import_malformed"),
        ("deeply nested", deep, "import_malformed"),
        ("another program's json", r#"{"name": "figma file", "document": {}}"#.into(), "import_not_a_project"),
        ("newer format", good.replacen("\"version\": 1", "\"version\": 99", 1), "import_newer_version"),
        ("unknown field", good.replacen("\"title\":", "\"__proto__\": {}, \"title\":", 1), "import_malformed"),
        ("wrong type", good.replacen("\"conversion\": 60.0", "\"conversion\": \"60%\"", 1), "import_malformed"),
        ("rate over 100", good.replacen("\"conversion\": 60.0", "\"conversion\": 600.0", 1), "import_invalid"),
        ("script id", good.replacen("\"id\": \"ad\"", "\"id\": \"<script>\"", 1), "import_invalid"),
        ("duplicate card id", good.replacen("\"id\": \"menu\"", "\"id\": \"ad\"", 1), "import_invalid"),
        ("link to a missing card", good.replacen("\"menu\"\n", "\"nope\"\n", 1), "import_invalid"),
        ("photo that is html", good.replacen(TINY_PNG, "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", 1), "import_invalid"),
        (
            "photo that lies about its type",
            good.replacen(TINY_PNG, "data:image/png;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", 1),
            "import_invalid",
        ),
        ("huge card text", good.replacen("Quảng cáo TikTok", &"x".repeat(20_001), 1), "import_invalid"),
        ("no maps stages", good.replacen("\"stages\": [", "\"stages_x\": [", 1), "import_malformed"),
    ];
    for (what, json, code) in cases {
        let src = d.path().join("in.json");
        std::fs::write(&src, &json).expect("write");
        let dest = d.path().join("out.journey");
        let before = names_in(d.path());
        let err = project_json::import(&src, &dest, false).err().unwrap_or_else(|| panic!("{what}: imported"));
        assert_eq!(err.code(), code, "{what}: {err}");
        assert!(!err.to_string().is_empty());
        assert_eq!(names_in(d.path()), before, "{what}: left files behind");
        assert_eq!(std::fs::read_to_string(&src).expect("read"), json, "{what}: the source changed");
    }
}

#[test]
fn an_import_never_replaces_an_existing_project_unless_asked() {
    let d = dir();
    let existing = d.path().join("mine.journey");
    drop(ProjectFile::create(&existing, &default_project(Lang::En), false).expect("create"));
    let bytes = std::fs::read(&existing).expect("read");
    let src = d.path().join("in.json");
    std::fs::write(&src, project_json::to_json(&project(), &[], &Default::default()).expect("json")).expect("write");
    let err = project_json::import(&src, &existing, false).expect_err("refused");
    assert_eq!(err.code(), "file_exists");
    // A broken import over it, even when replacing is allowed, keeps the old file.
    std::fs::write(&src, "{\"format\": \"journey-studio-project\", \"version\": 1, \"project\": 3}").expect("write");
    assert_eq!(project_json::import(&src, &existing, true).expect_err("refused").code(), "import_malformed");
    assert_eq!(std::fs::read(&existing).expect("read"), bytes);
}

#[test]
fn too_large_files_and_folders_are_refused_before_reading() {
    let d = dir();
    let big = d.path().join("big.json");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(project_json::MAX_BYTES + 1).expect("sparse file");
    let err = project_json::import(&big, &d.path().join("x.journey"), false).expect_err("refused");
    assert!(matches!(err, Error::Import(ImportError::TooLarge { .. })), "{err}");
    let err = project_json::import(d.path(), &d.path().join("x.journey"), false).expect_err("refused");
    assert_eq!(err.code(), "file_is_directory");
    let err = project_json::import(&d.path().join("missing.json"), &d.path().join("x.journey"), false).expect_err("refused");
    assert_eq!(err.code(), "file_not_found");
}

/// Takes a snapshot named `name` of the first map.
fn snap(file: &mut ProjectFile, id: &str, name: &str) {
    let map_id = file.project().expect("project").maps[0].id.clone();
    file.apply(&Edit::TakeSnapshot { map_id, snapshot_id: id.into(), name: name.into(), note: String::new(), taken_at: 1_767_225_600_000 })
        .expect("snapshot");
}

#[test]
fn snapshots_compare_and_restore_on_real_edits() {
    let d = dir();
    let path: PathBuf = d.path().join("review.journey");
    let mut file = ProjectFile::create(&path, &project(), false).expect("create");
    snap(&mut file, "q1-2026", "Quý 1");
    let before = file.project().expect("project");
    let map = &before.maps[0];
    let (s0, touch) = (map.stages[0].id.clone(), map.lanes[0].id.clone());

    // A quarter of work: checkout rate improved, a card added, one removed, one rewritten.
    file.apply(&Edit::SetCardMetrics { card_id: "menu".into(), emotion: Some(None), conversion: Some(Some(55.0)), volume: Some(None) })
        .expect("rate");
    file.apply(&Edit::AddCard { card: Card::new("zalo", &s0, &touch, "Zalo OA"), index: 9 }).expect("add");
    file.apply(&Edit::DeleteCard { card_id: "order".into() }).expect("delete");
    file.apply(&Edit::UpdateCard {
        card_id: "ad".into(),
        text: Some("Quảng cáo TikTok + KOL".into()),
        note: None,
        color: None,
        channel: None,
    })
    .expect("rewrite");
    snap(&mut file, "q2-2026", "Quý 2");

    let q1 = file.snapshot("q1-2026").expect("q1").map;
    let q2 = file.snapshot("q2-2026").expect("q2").map;
    let diff = versions::compare(&q1, &q2);
    assert_eq!(diff.added.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["Zalo OA"]);
    assert_eq!(diff.removed.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["order"]);
    let mut changed: Vec<(&str, &[CardField])> = diff.changed.iter().map(|c| (c.after.id.as_str(), c.fields.as_slice())).collect();
    changed.sort_by_key(|(id, _)| *id);
    assert_eq!(changed, [("ad", &[CardField::Text][..]), ("menu", &[CardField::Conversion][..])]);
    // 60 % × 40 % × 80 % = 19.2 %  →  60 % × 55 % = 33 % (the order step is gone).
    assert!((diff.conversion_before.expect("before") - 19.2).abs() < 1e-9);
    assert!((diff.conversion_after.expect("after") - 33.0).abs() < 1e-9);
    let infos = file.view().expect("view").snapshots;
    assert_eq!(infos.iter().map(|s| (s.name.as_str(), s.cards)).collect::<Vec<_>>(), [("Quý 1", 3), ("Quý 2", 3)]);

    // Restoring Q1 is one undoable edit; the snapshots stay.
    file.apply(&Edit::RestoreSnapshot { snapshot_id: "q1-2026".into() }).expect("restore");
    assert_eq!(file.project().expect("project").maps[0], q1);
    assert!(versions::compare(&q1, &file.project().expect("project").maps[0]).is_empty());
    assert_eq!(file.view().expect("view").snapshots.len(), 2);
    file.undo().expect("undo restore");
    assert_eq!(file.project().expect("project").maps[0], q2);

    // All of it is in the file.
    drop(file);
    let reopened = ProjectFile::open(&path).expect("reopen");
    assert_eq!(reopened.snapshot("q1-2026").expect("q1").map, q1);
    assert_eq!(reopened.project().expect("project").maps[0], q2);
}

fn cli(args: &[&str]) -> Result<String, journey_studio::cli::CliError> {
    use clap::Parser;
    let parsed =
        journey_studio::cli::Cli::try_parse_from(std::iter::once("journey-studio").chain(args.iter().copied())).expect("arguments parse");
    journey_studio::cli::run(parsed.command.expect("a subcommand"))
}

#[test]
fn the_command_line_exports_json_and_imports_it_without_touching_the_source() {
    let d = dir();
    let path = d.path().join("dự án.journey");
    let mut file = ProjectFile::create(&path, &project(), false).expect("create");
    let map_id = file.project().expect("project").maps[0].id.clone();
    file.apply(&Edit::TakeSnapshot {
        map_id,
        snapshot_id: "v1".into(),
        name: "Tháng 1".into(),
        note: "trước".into(),
        taken_at: 1_767_225_600_000,
    })
    .expect("snapshot");
    drop(file);
    let before = std::fs::read(&path).expect("read");
    let (json, copy) = (d.path().join("out.json"), d.path().join("copy.journey"));
    let (json_s, copy_s, path_s) = (json.to_str().expect("utf-8"), copy.to_str().expect("utf-8"), path.to_str().expect("utf-8"));

    cli(&["export", path_s, "--json", json_s]).expect("export --json");
    assert_eq!(std::fs::read(&path).expect("read"), before, "exporting reads the project without writing it");
    assert!(
        matches!(cli(&["export", path_s, "--json", json_s]), Err(journey_studio::cli::CliError::OutputExists(_))),
        "no silent overwrite"
    );

    cli(&["import", json_s, copy_s]).expect("import");
    let (a, b) = (ProjectFile::open(&path).expect("open"), ProjectFile::open(&copy).expect("open copy"));
    assert_eq!(b.project().expect("project"), a.project().expect("project"));
    assert_eq!(b.snapshots().expect("snapshots"), a.snapshots().expect("snapshots"));
    drop((a, b));

    // A second import refuses to replace the copy, and a broken file writes nothing.
    let copy_bytes = std::fs::read(&copy).expect("read copy");
    assert!(cli(&["import", json_s, copy_s]).is_err());
    std::fs::write(d.path().join("broken.json"), "{\"format\": \"journey-studio-project\", \"version\": 1, ").expect("write");
    let broken = d.path().join("broken.json");
    let err = cli(&["import", broken.to_str().expect("utf-8"), d.path().join("new.journey").to_str().expect("utf-8")]).expect_err("broken");
    assert!(err.to_string().contains("line"), "the message says where: {err}");
    assert_eq!(std::fs::read(&copy).expect("read copy"), copy_bytes);
    assert!(!d.path().join("new.journey").exists());
}

/// The ```` ```json example ```` blocks of docs/project-json.md.
fn doc_examples() -> Vec<String> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/project-json.md")).expect("read the doc");
    doc.split("```json example\n").skip(1).map(|rest| rest.split("\n```").next().unwrap_or_default().to_owned()).collect()
}

#[test]
fn every_example_of_the_project_json_doc_imports_as_it_is() {
    let examples = doc_examples();
    assert!(!examples.is_empty(), "docs/project-json.md has no ```json example block");
    let dir = tempfile::tempdir().expect("temp dir");
    for (i, json) in examples.iter().enumerate() {
        let source = dir.path().join(format!("example-{i}.json"));
        std::fs::write(&source, json).expect("write example");
        let dest = dir.path().join(format!("example-{i}.journey"));
        let file = project_json::import(&source, &dest, false).unwrap_or_else(|e| panic!("example {i} of the doc is refused: {e}"));
        let project = file.project().expect("project");
        let doc: serde_json::Value = serde_json::from_str(json).expect("example JSON");
        assert_eq!(project.title, doc["project"]["title"].as_str().expect("title"));
        assert_eq!(project.maps[0].cards.len(), doc["project"]["maps"][0]["cards"].as_array().expect("cards").len());
        // A persona given by id and name only gets every other field empty.
        let minh = &project.personas[0];
        assert_eq!(minh.name, "Minh, sinh viên");
        assert!(minh.description.is_empty() && minh.role.is_empty() && minh.photo.is_empty());
        // Each card scored for a persona keeps it.
        for (card, doc_card) in project.maps[0].cards.iter().zip(doc["project"]["maps"][0]["cards"].as_array().expect("cards")) {
            assert_eq!(card.persona_id.as_deref(), doc_card["persona_id"].as_str(), "card {}", card.id);
        }
    }
}
