import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ask, open, save } from "@tauri-apps/plugin-dialog";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../App";
import type { Lang, TemplateInfo } from "../bindings";
import { setLang } from "../i18n";
import { useStore } from "../store";
import type { TestCore } from "../test/testCore";
import { makeCard, makeProject } from "../test/projects";
import { freshCore, openApp, PATH } from "../test/harness";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

let core: TestCore;
beforeEach(async () => {
  core = await freshCore();
  vi.mocked(open).mockReset();
  vi.mocked(save).mockReset();
  vi.mocked(ask).mockReset();
});

const names = () => screen.getAllByTestId("template-name").map((n) => n.textContent);
/** The gallery as the core answers it. */
const gallery = async (lang: Lang) => (await core.request("templates", { lang })) as TemplateInfo[];

describe("template gallery", () => {
  it("lists the core's templates in the UI language and creates the chosen one in the chosen language", async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByTestId("new-project"));
    const dialog = await screen.findByTestId("template-gallery");
    await waitFor(() => expect(names()).toHaveLength(6));
    const [english, vietnamese] = [await gallery("en"), await gallery("vi")];
    expect(names()).toEqual(english.map((t) => t.name));
    expect(core.callsOf("templates").at(-1)!.args).toEqual({ lang: "en" });
    const ecommerce = screen.getAllByTestId("template-option")[3];
    expect(english[3].id).toBe("ecommerce");
    expect(
      within(ecommerce)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Ad", "Landing page", "Product page", "Cart", "Checkout", "Delivery", "Review"]);
    expect(english[3].cards).toBeGreaterThan(1);
    expect(ecommerce).toHaveTextContent(`7 stages · ${english[3].cards} example cards`);
    // The keyboard starts on the chosen template.
    await waitFor(() => expect(within(dialog).getByRole("radio", { checked: true, name: new RegExp(english[0].name) })).toHaveFocus());

    // Switching the UI language shows the templates in Vietnamese.
    await setLang("vi");
    await waitFor(() => expect(names()).toEqual(vietnamese.map((t) => t.name)));
    expect(names()[0]).not.toBe(english[0].name);
    expect(within(dialog).getByRole("heading", { name: "Dự án mới" })).toBeInTheDocument();
    expect(screen.getAllByTestId("template-option")[3]).toHaveTextContent(`7 giai đoạn · ${vietnamese[3].cards} thẻ mẫu`);

    // Pick e-commerce with the arrow keys, the project in Vietnamese, then where to save it.
    await user.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}");
    expect(within(screen.getAllByTestId("template-option")[3]).getByRole("radio")).toBeChecked();
    vi.mocked(save).mockResolvedValue("/home/u/Cửa hàng");
    await user.click(screen.getByTestId("gallery-create"));
    await waitFor(() => expect(useStore.getState().doc).not.toBeNull());
    expect(screen.queryByTestId("template-gallery")).toBeNull();
    expect(core.callsOf("new_project")[0].args).toEqual({ path: "/home/u/Cửa hàng.journey", lang: "vi", template: "ecommerce", overwrite: false });
    expect(
      useStore
        .getState()
        .doc!.project.maps[0].stages.map((s) => s.name)
        .slice(0, 2),
    ).toEqual(["Quảng cáo", "Trang đích"]);
  }, 20000);

  it("can create an English project from a Vietnamese UI, and Escape closes without creating", async () => {
    const user = userEvent.setup();
    await setLang("vi");
    render(<App />);
    await user.click(await screen.findByTestId("new-project"));
    const [english, vietnamese] = [await gallery("en"), await gallery("vi")];
    await waitFor(() => expect(names()[1]).toBe(vietnamese[1].name));
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("template-gallery")).toBeNull();
    expect(screen.getByTestId("new-project")).toHaveFocus();

    await user.click(screen.getByTestId("new-project"));
    await waitFor(() => expect(names()).toHaveLength(6));
    await user.click(screen.getByTestId("gallery-lang-en"));
    await waitFor(() => expect(names()[1]).toBe(english[1].name));
    vi.mocked(save).mockResolvedValue(null); // the save dialog is cancelled: nothing is created
    await user.dblClick(screen.getAllByTestId("template-option")[1]);
    expect(save).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("template-gallery")).toBeNull();
    expect(core.callsOf("new_project")).toHaveLength(0);
  });

  it("opens from the toolbar's New… in an open project", async () => {
    const user = userEvent.setup();
    await openApp(core, makeProject("en"));
    await user.click(screen.getByTestId("toolbar-new"));
    await waitFor(() => expect(names()).toHaveLength(6));
    await user.click(screen.getByTestId("gallery-cancel"));
    expect(screen.queryByTestId("template-gallery")).toBeNull();
  });
});

