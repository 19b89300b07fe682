import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { invoke } from "@tauri-apps/api/core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import type { Edit } from "./bindings";
import type { TestCore } from "./test/testCore";
import { makeCard, makeProject } from "./test/projects";
import { cardButton, cardTexts, cell, freshCore, openApp, PATH } from "./test/harness";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

const ID = /^[A-Za-z0-9_-]{1,64}$/;
let core: TestCore;

beforeEach(async () => {
  core = await freshCore();
});

function withCards(lang: "en" | "vi" = "en") {
  const p = makeProject(lang);
  p.maps[0].cards = [
    makeCard("c1", "m1-s0", "m1-l0", "Sees an ad"),
    makeCard("c2", "m1-s0", "m1-l0", "Clicks the link"),
    makeCard("c3", "m1-s2", "m1-l4", "Checkout is slow"),
  ];
  return p;
}

describe("grid", () => {
  it("renders stages × lanes with cards in their cells", async () => {
    await openApp(core, withCards());
    const grid = screen.getByTestId("grid");
    expect(within(grid).getAllByTestId("stage-header")).toHaveLength(5);
    expect(within(grid).getAllByTestId("lane-header")).toHaveLength(8);
    expect(within(grid).getAllByTestId("cell")).toHaveLength(40);
    expect(screen.getAllByTestId("stage-name").map((s) => s.textContent)).toEqual([
      "Awareness",
      "Consideration",
      "Conversion",
      "Retention",
      "Advocacy",
    ]);
    const lanes = screen.getAllByTestId("lane-header");
    expect(lanes[4]).toHaveAttribute("data-lane-index", "4");
    expect(lanes[4]).toHaveAttribute("data-kind", "pain_points");
    expect(within(lanes[4]).getByTestId("lane-name")).toHaveTextContent("Pain points");
    expect(cardTexts(cell(0, 0))).toEqual(["Sees an ad", "Clicks the link"]);
    expect(cardTexts(cell(2, 4))).toEqual(["Checkout is slow"]);
    expect(cardTexts(cell(1, 0))).toEqual([]);
    expect(screen.getByTestId("project-title")).toHaveTextContent("Untitled project");
    expect(screen.getByTestId("project-path")).toHaveTextContent(PATH);
  });

  it("renders a Vietnamese project", async () => {
    await openApp(core, makeProject("vi"));
    const names = screen.getAllByTestId("stage-name").map((s) => s.textContent);
    expect(names.slice(0, 3)).toEqual(["Nhận thức", "Cân nhắc", "Chuyển đổi"]);
    expect(screen.getAllByTestId("stage-header")[2]).toHaveAttribute("data-stage-index", "2");
    expect(screen.getAllByTestId("lane-name")[0]).toHaveTextContent("Điểm chạm");
    expect(screen.getByTestId("project-title")).toHaveTextContent("Dự án chưa đặt tên");
  });

  it("shows map tabs only when there is more than one map", async () => {
    const p = makeProject("en");
    const second = makeProject("vi", "m2").maps[0];
    p.maps.push(second);
    await openApp(core, p);
    const tabs = screen.getAllByTestId("map-tab");
    expect(tabs).toHaveLength(2);
    expect(screen.getAllByTestId("stage-name")[0]).toHaveTextContent("Awareness");
    await userEvent.click(tabs[1]);
    expect(screen.getAllByTestId("stage-name")[0]).toHaveTextContent("Nhận thức");
  });
});

