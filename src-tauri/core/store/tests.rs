//! Unit tests of the project file: edits, undo/redo, the undo log kept in the file,
//! refused edits, and the ordering invariants of the tables.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::*;
use crate::edit::limits;
use crate::model::{
    Card, Comment, CommentOn, Lane, LaneKind, Map, Persona, Project, ResearchItem, ResearchKind, Snapshot, SnapshotInfo, Stage,
};

// ---------------------------------------------------------------- fixture --

fn stage(id: &str, name: &str) -> Stage {
    Stage { id: id.into(), name: name.into(), color: String::new() }
}

fn lane(id: &str, name: &str, kind: LaneKind) -> Lane {
    Lane { id: id.into(), name: name.into(), kind, color: String::new() }
}

fn card(id: &str, stage_id: &str, lane_id: &str, text: &str) -> Card {
    Card::new(id, stage_id, lane_id, text)
}

/// An open comment of Hà's on `target_id`, written at `at` (ms).
fn comment(id: &str, on: CommentOn, target_id: &str, parent: Option<&str>, body: &str, at: i64) -> Comment {
    Comment {
        id: id.into(),
        on,
        target_id: target_id.into(),
        parent_id: parent.map(Into::into),
        author: "Hà".into(),
        body: body.into(),
        created_at: at,
        resolved_at: None,
        resolved_by: String::new(),
    }
}

/// A project with deterministic ids. Map `m1`: stages s1 s2 s3 × lanes l1 l2 l3,
/// cells (s1,l1) = a1 a2 a3, (s1,l2) = b1, (s2,l1) = c1 c2, (s3,l3) = d1.
/// Map `m2`: one stage t1 × one lane k1 holding e1. Personas p1 (linked to m1), p2.
/// Cards are listed in the order the file gives them back (stage, lane, position).
fn fixture_project() -> Project {
    let mut touch = card("a1", "s1", "l1", "Thấy quảng cáo");
    touch.channel = "social".into();
    touch.color = "#12abEF".into();
    touch.note = "ghi chú".into();
    touch.conversion = Some(62.5);
    touch.volume = Some(48_000);
    let mut l2 = lane("l2", "Cảm xúc", LaneKind::Emotions);
    l2.color = "#ff0000".into();
    // Card b1 scores how persona p2 feels, on the map of persona p1.
    let mut feeling = card("b1", "s1", "l2", "b1");
    feeling.emotion = Some(1);
    feeling.persona_id = Some("p2".into());
    let mut s2 = stage("s2", "Cân nhắc");
    s2.color = "#00aa00".into();
    Project {
        title: "Dự án thử 🙂".into(),
        personas: vec![
            Persona {
                role: "Nhân viên văn phòng, 32".into(),
                quote: "“Nhanh lên!”".into(),
                photo: TINY_PNG.into(),
                ..Persona::new("p1", "Lan")
            },
            Persona::new("p2", "Minh"),
        ],
        maps: vec![
            Map {
                id: "m1".into(),
                name: "Hành trình".into(),
                goal: "Mua hàng".into(),
                scenario: "Lần đầu".into(),
                persona_id: Some("p1".into()),
                stages: vec![stage("s1", "Nhận thức"), s2, stage("s3", "Chuyển đổi")],
                lanes: vec![lane("l1", "Điểm chạm", LaneKind::Touchpoints), l2, lane("l3", "Điểm đau", LaneKind::PainPoints)],
                cards: vec![
                    touch,
                    card("a2", "s1", "l1", "a2"),
                    card("a3", "s1", "l1", "a3"),
                    feeling,
                    card("c1", "s2", "l1", "c1"),
                    card("c2", "s2", "l1", "c2"),
                    card("d1", "s3", "l3", "d1"),
                ],
                research: vec![
                    ResearchItem {
                        id: "r1".into(),
                        kind: ResearchKind::Goal,
                        title: "Tăng chuyển đổi".into(),
                        detail: "từ 2% lên 3%".into(),
                        insight: String::new(),
                        card_ids: vec!["a1".into(), "b1".into()],
                    },
                    ResearchItem {
                        id: "r2".into(),
                        kind: ResearchKind::Question,
                        title: "Vì sao bỏ giỏ hàng?".into(),
                        detail: "Phí giao hàng".into(),
                        insight: "Hiện phí sớm hơn".into(),
                        card_ids: vec!["d1".into()],
                    },
                ],
                // A thread on card a1 with a reply; a resolved thread on stage s2; one on card d1.
                comments: vec![
                    comment("k1", CommentOn::Card, "a1", None, "Khách có nhớ quảng cáo này không?", 1_760_000_000_000),
                    Comment {
                        resolved_at: Some(1_760_000_500_000),
                        resolved_by: "Minh".into(),
                        ..comment("k3", CommentOn::Stage, "s2", None, "Giai đoạn này dài quá", 1_760_000_100_000)
                    },
                    comment("k2", CommentOn::Card, "a1", Some("k1"), "Có, 3/5 người", 1_760_000_200_000),
                    comment("k4", CommentOn::Card, "d1", None, "<b>đậm</b>", 1_760_000_300_000),
                ],
            },
            Map {
                id: "m2".into(),
                name: "Bản đồ hai".into(),
                goal: String::new(),
                scenario: String::new(),
                persona_id: None,
                stages: vec![stage("t1", "Một")],
                lanes: vec![lane("k1", "Ghi chú", LaneKind::Text)],
                cards: vec![card("e1", "t1", "k1", "e1")],
                research: vec![],
                comments: vec![],
            },
        ],
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    file: ProjectFile,
}

/// A 1×1 PNG as a photo `data:` URL.
const TINY_PNG: &str =
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/// The id of [`TINY_PNG`] as a card picture (the fixture file holds it).
fn tiny_png_id() -> String {
    crate::card_image::check(TINY_PNG).expect("a valid picture").info.id
}

/// A snapshot of map m1 as it was before: without card a2, a1 at 50 %.
fn fixture_snapshot() -> Snapshot {
    let mut map = fixture_project().maps[0].clone();
    map.cards.retain(|c| c.id != "a2");
    map.cards[0].conversion = Some(50.0);
    map.name = "Hành trình (cũ)".into();
    // The picture the file holds: a snapshot names it, so it is kept when the file opens.
    map.cards[0].image_id = Some(tiny_png_id());
    Snapshot { id: "snap1".into(), name: "Quý 1".into(), note: "trước khi sửa".into(), taken_at: 1_760_000_000_000, map }
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("test.journey");
    let picture = crate::card_image::check(TINY_PNG).expect("a valid picture");
    let file = ProjectFile::create_archive(&path, &fixture_project(), &[fixture_snapshot()], &[picture], false).expect("create");
    check_invariants(&file);
    Fixture { _dir: dir, path, file }
}

/// Everything observable about an open file.
#[derive(Debug, Clone, PartialEq)]
struct State {
    project: Project,
    snapshots: Vec<SnapshotInfo>,
    revision: i64,
    can_undo: bool,
    can_redo: bool,
}

fn state(file: &ProjectFile) -> State {
    let v = file.view().expect("view");
    assert_eq!(v.project, file.project().expect("project"));
    State { project: v.project, snapshots: v.snapshots, revision: v.revision, can_undo: v.can_undo, can_redo: v.can_redo }
}

fn project(file: &ProjectFile) -> Project {
    file.project().expect("project")
}

fn err_code<T: std::fmt::Debug>(r: Result<T>) -> &'static str {
    r.expect_err("expected an error").code()
}

fn map<'a>(p: &'a Project, id: &str) -> &'a Map {
    p.maps.iter().find(|m| m.id == id).unwrap_or_else(|| panic!("no map {id}"))
}

/// Card ids of one cell, in order.
fn cell(p: &Project, map_id: &str, stage_id: &str, lane_id: &str) -> Vec<String> {
    map(p, map_id).cell(stage_id, lane_id).map(|c| c.id.clone()).collect()
}

fn positions(file: &ProjectFile, sql: &str) -> Vec<(String, i64)> {
    let mut stmt = file.conn.prepare(sql).expect("prepare");
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query");
    rows.collect::<rusqlite::Result<Vec<_>>>().expect("rows")
}

