// Profiling aid (not a test, not the benchmark): WebKit's own timeline of the
// release app — which rectangles each frame repaints and how long painting
// them takes, and (with --profile) where the script's time goes — recorded
// through WebKit's remote inspector, the protocol its Web Inspector speaks.
// WebDriver cannot run alongside it (WebKitWebDriver drives the app through
// that same inspector), so this launches the app itself and moves the real
// pointer with xdotool. Run under Xvfb like the benchmark:
//
//   node tests/e2e/bench/timeline.mjs --project FILE drops [--drops 6] [--css TEXT] [--profile]
//   node tests/e2e/bench/timeline.mjs --project FILE paint-cost [--css TEXT]
//
// drops: drags the first card of cell (0, 0) to cell (1, 0) and back with a
//   real pointer and prints, per drop, each frame's repainted rectangles
//   (x,y w×h) with their paint time, and what changed outside the grid
//   (a MutationObserver). WebKit paints the bounding box of what changed when
//   the changes are many or close (DrawingAreaCoordinatedGraphics): one change
//   far from the others can make a frame repaint the whole window.
//   --frames prints what WebKit did in each frame that took more than 5 ms
//   (style, layout, script, observers, paint), with times.
//   --profile adds the script's sampled stacks (JavaScriptCore's sampling
//   profiler), the functions most often on them; names are readable in a
//   build without minifying (`cd ui && npx vite build --minify false`, then
//   `cargo build --release`).
// paint-cost: times WebKit's repaint of the whole grid (the scroll box moved
//   by one pixel and back) with the app's styles, then with each suspect
//   switched off: what each costs to paint (--css: with that style sheet too).
//
// Page.enable turns the inspector's page overlay on, which makes every frame
// repaint the whole window; it is enabled and disabled again only to start the
// timeline's clock (without it every record's time is 0).
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { appBinary, freePort, sleep, tempDir, xdotool } from "../harness.mjs";
import { pct } from "./report.mjs";

// Node 20 has a browser WebSocket behind a flag (Node 22 has it always).
if (typeof WebSocket === "undefined") {
  const r = spawnSync(process.execPath, ["--experimental-websocket", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    project: { type: "string" },
    drops: { type: "string", default: "6" },
    css: { type: "string" },
    profile: { type: "boolean", default: false },
    frames: { type: "boolean", default: false },
  },
});
const mode = positionals[0] ?? "drops";

/** Suspects for paint-cost: a name and the CSS that switches it off. */
const SUSPECTS = [
  ["none (the app as it is)", ""],
  ["card shadow", ".card,.card[data-accent]{box-shadow:none!important}"],
  ["card rounded corners", ".card{border-radius:0!important}"],
  ["card border", ".card{border:0!important}"],
  ["card scroll box (overflow)", ".card{overflow:visible!important}"],
  ["card text", ".card-text{visibility:hidden!important}"],
  ["card chips", ".card-chips,.chip{visibility:hidden!important}"],
  ["card pictures", ".card-image img{visibility:hidden!important}"],
  ["cards (all of them)", ".card{visibility:hidden!important}"],
  ["cell backgrounds", ".cell{background:none!important}"],
  ["headers", ".stage-header,.lane-header,.grid-corner{visibility:hidden!important}"],
];

// The app, on a copy of the project, with the inspector listening.
const home = tempDir("journey-timeline-");
const project = join(home, basename(opt.project));
copyFileSync(opt.project, project);
const port = await freePort();
const app = spawn(appBinary, [project], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, XDG_CONFIG_HOME: join(home, "config"), XDG_DATA_HOME: join(home, "data"), WEBKIT_INSPECTOR_HTTP_SERVER: `127.0.0.1:${port}` },
});

