import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Card, Edit, MapDiff, Project, Snapshot } from "../bindings";
import { useCanvas } from "../canvas/canvasStore";
import { useInsights } from "../insights/insightsStore";
import type { TestCore } from "../test/testCore";
import { makeCard, makeProject } from "../test/projects";
import { cardButton, freshCore, openApp } from "../test/harness";
import { render } from "@testing-library/react";
import { App } from "../App";
import { DiffView } from "./HistoryPanel";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

let core: TestCore;

beforeEach(async () => {
  core = await freshCore();
  useCanvas.setState(useCanvas.getInitialState(), true);
  useInsights.setState(useInsights.getInitialState(), true);
});

function rated(id: string, stage: number, text: string, conversion: number | null, volume: number | null = null): Card {
  return { ...makeCard(id, `m1-s${stage}`, "m1-l0", text), conversion, volume };
}

/** Touchpoints (lane 0): ad 50% (1,000 people), pricing 40%, email (no rate); a pain point in stage 1. */
function project(): Project {
  const p = makeProject("en");
  p.maps[0].cards = [
    rated("ad", 0, "Sees an ad", 50, 1000),
    rated("price", 1, "Pricing page", 40),
    rated("mail", 2, "Welcome email", null),
    makeCard("pain", "m1-s1", "m1-l4", "Hidden prices"),
  ];
  return p;
}

const card = (id: string) => document.querySelector<HTMLElement>(`[data-card-id="${id}"]`)!;
const editsOf = (type: Edit["type"]) => core.edits().filter((e) => e.type === type);

