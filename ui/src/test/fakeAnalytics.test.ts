// The fake core's funnel and comparison against the cases of
// src-tauri/analytics.rs and review.rs, so tests built on it mean something.
import { describe, expect, it } from "vitest";
import type { Card, Map } from "../bindings";
import { compare, funnel, funnelWith } from "./fakeAnalytics";

function map(rates: [number, number | null][]): Map {
  const cards: Card[] = rates.map(([stage, rate], i) => ({
    id: `c${i}`,
    stage_id: `s${stage}`,
    lane_id: "t",
    text: `step ${i}`,
    note: "",
    color: "",
    channel: "",
    emotion: null,
    conversion: rate,
    volume: null,
  }));
  // A rated card outside the touchpoints lane is not on the path.
  if (cards.length) cards.push({ ...cards[0], id: "x", lane_id: "p", conversion: 1 });
  return {
    id: "m",
    name: "M",
    goal: "",
    scenario: "",
    persona_id: null,
    stages: [0, 1, 2].map((i) => ({ id: `s${i}`, name: `S${i}`, color: "" })),
    lanes: [
      { id: "t", name: "Touchpoints", kind: "touchpoints", color: "" },
      { id: "p", name: "Pain", kind: "pain_points", color: "" },
    ],
    cards,
    research: [],
  };
}

describe("fake funnel (analytics.rs cases)", () => {
  it("overall is the product of the rates in journey order", () => {
    const f = funnel(map([[2, 50], [0, 80], [1, 25]]))!;
    expect(f.steps.map((s) => s.card_id)).toEqual(["c1", "c2", "c0"]);
    expect(f.overall).toBeCloseTo(10, 9);
    expect(f.steps[1].cumulative).toBe(20);
    expect(f.biggest_drop).toBe(1);
    expect(f.incomplete).toBe(false);
  });

  it("zero stops everyone; 100 loses nobody (tie: the first)", () => {
    const z = funnel(map([[0, 60], [1, 0], [2, 90]]))!;
    expect([z.overall, z.biggest_drop, z.steps[2].cumulative]).toEqual([0, 1, 0]);
    const h = funnel(map([[0, 100], [1, 100]]))!;
    expect([h.overall, h.biggest_drop]).toEqual([100, 0]);
  });

  it("missing rates are listed but not counted", () => {
    const f = funnel(map([[0, 50], [1, null], [2, 50]]))!;
    expect(f.steps).toHaveLength(3);
    expect([f.steps[1].rate, f.steps[1].cumulative]).toEqual([null, null]);
    expect(f.overall).toBeCloseTo(25, 9);
    expect(f.incomplete).toBe(true);
  });

  it("stages multiply their own rates and carry the running total", () => {
    const f = funnel(map([[0, 80], [0, 50], [2, 25]]))!;
    expect(f.stages.map((s) => [s.rate, s.cumulative])).toEqual([[40, 40], [null, null], [25, 10]]);
    expect(f.overall).toBeCloseTo(10, 9);
  });

  it("what-if changes rates without touching the map", () => {
    const m = map([[0, 50], [1, 40]]);
    const before = funnel(m)!;
    expect(before.overall).toBeCloseTo(20, 9);
    const after = funnelWith(m, [{ card_id: "c1", rate: 55 }])!;
    expect(after.overall).toBeCloseTo(27.5, 9);
    expect(after.biggest_drop).toBe(0);
    expect(m.cards[1].conversion).toBe(40);
    expect(funnelWith(m, [{ card_id: "nope", rate: 1 }])).toEqual(before);
    expect(funnelWith(m, [{ card_id: "c0", rate: null }, { card_id: "c1", rate: null }])).toBeNull();
  });

  it("no rates means no funnel and bad rates are ignored", () => {
    expect(funnel(map([[0, null], [1, null]]))).toBeNull();
    expect(funnel(map([]))).toBeNull();
    expect(funnel(map([[0, NaN], [1, 140]]))).toBeNull();
  });
});

describe("fake compare (review.rs cases)", () => {
  it("cards are matched by id", () => {
    const before = map([[0, 40], [0, null]]);
    before.cards = before.cards.slice(0, 2);
    const after: Map = JSON.parse(JSON.stringify(before));
    after.cards = after.cards.filter((c) => c.id !== "c1");
    after.cards[0].conversion = 55;
    after.cards[0].stage_id = "s1";
    after.cards.push({ ...after.cards[0], id: "new", text: "Zalo OA", conversion: null });
    after.stages.pop();
    const d = compare(before, after);
    expect(d.added.map((c) => c.id)).toEqual(["new"]);
    expect(d.removed.map((c) => c.id)).toEqual(["c1"]);
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0].fields).toEqual(["conversion", "place"]);
    expect([d.changed[0].before.stage, d.changed[0].after.stage]).toEqual(["S0", "S1"]);
    expect(d.stages_removed).toEqual(["S2"]);
    expect(d.conversion_before).toBeCloseTo(40, 9);
    expect(d.conversion_after).toBeCloseTo(55, 9);
  });
});
