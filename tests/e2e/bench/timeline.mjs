// Profiling aid (not a test, not the benchmark): WebKit's own timeline of the
// release app — which rectangles each frame repaints and how long painting
// them takes, and (with --profile) where the script's time goes — recorded
// through WebKit's remote inspector, the protocol its Web Inspector speaks.
// WebDriver cannot run alongside it (WebKitWebDriver drives the app through
// that same inspector), so this launches the app itself and moves the real
// pointer with xdotool. Run under Xvfb like the benchmark:
//
//   node tests/e2e/bench/timeline.mjs --project FILE drops [--drops 6] [--css TEXT] [--profile]
//   node tests/e2e/bench/timeline.mjs --project FILE paint-cost [--css TEXT] [--at X,Y] [--try CSS…]
//   node tests/e2e/bench/timeline.mjs --project FILE scroll [--css TEXT] [--profile]
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
//   by one pixel and back), each suspect switched off and on again every
//   --block (8) repaints: what each costs to paint, by the median difference
//   of pairs of blocks (--css: with that style sheet too;
//   --at X,Y: with the grid scrolled there, 0,0 if not given; --try CSS, once
//   or more: those style sheets instead of the suspects).
// scroll: scrolls the grid as the benchmark does (its probes' scrollFrames,
//   1.5 px/ms) for 4 s from --at X,Y and prints where the frames'
//   time went: per kind of work (script, style, layout, paint…) its time
//   without what it called, summed over all frames and over the slow ones
//   (over 25 ms), and the slowest frames' records.
//
// Page.enable turns the inspector's page overlay on, which makes every frame
// repaint the whole window; it is enabled and disabled again only to start the
// timeline's clock (without it every record's time is 0).
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { appBinary, freePort, sleep, tempDir, xdotool } from "../harness.mjs";
import { installProbes } from "./probes.js";
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
    at: { type: "string", default: "0,0" },
    try: { type: "string", multiple: true },
    block: { type: "string", default: "8" },
  },
});
const mode = positionals[0] ?? "drops";

/** A suspect switched off must not animate its way out (cards' box-shadow has a transition). */
const NO_TRANSITIONS = "*{transition:none!important}";

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
  ["emotion band", ".emotion-band{visibility:hidden!important}"],
  ["chip icons", ".chip svg{visibility:hidden!important}"],
  ["card accents", ".card[data-accent]{border-left-color:transparent!important}"],
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
  else if (mode === "scroll") await scroll(ins);
  else await drops(ins);
  ins.ws.close();
} finally {
  app.kill();
}

/** Scrolls the grid to --at X,Y. */
function scrollToAt(ins) {
  const [x, y] = opt.at.split(",").map(Number);
  return ins.evaluate(`{ const sc = document.querySelector(".grid-scroll"); sc.scrollLeft = ${x}; sc.scrollTop = ${y}; }; 1`);
}

async function paintCost(ins) {
  const suspects = opt.try ? opt.try.map((css) => [css.slice(0, 28), css]) : SUSPECTS.slice(1);
  // The machine's load drifts: the suspect is switched off and on again every `block` repaints, and each block
  // without it is compared with the block just before it (with it). A switch restyles the cards, and the
  // repaint right after it redraws text whose drawing WebKit had kept: the first repaint of a block is left out.
  const block = Number(opt.block);
  const steps = Math.max(60, block * 12);
  for (const [name, css] of suspects) {
    await setCss(ins, opt.css ?? "");
    await scrollToAt(ins);
    await sleep(400);
    ins.records.length = 0;
    await ins.send("Timeline.start", { maxCallStackDepth: 0 });
    await ins.evaluate(`{ const sc = document.querySelector(".grid-scroll");
      const on = new CSSStyleSheet(); on.replaceSync(${JSON.stringify(`${NO_TRANSITIONS}${opt.css ?? ""}`)});
      const off = new CSSStyleSheet(); off.replaceSync(${JSON.stringify(`${NO_TRANSITIONS}${opt.css ?? ""}${css}`)});
      let n = 0;
      window.__steps = [];
      const step = () => { window.__steps.push(performance.now()); if (n % ${block} === 0) document.adoptedStyleSheets = [Math.floor(n / ${block}) % 2 ? off : on]; sc.scrollTop = sc.scrollTop + (n % 2 ? -1 : 1); if (++n < ${steps}) setTimeout(() => requestAnimationFrame(step), 60); };
      requestAnimationFrame(step); }; 1`);
    await sleep(steps * 90 + 500);
    await ins.send("Timeline.stop");
    await sleep(200);
    // The grid's repaints (wider than the window's scroll bars), summed per step: the timeline's clock is not the
    // page's, so each repaint is given to the step it follows, with the two clocks aligned where most repaints
    // come within 30 ms of a step.
    const at = JSON.parse(await ins.evaluate("JSON.stringify(window.__steps)"));
    const list = paints(ins.records)
      .filter(([, , w, h]) => w > 600 && h > 300)
      .map((p) => [p[5] * 1000, p[4]]);
    let best = null;
    for (const [t] of list.slice(0, 5))
      for (const s0 of at.slice(0, 5)) {
        const off = t - s0;
        const hits = list.filter(([u]) => at.some((s1) => u - off >= s1 && u - off < s1 + 30)).length;
        if (!best || hits > best.hits) best = { off, hits };
      }
    const ms = at.map(() => 0);
    for (const [u, t] of list) {
      const i = at.findLastIndex((s1) => s1 <= u - best.off + 1);
      if (i >= 0) ms[i] += t;
    }
    // Per block, the median of its repaints (a step whose repaint was not recorded, a few in a hundred, left out).
    const blocks = [];
    for (let i = 0; i < steps; i += block) blocks.push(pct(ms.slice(i + (block > 1 ? 1 : 0), i + block).filter((t) => t), 50));
    const diffs = [];
    for (let i = 0; i + 1 < blocks.length; i += 2) if (blocks[i] && blocks[i + 1]) diffs.push(blocks[i] - blocks[i + 1]);
    const b = pct(blocks.filter((_, i) => i % 2 === 0), 50);
    const d = pct(diffs, 50);
    console.log(`${name.padEnd(28)} repaint of the grid p50 ${b?.toFixed(1)} ms; without it ${d?.toFixed(1)} ms less (${Math.round((100 * d) / b)} %), the median of ${diffs.length} pairs of blocks (p25 ${pct(diffs, 25)?.toFixed(1)}, p75 ${pct(diffs, 75)?.toFixed(1)})`);
  }
}