describe("conversion funnel", () => {
  it("is asked of the core again after a change of the shown map, not after other changes", async () => {
    await openApp(core, project());
    await userEvent.click(screen.getByTestId("toggle-funnel"));
    await waitFor(() => expect(screen.getByTestId("funnel-overall")).toHaveTextContent("20%"));
    const asked = () => core.callsOf("funnel").length;
    const before = asked();
    const { useStore } = await import("../store");
    await act(() => useStore.getState().dispatch({ type: "set_project_title", title: "Chuỗi cà phê" }));
    await act(() =>
      useStore.getState().dispatch({
        type: "add_persona",
        persona: { id: "p1", name: "Lan", description: "", role: "", goals: "", needs: "", frustrations: "", quote: "", photo: "" },
        index: 0,
      }),
    );
    expect(asked()).toBe(before);
    await act(() => useStore.getState().dispatch({ type: "set_card_metrics", card_id: "price", conversion: 20 }));
    await waitFor(() => expect(asked()).toBe(before + 1));
    await waitFor(() => expect(screen.getByTestId("funnel-overall")).toHaveTextContent("10%"));
  });

  it("shows stage rates, the overall, incomplete, and marks the biggest drop-off card", async () => {
    await openApp(core, project());
    await userEvent.click(screen.getByTestId("toggle-funnel"));
    expect(await screen.findByTestId("funnel-overall")).toHaveTextContent("20%");
    expect(screen.getByTestId("funnel-incomplete")).toHaveTextContent("1 touchpoint");
    expect(screen.getByTestId("funnel-people")).toHaveTextContent("200 of 1,000 people convert");
    const stageRates = screen.getAllByTestId("stage-rate").map((s) => s.textContent);
    expect(stageRates).toEqual(["Stage conversion50%", "Stage conversion40%"]);
    // The biggest drop-off: the pricing page (40%), in the panel and on its card.
    const drop = screen.getAllByTestId("funnel-step").find((s) => s.dataset.drop);
    expect(drop).toHaveTextContent("Pricing page");
    expect(screen.getByTestId("funnel-drop")).toHaveTextContent("Pricing page");
    await waitFor(() => expect(card("price").dataset.dropLabel).toMatch(/Biggest drop-off · 40%/));
    expect(card("ad").dataset.dropLabel).toBeUndefined();
  });

  it("what-if: typing a rate shows the recomputed overall and delta from the funnel command, Escape sends nothing", async () => {
    await openApp(core, project());
    await userEvent.click(screen.getByTestId("toggle-funnel"));
    await screen.findByTestId("funnel-overall");
    await userEvent.click(within(card("price")).getByTestId("conversion-chip"));
    const input = await screen.findByTestId("rate-input");
    await userEvent.clear(input);
    await userEvent.type(input, "55");
    // The core was asked "what if", without saving anything.
    await waitFor(() => expect(core.callsOf("funnel").at(-1)!.args).toEqual({ mapId: "m1", changes: [{ card_id: "price", rate: 55 }] }));
    await waitFor(() => expect(screen.getByTestId("whatif-overall")).toHaveTextContent("27.5%"));
    expect(screen.getByTestId("whatif-delta")).toHaveTextContent("+7.5 pts");
    expect(screen.getByTestId("funnel-overall")).toHaveTextContent("27.5%");
    expect(screen.getByTestId("funnel-delta")).toHaveTextContent("+7.5 pts vs saved 20%");
    // Now the ad (50%) loses most.
    await waitFor(() => expect(card("ad").dataset.dropLabel).toBeDefined());
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("rate-popover")).toBeNull();
    expect(editsOf("set_card_metrics")).toEqual([]);
    await waitFor(() => expect(screen.getByTestId("funnel-overall")).toHaveTextContent("20%"));
    expect(screen.queryByTestId("funnel-delta")).toBeNull();
    expect(card("price").dataset.dropLabel).toBeDefined();
  });

  it("the slider previews too; Enter commits ONE set_card_metrics with rate and volume, keeping the emotion", async () => {
    await openApp(core, project());
    await userEvent.click(within(card("price")).getByTestId("conversion-chip"));
    // Moving a range slider fires "input" events.
    fireEvent.input(await screen.findByTestId("rate-slider"), { target: { value: "60" } });
    await waitFor(() => expect(screen.getByTestId("whatif-overall")).toHaveTextContent("30%"));
    await userEvent.type(screen.getByTestId("volume-input"), "500");
    await userEvent.type(screen.getByTestId("volume-input"), "{Enter}");
    // The emotion is not sent: the core keeps it (two quick metric edits never undo each other).
    await waitFor(() => expect(editsOf("set_card_metrics")).toEqual([{ type: "set_card_metrics", card_id: "price", conversion: 60, volume: 500 }]));
    expect(screen.queryByTestId("rate-popover")).toBeNull();
    await waitFor(() => expect(within(card("price")).getByTestId("conversion-chip")).toHaveTextContent("60%"));
  });

  it("refuses a rate over 100 without sending anything", async () => {
    await openApp(core, project());
    await userEvent.click(within(card("price")).getByTestId("conversion-chip"));
    const input = await screen.findByTestId("rate-input");
    await userEvent.clear(input);
    await userEvent.type(input, "140{Enter}");
    expect(screen.getByTestId("rate-error")).toHaveTextContent("0 to 100");
    expect(editsOf("set_card_metrics")).toEqual([]);
  });

  it("says so when there are no rates", async () => {
    const p = makeProject("en");
    await openApp(core, p);
    await userEvent.click(screen.getByTestId("toggle-funnel"));
    expect(await screen.findByTestId("funnel-empty")).toBeInTheDocument();
    expect(screen.queryAllByTestId("stage-rate")).toEqual([]);
  });
});

