import { describe, expect, it } from "vitest";
import type { Map } from "../bindings";
import { makeCard, makeProject } from "../test/projects";
import { appliedByCore } from "../test/testCore";
import { cellIds } from "./dnd";
import {
  boxFrom,
  boxSelect,
  clickSelect,
  CLIPBOARD_FORMAT,
  deleteEdit,
  duplicateEdit,
  parseClipboard,
  pasteEdit,
  pruneSelection,
  serializeCards,
} from "./selection";

function map(): Map {
  const m = makeProject("en").maps[0];
  m.cards = [makeCard("a", "m1-s0", "m1-l0", "A"), makeCard("b", "m1-s0", "m1-l0", "B"), makeCard("x", "m1-s1", "m1-l0", "X")];
  m.cards[1].emotion = -1;
  m.cards[1].channel = "email";
  return m;
}

function counter() {
  let n = 0;
  return () => `n${++n}`;
}

describe("selection", () => {
  it("click selects one; shift/ctrl toggles", () => {
    expect(clickSelect(["a", "b"], "x", false)).toEqual(["x"]);
    expect(clickSelect(["a"], "x", true)).toEqual(["a", "x"]);
    expect(clickSelect(["a", "x"], "a", true)).toEqual(["x"]);
  });

  it("box select picks touching cards, optionally added to the selection", () => {
    const cards = [
      { id: "a", rect: { left: 0, top: 0, width: 10, height: 10 } },
      { id: "b", rect: { left: 20, top: 0, width: 10, height: 10 } },
      { id: "c", rect: { left: 40, top: 40, width: 10, height: 10 } },
    ];
    const box = boxFrom(25, 5, 5, 8);
    expect(box).toEqual({ left: 5, top: 5, width: 20, height: 3 });
    expect(boxSelect(cards, box, ["c"], false)).toEqual(["a", "b"]);
    expect(boxSelect(cards, box, ["c"], true)).toEqual(["c", "a", "b"]);
    expect(boxSelect(cards, boxFrom(100, 100, 120, 120), [], false)).toEqual([]);
  });

  it("drops ids that no longer exist", () => {
    const m = map();
    const sel = ["a", "b"];
    expect(pruneSelection(m, sel)).toBe(sel);
    expect(pruneSelection(m, ["a", "gone"])).toEqual(["a"]);
  });
});

describe("selection edits", () => {
  it("deletes several cards in one batch", async () => {
    const m = map();
    const e = deleteEdit(m, ["x", "a"]);
    expect(e).toEqual({
      type: "batch",
      edits: [
        { type: "delete_card", card_id: "a" },
        { type: "delete_card", card_id: "x" },
      ],
    });
    expect((await appliedByCore(m, e!)).cards.map((c) => c.id)).toEqual(["b"]);
    expect(deleteEdit(m, [])).toBeNull();
  });

  it("duplicates each card right after its original", async () => {
    const m = map();
    const { edit, ids } = duplicateEdit(m, ["b", "a", "x"], counter());
    expect(ids).toEqual(["n1", "n2", "n3"]);
    const next = await appliedByCore(m, edit!);
    expect(cellIds(next, "m1-s0", "m1-l0")).toEqual(["a", "n1", "b", "n2"]);
    expect(cellIds(next, "m1-s1", "m1-l0")).toEqual(["x", "n3"]);
    expect(next.cards.find((c) => c.id === "n2")).toMatchObject({ text: "B", emotion: -1, channel: "email" });
  });
});

describe("clipboard", () => {
  it("round-trips cards through text", async () => {
    const m = map();
    const text = serializeCards(m, ["b", "a"]);
    expect(JSON.parse(text).format).toBe(CLIPBOARD_FORMAT);
    const cards = parseClipboard(text);
    expect(cards.map((c) => c.text)).toEqual(["A", "B"]);
    expect(cards[1]).toMatchObject({ emotion: -1, channel: "email" });
    const { edit, ids } = pasteEdit(cards, "m1-s1", "m1-l0", 0, counter());
    const next = await appliedByCore(m, edit!);
    expect(cellIds(next, "m1-s1", "m1-l0")).toEqual([...ids, "x"]);
    expect(next.cards.filter((c) => ids.includes(c.id)).map((c) => c.text)).toEqual(["A", "B"]);
  });

  it("turns plain text lines into cards and keeps markup as text", () => {
    expect(parseClipboard("Thấy quảng cáo\n\n  <b>Gọi điện</b>  \n").map((c) => c.text)).toEqual(["Thấy quảng cáo", "<b>Gọi điện</b>"]);
    expect(parseClipboard("   ")).toEqual([]);
  });

  it("sanitises foreign values in our format", () => {
    const text = JSON.stringify({
      format: CLIPBOARD_FORMAT,
      cards: [{ text: 5, color: "red", emotion: 9, conversion: 250, volume: -3, evil: true }, null],
    });
    expect(parseClipboard(text)).toEqual([{ text: "", note: "", color: "", channel: "", emotion: null, conversion: null, volume: null }]);
  });
});
