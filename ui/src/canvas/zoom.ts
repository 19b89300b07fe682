// Zoom maths for the canvas: the map is drawn at `zoom` × its natural size
// inside a scrolling viewport.

export const MIN_ZOOM = 0.2;
export const MAX_ZOOM = 2;
export const ZOOM_STEPS = [0.2, 0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];

export function clampZoom(z: number): number {
  if (!Number.isFinite(z)) return 1;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(z * 1000) / 1000));
}

/** The next preset step in direction `dir` (+1 in, −1 out). */
export function stepZoom(zoom: number, dir: 1 | -1): number {
  if (dir > 0) return ZOOM_STEPS.find((s) => s > zoom + 1e-3) ?? MAX_ZOOM;
  return [...ZOOM_STEPS].reverse().find((s) => s < zoom - 1e-3) ?? MIN_ZOOM;
}

/** Zoom after a ctrl+wheel / pinch delta (pixels; negative = in). */
export function wheelZoom(zoom: number, deltaY: number): number {
  const d = Math.max(-100, Math.min(100, deltaY));
  return clampZoom(zoom * Math.exp(-d * 0.01));
}

/**
 * Scroll offsets that keep the content point under (x, y) — viewport
 * coordinates — in place when zooming from `from` to `to`.
 */
export function scrollForZoom(
  scroll: { left: number; top: number },
  point: { x: number; y: number },
  from: number,
  to: number,
): { left: number; top: number } {
  const cx = (scroll.left + point.x) / from;
  const cy = (scroll.top + point.y) / from;
  return { left: Math.max(0, cx * to - point.x), top: Math.max(0, cy * to - point.y) };
}

/** The zoom that shows all of `content` (natural size) inside `viewport`, never above 1. */
export function fitZoom(content: { width: number; height: number }, viewport: { width: number; height: number }, margin = 24): number {
  if (content.width <= 0 || content.height <= 0) return 1;
  const z = Math.min((viewport.width - margin) / content.width, (viewport.height - margin) / content.height, 1);
  return clampZoom(z);
}

/** Minimap: the viewport's rectangle in minimap units, given the scale from content px to minimap px. */
export function viewportInMinimap(scroll: { left: number; top: number }, viewport: { width: number; height: number }, zoom: number, scale: number) {
  return {
    left: (scroll.left / zoom) * scale,
    top: (scroll.top / zoom) * scale,
    width: (viewport.width / zoom) * scale,
    height: (viewport.height / zoom) * scale,
  };
}

/** Scroll offsets that centre the viewport on a minimap point. */
export function scrollForMinimapPoint(point: { x: number; y: number }, viewport: { width: number; height: number }, zoom: number, scale: number) {
  return {
    left: Math.max(0, (point.x / scale) * zoom - viewport.width / 2),
    top: Math.max(0, (point.y / scale) * zoom - viewport.height / 2),
  };
}

/**
 * Whether the grid, `natural` size drawn at `zoom`, covers the whole viewport
 * (client size): then nothing of the canvas behind it can be seen.
 */
export function coversViewport(natural: { width: number; height: number }, zoom: number, viewport: { width: number; height: number }): boolean {
  if (!(viewport.width > 0 && viewport.height > 0)) return false;
  // Half a pixel of rounding either way still covers.
  return natural.width * zoom >= viewport.width - 0.5 && natural.height * zoom >= viewport.height - 0.5;
}
