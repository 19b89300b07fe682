//! Reads the document (or parts of it) out of a project file.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::model::{
    Card, Comment, CommentOn, Lane, LaneKind, Map, Persona, Project, ResearchItem, ResearchKind, Snapshot, SnapshotInfo, Stage,
};

pub(crate) fn project_title(conn: &Connection) -> Result<String> {
    Ok(conn.query_row("SELECT value FROM meta WHERE key = 'title'", [], |r| r.get(0)).optional()?.unwrap_or_default())
}

pub fn load_project(conn: &Connection) -> Result<Project> {
    let title = project_title(conn)?;
    let personas = {
        let sql = format!("SELECT {PERSONA_COLUMNS} FROM personas ORDER BY position");
        let mut stmt = conn.prepare_cached(&sql)?;
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
    let (name, goal, scenario, persona_id) =
        conn.query_row("SELECT name, goal, scenario, persona_id FROM maps WHERE id = ?1", [map_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
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
            "SELECT c.id, c.stage_id, c.lane_id, c.text, c.note, c.color, c.channel, c.emotion, c.conversion, c.volume, c.persona_id,
                    c.image_id
             FROM cards c
             JOIN stages s ON s.id = c.stage_id
             JOIN lanes l ON l.id = c.lane_id
             WHERE c.map_id = ?1
             ORDER BY s.position, l.position, c.position",
        )?;
        let rows = stmt.query_map([map_id], card_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let research = load_research(conn, map_id)?;
    let comments = comments_where(conn, "map_id", map_id)?;
    Ok(Map { id: map_id.to_owned(), name, goal, scenario, persona_id, stages, lanes, cards, research, comments })
}

/// The research items of a map in order, each with its card links in order.
fn load_research(conn: &Connection, map_id: &str) -> Result<Vec<ResearchItem>> {
    let mut items = {
        let sql = format!("SELECT {RESEARCH_COLUMNS} FROM research WHERE map_id = ?1 ORDER BY position");
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([map_id], research_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    for item in &mut items {
        item.card_ids = research_links(conn, &item.id)?;
    }
    Ok(items)
}

pub(crate) fn research_links(conn: &Connection, item_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT card_id FROM research_links WHERE item_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([item_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) const RESEARCH_COLUMNS: &str = "id, kind, title, detail, insight";
pub(crate) const RESEARCH_COLUMN_COUNT: usize = 5;

/// A research item without its links (filled in by the caller).
pub(crate) fn research_row(r: &Row<'_>) -> rusqlite::Result<ResearchItem> {
    let kind: String = r.get(1)?;
    Ok(ResearchItem {
        id: r.get(0)?,
        // A kind this build does not know (from a newer minor version) shows as a goal.
        kind: ResearchKind::parse(&kind).unwrap_or(ResearchKind::Goal),
        title: r.get(2)?,
        detail: r.get(3)?,
        insight: r.get(4)?,
        card_ids: vec![],
    })
}

/// What the UI lists of every snapshot, by map then oldest first.
pub fn snapshot_infos(conn: &Connection) -> Result<Vec<SnapshotInfo>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.map_id, s.name, s.note, s.taken_at, s.cards, s.overall_conversion
         FROM snapshots s JOIN maps m ON m.id = s.map_id ORDER BY m.position, s.position",
    )?;
    let rows = stmt.query_map([], snapshot_info_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A snapshot's info from the columns `id, map_id, name, note, taken_at, cards, overall_conversion`.
pub(crate) fn snapshot_info_row(r: &Row<'_>) -> rusqlite::Result<SnapshotInfo> {
    Ok(SnapshotInfo {
        id: r.get(0)?,
        map_id: r.get(1)?,
        name: r.get(2)?,
        note: r.get(3)?,
        taken_at: r.get(4)?,
        cards: r.get(5)?,
        overall_conversion: r.get(6)?,
    })
}

/// (map_id, position, stage) of one stage, if it exists.
pub(crate) fn find_stage(conn: &Connection, id: &str) -> Result<Option<(String, i64, Stage)>> {
    Ok(conn
        .prepare_cached("SELECT id, name, color, map_id, position FROM stages WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(3)?, r.get(4)?, stage_row(r)?)))
        .optional()?)
}

/// (map_id, position, lane) of one lane, if it exists.
pub(crate) fn find_lane(conn: &Connection, id: &str) -> Result<Option<(String, i64, Lane)>> {
    Ok(conn
        .prepare_cached("SELECT id, name, kind, color, map_id, position FROM lanes WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(4)?, r.get(5)?, lane_row(r)?)))
        .optional()?)
}

/// (map_id, position in its cell, card) of one card, if it exists.
pub(crate) fn find_card(conn: &Connection, id: &str) -> Result<Option<(String, i64, Card)>> {
    let sql = format!("SELECT {CARD_COLUMNS}, map_id, position FROM cards WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], |r| Ok((r.get(CARD_COLUMN_COUNT)?, r.get(CARD_COLUMN_COUNT + 1)?, card_row(r)?)))
        .optional()?)
}

/// (position, persona) of one persona, if it exists.
pub(crate) fn find_persona(conn: &Connection, id: &str) -> Result<Option<(i64, Persona)>> {
    let sql = format!("SELECT {PERSONA_COLUMNS}, position FROM personas WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], |r| Ok((r.get(PERSONA_COLUMN_COUNT)?, persona_row(r)?))).optional()?)
}

/// (map_id, position, item) of one research item with its links, if it exists.
pub(crate) fn find_research(conn: &Connection, id: &str) -> Result<Option<(String, i64, ResearchItem)>> {
    let sql = format!("SELECT {RESEARCH_COLUMNS}, map_id, position FROM research WHERE id = ?1");
    let found: Option<(String, i64, ResearchItem)> = conn
        .prepare_cached(&sql)?
        .query_row([id], |r| Ok((r.get(RESEARCH_COLUMN_COUNT)?, r.get(RESEARCH_COLUMN_COUNT + 1)?, research_row(r)?)))
        .optional()?;
    let Some((map_id, position, mut item)) = found else { return Ok(None) };
    item.card_ids = research_links(conn, id)?;
    Ok(Some((map_id, position, item)))
}

/// (map_id, position, snapshot) of one snapshot, its map read back from JSON.
pub(crate) fn load_snapshot(conn: &Connection, id: &str) -> Result<Option<(String, i64, Snapshot)>> {
    let row: Option<(String, i64, String, String, i64, String)> = conn
        .prepare_cached("SELECT map_id, position, name, note, taken_at, map FROM snapshots WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .optional()?;
    let Some((map_id, position, name, note, taken_at, json)) = row else { return Ok(None) };
    let map: Map = serde_json::from_str(&json)?;
    Ok(Some((map_id, position, Snapshot { id: id.to_owned(), name, note, taken_at, map })))
}

/// Every snapshot of every map, whole, in the order of [`snapshot_infos`].
pub(crate) fn all_snapshots(conn: &Connection) -> Result<Vec<Snapshot>> {
    let mut out = Vec::new();
    for info in snapshot_infos(conn)? {
        if let Some((_, _, snapshot)) = load_snapshot(conn, &info.id)? {
            out.push(snapshot);
        }
    }
    Ok(out)
}

/// Every snapshot of a map, oldest first, with its position.
pub(crate) fn snapshots_of(conn: &Connection, map_id: &str) -> Result<Vec<(Snapshot, i64)>> {
    let ids: Vec<String> = {
        let mut stmt = conn.prepare_cached("SELECT id FROM snapshots WHERE map_id = ?1 ORDER BY position")?;
        let rows = stmt.query_map([map_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some((_, pos, snap)) = load_snapshot(conn, &id)? {
            out.push((snap, pos));
        }
    }
    Ok(out)
}

pub(crate) const CARD_COLUMNS: &str =
    "id, stage_id, lane_id, text, note, color, channel, emotion, conversion, volume, persona_id, image_id";
/// How many columns [`CARD_COLUMNS`] names: the index of the first column after them.
pub(crate) const CARD_COLUMN_COUNT: usize = 12;

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
        persona_id: r.get(10)?,
        image_id: r.get(11)?,
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

pub(crate) const PERSONA_COLUMNS: &str = "id, name, description, role, goals, needs, frustrations, quote, photo";
pub(crate) const PERSONA_COLUMN_COUNT: usize = 9;

pub(crate) fn persona_row(r: &Row<'_>) -> rusqlite::Result<Persona> {
    Ok(Persona {
        id: r.get(0)?,
        name: r.get(1)?,
        description: r.get(2)?,
        role: r.get(3)?,
        goals: r.get(4)?,
        needs: r.get(5)?,
        frustrations: r.get(6)?,
        quote: r.get(7)?,
        photo: r.get(8)?,
    })
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

// ---------------------------------------------------------------- comments --

const COMMENT_COLUMNS: &str = "id, card_id, stage_id, parent_id, author, body, created_at, resolved_at, resolved_by";
const COMMENT_COLUMN_COUNT: usize = 9;
/// Comments are listed oldest first; the id orders comments of the same millisecond.
const COMMENT_ORDER: &str = "created_at, id";

fn comment_row(r: &Row<'_>) -> rusqlite::Result<Comment> {
    let card_id: Option<String> = r.get(1)?;
    let stage_id: Option<String> = r.get(2)?;
    // The table's CHECK holds exactly one of the two.
    let (on, target_id) = match (card_id, stage_id) {
        (Some(card), _) => (CommentOn::Card, card),
        (None, stage) => (CommentOn::Stage, stage.unwrap_or_default()),
    };
    Ok(Comment {
        id: r.get(0)?,
        on,
        target_id,
        parent_id: r.get(3)?,
        author: r.get(4)?,
        body: r.get(5)?,
        created_at: r.get(6)?,
        resolved_at: r.get(7)?,
        resolved_by: r.get(8)?,
    })
}

/// (map_id, comment) of one comment, if it exists.
pub(crate) fn find_comment(conn: &Connection, id: &str) -> Result<Option<(String, Comment)>> {
    let sql = format!("SELECT {COMMENT_COLUMNS}, map_id FROM comments WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], |r| Ok((r.get(COMMENT_COLUMN_COUNT)?, comment_row(r)?))).optional()?)
}

/// The comments whose `column` (`map_id`, `card_id`, `stage_id` or
/// `parent_id`) is `id`, oldest first.
pub(crate) fn comments_where(conn: &Connection, column: &str, id: &str) -> Result<Vec<Comment>> {
    // `column` is one of four literals chosen by the caller, never user input.
    debug_assert!(["map_id", "card_id", "stage_id", "parent_id"].contains(&column));
    let sql = format!("SELECT {COMMENT_COLUMNS} FROM comments WHERE {column} = ?1 ORDER BY {COMMENT_ORDER}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([id], comment_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