/// The table-level invariants every edit must keep: positions dense (0..n) in
/// every ordered list, every card in a cell of its own map, no dangling
/// references, every stored row visible in the loaded project.
fn check_invariants(file: &ProjectFile) {
    for (what, sql) in [
        ("maps", "SELECT '', position FROM maps ORDER BY 1, 2"),
        ("personas", "SELECT '', position FROM personas ORDER BY 1, 2"),
        ("stages", "SELECT map_id, position FROM stages ORDER BY 1, 2"),
        ("lanes", "SELECT map_id, position FROM lanes ORDER BY 1, 2"),
        ("cards", "SELECT stage_id || '/' || lane_id, position FROM cards ORDER BY 1, 2"),
    ] {
        let rows = positions(file, sql);
        let mut i = 0;
        while i < rows.len() {
            let key = &rows[i].0;
            let group: Vec<i64> = rows[i..].iter().take_while(|(k, _)| k == key).map(|(_, p)| *p).collect();
            let want: Vec<i64> = (0..group.len() as i64).collect();
            assert_eq!(group, want, "{what} positions in group {key:?} are not dense");
            i += group.len();
        }
    }
    let misplaced: i64 = file
        .conn
        .query_row(
            "SELECT count(*) FROM cards c
             LEFT JOIN stages s ON s.id = c.stage_id
             LEFT JOIN lanes l ON l.id = c.lane_id
             WHERE s.id IS NULL OR l.id IS NULL OR s.map_id != c.map_id OR l.map_id != c.map_id",
            [],
            |r| r.get(0),
        )
        .expect("query");
    assert_eq!(misplaced, 0, "cards outside a cell of their map");
    let dangling: i64 = file
        .conn
        .query_row(
            "SELECT (SELECT count(*) FROM stages WHERE map_id NOT IN (SELECT id FROM maps))
                  + (SELECT count(*) FROM lanes WHERE map_id NOT IN (SELECT id FROM maps))
                  + (SELECT count(*) FROM maps WHERE persona_id IS NOT NULL AND persona_id NOT IN (SELECT id FROM personas))",
            [],
            |r| r.get(0),
        )
        .expect("query");
    assert_eq!(dangling, 0, "dangling references");
    let fk_problems = positions(file, "SELECT \"table\", rowid FROM pragma_foreign_key_check");
    assert!(fk_problems.is_empty(), "foreign key violations: {fk_problems:?}");
    let p = project(file);
    let count = |sql: &str| -> usize {
        let n: i64 = file.conn.query_row(sql, [], |r| r.get(0)).expect("count");
        n as usize
    };
    assert_eq!(count("SELECT count(*) FROM maps"), p.maps.len());
    assert_eq!(count("SELECT count(*) FROM personas"), p.personas.len());
    assert_eq!(count("SELECT count(*) FROM cards"), p.maps.iter().map(|m| m.cards.len()).sum::<usize>());
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

/// The variant name of an edit; exhaustive, so a new variant must be added to
/// [`one_edit_of_each_kind`] before this compiles.
fn variant(e: &Edit) -> &'static str {
    match e {
        Edit::SetProjectTitle { .. } => "set_project_title",
        Edit::AddMap { .. } => "add_map",
        Edit::UpdateMap { .. } => "update_map",
        Edit::SetMapPersona { .. } => "set_map_persona",
        Edit::DeleteMap { .. } => "delete_map",
        Edit::AddStage { .. } => "add_stage",
        Edit::UpdateStage { .. } => "update_stage",
        Edit::MoveStage { .. } => "move_stage",
        Edit::DeleteStage { .. } => "delete_stage",
        Edit::AddLane { .. } => "add_lane",
        Edit::UpdateLane { .. } => "update_lane",
        Edit::MoveLane { .. } => "move_lane",
        Edit::DeleteLane { .. } => "delete_lane",
        Edit::AddCard { .. } => "add_card",
        Edit::UpdateCard { .. } => "update_card",
        Edit::SetCardMetrics { .. } => "set_card_metrics",
        Edit::SetCardPersona { .. } => "set_card_persona",
        Edit::SetCardImage { .. } => "set_card_image",
        Edit::MoveCard { .. } => "move_card",
        Edit::DeleteCard { .. } => "delete_card",
        Edit::AddPersona { .. } => "add_persona",
        Edit::UpdatePersona { .. } => "update_persona",
        Edit::DeletePersona { .. } => "delete_persona",
        Edit::AddResearchItem { .. } => "add_research_item",
        Edit::UpdateResearchItem { .. } => "update_research_item",
        Edit::SetResearchLinks { .. } => "set_research_links",
        Edit::MoveResearchItem { .. } => "move_research_item",
        Edit::DeleteResearchItem { .. } => "delete_research_item",
        Edit::TakeSnapshot { .. } => "take_snapshot",
        Edit::AddSnapshot { .. } => "add_snapshot",
        Edit::UpdateSnapshot { .. } => "update_snapshot",
        Edit::DeleteSnapshot { .. } => "delete_snapshot",
        Edit::RestoreSnapshot { .. } => "restore_snapshot",
        Edit::ReplaceMap { .. } => "replace_map",
        Edit::PostComment { .. } => "post_comment",
        Edit::AddComment { .. } => "add_comment",
        Edit::UpdateComment { .. } => "update_comment",
        Edit::DeleteComment { .. } => "delete_comment",
        Edit::ResolveComment { .. } => "resolve_comment",
        Edit::ReopenComment { .. } => "reopen_comment",
        Edit::Batch { .. } => "batch",
    }
}
const VARIANTS: usize = 41;

/// An UpdatePersona that changes only what is given.
fn persona_update(id: &str, name: Option<&str>, description: Option<&str>) -> Edit {
    Edit::UpdatePersona {
        persona_id: id.into(),
        name: name.map(Into::into),
        description: description.map(Into::into),
        role: None,
        goals: None,
        needs: None,
        frustrations: None,
        quote: None,
        photo: None,
    }
}

