//! File → CRDT: makes the document's records equal to the rows a transaction
//! touched (as `store/capture.rs` noted them), writing only what differs, so
//! mirroring rows the document already holds adds no operation.

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, Value as AmValue, ROOT};
use rusqlite::types::Value;
use rusqlite::Connection;

use super::record::{self, from_scalar, read_row, to_scalar, Table, TITLE};
use crate::error::Result;

/// The root map of a shared table (made by the genesis change).
pub(crate) fn table_obj(doc: &AutoCommit, table: &str) -> Option<ObjId> {
    match doc.get(ROOT, table) {
        Ok(Some((AmValue::Object(ObjType::Map), id))) => Some(id),
        _ => None,
    }
}

/// The record `id` of a table map, when it is there.
pub(crate) fn record_obj(doc: &AutoCommit, table: &ObjId, id: &str) -> Option<ObjId> {
    match doc.get(table, id) {
        Ok(Some((AmValue::Object(ObjType::Map), obj))) => Some(obj),
        _ => None,
    }
}

/// Mirrors every row the current transaction touched (`temp.changed`).
pub(crate) fn mirror_touched(conn: &Connection, doc: &mut AutoCommit) -> Result<()> {
    let noted: Vec<(String, String)> = {
        let mut stmt = conn.prepare_cached("SELECT tbl, id FROM temp.changed ORDER BY tbl, id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (tbl, id) in noted {
        if tbl == "meta" {
            mirror_title(conn, doc)?;
        } else if let Some(table) = record::table(&tbl) {
            mirror_record(conn, doc, table, &id)?;
        }
    }
    Ok(())
}

/// Mirrors every record of the file (sharing a project).
pub(crate) fn mirror_all(conn: &Connection, doc: &mut AutoCommit) -> Result<()> {
    mirror_title(conn, doc)?;
    for table in &record::TABLES {
        let ids: Vec<String> = {
            let mut stmt = conn.prepare(&format!("SELECT id FROM {} ORDER BY id", table.name))?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for id in ids {
            mirror_record(conn, doc, table, &id)?;
        }
    }
    Ok(())
}

fn mirror_title(conn: &Connection, doc: &mut AutoCommit) -> Result<()> {
    let title = crate::store::project_title(conn)?;
    let now = doc.get(ROOT, TITLE)?.and_then(|(v, _)| v.as_str().map(str::to_owned));
    if now.as_deref() != Some(title.as_str()) {
        doc.put(ROOT, TITLE, title)?;
    }
    Ok(())
}

fn mirror_record(conn: &Connection, doc: &mut AutoCommit, table: &Table, id: &str) -> Result<()> {
    let Some(tbl) = table_obj(doc, table.name) else { return Ok(()) };
    let existing = record_obj(doc, &tbl, id);
    let Some(row) = read_row(conn, table, id)? else {
        if existing.is_some() {
            doc.delete(&tbl, id)?;
        }
        return Ok(());
    };
    // A card's picture goes into the document with the first card that names
    // it (pictures are not noted by the capture: they never change).
    if table.name == "cards" {
        if let Some((_, Value::Text(image))) = row.iter().find(|(c, _)| c == "image_id") {
            let images = record::table("images").zip(table_obj(doc, "images"));
            if let Some((images, obj)) = images {
                if record_obj(doc, &obj, image).is_none() {
                    mirror_record(conn, doc, images, image)?;
                }
            }
        }
    }
    let obj = match existing {
        Some(obj) => obj,
        None => doc.put_object(&tbl, id, ObjType::Map)?,
    };
    // The place is one group: when any of it changed, all of it is written, in
    // one order, so concurrent moves resolve to one writer's whole place.
    let place_changed = row.iter().any(|(col, v)| table.is_place(col) && scalar(doc, &obj, col).as_ref() != Some(v));
    for (col, value) in &row {
        if table.text.contains(&col.as_str()) {
            let text = match value {
                Value::Text(s) => s.as_str(),
                _ => "",
            };
            let text_obj = match doc.get(&obj, col.as_str())? {
                Some((AmValue::Object(ObjType::Text), t)) => t,
                _ => doc.put_object(&obj, col.as_str(), ObjType::Text)?,
            };
            if doc.text(&text_obj)? != text {
                doc.update_text(&text_obj, text)?;
            }
        } else if table.is_place(col) {
            if place_changed {
                doc.put(&obj, col.as_str(), to_scalar(value))?;
            }
        } else if scalar(doc, &obj, col).as_ref() != Some(value) {
            doc.put(&obj, col.as_str(), to_scalar(value))?;
        }
    }
    Ok(())
}

/// A scalar field of a record as a file value (`None` when absent or not a scalar).
pub(crate) fn scalar(doc: &AutoCommit, obj: &ObjId, col: &str) -> Option<Value> {
    match doc.get(obj, col) {
        Ok(Some((AmValue::Scalar(s), _))) => Some(from_scalar(&s)),
        _ => None,
    }
}
