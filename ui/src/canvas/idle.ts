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
