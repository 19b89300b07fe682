// View state of the insight panels (funnel, research, review history): which
// panel is open, the map's funnel as the core computed it, a live "what if"
// while a rate is being edited, and the cards to highlight after a comparison.
// Nothing here is saved; the document only changes through edits.
import { create } from "zustand";
import { api, toErrorInfo } from "../api";
import type { Funnel, Map } from "../bindings";
import { useStore } from "../store";

export type InsightsTab = "funnel" | "research" | "history" | "comments";

export interface WhatIf {
  cardId: string;
  rate: number | null;
  /** The funnel with that rate; undefined while the core has not answered yet. */
  funnel?: Funnel | null;
}

export interface DiffMarks {
  /** What the current map is compared with (a snapshot's name, for the legend). */
  label: string;
  added: string[];
  changed: string[];
}

export interface InsightsState {
  tab: InsightsTab | null;
  /** The saved funnel of the shown map (null: no rates, or not loaded). */
  funnel: Funnel | null;
  funnelMapId: string | null;
  whatIf: WhatIf | null;
  diffMarks: DiffMarks | null;
  open(tab: InsightsTab | null): void;
  toggle(tab: InsightsTab): void;
  refreshFunnel(map: Map): Promise<void>;
  tryRate(mapId: string, cardId: string, rate: number | null): Promise<void>;
  endWhatIf(): void;
  setDiffMarks(marks: DiffMarks | null): void;
}

let funnelSeq = 0;
let whatIfSeq = 0;

export const useInsights = create<InsightsState>()((set, get) => ({
  tab: null,
  funnel: null,
  funnelMapId: null,
  whatIf: null,
  diffMarks: null,
  open: (tab) => set({ tab }),
  toggle: (tab) => set((s) => ({ tab: s.tab === tab ? null : tab })),

  async refreshFunnel(map) {
    const seq = ++funnelSeq;
    // No rate anywhere: the core would answer null; spare the call.
    if (!map.cards.some((c) => c.conversion !== null)) {
      set({ funnel: null, funnelMapId: map.id });
      return;
    }
    try {
      const funnel = await api.funnel(map.id);
      if (seq === funnelSeq) set({ funnel, funnelMapId: map.id });
    } catch (e) {
      if (seq === funnelSeq) {
        set({ funnel: null, funnelMapId: map.id });
        useStore.getState().showError(toErrorInfo(e));
      }
    }
  },

  async tryRate(mapId, cardId, rate) {
    const seq = ++whatIfSeq;
    const prev = get().whatIf;
    // Keep showing the previous figures until the new ones arrive (no flicker while dragging).
    set({ whatIf: { cardId, rate, funnel: prev?.cardId === cardId ? prev.funnel : undefined } });
    try {
      const funnel = await api.funnel(mapId, [{ card_id: cardId, rate }]);
      if (seq === whatIfSeq) set({ whatIf: { cardId, rate, funnel } });
    } catch {
      // A what-if is only a preview: without an answer the saved figures stay shown.
    }
  },

  endWhatIf() {
    whatIfSeq += 1;
    set({ whatIf: null });
  },

  setDiffMarks: (diffMarks) => set({ diffMarks }),
}));

/** The funnel to show: the what-if one while a rate is being tried, else the saved one. */
export function shownFunnel(s: Pick<InsightsState, "funnel" | "whatIf">): Funnel | null {
  if (s.whatIf && s.whatIf.funnel !== undefined) return s.whatIf.funnel;
  return s.funnel;
}
