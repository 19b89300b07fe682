// Marks on the grid's cards from the insight panels, set on the cards' DOM
// nodes (like the selection, see Grid's useSelectionMarks) so the light card
// component needs no extra props or subscriptions:
//   data-drop-label  the funnel's biggest drop-off (a labelled red frame);
//   data-research    how many research items link to the card (a badge);
//   data-diff        "added" / "changed" since the compared snapshot.
import { useEffect, useLayoutEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Map } from "../bindings";
import { formatPct } from "./format";
import { shownFunnel, useInsights } from "./insightsStore";

type Marks = globalThis.Map<string, Record<string, string>>;

function computeMarks(map: Map, label: (rate: string) => string, researchLabel: (n: number) => string, lang: string): Marks {
  const out: Marks = new globalThis.Map();
  const mark = (id: string, key: string, value: string) => {
    const m = out.get(id) ?? {};
    m[key] = value;
    out.set(id, m);
  };
  const s = useInsights.getState();
  const funnel = s.funnelMapId === map.id || s.whatIf ? shownFunnel(s) : null;
  const drop = funnel?.steps[funnel.biggest_drop];
  if (drop && drop.rate !== null) mark(drop.card_id, "dropLabel", label(formatPct(drop.rate, lang)));
  const counts = new globalThis.Map<string, number>();
  for (const item of map.research) for (const id of item.card_ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const [id, n] of counts) {
    mark(id, "research", String(n));
    mark(id, "researchLabel", researchLabel(n));
  }
  if (s.diffMarks) {
    for (const id of s.diffMarks.added) mark(id, "diff", "added");
    for (const id of s.diffMarks.changed) mark(id, "diff", "changed");
  }
  return out;
}

const KEYS = ["dropLabel", "research", "researchLabel", "diff"];

export function useCardMarks(gridRef: React.RefObject<HTMLDivElement | null>, map: Map) {
  const { t, i18n } = useTranslation();
  const applied = useRef<Set<string>>(new Set());
  const mapRef = useRef(map);
  mapRef.current = map;

  const apply = () => {
    const grid = gridRef.current;
    if (!grid) return;
    const marks = computeMarks(
      mapRef.current,
      (rate) => t("funnel.dropBadge", { rate }),
      (n) => t("research.badge", { n }),
      i18n.language,
    );
    const touched = new Set<string>([...applied.current, ...marks.keys()]);
    for (const id of touched) {
      const el = grid.querySelector<HTMLElement>(`[data-card-id="${id.replace(/["\\]/g, "\\$&")}"]`);
      if (!el) continue;
      const m = marks.get(id) ?? {};
      for (const k of KEYS) {
        if (m[k] === undefined) delete el.dataset[k];
        else if (el.dataset[k] !== m[k]) el.dataset[k] = m[k];
      }
      if (m.researchLabel) el.title = m.researchLabel;
      else if (el.title) el.removeAttribute("title");
    }
    applied.current = new Set(marks.keys());
  };
  const applyRef = useRef(apply);
  applyRef.current = apply;

  useEffect(
    () =>
      useInsights.subscribe((s, p) => {
        if (s.funnel !== p.funnel || s.whatIf !== p.whatIf || s.diffMarks !== p.diffMarks) applyRef.current();
      }),
    [],
  );
  // After every render of the grid: cards may have been re-created.
  useLayoutEffect(() => applyRef.current());
}
