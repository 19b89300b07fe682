// What an edit of a card draws again: only what shows it. The toolbar, the map
// panel and the help do not show cards; drawing them again on every move or
// keystroke cost a 2,000-card map's drop about 2 ms in WebKitGTK.
import { act, waitFor } from "@testing-library/react";
import { options, type VNode } from "preact";
import { beforeEach, expect, it, vi } from "vitest";
import { useCanvas } from "../canvas/canvasStore";
import { useStore } from "../store";
import { cardTexts, cell, freshCore, openApp } from "../test/harness";
import { makeCard, makePersona, makeProject } from "../test/projects";
import type { TestCore } from "../test/testCore";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

let core: TestCore;
beforeEach(async () => {
  core = await freshCore();
  useCanvas.setState(useCanvas.getInitialState(), true);
});

/** The names of the components rendered while `run` goes on. */
async function rendered(run: () => Promise<void>): Promise<string[]> {
  const names: string[] = [];
  const o = options as { diffed?: (v: VNode) => void };
  const before = o.diffed;
  o.diffed = (v) => {
    if (typeof v.type === "function") names.push(v.type.name);
    before?.(v);
  };
  try {
    await run();
  } finally {
    o.diffed = before;
  }
  return names;
}

it("moving a card draws its cells again, not the toolbar, the map panel or the help", async () => {
  const p = makeProject("en");
  p.personas = [makePersona("p1", "Lan")];
  p.maps[0].persona_id = "p1";
  p.maps[0].cards = [makeCard("c1", "m1-s0", "m1-l0", "Sees an ad"), makeCard("c2", "m1-s0", "m1-l0", "Clicks the link")];
  await openApp(core, p);
  expect(document.querySelector('[data-testid="map-panel"]')).not.toBeNull();
  const move = (id: string, stage: string) => async () => {
    await act(async () => {
      await useStore.getState().dispatch({ type: "move_card", card_id: id, stage_id: stage, lane_id: "m1-l0", index: 0 });
    });
  };
  // The first edit enables Undo: the toolbar shows that.
  expect(await rendered(move("c1", "m1-s1"))).toContain("Toolbar");
  const names = await rendered(move("c2", "m1-s2"));
  await waitFor(() => expect(cardTexts(cell(2, 0))).toEqual(["Clicks the link"]));
  expect(names).toContain("CardViewImpl");
  for (const quiet of ["Toolbar", "MapPanel", "PersonaCard", "HelpPanel"]) expect(names, quiet).not.toContain(quiet);
});
