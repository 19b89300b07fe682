import { describe, expect, it } from "vitest";
import table from "../../../tests/fixtures/blueprint-lines.json";
import type { LaneKind } from "../bindings";
import { blueprintLines } from "./blueprint";

describe("blueprint lines", () => {
  it("go where the table the exports also follow says", () => {
    expect(table.cases.length).toBeGreaterThanOrEqual(4);
    for (const c of table.cases) expect(blueprintLines(c.lanes as LaneKind[]), c.lanes.join(",")).toEqual(c.lines);
  });
});
