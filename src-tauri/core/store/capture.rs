//! Which records a transaction changed, read back as a [`DocumentChange`].
//!
//! Temporary triggers (they live in the connection's `temp` schema, never in
//! the file) note the id of every row inserted, updated or deleted in the
//! document's tables, with the first thing that happened to it in the
//! transaction. At the end, each noted row is read as it is now: a row that is
//! there was added (first noted as inserted) or updated; a row that is gone was
//! removed (unless it was inserted and deleted in the same transaction). This
//! knows nothing of edit types, so every edit, undo, redo and restore answers
//! the same way.

use rusqlite::{Connection, OptionalExtension};

use super::load;
use crate::change::{
    CardRecord, CommentRecord, DocumentChange, LaneRecord, MapRecord, PersonaRecord, Records, ResearchRecord, SnapshotRecord, StageRecord,
};
use crate::error::Result;
use crate::model::Id;

/// The document's tables whose rows are records, each keyed by `id`.
const RECORD_TABLES: [&str; 8] = ["maps", "personas", "stages", "lanes", "cards", "research", "snapshots", "comments"];

/// Notes `(tbl, id, op)` unless that row is noted already (the first op counts).
fn note(tbl: &str, id: &str, op: &str) -> String {
    format!(
        "INSERT INTO changed(tbl, id, op) SELECT '{tbl}', {id}, '{op}' \
         WHERE NOT EXISTS (SELECT 1 FROM changed WHERE tbl = '{tbl}' AND id = {id});"
    )
}

/// The SQL that creates the `temp.changed` table and its triggers.
fn triggers_sql() -> String {
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS changed (
             tbl TEXT NOT NULL,
             id  TEXT NOT NULL,
             op  TEXT NOT NULL,
             PRIMARY KEY (tbl, id)
         ) WITHOUT ROWID;\n",
    );
    for t in RECORD_TABLES {
        for (event, row, op) in [("INSERT", "new", "insert"), ("UPDATE", "new", "update"), ("DELETE", "old", "delete")] {
            let body = note(t, &format!("{row}.id"), op);
            sql.push_str(&format!("CREATE TEMP TRIGGER IF NOT EXISTS changed_{t}_{op} AFTER {event} ON {t} BEGIN {body} END;\n"));
        }
    }
    // A research item's links are part of the item's record.
    for (event, rows) in [("INSERT", &["new"][..]), ("UPDATE", &["old", "new"][..]), ("DELETE", &["old"][..])] {
        let body: String = rows.iter().map(|r| note("research", &format!("{r}.item_id"), "update")).collect();
        let name = event.to_lowercase();
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS changed_research_links_{name} AFTER {event} ON research_links BEGIN {body} END;\n"
        ));
    }
    // A persona's photo travels only when it changed.
    let photo = note("persona_photo", "new.id", "update");
    sql.push_str(&format!(
        "CREATE TEMP TRIGGER IF NOT EXISTS changed_persona_photo AFTER UPDATE OF photo ON personas \
         WHEN old.photo IS NOT new.photo BEGIN {photo} END;\n"
    ));
    // The project title is the one record-like value of `meta`.
    for event in ["INSERT", "UPDATE"] {
        let body = note("meta", "new.key", "update");
        let name = event.to_lowercase();
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS changed_meta_{name} AFTER {event} ON meta \
             WHEN new.key = 'title' BEGIN {body} END;\n"
        ));
    }
    sql
}

/// Installs the triggers on `conn` (once per connection; the file is not
/// touched: they live in the connection's temporary schema).
pub(crate) fn install(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.execute_batch(&triggers_sql())?;
    Ok(())
}

/// Forgets what earlier transactions noted (call at the start of one).
pub(crate) fn reset(conn: &Connection) -> Result<()> {
    conn.prepare_cached("DELETE FROM temp.changed")?.execute([])?;
    Ok(())
}

/// Where a noted row stands at the end of the transaction.
enum Fate<T> {
    Added(T),
    Updated(T),
    Removed,
    /// Inserted and deleted within the transaction: nothing to tell.
    Transient,
}

fn fate<T>(op: &str, now: Option<T>) -> Fate<T> {
    match (now, op) {
        (Some(r), "insert") => Fate::Added(r),
        (Some(r), _) => Fate::Updated(r),
        (None, "insert") => Fate::Transient,
        (None, _) => Fate::Removed,
    }
}

