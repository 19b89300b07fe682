//! Edits of review comments: post (the core gives the time), put back whole,
//! change the text, delete (a thread's first comment with its replies),
//! resolve and reopen a thread. Comments on a card or stage that is deleted
//! go with it, and come back with its undo ([`take_away`]).

use rusqlite::{params, Connection};

use super::list::{ensure_new_id, ensure_room};
use crate::edit::{self, limits, Edit};
use crate::error::{EditError, Result};
use crate::model::{Comment, CommentOn, Id};
use crate::store::load;

/// (map_id, comment)
fn get(conn: &Connection, id: &str) -> Result<(String, Comment)> {
    load::find_comment(conn, id)?.ok_or_else(|| EditError::UnknownComment(id.to_owned()).into())
}

/// A thread's first comment (resolving and reopening name a thread by it).
fn get_root(conn: &Connection, id: &str) -> Result<Comment> {
    let (_, c) = get(conn, id)?;
    if c.parent_id.is_some() {
        return Err(EditError::CommentThread("a thread is resolved or reopened by its first comment").into());
    }
    Ok(c)
}

/// The map of the card or stage a comment is about.
fn target_map(conn: &Connection, on: CommentOn, target_id: &str) -> Result<String> {
    let map = match on {
        CommentOn::Card => load::find_card(conn, target_id)?.map(|(map, _, _)| map),
        CommentOn::Stage => load::find_stage(conn, target_id)?.map(|(map, _, _)| map),
    };
    map.ok_or_else(|| EditError::UnknownCommentTarget(target_id.to_owned()).into())
}

fn now_ms() -> i64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX)).unwrap_or(0)
}

pub(super) fn post(
    conn: &Connection,
    comment_id: &Id,
    on: CommentOn,
    target_id: &Id,
    parent_id: &Option<Id>,
    author: &str,
    body: &str,
) -> Result<Edit> {
    let comment = Comment {
        id: comment_id.clone(),
        on,
        target_id: target_id.clone(),
        parent_id: parent_id.clone(),
        author: author.to_owned(),
        body: body.to_owned(),
        created_at: now_ms(),
        resolved_at: None,
        resolved_by: String::new(),
    };
    add(conn, &comment)
}

pub(super) fn add(conn: &Connection, comment: &Comment) -> Result<Edit> {
    edit::check_comment(comment)?;
    ensure_new_id(conn, "comments", &comment.id)?;
    let map_id = target_map(conn, comment.on, &comment.target_id)?;
    if let Some(p) = &comment.parent_id {
        let (_, parent) = get(conn, p)?;
        edit::check_reply(&parent, comment.on, &comment.target_id)?;
    }
    let count: i64 = conn.prepare_cached("SELECT count(*) FROM comments WHERE map_id = ?1")?.query_row([&map_id], |r| r.get(0))?;
    ensure_room(count, limits::COMMENTS_PER_MAP, "comments")?;
    insert(conn, &map_id, comment)?;
    Ok(Edit::DeleteComment { comment_id: comment.id.clone() })
}

/// Writes a checked comment (its parent, if any, is there already).
pub(super) fn insert(conn: &Connection, map_id: &str, c: &Comment) -> Result<()> {
    let (card_id, stage_id) = match c.on {
        CommentOn::Card => (Some(&c.target_id), None),
        CommentOn::Stage => (None, Some(&c.target_id)),
    };
    conn.prepare_cached(
        "INSERT INTO comments(id, map_id, card_id, stage_id, parent_id, author, body, created_at, resolved_at, resolved_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![c.id, map_id, card_id, stage_id, c.parent_id, c.author, c.body, c.created_at, c.resolved_at, c.resolved_by])?;
    Ok(())
}

pub(super) fn update(conn: &Connection, comment_id: &Id, body: &str) -> Result<Edit> {
    let (_, old) = get(conn, comment_id)?;
    edit::check_len("comment", body, limits::TEXT)?;
    conn.execute("UPDATE comments SET body = ?2 WHERE id = ?1", params![comment_id, body])?;
    Ok(Edit::UpdateComment { comment_id: comment_id.clone(), body: old.body })
}

pub(super) fn delete(conn: &Connection, comment_id: &Id) -> Result<Edit> {
    let (_, comment) = get(conn, comment_id)?;
    let replies = load::comments_where(conn, "parent_id", comment_id)?;
    conn.execute("DELETE FROM comments WHERE parent_id = ?1", [comment_id])?;
    conn.execute("DELETE FROM comments WHERE id = ?1", [comment_id])?;
    let mut edits = vec![Edit::AddComment { comment }];
    edits.extend(replies.into_iter().map(|comment| Edit::AddComment { comment }));
    Ok(if edits.len() == 1 { edits.remove(0) } else { Edit::Batch { edits } })
}

pub(super) fn resolve(conn: &Connection, comment_id: &Id, by: &str, at: Option<i64>) -> Result<Edit> {
    let old = get_root(conn, comment_id)?;
    edit::check_len("comment resolved by", by, limits::AUTHOR)?;
    let at = at.unwrap_or_else(now_ms);
    edit::check_time("comment resolved time", at)?;
    conn.execute("UPDATE comments SET resolved_at = ?2, resolved_by = ?3 WHERE id = ?1", params![comment_id, at, by])?;
    Ok(resolution_of(old))
}

pub(super) fn reopen(conn: &Connection, comment_id: &Id) -> Result<Edit> {
    let old = get_root(conn, comment_id)?;
    conn.execute("UPDATE comments SET resolved_at = NULL, resolved_by = '' WHERE id = ?1", [comment_id])?;
    Ok(resolution_of(old))
}

/// The edit that gives a thread back the resolution `old` had.
fn resolution_of(old: Comment) -> Edit {
    match old.resolved_at {
        Some(at) => Edit::ResolveComment { comment_id: old.id, by: old.resolved_by, at: Some(at) },
        None => Edit::ReopenComment { comment_id: old.id },
    }
}

/// What a deleted card, stage or lane takes with it.
#[derive(Clone, Copy)]
pub(super) enum Gone {
    Card,
    Stage,
    Lane,
}

/// Deletes the comments on what is about to be deleted (`id`: a card; a stage
/// with its cards; a lane's cards) and returns the edits that put them back,
/// to run once it is back (first comments before their replies).
pub(super) fn take_away(conn: &Connection, gone: Gone, id: &str) -> Result<Vec<Edit>> {
    let cond = match gone {
        Gone::Card => "card_id = ?1",
        Gone::Stage => "(stage_id = ?1 OR card_id IN (SELECT id FROM cards WHERE stage_id = ?1))",
        Gone::Lane => "card_id IN (SELECT id FROM cards WHERE lane_id = ?1)",
    };
    let sql = format!("SELECT id FROM comments WHERE {cond} ORDER BY parent_id IS NOT NULL, created_at, id",);
    let ids: Vec<String> = {
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut restore = Vec::with_capacity(ids.len());
    for comment_id in ids {
        let (_, comment) = get(conn, &comment_id)?;
        restore.push(Edit::AddComment { comment });
    }
    // A thread's replies are on its target: they go first, then the threads.
    conn.execute(&format!("DELETE FROM comments WHERE parent_id IS NOT NULL AND {cond}"), [id])?;
    conn.execute(&format!("DELETE FROM comments WHERE {cond}"), [id])?;
    Ok(restore)
}
