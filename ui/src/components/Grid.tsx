import { blankCard, edits } from "../edits";
import { createContext, Fragment, memo, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { newId } from "../api";
import type { Card, Edit, Lane, LaneKind, Map, Stage } from "../bindings";
import { blueprintLines } from "../canvas/blueprint";
import { useCanvas } from "../canvas/canvasStore";
import { curveColors, emotionCurves, emotionPoints, type EmotionPoint } from "../canvas/emotion";
import { useCellWindow } from "../canvas/useCellWindow";
import { useGridPointer } from "../canvas/useGridPointer";
import { cellNo, estimateCellHeight, estimatedWindow, WINDOW_FROM_CARDS } from "../canvas/virtual";
import { useStore, type Editing } from "../store";
import { ChannelChip, ChannelMenu, EmotionChip, EmotionMenu, type ChipKind, type OpenChip } from "./CardChips";
import { ConversionChip, RateEditor } from "./ConversionChip";
import { StageRate } from "./StageRate";
import { useCardMarks } from "../insights/useCardMarks";
import { type Curve, EmotionBand } from "./EmotionBand";
import { CardImageButtons, CardPicture } from "./CardImage";
import { CardEditor, NameInput } from "./InlineEditors";
import { memoT } from "../i18n/memo";
import { GripIcon, LaneKindIcon, PencilIcon, PlusIcon, TrashIcon } from "./Icons";
import { Popover } from "./Popover";
import { useShallow } from "zustand/react/shallow";
import { useCollab } from "../collab";
import { initials } from "./ShareDialog";
import { CommentBadge, CommentButton, CommentCounts, openCounts, ThreadPopover, useCommentCount } from "./Comments";
import theme from "../theme.json";

/** Width of a stage column in px (theme.json; styles.css --stage-w). */
export const STAGE_W = theme.grid.stageW;

/** Stage colours used when a stage has none of its own. */
export const STAGE_PALETTE = theme.stagePalette;
/** Colours offered for stages and lanes. */
export const SWATCHES = theme.swatches;
export const LANE_KINDS: LaneKind[] = [
  "touchpoints",
  "actions",
  "thoughts",
  "emotions",
  "pain_points",
  "opportunities",
  "metrics",
  "text",
  "evidence",
  "frontstage",
  "backstage",
  "support",
  "images",
];

export function stageColor(stage: Stage, index: number): string {
  return stage.color || STAGE_PALETTE[index % STAGE_PALETTE.length];
}

/**
 * The store's actions, looked up when called. They never change, so the grid's
 * many headers and cells need not each subscribe to the store for them.
 */
const setEditing = (editing: Editing) => useStore.getState().setEditing(editing);
const dispatch = (edit: Edit) => useStore.getState().dispatch(edit);

function cellKey(stageId: string, laneId: string): string {
  return `${stageId}\u0000${laneId}`;
}

/** Labels every card and header shows, translated once per grid rather than once per card. */
interface CardLabels {
  /**
   * The translation function of the language these labels are in (remembering
   * its results: see memoT; cards and headers use it instead of subscribing to
   * i18next each), and that language.
   */
  t: TFunction;
  lang: string;
  /** Opens a card chip's menu (drawn once by the grid's ChipMenu). */
  openChip: OpenChip;
  edit: string;
  delete: string;
  /** The inline card editor's label and hint, and the "add card" button's text. */
  editor: string;
  hint: string;
  addCard: string;
  /** The "comment" button of cards and stage headers. */
  comment: string;
  /** Stage and lane headers. */
  dragStage: string;
  renameStage: string;
  stageMenu: string;
  dragLane: string;
  laneMenu: string;
}

const LabelsContext = createContext<CardLabels>({
  t: ((key: string) => key) as TFunction,
  lang: "en",
  openChip: () => {},
  edit: "",
  comment: "",
  delete: "",
  editor: "",
  hint: "",
  addCard: "",
  dragStage: "",
  renameStage: "",
  stageMenu: "",
  dragLane: "",
  laneMenu: "",
});
const useLabels = () => useContext(LabelsContext);

function Swatches({ value, onPick, testId }: { value: string; onPick(color: string): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="swatches" role="group" aria-label={t("grid.colour")} data-testid={testId}>
      <button
        type="button"
        className="swatch swatch-default"
        aria-pressed={value === ""}
        title={t("grid.defaultColour")}
        aria-label={t("grid.defaultColour")}
        onClick={() => onPick("")}
      />
      {SWATCHES.map((c) => (
        <button
          key={c}
          type="button"
          className="swatch"
          data-color={c}
          aria-pressed={value === c}
          aria-label={c}
          title={c}
          style={{ background: c }}
          onClick={() => onPick(c)}
        />
      ))}
    </div>
  );
}

const StageHeader = memo(function StageHeader({ stage, index, count, mapId }: { stage: Stage; index: number; count: number; mapId: string }) {
  const labels = useLabels();
  const t = labels.t;
  const renaming = useStore((s) => s.editing?.kind === "stage" && s.editing.stageId === stage.id);
  const comments = useCommentCount(stage.id);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const startRename = () => setEditing({ kind: "stage", stageId: stage.id });

  return (
    <div
      className="stage-header"
      data-testid="stage-header"
      data-stage-index={index}
      data-stage-id={stage.id}
      title={labels.dragStage}
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
            const ok = await dispatch(edits.renameStage(stage.id, name));
            if (ok) setEditing(null);
            return ok;
          }}
        />
      ) : (
        <>
          <span className="stage-name" data-testid="stage-name" title={stage.name} onDoubleClick={startRename}>
            {stage.name}
          </span>
          <StageRate index={index} mapId={mapId} t={t} lang={labels.lang} />
          <CommentBadge on="stage" targetId={stage.id} count={comments} />
          {/* Icons drawn by CSS (.mask-icon): no SVG elements in each of a large map's headers. */}
          <CommentButton on="stage" targetId={stage.id} label={labels.comment} />
          <button
            type="button"
            className="icon-btn hover-reveal mask-icon mask-pencil"
            data-testid="rename-stage"
            aria-label={labels.renameStage}
            title={labels.renameStage}
            onClick={startRename}
          />
          <button
            type="button"
            className="icon-btn hover-reveal mask-icon mask-more"
            data-testid="stage-menu"
            aria-label={labels.stageMenu}
            title={labels.stageMenu}
            aria-expanded={menu !== null}
            onClick={(e) => setMenu(menu ? null : e.currentTarget)}
          />
        </>
      )}
      {menu && (
        <Popover anchor={menu} onClose={() => setMenu(null)} label={t("grid.stageMenu")} testId="stage-popover">
          <div className="popover-title">{stage.name}</div>
          <div className="popover-label">{t("grid.colour")}</div>
          <Swatches value={stage.color} testId="stage-colours" onPick={(color) => void dispatch(edits.colourStage(stage.id, color))} />
          <div className="popover-sep" />
          <button
            type="button"
            className="menu-item danger"
            data-testid="delete-stage"
            disabled={count <= 1}
            onClick={() => {
              setMenu(null);
              void dispatch(edits.deleteStage(stage.id));
            }}
          >
            <TrashIcon size={14} />
            {t("grid.deleteStage")}
          </button>
        </Popover>
      )}
    </div>
  );
});

