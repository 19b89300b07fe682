//! Edits of a map's review history: take, add (the undo of a delete), update,
//! delete, restore (the map replaced by the snapshot's, as one undoable step).

use rusqlite::{params, Connection};

use super::list::{ensure_new_id, position_of, u32_index, List};
use super::{map, update};
use crate::edit::{self, limits, Edit};
use crate::error::{EditError, Result};
use crate::model::{Id, Snapshot};
use crate::store::load;

/// (map_id, position, snapshot)
fn get(conn: &Connection, id: &Id) -> Result<(String, i64, Snapshot)> {
    load::load_snapshot(conn, id)?.ok_or_else(|| EditError::UnknownSnapshot(id.clone()).into())
}

/// A snapshot of the map as it is now, after the map's others.
pub(super) fn take(conn: &Connection, map_id: &Id, snapshot_id: &Id, name: &str, note: &str, taken_at: i64) -> Result<Edit> {
    map::exists(conn, map_id)?;
    let mut map = load::load_map(conn, map_id)?;
    // Review comments are about the living map, not one version of it.
    map.comments.clear();
    let snapshot = Snapshot { id: snapshot_id.clone(), name: name.to_owned(), note: note.to_owned(), taken_at, map };
    let index = u32_index(List::Snapshots { map: map_id }.len(conn)?);
    add(conn, &snapshot, index)
}

pub(super) fn add(conn: &Connection, snapshot: &Snapshot, index: u32) -> Result<Edit> {
    edit::check_snapshot(snapshot)?;
    let map_id = &snapshot.map.id;
    map::exists(conn, map_id)?;
    ensure_new_id(conn, "snapshots", &snapshot.id)?;
    let pos = List::Snapshots { map: map_id }.make_room(conn, index, limits::SNAPSHOTS, "snapshots")?;
    let overall = crate::funnel::funnel(&snapshot.map).map(|f| f.overall);
    conn.execute(
        "INSERT INTO snapshots(id, map_id, position, name, note, taken_at, cards, overall_conversion, map)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            snapshot.id,
            map_id,
            pos,
            snapshot.name,
            snapshot.note,
            snapshot.taken_at,
            snapshot.map.cards.len() as i64,
            overall,
            serde_json::to_string(&snapshot.map)?
        ],
    )?;
    Ok(Edit::DeleteSnapshot { snapshot_id: snapshot.id.clone() })
}

pub(super) fn update(conn: &Connection, snapshot_id: &Id, name: &Option<String>, note: &Option<String>) -> Result<Edit> {
    let (_, _, old) = get(conn, snapshot_id)?;
    update::check_text("snapshot name", name, limits::NAME)?;
    update::check_text("snapshot note", note, limits::TEXT)?;
    update::write(conn, "snapshots", snapshot_id, &[update::field("name", name.as_ref()), update::field("note", note.as_ref())])?;
    Ok(Edit::UpdateSnapshot { snapshot_id: snapshot_id.clone(), name: update::old(name, old.name), note: update::old(note, old.note) })
}

pub(super) fn delete(conn: &Connection, snapshot_id: &Id) -> Result<Edit> {
    let (map_id, pos, snapshot) = get(conn, snapshot_id)?;
    conn.execute("DELETE FROM snapshots WHERE id = ?1", [snapshot_id])?;
    List::Snapshots { map: &map_id }.close_gap(conn, pos)?;
    Ok(Edit::AddSnapshot { snapshot, index: u32_index(pos) })
}

pub(super) fn restore(conn: &Connection, snapshot_id: &Id) -> Result<Edit> {
    let (_, _, snapshot) = get(conn, snapshot_id)?;
    let mut map = snapshot.map;
    // A persona deleted since the snapshot was taken stays deleted.
    if let Some(p) = &map.persona_id {
        if position_of(conn, "personas", p)?.is_none() {
            map.persona_id = None;
        }
    }
    for card in &mut map.cards {
        if let Some(p) = &card.persona_id {
            if position_of(conn, "personas", p)?.is_none() {
                card.persona_id = None;
            }
        }
    }
    // The map's review comments stay, where their card or stage is in the
    // restored map (the rest go, and come back with the undo).
    let current = load::comments_where(conn, "map_id", &map.id)?;
    map.comments = current.into_iter().filter(|c| on_map(&map, c)).collect();
    map::replace(conn, &map)
}

fn on_map(map: &crate::model::Map, c: &crate::model::Comment) -> bool {
    match c.on {
        crate::model::CommentOn::Card => map.card(&c.target_id).is_some(),
        crate::model::CommentOn::Stage => map.stage(&c.target_id).is_some(),
    }
}
