import { describe, expect, it } from "vitest";
import {
  NO_CELLS,
  estimateCardHeight,
  estimateCardRects,
  estimateCellHeight,
  estimatedWindow,
  cellNo,
  inWindow,
  missingCells,
  spanRange,
  viewInGrid,
  visibleWindow,
  windowCells,
  windowHas,
  type Span,
} from "./virtual";

// 20 stage columns of 264 px after a 208 px lane header column.
const cols: Span[] = Array.from({ length: 20 }, (_, i) => ({ start: 208 + i * 264, size: 264 }));
// 56 px header row, then lanes of different heights.
const heights = [1224, 964, 964, 1374, 100];
const rows: Span[] = heights.map((size, i) => ({ start: 56 + heights.slice(0, i).reduce((a, b) => a + b, 0), size }));

describe("spanRange", () => {
  it("finds the spans intersecting a range, edges excluded", () => {
    expect(spanRange(cols, 0, 208)).toEqual([0, -1]); // only the lane header column
    expect(spanRange(cols, 0, 209)).toEqual([0, 0]);
    expect(spanRange(cols, 208 + 264, 208 + 264 * 2)).toEqual([1, 1]);
    expect(spanRange(cols, 208 + 263, 208 + 265)).toEqual([0, 1]);
    expect(spanRange(cols, 0, 1e9)).toEqual([0, 19]);
    expect(spanRange(cols, 1e8, 1e9)).toEqual([0, -1]);
    expect(spanRange(cols, 500, 500)).toEqual([0, -1]);
    expect(spanRange([], 0, 100)).toEqual([0, -1]);
  });

  it("handles rows of different heights", () => {
    expect(spanRange(rows, 0, 1000)).toEqual([0, 0]);
    expect(spanRange(rows, 1200, 1400)).toEqual([0, 1]);
    expect(spanRange(rows, 56 + 1224 + 964 + 1, 56 + 1224 + 964 + 2)).toEqual([2, 2]);
  });
});

describe("visibleWindow", () => {
  const view = { left: 0, top: 0, width: 1250, height: 940 };
  it("takes the columns and lanes on screen", () => {
    // (1250 − 208) / 264 ≈ 3.9 → columns 0..3; the first lane fills the height.
    expect(visibleWindow(cols, rows, view, { x: 0, y: 0 })).toEqual({ s0: 0, s1: 3, l0: 0, l1: 0 });
  });
  it("adds the overscan on every side", () => {
    // 1250 + 300 px reaches column 5 (from 1528 px); 940 + 400 px reaches lane 1 (from 1280 px).
    expect(visibleWindow(cols, rows, view, { x: 300, y: 400 })).toEqual({ s0: 0, s1: 5, l0: 0, l1: 1 });
    const mid = { left: 208 + 264 * 10, top: 56 + 1224 + 100, width: 1000, height: 500 };
    expect(visibleWindow(cols, rows, mid, { x: 0, y: 0 })).toEqual({ s0: 10, s1: 13, l0: 1, l1: 1 });
    expect(visibleWindow(cols, rows, mid, { x: 10, y: 200 })).toEqual({ s0: 9, s1: 13, l0: 0, l1: 1 });
  });
  it("is empty outside the grid", () => {
    expect(visibleWindow(cols, rows, { left: 1e6, top: 0, width: 100, height: 100 }, { x: 0, y: 0 })).toEqual(NO_CELLS);
  });
});

describe("viewInGrid", () => {
  it("converts the viewport to grid px at any zoom", () => {
    // Grid scrolled 300 px left and 100 px up (at zoom 1), viewport at (10, 60) on screen.
    expect(viewInGrid({ left: 10, top: 60, width: 800, height: 600 }, { left: -290, top: -40 }, 1)).toEqual({
      left: 300,
      top: 100,
      width: 800,
      height: 600,
    });
    // At 50 %, the same viewport shows twice as much of the grid.
    expect(viewInGrid({ left: 0, top: 0, width: 800, height: 600 }, { left: -100, top: 0 }, 0.5)).toEqual({
      left: 200,
      top: 0,
      width: 1600,
      height: 1200,
    });
  });
});

