// Windowing maths for large maps: which stage columns × lanes are near enough
// to the viewport to be drawn with their real cards, and how tall the cells
// left out (placeholders) should be so that the layout, the scroll range and
// the minimap stay right. No DOM here; the grid measures, this decides.
import type { Card, LaneKind } from "../bindings";
import type { Rect } from "./dnd";
import theme from "../theme.json";

/** Maps with more cards than this are windowed; smaller ones draw every card. */
export const WINDOW_FROM_CARDS = 200;
/** Extra distance around the viewport (screen px) drawn ahead of scrolling. */
export const OVERSCAN = { x: 280, y: 420 };

/** An item along one axis (a stage column or a lane row), in grid px. */
export interface Span {
  start: number;
  size: number;
}

/** Stage columns s0..s1 × lanes l0..l1 (inclusive) are drawn; empty when s1 < s0 or l1 < l0. */
export interface CellWindow {
  s0: number;
  s1: number;
  l0: number;
  l1: number;
}

export const NO_CELLS: CellWindow = { s0: 0, s1: -1, l0: 0, l1: -1 };

/**
 * Indices [first, last] of the spans (sorted, not overlapping) that intersect
 * [from, to); [0, -1] when none does.
 */
export function spanRange(spans: Span[], from: number, to: number): [number, number] {
  if (to <= from) return [0, -1];
  // First span ending after `from`.
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start + spans[mid].size <= from) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  // Last span starting before `to`.
  lo = first;
  hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < to) lo = mid + 1;
    else hi = mid;
  }
  const last = lo - 1;
  return last >= first ? [first, last] : [0, -1];
}

/**
 * The cells to draw for a view of the grid (grid px, unscaled), with `overscan`
 * grid px added on each side.
 */
export function visibleWindow(cols: Span[], rows: Span[], view: Rect, overscan: { x: number; y: number }): CellWindow {
  const [s0, s1] = spanRange(cols, view.left - overscan.x, view.left + view.width + overscan.x);
  const [l0, l1] = spanRange(rows, view.top - overscan.y, view.top + view.height + overscan.y);
  if (s1 < s0 || l1 < l0) return NO_CELLS;
  return { s0, s1, l0, l1 };
}

/** Fixed sizes of the grid (theme.json; styles.css: --lane-w, --stage-w, the stage header row). */
export const GRID_SIZES = theme.grid;

/**
 * The window for a first render, before anything is laid out: the grid
 * scrolled to its top left in a viewport no larger than `view` (px on screen),
 * lanes as tall as `rowHeights` (estimates). Drawn, then checked by measuring.
 */
export function estimatedWindow(stageCount: number, rowHeights: number[], view: { width: number; height: number }, zoom: number): CellWindow {
  const { laneW, stageW, headerH } = GRID_SIZES;
  const cols = Array.from({ length: stageCount }, (_, i) => ({ start: laneW + i * stageW, size: stageW }));
  let top = headerH;
  const rows = rowHeights.map((size) => {
    const span = { start: top, size };
    top += size;
    return span;
  });
  const z = zoom > 0 ? zoom : 1;
  return visibleWindow(cols, rows, { left: 0, top: 0, width: view.width / z, height: view.height / z }, { x: 0, y: 0 });
}

/**
 * The part of the grid shown by a scrolling viewport, in grid px: both rects
 * in client px (as getBoundingClientRect gives them), `zoom` the grid's scale.
 */
export function viewInGrid(viewport: Rect, grid: { left: number; top: number }, zoom: number): Rect {
  const z = zoom > 0 ? zoom : 1;
  return {
    left: (viewport.left - grid.left) / z,
    top: (viewport.top - grid.top) / z,
    width: viewport.width / z,
    height: viewport.height / z,
  };
}

/** Whether the cell (stage index, lane index) is drawn; a null window draws everything. */
export function inWindow(w: CellWindow | null, si: number, li: number): boolean {
  return w === null || (si >= w.s0 && si <= w.s1 && li >= w.l0 && li <= w.l1);
}

