// The grid of a large map draws only the cells near the viewport (placeholders
// elsewhere), with a fake layout: jsdom has none, so element offsets and the
// viewport's size are mocked from the same fixed sizes as test/layout.ts.
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useCanvas } from "../canvas/canvasStore";
import { useStore } from "../store";
import type { TestCore } from "../test/testCore";
import { makeCard, makeProject } from "../test/projects";
import { cardTexts, cell, freshCore, openApp } from "../test/harness";
import { cellPoint, centre, installLayout } from "../test/layout";
import { MANY_SELECTED } from "./Grid";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

const VIEW = { width: 800, height: 600 };
/** How far the grid is scrolled (the fake layout moves the grid's rect by it). */
const scroll = { x: 0, y: 0 };
let core: TestCore;
const restore: (() => void)[] = [];

function bigProject() {
  // 20 stages × 3 lanes × 5 cards = 300 cards: windowed.
  const p = makeProject("en");
  const map = p.maps[0];
  map.stages = Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, name: `Stage ${i}`, color: "" }));
  map.lanes = map.lanes.slice(0, 3);
  map.cards = [];
  for (const s of map.stages)
    for (const l of map.lanes)
      for (let k = 0; k < 5; k += 1) map.cards.push(makeCard(`${s.id}-${l.id}-${k}`, s.id, l.id, `${s.name} ${l.name} ${k}`));
  return p;
}

beforeEach(async () => {
  core = await freshCore();
  useCanvas.setState(useCanvas.getInitialState(), true);
  const layout = installLayout();
  const fake = layout.getMockImplementation()!;
  layout.mockImplementation(function (this: Element) {
    const id = (this as HTMLElement).dataset?.testid;
    if (id === "canvas") return new DOMRect(0, 0, VIEW.width, VIEW.height);
    const r = fake.call(this);
    return id === "grid" ? new DOMRect(r.left - scroll.x, r.top - scroll.y, r.width, r.height) : r;
  });
  restore.push(() => layout.mockRestore());
  const get = (prop: "offsetLeft" | "offsetTop" | "offsetWidth" | "offsetHeight" | "clientWidth" | "clientHeight", pick: (r: DOMRect) => number) => {
    const spy = vi.spyOn(HTMLElement.prototype, prop, "get").mockImplementation(function (this: HTMLElement) {
      return pick(this.getBoundingClientRect());
    });
    restore.push(() => spy.mockRestore());
  };
  get("offsetLeft", (r) => r.left);
  get("offsetTop", (r) => r.top);
  get("offsetWidth", (r) => r.width);
  get("offsetHeight", (r) => r.height);
  get("clientWidth", (r) => r.width);
  get("clientHeight", (r) => r.height);
});
afterEach(() => {
  scroll.x = 0;
  scroll.y = 0;
  while (restore.length) restore.pop()!();
});

const drawn = (s: number, l: number) => !cell(s, l).classList.contains("cell-virtual");

