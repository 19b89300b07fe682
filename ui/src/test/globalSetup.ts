/// <reference types="node" />
// Runs once before the UI tests: they drive the real core through the core_bridge
// program (coreBridge.ts), which must be built, and built from the current sources.
import { existsSync, readFileSync, statSync } from "node:fs";
import { BRIDGE_PROGRAM } from "./coreBridge";

const BUILD = "cargo build --no-default-features --locked --example core_bridge";

/** The source files cargo built the bridge from (its dep-info file beside it: `program: file file…`). */
function sources(): string[] {
  const depInfo = `${BRIDGE_PROGRAM}.d`;
  if (!existsSync(depInfo)) return [];
  const text = readFileSync(depInfo, "utf8");
  const files = text.slice(text.indexOf(": ") + 2).split(/(?<!\\)\s+/);
  return files.filter((f) => f !== "").map((f) => f.replace(/\\ /g, " "));
}

export default function checkCoreBridge(): void {
  if (!existsSync(BRIDGE_PROGRAM)) {
    throw new Error(
      `The UI tests drive the real core, and its bridge is not built (${BRIDGE_PROGRAM}).\nBuild it from the repository root first:\n  ${BUILD}`,
    );
  }
  const built = statSync(BRIDGE_PROGRAM).mtimeMs;
  const changed = sources().filter((f) => !existsSync(f) || statSync(f).mtimeMs > built);
  if (changed.length > 0) {
    throw new Error(
      `The core bridge (${BRIDGE_PROGRAM}) is older than its sources (${changed.join(", ")}): the tests would run an old core.\nRebuild it from the repository root first:\n  ${BUILD}`,
    );
  }
}