describe("research", () => {
  function withResearch(): Project {
    const p = project();
    p.maps[0].research = [
      { id: "q1", kind: "question", title: "Why did you stop?", detail: "Too many fields", insight: "Shorter form", card_ids: ["price"] },
      { id: "g1", kind: "goal", title: "More sign-ups", detail: "", insight: "", card_ids: [] },
    ];
    return p;
  }

  it("links the selected cards with ONE set_research_links, shows badges, unlinks and selects from chips", async () => {
    await openApp(core, withResearch());
    await userEvent.click(screen.getByTestId("toggle-research"));
    const goal = (await screen.findAllByTestId("research-item")).find((i) => i.dataset.itemId === "g1")!;
    expect(within(goal).getByTestId("research-link-selected")).toBeDisabled();
    act(() => useCanvas.getState().select(["ad", "pain"]));
    await userEvent.click(within(goal).getByTestId("research-link-selected"));
    await waitFor(() => expect(editsOf("set_research_links")).toEqual([{ type: "set_research_links", item_id: "g1", card_ids: ["ad", "pain"] }]));
    await waitFor(() => expect(within(goal).getAllByTestId("research-link")).toHaveLength(2));
    expect(card("ad").dataset.research).toBe("1");
    expect(card("price").dataset.research).toBe("1");
    // A chip selects its card; × unlinks it.
    act(() => useCanvas.getState().select([]));
    await userEvent.click(within(within(goal).getAllByTestId("research-link")[1]).getByText("Hidden prices"));
    expect(useCanvas.getState().selected).toEqual(["pain"]);
    await userEvent.click(within(within(goal).getAllByTestId("research-link")[0]).getByTestId("research-unlink"));
    await waitFor(() => expect(editsOf("set_research_links").at(-1)).toEqual({ type: "set_research_links", item_id: "g1", card_ids: ["pain"] }));
    await waitFor(() => expect(card("ad").dataset.research).toBeUndefined());
  });

  it("adds, edits, moves and deletes items", async () => {
    const p = withResearch();
    p.maps[0].research.push({ id: "q2", kind: "question", title: "Where did you hear of us?", detail: "", insight: "", card_ids: [] });
    await openApp(core, p);
    await userEvent.click(screen.getByTestId("toggle-research"));
    await userEvent.click(await screen.findByTestId("research-add-resource"));
    await waitFor(() => expect(editsOf("add_research_item")).toHaveLength(1));
    const added = editsOf("add_research_item")[0] as Extract<Edit, { type: "add_research_item" }>;
    expect(added).toMatchObject({ map_id: "m1", index: 3, item: { kind: "resource", title: "", card_ids: [] } });
    // The new item's title is being edited.
    const title = await screen.findByTestId("research-title-input");
    await userEvent.type(title, "Zalo support team{Enter}");
    await waitFor(() =>
      expect(editsOf("update_research_item").at(-1)).toEqual({ type: "update_research_item", item_id: added.item.id, title: "Zalo support team" }),
    );
    // Questions q1 (index 0) and q2 (index 2): moving q2 up puts it at 0.
    const q2 = screen.getAllByTestId("research-item").find((i) => i.dataset.itemId === "q2")!;
    await userEvent.click(within(q2).getByTestId("research-up"));
    await waitFor(() => expect(editsOf("move_research_item")).toEqual([{ type: "move_research_item", item_id: "q2", index: 0 }]));
    const q1 = screen.getAllByTestId("research-item").find((i) => i.dataset.itemId === "q1")!;
    await userEvent.click(within(q1).getByTestId("research-insight"));
    await userEvent.clear(screen.getByTestId("research-insight-input"));
    await userEvent.type(screen.getByTestId("research-insight-input"), "One-tap payment{Enter}");
    await waitFor(() =>
      expect(editsOf("update_research_item").at(-1)).toEqual({ type: "update_research_item", item_id: "q1", insight: "One-tap payment" }),
    );
    await userEvent.click(within(screen.getAllByTestId("research-item").find((i) => i.dataset.itemId === "g1")!).getByTestId("research-delete"));
    await waitFor(() => expect(editsOf("delete_research_item")).toEqual([{ type: "delete_research_item", item_id: "g1" }]));
    await waitFor(async () => expect((await core.project()).maps[0].research.map((r) => r.id)).toEqual(["q2", "q1", added.item.id]));
  });

  it("deleting a linked card removes its link, and undo brings it back", async () => {
    await openApp(core, withResearch());
    const user = userEvent.setup();
    await user.click(await cardButton(user, card("price"), "delete-card"));
    await waitFor(async () => expect((await core.project()).maps[0].research[0].card_ids).toEqual([]));
    await userEvent.click(screen.getByTestId("undo"));
    await waitFor(async () => expect((await core.project()).maps[0].research[0].card_ids).toEqual(["price"]));
  });
});

