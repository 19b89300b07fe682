// The app benchmark: the release binary in WebKitGTK, under Xvfb, driven by
// tauri-driver → WebKitWebDriver, on generated projects. Prints figures; it is
// not a test and asserts nothing about them. Run it with `.ci/bench-app.sh`.
//
//   node tests/e2e/bench/app-bench.mjs --projects DIR [--sizes 30,2000,10000] [--json OUT]
//
// DIR holds bench-<N>.journey for each size (written by the bench_projects example).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startDriver, byTestId, appBinary, screenshot, tempDir, sleep } from "../harness.mjs";
import { installProbes } from "./probes.js";
import { appMemory } from "./memory.mjs";
import { printTable, summary } from "./report.mjs";

const { values: opt } = parseArgs({
  options: {
    projects: { type: "string" },
    sizes: { type: "string", default: "30,2000,10000" },
    json: { type: "string" },
    shots: { type: "string" },
    drops: { type: "string", default: "12" },
    keys: { type: "string", default: "20" },
  },
});
if (!opt.projects) throw new Error("--projects DIR is required");
const sizes = opt.sizes.split(",").map(Number);
const DROPS = Number(opt.drops);
const KEYS = Number(opt.keys);

/** Runs `fn` in the page (awaiting a promise it returns). */
const inPage = (app, fn, ...args) => app.execute(fn, ...args);

async function install(app) {
  await inPage(app, installProbes);
}

/** Waits for the armed measurement (window.__bench.last) and returns it. */
async function armed(app, timeout = 20000) {
  let r = null;
  await app.waitUntil(
    async () => {
      r = await inPage(app, () => window.__bench.last);
      return r?.done;
    },
    { timeout, interval: 20, timeoutMsg: "measurement never finished" },
  );
  if (r.failed) throw new Error(r.failed);
  return r;
}

/** Launch → first card painted (ms from asking WebDriver for a session). */
async function launch(driver, file) {
  const t0 = Date.now();
  const app = await driver.start([file]);
  const r = await inPage(app, () =>
    new Promise((done) => {
      const already = document.querySelector('[data-testid="card"]') !== null;
      const poll = () => {
        if (document.querySelector('[data-testid="card"]')) {
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => done({ at: Date.now(), already });
            ch.port2.postMessage(0);
          });
        } else setTimeout(poll, 2);
      };
      poll();
    }),
  );
  await install(app);
  return { app, ms: r.at - t0, upperBound: r.already };
}

/** A point in the element matching `sel` (fractions of its box, clipped to the viewport), in viewport px; scrolls it into view first if asked. */
async function pointIn(app, sel, fx = 0.5, fy = 0.5, scroll = true) {
  return inPage(
    app,
    (s, fx, fy, scroll) => {
      const el = document.querySelector(s);
      if (!el) return null;
      if (scroll) el.scrollIntoView({ block: "nearest", inline: "nearest" });
      const b = el.getBoundingClientRect();
      const vh = document.documentElement.clientHeight;
      const top = Math.max(b.top, 0);
      const bottom = Math.min(b.bottom, vh);
      return { x: Math.round(b.left + b.width * fx), y: Math.round(top + (bottom - top) * fy) };
    },
    sel,
    fx,
    fy,
    scroll,
  );
}

/** A real pointer drag in `steps` moves of `stepMs`, then release. */
async function pointerDrag(app, from, to, steps, stepMs) {
  let action = app.action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ x: from.x, y: from.y, origin: "viewport" })
    .down({ button: 0 })
    .pause(50);
  for (let i = 1; i <= steps; i += 1) {
    action = action.move({
      x: Math.round(from.x + ((to.x - from.x) * i) / steps),
      y: Math.round(from.y + ((to.y - from.y) * i) / steps + (i % 2 ? 6 : -6)),
      origin: "viewport",
      duration: stepMs,
    });
  }
  await action.move({ x: to.x, y: to.y, origin: "viewport", duration: stepMs }).pause(60).up({ button: 0 }).perform();
}

const cellSel = (s, l) => `[data-testid="cell"][data-stage-index="${s}"][data-lane-index="${l}"]`;

/** Drags one card back and forth between two cells; frame intervals while dragging, drop → shown / saved. */
async function drops(app, n) {
  const cardId = await inPage(app, (s) => document.querySelector(`${s} [data-card-id]`)?.dataset.cardId ?? null, cellSel(0, 0));
  if (!cardId) throw new Error("no card in the first cell");
  const cells = [cellSel(0, 0), cellSel(1, 0)];
  const frames = [];
  const shown = [];
  const saved = [];
  for (let i = 0; i < n; i += 1) {
    const to = cells[(i + 1) % 2];
    const from = await pointIn(app, `[data-card-id="${cardId}"]`);
    const target = await pointIn(app, to, 0.5, 0.3, false);
    await inPage(app, (a) => window.__bench.arm(a), { trigger: "pointerup", kind: "cardIn", args: { cardId, cell: to }, saved: true });
    await inPage(app, () => window.__bench.startFrames());
    await pointerDrag(app, from, target, 16, 40);
    const r = await armed(app);
    // The frames of the drag itself: those that began before the button was released.
    frames.push(...(await inPage(app, (at) => window.__bench.stopFrames(at), r.at)));
    shown.push(r.shown);
    saved.push(r.saved);
  }
  return { cardId, from: cells[n % 2], frames, shown, saved };
}

