// Live collaboration in the real app, timed: a local `journey-studio serve` and
// two release-app windows (each its own D-Bus session and config home) on one
// shared project. An adds cards through her UI; the figure is the time from her
// Enter key to the card in Bình's map (his DOM, then his next frame), with the
// time to An's own "Saved" beside it. Both clocks are this machine's
// (performance.timeOrigin + now in each page). Prints figures, asserts nothing.
//
//   node tests/e2e/bench/collab-bench.mjs --projects DIR [--size 2000] [--edits 20] [--json OUT]
//
// Run it with `.ci/bench-app.sh --collab` (which builds the app and the projects).
import { copyFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { byTestId, pickInFileDialog, screenshot, startDriver, startSyncServer, tempDir, sleep } from "../harness.mjs";
import { pct } from "./report.mjs";

const { values: opt } = parseArgs({
  options: {
    projects: { type: "string" },
    size: { type: "string", default: "2000" },
    edits: { type: "string", default: "20" },
    json: { type: "string" },
  },
});
if (!opt.projects) throw new Error("--projects DIR is required");
const source = join(opt.projects, `bench-${opt.size}.journey`);
if (!existsSync(source)) throw new Error(`no ${source}: run .ci/bench-app.sh --collab`);
const EDITS = Number(opt.edits);
const cellSel = '[data-testid="cell"][data-stage-index="0"][data-lane-index="0"]';

/** In Bình's page: notes when a card whose text starts with `bench-` first shows, and the frame after. */
function watchCards() {
  window.__seen = {};
  const now = () => performance.timeOrigin + performance.now();
  const look = () => {
    for (const el of document.querySelectorAll('[data-testid="card-text"]')) {
      const text = el.textContent ?? "";
      if (text.startsWith("bench-") && !(text in window.__seen)) {
        const entry = { dom: now(), frame: null };
        window.__seen[text] = entry;
        requestAnimationFrame(() => {
          entry.frame = now();
        });
      }
    }
  };
  new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true });
}

/** In An's page: notes when Enter goes down in the card editor (the edit's start). */
function watchEnter() {
  window.__enter = null;
  document.addEventListener(
    "keydown",
    (e) => {
      if (e.key === "Enter" && e.target?.getAttribute?.("data-testid") === "card-editor") {
        window.__enter = performance.timeOrigin + performance.now();
      }
    },
    true,
  );
}

const dir = tempDir("journey-collab-bench-");
const file = join(dir, `bench-${opt.size}.journey`);
copyFileSync(source, file);
const server = await startSyncServer(join(dir, "server"));
const drivers = [await startDriver({ alongside: true }), await startDriver({ alongside: true })];
const result = { size: Number(opt.size), seen: [], painted: [], saved: [] };
let an;
let binh;
try {
  an = await drivers[0].start([file]);
  await byTestId(an, "card", "", 60000);
  await (await byTestId(an, "toolbar-share")).click();
  await (await byTestId(an, "share-server")).setValue(`127.0.0.1:${server.port}`);
  await (await byTestId(an, "share-invite")).setValue(server.invite);
  const shareStart = Date.now();
  await (await byTestId(an, "share-submit")).click();
  const link = await (await byTestId(an, "share-link", "", 60000)).getValue();
  result.shareMs = Date.now() - shareStart;
  await byTestId(an, "share-status", '[data-state="online"]', 60000);
  await an.keys("Escape");

  binh = await drivers[1].start();
  await (await byTestId(binh, "join-open")).click();
  await (await byTestId(binh, "join-link")).setValue(link);
  await (await byTestId(binh, "join-submit")).click();
  await pickInFileDialog(join(dir, "binh.journey"), { save: true });
  const joinStart = Date.now();
  await byTestId(binh, "card", "", 120000);
  result.joinMs = Date.now() - joinStart;
  await sleep(2000);
  await binh.execute(watchCards);
  await an.execute(watchEnter);

  for (let i = 0; i < EDITS; i += 1) {
    const text = `bench-${i} thẻ của An`;
    const cell = await an.$(cellSel);
    await cell.moveTo();
    await (await cell.$('[data-testid="add-card"]')).click();
    await (await byTestId(an, "card-editor")).setValue(text);
    await an.keys("Enter");
    const t0 = await an.waitUntil(() => an.execute(() => window.__enter), { timeout: 5000, timeoutMsg: "no Enter seen" });
    await an.waitUntil(async () => (await (await byTestId(an, "save-status")).getAttribute("data-state")) === "saved", {
      timeout: 10000,
      interval: 10,
    });
    result.saved.push(Date.now() - t0);
    const seen = await binh.waitUntil(
      () => binh.execute((t) => (window.__seen[t]?.frame ? window.__seen[t] : null), text),
      { timeout: 15000, interval: 10, timeoutMsg: `Bình never showed ${text}` },
    );
    result.seen.push(seen.dom - t0);
    result.painted.push(seen.frame - t0);
    await an.execute(() => {
      window.__enter = null;
    });
    await sleep(300);
  }
} catch (e) {
  // What each window showed when it failed, for the one reading the error.
  for (const [name, app] of [["an", an], ["binh", binh]]) {
    if (app) await screenshot(app, `collab-bench-failed-${name}`).catch(() => undefined);
  }
  throw e;
} finally {
  await binh?.deleteSession().catch(() => undefined);
  await an?.deleteSession().catch(() => undefined);
  server.stop();
  for (const d of drivers) await d.stop();
}

const row = (label, xs) =>
  console.log(`${label.padEnd(58)} ${[50, 95, 100].map((p) => Math.round(pct(xs, p))).join(" / ")} ms (n=${xs.length})`);
console.log(`# live collaboration, release app in WebKitGTK, ${opt.size}-card shared project, two windows, loopback server`);
console.log(`${"share (register + write the link)".padEnd(58)} ${result.shareMs} ms`);
console.log(`${"join → first card shown".padEnd(58)} ${result.joinMs} ms`);
row("An's Enter → An's \"Saved\" (polled over WebDriver: an upper bound)", result.saved);
row("An's Enter → card in Bình's DOM (p50 / p95 / max)", result.seen);
row("An's Enter → Bình's next frame (p50 / p95 / max)", result.painted);
if (opt.json) writeFileSync(opt.json, JSON.stringify(result, null, 2));