describe("a large map's grid", () => {
  it("draws the cells near the viewport and placeholders elsewhere", async () => {
    await openApp(core, bigProject());
    // 800 × 600 from the top left: stages 0..2 and lanes 0..1 are on screen (estimated at first from the window, 1024 × 768: stages 0..3, lanes 0..2).
    for (const [s, l] of [
      [0, 0],
      [2, 0],
      [0, 1],
      [2, 1],
    ])
      expect(drawn(s, l)).toBe(true);
    expect(cardTexts(cell(1, 1))).toHaveLength(5);
    const far = cell(15, 0);
    expect(far).toHaveClass("cell-virtual");
    expect(far.querySelectorAll("[data-card-id]")).toHaveLength(0);
    expect(parseFloat(far.style.minHeight)).toBeGreaterThan(200);
    expect(document.querySelectorAll("[data-card-id]").length).toBeLessThan(100);
  });

  it("draws cells scrolled onto the screen at once, and the margin around them a few cells per frame", async () => {
    await openApp(core, bigProject());
    // The view (stages 0..2 × lanes 0..1) and its margin (stage 3, lane 2) are drawn once the first frame is painted.
    await waitFor(() => expect(drawn(3, 2)).toBe(true));
    expect(drawn(4, 0)).toBe(false);
    await new Promise((r) => setTimeout(r, 100)); // frames asked for before are over
    const frames: FrameRequestCallback[] = [];
    const raf = vi.spyOn(window, "requestAnimationFrame").mockImplementation((cb) => frames.push(cb));
    restore.push(() => raf.mockRestore());
    const frame = () =>
      act(() => {
        for (const cb of frames.splice(0)) cb(performance.now());
      });
    const drawnCells = () => document.querySelectorAll('[data-testid="cell"]:not(.cell-virtual)').length;

    // Three columns to the right: stages 2..5 × lanes 0..1 on screen, drawn in the scroll event itself.
    scroll.x = 3 * 264;
    act(() => {
      fireEvent.scroll(screen.getByTestId("canvas"));
    });
    for (const s of [2, 3, 4, 5]) for (const l of [0, 1]) expect(drawn(s, l)).toBe(true);
    // The margin (stages 1 and 6, lane 2) is not drawn yet, and not in the frame that drew the view either.
    expect(drawn(6, 0)).toBe(false);
    expect(drawn(4, 2)).toBe(false);
    frame();
    expect(drawn(6, 0) || drawn(4, 2) || drawn(5, 2)).toBe(false);
    // Then a batch per frame (16 cards: three cells of five), nearest first; cells outside the margin leave.
    let before = drawnCells();
    frame();
    expect(drawn(0, 0)).toBe(false);
    const missing = [drawn(4, 2), drawn(5, 2), drawn(6, 0), drawn(6, 1), drawn(6, 2)].filter((d) => !d).length;
    expect(missing).toBe(2);
    expect(drawn(6, 2)).toBe(false); // a corner: two steps from the view
    before = drawnCells();
    frame();
    expect(drawnCells()).toBe(before + 2);
    for (let s = 1; s <= 6; s += 1) for (let l = 0; l <= 2; l += 1) expect(drawn(s, l)).toBe(true);
    expect(drawn(7, 0)).toBe(false);
    // Nothing left to draw: no more frames asked for.
    frame();
    expect(frames).toHaveLength(0);
  });

  it("marks the grid when more than MANY_SELECTED cards are selected (their shadows are drawn unblurred)", async () => {
    await openApp(core, bigProject());
    const grid = screen.getByTestId("grid");
    const ids = Array.from(document.querySelectorAll<HTMLElement>("[data-card-id]"), (c) => c.dataset.cardId!);
    act(() => useCanvas.getState().select(ids.slice(0, MANY_SELECTED)));
    expect(grid).not.toHaveClass("many-selected");
    expect(document.querySelectorAll(".card.is-selected")).toHaveLength(MANY_SELECTED);
    act(() => useCanvas.getState().select(ids.slice(0, MANY_SELECTED + 1)));
    expect(grid).toHaveClass("many-selected");
    expect(document.querySelectorAll(".card.is-selected")).toHaveLength(MANY_SELECTED + 1);
    act(() => useCanvas.getState().select([]));
    expect(grid).not.toHaveClass("many-selected");
  });

  it("draws a cell once its inline editor opens, even far from the viewport", async () => {
    await openApp(core, bigProject());
    expect(drawn(15, 2)).toBe(false);
    act(() => useStore.getState().setEditing({ kind: "new-card", stageId: "s15", laneId: useStore.getState().doc!.project.maps[0].lanes[2].id }));
    await waitFor(() => expect(drawn(15, 2)).toBe(true));
    expect(cell(15, 2).querySelector('[data-testid="card-editor"]')).not.toBeNull();
  });

  it("draws a placeholder that takes the keyboard focus and passes the focus to its first card", async () => {
    await openApp(core, bigProject());
    const lane0 = useStore.getState().doc!.project.maps[0].lanes[0].id;
    expect(drawn(15, 0)).toBe(false);
    act(() => cell(15, 0).focus());
    await waitFor(() => expect(document.activeElement).toHaveAttribute("data-card-id", `s15-${lane0}-0`));
    expect(drawn(15, 0)).toBe(true);
  });

  it("drops a dragged card into a drawn cell with ONE move_card", async () => {
    await openApp(core, bigProject());
    const lanes = useStore.getState().doc!.project.maps[0].lanes;
    const from = cell(0, 0).querySelector<HTMLElement>("[data-card-id]")!;
    const start = centre(from);
    const to = cellPoint(2, 1, 1);
    fireEvent.pointerDown(from, { ...start, button: 0, pointerId: 1 });
    for (let i = 1; i <= 4; i += 1) {
      fireEvent.pointerMove(window, {
        clientX: start.clientX + ((to.clientX - start.clientX) * i) / 4,
        clientY: start.clientY + ((to.clientY - start.clientY) * i) / 4,
        pointerId: 1,
      });
    }
    fireEvent.pointerUp(window, { ...to, pointerId: 1 });
    await waitFor(() =>
      expect(core.edits()).toEqual([{ type: "move_card", card_id: `s0-${lanes[0].id}-0`, stage_id: "s2", lane_id: lanes[1].id, index: 1 }]),
    );
  });

  it("box-selects cards of cells that are not drawn, by their estimated place", async () => {
    await openApp(core, bigProject());
    // From an empty spot of cell (0, 0) to the far right of lane 0: the box spans placeholders too.
    const a = cellPoint(0, 0, 5);
    fireEvent.pointerDown(cell(0, 0), { ...a, clientY: a.clientY + 30, button: 0, pointerId: 1 });
    fireEvent.pointerMove(window, { clientX: 208 + 264 * 19 + 200, clientY: 56 + 5, pointerId: 1 });
    fireEvent.pointerUp(window, { clientX: 208 + 264 * 19 + 200, clientY: 56 + 5, pointerId: 1 });
    const selected = useCanvas.getState().selected;
    // The first card of every stage's lane 0 (drawn or not) lies in the box.
    const lane0 = useStore.getState().doc!.project.maps[0].lanes[0].id;
    for (let s = 0; s < 20; s += 1) expect(selected).toContain(`s${s}-${lane0}-0`);
  });
});
