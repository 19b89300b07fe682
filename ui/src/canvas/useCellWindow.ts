// Keeps the set of cells to draw (see virtual.ts) in step with the view:
// recomputed after every commit of the grid (layout is measured, never
// guessed), on scrolling, on resizing and on zooming. Off when `enabled` is
// false: then every cell is drawn (null).
//
// Drawing cells is the costly part of a scroll frame (a render, then layout
// and paint of the cards they hold), so a frame draws as few as it can: the
// cells that come on screen undrawn are drawn at once (nothing is shown
// blank), and the margin around the view is drawn ahead a few cells per
// frame, nearest first (MARGIN_CARDS_PER_FRAME), while scrolling goes on —
// never a whole column or row of cells in one frame. Cells that leave the
// margin become placeholders.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { RefObject } from "react";
import { useCanvas } from "./canvasStore";
import { afterPaintWhenIdle } from "./idle";
import { DRAWN_CELLS, LANE_HEADERS, STAGE_HEADERS } from "./gridDom";
import { NO_CELLS, OVERSCAN, cellNo, missingCells, viewInGrid, visibleWindow, windowCells, windowHas, type CellWindow, type Span } from "./virtual";

function spans(els: NodeListOf<HTMLElement>, vertical: boolean): Span[] {
  return Array.from(els, (h) => (vertical ? { start: h.offsetTop, size: h.offsetHeight } : { start: h.offsetLeft, size: h.offsetWidth }));
}

/** Column and row spans, measured after each commit of the grid and kept while only scrolling. */
type Spans = { cols: Span[]; rows: Span[] } | null;

/** The window for the grid as it is laid out now, or null when it cannot be measured (no layout, e.g. jsdom). */
function measureWindow(grid: HTMLElement, overscan: boolean, cache: { current: Spans }): CellWindow | null {
  const sc = grid.closest<HTMLElement>(".grid-scroll");
  if (!sc || sc.clientWidth === 0 || grid.offsetWidth === 0) return null;
  const g = grid.getBoundingClientRect();
  const zoom = g.width / grid.offsetWidth || 1;
  const s = sc.getBoundingClientRect();
  const view = viewInGrid(
    { left: s.left + sc.clientLeft, top: s.top + sc.clientTop, width: sc.clientWidth, height: sc.clientHeight },
    { left: g.left, top: g.top },
    zoom,
  );
  cache.current ??= {
    cols: spans(grid.querySelectorAll<HTMLElement>(STAGE_HEADERS), false),
    rows: spans(grid.querySelectorAll<HTMLElement>(LANE_HEADERS), true),
  };
  const { cols, rows } = cache.current;
  const o = overscan ? OVERSCAN : { x: 0, y: 0 };
  return visibleWindow(cols, rows, view, { x: o.x / zoom, y: o.y / zoom });
}

/**
 * How many cards of the margin one frame draws (at least one cell, however
 * many cards it holds): about 10 ms of render, layout and paint in WebKitGTK
 * on the benchmark's machine, on top of the scroll frame's own repaint.
 */
export const MARGIN_CARDS_PER_FRAME = 16;

/** The cells drawn with their cards; `gen` changes whenever they do. */
export interface DrawnCells {
  cells: ReadonlySet<number>;
  /** The lanes with at least one drawn cell. */
  lanes: ReadonlySet<number>;
  gen: number;
}

function drawnCells(cells: ReadonlySet<number>, gen: number): DrawnCells {
  const lanes = new Set<number>();
  for (const n of cells) lanes.add(n % 65536);
  return { cells, lanes, gen };
}

/** Whether every cell of `w` is in `cells`. */
function covers(cells: ReadonlySet<number>, w: CellWindow): boolean {
  for (let s = w.s0; s <= w.s1; s += 1) for (let l = w.l0; l <= w.l1; l += 1) if (!cells.has(cellNo(s, l))) return false;
  return true;
}

/**
 * @param initial the window for the first render, before anything can be
 *   measured (an estimate; corrected before the first paint).
 * @param onLeave called with the drawn cells about to be replaced by
 *   placeholders, while they are still in the DOM (to remember their heights).
 * @param cardsIn how many cards the cell (stage index, lane index) holds.
 */
