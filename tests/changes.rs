//! Every edit, undo and redo answers with exactly what it changed: the records
//! added, updated and removed between the document before and after, read
//! back from the file. The same run writes the trace the UI's merge is tested
//! against (`ui/src/test/fixtures/change-trace.json`), so the UI replays what
//! the real core produced; the test fails when that file is stale
//! (`UPDATE_FIXTURES=1 cargo test --no-default-features --test changes` rewrites it).

use std::path::Path;

use journey_studio::change::DocumentChange;
use journey_studio::store::ProjectFile;
#[path = "support/change_oracle.rs"]
mod change_oracle;
use change_oracle::check;
use journey_studio::template::{default_project, Lang};
use journey_studio::{DocumentView, Edit, Project};
use serde::Serialize;
use serde_json::{json, Value};

const TRACE: &str = "ui/src/test/fixtures/change-trace.json";
/// The path the trace shows instead of the temporary file's.
const TRACE_PATH: &str = "/trace/du-an.journey";

const PHOTO: &str =
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/// The id the core gives the picture [`PHOTO`] (stored before the scenario starts).
fn picture_id() -> String {
    journey_studio::card_image::check(PHOTO).expect("a valid picture").info.id
}

/// One step of the trace: a call and what the core answered.
#[derive(Serialize)]
struct Step {
    call: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    edit: Option<Edit>,
    change: DocumentChange,
    /// The whole document after the step, as opening the file would give it.
    view: DocumentView,
}

fn view_for_trace(mut view: DocumentView) -> DocumentView {
    view.path = TRACE_PATH.into();
    view
}

/// The Vietnamese template, with fixed ids (a template's are new each time)
/// so that the trace is the same on every run.
fn start_project() -> Project {
    let mut p = default_project(Lang::Vi);
    p.title = "Chuỗi cà phê Sương Sớm".into();
    let map = &mut p.maps[0];
    map.id = "m1".into();
    let rename = |old: &mut String, new: String, all: &mut Vec<(String, String)>| {
        all.push((std::mem::replace(old, new.clone()), new));
    };
    let mut renamed = Vec::new();
    for (i, s) in map.stages.iter_mut().enumerate() {
        rename(&mut s.id, format!("s{i}"), &mut renamed);
    }
    for (i, l) in map.lanes.iter_mut().enumerate() {
        rename(&mut l.id, format!("l{i}"), &mut renamed);
    }
    let new_id = |old: &String| renamed.iter().find(|(o, _)| o == old).map(|(_, n)| n.clone()).unwrap_or_else(|| old.clone());
    for (i, c) in map.cards.iter_mut().enumerate() {
        c.id = format!("t{i}");
        c.stage_id = new_id(&c.stage_id);
        c.lane_id = new_id(&c.lane_id);
    }
    assert!(map.research.is_empty(), "the template has research: give it fixed ids too");
    p
}