const LaneHeader = memo(function LaneHeader({ lane, index, count }: { lane: Lane; index: number; count: number }) {
  const labels = useLabels();
  const t = labels.t;
  const kindLabel = t(`laneKind.${lane.kind}`);
  const renaming = useStore((s) => s.editing?.kind === "lane" && s.editing.laneId === lane.id);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const startRename = () => setEditing({ kind: "lane", laneId: lane.id });
  return (
    <div
      className={`lane-header kind-${lane.kind}`}
      data-testid="lane-header"
      data-lane-index={index}
      data-lane-id={lane.id}
      data-kind={lane.kind}
      title={labels.dragLane}
      style={lane.color ? ({ "--lane-accent": lane.color } as CSSProperties) : undefined}
    >
      <span className="lane-grip" aria-hidden="true">
        <GripIcon size={14} />
      </span>
      <span className="lane-icon" title={kindLabel}>
        <LaneKindIcon kind={lane.kind} size={16} />
      </span>
      <div className="lane-titles">
        {renaming ? (
          <NameInput
            className="lane-name-input"
            testId="lane-name-input"
            label={t("grid.laneName")}
            initial={lane.name}
            onCancel={() => setEditing(null)}
            onCommit={async (name) => {
              const ok = await dispatch(edits.renameLane(lane.id, name));
              if (ok) setEditing(null);
              return ok;
            }}
          />
        ) : (
          <div className="lane-name" data-testid="lane-name" onDoubleClick={startRename}>
            {lane.name}
          </div>
        )}
        <div className="lane-kind" data-testid="lane-kind">
          {kindLabel}
        </div>
      </div>
      <button
        type="button"
        className="icon-btn hover-reveal lane-menu-btn mask-icon mask-more"
        data-testid="lane-menu"
        aria-label={labels.laneMenu}
        title={labels.laneMenu}
        aria-expanded={menu !== null}
        onClick={(e) => setMenu(menu ? null : e.currentTarget)}
      />
      {menu && (
        <Popover anchor={menu} onClose={() => setMenu(null)} label={t("grid.laneMenu")} testId="lane-popover">
          <button
            type="button"
            className="menu-item"
            data-testid="rename-lane"
            onClick={() => {
              setMenu(null);
              startRename();
            }}
          >
            <PencilIcon size={14} />
            {t("grid.renameLane")}
          </button>
          <div className="popover-label">{t("grid.laneKind")}</div>
          <div className="kind-list" role="radiogroup" aria-label={t("grid.laneKind")}>
            {LANE_KINDS.map((k) => (
              <button
                key={k}
                type="button"
                role="radio"
                aria-checked={lane.kind === k}
                className={`menu-item kind-${k}`}
                data-testid="lane-kind-option"
                data-kind={k}
                onClick={() => void dispatch(edits.setLaneKind(lane.id, k))}
              >
                <span className="kind-dot">
                  <LaneKindIcon kind={k} size={14} />
                </span>
                {t(`laneKind.${k}`)}
              </button>
            ))}
          </div>
          <div className="popover-label">{t("grid.colour")}</div>
          <Swatches value={lane.color} testId="lane-colours" onPick={(color) => void dispatch(edits.colourLane(lane.id, color))} />
          <div className="popover-sep" />
          <button
            type="button"
            className="menu-item danger"
            data-testid="delete-lane"
            disabled={count <= 1}
            onClick={() => {
              setMenu(null);
              void dispatch(edits.deleteLane(lane.id));
            }}
          >
            <TrashIcon size={14} />
            {t("grid.deleteLane")}
          </button>
        </Popover>
      )}
    </div>
  );
});

