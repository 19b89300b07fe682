//! Edits of cards: add, update, set metrics, move between cells, delete.

use rusqlite::{params, Connection};

use super::axis::{get_lane, get_stage};
use super::list::{ensure_new_id, ensure_room, u32_index, with_then, List};
use super::update;
use crate::edit::{self, limits, Edit, Patch};
use crate::error::{EditError, Result};
use crate::model::{Card, Id};
use crate::store::load;

/// (map_id, position in its cell, card)
pub(super) fn get(conn: &Connection, id: &str) -> Result<(String, i64, Card)> {
    load::find_card(conn, id)?.ok_or_else(|| EditError::UnknownCard(id.to_owned()).into())
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

pub(super) fn add(conn: &Connection, card: &Card, index: u32) -> Result<Edit> {
    edit::check_card(card)?;
    let map_id = cell_map(conn, &card.stage_id, &card.lane_id)?;
    ensure_new_id(conn, "cards", &card.id)?;
    ensure_room(cards_in_map(conn, &map_id)?, limits::CARDS_PER_MAP, "cards")?;
    let list = List::Cell { stage: &card.stage_id, lane: &card.lane_id };
    let pos = list.place(conn, index)?;
    list.open_gap(conn, pos)?;
    insert(conn, &map_id, card, pos)?;
    Ok(Edit::DeleteCard { card_id: card.id.clone() })
}

pub(super) fn insert(conn: &Connection, map_id: &str, card: &Card, pos: i64) -> Result<()> {
    if let Some(p) = &card.persona_id {
        ensure_persona_room(conn, map_id, p, true)?;
    }
    if let Some(i) = &card.image_id {
        ensure_image(conn, i)?;
    }
    conn.prepare_cached(
        "INSERT INTO cards(id, map_id, stage_id, lane_id, position, text, note, color, channel, emotion, conversion, volume, persona_id,
                           image_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
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
        card.volume,
        card.persona_id,
        card.image_id
    ])?;
    Ok(())
}

pub(super) fn update(
    conn: &Connection,
    card_id: &Id,
    text: &Option<String>,
    note: &Option<String>,
    color: &Option<String>,
    channel: &Option<String>,
) -> Result<Edit> {
    let (_, _, old) = get(conn, card_id)?;
    update::check_text("card text", text, limits::TEXT)?;
    update::check_text("card note", note, limits::TEXT)?;
    update::check_color(color)?;
    update::check_text("channel", channel, limits::CHANNEL)?;
    let fields = [
        update::field("text", text.as_ref()),
        update::field("note", note.as_ref()),
        update::field("color", color.as_ref()),
        update::field("channel", channel.as_ref()),
    ];
    update::write(conn, "cards", card_id, &fields)?;
    Ok(Edit::UpdateCard {
        card_id: card_id.clone(),
        text: update::old(text, old.text),
        note: update::old(note, old.note),
        color: update::old(color, old.color),
        channel: update::old(channel, old.channel),
    })
}

pub(super) fn set_metrics(conn: &Connection, card_id: &Id, emotion: Patch<i8>, conversion: Patch<f64>, volume: Patch<i64>) -> Result<Edit> {
    let (_, _, old) = get(conn, card_id)?;
    let (e, c, v) = (emotion.unwrap_or(old.emotion), conversion.unwrap_or(old.conversion), volume.unwrap_or(old.volume));
    edit::check_metrics(e, c, v)?;
    conn.execute("UPDATE cards SET emotion = ?2, conversion = ?3, volume = ?4 WHERE id = ?1", params![card_id, e, c, v])?;
    // The inverse puts back only what this edit set.
    Ok(Edit::SetCardMetrics {
        card_id: card_id.clone(),
        emotion: update::old(&emotion, old.emotion),
        conversion: update::old(&conversion, old.conversion),
        volume: update::old(&volume, old.volume),
    })
}

pub(super) fn set_persona(conn: &Connection, card_id: &Id, persona_id: &Option<Id>) -> Result<Edit> {
    let (map_id, _, old) = get(conn, card_id)?;
    if let Some(p) = persona_id {
        ensure_persona_room(conn, &map_id, p, true)?;
    }
    conn.execute("UPDATE cards SET persona_id = ?2 WHERE id = ?1", params![card_id, persona_id])?;
    Ok(Edit::SetCardPersona { card_id: card_id.clone(), persona_id: old.persona_id })
}

