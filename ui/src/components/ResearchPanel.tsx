import { edits } from "../edits";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { newId } from "../api";
import type { Map, ResearchItem, ResearchKind } from "../bindings";
import { useCanvas } from "../canvas/canvasStore";
import { revealCards } from "../insights/reveal";
import { useStore } from "../store";
import { CloseIcon, PlusIcon, TrashIcon } from "./Icons";
import { ArrowDownIcon, ArrowUpIcon, LinkIcon } from "./InsightIcons";
import { InlineField } from "./InlineField";

export const RESEARCH_KINDS: ResearchKind[] = ["goal", "question", "resource"];

/**
 * Where to move item `i` of `list` one step up or down among the items of its
 * kind: the index for move_research_item (its place in the list without it),
 * or null when it is already first/last of its kind.
 */
export function neighbourIndex(list: ResearchItem[], i: number, dir: -1 | 1): number | null {
  const kind = list[i].kind;
  for (let j = i + dir; j >= 0 && j < list.length; j += dir) {
    if (list[j].kind === kind) return dir < 0 ? j : j;
  }
  return null;
}

function ResearchCard({ item, map, index, fresh }: { item: ResearchItem; map: Map; index: number; fresh: boolean }) {
  const { t } = useTranslation();
  const dispatch = useStore((s) => s.dispatch);
  const selected = useCanvas((s) => s.selected);
  const up = neighbourIndex(map.research, index, -1);
  const down = neighbourIndex(map.research, index, 1);
  const inMap = new Set(map.cards.map((c) => c.id));
  const toLink = selected.filter((id) => inMap.has(id) && !item.card_ids.includes(id));
  const cards = item.card_ids.map((id) => map.cards.find((c) => c.id === id)).filter((c) => c !== undefined);
  const update = (fields: Partial<Pick<ResearchItem, "title" | "detail" | "insight" | "kind">>) =>
    dispatch(edits.updateResearchItem(item.id, fields));

  return (
    <li className={`research-item kind-${item.kind}`} data-testid="research-item" data-item-id={item.id} data-kind={item.kind}>
      <div className="research-head">
        <select
          className="research-kind"
          data-testid="research-kind"
          aria-label={t("research.kind")}
          value={item.kind}
          onChange={(e) => void update({ kind: e.target.value as ResearchKind })}
        >
          {RESEARCH_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`research.kinds.${k}`)}
            </option>
          ))}
        </select>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="icon-btn"
          data-testid="research-up"
          disabled={up === null}
          aria-label={t("research.moveUp")}
          title={t("research.moveUp")}
          onClick={() => up !== null && void dispatch(edits.moveResearchItem(item.id, up))}
        >
          <ArrowUpIcon size={14} />
        </button>
        <button
          type="button"
          className="icon-btn"
          data-testid="research-down"
          disabled={down === null}
          aria-label={t("research.moveDown")}
          title={t("research.moveDown")}
          onClick={() => down !== null && void dispatch(edits.moveResearchItem(item.id, down))}
        >
          <ArrowDownIcon size={14} />
        </button>
        <button
          type="button"
          className="icon-btn danger"
          data-testid="research-delete"
          aria-label={t("research.delete")}
          title={t("research.delete")}
          onClick={() => void dispatch(edits.deleteResearchItem(item.id))}
        >
          <TrashIcon size={14} />
        </button>
      </div>
      <div className="research-title">
        <InlineField
          value={item.title}
          label={t(`research.titleOf.${item.kind}`)}
          placeholder={t(`research.titlePlaceholder.${item.kind}`)}
          testId="research-title"
          autoEdit={fresh}
          onSave={(title) => update({ title })}
        />
      </div>
      <div className="research-field-label">{t(`research.detailOf.${item.kind}`)}</div>
      <InlineField
        value={item.detail}
        label={t(`research.detailOf.${item.kind}`)}
        placeholder={t(`research.detailPlaceholder.${item.kind}`)}
        multiline
        testId="research-detail"
        onSave={(detail) => update({ detail })}
      />
      {(item.kind === "question" || item.insight) && (
        <>
          <div className="research-field-label">{t("research.insight")}</div>
          <InlineField
            value={item.insight}
            label={t("research.insight")}
            placeholder={t("research.insightPlaceholder")}
            multiline
            testId="research-insight"
            onSave={(insight) => update({ insight })}
          />
        </>
      )}
      <div className="research-links" data-testid="research-links">
        {cards.map((c) => (
          <span key={c.id} className="link-chip" data-testid="research-link" data-card-id-ref={c.id}>
            <button type="button" className="link-chip-main" title={t("research.showCard")} onClick={() => revealCards([c.id])}>
              {c.text || t("research.untitledCard")}
            </button>
            <button
              type="button"
              className="link-chip-remove"
              data-testid="research-unlink"
              aria-label={t("research.unlink", { card: c.text })}
              title={t("research.unlink", { card: c.text })}
              onClick={() =>
                void dispatch(
                  edits.linkCards(
                    item.id,
                    item.card_ids.filter((id) => id !== c.id),
                  ),
                )
              }
            >
              <CloseIcon size={11} />
            </button>
          </span>
        ))}
        <button
          type="button"
          className="btn btn-small link-selected"
          data-testid="research-link-selected"
          disabled={toLink.length === 0}
          title={toLink.length === 0 ? t("research.selectFirst") : undefined}
          onClick={() => void dispatch(edits.linkCards(item.id, [...item.card_ids, ...toLink]))}
        >
          <LinkIcon size={13} />
          {toLink.length === 0 ? t("research.linkNone") : t("research.linkSelected", { n: toLink.length })}
        </button>
      </div>
    </li>
  );
}

/** The research behind the map: goals, survey questions (answers, insight) and resources, linked to cards. */
export function ResearchPanel({ map }: { map: Map }) {
  const { t } = useTranslation();
  const dispatch = useStore((s) => s.dispatch);
  const [fresh, setFresh] = useState<string | null>(null);

  const add = async (kind: ResearchKind) => {
    const id = newId();
    // After the last item of that kind, so each group keeps its order.
    const lastOfKind = map.research.map((r) => r.kind).lastIndexOf(kind);
    const index = lastOfKind >= 0 ? lastOfKind + 1 : map.research.length;
    // Marked before it arrives, so its title opens for editing when it first shows.
    setFresh(id);
    await dispatch(edits.addResearchItem(map.id, { id, kind, title: "", detail: "", insight: "", card_ids: [] }, index));
  };

  return (
    <div className="research-panel" data-testid="research-panel">
      <p className="insights-intro">{t("research.intro")}</p>
      {RESEARCH_KINDS.map((kind) => {
        const items = map.research.map((item, index) => ({ item, index })).filter(({ item }) => item.kind === kind);
        return (
          <section key={kind} className="research-group" data-testid={`research-group-${kind}`}>
            <div className="research-group-head">
              <h3 className="panel-label">{t(`research.groups.${kind}`)}</h3>
              <button type="button" className="btn btn-small" data-testid={`research-add-${kind}`} onClick={() => void add(kind)}>
                <PlusIcon size={13} />
                {t(`research.add.${kind}`)}
              </button>
            </div>
            {items.length === 0 ? (
              <div className="research-none">{t(`research.none.${kind}`)}</div>
            ) : (
              <ul className="research-list">
                {items.map(({ item, index }) => (
                  <ResearchCard key={item.id} item={item} map={map} index={index} fresh={fresh === item.id} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
