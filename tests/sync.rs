//! Live collaboration's core (`src-tauri/core/sync/`): two or three in-process
//! peers, each with its own project file, exchanging Automerge sync messages
//! directly (what a websocket would carry). Every remote change is checked
//! against the whole documents around it, like a local edit's answer.

use std::path::{Path, PathBuf};

use journey_studio::store::ProjectFile;
use journey_studio::{Card, DocumentView, Edit, Project};
use tempfile::TempDir;

#[path = "support/change_oracle.rs"]
mod change_oracle;
#[path = "support/sample.rs"]
mod sample;

struct Peer {
    name: &'static str,
    path: PathBuf,
    file: ProjectFile,
}

impl Peer {
    fn sharing(dir: &Path, name: &'static str, project: &Project) -> Peer {
        let path = dir.join(format!("{name}.journey"));
        let mut file = ProjectFile::create(&path, project, false).expect("create");
        file.share().expect("share");
        Peer { name, path, file }
    }

    fn joining(dir: &Path, name: &'static str) -> Peer {
        let path = dir.join(format!("{name}.journey"));
        let file = ProjectFile::create_joining(&path, false).expect("create joining");
        Peer { name, path, file }
    }

    fn edit(&mut self, edit: Edit) {
        self.file.apply(&edit).unwrap_or_else(|e| panic!("{}: {edit:?}: {e}", self.name));
    }

    fn view(&self) -> DocumentView {
        self.file.view().expect("view")
    }

    fn project(&self) -> Project {
        self.file.project().expect("project")
    }

    fn card(&self, id: &str) -> Option<Card> {
        self.project().maps.iter().flat_map(|m| m.cards.iter()).find(|c| c.id == id).cloned()
    }

    /// Reopens the file, as after the app was killed.
    fn reopen(self) -> Peer {
        let Peer { name, path, file } = self;
        drop(file);
        let file = ProjectFile::open(&path).expect("reopen");
        Peer { name, path, file }
    }
}

/// Hands one message from `from` to `to`; true when there was one. The
/// change it answers must be exactly what changed in `to`'s document.
fn deliver(from: &mut Peer, to: &mut Peer) -> bool {
    let Some(message) = from.file.sync_message(to.name).expect("sync message") else { return false };
    let before = to.view();
    let change = to.file.receive_sync_message(from.name, &message).expect("receive");
    let after = to.view();
    match change {
        Some(change) => change_oracle::check(&format!("{} → {}", from.name, to.name), &before, &change, &after),
        None => assert_eq!(before.project, after.project, "a message that changed nothing changed the document"),
    }
    true
}

/// Syncs two peers until neither has anything to send.
fn sync(a: &mut Peer, b: &mut Peer) {
    for _ in 0..100 {
        let sent_a = deliver(a, b);
        let sent_b = deliver(b, a);
        if !sent_a && !sent_b {
            return;
        }
    }
    panic!("{} and {} did not go quiet in 100 rounds", a.name, b.name);
}

/// Syncs every pair until all have the same document.
fn sync_all(peers: &mut [&mut Peer]) {
    for _ in 0..10 {
        for i in 0..peers.len() {
            for j in i + 1..peers.len() {
                let (left, right) = peers.split_at_mut(j);
                sync(left[i], right[0]);
            }
        }
        let heads: Vec<_> = peers.iter_mut().map(|p| p.file.sync_heads().expect("heads")).collect();
        if heads.windows(2).all(|w| w[0] == w[1]) {
            return;
        }
    }
    panic!("peers did not converge");
}

fn assert_same(peers: &[&Peer]) {
    let first = peers[0].project();
    for p in &peers[1..] {
        assert_eq!(p.project(), first, "{} and {} differ", p.name, peers[0].name);
    }
}

fn project() -> Project {
    sample::vietnamese_project()
}

/// Two peers: `a` shares the sample project, `b` joins and syncs.
fn pair(dir: &Path) -> (Peer, Peer) {
    let mut a = Peer::sharing(dir, "an", &project());
    let mut b = Peer::joining(dir, "binh");
    sync(&mut a, &mut b);
    (a, b)
}

