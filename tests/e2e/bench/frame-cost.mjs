// Profiling aid (not a test): what one frame costs in the app's webview when
// nothing changes, when only a tiny element changes, when a full-window
// element changes, and when the grid scrolls (with and without the app's own
// scroll listeners). Run under Xvfb like the benchmark:
//   node tests/e2e/bench/frame-cost.mjs --project FILE
import { parseArgs } from "node:util";
import { startDriver } from "../harness.mjs";
import { installProbes } from "./probes.js";
import { openProbed, spread as fmt } from "./report.mjs";

const { values: opt } = parseArgs({ options: { project: { type: "string" } } });
const driver = await startDriver();
try {
  const app = await openProbed(driver, opt.project, installProbes);
  const animate = (css, how = "background") =>
    app.execute(
      (css, how) =>
        new Promise((done) => {
          const d = document.createElement("div");
          d.style.cssText = `position:fixed;z-index:9999;${css}`;
          document.body.appendChild(d);
          const rec = [];
          let last = 0;
          const start = performance.now();
          const tick = (t) => {
            if (last) rec.push(t - last);
            last = t;
            if (how === "background") d.style.background = rec.length % 2 ? "#f00" : "#0f0";
            else if (how === "attach") {
              if (rec.length % 2) d.remove();
              else document.body.appendChild(d);
            } else d.style.pointerEvents = rec.length % 2 ? "none" : "auto";
            if (t - start < 2500) requestAnimationFrame(tick);
            else {
              d.remove();
              done(rec);
            }
          };
          requestAnimationFrame(tick);
        }),
      css,
      how,
    );
  console.log(`idle                     ${fmt(await app.execute(() => window.__bench.frames(2500)))}`);
  console.log(`tiny div repainted       ${fmt(await animate("left:2px;top:2px;width:8px;height:8px"))}`);
  console.log(`full-window div          ${fmt(await animate("left:0;top:0;right:0;bottom:0;opacity:0.05"))}`);
  console.log(`transparent full-window div added/removed ${fmt(await animate("inset:0", "attach"))}`);
  console.log(`transparent full-window div pointer-events toggled ${fmt(await animate("inset:0", "pointer"))}`);
  console.log(`grid scroll              ${fmt(await app.execute(() => window.__bench.scrollFrames(2500, 1.5)))}`);
  // A forced layout after one drawn cell changed height (what a drop, an undo or newly drawn cells cause).
  const layouts = await app.execute(() => {
    const sc = document.querySelector(".grid-scroll");
    sc.scrollLeft = 0;
    sc.scrollTop = 0;
    const cell = document.querySelector('[data-testid="cell"]:not(.cell-virtual)');
    const grid = document.querySelector('[data-testid="grid"]');
    const out = [];
    for (let i = 0; i < 20; i += 1) {
      cell.style.paddingBottom = i % 2 ? "" : "13px";
      const t = performance.now();
      void grid.offsetHeight;
      out.push(performance.now() - t);
    }
    cell.style.paddingBottom = "";
    return out;
  });
  console.log(`grid layout after a cell's height changes ${fmt(layouts)}`);
  // Time spent in getBoundingClientRect (forced layouts) while scrolling.
  const timed = await app.execute(async () => {
    const spent = { ms: 0, calls: 0 };
    const orig = Element.prototype.getBoundingClientRect;
    Element.prototype.getBoundingClientRect = function () {
      const t = performance.now();
      const r = orig.call(this);
      spent.ms += performance.now() - t;
      spent.calls += 1;
      return r;
    };
    const frames = await window.__bench.scrollFrames(2500, 1.5);
    Element.prototype.getBoundingClientRect = orig;
    return { frames: frames.length, ...spent };
  });
  console.log(`forced layouts while scrolling: ${JSON.stringify(timed)}`);
  await app.execute(() => window.addEventListener("scroll", (e) => e.stopImmediatePropagation(), { capture: true }));
  console.log(`grid scroll, app's scroll listeners off ${fmt(await app.execute(() => window.__bench.scrollFrames(2500, 1.5)))}`);
  await app.deleteSession();
} finally {
  await driver.stop();
}
