import { describe, expect, it } from "vitest";
import type { Edit, Map } from "../bindings";
import { makeCard, makeProject } from "../test/projects";
import { appliedByCore } from "../test/testCore";
import { cardDropAt, cellIds, gapAt, insertionIndex, moveCardsEdit, reorderIndex, reordered } from "./dnd";

function map(): Map {
  const m = makeProject("en").maps[0];
  m.cards = [
    makeCard("a", "m1-s0", "m1-l0", "A"),
    makeCard("b", "m1-s0", "m1-l0", "B"),
    makeCard("c", "m1-s0", "m1-l0", "C"),
    makeCard("d", "m1-s0", "m1-l0", "D"),
    makeCard("x", "m1-s1", "m1-l2", "X"),
    makeCard("y", "m1-s1", "m1-l2", "Y"),
  ];
  return m;
}

/** The cell's ids once the real core applied the edit. */
async function after(m: Map, edit: Edit | null, stage: string, lane: string): Promise<string[]> {
  if (!edit) return cellIds(m, stage, lane);
  return cellIds(await appliedByCore(m, edit), stage, lane);
}

const r = (top: number, height = 40) => ({ left: 0, top, width: 100, height });

describe("drop target", () => {
  it("finds the gap nearest to the pointer", () => {
    const rects = [r(0), r(50), r(100)];
    expect(insertionIndex(rects, -5)).toBe(0);
    expect(insertionIndex(rects, 19)).toBe(0);
    expect(insertionIndex(rects, 21)).toBe(1);
    expect(insertionIndex(rects, 125)).toBe(3);
    expect(insertionIndex([], 10)).toBe(0);
  });

  it("finds the cell under the pointer and nothing outside", () => {
    const cells = [
      { stageId: "s0", laneId: "l0", rect: { left: 0, top: 0, width: 100, height: 200 }, cards: [{ id: "a", rect: r(10) }] },
      { stageId: "s1", laneId: "l0", rect: { left: 100, top: 0, width: 100, height: 200 }, cards: [] },
    ];
    expect(cardDropAt(cells, 50, 100)).toEqual({ stageId: "s0", laneId: "l0", index: 1 });
    expect(cardDropAt(cells, 150, 5)).toEqual({ stageId: "s1", laneId: "l0", index: 0 });
    expect(cardDropAt(cells, 250, 5)).toBeNull();
  });
});

describe("moveCardsEdit", () => {
  it("moves one card to another stage and lane as one MoveCard", async () => {
    const m = map();
    const e = moveCardsEdit(m, ["b"], { stageId: "m1-s1", laneId: "m1-l2", index: 1 });
    expect(e).toEqual({ type: "move_card", card_id: "b", stage_id: "m1-s1", lane_id: "m1-l2", index: 1 });
    expect(await after(m, e, "m1-s1", "m1-l2")).toEqual(["x", "b", "y"]);
    expect(await after(m, e, "m1-s0", "m1-l0")).toEqual(["a", "c", "d"]);
  });

  it("reorders within a cell, down and up", async () => {
    const m = map();
    expect(await after(m, moveCardsEdit(m, ["a"], { stageId: "m1-s0", laneId: "m1-l0", index: 3 }), "m1-s0", "m1-l0")).toEqual(["b", "c", "a", "d"]);
    expect(await after(m, moveCardsEdit(m, ["a"], { stageId: "m1-s0", laneId: "m1-l0", index: 4 }), "m1-s0", "m1-l0")).toEqual(["b", "c", "d", "a"]);
    expect(await after(m, moveCardsEdit(m, ["d"], { stageId: "m1-s0", laneId: "m1-l0", index: 0 }), "m1-s0", "m1-l0")).toEqual(["d", "a", "b", "c"]);
  });

  it("returns null when the card would not move", () => {
    const m = map();
    expect(moveCardsEdit(m, ["b"], { stageId: "m1-s0", laneId: "m1-l0", index: 1 })).toBeNull();
    expect(moveCardsEdit(m, ["b"], { stageId: "m1-s0", laneId: "m1-l0", index: 2 })).toBeNull();
    expect(moveCardsEdit(m, [], { stageId: "m1-s0", laneId: "m1-l0", index: 0 })).toBeNull();
  });

  it("moves a multi-selection as one batch, keeping display order", async () => {
    const m = map();
    const e = moveCardsEdit(m, ["c", "a"], { stageId: "m1-s0", laneId: "m1-l0", index: 4 });
    expect(e?.type).toBe("batch");
    expect(await after(m, e, "m1-s0", "m1-l0")).toEqual(["b", "d", "a", "c"]);
    const e2 = moveCardsEdit(m, ["y", "b", "d"], { stageId: "m1-s0", laneId: "m1-l0", index: 0 });
    expect(await after(m, e2, "m1-s0", "m1-l0")).toEqual(["b", "d", "y", "a", "c"]);
    const e3 = moveCardsEdit(m, ["a", "x"], { stageId: "m1-s1", laneId: "m1-l2", index: 2 });
    expect(await after(m, e3, "m1-s1", "m1-l2")).toEqual(["y", "a", "x"]);
  });

  it("drops a selection into the middle of itself", async () => {
    const m = map();
    const e = moveCardsEdit(m, ["a", "c"], { stageId: "m1-s0", laneId: "m1-l0", index: 2 });
    expect(await after(m, e, "m1-s0", "m1-l0")).toEqual(["b", "a", "c", "d"]);
  });
});

describe("header reorder", () => {
  it("maps a gap to a final index", () => {
    expect(
      gapAt(
        [
          { start: 0, size: 100 },
          { start: 100, size: 100 },
          { start: 200, size: 100 },
        ],
        260,
      ),
    ).toBe(3);
    expect(reorderIndex(0, 3)).toBe(2);
    expect(reorderIndex(2, 0)).toBe(0);
    expect(reorderIndex(1, 1)).toBeNull();
    expect(reorderIndex(1, 2)).toBeNull();
    expect(reordered(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
  });
});
