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
      if (typeof window.requestIdleCallback === "function") {
        const id = window.requestIdleCallback(go, { timeout });
        cancelIdle = () => window.cancelIdleCallback(id);
      } else {
        const id = window.setTimeout(go, 50);
        cancelIdle = () => window.clearTimeout(id);
      }
    });
  });
  return () => {
    cancelAnimationFrame(frame);
    cancelIdle();
  };
}
