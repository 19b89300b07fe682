// Showing a card the panels talk about: select it and scroll it into view.
import { useCanvas } from "../canvas/canvasStore";

export function revealCards(ids: string[]) {
  if (ids.length === 0) return;
  useCanvas.getState().select(ids);
  const el = document.querySelector<HTMLElement>(`[data-testid="grid"] [data-card-id="${ids[0].replace(/["\\]/g, "\\$&")}"]`);
  el?.scrollIntoView?.({ block: "center", inline: "center", behavior: "smooth" });
  el?.focus({ preventScroll: true });
}
