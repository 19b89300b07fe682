import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Map } from "../bindings";
import { useCanvas } from "../canvas/canvasStore";
import { clampZoom, fitZoom, scrollForMinimapPoint, scrollForZoom, stepZoom, viewportInMinimap, wheelZoom } from "../canvas/zoom";
import { Grid, stageColor } from "./Grid";
import { FitIcon, HelpIcon, MapIcon, ZoomInIcon, ZoomOutIcon } from "./Icons";

const MINIMAP_W = 200;

function scrollToPos(el: HTMLElement, pos: { left: number; top: number }) {
  el.scrollLeft = pos.left;
  el.scrollTop = pos.top;
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select") !== null;
}

/** Natural (unzoomed) size of the grid and the offsets of its rows and columns, for the minimap. */
interface Layout {
  width: number;
  height: number;
  cols: { left: number; width: number }[];
  rows: { top: number; height: number }[];
  header: number;
}

function measure(grid: HTMLElement): Layout {
  const cols = Array.from(grid.querySelectorAll<HTMLElement>('[data-testid="stage-header"]')).map((h) => ({ left: h.offsetLeft, width: h.offsetWidth }));
  const lanes = Array.from(grid.querySelectorAll<HTMLElement>('[data-testid="lane-header"]'));
  const rows = lanes.map((h) => ({ top: h.offsetTop, height: h.offsetHeight }));
  const header = grid.querySelector<HTMLElement>(".grid-corner")?.offsetHeight ?? 0;
  return { width: grid.offsetWidth, height: grid.offsetHeight, cols, rows, header };
}

/** The minimap's cells: drawn again only when the map or its layout changes, not on scrolling. */
const MinimapCells = memo(function MinimapCells({ map, layout, scale }: { map: Map; layout: Layout; scale: number }) {
  const counts = useMemo(() => {
    const out = new globalThis.Map<string, number>();
    for (const c of map.cards) out.set(`${c.stage_id}|${c.lane_id}`, (out.get(`${c.stage_id}|${c.lane_id}`) ?? 0) + 1);
    return out;
  }, [map.cards]);
  return (
    <>
      {map.stages.map((s, i) => {
        const col = layout.cols[i];
        if (!col) return null;
        return <rect key={s.id} x={col.left * scale} y={0} width={col.width * scale} height={Math.max(2, layout.header * scale)} fill={stageColor(s, i)} opacity={0.85} />;
      })}
      {map.lanes.map((l, li) =>
        map.stages.map((s, si) => {
          const col = layout.cols[si];
          const row = layout.rows[li];
          if (!col || !row) return null;
          const n = counts.get(`${s.id}|${l.id}`) ?? 0;
          return (
            <rect
              key={`${l.id}${s.id}`}
              x={col.left * scale + 0.5}
              y={row.top * scale + 0.5}
              width={Math.max(1, col.width * scale - 1)}
              height={Math.max(1, row.height * scale - 1)}
              className={`mm-cell kind-${l.kind}`}
              opacity={n ? Math.min(1, 0.35 + n * 0.08) : 0.12}
            />
          );
        }),
      )}
    </>
  );
});

