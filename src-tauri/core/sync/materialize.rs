//! CRDT → file: writes the records a remote change touched into the project
//! file's rows, in one transaction (the caller's), without an undo entry.
//!
//! The file is a function of the document: a record is upserted with its
//! fields (columns this file does not have are ignored); a record the document
//! no longer has is deleted with what depends on it (found through the
//! schema's foreign keys: required references are deleted, optional ones
//! cleared). A record whose parent is gone (a card added to a stage a teammate
//! deleted meanwhile) or whose values the file refuses is not written: the
//! same on every peer, so all converge. Positions from the document are sort
//! keys; each touched group of siblings is renumbered 0, 1, 2… by
//! (position, id), and the caller mirrors the renumbering back into the
//! document, so every peer ends with the same dense positions.

use std::collections::{BTreeMap, BTreeSet};

use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, Value as AmValue, ROOT};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, ErrorCode};

use super::mirror::{record_obj, table_obj};
use super::record::{self, columns, from_scalar, Table, LINKS, TITLE};
use crate::error::Result;

/// What a remote change touched: records by table, and whether the title moved.
#[derive(Debug, Default)]
pub(crate) struct Touched {
    pub title: bool,
    pub records: BTreeMap<&'static str, BTreeSet<String>>,
}

impl Touched {
    pub fn add(&mut self, table: &str, id: &str) {
        if let Some(t) = record::table(table) {
            self.records.entry(t.name).or_default().insert(id.to_owned());
        }
    }

    /// Every record the document holds (a first sync into an empty file).
    pub fn everything(doc: &AutoCommit) -> Touched {
        let mut touched = Touched { title: true, ..Touched::default() };
        for table in &record::TABLES {
            if let Some(obj) = table_obj(doc, table.name) {
                for id in doc.keys(&obj) {
                    touched.add(table.name, &id);
                }
            }
        }
        touched
    }
}

/// A record of the document as the columns of `table` the file has.
fn doc_row(doc: &AutoCommit, obj: &ObjId, cols: &[String]) -> Result<Vec<(String, Value)>> {
    let mut row = Vec::with_capacity(cols.len());
    for col in cols.iter().filter(|c| c.as_str() != "id") {
        match doc.get(obj, col.as_str())? {
            Some((AmValue::Object(ObjType::Text), t)) => row.push((col.clone(), Value::Text(doc.text(&t)?))),
            Some((AmValue::Scalar(s), _)) => row.push((col.clone(), from_scalar(&s))),
            _ => {} // absent: the column's default (or refused when required)
        }
    }
    Ok(row)
}

fn refused(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation)
}

/// The sibling group of a row (its parent columns' values), when it is there.
fn group_of(conn: &Connection, table: &Table, id: &str) -> Result<Option<Vec<String>>> {
    if !table.ordered {
        return Ok(None);
    }
    if table.siblings.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let sql = format!("SELECT {} FROM {} WHERE id = ?1", table.siblings.join(", "), table.name);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => Ok(Some((0..table.siblings.len()).map(|i| r.get::<_, String>(i)).collect::<rusqlite::Result<_>>()?)),
        None => Ok(None),
    }
}

/// Writes the touched records into the file.
pub(crate) fn materialize(conn: &Connection, doc: &AutoCommit, touched: &Touched) -> Result<()> {
    if touched.title {
        if let Some(title) = doc.get(ROOT, TITLE)?.and_then(|(v, _)| v.as_str().map(str::to_owned)) {
            conn.execute(
                "INSERT INTO meta(key, value) VALUES ('title', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [title],
            )?;
        }
    }
    let mut groups: BTreeMap<&'static str, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut gone: Vec<(&'static Table, &String)> = Vec::new();
    for table in &record::TABLES {
        let Some(ids) = touched.records.get(table.name) else { continue };
        let Some(tbl) = table_obj(doc, table.name) else { continue };
        let cols = columns(conn, table.name)?;
        // Records the file refused (e.g. a reply before its thread): tried
        // again after the others of their table, while that writes more.
        let mut refused: Vec<(&String, ObjId)> = Vec::new();
        for id in ids {
            if let Some(g) = group_of(conn, table, id)? {
                groups.entry(table.name).or_default().insert(g);
            }
            match record_obj(doc, &tbl, id) {
                Some(obj) => {
                    if !upsert(conn, doc, table, &obj, id, &cols)? {
                        refused.push((id, obj));
                    }
                    if let Some(g) = group_of(conn, table, id)? {
                        groups.entry(table.name).or_default().insert(g);
                    }
                }
                None => gone.push((table, id)),
            }
        }
        while !refused.is_empty() {
            let before = refused.len();
            let mut still = Vec::new();
            for (id, obj) in refused {
                if upsert(conn, doc, table, &obj, id, &cols)? {
                    if let Some(g) = group_of(conn, table, id)? {
                        groups.entry(table.name).or_default().insert(g);
                    }
                } else {
                    still.push((id, obj));
                }
            }
            if still.len() == before {
                break; // refused for good: skipped, the same on every peer
            }
            refused = still;
        }
    }
    // Children before parents.
    for (table, id) in gone.into_iter().rev() {
        delete_cascade(conn, table.name, id)?;
    }
    for (name, groups) in groups {
        let Some(table) = record::table(name) else { continue };
        for group in groups {
            renumber(conn, table, &group)?;
        }
    }
    Ok(())
}