export function useCellWindow(
  gridRef: RefObject<HTMLDivElement | null>,
  enabled: boolean,
  initial: () => CellWindow,
  onLeave: (cells: HTMLElement[]) => void,
  cardsIn: (si: number, li: number) => number,
): DrawnCells | null {
  const [drawn, setDrawn] = useState<DrawnCells>(() => drawnCells(windowCells(enabled ? initial() : NO_CELLS), 0));
  const drawnRef = useRef<DrawnCells>(drawn);
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;
  const onLeaveRef = useRef(onLeave);
  onLeaveRef.current = onLeave;
  const cardsInRef = useRef(cardsIn);
  cardsInRef.current = cardsIn;
  // The first render draws only what is on screen; the cells around it follow once that is painted.
  const overscan = useRef(false);
  const spansCache = useRef<Spans>(null);
  /** Cells came on screen undrawn and were drawn since the last step: the margin waits a frame (one batch per frame). */
  const forced = useRef(false);

  /** Draws `next` instead of the cells drawn now (cells leaving become placeholders). */
  const draw = useCallback((grid: HTMLElement, next: ReadonlySet<number>) => {
    const leaving = Array.from(grid.querySelectorAll<HTMLElement>(DRAWN_CELLS)).filter(
      (c) => !next.has(cellNo(Number(c.dataset.stageIndex), Number(c.dataset.laneIndex))),
    );
    if (leaving.length) onLeaveRef.current(leaving);
    const d = drawnCells(next, drawnRef.current.gen + 1);
    drawnRef.current = d;
    setDrawn(d);
  }, []);

  /** One batch of the margin per animation frame, until the view and its margin are drawn. */
  const stepper = useRef(0);
  const step = useCallback(() => {
    stepper.current = 0;
    const grid = gridRef.current;
    if (!grid || !enabledRef.current || !overscan.current) return;
    const onScreen = measureWindow(grid, false, spansCache);
    const goal = measureWindow(grid, true, spansCache);
    if (!onScreen || !goal) return;
    const cur = drawnRef.current.cells;
    const missing = missingCells(goal, cur, onScreen);
    let leaving = false;
    for (const n of cur) if (!windowHas(goal, n)) leaving = true;
    if (!missing.length && !leaving) return;
    if (forced.current) {
      forced.current = false;
      stepper.current = requestAnimationFrame(step);
      return;
    }
    const next = new Set<number>();
    for (const n of cur) if (windowHas(goal, n)) next.add(n);
    let cards = 0;
    let added = 0;
    for (const n of missing) {
      const c = Math.max(1, cardsInRef.current(Math.floor(n / 65536), n % 65536));
      if (added > 0 && cards + c > MARGIN_CARDS_PER_FRAME) break;
      next.add(n);
      added += 1;
      cards += c;
    }
    draw(grid, next);
    if (added < missing.length) stepper.current = requestAnimationFrame(step);
  }, [gridRef, draw]);
  const schedule = useCallback(() => {
    if (!stepper.current && overscan.current) stepper.current = requestAnimationFrame(step);
  }, [step]);

  const refresh = useCallback(() => {
    const grid = gridRef.current;
    if (!grid || !enabledRef.current) return;
    const onScreen = measureWindow(grid, false, spansCache);
    if (!onScreen) return;
    const cur = drawnRef.current.cells;
    // Cells on screen that are not drawn: drawn now, alone (the margin follows a batch per frame).
    if (!covers(cur, onScreen)) {
      const next = new Set(cur);
      for (const n of windowCells(onScreen)) next.add(n);
      forced.current = true;
      draw(grid, next);
    }
    schedule();
  }, [gridRef, draw, schedule]);

  // After every commit: the drawn cells may have changed the rows' heights.
  useLayoutEffect(() => {
    spansCache.current = null;
    if (enabled) refresh();
  });

  useEffect(() => {
    const grid = gridRef.current;
    const sc = grid?.closest<HTMLElement>(".grid-scroll");
    if (!grid || !sc) return;
    let raf = 0;
    // Once the first frame is painted and the page is idle, draw the cells around the viewport too.
    const cancelOverscan = afterPaintWhenIdle(() => {
      overscan.current = true;
      refresh();
    });
    const later = () => {
      spansCache.current = null;
      if (!raf)
        raf = requestAnimationFrame(() => {
          raf = 0;
          refresh();
        });
    };
    const onScroll = () => refresh();
    sc.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", later);
    const unsub = useCanvas.subscribe((s, p) => s.zoom !== p.zoom && later());
    return () => {
      sc.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", later);
      unsub();
      cancelAnimationFrame(raf);
      cancelAnimationFrame(stepper.current);
      stepper.current = 0;
      cancelOverscan();
    };
  }, [gridRef, refresh]);

  return enabled ? drawn : null;
}
