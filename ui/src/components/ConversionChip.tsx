import { edits } from "../edits";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { Card, Funnel } from "../bindings";
import { formatCompact, formatCount, formatDelta, formatPct, parseRate, parseVolume } from "../insights/format";
import { useInsights } from "../insights/insightsStore";
import { activeMap, useStore } from "../store";
import { CloseIcon, PlusIcon } from "./Icons";
import type { OpenChip } from "./CardChips";
import { Popover } from "./Popover";

/** The most people a volume may count (the core's limit). */
const MAX_VOLUME = 100_000_000_000;

/** Overall and stage figures before → after a tried rate. */
export function WhatIfFigures({
  saved,
  tried,
  stageIndex,
  stageName,
}: {
  saved: Funnel | null;
  tried: Funnel | null | undefined;
  stageIndex: number;
  stageName: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? "—" : formatPct(v, lang));
  const now = tried === undefined ? saved : tried;
  const delta = saved && now ? now.overall - saved.overall : null;
  const savedStage = saved?.stages[stageIndex]?.rate ?? null;
  const nowStage = now?.stages[stageIndex]?.rate ?? null;
  return (
    <div className="whatif" data-testid="whatif" aria-live="polite">
      <div className="whatif-row">
        <span className="whatif-label">{t("funnel.overall")}</span>
        <span className="whatif-values">
          <span className="whatif-before">{pct(saved?.overall)}</span>
          <span aria-hidden="true">→</span>
          <strong data-testid="whatif-overall">{pct(now?.overall)}</strong>
          {delta !== null && Math.abs(delta) >= 0.05 && (
            <span className={`delta ${delta > 0 ? "is-up" : "is-down"}`} data-testid="whatif-delta">
              {t("funnel.points", { value: formatDelta(delta, lang) })}
            </span>
          )}
        </span>
      </div>
      <div className="whatif-row">
        <span className="whatif-label">{t("funnel.stageRate", { stage: stageName })}</span>
        <span className="whatif-values">
          <span className="whatif-before">{pct(savedStage)}</span>
          <span aria-hidden="true">→</span>
          <strong data-testid="whatif-stage">{pct(nowStage)}</strong>
        </span>
      </div>
    </div>
  );
}

/**
 * The popover that edits a touchpoint's conversion rate and volume. While the
 * rate is dragged or typed the core recomputes the funnel with it (nothing
 * saved); Apply (Enter, or a click outside) sends one set_card_metrics,
 * Escape or Cancel throws the change away.
 */
