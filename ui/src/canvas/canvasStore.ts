// View state of the canvas that is not part of the document: selection, zoom,
// panels. Nothing here is saved; the document only changes through edits.
import { create } from "zustand";

export interface CanvasState {
  /** Selected card ids, in the order they were selected. */
  selected: string[];
  selectedSet: ReadonlySet<string>;
  zoom: number;
  minimap: boolean;
  panel: boolean;
  help: boolean;
  /** The cell the pointer is over (for "N" and paste). */
  hoverCell: { stageId: string; laneId: string } | null;
  /** Emotion curves hidden, by persona id ("" for a curve without one): on every map, until shown again. */
  hiddenCurves: ReadonlySet<string>;
  select(ids: string[]): void;
  setZoom(zoom: number): void;
  toggle(what: "minimap" | "panel" | "help", on?: boolean): void;
  setHoverCell(cell: { stageId: string; laneId: string } | null): void;
  toggleCurve(personaId: string): void;
}

export const useCanvas = create<CanvasState>()((set) => ({
  selected: [],
  selectedSet: new Set(),
  zoom: 1,
  minimap: true,
  panel: true,
  help: false,
  hoverCell: null,
  hiddenCurves: new Set(),
  select: (ids) => set({ selected: ids, selectedSet: new Set(ids) }),
  setZoom: (zoom) => set({ zoom }),
  toggle: (what, on) => set((s) => ({ [what]: on ?? !s[what] }) as Partial<CanvasState>),
  setHoverCell: (hoverCell) => set({ hoverCell }),
  toggleCurve: (id) =>
    set((s) => {
      const next = new Set(s.hiddenCurves);
      if (!next.delete(id)) next.add(id);
      return { hiddenCurves: next };
    }),
}));