/** The inspector connection: commands go to the page target; timeline records and profiles are collected. */
async function connect() {
  for (let tries = 0; ; tries += 1) {
    try {
      const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      const socket = /ws=' \+ window\.location\.host \+ '([^']+)'/.exec(html)?.[1];
      if (socket && html.includes("Journey Studio")) return open(`ws://127.0.0.1:${port}${socket}`);
    } catch {}
    if (tries > 120) throw new Error("the app's inspector did not answer");
    await sleep(250);
  }
}

function open(url) {
  const ws = new WebSocket(url);
  const pending = new Map();
  const records = [];
  const profiles = [];
  let target = null;
  let next = 1;
  ws.addEventListener("message", (e) => {
    const m = JSON.parse(e.data);
    if (m.method === "Target.targetCreated") target ??= m.params.targetInfo.targetId;
    if (m.method !== "Target.dispatchMessageFromTarget") return;
    const inner = JSON.parse(m.params.message);
    if (inner.id && pending.has(inner.id)) {
      pending.get(inner.id)(inner);
      pending.delete(inner.id);
    } else if (inner.method === "Timeline.eventRecorded") records.push(inner.params.record);
    else if (inner.method === "ScriptProfiler.trackingComplete") profiles.push(inner.params);
  });
  const send = (method, params = {}) =>
    new Promise((res) => {
      const id = next++;
      pending.set(id, res);
      ws.send(JSON.stringify({ id, method: "Target.sendMessageToTarget", params: { targetId: target, message: JSON.stringify({ id, method, params }) } }));
    });
  const evaluate = async (expression) => {
    const r = await send("Runtime.evaluate", { expression, returnByValue: true });
    if (r.result?.wasThrown) throw new Error(`in the page: ${JSON.stringify(r.result.result)}`);
    return r.result?.result?.value;
  };
  return new Promise((ok) =>
    ws.addEventListener("open", async () => {
      while (!target) await sleep(50);
      for (const m of ["Inspector.enable", "Inspector.initialized", "Runtime.enable", "Page.enable", "Page.disable", "Timeline.enable"]) await send(m);
      await send("Timeline.setInstruments", { instruments: ["Timeline"] });
      ok({ ws, send, evaluate, records, profiles });
    }),
  );
}

/** A timeline record and what it holds, one line each: type, start (ms after t0), duration, data. */
function tree(r, t0, depth = 1, out = []) {
  const skip = /^(RequestAnimationFrame|CancelAnimationFrame|TimerInstall|TimerRemove|ScheduleStyleRecalculation|InvalidateLayout)$/;
  if (!skip.test(r.type)) {
    const data = r.data?.clip ? `${r.data.clip[0]},${r.data.clip[1]} ${r.data.clip[2] - r.data.clip[0]}×${r.data.clip[5] - r.data.clip[1]}` : JSON.stringify(r.data ?? {}).slice(0, 80);
    out.push(`${"  ".repeat(depth)}${r.type} at ${((r.startTime - t0) * 1000).toFixed(1)} for ${((r.endTime - r.startTime) * 1000).toFixed(1)} ms ${data}`);
  }
  for (const c of r.children ?? []) tree(c, t0, depth + 1, out);
  return out;
}

/** Every Paint record under `records`: [x, y, w, h, ms]. */
function paints(records, out = []) {
  for (const r of records) {
    if (r.type === "Paint") {
      const c = r.data.clip;
      out.push([c[0], c[1], c[2] - c[0], c[5] - c[1], (r.endTime - r.startTime) * 1000, r.startTime]);
    }
    paints(r.children ?? [], out);
  }
  return out;
}
const setCss = (ins, css) => ins.evaluate(`{ const s = new CSSStyleSheet(); s.replaceSync(${JSON.stringify(css)}); document.adoptedStyleSheets = [s]; }; 1`);

try {
  const ins = await connect();
  await ins.evaluate("new Promise((ok) => { const t = setInterval(() => document.querySelector('[data-card-id]') && (clearInterval(t), ok(1)), 100); })");
  await sleep(2500);
  if (mode === "paint-cost") await paintCost(ins);
  else await drops(ins);
  ins.ws.close();
} finally {
  app.kill();
}

async function paintCost(ins) {
  for (const [name, css] of SUSPECTS) {
    await setCss(ins, `${opt.css ?? ""}${css}`);
    await ins.evaluate('document.querySelector(".grid-scroll").scrollTop = 0; 1');
    await sleep(600);
    ins.records.length = 0;
    await ins.send("Timeline.start", { maxCallStackDepth: 0 });
    await ins.evaluate(
      '{ const sc = document.querySelector(".grid-scroll"); let n = 0; const step = () => { sc.scrollTop = n % 2 ? 0 : 1; if (++n < 20) setTimeout(() => requestAnimationFrame(step), 40); }; requestAnimationFrame(step); }; 1',
    );
    await sleep(1600);
    await ins.send("Timeline.stop");
    await sleep(300);
    // The grid's repaints: wider than the window's scroll bars.
    const ms = paints(ins.records)
      .filter(([, , w, h]) => w > 600 && h > 300)
      .map((p) => p[4]);
    console.log(`${name.padEnd(28)} repaint of the grid p50 ${pct(ms, 50)?.toFixed(1)} p90 ${pct(ms, 90)?.toFixed(1)} ms (n=${ms.length})`);
  }
}

async function drops(ins) {
  if (opt.css) await setCss(ins, opt.css);
  // Where the page's (0, 0) is on the X screen.
  await ins.evaluate('window.addEventListener("pointermove", (e) => (window.__origin = [e.screenX - e.clientX, e.screenY - e.clientY]), true); 1');
  xdotool("mousemove", 400, 300);
  await sleep(150);
  xdotool("mousemove", 410, 310);
  await sleep(150);
  const [ox, oy] = JSON.parse(await ins.evaluate("JSON.stringify(window.__origin)"));
  for (let k = 0; k < Number(opt.drops); k += 1) {
    const back = k % 2 === 1;
    const { from, to } = JSON.parse(
      await ins.evaluate(`JSON.stringify((() => {
        const cell = (s) => document.querySelector('[data-testid="cell"][data-stage-index="' + s + '"][data-lane-index="0"]');
        const a = cell(${back ? 1 : 0}).querySelector("[data-card-id]").getBoundingClientRect();
        const b = cell(${back ? 0 : 1}).getBoundingClientRect();
        return { from: [a.left + a.width / 2, a.bottom - 14], to: [b.left + b.width / 2, b.top + 60] };
      })())`),
    );
    xdotool("mousemove", Math.round(ox + from[0]), Math.round(oy + from[1]));
    await sleep(100);
    xdotool("mousedown", 1);
    await sleep(50);
    for (let i = 1; i <= 10; i += 1) {
      xdotool("mousemove", Math.round(ox + from[0] + ((to[0] - from[0]) * i) / 10), Math.round(oy + from[1] + ((to[1] - from[1]) * i) / 10));
      await sleep(30);
    }
    await sleep(200);
    await ins.evaluate(`{ window.__changes = []; const t0 = performance.now();
      const name = (el) => { const parts = []; for (let e = el; e && parts.length < 3; e = e.parentElement) parts.push(e.tagName.toLowerCase() + (e.dataset.testid ? "[" + e.dataset.testid + "]" : typeof e.className === "string" && e.className ? "." + e.className.split(" ")[0] : "")); return parts.join(" < "); };
      window.__watch = new MutationObserver((ms) => { for (const m of ms) { const el = m.target.nodeType === 1 ? m.target : m.target.parentElement; if (el && !el.closest('[data-testid="grid"]')) window.__changes.push(Math.round(performance.now() - t0) + " ms " + m.type + (m.attributeName ? " " + m.attributeName : "") + ": " + name(el)); } });
      window.__watch.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true }); }; 1`);
    ins.records.length = 0;
    await ins.send("Timeline.start", { maxCallStackDepth: 0 });
    if (opt.profile) await ins.send("ScriptProfiler.startTracking", { includeSamples: true });
    xdotool("mouseup", 1);
    await sleep(400);
    if (opt.profile) await ins.send("ScriptProfiler.stopTracking");
    await ins.send("Timeline.stop");
    await sleep(300);
    const changes = await ins.evaluate('window.__watch.disconnect(); [...new Set(window.__changes)].join("\\n")');
    const list = paints(ins.records);
    const t0 = list[0]?.[5] ?? 0;
    // Overlay scroll bars (of the grid, of cards taller than their box) fade in and out after a
    // layout change, a thin strip repainted in every frame for about half a second: summed up.
    const bars = list.filter(([, , w, h]) => Math.min(w, h) <= 21);
    console.log(`\ndrop ${k + 1}: repainted (x,y w×h: paint ms, at ms after the first paint)`);
    for (const [x, y, w, h, ms, at] of list) if (Math.min(w, h) > 21) console.log(`  ${x},${y} ${w}×${h}: ${ms.toFixed(1)} ms, at ${((at - t0) * 1000).toFixed(0)}`);
    console.log(`  and ${bars.length} scroll bar strips: ${bars.reduce((s, b) => s + b[4], 0).toFixed(1)} ms in all`);
    console.log(`changed outside the grid:\n${changes.replace(/^/gm, "  ")}`);
    if (opt.frames) for (const r of ins.records) if (r.type === "RenderingFrame" && r.endTime - r.startTime > 0.005) console.log(tree(r, t0).join("\n"));
  }
  if (opt.profile) {
    const self = new Map();
    const incl = new Map();
    const callers = new Map();
    let total = 0;
    for (const p of ins.profiles)
      for (const st of p.samples?.stackTraces ?? []) {
        const frames = st.stackFrames ?? [];
        if (!frames.length) continue;
        total += 1;
        const key = (f) => `${f.name || "(anonymous)"} ${f.url ? `${basename(f.url)}:${f.line}` : "(native)"}`;
        self.set(key(frames[0]), (self.get(key(frames[0])) ?? 0) + 1);
        const via = `${key(frames[0])} ← ${frames.slice(1, 4).map(key).join(" ← ")}`;
        callers.set(via, (callers.get(via) ?? 0) + 1);
        for (const k of new Set(frames.map(key))) incl.set(k, (incl.get(k) ?? 0) + 1);
      }
    const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${String(v).padStart(5)} ${k}`).join("\n");
    console.log(`\nscript samples (about 1 ms each) over ${opt.drops} drops: ${total}`);
    console.log(`most often running:\n${top(self, 25)}`);
    console.log(`most often on the stack:\n${top(incl, 50)}`);
    console.log(`most often running, with its callers:\n${top(callers, 15)}`);
  }
}
