// Pure selection and clipboard logic for cards: click/shift/ctrl selection,
// box selection, and the ONE edit for delete / duplicate / paste.
import type { Card, Edit, Map } from "../bindings";
import { edits as make, inOne } from "../edits";
import { contains, displayOrder, type Rect } from "./dnd";

/** New selection after clicking `id`; `additive` = shift or ctrl/⌘ held (toggles). */
export function clickSelect(selection: string[], id: string, additive: boolean): string[] {
  if (!additive) return [id];
  return selection.includes(id) ? selection.filter((s) => s !== id) : [...selection, id];
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

/** The rectangle spanned by two points. */
export function boxFrom(x0: number, y0: number, x1: number, y1: number): Rect {
  return { left: Math.min(x0, x1), top: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
}

/** Cards whose rect touches `box`, added to `base` when additive. */
export function boxSelect(cards: { id: string; rect: Rect }[], box: Rect, base: string[], additive: boolean): string[] {
  const hit = cards.filter((c) => intersects(c.rect, box)).map((c) => c.id);
  if (!additive) return hit;
  const out = [...base];
  for (const id of hit) if (!out.includes(id)) out.push(id);
  return out;
}

export { contains };

/** Keeps only ids that still exist in the map. */
export function pruneSelection(map: Map, selection: string[]): string[] {
  if (selection.length === 0) return selection;
  const ids = new Set(map.cards.map((c) => c.id));
  const kept = selection.filter((id) => ids.has(id));
  return kept.length === selection.length ? selection : kept;
}

function one(edits: Edit[]): Edit | null {
  return edits.length === 0 ? null : inOne(edits);
}

export function deleteEdit(map: Map, ids: string[]): Edit | null {
  return one(displayOrder(map, ids).map((c) => make.deleteCard(c.id)));
}

function positionInCell(map: Map, card: Card): number {
  let i = 0;
  for (const c of map.cards) {
    if (c.id === card.id) return i;
    if (c.stage_id === card.stage_id && c.lane_id === card.lane_id) i += 1;
  }
  return i;
}

/**
 * Copies of the cards, each right after its original; one edit. Returns the
 * edit and the new ids (in display order) so the copies can be selected.
 */
export function duplicateEdit(map: Map, ids: string[], newId: () => string): { edit: Edit | null; ids: string[] } {
  const cards = displayOrder(map, ids);
  const copies = cards.map((c) => ({ ...c, id: newId() }));
  // Last first, so earlier positions in the same cell do not shift.
  const edits: Edit[] = [];
  for (let k = cards.length - 1; k >= 0; k -= 1) {
    edits.push(make.addCard(copies[k], positionInCell(map, cards[k]) + 1));
  }
  return { edit: one(edits), ids: copies.map((c) => c.id) };
}

// ---------- Clipboard ----------

export const CLIPBOARD_FORMAT = "journey-studio/cards@1";
/** The most cards one paste adds. */
export const PASTE_LIMIT = 1000;

export type ClipCard = Pick<Card, "text" | "note" | "color" | "channel" | "emotion" | "conversion" | "volume">;

export function serializeCards(map: Map, ids: string[]): string {
  const cards: ClipCard[] = displayOrder(map, ids).map(({ text, note, color, channel, emotion, conversion, volume }) => ({
    text,
    note,
    color,
    channel,
    emotion,
    conversion,
    volume,
  }));
  return JSON.stringify({ format: CLIPBOARD_FORMAT, cards });
}

const str = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : "");
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * Cards from clipboard text: our own format (fields checked, unknown ones
 * dropped), or plain text where each non-empty line becomes a card.
 */
export function parseClipboard(text: string): ClipCard[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  if (trimmed.startsWith("{")) {
    try {
      const data = JSON.parse(trimmed) as { format?: unknown; cards?: unknown };
      if (data && data.format === CLIPBOARD_FORMAT && Array.isArray(data.cards)) {
        return data.cards.slice(0, PASTE_LIMIT).flatMap((raw): ClipCard[] => {
          if (!raw || typeof raw !== "object") return [];
          const c = raw as Record<string, unknown>;
          const emotion = num(c.emotion);
          const conversion = num(c.conversion);
          const volume = num(c.volume);
          const color = typeof c.color === "string" && /^#[0-9a-fA-F]{6}$/.test(c.color) ? c.color : "";
          return [
            {
              text: str(c.text, 20000),
              note: str(c.note, 20000),
              color,
              channel: str(c.channel, 64),
              emotion: emotion !== null && Number.isInteger(emotion) && emotion >= -2 && emotion <= 2 ? emotion : null,
              conversion: conversion !== null && conversion >= 0 && conversion <= 100 ? conversion : null,
              volume: volume !== null && Number.isInteger(volume) && volume >= 0 ? volume : null,
            },
          ];
        });
      }
    } catch {
      // Not ours: treat as plain text below.
    }
  }
  return trimmed
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .slice(0, PASTE_LIMIT)
    .map((line) => ({ text: line.slice(0, 20000), note: "", color: "", channel: "", emotion: null, conversion: null, volume: null }));
}

/** One edit adding the clipboard cards at `index` in a cell, in order; plus their new ids. */
export function pasteEdit(
  cards: ClipCard[],
  stageId: string,
  laneId: string,
  index: number,
  newId: () => string,
): { edit: Edit | null; ids: string[] } {
  const ids: string[] = [];
  const edits = cards.map((c, k): Edit => {
    const id = newId();
    ids.push(id);
    return make.addCard({ ...c, id, stage_id: stageId, lane_id: laneId }, index + k);
  });
  return { edit: one(edits), ids };
}
