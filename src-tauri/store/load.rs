//! Reads the document (or parts of it) out of a project file.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::model::{Card, Lane, LaneKind, Map, Persona, Project, Stage};

pub(crate) fn project_title(conn: &Connection) -> Result<String> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = 'title'", [], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

pub fn load_project(conn: &Connection) -> Result<Project> {
    let title = project_title(conn)?;
    let personas = {
        let mut stmt = conn.prepare_cached("SELECT id, name, description FROM personas ORDER BY position")?;
        let rows = stmt.query_map([], persona_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let map_ids: Vec<String> = {
        let mut stmt = conn.prepare_cached("SELECT id FROM maps ORDER BY position")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let maps = map_ids.iter().map(|id| load_map(conn, id)).collect::<Result<Vec<_>>>()?;
    Ok(Project { title, maps, personas })
}

/// One whole map, stages and lanes in order, cards grouped by cell in order.
pub fn load_map(conn: &Connection, map_id: &str) -> Result<Map> {
    let (name, goal, scenario, persona_id) = conn.query_row(
        "SELECT name, goal, scenario, persona_id FROM maps WHERE id = ?1",
        [map_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let stages = {
        let mut stmt = conn.prepare_cached("SELECT id, name, color FROM stages WHERE map_id = ?1 ORDER BY position")?;
        let rows = stmt.query_map([map_id], stage_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let lanes = {
        let mut stmt = conn.prepare_cached("SELECT id, name, kind, color FROM lanes WHERE map_id = ?1 ORDER BY position")?;
        let rows = stmt.query_map([map_id], lane_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let cards = {
        let mut stmt = conn.prepare_cached(
            "SELECT c.id, c.stage_id, c.lane_id, c.text, c.note, c.color, c.channel, c.emotion, c.conversion, c.volume
             FROM cards c
             JOIN stages s ON s.id = c.stage_id
             JOIN lanes l ON l.id = c.lane_id
             WHERE c.map_id = ?1
             ORDER BY s.position, l.position, c.position",
        )?;
        let rows = stmt.query_map([map_id], card_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    Ok(Map { id: map_id.to_owned(), name, goal, scenario, persona_id, stages, lanes, cards })
}

pub(crate) const CARD_COLUMNS: &str = "id, stage_id, lane_id, text, note, color, channel, emotion, conversion, volume";
/// How many columns [`CARD_COLUMNS`] names: the index of the first column after them.
pub(crate) const CARD_COLUMN_COUNT: usize = 10;

pub(crate) fn card_row(r: &Row<'_>) -> rusqlite::Result<Card> {
    Ok(Card {
        id: r.get(0)?,
        stage_id: r.get(1)?,
        lane_id: r.get(2)?,
        text: r.get(3)?,
        note: r.get(4)?,
        color: r.get(5)?,
        channel: r.get(6)?,
        emotion: r.get(7)?,
        conversion: r.get(8)?,
        volume: r.get(9)?,
    })
}

pub(crate) fn stage_row(r: &Row<'_>) -> rusqlite::Result<Stage> {
    Ok(Stage { id: r.get(0)?, name: r.get(1)?, color: r.get(2)? })
}

pub(crate) fn lane_row(r: &Row<'_>) -> rusqlite::Result<Lane> {
    let kind: String = r.get(2)?;
    // A kind this build does not know (written by a newer minor version) shows as text.
    let kind = LaneKind::parse(&kind).unwrap_or(LaneKind::Text);
    Ok(Lane { id: r.get(0)?, name: r.get(1)?, kind, color: r.get(3)? })
}

pub(crate) fn persona_row(r: &Row<'_>) -> rusqlite::Result<Persona> {
    Ok(Persona { id: r.get(0)?, name: r.get(1)?, description: r.get(2)? })
}

/// Cards of one stage or lane, in a stable order that re-adding them in keeps.
pub(crate) fn cards_where(conn: &Connection, column: &str, id: &str) -> Result<Vec<(Card, i64)>> {
    // `column` is one of two literals chosen by the caller, never user input.
    debug_assert!(column == "stage_id" || column == "lane_id");
    let sql = format!("SELECT {CARD_COLUMNS}, position FROM cards WHERE {column} = ?1 ORDER BY stage_id, lane_id, position");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![id], |r| Ok((card_row(r)?, r.get::<_, i64>(CARD_COLUMN_COUNT)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
