// Work that can wait until what is on screen has been drawn.

/**
 * Runs `go` once the next frame has been drawn and the page is idle (at most
 * `timeout` ms later). Returns a function that cancels it.
 *
 * Two animation frames: the first callback runs as the browser starts its next
 * frame, which can be before the previous one is on screen (its tiles may
 * still be rasterizing, and the main thread is idle meanwhile); the second
 * one comes after it is.
 */
export function afterPaintWhenIdle(go: () => void, timeout = 300): () => void {
  let cancelIdle = () => {};
  let frame = requestAnimationFrame(() => {
    frame = requestAnimationFrame(() => {
      cancelIdle = whenIdle(go, timeout);
    });
  });
  return () => {
    cancelAnimationFrame(frame);
    cancelIdle();
  };
}

/**
 * Runs `go` when the page is next idle (at most `timeout` ms later; after
 * 50 ms where the webview has no requestIdleCallback). Returns a function
 * that cancels it.
 */
export function whenIdle(go: () => void, timeout: number): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(go, { timeout });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(go, 50);
  return () => window.clearTimeout(id);
}

/**
 * Runs `go` once things are quiet: `quietMs` after the last poke(), or at the
 * latest `maxWaitMs` after the first poke() since it last ran. For work that
 * can wait out a scroll (WebKitGTK has no requestIdleCallback, and a fixed
 * delay after each scroll event ran it in the middle of scrolling).
 */
export function quietRunner(go: () => void, quietMs: number, maxWaitMs: number): { poke: () => void; cancel: () => void } {
  let timer = 0;
  let first = 0;
  const run = () => {
    timer = 0;
    first = 0;
    go();
  };
  return {
    poke() {
      const now = performance.now();
      if (!first) first = now;
      window.clearTimeout(timer);
      timer = window.setTimeout(run, Math.max(0, Math.min(quietMs, first + maxWaitMs - now)));
    },
    cancel() {
      window.clearTimeout(timer);
      timer = 0;
      first = 0;
    },
  };
}