/// Edits of every kind, each valid against the fixture on its own.
fn one_edit_of_each_kind() -> Vec<Edit> {
    let mut new_card = card("n1", "s2", "l2", "Mới — 🙂");
    new_card.note = "note".into();
    new_card.color = "#abcdef".into();
    new_card.emotion = Some(-2);
    new_card.conversion = Some(37.5);
    new_card.volume = Some(12_000);
    let new_map = Map {
        id: "m3".into(),
        name: "Bản đồ ba".into(),
        goal: "g".into(),
        scenario: "s".into(),
        persona_id: Some("p2".into()),
        stages: vec![stage("x1", "X1"), stage("x2", "X2")],
        lanes: vec![lane("y1", "Y1", LaneKind::Actions), lane("y2", "Y2", LaneKind::Opportunities)],
        cards: vec![card("z1", "x1", "y1", "z1"), card("z2", "x1", "y1", "z2"), card("z3", "x2", "y2", "z3")],
        research: vec![ResearchItem {
            id: "r3".into(),
            kind: ResearchKind::Resource,
            title: "Đội telesales".into(),
            detail: "5 người".into(),
            insight: String::new(),
            card_ids: vec!["z3".into(), "z1".into()],
        }],
        // An added map comes with its comments, a reply before its thread's first comment.
        comments: vec![
            comment("z-k2", CommentOn::Card, "z1", Some("z-k1"), "trả lời", 2),
            comment("z-k1", CommentOn::Card, "z1", None, "câu hỏi", 3),
            comment("z-k3", CommentOn::Stage, "x2", None, "giai đoạn", 4),
        ],
    };
    let mut other_snapshot = fixture_snapshot();
    other_snapshot.id = "snap2".into();
    other_snapshot.name = "Quý 2".into();
    let mut replaced_m2 = fixture_project().maps[1].clone();
    replaced_m2.name = "Thay thế".into();
    replaced_m2.stages.push(stage("t2", "Hai"));
    replaced_m2.cards = vec![card("e9", "t2", "k1", "mới")];
    replaced_m2.research = vec![ResearchItem {
        id: "r8".into(),
        kind: ResearchKind::Goal,
        title: "g".into(),
        detail: String::new(),
        insight: String::new(),
        card_ids: vec!["e9".into()],
    }];
    vec![
        Edit::SetProjectTitle { title: "Tiêu đề mới".into() },
        Edit::AddMap { map: new_map.clone(), index: 1 },
        Edit::AddMap { map: Map { id: "m4".into(), persona_id: None, ..new_map_with_ids("4") }, index: 99 },
        Edit::UpdateMap { map_id: "m1".into(), name: Some("Tên mới".into()), goal: None, scenario: Some(String::new()) },
        Edit::UpdateMap { map_id: "m2".into(), name: None, goal: Some("Mục tiêu".into()), scenario: None },
        Edit::SetMapPersona { map_id: "m1".into(), persona_id: Some("p2".into()) },
        Edit::SetMapPersona { map_id: "m1".into(), persona_id: None },
        Edit::SetMapPersona { map_id: "m2".into(), persona_id: Some("p1".into()) },
        Edit::DeleteMap { map_id: "m1".into() },
        Edit::DeleteMap { map_id: "m2".into() },
        Edit::AddStage { map_id: "m1".into(), stage: stage("s9", "Mới"), index: 1 },
        Edit::AddStage { map_id: "m1".into(), stage: Stage { color: "#000000".into(), ..stage("s8", "Đầu") }, index: 0 },
        Edit::UpdateStage { stage_id: "s2".into(), name: Some("Đổi tên".into()), color: Some(String::new()) },
        Edit::UpdateStage { stage_id: "s1".into(), name: None, color: Some("#ABCDEF".into()) },
        Edit::MoveStage { stage_id: "s1".into(), index: 2 },
        Edit::MoveStage { stage_id: "s3".into(), index: 0 },
        Edit::MoveStage { stage_id: "s1".into(), index: 99 },
        Edit::DeleteStage { stage_id: "s1".into() },
        Edit::DeleteStage { stage_id: "s2".into() },
        Edit::AddLane { map_id: "m1".into(), lane: lane("l9", "Chỉ số", LaneKind::Metrics), index: 0 },
        Edit::AddLane { map_id: "m2".into(), lane: lane("k9", "Cơ hội", LaneKind::Opportunities), index: 7 },
        Edit::UpdateLane {
            lane_id: "l2".into(),
            name: Some("Suy nghĩ".into()),
            kind: Some(LaneKind::Thoughts),
            color: Some(String::new()),
        },
        Edit::UpdateLane { lane_id: "l1".into(), name: None, kind: None, color: Some("#010203".into()) },
        Edit::MoveLane { lane_id: "l3".into(), index: 0 },
        Edit::MoveLane { lane_id: "l1".into(), index: 1 },
        Edit::DeleteLane { lane_id: "l1".into() },
        Edit::AddCard { card: new_card.clone(), index: 0 },
        Edit::AddCard { card: card("n2", "s1", "l1", "giữa"), index: 1 },
        Edit::AddCard { card: card("n3", "s1", "l1", "cuối"), index: 1000 },
        Edit::UpdateCard {
            card_id: "a2".into(),
            text: Some("Văn bản mới".into()),
            note: Some("Ghi chú".into()),
            color: Some("#fedcba".into()),
            channel: Some("email".into()),
        },
        Edit::UpdateCard { card_id: "a1".into(), text: None, note: None, color: Some(String::new()), channel: Some(String::new()) },
        Edit::SetCardMetrics { card_id: "a1".into(), emotion: Some(Some(2)), conversion: Some(Some(42.5)), volume: Some(Some(1_000)) },
        Edit::SetCardMetrics { card_id: "a1".into(), emotion: Some(None), conversion: Some(None), volume: Some(None) },
        Edit::SetCardMetrics { card_id: "a1".into(), emotion: None, conversion: Some(Some(12.5)), volume: None },
        Edit::SetCardPersona { card_id: "b1".into(), persona_id: Some("p1".into()) },
        Edit::SetCardPersona { card_id: "b1".into(), persona_id: None },
        Edit::SetCardPersona { card_id: "a1".into(), persona_id: Some("p2".into()) },
        Edit::SetCardImage { card_id: "a1".into(), image_id: Some(tiny_png_id()) },
        Edit::AddCard { card: Card { image_id: Some(tiny_png_id()), ..card("n4", "s1", "l1", "") }, index: 0 },
        Edit::MoveCard { card_id: "a1".into(), stage_id: "s1".into(), lane_id: "l1".into(), index: 2 },
        Edit::MoveCard { card_id: "a3".into(), stage_id: "s1".into(), lane_id: "l1".into(), index: 0 },
        Edit::MoveCard { card_id: "a1".into(), stage_id: "s2".into(), lane_id: "l1".into(), index: 1 },
        Edit::MoveCard { card_id: "d1".into(), stage_id: "s2".into(), lane_id: "l2".into(), index: 5 },
        Edit::DeleteCard { card_id: "a2".into() },
        Edit::DeleteCard { card_id: "e1".into() },
        Edit::AddPersona {
            persona: Persona { description: "mô tả".into(), photo: TINY_PNG.into(), ..Persona::new("p3", "Hoa") },
            index: 0,
        },
        persona_update("p1", None, Some("Mô tả mới")),
        persona_update("p2", Some("Minh Anh"), Some("")),
        Edit::UpdatePersona {
            persona_id: "p1".into(),
            name: None,
            description: None,
            role: Some("Sinh viên".into()),
            goals: Some("Giá tốt".into()),
            needs: Some("Giao nhanh".into()),
            frustrations: Some("Chờ lâu".into()),
            quote: Some(String::new()),
            photo: Some(String::new()),
        },
        Edit::UpdatePersona {
            persona_id: "p2".into(),
            name: None,
            description: None,
            role: None,
            goals: None,
            needs: None,
            frustrations: None,
            quote: None,
            photo: Some(TINY_PNG.into()),
        },
        Edit::DeleteCard { card_id: "a1".into() },
        Edit::DeleteLane { lane_id: "l3".into() },
        Edit::AddResearchItem {
            map_id: "m1".into(),
            item: ResearchItem {
                id: "r9".into(),
                kind: ResearchKind::Question,
                title: "Khách biết đến qua đâu?".into(),
                detail: "Facebook 60%".into(),
                insight: "Quảng cáo hiệu quả".into(),
                card_ids: vec!["c1".into(), "a1".into()],
            },
            index: 0,
        },
        Edit::UpdateResearchItem {
            item_id: "r1".into(),
            kind: Some(ResearchKind::Resource),
            title: Some("Ngân sách".into()),
            detail: None,
            insight: Some("ít".into()),
        },
        Edit::SetResearchLinks { item_id: "r1".into(), card_ids: vec!["c2".into(), "a1".into()] },
        Edit::SetResearchLinks { item_id: "r2".into(), card_ids: vec![] },
        Edit::MoveResearchItem { item_id: "r1".into(), index: 1 },
        Edit::DeleteResearchItem { item_id: "r1".into() },
        Edit::TakeSnapshot {
            map_id: "m1".into(),
            snapshot_id: "snap9".into(),
            name: "Quý 3".into(),
            note: String::new(),
            taken_at: 1_770_000_000_000,
        },
        Edit::TakeSnapshot { map_id: "m2".into(), snapshot_id: "snap8".into(), name: "Đầu".into(), note: "n".into(), taken_at: 0 },
        Edit::AddSnapshot { snapshot: other_snapshot, index: 0 },
        Edit::UpdateSnapshot { snapshot_id: "snap1".into(), name: Some("Quý 1 (đã xem)".into()), note: None },
        Edit::DeleteSnapshot { snapshot_id: "snap1".into() },
        Edit::RestoreSnapshot { snapshot_id: "snap1".into() },
        Edit::ReplaceMap { map: replaced_m2 },
        Edit::DeletePersona { persona_id: "p1".into() },
        Edit::DeletePersona { persona_id: "p2".into() },
        Edit::PostComment {
            comment_id: "k9".into(),
            on: CommentOn::Stage,
            target_id: "s1".into(),
            parent_id: None,
            author: "Lan".into(),
            body: "Thêm một điểm chạm?".into(),
        },
        Edit::PostComment {
            comment_id: "k8".into(),
            on: CommentOn::Card,
            target_id: "a1".into(),
            parent_id: Some("k1".into()),
            author: "Lan".into(),
            body: "Đồng ý".into(),
        },
        Edit::AddComment { comment: comment("k7", CommentOn::Card, "c1", None, "cũ", 5) },
        Edit::UpdateComment { comment_id: "k2".into(), body: "Có, 4/5 người".into() },
        Edit::DeleteComment { comment_id: "k1".into() },
        Edit::DeleteComment { comment_id: "k2".into() },
        Edit::ResolveComment { comment_id: "k1".into(), by: "Lan".into(), at: None },
        Edit::ResolveComment { comment_id: "k3".into(), by: "Lan".into(), at: Some(1_770_000_000_000) },
        Edit::ReopenComment { comment_id: "k3".into() },
        Edit::DeleteCard { card_id: "a1".into() },
        Edit::Batch {
            edits: vec![
                Edit::AddCard { card: new_card, index: 0 },
                Edit::MoveCard { card_id: "n1".into(), stage_id: "s1".into(), lane_id: "l1".into(), index: 1 },
                Edit::UpdateCard { card_id: "n1".into(), text: Some("đã sửa".into()), note: None, color: None, channel: None },
                Edit::DeleteStage { stage_id: "s3".into() },
                Edit::DeletePersona { persona_id: "p1".into() },
                Edit::Batch {
                    edits: vec![Edit::SetProjectTitle { title: "lồng nhau".into() }, Edit::DeleteLane { lane_id: "l2".into() }]
                },
            ],
        },
    ]
}

fn new_map_with_ids(suffix: &str) -> Map {
    let s = |n: &str| format!("{n}{suffix}");
    Map {
        id: s("m"),
        name: s("map "),
        goal: String::new(),
        scenario: String::new(),
        persona_id: None,
        stages: vec![stage(&s("st"), "A")],
        lanes: vec![lane(&s("la"), "B", LaneKind::Text)],
        cards: vec![card(&s("ca"), &s("st"), &s("la"), "c")],
        research: vec![],
        comments: vec![],
    }
}

// ------------------------------------------------------------------ tests --

#[test]
fn create_then_open_gives_the_same_project() {
    let f = fixture();
    assert_eq!(project(&f.file), fixture_project());
    let s = state(&f.file);
    assert_eq!((s.revision, s.can_undo, s.can_redo), (0, false, false), "a new file has nothing to undo");
    drop(f.file);
    let again = ProjectFile::open(&f.path).expect("reopen");
    assert_eq!(project(&again), fixture_project());
    assert_eq!(again.revision().expect("revision"), 0);
    check_invariants(&again);
}

#[test]
fn every_edit_kind_undoes_to_the_exact_previous_project_and_redoes() {
    let mut f = fixture();
    let edits = one_edit_of_each_kind();
    let covered: BTreeSet<&str> = edits.iter().map(variant).collect();
    assert_eq!(covered.len(), VARIANTS, "every Edit variant is exercised: {covered:?}");

    let base = state(&f.file);
    let mut rev = base.revision;
    for e in &edits {
        let name = variant(e);
        let before = state(&f.file);
        assert_eq!(before.project, base.project);
        let before_json = serde_json::to_value(&before.project).expect("json");

        f.file.apply(e).unwrap_or_else(|err| panic!("{name} {e:?}: {err}"));
        rev += 1;
        check_invariants(&f.file);
        let after = state(&f.file);
        assert_ne!((&after.project, &after.snapshots), (&before.project, &before.snapshots), "{name} changed nothing: {e:?}");
        assert_eq!((after.revision, after.can_undo, after.can_redo), (rev, true, false), "{name}");

        f.file.undo().unwrap_or_else(|err| panic!("undo {name}: {err}"));
        rev += 1;
        check_invariants(&f.file);
        let undone = state(&f.file);
        assert_eq!(undone.project, before.project, "undo of {name} {e:?}");
        assert_eq!(undone.snapshots, before.snapshots, "undo of {name} {e:?}");
        assert_eq!(serde_json::to_value(&undone.project).expect("json"), before_json, "undo of {name}");
        assert_eq!((undone.revision, undone.can_undo, undone.can_redo), (rev, false, true), "{name}");

        f.file.redo().unwrap_or_else(|err| panic!("redo {name}: {err}"));
        rev += 1;
        check_invariants(&f.file);
        let redone = state(&f.file);
        assert_eq!(redone.project, after.project, "redo of {name} {e:?}");
        assert_eq!(redone.snapshots, after.snapshots, "redo of {name} {e:?}");
        assert_eq!((redone.revision, redone.can_undo, redone.can_redo), (rev, true, false), "{name}");

        // A second round trip through the undo log rows rewritten by undo/redo.
        f.file.undo().unwrap_or_else(|err| panic!("second undo {name}: {err}"));
        f.file.redo().unwrap_or_else(|err| panic!("second redo {name}: {err}"));
        rev += 2;
        assert_eq!(project(&f.file), after.project, "second redo of {name}");

        // Back to the base for the next edit.
        f.file.undo().expect("undo");
        rev += 1;
        assert_eq!(project(&f.file), before.project, "final undo of {name}");
    }
    assert_eq!(f.file.revision().expect("revision"), rev);
}

