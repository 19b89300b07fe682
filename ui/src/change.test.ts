// The merge of changes, replayed on what the real Rust core answered: the
// trace is written by `tests/changes.rs` (edits of every kind, undo, redo,
// snapshot restore, in Vietnamese), and a stale trace fails that test.
import { describe, expect, it } from "vitest";
import type { DocumentChange, DocumentView, Edit } from "./bindings";
import { applyChange } from "./change";
import trace from "./test/fixtures/change-trace.json";

type Step = { call: "apply_edit" | "undo" | "redo"; edit?: Edit; change: DocumentChange; view: DocumentView };
const initial = trace.initial as unknown as DocumentView;
const steps = trace.steps as unknown as Step[];

function describeStep(step: Step, n: number) {
  return `step ${n}: ${step.call}${step.edit ? ` ${step.edit.type}` : ""}`;
}

describe("applyChange on the real core's answers", () => {
  it("covers edits of many kinds, undo and redo", () => {
    const kinds = new Set(steps.map((s) => s.edit?.type ?? s.call));
    for (const k of ["undo", "redo", "move_card", "move_stage", "restore_snapshot", "add_map", "delete_map", "batch", "update_persona"]) {
      expect(kinds).toContain(k);
    }
  });

  it("rebuilds, after every step, exactly the document the core would send whole", () => {
    let doc = initial;
    steps.forEach((step, n) => {
      const next = applyChange(doc, step.change);
      expect(next, describeStep(step, n)).toEqual(step.view);
      doc = next!;
    });
  });

  it("keeps unchanged objects as they were, so their components do not redraw", () => {
    let doc = initial;
    for (const step of steps) {
      const next = applyChange(doc, step.change)!;
      if (step.edit?.type === "update_card") {
        const id = step.edit.card_id;
        const before = doc.project.maps[0];
        const after = next.project.maps[0];
        expect(after.stages).toBe(before.stages);
        expect(after.lanes).toBe(before.lanes);
        for (const card of after.cards) {
          const old = before.cards.find((c) => c.id === card.id);
          if (card.id === id) expect(card).not.toBe(old);
          else expect(card).toBe(old);
        }
        expect(next.snapshots).toBe(doc.snapshots);
        expect(next.project.personas).toBe(doc.project.personas);
      }
      doc = next;
    }
  });

  it("keeps a persona's photo when a change leaves it out", () => {
    const step = steps.find((s) => s.edit?.type === "update_persona" && s.edit.photo === undefined)!;
    const sent = step.change.personas.updated[0];
    expect(sent.with_photo).toBe(false);
    expect(sent.photo).toBe("");
    expect(step.view.project.personas[0].photo).toMatch(/^data:image\/png;base64,/);
  });

  it("refuses a change that does not follow the view's revision", () => {
    const [first, second] = steps;
    expect(applyChange(initial, second.change)).toBeNull();
    const after = applyChange(initial, first.change)!;
    expect(applyChange(after, first.change)).toBeNull();
  });
});