describe("cards", () => {
  it("adds a card with Vietnamese text through apply_edit", async () => {
    const user = userEvent.setup();
    await openApp(core, makeProject("vi"));
    const target = cell(1, 0);
    await user.click(within(target).getByTestId("add-card"));
    const editor = within(target).getByTestId("card-editor");
    expect(editor).toHaveFocus();
    await user.type(editor, "Khách hàng thấy quảng cáo điểm chạm{Enter}");

    await waitFor(() => expect(cardTexts(cell(1, 0))).toEqual(["Khách hàng thấy quảng cáo điểm chạm"]));
    const edits = core.edits();
    expect(edits).toHaveLength(1);
    const edit = edits[0] as Extract<Edit, { type: "add_card" }>;
    expect(edit.type).toBe("add_card");
    expect(edit.index).toBe(0);
    expect(edit.card).toMatchObject({ stage_id: "m1-s1", lane_id: "m1-l0", text: "Khách hàng thấy quảng cáo điểm chạm" });
    expect(edit.card.id).toMatch(ID);
    expect(vi.mocked(invoke)).toHaveBeenCalledWith("apply_edit", { edit });
    expect(screen.queryByTestId("card-editor")).not.toBeInTheDocument();
    // The card shown is the core's: same id as sent.
    expect(within(cell(1, 0)).getByTestId("card")).toHaveAttribute("data-card-id", edit.card.id);
  });

  it("appends to the end of a cell and keeps newlines from Shift+Enter", async () => {
    const user = userEvent.setup();
    await openApp(core, withCards());
    await user.click(within(cell(0, 0)).getByTestId("add-card"));
    await user.type(screen.getByTestId("card-editor"), "line one{Shift>}{Enter}{/Shift}line two{Enter}");
    await waitFor(() => expect(cardTexts(cell(0, 0))).toEqual(["Sees an ad", "Clicks the link", "line one\nline two"]));
    expect((core.edits()[0] as Extract<Edit, { type: "add_card" }>).index).toBe(2);
  });

  it("cancels an empty card or Escape without calling the core", async () => {
    const user = userEvent.setup();
    await openApp(core, makeProject());
    await user.click(within(cell(0, 0)).getByTestId("add-card"));
    await user.type(screen.getByTestId("card-editor"), "   {Enter}");
    expect(screen.queryByTestId("card-editor")).not.toBeInTheDocument();
    await user.click(within(cell(0, 0)).getByTestId("add-card"));
    await user.type(screen.getByTestId("card-editor"), "draft{Escape}");
    expect(screen.queryByTestId("card-editor")).not.toBeInTheDocument();
    expect(core.edits()).toHaveLength(0);
    expect(screen.queryAllByTestId("card")).toHaveLength(0);
  });

  it("edits a card by double-click and by Enter on the focused card", async () => {
    const user = userEvent.setup();
    await openApp(core, withCards());
    const card = within(cell(0, 0)).getAllByTestId("card")[0];
    await user.dblClick(within(card).getByTestId("card-text"));
    const editor = screen.getByTestId("card-editor");
    expect(editor).toHaveValue("Sees an ad");
    await user.clear(editor);
    await user.type(editor, "Sees a billboard{Enter}");
    await waitFor(() => expect(cardTexts(cell(0, 0))).toEqual(["Sees a billboard", "Clicks the link"]));
    expect(core.edits()).toEqual([{ type: "update_card", card_id: "c1", text: "Sees a billboard" }]);

    const second = within(cell(0, 0)).getAllByTestId("card")[1];
    second.focus();
    await user.keyboard("{Enter}");
    const editor2 = screen.getByTestId("card-editor");
    expect(editor2).toHaveValue("Clicks the link");
    await user.type(editor2, " twice{Escape}");
    expect(screen.queryByTestId("card-editor")).not.toBeInTheDocument();
    expect(cardTexts(cell(0, 0))).toEqual(["Sees a billboard", "Clicks the link"]);
    expect(core.edits()).toHaveLength(1);
  });

  it("gives a card its edit and delete buttons when the pointer or the focus comes to it", async () => {
    const user = userEvent.setup();
    await openApp(core, withCards());
    const [first, second] = within(cell(0, 0)).getAllByTestId("card");
    expect(screen.queryByTestId("edit-card")).not.toBeInTheDocument();
    await user.hover(first);
    expect(within(first).getByTestId("edit-card")).toBeInTheDocument();
    expect(within(second).queryByTestId("delete-card")).not.toBeInTheDocument();
    // Keyboard: focus on the card adds them, and Tab reaches them.
    act(() => second.focus());
    const del = await within(second).findByTestId("delete-card");
    await user.click(within(second).getByTestId("edit-card"));
    expect(screen.getByTestId("card-editor")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(del).toHaveAccessibleName("Delete card");
  });

  it("deletes a card with its button and with the Delete key", async () => {
    const user = userEvent.setup();
    await openApp(core, withCards());
    const first = within(cell(0, 0)).getAllByTestId("card")[0];
    await user.click(await cardButton(user, first, "delete-card"));
    await waitFor(() => expect(cardTexts(cell(0, 0))).toEqual(["Clicks the link"]));
    expect(core.edits()).toEqual([{ type: "delete_card", card_id: "c1" }]);

    const slow = within(cell(2, 4)).getByTestId("card");
    slow.focus();
    await user.keyboard("{Delete}");
    await waitFor(() => expect(cardTexts(cell(2, 4))).toEqual([]));
    expect(core.edits()[1]).toEqual({ type: "delete_card", card_id: "c3" });
  });

  it("renders hostile text as text", async () => {
    const user = userEvent.setup();
    const hostile = "<img src=x onerror=alert(1)>";
    const p = makeProject();
    p.maps[0].cards = [makeCard("h1", "m1-s0", "m1-l0", hostile)];
    p.maps[0].stages[1].name = "<b>bold</b><script>alert(2)</script>";
    const { container } = await openApp(core, p);
    expect(within(cell(0, 0)).getByTestId("card-text").textContent).toBe(hostile);
    expect(screen.getAllByTestId("stage-name")[1].textContent).toBe("<b>bold</b><script>alert(2)</script>");

    await user.click(within(cell(3, 3)).getByTestId("add-card"));
    await user.type(screen.getByTestId("card-editor"), "<img src=y onerror=alert(3)>{Enter}");
    await waitFor(() => expect(cardTexts(cell(3, 3))).toEqual(["<img src=y onerror=alert(3)>"]));
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
  });
});

describe("stages", () => {
  it("adds a stage at the end in rename mode and renames it", async () => {
    const user = userEvent.setup();
    await openApp(core, makeProject());
    await user.click(screen.getByTestId("add-stage"));
    const input = await screen.findByTestId("stage-name-input");
    expect(input).toHaveValue("New stage");
    expect(input).toHaveFocus();
    const add = core.edits()[0] as Extract<Edit, { type: "add_stage" }>;
    expect(add).toMatchObject({ type: "add_stage", map_id: "m1", index: 5, stage: { name: "New stage", color: "" } });
    expect(add.stage.id).toMatch(ID);
    expect(screen.getAllByTestId("stage-header")).toHaveLength(6);
    expect(screen.getAllByTestId("cell")).toHaveLength(48);

    await user.clear(input);
    await user.type(input, "Hậu mãi{Enter}");
    await waitFor(() => expect(screen.getAllByTestId("stage-name")[5]).toHaveTextContent("Hậu mãi"));
    expect(core.edits()[1]).toEqual({ type: "update_stage", stage_id: add.stage.id, name: "Hậu mãi" });
    expect(screen.queryByTestId("stage-name-input")).not.toBeInTheDocument();
  });

  it("renames by double-click; Escape cancels; blur commits", async () => {
    const user = userEvent.setup();
    await openApp(core, makeProject());
    await user.dblClick(screen.getAllByTestId("stage-name")[0]);
    await user.type(screen.getByTestId("stage-name-input"), "XYZ{Escape}");
    expect(screen.getAllByTestId("stage-name")[0]).toHaveTextContent("Awareness");
    expect(core.edits()).toHaveLength(0);

    const header = screen.getAllByTestId("stage-header")[1];
    await user.click(within(header).getByTestId("rename-stage"));
    const input = screen.getByTestId("stage-name-input");
    await user.clear(input);
    await user.type(input, "Research");
    await user.click(screen.getByTestId("grid"));
    await waitFor(() => expect(screen.getAllByTestId("stage-name")[1]).toHaveTextContent("Research"));
    expect(core.edits()).toEqual([{ type: "update_stage", stage_id: "m1-s1", name: "Research" }]);
  });
});

describe("saving and errors", () => {
  it("shows saving while an edit is in flight, then saved", async () => {
    const user = userEvent.setup();
    await openApp(core, makeProject());
    const status = screen.getByTestId("save-status");
    expect(status).toHaveAttribute("data-state", "saved");
    expect(status).toHaveTextContent("Saved");

    const release = core.hold("apply_edit");
    await user.click(within(cell(0, 1)).getByTestId("add-card"));
    await user.type(screen.getByTestId("card-editor"), "Signs up{Enter}");
    await waitFor(() => expect(status).toHaveAttribute("data-state", "saving"));
    // Drawn once the edit has taken longer than SHOW_SAVING_AFTER_MS.
    expect(status).toHaveTextContent("Saved");
    await waitFor(() => expect(status).toHaveTextContent("Saving…"));
    expect(cardTexts(cell(0, 1))).toEqual([]); // no optimistic write
    act(() => release());
    await waitFor(() => expect(status).toHaveAttribute("data-state", "saved"));
    expect(status).toHaveTextContent("Saved");
    expect(cardTexts(cell(0, 1))).toEqual(["Signs up"]);
  });

  it("a quick edit leaves Saved in place: the toolbar is not drawn again", async () => {
    const user = userEvent.setup();
    await openApp(core, makeProject());
    const status = screen.getByTestId("save-status");
    const drawn: string[] = [];
    const watch = new MutationObserver(() => drawn.push(status.textContent ?? ""));
    watch.observe(status, { subtree: true, childList: true, characterData: true });
    await user.click(within(cell(0, 1)).getByTestId("add-card"));
    await user.type(screen.getByTestId("card-editor"), "Signs up{Enter}");
    await waitFor(() => expect(cardTexts(cell(0, 1))).toEqual(["Signs up"]));
    await waitFor(() => expect(status).toHaveAttribute("data-state", "saved"));
    watch.disconnect();
    expect(drawn).toEqual([]);
    expect(status).toHaveTextContent("Saved");
  });

  it("shows a refused edit's error and keeps the document", async () => {
    const user = userEvent.setup();
    await openApp(core, withCards());
    core.failNext("apply_edit", { code: "edit_too_long", message: "text is too long (5000 characters, at most 4000)" });
    await user.click(within(cell(1, 1)).getByTestId("add-card"));
    await user.type(screen.getByTestId("card-editor"), "Too long{Enter}");

    const banner = await screen.findByTestId("error-message");
    expect(banner).toHaveAttribute("data-code", "edit_too_long");
    expect(banner).toHaveTextContent("This text is too long.");
    expect(screen.getByTestId("save-status")).toHaveAttribute("data-state", "error");
    // The previous document is still shown, and the typed text is not lost.
    expect(screen.getAllByTestId("card")).toHaveLength(3);
    expect(cardTexts(cell(1, 1))).toEqual([]);
    expect(screen.getByTestId("card-editor")).toHaveValue("Too long");

    await user.click(screen.getByTestId("dismiss-error"));
    expect(screen.queryByTestId("error-message")).not.toBeInTheDocument();
    // Retrying works.
    await user.type(screen.getByTestId("card-editor"), "{Enter}");
    await waitFor(() => expect(cardTexts(cell(1, 1))).toEqual(["Too long"]));
    expect(screen.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
  });

  it("serialises quick edits: the second waits for the first", async () => {
    const user = userEvent.setup();
    await openApp(core, withCards());
    const release = core.hold("apply_edit");
    await user.click(await cardButton(user, within(cell(0, 0)).getAllByTestId("card")[0], "delete-card"));
    await user.click(await cardButton(user, within(cell(2, 4)).getByTestId("card"), "delete-card"));
    await waitFor(() => expect(core.callsOf("apply_edit")).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(core.callsOf("apply_edit")).toHaveLength(1);
    act(() => release());
    await waitFor(() => expect(screen.getAllByTestId("card")).toHaveLength(1));
    expect(core.edits().map((e) => e.type)).toEqual(["delete_card", "delete_card"]);
    expect(screen.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
  });
});

describe("undo and redo", () => {
  it("buttons follow can_undo/can_redo and call undo/redo", async () => {
    const user = userEvent.setup();
    await openApp(core, makeProject());
    const undo = screen.getByTestId("undo");
    const redo = screen.getByTestId("redo");
    expect(undo).toBeDisabled();
    expect(redo).toBeDisabled();

    await user.click(within(cell(0, 0)).getByTestId("add-card"));
    await user.type(screen.getByTestId("card-editor"), "First{Enter}");
    await waitFor(() => expect(undo).toBeEnabled());
    expect(redo).toBeDisabled();

    await user.click(undo);
    await waitFor(() => expect(cardTexts()).toEqual([]));
    expect(core.callsOf("undo")).toHaveLength(1);
    expect(undo).toBeDisabled();
    expect(redo).toBeEnabled();

    await user.click(redo);
    await waitFor(() => expect(cardTexts()).toEqual(["First"]));
    expect(core.callsOf("redo")).toHaveLength(1);
    expect(undo).toBeEnabled();
    expect(redo).toBeDisabled();
  });

  it("Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, but not while typing", async () => {
    const user = userEvent.setup();
    await openApp(core, withCards());
    await user.click(await cardButton(user, within(cell(2, 4)).getByTestId("card"), "delete-card"));
    await waitFor(() => expect(screen.getAllByTestId("card")).toHaveLength(2));

    await user.click(within(cell(1, 1)).getByTestId("add-card"));
    await user.keyboard("{Control>}z{/Control}");
    expect(core.callsOf("undo")).toHaveLength(0);
    await user.keyboard("{Escape}");

    await user.keyboard("{Control>}z{/Control}");
    await waitFor(() => expect(screen.getAllByTestId("card")).toHaveLength(3));
    expect(core.callsOf("undo")).toHaveLength(1);

    await user.keyboard("{Control>}{Shift>}z{/Shift}{/Control}");
    await waitFor(() => expect(screen.getAllByTestId("card")).toHaveLength(2));
    await user.keyboard("{Control>}z{/Control}");
    await waitFor(() => expect(screen.getAllByTestId("card")).toHaveLength(3));
    await user.keyboard("{Control>}y{/Control}");
    await waitFor(() => expect(screen.getAllByTestId("card")).toHaveLength(2));
    expect(core.callsOf("redo")).toHaveLength(2);
  });
});

describe("language", () => {
  it("switches labels between English and Vietnamese and remembers the choice", async () => {
    const user = userEvent.setup();
    await openApp(core, makeProject());
    expect(screen.getByTestId("save-status")).toHaveTextContent("Saved");
    expect(within(cell(0, 0)).getByTestId("add-card")).toHaveTextContent("Add card");
    expect(screen.getByTestId("toolbar-close")).toHaveTextContent("Close");

    await user.click(screen.getByTestId("lang-vi"));
    expect(screen.getByTestId("save-status")).toHaveTextContent("Đã lưu");
    expect(within(cell(0, 0)).getByTestId("add-card")).toHaveTextContent("Thêm thẻ");
    expect(screen.getByTestId("toolbar-close")).toHaveTextContent("Đóng");
    expect(screen.getAllByTestId("lane-kind")[4]).toHaveTextContent("Điểm đau");
    expect(screen.getByTestId("lang-vi")).toHaveAttribute("aria-pressed", "true");
    expect(localStorage.getItem("journey-studio.lang")).toBe("vi");
    expect(document.documentElement.lang).toBe("vi");

    await user.click(screen.getByTestId("add-stage"));
    expect(await screen.findByTestId("stage-name-input")).toHaveValue("Giai đoạn mới");
    await user.keyboard("{Escape}");

    await user.click(screen.getByTestId("lang-en"));
    expect(screen.getByTestId("save-status")).toHaveTextContent("Saved");
    expect(localStorage.getItem("journey-studio.lang")).toBe("en");
  });

  it("translates error messages", async () => {
    const user = userEvent.setup();
    await openApp(core, makeProject());
    await user.click(screen.getByTestId("lang-vi"));
    core.failNext("apply_edit", { code: "disk_full", message: "could not write the project file: disk full" });
    await user.click(screen.getByTestId("add-stage"));
    const banner = await screen.findByTestId("error-message");
    expect(banner).toHaveAttribute("data-code", "disk_full");
    expect(banner).toHaveTextContent("Ổ đĩa đã đầy.");
    expect(screen.getByTestId("save-status")).toHaveTextContent("Thay đổi chưa được lưu");
  });
});

describe("start screen", () => {
  it("shows recent files and opens one", async () => {
    const user = userEvent.setup();
    core.addFile("/a/first.journey", makeProject("en")).addFile("/b/second.journey", makeProject("vi"));
    render(<App />);
    expect(await screen.findByTestId("start-screen")).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId("recent-item")).toHaveLength(2));
    await user.click(screen.getAllByTestId("recent-open")[0]);
    await screen.findByTestId("grid");
    expect(core.callsOf("open_project")[0].args).toEqual({ path: "/b/second.journey" });
    expect(screen.getAllByTestId("stage-name")[0]).toHaveTextContent("Nhận thức");

    await user.click(screen.getByTestId("toolbar-close"));
    expect(await screen.findByTestId("start-screen")).toBeInTheDocument();
    expect(core.callsOf("close_project")).toHaveLength(1);
  });

  it("shows a missing recent file's error and forgets it", async () => {
    const user = userEvent.setup();
    core.recent = ["/gone/old.journey"];
    render(<App />);
    await waitFor(() => expect(screen.getAllByTestId("recent-item")).toHaveLength(1));
    await user.click(screen.getByTestId("recent-open"));
    const banner = await screen.findByTestId("error-message");
    expect(banner).toHaveAttribute("data-code", "file_not_found");
    expect(banner).toHaveTextContent("The file could not be found.");
    expect(screen.getByTestId("start-screen")).toBeInTheDocument();

    await user.click(screen.getByTestId("forget-recent-error"));
    await waitFor(() => expect(screen.queryByTestId("recent-item")).not.toBeInTheDocument());
    expect(core.callsOf("forget_recent")[0].args).toEqual({ path: "/gone/old.journey" });
    expect(screen.queryByTestId("error-message")).not.toBeInTheDocument();
  });

  it("shows the error of a bad file given on the command line", async () => {
    core.initialPath = "/tmp/notes.txt";
    core.failNext("open_project", {
      code: "file_not_project",
      message: "/tmp/notes.txt: not a Journey Studio project (not an SQLite database)",
    });
    render(<App />);
    const banner = await screen.findByTestId("error-message");
    expect(banner).toHaveAttribute("data-code", "file_not_project");
    expect(banner).toHaveTextContent("This file is not a Journey Studio project. It was not changed.");
    expect(screen.getByTestId("start-screen")).toBeInTheDocument();
  });
});

describe("single instance", () => {
  it("opens a project the app is asked to open while running", async () => {
    const { listen } = await import("@tauri-apps/api/event");
    await openApp(core, withCards());
    const other = "/home/designer/maps/khác.journey";
    core.addFile(other, makeProject("vi", "m2"));
    const calls = vi.mocked(listen).mock.calls.filter(([event]) => event === "open-file");
    const [, handler] = calls[calls.length - 1];
    await act(async () => {
      (handler as (e: { payload: string }) => void)({ payload: other });
    });
    await waitFor(() => expect(screen.getByTestId("project-path")).toHaveTextContent(other));
    expect(screen.getAllByTestId("stage-name")[0]).toHaveTextContent("Nhận thức");
  });
});
