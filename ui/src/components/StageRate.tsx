import type { TFunction } from "i18next";
import { formatPct } from "../insights/format";
import { useInsights } from "../insights/insightsStore";
import { FunnelIcon } from "./InsightIcons";

/**
 * A stage's conversion in its header (the product of its touchpoints' rates),
 * with the tried figure beside it while a rate is being edited. `mapId`: the
 * map the header belongs to; `t`, `lang`: the grid's labels (no i18next
 * subscription per header).
 */
export function StageRate({ index, mapId, t, lang }: { index: number; mapId: string; t: TFunction; lang: string }) {
  const saved = useInsights((s) => (s.funnelMapId === mapId ? (s.funnel?.stages[index]?.rate ?? null) : null));
  const tried = useInsights((s) => (s.whatIf && s.whatIf.funnel !== undefined ? (s.whatIf.funnel?.stages[index]?.rate ?? null) : undefined));
  if (saved === null && (tried === undefined || tried === null)) return null;
  const changed = tried !== undefined && tried !== saved;
  const shown = changed ? tried : saved;
  const title = t("funnel.stageTitle", { rate: shown === null ? "—" : formatPct(shown, lang) });
  return (
    <span className="stage-rate-row">
      <span className={`stage-rate${changed ? " is-whatif" : ""}`} data-testid="stage-rate" title={title} aria-label={title}>
        <FunnelIcon size={11} />
        <span className="stage-rate-label">{t("funnel.stageShort")}</span>
        {changed && saved !== null && <s className="stage-rate-before">{formatPct(saved, lang)}</s>}
        <strong>{shown === null ? "—" : formatPct(shown, lang)}</strong>
      </span>
    </span>
  );
}
