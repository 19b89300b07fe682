import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Card, Map } from "../bindings";
import { formatCount, formatDelta, formatPct } from "../insights/format";
import { shownFunnel, useInsights } from "../insights/insightsStore";
import { revealCards } from "../insights/reveal";
import { RateEditor } from "./ConversionChip";
import { DropIcon } from "./InsightIcons";
import { ImportFiguresButton } from "./MetricImportDialog";

/**
 * The map's conversion funnel: the overall conversion (product along the
 * touchpoints' path), the biggest drop-off, each stage and each step with its
 * rate, cumulative share and people where volumes are known. While a rate is
 * being tried the figures are the what-if ones, with the change from the saved.
 */
export function FunnelPanel({ map }: { map: Map }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const saved = useInsights((s) => (s.funnelMapId === map.id ? s.funnel : null));
  const funnel = useInsights((s) => (s.funnelMapId === map.id || s.whatIf ? shownFunnel(s) : null));
  const trying = useInsights((s) => s.whatIf !== null && s.whatIf.funnel !== undefined);
  const [editing, setEditing] = useState<{ card: Card; anchor: HTMLElement } | null>(null);
  const pct = (v: number | null) => (v === null ? "—" : formatPct(v, lang));

  if (!funnel) {
    return (
      <div className="insights-empty" data-testid="funnel-empty">
        <p>{t("funnel.empty")}</p>
        <p className="muted">{t("funnel.emptyHint")}</p>
        <ImportFiguresButton map={map} />
      </div>
    );
  }

  const delta = trying && saved ? funnel.overall - saved.overall : null;
  const missing = funnel.steps.filter((s) => s.rate === null).length;
  const firstRated = funnel.steps.find((s) => s.rate !== null);
  const entering = firstRated?.volume ?? null;
  const drop = funnel.steps[funnel.biggest_drop];
  const dropStage = map.stages[drop.stage_index]?.name ?? "";
  const cardOf = (id: string) => map.cards.find((c) => c.id === id);

  return (
    <div className="funnel-panel" data-testid="funnel-panel">
      <div className={`funnel-overall${trying ? " is-whatif" : ""}`}>
        <div className="panel-label">{trying ? t("funnel.overallWhatIf") : t("funnel.overall")}</div>
        <div className="funnel-overall-value" data-testid="funnel-overall">
          {formatPct(funnel.overall, lang)}
        </div>
        {delta !== null && (
          <div className={`delta ${delta > 0 ? "is-up" : delta < 0 ? "is-down" : ""}`} data-testid="funnel-delta">
            {t("funnel.vsSaved", { value: t("funnel.points", { value: formatDelta(delta, lang) }), saved: formatPct(saved!.overall, lang) })}
          </div>
        )}
        {entering !== null && (
          <div className="funnel-people" data-testid="funnel-people">
            {t("funnel.peopleConvert", { people: formatCount((entering * funnel.overall) / 100, lang), total: formatCount(entering, lang) })}
          </div>
        )}
        {funnel.incomplete && (
          <div className="funnel-incomplete" data-testid="funnel-incomplete" role="note">
            {t("funnel.incomplete", { n: missing })}
          </div>
        )}
      </div>

      {drop.rate !== null && (
        <button type="button" className="funnel-drop" data-testid="funnel-drop" onClick={() => revealCards([drop.card_id])}>
          <span className="funnel-drop-icon">
            <DropIcon size={18} />
          </span>
          <span className="funnel-drop-body">
            <span className="funnel-drop-title">{t("funnel.biggestDrop")}</span>
            <span className="funnel-drop-text">{drop.text || t("research.untitledCard")}</span>
            <span className="funnel-drop-detail">
              {t("funnel.dropDetail", { stage: dropStage, rate: pct(drop.rate), lost: formatPct(100 - drop.rate, lang) })}
            </span>
          </span>
        </button>
      )}

      <div className="panel-label">{t("funnel.byStage")}</div>
      <table className="funnel-stages" data-testid="funnel-stages">
        <thead>
          <tr>
            <th scope="col">{t("funnel.stage")}</th>
            <th scope="col">{t("funnel.rate")}</th>
            <th scope="col">{t("funnel.cumulative")}</th>
          </tr>
        </thead>
        <tbody>
          {funnel.stages.map((s) => (
            <tr key={s.stage_index} data-testid="funnel-stage" className={s.rate === null ? "is-empty" : ""}>
              <th scope="row">{map.stages[s.stage_index]?.name}</th>
              <td>{pct(s.rate)}</td>
              <td>{pct(s.cumulative)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="panel-label">{t("funnel.steps")}</div>
      <ol className="funnel-steps" data-testid="funnel-steps">
        {funnel.steps.map((step, i) => {
          const isDrop = i === funnel.biggest_drop;
          const card = cardOf(step.card_id);
          return (
            <li
              key={step.card_id}
              className={`funnel-step${isDrop ? " is-drop" : ""}${step.rate === null ? " is-missing" : ""}`}
              data-testid="funnel-step"
              data-card-id-ref={step.card_id}
              data-drop={isDrop || undefined}
            >
              <button type="button" className="funnel-step-main" onClick={() => revealCards([step.card_id])} title={t("funnel.showCard")}>
                <span className="funnel-step-text">{step.text || t("research.untitledCard")}</span>
                <span className="funnel-step-stage">{map.stages[step.stage_index]?.name}</span>
                <span className="funnel-bar" aria-hidden="true">
                  <span style={{ width: `${Math.max(0, Math.min(100, step.cumulative ?? 0))}%` }} />
                </span>
                <span className="funnel-step-figures">
                  {step.rate === null ? (
                    <span className="muted">{t("funnel.noRate")}</span>
                  ) : (
                    t("funnel.stepFigures", { rate: pct(step.rate), cumulative: pct(step.cumulative) })
                  )}
                  {step.volume !== null && step.rate !== null && (
                    <span className="funnel-step-people" data-testid="funnel-step-people">
                      {t("funnel.peopleOf", { people: formatCount((step.volume * step.rate) / 100, lang), total: formatCount(step.volume, lang) })}
                    </span>
                  )}
                </span>
                {isDrop && <span className="drop-tag">{t("funnel.biggestDropShort")}</span>}
              </button>
              {card && (
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid="funnel-step-edit"
                  onClick={(e) => {
                    const anchor = e.currentTarget;
                    setEditing((cur) => (cur ? null : { card, anchor }));
                  }}
                >
                  {t("funnel.whatIf")}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {editing && <RateEditor card={editing.card} anchor={editing.anchor} onDone={() => setEditing(null)} />}
      <div className="funnel-import-row">
        <ImportFiguresButton map={map} />
      </div>
    </div>
  );
}
