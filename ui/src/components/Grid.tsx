import { Fragment, useEffect, useMemo, useRef } from "react";
import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { newId } from "../api";
import type { Card, Lane, Map, Stage } from "../bindings";
import { useStore } from "../store";
import { CardEditor, NameInput } from "./InlineEditors";
import { LaneKindIcon, PencilIcon, PlusIcon, TrashIcon } from "./Icons";

/** Stage colours used when a stage has none of its own. */
export const STAGE_PALETTE = ["#6366f1", "#0ea5e9", "#14b8a6", "#f59e0b", "#ec4899", "#8b5cf6", "#22c55e", "#f97316"];

export function stageColor(stage: Stage, index: number): string {
  return stage.color || STAGE_PALETTE[index % STAGE_PALETTE.length];
}

function cellKey(stageId: string, laneId: string): string {
  return `${stageId}\u0000${laneId}`;
}

function StageHeader({ stage, index }: { stage: Stage; index: number }) {
  const { t } = useTranslation();
  const renaming = useStore((s) => s.editing?.kind === "stage" && s.editing.stageId === stage.id);
  const setEditing = useStore((s) => s.setEditing);
  const dispatch = useStore((s) => s.dispatch);
  const startRename = () => setEditing({ kind: "stage", stageId: stage.id });

  return (
    <div
      className="stage-header"
      data-testid="stage-header"
      data-stage-index={index}
      data-stage-id={stage.id}
      style={{ "--stage-color": stageColor(stage, index) } as CSSProperties}
    >
      <span className="stage-number" aria-hidden="true">
        {index + 1}
      </span>
      {renaming ? (
        <NameInput
          className="stage-name-input"
          testId="stage-name-input"
          label={t("grid.stageName")}
          initial={stage.name}
          onCancel={() => setEditing(null)}
          onCommit={async (name) => {
            const ok = await dispatch({ type: "update_stage", stage_id: stage.id, name });
            if (ok) setEditing(null);
            return ok;
          }}
        />
      ) : (
        <>
          <span className="stage-name" data-testid="stage-name" title={stage.name} onDoubleClick={startRename}>
            {stage.name}
          </span>
          <button
            type="button"
            className="icon-btn hover-reveal"
            data-testid="rename-stage"
            aria-label={t("grid.renameStage")}
            title={t("grid.renameStage")}
            onClick={startRename}
          >
            <PencilIcon size={14} />
          </button>
        </>
      )}
    </div>
  );
}

function LaneHeader({ lane, index }: { lane: Lane; index: number }) {
  const { t } = useTranslation();
  const kindLabel = t(`laneKind.${lane.kind}`);
  return (
    <div
      className={`lane-header kind-${lane.kind}`}
      data-testid="lane-header"
      data-lane-index={index}
      data-lane-id={lane.id}
      data-kind={lane.kind}
      style={lane.color ? ({ "--lane-accent": lane.color } as CSSProperties) : undefined}
    >
      <span className="lane-icon" title={kindLabel}>
        <LaneKindIcon kind={lane.kind} size={16} />
      </span>
      <div className="lane-titles">
        <div className="lane-name" data-testid="lane-name">
          {lane.name}
        </div>
        <div className="lane-kind" data-testid="lane-kind">
          {kindLabel}
        </div>
      </div>
    </div>
  );
}

function CardView({ card, onEdit, onDelete }: { card: Card; onEdit(): void; onDelete(): void }) {
  const { t } = useTranslation();
  return (
    <div
      className="card"
      data-testid="card"
      data-card-id={card.id}
      tabIndex={0}
      aria-label={card.text}
      style={card.color ? ({ "--card-accent": card.color } as CSSProperties) : undefined}
      onDoubleClick={onEdit}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === "Enter") {
          e.preventDefault();
          onEdit();
        } else if (e.key === "Delete") {
          e.preventDefault();
          onDelete();
        }
      }}
    >
      <div className="card-text" data-testid="card-text">
        {card.text}
      </div>
      <div className="card-actions">
        <button
          type="button"
          className="icon-btn hover-reveal"
          data-testid="edit-card"
          aria-label={t("grid.editCard")}
          title={t("grid.editCard")}
          onClick={onEdit}
        >
          <PencilIcon size={13} />
        </button>
        <button
          type="button"
          className="icon-btn hover-reveal danger"
          data-testid="delete-card"
          aria-label={t("grid.deleteCard")}
          title={t("grid.deleteCard")}
          onClick={onDelete}
          onDoubleClick={(e) => e.stopPropagation()}
        >
          <TrashIcon size={13} />
        </button>
      </div>
    </div>
  );
}

interface CellProps {
  stage: Stage;
  lane: Lane;
  stageIndex: number;
  laneIndex: number;
  cards: Card[];
}

