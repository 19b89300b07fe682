//! The `images` table: card pictures kept in the project file, named by a hash
//! of their bytes (see `card_image.rs`). Storing one is not an edit — nothing
//! shows until a card names it with `set_card_image` (which is) — so it is
//! neither in the undo log nor in a change. Pictures no card, snapshot or undo
//! step names any more are dropped when the file is opened.

use rusqlite::{params, Connection, OptionalExtension};

use crate::card_image::{self, Checked, ImageInfo, Picture, Pictures};
use crate::error::{EditError, Result};
use crate::model::Map;

/// Stores a checked image (once: the same bytes have the same id).
pub(crate) fn put(conn: &Connection, image: &Checked) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO images(id, mime, width, height, bytes, thumb) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![image.info.id, image.mime, image.info.width, image.info.height, image.bytes, image.thumb])?;
    Ok(())
}

/// One stored image (or its thumbnail) as a `data:` URL.
pub(crate) fn data_url(conn: &Connection, id: &str, thumb: bool) -> Result<String> {
    let sql = if thumb { "SELECT mime, thumb FROM images WHERE id = ?1" } else { "SELECT mime, bytes FROM images WHERE id = ?1" };
    let found: Option<(String, Vec<u8>)> = conn.prepare_cached(sql)?.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    let (mime, bytes) = found.ok_or_else(|| EditError::UnknownImage(id.to_owned()))?;
    Ok(card_image::data_url(&mime, &bytes))
}

/// Every image the cards of `maps` name, by id: whole, or as thumbnails (`thumb`).
pub(crate) fn of_maps<'a>(conn: &Connection, maps: impl IntoIterator<Item = &'a Map>, thumb: bool) -> Result<Pictures> {
    let mut out = Pictures::new();
    for map in maps {
        for id in map.cards.iter().filter_map(|c| c.image_id.as_deref()) {
            if !out.contains_key(id) {
                let info = info(conn, id)?;
                out.insert(id.to_owned(), Picture { data_url: data_url(conn, id, thumb)?, width: info.width, height: info.height });
            }
        }
    }
    Ok(out)
}

/// Size of one stored image.
pub(crate) fn info(conn: &Connection, id: &str) -> Result<ImageInfo> {
    let found = conn
        .prepare_cached("SELECT width, height FROM images WHERE id = ?1")?
        .query_row([id], |r| Ok(ImageInfo { id: id.to_owned(), width: r.get(0)?, height: r.get(1)? }))
        .optional()?;
    Ok(found.ok_or_else(|| EditError::UnknownImage(id.to_owned()))?)
}

/// Drops the images nothing names: no card, no snapshot, no step of the undo
/// log (an undo may give a card its picture back). Answers how many went.
pub(crate) fn drop_unused(conn: &Connection) -> Result<usize> {
    // Cheap first: most files have no image that no card names.
    let candidates: Vec<String> = {
        let mut stmt = conn.prepare("SELECT id FROM images WHERE id NOT IN (SELECT image_id FROM cards WHERE image_id IS NOT NULL)")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut dropped = 0;
    for id in candidates {
        let named = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM snapshots WHERE instr(map, ?1)) \
                 OR EXISTS (SELECT 1 FROM undo_log WHERE instr(edit, ?1) OR instr(inverse, ?1))",
            )?
            .query_row([&id], |r| r.get::<_, bool>(0))?;
        if !named {
            dropped += conn.execute("DELETE FROM images WHERE id = ?1", [&id])?;
        }
    }
    Ok(dropped)
}
