// Merges what the core answered an edit, undo or redo with (a DocumentChange:
// records added, updated and removed) into the document the UI shows. Nothing
// here decides anything about edits: each record says where it now stands
// (parent ids and position), and the merge only puts it there. Unchanged
// objects keep their identity, so memoised components skip them.
import type {
  Card,
  CardRecord,
  Comment,
  CommentRecord,
  DocumentChange,
  DocumentView,
  Lane,
  LaneRecord,
  Map,
  MapRecord,
  Persona,
  PersonaRecord,
  Records,
  ResearchItem,
  ResearchRecord,
  SnapshotInfo,
  SnapshotRecord,
  Stage,
  StageRecord,
} from "./bindings";

type Positioned<T> = { item: T; position: number };

/**
 * `doc` with `change` merged in, or null when the change does not follow `doc`
 * (another revision): the caller then reloads the whole document.
 */
export function applyChange(doc: DocumentView, change: DocumentChange): DocumentView | null {
  if (change.from_revision !== doc.revision) return null;
  const project = doc.project;
  const personas = mergePersonas(project.personas, change.personas);
  const maps = mergeMaps(project.maps, change);
  return {
    ...doc,
    project: {
      title: change.title ?? project.title,
      personas,
      maps,
    },
    snapshots: isEmpty(change.snapshots) && isEmpty(change.maps) ? doc.snapshots : mergeSnapshots(doc.snapshots, change.snapshots, maps),
    revision: change.revision,
    can_undo: change.can_undo,
    can_redo: change.can_redo,
  };
}

function isEmpty(r: Records<unknown>): boolean {
  return r.added.length === 0 && r.updated.length === 0 && r.removed.length === 0;
}

/**
 * One ordered list with its records merged: `items` stand at their index,
 * records at their position; removed and replaced items leave.
 */
function mergeList<T extends { id: string }, R extends { id: string }>(
  items: T[],
  records: Records<R>,
  toItem: (record: R, old: T | undefined) => Positioned<T>,
): T[] {
  if (isEmpty(records)) return items;
  const changed = [...records.added, ...records.updated];
  const byId = new globalThis.Map(items.map((item) => [item.id, item]));
  const placed = changed.map((r) => toItem(r, byId.get(r.id)));
  const gone = new Set([...records.removed, ...changed.map((r) => r.id)]);
  const kept: Positioned<T>[] = [];
  items.forEach((item, position) => {
    if (!gone.has(item.id)) kept.push({ item, position });
  });
  return [...kept, ...placed].sort((a, b) => a.position - b.position).map((p) => p.item);
}

function mergePersonas(personas: Persona[], records: Records<PersonaRecord>): Persona[] {
  return mergeList(personas, records, ({ position, with_photo, ...persona }, old) => ({
    position,
    item: with_photo || !old ? persona : { ...persona, photo: old.photo },
  }));
}

function mergeMaps(maps: Map[], change: DocumentChange): Map[] {
  const merged = mergeList(maps, change.maps, (r: MapRecord, old) => {
    const { position, ...fields } = r;
    const children = old ?? { stages: [], lanes: [], cards: [], research: [], comments: [] };
    return {
      position,
      item: {
        ...fields,
        stages: children.stages,
        lanes: children.lanes,
        cards: children.cards,
        research: children.research,
        comments: children.comments,
      },
    };
  });
  const children: Records<unknown>[] = [change.stages, change.lanes, change.cards, change.research, change.comments];
  if (children.every(isEmpty)) return merged;
  return merged.map((map) => mergeChildren(map, change));
}

/** The records of `records` that belong to `mapId`; removals may be anyone's. */
function ofMap<R extends { map_id: string }>(records: Records<R>, mapId: string): Records<R> {
  return {
    added: records.added.filter((r) => r.map_id === mapId),
    updated: records.updated.filter((r) => r.map_id === mapId),
    removed: records.removed,
  };
}

