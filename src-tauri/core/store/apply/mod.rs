//! Applies one [`Edit`] to the tables of an open transaction and returns the
//! edit that undoes it. Every check happens before or inside the transaction,
//! so a refused edit leaves the file as it was (the caller rolls back).
//!
//! One module per kind of record (map, axis = stages and lanes, card,
//! persona, research, snapshot, comment), with the ordered lists they live in
//! (`list.rs`) and the pattern every `update_*` edit follows (`update.rs`).

mod axis;
mod card;
mod comment;
mod list;
mod map;
mod persona;
mod research;
mod snapshot;
mod update;

use rusqlite::Connection;

use crate::edit::{self, limits, Edit};
use crate::error::{EditError, Result};
use crate::store::load;

/// Applies `edit` and returns its inverse.
pub fn apply(conn: &Connection, edit: &Edit) -> Result<Edit> {
    apply_at(conn, edit, 0)
}

fn apply_at(conn: &Connection, edit: &Edit, depth: usize) -> Result<Edit> {
    match edit {
        Edit::SetProjectTitle { title } => set_title(conn, title),
        Edit::AddMap { map, index } => map::add(conn, map, *index),
        Edit::UpdateMap { map_id, name, goal, scenario } => map::update(conn, map_id, name, goal, scenario),
        Edit::SetMapPersona { map_id, persona_id } => map::set_persona(conn, map_id, persona_id),
        Edit::DeleteMap { map_id } => map::delete(conn, map_id),
        Edit::ReplaceMap { map } => map::replace(conn, map),
        Edit::AddStage { map_id, stage, index } => axis::add_stage(conn, map_id, stage, *index),
        Edit::UpdateStage { stage_id, name, color } => axis::update_stage(conn, stage_id, name, color),
        Edit::MoveStage { stage_id, index } => axis::move_stage(conn, stage_id, *index),
        Edit::DeleteStage { stage_id } => axis::delete_stage(conn, stage_id),
        Edit::AddLane { map_id, lane, index } => axis::add_lane(conn, map_id, lane, *index),
        Edit::UpdateLane { lane_id, name, kind, color } => axis::update_lane(conn, lane_id, name, kind, color),
        Edit::MoveLane { lane_id, index } => axis::move_lane(conn, lane_id, *index),
        Edit::DeleteLane { lane_id } => axis::delete_lane(conn, lane_id),
        Edit::AddCard { card, index } => card::add(conn, card, *index),
        Edit::UpdateCard { card_id, text, note, color, channel } => card::update(conn, card_id, text, note, color, channel),
        Edit::SetCardMetrics { card_id, emotion, conversion, volume } => card::set_metrics(conn, card_id, *emotion, *conversion, *volume),
        Edit::SetCardPersona { card_id, persona_id } => card::set_persona(conn, card_id, persona_id),
        Edit::SetCardImage { card_id, image_id } => card::set_image(conn, card_id, image_id),
        Edit::MoveCard { card_id, stage_id, lane_id, index } => card::move_to(conn, card_id, stage_id, lane_id, *index),
        Edit::DeleteCard { card_id } => card::delete(conn, card_id),
        Edit::AddPersona { persona, index } => persona::add(conn, persona, *index),
        Edit::UpdatePersona { persona_id, name, description, role, goals, needs, frustrations, quote, photo } => {
            persona::update(conn, persona_id, persona::Fields { name, description, role, goals, needs, frustrations, quote, photo })
        }
        Edit::DeletePersona { persona_id } => persona::delete(conn, persona_id),
        Edit::AddResearchItem { map_id, item, index } => research::add(conn, map_id, item, *index),
        Edit::UpdateResearchItem { item_id, kind, title, detail, insight } => research::update(conn, item_id, kind, title, detail, insight),
        Edit::SetResearchLinks { item_id, card_ids } => research::set_links(conn, item_id, card_ids),
        Edit::MoveResearchItem { item_id, index } => research::move_to(conn, item_id, *index),
        Edit::DeleteResearchItem { item_id } => research::delete(conn, item_id),
        Edit::TakeSnapshot { map_id, snapshot_id, name, note, taken_at } => {
            snapshot::take(conn, map_id, snapshot_id, name, note, *taken_at)
        }
        Edit::AddSnapshot { snapshot, index } => snapshot::add(conn, snapshot, *index),
        Edit::UpdateSnapshot { snapshot_id, name, note } => snapshot::update(conn, snapshot_id, name, note),
        Edit::DeleteSnapshot { snapshot_id } => snapshot::delete(conn, snapshot_id),
        Edit::RestoreSnapshot { snapshot_id } => snapshot::restore(conn, snapshot_id),
        Edit::PostComment { comment_id, on, target_id, parent_id, author, body } => {
            comment::post(conn, comment_id, *on, target_id, parent_id, author, body)
        }
        Edit::AddComment { comment } => comment::add(conn, comment),
        Edit::UpdateComment { comment_id, body } => comment::update(conn, comment_id, body),
        Edit::DeleteComment { comment_id } => comment::delete(conn, comment_id),
        Edit::ResolveComment { comment_id, by, at } => comment::resolve(conn, comment_id, by, *at),
        Edit::ReopenComment { comment_id } => comment::reopen(conn, comment_id),
        Edit::Batch { edits } => batch(conn, edits, depth),
    }
}

fn set_title(conn: &Connection, title: &str) -> Result<Edit> {
    edit::check_len("project title", title, limits::NAME)?;
    let old = load::project_title(conn)?;
    conn.execute("INSERT INTO meta(key, value) VALUES('title', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [title])?;
    Ok(Edit::SetProjectTitle { title: old })
}

/// Several edits as one; the inverse is one flat batch: undoing in reverse
/// order is all that nesting means, and a flat inverse can never be deeper
/// than the limit, however deep the batch it undoes.
fn batch(conn: &Connection, edits: &[Edit], depth: usize) -> Result<Edit> {
    if depth >= limits::BATCH_DEPTH {
        return Err(EditError::TooDeep.into());
    }
    if edits.len() > limits::BATCH {
        return Err(EditError::TooMany { what: "edits in one batch", max: limits::BATCH }.into());
    }
    let mut inverses = Vec::with_capacity(edits.len());
    for e in edits {
        match apply_at(conn, e, depth + 1)? {
            Edit::Batch { edits: mut inner } => {
                inner.reverse();
                inverses.extend(inner);
            }
            inverse => inverses.push(inverse),
        }
    }
    inverses.reverse();
    Ok(Edit::Batch { edits: inverses })
}
