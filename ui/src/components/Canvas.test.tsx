import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Edit } from "../bindings";
import { useCanvas } from "../canvas/canvasStore";
import { CLIPBOARD_FORMAT } from "../canvas/selection";
import type { TestCore } from "../test/testCore";
import { makeCard, makePersona, makeProject, withTwoCurves } from "../test/projects";
import { cardButton, cardTexts, cell, freshCore, openApp } from "../test/harness";
import { cellPoint, centre, installLayout } from "../test/layout";
import { useStore } from "../store";
import { App } from "../App";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

let core: TestCore;
let layout: ReturnType<typeof installLayout>;

beforeEach(async () => {
  core = await freshCore();
  useCanvas.setState(useCanvas.getInitialState(), true);
  layout = installLayout();
});
afterEach(() => layout.mockRestore());

function project() {
  const p = makeProject("en");
  p.maps[0].cards = [
    makeCard("c1", "m1-s0", "m1-l0", "Sees an ad"),
    makeCard("c2", "m1-s0", "m1-l0", "Clicks the link"),
    makeCard("c3", "m1-s0", "m1-l0", "Reads reviews"),
    makeCard("c4", "m1-s2", "m1-l1", "Pays"),
  ];
  return p;
}

function card(id: string): HTMLElement {
  return document.querySelector<HTMLElement>(`[data-card-id="${id}"]`)!;
}

/** Presses on `from`, moves in a few steps (past the drag threshold) to `to`. */
function drag(from: HTMLElement, to: { clientX: number; clientY: number }, opts: { release?: boolean; shift?: boolean } = {}) {
  const start = centre(from);
  fireEvent.pointerDown(from, { ...start, button: 0, pointerId: 1, shiftKey: opts.shift });
  for (let i = 1; i <= 4; i += 1) {
    const f = i / 4;
    fireEvent.pointerMove(window, {
      clientX: start.clientX + (to.clientX - start.clientX) * f,
      clientY: start.clientY + (to.clientY - start.clientY) * f,
      pointerId: 1,
    });
  }
  if (opts.release !== false) fireEvent.pointerUp(window, { ...to, pointerId: 1 });
}

const indicator = () => screen.getByTestId("drop-indicator");

