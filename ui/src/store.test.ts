import { ask, open, save } from "@tauri-apps/plugin-dialog";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { withProjectExtension } from "./dialogs";
import { newProjectFlow, openFlow, saveAsFlow } from "./flows";
import { useStore } from "./store";
import type { TestCore } from "./test/testCore";
import { makeCard, makeProject } from "./test/projects";
import { freshCore } from "./test/harness";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

let core: TestCore;

beforeEach(async () => {
  core = await freshCore();
  vi.mocked(open).mockReset();
  vi.mocked(save).mockReset();
  vi.mocked(ask).mockReset();
});

async function opened() {
  const p = makeProject();
  p.maps[0].cards = [makeCard("c1", "m1-s0", "m1-l0", "one")];
  core.addFile("/p/a.journey", p);
  expect(await useStore.getState().open("/p/a.journey")).toBeNull();
}

describe("store", () => {
  it("serialises edits and shows only what the core returned", async () => {
    await opened();
    const release = core.hold("apply_edit");
    const s = useStore.getState();
    const first = s.dispatch({ type: "update_card", card_id: "c1", text: "two" });
    const second = s.dispatch({ type: "update_card", card_id: "c1", text: "three" });
    expect(useStore.getState().pending).toBe(2);
    expect(useStore.getState().saveState).toBe("saving");
    await new Promise((r) => setTimeout(r, 10));
    expect(core.callsOf("apply_edit")).toHaveLength(1);
    expect(useStore.getState().doc!.project.maps[0].cards[0].text).toBe("one");
    release();
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(core.edits().map((e) => (e as { text: string }).text)).toEqual(["two", "three"]);
    const st = useStore.getState();
    expect(st.pending).toBe(0);
    expect(st.saveState).toBe("saved");
    expect(st.doc!.project.maps[0].cards[0].text).toBe("three");
    expect(st.doc!.revision).toBe(2);
  });

  it("merges the change an edit answers with, and reloads the document when a change does not follow it", async () => {
    await opened();
    expect(await useStore.getState().dispatch({ type: "update_card", card_id: "c1", text: "merged" })).toBe(true);
    expect(core.callsOf("current_document")).toHaveLength(0);
    expect(useStore.getState().doc!.project.maps[0].cards[0].text).toBe("merged");
    // The file moved on behind this view's back (as a teammate's change would):
    // the next change does not follow the view, so the view is fetched whole.
    for (const text of ["theirs 1", "theirs 2", "theirs 3"]) await core.request("apply_edit", { edit: { type: "update_card", card_id: "c1", text } });
    expect(await useStore.getState().dispatch({ type: "update_card", card_id: "c1", text: "reloaded" })).toBe(true);
    expect(core.callsOf("current_document")).toHaveLength(1);
    const st = useStore.getState();
    expect(st.doc!.revision).toBe((await core.document())!.revision);
    expect(st.doc!.project.maps[0].cards[0].text).toBe("reloaded");
    expect(st.saveState).toBe("saved");
  });

  it("keeps the previous document when an edit is refused, and later edits still run", async () => {
    await opened();
    const before = useStore.getState().doc;
    core.failNext("apply_edit", { code: "edit_unknown_target", message: "no card with id zz" });
    const s = useStore.getState();
    const bad = s.dispatch({ type: "delete_card", card_id: "zz" });
    const good = s.dispatch({ type: "update_card", card_id: "c1", text: "ok" });
    expect(await bad).toBe(false);
    expect(useStore.getState().error).toEqual({ code: "edit_unknown_target", message: "no card with id zz" });
    expect(await good).toBe(true);
    expect(useStore.getState().doc).not.toBe(before);
    expect(useStore.getState().doc!.project.maps[0].cards[0].text).toBe("ok");

    core.failNext("apply_edit", { code: "disk_full", message: "disk full" });
    const docBefore = useStore.getState().doc;
    expect(await useStore.getState().dispatch({ type: "delete_card", card_id: "c1" })).toBe(false);
    expect(useStore.getState().doc).toBe(docBefore);
    expect(useStore.getState().saveState).toBe("error");
    useStore.getState().dismissError();
    expect(useStore.getState().saveState).toBe("saved");
  });

  it("a failed open keeps the open document and does not mark it unsaved", async () => {
    await opened();
    const doc = useStore.getState().doc;
    const err = await useStore.getState().open("/nope.journey");
    expect(err?.code).toBe("file_not_found");
    expect(useStore.getState().doc).toBe(doc);
    expect(useStore.getState().error?.code).toBe("file_not_found");
    expect(useStore.getState().saveState).toBe("saved");
  });

  it("close returns to no document and refreshes the recent list", async () => {
    await opened();
    expect(await useStore.getState().close()).toBeNull();
    expect(useStore.getState().doc).toBeNull();
    expect(useStore.getState().recent).toEqual(["/p/a.journey"]);
  });
});