fn first_card(p: &Peer) -> Card {
    p.project().maps[0].cards[0].clone()
}

#[test]
fn a_joining_peer_gets_the_whole_project_and_unshared_files_store_nothing() {
    let dir = TempDir::new().expect("tmp");
    let (a, b) = pair(dir.path());
    assert_same(&[&a, &b]);
    assert_eq!(b.project().maps[0].cards.len(), a.project().maps[0].cards.len());
    assert!(!b.project().personas[0].photo.is_empty(), "the persona's photo came along");
    assert!(b.file.can_undo().is_ok_and(|u| !u), "the joiner has nothing to undo: what it received is not its edit");

    let path = dir.path().join("alone.journey");
    let mut alone = ProjectFile::create(&path, &project(), false).expect("create");
    let card = alone.project().expect("p").maps[0].cards[0].id.clone();
    alone.apply(&Edit::UpdateCard { card_id: card, text: Some("Một mình".into()), note: None, color: None, channel: None }).expect("edit");
    assert!(!alone.is_shared());
    drop(alone);
    let conn = rusqlite::Connection::open(&path).expect("open");
    let rows: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM sync_chunks) + (SELECT count(*) FROM sync_meta) + (SELECT count(*) FROM sync_peers)",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(rows, 0, "an unshared project keeps no sync data");
}

#[test]
fn concurrent_edits_converge_to_equal_documents() {
    let dir = TempDir::new().expect("tmp");
    let (mut a, mut b) = pair(dir.path());
    let map = a.project().maps[0].clone();
    let (c0, c1) = (map.cards[0].id.clone(), map.cards[1].id.clone());
    a.edit(Edit::UpdateCard {
        card_id: c0.clone(),
        text: Some("Khách xem quảng cáo trên TikTok".into()),
        note: None,
        color: None,
        channel: None,
    });
    a.edit(Edit::UpdateMap { map_id: map.id.clone(), name: None, goal: Some("Tăng đơn hàng đầu tiên".into()), scenario: None });
    b.edit(Edit::AddCard {
        card: Card::new("the-moi", map.stages[2].id.clone(), map.lanes[0].id.clone(), "Thẻ mới của Bình"), index: 0
    });
    b.edit(Edit::SetCardMetrics { card_id: c1.clone(), emotion: Some(Some(2)), conversion: Some(Some(42.5)), volume: Some(None) });
    b.edit(Edit::SetProjectTitle { title: "Sen Vàng — bản nhóm".into() });
    sync(&mut a, &mut b);
    assert_same(&[&a, &b]);
    assert_eq!(a.card(&c0).expect("c0").text, "Khách xem quảng cáo trên TikTok");
    assert_eq!(a.card("the-moi").expect("new card").text, "Thẻ mới của Bình");
    assert_eq!(a.card(&c1).expect("c1").conversion, Some(42.5));
    assert_eq!(a.project().title, "Sen Vàng — bản nhóm");
    assert_eq!(b.project().maps[0].goal, "Tăng đơn hàng đầu tiên");
}

#[test]
fn offline_edits_on_three_peers_merge_with_nothing_lost_whatever_the_order() {
    let dir = TempDir::new().expect("tmp");
    let mut a = Peer::sharing(dir.path(), "an", &project());
    let mut b = Peer::joining(dir.path(), "binh");
    let mut c = Peer::joining(dir.path(), "chi");
    sync(&mut a, &mut b);
    sync(&mut b, &mut c);
    let map = a.project().maps[0].clone();
    // Offline: each adds cards to the same cell and edits other things.
    for (peer, n) in [(&mut a, 3), (&mut b, 2), (&mut c, 4)] {
        for i in 0..n {
            let card = Card::new(
                format!("{}-{i}", peer.name),
                map.stages[1].id.clone(),
                map.lanes[1].id.clone(),
                format!("Thẻ {i} của {}", peer.name),
            );
            peer.edit(Edit::AddCard { card, index: 0 });
        }
    }
    b.edit(Edit::DeleteCard { card_id: map.cards[5].id.clone() });
    c.edit(Edit::UpdateStage { stage_id: map.stages[0].id.clone(), name: Some("Nhận biết (chị)".into()), color: None });
    // Back online, in an order that is not the order of the edits.
    sync(&mut c, &mut a);
    sync(&mut b, &mut c);
    sync_all(&mut [&mut a, &mut b, &mut c]);
    assert_same(&[&a, &b, &c]);
    let cell = a.project().maps[0].cell(&map.stages[1].id, &map.lanes[1].id).map(|c| c.id.clone()).collect::<Vec<_>>();
    for name in ["an-0", "an-1", "an-2", "binh-0", "binh-1", "chi-0", "chi-1", "chi-2", "chi-3"] {
        assert_eq!(cell.iter().filter(|id| *id == name).count(), 1, "{name} once in the cell: {cell:?}");
    }
    assert!(a.card(&map.cards[5].id).is_none());
    assert_eq!(c.project().maps[0].stages[0].name, "Nhận biết (chị)");
    let p = b.project();
    assert_eq!(p.maps[0].cards.len(), map.cards.len() + 9 - 1);
}

