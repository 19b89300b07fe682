// The core's funnel (src-tauri/analytics.rs) and version comparison
// (src-tauri/review.rs) in TypeScript, for the fake core only. Kept as close to
// the Rust as possible; fakeAnalytics.test.ts runs analytics.rs's own cases.
import type { Card, CardField, CardRef, Funnel, FunnelStep, Map, MapDiff, RateChange, StageFunnel } from "../bindings";

function validRate(r: number | null): number | null {
  return r !== null && Number.isFinite(r) && r >= 0 && r <= 100 ? r : null;
}

/** Touchpoint cards in journey order: by stage, then lane order, then order in the cell. */
function touchpoints(map: Map): [number, Card][] {
  const out: [number, Card][] = [];
  map.stages.forEach((stage, si) => {
    for (const lane of map.lanes.filter((l) => l.kind === "touchpoints")) {
      for (const c of map.cards) if (c.stage_id === stage.id && c.lane_id === lane.id) out.push([si, c]);
    }
  });
  return out;
}

export function funnel(map: Map): Funnel | null {
  const points = touchpoints(map);
  if (!points.some(([, c]) => validRate(c.conversion) !== null)) return null;
  let remaining = 100;
  let incomplete = false;
  let biggest: [number, number] | null = null;
  const steps: FunnelStep[] = [];
  for (const [stage_index, card] of points) {
    const rate = validRate(card.conversion);
    let cumulative: number | null = null;
    if (rate !== null) {
      remaining *= rate / 100;
      if (biggest === null || rate < biggest[1]) biggest = [steps.length, rate];
      cumulative = remaining;
    } else {
      incomplete = true;
    }
    steps.push({ card_id: card.id, stage_index, text: card.text, rate, volume: card.volume, cumulative });
  }
  const stages: StageFunnel[] = [];
  let running: number | null = null;
  for (let si = 0; si < map.stages.length; si += 1) {
    const mine = steps.filter((s) => s.stage_index === si);
    const rates = mine.map((s) => s.rate).filter((r): r is number => r !== null);
    const rate = rates.length ? rates.reduce((acc, r) => (acc * r) / 100, 100) : null;
    const last = mine.map((s) => s.cumulative).filter((c): c is number => c !== null).at(-1);
    if (last !== undefined) running = last;
    stages.push({ stage_index: si, rate, cumulative: rate === null ? null : running });
  }
  return { steps, stages, overall: remaining, biggest_drop: biggest![0], incomplete };
}

export function funnelWith(map: Map, changes: RateChange[]): Funnel | null {
  if (changes.length === 0) return funnel(map);
  const changed: Map = { ...map, cards: map.cards.map((c) => ({ ...c })) };
  for (const ch of changes) {
    const card = changed.cards.find((c) => c.id === ch.card_id);
    if (card) card.conversion = ch.rate;
  }
  return funnel(changed);
}

function cardRef(map: Map, c: Card): CardRef {
  return {
    id: c.id,
    text: c.text,
    stage: map.stages.find((s) => s.id === c.stage_id)?.name ?? "",
    lane: map.lanes.find((l) => l.id === c.lane_id)?.name ?? "",
    conversion: c.conversion,
  };
}

function changedFields(a: Card, b: Card): CardField[] {
  const out: CardField[] = [];
  for (const f of ["text", "note", "color", "channel", "emotion", "conversion", "volume"] as const) if (a[f] !== b[f]) out.push(f);
  if (a.stage_id !== b.stage_id || a.lane_id !== b.lane_id) out.push("place");
  return out;
}

function onlyIn<T extends { id: string; name: string }>(a: T[], b: T[]): string[] {
  return b.filter((x) => !a.some((y) => y.id === x.id)).map((x) => x.name);
}

export function compare(before: Map, after: Map): MapDiff {
  const inBefore = (id: string) => before.cards.find((c) => c.id === id);
  const inAfter = (id: string) => after.cards.find((c) => c.id === id);
  return {
    added: after.cards.filter((c) => !inBefore(c.id)).map((c) => cardRef(after, c)),
    removed: before.cards.filter((c) => !inAfter(c.id)).map((c) => cardRef(before, c)),
    changed: after.cards.flatMap((b) => {
      const a = inBefore(b.id);
      if (!a) return [];
      const fields = changedFields(a, b);
      return fields.length ? [{ before: cardRef(before, a), after: cardRef(after, b), fields }] : [];
    }),
    stages_added: onlyIn(before.stages, after.stages),
    stages_removed: onlyIn(after.stages, before.stages),
    lanes_added: onlyIn(before.lanes, after.lanes),
    lanes_removed: onlyIn(after.lanes, before.lanes),
    conversion_before: funnel(before)?.overall ?? null,
    conversion_after: funnel(after)?.overall ?? null,
  };
}
