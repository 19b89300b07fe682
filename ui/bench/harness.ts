// Runs the real UI in a plain browser with the Tauri IPC mocked (mockIPC),
// backed by the in-memory fake core and a generated document. Used by the
// benchmark (?scene=bench) and for screenshots (?scene=demo&lang=vi).
import { mockIPC } from "@tauri-apps/api/mocks";
import { FakeCore } from "../src/test/fakeCore";
import { insightsProject } from "./insightsScene";
import { bigProject, demoProject } from "./scenes";

declare global {
  interface Window {
    __bench: { cards: number; firstRender?: number; core: FakeCore };
  }
}

const params = new URLSearchParams(location.search);
const scene = params.get("scene") ?? "bench";
const lang = params.get("lang") === "vi" ? "vi" : "en";
localStorage.setItem("journey-studio.lang", lang);

const insights = scene === "insights" ? insightsProject(lang) : null;
const project = insights ? insights.project : scene === "demo" ? demoProject(lang) : bigProject();
const core = new FakeCore();
const path = scene !== "bench" ? `/home/linh/maps/${lang === "vi" ? "khoa-hoc" : "course"}.journey` : "/bench/big.journey";
core.addFile(path, project, true, insights?.snapshots ?? []);
core.initialPath = path;
mockIPC((cmd, args) => core.handle(cmd, args));

const expected = project.maps[0].cards.length;
window.__bench = { cards: expected, core };

// First full render: every card in the DOM, then two frames so it has been painted.
function waitForCards() {
  if (document.querySelectorAll("[data-card-id]").length >= expected) {
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        window.__bench.firstRender = performance.now();
      }),
    );
    return;
  }
  requestAnimationFrame(waitForCards);
}
requestAnimationFrame(waitForCards);

performance.mark("harness-ready");
await import("../src/main");
performance.mark("main-imported");
