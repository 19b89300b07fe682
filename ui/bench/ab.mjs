// Compares two builds of the bench page: loads them alternately in headless
// Chromium (A B, B A, …) and prints the median time to first full render and
// main-thread CPU time of each. On a shared 2-core VM the figures of separate
// bench runs drift by tens of milliseconds; alternating is what shows whether
// a change made a difference. Build the other page first, e.g. from a
// worktree: (cd OTHER/ui && npx vite build --config bench/vite.config.ts).
// Usage: node bench/ab.mjs DIST_A DIST_B [--runs 9]
import { launchChromium } from "./chromium.mjs";
import { gotoFirstRender } from "./load.mjs";
import { serveDist } from "./serve.mjs";

const args = process.argv.slice(2);
const i = args.indexOf("--runs");
const RUNS = i >= 0 ? Number(args.splice(i, 2)[1]) : 9;
if (args.length !== 2) {
  console.error("usage: node bench/ab.mjs DIST_A DIST_B [--runs N]");
  process.exit(2);
}
const sides = { A: await serveDist(args[0]), B: await serveDist(args[1]) };
const browser = await launchChromium();
const res = { A: { render: [], cpu: [] }, B: { render: [], cpu: [] } };
try {
  for (let run = 0; run < RUNS; run += 1) {
    for (const side of run % 2 ? ["B", "A"] : ["A", "B"]) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      page.on("pageerror", (e) => console.error(`page error (${side}):`, e.message));
      const cdp = await context.newCDPSession(page);
      await cdp.send("Performance.enable");
      await gotoFirstRender(page, `${sides[side].base}?scene=bench`);
      const { metrics } = await cdp.send("Performance.getMetrics");
      res[side].cpu.push((metrics.find((m) => m.name === "ThreadTime")?.value ?? NaN) * 1000);
      res[side].render.push(await page.evaluate(() => window.__bench.firstRender));
      await context.close();
    }
  }
} finally {
  await browser.close();
  sides.A.server.close();
  sides.B.server.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [side, dist] of [
  ["A", args[0]],
  ["B", args[1]],
]) {
  const r = res[side];
  console.log(
    `${side} (${dist}): first full render median ${median(r.render).toFixed(1)} ms, main-thread CPU median ${median(r.cpu).toFixed(1)} ms` +
      ` — runs ${r.render.map((v) => v.toFixed(0)).join(", ")}`,
  );
}
// Each run loads A and B one after the other, so the difference within a run
// is less exposed to the machine's load drifting over the whole comparison.
const diffs = res.A.render.map((a, k) => res.B.render[k] - a);
const cpuDiffs = res.A.cpu.map((a, k) => res.B.cpu[k] - a);
const sign = (v) => `${v >= 0 ? "+" : ""}${v.toFixed(1)}`;
console.log(`B − A within each run: median ${sign(median(diffs))} ms (first full render), ${sign(median(cpuDiffs))} ms (CPU)`);