#[test]
fn the_undo_log_survives_reopening_the_file() {
    let mut f = fixture();
    let edits = vec![
        Edit::SetProjectTitle { title: "Một".into() },
        Edit::AddMap { map: new_map_with_ids("9"), index: 0 },
        Edit::AddStage { map_id: "m1".into(), stage: stage("s9", "Mới"), index: 1 },
        Edit::MoveCard { card_id: "a1".into(), stage_id: "s9".into(), lane_id: "l3".into(), index: 0 },
        Edit::DeleteLane { lane_id: "l1".into() },
        Edit::AddPersona { persona: Persona::new("p9", "P"), index: 1 },
        Edit::DeletePersona { persona_id: "p1".into() },
        Edit::UpdateCard { card_id: "d1".into(), text: Some("đã sửa".into()), note: None, color: None, channel: None },
        Edit::Batch { edits: vec![Edit::DeleteStage { stage_id: "s3".into() }, Edit::DeleteMap { map_id: "m2".into() }] },
    ];
    let mut snapshots = vec![project(&f.file)];
    for e in &edits {
        f.file.apply(e).unwrap_or_else(|err| panic!("{e:?}: {err}"));
        snapshots.push(project(&f.file));
    }
    let final_state = state(&f.file);
    assert_eq!(final_state.revision, edits.len() as i64);

    // Close and reopen: same project, same revision, same undo log.
    drop(f.file);
    let mut file = ProjectFile::open(&f.path).expect("reopen");
    assert_eq!(state(&file), final_state);

    // Undo everything, step by step, through the stored inverses.
    for (i, want) in snapshots.iter().enumerate().rev().skip(1) {
        file.undo().unwrap_or_else(|err| panic!("undo to step {i}: {err}"));
        assert_eq!(&project(&file), want, "undo back to step {i}");
        check_invariants(&file);
    }
    assert_eq!(project(&file), fixture_project());
    assert_eq!(err_code(file.undo()), "nothing_to_undo");

    // Redo half, reopen in the middle, redo the rest.
    let half = edits.len() / 2;
    for want in &snapshots[1..=half] {
        file.redo().expect("redo");
        assert_eq!(&project(&file), want);
    }
    drop(file);
    let mut file = ProjectFile::open(&f.path).expect("reopen again");
    assert!(file.can_undo().expect("can_undo") && file.can_redo().expect("can_redo"));
    assert_eq!(project(&file), snapshots[half]);
    for want in &snapshots[half + 1..] {
        file.redo().expect("redo after reopen");
        assert_eq!(&project(&file), want);
    }
    assert_eq!(err_code(file.redo()), "nothing_to_redo");
    assert_eq!(project(&file), final_state.project);
    check_invariants(&file);
}

#[test]
fn a_new_edit_after_undo_drops_the_redo_branch() {
    let mut f = fixture();
    let a = Edit::SetProjectTitle { title: "A".into() };
    let b = Edit::DeleteCard { card_id: "a2".into() };
    let c = Edit::UpdateStage { stage_id: "s1".into(), name: Some("C".into()), color: None };
    f.file.apply(&a).expect("a");
    let after_a = project(&f.file);
    f.file.apply(&b).expect("b");
    f.file.undo().expect("undo b");
    assert!(f.file.can_redo().expect("can_redo"));
    f.file.apply(&c).expect("c");
    assert!(!f.file.can_redo().expect("can_redo"), "a new edit drops what was undone");
    assert_eq!(err_code(f.file.redo()), "nothing_to_redo");
    let after_c = project(&f.file);
    assert!(map(&after_c, "m1").card("a2").is_some(), "b stays undone");

    f.file.undo().expect("undo c");
    assert_eq!(project(&f.file), after_a);
    f.file.undo().expect("undo a");
    assert_eq!(project(&f.file), fixture_project());
    assert_eq!(err_code(f.file.undo()), "nothing_to_undo", "b is gone from the undo log");

    // Redo now replays a then c, never b.
    f.file.redo().expect("redo a");
    f.file.redo().expect("redo c");
    assert_eq!(project(&f.file), after_c);
    assert_eq!(err_code(f.file.redo()), "nothing_to_redo");

    // The dropped branch stays dropped after reopening.
    drop(f.file);
    let file = ProjectFile::open(&f.path).expect("reopen");
    let undone: i64 = file.conn.query_row("SELECT count(*) FROM undo_log WHERE undone = 1", [], |r| r.get(0)).expect("q");
    let total: i64 = file.conn.query_row("SELECT count(*) FROM undo_log", [], |r| r.get(0)).expect("q");
    assert_eq!((undone, total), (0, 2));
}

#[test]
fn revision_grows_with_every_acknowledged_change_only() {
    let mut f = fixture();
    let rev = |f: &Fixture| f.file.revision().expect("revision");
    assert_eq!(rev(&f), 0);
    f.file.apply(&Edit::SetProjectTitle { title: "1".into() }).expect("apply");
    assert_eq!(rev(&f), 1);
    f.file.apply(&Edit::SetProjectTitle { title: "2".into() }).expect("apply");
    assert_eq!(rev(&f), 2);
    f.file.undo().expect("undo");
    assert_eq!(rev(&f), 3, "undo is a change the UI must see");
    f.file.redo().expect("redo");
    assert_eq!(rev(&f), 4);
    // Refused requests do not count.
    assert_eq!(err_code(f.file.apply(&Edit::DeleteCard { card_id: "nope".into() })), "edit_unknown_target");
    assert_eq!(err_code(f.file.redo()), "nothing_to_redo");
    assert_eq!(rev(&f), 4);
    // Even a title set to the same value is an acknowledged edit.
    f.file.apply(&Edit::SetProjectTitle { title: "2".into() }).expect("apply");
    assert_eq!(rev(&f), 5);
    assert_eq!(f.file.view().expect("view").revision, 5);
    drop(f.file);
    let file = ProjectFile::open(&f.path).expect("reopen");
    assert_eq!(file.revision().expect("revision"), 5, "the revision is stored in the file");
}

