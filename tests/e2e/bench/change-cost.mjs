// Profiling aid (not a test, not the benchmark): what WebKit's rendering
// update (style, layout, paint) costs after one raw DOM change in the map, no
// React involved — the change is made, then the time from the next frame's
// requestAnimationFrame callback to a message posted in it is the update. Each
// change is made and undone 10 times (probes.js renderingUpdates). It showed, on the 2,000-card bench map,
// that a change which alters the height of a lane's tallest cell costs a
// full-window repaint (about as much as an overlay over the whole window),
// while the same change in a cell that is not the tallest costs a few ms.
// Run under Xvfb like the benchmark:
//   node tests/e2e/bench/change-cost.mjs --project FILE [--css TEXT]
import { parseArgs } from "node:util";
import { startDriver } from "../harness.mjs";
import { installProbes } from "./probes.js";
import { addStyleSheet, openProbed, spread as fmt } from "./report.mjs";

const { values: opt } = parseArgs({ options: { project: { type: "string" }, css: { type: "string" } } });

const CHANGES = [
  ["a card's text (one character)", "text"],
  ["cell (0, 0) grows 50 px at its end", "growEnd0"],
  ["cell (1, 0) grows 50 px at its start", "growStart1"],
  ["cell (0, 0) loses its first card", "removeFirst0"],
  ["that card moves to cell (1, 0)", "moveFirst0"],
  ["an overlay over the whole window", "overlay"],
  ["nothing", "nothing"],
];

const driver = await startDriver();
try {
  const app = await openProbed(driver, opt.project, installProbes);
  // Cells stretch to their lane's height: what sets it is the tallest content.
  const [content0, content1, lane] = await app.execute(() => {
    const content = (s) => {
      const kids = [...document.querySelector(`[data-testid="cell"][data-stage-index="${s}"][data-lane-index="0"]`).children];
      return kids.length ? Math.round(kids[kids.length - 1].getBoundingClientRect().bottom - kids[0].getBoundingClientRect().top) : 0;
    };
    return [content(0), content(1), Math.round(document.querySelector('[data-testid="lane-header"]').getBoundingClientRect().height)];
  });
  console.log(`the first lane is ${lane} px tall; the content of cell (0, 0) is ${content0} px, of cell (1, 0) ${content1} px`);
  if (opt.css) await addStyleSheet(app, opt.css);
  for (const [label, kind] of CHANGES) {
    const times = await app.executeAsync((kind, done) => {
      const cellAt = (s) => document.querySelector(`[data-testid="cell"][data-stage-index="${s}"][data-lane-index="0"]`);
      const [c0, c1] = [cellAt(0), cellAt(1)];
      const text = c1.querySelector('[data-testid="card-text"]');
      const first = c0.querySelector("[data-card-id]");
      const spacer = document.createElement("div");
      spacer.style.cssText = "height:50px;flex:none";
      const overlay = document.createElement("div");
      overlay.style.cssText = "position:fixed;inset:0;z-index:9999;pointer-events:none;opacity:0.03";
      document.body.append(overlay);
      const toggle = (i) => {
        const undo = i % 2 === 1;
        if (kind === "text") text.textContent = undo ? text.textContent.slice(0, -1) : `${text.textContent}x`;
        else if (kind === "growEnd0") undo ? spacer.remove() : c0.append(spacer);
        else if (kind === "growStart1") undo ? spacer.remove() : c1.prepend(spacer);
        else if (kind === "removeFirst0") undo ? c0.prepend(first) : first.remove();
        else if (kind === "moveFirst0") {
          if (undo) c0.prepend(first);
          else {
            const cards = c1.querySelectorAll("[data-card-id]");
            c1.insertBefore(first, cards[Math.min(3, cards.length - 1)] ?? null);
          }
        } else if (kind === "overlay") overlay.style.background = undo ? "#00f" : "#f00";
      };
      window.__bench.renderingUpdates(toggle).then((out) => {
        overlay.remove();
        done(out);
      });
    }, kind);
    console.log(`${label.padEnd(40)} rendering update ${fmt(times)}`);
  }
  await app.deleteSession();
} finally {
  await driver.stop();
}