interface CardViewProps {
  card: Card;
  /** Comments of open threads on the card (its badge). */
  comments: number;
  kind: LaneKind;
  labels: CardLabels;
  onEdit(id: string): void;
  onDelete(id: string): void;
}

/**
 * A card. Kept light (it is rendered 2,000 times on large maps): icons of its
 * buttons drawn by CSS, its selected state set on the DOM by useSelectionMarks
 * instead of a per-card store subscription, and the controls shown on hover
 * and focus — edit and delete buttons, a touchpoint's empty channel and rate
 * chips — only added once the pointer or the focus first comes to it: a large
 * map's first frame has a few hundred elements fewer.
 */
/** The teammates on this card right now (a shared project): their initials at its corner. */
function TeammateOnCard({ cardId }: { cardId: string }) {
  const names = useCollab(useShallow((s) => s.people.filter((p) => p.card_id === cardId).map((p) => p.name)));
  if (!names.length) return null;
  return (
    <span className="card-teammates" data-testid="card-teammates" title={names.join(", ")}>
      {names.slice(0, 3).map((n, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: two teammates may share a name
        <span key={i} className="presence-badge">
          {initials(n)}
        </span>
      ))}
    </span>
  );
}

function CardViewImpl({ card, comments, kind, labels, onEdit, onDelete }: CardViewProps) {
  const [controls, setControls] = useState(false);
  const addControls = controls ? undefined : () => setControls(true);
  return (
    <div
      className="card"
      data-testid="card"
      data-card-id={card.id}
      tabIndex={0}
      aria-label={card.text || (card.image_id ? labels.t("cardImage.alt") : "")}
      data-accent={card.color ? "" : undefined}
      style={card.color ? ({ "--card-accent": card.color } as CSSProperties) : undefined}
      onPointerEnter={addControls}
      // Focus on the card or anything in it (React's onFocus bubbles: focusin).
      onFocus={addControls}
      onDoubleClick={() => onEdit(card.id)}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === "Enter") {
          e.preventDefault();
          onEdit(card.id);
        } else if (e.key === "Delete" && !e.currentTarget.classList.contains("is-selected")) {
          // A selected card is deleted with the rest of the selection (useShortcuts).
          e.preventDefault();
          onDelete(card.id);
        }
      }}
    >
      {kind === "touchpoints" && (
        <div className="chip-row">
          {(controls || card.channel !== "") && <ChannelChip card={card} t={labels.t} onOpen={labels.openChip} />}
          {(controls || card.conversion !== null || card.volume !== null) && (
            <ConversionChip card={card} t={labels.t} lang={labels.lang} onOpen={labels.openChip} />
          )}
        </div>
      )}
      {kind === "emotions" && <EmotionChip card={card} t={labels.t} onOpen={labels.openChip} />}
      {card.image_id && <CardPicture imageId={card.image_id} kind={kind} t={labels.t} />}
      {(card.text || !card.image_id) && (
        <div className={`card-text${card.text ? "" : " card-text-empty"}`} data-testid="card-text">
          {card.text}
        </div>
      )}
      {comments > 0 && (
        <div className="card-foot">
          <CommentBadge on="card" targetId={card.id} count={comments} />
        </div>
      )}
      <TeammateOnCard cardId={card.id} />
      {controls && (
        <div className="card-actions">
          <CardImageButtons cardId={card.id} hasImage={!!card.image_id} t={labels.t} />
          <CommentButton on="card" targetId={card.id} label={labels.comment} />
          <button
            type="button"
            className="icon-btn hover-reveal mask-icon mask-pencil"
            data-testid="edit-card"
            aria-label={labels.edit}
            title={labels.edit}
            onClick={() => onEdit(card.id)}
          />
          <button
            type="button"
            className="icon-btn hover-reveal danger mask-icon mask-trash"
            data-testid="delete-card"
            aria-label={labels.delete}
            title={labels.delete}
            onClick={() => onDelete(card.id)}
            onDoubleClick={(e) => e.stopPropagation()}
          />
        </div>
      )}
    </div>
  );
}

