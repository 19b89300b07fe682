import { edits } from "../edits";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, newId, toErrorInfo } from "../api";
import type { CardRef, DocumentView, Map, MapDiff, SnapshotInfo } from "../bindings";
import { formatDateTime, formatDelta, formatPct } from "../insights/format";
import { useInsights } from "../insights/insightsStore";
import { revealCards } from "../insights/reveal";
import { useStore } from "../store";
import { TrashIcon } from "./Icons";
import { CameraIcon } from "./InsightIcons";
import { InlineField } from "./InlineField";

/** A version to compare: a snapshot id, or null for the map as it is now. */
type Version = string | null;

function CardLine({ card, onShow }: { card: CardRef; onShow?: () => void }) {
  const { t } = useTranslation();
  const text = card.text || t("research.untitledCard");
  return (
    <span className="diff-card">
      {onShow ? (
        <button type="button" className="diff-card-text link-like" onClick={onShow} title={t("research.showCard")}>
          {text}
        </button>
      ) : (
        <span className="diff-card-text">{text}</span>
      )}
      <span className="diff-card-place">
        {card.stage} · {card.lane}
      </span>
    </span>
  );
}

/** What changed between two versions: cards added, removed and changed, stages and lanes, and the conversion. */
export function DiffView({ diff, current }: { diff: MapDiff; current: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const show = (id: string) => (current ? () => revealCards([id]) : undefined);
  const delta = diff.conversion_before !== null && diff.conversion_after !== null ? diff.conversion_after - diff.conversion_before : null;
  const structure: [string, string[]][] = [
    ["stagesAdded", diff.stages_added],
    ["stagesRemoved", diff.stages_removed],
    ["lanesAdded", diff.lanes_added],
    ["lanesRemoved", diff.lanes_removed],
  ];
  const nothing = diff.added.length + diff.removed.length + diff.changed.length + structure.reduce((n, [, l]) => n + l.length, 0) === 0;
  return (
    <div className="diff-view" data-testid="diff-view">
      <div className="diff-conversion" data-testid="diff-conversion">
        <span className="panel-label">{t("funnel.overall")}</span>
        <span>
          {diff.conversion_before === null ? "—" : formatPct(diff.conversion_before, lang)} →{" "}
          {diff.conversion_after === null ? "—" : formatPct(diff.conversion_after, lang)}
        </span>
        {delta !== null && (
          <strong className={`delta ${delta > 0.05 ? "is-up" : delta < -0.05 ? "is-down" : ""}`} data-testid="diff-delta">
            {t("funnel.points", { value: formatDelta(delta, lang) })}
          </strong>
        )}
      </div>
      <div className="diff-summary" data-testid="diff-summary">
        <span className="diff-pill is-added">{t("history.addedCount", { n: diff.added.length })}</span>
        <span className="diff-pill is-removed">{t("history.removedCount", { n: diff.removed.length })}</span>
        <span className="diff-pill is-changed">{t("history.changedCount", { n: diff.changed.length })}</span>
      </div>
      {nothing && (
        <p className="muted" data-testid="diff-none">
          {t("history.noChanges")}
        </p>
      )}
      {structure.map(([key, names]) =>
        names.length ? (
          <div key={key} className="diff-structure" data-testid={`diff-${key}`}>
            <span className="research-field-label">{t(`history.${key}`)}</span> {names.join(", ")}
          </div>
        ) : null,
      )}
      {diff.added.length > 0 && (
        <section className="diff-group is-added" data-testid="diff-added">
          <h4>{t("history.added")}</h4>
          <ul>
            {diff.added.map((c) => (
              <li key={c.id}>
                <CardLine card={c} onShow={show(c.id)} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.removed.length > 0 && (
        <section className="diff-group is-removed" data-testid="diff-removed">
          <h4>{t("history.removed")}</h4>
          <ul>
            {diff.removed.map((c) => (
              <li key={c.id}>
                <CardLine card={c} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.changed.length > 0 && (
        <section className="diff-group is-changed" data-testid="diff-changed">
          <h4>{t("history.changed")}</h4>
          <ul>
            {diff.changed.map((c) => (
              <li key={c.after.id}>
                <CardLine card={c.after} onShow={show(c.after.id)} />
                {c.fields.includes("text") && c.before.text !== c.after.text && (
                  <span className="diff-was">{t("history.was", { text: c.before.text || t("research.untitledCard") })}</span>
                )}
                {c.fields.includes("place") && (
                  <span className="diff-was">{t("history.movedFrom", { place: `${c.before.stage} · ${c.before.lane}` })}</span>
                )}
                {c.fields.includes("conversion") && (
                  <span className="diff-was">
                    {t("history.rateChange", {
                      before: c.before.conversion === null ? "—" : formatPct(c.before.conversion, lang),
                      after: c.after.conversion === null ? "—" : formatPct(c.after.conversion, lang),
                    })}
                  </span>
                )}
                <span className="diff-fields">
                  {c.fields.map((f) => (
                    <span key={f} className="diff-field" data-field={f}>
                      {t(`history.fields.${f}`)}
                    </span>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function SnapshotRow({ snap, onCompare }: { snap: SnapshotInfo; onCompare(): void }) {
  const { t, i18n } = useTranslation();
  const dispatch = useStore((s) => s.dispatch);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="snapshot" data-testid="snapshot" data-snapshot-id={snap.id}>
      <div className="snapshot-name">
        <InlineField
          value={snap.name}
          label={t("history.name")}
          placeholder={t("history.namePlaceholder")}
          testId="snapshot-name"
          onSave={(name) => dispatch(edits.renameSnapshot(snap.id, name))}
        />
      </div>
      <div className="snapshot-meta" data-testid="snapshot-meta">
        <span>{formatDateTime(snap.taken_at, i18n.language)}</span>
        <span>{t("history.cards", { n: snap.cards })}</span>
        <span>
          {snap.overall_conversion === null
            ? t("history.noFunnel")
            : t("history.conversion", { rate: formatPct(snap.overall_conversion, i18n.language) })}
        </span>
      </div>
      <InlineField
        value={snap.note}
        label={t("history.note")}
        placeholder={t("history.notePlaceholder")}
        multiline
        testId="snapshot-note"
        onSave={(note) => dispatch(edits.setSnapshotNote(snap.id, note))}
      />
      {confirming ? (
        <div className="snapshot-confirm" role="alertdialog" aria-label={t("history.restoreTitle")} data-testid="restore-confirm">
          <p>{t("history.restoreConfirm", { name: snap.name })}</p>
          <div className="snapshot-actions">
            <button type="button" className="btn btn-small" data-testid="restore-cancel" onClick={() => setConfirming(false)}>
              {t("funnel.cancel")}
            </button>
            <button
              type="button"
              className="btn btn-small btn-primary"
              data-testid="restore-yes"
              onClick={() => {
                setConfirming(false);
                void dispatch(edits.restoreSnapshot(snap.id));
              }}
            >
              {t("history.restoreYes")}
            </button>
          </div>
        </div>
      ) : (
        <div className="snapshot-actions">
          <button type="button" className="btn btn-small" data-testid="snapshot-compare" onClick={onCompare}>
            {t("history.compareNow")}
          </button>
          <button type="button" className="btn btn-small" data-testid="snapshot-restore" onClick={() => setConfirming(true)}>
            {t("history.restore")}
          </button>
          <span className="toolbar-spacer" />
          <button
            type="button"
            className="icon-btn danger"
            data-testid="snapshot-delete"
            aria-label={t("history.delete")}
            title={t("history.delete")}
            onClick={() => void dispatch(edits.deleteSnapshot(snap.id))}
          >
            <TrashIcon size={14} />
          </button>
        </div>
      )}
    </li>
  );
}

/** Review history of the map: snapshots to take, name, compare, restore and delete. */
export function HistoryPanel({ map, doc }: { map: Map; doc: DocumentView }) {
  const { t, i18n } = useTranslation();
  const dispatch = useStore((s) => s.dispatch);
  const snapshots = doc.snapshots.filter((s) => s.map_id === map.id);
  const [name, setName] = useState("");
  const [note, setNote] = useState("");
  const [versions, setVersions] = useState<{ before: Version; after: Version } | null>(null);
  const [diff, setDiff] = useState<MapDiff | null>(null);
  const highlight = useInsights((s) => s.diffMarks !== null);
  const setDiffMarks = useInsights((s) => s.setDiffMarks);
  const nameOf = (v: Version) => (v === null ? t("history.current") : (snapshots.find((s) => s.id === v)?.name ?? ""));

  // Recompared whenever the document changes (an edit may change the current map).
  const known = (v: Version) => v === null || snapshots.some((s) => s.id === v);
  const valid = versions !== null && known(versions.before) && known(versions.after);
  useEffect(() => {
    if (!versions || !valid) {
      setDiff(null);
      return;
    }
    let gone = false;
    api
      .compareVersions(map.id, versions.before, versions.after)
      .then((d) => !gone && setDiff(d))
      .catch((e) => !gone && useStore.getState().showError(toErrorInfo(e)));
    return () => {
      gone = true;
    };
  }, [map.id, versions?.before, versions?.after, valid, doc]);

  // The highlight follows the comparison (only meaningful against the current map).
  const current = versions?.after === null;
  useEffect(() => {
    if (!highlight) return;
    if (!diff || !current || !versions) setDiffMarks(null);
    else setDiffMarks({ label: nameOf(versions.before), added: diff.added.map((c) => c.id), changed: diff.changed.map((c) => c.after.id) });
  }, [diff, current, highlight]);
  useEffect(() => () => setDiffMarks(null), [setDiffMarks]);

  const take = async () => {
    const fallback = t("history.defaultName", { n: snapshots.length + 1 });
    const ok = await dispatch(edits.takeSnapshot(map.id, newId(), name.trim() || fallback, note.trim(), Date.now()));
    if (ok) {
      setName("");
      setNote("");
    }
  };

  const option = (s: SnapshotInfo) => `${s.name} — ${formatDateTime(s.taken_at, i18n.language)}`;

  return (
    <div className="history-panel" data-testid="history-panel">
      <form
        className="snapshot-form"
        onSubmit={(e) => {
          e.preventDefault();
          void take();
        }}
      >
        <div className="panel-label">{t("history.take")}</div>
        <input
          data-testid="snapshot-name-new"
          value={name}
          maxLength={200}
          placeholder={t("history.defaultName", { n: snapshots.length + 1 })}
          aria-label={t("history.name")}
          onChange={(e) => setName(e.target.value)}
        />
        <textarea
          data-testid="snapshot-note-new"
          value={note}
          rows={2}
          placeholder={t("history.notePlaceholder")}
          aria-label={t("history.note")}
          onChange={(e) => setNote(e.target.value)}
        />
        <button type="submit" className="btn btn-primary btn-small" data-testid="snapshot-take">
          <CameraIcon size={14} />
          {t("history.takeButton")}
        </button>
      </form>

      <div className="panel-label">{t("history.list", { n: snapshots.length })}</div>
      {snapshots.length === 0 ? (
        <p className="muted" data-testid="snapshots-empty">
          {t("history.empty")}
        </p>
      ) : (
        <ul className="snapshot-list">
          {[...snapshots].reverse().map((s) => (
            <SnapshotRow key={s.id} snap={s} onCompare={() => setVersions({ before: s.id, after: null })} />
          ))}
        </ul>
      )}

      {snapshots.length > 0 && (
        <section className="compare" data-testid="compare">
          <div className="panel-label">{t("history.compare")}</div>
          <div className="compare-pick">
            <label>
              <span>{t("history.before")}</span>
              <select
                data-testid="compare-before"
                value={versions?.before ?? ""}
                onChange={(e) => setVersions({ before: e.target.value || null, after: versions?.after ?? null })}
              >
                {versions === null && <option value="">{t("history.pick")}</option>}
                {snapshots.map((s) => (
                  <option key={s.id} value={s.id}>
                    {option(s)}
                  </option>
                ))}
                {versions !== null && <option value="">{t("history.current")}</option>}
              </select>
            </label>
            <label>
              <span>{t("history.after")}</span>
              <select
                data-testid="compare-after"
                value={versions?.after ?? ""}
                onChange={(e) => setVersions({ before: versions?.before ?? snapshots[snapshots.length - 1].id, after: e.target.value || null })}
              >
                <option value="">{t("history.current")}</option>
                {snapshots.map((s) => (
                  <option key={s.id} value={s.id}>
                    {option(s)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {versions && diff && (
            <>
              <div className="compare-title" data-testid="compare-title">
                {t("history.comparing", { before: nameOf(versions.before), after: nameOf(versions.after) })}
              </div>
              {current && (
                <label className="compare-highlight">
                  <input
                    type="checkbox"
                    data-testid="compare-highlight"
                    checked={highlight}
                    onChange={(e) =>
                      setDiffMarks(
                        e.target.checked
                          ? { label: nameOf(versions.before), added: diff.added.map((c) => c.id), changed: diff.changed.map((c) => c.after.id) }
                          : null,
                      )
                    }
                  />
                  {t("history.highlight")}
                  <span className="legend-swatch is-added" aria-hidden="true" />
                  {t("history.legendAdded")}
                  <span className="legend-swatch is-changed" aria-hidden="true" />
                  {t("history.legendChanged")}
                </label>
              )}
              <DiffView diff={diff} current={current} />
              <button type="button" className="btn btn-small btn-ghost" data-testid="compare-close" onClick={() => setVersions(null)}>
                {t("history.closeCompare")}
              </button>
            </>
          )}
        </section>
      )}
    </div>
  );
}