describe("project JSON", () => {
  function withCard() {
    const p = makeProject("vi");
    p.maps[0].cards = [makeCard("c1", "m1-s0", "m1-l0", "Thấy quảng cáo")];
    return p;
  }

  it("a failed import shows the translated error and leaves the open project as it was", async () => {
    const user = userEvent.setup();
    await setLang("vi");
    await openApp(core, withCard());
    const before = JSON.stringify(useStore.getState().doc);
    core.writeText("/tmp/other.json", JSON.stringify({ format: "something-else", version: 1 }));
    vi.mocked(open).mockResolvedValue("/tmp/other.json");
    vi.mocked(save).mockResolvedValue("/tmp/other.journey");
    await user.click(screen.getByTestId("toolbar-json"));
    await user.click(screen.getByTestId("import-json"));
    const banner = await screen.findByTestId("error-message");
    expect(banner).toHaveAttribute("data-code", "import_not_a_project");
    expect(banner).toHaveTextContent("Tệp JSON này không phải là dự án Journey Studio. Không có gì được nhập.");
    expect(vi.mocked(save).mock.calls[0][0]?.defaultPath).toBe("other.journey");
    expect(JSON.stringify(useStore.getState().doc)).toBe(before);
    expect((await core.document())!.path).toBe(PATH);
    expect(core.exists("/tmp/other.journey")).toBe(false);
    expect(screen.getAllByTestId("card-text").map((c) => c.textContent)).toEqual(["Thấy quảng cáo"]);

    // Malformed JSON and a newer version are named as such.
    core.writeText("/tmp/other.json", "{ nope");
    await user.click(screen.getByTestId("toolbar-json"));
    await user.click(screen.getByTestId("import-json"));
    await waitFor(() => expect(screen.getByTestId("error-message")).toHaveAttribute("data-code", "import_malformed"));
    expect(JSON.stringify(useStore.getState().doc)).toBe(before);
  });

  it("exports the open project as JSON and imports it back as a new project file", async () => {
    const user = userEvent.setup();
    await openApp(core, withCard());
    vi.mocked(save).mockResolvedValueOnce("/tmp/backup");
    await user.click(screen.getByTestId("toolbar-json"));
    await user.click(screen.getByTestId("export-json"));
    await screen.findByTestId("export-json-done");
    expect(vi.mocked(save).mock.calls[0][0]).toEqual({ filters: [{ name: "JSON", extensions: ["json"] }], defaultPath: "Dự án chưa đặt tên.json" });
    expect(core.callsOf("export_project_json")[0].args).toEqual({ path: "/tmp/backup.json" });

    vi.mocked(open).mockResolvedValue("/tmp/backup.json");
    vi.mocked(save).mockResolvedValueOnce("/tmp/restored");
    await user.click(screen.getByTestId("toolbar-json"));
    await user.click(screen.getByTestId("import-json"));
    await waitFor(() => expect(useStore.getState().doc!.path).toBe("/tmp/restored.journey"));
    expect(vi.mocked(open).mock.calls[0][0]).toMatchObject({ filters: [{ name: "JSON", extensions: ["json"] }] });
    expect(core.callsOf("import_project_json")[0].args).toEqual({ source: "/tmp/backup.json", dest: "/tmp/restored.journey", overwrite: false });
    expect(screen.getAllByTestId("card-text").map((c) => c.textContent)).toEqual(["Thấy quảng cáo"]);
    expect(core.exists(PATH)).toBe(true);
    expect(core.exists("/tmp/backup.json")).toBe(true);
  });

  it("the start screen imports too, asking before replacing an existing file", async () => {
    const user = userEvent.setup();
    core.addFile("/tmp/exists.journey", makeProject("en"), false);
    core.writeText("/tmp/a.json", JSON.stringify({ format: "journey-studio-project", version: 1, project: withCard(), snapshots: [] }));
    vi.mocked(open).mockResolvedValue("/tmp/a.json");
    vi.mocked(save).mockResolvedValue("/tmp/exists.journey");
    vi.mocked(ask).mockResolvedValue(true);
    render(<App />);
    await user.click(await screen.findByTestId("import-json"));
    await screen.findByTestId("grid");
    expect(core.callsOf("import_project_json").map((c) => c.args.overwrite)).toEqual([false, true]);
    expect(useStore.getState().doc!.path).toBe("/tmp/exists.journey");
  });
});
