// Runs once before the UI tests: they drive the real core through the core_bridge
// program (coreBridge.ts), which must be built, and built from the current sources.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { BRIDGE_PROGRAM } from "./coreBridge";

const BUILD = "cargo build --no-default-features --locked --example core_bridge";

/** The newest modification time of the files under `path`. */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export default function checkCoreBridge(): void {
  if (!existsSync(BRIDGE_PROGRAM)) {
    throw new Error(`The UI tests drive the real core, and its bridge is not built (${BRIDGE_PROGRAM}).\nBuild it from the repository root first:\n  ${BUILD}`);
  }
  const root = resolve(BRIDGE_PROGRAM, "../../../..");
  const sources = Math.max(newest(join(root, "src-tauri")), newest(join(root, "Cargo.toml")), newest(join(root, "Cargo.lock")));
  if (statSync(BRIDGE_PROGRAM).mtimeMs < sources) {
    throw new Error(`The core bridge (${BRIDGE_PROGRAM}) is older than the Rust sources: the tests would run an old core.\nRebuild it from the repository root first:\n  ${BUILD}`);
  }
}
