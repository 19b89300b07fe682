// Pointer gestures on the grid, by event delegation (one set of listeners for
// the whole map, so a 2,000-card map costs nothing extra and a drag re-renders
// nothing): click/shift/ctrl selection, box selection, dragging cards (the
// selection moves together) and dragging stage/lane headers. During a drag only
// a ghost and a drop indicator move; the drop dispatches ONE edit; Escape
// cancels. Geometry is measured once per gesture, in grid-local unscaled px, so
// zoom and scrolling during the drag are handled.
import { edits } from "../edits";
import { useEffect, useRef } from "react";
import type { RefObject } from "react";
import type { Edit, Map } from "../bindings";
import { useStore } from "../store";
import { useCanvas } from "./canvasStore";
import { cardDropAt, contains, gapAt, moveCardsEdit, reorderIndex, type CardDrop, type CellGeometry, type Rect } from "./dnd";
import { boxFrom, boxSelect, clickSelect } from "./selection";
import { estimateCardRects } from "./virtual";

/** Pixels the pointer must travel before a press becomes a drag. */
export const DRAG_THRESHOLD = 5;
const EDGE = 48;

type LiveCell = CellGeometry & { el: HTMLElement; measured: boolean };
type Pending = { x0: number; y0: number; additive: boolean; target: HTMLElement };
type Gesture =
  | ({ kind: "press-card"; id: string } & Pending)
  | ({ kind: "press-stage"; index: number } & Pending)
  | ({ kind: "press-lane"; index: number } & Pending)
  | ({ kind: "press-empty" } & Pending)
  | { kind: "drag-cards"; ids: string[]; cells: LiveCell[]; ghost: HTMLElement; dx: number; dy: number; drop: CardDrop | null }
  | { kind: "drag-stage"; from: number; spans: { start: number; size: number }[]; ghost: HTMLElement; dx: number; dy: number; gap: number | null }
  | { kind: "drag-lane"; from: number; spans: { start: number; size: number }[]; ghost: HTMLElement; dx: number; dy: number; gap: number | null }
  | {
      kind: "box";
      x0: number;
      y0: number;
      cards: { id: string; rect: Rect }[];
      seen: globalThis.Map<string, Rect>;
      base: string[];
      additive: boolean;
      box: HTMLElement;
    };

type Press = Extract<Gesture, { target: HTMLElement }>;
const isPress = (g: Gesture | null): g is Press => g?.kind.startsWith("press") === true;

const NO_DRAG = "button, input, textarea, select, a, [data-no-drag], [data-emotion-band], .popover";

/** The grid's rect on screen and its scale, for `local` (measure once for many elements). */
function frame(grid: HTMLElement): { g: DOMRect; z: number } {
  const g = grid.getBoundingClientRect();
  return { g, z: g.width / (grid.offsetWidth || g.width || 1) || 1 };
}

/** An element's rect in grid px (unscaled, independent of scrolling). */
function local(grid: HTMLElement, el: Element, f = frame(grid)): Rect {
  const { g, z } = f;
  const r = el.getBoundingClientRect();
  return { left: (r.left - g.left) / z, top: (r.top - g.top) / z, width: r.width / z, height: r.height / z };
}

function pointer(grid: HTMLElement, x: number, y: number): { x: number; y: number } {
  const g = grid.getBoundingClientRect();
  const z = g.width / (grid.offsetWidth || g.width || 1) || 1;
  return { x: (x - g.left) / z, y: (y - g.top) / z };
}

function zoomOf(grid: HTMLElement): number {
  const g = grid.getBoundingClientRect();
  return g.width / (grid.offsetWidth || g.width || 1) || 1;
}

function makeGhost(source: HTMLElement, zoom: number, count: number, layer: HTMLElement): HTMLElement {
  const ghost = source.cloneNode(true) as HTMLElement;
  ghost.removeAttribute("data-testid");
  ghost.querySelectorAll("[data-testid]").forEach((n) => n.removeAttribute("data-testid"));
  ghost.classList.add("drag-ghost");
  ghost.setAttribute("aria-hidden", "true");
  ghost.dataset.testid = "drag-ghost";
  ghost.style.width = `${source.offsetWidth}px`;
  ghost.style.height = `${source.offsetHeight}px`;
  ghost.style.transformOrigin = "0 0";
  if (count > 1) {
    const badge = document.createElement("span");
    badge.className = "drag-count";
    badge.textContent = String(count);
    ghost.appendChild(badge);
  }
  ghost.dataset.zoom = String(zoom);
  layer.appendChild(ghost);
  return ghost;
}