function sameCard(a: Card, b: Card): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.text === b.text &&
      a.color === b.color &&
      a.channel === b.channel &&
      a.emotion === b.emotion &&
      a.conversion === b.conversion &&
      a.volume === b.volume &&
      a.image_id === b.image_id)
  );
}

const CardView = memo(
  CardViewImpl,
  (a, b) =>
    a.kind === b.kind &&
    a.comments === b.comments &&
    a.labels === b.labels &&
    a.onEdit === b.onEdit &&
    a.onDelete === b.onDelete &&
    sameCard(a.card, b.card),
);

interface CellProps {
  stage: Stage;
  lane: Lane;
  stageIndex: number;
  laneIndex: number;
  cards: Card[];
  /** Only on the first cell of an emotions lane: the curve across the whole row. */
  band?: { points: EmotionPoint[]; stages: Stage[]; curves: Curve[] };
}

/**
 * Where keyboard focus goes when a placeholder cell that took it (Tab,
 * Shift+Tab) is drawn: its first or last card (or "add card" button).
 */
const FocusRequest = createContext<{ current: { key: string; to: "first" | "last" } | null }>({ current: null });

function LiveCell({ stage, lane, stageIndex, laneIndex, cards, band }: CellProps) {
  const labels = useLabels();
  const commentCounts = useContext(CommentCounts);
  const t = labels.t;
  const adding = useStore((s) => s.editing?.kind === "new-card" && s.editing.stageId === stage.id && s.editing.laneId === lane.id);
  const editingCardId = useStore((s) =>
    s.editing?.kind === "card" && cards.some((c) => c.id === (s.editing as { cardId: string }).cardId) ? s.editing.cardId : null,
  );
  const ref = useRef<HTMLDivElement>(null);
  /** Where keyboard focus goes once an inline editor of this cell closes. */
  const focusAfter = useRef<string | null>(null);
  const cardsRef = useRef(cards);
  cardsRef.current = cards;
  const hint = labels.hint;

  // Drawn after its placeholder took the focus: pass it on to a card.
  const focusRequest = useContext(FocusRequest);
  useLayoutEffect(() => {
    const req = focusRequest.current;
    if (!req || req.key !== cellKey(stage.id, lane.id) || !ref.current) return;
    focusRequest.current = null;
    const items = ref.current.querySelectorAll<HTMLElement>(':scope > [data-card-id], :scope > [data-testid="add-card"]');
    (req.to === "first" ? items[0] : items[items.length - 1])?.focus();
  }, [focusRequest, stage.id, lane.id]);

  useEffect(() => {
    const target = focusAfter.current;
    if (target === null || adding || (editingCardId && cards.some((c) => c.id === editingCardId))) return;
    focusAfter.current = null;
    const el =
      target === ""
        ? ref.current?.querySelector<HTMLElement>('[data-testid="add-card"]')
        : Array.from(ref.current?.querySelectorAll<HTMLElement>('[data-testid="card"]') ?? []).find((c) => c.dataset.cardId === target);
    // Only pull focus back if it was lost (not if the user clicked elsewhere).
    if (el && (document.activeElement === null || document.activeElement === document.body)) el.focus();
  });

  const close = (focus: string) => {
    focusAfter.current = focus;
    setEditing(null);
  };

  const onEdit = useCallback((id: string) => setEditing({ kind: "card", cardId: id }), [setEditing]);
  const onDelete = useCallback(
    (id: string) => {
      const list = cardsRef.current;
      const i = list.findIndex((c) => c.id === id);
      const next = list[i + 1] ?? list[i - 1];
      focusAfter.current = next ? next.id : "";
      void dispatch(edits.deleteCard(id));
    },
    [dispatch],
  );

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
      {band && <EmotionBand lane={lane} points={band.points} stages={band.stages} curves={band.curves} />}
      {cards.map((card) =>
        editingCardId === card.id ? (
          <CardEditor
            key={card.id}
            initial={card.text}
            label={labels.editor}
            hint={hint}
            onCancel={() => close(card.id)}
            onCommit={async (text) => {
              const ok = await dispatch(edits.setCardText(card.id, text));
              if (ok) close(card.id);
              return ok;
            }}
          />
        ) : (
          <CardView
            key={card.id}
            card={card}
            comments={commentCounts.get(card.id) ?? 0}
            kind={lane.kind}
            labels={labels}
            onEdit={onEdit}
            onDelete={onDelete}
          />
        ),
      )}
      {adding ? (
        <CardEditor
          initial=""
          label={labels.editor}
          hint={hint}
          onCancel={() => close("")}
          onCommit={async (text) => {
            const ok = await dispatch(edits.addCard(blankCard(newId(), stage.id, lane.id, text), cards.length));
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
          <span>{labels.addCard}</span>
        </button>
      )}
    </div>
  );
}

/**
 * A cell far from the viewport on a large map: empty, as tall as its content
 * would be (`height`), with the same data attributes as a drawn cell. It takes
 * the focus on Tab; scrolled into view, it is drawn and passes the focus on.
 */
function CellPlaceholder({ stage, lane, stageIndex, laneIndex, band, height }: CellProps & { height: number }) {
  // Focusable (Tab reaches the cells far from the viewport); the grid's focusin handler draws it then.
  return (
    <div
      className={`cell kind-${lane.kind} cell-virtual`}
      data-testid="cell"
      data-stage-index={stageIndex}
      data-lane-index={laneIndex}
      data-stage-id={stage.id}
      data-lane-id={lane.id}
      style={{ minHeight: height }}
      tabIndex={0}
      aria-label={`${stage.name} · ${lane.name}`}
    >
      {band && <EmotionBand lane={lane} points={band.points} stages={band.stages} curves={band.curves} />}
    </div>
  );
}

/** `live`: drawn with its cards, else a placeholder `height` px tall (large maps, far from the viewport). */
function CellSwitch(props: CellProps & { live: boolean; height: number }) {
  return props.live ? <LiveCell {...props} /> : <CellPlaceholder {...props} />;
}

const Cell = memo(CellSwitch, (a, b) => {
  if (a.live !== b.live || (!b.live && a.height !== b.height)) return false;
  if (a.stage !== b.stage && (a.stage.id !== b.stage.id || a.stage.name !== b.stage.name)) return false;
  if (a.lane !== b.lane && (a.lane.id !== b.lane.id || a.lane.name !== b.lane.name || a.lane.kind !== b.lane.kind)) return false;
  if (a.stageIndex !== b.stageIndex || a.laneIndex !== b.laneIndex || a.band !== b.band) return false;
  return a.cards.length === b.cards.length && a.cards.every((c, i) => sameCard(c, b.cards[i]));
});

function AddLane({ map }: { map: Map }) {
  const { t } = useTranslation();
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const add = async (kind: LaneKind) => {
    setMenu(null);
    const id = newId();
    const ok = await dispatch(edits.addLane(map.id, { id, name: t(`laneKind.${kind}`), kind, color: "" }, map.lanes.length));
    if (ok) setEditing({ kind: "lane", laneId: id });
  };
  return (
    <div className="add-lane-cell">
      <button
        type="button"
        className="add-lane"
        data-testid="add-lane"
        onClick={(e) => setMenu(menu ? null : e.currentTarget)}
        aria-expanded={menu !== null}
      >
        <PlusIcon size={16} />
        {t("grid.addLane")}
      </button>
      {menu && (
        <Popover anchor={menu} onClose={() => setMenu(null)} label={t("grid.addLane")} testId="add-lane-popover">
          <div className="popover-label">{t("grid.chooseKind")}</div>
          {LANE_KINDS.map((k) => (
            <button key={k} type="button" className={`menu-item kind-${k}`} data-testid="add-lane-kind" data-kind={k} onClick={() => void add(k)}>
              <span className="kind-dot">
                <LaneKindIcon kind={k} size={14} />
              </span>
              {t(`laneKind.${k}`)}
            </button>
          ))}
        </Popover>
      )}
    </div>
  );
}

/**
 * The map: a header row (stages) and one row per lane (its header, then a
 * cell per stage), each row a flex box with the columns' fixed widths
 * (--lane-w, --stage-w, --add-w). Not one CSS grid of every cell: when a
 * lane's tallest cell changes height, WebKit lays out and repaints every item
 * of a grid again (without a GPU, the whole window: about 15 ms on a
 * 2,000-card map), while a row repaints only what moved in it.
 */
export const Grid = memo(function Grid({ map }: { map: Map }) {
  const { t, i18n } = useTranslation();
  const gridRef = useRef<HTMLDivElement>(null);
  const dragging = useGridPointer(gridRef, map);
  const lang = i18n.language;
  const chipMenu = useRef<OpenChip | null>(null);
  const openChip = useCallback<OpenChip>((kind, cardId, anchor) => chipMenu.current?.(kind, cardId, anchor), []);
  const labels = useMemo<CardLabels>(
    () => ({
      t: memoT(t),
      lang,
      openChip,
      edit: t("grid.editCard"),
      delete: t("grid.deleteCard"),
      editor: t("grid.cardEditor"),
      hint: t("grid.cardEditorHint"),
      addCard: t("grid.addCard"),
      comment: t("comments.add"),
      dragStage: t("grid.dragStage"),
      renameStage: t("grid.renameStage"),
      stageMenu: t("grid.stageMenu"),
      dragLane: t("grid.dragLane"),
      laneMenu: t("grid.laneMenu"),
    }),
    [t, lang, openChip],
  );
  useSelectionMarks(gridRef);
  useCardMarks(gridRef, map);
  const commentCounts = useMemo(() => openCounts(map.comments), [map.comments]);
  // Cards drawn during a drag (scrolled into view) are marked as dragged too.
  useLayoutEffect(() => {
    const ids = dragging.current;
    if (!ids) return;
    gridRef.current?.querySelectorAll<HTMLElement>("[data-card-id]").forEach((n) => {
      if (ids.has(n.dataset.cardId!)) n.classList.add("is-dragging");
    });
  });

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

  // Large maps: only the cells near the viewport are drawn with their cards;
  // the others are placeholders as tall as the cell was when last drawn (else
  // an estimate from its cards), so rows, scrolling and the minimap stay put.
  const heights = useRef(new globalThis.Map<string, { height: number; cards: Card[] }>());
  const cellsRef = useRef(cells);
  cellsRef.current = cells;
  const rememberHeights = useCallback((els: HTMLElement[]) => {
    for (const el of els) {
      const last = el.lastElementChild as HTMLElement | null;
      if (!last) continue;
      const st = getComputedStyle(el);
      const height = el.clientTop + last.offsetTop + last.offsetHeight + parseFloat(st.paddingBottom) + parseFloat(st.borderBottomWidth);
      const key = cellKey(el.dataset.stageId!, el.dataset.laneId!);
      heights.current.set(key, { height, cards: cellsRef.current.get(key) ?? EMPTY });
    }
  }, []);
  const initialWindow = () => {
    const rows = map.lanes.map((lane) =>
      Math.max(...map.stages.map((stage) => estimateCellHeight(cells.get(cellKey(stage.id, lane.id)) ?? EMPTY, lane.kind)), 0),
    );
    return estimatedWindow(map.stages.length, rows, { width: window.innerWidth, height: window.innerHeight }, useCanvas.getState().zoom);
  };
  const cardsIn = (si: number, li: number): number => {
    const stage = map.stages[si];
    const lane = map.lanes[li];
    return stage && lane ? (cells.get(cellKey(stage.id, lane.id))?.length ?? 0) : 0;
  };
  const win = useCellWindow(gridRef, map.cards.length > WINDOW_FROM_CARDS, initialWindow, rememberHeights, cardsIn);
  // The cell with an inline editor open is always drawn (scrolling away keeps the text being typed).
  const editingKey = useStore((s) => {
    const e = s.editing;
    if (e?.kind === "new-card") return cellKey(e.stageId, e.laneId);
    if (e?.kind !== "card") return null;
    const c = map.cards.find((x) => x.id === e.cardId);
    return c ? cellKey(c.stage_id, c.lane_id) : null;
  });
  const focusRequest = useRef<{ key: string; to: "first" | "last" } | null>(null);
  // The cell holding the keyboard focus stays drawn too (scrolling away does not drop the focus).
  const [focusKey, setFocusKey] = useState<string | null>(null);
  useEffect(() => {
    const grid = gridRef.current;
    if (!grid) return;
    const onIn = (e: FocusEvent) => {
      const c = (e.target as HTMLElement).closest<HTMLElement>('[data-testid="cell"]');
      // A placeholder that took the focus (Tab, Shift+Tab) is drawn (it holds
      // the focus) and then passes it on to its first or last card.
      if (c && c === e.target && c.classList.contains("cell-virtual")) {
        const from = e.relatedTarget;
        const backwards = from instanceof Node && (from.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_PRECEDING) !== 0;
        focusRequest.current = { key: cellKey(c.dataset.stageId!, c.dataset.laneId!), to: backwards ? "last" : "first" };
      }
      setFocusKey(c ? cellKey(c.dataset.stageId!, c.dataset.laneId!) : null);
    };
    const onOut = (e: FocusEvent) => {
      if (!(e.relatedTarget instanceof Node && grid.contains(e.relatedTarget))) setFocusKey(null);
    };
    grid.addEventListener("focusin", onIn);
    grid.addEventListener("focusout", onOut);
    return () => {
      grid.removeEventListener("focusin", onIn);
      grid.removeEventListener("focusout", onOut);
    };
  }, []);
  const placeholderHeight = (lane: Lane, key: string): number => {
    const cards = cells.get(key) ?? EMPTY;
    const known = heights.current.get(key);
    if (known && known.cards.length === cards.length && known.cards.every((c, i) => sameCard(c, cards[i]))) return known.height;
    return estimateCellHeight(cards, lane.kind);
  };

  const personas = useStore((s) => s.doc?.project.personas);
  const bands = useMemo(() => {
    const out = new globalThis.Map<string, { points: EmotionPoint[]; stages: Stage[]; curves: Curve[] }>();
    const keys = emotionCurves(map);
    const colors = curveColors(keys, personas ?? [], theme.personaPalette.length);
    const curves = keys.map((id, i) => ({
      id,
      name: personas?.find((p) => p.id === id)?.name ?? null,
      color: theme.personaPalette[colors[i]],
    }));
    for (const lane of map.lanes)
      if (lane.kind === "emotions") out.set(lane.id, { points: emotionPoints(map, lane, keys), stages: map.stages, curves });
    return out;
  }, [map, personas]);

  const lines = useMemo(() => blueprintLines(map.lanes.map((l) => l.kind)), [map.lanes]);

  const addStage = async () => {
    const id = newId();
    const ok = await dispatch(edits.addStage(map.id, { id, name: t("grid.newStageName"), color: "" }, map.stages.length));
    if (ok) setEditing({ kind: "stage", stageId: id });
  };

  return (
    <LabelsContext.Provider value={labels}>
      <CommentCounts.Provider value={commentCounts}>
        <FocusRequest.Provider value={focusRequest}>
          <div ref={gridRef} className="grid" data-testid="grid" data-window={win ? win.gen : undefined} aria-label={t("grid.label")}>
            <div className="grid-head">
              <div className="grid-corner" data-testid="grid-corner">
                {t("grid.corner")}
              </div>
              {map.stages.map((stage, i) => (
                <StageHeader key={stage.id} stage={stage} index={i} count={map.stages.length} mapId={map.id} />
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
            </div>
            {map.lanes.map((lane, li) => (
              <Fragment key={lane.id}>
                {lines[li] && (
                  <div className="blueprint-line" data-testid="blueprint-line" data-line={lines[li]} aria-hidden="true">
                    <span>{t(`blueprint.${lines[li]}`)}</span>
                  </div>
                )}
                <div className="lane-row">
                  <LaneHeader lane={lane} index={li} count={map.lanes.length} />
                  {map.stages.map((stage, si) => {
                    const key = cellKey(stage.id, lane.id);
                    const live = win === null || win.cells.has(cellNo(si, li)) || key === editingKey || key === focusKey;
                    return (
                      <Cell
                        key={stage.id}
                        stage={stage}
                        lane={lane}
                        stageIndex={si}
                        laneIndex={li}
                        cards={cells.get(key) ?? EMPTY}
                        band={si === 0 && (win === null || win.lanes.has(li)) ? bands.get(lane.id) : undefined}
                        live={live}
                        height={live ? 0 : placeholderHeight(lane, key)}
                      />
                    );
                  })}
                  <div className="grid-filler" aria-hidden="true" />
                </div>
              </Fragment>
            ))}
            <div className="lane-row add-lane-row">
              <AddLane map={map} />
              <div className="grid-filler grid-filler-row" aria-hidden="true" />
            </div>
            <div className="drop-cell" data-drop-cell hidden aria-hidden="true" />
            <div className="drop-indicator" data-drop-indicator data-testid="drop-indicator" hidden aria-hidden="true" />
            <ChipMenu cards={map.cards} register={chipMenu} />
            <ThreadPopover map={map} />
          </div>
        </FocusRequest.Provider>
      </CommentCounts.Provider>
    </LabelsContext.Provider>
  );
});

/**
 * The menu of one card chip (channel, rate, emotion) at a time, for the whole
 * grid. A click on the chip whose menu is open closes it; the menu closes too
 * when its card is deleted or its chip is no longer drawn.
 */
function ChipMenu({ cards, register }: { cards: Card[]; register: React.RefObject<OpenChip | null> }) {
  const [open, setOpen] = useState<{ kind: ChipKind; cardId: string; anchor: HTMLElement } | null>(null);
  useLayoutEffect(() => {
    register.current = (kind, cardId, anchor) =>
      setOpen((o) => (o && o.kind === kind && o.cardId === cardId && o.anchor === anchor ? null : { kind, cardId, anchor }));
    return () => {
      register.current = null;
    };
  }, [register]);
  const close = useCallback(() => setOpen(null), []);
  // Its chip's cell was scrolled far away (no longer drawn): nothing to anchor to.
  useLayoutEffect(() => {
    if (open && !open.anchor.isConnected) setOpen(null);
  });
  const card = open ? cards.find((c) => c.id === open.cardId) : undefined;
  if (!open || !card) return null;
  if (open.kind === "channel") return <ChannelMenu key={card.id} card={card} anchor={open.anchor} onClose={close} />;
  if (open.kind === "emotion") return <EmotionMenu key={card.id} card={card} anchor={open.anchor} onClose={close} />;
  return <RateEditor key={card.id} card={card} anchor={open.anchor} onDone={close} />;
}

/**
 * With more cards selected than this, selected cards draw their shadow as
 * unblurred rings that look the same (styles.css --shadow-card-hover-rings):
 * without compositing, WebKit blurs a blurred shadow anew each time it paints
 * it, in every frame of a scroll.
 */
export const MANY_SELECTED = 8;

/**
 * Shows the selection on the cards' DOM nodes (class is-selected,
 * aria-selected): one store subscription for the whole grid instead of one per
 * card, and re-applied after every render (cards may have been drawn or
 * re-created). Goes over the drawn cards, touching only those whose mark
 * changes: a large selection (Ctrl+A) costs no more per render than a small one.
 */
function useSelectionMarks(gridRef: React.RefObject<HTMLDivElement | null>) {
  const apply = useCallback(
    (next: ReadonlySet<string>) => {
      const grid = gridRef.current;
      if (!grid) return;
      grid.classList.toggle("many-selected", next.size > MANY_SELECTED);
      for (const el of grid.querySelectorAll<HTMLElement>("[data-card-id]")) {
        const on = next.has(el.dataset.cardId!);
        if (el.classList.contains("is-selected") === on) continue;
        el.classList.toggle("is-selected", on);
        el.setAttribute("aria-selected", String(on));
        if (on) el.dataset.selected = "true";
        else delete el.dataset.selected;
      }
    },
    [gridRef],
  );
  useEffect(() => useCanvas.subscribe((s, p) => s.selectedSet !== p.selectedSet && apply(s.selectedSet)), [apply]);
  useLayoutEffect(() => apply(useCanvas.getState().selectedSet));
}

const EMPTY: Card[] = [];
