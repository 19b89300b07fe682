import { describe, expect, it } from "vitest";
import type { Map } from "../bindings";
import curveCases from "../test/fixtures/emotion-curves.json";
import { makeCard, makeProject } from "../test/projects";
import theme from "../theme.json";
import { curveColors, curvePath, emotionCurves, emotionPoints, pointX, scoreToY, yToScore } from "./emotion";

describe("emotion curve", () => {
  it("orders a map's curves (and so their colours) as the core does", () => {
    // Written by the core (model.rs, curve_order_is_the_one_the_ui_replays).
    expect(curveCases.cases.length).toBeGreaterThan(4);
    for (const c of curveCases.cases) expect(emotionCurves(c.map as Map), c.name).toEqual(c.curves);
  });

  it("gives each curve its persona's colour as the core does, whatever the order of the cards", () => {
    expect(curveCases.cases.some((c) => c.name.includes("before"))).toBe(true);
    for (const c of curveCases.cases) {
      const personas = c.personas.map((id) => ({ id }));
      expect(curveColors(emotionCurves(c.map as Map), personas, theme.personaPalette.length), c.name).toEqual(c.colors);
    }
  });

  it("has one point per scored card, in stage then cell order", () => {
    const m = makeProject("en").maps[0];
    const lane = m.lanes[3];
    expect(lane.kind).toBe("emotions");
    const card = (id: string, s: number, e: number | null) => ({ ...makeCard(id, `m1-s${s}`, lane.id, id), emotion: e });
    m.cards = [card("late", 2, -2), card("first", 0, 1), card("unscored", 1, null), card("second", 0, 2), makeCard("other", "m1-s1", "m1-l0", "x")];
    const pts = emotionPoints(m, lane);
    expect(pts.map((p) => [p.cardId, p.stageIndex, p.slot, p.slots, p.score])).toEqual([
      ["first", 0, 0, 2, 1],
      ["second", 0, 1, 2, 2],
      ["late", 2, 0, 1, -2],
    ]);
    expect(pointX(pts[0], 300)).toBe(100);
    expect(pointX(pts[2], 300)).toBe(750);
  });

  it("maps scores to y and snaps y back to −2..2", () => {
    expect(scoreToY(2, 120, 10)).toBe(10);
    expect(scoreToY(-2, 120, 10)).toBe(110);
    expect(scoreToY(0, 120, 10)).toBe(60);
    expect(yToScore(12, 120, 10)).toBe(2);
    expect(yToScore(70, 120, 10)).toBe(0);
    expect(yToScore(-500, 120, 10)).toBe(2);
    expect(yToScore(500, 120, 10)).toBe(-2);
  });

  it("draws a path through every point", () => {
    expect(curvePath([])).toBe("");
    expect(curvePath([{ x: 1, y: 2 }])).toBe("M1,2");
    const d = curvePath([
      { x: 0, y: 0 },
      { x: 10, y: 10 },
      { x: 20, y: 0 },
    ]);
    expect(d.startsWith("M0,0 C")).toBe(true);
    expect(d.endsWith(" 20,0")).toBe(true);
    expect(d).toContain(" 10,10 C");
  });
});