export function RateEditor({ card, anchor, onDone }: { card: Card; anchor: HTMLElement; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dispatch = useStore((s) => s.dispatch);
  const [rateText, setRateText] = useState(card.conversion === null ? "" : String(card.conversion));
  const [volumeText, setVolumeText] = useState(card.volume === null ? "" : String(card.volume));
  const [error, setError] = useState<string | null>(null);
  const saved = useInsights((s) => s.funnel);
  const tried = useInsights((s) => (s.whatIf?.cardId === card.id ? s.whatIf.funnel : undefined));
  const done = useRef(false);

  const doc = useStore.getState().doc;
  const map = activeMap(doc, useStore.getState().mapId);
  const stageIndex = map ? map.stages.findIndex((s) => s.id === card.stage_id) : -1;
  const stageName = map?.stages[stageIndex]?.name ?? "";

  const rate = parseRate(rateText);
  const validRate = rate === null || (!Number.isNaN(rate) && rate >= 0 && rate <= 100);

  const preview = (text: string) => {
    setRateText(text);
    setError(null);
    const r = parseRate(text);
    if (map && (r === null || (!Number.isNaN(r) && r >= 0 && r <= 100))) void useInsights.getState().tryRate(map.id, card.id, r);
  };

  const finish = () => {
    done.current = true;
    useInsights.getState().endWhatIf();
    onDone();
  };

  const cancel = () => {
    if (!done.current) finish();
  };

  const commit = () => {
    if (done.current) return;
    const r = parseRate(rateText);
    const v = parseVolume(volumeText);
    if (r !== null && (Number.isNaN(r) || r < 0 || r > 100)) return setError(t("funnel.rateInvalid"));
    if (v !== null && (Number.isNaN(v) || v > MAX_VOLUME)) return setError(t("funnel.volumeInvalid"));
    // Only the rate and volume are sent: the core keeps the emotion as it is.
    const now =
      useStore
        .getState()
        .doc?.project.maps.flatMap((m) => m.cards)
        .find((c) => c.id === card.id) ?? card;
    finish();
    if (r !== now.conversion || v !== now.volume) {
      void dispatch(edits.setRate(card.id, r, v));
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    if (e.key === "Enter") {
      e.preventDefault();
      commit();
    }
  };

  const sliderValue = rate !== null && validRate ? rate : 0;
  const v = parseVolume(volumeText);
  const continuing = rate !== null && validRate && v !== null && !Number.isNaN(v) ? (v * rate) / 100 : null;

  return (
    <Popover anchor={anchor} onClose={cancel} onOutside={commit} label={t("funnel.editRate")} testId="rate-popover">
      <div className="rate-editor">
        <div className="popover-title">{t("funnel.editRate")}</div>
        <label className="popover-label" htmlFor={`rate-${card.id}`}>
          {t("funnel.rate")}
        </label>
        <div className="rate-inputs">
          <input
            type="range"
            min={0}
            max={100}
            step={0.5}
            value={sliderValue}
            data-testid="rate-slider"
            aria-label={t("funnel.rate")}
            onChange={(e) => preview(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <span className="rate-number">
            <input
              id={`rate-${card.id}`}
              autoFocus
              inputMode="decimal"
              data-testid="rate-input"
              value={rateText}
              placeholder="—"
              aria-invalid={!validRate}
              onChange={(e) => preview(e.target.value)}
              onKeyDown={onKeyDown}
            />
            <span aria-hidden="true">%</span>
          </span>
        </div>
        <label className="popover-label" htmlFor={`volume-${card.id}`}>
          {t("funnel.volume")}
        </label>
        <input
          id={`volume-${card.id}`}
          className="volume-input"
          inputMode="numeric"
          data-testid="volume-input"
          value={volumeText}
          placeholder={t("funnel.volumePlaceholder")}
          onChange={(e) => {
            setVolumeText(e.target.value);
            setError(null);
          }}
          onKeyDown={onKeyDown}
        />
        {continuing !== null && (
          <div className="rate-hint" data-testid="rate-people">
            {t("funnel.goOn", { people: formatCount(continuing, lang), total: formatCount(v!, lang) })}
          </div>
        )}
        <WhatIfFigures saved={saved} tried={tried} stageIndex={stageIndex} stageName={stageName} />
        {error && (
          <div className="rate-error" role="alert" data-testid="rate-error">
            {error}
          </div>
        )}
        <div className="rate-actions">
          {card.conversion !== null && (
            <button type="button" className="btn btn-small btn-ghost" data-testid="rate-clear" onClick={() => preview("")}>
              <CloseIcon size={12} />
              {t("funnel.clearRate")}
            </button>
          )}
          <span className="toolbar-spacer" />
          <button type="button" className="btn btn-small" data-testid="rate-cancel" onClick={cancel}>
            {t("funnel.cancel")}
          </button>
          <button type="button" className="btn btn-small btn-primary" data-testid="rate-apply" onClick={commit}>
            {t("funnel.apply")}
          </button>
        </div>
      </div>
    </Popover>
  );
}

/** A touchpoint's conversion rate (and volume) on its card; a click opens the rate editor. */
export function ConversionChip({ card, t, lang, onOpen }: { card: Card; t: TFunction; lang: string; onOpen: OpenChip }) {
  const rated = card.conversion !== null;
  const label = rated ? t("funnel.rateLabel", { rate: formatPct(card.conversion!, lang) }) : t("funnel.addRate");
  return (
    <button
      type="button"
      className={`chip conversion-chip${rated || card.volume !== null ? "" : " chip-empty hover-reveal"}`}
      data-testid="conversion-chip"
      data-rate={card.conversion ?? ""}
      aria-label={label}
      title={label}
      onClick={(e) => onOpen("rate", card.id, e.currentTarget)}
    >
      {rated ? (
        <span className="chip-rate">{formatPct(card.conversion!, lang)}</span>
      ) : (
        <>
          <PlusIcon size={12} />
          <span>{t("funnel.rateShort")}</span>
        </>
      )}
      {card.volume !== null && <span className="chip-volume">{t("funnel.peopleShort", { n: formatCompact(card.volume, lang) })}</span>}
    </button>
  );
}