describe("dragging cards", () => {
  it("moves a card to another stage and lane with ONE move_card, showing where it lands", async () => {
    await openApp(core, project());
    drag(card("c2"), cellPoint(2, 1, 1), { release: false });
    expect(indicator()).not.toHaveAttribute("hidden");
    expect(indicator().dataset).toMatchObject({ stageId: "m1-s2", laneId: "m1-l1", index: "1" });
    expect(document.querySelector(".drag-ghost")).not.toBeNull();
    expect(card("c2")).toHaveClass("is-dragging");
    const release = core.hold("apply_edit");
    fireEvent.pointerUp(window, { ...cellPoint(2, 1, 1), pointerId: 1 });
    // Until the core's answer is merged, the ghost stays where it was dropped, the card stays faded in its
    // old place, and nothing else changes on screen: the indicator and the drag's shield stay too.
    await act(async () => {});
    expect(document.querySelector(".drag-ghost")).not.toBeNull();
    expect(card("c2")).toHaveClass("is-dragging");
    expect(indicator()).not.toHaveAttribute("hidden");
    expect(document.querySelector(".drag-shield.is-active")).not.toBeNull();
    expect(cardTexts(cell(0, 0))).toEqual(["Sees an ad", "Clicks the link", "Reads reviews"]);
    release();

    await waitFor(() => expect(cardTexts(cell(2, 1))).toEqual(["Pays", "Clicks the link"]));
    expect(cardTexts(cell(0, 0))).toEqual(["Sees an ad", "Reads reviews"]);
    expect(core.edits()).toEqual([{ type: "move_card", card_id: "c2", stage_id: "m1-s2", lane_id: "m1-l1", index: 1 }]);
    await waitFor(() => expect(document.querySelector(".drag-ghost")).toBeNull());
    expect(card("c2")).not.toHaveClass("is-dragging");
    expect(indicator()).toHaveAttribute("hidden");
    expect(document.querySelector(".drag-shield.is-active")).toBeNull();
  });

  it("a drop the core refuses: the ghost goes and the card stays where it was", async () => {
    await openApp(core, project());
    core.failNext("apply_edit", { code: "disk_full", message: "could not write the project file: disk full" });
    drag(card("c2"), cellPoint(2, 1, 1));
    await waitFor(() => expect(document.querySelector(".drag-ghost")).toBeNull());
    expect(cardTexts(cell(0, 0))).toEqual(["Sees an ad", "Clicks the link", "Reads reviews"]);
    expect(card("c2")).not.toHaveClass("is-dragging");
    expect(document.querySelector(".drag-shield.is-active")).toBeNull();
    expect(useStore.getState().saveState).toBe("error");
  });

  it("reorders within a cell", async () => {
    await openApp(core, project());
    drag(card("c3"), cellPoint(0, 0, 0));
    await waitFor(() => expect(cardTexts(cell(0, 0))).toEqual(["Reads reviews", "Sees an ad", "Clicks the link"]));
    expect(core.edits()).toEqual([{ type: "move_card", card_id: "c3", stage_id: "m1-s0", lane_id: "m1-l0", index: 0 }]);
  });

  it("Escape cancels a drag: nothing is sent", async () => {
    await openApp(core, project());
    drag(card("c1"), cellPoint(3, 2, 0), { release: false });
    fireEvent.keyDown(window, { key: "Escape" });
    expect(document.querySelector(".drag-ghost")).toBeNull();
    expect(indicator()).toHaveAttribute("hidden");
    fireEvent.pointerUp(window, { ...cellPoint(3, 2, 0), pointerId: 1 });
    await act(async () => {});
    expect(core.edits()).toEqual([]);
    expect(cardTexts(cell(0, 0))).toEqual(["Sees an ad", "Clicks the link", "Reads reviews"]);
  });

  it("a press without movement selects instead of dragging", async () => {
    await openApp(core, project());
    const c = card("c1");
    fireEvent.pointerDown(c, { ...centre(c), button: 0 });
    fireEvent.pointerMove(window, { clientX: centre(c).clientX + 2, clientY: centre(c).clientY });
    fireEvent.pointerUp(window, centre(c));
    expect(card("c1")).toHaveAttribute("aria-selected", "true");
    expect(core.edits()).toEqual([]);
  });

  it("drags a multi-selection as one batch, then undo restores it in one step", async () => {
    await openApp(core, project());
    for (const id of ["c1", "c3"]) {
      const c = card(id);
      fireEvent.pointerDown(c, { ...centre(c), button: 0, ctrlKey: true });
      fireEvent.pointerUp(window, centre(c));
    }
    expect(useCanvas.getState().selected).toEqual(["c1", "c3"]);
    drag(card("c3"), cellPoint(1, 0, 0));
    await waitFor(() => expect(cardTexts(cell(1, 0))).toEqual(["Sees an ad", "Reads reviews"]));
    const edits = core.edits();
    expect(edits).toHaveLength(1);
    expect(edits[0].type).toBe("batch");
    expect(cardTexts(cell(0, 0))).toEqual(["Clicks the link"]);

    await userEvent.click(screen.getByTestId("undo"));
    await waitFor(() => expect(cardTexts(cell(0, 0))).toEqual(["Sees an ad", "Clicks the link", "Reads reviews"]));
    expect(cardTexts(cell(1, 0))).toEqual([]);
    fireEvent.keyDown(window, { key: "y", ctrlKey: true });
    await waitFor(() => expect(cardTexts(cell(1, 0))).toEqual(["Sees an ad", "Reads reviews"]));
  });
});

