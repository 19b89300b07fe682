//! The oracle of a `DocumentChange`: every record of the two whole documents
//! around a change, compared with the records the change names. Used by
//! `tests/changes.rs` (a scenario of every edit kind) and by the fuzz targets
//! (`fuzz/src/lib.rs`: random edit sequences, also replayed by `cargo test`).

use std::collections::BTreeMap;

use journey_studio::change::{
    CardRecord, CommentRecord, DocumentChange, LaneRecord, MapRecord, PersonaRecord, ResearchRecord, SnapshotRecord, StageRecord,
};
use journey_studio::DocumentView;
use serde_json::{json, Value};

/// Every record of a document, keyed by kind and id, as its JSON.
pub fn records(view: &DocumentView) -> BTreeMap<(&'static str, String), Value> {
    fn put(out: &mut BTreeMap<(&'static str, String), Value>, kind: &'static str, id: &str, r: Result<Value, serde_json::Error>) {
        out.insert((kind, id.to_owned()), r.expect("record as JSON"));
    }
    let mut out = BTreeMap::new();
    let p = &view.project;
    put(&mut out, "title", "title", serde_json::to_value(&p.title));
    for (i, persona) in p.personas.iter().enumerate() {
        let r = PersonaRecord { position: i as i64, with_photo: true, persona: persona.clone() };
        put(&mut out, "personas", &persona.id, serde_json::to_value(r));
    }
    for (i, m) in p.maps.iter().enumerate() {
        let r = MapRecord {
            id: m.id.clone(),
            position: i as i64,
            name: m.name.clone(),
            goal: m.goal.clone(),
            scenario: m.scenario.clone(),
            persona_id: m.persona_id.clone(),
        };
        put(&mut out, "maps", &m.id, serde_json::to_value(r));
        for (i, s) in m.stages.iter().enumerate() {
            put(
                &mut out,
                "stages",
                &s.id,
                serde_json::to_value(StageRecord { map_id: m.id.clone(), position: i as i64, stage: s.clone() }),
            );
        }
        for (i, l) in m.lanes.iter().enumerate() {
            put(&mut out, "lanes", &l.id, serde_json::to_value(LaneRecord { map_id: m.id.clone(), position: i as i64, lane: l.clone() }));
        }
        let mut in_cell: BTreeMap<(&str, &str), i64> = BTreeMap::new();
        for c in &m.cards {
            let n = in_cell.entry((&c.stage_id, &c.lane_id)).or_default();
            put(&mut out, "cards", &c.id, serde_json::to_value(CardRecord { map_id: m.id.clone(), position: *n, card: c.clone() }));
            *n += 1;
        }
        for (i, r) in m.research.iter().enumerate() {
            put(
                &mut out,
                "research",
                &r.id,
                serde_json::to_value(ResearchRecord { map_id: m.id.clone(), position: i as i64, item: r.clone() }),
            );
        }
        for c in &m.comments {
            put(&mut out, "comments", &c.id, serde_json::to_value(CommentRecord { map_id: m.id.clone(), comment: c.clone() }));
        }
    }
    let mut per_map: BTreeMap<&str, i64> = BTreeMap::new();
    for s in &view.snapshots {
        let n = per_map.entry(&s.map_id).or_default();
        put(&mut out, "snapshots", &s.id, serde_json::to_value(SnapshotRecord { position: *n, info: s.clone() }));
        *n += 1;
    }
    out
}

/// The change's records, in the same keys (persona photos filled back in from
/// `after` when the record says it left the photo out, after checking it did
/// not change).
fn change_records(change: &DocumentChange, before: &DocumentView, after: &DocumentView) -> [BTreeMap<(&'static str, String), Value>; 3] {
    let [mut added, mut updated, mut removed] = [BTreeMap::new(), BTreeMap::new(), BTreeMap::new()];
    macro_rules! kind {
        ($field:ident, $kind:literal, $id:expr) => {
            for r in &change.$field.added {
                added.insert(($kind, $id(r)), serde_json::to_value(r).expect("json"));
            }
            for r in &change.$field.updated {
                updated.insert(($kind, $id(r)), serde_json::to_value(r).expect("json"));
            }
            for id in &change.$field.removed {
                removed.insert(($kind, id.clone()), Value::Null);
            }
        };
    }
    kind!(maps, "maps", |r: &MapRecord| r.id.clone());
    kind!(stages, "stages", |r: &StageRecord| r.stage.id.clone());
    kind!(lanes, "lanes", |r: &LaneRecord| r.lane.id.clone());
    kind!(cards, "cards", |r: &CardRecord| r.card.id.clone());
    kind!(research, "research", |r: &ResearchRecord| r.item.id.clone());
    kind!(snapshots, "snapshots", |r: &SnapshotRecord| r.info.id.clone());
    kind!(comments, "comments", |r: &CommentRecord| r.comment.id.clone());
    for (list, target) in [(&change.personas.added, &mut added), (&change.personas.updated, &mut updated)] {
        for r in list {
            let mut r = r.clone();
            if !r.with_photo {
                let photo = |v: &DocumentView| v.project.personas.iter().find(|p| p.id == r.persona.id).map(|p| p.photo.clone());
                assert_eq!(photo(before), photo(after), "persona {} sent without its photo, but the photo changed", r.persona.id);
                assert!(r.persona.photo.is_empty(), "a record without its photo carries one");
                r.persona.photo = photo(after).unwrap_or_default();
                r.with_photo = true;
            }
            target.insert(("personas", r.persona.id.clone()), serde_json::to_value(&r).expect("json"));
        }
    }
    for id in &change.personas.removed {
        removed.insert(("personas", id.clone()), Value::Null);
    }
    if let Some(title) = &change.title {
        updated.insert(("title", "title".into()), json!(title));
    }
    [added, updated, removed]
}

/// Checks `change` against the two whole documents around it.
pub fn check(step: &str, before: &DocumentView, change: &DocumentChange, after: &DocumentView) {
    assert_eq!(change.from_revision, before.revision, "{step}: from_revision");
    assert_eq!(change.revision, after.revision, "{step}: revision");
    assert_eq!((change.can_undo, change.can_redo), (after.can_undo, after.can_redo), "{step}: undo/redo flags");
    let (old, new) = (records(before), records(after));
    let [added, updated, removed] = change_records(change, before, after);
    let want_added: Vec<_> = new.keys().filter(|k| !old.contains_key(*k)).collect();
    let want_removed: Vec<_> = old.keys().filter(|k| !new.contains_key(*k)).collect();
    let want_updated: Vec<_> = new.iter().filter(|(k, v)| old.get(*k).is_some_and(|o| o != *v)).map(|(k, _)| k).collect();
    assert_eq!(added.keys().collect::<Vec<_>>(), want_added, "{step}: added");
    assert_eq!(removed.keys().collect::<Vec<_>>(), want_removed, "{step}: removed");
    for k in want_updated {
        assert!(updated.contains_key(k), "{step}: {k:?} changed but is not in the change");
    }
    for k in updated.keys() {
        assert!(old.contains_key(k), "{step}: {k:?} updated but did not exist before");
    }
    for (k, v) in added.iter().chain(updated.iter()) {
        assert_eq!(Some(v), new.get(k), "{step}: record {k:?} is not what the file holds now");
    }
}