#[test]
fn concurrent_moves_of_one_card_leave_one_card_in_one_cell() {
    let dir = TempDir::new().expect("tmp");
    let (mut a, mut b) = pair(dir.path());
    let map = a.project().maps[0].clone();
    let card = map.cards[0].id.clone();
    let to_a = (map.stages[3].id.clone(), map.lanes[2].id.clone());
    let to_b = (map.stages[1].id.clone(), map.lanes[4].id.clone());
    a.edit(Edit::MoveCard { card_id: card.clone(), stage_id: to_a.0.clone(), lane_id: to_a.1.clone(), index: 0 });
    b.edit(Edit::MoveCard { card_id: card.clone(), stage_id: to_b.0.clone(), lane_id: to_b.1.clone(), index: 1 });
    sync(&mut a, &mut b);
    assert_same(&[&a, &b]);
    let cards = a.project().maps[0].cards.clone();
    assert_eq!(cards.iter().filter(|c| c.id == card).count(), 1, "one card");
    assert_eq!(cards.len(), map.cards.len(), "no card lost or added");
    let moved = a.card(&card).expect("card");
    let cell = (moved.stage_id, moved.lane_id);
    assert!(cell == to_a || cell == to_b, "the card is where one of them put it: {cell:?}");
}

#[test]
fn concurrent_text_edits_in_one_card_keep_both_and_renames_pick_one() {
    let dir = TempDir::new().expect("tmp");
    let (mut a, mut b) = pair(dir.path());
    let card = first_card(&a);
    let stage = a.project().maps[0].stages[0].clone();
    a.edit(Edit::UpdateCard {
        card_id: card.id.clone(),
        text: Some(format!("MỚI: {}", card.text)),
        note: None,
        color: None,
        channel: None,
    });
    b.edit(Edit::UpdateCard {
        card_id: card.id.clone(),
        text: Some(format!("{} (di động)", card.text)),
        note: None,
        color: None,
        channel: None,
    });
    a.edit(Edit::UpdateStage { stage_id: stage.id.clone(), name: Some("Khám phá".into()), color: None });
    b.edit(Edit::UpdateStage { stage_id: stage.id.clone(), name: Some("Tìm hiểu".into()), color: None });
    sync(&mut a, &mut b);
    assert_same(&[&a, &b]);
    assert_eq!(a.card(&card.id).expect("card").text, format!("MỚI: {} (di động)", card.text));
    let name = a.project().maps[0].stages[0].name.clone();
    assert!(name == "Khám phá" || name == "Tìm hiểu", "a rename is one writer's name, never a mix: {name}");
}

#[test]
fn delete_wins_over_a_concurrent_edit_and_cards_of_a_deleted_stage_go_everywhere() {
    let dir = TempDir::new().expect("tmp");
    let (mut a, mut b) = pair(dir.path());
    let map = a.project().maps[0].clone();
    let card = map.cards[0].id.clone();
    a.edit(Edit::DeleteCard { card_id: card.clone() });
    b.edit(Edit::UpdateCard { card_id: card.clone(), text: Some("Bình sửa thẻ này".into()), note: None, color: None, channel: None });
    // A card added to a stage that the other deletes meanwhile.
    let stage = map.stages[4].id.clone();
    b.edit(Edit::AddCard { card: Card::new("mo-coi", stage.clone(), map.lanes[0].id.clone(), "Thẻ mồ côi"), index: 0 });
    a.edit(Edit::DeleteStage { stage_id: stage.clone() });
    sync(&mut a, &mut b);
    assert_same(&[&a, &b]);
    assert!(a.card(&card).is_none(), "the deleted card stays deleted");
    assert!(b.card("mo-coi").is_none(), "a card in a deleted stage goes with it");
    assert!(b.project().maps[0].stages.iter().all(|s| s.id != stage));
}

