//! What every `update_*` edit does: check each field it gives, write only
//! those, and answer with the same fields' old values (a field left out stays
//! as it is, and its undo leaves it out too).

use rusqlite::{params_from_iter, types::ToSql, Connection};

use crate::edit;
use crate::error::Result;

/// A text field given (or not), checked against its longest length.
pub(super) fn check_text(field: &'static str, value: &Option<String>, max: usize) -> Result<()> {
    if let Some(v) = value {
        edit::check_len(field, v, max)?;
    }
    Ok(())
}

/// A colour given (or not): `#rrggbb` or empty.
pub(super) fn check_color(value: &Option<String>) -> Result<()> {
    if let Some(v) = value {
        edit::check_color(v)?;
    }
    Ok(())
}

/// A field for [`write`]: its column and its new value, if given.
pub(super) fn field<'a, T: ToSql>(column: &'static str, value: Option<&'a T>) -> (&'static str, Option<&'a dyn ToSql>) {
    (column, value.map(|v| v as &dyn ToSql))
}

/// Writes the given fields of the row `id` of `table`; the others keep their
/// value. Nothing given, nothing written.
pub(super) fn write(conn: &Connection, table: &str, id: &str, fields: &[(&'static str, Option<&dyn ToSql>)]) -> Result<()> {
    let given: Vec<_> = fields.iter().filter_map(|(column, value)| value.map(|v| (*column, v))).collect();
    if given.is_empty() {
        return Ok(());
    }
    let set: Vec<String> = given.iter().enumerate().map(|(i, (column, _))| format!("{column} = ?{}", i + 2)).collect();
    let sql = format!("UPDATE {table} SET {} WHERE id = ?1", set.join(", "));
    let values = std::iter::once(&id as &dyn ToSql).chain(given.iter().map(|(_, v)| *v));
    conn.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    Ok(())
}

/// The undo of a field: its old value where the edit gave one.
pub(super) fn old<T, U>(given: &Option<T>, old: U) -> Option<U> {
    given.as_ref().map(|_| old)
}