function mergeChildren(map: Map, change: DocumentChange): Map {
  const stageRecords = ofMap(change.stages, map.id);
  const laneRecords = ofMap(change.lanes, map.id);
  const cardRecords = ofMap(change.cards, map.id);
  const researchRecords = ofMap(change.research, map.id);
  const stages = mergeList(map.stages, stageRecords, ({ map_id: _m, position, ...stage }: StageRecord) => ({
    position,
    item: stage as Stage,
  }));
  const lanes = mergeList(map.lanes, laneRecords, ({ map_id: _m, position, ...lane }: LaneRecord) => ({
    position,
    item: lane as Lane,
  }));
  const research = mergeList(map.research, researchRecords, ({ map_id: _m, position, ...item }: ResearchRecord) => ({
    position,
    item: item as ResearchItem,
  }));
  const cards =
    stages === map.stages && lanes === map.lanes && !touches(map.cards, cardRecords) ? map.cards : mergeCards(map.cards, cardRecords, stages, lanes);
  const comments = mergeComments(map.comments, ofMap(change.comments, map.id));
  if (stages === map.stages && lanes === map.lanes && research === map.research && cards === map.cards && comments === map.comments) return map;
  return { ...map, stages, lanes, cards, research, comments };
}

/** A map's comments with comment records merged, in the core's order: oldest first, then by id. */
function mergeComments(comments: Comment[], records: Records<CommentRecord>): Comment[] {
  const changed = [...records.added, ...records.updated];
  const gone = new Set([...records.removed, ...changed.map((r) => r.id)]);
  if (changed.length === 0 && !comments.some((c) => gone.has(c.id))) return comments;
  const merged = [...comments.filter((c) => !gone.has(c.id)), ...changed.map(({ map_id: _m, ...c }) => c as Comment)];
  return merged.sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Whether `records` change anything among `cards`. */
function touches(cards: Card[], records: Records<CardRecord>): boolean {
  if (records.added.length > 0 || records.updated.length > 0) return true;
  if (records.removed.length === 0) return false;
  const removed = new Set(records.removed);
  return cards.some((c) => removed.has(c.id));
}

const cellKey = (stageId: string, laneId: string) => `${stageId}\u0000${laneId}`;

/**
 * A map's cards with card records merged, in the core's order: by stage, then
 * lane, then place in the cell. Only the cells a record touches are re-sorted.
 */
function mergeCards(cards: Card[], records: Records<CardRecord>, stages: Stage[], lanes: Lane[]): Card[] {
  const changed = [...records.added, ...records.updated];
  const gone = new Set([...records.removed, ...changed.map((r) => r.id)]);
  const cells = new globalThis.Map<string, Positioned<Card>[]>();
  const cell = (key: string) => {
    let list = cells.get(key);
    if (!list) {
      list = [];
      cells.set(key, list);
    }
    return list;
  };
  const counters = new globalThis.Map<string, number>();
  for (const card of cards) {
    const key = cellKey(card.stage_id, card.lane_id);
    const position = counters.get(key) ?? 0;
    counters.set(key, position + 1);
    if (!gone.has(card.id)) cell(key).push({ item: card, position });
  }
  const touched = new Set<string>();
  for (const { map_id: _m, position, ...card } of changed) {
    const key = cellKey(card.stage_id, card.lane_id);
    cell(key).push({ item: card as Card, position });
    touched.add(key);
  }
  for (const key of touched) cell(key).sort((a, b) => a.position - b.position);
  const out: Card[] = [];
  for (const s of stages) {
    for (const l of lanes) {
      for (const p of cells.get(cellKey(s.id, l.id)) ?? []) out.push(p.item);
    }
  }
  return out;
}

/** Snapshot infos, by map (in the maps' order) then oldest first. */
function mergeSnapshots(snapshots: SnapshotInfo[], records: Records<SnapshotRecord>, maps: Map[]): SnapshotInfo[] {
  const mapOrder = new globalThis.Map(maps.map((m, i) => [m.id, i]));
  const counters = new globalThis.Map<string, number>();
  const positioned: Positioned<SnapshotInfo>[] = snapshots.map((item) => {
    const position = counters.get(item.map_id) ?? 0;
    counters.set(item.map_id, position + 1);
    return { item, position };
  });
  const changed = [...records.added, ...records.updated];
  const gone = new Set([...records.removed, ...changed.map((r) => r.id)]);
  const kept = positioned.filter((p) => !gone.has(p.item.id));
  const all = [...kept, ...changed.map(({ position, ...item }) => ({ item: item as SnapshotInfo, position }))];
  // A snapshot whose map is gone goes with it (the core deletes them together).
  const order = (p: Positioned<SnapshotInfo>) => mapOrder.get(p.item.map_id) ?? -1;
  return all
    .filter((p) => mapOrder.has(p.item.map_id))
    .sort((a, b) => order(a) - order(b) || a.position - b.position)
    .map((p) => p.item);
}