#[test]
fn undo_is_per_user() {
    let dir = TempDir::new().expect("tmp");
    let (mut a, mut b) = pair(dir.path());
    let map = a.project().maps[0].clone();
    let (c0, c1, c2) = (map.cards[0].clone(), map.cards[1].clone(), map.cards[2].clone());
    a.edit(Edit::UpdateCard { card_id: c0.id.clone(), text: Some("An sửa".into()), note: None, color: None, channel: None });
    b.edit(Edit::UpdateCard { card_id: c1.id.clone(), text: Some("Bình sửa".into()), note: None, color: None, channel: None });
    sync(&mut a, &mut b);
    // Bình's Ctrl+Z undoes Bình's edit, not An's.
    b.file.undo().expect("undo");
    assert!(!b.file.can_undo().expect("can undo"), "Bình had one edit to undo");
    sync(&mut a, &mut b);
    assert_same(&[&a, &b]);
    assert_eq!(a.card(&c0.id).expect("c0").text, "An sửa");
    assert_eq!(a.card(&c1.id).expect("c1").text, c1.text);
    assert!(a.file.can_undo().expect("can undo"), "An still has An's edit to undo");
    // Redo comes back for Bình only.
    b.file.redo().expect("redo");
    sync(&mut a, &mut b);
    assert_eq!(a.card(&c1.id).expect("c1").text, "Bình sửa");

    // Undo after a teammate changed the same record since: the undo puts back
    // the value from before my edit (the teammate's stays in the history).
    a.edit(Edit::UpdateCard { card_id: c2.id.clone(), text: Some("An lần 1".into()), note: None, color: None, channel: None });
    sync(&mut a, &mut b);
    b.edit(Edit::UpdateCard { card_id: c2.id.clone(), text: Some("Bình lần 2".into()), note: None, color: None, channel: None });
    sync(&mut a, &mut b);
    a.file.undo().expect("undo over a teammate's change");
    sync(&mut a, &mut b);
    assert_same(&[&a, &b]);
    assert_eq!(b.card(&c2.id).expect("c2").text, c2.text);

    // Undo of an edit to a record a teammate deleted since: refused, nothing changes.
    a.edit(Edit::UpdateCard { card_id: c0.id.clone(), text: Some("An lần 2".into()), note: None, color: None, channel: None });
    sync(&mut a, &mut b);
    b.edit(Edit::DeleteCard { card_id: c0.id.clone() });
    sync(&mut a, &mut b);
    let before = a.project();
    let err = a.file.undo().expect_err("the card is gone");
    assert_eq!(err.code(), "edit_unknown_target");
    assert_eq!(a.project(), before);
}

#[test]
fn a_peer_killed_mid_sync_converges_afterwards_and_loses_nothing_acknowledged() {
    let dir = TempDir::new().expect("tmp");
    let (mut a, mut b) = pair(dir.path());
    let map = a.project().maps[0].clone();
    for i in 0..5 {
        let card = Card::new(format!("an-{i}"), map.stages[0].id.clone(), map.lanes[0].id.clone(), format!("An {i}"));
        a.edit(Edit::AddCard { card, index: 0 });
    }
    b.edit(Edit::AddCard { card: Card::new("binh-0", map.stages[1].id.clone(), map.lanes[0].id.clone(), "Bình 0"), index: 0 });
    // One message each way, then Bình's app dies (no goodbye to An).
    assert!(deliver(&mut a, &mut b));
    assert!(deliver(&mut b, &mut a));
    let acknowledged = b.project();
    let mut b = b.reopen();
    a.file.peer_disconnected("binh").expect("disconnected");
    assert_eq!(b.project(), acknowledged, "what Bình had acknowledged is in Bình's file");
    assert!(b.file.is_shared());
    b.edit(Edit::AddCard { card: Card::new("binh-1", map.stages[1].id.clone(), map.lanes[0].id.clone(), "Bình 1"), index: 0 });
    sync(&mut a, &mut b);
    assert_same(&[&a, &b]);
    for id in ["an-0", "an-4", "binh-0", "binh-1"] {
        assert!(a.card(id).is_some() && b.card(id).is_some(), "{id} on both");
    }
    // An dies too: reopened, it still has everything and has nothing new to tell.
    let mut a = a.reopen();
    b.file.peer_disconnected("an").expect("disconnected");
    sync(&mut a, &mut b);
    assert_same(&[&a, &b]);
}

