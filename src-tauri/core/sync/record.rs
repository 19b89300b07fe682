//! How a project file's rows are records in the shared CRDT document.
//!
//! The document's root holds one map per shared table (`personas`, `images`,
//! `maps`, `stages`, `lanes`, `cards`, `research`, `comments`) keyed by record
//! id, and `title`.
//! A record is a map of its row's columns: long free text (a card's text and
//! note, a map's goal, …) is an Automerge text object, so concurrent edits of
//! one text merge; every other column (names included: merging two renames
//! letter by letter gives a word nobody typed) is a last-writer-wins scalar,
//! whose losing value Automerge keeps as a conflict and in the history. A
//! record's place (its parent ids and position among its siblings) is written
//! as a group, so concurrent moves of one card land it in one cell. A card's
//! picture is a record too (its bytes a scalar, written once: pictures are
//! named by their hash and never change). Snapshots (review history) stay
//! local to each file for now.

use automerge::ScalarValue;
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::error::Result;

/// A shared table: its name, the columns that pick a record's siblings (the
/// group its `position` counts in), the columns kept as CRDT text, and
/// whether its rows have a `position` among their siblings.
pub(crate) struct Table {
    pub name: &'static str,
    pub siblings: &'static [&'static str],
    pub text: &'static [&'static str],
    pub ordered: bool,
}

impl Table {
    /// True for the columns written together as the record's place.
    pub fn is_place(&self, column: &str) -> bool {
        column == "position" || self.siblings.contains(&column)
    }
}

/// The shared tables, parents before children (the order rows are written in).
pub(crate) const TABLES: [Table; 8] = [
    Table { name: "personas", siblings: &[], text: &["description", "goals", "needs", "frustrations", "quote"], ordered: true },
    Table { name: "images", siblings: &[], text: &[], ordered: false },
    Table { name: "maps", siblings: &[], text: &["goal", "scenario"], ordered: true },
    Table { name: "stages", siblings: &["map_id"], text: &[], ordered: true },
    Table { name: "lanes", siblings: &["map_id"], text: &[], ordered: true },
    Table { name: "cards", siblings: &["stage_id", "lane_id"], text: &["text", "note"], ordered: true },
    Table { name: "research", siblings: &["map_id"], text: &["detail", "insight"], ordered: true },
    Table { name: "comments", siblings: &[], text: &["body"], ordered: false },
];

/// The research record's field holding its card links, in order (a JSON
/// array of card ids: the links are part of the item, as in `change.rs`).
pub(crate) const LINKS: &str = "links";

/// The root field holding the project's title.
pub(crate) const TITLE: &str = "title";

pub(crate) fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// A row as it is in the file: its columns (without `id`) in table order,
/// plus the research item's links.
pub(crate) type Row = Vec<(String, Value)>;

/// Reads the row `id` of `table`, or `None` when it is not there.
pub(crate) fn read_row(conn: &Connection, table: &Table, id: &str) -> Result<Option<Row>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {} WHERE id = ?1", table.name))?;
    let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    let mut rows = stmt.query([id])?;
    let Some(r) = rows.next()? else { return Ok(None) };
    let mut row = Row::with_capacity(names.len() + 1);
    for (i, name) in names.into_iter().enumerate() {
        if name != "id" {
            row.push((name, r.get::<_, Value>(i)?));
        }
    }
    drop(rows);
    if table.name == "research" {
        let mut stmt = conn.prepare_cached("SELECT card_id FROM research_links WHERE item_id = ?1 ORDER BY position")?;
        let links: Vec<String> = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        row.push((LINKS.to_owned(), Value::Text(serde_json::to_string(&links)?)));
    }
    Ok(Some(row))
}

/// The columns of a table as the file has them (a newer peer may send more).
pub(crate) fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    let names = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

pub(crate) fn to_scalar(value: &Value) -> ScalarValue {
    match value {
        Value::Null => ScalarValue::Null,
        Value::Integer(i) => ScalarValue::Int(*i),
        Value::Real(f) => ScalarValue::F64(*f),
        Value::Text(s) => ScalarValue::Str(s.as_str().into()),
        Value::Blob(b) => ScalarValue::Bytes(b.clone()),
    }
}

pub(crate) fn from_scalar(value: &ScalarValue) -> Value {
    match value {
        ScalarValue::Str(s) => Value::Text(s.to_string()),
        ScalarValue::F64(f) => Value::Real(*f),
        ScalarValue::Bytes(b) => Value::Blob(b.clone()),
        ScalarValue::Boolean(b) => Value::Integer(i64::from(*b)),
        ScalarValue::Null | ScalarValue::Unknown { .. } => Value::Null,
        other => other.as_i64().map(Value::Integer).unwrap_or(Value::Null),
    }
}
