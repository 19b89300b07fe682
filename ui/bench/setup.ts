// Set-up for the bench page (harness.ts): the Tauri IPC mocked (mockIPC),
// answered from the real core's recorded answers for the scene (recordedCore.ts),
// and the probe that records the time to the first full render.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Map as JourneyMap } from "../src/bindings";
import { useStore } from "../src/store";
import { RecordedCore } from "./recordedCore";

declare global {
  interface Window {
    /**
     * cards: in the document; drawn: in the DOM at the first full render;
     * elements: the DOM's size then; committed: when the editor's grid was
     * first in the DOM; fixtureMs: time spent fetching the scene's recording
     * and indexing it (the core is ready once it is set).
     */
    __bench: {
      cards: number;
      drawn?: number;
      elements?: number;
      committed?: number;
      firstRender?: number;
      fixtureMs: number;
      core: RecordedCore | null;
    };
  }
}

const params = new URLSearchParams(location.search);
const scene = params.get("scene") ?? "bench";
const lang = params.get("lang") === "vi" ? "vi" : "en";
localStorage.setItem("journey-studio.lang", lang);
window.__bench = { cards: 0, fixtureMs: NaN, core: null };

// Fetching the recording is the bench's own work (in the app the document comes
// from the Rust core): timed apart. The scenes' documents are made by scenes.ts
// and insightsScene.ts, stored and answered by the real core (recordings.test.ts).
const fixtureStart = performance.now();
const recording = scene === "bench" ? "bench" : `${scene}-${lang}`;
const core = fetch(`recorded/${recording}.txt`)
  .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`no recording ${recording}: ${r.status}`))))
  .then((text) => {
    window.__bench.core = new RecordedCore(text);
    window.__bench.fixtureMs = performance.now() - fixtureStart;
    return window.__bench.core;
  });
// Events (listen/emit) mocked too: the app listens for files to open, as in the real app.
mockIPC(async (cmd, args) => (await core).handle(cmd, args), { shouldMockEvents: true });

// How many cards each cell of the map holds (what must be drawn in it), counted once the document is in.
let perCell: Map<string, number> | null = null;
function cellCounts(map: JourneyMap): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of map.cards) counts.set(`${c.stage_id}|${c.lane_id}`, (counts.get(`${c.stage_id}|${c.lane_id}`) ?? 0) + 1);
  return counts;
}

/**
 * True once the map is usable and what is on screen is complete: the grid is
 * in the DOM with every stage and lane header, and every cell that intersects
 * the viewport shows all of its cards (large maps leave cells far from the
 * viewport as placeholders; they do not count, as they are not on screen).
 */
function screenComplete(): boolean {
  const sc = document.querySelector<HTMLElement>('[data-testid="canvas"]');
  const grid = sc?.querySelector<HTMLElement>('[data-testid="grid"]');
  const map = useStore.getState().doc?.project.maps[0];
  if (!sc || !grid || !map) return false;
  perCell ??= cellCounts(map);
  const counts = perCell;
  window.__bench.cards = map.cards.length;
  if (grid.querySelectorAll('[data-testid="stage-header"]').length !== map.stages.length) return false;
  if (grid.querySelectorAll('[data-testid="lane-header"]').length !== map.lanes.length) return false;
  const v = sc.getBoundingClientRect();
  let onScreen = 0;
  for (const cell of grid.querySelectorAll<HTMLElement>('[data-testid="cell"]')) {
    const r = cell.getBoundingClientRect();
    if (r.right <= v.left || r.left >= v.right || r.bottom <= v.top || r.top >= v.bottom) continue;
    const want = counts.get(`${cell.dataset.stageId}|${cell.dataset.laneId}`) ?? 0;
    if (cell.querySelectorAll(":scope > [data-card-id]").length !== want) return false;
    onScreen += 1;
  }
  return onScreen > 0;
}

// When React commits the editor (a mutation record is delivered right after the commit).
const commits = new MutationObserver(() => {
  if (!document.querySelector('[data-testid="grid"]')) return;
  window.__bench.committed = performance.now();
  commits.disconnect();
});
commits.observe(document, { childList: true, subtree: true });

// First full render: the screen complete, then two frames so it has been painted.
function waitForScreen() {
  if (screenComplete()) {
    window.__bench.drawn = document.querySelectorAll("[data-card-id]").length;
    window.__bench.elements = document.getElementsByTagName("*").length;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        window.__bench.firstRender = performance.now();
        // The bench waits for this line (load.mjs), so it need not run code in the page meanwhile.
        console.debug("bench:first-render");
      }),
    );
    return;
  }
  requestAnimationFrame(waitForScreen);
}
requestAnimationFrame(waitForScreen);

performance.mark("harness-ready");