#[test]
fn random_edits_on_three_peers_synced_in_random_order_converge() {
    let dir = TempDir::new().expect("tmp");
    let mut a = Peer::sharing(dir.path(), "an", &project());
    let mut b = Peer::joining(dir.path(), "binh");
    let mut c = Peer::joining(dir.path(), "chi");
    sync_all(&mut [&mut a, &mut b, &mut c]);
    let mut seed: u64 = 0x5eed_1234_abcd;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for step in 0..60 {
        let who = next(3);
        let peer = match who {
            0 => &mut a,
            1 => &mut b,
            _ => &mut c,
        };
        let map = peer.project().maps[0].clone();
        let stage = map.stages[next(map.stages.len())].id.clone();
        let lane = map.lanes[next(map.lanes.len())].id.clone();
        let edit = match (next(5), map.cards.is_empty()) {
            (0, _) | (_, true) => {
                Edit::AddCard { card: Card::new(format!("r{step}"), stage, lane, format!("Thẻ {step}")), index: next(3) as u32 }
            }
            (1, _) => Edit::MoveCard {
                card_id: map.cards[next(map.cards.len())].id.clone(),
                stage_id: stage,
                lane_id: lane,
                index: next(3) as u32,
            },
            (2, _) => Edit::DeleteCard { card_id: map.cards[next(map.cards.len())].id.clone() },
            (3, _) => Edit::UpdateCard {
                card_id: map.cards[next(map.cards.len())].id.clone(),
                text: Some(format!("Sửa {step}")),
                note: None,
                color: None,
                channel: None,
            },
            _ => Edit::UpdateStage { stage_id: stage, name: Some(format!("Giai đoạn {step}")), color: None },
        };
        peer.edit(edit);
        match next(4) {
            0 => sync(&mut a, &mut b),
            1 => sync(&mut b, &mut c),
            2 => sync(&mut c, &mut a),
            _ => {}
        }
    }
    sync_all(&mut [&mut a, &mut b, &mut c]);
    assert_same(&[&a, &b, &c]);
    // Every cell's positions are 0, 1, 2… (the file's order is dense).
    let map = a.project().maps[0].clone();
    let ids: std::collections::BTreeSet<_> = map.cards.iter().map(|c| &c.id).collect();
    assert_eq!(ids.len(), map.cards.len(), "no card twice");
}

