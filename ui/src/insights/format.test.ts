import { describe, expect, it } from "vitest";
import table from "../../../tests/fixtures/percent-format.json";
import { formatPct } from "./format";

describe("formatPct", () => {
  it("reads every percentage as the exports write it (the table both check)", () => {
    expect(table.cases.length).toBeGreaterThan(10);
    for (const c of table.cases) {
      expect(formatPct(c.value, "en"), `${c.value} in English`).toBe(c.en);
      expect(formatPct(c.value, "vi"), `${c.value} in Vietnamese`).toBe(c.vi);
    }
  });
});
