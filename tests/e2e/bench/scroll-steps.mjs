// Profiling aid (not a test, not the benchmark): the work each frame of a
// scroll adds, whatever the machine's load. Scrolls the grid in fixed steps,
// one per animation frame (what a 60 Hz scroll of `--speed` px/ms moves per
// frame), and counts the cards drawn in each frame; with the frame intervals
// (which do depend on the load). Run under Xvfb like the benchmark:
//   node tests/e2e/bench/scroll-steps.mjs --project FILE [--frames 300] [--speed 1.5] [--zoom 1|0.5]
import { parseArgs } from "node:util";
import { startDriver, byTestId } from "../harness.mjs";
import { installProbes } from "./probes.js";
import { openProbed, spread as fmt } from "./report.mjs";

const { values: opt } = parseArgs({
  options: { project: { type: "string" }, frames: { type: "string", default: "300" }, speed: { type: "string", default: "1.5" }, zoom: { type: "string", default: "1" } },
});
const driver = await startDriver();
try {
  const app = await openProbed(driver, opt.project, installProbes);
  await app.setTimeout({ script: 600000 });
  if (opt.zoom === "0.5") {
    const out = await byTestId(app, "zoom-out");
    for (let i = 0; i < 4; i += 1) await out.click();
    await new Promise((r) => setTimeout(r, 2000));
  }
  const r = await app.execute(
    (frames, speed) =>
      new Promise((done) => {
        const sc = document.querySelector(".grid-scroll");
        const cards = [];
        const intervals = [];
        let count = 0;
        const mo = new MutationObserver((records) => {
          for (const rec of records)
            for (const n of rec.addedNodes)
              if (n.nodeType === 1) count += (n.matches("[data-card-id]") ? 1 : 0) + n.querySelectorAll("[data-card-id]").length;
        });
        mo.observe(sc, { subtree: true, childList: true });
        const step = 16.7 * speed;
        let dir = 1;
        let last = 0;
        let i = 0;
        const tick = (t) => {
          if (last) {
            intervals.push(t - last);
            cards.push(count);
          }
          count = 0;
          last = t;
          if (i++ >= frames) {
            mo.disconnect();
            done({ cards, intervals });
            return;
          }
          const maxX = sc.scrollWidth - sc.clientWidth;
          const maxY = sc.scrollHeight - sc.clientHeight;
          const x = sc.scrollLeft + step * dir;
          const y = sc.scrollTop + step * 0.6 * dir;
          if (x >= maxX || x <= 0 || (maxY > 0 && (y >= maxY || y <= 0))) dir = -dir;
          sc.scrollLeft = Math.max(0, Math.min(maxX, x));
          sc.scrollTop = Math.max(0, Math.min(maxY, y));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    Number(opt.frames),
    Number(opt.speed),
  );
  const hist = (xs) => {
    const h = { 0: 0, "1–20": 0, "21–40": 0, "41–80": 0, ">80": 0 };
    for (const x of xs) h[x === 0 ? 0 : x <= 20 ? "1–20" : x <= 40 ? "21–40" : x <= 80 ? "41–80" : ">80"] += 1;
    return Object.entries(h).map(([k, v]) => `${k}: ${v}`).join(", ");
  };
  console.log(`cards drawn per frame   ${fmt(r.cards)}; total ${r.cards.reduce((a, b) => a + b, 0)}; frames with ${hist(r.cards)}`);
  console.log(`frame interval, ms      ${fmt(r.intervals.map(Math.round))}`);
  await app.deleteSession();
} finally {
  await driver.stop();
}
