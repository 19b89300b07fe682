//! Edits of personas: add, update (checked whole, photo included), delete.

use rusqlite::{params, Connection};

use super::list::{ensure_new_id, u32_index, List};
use super::update;
use crate::edit::{self, limits, Edit};
use crate::error::{EditError, Result};
use crate::model::{Id, Persona};
use crate::store::load;

/// (position, persona)
pub(super) fn get(conn: &Connection, id: &str) -> Result<(i64, Persona)> {
    load::find_persona(conn, id)?.ok_or_else(|| EditError::UnknownPersona(id.to_owned()).into())
}

pub(super) fn add(conn: &Connection, persona: &Persona, index: u32) -> Result<Edit> {
    edit::check_persona(persona)?;
    ensure_new_id(conn, "personas", &persona.id)?;
    let pos = List::Personas.make_room(conn, index, limits::PERSONAS, "personas")?;
    conn.execute(
        "INSERT INTO personas(id, position, name, description, role, goals, needs, frustrations, quote, photo)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            persona.id,
            pos,
            persona.name,
            persona.description,
            persona.role,
            persona.goals,
            persona.needs,
            persona.frustrations,
            persona.quote,
            persona.photo
        ],
    )?;
    Ok(Edit::DeletePersona { persona_id: persona.id.clone() })
}

/// The fields of an `update_persona` edit, each given or left out.
pub(super) struct Fields<'a> {
    pub name: &'a Option<String>,
    pub description: &'a Option<String>,
    pub role: &'a Option<String>,
    pub goals: &'a Option<String>,
    pub needs: &'a Option<String>,
    pub frustrations: &'a Option<String>,
    pub quote: &'a Option<String>,
    pub photo: &'a Option<String>,
}

pub(super) fn update(conn: &Connection, persona_id: &Id, f: Fields<'_>) -> Result<Edit> {
    let (_, old) = get(conn, persona_id)?;
    let or_old = |given: &Option<String>, old: &String| given.clone().unwrap_or_else(|| old.clone());
    // The persona as it will be, checked whole by the same rules as a new one.
    let new = Persona {
        id: old.id.clone(),
        name: or_old(f.name, &old.name),
        description: or_old(f.description, &old.description),
        role: or_old(f.role, &old.role),
        goals: or_old(f.goals, &old.goals),
        needs: or_old(f.needs, &old.needs),
        frustrations: or_old(f.frustrations, &old.frustrations),
        quote: or_old(f.quote, &old.quote),
        photo: or_old(f.photo, &old.photo),
    };
    edit::check_persona(&new)?;
    let fields = [
        update::field("name", f.name.as_ref()),
        update::field("description", f.description.as_ref()),
        update::field("role", f.role.as_ref()),
        update::field("goals", f.goals.as_ref()),
        update::field("needs", f.needs.as_ref()),
        update::field("frustrations", f.frustrations.as_ref()),
        update::field("quote", f.quote.as_ref()),
        update::field("photo", f.photo.as_ref()),
    ];
    update::write(conn, "personas", persona_id, &fields)?;
    Ok(Edit::UpdatePersona {
        persona_id: persona_id.clone(),
        name: update::old(f.name, old.name),
        description: update::old(f.description, old.description),
        role: update::old(f.role, old.role),
        goals: update::old(f.goals, old.goals),
        needs: update::old(f.needs, old.needs),
        frustrations: update::old(f.frustrations, old.frustrations),
        quote: update::old(f.quote, old.quote),
        photo: update::old(f.photo, old.photo),
    })
}

/// Deletes a persona; the maps it was linked to keep no persona, and its undo links them again.
pub(super) fn delete(conn: &Connection, persona_id: &Id) -> Result<Edit> {
    let (pos, persona) = get(conn, persona_id)?;
    let linked: Vec<Id> = {
        let mut stmt = conn.prepare("SELECT id FROM maps WHERE persona_id = ?1 ORDER BY position")?;
        let rows = stmt.query_map([persona_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    conn.execute("UPDATE maps SET persona_id = NULL WHERE persona_id = ?1", [persona_id])?;
    let scored: Vec<Id> = {
        let mut stmt = conn.prepare("SELECT id FROM cards WHERE persona_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([persona_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    conn.execute("UPDATE cards SET persona_id = NULL WHERE persona_id = ?1", [persona_id])?;
    conn.execute("DELETE FROM personas WHERE id = ?1", [persona_id])?;
    List::Personas.close_gap(conn, pos)?;
    let mut undo = vec![Edit::AddPersona { persona, index: u32_index(pos) }];
    undo.extend(linked.into_iter().map(|map_id| Edit::SetMapPersona { map_id, persona_id: Some(persona_id.clone()) }));
    undo.extend(scored.into_iter().map(|card_id| Edit::SetCardPersona { card_id, persona_id: Some(persona_id.clone()) }));
    Ok(Edit::Batch { edits: undo })
}