/** Time of each record kind without its children's: kind → ms, added to `into`. */
function selfTimes(r, into) {
  const kids = r.children ?? [];
  const len = (x) => ((x.endTime ?? x.startTime) - x.startTime) * 1000; // instant records have no end
  const own = len(r) - kids.reduce((s, c) => s + len(c), 0);
  into.set(r.type, (into.get(r.type) ?? 0) + Math.max(0, own));
  for (const c of kids) selfTimes(c, into);
  return into;
}

async function scroll(ins) {
  if (opt.css) await setCss(ins, opt.css);
  await scrollToAt(ins);
  await sleep(1500);
  ins.records.length = 0;
  await ins.send("Timeline.start", { maxCallStackDepth: 0 });
  if (opt.profile) await ins.send("ScriptProfiler.startTracking", { includeSamples: true });
  await ins.evaluate(`(${installProbes})(); window.__bench.scrollFrames(4000, 1.5); 1`);
  await sleep(4500);
  if (opt.profile) await ins.send("ScriptProfiler.stopTracking");
  await ins.send("Timeline.stop");
  await sleep(300);
  const frames = ins.records.filter((r) => r.type === "RenderingFrame").sort((a, b) => a.startTime - b.startTime);
  const others = ins.records.filter((r) => r.type !== "RenderingFrame");
  const ms = (r) => (r.endTime - r.startTime) * 1000;
  const all = new Map();
  const slow = new Map();
  let nSlow = 0;
  for (const f of frames) {
    selfTimes(f, all);
    if (ms(f) > 25) {
      nSlow += 1;
      selfTimes(f, slow);
    }
  }
  const outside = new Map();
  for (const r of others) selfTimes(r, outside);
  const gaps = frames.slice(1).map((f, i) => (f.startTime - frames[i].startTime) * 1000);
  const show = (m) => [...m].filter(([, v]) => v >= 1).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ");
  console.log(`frames: ${frames.length}; length p50 ${pct(frames.map(ms), 50)?.toFixed(1)} p95 ${pct(frames.map(ms), 95)?.toFixed(1)} max ${Math.max(...frames.map(ms)).toFixed(1)} ms; start to start p50 ${pct(gaps, 50)?.toFixed(1)} p95 ${pct(gaps, 95)?.toFixed(1)} max ${Math.max(...gaps).toFixed(1)} ms`);
  console.log(`in all frames (ms): ${show(all)}`);
  console.log(`in the ${nSlow} frames over 25 ms (ms): ${show(slow)}`);
  console.log(`outside frames (ms): ${show(outside)}`);
  const t0 = frames[0]?.startTime ?? 0;
  console.log(`each frame's length in order (ms): ${frames.map((f) => ms(f).toFixed(0)).join(" ")}`);
  for (const f of [...frames].sort((a, b) => ms(b) - ms(a)).slice(0, opt.frames ? 6 : 2)) console.log(tree(f, t0).join("\n"));
  if (opt.profile) printProfile(ins, "4 s of scrolling");
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
  if (opt.profile) printProfile(ins, `${opt.drops} drops`);
}

/** The script's sampled stacks: the functions most often running and on the stack. */
function printProfile(ins, what) {
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
  console.log(`\nscript samples (about 1 ms each) over ${what}: ${total}`);
  console.log(`most often running:\n${top(self, 25)}`);
  console.log(`most often on the stack:\n${top(incl, 50)}`);
  console.log(`most often running, with its callers:\n${top(callers, 15)}`);
}