// Sizes from styles.css (.cell, .card, .chip, .add-card), for the estimates below.
const LINE_H = 20.3; // 14px × 1.45
const CHARS_PER_LINE = 30; // card text box ≈ 213 px wide, 14 px Noto Sans
const CARD_CHROME = 22; // padding 10 + 10, border 1 + 1
const CHIP_ROW = 26; // 22 px chip + its margins
const CARD_MAX = 240;
const CELL_CHROME = 21; // padding 10 + 10, border-bottom 1
const CELL_GAP = 8;
const ADD_BUTTON = 34;
const EMOTION_BAND = 150; // extra top padding of an emotions cell (160 instead of 10)

/**
 * Estimated height of a card that has not been drawn yet (px). Better a little
 * low than high: a placeholder taller than the drawn cells of its row would
 * leave a gap under them.
 */
export function estimateCardHeight(card: Pick<Card, "text">, kind: LaneKind): number {
  // Pains and opportunities start their text with an icon (and wrap earlier).
  const lead = kind === "pain_points" || kind === "opportunities" ? 8 : 0;
  let lines = 0;
  for (const para of card.text.split("\n")) lines += Math.max(1, Math.ceil((para.length + lead) / CHARS_PER_LINE));
  const chip = kind === "touchpoints" || kind === "emotions" ? CHIP_ROW : 0;
  return Math.min(CARD_MAX, Math.round(CARD_CHROME + chip + lines * LINE_H));
}

/** Estimated height of a cell's content: its cards, the gaps and the "add card" button (px). */
export function estimateCellHeight(cards: Pick<Card, "text">[], kind: LaneKind): number {
  let h = CELL_CHROME + ADD_BUTTON + (kind === "emotions" ? EMOTION_BAND : 0);
  for (const c of cards) h += estimateCardHeight(c, kind) + CELL_GAP;
  return h;
}

/**
 * Estimated rects (grid px) of the cards of a cell that is not drawn, stacked
 * from the top of the cell's rect: for box selection across such cells.
 */
export function estimateCardRects(cell: Rect, cards: Pick<Card, "id" | "text">[], kind: LaneKind): { id: string; rect: Rect }[] {
  let top = cell.top + (kind === "emotions" ? 160 : 10);
  return cards.map((c) => {
    const height = estimateCardHeight(c, kind);
    const rect = { left: cell.left + 10, top, width: Math.max(0, cell.width - 21), height };
    top += height + CELL_GAP;
    return { id: c.id, rect };
  });
}

/** The number of cell (stage index, lane index) in a set of drawn cells. */
export function cellNo(si: number, li: number): number {
  return si * 65536 + li;
}

/** The cells of a window, as cell numbers. */
export function windowCells(w: CellWindow): Set<number> {
  const out = new Set<number>();
  for (let s = w.s0; s <= w.s1; s += 1) for (let l = w.l0; l <= w.l1; l += 1) out.add(cellNo(s, l));
  return out;
}

/** Whether the cell numbered `n` lies in window `w`. */
export function windowHas(w: CellWindow, n: number): boolean {
  return inWindow(w, Math.floor(n / 65536), n % 65536);
}

/**
 * The cells of `goal` that are not in `drawn`, nearest to window `near` first
 * (by how many columns or lanes they lie outside it; in reading order among
 * equals). What the margin around the view still lacks, in the order to draw it.
 */
export function missingCells(goal: CellWindow, drawn: ReadonlySet<number>, near: CellWindow): number[] {
  const out: { n: number; d: number }[] = [];
  const empty = near.s1 < near.s0 || near.l1 < near.l0;
  for (let s = goal.s0; s <= goal.s1; s += 1)
    for (let l = goal.l0; l <= goal.l1; l += 1) {
      const n = cellNo(s, l);
      if (drawn.has(n)) continue;
      const d = empty ? 0 : Math.max(near.s0 - s, s - near.s1, 0) + Math.max(near.l0 - l, l - near.l1, 0);
      out.push({ n, d });
    }
  out.sort((a, b) => a.d - b.d || a.n - b.n);
  return out.map((x) => x.n);
}
