// Set-up for the bench page (harness.ts): the Tauri IPC mocked (mockIPC),
// backed by the in-memory fake core and a generated document, and the probe
// that records the time to the first full render.
import { mockIPC } from "@tauri-apps/api/mocks";
import { FakeCore } from "../src/test/fakeCore";
import { insightsProject } from "./insightsScene";
import { bigProject, demoProject } from "./scenes";

declare global {
  interface Window {
    /**
     * cards: in the document; drawn: in the DOM at the first full render;
     * elements: the DOM's size then; committed: when the editor's grid was
     * first in the DOM; fixtureMs: time spent making the generated document
     * and giving it to the fake core.
     */
    __bench: { cards: number; drawn?: number; elements?: number; committed?: number; firstRender?: number; fixtureMs: number; core: FakeCore };
  }
}

const params = new URLSearchParams(location.search);
const scene = params.get("scene") ?? "bench";
const lang = params.get("lang") === "vi" ? "vi" : "en";
localStorage.setItem("journey-studio.lang", lang);

// Making the document and handing it to the fake core is the bench's own work
// (in the app the document comes from the Rust core): timed apart.
const fixtureStart = performance.now();
const insights = scene === "insights" ? insightsProject(lang) : null;
const project = insights ? insights.project : scene === "demo" ? demoProject(lang) : bigProject();
const core = new FakeCore();
const path = scene !== "bench" ? `/home/linh/maps/${lang === "vi" ? "khoa-hoc" : "course"}.journey` : "/bench/big.journey";
core.addFile(path, project, true, insights?.snapshots ?? []);
const fixtureMs = performance.now() - fixtureStart;
core.initialPath = path;
// Events (listen/emit) mocked too: the app listens for files to open, as in the real app.
mockIPC((cmd, args) => core.handle(cmd, args), { shouldMockEvents: true });

const map = project.maps[0];
window.__bench = { cards: map.cards.length, fixtureMs, core };

// How many cards each cell holds in the document (what must be drawn in it).
const perCell = new Map<string, number>();
for (const c of map.cards) perCell.set(`${c.stage_id}|${c.lane_id}`, (perCell.get(`${c.stage_id}|${c.lane_id}`) ?? 0) + 1);

/**
 * True once the map is usable and what is on screen is complete: the grid is
 * in the DOM with every stage and lane header, and every cell that intersects
 * the viewport shows all of its cards (large maps leave cells far from the
 * viewport as placeholders; they do not count, as they are not on screen).
 */
function screenComplete(): boolean {
  const sc = document.querySelector<HTMLElement>('[data-testid="canvas"]');
  const grid = sc?.querySelector<HTMLElement>('[data-testid="grid"]');
  if (!sc || !grid) return false;
  if (grid.querySelectorAll('[data-testid="stage-header"]').length !== map.stages.length) return false;
  if (grid.querySelectorAll('[data-testid="lane-header"]').length !== map.lanes.length) return false;
  const v = sc.getBoundingClientRect();
  let onScreen = 0;
  for (const cell of grid.querySelectorAll<HTMLElement>('[data-testid="cell"]')) {
    const r = cell.getBoundingClientRect();
    if (r.right <= v.left || r.left >= v.right || r.bottom <= v.top || r.top >= v.bottom) continue;
    const want = perCell.get(`${cell.dataset.stageId}|${cell.dataset.laneId}`) ?? 0;
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
