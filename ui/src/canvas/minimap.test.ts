import { describe, expect, it } from "vitest";
import type { Map } from "../bindings";
import { MINIMAP_BOX, minimapRects, minimapSize, sameLayout, type GridLayout } from "./minimap";

const map = {
  stages: [{ id: "s0" }, { id: "s1" }],
  lanes: [{ id: "l0" }, { id: "l1" }],
  cards: [
    { stage_id: "s0", lane_id: "l0" },
    { stage_id: "s0", lane_id: "l0" },
    { stage_id: "s1", lane_id: "l1" },
  ],
} as unknown as Map;

const layout: GridLayout = {
  width: 600,
  height: 400,
  header: 60,
  cols: [
    { left: 200, width: 200 },
    { left: 400, width: 200 },
  ],
  rows: [
    { top: 60, height: 100, accent: "#3b82f6" },
    { top: 160, height: 240, accent: "#e11d48" },
  ],
};

describe("minimap", () => {
  it("draws a band per stage and a cell per stage × lane, scaled, in the lane's accent", () => {
    const rects = minimapRects(map, layout, 0.5, (i) => ["#111", "#222"][i]);
    expect(rects).toHaveLength(2 + 4);
    expect(rects[0]).toEqual({ x: 100, y: 0, w: 100, h: 30, fill: "#111", alpha: 0.85 });
    expect(rects[1]).toMatchObject({ x: 200, fill: "#222" });
    // Cells: lane 0 × stage 0 holds two cards, lane 1 × stage 1 one; the others are empty (faint).
    const [a, b, c, d] = rects.slice(2);
    expect(a).toEqual({ x: 100.5, y: 30.5, w: 99, h: 49, fill: "#3b82f6", alpha: 0.35 + 2 * 0.08 });
    expect(b).toMatchObject({ x: 200.5, fill: "#3b82f6", alpha: 0.12 });
    expect(c).toMatchObject({ x: 100.5, y: 80.5, h: 119, fill: "#e11d48", alpha: 0.12 });
    expect(d).toMatchObject({ fill: "#e11d48", alpha: 0.35 + 0.08 });
  });

  it("skips stages and lanes not measured yet, and keeps tiny cells visible", () => {
    const rects = minimapRects(map, { ...layout, cols: [layout.cols[0]], rows: [layout.rows[0]] }, 0.001, () => "#000");
    expect(rects).toHaveLength(2);
    expect(rects[0].h).toBe(2);
    expect(rects[1]).toMatchObject({ w: 1, h: 1 });
  });

  it("a full cell is opaque", () => {
    const full = { ...map, cards: Array.from({ length: 20 }, () => ({ stage_id: "s0", lane_id: "l0" })) } as unknown as Map;
    expect(minimapRects(full, layout, 1, () => "#000")[2].alpha).toBe(1);
  });

  it("compares layouts by value", () => {
    const copy: GridLayout = JSON.parse(JSON.stringify(layout));
    expect(sameLayout(layout, copy)).toBe(true);
    expect(sameLayout(layout, { ...copy, rows: [copy.rows[0], { ...copy.rows[1], accent: "#000" }] })).toBe(false);
    expect(sameLayout(layout, { ...copy, cols: [copy.cols[0]] })).toBe(false);
    expect(sameLayout(layout, { ...copy, height: 401 })).toBe(false);
  });

  it("fits the whole grid in a small share of the viewport, keeping its proportions", () => {
    const view = { width: 1100, height: 820 };
    // A tall map (2,000 cards): bounded by the height share.
    const tall = minimapSize({ width: 5560, height: 12000 }, view);
    expect(tall.height).toBe(Math.round(820 * MINIMAP_BOX.heightShare));
    expect(tall.width).toBe(Math.round(5560 * tall.scale));
    expect(tall.width * tall.height).toBeLessThan(0.05 * view.width * view.height);
    // A wide, short map: bounded by the width share.
    const wide = minimapSize({ width: 12000, height: 900 }, view);
    expect(wide.width).toBe(Math.round(1100 * MINIMAP_BOX.widthShare));
    expect(wide.height).toBeLessThan(wide.width);
    // A big window does not make it grow without bound; a small one keeps it usable.
    expect(minimapSize({ width: 12000, height: 900 }, { width: 4000, height: 2000 }).width).toBe(MINIMAP_BOX.maxWidth);
    expect(minimapSize({ width: 12000, height: 900 }, { width: 300, height: 300 }).width).toBe(MINIMAP_BOX.minWidth);
  });

  it("has no size until the grid and the viewport are measured", () => {
    expect(minimapSize({ width: 0, height: 0 }, { width: 800, height: 600 })).toEqual({ scale: 0, width: 0, height: 0 });
    expect(minimapSize({ width: 800, height: 600 }, { width: 0, height: 0 }).scale).toBe(0);
  });
});
