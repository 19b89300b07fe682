//! Edits of a map's research items: add, update, link to cards, move, delete.

use rusqlite::{params, Connection};

use super::list::{ensure_new_id, u32_index, List};
use super::{card, map, update};
use crate::edit::{self, limits, Edit};
use crate::error::{EditError, Result};
use crate::model::{Id, ResearchItem, ResearchKind};
use crate::store::load;

/// (map_id, position, item) of a research item, with its links.
fn get(conn: &Connection, id: &str) -> Result<(String, i64, ResearchItem)> {
    load::find_research(conn, id)?.ok_or_else(|| EditError::UnknownResearchItem(id.to_owned()).into())
}

pub(super) fn add(conn: &Connection, map_id: &Id, item: &ResearchItem, index: u32) -> Result<Edit> {
    map::exists(conn, map_id)?;
    edit::check_research_item(item)?;
    ensure_new_id(conn, "research", &item.id)?;
    let pos = List::Research { map: map_id }.make_room(conn, index, limits::RESEARCH_ITEMS, "research items")?;
    insert(conn, map_id, item, pos)?;
    Ok(Edit::DeleteResearchItem { item_id: item.id.clone() })
}

pub(super) fn insert(conn: &Connection, map_id: &str, item: &ResearchItem, pos: i64) -> Result<()> {
    conn.prepare_cached("INSERT INTO research(id, map_id, position, kind, title, detail, insight) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
        .execute(params![item.id, map_id, pos, item.kind.as_str(), item.title, item.detail, item.insight])?;
    write_links(conn, &item.id, map_id, &item.card_ids)
}

pub(super) fn update(
    conn: &Connection,
    item_id: &Id,
    kind: &Option<ResearchKind>,
    title: &Option<String>,
    detail: &Option<String>,
    insight: &Option<String>,
) -> Result<Edit> {
    let (_, _, old) = get(conn, item_id)?;
    update::check_text("research title", title, limits::TEXT)?;
    update::check_text("research detail", detail, limits::TEXT)?;
    update::check_text("research insight", insight, limits::TEXT)?;
    let kind_name = kind.map(|k| k.as_str());
    let fields = [
        update::field("kind", kind_name.as_ref()),
        update::field("title", title.as_ref()),
        update::field("detail", detail.as_ref()),
        update::field("insight", insight.as_ref()),
    ];
    update::write(conn, "research", item_id, &fields)?;
    Ok(Edit::UpdateResearchItem {
        item_id: item_id.clone(),
        kind: update::old(kind, old.kind),
        title: update::old(title, old.title),
        detail: update::old(detail, old.detail),
        insight: update::old(insight, old.insight),
    })
}

pub(super) fn set_links(conn: &Connection, item_id: &Id, card_ids: &[Id]) -> Result<Edit> {
    let (map_id, _, old) = get(conn, item_id)?;
    write_links(conn, item_id, &map_id, card_ids)?;
    Ok(Edit::SetResearchLinks { item_id: item_id.clone(), card_ids: old.card_ids })
}

pub(super) fn move_to(conn: &Connection, item_id: &Id, index: u32) -> Result<Edit> {
    let (map_id, old_pos, _) = get(conn, item_id)?;
    List::Research { map: &map_id }.move_item(conn, item_id, old_pos, index)?;
    Ok(Edit::MoveResearchItem { item_id: item_id.clone(), index: u32_index(old_pos) })
}

pub(super) fn delete(conn: &Connection, item_id: &Id) -> Result<Edit> {
    let (map_id, pos, item) = get(conn, item_id)?;
    conn.execute("DELETE FROM research_links WHERE item_id = ?1", [item_id])?;
    conn.execute("DELETE FROM research WHERE id = ?1", [item_id])?;
    List::Research { map: &map_id }.close_gap(conn, pos)?;
    Ok(Edit::AddResearchItem { map_id, item, index: u32_index(pos) })
}

/// Writes the links of a research item (replacing any); every card must be in `map_id`.
fn write_links(conn: &Connection, item_id: &str, map_id: &str, card_ids: &[Id]) -> Result<()> {
    edit::check_links(card_ids)?;
    conn.execute("DELETE FROM research_links WHERE item_id = ?1", [item_id])?;
    for (i, card_id) in card_ids.iter().enumerate() {
        let (card_map, _, _) = card::get(conn, card_id)?;
        if card_map != map_id {
            return Err(EditError::LinkOutsideMap { card: card_id.clone() }.into());
        }
        conn.prepare_cached("INSERT INTO research_links(item_id, card_id, position) VALUES (?1, ?2, ?3)")?
            .execute(params![item_id, card_id, i as i64])?;
    }
    Ok(())
}