/// A small PNG as a `data:` URL: `shade` makes each one a different picture.
fn picture(shade: u8) -> String {
    let img = image::RgbImage::from_fn(40, 30, |x, _| image::Rgb([shade, (x * 6) as u8, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).expect("encode");
    journey_studio::card_image::data_url("image/png", &out.into_inner())
}

#[test]
fn comments_and_card_pictures_travel_and_a_deleted_card_takes_its_thread_everywhere() {
    use journey_studio::CommentOn;
    let dir = TempDir::new().expect("tmp");
    let (mut a, mut b) = pair(dir.path());
    let card = first_card(&a).id;
    // An: a picture on the card and a thread on it; Bình replies. The reply's
    // id ("r1") sorts before its thread's ("t1"): a peer receiving both at once
    // must still write the thread first.
    let info = a.file.put_image(&picture(200)).expect("put");
    a.edit(Edit::SetCardImage { card_id: card.clone(), image_id: Some(info.id.clone()) });
    a.edit(Edit::PostComment {
        comment_id: "t1".into(),
        on: CommentOn::Card,
        target_id: card.clone(),
        parent_id: None,
        author: "An".into(),
        body: "Ảnh này cũ rồi".into(),
    });
    sync(&mut a, &mut b);
    assert_eq!(b.card(&card).and_then(|c| c.image_id), Some(info.id.clone()));
    assert_eq!(b.file.image(&info.id, false).expect("the picture's bytes came along"), a.file.image(&info.id, false).expect("a's"));
    b.edit(Edit::PostComment {
        comment_id: "r1".into(),
        on: CommentOn::Card,
        target_id: card.clone(),
        parent_id: Some("t1".into()),
        author: "Bình".into(),
        body: "Mình sẽ chụp lại".into(),
    });
    b.edit(Edit::ResolveComment { comment_id: "t1".into(), by: "Bình".into(), at: Some(1_800_000_000) });
    // Meanwhile An edits the thread's text.
    a.edit(Edit::UpdateComment { comment_id: "t1".into(), body: "Ảnh này cũ rồi, cần ảnh mới".into() });
    sync(&mut a, &mut b);
    assert_same(&[&a, &b]);
    let comments = &a.project().maps[0].comments;
    assert_eq!(comments.len(), 2, "{comments:?}");
    let thread = comments.iter().find(|c| c.id == "t1").expect("thread");
    assert_eq!((thread.body.as_str(), thread.resolved_by.as_str()), ("Ảnh này cũ rồi, cần ảnh mới", "Bình"));
    // A third peer joining later gets the picture, the thread and its reply.
    let mut c = Peer::joining(dir.path(), "chi");
    sync(&mut a, &mut c);
    assert_same(&[&a, &c]);
    assert!(c.file.image(&info.id, true).is_ok(), "the joiner has the picture's thumbnail");
    // Bình deletes the card: its comments go with it on every peer.
    b.edit(Edit::DeleteCard { card_id: card.clone() });
    sync_all(&mut [&mut a, &mut b, &mut c]);
    assert_same(&[&a, &b, &c]);
    assert!(a.project().maps[0].comments.is_empty() && c.card(&card).is_none());
    // The picture stays in the shared files (a teammate's undo may name it again), also after a reopen.
    let a = a.reopen();
    assert!(a.file.image(&info.id, false).is_ok());
}

#[test]
fn a_shared_file_keeps_its_link_and_a_joining_file_its_own() {
    use journey_studio::sync::ShareLink;
    let dir = TempDir::new().expect("tmp");
    let link = ShareLink::new("sync.example.com:7420", "4NMNnkMhL8jXrdJ9jamS2pUNqVE").expect("link");
    let path = dir.path().join("an.journey");
    let mut file = ProjectFile::create(&path, &project(), false).expect("create");
    assert_eq!(file.share_link().expect("link"), None);
    file.share_at(&link).expect("share");
    assert!(matches!(file.share_at(&link), Err(journey_studio::Error::Sync(journey_studio::SyncError::AlreadyShared))));
    drop(file);
    let file = ProjectFile::open(&path).expect("reopen");
    assert!(file.is_shared());
    assert_eq!(file.share_link().expect("link"), Some(link.clone()));
    let joined = ProjectFile::create_joining_at(&dir.path().join("binh.journey"), false, &link).expect("join");
    assert_eq!(joined.share_link().expect("link").map(|l| l.to_string()), Some(link.to_string()));
}

#[test]
fn save_as_of_a_shared_project_is_a_private_copy() {
    use journey_studio::sync::ShareLink;
    let dir = TempDir::new().expect("tmp");
    let link = ShareLink::new("localhost:7420", "doc1").expect("link");
    let mut file = ProjectFile::create(&dir.path().join("an.journey"), &project(), false).expect("create");
    file.share_at(&link).expect("share");
    let copy = file.save_as(&dir.path().join("copy.journey"), false).expect("save as");
    assert!(!copy.is_shared() && copy.share_link().expect("link").is_none(), "the copy is not shared");
    assert_eq!(copy.project().expect("project"), file.project().expect("project"), "but holds the same project");
    assert!(file.is_shared());
}