describe("dialog flows", () => {
  it("adds .journey to a chosen save path", () => {
    expect(withProjectExtension("/x/map")).toBe("/x/map.journey");
    expect(withProjectExtension("/x/map.journey")).toBe("/x/map.journey");
    expect(withProjectExtension("/x/map.JOURNEY")).toBe("/x/map.JOURNEY");
  });

  it("new project: asks for a path, creates it from the template in the language", async () => {
    vi.mocked(save).mockResolvedValue("/home/u/Hành trình");
    await newProjectFlow("vi", "ecommerce");
    expect(vi.mocked(save).mock.calls[0][0]?.filters).toEqual([{ name: "Journey Studio project", extensions: ["journey"] }]);
    expect(core.callsOf("new_project")[0].args).toEqual({ path: "/home/u/Hành trình.journey", lang: "vi", template: "ecommerce", overwrite: false });
    expect(useStore.getState().doc!.project.maps[0].stages[0].name).toBe("Quảng cáo");
    vi.mocked(save).mockResolvedValue("/home/u/Mặc định");
    await newProjectFlow("vi");
    expect(core.callsOf("new_project")[1].args.template).toBe("marketing");
    expect(useStore.getState().doc!.project.maps[0].stages[0].name).toBe("Nhận thức");
  });

  it("new project over an existing file asks before overwriting", async () => {
    core.addFile("/home/u/a.journey", makeProject("en"), false);
    vi.mocked(save).mockResolvedValue("/home/u/a.journey");
    vi.mocked(ask).mockResolvedValueOnce(false);
    await newProjectFlow("en");
    expect(core.callsOf("new_project")).toHaveLength(1);
    expect(useStore.getState().doc).toBeNull();
    expect(useStore.getState().error).toBeNull();

    vi.mocked(ask).mockResolvedValueOnce(true);
    await newProjectFlow("en");
    expect(core.callsOf("new_project").map((c) => c.args.overwrite)).toEqual([false, false, true]);
    expect(useStore.getState().doc!.path).toBe("/home/u/a.journey");
  });

  it("cancelled dialogs do nothing; open and save as use the chosen paths", async () => {
    vi.mocked(save).mockResolvedValue(null);
    vi.mocked(open).mockResolvedValue(null);
    await newProjectFlow("en");
    await openFlow();
    expect(core.calls.filter((c) => c.cmd !== "recent_files")).toEqual([]);

    core.addFile("/p/a.journey", makeProject());
    vi.mocked(open).mockResolvedValue("/p/a.journey");
    await openFlow();
    expect(useStore.getState().doc!.path).toBe("/p/a.journey");

    vi.mocked(save).mockResolvedValue("/p/copy");
    await saveAsFlow();
    expect(core.callsOf("save_as")[0].args).toEqual({ path: "/p/copy.journey", overwrite: false });
    expect(useStore.getState().doc!.path).toBe("/p/copy.journey");
  });

  it("a failing dialog shows an error", async () => {
    vi.mocked(open).mockRejectedValue(new Error("dialog.open not allowed"));
    await openFlow();
    expect(useStore.getState().error).toEqual({ code: "dialog", message: "dialog.open not allowed" });
  });
});