#[test]
fn refused_edits_return_their_code_and_change_nothing() {
    let mut f = fixture();
    // Give the file some undo steps so that undo log rows are compared too.
    f.file.apply(&Edit::SetProjectTitle { title: "có lịch sử".into() }).expect("apply");
    f.file.apply(&Edit::DeleteCard { card_id: "c2".into() }).expect("apply");
    f.file.undo().expect("undo");

    let long_text = "ữ".repeat(limits::TEXT + 1);
    let long_name = "x".repeat(limits::NAME + 1);
    let mut nested = Edit::SetProjectTitle { title: "deep".into() };
    for _ in 0..=limits::BATCH_DEPTH {
        nested = Edit::Batch { edits: vec![nested] };
    }
    let cases: Vec<(&str, Edit)> = vec![
        (
            "edit_unknown_target",
            Edit::UpdateCard { card_id: "nope".into(), text: Some("x".into()), note: None, color: None, channel: None },
        ),
        ("edit_unknown_target", Edit::DeleteCard { card_id: "nope".into() }),
        ("edit_unknown_target", Edit::MoveCard { card_id: "nope".into(), stage_id: "s1".into(), lane_id: "l1".into(), index: 0 }),
        ("edit_unknown_target", Edit::MoveCard { card_id: "a1".into(), stage_id: "nope".into(), lane_id: "l1".into(), index: 0 }),
        ("edit_unknown_target", Edit::AddCard { card: card("n1", "s1", "nope", ""), index: 0 }),
        ("edit_unknown_target", Edit::UpdateMap { map_id: "nope".into(), name: Some("x".into()), goal: None, scenario: None }),
        ("edit_unknown_target", Edit::SetMapPersona { map_id: "m1".into(), persona_id: Some("nope".into()) }),
        ("edit_unknown_target", Edit::DeletePersona { persona_id: "nope".into() }),
        ("edit_unknown_target", Edit::SetCardPersona { card_id: "b1".into(), persona_id: Some("nope".into()) }),
        ("edit_unknown_target", Edit::SetCardPersona { card_id: "nope".into(), persona_id: None }),
        ("edit_unknown_target", Edit::AddCard { card: Card { persona_id: Some("nope".into()), ..card("n1", "s1", "l2", "") }, index: 0 }),
        ("edit_unknown_target", Edit::AddStage { map_id: "nope".into(), stage: stage("s9", "x"), index: 0 }),
        ("edit_unknown_target", Edit::MoveLane { lane_id: "nope".into(), index: 0 }),
        ("edit_unknown_target", Edit::AddMap { map: Map { persona_id: Some("nope".into()), ..new_map_with_ids("9") }, index: 0 }),
        ("edit_too_long", Edit::UpdateCard { card_id: "a1".into(), text: Some(long_text.clone()), note: None, color: None, channel: None }),
        (
            "edit_too_long",
            Edit::UpdateCard { card_id: "a1".into(), text: None, note: None, color: None, channel: Some("c".repeat(limits::CHANNEL + 1)) },
        ),
        ("edit_too_long", Edit::AddCard { card: Card { note: long_text.clone(), ..card("n1", "s1", "l1", "") }, index: 0 }),
        ("edit_too_long", Edit::SetProjectTitle { title: long_name.clone() }),
        ("edit_too_long", Edit::UpdateStage { stage_id: "s1".into(), name: Some(long_name.clone()), color: None }),
        ("edit_too_long", persona_update("p1", None, Some(&long_text))),
        (
            "edit_too_long",
            Edit::UpdateResearchItem {
                item_id: "r1".into(),
                kind: None,
                title: None,
                detail: None,
                insight: Some("x".repeat(limits::TEXT + 1)),
            },
        ),
        (
            "edit_invalid_photo",
            Edit::AddPersona {
                persona: Persona { photo: "data:text/html;base64,PHNjcmlwdD4=".into(), ..Persona::new("p8", "x") },
                index: 0,
            },
        ),
        (
            "edit_invalid_photo",
            Edit::AddPersona { persona: Persona { photo: "javascript:alert(1)".into(), ..Persona::new("p8", "x") }, index: 0 },
        ),
        // Says PNG, is not one.
        (
            "edit_invalid_photo",
            Edit::AddPersona { persona: Persona { photo: "data:image/png;base64,PHN2Zz4=".into(), ..Persona::new("p8", "x") }, index: 0 },
        ),
        (
            "edit_invalid_photo",
            Edit::AddPersona {
                persona: Persona { photo: "data:image/png;base64,not base64!".into(), ..Persona::new("p8", "x") },
                index: 0,
            },
        ),
        ("edit_link_outside_map", Edit::SetResearchLinks { item_id: "r1".into(), card_ids: vec!["e1".into()] }),
        ("edit_unknown_target", Edit::SetResearchLinks { item_id: "r1".into(), card_ids: vec!["nope".into()] }),
        ("edit_duplicate_id", Edit::SetResearchLinks { item_id: "r1".into(), card_ids: vec!["a1".into(), "a1".into()] }),
        ("edit_unknown_target", Edit::DeleteResearchItem { item_id: "nope".into() }),
        ("edit_unknown_target", Edit::RestoreSnapshot { snapshot_id: "nope".into() }),
        (
            "edit_unknown_target",
            Edit::TakeSnapshot { map_id: "nope".into(), snapshot_id: "s".into(), name: String::new(), note: String::new(), taken_at: 0 },
        ),
        (
            "edit_duplicate_id",
            Edit::TakeSnapshot { map_id: "m1".into(), snapshot_id: "snap1".into(), name: String::new(), note: String::new(), taken_at: 0 },
        ),
        (
            "edit_out_of_range",
            Edit::TakeSnapshot { map_id: "m1".into(), snapshot_id: "s".into(), name: String::new(), note: String::new(), taken_at: -1 },
        ),
        ("edit_unknown_target", Edit::ReplaceMap { map: new_map_with_ids("7") }),
        ("edit_unknown_target", Edit::UpdateComment { comment_id: "nope".into(), body: "x".into() }),
        ("edit_unknown_target", Edit::DeleteComment { comment_id: "nope".into() }),
        ("edit_unknown_target", Edit::ResolveComment { comment_id: "nope".into(), by: "x".into(), at: None }),
        ("edit_unknown_target", Edit::AddComment { comment: comment("k9", CommentOn::Card, "nope", None, "x", 0) }),
        // A stage id given as a card: the target must be of the kind it says.
        ("edit_unknown_target", Edit::AddComment { comment: comment("k9", CommentOn::Card, "s1", None, "x", 0) }),
        ("edit_unknown_target", Edit::AddComment { comment: comment("k9", CommentOn::Card, "a1", Some("nope"), "x", 0) }),
        ("edit_duplicate_id", Edit::AddComment { comment: comment("k1", CommentOn::Card, "a1", None, "x", 0) }),
        ("edit_comment_thread", Edit::AddComment { comment: comment("k9", CommentOn::Card, "a1", Some("k2"), "reply to a reply", 0) }),
        ("edit_comment_thread", Edit::AddComment { comment: comment("k9", CommentOn::Card, "a2", Some("k1"), "other card", 0) }),
        ("edit_comment_thread", Edit::AddComment { comment: comment("k9", CommentOn::Stage, "s2", Some("k1"), "other kind", 0) }),
        (
            "edit_comment_thread",
            Edit::AddComment { comment: Comment { resolved_at: Some(1), ..comment("k9", CommentOn::Card, "a1", Some("k1"), "x", 0) } },
        ),
        (
            "edit_comment_thread",
            Edit::AddComment { comment: Comment { resolved_by: "Lan".into(), ..comment("k9", CommentOn::Card, "a1", None, "x", 0) } },
        ),
        ("edit_comment_thread", Edit::ResolveComment { comment_id: "k2".into(), by: "x".into(), at: None }),
        ("edit_comment_thread", Edit::ReopenComment { comment_id: "k2".into() }),
        ("edit_too_long", Edit::UpdateComment { comment_id: "k1".into(), body: long_text.clone() }),
        ("edit_too_long", Edit::ResolveComment { comment_id: "k1".into(), by: "x".repeat(limits::AUTHOR + 1), at: None }),
        (
            "edit_too_long",
            Edit::PostComment {
                comment_id: "k9".into(),
                on: CommentOn::Card,
                target_id: "a1".into(),
                parent_id: None,
                author: "x".repeat(limits::AUTHOR + 1),
                body: "x".into(),
            },
        ),
        ("edit_out_of_range", Edit::AddComment { comment: comment("k9", CommentOn::Card, "a1", None, "x", -1) }),
        ("edit_out_of_range", Edit::ResolveComment { comment_id: "k1".into(), by: "x".into(), at: Some(-5) }),
        ("edit_invalid_id", Edit::AddComment { comment: comment("k 9", CommentOn::Card, "a1", None, "x", 0) }),
        ("edit_invalid_color", Edit::UpdateStage { stage_id: "s1".into(), name: Some("ok".into()), color: Some("red".into()) }),
        (
            "edit_invalid_color",
            Edit::UpdateCard { card_id: "a1".into(), text: Some("ok".into()), note: None, color: Some("#12345g".into()), channel: None },
        ),
        (
            "edit_invalid_color",
            Edit::UpdateLane { lane_id: "l1".into(), name: None, kind: Some(LaneKind::Text), color: Some("#fff".into()) },
        ),
        ("edit_invalid_color", Edit::AddCard { card: Card { color: "#1234567".into(), ..card("n1", "s1", "l1", "") }, index: 0 }),
        (
            "edit_unknown_target",
            Edit::SetCardMetrics { card_id: "nope".into(), emotion: Some(Some(1)), conversion: Some(None), volume: Some(None) },
        ),
        (
            "edit_out_of_range",
            Edit::SetCardMetrics { card_id: "a1".into(), emotion: Some(Some(3)), conversion: Some(None), volume: Some(None) },
        ),
        (
            "edit_out_of_range",
            Edit::SetCardMetrics { card_id: "a1".into(), emotion: Some(None), conversion: Some(Some(100.5)), volume: Some(None) },
        ),
        (
            "edit_out_of_range",
            Edit::SetCardMetrics { card_id: "a1".into(), emotion: Some(None), conversion: Some(Some(f64::NAN)), volume: Some(None) },
        ),
        (
            "edit_out_of_range",
            Edit::SetCardMetrics { card_id: "a1".into(), emotion: Some(None), conversion: Some(None), volume: Some(Some(-1)) },
        ),
        ("edit_out_of_range", Edit::AddCard { card: Card { emotion: Some(-9), ..card("n1", "s1", "l1", "") }, index: 0 }),
        ("edit_cell_outside_map", Edit::MoveCard { card_id: "a1".into(), stage_id: "t1".into(), lane_id: "k1".into(), index: 0 }),
        ("edit_cell_outside_map", Edit::MoveCard { card_id: "a1".into(), stage_id: "t1".into(), lane_id: "l1".into(), index: 0 }),
        ("edit_cell_outside_map", Edit::MoveCard { card_id: "e1".into(), stage_id: "s1".into(), lane_id: "l1".into(), index: 0 }),
        ("edit_cell_outside_map", Edit::AddCard { card: card("n1", "s1", "k1", ""), index: 0 }),
        ("edit_duplicate_id", Edit::AddCard { card: card("e1", "s1", "l1", ""), index: 0 }),
        ("edit_duplicate_id", Edit::AddStage { map_id: "m2".into(), stage: stage("s1", "x"), index: 0 }),
        ("edit_duplicate_id", Edit::AddMap { map: Map { id: "m1".into(), ..new_map_with_ids("9") }, index: 0 }),
        (
            "edit_duplicate_id",
            Edit::AddMap { map: Map { stages: vec![stage("s1", "x")], cards: vec![], ..new_map_with_ids("9") }, index: 0 },
        ),
        ("edit_invalid_id", Edit::AddCard { card: card("has space", "s1", "l1", ""), index: 0 }),
        ("edit_invalid_id", Edit::AddPersona { persona: Persona::new("", "x"), index: 0 }),
        ("edit_last_one", Edit::DeleteStage { stage_id: "t1".into() }),
        ("edit_map_empty", Edit::AddMap { map: Map { stages: vec![], cards: vec![], ..new_map_with_ids("9") }, index: 0 }),
        ("edit_map_empty", Edit::AddMap { map: Map { lanes: vec![], cards: vec![], ..new_map_with_ids("9") }, index: 0 }),
        ("edit_last_one", Edit::DeleteLane { lane_id: "k1".into() }),
        ("edit_too_deep", nested),
        // A batch is all or nothing: a bad last edit refuses the whole batch.
        (
            "edit_unknown_target",
            Edit::Batch {
                edits: vec![
                    Edit::AddCard { card: card("n1", "s1", "l1", "mới"), index: 0 },
                    Edit::UpdateCard { card_id: "a1".into(), text: Some("đổi".into()), note: None, color: None, channel: None },
                    Edit::DeleteStage { stage_id: "s2".into() },
                    Edit::DeleteMap { map_id: "m2".into() },
                    Edit::SetProjectTitle { title: "batch".into() },
                    Edit::UpdateCard { card_id: "nope".into(), text: Some("x".into()), note: None, color: None, channel: None },
                ],
            },
        ),
        (
            "edit_invalid_color",
            Edit::Batch {
                edits: vec![
                    Edit::DeletePersona { persona_id: "p1".into() },
                    Edit::Batch { edits: vec![Edit::MoveStage { stage_id: "s3".into(), index: 0 }] },
                    Edit::UpdateStage { stage_id: "s1".into(), name: None, color: Some("blue".into()) },
                ],
            },
        ),
        (
            "edit_last_one",
            Edit::Batch {
                edits: vec![
                    Edit::DeleteStage { stage_id: "s1".into() },
                    Edit::DeleteStage { stage_id: "s2".into() },
                    Edit::DeleteStage { stage_id: "s3".into() },
                ],
            },
        ),
    ];

    let undo_log = |f: &Fixture| positions(&f.file, "SELECT edit || inverse || undone, seq FROM undo_log ORDER BY seq");
    for (want, e) in cases {
        let before = state(&f.file);
        let before_log = undo_log(&f);
        let before_bytes = file_bytes(&f.path);
        let got = f.file.apply(&e);
        assert_eq!(err_code(got), want, "{e:?}");
        assert_eq!(state(&f.file), before, "a refused {} changed the project: {e:?}", variant(&e));
        assert_eq!(undo_log(&f), before_log, "a refused edit changed the undo log");
        assert!(file_bytes(&f.path) == before_bytes, "a refused edit changed the file bytes: {e:?}");
        check_invariants(&f.file);
    }
    // The redo branch survives refused edits.
    f.file.redo().expect("redo");
    assert!(map(&project(&f.file), "m1").card("c2").is_none());
}