/// Edits of every kind, in Vietnamese, on the template's map; undo and redo between.
fn scenario(p: &Project) -> Vec<Option<Value>> {
    let m = &p.maps[0];
    let (map, s0, s1, s2) = (&m.id, &m.stages[0].id, &m.stages[1].id, &m.stages[2].id);
    let (l0, l1) = (&m.lanes[0].id, &m.lanes[1].id);
    let card = |id: &str, stage: &str, lane: &str, text: &str| json!({"id": id, "stage_id": stage, "lane_id": lane, "text": text, "note": "", "color": "", "channel": "", "emotion": null, "conversion": null, "volume": null});
    let persona = json!({"id": "p-minh", "name": "Minh", "description": "Sinh viên", "role": "", "goals": "", "needs": "", "frustrations": "", "quote": "", "photo": PHOTO});
    let new_map = json!({
        "id": "m2", "name": "Bản đồ thứ hai", "goal": "", "scenario": "", "persona_id": null,
        "stages": [{"id": "m2-s", "name": "Nhận biết", "color": ""}],
        "lanes": [{"id": "m2-l", "name": "Điểm chạm", "kind": "touchpoints", "color": ""}],
        "cards": [card("m2-c", "m2-s", "m2-l", "Quảng cáo")], "research": []
    });
    let comment = |id: &str, on: &str, target: &str, parent: Option<&str>, body: &str, at: i64| json!({"id": id, "on": on, "target_id": target, "parent_id": parent, "author": "Hà", "body": body, "created_at": at, "resolved_at": null, "resolved_by": ""});
    let edit = |v: Value| Some(v);
    let image = picture_id();
    vec![
        edit(json!({"type": "set_project_title", "title": "Sương Sớm — hành trình 2027"})),
        edit(json!({"type": "add_card", "card": card("c1", s0, l0, "Quảng cáo TikTok"), "index": 0})),
        edit(json!({"type": "add_card", "card": card("c2", s0, l0, "Bài đăng Facebook"), "index": 0})),
        edit(json!({"type": "add_card", "card": card("c3", s1, l1, "Xem menu trên app"), "index": 0})),
        // Pictures: on a card, an image lane with an image card, removed; the bytes never travel.
        edit(json!({"type": "set_card_image", "card_id": "c3", "image_id": image})),
        edit(
            json!({"type": "add_lane", "map_id": map, "lane": {"id": "l-img", "name": "Hình ảnh", "kind": "images", "color": ""}, "index": 1}),
        ),
        edit(json!({"type": "add_card", "card": {"id": "c-img", "stage_id": s0, "lane_id": "l-img", "text": "", "note": "", "color": "",
            "channel": "", "emotion": null, "conversion": null, "volume": null, "image_id": image}, "index": 0})),
        None,
        Some(json!("redo")),
        edit(json!({"type": "set_card_image", "card_id": "c3", "image_id": null})),
        None, // undo: the picture is back on the card
        edit(json!({"type": "update_card", "card_id": "c1", "text": "Quảng cáo TikTok — ưu đãi 20%", "channel": "social"})),
        edit(json!({"type": "set_card_metrics", "card_id": "c1", "emotion": null, "conversion": 62.5, "volume": 12000})),
        edit(json!({"type": "move_card", "card_id": "c2", "stage_id": s2, "lane_id": l1, "index": 0})),
        None, // undo the move
        None,
        Some(json!("redo")),
        edit(json!({"type": "update_stage", "stage_id": s1, "name": "Cân nhắc kỹ", "color": "#1f7a5c"})),
        edit(json!({"type": "move_stage", "stage_id": s0, "index": 3})),
        edit(json!({"type": "add_stage", "map_id": map, "stage": {"id": "s-new", "name": "Chăm sóc", "color": ""}, "index": 1})),
        edit(
            json!({"type": "add_lane", "map_id": map, "lane": {"id": "l-new", "name": "Hậu trường", "kind": "text", "color": ""}, "index": 0}),
        ),
        edit(json!({"type": "move_lane", "lane_id": l0, "index": 2})),
        edit(json!({"type": "update_map", "map_id": map, "goal": "Tăng khách quay lại lên 30%"})),
        edit(json!({"type": "add_persona", "persona": persona, "index": 0})),
        edit(json!({"type": "update_persona", "persona_id": "p-minh", "quote": "“Mình cần chỗ ngồi học cả buổi.”"})),
        edit(json!({"type": "set_map_persona", "map_id": map, "persona_id": "p-minh"})),
        edit(
            json!({"type": "add_research_item", "map_id": map, "item": {"id": "r1", "kind": "question", "title": "Vì sao bỏ giỏ hàng?", "detail": "", "insight": "", "card_ids": ["c1"]}, "index": 0}),
        ),
        edit(json!({"type": "set_research_links", "item_id": "r1", "card_ids": ["c3", "c1"]})),
        edit(
            json!({"type": "take_snapshot", "map_id": map, "snapshot_id": "snap1", "name": "Trước hội thảo", "note": "", "taken_at": 1_796_000_000_000_i64}),
        ),
        edit(json!({"type": "update_snapshot", "snapshot_id": "snap1", "note": "Bản gửi khách hàng"})),
        edit(
            json!({"type": "add_comment", "comment": comment("k1", "card", "c1", None, "Khách có nhớ ưu đãi 20% không?", 1_796_000_100_000_i64)}),
        ),
        edit(
            json!({"type": "add_comment", "comment": comment("k2", "card", "c1", Some("k1"), "Có: 3/5 người được hỏi", 1_796_000_200_000_i64)}),
        ),
        edit(
            json!({"type": "add_comment", "comment": comment("k3", "stage", s1, None, "Giai đoạn này cần thêm điểm chạm", 1_796_000_300_000_i64)}),
        ),
        edit(json!({"type": "update_comment", "comment_id": "k2", "body": "Có: 4/5 người được hỏi"})),
        edit(json!({"type": "resolve_comment", "comment_id": "k1", "by": "Hà", "at": 1_796_000_400_000_i64})),
        edit(json!({"type": "reopen_comment", "comment_id": "k1"})),
        None, // undo the reopen: resolved by Hà again
        edit(json!({"type": "delete_comment", "comment_id": "k1"})),
        None, // undo: the thread comes back with its reply
        edit(json!({"type": "delete_card", "card_id": "c1"})),
        None, // undo: the card, its research link and its comments come back
        edit(json!({"type": "delete_lane", "lane_id": "l-new"})),
        edit(json!({"type": "restore_snapshot", "snapshot_id": "snap1"})),
        edit(json!({"type": "add_map", "map": new_map, "index": 1})),
        edit(json!({"type": "batch", "edits": [
            {"type": "update_card", "card_id": "m2-c", "text": "Quảng cáo Zalo"},
            {"type": "delete_stage", "stage_id": s2},
        ]})),
        edit(json!({"type": "update_persona", "persona_id": "p-minh", "photo": ""})),
        edit(json!({"type": "delete_map", "map_id": "m2"})),
        None,
        edit(json!({"type": "delete_persona", "persona_id": "p-minh"})),
        edit(json!({"type": "delete_snapshot", "snapshot_id": "snap1"})),
    ]
}

