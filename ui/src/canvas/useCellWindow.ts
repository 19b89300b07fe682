// Keeps the window of cells to draw (see virtual.ts) in step with the view:
// recomputed after every commit of the grid (layout is measured, never
// guessed), on scrolling, on resizing and on zooming. Off when `enabled` is
// false: then every cell is drawn (null window).
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { RefObject } from "react";
import { useCanvas } from "./canvasStore";
import { NO_CELLS, OVERSCAN, inWindow, sameWindow, viewInGrid, visibleWindow, type CellWindow, type Span } from "./virtual";

function spans(els: NodeListOf<HTMLElement>, vertical: boolean): Span[] {
  return Array.from(els, (h) => (vertical ? { start: h.offsetTop, size: h.offsetHeight } : { start: h.offsetLeft, size: h.offsetWidth }));
}

/** The window for the grid as it is laid out now, or null when it cannot be measured (no layout, e.g. jsdom). */
function measureWindow(grid: HTMLElement, overscan: boolean): CellWindow | null {
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
  const cols = spans(grid.querySelectorAll<HTMLElement>(':scope > [data-testid="stage-header"]'), false);
  const rows = spans(grid.querySelectorAll<HTMLElement>(':scope > [data-testid="lane-header"]'), true);
  const o = overscan ? OVERSCAN : { x: 0, y: 0 };
  return visibleWindow(cols, rows, view, { x: o.x / zoom, y: o.y / zoom });
}

/**
 * @param onLeave called with the drawn cells about to be replaced by
 *   placeholders, while they are still in the DOM (to remember their heights).
 */
export function useCellWindow(
  gridRef: RefObject<HTMLDivElement | null>,
  enabled: boolean,
  onLeave: (cells: HTMLElement[]) => void,
): CellWindow | null {
  // null = every cell (no layout to go by). Starts with no cell drawn: the
  // first commit lays out the placeholders, then the effect below measures.
  const [win, setWin] = useState<CellWindow | null>(NO_CELLS);
  const winRef = useRef<CellWindow | null>(win);
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;
  const onLeaveRef = useRef(onLeave);
  onLeaveRef.current = onLeave;
  // The first render draws only what is on screen; the cells around it follow once that is painted.
  const overscan = useRef(false);

  const refresh = useCallback(() => {
    const grid = gridRef.current;
    if (!grid || !enabledRef.current) return;
    const next = measureWindow(grid, overscan.current);
    const prev = winRef.current;
    if (sameWindow(prev, next)) return;
    const leaving = next === null ? [] : Array.from(grid.querySelectorAll<HTMLElement>(':scope > [data-testid="cell"]:not([data-virtual])')).filter(
      (c) => !inWindow(next, Number(c.dataset.stageIndex), Number(c.dataset.laneIndex)),
    );
    if (leaving.length) onLeaveRef.current(leaving);
    winRef.current = next;
    setWin(next);
  }, [gridRef]);

  // After every commit: the drawn cells may have changed the rows' heights.
  useLayoutEffect(() => {
    if (enabled) refresh();
  });

  useEffect(() => {
    const grid = gridRef.current;
    const sc = grid?.closest<HTMLElement>(".grid-scroll");
    if (!grid || !sc) return;
    let raf = 0;
    let timer = 0;
    const first = requestAnimationFrame(() => {
      timer = window.setTimeout(() => {
        overscan.current = true;
        refresh();
      });
    });
    const later = () => {
      if (!raf) raf = requestAnimationFrame(() => ((raf = 0), refresh()));
    };
    sc.addEventListener("scroll", refresh, { passive: true });
    window.addEventListener("resize", later);
    const unsub = useCanvas.subscribe((s, p) => s.zoom !== p.zoom && later());
    return () => {
      sc.removeEventListener("scroll", refresh);
      window.removeEventListener("resize", later);
      unsub();
      cancelAnimationFrame(raf);
      cancelAnimationFrame(first);
      clearTimeout(timer);
    };
  }, [gridRef, refresh]);

  return enabled ? win : null;
}