describe("review history", () => {
  async function openWithSnapshots(p: Project, snapshots: Snapshot[]) {
    core.addFile("/tmp/x.journey", p, true, snapshots);
    core.initialPath = "/tmp/x.journey";
    render(<App />);
    await screen.findByTestId("grid");
  }

  function snap(id: string, name: string, p: Project, tweak: (c: Card[]) => Card[]): Snapshot {
    const map = JSON.parse(JSON.stringify(p.maps[0]));
    map.cards = tweak(map.cards);
    return { id, name, note: "", taken_at: Date.UTC(2025, 0, 5, 8, 0), map };
  }

  it("takes a snapshot with name, note and the time now", async () => {
    vi.spyOn(Date, "now").mockReturnValue(1_736_000_000_000);
    await openApp(core, project());
    await userEvent.click(screen.getByTestId("toggle-history"));
    expect(await screen.findByTestId("snapshots-empty")).toBeInTheDocument();
    await userEvent.type(screen.getByTestId("snapshot-name-new"), "Before launch");
    await userEvent.type(screen.getByTestId("snapshot-note-new"), "for the board");
    await userEvent.click(screen.getByTestId("snapshot-take"));
    await waitFor(() => expect(editsOf("take_snapshot")).toHaveLength(1));
    expect(editsOf("take_snapshot")[0]).toMatchObject({ map_id: "m1", name: "Before launch", note: "for the board", taken_at: 1_736_000_000_000 });
    const row = await screen.findByTestId("snapshot");
    expect(within(row).getByTestId("snapshot-meta")).toHaveTextContent("4 cards");
    expect(within(row).getByTestId("snapshot-meta")).toHaveTextContent("conversion 20%");
    vi.restoreAllMocks();
  });

  it("renames, restores after confirming (one undoable edit) and deletes", async () => {
    const p = project();
    const old = snap("s1", "Old", p, (cards) => cards.filter((c) => c.id !== "mail"));
    await openWithSnapshots(p, [old]);
    await userEvent.click(screen.getByTestId("toggle-history"));
    const row = await screen.findByTestId("snapshot");
    await userEvent.click(within(row).getByTestId("snapshot-name"));
    await userEvent.clear(screen.getByTestId("snapshot-name-input"));
    await userEvent.type(screen.getByTestId("snapshot-name-input"), "Kickoff{Enter}");
    await waitFor(() => expect(editsOf("update_snapshot")).toEqual([{ type: "update_snapshot", snapshot_id: "s1", name: "Kickoff" }]));
    await userEvent.click(within(row).getByTestId("snapshot-restore"));
    expect(within(row).getByTestId("restore-confirm")).toHaveTextContent("Kickoff");
    await userEvent.click(within(row).getByTestId("restore-cancel"));
    expect(editsOf("restore_snapshot")).toEqual([]);
    await userEvent.click(within(row).getByTestId("snapshot-restore"));
    await userEvent.click(within(row).getByTestId("restore-yes"));
    await waitFor(() => expect(editsOf("restore_snapshot")).toEqual([{ type: "restore_snapshot", snapshot_id: "s1" }]));
    await waitFor(() => expect(card("mail")).toBeNull());
    await userEvent.click(screen.getByTestId("undo"));
    await waitFor(() => expect(card("mail")).not.toBeNull());
    await userEvent.click(within(screen.getByTestId("snapshot")).getByTestId("snapshot-delete"));
    await waitFor(() => expect(editsOf("delete_snapshot")).toEqual([{ type: "delete_snapshot", snapshot_id: "s1" }]));
    expect(await screen.findByTestId("snapshots-empty")).toBeInTheDocument();
  });

  it("compares a snapshot with the current map and highlights added/changed cards", async () => {
    const p = project();
    const old = snap("s1", "Old", p, (cards) =>
      [...cards.filter((c) => c.id !== "ad"), { ...makeCard("gone", "m1-s0", "m1-l5", "Flyer") }].map((c) =>
        c.id === "price" ? { ...c, conversion: 20 } : c,
      ),
    );
    await openWithSnapshots(p, [old]);
    await userEvent.click(screen.getByTestId("toggle-history"));
    await userEvent.click(within(await screen.findByTestId("snapshot")).getByTestId("snapshot-compare"));
    const diff = await screen.findByTestId("diff-view");
    expect(core.callsOf("compare_versions")[0].args).toEqual({ mapId: "m1", before: "s1", after: null });
    expect(within(diff).getByTestId("diff-added")).toHaveTextContent("Sees an ad");
    expect(within(diff).getByTestId("diff-removed")).toHaveTextContent("Flyer");
    expect(within(diff).getByTestId("diff-changed")).toHaveTextContent("Pricing page");
    expect(within(diff).getByTestId("diff-changed")).toHaveTextContent("rate 20% → 40%");
    // 20% (the old pricing rate alone) → 20% (50% × 40%): no change in points.
    expect(within(diff).getByTestId("diff-delta")).toHaveTextContent("0 pts");
    await userEvent.click(screen.getByTestId("compare-highlight"));
    await waitFor(() => expect(card("ad").dataset.diff).toBe("added"));
    expect(card("price").dataset.diff).toBe("changed");
    expect(card("pain").dataset.diff).toBeUndefined();
    await userEvent.click(screen.getByTestId("insights-close"));
    await waitFor(() => expect(card("ad").dataset.diff).toBeUndefined());
  });

  it("renders a MapDiff: groups, changed fields, stages and lanes, and the delta in points", async () => {
    await act(async () => {
      const { setLang } = await import("../i18n");
      await setLang("vi");
    });
    const diff: MapDiff = {
      added: [{ id: "a", text: "Zalo OA", stage: "Cân nhắc", lane: "Điểm chạm", conversion: null }],
      removed: [{ id: "r", text: "Tờ rơi", stage: "Nhận thức", lane: "Điểm chạm", conversion: null }],
      changed: [
        {
          before: { id: "k", text: "Quảng cáo", stage: "Nhận thức", lane: "Điểm chạm", conversion: 40 },
          after: { id: "k", text: "Quảng cáo", stage: "Cân nhắc", lane: "Điểm chạm", conversion: 55 },
          fields: ["conversion", "place"],
        },
      ],
      stages_added: [],
      stages_removed: ["Ủng hộ"],
      lanes_added: ["Chỉ số"],
      lanes_removed: [],
      conversion_before: 40,
      conversion_after: 45.2,
    };
    render(<DiffView diff={diff} current={false} />);
    expect(screen.getByTestId("diff-delta")).toHaveTextContent("+5,2 điểm %");
    expect(screen.getByTestId("diff-summary")).toHaveTextContent("1 thêm mới1 đã xóa1 đã sửa");
    expect(screen.getByTestId("diff-changed")).toHaveTextContent("chuyển từ Nhận thức · Điểm chạm");
    expect(screen.getByTestId("diff-changed")).toHaveTextContent("tỷ lệ 40% → 55%");
    expect(screen.getByTestId("diff-changed")).toHaveTextContent("chuyển đổi");
    expect(screen.getByTestId("diff-changed")).toHaveTextContent("vị trí");
    expect(screen.getByTestId("diff-stagesRemoved")).toHaveTextContent("Ủng hộ");
    expect(screen.getByTestId("diff-lanesAdded")).toHaveTextContent("Chỉ số");
    expect(screen.getByTestId("diff-removed")).toHaveTextContent("Tờ rơi");
  });
});