pub(super) fn set_image(conn: &Connection, card_id: &Id, image_id: &Option<Id>) -> Result<Edit> {
    let (_, _, old) = get(conn, card_id)?;
    if let Some(i) = image_id {
        edit::check_id(i)?;
        ensure_image(conn, i)?;
    }
    conn.execute("UPDATE cards SET image_id = ?2 WHERE id = ?1", params![card_id, image_id])?;
    Ok(Edit::SetCardImage { card_id: card_id.clone(), image_id: old.image_id })
}

/// Checks an image with this id is stored in the file.
fn ensure_image(conn: &Connection, image_id: &str) -> Result<()> {
    let found = conn.prepare_cached("SELECT 1 FROM images WHERE id = ?1")?.exists([image_id])?;
    if found {
        Ok(())
    } else {
        Err(EditError::UnknownImage(image_id.to_owned()).into())
    }
}

/// Checks `persona_id` is a persona of the project and that giving it a curve on
/// the map keeps the map within [`limits::PERSONAS_PER_MAP`] personas (its own
/// persona and every persona its cards are scored for); `with_map_persona`
/// false counts without the map's own persona, which the caller is replacing.
pub(super) fn ensure_persona_room(conn: &Connection, map_id: &str, persona_id: &str, with_map_persona: bool) -> Result<()> {
    super::persona::get(conn, persona_id)?;
    let others: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM (SELECT persona_id FROM maps WHERE id = ?1 AND persona_id IS NOT NULL AND ?3 \
             UNION SELECT persona_id FROM cards WHERE map_id = ?1 AND persona_id IS NOT NULL) WHERE persona_id <> ?2",
        )?
        .query_row(params![map_id, persona_id, with_map_persona], |r| r.get(0))?;
    ensure_room(others, limits::PERSONAS_PER_MAP, "personas on a map")
}

pub(super) fn move_to(conn: &Connection, card_id: &Id, stage_id: &Id, lane_id: &Id, index: u32) -> Result<Edit> {
    let (map_id, old_pos, old) = get(conn, card_id)?;
    if cell_map(conn, stage_id, lane_id)? != map_id {
        return Err(EditError::CellOutsideMap { stage: stage_id.clone(), lane: lane_id.clone() }.into());
    }
    List::Cell { stage: &old.stage_id, lane: &old.lane_id }.close_gap(conn, old_pos)?;
    // Park the card outside every cell while the target makes room.
    conn.execute("UPDATE cards SET position = -1 WHERE id = ?1", [card_id])?;
    let target = List::Cell { stage: stage_id, lane: lane_id };
    let same_cell = old.stage_id == *stage_id && old.lane_id == *lane_id;
    let pos = i64::from(index).min(target.len(conn)? - i64::from(same_cell));
    target.open_gap(conn, pos)?;
    conn.execute("UPDATE cards SET stage_id = ?2, lane_id = ?3, position = ?4 WHERE id = ?1", params![card_id, stage_id, lane_id, pos])?;
    Ok(Edit::MoveCard { card_id: card_id.clone(), stage_id: old.stage_id, lane_id: old.lane_id, index: u32_index(old_pos) })
}

pub(super) fn delete(conn: &Connection, card_id: &Id) -> Result<Edit> {
    let (_, pos, card) = get(conn, card_id)?;
    let mut relink = unlink(conn, "id = ?1", card_id)?;
    relink.extend(super::comment::take_away(conn, super::comment::Gone::Card, card_id)?);
    conn.execute("DELETE FROM cards WHERE id = ?1", [card_id])?;
    List::Cell { stage: &card.stage_id, lane: &card.lane_id }.close_gap(conn, pos)?;
    Ok(with_then(Edit::AddCard { card, index: u32_index(pos) }, relink))
}

/// Removes every research link to the cards `where_sql` selects (`?1` bound to
/// `id`) and returns the edits that put them back, to run after the cards are back.
pub(super) fn unlink(conn: &Connection, where_sql: &str, id: &str) -> Result<Vec<Edit>> {
    let sql =
        format!("SELECT DISTINCT item_id FROM research_links WHERE card_id IN (SELECT id FROM cards WHERE {where_sql}) ORDER BY item_id");
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
