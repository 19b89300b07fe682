// The emotion curves: one point per scored card of an emotions lane, left to
// right (stage order, then order in the cell), on a −2..2 scale; one curve per
// persona (a card's own, else the map's), as the exports draw them.
import type { Card, Lane, Map } from "../bindings";

export const EMOTION_MIN = -2;
export const EMOTION_MAX = 2;

export interface EmotionPoint {
  cardId: string;
  stageIndex: number;
  /** Position of the card among the scored cards of its cell, and how many there are. */
  slot: number;
  slots: number;
  score: number;
  text: string;
  /** Index of its curve in {@link emotionCurves}. */
  curve: number;
}

/** Whose curve a card is on: its persona, else the map's (null: neither has one). */
export function curvePersona(map: Map, card: Card): string | null {
  return card.persona_id ?? map.persona_id ?? null;
}

/**
 * The map's curves, one per persona with a scored card in an emotions lane: the
 * map's own persona's first, then the others by their first card (the core's
 * Map::curve_personas; ui/src/test/fixtures/emotion-curves.json, written by the core, holds both to the same answers).
 */
export function emotionCurves(map: Map): (string | null)[] {
  const emotions = new Set(map.lanes.filter((l) => l.kind === "emotions").map((l) => l.id));
  const out: (string | null)[] = [];
  for (const c of map.cards) {
    if (c.emotion === null || !emotions.has(c.lane_id)) continue;
    const k = curvePersona(map, c);
    if (!out.includes(k)) out.push(k);
  }
  const own = map.persona_id ?? null;
  return [...out.filter((k) => k === own), ...out.filter((k) => k !== own)];
}

/**
 * The colour of each of `curves` (an index into theme.json's personaPalette, `colors` long): its persona's place
 * in the project's list, so a persona keeps its colour whatever the order of the cards (the shared curve takes the
 * first); when two curves of the map would share one, the later persona in the project's list takes the next free
 * colour. The core's Map::curves, held to the same answers by ui/src/test/fixtures/emotion-curves.json.
 */
export function curveColors(curves: (string | null)[], personas: readonly { id: string }[], colors: number): number[] {
  const place = new globalThis.Map(personas.map((p, i) => [p.id, i]));
  const rank = (k: string | null) => (k === null ? 0 : 1 + (place.get(k) ?? personas.length));
  const out: number[] = new Array(curves.length).fill(0);
  const taken = new Set<number>();
  const order = curves.map((_, i) => i).sort((a, b) => rank(curves[a]) - rank(curves[b]) || a - b);
  for (const i of order) {
    const wanted = personaColor(curves[i], personas, colors, place);
    let color = wanted;
    for (let step = 0; step < colors; step++) {
      const c = (wanted + step) % colors;
      if (!taken.has(c)) {
        color = c;
        break;
      }
    }
    out[i] = color;
    taken.add(color);
  }
  return out;
}

/** A persona's own colour (an index into personaPalette): its place in the project's list; the first for none. */
export function personaColor(
  id: string | null,
  personas: readonly { id: string }[],
  colors: number,
  place: ReadonlyMap<string, number> = new globalThis.Map(personas.map((p, i) => [p.id, i])),
): number {
  const i = id === null ? undefined : place.get(id);
  return i === undefined ? 0 : i % colors;
}

export function emotionPoints(map: Map, lane: Lane, curves: (string | null)[] = emotionCurves(map)): EmotionPoint[] {
  // One pass over the cards (maps may hold thousands), then stage order.
  const byStage = new globalThis.Map<string, Card[]>();
  for (const c of map.cards) {
    if (c.lane_id !== lane.id || c.emotion === null) continue;
    const list = byStage.get(c.stage_id);
    if (list) list.push(c);
    else byStage.set(c.stage_id, [c]);
  }
  const points: EmotionPoint[] = [];
  map.stages.forEach((stage, stageIndex) => {
    const scored = byStage.get(stage.id) ?? [];
    scored.forEach((c, slot) =>
      points.push({
        cardId: c.id,
        stageIndex,
        slot,
        slots: scored.length,
        score: c.emotion as number,
        text: c.text,
        curve: Math.max(0, curves.indexOf(curvePersona(map, c))),
      }),
    );
  });
  return points;
}

export function clampScore(v: number): number {
  return Math.max(EMOTION_MIN, Math.min(EMOTION_MAX, Math.round(v))) || 0;
}

/** y (0 at the top of the band) of a score, with `pad` above +2 and below −2. */
export function scoreToY(score: number, height: number, pad: number): number {
  const t = (EMOTION_MAX - score) / (EMOTION_MAX - EMOTION_MIN);
  return pad + t * (height - 2 * pad);
}

/** The snapped score for a y in the band. */
export function yToScore(y: number, height: number, pad: number): number {
  const t = (y - pad) / Math.max(1, height - 2 * pad);
  return clampScore(EMOTION_MAX - t * (EMOTION_MAX - EMOTION_MIN));
}

/** x of a point: its share of the stage column. */
export function pointX(p: { stageIndex: number; slot: number; slots: number }, stageWidth: number, gap = 0): number {
  return p.stageIndex * (stageWidth + gap) + ((p.slot + 1) / (p.slots + 1)) * stageWidth;
}

/** A smooth SVG path through the points (Catmull-Rom as cubic Béziers). */
export function curvePath(pts: { x: number; y: number }[]): string {
  if (pts.length === 0) return "";
  if (pts.length === 1) return `M${pts[0].x},${pts[0].y}`;
  let d = `M${pts[0].x},${pts[0].y}`;
  for (let i = 0; i < pts.length - 1; i += 1) {
    const p0 = pts[i - 1] ?? pts[i];
    const p1 = pts[i];
    const p2 = pts[i + 1];
    const p3 = pts[i + 2] ?? p2;
    const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 };
    const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 };
    d += ` C${r(c1.x)},${r(c1.y)} ${r(c2.x)},${r(c2.y)} ${p2.x},${p2.y}`;
  }
  return d;
}

const r = (v: number) => Math.round(v * 10) / 10;
