//! Edits of a map's stages (columns) and lanes (rows): add, update, move,
//! delete. Deleting one deletes the cards of its cells, and its undo puts them
//! back with their research links and review comments.

use rusqlite::{params, Connection};

use super::list::{ensure_new_id, u32_index, List};
use super::{card, comment, map, update};
use crate::edit::{self, limits, Edit};
use crate::error::{EditError, Result};
use crate::model::{Id, Lane, LaneKind, Stage};
use crate::store::load;

/// (map_id, position, stage)
pub(super) fn get_stage(conn: &Connection, id: &str) -> Result<(String, i64, Stage)> {
    load::find_stage(conn, id)?.ok_or_else(|| EditError::UnknownStage(id.to_owned()).into())
}

/// (map_id, position, lane)
pub(super) fn get_lane(conn: &Connection, id: &str) -> Result<(String, i64, Lane)> {
    load::find_lane(conn, id)?.ok_or_else(|| EditError::UnknownLane(id.to_owned()).into())
}

pub(super) fn add_stage(conn: &Connection, map_id: &Id, stage: &Stage, index: u32) -> Result<Edit> {
    map::exists(conn, map_id)?;
    edit::check_stage(stage)?;
    ensure_new_id(conn, "stages", &stage.id)?;
    let pos = List::Stages { map: map_id }.make_room(conn, index, limits::STAGES, "stages")?;
    conn.execute(
        "INSERT INTO stages(id, map_id, position, name, color) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![stage.id, map_id, pos, stage.name, stage.color],
    )?;
    Ok(Edit::DeleteStage { stage_id: stage.id.clone() })
}

pub(super) fn add_lane(conn: &Connection, map_id: &Id, lane: &Lane, index: u32) -> Result<Edit> {
    map::exists(conn, map_id)?;
    edit::check_lane(lane)?;
    ensure_new_id(conn, "lanes", &lane.id)?;
    let pos = List::Lanes { map: map_id }.make_room(conn, index, limits::LANES, "lanes")?;
    conn.execute(
        "INSERT INTO lanes(id, map_id, position, name, kind, color) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![lane.id, map_id, pos, lane.name, lane.kind.as_str(), lane.color],
    )?;
    Ok(Edit::DeleteLane { lane_id: lane.id.clone() })
}

pub(super) fn update_stage(conn: &Connection, stage_id: &Id, name: &Option<String>, color: &Option<String>) -> Result<Edit> {
    let (_, _, old) = get_stage(conn, stage_id)?;
    update::check_text("stage name", name, limits::NAME)?;
    update::check_color(color)?;
    update::write(conn, "stages", stage_id, &[update::field("name", name.as_ref()), update::field("color", color.as_ref())])?;
    Ok(Edit::UpdateStage { stage_id: stage_id.clone(), name: update::old(name, old.name), color: update::old(color, old.color) })
}

pub(super) fn update_lane(
    conn: &Connection,
    lane_id: &Id,
    name: &Option<String>,
    kind: &Option<LaneKind>,
    color: &Option<String>,
) -> Result<Edit> {
    let (_, _, old) = get_lane(conn, lane_id)?;
    update::check_text("lane name", name, limits::NAME)?;
    update::check_color(color)?;
    let kind_name = kind.map(|k| k.as_str());
    let fields = [update::field("name", name.as_ref()), update::field("kind", kind_name.as_ref()), update::field("color", color.as_ref())];
    update::write(conn, "lanes", lane_id, &fields)?;
    Ok(Edit::UpdateLane {
        lane_id: lane_id.clone(),
        name: update::old(name, old.name),
        kind: update::old(kind, old.kind),
        color: update::old(color, old.color),
    })
}

pub(super) fn move_stage(conn: &Connection, stage_id: &Id, index: u32) -> Result<Edit> {
    let (map_id, old_pos, _) = get_stage(conn, stage_id)?;
    List::Stages { map: &map_id }.move_item(conn, stage_id, old_pos, index)?;
    Ok(Edit::MoveStage { stage_id: stage_id.clone(), index: u32_index(old_pos) })
}

pub(super) fn move_lane(conn: &Connection, lane_id: &Id, index: u32) -> Result<Edit> {
    let (map_id, old_pos, _) = get_lane(conn, lane_id)?;
    List::Lanes { map: &map_id }.move_item(conn, lane_id, old_pos, index)?;
    Ok(Edit::MoveLane { lane_id: lane_id.clone(), index: u32_index(old_pos) })
}

pub(super) fn delete_stage(conn: &Connection, stage_id: &Id) -> Result<Edit> {
    let (map_id, pos, stage) = get_stage(conn, stage_id)?;
    let then = delete_line(conn, List::Stages { map: &map_id }, Line::Stage, stage_id, pos)?;
    Ok(Edit::Batch { edits: [vec![Edit::AddStage { map_id, stage, index: u32_index(pos) }], then].concat() })
}

pub(super) fn delete_lane(conn: &Connection, lane_id: &Id) -> Result<Edit> {
    let (map_id, pos, lane) = get_lane(conn, lane_id)?;
    let then = delete_line(conn, List::Lanes { map: &map_id }, Line::Lane, lane_id, pos)?;
    Ok(Edit::Batch { edits: [vec![Edit::AddLane { map_id, lane, index: u32_index(pos) }], then].concat() })
}

/// A stage or a lane: what deleting one touches.
#[derive(Clone, Copy)]
enum Line {
    Stage,
    Lane,
}

impl Line {
    /// (what it is called, its table, the cards' column naming it)
    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Line::Stage => ("stage", "stages", "stage_id"),
            Line::Lane => ("lane", "lanes", "lane_id"),
        }
    }
}

/// Deletes the stage or lane `id` at `pos` of `list` with the cards of its
/// cells; returns the edits that put the cards and their research links back
/// once the stage or lane is back. The last one of a map stays.
fn delete_line(conn: &Connection, list: List<'_>, line: Line, id: &str, pos: i64) -> Result<Vec<Edit>> {
    let (what, table, column) = line.names();
    if list.len(conn)? <= 1 {
        return Err(EditError::LastOne(what).into());
    }
    let cards = load::cards_where(conn, column, id)?;
    let relink = card::unlink(conn, &format!("{column} = ?1"), id)?;
    let gone = match line {
        Line::Stage => comment::Gone::Stage,
        Line::Lane => comment::Gone::Lane,
    };
    let comments = comment::take_away(conn, gone, id)?;
    conn.execute(&format!("DELETE FROM cards WHERE {column} = ?1"), [id])?;
    conn.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
    list.close_gap(conn, pos)?;
    let mut then: Vec<Edit> = cards.into_iter().map(|(card, p)| Edit::AddCard { card, index: u32_index(p) }).collect();
    then.extend(relink);
    then.extend(comments);
    Ok(then)
}
