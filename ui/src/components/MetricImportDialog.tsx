// Metric import: touchpoint rates and volumes from a CSV or spreadsheet export.
// The core reads the file, guesses the columns and plans each row (what it
// changes, or why it cannot be used); this dialog lets the user choose the
// columns, shows the plan, and dispatches the plan's one edit (after an
// optional snapshot), so the import is one undo step.
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, newId, toErrorInfo } from "../api";
import { chooseTablePath } from "../dialogs";
import type { ErrorInfo, Map, MetricMapping, MetricPlan, MetricSource, Metrics, RateScale, RowOutcome, RowProblem } from "../bindings";
import { edits } from "../edits";
import { formatCount, formatPct } from "../insights/format";
import { useStore } from "../store";
import { useErrorText } from "./ErrorBanner";
import { Modal } from "./Modal";

/** The file name of a path, for titles. */
function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** A column the mapping may leave out: "— none —" or one of the table's. */
function OptionalColumn({
  testId,
  label,
  value,
  columns,
  onChange,
}: {
  testId: string;
  label: string;
  value: number | null;
  columns: React.ReactNode;
  onChange(column: number | null): void;
}) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{label}</span>
      <select data-testid={testId} value={value ?? ""} onChange={(e) => onChange(e.target.value === "" ? null : Number(e.target.value))}>
        <option value="">{t("metricImport.none")}</option>
        {columns}
      </select>
    </label>
  );
}

type Loaded = { state: "loading" } | { state: "ready"; plan: MetricPlan } | { state: "error"; error: ErrorInfo };

