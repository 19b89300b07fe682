// Profiling aid (not a test, not the benchmark; a synthetic page, not the
// app's map): what scrolling a journey grid costs WebKit when the grid
// scrolls in an overflow box under a toolbar (as the app's canvas does) and
// when the page itself scrolls (the question: does WebKit copy the scrolled
// pixels of a page and paint only the strip that comes into view?). It
// replaces the app's page (start screen) with 20 lanes × 12 stages of cards
// drawn like the map's, with a sticky header row and sticky lane headers
// (mode page), none (pageNoSticky), or nothing fixed or sticky at all
// (pageBare); scrolls 40 px right, then down, once per measured step and
// prints WebKit's rendering update after each step (probes.js
// renderingUpdates); then the frame intervals while it scrolls 20 px every
// frame for 3 s. Run under Xvfb like the benchmark (modes optional):
//   node tests/e2e/bench/scroll-paint.mjs [box] [page] [pageNoSticky] [pageBare]
// The webview's settings come from the environment as in the app
// (JOURNEY_STUDIO_WEBVIEW_GPU, WebKit's own WEBKIT_* variables).
import { startDriver } from "../harness.mjs";
import { installProbes } from "./probes.js";
import { spread } from "./report.mjs";
const modes = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const d = await startDriver();
try {
  const app = await d.start([]);
  await new Promise((r) => setTimeout(r, 3000));
  await app.execute(installProbes);
  for (const mode of modes.length ? modes : ["box", "page", "pageNoSticky", "pageBare", "box", "page", "pageNoSticky", "pageBare"]) {
    const r = await app.executeAsync((mode, done) => {
      const page = mode.startsWith("page");
      const sticky = mode === "box" || mode === "page";
            const fixedBar = mode !== "pageBare";
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`
      html,body{margin:0;${page ? "overflow:visible!important;height:auto!important" : "overflow:hidden!important;height:100%!important"}}
      #bar{position:${fixedBar ? "fixed" : "absolute"};top:0;left:0;right:0;height:48px;background:#fff;border-bottom:1px solid #ddd;z-index:5;font:14px sans-serif;display:flex;align-items:center;padding:0 16px}
      #x{${page ? "padding-top:48px" : "position:fixed;top:49px;left:0;right:0;bottom:0;overflow:auto"};background:#f5f6fa}
      .head{display:flex;width:max-content;${sticky ? `position:sticky;top:${page ? 48 : 0}px;` : ""}z-index:3;background:#fff;border-bottom:1px solid #ddd}
      .head>div{width:260px;height:44px;box-sizing:border-box;padding:12px;font:600 14px sans-serif;border-right:1px solid #eee}
      .lane{display:flex;align-items:flex-start;width:max-content;background:linear-gradient(to right,transparent 259px,#ddd 0) 0 0/260px 1px repeat;border-bottom:1px solid #ddd}
      .lh{width:200px;align-self:stretch;box-sizing:border-box;padding:12px;background:#fff;font:600 14px sans-serif;border-right:1px solid #ddd;${sticky ? "position:sticky;left:0;" : ""}z-index:2}
      .head>div:first-child{width:200px;${sticky ? "position:sticky;left:0;" : ""}background:#fff;z-index:4}
      .cell{display:flex;flex-direction:column;gap:8px;padding:10px;box-sizing:border-box;width:260px;position:relative}
      .c{padding:10px 12px;border:1px solid rgba(16,24,40,.07);border-radius:10px;background:#fff;font:14px/1.4 sans-serif;position:relative;overflow-y:auto;max-height:240px;box-shadow:0 1px 0 1px rgba(16,24,40,.06)}`);
      document.adoptedStyleSheets = [sheet];
      document.body.replaceChildren();
      const bar = document.createElement("div");
      bar.id = "bar";
      bar.textContent = "Journey Studio";
      const x = document.createElement("div");
      x.id = "x";
      const head = document.createElement("div");
      head.className = "head";
      for (let s = -1; s < 12; s++) {
        const h = document.createElement("div");
        h.textContent = s < 0 ? "" : `Giai đoạn ${s + 1}`;
        head.append(h);
      }
      x.append(head);
      for (let l = 0; l < 20; l++) {
        const lane = document.createElement("div");
        lane.className = "lane";
        const lh = document.createElement("div");
        lh.className = "lh";
        lh.textContent = `Làn ${l + 1}`;
        lane.append(lh);
        for (let s = 0; s < 12; s++) {
          const cell = document.createElement("div");
          cell.className = "cell";
          const n = 3 + ((s * 7 + l) % 6);
          for (let k = 0; k < n; k++) {
            const c = document.createElement("div");
            c.className = "c";
            c.textContent = `Khách hàng ${l}-${s}-${k} tìm hiểu sản phẩm trên website và so sánh giá`;
            cell.append(c);
          }
          lane.append(cell);
        }
        x.append(lane);
      }
      document.body.append(bar, x);
      const scroller = page ? document.scrollingElement : x;
      window.__bench
        .renderingUpdates((i) => (i < 10 ? scroller.scrollBy(40, 0) : scroller.scrollBy(0, 40)), 20, { after: 800 })
        .then((out) => {
          // Then frame intervals while it scrolls 20 px down every frame for 3 s.
          const frames = [];
          let last = 0;
          const t0 = performance.now();
          const tick = (t) => {
            if (last) frames.push(Math.round(t - last));
            last = t;
            scroller.scrollBy(0, 20);
            if (t - t0 < 3000) requestAnimationFrame(tick);
            else done({ out, frames, top: scroller.scrollTop, left: scroller.scrollLeft, sw: scroller.scrollWidth, sh: scroller.scrollHeight });
          };
          requestAnimationFrame(tick);
        });
    }, mode);
    const label = {
      box: "an overflow box scrolls (as the app)",
      page: "the page scrolls, sticky headers",
      pageNoSticky: "the page scrolls, no sticky headers",
      pageBare: "the page scrolls, nothing fixed or sticky",
    }[mode];
    console.log(`${label.padEnd(40)} scrolling every frame: interval ${spread(r.frames)}`);
    console.log(`${label.padEnd(40)} rendering update ${spread(r.out)}  (right: ${r.out.slice(0, 10).join(" ")} | down: ${r.out.slice(10).join(" ")}; at ${r.left},${r.top} of ${r.sw}x${r.sh})`);
  }
  await app.deleteSession();
} finally {
  await d.stop();
}
