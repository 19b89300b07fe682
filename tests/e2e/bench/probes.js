// In-page probes of the app benchmark, installed into the app's page through
// WebDriver (`browser.execute(installProbes)`); webdriverio sends the
// function's source, so it must not refer to anything outside itself.
// Everything is measured with the page's own clock (performance.now()).
//
// "Rendered" below means: the first animation frame after the change has run
// its rendering update (style, layout, paint of the web process's layers),
// seen from a message posted in that frame's requestAnimationFrame callback.
export function installProbes() {
  if (window.__bench) return;
  const now = () => performance.now();

  /** Resolves once the frame after now has done its rendering update. */
  function afterRender() {
    return new Promise((done) => {
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => done(now());
        ch.port2.postMessage(0);
      });
    });
  }

  /**
   * Records requestAnimationFrame intervals until stop(before) is called;
   * with `before` (a performance.now() time), only the frames that began
   * before it.
   */
  function frameRecorder() {
    const intervals = [];
    const starts = [];
    let last = 0;
    let running = true;
    const tick = (t) => {
      if (!running) return;
      if (last) {
        intervals.push(t - last);
        starts.push(last);
      }
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return (before = Infinity) => {
      running = false;
      return intervals.filter((_, i) => starts[i] < before);
    };
  }

  const saveState = () => document.querySelector('[data-testid="save-status"]')?.getAttribute("data-state") ?? null;

  /** Each `kind` tells when the change a trigger starts is visible. */
  const checks = {
    cardIn: ({ cardId, cell }) => document.querySelector(`${cell} [data-card-id="${CSS.escape(cardId)}"]`) !== null,
    exists: ({ selector }) => document.querySelector(selector) !== null,
    imageLoaded: ({ selector }) => {
      const img = document.querySelector(selector);
      return img !== null && img.complete && img.naturalWidth > 0;
    },
  };

  /**
   * Arms one measurement: from the next `trigger` event (pointerup, click,
   * keydown; captured on window) until `check(args)` holds and is rendered,
   * and until the save status has gone through "saving" back to "saved"
   * (when `saved` is asked for); and, with `then`, until a second check
   * `{kind, args}` holds and is rendered (`r.then`). The result lands in
   * `window.__bench.last`.
   */
  function arm({ trigger, kind, args, saved = false, then = null, timeout = 15000 }) {
    const r = { done: false, at: null, shown: null, saved: null, then: null, failed: null };
    window.__bench.last = r;
    let t0 = null;
    let sawSaving = false;
    let shownPending = false;
    let thenPending = false;
    const finish = () => {
      if (r.shown !== null && (!saved || r.saved !== null) && (!then || r.then !== null)) {
        r.done = true;
        mo.disconnect();
        document.removeEventListener("load", look, { capture: true });
        clearTimeout(timer);
      }
    };
    const look = () => {
      if (t0 === null) return;
      if (!shownPending && r.shown === null && checks[kind](args)) {
        shownPending = true;
        afterRender().then((t) => {
          r.shown = t - t0;
          finish();
        });
      }
      if (then && !thenPending && checks[then.kind](then.args)) {
        thenPending = true;
        afterRender().then((t) => {
          r.then = t - t0;
          finish();
        });
      }
      const s = saveState();
      if (s === "saving") sawSaving = true;
      if (saved && r.saved === null && sawSaving && s === "saved") r.saved = now() - t0;
      finish();
    };
    const mo = new MutationObserver(look);
    mo.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state", "src"] });
    document.addEventListener("load", look, { capture: true });
    const timer = setTimeout(() => {
      r.failed = `timed out (shown ${r.shown}, saved ${r.saved}, then ${r.then})`;
      r.done = true;
      mo.disconnect();
    }, timeout);
    window.addEventListener(
      trigger,
      () => {
        t0 = now();
        r.at = t0;
        queueMicrotask(look);
      },
      { capture: true, once: true },
    );
  }

  /**
   * Typing: from each keydown in the focused field to the frame after its
   * input event, rendered. Results are appended to `window.__bench.typing`.
   */
  function armTyping() {
    const out = [];
    window.__bench.typing = out;
    let t0 = null;
    const down = () => (t0 = now());
    const input = () => {
      if (t0 === null) return;
      const start = t0;
      t0 = null;
      afterRender().then((t) => out.push(t - start));
    };
    window.addEventListener("keydown", down, { capture: true });
    window.addEventListener("input", input, { capture: true });
    return () => {
      window.removeEventListener("keydown", down, { capture: true });
      window.removeEventListener("input", input, { capture: true });
    };
  }

  /**
   * Scrolls the grid at a steady speed (px per ms, both axes, bouncing off
   * the ends) for `ms`, as a wheel or trackpad scroll would move it, and
   * records the frame intervals meanwhile.
   */
  function scrollFrames(ms, speed) {
    const sc = document.querySelector(".grid-scroll");
    if (!sc) return Promise.reject(new Error("no .grid-scroll"));
    // Cards drawn in each frame (the work a frame adds): `window.__bench.cardsPerFrame` afterwards.
    const added = [];
    let count = 0;
    const mo = new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes)
          if (n.nodeType === 1) count += (n.matches("[data-card-id]") ? 1 : 0) + n.querySelectorAll("[data-card-id]").length;
    });
    mo.observe(sc, { subtree: true, childList: true });
    const tally = () => {
      added.push(count);
      count = 0;
    };
    window.__bench.cardsPerFrame = added;
    const stop = frameRecorder();
    const start = now();
    let dir = 1;
    let prev = start;
    return new Promise((done) => {
      const step = () => {
        const t = now();
        tally();
        if (t - start >= ms) {
          mo.disconnect();
          done(stop());
          return;
        }
        const dx = (t - prev) * speed * dir;
        prev = t;
        const maxX = sc.scrollWidth - sc.clientWidth;
        const maxY = sc.scrollHeight - sc.clientHeight;
        const x = sc.scrollLeft + dx;
        const y = sc.scrollTop + dx * 0.6;
        if (x >= maxX || x <= 0 || (maxY > 0 && (y >= maxY || y <= 0))) dir = -dir;
        sc.scrollLeft = Math.max(0, Math.min(maxX, x));
        sc.scrollTop = Math.max(0, Math.min(maxY, y));
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
  }

  /**
   * WebKit's rendering update (style, layout, paint) after each of `n`
   * changes, `after` ms after the first and `gap` ms apart: `change(i)` is
   * made, then the update is the time from the next frame's
   * requestAnimationFrame callback to a message posted in it.
   */
  function renderingUpdates(change, n = 20, { after = 300, gap = 120 } = {}) {
    return new Promise((done) => {
      const out = [];
      const step = (i) => {
        change(i);
        requestAnimationFrame(() => {
          const start = now();
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            out.push(Math.round(now() - start));
            if (i + 1 < n) setTimeout(() => step(i + 1), gap);
            else done(out);
          };
          ch.port2.postMessage(0);
        });
      };
      setTimeout(() => step(0), after);
    });
  }

  /** Frame intervals while a transparent layer over the whole window changes every frame (the whole window repaints). */
  function repaintFrames(ms) {
    const veil = document.createElement("div");
    veil.style.cssText = "position:fixed;inset:0;z-index:9999;pointer-events:none;opacity:0.02";
    document.body.appendChild(veil);
    const stop = frameRecorder();
    const start = now();
    let n = 0;
    return new Promise((done) => {
      const step = () => {
        if (now() - start >= ms) {
          veil.remove();
          done(stop());
          return;
        }
        n += 1;
        veil.style.background = n % 2 ? "#000" : "#fff";
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
  }

  window.__bench = {
    last: null,
    typing: [],
    afterRender,
    frames(ms) {
      const stop = frameRecorder();
      return new Promise((done) => setTimeout(() => done(stop()), ms));
    },
    recorder: null,
    startFrames() {
      this.recorder = frameRecorder();
    },
    stopFrames(before) {
      const r = this.recorder ? this.recorder(before) : [];
      this.recorder = null;
      return r;
    },
    arm,
    armTyping,
    renderingUpdates,
    scrollFrames,
    repaintFrames,
    saveState,
  };
}
