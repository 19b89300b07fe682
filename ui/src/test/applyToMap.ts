// The Rust core's edit semantics, in TypeScript, for tests only (the fake core
// and the pure-logic tests). Positions follow src-tauri/store/apply.rs: an index
// past the end means "at the end"; a moved item's index is its place in the list
// without it.
import type { Edit, Map, Persona, Project, Snapshot } from "../bindings";

export class FakeEditError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
function fail(code: string, message: string): never {
  throw new FakeEditError(code, message);
}
function checkId(id: string) {
  if (!ID.test(id)) fail("edit_invalid_id", `invalid id ${id}`);
}
/** The core's check_photo: empty, or a base64 PNG/JPEG data URL whose bytes say so, at most 2,000,000 characters. */
function checkPhoto(url: string) {
  if (url === "") return;
  if (url.length > 2_000_000) fail("edit_too_long", "persona photo");
  const m = /^data:(image\/png|image\/jpeg);base64,([A-Za-z0-9+/=]*)$/.exec(url) ?? fail("edit_invalid_photo", "not a data URL");
  const magic = m[1] === "image/png" ? "iVBORw0KGgo" : "/9j/";
  if (!m[2].startsWith(magic)) fail("edit_invalid_photo", "bytes are not " + m[1]);
}
function checkLen(what: string, v: string, max: number) {
  if ([...v].length > max) fail("edit_too_long", what);
}
function checkPersona(p: Persona) {
  checkId(p.id);
  checkLen("persona name", p.name, 500);
  checkLen("persona role", p.role, 500);
  for (const v of [p.description, p.goals, p.needs, p.frustrations, p.quote]) checkLen("persona text", v, 20_000);
  checkPhoto(p.photo);
}
function place<T>(list: T[], index: number, item: T) {
  list.splice(Math.min(index, list.length), 0, item);
}
function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Position of a card within its cell, and the array index to insert at for a cell position. */
function cellSlot(m: Map, stageId: string, laneId: string, index: number): number {
  const inCell = m.cards.map((c, i) => ({ c, i })).filter(({ c }) => c.stage_id === stageId && c.lane_id === laneId);
  if (index < inCell.length) return inCell[index].i;
  return inCell.length ? inCell[inCell.length - 1].i + 1 : m.cards.length;
}

/** Research links to cards no longer in their map go (the core deletes them with the card). */
function pruneLinks(m: Map) {
  const ids = new Set(m.cards.map((c) => c.id));
  for (const r of m.research) r.card_ids = r.card_ids.filter((id) => ids.has(id));
}

function checkLinks(m: Map, cardIds: string[], maps: Map[]) {
  if (new Set(cardIds).size !== cardIds.length) fail("edit_duplicate_id", "a card is linked twice");
  for (const id of cardIds) {
    checkId(id);
    if (!m.cards.some((c) => c.id === id)) {
      if (maps.some((x) => x.cards.some((c) => c.id === id))) fail("edit_link_outside_map", `card ${id} is in another map`);
      fail("edit_unknown_target", `no card ${id}`);
    }
  }
}

/**
 * Applies `edit` to `project` in place. `snapshots` is the document's list of
 * snapshots (all maps), needed by the snapshot edits.
 */
