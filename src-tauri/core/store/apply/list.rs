//! Ordered lists in the file (maps, personas, a map's stages, lanes, research
//! and snapshots, a cell's cards) and the checks every insert makes.

use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

use crate::edit::{self, Edit};
use crate::error::{EditError, Result};

/// An ordered list in the file. Positions within a list are dense: 0..len.
#[derive(Clone, Copy)]
pub(super) enum List<'a> {
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

    pub(super) fn len(&self, conn: &Connection) -> Result<i64> {
        let (table, scope, args) = self.table_and_scope();
        let sql = format!("SELECT count(*) FROM {table} WHERE {scope}");
        Ok(conn.prepare_cached(&sql)?.query_row(params_from_iter(args), |r| r.get(0))?)
    }

    /// Shifts the items at `pos` and after one place down, making room at `pos`.
    pub(super) fn open_gap(&self, conn: &Connection, pos: i64) -> Result<()> {
        self.shift(conn, "position + 1", ">=", pos)
    }

    /// Shifts the items after `pos` one place up, closing the hole left at `pos`.
    pub(super) fn close_gap(&self, conn: &Connection, pos: i64) -> Result<()> {
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
    pub(super) fn place(&self, conn: &Connection, index: u32) -> Result<i64> {
        Ok(i64::from(index).min(self.len(conn)?))
    }

    /// Makes room for one more item asked to go at `index` (refused when the
    /// list holds `max` already) and returns the place it gets.
    pub(super) fn make_room(&self, conn: &Connection, index: u32, max: usize, what: &'static str) -> Result<i64> {
        ensure_room(self.len(conn)?, max, what)?;
        let pos = self.place(conn, index)?;
        self.open_gap(conn, pos)?;
        Ok(pos)
    }

    /// Moves the row `id` of this list from `old_pos` to `index` (at most the end).
    pub(super) fn move_item(&self, conn: &Connection, id: &str, old_pos: i64, index: u32) -> Result<()> {
        let (table, _, _) = self.table_and_scope();
        let new_pos = i64::from(index).min(self.len(conn)? - 1);
        self.close_gap(conn, old_pos)?;
        conn.execute(&format!("UPDATE {table} SET position = -1 WHERE id = ?1"), [id])?;
        self.open_gap(conn, new_pos)?;
        conn.execute(&format!("UPDATE {table} SET position = ?2 WHERE id = ?1"), params![id, new_pos])?;
        Ok(())
    }
}

pub(super) fn ensure_new_id(conn: &Connection, table: &str, id: &str) -> Result<()> {
    edit::check_id(id)?;
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1");
    let exists = conn.prepare_cached(&sql)?.query_row([id], |_| Ok(())).optional()?.is_some();
    if exists {
        return Err(EditError::DuplicateId(id.to_owned()).into());
    }
    Ok(())
}

pub(super) fn ensure_room(len: i64, max: usize, what: &'static str) -> Result<()> {
    if usize::try_from(len).unwrap_or(usize::MAX) >= max {
        return Err(EditError::TooMany { what, max }.into());
    }
    Ok(())
}

pub(super) fn position_of(conn: &Connection, table: &str, id: &str) -> Result<Option<i64>> {
    let sql = format!("SELECT position FROM {table} WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], |r| r.get(0)).optional()?)
}

/// A position as the `index` of an edit.
pub(super) fn u32_index(pos: i64) -> u32 {
    u32::try_from(pos).unwrap_or(u32::MAX)
}

/// `first`, or a batch of it followed by `then` when there is more to undo.
pub(super) fn with_then(first: Edit, then: Vec<Edit>) -> Edit {
    if then.is_empty() {
        first
    } else {
        let mut edits = vec![first];
        edits.extend(then);
        Edit::Batch { edits }
    }
}
