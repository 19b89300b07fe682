import { edits } from "../edits";
import { useEffect, useRef, useState } from "react";
import { useCanvas } from "../canvas/canvasStore";
import { useTranslation } from "react-i18next";
import { newId } from "../api";
import type { Lane, Stage } from "../bindings";
import { curvePath, pointX, scoreToY, yToScore, type EmotionPoint } from "../canvas/emotion";
import { useStore } from "../store";
import { STAGE_W } from "./Grid";
import { FaceIcon, facePaths } from "./Icons";

/** One emotion curve: its persona (null: the map has none), that persona's name, its colour (theme.json personaPalette). */
export interface Curve {
  id: string | null;
  name: string | null;
  color: string;
}

export const BAND_H = 150;
const PAD = 18;

/**
 * The emotion curve of an emotions lane, drawn across the whole row: one point
 * per scored card, a labelled −2..2 scale, each point dragged vertically (it
 * snaps; the drop dispatches ONE SetCardMetrics; Escape cancels). Clicking the
 * band in a stage without a scored card adds one there.
 */
export function EmotionBand({ lane, points: all, stages, curves }: { lane: Lane; points: EmotionPoint[]; stages: Stage[]; curves: Curve[] }) {
  const { t } = useTranslation();
  const width = stages.length * STAGE_W;
  const [drag, setDrag] = useState<{ cardId: string; score: number } | null>(null);
  // Curves hidden on the canvas (a view setting kept while the app runs, not an edit of the map).
  const hiddenIds = useCanvas((s) => s.hiddenCurves);
  const toggleCurve = useCanvas((s) => s.toggleCurve);
  const hidden = new Set(curves.flatMap((c, k) => (hiddenIds.has(c.id ?? "") ? [k] : [])));
  const points = all.filter((p) => !hidden.has(p.curve));
  const svgRef = useRef<SVGSVGElement>(null);

  const scoreOf = (p: EmotionPoint) => (drag?.cardId === p.cardId ? drag.score : p.score);
  const xy = points.map((p) => ({ x: Math.round(pointX(p, STAGE_W)), y: Math.round(scoreToY(scoreOf(p), BAND_H, PAD)) }));

  const localY = (clientY: number) => {
    const r = svgRef.current!.getBoundingClientRect();
    const z = r.height / BAND_H || 1;
    return (clientY - r.top) / z;
  };
  const localX = (clientX: number) => {
    const r = svgRef.current!.getBoundingClientRect();
    const z = r.width / width || 1;
    return (clientX - r.left) / z;
  };

  useEffect(() => {
    if (!drag) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        setDrag(null);
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [drag]);

  const commit = (cardId: string, score: number) => {
    const s = useStore.getState();
    const card = s.doc?.project.maps.flatMap((m) => m.cards).find((c) => c.id === cardId);
    if (!card || card.emotion === score) return;
    void s.dispatch(edits.setEmotion(cardId, score));
  };

  const addAt = (clientX: number, clientY: number) => {
    const stageIndex = Math.floor(localX(clientX) / STAGE_W);
    const stage = stages[stageIndex];
    if (!stage || points.some((p) => p.stageIndex === stageIndex)) return;
    const score = yToScore(localY(clientY), BAND_H, PAD);
    const s = useStore.getState();
    const unscored = s.doc?.project.maps.flatMap((m) => m.cards).find((c) => c.stage_id === stage.id && c.lane_id === lane.id && c.emotion === null);
    if (unscored) {
      void s.dispatch(edits.setEmotion(unscored.id, score));
    } else {
      const card = {
        id: newId(),
        stage_id: stage.id,
        lane_id: lane.id,
        text: "",
        note: "",
        color: "",
        channel: "",
        emotion: score,
        conversion: null,
        volume: null,
      };
      void s.dispatch(edits.addCard(card, 0));
    }
  };

  const paths = curves.map((c, k) => {
    const pts = xy.filter((_, i) => points[i].curve === k);
    return { k, color: c.color, d: curvePath(pts), pts };
  });
  const d = curves.length <= 1 ? (paths[0]?.d ?? "") : "";
  const addHere = t("emotion.addHere");
  const addShort = t("emotion.addShort");
  return (
    <div className="emotion-band" data-emotion-band data-testid="emotion-band" style={{ width }}>
      <svg
        ref={svgRef}
        width={width}
        height={BAND_H}
        viewBox={`0 0 ${width} ${BAND_H}`}
        role="img"
        aria-label={t("emotion.curve")}
        onClick={(e) => {
          if ((e.target as Element).closest("[data-emotion-point]")) return;
          addAt(e.clientX, e.clientY);
        }}
      >
        {[2, 1, 0, -1, -2].map((v) => {
          const y = scoreToY(v, BAND_H, PAD);
          return <line key={v} x1={0} x2={width} y1={y} y2={y} className={v === 0 ? "emo-axis emo-zero" : "emo-axis"} />;
        })}
        {stages.map((s, i) => (
          <rect
            key={s.id}
            x={i * STAGE_W + 6}
            y={4}
            width={STAGE_W - 12}
            height={BAND_H - 8}
            rx={8}
            className={points.some((p) => p.stageIndex === i) ? "emo-slot" : "emo-slot emo-slot-empty"}
            data-testid="emotion-slot"
            data-stage-index={i}
          >
            <title>{addHere}</title>
          </rect>
        ))}
        {stages.map((s, i) =>
          points.some((p) => p.stageIndex === i) ? null : (
            <text
              key={`hint-${s.id}`}
              x={i * STAGE_W + STAGE_W / 2}
              y={BAND_H / 2}
              className="emo-hint"
              textAnchor="middle"
              dominantBaseline="central"
            >
              {addShort}
            </text>
          ),
        )}
        {d && <path d={`${d} L${xy[xy.length - 1].x},${BAND_H} L${xy[0].x},${BAND_H} Z`} className="emo-area" />}
        {paths.map(
          (c) => c.d && <path key={c.k} d={c.d} className="emo-curve" style={{ stroke: c.color }} data-testid="emotion-curve" data-curve={c.k} />,
        )}
        {points.map((p, i) => {
          const score = scoreOf(p);
          return (
            <g
              key={p.cardId}
              className={`emo-point emotion-${score}${drag?.cardId === p.cardId ? " is-dragging" : ""}`}
              data-emotion-point
              data-testid="emotion-point"
              data-card-id-point={p.cardId}
              data-score={score}
              transform={`translate(${xy[i].x},${xy[i].y})`}
              onPointerDown={(e) => {
                if (e.button !== 0) return;
                e.stopPropagation();
                (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
                setDrag({ cardId: p.cardId, score: p.score });
              }}
              onPointerMove={(e) => {
                if (drag?.cardId !== p.cardId) return;
                const s = yToScore(localY(e.clientY), BAND_H, PAD);
                if (s !== drag.score) setDrag({ cardId: p.cardId, score: s });
              }}
              onPointerUp={(e) => {
                if (drag?.cardId !== p.cardId) return;
                e.stopPropagation();
                const s = yToScore(localY(e.clientY), BAND_H, PAD);
                setDrag(null);
                commit(p.cardId, s);
              }}
              onPointerCancel={() => setDrag(null)}
            >
              <title>{`${p.text || t("emotion.untitled")} — ${t(`emotion.${score}`)}`}</title>
              <circle r={18} className="emo-halo" />
              <circle r={13} className="emo-dot" />
              <g className="emo-face" transform="translate(-10.8,-10.8) scale(0.9)">
                <path d="M9 10.5h.01M15 10.5h.01" strokeWidth={3} />
                <path d={facePaths(score).mouth} />
                {facePaths(score).brows && <path d={facePaths(score).brows} />}
              </g>
            </g>
          );
        })}
      </svg>
      {(curves.length > 1 || curves[0]?.id) && (
        <div className="emo-legend" data-testid="emotion-legend">
          {curves.map((c, k) => (
            <button
              key={c.id ?? ""}
              type="button"
              className="emo-legend-item"
              aria-pressed={!hidden.has(k)}
              data-curve={k}
              onClick={() => toggleCurve(c.id ?? "")}
            >
              <span className="emo-legend-swatch" style={{ background: c.color }} />
              {c.name ?? t("emotion.curve")}
            </button>
          ))}
        </div>
      )}
      <div className="emo-scale" aria-hidden="true">
        {[2, 1, 0, -1, -2].map((v) => (
          <span key={v} className={`emotion-${v}`} style={{ top: scoreToY(v, BAND_H, PAD) }} title={t(`emotion.${v}`)}>
            <FaceIcon score={v} size={12} />
            {v > 0 ? `+${v}` : v}
          </span>
        ))}
      </div>
    </div>
  );
}