describe("dragging headers", () => {
  it("reorders a stage with ONE move_stage", async () => {
    await openApp(core, project());
    const first = screen.getAllByTestId("stage-header")[0];
    // To the gap between stages 2 and 3 (0-based) → final index 2.
    drag(first, { clientX: 208 + 3 * 264 - 20, clientY: 20 }, { release: false });
    expect(indicator()).not.toHaveAttribute("hidden");
    expect(indicator().dataset.index).toBe("3");
    fireEvent.pointerUp(window, { clientX: 208 + 3 * 264 - 20, clientY: 20 });
    await waitFor(() =>
      expect(screen.getAllByTestId("stage-name").map((s) => s.textContent)).toEqual([
        "Consideration",
        "Conversion",
        "Awareness",
        "Retention",
        "Advocacy",
      ]),
    );
    expect(core.edits()).toEqual([{ type: "move_stage", stage_id: "m1-s0", index: 2 }]);
    // The cards went with their stage.
    expect(cardTexts(cell(2, 0))).toEqual(["Sees an ad", "Clicks the link", "Reads reviews"]);
  });

  it("reorders a lane with ONE move_lane", async () => {
    await openApp(core, project());
    const lane = screen.getAllByTestId("lane-header")[4];
    drag(lane, { clientX: 50, clientY: 56 + 10 });
    await waitFor(() => expect(screen.getAllByTestId("lane-header")[0]).toHaveAttribute("data-kind", "pain_points"));
    expect(core.edits()).toEqual([{ type: "move_lane", lane_id: "m1-l4", index: 0 }]);
  });
});

describe("selection commands", () => {
  it("box-selects, deletes and duplicates as single edits", async () => {
    await openApp(core, project());
    const start = cellPoint(0, 0, 0);
    fireEvent.pointerDown(cell(0, 0), { clientX: start.clientX + 120, clientY: start.clientY + 200, button: 0 });
    fireEvent.pointerMove(window, { clientX: start.clientX + 60, clientY: start.clientY + 120 });
    fireEvent.pointerMove(window, { clientX: start.clientX - 20, clientY: start.clientY + 60 });
    expect(screen.getByTestId("select-box")).toBeInTheDocument();
    fireEvent.pointerUp(window, { clientX: start.clientX - 20, clientY: start.clientY + 60 });
    expect(useCanvas.getState().selected.sort()).toEqual(["c2", "c3"]);

    fireEvent.keyDown(window, { key: "d", ctrlKey: true });
    await waitFor(() =>
      expect(cardTexts(cell(0, 0))).toEqual(["Sees an ad", "Clicks the link", "Clicks the link", "Reads reviews", "Reads reviews"]),
    );
    expect(core.edits()).toHaveLength(1);
    // The copies are selected now; Delete removes them in one edit.
    fireEvent.keyDown(window, { key: "Delete" });
    await waitFor(() => expect(cardTexts(cell(0, 0))).toEqual(["Sees an ad", "Clicks the link", "Reads reviews"]));
    expect(core.edits()).toHaveLength(2);
    expect(core.edits()[1].type).toBe("batch");
  });

  it("copies and pastes cards (with their fields) after the selection", async () => {
    const p = project();
    p.maps[0].cards[0].channel = "email";
    await openApp(core, p);
    act(() => useCanvas.getState().select(["c1"]));
    const data = new Map<string, string>();
    const clipboardData = { setData: (t: string, v: string) => data.set(t, v), getData: (t: string) => data.get(t) ?? "" };
    fireEvent.copy(document, { clipboardData });
    expect(JSON.parse(data.get("text/plain")!).format).toBe(CLIPBOARD_FORMAT);
    act(() => useCanvas.getState().select(["c4"]));
    fireEvent.paste(document, { clipboardData });
    await waitFor(() => expect(cardTexts(cell(2, 1))).toEqual(["Pays", "Sees an ad"]));
    const added = (core.edits()[0] as Extract<Edit, { type: "add_card" }>).card;
    expect(added).toMatchObject({ text: "Sees an ad", channel: "email", stage_id: "m1-s2", lane_id: "m1-l1" });
    expect(added.id).not.toBe("c1");
  });

  it("N opens a new card in the selected card's cell", async () => {
    await openApp(core, project());
    act(() => useCanvas.getState().select(["c4"]));
    fireEvent.keyDown(window, { key: "n" });
    expect(within(cell(2, 1)).getByTestId("card-editor")).toHaveFocus();
  });
});

