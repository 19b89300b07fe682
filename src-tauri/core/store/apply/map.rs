//! Edits of maps: add, update, link a persona, delete, replace whole (restore).

use rusqlite::{params, Connection, OptionalExtension};

use super::list::{ensure_new_id, position_of, u32_index, with_then, List};
use super::{card, comment, persona, research, update};
use crate::edit::{self, limits, Edit};
use crate::error::{EditError, Result};
use crate::model::{Id, Map};
use crate::store::load;

pub(super) fn exists(conn: &Connection, map_id: &str) -> Result<()> {
    position_of(conn, "maps", map_id)?.ok_or_else(|| EditError::UnknownMap(map_id.to_owned()))?;
    Ok(())
}

pub(super) fn add(conn: &Connection, map: &Map, index: u32) -> Result<Edit> {
    edit::check_map(map)?;
    ensure_new_id(conn, "maps", &map.id)?;
    let pos = List::Maps.make_room(conn, index, limits::MAPS, "maps")?;
    if let Some(p) = &map.persona_id {
        persona::get(conn, p)?;
    }
    conn.execute(
        "INSERT INTO maps(id, position, name, goal, scenario, persona_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![map.id, pos, map.name, map.goal, map.scenario, map.persona_id],
    )?;
    insert_content(conn, map)?;
    Ok(Edit::DeleteMap { map_id: map.id.clone() })
}

pub(super) fn update(
    conn: &Connection,
    map_id: &Id,
    name: &Option<String>,
    goal: &Option<String>,
    scenario: &Option<String>,
) -> Result<Edit> {
    let (old_name, old_goal, old_scenario): (String, String, String) = conn
        .query_row("SELECT name, goal, scenario FROM maps WHERE id = ?1", [map_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| EditError::UnknownMap(map_id.clone()))?;
    update::check_text("map name", name, limits::NAME)?;
    update::check_text("map goal", goal, limits::TEXT)?;
    update::check_text("map scenario", scenario, limits::TEXT)?;
    let fields = [update::field("name", name.as_ref()), update::field("goal", goal.as_ref()), update::field("scenario", scenario.as_ref())];
    update::write(conn, "maps", map_id, &fields)?;
    Ok(Edit::UpdateMap {
        map_id: map_id.clone(),
        name: update::old(name, old_name),
        goal: update::old(goal, old_goal),
        scenario: update::old(scenario, old_scenario),
    })
}

pub(super) fn set_persona(conn: &Connection, map_id: &Id, persona_id: &Option<Id>) -> Result<Edit> {
    let old: Option<String> = conn
        .query_row("SELECT persona_id FROM maps WHERE id = ?1", [map_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| EditError::UnknownMap(map_id.clone()))?;
    if let Some(p) = persona_id {
        card::ensure_persona_room(conn, map_id, p, false)?;
    }
    conn.execute("UPDATE maps SET persona_id = ?2 WHERE id = ?1", params![map_id, persona_id])?;
    Ok(Edit::SetMapPersona { map_id: map_id.clone(), persona_id: old })
}

pub(super) fn delete(conn: &Connection, map_id: &Id) -> Result<Edit> {
    let pos = position_of(conn, "maps", map_id)?.ok_or_else(|| EditError::UnknownMap(map_id.clone()))?;
    if List::Maps.len(conn)? <= 1 {
        return Err(EditError::LastOne("map").into());
    }
    let map = load::load_map(conn, map_id)?;
    let snapshots = load::snapshots_of(conn, map_id)?;
    conn.execute("DELETE FROM snapshots WHERE map_id = ?1", [map_id])?;
    delete_content(conn, map_id)?;
    conn.execute("DELETE FROM maps WHERE id = ?1", [map_id])?;
    List::Maps.close_gap(conn, pos)?;
    let then = snapshots.into_iter().map(|(snapshot, p)| Edit::AddSnapshot { snapshot, index: u32_index(p) }).collect();
    Ok(with_then(Edit::AddMap { map, index: u32_index(pos) }, then))
}

/// Puts `map` (checked) in place of the map with its id: the undo is the map as it was.
pub(super) fn replace(conn: &Connection, map: &Map) -> Result<Edit> {
    edit::check_map(map)?;
    if position_of(conn, "maps", &map.id)?.is_none() {
        return Err(EditError::UnknownMap(map.id.clone()).into());
    }
    let old = load::load_map(conn, &map.id)?;
    if let Some(p) = &map.persona_id {
        persona::get(conn, p)?;
    }
    delete_content(conn, &map.id)?;
    conn.execute(
        "UPDATE maps SET name = ?2, goal = ?3, scenario = ?4, persona_id = ?5 WHERE id = ?1",
        params![map.id, map.name, map.goal, map.scenario, map.persona_id],
    )?;
    insert_content(conn, map)?;
    Ok(Edit::ReplaceMap { map: old })
}

/// Deletes the comments, research, cards, lanes and stages of a map (not the map's row).
fn delete_content(conn: &Connection, map_id: &str) -> Result<()> {
    conn.execute("DELETE FROM comments WHERE map_id = ?1 AND parent_id IS NOT NULL", [map_id])?;
    conn.execute("DELETE FROM comments WHERE map_id = ?1", [map_id])?;
    conn.execute("DELETE FROM research_links WHERE item_id IN (SELECT id FROM research WHERE map_id = ?1)", [map_id])?;
    for table in ["research", "cards", "stages", "lanes"] {
        conn.execute(&format!("DELETE FROM {table} WHERE map_id = ?1"), [map_id])?;
    }
    Ok(())
}

/// Inserts the stages, lanes, cards, research and comments of `map` (checked) under its map row.
fn insert_content(conn: &Connection, map: &Map) -> Result<()> {
    for (i, s) in map.stages.iter().enumerate() {
        ensure_new_id(conn, "stages", &s.id)?;
        conn.execute(
            "INSERT INTO stages(id, map_id, position, name, color) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![s.id, map.id, i as i64, s.name, s.color],
        )?;
    }
    for (i, l) in map.lanes.iter().enumerate() {
        ensure_new_id(conn, "lanes", &l.id)?;
        conn.execute(
            "INSERT INTO lanes(id, map_id, position, name, kind, color) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![l.id, map.id, i as i64, l.name, l.kind.as_str(), l.color],
        )?;
    }
    let mut next_in_cell: std::collections::HashMap<(&str, &str), i64> = std::collections::HashMap::new();
    for c in &map.cards {
        ensure_new_id(conn, "cards", &c.id)?;
        let slot = next_in_cell.entry((c.stage_id.as_str(), c.lane_id.as_str())).or_insert(0);
        card::insert(conn, &map.id, c, *slot)?;
        *slot += 1;
    }
    for (i, item) in map.research.iter().enumerate() {
        ensure_new_id(conn, "research", &item.id)?;
        research::insert(conn, &map.id, item, i as i64)?;
    }
    // First comments before replies (a reply names its thread's first comment).
    for c in map.comments.iter().filter(|c| c.parent_id.is_none()).chain(map.comments.iter().filter(|c| c.parent_id.is_some())) {
        ensure_new_id(conn, "comments", &c.id)?;
        comment::insert(conn, &map.id, c)?;
    }
    Ok(())
}
