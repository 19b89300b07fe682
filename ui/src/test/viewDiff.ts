// Test support for the fake core: the DocumentChange between two whole
// documents, record by record (what the real core reads back from the rows a
// transaction touched). change.test.ts checks it against the real core's trace.
import type { DocumentChange, DocumentView, Records } from "../bindings";

type Keyed = globalThis.Map<string, object>;

/** Every record of one kind in `view`, by id, as the core would send it. */
function flatten(view: DocumentView) {
  const maps: Keyed = new globalThis.Map();
  const personas: Keyed = new globalThis.Map();
  const stages: Keyed = new globalThis.Map();
  const lanes: Keyed = new globalThis.Map();
  const cards: Keyed = new globalThis.Map();
  const research: Keyed = new globalThis.Map();
  const snapshots: Keyed = new globalThis.Map();
  view.project.personas.forEach((p, position) => personas.set(p.id, { position, with_photo: true, ...p }));
  view.project.maps.forEach((m, position) => {
    const { stages: s, lanes: l, cards: c, research: r, ...fields } = m;
    maps.set(m.id, { position, ...fields });
    s.forEach((x, i) => stages.set(x.id, { map_id: m.id, position: i, ...x }));
    l.forEach((x, i) => lanes.set(x.id, { map_id: m.id, position: i, ...x }));
    r.forEach((x, i) => research.set(x.id, { map_id: m.id, position: i, ...x }));
    const inCell = new globalThis.Map<string, number>();
    for (const x of c) {
      const key = `${x.stage_id}\u0000${x.lane_id}`;
      const position = inCell.get(key) ?? 0;
      inCell.set(key, position + 1);
      cards.set(x.id, { map_id: m.id, position, ...x });
    }
  });
  const perMap = new globalThis.Map<string, number>();
  for (const s of view.snapshots) {
    const position = perMap.get(s.map_id) ?? 0;
    perMap.set(s.map_id, position + 1);
    snapshots.set(s.id, { position, ...s });
  }
  return { maps, personas, stages, lanes, cards, research, snapshots };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function records<R>(before: Keyed, after: Keyed): Records<R> {
  const out: Records<R> = { added: [], updated: [], removed: [] };
  for (const [id, r] of after) {
    const old = before.get(id);
    if (!old) out.added.push(r as R);
    else if (!same(old, r)) out.updated.push(r as R);
  }
  for (const id of before.keys()) if (!after.has(id)) out.removed.push(id);
  return out;
}

/** What changed from `before` to `after`, as the core answers an edit. */
export function diffViews(before: DocumentView, after: DocumentView): DocumentChange {
  const [a, b] = [flatten(before), flatten(after)];
  const personas = records<DocumentChange["personas"]["added"][number]>(a.personas, b.personas);
  for (const p of personas.updated) {
    // Like the core, a photo travels only when it changed.
    const old = before.project.personas.find((x) => x.id === p.id);
    if (old && old.photo === p.photo) Object.assign(p, { with_photo: false, photo: "" });
  }
  return {
    from_revision: before.revision,
    revision: after.revision,
    can_undo: after.can_undo,
    can_redo: after.can_redo,
    title: before.project.title === after.project.title ? null : after.project.title,
    maps: records(a.maps, b.maps),
    personas,
    stages: records(a.stages, b.stages),
    lanes: records(a.lanes, b.lanes),
    cards: records(a.cards, b.cards),
    research: records(a.research, b.research),
    snapshots: records(a.snapshots, b.snapshots),
  };
}