/** Undo of the last drop: click → card back and shown / saved. */
async function undos(app, cardId, n, lastCell) {
  const shown = [];
  const saved = [];
  const undo = await byTestId(app, "undo");
  for (let i = 0; i < n; i += 1) {
    const back = i % 2 === 0 ? (lastCell === cellSel(0, 0) ? cellSel(1, 0) : cellSel(0, 0)) : lastCell;
    const button = i % 2 === 0 ? undo : await byTestId(app, "redo");
    await inPage(app, (a) => window.__bench.arm(a), { trigger: "click", kind: "cardIn", args: { cardId, cell: back }, saved: true });
    await button.click();
    const r = await armed(app);
    if (i % 2 === 0) {
      shown.push(r.shown);
      saved.push(r.saved);
    }
  }
  return { shown, saved };
}

/** Typing single characters into a card's inline editor; Esc cancels (nothing saved). */
async function typing(app, n) {
  const card = await app.$(`${cellSel(0, 0)} [data-testid="card"]`);
  await card.scrollIntoView({ block: "center" });
  await card.doubleClick();
  const editor = await byTestId(app, "card-editor");
  await editor.waitForDisplayed();
  await inPage(app, () => window.__bench.armTyping());
  for (let i = 0; i < n; i += 1) {
    await app.keys("abcdefghij"[i % 10]);
    await sleep(120);
  }
  const out = await inPage(app, () => window.__bench.typing);
  await app.keys("Escape");
  return out;
}

/** Opening the export dialog: click → dialog rendered, → first preview page shown. */
async function exportDialog(app, n) {
  const shown = [];
  const preview = [];
  const dialog = '[data-testid="export-dialog"]';
  for (let i = 0; i < n; i += 1) {
    await inPage(app, (a) => window.__bench.arm(a), {
      trigger: "click",
      kind: "exists",
      args: { selector: dialog },
      then: { kind: "imageLoaded", args: { selector: '[data-testid="export-page"] img' } },
      timeout: 60000,
    });
    await (await byTestId(app, "toolbar-export")).click();
    const r = await armed(app, 70000);
    shown.push(r.shown);
    preview.push(r.then);
    await app.keys("Escape");
    await app.waitUntil(async () => !(await (await app.$(dialog)).isExisting()), { timeout: 5000 });
  }
  return { shown, preview };
}

/** The IPC round trip of one edit, as the page sees it (invoke → answer). Run last: the UI is not told. */
async function ipc(app, cardId, n) {
  return inPage(
    app,
    async (id, n) => {
      const invoke = window.__TAURI_INTERNALS__.invoke;
      const out = [];
      for (let i = 0; i < n; i += 1) {
        const t0 = performance.now();
        await invoke("apply_edit", { edit: { type: "update_card", card_id: id, note: i % 2 ? "" : "bench" } });
        out.push(performance.now() - t0);
      }
      return out;
    },
    cardId,
    n,
  );
}

/** Cards drawn per frame in the last zoomed-out scroll (zoomedScroll's second result). */
const cardsDrawn = { zoom: null };

/** Scrolling zoomed out to 50 % (four clicks on "zoom out"; more cards on screen, no sticky headers), then back to 100 % at the top left. */
async function zoomedScroll(app) {
  const zoomOut = await byTestId(app, "zoom-out");
  for (let i = 0; i < 4; i += 1) await zoomOut.click();
  const canvas = await byTestId(app, "canvas");
  const zoom = Number(await canvas.getAttribute("data-zoom"));
  if (zoom !== 0.5) throw new Error(`zoom is ${zoom}, not 0.5`);
  await sleep(1000);
  const frames = await inPage(app, () => window.__bench.scrollFrames(5000, 1.5));
  cardsDrawn.zoom = await inPage(app, () => window.__bench.cardsPerFrame);
  await (await byTestId(app, "zoom-reset")).click();
  await app.waitUntil(async () => Number(await canvas.getAttribute("data-zoom")) === 1, { timeout: 5000 });
  await backToStart(app, "zooming back");
  return frames;
}

/** Scrolling with every card of the map selected (Ctrl+A; each selected card has a ring and a shadow), then Escape. */
async function selectedScroll(app, shot) {
  await app.keys(["Control", "a"]);
  const n = await inPage(app, () => document.querySelectorAll(".card.is-selected").length);
  if (n === 0) throw new Error("Ctrl+A selected no card");
  await sleep(500);
  if (shot) await screenshot(app, shot);
  const frames = await inPage(app, () => window.__bench.scrollFrames(5000, 1.5));
  await app.keys("Escape");
  await backToStart(app, "scrolling a selection");
  return frames;
}

