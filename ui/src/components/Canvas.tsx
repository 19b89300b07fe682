import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Map } from "../bindings";
import { useCanvas } from "../canvas/canvasStore";
import { afterPaintWhenIdle } from "../canvas/idle";
import { EMPTY_LAYOUT, measureGrid, sameLayout, type GridLayout } from "../canvas/minimap";
import { clampZoom, coversViewport, fitZoom, scrollForZoom, stepZoom, wheelZoom } from "../canvas/zoom";
import { Grid } from "./Grid";
import { FitIcon, HelpIcon, MapIcon, ZoomInIcon, ZoomOutIcon } from "./Icons";
import { Minimap } from "./Minimap";
import { useNextFrame } from "../nextFrame";
import { scrollRoom } from "../canvas/scrollRoom";
import { useViewSize } from "../canvas/useViewSize";

function scrollToPos(el: HTMLElement, pos: { left: number; top: number }) {
  el.scrollLeft = pos.left;
  el.scrollTop = pos.top;
}

/** The grid inside the zoom layer (null before it is drawn). */
function gridIn(box: HTMLElement | null): HTMLElement | null {
  return box?.querySelector<HTMLElement>('[data-testid="grid"]') ?? null;
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select") !== null;
}

/**
 * The zoomable, pannable viewport around the grid: ctrl+wheel and pinch zoom
 * around the pointer, buttons and keys zoom around the centre, space-drag or
 * middle-drag pans, scrolling pans, "fit" shows the whole map.
 */
