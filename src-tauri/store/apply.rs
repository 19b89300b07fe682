//! Applies one [`Edit`] to the tables of an open transaction and returns the
//! edit that undoes it. Every check happens before or inside the transaction,
//! so a refused edit leaves the file as it was (the caller rolls back).

use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

use super::load;
use crate::edit::{self, limits, Edit};
use crate::error::{EditError, Result};
use crate::model::{Card, Id, Lane, Map, Persona, ResearchItem, Snapshot, Stage};

/// An ordered list in the file. Positions within a list are dense: 0..len.
#[derive(Clone, Copy)]
enum List<'a> {
    Maps,
    Personas,
    Stages { map: &'a str },
    Lanes { map: &'a str },
    Cell { stage: &'a str, lane: &'a str },
    Research { map: &'a str },
    Snapshots { map: &'a str },
}

impl List<'_> {
    fn table_and_scope(&self) -> (&'static str, &'static str, Vec<&str>) {
        match *self {
            List::Maps => ("maps", "1 = 1", vec![]),
            List::Personas => ("personas", "1 = 1", vec![]),
            List::Stages { map } => ("stages", "map_id = ?", vec![map]),
            List::Lanes { map } => ("lanes", "map_id = ?", vec![map]),
            List::Cell { stage, lane } => ("cards", "stage_id = ? AND lane_id = ?", vec![stage, lane]),
            List::Research { map } => ("research", "map_id = ?", vec![map]),
            List::Snapshots { map } => ("snapshots", "map_id = ?", vec![map]),
        }
    }

    fn len(&self, conn: &Connection) -> Result<i64> {
        let (table, scope, args) = self.table_and_scope();
        let sql = format!("SELECT count(*) FROM {table} WHERE {scope}");
        Ok(conn.prepare_cached(&sql)?.query_row(params_from_iter(args), |r| r.get(0))?)
    }

    /// Shifts the items at `pos` and after one place down, making room at `pos`.
    fn open_gap(&self, conn: &Connection, pos: i64) -> Result<()> {
        self.shift(conn, "position + 1", ">=", pos)
    }

    /// Shifts the items after `pos` one place up, closing the hole left at `pos`.
    fn close_gap(&self, conn: &Connection, pos: i64) -> Result<()> {
        self.shift(conn, "position - 1", ">", pos)
    }

    fn shift(&self, conn: &Connection, to: &str, cmp: &str, pos: i64) -> Result<()> {
        let (table, scope, args) = self.table_and_scope();
        let sql = format!("UPDATE {table} SET position = {to} WHERE {scope} AND position {cmp} ?");
        let mut values: Vec<rusqlite::types::Value> = args.into_iter().map(|a| a.to_owned().into()).collect();
        values.push(pos.into());
        conn.prepare_cached(&sql)?.execute(params_from_iter(values))?;
        Ok(())
    }

    /// The place an item asked to go at `index` gets: at most the end.
    fn place(&self, conn: &Connection, index: u32) -> Result<i64> {
        Ok(i64::from(index).min(self.len(conn)?))
    }
}

fn ensure_new_id(conn: &Connection, table: &str, id: &str) -> Result<()> {
    edit::check_id(id)?;
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1");
    let exists = conn.prepare_cached(&sql)?.query_row([id], |_| Ok(())).optional()?.is_some();
    if exists {
        return Err(EditError::DuplicateId(id.to_owned()).into());
    }
    Ok(())
}

fn ensure_room(len: i64, max: usize, what: &'static str) -> Result<()> {
    if usize::try_from(len).unwrap_or(usize::MAX) >= max {
        return Err(EditError::TooMany { what, max }.into());
    }
    Ok(())
}

fn position_of(conn: &Connection, table: &str, id: &str) -> Result<Option<i64>> {
    let sql = format!("SELECT position FROM {table} WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], |r| r.get(0)).optional()?)
}

fn map_exists(conn: &Connection, map_id: &str) -> Result<()> {
    position_of(conn, "maps", map_id)?.ok_or_else(|| EditError::UnknownMap(map_id.to_owned()))?;
    Ok(())
}

/// (map_id, position, stage)
fn get_stage(conn: &Connection, id: &str) -> Result<(String, i64, Stage)> {
    load::find_stage(conn, id)?.ok_or_else(|| EditError::UnknownStage(id.to_owned()).into())
}

/// (map_id, position, lane)
fn get_lane(conn: &Connection, id: &str) -> Result<(String, i64, Lane)> {
    load::find_lane(conn, id)?.ok_or_else(|| EditError::UnknownLane(id.to_owned()).into())
}

/// (map_id, position, card)
fn get_card(conn: &Connection, id: &str) -> Result<(String, i64, Card)> {
    load::find_card(conn, id)?.ok_or_else(|| EditError::UnknownCard(id.to_owned()).into())
}

/// (position, persona)
fn get_persona(conn: &Connection, id: &str) -> Result<(i64, Persona)> {
    load::find_persona(conn, id)?.ok_or_else(|| EditError::UnknownPersona(id.to_owned()).into())
}

/// (map_id, position, item) of a research item, with its links.
fn get_research(conn: &Connection, id: &str) -> Result<(String, i64, ResearchItem)> {
    load::find_research(conn, id)?.ok_or_else(|| EditError::UnknownResearchItem(id.to_owned()).into())
}

/// Writes the links of a research item (replacing any); every card must be in `map_id`.
fn write_links(conn: &Connection, item_id: &str, map_id: &str, card_ids: &[Id]) -> Result<()> {
    edit::check_links(card_ids)?;
    conn.execute("DELETE FROM research_links WHERE item_id = ?1", [item_id])?;
    for (i, card_id) in card_ids.iter().enumerate() {
        let (card_map, _, _) = get_card(conn, card_id)?;
        if card_map != map_id {
            return Err(EditError::LinkOutsideMap { card: card_id.clone() }.into());
        }
        conn.prepare_cached("INSERT INTO research_links(item_id, card_id, position) VALUES (?1, ?2, ?3)")?
            .execute(params![item_id, card_id, i as i64])?;
    }
    Ok(())
}

/// Removes every research link to the cards `where_sql` selects (`?1` bound to
/// `id`) and returns the edits that put them back, to run after the cards are back.
fn unlink_cards(conn: &Connection, where_sql: &str, id: &str) -> Result<Vec<Edit>> {
    let sql = format!(
        "SELECT DISTINCT item_id FROM research_links WHERE card_id IN (SELECT id FROM cards WHERE {where_sql}) ORDER BY item_id"
    );
    let items: Vec<String> = {
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut restore = Vec::with_capacity(items.len());
    for item_id in items {
        let card_ids = load::research_links(conn, &item_id)?;
        restore.push(Edit::SetResearchLinks { item_id, card_ids });
    }
    let sql = format!("DELETE FROM research_links WHERE card_id IN (SELECT id FROM cards WHERE {where_sql})");
    conn.execute(&sql, [id])?;
    Ok(restore)
}

/// `first`, or a batch of it followed by `then` when there is more to undo.
fn with_then(first: Edit, then: Vec<Edit>) -> Edit {
    if then.is_empty() {
        first
    } else {
        let mut edits = vec![first];
        edits.extend(then);
        Edit::Batch { edits }
    }
}

/// The map a (stage, lane) cell belongs to, if both exist and share a map.
fn cell_map(conn: &Connection, stage_id: &str, lane_id: &str) -> Result<String> {
    let (stage_map, _, _) = get_stage(conn, stage_id)?;
    let (lane_map, _, _) = get_lane(conn, lane_id)?;
    if stage_map != lane_map {
        return Err(EditError::CellOutsideMap { stage: stage_id.to_owned(), lane: lane_id.to_owned() }.into());
    }
    Ok(stage_map)
}

fn cards_in_map(conn: &Connection, map_id: &str) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT count(*) FROM cards WHERE map_id = ?1")?.query_row([map_id], |r| r.get(0))?)
}

fn u32_index(pos: i64) -> u32 {
    u32::try_from(pos).unwrap_or(u32::MAX)
}

/// Applies `edit` and returns its inverse.
pub fn apply(conn: &Connection, edit: &Edit) -> Result<Edit> {
    apply_at(conn, edit, 0)
}

fn apply_at(conn: &Connection, edit: &Edit, depth: usize) -> Result<Edit> {
    match edit {
        Edit::SetProjectTitle { title } => {
            edit::check_len("project title", title, limits::NAME)?;
            let old = load::project_title(conn)?;
            conn.execute("INSERT INTO meta(key, value) VALUES('title', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [title])?;
            Ok(Edit::SetProjectTitle { title: old })
        }
        Edit::AddMap { map, index } => add_map(conn, map, *index),
        Edit::UpdateMap { map_id, name, goal, scenario } => {
            let (old_name, old_goal, old_scenario): (String, String, String) = conn
                .query_row("SELECT name, goal, scenario FROM maps WHERE id = ?1", [map_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?
                .ok_or_else(|| EditError::UnknownMap(map_id.clone()))?;
            if let Some(v) = name {
                edit::check_len("map name", v, limits::NAME)?;
            }
            if let Some(v) = goal {
                edit::check_len("map goal", v, limits::TEXT)?;
            }
            if let Some(v) = scenario {
                edit::check_len("map scenario", v, limits::TEXT)?;
            }
            conn.execute(
                "UPDATE maps SET name = coalesce(?2, name), goal = coalesce(?3, goal), scenario = coalesce(?4, scenario) WHERE id = ?1",
                params![map_id, name, goal, scenario],
            )?;
            Ok(Edit::UpdateMap {
                map_id: map_id.clone(),
                name: name.as_ref().map(|_| old_name),
                goal: goal.as_ref().map(|_| old_goal),
                scenario: scenario.as_ref().map(|_| old_scenario),
            })
        }
        Edit::SetMapPersona { map_id, persona_id } => {
            let old: Option<String> = conn
                .query_row("SELECT persona_id FROM maps WHERE id = ?1", [map_id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| EditError::UnknownMap(map_id.clone()))?;
            if let Some(p) = persona_id {
                get_persona(conn, p)?;
            }
            conn.execute("UPDATE maps SET persona_id = ?2 WHERE id = ?1", params![map_id, persona_id])?;
            Ok(Edit::SetMapPersona { map_id: map_id.clone(), persona_id: old })
        }
        Edit::DeleteMap { map_id } => {
            let pos = position_of(conn, "maps", map_id)?.ok_or_else(|| EditError::UnknownMap(map_id.clone()))?;
            if List::Maps.len(conn)? <= 1 {
                return Err(EditError::LastOne("map").into());
            }
            let map = load::load_map(conn, map_id)?;
            let snapshots = load::snapshots_of(conn, map_id)?;
            conn.execute("DELETE FROM snapshots WHERE map_id = ?1", [map_id])?;
            delete_map_content(conn, map_id)?;
            conn.execute("DELETE FROM maps WHERE id = ?1", [map_id])?;
            List::Maps.close_gap(conn, pos)?;
            let then = snapshots.into_iter().map(|(snapshot, p)| Edit::AddSnapshot { snapshot, index: u32_index(p) }).collect();
            Ok(with_then(Edit::AddMap { map, index: u32_index(pos) }, then))
        }
        Edit::AddStage { map_id, stage, index } => {
            map_exists(conn, map_id)?;
            edit::check_stage(stage)?;
            ensure_new_id(conn, "stages", &stage.id)?;
            let list = List::Stages { map: map_id };
            ensure_room(list.len(conn)?, limits::STAGES, "stages")?;
            let pos = list.place(conn, *index)?;
            list.open_gap(conn, pos)?;
            conn.execute(
                "INSERT INTO stages(id, map_id, position, name, color) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![stage.id, map_id, pos, stage.name, stage.color],
            )?;
            Ok(Edit::DeleteStage { stage_id: stage.id.clone() })
        }
        Edit::UpdateStage { stage_id, name, color } => {
            let (_, _, old) = get_stage(conn, stage_id)?;
            if let Some(v) = name {
                edit::check_len("stage name", v, limits::NAME)?;
            }
            if let Some(v) = color {
                edit::check_color(v)?;
            }
            conn.execute(
                "UPDATE stages SET name = coalesce(?2, name), color = coalesce(?3, color) WHERE id = ?1",
                params![stage_id, name, color],
            )?;
            Ok(Edit::UpdateStage {
                stage_id: stage_id.clone(),
                name: name.as_ref().map(|_| old.name),
                color: color.as_ref().map(|_| old.color),
            })
        }
        Edit::MoveStage { stage_id, index } => {
            let (map_id, old_pos, _) = get_stage(conn, stage_id)?;
            let list = List::Stages { map: &map_id };
            move_within(conn, list, "stages", stage_id, old_pos, *index)?;
            Ok(Edit::MoveStage { stage_id: stage_id.clone(), index: u32_index(old_pos) })
        }
        Edit::DeleteStage { stage_id } => {
            let (map_id, pos, stage) = get_stage(conn, stage_id)?;
            let list = List::Stages { map: &map_id };
            if list.len(conn)? <= 1 {
                return Err(EditError::LastOne("stage").into());
            }
            let cards = load::cards_where(conn, "stage_id", stage_id)?;
            let relink = unlink_cards(conn, "stage_id = ?1", stage_id)?;
            conn.execute("DELETE FROM cards WHERE stage_id = ?1", [stage_id])?;
            conn.execute("DELETE FROM stages WHERE id = ?1", [stage_id])?;
            list.close_gap(conn, pos)?;
            let mut undo = vec![Edit::AddStage { map_id, stage, index: u32_index(pos) }];
            undo.extend(cards.into_iter().map(|(card, p)| Edit::AddCard { card, index: u32_index(p) }));
            undo.extend(relink);
            Ok(Edit::Batch { edits: undo })
        }
        Edit::AddLane { map_id, lane, index } => {
            map_exists(conn, map_id)?;
            edit::check_lane(lane)?;
            ensure_new_id(conn, "lanes", &lane.id)?;
            let list = List::Lanes { map: map_id };
            ensure_room(list.len(conn)?, limits::LANES, "lanes")?;
            let pos = list.place(conn, *index)?;
            list.open_gap(conn, pos)?;
            conn.execute(
                "INSERT INTO lanes(id, map_id, position, name, kind, color) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![lane.id, map_id, pos, lane.name, lane.kind.as_str(), lane.color],
            )?;
            Ok(Edit::DeleteLane { lane_id: lane.id.clone() })
        }
        Edit::UpdateLane { lane_id, name, kind, color } => {
            let (_, _, old) = get_lane(conn, lane_id)?;
            if let Some(v) = name {
                edit::check_len("lane name", v, limits::NAME)?;
            }
            if let Some(v) = color {
                edit::check_color(v)?;
            }
            conn.execute(
                "UPDATE lanes SET name = coalesce(?2, name), kind = coalesce(?3, kind), color = coalesce(?4, color) WHERE id = ?1",
                params![lane_id, name, kind.map(|k| k.as_str()), color],
            )?;
            Ok(Edit::UpdateLane {
                lane_id: lane_id.clone(),
                name: name.as_ref().map(|_| old.name),
                kind: kind.map(|_| old.kind),
                color: color.as_ref().map(|_| old.color),
            })
        }
        Edit::MoveLane { lane_id, index } => {
            let (map_id, old_pos, _) = get_lane(conn, lane_id)?;
            let list = List::Lanes { map: &map_id };
            move_within(conn, list, "lanes", lane_id, old_pos, *index)?;
            Ok(Edit::MoveLane { lane_id: lane_id.clone(), index: u32_index(old_pos) })
        }
        Edit::DeleteLane { lane_id } => {
            let (map_id, pos, lane) = get_lane(conn, lane_id)?;
            let list = List::Lanes { map: &map_id };
            if list.len(conn)? <= 1 {
                return Err(EditError::LastOne("lane").into());
            }
            let cards = load::cards_where(conn, "lane_id", lane_id)?;
            let relink = unlink_cards(conn, "lane_id = ?1", lane_id)?;
            conn.execute("DELETE FROM cards WHERE lane_id = ?1", [lane_id])?;
            conn.execute("DELETE FROM lanes WHERE id = ?1", [lane_id])?;
            list.close_gap(conn, pos)?;
            let mut undo = vec![Edit::AddLane { map_id, lane, index: u32_index(pos) }];
            undo.extend(cards.into_iter().map(|(card, p)| Edit::AddCard { card, index: u32_index(p) }));
            undo.extend(relink);
            Ok(Edit::Batch { edits: undo })
        }
        Edit::AddCard { card, index } => {
            edit::check_card(card)?;
            let map_id = cell_map(conn, &card.stage_id, &card.lane_id)?;
            ensure_new_id(conn, "cards", &card.id)?;
            ensure_room(cards_in_map(conn, &map_id)?, limits::CARDS_PER_MAP, "cards")?;
            let list = List::Cell { stage: &card.stage_id, lane: &card.lane_id };
            let pos = list.place(conn, *index)?;
            list.open_gap(conn, pos)?;
            insert_card(conn, &map_id, card, pos)?;
            Ok(Edit::DeleteCard { card_id: card.id.clone() })
        }
        Edit::UpdateCard { card_id, text, note, color, channel } => {
            let (_, _, old) = get_card(conn, card_id)?;
            if let Some(v) = text {
                edit::check_len("card text", v, limits::TEXT)?;
            }
            if let Some(v) = note {
                edit::check_len("card note", v, limits::TEXT)?;
            }
            if let Some(v) = color {
                edit::check_color(v)?;
            }
            if let Some(v) = channel {
                edit::check_len("channel", v, limits::CHANNEL)?;
            }
            conn.execute(
                "UPDATE cards SET text = coalesce(?2, text), note = coalesce(?3, note), color = coalesce(?4, color), channel = coalesce(?5, channel) WHERE id = ?1",
                params![card_id, text, note, color, channel],
            )?;
            Ok(Edit::UpdateCard {
                card_id: card_id.clone(),
                text: text.as_ref().map(|_| old.text),
                note: note.as_ref().map(|_| old.note),
                color: color.as_ref().map(|_| old.color),
                channel: channel.as_ref().map(|_| old.channel),
            })
        }
        Edit::SetCardMetrics { card_id, emotion, conversion, volume } => {
            let (_, _, old) = get_card(conn, card_id)?;
            let (e, c, v) = (emotion.unwrap_or(old.emotion), conversion.unwrap_or(old.conversion), volume.unwrap_or(old.volume));
            edit::check_metrics(e, c, v)?;
            conn.execute("UPDATE cards SET emotion = ?2, conversion = ?3, volume = ?4 WHERE id = ?1", params![card_id, e, c, v])?;
            // The inverse puts back only what this edit set.
            Ok(Edit::SetCardMetrics {
                card_id: card_id.clone(),
                emotion: emotion.map(|_| old.emotion),
                conversion: conversion.map(|_| old.conversion),
                volume: volume.map(|_| old.volume),
            })
        }
        Edit::MoveCard { card_id, stage_id, lane_id, index } => {
            let (map_id, old_pos, old) = get_card(conn, card_id)?;
            if cell_map(conn, stage_id, lane_id)? != map_id {
                return Err(EditError::CellOutsideMap { stage: stage_id.clone(), lane: lane_id.clone() }.into());
            }
            List::Cell { stage: &old.stage_id, lane: &old.lane_id }.close_gap(conn, old_pos)?;
            // Park the card outside every cell while the target makes room.
            conn.execute("UPDATE cards SET position = -1 WHERE id = ?1", [card_id])?;
            let target = List::Cell { stage: stage_id, lane: lane_id };
            let pos = i64::from(*index).min(target.len(conn)? - if old.stage_id == *stage_id && old.lane_id == *lane_id { 1 } else { 0 });
            target.open_gap(conn, pos)?;
            conn.execute(
                "UPDATE cards SET stage_id = ?2, lane_id = ?3, position = ?4 WHERE id = ?1",
                params![card_id, stage_id, lane_id, pos],
            )?;
            Ok(Edit::MoveCard { card_id: card_id.clone(), stage_id: old.stage_id, lane_id: old.lane_id, index: u32_index(old_pos) })
        }
        Edit::DeleteCard { card_id } => {
            let (_, pos, card) = get_card(conn, card_id)?;
            let relink = unlink_cards(conn, "id = ?1", card_id)?;
            conn.execute("DELETE FROM cards WHERE id = ?1", [card_id])?;
            List::Cell { stage: &card.stage_id, lane: &card.lane_id }.close_gap(conn, pos)?;
            Ok(with_then(Edit::AddCard { card, index: u32_index(pos) }, relink))
        }
        Edit::AddPersona { persona, index } => {
            edit::check_persona(persona)?;
            ensure_new_id(conn, "personas", &persona.id)?;
            ensure_room(List::Personas.len(conn)?, limits::PERSONAS, "personas")?;
            let pos = List::Personas.place(conn, *index)?;
            List::Personas.open_gap(conn, pos)?;
            conn.execute(
                "INSERT INTO personas(id, position, name, description, role, goals, needs, frustrations, quote, photo)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    persona.id,
                    pos,
                    persona.name,
                    persona.description,
                    persona.role,
                    persona.goals,
                    persona.needs,
                    persona.frustrations,
                    persona.quote,
                    persona.photo
                ],
            )?;
            Ok(Edit::DeletePersona { persona_id: persona.id.clone() })
        }
        Edit::UpdatePersona { persona_id, name, description, role, goals, needs, frustrations, quote, photo } => {
            let (_, old) = get_persona(conn, persona_id)?;
            // The persona as it will be, checked whole by the same rules as a new one.
            let new = Persona {
                id: old.id.clone(),
                name: name.clone().unwrap_or_else(|| old.name.clone()),
                description: description.clone().unwrap_or_else(|| old.description.clone()),
                role: role.clone().unwrap_or_else(|| old.role.clone()),
                goals: goals.clone().unwrap_or_else(|| old.goals.clone()),
                needs: needs.clone().unwrap_or_else(|| old.needs.clone()),
                frustrations: frustrations.clone().unwrap_or_else(|| old.frustrations.clone()),
                quote: quote.clone().unwrap_or_else(|| old.quote.clone()),
                photo: photo.clone().unwrap_or_else(|| old.photo.clone()),
            };
            edit::check_persona(&new)?;
            conn.execute(
                "UPDATE personas SET name = ?2, description = ?3, role = ?4, goals = ?5, needs = ?6, frustrations = ?7,
                 quote = ?8, photo = ?9 WHERE id = ?1",
                params![persona_id, new.name, new.description, new.role, new.goals, new.needs, new.frustrations, new.quote, new.photo],
            )?;
            Ok(Edit::UpdatePersona {
                persona_id: persona_id.clone(),
                name: name.as_ref().map(|_| old.name),
                description: description.as_ref().map(|_| old.description),
                role: role.as_ref().map(|_| old.role),
                goals: goals.as_ref().map(|_| old.goals),
                needs: needs.as_ref().map(|_| old.needs),
                frustrations: frustrations.as_ref().map(|_| old.frustrations),
                quote: quote.as_ref().map(|_| old.quote),
                photo: photo.as_ref().map(|_| old.photo),
            })
        }
        Edit::DeletePersona { persona_id } => {
            let (pos, persona) = get_persona(conn, persona_id)?;
            let linked: Vec<Id> = {
                let mut stmt = conn.prepare("SELECT id FROM maps WHERE persona_id = ?1 ORDER BY position")?;
                let rows = stmt.query_map([persona_id], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            };
            conn.execute("UPDATE maps SET persona_id = NULL WHERE persona_id = ?1", [persona_id])?;
            conn.execute("DELETE FROM personas WHERE id = ?1", [persona_id])?;
            List::Personas.close_gap(conn, pos)?;
            let mut undo = vec![Edit::AddPersona { persona, index: u32_index(pos) }];
            undo.extend(linked.into_iter().map(|map_id| Edit::SetMapPersona { map_id, persona_id: Some(persona_id.clone()) }));
            Ok(Edit::Batch { edits: undo })
        }
        Edit::AddResearchItem { map_id, item, index } => {
            map_exists(conn, map_id)?;
            edit::check_research_item(item)?;
            ensure_new_id(conn, "research", &item.id)?;
            let list = List::Research { map: map_id };
            ensure_room(list.len(conn)?, limits::RESEARCH_ITEMS, "research items")?;
            let pos = list.place(conn, *index)?;
            list.open_gap(conn, pos)?;
            insert_research(conn, map_id, item, pos)?;
            Ok(Edit::DeleteResearchItem { item_id: item.id.clone() })
        }
        Edit::UpdateResearchItem { item_id, kind, title, detail, insight } => {
            let (_, _, old) = get_research(conn, item_id)?;
            for (field, value) in [("research title", title), ("research detail", detail), ("research insight", insight)] {
                if let Some(v) = value {
                    edit::check_len(field, v, limits::TEXT)?;
                }
            }
            conn.execute(
                "UPDATE research SET kind = coalesce(?2, kind), title = coalesce(?3, title), detail = coalesce(?4, detail),
                 insight = coalesce(?5, insight) WHERE id = ?1",
                params![item_id, kind.map(|k| k.as_str()), title, detail, insight],
            )?;
            Ok(Edit::UpdateResearchItem {
                item_id: item_id.clone(),
                kind: kind.map(|_| old.kind),
                title: title.as_ref().map(|_| old.title),
                detail: detail.as_ref().map(|_| old.detail),
                insight: insight.as_ref().map(|_| old.insight),
            })
        }
        Edit::SetResearchLinks { item_id, card_ids } => {
            let (map_id, _, old) = get_research(conn, item_id)?;
            write_links(conn, item_id, &map_id, card_ids)?;
            Ok(Edit::SetResearchLinks { item_id: item_id.clone(), card_ids: old.card_ids })
        }
        Edit::MoveResearchItem { item_id, index } => {
            let (map_id, old_pos, _) = get_research(conn, item_id)?;
            move_within(conn, List::Research { map: &map_id }, "research", item_id, old_pos, *index)?;
            Ok(Edit::MoveResearchItem { item_id: item_id.clone(), index: u32_index(old_pos) })
        }
        Edit::DeleteResearchItem { item_id } => {
            let (map_id, pos, item) = get_research(conn, item_id)?;
            conn.execute("DELETE FROM research_links WHERE item_id = ?1", [item_id])?;
            conn.execute("DELETE FROM research WHERE id = ?1", [item_id])?;
            List::Research { map: &map_id }.close_gap(conn, pos)?;
            Ok(Edit::AddResearchItem { map_id, item, index: u32_index(pos) })
        }
        Edit::TakeSnapshot { map_id, snapshot_id, name, note, taken_at } => {
            map_exists(conn, map_id)?;
            let snapshot =
                Snapshot { id: snapshot_id.clone(), name: name.clone(), note: note.clone(), taken_at: *taken_at, map: load::load_map(conn, map_id)? };
            let index = u32_index(List::Snapshots { map: map_id }.len(conn)?);
            add_snapshot(conn, &snapshot, index)
        }
        Edit::AddSnapshot { snapshot, index } => add_snapshot(conn, snapshot, *index),
        Edit::UpdateSnapshot { snapshot_id, name, note } => {
            let (_, _, old) = load::load_snapshot(conn, snapshot_id)?.ok_or_else(|| EditError::UnknownSnapshot(snapshot_id.clone()))?;
            if let Some(v) = name {
                edit::check_len("snapshot name", v, limits::NAME)?;
            }
            if let Some(v) = note {
                edit::check_len("snapshot note", v, limits::TEXT)?;
            }
            conn.execute(
                "UPDATE snapshots SET name = coalesce(?2, name), note = coalesce(?3, note) WHERE id = ?1",
                params![snapshot_id, name, note],
            )?;
            Ok(Edit::UpdateSnapshot {
                snapshot_id: snapshot_id.clone(),
                name: name.as_ref().map(|_| old.name),
                note: note.as_ref().map(|_| old.note),
            })
        }
        Edit::DeleteSnapshot { snapshot_id } => {
            let (map_id, pos, snapshot) =
                load::load_snapshot(conn, snapshot_id)?.ok_or_else(|| EditError::UnknownSnapshot(snapshot_id.clone()))?;
            conn.execute("DELETE FROM snapshots WHERE id = ?1", [snapshot_id])?;
            List::Snapshots { map: &map_id }.close_gap(conn, pos)?;
            Ok(Edit::AddSnapshot { snapshot, index: u32_index(pos) })
        }
        Edit::RestoreSnapshot { snapshot_id } => {
            let (_, _, snapshot) =
                load::load_snapshot(conn, snapshot_id)?.ok_or_else(|| EditError::UnknownSnapshot(snapshot_id.clone()))?;
            let mut map = snapshot.map;
            // A persona deleted since the snapshot was taken stays deleted.
            if let Some(p) = &map.persona_id {
                if position_of(conn, "personas", p)?.is_none() {
                    map.persona_id = None;
                }
            }
            replace_map(conn, &map)
        }
        Edit::ReplaceMap { map } => replace_map(conn, map),
        Edit::Batch { edits } => {
            if depth >= limits::BATCH_DEPTH {
                return Err(EditError::TooDeep.into());
            }
            if edits.len() > limits::BATCH {
                return Err(EditError::TooMany { what: "edits in one batch", max: limits::BATCH }.into());
            }
            // The inverse is one flat batch: undoing in reverse order is all
            // that nesting means, and a flat inverse can never be deeper than
            // the limit, however deep the batch it undoes.
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
    }
}

fn move_within(conn: &Connection, list: List<'_>, table: &str, id: &str, old_pos: i64, index: u32) -> Result<()> {
    let last = list.len(conn)? - 1;
    let new_pos = i64::from(index).min(last);
    list.close_gap(conn, old_pos)?;
    conn.execute(&format!("UPDATE {table} SET position = -1 WHERE id = ?1"), [id])?;
    list.open_gap(conn, new_pos)?;
    conn.execute(&format!("UPDATE {table} SET position = ?2 WHERE id = ?1"), params![id, new_pos])?;
    Ok(())
}

fn insert_card(conn: &Connection, map_id: &str, card: &Card, pos: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO cards(id, map_id, stage_id, lane_id, position, text, note, color, channel, emotion, conversion, volume)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        card.id,
        map_id,
        card.stage_id,
        card.lane_id,
        pos,
        card.text,
        card.note,
        card.color,
        card.channel,
        card.emotion,
        card.conversion,
        card.volume
    ])?;
    Ok(())
}

fn insert_research(conn: &Connection, map_id: &str, item: &ResearchItem, pos: i64) -> Result<()> {
    conn.prepare_cached("INSERT INTO research(id, map_id, position, kind, title, detail, insight) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
        .execute(params![item.id, map_id, pos, item.kind.as_str(), item.title, item.detail, item.insight])?;
    write_links(conn, &item.id, map_id, &item.card_ids)
}

fn add_snapshot(conn: &Connection, snapshot: &Snapshot, index: u32) -> Result<Edit> {
    edit::check_snapshot(snapshot)?;
    let map_id = &snapshot.map.id;
    map_exists(conn, map_id)?;
    ensure_new_id(conn, "snapshots", &snapshot.id)?;
    let list = List::Snapshots { map: map_id };
    ensure_room(list.len(conn)?, limits::SNAPSHOTS, "snapshots")?;
    let pos = list.place(conn, index)?;
    list.open_gap(conn, pos)?;
    let overall = crate::analytics::funnel(&snapshot.map).map(|f| f.overall);
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

/// Deletes the research, cards, lanes and stages of a map (not the map's row).
fn delete_map_content(conn: &Connection, map_id: &str) -> Result<()> {
    conn.execute("DELETE FROM research_links WHERE item_id IN (SELECT id FROM research WHERE map_id = ?1)", [map_id])?;
    for table in ["research", "cards", "stages", "lanes"] {
        conn.execute(&format!("DELETE FROM {table} WHERE map_id = ?1"), [map_id])?;
    }
    Ok(())
}

fn replace_map(conn: &Connection, map: &Map) -> Result<Edit> {
    edit::check_map(map)?;
    let old = match position_of(conn, "maps", &map.id)? {
        Some(_) => load::load_map(conn, &map.id)?,
        None => return Err(EditError::UnknownMap(map.id.clone()).into()),
    };
    if let Some(p) = &map.persona_id {
        get_persona(conn, p)?;
    }
    delete_map_content(conn, &map.id)?;
    conn.execute(
        "UPDATE maps SET name = ?2, goal = ?3, scenario = ?4, persona_id = ?5 WHERE id = ?1",
        params![map.id, map.name, map.goal, map.scenario, map.persona_id],
    )?;
    insert_map_content(conn, map)?;
    Ok(Edit::ReplaceMap { map: old })
}

fn add_map(conn: &Connection, map: &Map, index: u32) -> Result<Edit> {
    edit::check_map(map)?;
    ensure_new_id(conn, "maps", &map.id)?;
    ensure_room(List::Maps.len(conn)?, limits::MAPS, "maps")?;
    if let Some(p) = &map.persona_id {
        get_persona(conn, p)?;
    }
    let pos = List::Maps.place(conn, index)?;
    List::Maps.open_gap(conn, pos)?;
    conn.execute(
        "INSERT INTO maps(id, position, name, goal, scenario, persona_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![map.id, pos, map.name, map.goal, map.scenario, map.persona_id],
    )?;
    insert_map_content(conn, map)?;
    Ok(Edit::DeleteMap { map_id: map.id.clone() })
}

/// Inserts the stages, lanes, cards and research of `map` (checked) under its map row.
fn insert_map_content(conn: &Connection, map: &Map) -> Result<()> {
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
        insert_card(conn, &map.id, c, *slot)?;
        *slot += 1;
    }
    for (i, item) in map.research.iter().enumerate() {
        ensure_new_id(conn, "research", &item.id)?;
        insert_research(conn, &map.id, item, i as i64)?;
    }
    Ok(())
}
