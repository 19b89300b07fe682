import { screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { AUTHOR_STORAGE_KEY, useAuthor } from "../author";
import type { Comment, Project } from "../bindings";
import { useCanvas } from "../canvas/canvasStore";
import { setLang } from "../i18n";
import { useInsights } from "../insights/insightsStore";
import { useStore } from "../store";
import { cardButton, freshCore, openApp } from "../test/harness";
import { makeCard, makeProject } from "../test/projects";
import type { TestCore } from "../test/testCore";
import { openCounts, threadsOf, useThread } from "./Comments";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

let core: TestCore;
beforeEach(async () => {
  core = await freshCore();
  useCanvas.setState(useCanvas.getInitialState(), true);
  useInsights.setState(useInsights.getInitialState(), true);
  useThread.setState({ open: null });
  useAuthor.setState({ name: "" });
});

function comment(id: string, target: string, fields: Partial<Comment> = {}): Comment {
  return {
    id,
    on: "card",
    target_id: target,
    parent_id: null,
    author: "Hà",
    body: `Bình luận ${id}`,
    created_at: 1_796_000_000_000,
    resolved_at: null,
    resolved_by: "",
    ...fields,
  };
}

/** The Vietnamese project with two cards; card c1 has an open thread (with a reply), c2 a resolved one. */
function project(): Project {
  const p = makeProject("vi");
  const m = p.maps[0];
  m.cards = [makeCard("c1", "m1-s0", "m1-l0", "Quảng cáo TikTok"), makeCard("c2", "m1-s1", "m1-l1", "Đặt hàng")];
  m.comments = [
    comment("k1", "c1", { body: "Khách có nhớ quảng cáo không?" }),
    comment("k2", "c1", { parent_id: "k1", body: "Có, 3/5 người", created_at: 1_796_000_100_000 }),
    comment("k3", "c2", { resolved_at: 1_796_000_300_000, resolved_by: "Minh", created_at: 1_796_000_200_000 }),
  ];
  return p;
}

function card(id: string): HTMLElement {
  const el = screen.getAllByTestId("card").find((c) => c.dataset.cardId === id);
  if (!el) throw new Error(`no card ${id}`);
  return el;
}

async function comments(): Promise<Comment[]> {
  return (await core.project()).maps[0].comments;
}

async function type(user: UserEvent, el: HTMLElement, text: string) {
  await user.click(el);
  await user.keyboard(text);
}

describe("threads and counts", () => {
  it("count the comments of open threads by card or stage", () => {
    const p = project();
    expect(threadsOf(p.maps[0].comments).map((t) => [t.root.id, t.replies.map((r) => r.id)])).toEqual([
      ["k1", ["k2"]],
      ["k3", []],
    ]);
    expect([...openCounts(p.maps[0].comments)]).toEqual([["c1", 2]]);
  });
});

describe("review comments", () => {
  it("a commented card shows its open comments' count; the badge opens the thread", async () => {
    const user = userEvent.setup();
    await openApp(core, project());
    const badge = within(card("c1")).getByTestId("comment-badge");
    expect(badge).toHaveTextContent("2");
    // A resolved thread draws no badge.
    expect(within(card("c2")).queryByTestId("comment-badge")).toBeNull();
    await user.click(badge);
    const pop = await screen.findByTestId("comment-popover");
    const thread = within(pop).getByTestId("comment-thread");
    expect(
      within(thread)
        .getAllByTestId("comment-body")
        .map((b) => b.textContent),
    ).toEqual(["Khách có nhớ quảng cáo không?", "Có, 3/5 người"]);
    expect(within(thread).getAllByTestId("comment-by")[0]).toHaveTextContent("Hà");
  });

  it("asks for the author's name before a first comment, remembers it, and posts with it", async () => {
    const user = userEvent.setup();
    await openApp(core, project());
    await cardButton(user, card("c2"), "edit-card");
    await user.click(within(card("c2")).getByTestId("comment-card"));
    const pop = await screen.findByTestId("comment-popover");
    const send = within(pop).getByTestId("comment-new-send");
    await type(user, within(pop).getByTestId("comment-new-text"), "Thêm ảnh sản phẩm");
    expect(send).toBeDisabled();
    const name = within(pop).getByTestId("comment-author");
    await type(user, name, "Lan");
    await user.tab();
    expect(localStorage.getItem(AUTHOR_STORAGE_KEY)).toBe("Lan");
    await user.click(within(pop).getByTestId("comment-new-send"));
    await waitFor(async () => expect((await comments()).map((c) => c.body)).toContain("Thêm ảnh sản phẩm"));
    const posted = (await comments()).find((c) => c.body === "Thêm ảnh sản phẩm")!;
    expect(posted).toMatchObject({ on: "card", target_id: "c2", parent_id: null, author: "Lan", resolved_at: null });
    // The core gave it its time.
    expect(Math.abs(posted.created_at - Date.now())).toBeLessThan(60_000);
    expect(core.edits().at(-1)).toMatchObject({ type: "post_comment", target_id: "c2", author: "Lan" });
    await waitFor(() => expect(within(card("c2")).getByTestId("comment-badge")).toHaveTextContent("1"));
    // The name is not asked again.
    expect(within(pop).queryByTestId("comment-author")).toBeNull();
  });

  it("replies, resolves and reopens a thread; undo brings the thread back as it was", async () => {
    const user = userEvent.setup();
    useAuthor.getState().setName("Lan");
    await openApp(core, project());
    await user.click(within(card("c1")).getByTestId("comment-badge"));
    const pop = await screen.findByTestId("comment-popover");
    await user.click(within(pop).getByTestId("comment-reply-open"));
    await type(user, within(pop).getByTestId("comment-reply-text"), "Cần số liệu mới");
    await user.click(within(pop).getByTestId("comment-reply-send"));
    await waitFor(() =>
      expect(
        within(pop)
          .getAllByTestId("comment-body")
          .map((b) => b.textContent),
      ).toContain("Cần số liệu mới"),
    );
    expect((await comments()).find((c) => c.body === "Cần số liệu mới")).toMatchObject({ parent_id: "k1", author: "Lan" });
    await waitFor(() => expect(within(card("c1")).getByTestId("comment-badge")).toHaveTextContent("3"));

    await user.click(within(pop).getByTestId("comment-resolve"));
    await waitFor(() => expect(within(pop).getByTestId("comment-resolved")).toHaveTextContent("Lan"));
    expect((await comments()).find((c) => c.id === "k1")).toMatchObject({ resolved_by: "Lan" });
    expect(within(card("c1")).queryByTestId("comment-badge")).toBeNull();

    await user.click(within(pop).getByTestId("comment-reopen"));
    await waitFor(() => expect(within(card("c1")).getByTestId("comment-badge")).toHaveTextContent("3"));
    expect((await comments()).find((c) => c.id === "k1")).toMatchObject({ resolved_at: null, resolved_by: "" });

    await useStore.getState().undo();
    await waitFor(() => expect(within(card("c1")).queryByTestId("comment-badge")).toBeNull());
    expect((await comments()).find((c) => c.id === "k1")).toMatchObject({ resolved_by: "Lan" });
  });

  it("edits only one's own comments, and deleting a thread takes its replies", async () => {
    const user = userEvent.setup();
    useAuthor.getState().setName("Hà");
    const p = project();
    p.maps[0].comments[1].author = "Minh";
    await openApp(core, p);
    await user.click(within(card("c1")).getByTestId("comment-badge"));
    const pop = await screen.findByTestId("comment-popover");
    const [mine, theirs] = within(pop).getAllByTestId("comment");
    expect(within(theirs).queryByTestId("comment-edit-open")).toBeNull();
    await user.click(within(mine).getByTestId("comment-edit-open"));
    const box = within(mine).getByTestId("comment-edit-text");
    await user.clear(box);
    await user.type(box, "Khách có nhớ ưu đãi không?");
    await user.click(within(mine).getByTestId("comment-edit-send"));
    await waitFor(async () => expect((await comments()).find((c) => c.id === "k1")?.body).toBe("Khách có nhớ ưu đãi không?"));
    expect(core.edits().at(-1)).toEqual({ type: "update_comment", comment_id: "k1", body: "Khách có nhớ ưu đãi không?" });

    await user.click(within(within(pop).getAllByTestId("comment")[0]).getByTestId("comment-delete"));
    await waitFor(async () => expect((await comments()).map((c) => c.id)).toEqual(["k3"]));
    expect(within(card("c1")).queryByTestId("comment-badge")).toBeNull();
    await useStore.getState().undo();
    await waitFor(async () => expect((await comments()).map((c) => c.id)).toEqual(["k1", "k2", "k3"]));
  });

  it("comments on a stage: its header shows the count", async () => {
    const user = userEvent.setup();
    useAuthor.getState().setName("Lan");
    await openApp(core, project());
    const header = screen.getAllByTestId("stage-header")[1];
    expect(within(header).queryByTestId("comment-badge")).toBeNull();
    await user.click(within(header).getByTestId("comment-stage"));
    const pop = await screen.findByTestId("comment-popover");
    await type(user, within(pop).getByTestId("comment-new-text"), "Giai đoạn này dài quá");
    await user.click(within(pop).getByTestId("comment-new-send"));
    await waitFor(() => expect(within(screen.getAllByTestId("stage-header")[1]).getByTestId("comment-badge")).toHaveTextContent("1"));
    expect((await comments()).find((c) => c.on === "stage")).toMatchObject({ target_id: "m1-s1", author: "Lan" });
  });

  it("deleting a commented card takes its comments; undo brings them back", async () => {
    await openApp(core, project());
    await useStore.getState().dispatch({ type: "delete_card", card_id: "c1" });
    expect((await comments()).map((c) => c.id)).toEqual(["k3"]);
    expect(useStore.getState().doc!.project.maps[0].comments.map((c) => c.id)).toEqual(["k3"]);
    await useStore.getState().undo();
    await waitFor(() => expect(within(card("c1")).getByTestId("comment-badge")).toHaveTextContent("2"));
  });

  it("the Comments panel lists open or resolved threads by stage, and shows a card on the map", async () => {
    const user = userEvent.setup();
    await setLang("vi");
    await openApp(core, project());
    await user.click(screen.getByTestId("toggle-comments"));
    const panel = await screen.findByTestId("comments-panel");
    expect(within(panel).getByTestId("comments-filter-open")).toHaveTextContent("Chưa xử lý (1)");
    expect(
      within(panel)
        .getAllByTestId("comment-thread")
        .map((t) => t.dataset.commentId),
    ).toEqual(["k1"]);
    expect(within(panel).getByTestId("comments-group")).toHaveTextContent("Nhận thức");
    await user.click(within(panel).getByTestId("comment-target"));
    expect(useCanvas.getState().selected).toEqual(["c1"]);
    await user.click(within(panel).getByTestId("comments-filter-resolved"));
    const resolved = within(panel).getAllByTestId("comment-thread");
    expect(resolved.map((t) => t.dataset.commentId)).toEqual(["k3"]);
    expect(within(resolved[0]).getByTestId("comment-resolved")).toHaveTextContent("Minh đã xử lý");
    // The author's name is a preference, set here too.
    const name = within(panel).getByTestId("comment-author");
    await type(user, name, "Hà{Enter}");
    expect(useAuthor.getState().name).toBe("Hà");
  });
});