#[test]
fn every_edit_undo_and_redo_answers_with_exactly_what_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = start_project();
    let mut file = ProjectFile::create(&dir.path().join("du-an.journey"), &project, false).expect("create");
    // Storing a picture is not an edit: no revision, no change.
    assert_eq!(file.put_image(PHOTO).expect("put image").id, picture_id());
    assert_eq!(file.revision().expect("revision"), 0);
    let initial = file.view().expect("view");
    let mut before = initial.clone();
    let mut steps = Vec::new();
    for (n, step) in scenario(&project).into_iter().enumerate() {
        let (call, edit, change) = match step {
            None => ("undo", None, file.undo().expect("undo")),
            Some(v) if v == json!("redo") => ("redo", None, file.redo().expect("redo")),
            Some(v) => {
                let edit: Edit = serde_json::from_value(v).expect("edit JSON");
                let change = file.apply(&edit).unwrap_or_else(|e| panic!("step {n}: {edit:?}: {e}"));
                ("apply_edit", Some(edit), change)
            }
        };
        let after = file.view().expect("view");
        check(&format!("step {n} ({call})"), &before, &change, &after);
        assert!(!change.is_empty(), "step {n}: an edit that changed the document answered with no record");
        before = after.clone();
        steps.push(Step { call, edit, change, view: view_for_trace(after) });
    }
    let trace = json!({"initial": view_for_trace(initial), "steps": steps});
    let text = serde_json::to_string_pretty(&trace).expect("trace JSON") + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(TRACE);
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().expect("folder")).expect("fixtures folder");
        std::fs::write(&path, &text).expect("write trace");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == text,
        "{TRACE} is stale: the core now answers differently. Run `UPDATE_FIXTURES=1 cargo test --no-default-features --test changes`"
    );
}

#[test]
fn a_refused_edit_leaves_no_change_behind_for_the_next_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = start_project();
    let mut file = ProjectFile::create(&dir.path().join("p.journey"), &project, false).expect("create");
    let m = &project.maps[0];
    let bad = Edit::DeleteCard { card_id: "no-such-card".into() };
    assert!(file.apply(&bad).is_err());
    // A batch that fails half-way touched rows before it failed; none of that may leak.
    let half = Edit::Batch {
        edits: vec![
            Edit::UpdateStage { stage_id: m.stages[0].id.clone(), name: Some("Đổi tên".into()), color: None },
            Edit::DeleteCard { card_id: "no-such-card".into() },
        ],
    };
    assert!(file.apply(&half).is_err());
    let before = file.view().expect("view");
    let change = file
        .apply(&Edit::UpdateLane { lane_id: m.lanes[1].id.clone(), name: Some("Hành động".into()), kind: None, color: None })
        .expect("edit");
    let after = file.view().expect("view");
    check("after refused edits", &before, &change, &after);
    assert_eq!(change.lanes.updated.len(), 1);
    assert!(change.stages.is_empty(), "the refused batch's stage rename leaked into the next change");
}

#[test]
fn a_reopened_file_answers_with_changes_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.journey");
    let project = start_project();
    drop(ProjectFile::create(&path, &project, false).expect("create"));
    let mut file = ProjectFile::open(&path).expect("open");
    let before = file.view().expect("view");
    let stage = project.maps[0].stages[0].id.clone();
    let change = file.apply(&Edit::UpdateStage { stage_id: stage, name: Some("Khám phá".into()), color: None }).expect("edit");
    check("reopened", &before, &change, &file.view().expect("view"));
    assert_eq!(change.stages.updated.len(), 1);
}

#[test]
fn a_posted_comment_answers_with_its_record() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = start_project();
    let mut file = ProjectFile::create(&dir.path().join("p.journey"), &project, false).expect("create");
    let stage = project.maps[0].stages[1].id.clone();
    let before = file.view().expect("view");
    let post = Edit::PostComment {
        comment_id: "k1".into(),
        on: journey_studio::model::CommentOn::Stage,
        target_id: stage.clone(),
        parent_id: None,
        author: "Lan".into(),
        body: "Giai đoạn này dài quá".into(),
    };
    let change = file.apply(&post).expect("post");
    let after = file.view().expect("view");
    check("post", &before, &change, &after);
    assert_eq!(change.comments.added.len(), 1);
    assert_eq!(change.comments.added[0].comment.target_id, stage);
    let undo = file.undo().expect("undo");
    check("undo post", &after, &undo, &file.view().expect("view"));
    assert_eq!(undo.comments.removed, ["k1"]);
}
