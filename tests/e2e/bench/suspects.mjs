// Profiling aid for the map view in WebKitGTK (not a test, not the benchmark):
// opens one project in the release app and measures frame intervals — idle,
// repainting the whole window each frame (what painting the map costs), and
// scrolling — with the app's own styles, then with each suspect switched off
// by an injected style sheet, one at a time. Run under Xvfb like the benchmark:
//
//   node tests/e2e/bench/suspects.mjs --project FILE [--shot NAME]
//
// WEBKIT_* variables in the environment reach the app (tauri-driver passes them on).
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startDriver, outDir, sleep } from "../harness.mjs";
import { installProbes } from "./probes.js";
import { openProbed, spread as fmt } from "./report.mjs";

const { values: opt } = parseArgs({ options: { project: { type: "string" }, shot: { type: "string" }, only: { type: "string" } } });

/** Each suspect: a name and the CSS that switches it off. */
const SUSPECTS = [
  ["none (the app as it is)", ""],
  ["sticky headers", ".grid-corner,.stage-header,.add-stage-cell,.lane-header{position:relative!important;top:auto!important;left:auto!important}"],
  ["minimap", ".minimap{display:none!important}"],
  ["canvas controls", ".canvas-controls{display:none!important}"],
  ["card box-shadow", ".card,.card[data-accent]{box-shadow:none!important}"],
  ["card overflow:auto", ".card{overflow:visible!important}"],
  ["transitions", "*{transition:none!important}"],
  ["emotion band", ".emotion-band,svg.emotion-curve{display:none!important}"],
  ["side panel", ".map-panel,.side-panel{display:none!important}"],
  ["grid dots background", ".grid-scroll{background:#f5f6fa!important}"],
  ["card pictures (not painted)", ".card-image img{visibility:hidden!important}"],
  ["all of the above", null],
  ["grid content (hidden)", ".zoom-layer{visibility:hidden!important}"],
];

const driver = await startDriver();
try {
  const app = await openProbed(driver, opt.project, installProbes);
  const all = SUSPECTS.filter(([n, css]) => css && !n.startsWith("grid content")).map(([, css]) => css).join("\n");
  for (const [name, css] of SUSPECTS) {
    if (opt.only && !name.includes(opt.only) && name !== "none (the app as it is)") continue;
    await app.execute((text) => {
      // A constructed style sheet: the app's content security policy blocks a <style>
      // element added by script (its style-src has nonces, which void 'unsafe-inline'),
      // so an injected <style> silently changed nothing.
      if (!window.__benchSuspect) {
        window.__benchSuspect = new CSSStyleSheet();
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, window.__benchSuspect];
      }
      window.__benchSuspect.replaceSync(text);
      const sc = document.querySelector(".grid-scroll");
      sc.scrollLeft = 0;
      sc.scrollTop = 0;
    }, css ?? all);
    await sleep(1200);
    const idle = await app.execute(() => window.__bench.frames(2500));
    const repaint = await app.execute(() => window.__bench.repaintFrames(2500));
    const scroll = await app.execute(() => window.__bench.scrollFrames(2500, 1.5));
    console.log(`${name.padEnd(28)} idle ${fmt(idle)} | full repaint ${fmt(repaint)} | scroll ${fmt(scroll)}`);
  }
  if (opt.shot) {
    await app.execute(() => window.__benchSuspect.replaceSync(""));
    await sleep(1500);
    execFileSync("import", ["-window", "root", join(outDir, `${opt.shot}.png`)]);
  }
  await app.deleteSession();
} finally {
  await driver.stop();
}