describe("lanes, channels, emotions", () => {
  it("adds a lane of a chosen kind, renames, recolours, changes kind and deletes it", async () => {
    const user = userEvent.setup();
    await openApp(core, project());
    await user.click(screen.getByTestId("add-lane"));
    await user.click(screen.getAllByTestId("add-lane-kind").find((b) => b.dataset.kind === "opportunities")!);
    const input = await screen.findByTestId("lane-name-input");
    await user.clear(input);
    await user.type(input, "Ý tưởng{Enter}");
    await waitFor(() => expect(screen.getAllByTestId("lane-name").at(-1)).toHaveTextContent("Ý tưởng"));
    const edits = core.edits();
    expect(edits[0]).toMatchObject({ type: "add_lane", index: 8, lane: { kind: "opportunities", name: "Opportunities" } });
    expect(edits[1]).toMatchObject({ type: "update_lane", name: "Ý tưởng" });

    const lane = screen.getAllByTestId("lane-header").at(-1)!;
    await user.click(within(lane).getByTestId("lane-menu"));
    await user.click(screen.getAllByTestId("lane-kind-option").find((b) => b.dataset.kind === "pain_points")!);
    await waitFor(() => expect(screen.getAllByTestId("lane-header").at(-1)).toHaveAttribute("data-kind", "pain_points"));
    await user.click(
      within(screen.getByTestId("lane-colours"))
        .getAllByRole("button")
        .find((b) => b.dataset.color === "#0ea5e9")!,
    );
    await waitFor(async () => expect((await core.project()).maps[0].lanes.at(-1)!.color).toBe("#0ea5e9"));
    await user.click(screen.getByTestId("delete-lane"));
    await waitFor(() => expect(screen.getAllByTestId("lane-header")).toHaveLength(8));
  });

  it("opens one chip menu at a time: another chip's replaces it, its own chip closes it, deleting its card closes it", async () => {
    const user = userEvent.setup();
    await openApp(core, project());
    await user.click(await cardButton(user, card("c1"), "channel-chip"));
    expect(screen.getByTestId("channel-popover")).toBeInTheDocument();
    await user.click(await cardButton(user, card("c2"), "conversion-chip"));
    expect(screen.queryByTestId("channel-popover")).not.toBeInTheDocument();
    expect(screen.getByTestId("rate-popover")).toBeInTheDocument();
    await user.click(within(card("c2")).getByTestId("conversion-chip"));
    await waitFor(() => expect(screen.queryByTestId("rate-popover")).not.toBeInTheDocument());
    await user.click(within(card("c1")).getByTestId("channel-chip"));
    expect(screen.getByTestId("channel-popover")).toBeInTheDocument();
    await act(async () => {
      await useStore.getState().dispatch({ type: "delete_card", card_id: "c1" });
    });
    await waitFor(() => expect(screen.queryByTestId("channel-popover")).not.toBeInTheDocument());
  });

  it("shows a touchpoint's channel and sets a built-in or custom one", async () => {
    const user = userEvent.setup();
    const p = project();
    p.maps[0].cards[3].channel = "Zalo OA";
    await openApp(core, p);
    // An empty channel chip is one of the card's controls shown on hover.
    expect(within(card("c1")).queryByTestId("channel-chip")).not.toBeInTheDocument();
    await user.click(await cardButton(user, card("c1"), "channel-chip"));
    const options = screen.getAllByTestId("channel-option").map((o) => o.dataset.channel);
    expect(options).toContain("phone");
    expect(options).toContain("Zalo OA");
    await user.click(screen.getAllByTestId("channel-option").find((o) => o.dataset.channel === "phone")!);
    await waitFor(() => expect(within(card("c1")).getByTestId("channel-chip")).toHaveTextContent("Phone / telesales"));
    await user.click(await cardButton(user, card("c2"), "channel-chip"));
    await user.type(screen.getByTestId("channel-custom"), "Hội chợ{Enter}");
    await waitFor(() => expect(within(card("c2")).getByTestId("channel-chip")).toHaveTextContent("Hội chợ"));
    expect(core.edits()).toEqual([
      { type: "update_card", card_id: "c1", channel: "phone" },
      { type: "update_card", card_id: "c2", channel: "Hội chợ" },
    ]);
  });

  it("draws one curve per persona in its colour with a legend; hiding a curve is no edit; a card moved to another persona changes curve", async () => {
    const p = withTwoCurves(project());
    const { unmount } = await openApp(core, p);
    let band = screen.getByTestId("emotion-band");
    const curves = () =>
      [...band.querySelectorAll('[data-testid="emotion-curve"]')].map((c) => [c.getAttribute("data-curve"), (c as SVGElement).style.stroke]);
    // The map's persona first, in the emotions accent; then Minh's (theme.json personaPalette).
    expect(curves()).toEqual([
      ["0", "rgb(212, 161, 6)"],
      ["1", "rgb(37, 99, 235)"],
    ]);
    const legend = within(screen.getByTestId("emotion-legend"));
    expect(legend.getAllByRole("button").map((b) => b.textContent)).toEqual(["Lan", "Minh"]);
    expect(within(band).getAllByTestId("emotion-point")).toHaveLength(4);

    fireEvent.click(legend.getByRole("button", { name: "Minh" }));
    expect(legend.getByRole("button", { name: "Minh" })).toHaveAttribute("aria-pressed", "false");
    expect(curves()).toEqual([["0", "rgb(212, 161, 6)"]]);
    expect(within(band).getAllByTestId("emotion-point")).toHaveLength(2);
    // Still hidden when the canvas is drawn anew (another map shown and back, a reload of the view).
    unmount();
    render(<App />);
    await screen.findByTestId("grid");
    band = screen.getByTestId("emotion-band");
    const again = within(screen.getByTestId("emotion-legend"));
    expect(again.getByRole("button", { name: "Minh" })).toHaveAttribute("aria-pressed", "false");
    expect(within(band).getAllByTestId("emotion-point")).toHaveLength(2);
    fireEvent.click(again.getByRole("button", { name: "Minh" }));
    expect(within(band).getAllByTestId("emotion-point")).toHaveLength(4);
    expect(core.edits()).toEqual([]);

    // Through the real core: e4 back on the map's persona leaves Minh one point, no curve of his own to draw.
    await act(() => useStore.getState().dispatch({ type: "set_card_persona", card_id: "e4", persona_id: null }));
    await act(() => useStore.getState().dispatch({ type: "set_card_persona", card_id: "e3", persona_id: null }));
    await waitFor(() => expect(screen.queryByTestId("emotion-legend")).toBeInTheDocument());
    await waitFor(() => expect(curves()).toEqual([["0", "rgb(212, 161, 6)"]]));
    expect(
      within(screen.getByTestId("emotion-legend"))
        .getAllByRole("button")
        .map((b) => b.textContent),
    ).toEqual(["Lan"]);
  });

  it("drags an emotion point vertically: snaps, ONE set_card_metrics on drop, Escape cancels", async () => {
    const p = project();
    p.maps[0].cards.push({ ...makeCard("e1", "m1-s1", "m1-l3", "Unsure"), emotion: 0 });
    await openApp(core, p);
    const band = screen.getByTestId("emotion-band");
    const svg = band.querySelector("svg")!;
    vi.mocked(layout).mockImplementation(function (this: Element) {
      if (this === svg) return { left: 0, top: 0, width: 5 * 264, height: 150, right: 1320, bottom: 150, x: 0, y: 0, toJSON: () => ({}) } as DOMRect;
      return { left: 0, top: 0, width: 0, height: 0, right: 0, bottom: 0, x: 0, y: 0, toJSON: () => ({}) } as DOMRect;
    });
    const point = () => screen.getByTestId("emotion-point");
    expect(point()).toHaveAttribute("data-score", "0");
    fireEvent.pointerDown(point(), { clientX: 396, clientY: 75, button: 0 });
    fireEvent.pointerMove(point(), { clientX: 396, clientY: 20 });
    expect(point()).toHaveAttribute("data-score", "2");
    fireEvent.keyDown(window, { key: "Escape" });
    expect(point()).toHaveAttribute("data-score", "0");

    fireEvent.pointerDown(point(), { clientX: 396, clientY: 75, button: 0 });
    fireEvent.pointerMove(point(), { clientX: 396, clientY: 100 });
    fireEvent.pointerMove(point(), { clientX: 396, clientY: 110 });
    fireEvent.pointerUp(point(), { clientX: 396, clientY: 110 });
    await waitFor(() => expect(point()).toHaveAttribute("data-score", "-1"));
    expect(core.edits()).toEqual([{ type: "set_card_metrics", card_id: "e1", emotion: -1 }]);

    // Clicking the band over a stage without a point adds a scored card there.
    fireEvent.click(svg.querySelectorAll('[data-testid="emotion-slot"]')[3], { clientX: 3 * 264 + 100, clientY: 20 });
    await waitFor(() => expect(screen.getAllByTestId("emotion-point")).toHaveLength(2));
    expect(core.edits()[1]).toMatchObject({ type: "add_card", card: { stage_id: "m1-s3", lane_id: "m1-l3", emotion: 2 } });
  });
});

