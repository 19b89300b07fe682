// Keeps the window of cells to draw (see virtual.ts) in step with the view:
// recomputed after every commit of the grid (layout is measured, never
// guessed), on scrolling, on resizing and on zooming. Off when `enabled` is
// false: then every cell is drawn (null window).
//
// Drawing cells is the costly part of a scroll frame (a render, then layout
// and paint of the rows they change), so it is done only when it must be: a
// scroll that keeps every cell on screen drawn changes nothing; the margin
// around the view is drawn ahead once scrolling pauses; only a view that
// reaches undrawn cells draws at once (the view plus its margin, so that the
// next such frame is a margin's width of scrolling away).
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { RefObject } from "react";
import { useCanvas } from "./canvasStore";
import { afterPaintWhenIdle, quietRunner } from "./idle";
import { NO_CELLS, OVERSCAN, inWindow, sameWindow, viewInGrid, visibleWindow, type CellWindow, type Span } from "./virtual";

function spans(els: NodeListOf<HTMLElement>, vertical: boolean): Span[] {
  return Array.from(els, (h) => (vertical ? { start: h.offsetTop, size: h.offsetHeight } : { start: h.offsetLeft, size: h.offsetWidth }));
}

/** The window for the grid as it is laid out now, or null when it cannot be measured (no layout, e.g. jsdom). */
/** Column and row spans, measured after each commit of the grid and kept while only scrolling. */
type Spans = { cols: Span[]; rows: Span[] } | null;

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
    cols: spans(grid.querySelectorAll<HTMLElement>(':scope > [data-testid="stage-header"]'), false),
    rows: spans(grid.querySelectorAll<HTMLElement>(':scope > [data-testid="lane-header"]'), true),
  };
  const { cols, rows } = cache.current;
  const o = overscan ? OVERSCAN : { x: 0, y: 0 };
  return visibleWindow(cols, rows, view, { x: o.x / zoom, y: o.y / zoom });
}

/** Drawing the margin around the view waits for this long without scrolling… */
const AHEAD_QUIET_MS = 80;
/** …but no longer than this after it was first needed. */
const AHEAD_MAX_WAIT_MS = 300;

function contains(outer: CellWindow, inner: CellWindow): boolean {
  return inner.s1 < inner.s0 || inner.l1 < inner.l0 || (inner.s0 >= outer.s0 && inner.s1 <= outer.s1 && inner.l0 >= outer.l0 && inner.l1 <= outer.l1);
}

/**
 * @param initial the window for the first render, before anything can be
 *   measured (an estimate; corrected before the first paint).
 * @param onLeave called with the drawn cells about to be replaced by
 *   placeholders, while they are still in the DOM (to remember their heights).
 */
export function useCellWindow(
  gridRef: RefObject<HTMLDivElement | null>,
  enabled: boolean,
  initial: () => CellWindow,
  onLeave: (cells: HTMLElement[]) => void,
): CellWindow | null {
  // null = every cell (no layout to go by).
  const [win, setWin] = useState<CellWindow | null>(() => (enabled ? initial() : NO_CELLS));
  const winRef = useRef<CellWindow | null>(win);
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;
  const onLeaveRef = useRef(onLeave);
  onLeaveRef.current = onLeave;
  // The first render draws only what is on screen; the cells around it follow once that is painted.
  const overscan = useRef(false);
  const spansCache = useRef<Spans>(null);

  /** Draws `next` instead of the current window (cells leaving it become placeholders). */
  const draw = useCallback((grid: HTMLElement, next: CellWindow | null) => {
    const leaving =
      next === null
        ? []
        : Array.from(grid.querySelectorAll<HTMLElement>(':scope > [data-testid="cell"]:not(.cell-virtual)')).filter(
            (c) => !inWindow(next, Number(c.dataset.stageIndex), Number(c.dataset.laneIndex)),
          );
    if (leaving.length) onLeaveRef.current(leaving);
    winRef.current = next;
    setWin(next);
  }, []);

  // The margin around the view, drawn once scrolling pauses (or at the latest AHEAD_MAX_WAIT_MS after it was first needed).
  const ahead = useRef<{ poke: () => void; cancel: () => void } | null>(null);
  ahead.current ??= quietRunner(
    () => {
      const grid = gridRef.current;
      if (!grid || !enabledRef.current) return;
      const next = measureWindow(grid, true, spansCache);
      if (!sameWindow(winRef.current, next)) draw(grid, next); // draw is stable (no dependencies)
    },
    AHEAD_QUIET_MS,
    AHEAD_MAX_WAIT_MS,
  );

  const refresh = useCallback(() => {
    const grid = gridRef.current;
    if (!grid || !enabledRef.current) return;
    const onScreen = measureWindow(grid, false, spansCache);
    const prev = winRef.current;
    // Every cell on screen is drawn: nothing to do now; the margin follows once scrolling pauses.
    if (prev && onScreen && contains(prev, onScreen)) {
      if (overscan.current) ahead.current?.poke();
      return;
    }
    const next = overscan.current ? measureWindow(grid, true, spansCache) : onScreen;
    if (!sameWindow(prev, next)) draw(grid, next);
  }, [gridRef, draw]);

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
      cancelOverscan();
      ahead.current?.cancel();
    };
  }, [gridRef, refresh]);

  return enabled ? win : null;
}