function Minimap({ map, layout, scroller, zoom }: { map: Map; layout: Layout; scroller: HTMLElement | null; zoom: number }) {
  const { t } = useTranslation();
  const viewRef = useRef<SVGRectElement>(null);
  // Nothing to navigate when the whole map is in view: the minimap hides.
  const [whole, setWhole] = useState(false);
  const scale = layout.width ? MINIMAP_W / layout.width : 0;
  const h = Math.max(40, layout.height * scale);

  // The viewport's rect follows scrolling without rendering the minimap again.
  const place = useCallback(() => {
    if (!scroller || !scale) return;
    const view = viewportInMinimap({ left: scroller.scrollLeft, top: scroller.scrollTop }, { width: scroller.clientWidth, height: scroller.clientHeight }, zoom, scale);
    setWhole(view.left <= 1 && view.top <= 1 && view.width >= MINIMAP_W - 1 && view.height >= h - 1);
    const r = viewRef.current;
    if (!r) return;
    r.setAttribute("x", String(view.left));
    r.setAttribute("y", String(view.top));
    r.setAttribute("width", String(view.width));
    r.setAttribute("height", String(view.height));
  }, [scroller, scale, zoom, h]);
  useLayoutEffect(place);
  useEffect(() => {
    if (!scroller) return;
    let raf = 0;
    const on = () => {
      if (!raf) raf = requestAnimationFrame(() => ((raf = 0), place()));
    };
    scroller.addEventListener("scroll", on, { passive: true });
    window.addEventListener("resize", on);
    return () => {
      scroller.removeEventListener("scroll", on);
      window.removeEventListener("resize", on);
      cancelAnimationFrame(raf);
    };
  }, [scroller, place]);
  if (!scroller || layout.width === 0 || whole) return null;
  const go = (e: React.PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const s = scrollForMinimapPoint({ x: e.clientX - r.left, y: e.clientY - r.top }, { width: scroller.clientWidth, height: scroller.clientHeight }, zoom, scale);
    scrollToPos(scroller, s);
  };
  return (
    <div className="minimap" data-testid="minimap" aria-label={t("canvas.minimap")}>
      <svg
        width={MINIMAP_W}
        height={h}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          go(e);
        }}
        onPointerMove={(e) => {
          if (e.buttons & 1) go(e);
        }}
      >
        <MinimapCells map={map} layout={layout} scale={scale} />
        <rect ref={viewRef} className="mm-view" data-testid="minimap-view" rx={2} />
      </svg>
    </div>
  );
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
  const [layout, setLayout] = useState<Layout>({ width: 0, height: 0, cols: [], rows: [], header: 0 });
  const [panReady, setPanReady] = useState(false);
  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;

  // Natural size of the grid, to size the scroll area at any zoom. Measured by
  // a ResizeObserver (after layout, never forcing one of its own).
  useEffect(() => {
    const grid = gridBox.current?.querySelector<HTMLElement>('[data-testid="grid"]');
    if (!grid) return;
    const update = () => setLayout(measure(grid));
    if (typeof ResizeObserver === "undefined") return update();
    const ro = new ResizeObserver(update);
    ro.observe(grid);
    return () => ro.disconnect();
  }, [map]);

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
    zoomTo(fitZoom({ width: layout.width, height: layout.height }, { width: sc.clientWidth, height: sc.clientHeight }), { x: 0, y: 0 });
    requestAnimationFrame(() => scrollToPos(sc, { left: 0, top: 0 }));
  }, [layout, zoomTo]);

  // ctrl+wheel (and trackpad pinch, which browsers report as ctrl+wheel) zooms around the pointer.
  useEffect(() => {
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
          style={scaled ? { width: layout.width * zoom, height: layout.height * zoom } : undefined}
        >
          <div ref={gridBox} className={`zoom-layer${scaled ? " is-scaled" : ""}`} style={scaled ? { transform: `scale(${zoom})` } : undefined}>
            <Grid key={map.id} map={map} />
          </div>
        </div>
      </div>
      <div className="canvas-controls" role="toolbar" aria-label={t("canvas.view")}>
        <button type="button" className="icon-btn" data-testid="zoom-out" aria-label={t("canvas.zoomOut")} title={t("canvas.zoomOut")} onClick={() => zoomTo(stepZoom(zoom, -1))}>
          <ZoomOutIcon size={16} />
        </button>
        <button type="button" className="zoom-value" data-testid="zoom-reset" title={t("canvas.zoomReset")} onClick={() => zoomTo(1)}>
          {Math.round(zoom * 100)}%
        </button>
        <button type="button" className="icon-btn" data-testid="zoom-in" aria-label={t("canvas.zoomIn")} title={t("canvas.zoomIn")} onClick={() => zoomTo(stepZoom(zoom, 1))}>
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
        <button type="button" className="icon-btn" data-testid="open-help" aria-label={t("help.title")} title={t("help.open")} onClick={() => toggle("help", true)}>
          <HelpIcon size={16} />
        </button>
      </div>
      {minimap && <Minimap map={map} layout={layout} scroller={scrollRef.current} zoom={zoom} />}
    </div>
  );
}