#[test]
fn undo_and_redo_with_an_empty_undo_log_change_nothing() {
    let mut f = fixture();
    let before = state(&f.file);
    let bytes = file_bytes(&f.path);
    assert_eq!(err_code(f.file.undo()), "nothing_to_undo");
    assert_eq!(err_code(f.file.redo()), "nothing_to_redo");
    assert_eq!(state(&f.file), before);
    assert!(file_bytes(&f.path) == bytes);
}

#[test]
fn card_order_within_a_cell_is_kept() {
    let mut f = fixture();
    let mut apply = |e: Edit| {
        f.file.apply(&e).unwrap_or_else(|err| panic!("{e:?}: {err}"));
        check_invariants(&f.file);
        project(&f.file)
    };
    let add = |id: &str, stage_id: &str, lane_id: &str, index: u32| Edit::AddCard { card: card(id, stage_id, lane_id, id), index };
    let mv = |id: &str, stage_id: &str, lane_id: &str, index: u32| Edit::MoveCard {
        card_id: id.into(),
        stage_id: stage_id.into(),
        lane_id: lane_id.into(),
        index,
    };

    // Inserting at the start, in the middle and past the end.
    let p = apply(add("x", "s1", "l1", 0));
    assert_eq!(cell(&p, "m1", "s1", "l1"), ["x", "a1", "a2", "a3"]);
    let p = apply(add("y", "s1", "l1", 2));
    assert_eq!(cell(&p, "m1", "s1", "l1"), ["x", "a1", "y", "a2", "a3"]);
    let p = apply(add("z", "s1", "l1", 5));
    assert_eq!(cell(&p, "m1", "s1", "l1"), ["x", "a1", "y", "a2", "a3", "z"]);
    let p = apply(add("w", "s1", "l1", u32::MAX));
    assert_eq!(cell(&p, "m1", "s1", "l1"), ["x", "a1", "y", "a2", "a3", "z", "w"]);
    let p = apply(add("v", "s3", "l2", 3));
    assert_eq!(cell(&p, "m1", "s3", "l2"), ["v"], "past the end of an empty cell is position 0");

    // Moving within a cell: the index is the place in the resulting list.
    let p = apply(mv("x", "s1", "l1", 3));
    assert_eq!(cell(&p, "m1", "s1", "l1"), ["a1", "y", "a2", "x", "a3", "z", "w"]);
    let p = apply(mv("w", "s1", "l1", 0));
    assert_eq!(cell(&p, "m1", "s1", "l1"), ["w", "a1", "y", "a2", "x", "a3", "z"]);
    let p = apply(mv("a1", "s1", "l1", 99));
    assert_eq!(cell(&p, "m1", "s1", "l1"), ["w", "y", "a2", "x", "a3", "z", "a1"]);
    let p = apply(mv("a2", "s1", "l1", 2));
    assert_eq!(cell(&p, "m1", "s1", "l1"), ["w", "y", "a2", "x", "a3", "z", "a1"], "moving to its own place");
    let p = apply(mv("z", "s1", "l1", 1));
    assert_eq!(cell(&p, "m1", "s1", "l1"), ["w", "z", "y", "a2", "x", "a3", "a1"]);

    // Moving across cells closes the gap in the source and opens one in the target.
    let p = apply(mv("y", "s2", "l1", 1));
    assert_eq!(cell(&p, "m1", "s1", "l1"), ["w", "z", "a2", "x", "a3", "a1"]);
    assert_eq!(cell(&p, "m1", "s2", "l1"), ["c1", "y", "c2"]);
    let p = apply(mv("w", "s2", "l1", 0));
    assert_eq!(cell(&p, "m1", "s1", "l1"), ["z", "a2", "x", "a3", "a1"]);
    assert_eq!(cell(&p, "m1", "s2", "l1"), ["w", "c1", "y", "c2"]);
    let p = apply(mv("a1", "s2", "l1", 1000));
    assert_eq!(cell(&p, "m1", "s1", "l1"), ["z", "a2", "x", "a3"]);
    assert_eq!(cell(&p, "m1", "s2", "l1"), ["w", "c1", "y", "c2", "a1"]);
    let p = apply(mv("b1", "s3", "l3", 0));
    assert_eq!(cell(&p, "m1", "s1", "l2"), Vec::<String>::new());
    assert_eq!(cell(&p, "m1", "s3", "l3"), ["b1", "d1"]);
    let p = apply(mv("b1", "s1", "l2", 4));
    assert_eq!(cell(&p, "m1", "s1", "l2"), ["b1"]);

    // Deleting from the middle keeps the rest in order.
    let p = apply(Edit::DeleteCard { card_id: "y".into() });
    assert_eq!(cell(&p, "m1", "s2", "l1"), ["w", "c1", "c2", "a1"]);

    // The order survives reopening.
    let want = project(&f.file);
    drop(f.file);
    let file = ProjectFile::open(&f.path).expect("reopen");
    assert_eq!(project(&file), want);
}

#[test]
fn moves_are_undone_to_the_exact_previous_order() {
    let mut f = fixture();
    for e in [
        Edit::AddCard { card: card("x", "s1", "l1", "x"), index: 1 },
        Edit::MoveCard { card_id: "a3".into(), stage_id: "s1".into(), lane_id: "l1".into(), index: 0 },
        Edit::MoveCard { card_id: "a1".into(), stage_id: "s2".into(), lane_id: "l1".into(), index: 1 },
        Edit::MoveCard { card_id: "c2".into(), stage_id: "s1".into(), lane_id: "l1".into(), index: 2 },
        Edit::MoveStage { stage_id: "s3".into(), index: 0 },
        Edit::MoveLane { lane_id: "l1".into(), index: 2 },
    ] {
        let before = project(&f.file);
        f.file.apply(&e).expect("apply");
        let after = project(&f.file);
        f.file.undo().expect("undo");
        assert_eq!(project(&f.file), before, "{e:?}");
        check_invariants(&f.file);
        f.file.redo().expect("redo");
        assert_eq!(project(&f.file), after, "{e:?}");
        check_invariants(&f.file);
    }
}

#[test]
fn deleting_a_stage_deletes_its_cards_and_undo_brings_them_back_in_order() {
    let mut f = fixture();
    // Shuffle first so that the order to restore is not the insertion order.
    f.file.apply(&Edit::MoveCard { card_id: "a3".into(), stage_id: "s1".into(), lane_id: "l1".into(), index: 0 }).expect("move");
    f.file.apply(&Edit::MoveCard { card_id: "c1".into(), stage_id: "s1".into(), lane_id: "l2".into(), index: 0 }).expect("move");
    let before = project(&f.file);
    assert_eq!(cell(&before, "m1", "s1", "l1"), ["a3", "a1", "a2"]);
    assert_eq!(cell(&before, "m1", "s1", "l2"), ["c1", "b1"]);

    f.file.apply(&Edit::DeleteStage { stage_id: "s1".into() }).expect("delete stage");
    check_invariants(&f.file);
    let after = project(&f.file);
    let m1 = map(&after, "m1");
    assert!(m1.stage("s1").is_none());
    assert!(m1.cards.iter().all(|c| c.stage_id != "s1"), "cards of the stage are deleted");
    assert_eq!(m1.cards.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["c2", "d1"]);
    assert_eq!(map(&after, "m2"), map(&before, "m2"), "other maps are untouched");
    let rows: i64 = f.file.conn.query_row("SELECT count(*) FROM cards WHERE stage_id = 's1'", [], |r| r.get(0)).expect("q");
    assert_eq!(rows, 0, "no orphan card rows");

    for _ in 0..2 {
        f.file.undo().expect("undo");
        check_invariants(&f.file);
        let restored = project(&f.file);
        assert_eq!(restored, before);
        assert_eq!(cell(&restored, "m1", "s1", "l1"), ["a3", "a1", "a2"]);
        assert_eq!(cell(&restored, "m1", "s1", "l2"), ["c1", "b1"]);
        f.file.redo().expect("redo");
        check_invariants(&f.file);
        assert_eq!(project(&f.file), after);
    }

    // Same for a lane, after reopening.
    drop(f.file);
    let mut file = ProjectFile::open(&f.path).expect("reopen");
    file.undo().expect("undo delete stage");
    let before = project(&file);
    file.apply(&Edit::DeleteLane { lane_id: "l1".into() }).expect("delete lane");
    assert!(map(&project(&file), "m1").cards.iter().all(|c| c.lane_id != "l1"));
    drop(file);
    let mut file = ProjectFile::open(&f.path).expect("reopen");
    file.undo().expect("undo delete lane");
    assert_eq!(project(&file), before);
    check_invariants(&file);
}

#[test]
fn deleting_a_map_or_persona_is_undone_with_its_links() {
    let mut f = fixture();
    let before = project(&f.file);
    f.file.apply(&Edit::DeletePersona { persona_id: "p1".into() }).expect("delete persona");
    let after = project(&f.file);
    assert_eq!(map(&after, "m1").persona_id, None, "maps linked to a deleted persona are unlinked");
    f.file.undo().expect("undo");
    assert_eq!(project(&f.file), before);
    assert_eq!(map(&project(&f.file), "m1").persona_id.as_deref(), Some("p1"));

    f.file.apply(&Edit::DeleteMap { map_id: "m1".into() }).expect("delete map");
    let after = project(&f.file);
    assert_eq!(after.maps.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["m2"]);
    let rows: i64 = f
        .file
        .conn
        .query_row("SELECT (SELECT count(*) FROM stages) + (SELECT count(*) FROM lanes) + (SELECT count(*) FROM cards)", [], |r| r.get(0))
        .expect("q");
    assert_eq!(rows, 3, "only m2's stage, lane and card remain");
    assert_eq!(err_code(f.file.apply(&Edit::DeleteMap { map_id: "m2".into() })), "edit_last_map");
    f.file.undo().expect("undo");
    assert_eq!(project(&f.file), before);
    check_invariants(&f.file);
}