export function applyEditToProject(project: Project, edit: Edit, snapshots: Snapshot[] = []): void {
  const maps = project.maps;
  const mapOf = (pred: (m: Map) => boolean, what: string) => maps.find(pred) ?? fail("edit_unknown_target", `no ${what}`);
  const cardMap = (id: string) => mapOf((m) => m.cards.some((c) => c.id === id), `card ${id}`);
  const stageMap = (id: string) => mapOf((m) => m.stages.some((s) => s.id === id), `stage ${id}`);
  const laneMap = (id: string) => mapOf((m) => m.lanes.some((l) => l.id === id), `lane ${id}`);
  const allCards = () => maps.flatMap((m) => m.cards);
  const researchMap = (id: string) => mapOf((m) => m.research.some((r) => r.id === id), `research item ${id}`);
  const replaceMap = (map: Map) => {
    const i = maps.findIndex((m) => m.id === map.id);
    if (i < 0) fail("edit_unknown_target", `no map ${map.id}`);
    maps[i] = map;
  };

  switch (edit.type) {
    case "batch": {
      const before = clone(project);
      const beforeSnaps = clone(snapshots);
      try {
        for (const e of edit.edits) applyEditToProject(project, e, snapshots);
      } catch (err) {
        Object.assign(project, before);
        snapshots.splice(0, snapshots.length, ...beforeSnaps);
        throw err;
      }
      return;
    }
    case "set_project_title":
      project.title = edit.title;
      return;
    case "update_map": {
      const m = mapOf((x) => x.id === edit.map_id, `map ${edit.map_id}`);
      if (edit.name !== undefined) m.name = edit.name;
      if (edit.goal !== undefined) m.goal = edit.goal;
      if (edit.scenario !== undefined) m.scenario = edit.scenario;
      return;
    }
    case "set_map_persona": {
      const m = mapOf((x) => x.id === edit.map_id, `map ${edit.map_id}`);
      if (edit.persona_id !== null && !project.personas.some((p) => p.id === edit.persona_id)) fail("edit_unknown_target", "no persona");
      m.persona_id = edit.persona_id;
      return;
    }
    case "add_persona":
      checkPersona(edit.persona);
      if (project.personas.some((p) => p.id === edit.persona.id)) fail("edit_duplicate_id", `the id ${edit.persona.id} is already used`);
      if (project.personas.length >= 500) fail("edit_too_many", "personas");
      place(project.personas, edit.index, clone(edit.persona));
      return;
    case "update_persona": {
      const i = project.personas.findIndex((x) => x.id === edit.persona_id);
      if (i < 0) fail("edit_unknown_target", "no persona");
      const { type: _type, persona_id: _id, ...fields } = edit;
      const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      // The persona as it will be, checked whole by the same rules as a new one.
      const next: Persona = { ...project.personas[i], ...defined };
      checkPersona(next);
      project.personas[i] = next;
      return;
    }
    case "delete_persona": {
      if (!project.personas.some((p) => p.id === edit.persona_id)) fail("edit_unknown_target", "no persona");
      project.personas = project.personas.filter((p) => p.id !== edit.persona_id);
      // Maps linked to it are unlinked.
      for (const m of maps) if (m.persona_id === edit.persona_id) m.persona_id = null;
      return;
    }
    case "add_stage": {
      const m = mapOf((x) => x.id === edit.map_id, `map ${edit.map_id}`);
      checkId(edit.stage.id);
      place(m.stages, edit.index, clone(edit.stage));
      return;
    }
    case "update_stage": {
      const s = stageMap(edit.stage_id).stages.find((x) => x.id === edit.stage_id)!;
      if (edit.name !== undefined) s.name = edit.name;
      if (edit.color !== undefined) s.color = edit.color;
      return;
    }
    case "move_stage": {
      const m = stageMap(edit.stage_id);
      const from = m.stages.findIndex((s) => s.id === edit.stage_id);
      const [s] = m.stages.splice(from, 1);
      place(m.stages, edit.index, s);
      return;
    }
    case "delete_stage": {
      const m = stageMap(edit.stage_id);
      if (m.stages.length <= 1) fail("edit_last_one", "last stage");
      m.stages = m.stages.filter((s) => s.id !== edit.stage_id);
      m.cards = m.cards.filter((c) => c.stage_id !== edit.stage_id);
      pruneLinks(m);
      return;
    }
    case "add_lane": {
      const m = mapOf((x) => x.id === edit.map_id, `map ${edit.map_id}`);
      checkId(edit.lane.id);
      place(m.lanes, edit.index, clone(edit.lane));
      return;
    }
    case "update_lane": {
      const l = laneMap(edit.lane_id).lanes.find((x) => x.id === edit.lane_id)!;
      if (edit.name !== undefined) l.name = edit.name;
      if (edit.kind !== undefined) l.kind = edit.kind;
      if (edit.color !== undefined) l.color = edit.color;
      return;
    }
    case "move_lane": {
      const m = laneMap(edit.lane_id);
      const from = m.lanes.findIndex((l) => l.id === edit.lane_id);
      const [l] = m.lanes.splice(from, 1);
      place(m.lanes, edit.index, l);
      return;
    }
    case "delete_lane": {
      const m = laneMap(edit.lane_id);
      if (m.lanes.length <= 1) fail("edit_last_one", "last lane");
      m.lanes = m.lanes.filter((l) => l.id !== edit.lane_id);
      m.cards = m.cards.filter((c) => c.lane_id !== edit.lane_id);
      pruneLinks(m);
      return;
    }
    case "add_card": {
      const { card, index } = edit;
      checkId(card.id);
      const m = maps.find((x) => x.stages.some((s) => s.id === card.stage_id) && x.lanes.some((l) => l.id === card.lane_id));
      if (!m) return fail("edit_cell_outside_map", "cell outside map");
      if (allCards().some((c) => c.id === card.id)) fail("edit_duplicate_id", `the id ${card.id} is already used`);
      m.cards.splice(cellSlot(m, card.stage_id, card.lane_id, index), 0, clone(card));
      return;
    }
    case "update_card": {
      const c = cardMap(edit.card_id).cards.find((x) => x.id === edit.card_id)!;
      if (edit.text !== undefined) c.text = edit.text;
      if (edit.note !== undefined) c.note = edit.note;
      if (edit.color !== undefined) c.color = edit.color;
      if (edit.channel !== undefined) c.channel = edit.channel;
      return;
    }
    case "set_card_metrics": {
      const c = cardMap(edit.card_id).cards.find((x) => x.id === edit.card_id)!;
      // A field left out keeps its value; null clears it.
      const emotion = edit.emotion === undefined ? c.emotion : edit.emotion;
      const conversion = edit.conversion === undefined ? c.conversion : edit.conversion;
      const volume = edit.volume === undefined ? c.volume : edit.volume;
      if (emotion !== null && (emotion < -2 || emotion > 2)) fail("edit_out_of_range", "emotion");
      if (conversion !== null && !(Number.isFinite(conversion) && conversion >= 0 && conversion <= 100)) {
        fail("edit_out_of_range", "conversion rate");
      }
      if (volume !== null && !(Number.isInteger(volume) && volume >= 0)) fail("edit_out_of_range", "volume");
      c.emotion = emotion;
      c.conversion = conversion;
      c.volume = volume;
      return;
    }
    case "move_card": {
      const m = cardMap(edit.card_id);
      if (!m.stages.some((s) => s.id === edit.stage_id) || !m.lanes.some((l) => l.id === edit.lane_id)) {
        fail("edit_cell_outside_map", "cell outside map");
      }
      const i = m.cards.findIndex((c) => c.id === edit.card_id);
      const [c] = m.cards.splice(i, 1);
      c.stage_id = edit.stage_id;
      c.lane_id = edit.lane_id;
      m.cards.splice(cellSlot(m, edit.stage_id, edit.lane_id, edit.index), 0, c);
      return;
    }
    case "delete_card": {
      const m = cardMap(edit.card_id);
      m.cards = m.cards.filter((c) => c.id !== edit.card_id);
      pruneLinks(m);
      return;
    }
    case "add_research_item": {
      const m = mapOf((x) => x.id === edit.map_id, `map ${edit.map_id}`);
      checkId(edit.item.id);
      if (maps.some((x) => x.research.some((r) => r.id === edit.item.id))) fail("edit_duplicate_id", `the id ${edit.item.id} is already used`);
      checkLinks(m, edit.item.card_ids, maps);
      place(m.research, edit.index, clone(edit.item));
      return;
    }
    case "update_research_item": {
      const r = researchMap(edit.item_id).research.find((x) => x.id === edit.item_id)!;
      if (edit.kind !== undefined) r.kind = edit.kind;
      if (edit.title !== undefined) r.title = edit.title;
      if (edit.detail !== undefined) r.detail = edit.detail;
      if (edit.insight !== undefined) r.insight = edit.insight;
      return;
    }
    case "set_research_links": {
      const m = researchMap(edit.item_id);
      checkLinks(m, edit.card_ids, maps);
      m.research.find((x) => x.id === edit.item_id)!.card_ids = [...edit.card_ids];
      return;
    }
    case "move_research_item": {
      const m = researchMap(edit.item_id);
      const from = m.research.findIndex((r) => r.id === edit.item_id);
      const [r] = m.research.splice(from, 1);
      place(m.research, edit.index, r);
      return;
    }
    case "delete_research_item": {
      const m = researchMap(edit.item_id);
      m.research = m.research.filter((r) => r.id !== edit.item_id);
      return;
    }
    case "take_snapshot": {
      const m = mapOf((x) => x.id === edit.map_id, `map ${edit.map_id}`);
      checkId(edit.snapshot_id);
      if (snapshots.some((s) => s.id === edit.snapshot_id)) fail("edit_duplicate_id", `the id ${edit.snapshot_id} is already used`);
      snapshots.push({ id: edit.snapshot_id, name: edit.name, note: edit.note, taken_at: edit.taken_at, map: clone(m) });
      return;
    }
    case "add_snapshot": {
      checkId(edit.snapshot.id);
      mapOf((x) => x.id === edit.snapshot.map.id, `map ${edit.snapshot.map.id}`);
      if (snapshots.some((s) => s.id === edit.snapshot.id)) fail("edit_duplicate_id", `the id ${edit.snapshot.id} is already used`);
      // `index` counts the snapshots of that map.
      const same = snapshots.map((s, i) => ({ s, i })).filter(({ s }) => s.map.id === edit.snapshot.map.id);
      const at = edit.index < same.length ? same[edit.index].i : snapshots.length;
      snapshots.splice(at, 0, clone(edit.snapshot));
      return;
    }
    case "update_snapshot": {
      const s = snapshots.find((x) => x.id === edit.snapshot_id) ?? fail("edit_unknown_target", `no snapshot ${edit.snapshot_id}`);
      if (edit.name !== undefined) s.name = edit.name;
      if (edit.note !== undefined) s.note = edit.note;
      return;
    }
    case "delete_snapshot": {
      const i = snapshots.findIndex((x) => x.id === edit.snapshot_id);
      if (i < 0) fail("edit_unknown_target", `no snapshot ${edit.snapshot_id}`);
      snapshots.splice(i, 1);
      return;
    }
    case "restore_snapshot": {
      const s = snapshots.find((x) => x.id === edit.snapshot_id) ?? fail("edit_unknown_target", `no snapshot ${edit.snapshot_id}`);
      const map = clone(s.map);
      // A persona deleted since the snapshot was taken stays deleted.
      if (map.persona_id !== null && !project.personas.some((p) => p.id === map.persona_id)) map.persona_id = null;
      replaceMap(map);
      return;
    }
    case "replace_map":
      replaceMap(clone(edit.map));
      return;
    default:
      fail("invalid_data", `fake core does not support ${edit.type}`);
  }
}

/** A copy of `map` with `edit` applied. */
export function applyToMap(map: Map, edit: Edit): Map {
  const project: Project = { title: "", maps: [clone(map)], personas: [] };
  applyEditToProject(project, edit);
  return project.maps[0];
}
