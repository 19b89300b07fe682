// The canvas's colours and sizes have one definition, theme.json: the
// TypeScript reads it, and so do the exports (src-tauri/core/export/theme.rs). CSS
// cannot, so styles.css repeats the lane-kind colours and the grid sizes as
// variables; this test fails when the two disagree.
/// <reference types="node" />
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { LaneKind } from "./bindings";
import theme from "./theme.json";

const styles = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "styles.css"), "utf8");

/** The declarations of the CSS rule whose selector is exactly `selector`. */
function declarations(selector: string): Record<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const rule = new RegExp(`(^|\\n)${escaped}\\s*\\{([^}]*)\\}`).exec(styles);
  if (!rule) throw new Error(`styles.css has no rule ${selector}`);
  const out: Record<string, string> = {};
  for (const m of rule[2].matchAll(/([\w-]+)\s*:\s*([^;]+);/g)) out[m[1]] = m[2].trim();
  return out;
}

describe("theme.json and styles.css", () => {
  it("give every lane kind the same colours", () => {
    const kinds = Object.keys(theme.laneKinds) as LaneKind[];
    expect(kinds).toHaveLength(13);
    for (const kind of kinds) {
      const css = declarations(`.kind-${kind}`);
      const want = theme.laneKinds[kind];
      expect([css["--lane-accent"], css["--lane-soft"], css["--card-bg"]], kind).toEqual([want.accent, want.soft, want.card]);
    }
  });

  it("give the grid the same sizes", () => {
    const root = declarations(":root");
    expect(root["--stage-w"]).toBe(`${theme.grid.stageW}px`);
    expect(root["--lane-w"]).toBe(`${theme.grid.laneW}px`);
    expect(declarations(".stage-header")["min-height"]).toBe(`${theme.grid.headerH}px`);
  });

  it("give review comments the same colour", () => {
    expect(declarations(":root")["--comment"]).toBe(theme.comment);
  });
});
