/// <reference types="node" />
// The bench page's recordings (recordedCore.ts): for each scene, what the real core
// answers the calls the page makes. The scene's project is stored and opened by the
// core, and the calls go through the app's own `api`, so they are named exactly as
// the page sends them. A recording that differs from the core's answers today fails
// this test; `UPDATE_BENCH_RECORDINGS=1 npx vitest run bench/` rewrites them.
import { invoke } from "@tauri-apps/api/core";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { api } from "../src/api";
import type { Project, Snapshot } from "../src/bindings";
import { freshCore } from "../src/test/harness";
import { insightsProject } from "./insightsScene";
import { callKey } from "./recordedCore";
import { bigProject, demoProject } from "./scenes";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

type Scene = { name: string; path: string; make: () => { project: Project; snapshots: Snapshot[] } };

const course = (lang: "en" | "vi") => `/home/linh/maps/${lang === "vi" ? "khoa-hoc" : "course"}.journey`;
/** The page's scenes (setup.ts names the recording it loads the same way). */
const SCENES: Scene[] = [
  { name: "bench", path: "/bench/big.journey", make: () => ({ project: bigProject(), snapshots: [] }) },
  ...(["en", "vi"] as const).flatMap((lang): Scene[] => [
    { name: `demo-${lang}`, path: course(lang), make: () => ({ project: demoProject(lang), snapshots: [] }) },
    { name: `insights-${lang}`, path: course(lang), make: () => insightsProject(lang) },
  ]),
];

const DIR = join(dirname(fileURLToPath(import.meta.url)), "public", "recorded");
const UPDATE = Boolean(import.meta.env.UPDATE_BENCH_RECORDINGS);

/** The page's calls for `scene` (start-up; for insights, the panels the screenshots open), answered by the core. */
async function record(scene: Scene): Promise<string> {
  const core = await freshCore();
  const { project, snapshots } = scene.make();
  core.addFile(scene.path, project, true, snapshots);
  core.initialPath = scene.path;
  const lines: string[] = [];
  vi.mocked(invoke).mockImplementation(async (cmd, args) => {
    const key = callKey(cmd, args);
    try {
      const ok = await core.handle(cmd, args);
      lines.push(key, JSON.stringify({ ok }));
      return ok as never;
    } catch (err) {
      lines.push(key, JSON.stringify({ err }));
      throw err;
    }
  });
  const start = await api.initialPath();
  const doc = await api.openProject(start!);
  await api.recentFiles();
  const map = doc.project.maps[0];
  await api.funnel(map.id);
  if (snapshots.length > 0) {
    await api.funnel(map.id, [{ card_id: "t2", rate: 30 }]);
    await api.compareVersions(map.id, snapshots[0].id, null);
  }
  return `${lines.join("\n")}\n`;
}

describe("the bench page's recordings", () => {
  for (const scene of SCENES) {
    it(`${scene.name}: is what the real core answers`, async () => {
      const recorded = await record(scene);
      const file = join(DIR, `${scene.name}.txt`);
      if (UPDATE) writeFileSync(file, recorded);
      const stale = `${file} is not what the core answers now: rewrite it with UPDATE_BENCH_RECORDINGS=1 npx vitest run bench/`;
      expect(readFileSync(file, "utf8") === recorded, stale).toBe(true);
    }, 30000);
  }
});
