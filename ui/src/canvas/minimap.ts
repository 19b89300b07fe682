// The minimap's picture: the grid as it is laid out (measured, never guessed)
// reduced to one rectangle per stage header and per cell, drawn on a <canvas>
// (a few hundred SVG nodes would cost layout and paint on every large map).
import type { Map } from "../bindings";
import { LANE_HEADERS, STAGE_HEADERS } from "./gridDom";

/** Natural (unzoomed) size of the grid, the offsets of its columns and rows, and each row's accent colour. */
export interface GridLayout {
  width: number;
  height: number;
  cols: { left: number; width: number }[];
  rows: { top: number; height: number; accent: string }[];
  header: number;
}

export const EMPTY_LAYOUT: GridLayout = { width: 0, height: 0, cols: [], rows: [], header: 0 };

/** Used where a lane's accent cannot be read (no styles, e.g. jsdom). */
const FALLBACK_ACCENT = "#94a3b8";

/** Measures the grid's layout from its stage and lane headers (their lane kind or colour gives each row's accent). */
export function measureGrid(grid: HTMLElement): GridLayout {
  const cols = Array.from(grid.querySelectorAll<HTMLElement>(STAGE_HEADERS), (h) => ({
    left: h.offsetLeft,
    width: h.offsetWidth,
  }));
  const rows = Array.from(grid.querySelectorAll<HTMLElement>(LANE_HEADERS), (h) => ({
    top: h.offsetTop,
    height: h.offsetHeight,
    accent: getComputedStyle(h).getPropertyValue("--lane-accent").trim() || FALLBACK_ACCENT,
  }));
  const header = grid.querySelector<HTMLElement>(".grid-corner")?.offsetHeight ?? 0;
  return { width: grid.offsetWidth, height: grid.offsetHeight, cols, rows, header };
}

export function sameLayout(a: GridLayout, b: GridLayout): boolean {
  return (
    a.width === b.width &&
    a.height === b.height &&
    a.header === b.header &&
    a.cols.length === b.cols.length &&
    a.rows.length === b.rows.length &&
    a.cols.every((c, i) => c.left === b.cols[i].left && c.width === b.cols[i].width) &&
    a.rows.every((r, i) => r.top === b.rows[i].top && r.height === b.rows[i].height && r.accent === b.rows[i].accent)
  );
}

export interface MinimapRect {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  alpha: number;
}

/**
 * The rectangles to draw, in minimap pixels (`scale` = minimap px per grid px):
 * a band per stage header in the stage's colour, then a cell per stage × lane
 * in the lane's accent, more opaque the more cards it holds (faint if empty).
 */
export function minimapRects(map: Map, layout: GridLayout, scale: number, stageFill: (index: number) => string): MinimapRect[] {
  const out: MinimapRect[] = [];
  const counts = new globalThis.Map<string, number>();
  for (const c of map.cards) counts.set(`${c.stage_id}\u0000${c.lane_id}`, (counts.get(`${c.stage_id}\u0000${c.lane_id}`) ?? 0) + 1);
  map.stages.forEach((_, si) => {
    const col = layout.cols[si];
    if (col) out.push({ x: col.left * scale, y: 0, w: col.width * scale, h: Math.max(2, layout.header * scale), fill: stageFill(si), alpha: 0.85 });
  });
  map.lanes.forEach((l, li) => {
    const row = layout.rows[li];
    if (!row) return;
    map.stages.forEach((s, si) => {
      const col = layout.cols[si];
      if (!col) return;
      const n = counts.get(`${s.id}\u0000${l.id}`) ?? 0;
      out.push({
        x: col.left * scale + 0.5,
        y: row.top * scale + 0.5,
        w: Math.max(1, col.width * scale - 1),
        h: Math.max(1, row.height * scale - 1),
        fill: row.accent,
        alpha: n ? Math.min(1, 0.35 + n * 0.08) : 0.12,
      });
    });
  });
  return out;
}

/** The minimap's largest box, as fractions of the map's viewport (and bounds in px). */
export const MINIMAP_BOX = { widthShare: 0.16, heightShare: 0.28, minWidth: 96, maxWidth: 220, minHeight: 48 };

/**
 * The minimap's size for a grid of `layout`'s size shown in a viewport of
 * `view`: the whole grid, scaled to fit a box that is a small share of the
 * viewport (so it never covers much of the map it navigates), keeping the
 * grid's proportions. `scale` = minimap px per grid px; 0 while unmeasured.
 */
export function minimapSize(
  layout: Pick<GridLayout, "width" | "height">,
  view: { width: number; height: number },
): { scale: number; width: number; height: number } {
  if (!layout.width || !layout.height || !view.width || !view.height) return { scale: 0, width: 0, height: 0 };
  const b = MINIMAP_BOX;
  const maxW = Math.min(b.maxWidth, Math.max(b.minWidth, view.width * b.widthShare));
  const maxH = Math.max(b.minHeight, view.height * b.heightShare);
  const scale = Math.min(maxW / layout.width, maxH / layout.height);
  return { scale, width: Math.round(layout.width * scale), height: Math.round(layout.height * scale) };
}
