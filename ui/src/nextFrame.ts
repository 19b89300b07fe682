// Keeping a change out of the frame that draws an edit. WebKitGTK without a
// GPU repaints, in each frame, one rectangle around everything that changed
// (tests/e2e/bench/timeline.mjs shows them): a card moved in the grid and the
// minimap redrawn in the window's corner in the same frame repaint most of the
// window (about 20 ms on a 2,000-card map); in two frames, each its own part.
import { useEffect, useState } from "react";

/** `value`, shown from the frame after the one in which it changed. */
export function useNextFrame<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    const id = requestAnimationFrame(() => setShown(value));
    return () => cancelAnimationFrame(id);
  }, [value, shown]);
  return shown;
}