#[test]
fn batch_is_one_undo_step() {
    let mut f = fixture();
    let before = state(&f.file);
    let batch = Edit::Batch {
        edits: vec![
            Edit::AddCard { card: card("n1", "s1", "l1", "mới"), index: 0 },
            Edit::MoveCard { card_id: "n1".into(), stage_id: "s3".into(), lane_id: "l3".into(), index: 1 },
            Edit::DeleteStage { stage_id: "s1".into() },
            Edit::SetProjectTitle { title: "batch".into() },
            Edit::Batch { edits: vec![] },
        ],
    };
    f.file.apply(&batch).expect("batch");
    let after = state(&f.file);
    assert_eq!(after.revision, before.revision + 1);
    assert_eq!(cell(&after.project, "m1", "s3", "l3"), ["d1", "n1"]);
    assert!(map(&after.project, "m1").stage("s1").is_none());
    f.file.undo().expect("undo");
    assert_eq!(project(&f.file), before.project);
    assert!(!f.file.can_undo().expect("can_undo"), "the whole batch was one step");
    f.file.redo().expect("redo");
    assert_eq!(project(&f.file), after.project);
}

#[test]
fn every_edit_in_the_undo_log_round_trips_through_json() {
    // The undo log stores edits as JSON: every stored edit and inverse must parse back.
    let mut f = fixture();
    for e in one_edit_of_each_kind() {
        let json = serde_json::to_string(&e).expect("serialise");
        assert_eq!(serde_json::from_str::<Edit>(&json).expect("parse"), e);
        f.file.apply(&e).expect("apply");
        f.file.undo().expect("undo");
        f.file.redo().expect("redo");
        f.file.undo().expect("undo");
    }
    let rows = positions(&f.file, "SELECT edit, seq FROM undo_log UNION ALL SELECT inverse, seq FROM undo_log");
    assert!(!rows.is_empty());
    for (json, seq) in rows {
        serde_json::from_str::<Edit>(&json).unwrap_or_else(|e| panic!("undo log row {seq} does not parse: {e}: {json}"));
    }
}

#[test]
fn the_file_keeps_its_identity_and_stays_a_single_file() {
    let mut f = fixture();
    f.file.apply(&Edit::SetProjectTitle { title: "x".into() }).expect("apply");
    let app_id: i32 = f.file.conn.query_row("PRAGMA application_id", [], |r| r.get(0)).expect("q");
    let version: i64 = f.file.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("q");
    let journal: String = f.file.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("q");
    assert_eq!((app_id, version, journal.as_str()), (APPLICATION_ID, SCHEMA_VERSION, "persist"));
    let dir = f.path.parent().expect("dir").to_path_buf();
    let names = || -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(&dir).expect("ls").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    };
    // Open, the journal is kept between edits, its header zeroed: nothing to play back.
    assert_eq!(names(), ["test.journey", "test.journey-journal"]);
    assert!(!is_hot(&journal_path(&f.path)), "a committed edit leaves no write to play back");
    drop(f.file);
    assert_eq!(names(), ["test.journey"], "closed: no journal, temp or backup files left beside the project");
}

#[test]
fn a_journal_kept_between_edits_and_left_by_a_kill_is_ignored_and_removed() {
    let f = fixture();
    let mut file = f.file;
    file.apply(&Edit::SetProjectTitle { title: "đã lưu".into() }).expect("apply");
    // What a kill between two edits leaves: the file and its zeroed journal.
    let crashed = tempfile::tempdir().expect("tempdir");
    let copy = crashed.path().join("test.journey");
    std::fs::copy(&f.path, &copy).expect("copy");
    std::fs::copy(journal_path(&f.path), journal_path(&copy)).expect("copy journal");
    drop(file);
    assert!(std::fs::metadata(journal_path(&copy)).expect("journal").len() > 0);
    assert!(!probe(&copy).expect("probe").hot_journal);
    // Readable without a writer (nothing to play back), and unchanged by reading.
    let bytes = std::fs::read(&copy).expect("read");
    assert_eq!(super::read_project(&copy).expect("read").title, "đã lưu");
    assert!(std::fs::read(&copy).expect("read") == bytes);
    let reopened = ProjectFile::open(&copy).expect("open");
    assert_eq!(reopened.project().expect("project").title, "đã lưu");
    drop(reopened);
    assert!(!journal_path(&copy).exists(), "closing removed it");
}

#[test]
fn a_journal_with_a_write_in_it_is_hot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = dir.path().join("x.journey-journal");
    assert!(!is_hot(&journal), "no journal");
    std::fs::write(&journal, []).expect("write");
    assert!(!is_hot(&journal), "empty");
    std::fs::write(&journal, [0u8; 512]).expect("write");
    assert!(!is_hot(&journal), "zeroed header");
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(&[0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]); // SQLite's journal magic
    std::fs::write(&journal, &header).expect("write");
    assert!(is_hot(&journal));
}

#[test]
fn create_refuses_to_replace_a_file_unless_asked() {
    let f = fixture();
    let bytes = file_bytes(&f.path);
    let other = crate::template::default_project(crate::template::Lang::En);
    assert_eq!(err_code(ProjectFile::create(&f.path, &other, false)), "file_exists");
    assert!(file_bytes(&f.path) == bytes);
    drop(f.file);
    let replaced = ProjectFile::create(&f.path, &other, true).expect("overwrite");
    assert_eq!(project(&replaced), other);
    assert_eq!(replaced.revision().expect("revision"), 0);
    assert!(!replaced.can_undo().expect("can_undo"));
}

#[test]
fn create_refuses_an_invalid_project_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.journey");
    let mut p = fixture_project();
    p.maps[0].cards[1].color = "not a colour".into();
    assert_eq!(err_code(ProjectFile::create(&path, &p, false)), "edit_invalid_color");
    let mut p = fixture_project();
    p.maps[1].cards[0].stage_id = "s1".into();
    assert_eq!(err_code(ProjectFile::create(&path, &p, false)), "edit_cell_outside_map");
    assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 0, "no file or temp file left");
}

/// An edit nested as deep as allowed whose inverse is a batch itself (deleting
/// a stage, a lane or a persona) undoes and redoes: inverses are flat batches,
/// so they never exceed `limits::BATCH_DEPTH` (a stored inverse over the limit
/// would leave the whole undo stack stuck behind it).
#[test]
fn undo_of_the_deepest_allowed_batch_works() {
    let mut f = fixture();
    let mut e = Edit::DeleteStage { stage_id: "s1".into() };
    for _ in 0..limits::BATCH_DEPTH {
        e = Edit::Batch { edits: vec![e] };
    }
    let before = project(&f.file);
    f.file.apply(&e).expect("the deepest allowed batch is accepted");
    let after = project(&f.file);
    f.file.undo().expect("and can be undone");
    assert_eq!(project(&f.file), before);
    f.file.redo().expect("and redone");
    assert_eq!(project(&f.file), after);
}

#[test]
fn a_project_open_here_is_refused_elsewhere_until_closed() {
    let f = fixture();
    let bytes = file_bytes(f.file.path());
    let err = ProjectFile::open(f.file.path()).expect_err("already open");
    assert_eq!(err.code(), "file_in_use", "{err}");
    assert!(file_bytes(f.file.path()) == bytes, "the refused open wrote nothing");
    // Reading without editing still works while it is open.
    assert_eq!(read_project(f.file.path()).expect("read"), project(&f.file));
    let path = f.file.path().to_path_buf();
    drop(f.file);
    ProjectFile::open(&path).expect("free again once closed");
}

#[test]
fn a_full_disk_refuses_the_edit_and_keeps_everything_saved_before() {
    let mut f = fixture();
    f.file.apply(&Edit::SetProjectTitle { title: "đã lưu".into() }).expect("saved edit");
    let before = project(&f.file);
    let pages: i64 = f.file.conn.query_row("PRAGMA page_count", [], |r| r.get(0)).expect("page_count");
    // SQLite reports SQLITE_FULL exactly as for a full disk once the file may not grow.
    f.file.conn.pragma_update(None, "max_page_count", pages).expect("cap");
    let big = card("big", "s1", "l1", &"Dữ liệu lớn ".repeat(1_500));
    let err = f.file.apply(&Edit::AddCard { card: big, index: 0 }).expect_err("no room");
    assert_eq!(err.code(), "disk_full", "{err}");
    assert_eq!(project(&f.file), before, "the refused edit left nothing behind");
    let path = f.file.path().to_path_buf();
    drop(f.file);
    let reopened = ProjectFile::open(&path).expect("reopen");
    assert_eq!(project(&reopened), before);
    assert!(reopened.can_undo().expect("can_undo"), "the undo log up to the last saved edit is there");
}

