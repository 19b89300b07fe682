// Work that can wait until what is on screen has been drawn.

/**
 * Runs `go` once the next frame has been painted and the page is idle (at most
 * `timeout` ms later). Returns a function that cancels it.
 */
export function afterPaintWhenIdle(go: () => void, timeout = 300): () => void {
  let cancelIdle = () => {};
  const frame = requestAnimationFrame(() => {
    if (typeof window.requestIdleCallback === "function") {
      const id = window.requestIdleCallback(go, { timeout });
      cancelIdle = () => window.cancelIdleCallback(id);
    } else {
      const id = window.setTimeout(go, 50);
      cancelIdle = () => window.clearTimeout(id);
    }
  });
  return () => {
    cancelAnimationFrame(frame);
    cancelIdle();
  };
}
