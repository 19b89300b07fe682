// A service blueprint's lines (interaction, visibility, internal interaction),
// each drawn along the top of the first lane of its kind. Where each goes is
// theme.json's blueprintLines, read by the exports too; the shared table
// tests/fixtures/blueprint-lines.json holds both to the same answers.
import type { LaneKind } from "../bindings";
import theme from "../theme.json";

export type BlueprintLine = keyof typeof theme.blueprintLines;

const PLACES = Object.entries(theme.blueprintLines) as [BlueprintLine, LaneKind][];

/** For each lane, top to bottom, the line along its top edge (none above the first lane). */
export function blueprintLines(kinds: LaneKind[]): (BlueprintLine | null)[] {
  return kinds.map((kind, i) => {
    const line = PLACES.find(([, k]) => k === kind)?.[0] ?? null;
    return i > 0 && !kinds.slice(0, i).includes(kind) ? line : null;
  });
}
