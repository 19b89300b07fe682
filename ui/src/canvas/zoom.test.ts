import { describe, expect, it } from "vitest";
import { clampZoom, coversViewport, fitZoom, scrollForMinimapPoint, scrollForZoom, stepZoom, viewportInMinimap, wheelZoom } from "./zoom";

describe("zoom", () => {
  it("clamps and steps", () => {
    expect(clampZoom(5)).toBe(2);
    expect(clampZoom(0.01)).toBe(0.2);
    expect(clampZoom(Number.NaN)).toBe(1);
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1, -1)).toBe(0.9);
    expect(stepZoom(0.8, 1)).toBe(0.9);
    expect(stepZoom(2, 1)).toBe(2);
    expect(stepZoom(0.2, -1)).toBe(0.2);
  });

  it("wheel up zooms in, down zooms out, bounded", () => {
    expect(wheelZoom(1, -50)).toBeGreaterThan(1);
    expect(wheelZoom(1, 50)).toBeLessThan(1);
    expect(wheelZoom(1.9, -10000)).toBe(2);
  });

  it("keeps the point under the pointer fixed", () => {
    const s = scrollForZoom({ left: 100, top: 50 }, { x: 200, y: 100 }, 1, 2);
    // content point (300, 150) was under the pointer; at 2× it is at 600,300 → scroll = 600-200, 300-100.
    expect(s).toEqual({ left: 400, top: 200 });
    expect(scrollForZoom({ left: 0, top: 0 }, { x: 10, y: 10 }, 1, 0.5)).toEqual({ left: 0, top: 0 });
  });

  it("fits content into the viewport, never above 100%", () => {
    expect(fitZoom({ width: 5000, height: 2000 }, { width: 1024, height: 800 })).toBeCloseTo(0.2);
    expect(fitZoom({ width: 2000, height: 1000 }, { width: 1024, height: 800 })).toBeCloseTo(0.5, 1);
    expect(fitZoom({ width: 100, height: 100 }, { width: 1024, height: 800 })).toBe(1);
  });

  it("maps between the viewport and the minimap", () => {
    const r = viewportInMinimap({ left: 200, top: 100 }, { width: 400, height: 300 }, 2, 0.1);
    expect(r).toEqual({ left: 10, top: 5, width: 20, height: 15 });
    expect(scrollForMinimapPoint({ x: 20, y: 12.5 }, { width: 400, height: 300 }, 2, 0.1)).toEqual({ left: 200, top: 100 });
  });

  it("knows when the grid covers the viewport", () => {
    const view = { width: 1600, height: 1000 };
    expect(coversViewport({ width: 5560, height: 11088 }, 1, view)).toBe(true);
    // Fitted to the window, a big map leaves canvas to be seen.
    expect(coversViewport({ width: 5560, height: 11088 }, 0.09, view)).toBe(false);
    // A small map covers only one way.
    expect(coversViewport({ width: 1528, height: 2400 }, 1, view)).toBe(false);
    expect(coversViewport({ width: 1528, height: 2400 }, 1.1, view)).toBe(true);
    expect(coversViewport({ width: 1599.7, height: 1000 }, 1, view)).toBe(true);
    // No viewport (hidden, or no layout): nothing is known to be covered.
    expect(coversViewport({ width: 100, height: 100 }, 1, { width: 0, height: 0 })).toBe(false);
  });
});
