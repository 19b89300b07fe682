import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Map } from "../bindings";
import { minimapRects, minimapSize, type GridLayout } from "../canvas/minimap";
import { scrollForMinimapPoint, viewportInMinimap } from "../canvas/zoom";
import { stageColor } from "./Grid";

/**
 * The overview of a large map: every stage and cell drawn small on a canvas,
 * with the part in view outlined. Clicking or dragging in it scrolls the map
 * there. It hides while the whole map is in view. Its size is a small share
 * of the viewport (canvas/minimap.ts `minimapSize`), so it covers little of
 * the map it navigates.
 */
export function Minimap({
  map,
  layout,
  scroller,
  view,
  zoom,
}: {
  map: Map;
  layout: GridLayout;
  scroller: HTMLElement | null;
  /** The scroller's client size (Canvas keeps it, canvas/useViewSize.ts). */
  view: { width: number; height: number };
  zoom: number;
}) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewRef = useRef<HTMLDivElement>(null);
  // Nothing to navigate when the whole map is in view: the minimap hides.
  const [whole, setWhole] = useState(false);
  const { scale, width: w, height: h } = minimapSize(layout, view);
  const rects = useMemo(() => minimapRects(map, layout, scale, (i) => stageColor(map.stages[i], i)), [map, layout, scale]);

  // The cells are drawn again only when the map or its layout changes, not on scrolling.
  const shown = Boolean(scroller && scale && !whole);
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    for (const r of rects) {
      ctx.globalAlpha = r.alpha;
      ctx.fillStyle = r.fill;
      ctx.fillRect(r.x, r.y, r.w, r.h);
    }
    ctx.globalAlpha = 1;
  }, [rects, w, h, shown]);

  // The viewport's outline follows scrolling without rendering the minimap again.
  const place = useCallback(() => {
    if (!scroller || !scale) return;
    const view = viewportInMinimap(
      { left: scroller.scrollLeft, top: scroller.scrollTop },
      { width: scroller.clientWidth, height: scroller.clientHeight },
      zoom,
      scale,
    );
    setWhole(view.left <= 1 && view.top <= 1 && view.width >= w - 1 && view.height >= h - 1);
    const r = viewRef.current;
    if (!r) return;
    r.style.left = `${view.left}px`;
    r.style.top = `${view.top}px`;
    r.style.width = `${view.width}px`;
    r.style.height = `${view.height}px`;
  }, [scroller, scale, zoom, w, h]);
  useLayoutEffect(place);
  useEffect(() => {
    if (!scroller) return;
    let raf = 0;
    const on = () => {
      if (!raf)
        raf = requestAnimationFrame(() => {
          raf = 0;
          place();
        });
    };
    scroller.addEventListener("scroll", on, { passive: true });
    window.addEventListener("resize", on);
    return () => {
      scroller.removeEventListener("scroll", on);
      window.removeEventListener("resize", on);
      cancelAnimationFrame(raf);
    };
  }, [scroller, place]);
  if (!scroller || !shown) return null;
  const go = (e: React.PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const s = scrollForMinimapPoint(
      { x: e.clientX - r.left, y: e.clientY - r.top },
      { width: scroller.clientWidth, height: scroller.clientHeight },
      zoom,
      scale,
    );
    scroller.scrollLeft = s.left;
    scroller.scrollTop = s.top;
  };
  return (
    <div className="minimap" data-testid="minimap" aria-label={t("canvas.minimap")}>
      <div
        className="mm-map"
        style={{ width: w, height: h }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          go(e);
        }}
        onPointerMove={(e) => {
          if (e.buttons & 1) go(e);
        }}
      >
        <canvas ref={canvasRef} style={{ width: w, height: h }} data-testid="minimap-cells" />
        <div ref={viewRef} className="mm-view" data-testid="minimap-view" />
      </div>
    </div>
  );
}