export function MetricImportDialog({ map, path, source: first, onClose }: { map: Map; path: string; source: MetricSource; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dispatch = useStore((s) => s.dispatch);
  const errorText = useErrorText();
  const titleId = useId();
  const [source, setSource] = useState(first);
  const [mapping, setMapping] = useState<MetricMapping>(first.mapping);
  const [plan, setPlan] = useState<Loaded>({ state: "loading" });
  const [snapshotFirst, setSnapshotFirst] = useState(true);
  const [applying, setApplying] = useState(false);

  // Plan again whenever the mapping (or the map) changes; only the last answer counts.
  useEffect(() => {
    let current = true;
    setPlan({ state: "loading" });
    api.planMetricImport(map.id, path, mapping).then(
      (p) => current && setPlan({ state: "ready", plan: p }),
      (e) => current && setPlan({ state: "error", error: toErrorInfo(e) }),
    );
    return () => {
      current = false;
    };
  }, [map, path, mapping]);

  const chooseSheet = async (sheet: string) => {
    try {
      const next = await api.readMetricTable(path, sheet);
      setSource(next);
      setMapping(next.mapping);
    } catch (e) {
      setPlan({ state: "error", error: toErrorInfo(e) });
    }
  };

  const set = (patch: Partial<MetricMapping>) => setMapping((m) => ({ ...m, ...patch }));

  const apply = async () => {
    if (plan.state !== "ready" || !plan.plan.edit) return;
    setApplying(true);
    const name = t("metricImport.snapshotName", { file: fileName(path) });
    const snapshotted = !snapshotFirst || (await dispatch(edits.takeSnapshot(map.id, newId(), name, t("metricImport.snapshotNote"), Date.now())));
    const ok = snapshotted && (await dispatch(plan.plan.edit));
    setApplying(false);
    if (ok) onClose();
  };

  const pct = (v: number | null) => (v === null ? "—" : formatPct(v, lang));
  const count = (v: number | null) => (v === null ? "—" : formatCount(v, lang));
  const figures = (m: Metrics) => `${pct(m.conversion)} · ${count(m.volume)}`;
  const problemText = (p: RowProblem) => {
    switch (p.code) {
      case "ambiguous":
        return t("metricImport.problem.ambiguous", { stages: p.stages.join(", ") });
      case "not_a_rate":
      case "rate_out_of_range":
      case "not_a_volume":
        return t(`metricImport.problem.${p.code}`, { value: p.value });
      case "repeated":
        return t("metricImport.problem.repeated", { line: p.line });
      default:
        return t(`metricImport.problem.${p.code}`);
    }
  };
  const outcomeText = (o: RowOutcome) => {
    switch (o.kind) {
      case "change":
        return t("metricImport.change", { card: o.card_text, stage: o.stage, before: figures(o.before), after: figures(o.after) });
      case "unchanged":
        return t("metricImport.unchanged", { card: o.card_text, stage: o.stage });
      case "problem":
        return problemText(o.problem);
      case "blank":
        return t("metricImport.blank");
    }
  };

  const columns = source.headers.map((h, i) => (
    <option key={`${i}-${h}`} value={i}>
      {h}
    </option>
  ));
  const ready = plan.state === "ready" ? plan.plan : null;

  return (
    <Modal labelledBy={titleId} className="metric-import-dialog" testId="metric-import-dialog" onClose={onClose}>
      <header className="modal-header">
        <h2 id={titleId}>{t("metricImport.title")}</h2>
        <div className="modal-subtitle">{t("metricImport.subtitle", { file: fileName(path), map: map.name, rows: source.row_count })}</div>
      </header>
      <div className="metric-import-body">
        <div className="metric-import-options export-options">
          {source.sheets.length > 1 && (
            <label className="field">
              <span>{t("metricImport.sheet")}</span>
              <select data-testid="metric-sheet" value={source.sheet ?? ""} onChange={(e) => void chooseSheet(e.target.value)}>
                {source.sheets.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            <span>{t("metricImport.keyColumn")}</span>
            <select data-testid="metric-key" value={mapping.key_column} onChange={(e) => set({ key_column: Number(e.target.value) })}>
              {columns}
            </select>
          </label>
          <label className="field">
            <span>{t("metricImport.matchBy")}</span>
            <select data-testid="metric-by" value={mapping.by_id ? "id" : "name"} onChange={(e) => set({ by_id: e.target.value === "id" })}>
              <option value="name">{t("metricImport.byName")}</option>
              <option value="id">{t("metricImport.byId")}</option>
            </select>
          </label>
          <OptionalColumn
            testId="metric-stage"
            label={t("metricImport.stageColumn")}
            value={mapping.stage_column}
            columns={columns}
            onChange={(c) => set({ stage_column: c })}
          />
          <OptionalColumn
            testId="metric-rate"
            label={t("metricImport.rateColumn")}
            value={mapping.conversion_column}
            columns={columns}
            onChange={(c) => set({ conversion_column: c })}
          />
          <label className="field">
            <span>{t("metricImport.scale")}</span>
            <select
              data-testid="metric-scale"
              value={mapping.rate_scale}
              onChange={(e) => set({ rate_scale: e.target.value as RateScale })}
              disabled={mapping.conversion_column === null}
            >
              <option value="percent">{t("metricImport.percent")}</option>
              <option value="fraction">{t("metricImport.fraction")}</option>
            </select>
          </label>
          <OptionalColumn
            testId="metric-volume"
            label={t("metricImport.volumeColumn")}
            value={mapping.volume_column}
            columns={columns}
            onChange={(c) => set({ volume_column: c })}
          />
          <label className="check">
            <input type="checkbox" data-testid="metric-snapshot" checked={snapshotFirst} onChange={(e) => setSnapshotFirst(e.target.checked)} />
            {t("metricImport.snapshotFirst")}
          </label>
        </div>
        <section className="metric-import-plan" aria-label={t("metricImport.preview")} data-testid="metric-plan" data-state={plan.state}>
          {plan.state === "error" && (
            <p className="metric-import-error" role="alert" data-testid="metric-error" data-code={plan.error.code}>
              {errorText(plan.error)}
            </p>
          )}
          {ready && (
            <>
              <p className="metric-import-summary" data-testid="metric-summary">
                {t("metricImport.summary", {
                  changes: ready.changes,
                  unchanged: ready.unchanged,
                  problems: ready.problems,
                  untouched: ready.untouched,
                })}
              </p>
              <table className="metric-import-rows">
                <thead>
                  <tr>
                    <th scope="col">{t("metricImport.line")}</th>
                    <th scope="col">{source.headers[mapping.key_column] ?? ""}</th>
                    <th scope="col">{t("metricImport.result")}</th>
                  </tr>
                </thead>
                <tbody>
                  {ready.rows
                    .filter((r) => r.outcome.kind !== "blank")
                    .map((r) => (
                      <tr key={r.line} className={`is-${r.outcome.kind}`} data-testid="metric-row" data-kind={r.outcome.kind}>
                        <td>{r.line}</td>
                        <td>{r.key}</td>
                        <td>{outcomeText(r.outcome)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      </div>
      <div className="modal-actions metric-import-actions">
        <button type="button" className="btn" onClick={onClose} disabled={applying}>
          {t("metricImport.cancel")}
        </button>
        <button type="button" className="btn btn-primary" data-testid="metric-apply" onClick={() => void apply()} disabled={applying || !ready?.edit}>
          {t("metricImport.apply", { n: ready?.changes ?? 0 })}
        </button>
      </div>
    </Modal>
  );
}

/** The funnel panel's "Import figures…": asks for the file, then opens the dialog on it. */
export function ImportFiguresButton({ map }: { map: Map }) {
  const { t } = useTranslation();
  const showError = useStore((s) => s.showError);
  const [opened, setOpened] = useState<{ path: string; source: MetricSource } | null>(null);
  const pick = async () => {
    const path = await chooseTablePath();
    if (!path) return;
    try {
      setOpened({ path, source: await api.readMetricTable(path) });
    } catch (e) {
      showError(toErrorInfo(e), null);
    }
  };
  return (
    <>
      <button
        type="button"
        className="btn btn-small funnel-import"
        data-testid="funnel-import"
        title={t("metricImport.openHint")}
        onClick={() => void pick()}
      >
        {t("metricImport.open")}
      </button>
      {opened && <MetricImportDialog map={map} path={opened.path} source={opened.source} onClose={() => setOpened(null)} />}
    </>
  );
}