describe("window helpers", () => {
  it("compares windows and tests cells", () => {
    const w = { s0: 2, s1: 4, l0: 1, l1: 1 };
    expect(inWindow(w, 2, 1)).toBe(true);
    expect(inWindow(w, 4, 1)).toBe(true);
    expect(inWindow(w, 5, 1)).toBe(false);
    expect(inWindow(w, 3, 0)).toBe(false);
    expect(inWindow(null, 99, 99)).toBe(true);
    expect(inWindow(NO_CELLS, 0, 0)).toBe(false);
    expect(windowHas(w, cellNo(3, 1))).toBe(true);
    expect(windowHas(w, cellNo(3, 2))).toBe(false);
    expect([...windowCells(w)].sort((a, b) => a - b)).toEqual([cellNo(2, 1), cellNo(3, 1), cellNo(4, 1)]);
    expect(windowCells(NO_CELLS).size).toBe(0);
  });

  it("lists the cells a margin lacks, nearest to the view first", () => {
    const view = { s0: 2, s1: 3, l0: 1, l1: 1 };
    const goal = { s0: 1, s1: 4, l0: 0, l1: 2 };
    const drawn = new Set([...windowCells(view), cellNo(1, 1)]);
    const missing = missingCells(goal, drawn, view);
    // Everything in the goal that is not drawn, once each.
    expect(new Set(missing)).toEqual(new Set([...windowCells(goal)].filter((n) => !drawn.has(n))));
    expect(missing).toHaveLength(12 - 3);
    // Beside the view (one step away) before its corners (two steps).
    const side = [cellNo(4, 1), cellNo(2, 0), cellNo(2, 2), cellNo(3, 0), cellNo(3, 2)];
    expect(new Set(missing.slice(0, side.length))).toEqual(new Set(side));
    expect(new Set(missing.slice(side.length))).toEqual(new Set([cellNo(1, 0), cellNo(1, 2), cellNo(4, 0), cellNo(4, 2)]));
    expect(missingCells(goal, windowCells(goal), view)).toEqual([]);
  });
});

describe("height estimates", () => {
  const text = "Card 12: actions note for Stage 2, with enough words to wrap onto a second line";
  it("matches the drawn sizes of the benchmark's cards", () => {
    // Measured in Chromium: 83 px for three lines, 109 px with a chip row, 103 px with a pain icon (four lines).
    expect(estimateCardHeight({ text }, "actions")).toBe(83);
    expect(estimateCardHeight({ text }, "touchpoints")).toBe(109);
    // Longer numbers still fit three lines (measured 109 px); an estimate of four would leave gaps under drawn cells.
    expect(
      estimateCardHeight({ text: "Card 1901: touchpoints note for Stage 20, with enough words to wrap onto a second line" }, "touchpoints"),
    ).toBe(109);
    expect(estimateCardHeight({ text: `${text}xxxx` }, "pain_points")).toBe(103);
    expect(estimateCardHeight({ text: "" }, "text")).toBe(42);
    expect(estimateCardHeight({ text: "a\nb\nc" }, "text")).toBe(83);
    expect(estimateCardHeight({ text: "x".repeat(5000) }, "text")).toBe(240);
    // 10 such cards: 953 px of content + 10 px padding + 1 px border (measured: 964).
    const cards = Array.from({ length: 10 }, () => ({ text }));
    expect(estimateCellHeight(cards, "actions")).toBe(965);
    expect(estimateCellHeight([], "actions")).toBe(55);
    expect(estimateCellHeight([], "emotions")).toBe(205);
  });

  it("stacks estimated card rects inside a cell", () => {
    const rects = estimateCardRects(
      { left: 208, top: 56, width: 264, height: 1000 },
      [
        { id: "a", text: "x" },
        { id: "b", text: "y" },
      ],
      "text",
    );
    expect(rects).toEqual([
      { id: "a", rect: { left: 218, top: 66, width: 243, height: 42 } },
      { id: "b", rect: { left: 218, top: 116, width: 243, height: 42 } },
    ]);
    expect(estimateCardRects({ left: 0, top: 0, width: 264, height: 500 }, [{ id: "e", text: "" }], "emotions")[0].rect.top).toBe(160);
  });
});

describe("estimatedWindow", () => {
  it("covers the top left of the grid in a viewport", () => {
    // 1600 × 1000: (1600 − 208) / 264 → columns 0..5; the first lane (56..1280) fills the height.
    expect(estimatedWindow(20, [1224, 964, 964], { width: 1600, height: 1000 }, 1)).toEqual({ s0: 0, s1: 5, l0: 0, l1: 0 });
    // Short lanes: several fit.
    expect(estimatedWindow(20, [300, 300, 300, 300], { width: 800, height: 700 }, 1)).toEqual({ s0: 0, s1: 2, l0: 0, l1: 2 });
    // Zoomed out to 50 %: twice as much.
    expect(estimatedWindow(20, [1224, 964, 964], { width: 1600, height: 1000 }, 0.5)).toEqual({ s0: 0, s1: 11, l0: 0, l1: 1 });
    expect(estimatedWindow(3, [100], { width: 5000, height: 5000 }, 1)).toEqual({ s0: 0, s1: 2, l0: 0, l1: 0 });
  });
});
