//! The project file format: its identity (SQLite `application_id`), its version
//! (`user_version`) and the forward migrations between versions.

use rusqlite::Connection;

use crate::error::Result;

/// `PRAGMA application_id` of every project file: "JOUR" in ASCII. Lets us tell
/// our files from any other SQLite database without reading their tables.
pub const APPLICATION_ID: i32 = 0x4A4F_5552;

/// The extension of project files.
pub const EXTENSION: &str = "journey";

/// The schema version this build writes. Files at a lower version are migrated
/// forward when opened; files at a higher one are refused untouched.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// `MIGRATIONS[n]` takes a file from version `n` to `n + 1`. Never edit a
/// migration that has shipped: add a new one.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1: the first format.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    CREATE TABLE personas (
        id          TEXT PRIMARY KEY,
        position    INTEGER NOT NULL,
        name        TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE TABLE maps (
        id         TEXT PRIMARY KEY,
        position   INTEGER NOT NULL,
        name       TEXT NOT NULL,
        goal       TEXT NOT NULL DEFAULT '',
        scenario   TEXT NOT NULL DEFAULT '',
        persona_id TEXT REFERENCES personas(id)
    ) STRICT;
    CREATE TABLE stages (
        id       TEXT PRIMARY KEY,
        map_id   TEXT NOT NULL REFERENCES maps(id),
        position INTEGER NOT NULL,
        name     TEXT NOT NULL,
        color    TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE TABLE lanes (
        id       TEXT PRIMARY KEY,
        map_id   TEXT NOT NULL REFERENCES maps(id),
        position INTEGER NOT NULL,
        name     TEXT NOT NULL,
        kind     TEXT NOT NULL,
        color    TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE TABLE cards (
        id       TEXT PRIMARY KEY,
        map_id   TEXT NOT NULL REFERENCES maps(id),
        stage_id TEXT NOT NULL REFERENCES stages(id),
        lane_id  TEXT NOT NULL REFERENCES lanes(id),
        position INTEGER NOT NULL,
        text     TEXT NOT NULL DEFAULT '',
        note     TEXT NOT NULL DEFAULT '',
        color    TEXT NOT NULL DEFAULT '',
        channel  TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX cards_by_cell ON cards(stage_id, lane_id, position);
    CREATE INDEX stages_by_map ON stages(map_id, position);
    CREATE INDEX lanes_by_map ON lanes(map_id, position);
    -- Every applied edit with its inverse: the undo/redo stack, kept in the file
    -- (renamed undo_log in version 4).
    CREATE TABLE history (
        seq     INTEGER PRIMARY KEY AUTOINCREMENT,
        edit    TEXT NOT NULL,
        inverse TEXT NOT NULL,
        undone  INTEGER NOT NULL DEFAULT 0,
        at_ms   INTEGER NOT NULL
    ) STRICT;
    "#,
    // 1 -> 2: measured values on cards (emotion score, conversion rate, volume).
    r#"
    ALTER TABLE cards ADD COLUMN emotion INTEGER CHECK (emotion BETWEEN -2 AND 2);
    ALTER TABLE cards ADD COLUMN conversion REAL CHECK (conversion BETWEEN 0 AND 100);
    ALTER TABLE cards ADD COLUMN volume INTEGER CHECK (volume >= 0);
    "#,
    // 2 -> 3: the journey method: richer personas (with a photo), research
    // items linked to cards, and named snapshots of maps (review history).
    r#"
    ALTER TABLE personas ADD COLUMN role TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN goals TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN needs TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN frustrations TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN quote TEXT NOT NULL DEFAULT '';
    ALTER TABLE personas ADD COLUMN photo TEXT NOT NULL DEFAULT '';
    CREATE TABLE research (
        id       TEXT PRIMARY KEY,
        map_id   TEXT NOT NULL REFERENCES maps(id),
        position INTEGER NOT NULL,
        kind     TEXT NOT NULL,
        title    TEXT NOT NULL DEFAULT '',
        detail   TEXT NOT NULL DEFAULT '',
        insight  TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX research_by_map ON research(map_id, position);
    CREATE TABLE research_links (
        item_id  TEXT NOT NULL REFERENCES research(id),
        card_id  TEXT NOT NULL REFERENCES cards(id),
        position INTEGER NOT NULL,
        PRIMARY KEY (item_id, card_id)
    ) STRICT;
    CREATE INDEX research_links_by_card ON research_links(card_id);
    CREATE TABLE snapshots (
        id        TEXT PRIMARY KEY,
        map_id    TEXT NOT NULL REFERENCES maps(id),
        position  INTEGER NOT NULL,
        name      TEXT NOT NULL,
        note      TEXT NOT NULL DEFAULT '',
        taken_at  INTEGER NOT NULL,
        cards     INTEGER NOT NULL,
        overall_conversion REAL,
        -- The map as it was, as JSON (model::Map).
        map       TEXT NOT NULL
    ) STRICT;
    CREATE INDEX snapshots_by_map ON snapshots(map_id, position);
    "#,
    // 3 -> 4: the undo/redo stack's table is named for what it holds; "history"
    // is the review history (snapshots) everywhere else. Version 4 files may
    // also hold the service blueprint's lane kinds (frontstage, backstage,
    // support, evidence), which older builds do not know: they refuse the file.
    r#"
    ALTER TABLE history RENAME TO undo_log;
    -- Several personas on one map (issue 19): an emotion card may score how one
    -- persona feels; none is the map's persona. One curve per persona.
    ALTER TABLE cards ADD COLUMN persona_id TEXT REFERENCES personas(id);
    "#,
    // 4 -> 5: images on cards (issue 19). The pictures live in their own
    // table, named by a hash of their bytes (the same picture is kept once),
    // with a thumbnail for the canvas; a card names one. Version 5 files may
    // hold the image lane kind, which older builds do not know.
    r#"
    CREATE TABLE images (
        id     TEXT PRIMARY KEY,
        mime   TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
        width  INTEGER NOT NULL,
        height INTEGER NOT NULL,
        bytes  BLOB NOT NULL,
        thumb  BLOB NOT NULL
    ) STRICT;
    ALTER TABLE cards ADD COLUMN image_id TEXT REFERENCES images(id);
    CREATE INDEX cards_by_image ON cards(image_id) WHERE image_id IS NOT NULL;
    "#,
    // 5 -> 6: review comments on cards and stages (issue 19): threads of a
    // first comment and its replies, resolved or open as a whole.
    r#"
    CREATE TABLE comments (
        id          TEXT PRIMARY KEY,
        map_id      TEXT NOT NULL REFERENCES maps(id),
        card_id     TEXT REFERENCES cards(id),
        stage_id    TEXT REFERENCES stages(id),
        parent_id   TEXT REFERENCES comments(id),
        author      TEXT NOT NULL,
        body        TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        resolved_at INTEGER,
        resolved_by TEXT NOT NULL DEFAULT '',
        CHECK ((card_id IS NULL) <> (stage_id IS NULL))
    ) STRICT;
    CREATE INDEX comments_by_map ON comments(map_id, created_at);
    CREATE INDEX comments_by_card ON comments(card_id);
    CREATE INDEX comments_by_stage ON comments(stage_id);
    CREATE INDEX comments_by_parent ON comments(parent_id);
    "#,
    // 6 -> 7: live collaboration (sync/): a shared project's CRDT document as
    // its changes (kept with the edits they mirror), this file's actor id, and
    // what each peer is known to have. Empty for a project that is not shared.
    r#"
    CREATE TABLE sync_meta (
        key   TEXT PRIMARY KEY,
        value BLOB NOT NULL
    ) STRICT;
    CREATE TABLE sync_chunks (
        seq   INTEGER PRIMARY KEY AUTOINCREMENT,
        bytes BLOB NOT NULL
    ) STRICT;
    CREATE TABLE sync_peers (
        peer  TEXT PRIMARY KEY,
        state BLOB NOT NULL
    ) STRICT;
    "#,
];

/// Runs every migration from the file's version up to [`SCHEMA_VERSION`] in one
/// transaction. The caller has checked the file is ours and not newer.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let from: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (n, sql) in MIGRATIONS.iter().enumerate().skip(usize::try_from(from).unwrap_or(usize::MAX)) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", n as i64 + 1)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

/// What the journal kept between commits may stay as large as (bytes).
const JOURNAL_SIZE_LIMIT: i64 = 1 << 20;

/// Removes the journal kept beside the file (see [`configure`]): the file is
/// being closed. Nothing must be under way on `conn`.
pub fn release_journal(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(())
}

/// Connection settings for durability: every committed transaction is on disk
/// (rollback journal, fsync on commit), so an acknowledged edit survives a crash
/// or power cut.
///
/// The journal is kept beside the file while it is open (`PERSIST`): a commit
/// ends by zeroing the journal's header and fsyncing it, instead of deleting the
/// journal file (DELETE mode), whose directory change is slow to reach the disk
/// on a busy machine (commits p95 84–96 ms there, 7–19 ms persisted) and is not
/// itself fsynced. A zeroed journal is not "hot": SQLite and [`super::probe`]
/// ignore it. [`release_journal`] removes it when the file is closed, so a
/// project is one file whenever it is not open.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "PERSIST")?;
    // A large change (an import) leaves no large journal behind: cut back after each commit.
    conn.pragma_update(None, "journal_size_limit", JOURNAL_SIZE_LIMIT)?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.busy_timeout(std::time::Duration::from_millis(2_000))?;
    Ok(())
}