describe("emotion chip", () => {
  it("sets a card's feeling from its chip and keeps its other metrics", async () => {
    const user = userEvent.setup();
    const p = project();
    p.maps[0].cards.push({ ...makeCard("e2", "m1-s0", "m1-l3", "Curious"), conversion: 12.5, volume: 900 });
    await openApp(core, p);
    await user.click(within(card("e2")).getByTestId("emotion-chip"));
    await user.click(screen.getAllByTestId("emotion-option").find((o) => o.dataset.emotion === "1")!);
    await waitFor(() => expect(within(card("e2")).getByTestId("emotion-chip")).toHaveAttribute("data-emotion", "1"));
    // Only the feeling is sent; the rate and volume stay as the core has them.
    expect(core.edits()).toEqual([{ type: "set_card_metrics", card_id: "e2", emotion: 1 }]);
    const e2 = useStore.getState().doc!.project.maps[0].cards.find((c) => c.id === "e2")!;
    expect([e2.emotion, e2.conversion, e2.volume]).toEqual([1, 12.5, 900]);
    expect(screen.getAllByTestId("emotion-point")).toHaveLength(1);
  });

  it("says whose feeling a card scores from its chip: another persona's curve, then the map's again", async () => {
    const user = userEvent.setup();
    const p = project();
    p.personas = [makePersona("lan", "Lan"), makePersona("minh", "Minh")];
    p.maps[0].persona_id = "lan";
    p.maps[0].cards.push({ ...makeCard("e2", "m1-s0", "m1-l3", "Curious"), emotion: 1 });
    await openApp(core, p);
    const whose = () => screen.getAllByTestId("emotion-persona");
    await user.click(within(card("e2")).getByTestId("emotion-chip"));
    expect(whose().map((b) => [b.textContent, b.getAttribute("aria-pressed")])).toEqual([
      ["Lan", "true"],
      ["Minh", "false"],
    ]);
    await user.click(whose()[1]);
    await waitFor(() => expect(useStore.getState().doc!.project.maps[0].cards.find((c) => c.id === "e2")!.persona_id).toBe("minh"));
    await waitFor(() =>
      expect(
        within(screen.getByTestId("emotion-legend"))
          .getAllByRole("button")
          .map((b) => b.textContent),
      ).toEqual(["Minh"]),
    );
    await user.click(within(card("e2")).getByTestId("emotion-chip"));
    expect(whose()[1]).toHaveAttribute("aria-pressed", "true");
    await user.click(whose()[0]);
    await waitFor(() => expect(useStore.getState().doc!.project.maps[0].cards.find((c) => c.id === "e2")!.persona_id).toBeUndefined());
    expect(core.edits()).toEqual([
      { type: "set_card_persona", card_id: "e2", persona_id: "minh" },
      { type: "set_card_persona", card_id: "e2", persona_id: null },
    ]);
  });
});

