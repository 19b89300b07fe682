// The app benchmark's table: one row per figure, one column per map size.
import { byTestId } from "../harness.mjs";

/** Nearest-rank percentile of `xs` (0–100). */
export function pct(xs, p) {
  const v = xs.filter((x) => typeof x === "number").sort((a, b) => a - b);
  if (!v.length) return NaN;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
}

/** "p50 … p95 … max … (n=…)" of frame times, for the profiling aids. */
export const spread = (xs) => `p50 ${pct(xs, 50)} p95 ${pct(xs, 95)} max ${pct(xs, 100)} (n=${xs.length})`;

/** Opens `project` in the app and installs the bench's probes in its page, once its first card shows and it settles. */
export async function openProbed(driver, project, installProbes) {
  const app = await driver.start([project]);
  await byTestId(app, "card", "", 30000);
  await app.execute(installProbes);
  await new Promise((r) => setTimeout(r, 2000));
  return app;
}

/** Adds `css` to the app's page, to switch a suspect off. A constructed style sheet: the app's CSP ignores a <style> added by script (see suspects.mjs). */
export function addStyleSheet(app, css) {
  return app.execute((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, css);
}

const ms = (x) => (Number.isNaN(x) ? "–" : x >= 100 ? Math.round(x).toLocaleString("en") : x.toFixed(1));
const p50p95 = (xs) => (xs?.length ? `${ms(pct(xs, 50))} / ${ms(pct(xs, 95))}` : "–");
const p50p95max = (xs) => (xs?.length ? `${ms(pct(xs, 50))} / ${ms(pct(xs, 95))} / ${ms(pct(xs, 100))}` : "–");
const mb = (x) => (x === undefined ? "–" : `${Math.round(x)}`);

function pssOf(memory, pattern) {
  if (!memory) return undefined;
  return memory.processes.filter((p) => pattern.test(p.name)).reduce((s, p) => s + p.pssMB, 0);
}

/** The rows: label and how to get the cell's text from one size's results. */
const ROWS = [
  ["launch → first card painted, ms (each of 3 launches)", (r) => r.launch.map((x) => Math.round(x).toLocaleString("en")).join(", ") + (r.launchUpperBound ? " (≤)" : "")],
  ["idle frame interval, map open, ms (p50 / p95)", (r) => p50p95(r.idle)],
  ["idle frame interval, start screen, ms (p50 / p95)", (r, start) => p50p95(start?.idle)],
  ["frame interval while scrolling, ms (p50 / p95 / max)", (r) => p50p95max(r.scroll)],
  ["frames over 100 ms while scrolling", (r) => (r.scroll ? `${r.scroll.filter((x) => x > 100).length} of ${r.scroll.length}` : "–")],
  ["cards drawn per frame while scrolling (p95 / max)", (r) => (r.scrollCards?.length ? `${pct(r.scrollCards, 95)} / ${pct(r.scrollCards, 100)}` : "–")],
  ["frame interval while scrolling at 50 % zoom, ms (p50 / p95 / max)", (r) => p50p95max(r.zoomScroll)],
  ["frames over 100 ms while scrolling at 50 % zoom", (r) => (r.zoomScroll ? `${r.zoomScroll.filter((x) => x > 100).length} of ${r.zoomScroll.length}` : "–")],
  ["cards drawn per frame while scrolling at 50 % zoom (p95 / max)", (r) => (r.zoomScrollCards?.length ? `${pct(r.zoomScrollCards, 95)} / ${pct(r.zoomScrollCards, 100)}` : "–")],
  ["frame interval while scrolling, every card selected, ms (p50 / p95 / max)", (r) => p50p95max(r.selectedScroll)],
  ["frame interval while dragging a card, ms (p50 / p95 / max)", (r) => p50p95max(r.dragFrames)],
  ["pointer drop → card shown, ms (p50 / p95)", (r) => p50p95(r.dropShown)],
  ["pointer drop → “Saved”, ms (p50 / p95)", (r) => p50p95(r.dropSaved)],
  ["typing a character → painted, ms (p50 / p95)", (r) => p50p95(r.typing)],
  ["undo (click) → card shown, ms (p50 / p95)", (r) => p50p95(r.undoShown)],
  ["undo (click) → “Saved”, ms (p50 / p95)", (r) => p50p95(r.undoSaved)],
  ["export dialog: click → shown, ms (p50 / p95)", (r) => p50p95(r.exportShown)],
  ["export dialog: click → first preview page, ms (p50 / p95)", (r) => p50p95(r.exportPreview)],
  ["IPC round trip of an edit (invoke apply_edit), ms (p50 / p95)", (r) => p50p95(r.ipc)],
  ["PSS app + WebKit processes, map open, MB", (r) => mb(r.memory?.totalMB)],
  ["  of which the app process", (r) => mb(pssOf(r.memory, /^journey/))],
  ["  of which WebKitWebProcess", (r) => mb(pssOf(r.memory, /WebProcess|WebKitWeb/))],
  ["  of which WebKitNetworkProcess", (r) => mb(pssOf(r.memory, /Network/))],
  ["  of which other (sandbox helpers, …)", (r) => mb(pssOf(r.memory, /^(?!journey)(?!.*WebProcess)(?!.*WebKitWeb)(?!.*Network)/))],
  ["PSS app + WebKit processes, start screen, MB", (r, start) => mb(start?.memory?.totalMB)],
];

export function printTable(results, sizes) {
  const header = ["", ...sizes.map((s) => `${s.toLocaleString("en")} cards`)];
  const rows = ROWS.map(([label, cell]) => [label, ...sizes.map((s) => (results.sizes[s] ? cell(results.sizes[s], results.start) : "–"))]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log("\nJourney Studio — the release app in WebKitGTK (tauri-driver, Xvfb)");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

/** What the web process's PSS is made of, per map size (MB by mapping kind). */
export function summary(results, sizes) {
  console.log("\nWebKitWebProcess PSS by mapping kind, MB:");
  for (const s of sizes) {
    const web = results.sizes[s]?.memory?.processes.filter((p) => /WebProcess|WebKitWeb/.test(p.name)) ?? [];
    for (const p of web) {
      const parts = Object.entries(p.kindsMB).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`);
      console.log(`  ${s} cards, pid ${p.pid}: ${parts.join(", ")}`);
    }
  }
}