fn push<T>(records: &mut Records<T>, id: Id, fate: Fate<T>) {
    match fate {
        Fate::Added(r) => records.added.push(r),
        Fate::Updated(r) => records.updated.push(r),
        Fate::Removed => records.removed.push(id),
        Fate::Transient => {}
    }
}

/// Reads every noted row as it is now into a change (whose revision and
/// undo/redo flags the caller sets). The notes stay until the next transaction
/// starts with [`reset`].
pub(crate) fn collect(conn: &Connection) -> Result<DocumentChange> {
    let noted: Vec<(String, String, String)> = {
        let mut stmt = conn.prepare_cached("SELECT tbl, id, op FROM temp.changed ORDER BY tbl, id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let photos: Vec<&str> = noted.iter().filter(|(t, _, _)| t == "persona_photo").map(|(_, id, _)| id.as_str()).collect();
    let mut change = DocumentChange::default();
    for (tbl, id, op) in &noted {
        match tbl.as_str() {
            "meta" => change.title = Some(load::project_title(conn)?),
            "maps" => push(&mut change.maps, id.clone(), fate(op, map(conn, id)?)),
            "personas" => {
                let with_photo = op == "insert" || photos.contains(&id.as_str());
                push(&mut change.personas, id.clone(), fate(op, persona(conn, id, with_photo)?))
            }
            "stages" => push(&mut change.stages, id.clone(), fate(op, stage(conn, id)?)),
            "lanes" => push(&mut change.lanes, id.clone(), fate(op, lane(conn, id)?)),
            "cards" => push(&mut change.cards, id.clone(), fate(op, card(conn, id)?)),
            "research" => push(&mut change.research, id.clone(), fate(op, research(conn, id)?)),
            "snapshots" => push(&mut change.snapshots, id.clone(), fate(op, snapshot(conn, id)?)),
            "comments" => push(&mut change.comments, id.clone(), fate(op, comment(conn, id)?)),
            _ => {} // persona_photo: read with its persona above
        }
    }
    Ok(change)
}

fn map(conn: &Connection, id: &str) -> Result<Option<MapRecord>> {
    Ok(conn
        .prepare_cached("SELECT id, position, name, goal, scenario, persona_id FROM maps WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(MapRecord {
                id: r.get(0)?,
                position: r.get(1)?,
                name: r.get(2)?,
                goal: r.get(3)?,
                scenario: r.get(4)?,
                persona_id: r.get(5)?,
            })
        })
        .optional()?)
}

fn stage(conn: &Connection, id: &str) -> Result<Option<StageRecord>> {
    Ok(load::find_stage(conn, id)?.map(|(map_id, position, stage)| StageRecord { map_id, position, stage }))
}

fn lane(conn: &Connection, id: &str) -> Result<Option<LaneRecord>> {
    Ok(load::find_lane(conn, id)?.map(|(map_id, position, lane)| LaneRecord { map_id, position, lane }))
}

fn card(conn: &Connection, id: &str) -> Result<Option<CardRecord>> {
    Ok(load::find_card(conn, id)?.map(|(map_id, position, card)| CardRecord { map_id, position, card }))
}

fn persona(conn: &Connection, id: &str, with_photo: bool) -> Result<Option<PersonaRecord>> {
    Ok(load::find_persona(conn, id)?.map(|(position, mut persona)| {
        if !with_photo {
            persona.photo = String::new();
        }
        PersonaRecord { position, with_photo, persona }
    }))
}

fn research(conn: &Connection, id: &str) -> Result<Option<ResearchRecord>> {
    Ok(load::find_research(conn, id)?.map(|(map_id, position, item)| ResearchRecord { map_id, position, item }))
}

fn snapshot(conn: &Connection, id: &str) -> Result<Option<SnapshotRecord>> {
    let sql = "SELECT id, map_id, name, note, taken_at, cards, overall_conversion, position FROM snapshots WHERE id = ?1";
    Ok(conn
        .prepare_cached(sql)?
        .query_row([id], |r| Ok(SnapshotRecord { position: r.get(7)?, info: load::snapshot_info_row(r)? }))
        .optional()?)
}

fn comment(conn: &Connection, id: &str) -> Result<Option<CommentRecord>> {
    Ok(load::find_comment(conn, id)?.map(|(map_id, comment)| CommentRecord { map_id, comment }))
}