function Cell({ stage, lane, stageIndex, laneIndex, cards }: CellProps) {
  const { t } = useTranslation();
  const editing = useStore((s) => s.editing);
  const setEditing = useStore((s) => s.setEditing);
  const dispatch = useStore((s) => s.dispatch);
  const ref = useRef<HTMLDivElement>(null);
  /** Where keyboard focus goes once an inline editor of this cell closes. */
  const focusAfter = useRef<string | null>(null);

  const adding = editing?.kind === "new-card" && editing.stageId === stage.id && editing.laneId === lane.id;
  const editingCardId = editing?.kind === "card" ? editing.cardId : null;
  const hint = t("grid.cardEditorHint");

  useEffect(() => {
    const target = focusAfter.current;
    if (target === null || adding || (editingCardId && cards.some((c) => c.id === editingCardId))) return;
    focusAfter.current = null;
    const el =
      target === ""
        ? ref.current?.querySelector<HTMLElement>('[data-testid="add-card"]')
        : Array.from(ref.current?.querySelectorAll<HTMLElement>('[data-testid="card"]') ?? []).find(
            (c) => c.dataset.cardId === target,
          );
    // Only pull focus back if it was lost (not if the user clicked elsewhere).
    if (el && (document.activeElement === null || document.activeElement === document.body)) el.focus();
  });

  const close = (focus: string) => {
    focusAfter.current = focus;
    setEditing(null);
  };

  const deleteCard = (card: Card, i: number) => {
    const next = cards[i + 1] ?? cards[i - 1];
    focusAfter.current = next ? next.id : "";
    void dispatch({ type: "delete_card", card_id: card.id });
  };

  return (
    <div
      ref={ref}
      className={`cell kind-${lane.kind}`}
      data-testid="cell"
      data-stage-index={stageIndex}
      data-lane-index={laneIndex}
      data-stage-id={stage.id}
      data-lane-id={lane.id}
    >
      {cards.map((card, i) =>
        editingCardId === card.id ? (
          <CardEditor
            key={card.id}
            initial={card.text}
            label={t("grid.cardEditor")}
            hint={hint}
            onCancel={() => close(card.id)}
            onCommit={async (text) => {
              const ok = await dispatch({ type: "update_card", card_id: card.id, text });
              if (ok) close(card.id);
              return ok;
            }}
          />
        ) : (
          <CardView
            key={card.id}
            card={card}
            onEdit={() => setEditing({ kind: "card", cardId: card.id })}
            onDelete={() => deleteCard(card, i)}
          />
        ),
      )}
      {adding ? (
        <CardEditor
          initial=""
          label={t("grid.cardEditor")}
          hint={hint}
          onCancel={() => close("")}
          onCommit={async (text) => {
            const id = newId();
            const ok = await dispatch({
              type: "add_card",
              card: { id, stage_id: stage.id, lane_id: lane.id, text, note: "", color: "", channel: "", emotion: null, conversion: null, volume: null },
              index: cards.length,
            });
            if (ok) close("");
            return ok;
          }}
        />
      ) : (
        <button
          type="button"
          className="add-card"
          data-testid="add-card"
          aria-label={t("grid.addCardIn", { stage: stage.name, lane: lane.name })}
          onClick={() => setEditing({ kind: "new-card", stageId: stage.id, laneId: lane.id })}
        >
          <PlusIcon size={14} />
          <span>{t("grid.addCard")}</span>
        </button>
      )}
    </div>
  );
}

export function Grid({ map }: { map: Map }) {
  const { t } = useTranslation();
  const dispatch = useStore((s) => s.dispatch);
  const setEditing = useStore((s) => s.setEditing);

  const cells = useMemo(() => {
    const byCell = new globalThis.Map<string, Card[]>();
    for (const card of map.cards) {
      const key = cellKey(card.stage_id, card.lane_id);
      const list = byCell.get(key);
      if (list) list.push(card);
      else byCell.set(key, [card]);
    }
    return byCell;
  }, [map.cards]);

  const addStage = async () => {
    const id = newId();
    const ok = await dispatch({
      type: "add_stage",
      map_id: map.id,
      stage: { id, name: t("grid.newStageName"), color: "" },
      index: map.stages.length,
    });
    if (ok) setEditing({ kind: "stage", stageId: id });
  };

  return (
    <div
      className="grid"
      data-testid="grid"
      aria-label={t("grid.label")}
      style={{ gridTemplateColumns: `var(--lane-w) repeat(${map.stages.length}, var(--stage-w)) var(--add-w)` }}
    >
      <div className="grid-corner">{t("grid.corner")}</div>
      {map.stages.map((stage, i) => (
        <StageHeader key={stage.id} stage={stage} index={i} />
      ))}
      <div className="add-stage-cell">
        <button
          type="button"
          className="add-stage"
          data-testid="add-stage"
          aria-label={t("grid.addStage")}
          title={t("grid.addStage")}
          onClick={() => void addStage()}
        >
          <PlusIcon size={18} />
        </button>
      </div>
      {map.lanes.map((lane, li) => (
        <Fragment key={lane.id}>
          <LaneHeader lane={lane} index={li} />
          {map.stages.map((stage, si) => (
            <Cell
              key={stage.id}
              stage={stage}
              lane={lane}
              stageIndex={si}
              laneIndex={li}
              cards={cells.get(cellKey(stage.id, lane.id)) ?? []}
            />
          ))}
          <div className="grid-filler" aria-hidden="true" />
        </Fragment>
      ))}
    </div>
  );
}
