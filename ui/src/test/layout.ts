// A fake layout for jsdom (which has none): every grid element gets the rect it
// would have with fixed sizes, so pointer drags can be tested end to end.
import { vi } from "vitest";

export const LANE_W = 208;
export const STAGE_W = 264;
export const HEAD_H = 56;
export const ROW_H = 300;
export const CARD_H = 40;
export const CARD_GAP = 50;

function rect(left: number, top: number, width: number, height: number): DOMRect {
  return { left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) } as DOMRect;
}

function layoutOf(el: Element): DOMRect {
  const h = el as HTMLElement;
  const d = h.dataset ?? {};
  const tid = d.testid;
  if (tid === "grid") {
    const stages = el.querySelectorAll('[data-testid="stage-header"]').length;
    const lanes = el.querySelectorAll('[data-testid="lane-header"]').length;
    return rect(0, 0, LANE_W + stages * STAGE_W + 72, HEAD_H + lanes * ROW_H + 60);
  }
  if (tid === "stage-header") return rect(LANE_W + Number(d.stageIndex) * STAGE_W, 0, STAGE_W, HEAD_H);
  if (tid === "lane-header") return rect(0, HEAD_H + Number(d.laneIndex) * ROW_H, LANE_W, ROW_H);
  if (tid === "cell") return rect(LANE_W + Number(d.stageIndex) * STAGE_W, HEAD_H + Number(d.laneIndex) * ROW_H, STAGE_W, ROW_H);
  if (d.cardId && h.classList.contains("card")) {
    const cell = h.closest<HTMLElement>('[data-testid="cell"]');
    if (cell) {
      const c = layoutOf(cell);
      const k = Array.from(cell.querySelectorAll(":scope > [data-card-id]")).indexOf(h);
      return rect(c.left + 10, c.top + 10 + k * CARD_GAP, STAGE_W - 20, CARD_H);
    }
  }
  return rect(0, 0, 0, 0);
}

export function installLayout() {
  return vi.spyOn(Element.prototype, "getBoundingClientRect").mockImplementation(function (this: Element) {
    return layoutOf(this);
  });
}

/** Centre of a card / stage header, in client coordinates. */
export function centre(el: Element): { clientX: number; clientY: number } {
  const r = layoutOf(el);
  return { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 };
}

/** Client point of a gap in a cell: before card `index` (or after the last one). */
export function cellPoint(stageIndex: number, laneIndex: number, index: number): { clientX: number; clientY: number } {
  return {
    clientX: LANE_W + stageIndex * STAGE_W + STAGE_W / 2,
    clientY: HEAD_H + laneIndex * ROW_H + 10 + index * CARD_GAP - 4,
  };
}
