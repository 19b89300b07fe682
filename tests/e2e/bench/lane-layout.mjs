// Profiling aid (not a test, not the benchmark; a synthetic page, not the
// app's map): which layout of a journey grid lets one lane change height
// without WebKit laying out and repainting the cells around it. It replaces
// the app's page (start screen) with 6 lanes × 12 stages of cards drawn like
// the map's, laid out either as one CSS grid with every cell an item (as
// Grid.tsx did until it became rows; its cells stretched or not) or as one flex row per
// lane whose cells are not stretched (the column lines drawn by the row's fixed-size background), grows
// the tallest cell of the first lane by 50 px and back 10 times, and prints
// WebKit's rendering update after each change (see change-cost.mjs, which
// shows the cost on the real map). Run under Xvfb like the benchmark:
//   node tests/e2e/bench/lane-layout.mjs
import { startDriver } from "../harness.mjs";
import { installProbes } from "./probes.js";
import { spread } from "./report.mjs";
const d = await startDriver();
try {
const app = await d.start([]);
await new Promise((r) => setTimeout(r, 3000));
await app.execute(installProbes);
for (const mode of ["grid", "gridStart", "rows", "grid", "gridStart", "rows"]) {
  const r = await app.executeAsync((mode, done) => {
    const grid = mode !== "rows";
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`
      html,body{overflow:hidden!important;height:100%!important;margin:0}
      #x{position:fixed;inset:0;overflow:auto;background:#f5f6fa}
      .g{display:grid;grid-template-columns:repeat(12,260px);width:max-content}
      .lane{display:flex;align-items:flex-start;width:max-content;background:linear-gradient(to right,transparent 259px,#ddd 0) 0 0/260px 1px repeat;border-bottom:1px solid #ddd}
      .cell{display:flex;flex-direction:column;gap:8px;padding:10px;box-sizing:border-box;width:260px;background:${grid ? "#f7f8fb" : "transparent"};${grid ? "border-right:1px solid #ddd;border-bottom:1px solid #ddd;" : ""}${mode === "gridStart" ? "align-self:start;" : ""}position:relative}
      .c{padding:10px 12px;border:1px solid rgba(16,24,40,.07);border-radius:10px;background:#fff;font:14px/1.4 sans-serif;position:relative;overflow-y:auto;max-height:240px;
         box-shadow:0 1px 0 rgba(16,24,40,.032),0 1px 0 1px rgba(16,24,40,.026),0 1px 0 2px rgba(16,24,40,.02)}`);
    document.adoptedStyleSheets = [sheet];
    document.body.replaceChildren();
    const x = document.createElement("div"); x.id = "x";
    const root = document.createElement("div");
    if (grid) root.className = "g";
    const cellsOf = [];
    for (let l = 0; l < 6; l++) {
      const lane = mode === "rows" ? document.createElement("div") : root;
      if (mode === "rows") { lane.className = "lane"; root.append(lane); }
      for (let s = 0; s < 12; s++) {
        const cell = document.createElement("div"); cell.className = "cell";
        const n = l === 0 && s === 0 ? 16 : 6 + ((s * 7 + l) % 8);
        for (let k = 0; k < n; k++) { const c = document.createElement("div"); c.className = "c"; c.textContent = `Khách hàng ${l}-${s}-${k} tìm hiểu sản phẩm trên website và so sánh giá`; cell.append(c); }
        lane.append(cell); cellsOf.push(cell);
      }
    }
    x.append(root); document.body.append(x);
    const c0 = cellsOf[0];
    const spacer = document.createElement("div"); spacer.style.cssText = "height:50px;flex:none";
    window.__bench
      .renderingUpdates((i) => (i % 2 ? spacer.remove() : c0.append(spacer)), 20, { after: 800 })
      .then((out) => done({ out }));
  }, mode);
  const label = { grid: "one CSS grid, cells stretched", gridStart: "one CSS grid, cells not stretched", rows: "a flex row per lane, cells not stretched" }[mode];
  console.log(`${label.padEnd(42)} rendering update ${spread(r.out)}`);
}
await app.deleteSession();
} finally {
  await d.stop();
}
