import { useLayoutEffect, useState } from "react";

/** The scroller's client size, kept up to date (Canvas: the minimap is sized to it, the scroll area's room follows it). */
export function useViewSize(scroller: HTMLElement | null): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    if (!scroller) return;
    const update = () =>
      setSize((prev) =>
        prev.width === scroller.clientWidth && prev.height === scroller.clientHeight
          ? prev
          : { width: scroller.clientWidth, height: scroller.clientHeight },
      );
    update();
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(update);
    ro.observe(scroller);
    return () => ro.disconnect();
  }, [scroller]);
  return size;
}
