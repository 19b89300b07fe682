// Pure drop logic for the canvas: where a dragged card or header lands, and the
// ONE edit that puts it there. No DOM here; the canvas measures, this decides.
import type { Card, Edit, Map } from "../bindings";
import { edits as make, inOne } from "../edits";

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface CellGeometry {
  stageId: string;
  laneId: string;
  rect: Rect;
  /** The cards shown in the cell, in order, with their rects. */
  cards: { id: string; rect: Rect }[];
}

/** A place in a cell: insert before the `index`-th card shown there (cards.length = at the end). */
export interface CardDrop {
  stageId: string;
  laneId: string;
  index: number;
}

export function contains(r: Rect, x: number, y: number): boolean {
  return x >= r.left && x < r.left + r.width && y >= r.top && y < r.top + r.height;
}

/** Index of the gap the point is closest to in a vertical list of rects. */
export function insertionIndex(rects: Rect[], y: number): number {
  let i = 0;
  for (const r of rects) {
    if (y < r.top + r.height / 2) return i;
    i += 1;
  }
  return i;
}

/** The cell and the gap under the pointer, or null outside every cell. */
export function cardDropAt(cells: CellGeometry[], x: number, y: number): CardDrop | null {
  const cell = cells.find((c) => contains(c.rect, x, y));
  if (!cell) return null;
  return {
    stageId: cell.stageId,
    laneId: cell.laneId,
    index: insertionIndex(
      cell.cards.map((c) => c.rect),
      y,
    ),
  };
}

/** Card ids of one cell, in order. */
export function cellIds(map: Map, stageId: string, laneId: string): string[] {
  const ids: string[] = [];
  for (const c of map.cards) if (c.stage_id === stageId && c.lane_id === laneId) ids.push(c.id);
  return ids;
}

/** Cards sorted the way the map shows them: stage order, then lane order, then order in the cell. */
export function displayOrder(map: Map, ids: Iterable<string>): Card[] {
  const want = new Set(ids);
  const stagePos = new globalThis.Map(map.stages.map((s, i) => [s.id, i]));
  const lanePos = new globalThis.Map(map.lanes.map((l, i) => [l.id, i]));
  return map.cards
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => want.has(c.id))
    .sort(
      (a, b) =>
        (stagePos.get(a.c.stage_id) ?? 0) - (stagePos.get(b.c.stage_id) ?? 0) ||
        (lanePos.get(a.c.lane_id) ?? 0) - (lanePos.get(b.c.lane_id) ?? 0) ||
        a.i - b.i,
    )
    .map(({ c }) => c);
}

/**
 * The edit that moves `dragged` (in display order) so that they sit together,
 * in that order, at `drop` — or null when nothing would change. One card gives
 * a MoveCard; several give one Batch of MoveCards (one undo step). Each
 * MoveCard's index is computed against the cell as it is when that move runs
 * (the core's index is the position in the cell without the moved card).
 */
export function moveCardsEdit(map: Map, draggedIds: string[], drop: CardDrop): Edit | null {
  const dragged = displayOrder(map, draggedIds).map((c) => c.id);
  if (dragged.length === 0) return null;
  const moving = new Set(dragged);
  const shown = cellIds(map, drop.stageId, drop.laneId);
  const before = shown.slice(0, Math.max(0, Math.min(drop.index, shown.length)));
  const anchor = [...before].reverse().find((id) => !moving.has(id)) ?? null;

  const remaining = shown.filter((id) => !moving.has(id));
  const at = anchor === null ? 0 : remaining.indexOf(anchor) + 1;
  const final = [...remaining.slice(0, at), ...dragged, ...remaining.slice(at)];
  if (final.length === shown.length && final.every((id, i) => id === shown[i])) return null;

  const list = [...shown];
  const edits: Edit[] = [];
  let prev = anchor;
  for (const id of dragged) {
    const from = list.indexOf(id);
    if (from >= 0) list.splice(from, 1);
    const index = prev === null ? 0 : list.indexOf(prev) + 1;
    list.splice(index, 0, id);
    edits.push(make.moveCard(id, drop.stageId, drop.laneId, index));
    prev = id;
  }
  return inOne(edits);
}

/** Gap index (0..n) nearest to `pos` along one axis, given the items' start and size. */
export function gapAt(spans: { start: number; size: number }[], pos: number): number {
  let i = 0;
  for (const s of spans) {
    if (pos < s.start + s.size / 2) return i;
    i += 1;
  }
  return i;
}

/** The final index of an item dragged from `from` to the gap `gap`, or null when it stays. */
export function reorderIndex(from: number, gap: number): number | null {
  const to = gap > from ? gap - 1 : gap;
  return to === from ? null : to;
}

/** Applies a reorder to a list (what the core will do), for previews and tests. */
export function reordered<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}