/// Writes one record into its row; `false` when the file refuses it (a
/// parent it names is not there, or a value the schema does not accept).
fn upsert(conn: &Connection, doc: &AutoCommit, table: &Table, obj: &ObjId, id: &str, cols: &[String]) -> Result<bool> {
    let row = doc_row(doc, obj, cols)?;
    let names: Vec<&str> = std::iter::once("id").chain(row.iter().map(|(c, _)| c.as_str())).collect();
    let marks = vec!["?"; names.len()].join(", ");
    let sets: Vec<String> = row.iter().map(|(c, _)| format!("{c} = excluded.{c}")).collect();
    let sql = if sets.is_empty() {
        format!("INSERT INTO {} ({}) VALUES ({marks}) ON CONFLICT(id) DO NOTHING", table.name, names.join(", "))
    } else {
        format!("INSERT INTO {} ({}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {}", table.name, names.join(", "), sets.join(", "))
    };
    let values = std::iter::once(Value::Text(id.to_owned())).chain(row.into_iter().map(|(_, v)| v));
    match conn.execute(&sql, params_from_iter(values)) {
        Ok(_) => {}
        Err(e) if refused(&e) => return Ok(false),
        Err(e) => return Err(e.into()),
    }
    if table.name == "research" {
        let links: Vec<String> = match doc.get(obj, LINKS)? {
            Some((AmValue::Scalar(s), _)) => s.as_str().and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default(),
            _ => Vec::new(),
        };
        let now: Vec<String> = {
            let mut stmt = conn.prepare_cached("SELECT card_id FROM research_links WHERE item_id = ?1 ORDER BY position")?;
            let rows = stmt.query_map([id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if now != links {
            conn.execute("DELETE FROM research_links WHERE item_id = ?1", [id])?;
            let mut position = 0i64;
            for card in &links {
                match conn.execute(
                    "INSERT INTO research_links(item_id, card_id, position) VALUES (?1, ?2, ?3)",
                    rusqlite::params![id, card, position],
                ) {
                    Ok(_) => position += 1,
                    Err(e) if refused(&e) => {} // a card that is gone, or a link already there
                    Err(e) => return Err(e.into()),
                }
            }
        }
    }
    Ok(true)
}

/// Deletes row `id` of `table` and, first, every row that requires it; clears
/// optional references to it.
fn delete_cascade(conn: &Connection, table: &str, id: &str) -> Result<()> {
    for (child, column, required) in referencing(conn, table)? {
        if required {
            let has_id = columns(conn, &child)?.iter().any(|c| c == "id");
            if has_id {
                let ids: Vec<String> = {
                    let mut stmt = conn.prepare_cached(&format!("SELECT id FROM {child} WHERE {column} = ?1"))?;
                    let rows = stmt.query_map([id], |r| r.get(0))?;
                    rows.collect::<rusqlite::Result<_>>()?
                };
                for child_id in ids {
                    delete_cascade(conn, &child, &child_id)?;
                }
            } else {
                conn.execute(&format!("DELETE FROM {child} WHERE {column} = ?1"), [id])?;
            }
        } else {
            conn.execute(&format!("UPDATE {child} SET {column} = NULL WHERE {column} = ?1"), [id])?;
        }
    }
    conn.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
    Ok(())
}

/// The (table, column, required) of every foreign key that points at `table`.
fn referencing(conn: &Connection, table: &str) -> Result<Vec<(String, String, bool)>> {
    let sql = "SELECT m.name, f.\"from\", i.\"notnull\"
               FROM sqlite_schema m
               JOIN pragma_foreign_key_list(m.name) f
               JOIN pragma_table_info(m.name) i ON i.name = f.\"from\"
               WHERE m.type = 'table' AND f.\"table\" = ?1
               ORDER BY m.name, f.\"from\"";
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? != 0)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Renumbers one group of siblings 0, 1, 2… by (position, id).
fn renumber(conn: &Connection, table: &Table, group: &[String]) -> Result<()> {
    let filter: String = if table.siblings.is_empty() {
        "1".to_owned()
    } else {
        table.siblings.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect::<Vec<_>>().join(" AND ")
    };
    let sql = format!("SELECT id, position FROM {} WHERE {filter} ORDER BY position, id", table.name);
    let rows: Vec<(String, i64)> = {
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(group.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut update = conn.prepare_cached(&format!("UPDATE {} SET position = ?2 WHERE id = ?1", table.name))?;
    for (rank, (id, position)) in rows.iter().enumerate() {
        if *position != rank as i64 {
            update.execute(rusqlite::params![id, rank as i64])?;
        }
    }
    Ok(())
}