#[test]
fn metric_edits_change_only_the_values_they_name() {
    let f = fixture();
    let mut file = f.file;
    let metrics = |file: &ProjectFile| {
        let c = project(file).maps[0].cards.iter().find(|c| c.id == "a1").cloned().expect("a1");
        (c.emotion, c.conversion, c.volume)
    };
    // Two quick edits from different controls (a rate chip, an emotion point),
    // each built from the view before the other was answered.
    let rate: Edit = serde_json::from_str(r#"{"type":"set_card_metrics","card_id":"a1","conversion":40.0,"volume":900}"#).expect("json");
    let feeling: Edit = serde_json::from_str(r#"{"type":"set_card_metrics","card_id":"a1","emotion":-1}"#).expect("json");
    file.apply(&rate).expect("rate");
    file.apply(&feeling).expect("feeling");
    assert_eq!(metrics(&file), (Some(-1), Some(40.0), Some(900)), "the second edit undid the first");
    // null clears, absent keeps.
    let clear: Edit = serde_json::from_str(r#"{"type":"set_card_metrics","card_id":"a1","volume":null}"#).expect("json");
    file.apply(&clear).expect("clear");
    assert_eq!(metrics(&file), (Some(-1), Some(40.0), None));
    // Undo puts back only what each edit set.
    file.undo().expect("undo clear");
    assert_eq!(metrics(&file), (Some(-1), Some(40.0), Some(900)));
    file.undo().expect("undo feeling");
    assert_eq!(metrics(&file), (None, Some(40.0), Some(900)));
    // An edit as written before fields could be left out (all three, some null) still means what it meant.
    let old_style: Edit =
        serde_json::from_str(r#"{"type":"set_card_metrics","card_id":"a1","emotion":2,"conversion":null,"volume":null}"#).expect("json");
    file.apply(&old_style).expect("old style");
    assert_eq!(metrics(&file), (Some(2), None, None));
    // What is left out is not written back out either.
    let json = serde_json::to_value(&feeling).expect("to json");
    assert_eq!(json, serde_json::json!({"type": "set_card_metrics", "card_id": "a1", "emotion": -1}));
}

#[test]
fn a_map_has_curves_for_at_most_five_personas_and_deleting_one_sends_its_cards_back_to_the_map() {
    let mut f = fixture();
    for i in 3..=7 {
        f.file.apply(&Edit::AddPersona { persona: Persona::new(format!("p{i}"), format!("P{i}")), index: 99 }).expect("add persona");
    }
    // m1 is p1's map and b1 is scored for p2: three more personas fit, a sixth does not.
    for (i, id) in ["a1", "a2", "a3"].into_iter().enumerate() {
        f.file.apply(&Edit::SetCardPersona { card_id: id.into(), persona_id: Some(format!("p{}", i + 3)) }).expect("room");
    }
    let err = f.file.apply(&Edit::SetCardPersona { card_id: "c1".into(), persona_id: Some("p6".into()) }).expect_err("sixth");
    assert_eq!(err.code(), "edit_too_many");
    let err = f.file.apply(&Edit::SetMapPersona { map_id: "m1".into(), persona_id: Some("p6".into()) });
    assert!(err.is_ok(), "the map's persona is replaced, not added: {err:?}");
    // A persona already on the map is always allowed on another card.
    f.file.apply(&Edit::SetCardPersona { card_id: "c1".into(), persona_id: Some("p2".into()) }).expect("same persona");

    let before = project(&f.file);
    f.file.apply(&Edit::DeletePersona { persona_id: "p2".into() }).expect("delete");
    let after = project(&f.file);
    let m1 = &after.maps[0];
    assert_eq!(m1.card("b1").and_then(|c| c.persona_id.clone()), None);
    assert_eq!(m1.card("c1").and_then(|c| c.persona_id.clone()), None);
    assert_eq!(m1.card("a1").and_then(|c| c.persona_id.clone()).as_deref(), Some("p3"));
    f.file.undo().expect("undo");
    assert_eq!(project(&f.file), before);
}

// ---------------------------------------------------------------- comments --

fn comments_of(file: &ProjectFile, map_id: &str) -> Vec<Comment> {
    map(&project(file), map_id).comments.clone()
}

fn ids(comments: &[Comment]) -> Vec<&str> {
    comments.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn a_posted_comment_gets_the_core_time_and_keeps_it_through_undo_and_redo() {
    let mut f = fixture();
    let before = now_ms();
    let post = |id: &str, parent: Option<&str>| Edit::PostComment {
        comment_id: id.into(),
        on: CommentOn::Card,
        target_id: "c1".into(),
        parent_id: parent.map(Into::into),
        author: "Lan".into(),
        body: "Bình luận — 🙂".into(),
    };
    f.file.apply(&post("n1", None)).expect("post");
    f.file.apply(&post("n2", Some("n1"))).expect("reply");
    let after = now_ms();
    let posted: Vec<Comment> = comments_of(&f.file, "m1").into_iter().filter(|c| c.target_id == "c1").collect();
    assert_eq!(ids(&posted), ["n1", "n2"]);
    for c in &posted {
        assert!((before..=after).contains(&c.created_at), "{} written at {}", c.id, c.created_at);
        assert_eq!((c.author.as_str(), c.resolved_at), ("Lan", None));
    }
    assert_eq!(posted[1].parent_id.as_deref(), Some("n1"));
    f.file.undo().expect("undo");
    f.file.undo().expect("undo");
    std::thread::sleep(std::time::Duration::from_millis(5));
    f.file.redo().expect("redo");
    f.file.redo().expect("redo");
    let again: Vec<Comment> = comments_of(&f.file, "m1").into_iter().filter(|c| c.target_id == "c1").collect();
    assert_eq!(again, posted, "redo puts the comments back as they were written, time included");
}

#[test]
fn resolving_and_reopening_a_thread_undo_to_who_and_when() {
    let mut f = fixture();
    let root = |file: &ProjectFile, id: &str| comments_of(file, "m1").into_iter().find(|c| c.id == id).expect("comment");
    let t0 = now_ms();
    f.file.apply(&Edit::ResolveComment { comment_id: "k1".into(), by: "Lan".into(), at: None }).expect("resolve");
    let resolved = root(&f.file, "k1");
    assert_eq!(resolved.resolved_by, "Lan");
    assert!(resolved.resolved_at.is_some_and(|at| at >= t0), "resolved now: {:?}", resolved.resolved_at);
    f.file.undo().expect("undo");
    assert_eq!((root(&f.file, "k1").resolved_at, root(&f.file, "k1").resolved_by), (None, String::new()));
    // Reopening k3 (resolved by Minh) and undoing gives back Minh and the time.
    let k3 = root(&f.file, "k3");
    f.file.apply(&Edit::ReopenComment { comment_id: "k3".into() }).expect("reopen");
    assert_eq!(root(&f.file, "k3").resolved_at, None);
    f.file.undo().expect("undo");
    assert_eq!(root(&f.file, "k3"), k3);
}

#[test]
fn deleting_a_first_comment_deletes_its_replies_and_undo_brings_all_back() {
    let mut f = fixture();
    let all = comments_of(&f.file, "m1");
    f.file.apply(&Edit::DeleteComment { comment_id: "k1".into() }).expect("delete");
    assert_eq!(ids(&comments_of(&f.file, "m1")), ["k3", "k4"]);
    f.file.undo().expect("undo");
    assert_eq!(comments_of(&f.file, "m1"), all);
    // A reply alone goes alone.
    f.file.apply(&Edit::DeleteComment { comment_id: "k2".into() }).expect("delete reply");
    assert_eq!(ids(&comments_of(&f.file, "m1")), ["k1", "k3", "k4"]);
    check_invariants(&f.file);
}

#[test]
fn comments_go_with_their_card_stage_lane_or_map_and_come_back_on_undo() {
    let mut f = fixture();
    let all = comments_of(&f.file, "m1");
    for (edit, left) in [
        (Edit::DeleteCard { card_id: "a1".into() }, vec!["k3", "k4"]),
        // Stage s1 holds card a1; stage s2 carries k3 itself.
        (Edit::DeleteStage { stage_id: "s1".into() }, vec!["k3", "k4"]),
        (Edit::DeleteStage { stage_id: "s2".into() }, vec!["k1", "k2", "k4"]),
        (Edit::DeleteLane { lane_id: "l3".into() }, vec!["k1", "k3", "k2"]),
        // Moving a card to another stage keeps its comments.
        (Edit::MoveCard { card_id: "a1".into(), stage_id: "s3".into(), lane_id: "l1".into(), index: 0 }, vec!["k1", "k3", "k2", "k4"]),
    ] {
        f.file.apply(&edit).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
        check_invariants(&f.file);
        assert_eq!(ids(&comments_of(&f.file, "m1")), left, "{edit:?}");
        f.file.undo().expect("undo");
        assert_eq!(comments_of(&f.file, "m1"), all, "undo of {edit:?}");
    }
    f.file.apply(&Edit::AddMap { map: new_map_with_ids("9"), index: 2 }).expect("add map");
    f.file.apply(&Edit::DeleteMap { map_id: "m1".into() }).expect("delete map");
    let n: i64 = f.file.conn.query_row("SELECT count(*) FROM comments", [], |r| r.get(0)).expect("count");
    assert_eq!(n, 0);
    f.file.undo().expect("undo");
    assert_eq!(comments_of(&f.file, "m1"), all);
}

#[test]
fn snapshots_leave_comments_with_the_map() {
    let mut f = fixture();
    let all = comments_of(&f.file, "m1");
    f.file
        .apply(&Edit::TakeSnapshot { map_id: "m1".into(), snapshot_id: "v9".into(), name: "v9".into(), note: String::new(), taken_at: 1 })
        .expect("take");
    assert!(f.file.snapshot("v9").expect("snapshot").map.comments.is_empty(), "a snapshot keeps no comments");
    f.file.apply(&Edit::DeleteCard { card_id: "d1".into() }).expect("delete");
    f.file
        .apply(&Edit::PostComment {
            comment_id: "n1".into(),
            on: CommentOn::Stage,
            target_id: "s1".into(),
            parent_id: None,
            author: "Lan".into(),
            body: "mới".into(),
        })
        .expect("post");
    f.file.apply(&Edit::RestoreSnapshot { snapshot_id: "v9".into() }).expect("restore");
    // The comments of now stay; d1's went with it and do not come back with the old map.
    assert_eq!(ids(&comments_of(&f.file, "m1")), ["k1", "k3", "k2", "n1"]);
    f.file.undo().expect("undo restore");
    f.file.undo().expect("undo post");
    f.file.undo().expect("undo delete");
    assert_eq!(comments_of(&f.file, "m1"), all);
}