function placeGhost(ghost: HTMLElement, x: number, y: number, dx: number, dy: number) {
  ghost.style.transform = `translate3d(${x - dx}px, ${y - dy}px, 0) scale(${ghost.dataset.zoom ?? 1}) rotate(1.5deg)`;
}

/**
 * Returns the ids of the cards being dragged (null when none), for the grid
 * to mark cards it draws during the drag (large maps draw cells as they come
 * into view).
 */
export function useGridPointer(gridRef: RefObject<HTMLDivElement | null>, map: Map): RefObject<ReadonlySet<string> | null> {
  const mapRef = useRef(map);
  mapRef.current = map;
  const dragging = useRef<ReadonlySet<string> | null>(null);

  useEffect(() => {
    const grid = gridRef.current;
    if (!grid) return;
    const indicator = grid.querySelector<HTMLElement>("[data-drop-indicator]")!;
    const target = grid.querySelector<HTMLElement>("[data-drop-cell]")!;
    let g: Gesture | null = null;
    let last = { x: 0, y: 0 };
    let raf = 0;
    /** Swallows the click that follows a drag. */
    let justDragged = false;

    const scroller = () => grid.closest<HTMLElement>(".grid-scroll");

    const hideIndicators = () => {
      indicator.hidden = true;
      target.hidden = true;
    };

    /** Placed by left/top; hidden stays laid out (styles.css .drop-cell[hidden] says why). */
    const show = (el: HTMLElement, r: Rect) => {
      el.hidden = false;
      el.style.left = `${r.left}px`;
      el.style.top = `${r.top}px`;
      el.style.width = `${r.width}px`;
      el.style.height = `${r.height}px`;
    };

    /**
     * While dragging, a transparent full-window layer on top takes the pointer
     * (class is-active): the browser hit-tests one element instead of
     * thousands of cards, and no card's :hover state changes under the moving
     * pointer. It stays in the page between drags, taking no pointer: adding
     * or removing a full-window element repaints the whole window (WebKitGTK
     * paints without compositing when there is no GPU); switching its
     * pointer-events repaints nothing.
     */
    const shield = document.createElement("div");
    shield.className = "drag-shield";
    shield.setAttribute("aria-hidden", "true");
    document.body.appendChild(shield);
    /**
     * The ghosts' parent, an empty box kept in the page. WebKitGTK without a
     * GPU repainted the whole window when a ghost was taken out of the body
     * (in the frame that shows the card where it lands); taken out of this
     * box, only where it was (timeline.mjs).
     */
    const ghosts = document.createElement("div");
    ghosts.className = "drag-layer";
    ghosts.setAttribute("aria-hidden", "true");
    document.body.appendChild(ghosts);

    /**
     * Drops waiting for their edit: the ghost stays where it was dropped and
     * the dragged cards stay faded until the core's answer is merged and drawn
     * (or the edit failed), instead of the cards showing at their old place
     * for the frames in between (and one more repaint of the grid).
     */
    type Landing = { ghost: HTMLElement; faded: Element[] };
    const landing = new Set<Landing>();
    /** Takes down what the gesture put up: the grid's dragging mark, the drop indicators, and the shield once no drop waits. */
    const teardown = () => {
      if (landing.size === 0) shield.classList.remove("is-active");
      grid.classList.remove("grid-dragging");
      hideIndicators();
    };
    const land = (l: Landing) => {
      landing.delete(l);
      l.ghost.remove();
      for (const n of l.faded) n.classList.remove("is-dragging");
      if (!g) teardown();
    };

    /**
     * Ends the gesture; `keep`: a drop waiting for its edit — the ghost, the
     * faded cards, the shield and the indicators stay until land(): the card
     * is shown where it lands in one repaint.
     */
    const finish = (keep = false) => {
      const faded = Array.from(grid.querySelectorAll(".is-dragging"));
      let kept: Landing | null = null;
      if (keep && g && "ghost" in g) {
        kept = { ghost: g.ghost, faded };
        landing.add(kept);
      } else {
        if (g && "ghost" in g) g.ghost.remove();
        for (const n of faded) n.classList.remove("is-dragging");
        teardown();
      }
      if (g?.kind === "box") g.box.remove();
      dragging.current = null;
      cancelAnimationFrame(raf);
      raf = 0;
      g = null;
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onUp);
      window.removeEventListener("pointercancel", onCancel);
      window.removeEventListener("keydown", onKey, true);
      return kept;
    };

    /**
     * Cell rects are measured when a drag starts and again after the view
     * scrolled or the grid drew other cells (large maps draw the cells near
     * the viewport: rows get their real height once shown); the cards of a
     * cell are measured when the pointer first enters it.
     */
    const measureCells = (): LiveCell[] => {
      const f = frame(grid);
      return Array.from(grid.querySelectorAll<HTMLElement>('[data-testid="cell"]')).map((cell) => ({
        stageId: cell.dataset.stageId!,
        laneId: cell.dataset.laneId!,
        rect: local(grid, cell, f),
        cards: [],
        el: cell,
        measured: false,
      }));
    };
    // Rects are in grid px: scrolling does not change them, drawing other cells (data-window) may.
    let measuredFor = "";
    const redrawn = () => {
      const now = grid.dataset.window ?? "";
      if (now === measuredFor) return false;
      measuredFor = now;
      return true;
    };
    /**
     * Cards for box selection: those drawn now, those drawn earlier in the
     * gesture (remembered), and estimated ones in cells never drawn.
     */
    const boxCards = (seen: globalThis.Map<string, Rect>) => {
      const f = frame(grid);
      for (const c of grid.querySelectorAll<HTMLElement>("[data-card-id]")) seen.set(c.dataset.cardId!, local(grid, c, f));
      const out = Array.from(seen, ([id, rect]) => ({ id, rect }));
      const virtual = grid.querySelectorAll<HTMLElement>('[data-testid="cell"].cell-virtual');
      if (virtual.length === 0) return out;
      const map = mapRef.current;
      const kinds = new globalThis.Map(map.lanes.map((l) => [l.id, l.kind]));
      const byCell = new globalThis.Map<string, Map["cards"]>();
      for (const c of map.cards) {
        if (seen.has(c.id)) continue;
        const k = `${c.stage_id}|${c.lane_id}`;
        const list = byCell.get(k);
        if (list) list.push(c);
        else byCell.set(k, [c]);
      }
      for (const el of virtual) {
        const cards = byCell.get(`${el.dataset.stageId}|${el.dataset.laneId}`);
        if (cards) out.push(...estimateCardRects(local(grid, el, f), cards, kinds.get(el.dataset.laneId!) ?? "text"));
      }
      return out;
    };
    const cardsOf = (cell: LiveCell) => {
      if (!cell.measured && !cell.el.classList.contains("cell-virtual")) {
        const f = frame(grid);
        cell.cards = Array.from(cell.el.querySelectorAll<HTMLElement>(":scope > [data-card-id]")).map((c) => ({
          id: c.dataset.cardId!,
          rect: local(grid, c, f),
        }));
        cell.measured = true;
      }
      return cell.cards;
    };

    const startDrag = (x: number, y: number) => {
      if (!isPress(g)) return;
      const zoom = zoomOf(grid);
      const r = g.target.getBoundingClientRect();
      const dx = g.x0 - r.left;
      const dy = g.y0 - r.top;
      if (g.kind === "press-card") {
        const sel = useCanvas.getState().selected;
        const ids = sel.includes(g.id) ? sel : [g.id];
        if (!sel.includes(g.id)) useCanvas.getState().select([g.id]);
        const ghost = makeGhost(g.target, zoom, ids.length, ghosts);
        const set = new Set(ids);
        dragging.current = set;
        grid.querySelectorAll<HTMLElement>("[data-card-id]").forEach((n) => {
          if (set.has(n.dataset.cardId!)) n.classList.add("is-dragging");
        });
        measuredFor = grid.dataset.window ?? "";
        g = { kind: "drag-cards", ids, cells: measureCells(), ghost, dx, dy, drop: null };
      } else if (g.kind === "press-stage" || g.kind === "press-lane") {
        const stage = g.kind === "press-stage";
        const headers = Array.from(grid.querySelectorAll<HTMLElement>(stage ? '[data-testid="stage-header"]' : '[data-testid="lane-header"]'));
        const spans = headers.map((h) => {
          const rr = local(grid, h);
          return stage ? { start: rr.left, size: rr.width } : { start: rr.top, size: rr.height };
        });
        const ghost = makeGhost(g.target, zoom, 1, ghosts);
        g.target.classList.add("is-dragging");
        g = stage
          ? { kind: "drag-stage", from: g.index, spans, ghost, dx, dy, gap: null }
          : { kind: "drag-lane", from: g.index, spans, ghost, dx, dy, gap: null };
      } else {
        const box = document.createElement("div");
        box.className = "select-box";
        box.dataset.testid = "select-box";
        grid.appendChild(box);
        const seen = new globalThis.Map<string, Rect>();
        measuredFor = grid.dataset.window ?? "";
        const cards = boxCards(seen);
        const p = pointer(grid, g.x0, g.y0);
        g = { kind: "box", x0: p.x, y0: p.y, cards, seen, base: useCanvas.getState().selected, additive: g.additive, box };
      }
      grid.classList.add("grid-dragging");
      shield.classList.add("is-active");
      update(x, y);
      if (!raf) raf = requestAnimationFrame(tick);
    };

    const update = (x: number, y: number) => {
      if (!g) return;
      const p = pointer(grid, x, y);
      if (g.kind === "drag-cards") {
        placeGhost(g.ghost, x, y, g.dx, g.dy);
        if (redrawn()) g.cells = measureCells();
        const cell = g.cells.find((c) => contains(c.rect, p.x, p.y));
        if (cell) cardsOf(cell);
        const drop = cell ? cardDropAt([cell], p.x, p.y) : null;
        g.drop = drop;
        if (!drop || !cell) return hideIndicators();
        const cards = cell.cards;
        const yLine =
          drop.index < cards.length
            ? cards[drop.index].rect.top - 5
            : cards.length
              ? cards[cards.length - 1].rect.top + cards[cards.length - 1].rect.height + 3
              : cell.rect.top + 8;
        show(target, cell.rect);
        show(indicator, { left: cell.rect.left + 8, top: yLine, width: cell.rect.width - 16, height: 3 });
        indicator.dataset.stageId = drop.stageId;
        indicator.dataset.laneId = drop.laneId;
        indicator.dataset.index = String(drop.index);
      } else if (g.kind === "drag-stage" || g.kind === "drag-lane") {
        placeGhost(g.ghost, x, y, g.dx, g.dy);
        const stage = g.kind === "drag-stage";
        const gap = gapAt(g.spans, stage ? p.x : p.y);
        g.gap = gap;
        const edge = gap < g.spans.length ? g.spans[gap].start : g.spans[g.spans.length - 1].start + g.spans[g.spans.length - 1].size;
        const size = { w: grid.offsetWidth, h: grid.offsetHeight };
        show(indicator, stage ? { left: edge - 2, top: 0, width: 4, height: size.h } : { left: 0, top: edge - 2, width: size.w, height: 4 });
        indicator.dataset.index = String(gap);
      } else if (g.kind === "box") {
        if (redrawn()) g.cards = boxCards(g.seen);
        const box = boxFrom(g.x0, g.y0, p.x, p.y);
        show(g.box, box);
        const sel = boxSelect(g.cards, box, g.base, g.additive);
        const cur = useCanvas.getState().selected;
        if (sel.length !== cur.length || sel.some((id, i) => id !== cur[i])) useCanvas.getState().select(sel);
      }
    };

    /** Auto-scrolls while dragging near the viewport's edges. */
    const tick = () => {
      raf = 0;
      if (!g || g.kind.startsWith("press")) return;
      const sc = scroller();
      if (sc) {
        const r = sc.getBoundingClientRect();
        const vx = last.x < r.left + EDGE ? -1 : last.x > r.right - EDGE ? 1 : 0;
        const vy = last.y < r.top + EDGE ? -1 : last.y > r.bottom - EDGE ? 1 : 0;
        if (vx || vy) {
          sc.scrollLeft += vx * 14;
          sc.scrollTop += vy * 14;
          update(last.x, last.y);
        }
      }
      raf = requestAnimationFrame(tick);
    };

    const onMove = (e: PointerEvent) => {
      if (!g) return;
      last = { x: e.clientX, y: e.clientY };
      if (isPress(g)) {
        if (Math.hypot(e.clientX - g.x0, e.clientY - g.y0) < DRAG_THRESHOLD) return;
        startDrag(e.clientX, e.clientY);
        return;
      }
      e.preventDefault();
      update(e.clientX, e.clientY);
    };

    const onUp = (e: PointerEvent) => {
      const cur = g;
      if (!cur) return;
      const canvas = useCanvas.getState();
      let edit: Edit | null = null;
      const map = mapRef.current;
      if (cur.kind === "press-card") {
        canvas.select(clickSelect(canvas.selected, cur.id, cur.additive));
      } else if (cur.kind === "press-empty") {
        if (!cur.additive) canvas.select([]);
      } else if (cur.kind === "drag-cards") {
        update(e.clientX, e.clientY);
        edit = cur.drop ? moveCardsEdit(map, cur.ids, cur.drop) : null;
      } else if (cur.kind === "drag-stage" || cur.kind === "drag-lane") {
        update(e.clientX, e.clientY);
        const to = cur.gap === null ? null : reorderIndex(cur.from, cur.gap);
        if (to !== null) {
          edit = cur.kind === "drag-stage" ? edits.moveStage(map.stages[cur.from].id, to) : edits.moveLane(map.lanes[cur.from].id, to);
        }
      }
      justDragged = !cur.kind.startsWith("press");
      const kept = finish(edit !== null);
      if (!edit) return;
      // Settles once the answer is merged (the render that draws it runs first, in the same
      // task) or the edit failed: the ghost goes in the frame that shows the card where it lands.
      void useStore
        .getState()
        .dispatch(edit)
        .finally(() => kept && land(kept));
    };

    const onCancel = () => finish();

    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && g) {
        e.preventDefault();
        e.stopPropagation();
        if (g.kind === "box") useCanvas.getState().select(g.base);
        justDragged = !g.kind.startsWith("press");
        finish();
      }
    };

    const onDown = (e: PointerEvent) => {
      if (e.button !== 0 || g) return;
      const t = e.target as HTMLElement;
      if (t.closest(NO_DRAG) || grid.classList.contains("grid-panning")) return;
      const additive = e.shiftKey || e.ctrlKey || e.metaKey;
      const base = { x0: e.clientX, y0: e.clientY, additive };
      const card = t.closest<HTMLElement>("[data-card-id]");
      const stage = t.closest<HTMLElement>('[data-testid="stage-header"]');
      const lane = t.closest<HTMLElement>('[data-testid="lane-header"]');
      if (card) g = { kind: "press-card", id: card.dataset.cardId!, target: card, ...base };
      else if (stage) g = { kind: "press-stage", index: Number(stage.dataset.stageIndex), target: stage, ...base };
      else if (lane) g = { kind: "press-lane", index: Number(lane.dataset.laneIndex), target: lane, ...base };
      else if (t.closest('[data-testid="cell"], .grid-filler')) g = { kind: "press-empty", target: grid, ...base };
      else return;
      last = { x: e.clientX, y: e.clientY };
      window.addEventListener("pointermove", onMove);
      window.addEventListener("pointerup", onUp);
      window.addEventListener("pointercancel", onCancel);
      window.addEventListener("keydown", onKey, true);
    };

    const onClick = (e: MouseEvent) => {
      if (justDragged) {
        justDragged = false;
        e.stopPropagation();
        e.preventDefault();
      }
    };

    const onOver = (e: PointerEvent) => {
      const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-testid="cell"]');
      const cur = useCanvas.getState().hoverCell;
      if (cell && (cur?.stageId !== cell.dataset.stageId || cur?.laneId !== cell.dataset.laneId)) {
        useCanvas.getState().setHoverCell({ stageId: cell.dataset.stageId!, laneId: cell.dataset.laneId! });
      }
    };

    grid.addEventListener("pointerdown", onDown);
    grid.addEventListener("click", onClick, true);
    grid.addEventListener("pointerover", onOver);
    return () => {
      finish();
      for (const l of Array.from(landing)) land(l);
      shield.remove();
      ghosts.remove();
      grid.removeEventListener("pointerdown", onDown);
      grid.removeEventListener("click", onClick, true);
      grid.removeEventListener("pointerover", onOver);
    };
  }, [gridRef]);

  return dragging;
}