describe("map panel and help", () => {
  it("edits the map's goal and scenario and creates a persona in one step", async () => {
    const user = userEvent.setup();
    await openApp(core, project());
    await user.click(screen.getByTestId("map-goal"));
    await user.type(screen.getByTestId("map-goal-input"), "Mua được khóa học{Enter}");
    await waitFor(() => expect(screen.getByTestId("map-goal")).toHaveTextContent("Mua được khóa học"));
    await user.click(screen.getByTestId("map-scenario"));
    await user.type(screen.getByTestId("map-scenario-input"), "Thấy quảng cáo");
    await user.tab();
    await waitFor(() => expect(screen.getByTestId("map-scenario")).toHaveTextContent("Thấy quảng cáo"));
    await user.click(screen.getByTestId("new-persona"));
    await waitFor(() => expect(screen.getByTestId("persona-card")).toBeInTheDocument());
    const edits = core.edits();
    expect(edits[0]).toEqual({ type: "update_map", map_id: "m1", goal: "Mua được khóa học" });
    expect(edits[1]).toEqual({ type: "update_map", map_id: "m1", scenario: "Thấy quảng cáo" });
    expect(edits[2].type).toBe("batch");
    await user.click(screen.getByTestId("persona-name"));
    const name = screen.getByTestId("persona-name-input");
    await user.clear(name);
    await user.type(name, "Linh, 27 tuổi{Enter}");
    await waitFor(() => expect(screen.getByTestId("persona-name")).toHaveTextContent("Linh, 27 tuổi"));
  });

  it("lists shortcuts in a help panel opened with ? and closed with Escape", async () => {
    await openApp(core, project());
    fireEvent.keyDown(window, { key: "?" });
    const help = screen.getByTestId("help-panel");
    expect(within(help).getAllByTestId("shortcut").length).toBeGreaterThan(15);
    expect(help).toHaveTextContent("Ctrl");
    fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByTestId("help-panel")).toBeNull();
  });

  it("zooms with the buttons and keys", async () => {
    const user = userEvent.setup();
    await openApp(core, project());
    await user.click(screen.getByTestId("zoom-in"));
    expect(screen.getByTestId("canvas")).toHaveAttribute("data-zoom", "1.1");
    fireEvent.keyDown(window, { key: "-", ctrlKey: true });
    fireEvent.keyDown(window, { key: "-", ctrlKey: true });
    expect(screen.getByTestId("canvas")).toHaveAttribute("data-zoom", "0.9");
    await user.click(screen.getByTestId("zoom-reset"));
    expect(screen.getByTestId("zoom-reset")).toHaveTextContent("100%");
    // Ctrl+wheel (and trackpad pinch, reported as ctrl+wheel) zooms; a plain wheel scrolls.
    fireEvent.wheel(screen.getByTestId("canvas"), { deltaY: -40, ctrlKey: true, clientX: 300, clientY: 200 });
    expect(Number(screen.getByTestId("canvas").dataset.zoom)).toBeGreaterThan(1);
    const z = screen.getByTestId("canvas").dataset.zoom;
    fireEvent.wheel(screen.getByTestId("canvas"), { deltaY: 40 });
    expect(screen.getByTestId("canvas").dataset.zoom).toBe(z);
  });
});