export function Canvas({ map }: { map: Map }) {
  const { t } = useTranslation();
  const zoom = useCanvas((s) => s.zoom);
  const setZoom = useCanvas((s) => s.setZoom);
  const minimap = useCanvas((s) => s.minimap);
  const toggle = useCanvas((s) => s.toggle);
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridBox = useRef<HTMLDivElement>(null);
  const [layout, setLayout] = useState<GridLayout>(EMPTY_LAYOUT);
  // The minimap follows an edit a frame later (nextFrame.ts), its map and the
  // grid's new layout together: one drawing of its canvas, not one for each.
  const shownInMinimap = useNextFrame(useMemo(() => ({ map, layout }), [map, layout]));
  // The scroller's size (the minimap is sized to it) and the scroll area's
  // height, with room below the map (canvas/scrollRoom.ts): it follows the
  // map's height loosely, from the height it had.
  const view = useViewSize(scrollRef.current);
  const room = useRef(0);
  room.current = scrollRoom(room.current, layout.height * zoom, view.height);
  const [panReady, setPanReady] = useState(false);
  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;

  // Natural size of the grid, to size the scroll area at any zoom, and the
  // minimap's picture. Measured by a ResizeObserver (after layout, never
  // forcing one of its own); equal measurements keep the state, so they render
  // nothing again. When the map opens, observing starts once its first frame is
  // painted and the page is idle: the minimap is drawn after the map.
  const painted = useRef(false);
  useEffect(() => {
    const grid = gridIn(gridBox.current);
    if (!grid) return;
    const update = () => {
      const next = measureGrid(grid);
      setLayout((prev) => (sameLayout(prev, next) ? prev : next));
    };
    if (typeof ResizeObserver === "undefined") return update();
    const ro = new ResizeObserver(update);
    if (painted.current) {
      ro.observe(grid);
      return () => ro.disconnect();
    }
    const cancel = afterPaintWhenIdle(() => {
      painted.current = true;
      ro.observe(grid);
    });
    return () => {
      cancel();
      ro.disconnect();
    };
  }, [map]);

  // The dotted canvas behind the grid is painted only when some of it can be
  // seen: a grid covering the whole viewport hides it, and painting it under a
  // large map was a fifth of the first frame's raster work. Checked when the
  // map is laid out (before its first paint) and whenever the grid or the
  // viewport changes size; a data attribute, so no render.
  useLayoutEffect(() => {
    const sc = scrollRef.current;
    const grid = gridIn(gridBox.current);
    if (!sc || !grid) return;
    const check = () => {
      const covered = coversViewport({ width: grid.offsetWidth, height: grid.offsetHeight }, zoom, {
        width: sc.clientWidth,
        height: sc.clientHeight,
      });
      if (covered !== "covered" in sc.dataset) sc.toggleAttribute("data-covered", covered);
    };
    check();
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(check);
    ro.observe(sc);
    ro.observe(grid);
    return () => ro.disconnect();
  }, [zoom, map.id]);

  /** Sets the zoom keeping the content point under (x, y) (viewport px) still. */
  const zoomTo = useCallback(
    (next: number, at?: { x: number; y: number }) => {
      const sc = scrollRef.current;
      const from = zoomRef.current;
      const to = clampZoom(next);
      if (!sc || to === from) return;
      const point = at ?? { x: sc.clientWidth / 2, y: sc.clientHeight / 2 };
      const s = scrollForZoom({ left: sc.scrollLeft, top: sc.scrollTop }, point, from, to);
      zoomRef.current = to;
      setZoom(to);
      requestAnimationFrame(() => scrollToPos(sc, s));
    },
    [setZoom],
  );

  const fit = useCallback(() => {
    const sc = scrollRef.current;
    if (!sc) return;
    // Measured now: the grid's size in state may not be there yet (see above).
    const grid = gridIn(gridBox.current);
    if (!grid) return;
    zoomTo(fitZoom({ width: grid.offsetWidth, height: grid.offsetHeight }, { width: sc.clientWidth, height: sc.clientHeight }), { x: 0, y: 0 });
    requestAnimationFrame(() => scrollToPos(sc, { left: 0, top: 0 }));
  }, [zoomTo]);

  // ctrl+wheel (and trackpad pinch, which browsers report as ctrl+wheel) zooms around the pointer.
  // Attached before the map's first paint (a layout effect): a blocking wheel
  // listener is part of what the browser records when it paints (where
  // scrolling must wait for the page), so adding it after the first paint made
  // the browser paint the whole map a second time.
  useLayoutEffect(() => {
    const sc = scrollRef.current;
    if (!sc) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const r = sc.getBoundingClientRect();
      zoomTo(wheelZoom(zoomRef.current, e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY), { x: e.clientX - r.left, y: e.clientY - r.top });
    };
    // WebKit's own pinch gesture events.
    let gestureStart = 1;
    const onGestureStart = (e: Event) => {
      e.preventDefault();
      gestureStart = zoomRef.current;
    };
    const onGestureChange = (e: Event) => {
      e.preventDefault();
      const g = e as Event & { scale: number; clientX: number; clientY: number };
      const r = sc.getBoundingClientRect();
      zoomTo(gestureStart * g.scale, { x: g.clientX - r.left, y: g.clientY - r.top });
    };
    sc.addEventListener("wheel", onWheel, { passive: false });
    sc.addEventListener("gesturestart", onGestureStart);
    sc.addEventListener("gesturechange", onGestureChange);
    return () => {
      sc.removeEventListener("wheel", onWheel);
      sc.removeEventListener("gesturestart", onGestureStart);
      sc.removeEventListener("gesturechange", onGestureChange);
    };
  }, [zoomTo]);

  // Keys: ctrl +/−/0 zoom, shift+1 fit, space held = pan mode.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingIn(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && (e.key === "=" || e.key === "+")) {
        e.preventDefault();
        zoomTo(stepZoom(zoomRef.current, 1));
      } else if (mod && e.key === "-") {
        e.preventDefault();
        zoomTo(stepZoom(zoomRef.current, -1));
      } else if (mod && e.key === "0") {
        e.preventDefault();
        zoomTo(1);
      } else if (e.shiftKey && (e.key === "!" || e.code === "Digit1")) {
        e.preventDefault();
        fit();
      } else if (e.key === " " && !e.repeat && !(e.target instanceof HTMLElement && e.target.closest("button"))) {
        e.preventDefault();
        setPanReady(true);
      }
    };
    const onUp = (e: KeyboardEvent) => {
      if (e.key === " ") setPanReady(false);
    };
    const onBlur = () => setPanReady(false);
    window.addEventListener("keydown", onKey);
    window.addEventListener("keyup", onUp);
    window.addEventListener("blur", onBlur);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("keyup", onUp);
      window.removeEventListener("blur", onBlur);
    };
  }, [zoomTo, fit]);

  // Space-drag or middle-drag pans (captured before the grid sees the press).
  const onPointerDownCapture = (e: React.PointerEvent<HTMLDivElement>) => {
    const sc = scrollRef.current;
    if (!sc || !(e.button === 1 || (e.button === 0 && panReady))) return;
    e.preventDefault();
    e.stopPropagation();
    const start = { x: e.clientX, y: e.clientY, left: sc.scrollLeft, top: sc.scrollTop };
    sc.classList.add("is-panning");
    const move = (ev: PointerEvent) => {
      sc.scrollLeft = start.left - (ev.clientX - start.x);
      sc.scrollTop = start.top - (ev.clientY - start.y);
    };
    const up = () => {
      sc.classList.remove("is-panning");
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  };

  const scaled = zoom !== 1;
  return (
    <div className="canvas">
      <div
        ref={scrollRef}
        className={`grid-scroll${panReady ? " pan-ready" : ""}`}
        data-testid="canvas"
        data-zoom={zoom}
        onPointerDownCapture={onPointerDownCapture}
      >
        <div
          className="zoom-sizer"
          style={{
            width: scaled ? layout.width * zoom : undefined,
            height: scaled ? layout.height * zoom : undefined,
            minHeight: room.current || undefined,
          }}
        >
          <div ref={gridBox} className={`zoom-layer${scaled ? " is-scaled" : ""}`} style={scaled ? { transform: `scale(${zoom})` } : undefined}>
            <Grid key={map.id} map={map} />
          </div>
        </div>
      </div>
      <div className="canvas-controls" role="toolbar" aria-label={t("canvas.view")}>
        <button
          type="button"
          className="icon-btn"
          data-testid="zoom-out"
          aria-label={t("canvas.zoomOut")}
          title={t("canvas.zoomOut")}
          onClick={() => zoomTo(stepZoom(zoom, -1))}
        >
          <ZoomOutIcon size={16} />
        </button>
        <button type="button" className="zoom-value" data-testid="zoom-reset" title={t("canvas.zoomReset")} onClick={() => zoomTo(1)}>
          {Math.round(zoom * 100)}%
        </button>
        <button
          type="button"
          className="icon-btn"
          data-testid="zoom-in"
          aria-label={t("canvas.zoomIn")}
          title={t("canvas.zoomIn")}
          onClick={() => zoomTo(stepZoom(zoom, 1))}
        >
          <ZoomInIcon size={16} />
        </button>
        <span className="controls-sep" />
        <button type="button" className="icon-btn" data-testid="zoom-fit" aria-label={t("canvas.fit")} title={t("canvas.fit")} onClick={fit}>
          <FitIcon size={16} />
        </button>
        <button
          type="button"
          className="icon-btn"
          data-testid="toggle-minimap"
          aria-pressed={minimap}
          aria-label={t("canvas.minimap")}
          title={t("canvas.minimap")}
          onClick={() => toggle("minimap")}
        >
          <MapIcon size={16} />
        </button>
        <button
          type="button"
          className="icon-btn"
          data-testid="open-help"
          aria-label={t("help.title")}
          title={t("help.open")}
          onClick={() => toggle("help", true)}
        >
          <HelpIcon size={16} />
        </button>
      </div>
      {minimap && <Minimap map={shownInMinimap.map} layout={shownInMinimap.layout} scroller={scrollRef.current} view={view} zoom={zoom} />}
    </div>
  );
}