/** Scrolls the grid back to its top-left corner and waits until the first cell is drawn again (after `what`). */
async function backToStart(app, what) {
  await inPage(app, () => {
    const sc = document.querySelector(".grid-scroll");
    sc.scrollLeft = 0;
    sc.scrollTop = 0;
  });
  await app.waitUntil(() => inPage(app, (s) => document.querySelector(`${s} [data-card-id]`) !== null, cellSel(0, 0)), {
    timeout: 20000,
    timeoutMsg: `the first cell was not drawn after ${what}`,
  });
  await sleep(500);
}

async function idleFrames(app) {
  await sleep(1500);
  return inPage(app, () => window.__bench.frames(4000));
}

/** The process id of the running app (the one tauri-driver started). */
function appPid() {
  const out = execFileSync("pgrep", ["-f", `^${appBinary}( |$)`], { encoding: "utf8" }).trim().split("\n");
  return Number(out[0]);
}

/** Runs one part of the benchmark; a failure is reported and leaves that part's figures empty. */
async function phase(size, name, fn) {
  try {
    const out = await fn();
    console.error(`# ${size}: ${name} measured`);
    return out;
  } catch (e) {
    console.error(`# ${size}: ${name} FAILED: ${e.message}`);
    return undefined;
  }
}

async function benchMap(driver, size) {
  const source = join(opt.projects, `bench-${size}.journey`);
  if (!existsSync(source)) throw new Error(`${source} is missing (run the bench_projects example)`);
  // A copy: the drops, undos and edits below change the file, and every run starts from the same project.
  const file = join(tempDir("journey-bench-"), `bench-${size}.journey`);
  copyFileSync(source, file);
  const res = {};
  const launches = [];
  let app = null;
  for (let i = 0; i < 3; i += 1) {
    if (app) await app.deleteSession();
    const l = await launch(driver, file);
    app = l.app;
    launches.push(l);
  }
  res.launch = launches.map((l) => l.ms);
  res.launchUpperBound = launches.some((l) => l.upperBound);
  console.error(`# ${size}: launched (${res.launch.map(Math.round).join(", ")} ms)`);
  res.idle = await phase(size, "idle frames", () => idleFrames(app));
  res.memory = appMemory(appPid());
  if (opt.shots) await screenshot(app, `${opt.shots}-${size}`);
  res.scroll = await phase(size, "scrolling", async () => {
    const frames = await inPage(app, () => window.__bench.scrollFrames(5000, 1.5));
    res.scrollCards = await inPage(app, () => window.__bench.cardsPerFrame);
    await backToStart(app, "scrolling back");
    return frames;
  });
  res.zoomScroll = await phase(size, "scrolling at 50 %", () => zoomedScroll(app));
  res.zoomScrollCards = cardsDrawn.zoom;
  res.selectedScroll = await phase(size, "scrolling a selection", () => selectedScroll(app, opt.shots && `${opt.shots}-${size}-selected`));
  const d = await phase(size, "drops", () => drops(app, DROPS));
  res.dragFrames = d?.frames;
  res.dropShown = d?.shown;
  res.dropSaved = d?.saved;
  const u = d && (await phase(size, "undo", () => undos(app, d.cardId, 6, d.from)));
  res.undoShown = u?.shown;
  res.undoSaved = u?.saved;
  res.typing = await phase(size, "typing", () => typing(app, KEYS));
  const e = await phase(size, "export dialog", () => exportDialog(app, 3));
  res.exportShown = e?.shown;
  res.exportPreview = e?.preview;
  const cardId = d?.cardId ?? (await inPage(app, () => document.querySelector("[data-card-id]")?.dataset.cardId));
  res.ipc = await phase(size, "IPC", () => ipc(app, cardId, 20));
  await app.deleteSession();
  return res;
}

async function startScreen(driver) {
  const app = await driver.start([]);
  await byTestId(app, "start-screen");
  await install(app);
  const idle = await idleFrames(app);
  const memory = appMemory(appPid());
  if (opt.shots) await screenshot(app, `${opt.shots}-start`);
  await app.deleteSession();
  return { idle, memory };
}

const driver = await startDriver();
const results = { sizes: {}, start: null, env: envSummary() };
try {
  results.start = await startScreen(driver);
  for (const size of sizes) results.sizes[size] = await benchMap(driver, size);
} finally {
  await driver.stop();
}
if (opt.json) writeFileSync(opt.json, JSON.stringify(results, null, 1));
printTable(results, sizes);
summary(results, sizes);

function envSummary() {
  const keys = Object.keys(process.env).filter((k) => k.startsWith("WEBKIT_") || k.startsWith("JOURNEY_"));
  return Object.fromEntries(keys.map((k) => [k, process.env[k]]));
}
