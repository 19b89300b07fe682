import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DocumentView, Edit } from "../bindings";
import { useCanvas } from "../canvas/canvasStore";
import { setLang } from "../i18n";
import * as photo from "../photo";
import { useStore } from "../store";
import type { TestCore } from "../test/testCore";
import { makeCard, makePersona, makeProject } from "../test/projects";
import { edits } from "../edits";
import theme from "../theme.json";
import { freshCore, openApp } from "../test/harness";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

let core: TestCore;
beforeEach(async () => {
  core = await freshCore();
  useCanvas.setState(useCanvas.getInitialState(), true);
  vi.restoreAllMocks();
});

function project() {
  const p = makeProject("vi");
  p.personas = [
    makePersona("linh", "Linh", {
      role: "Nhân viên văn phòng, 27 tuổi, Hà Nội",
      quote: "Tôi muốn học mọi lúc mọi nơi.",
      goals: "Lên chức trong 1 năm",
      photo: PNG,
    }),
    makePersona("minh", "Minh"),
  ];
  p.maps[0].persona_id = "linh";
  return p;
}

async function editField(field: string, text: string) {
  const user = userEvent.setup();
  const panel = screen.getByTestId("persona-panel");
  await user.click(within(panel).getByTestId(`persona-field-${field}`));
  const input = within(panel).getByTestId(`persona-field-${field}-input`);
  await user.clear(input);
  await user.type(input, `${text}{Enter}`);
  await waitFor(() => expect(within(panel).getByTestId(`persona-field-${field}`)).toHaveTextContent(text.split("\n")[0]));
}

describe("personas", () => {
  it("the map panel shows the linked persona: photo, name, role, quote and goals", async () => {
    await openApp(core, project());
    const card = screen.getByTestId("persona-card");
    expect(within(card).getByTestId("persona-photo")).toHaveAttribute("src", PNG);
    expect(within(card).getByTestId("persona-name")).toHaveTextContent("Linh");
    expect(within(card).getByTestId("persona-role")).toHaveTextContent("Nhân viên văn phòng, 27 tuổi, Hà Nội");
    expect(within(card).getByTestId("persona-quote")).toHaveTextContent("Tôi muốn học mọi lúc mọi nơi.");
    expect(within(card).getByTestId("persona-goals")).toHaveTextContent("Lên chức trong 1 năm");
    expect(within(card).queryByTestId("persona-needs")).toBeNull();
  });

  it("a persona's avatar, curve and legend wear one colour, its place in the project's list, whatever cards are added", async () => {
    const p = project();
    p.personas.push(makePersona("an", "An"));
    p.maps[0].persona_id = "minh";
    p.maps[0].cards.push({ ...makeCard("e1", "m1-s1", "m1-l3", "Minh"), emotion: 1 });
    await openApp(core, p);
    const avatar = () => screen.getByTestId("persona-card").querySelector(".persona-avatar") as HTMLElement;
    const strokes = () =>
      [...screen.getByTestId("emotion-band").querySelectorAll('[data-testid="emotion-curve"]')].map((c) => (c as SVGElement).style.stroke);
    // Minh is second in the project: the second colour (theme.json personaPalette[1]), though his is the map's only curve.
    expect(avatar().dataset.color).toBe(theme.personaPalette[1]);
    expect(strokes()).toEqual(["rgb(37, 99, 235)"]);
    // A card of An's (third) added before Minh's: An's curve in the third colour, Minh's unchanged.
    await useStore.getState().dispatch(edits.addCard({ ...makeCard("e0", "m1-s0", "m1-l3", "An"), emotion: -1, persona_id: "an" }, 0));
    await waitFor(() => expect(strokes()).toHaveLength(2));
    expect(strokes()).toEqual(["rgb(37, 99, 235)", "rgb(219, 39, 119)"]);
    expect(avatar().dataset.color).toBe(theme.personaPalette[1]);
    const swatches = [...screen.getByTestId("emotion-legend").querySelectorAll(".emo-legend-swatch")].map((s) => (s as HTMLElement).style.background);
    expect(swatches).toEqual(["rgb(37, 99, 235)", "rgb(219, 39, 119)"]);
  });

  it("never uses a photo that is not a checked PNG/JPEG data URL as an image source", async () => {
    const tracker = "https://tracker.example/pixel.png";
    // The core never stores one…
    const p = project();
    p.personas[0].photo = tracker;
    await expect(core.request("put_project", { path: "/tmp/tracked.journey", project: p })).rejects.toMatchObject({ code: "edit_invalid_photo" });
    // …and the UI never shows one, should a document hold it anyway.
    core.alterNext<DocumentView>("open_project", (doc) => {
      doc.project.personas[0].photo = tracker;
      return doc;
    });
    await openApp(core, project());
    expect(useStore.getState().doc!.project.personas[0].photo).toBe(tracker);
    expect(screen.queryByTestId("persona-photo")).toBeNull();
    expect(screen.getByTestId("persona-card").querySelector("img")).toBeNull();
  });

  it("edits every field in place, one update_persona edit each", async () => {
    const user = userEvent.setup();
    await setLang("vi");
    await openApp(core, project());
    await user.click(screen.getByTestId("edit-persona"));
    const panel = await screen.findByTestId("persona-panel");
    expect(within(panel).getByRole("heading", { name: "Chân dung khách hàng" })).toBeInTheDocument();
    expect(within(panel).getByTestId("persona-editor")).toHaveAttribute("data-persona", "linh");
    expect(within(panel).getByTestId("persona-linked")).toHaveTextContent("Đang hiển thị trên bản đồ này");
    await editField("name", "Linh Nguyễn");
    await editField("role", "Chuyên viên marketing");
    await editField("quote", "Giá phải rõ ràng");
    await editField("goals", "Có chứng chỉ");
    await editField("needs", "Học trên điện thoại");
    await editField("frustrations", "Thanh toán rườm rà");
    await editField("description", "Sống ở Hà Nội");
    const fields = ["name", "role", "quote", "goals", "needs", "frustrations", "description"];
    expect(core.edits()).toEqual(
      fields.map((f, i) => ({
        type: "update_persona",
        persona_id: "linh",
        [f]: [
          "Linh Nguyễn",
          "Chuyên viên marketing",
          "Giá phải rõ ràng",
          "Có chứng chỉ",
          "Học trên điện thoại",
          "Thanh toán rườm rà",
          "Sống ở Hà Nội",
        ][i],
      })),
    );
    // The map panel behind shows the new values.
    const card = screen.getByTestId("persona-card");
    expect(within(card).getByTestId("persona-needs")).toHaveTextContent("Học trên điện thoại");
    expect(within(card).getByTestId("persona-frustrations")).toHaveTextContent("Thanh toán rườm rà");
    // An emptied name is not sent.
    await user.click(within(panel).getByTestId("persona-field-name"));
    await user.clear(within(panel).getByTestId("persona-field-name-input"));
    await user.keyboard("{Enter}");
    expect(core.edits()).toHaveLength(7);
    await user.keyboard("{Escape}");
    // Escape in a field cancels the field only; the next closes the dialog.
    expect(screen.getByTestId("persona-panel")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("persona-panel")).toBeNull();
  }, 30000);

  it("adds a persona, links it to the map, deletes it and undoes the delete", async () => {
    const user = userEvent.setup();
    await openApp(core, project());
    await user.click(screen.getByTestId("manage-personas"));
    const panel = await screen.findByTestId("persona-panel");
    await user.click(within(panel).getByTestId("persona-add"));
    await waitFor(() => expect(within(panel).getAllByTestId("persona-list-item")).toHaveLength(3));
    const added = core.edits()[0] as Extract<Edit, { type: "add_persona" }>;
    expect(added).toMatchObject({ type: "add_persona", index: 2, persona: { name: "New persona", photo: "", role: "" } });
    expect(within(panel).getByTestId("persona-editor")).toHaveAttribute("data-persona", added.persona.id);

    await user.click(within(panel).getByTestId("persona-link"));
    await waitFor(() => expect(within(panel).getByTestId("persona-linked")).toBeInTheDocument());
    expect(core.edits()[1]).toEqual({ type: "set_map_persona", map_id: "m1", persona_id: added.persona.id });

    await user.click(within(panel).getByTestId("persona-delete"));
    await within(panel).findByTestId("persona-deleted");
    expect(core.edits()[2]).toEqual({ type: "delete_persona", persona_id: added.persona.id });
    expect(within(panel).getAllByTestId("persona-list-item")).toHaveLength(2);
    expect(useStore.getState().doc!.project.maps[0].persona_id).toBeNull();
    // The editor shows the neighbour.
    expect(within(panel).getByTestId("persona-editor")).toHaveAttribute("data-persona", "minh");

    await user.click(within(panel).getByTestId("persona-undo-delete"));
    await waitFor(() => expect(within(panel).getAllByTestId("persona-list-item")).toHaveLength(3));
    expect(within(panel).getByTestId("persona-editor")).toHaveAttribute("data-persona", added.persona.id);
    expect(useStore.getState().doc!.project.maps[0].persona_id).toBe(added.persona.id);
  }, 20000);

  it("a picked photo is downscaled and sent as a data URL; it can be removed", async () => {
    const user = userEvent.setup();
    const spy = vi.spyOn(photo, "photoFromFile").mockResolvedValue(PNG);
    const p = project();
    p.personas[0].photo = "";
    await openApp(core, p);
    await user.click(screen.getByTestId("edit-persona"));
    const panel = await screen.findByTestId("persona-panel");
    const input = within(panel).getByTestId("persona-photo-input") as HTMLInputElement;
    expect(input.accept).toBe("image/png,image/jpeg,image/webp,image/gif");
    const file = new File(["x"], "linh.webp", { type: "image/webp" });
    await user.upload(input, file);
    const editor = within(panel).getByTestId("persona-editor");
    await waitFor(() => expect(within(editor).getByTestId("persona-photo")).toHaveAttribute("src", PNG));
    expect(spy).toHaveBeenCalledWith(file);
    expect(core.edits()).toEqual([{ type: "update_persona", persona_id: "linh", photo: PNG }]);

    await user.click(within(panel).getByTestId("persona-photo-remove"));
    await waitFor(() => expect(within(editor).queryByTestId("persona-photo")).toBeNull());
    expect(core.edits()[1]).toEqual({ type: "update_persona", persona_id: "linh", photo: "" });
  });

  it("a picture that cannot be used shows a translated message and sends nothing", async () => {
    vi.spyOn(photo, "photoFromFile").mockRejectedValue(new photo.PhotoError("photo_unsupported", "type image/svg+xml"));
    await setLang("vi");
    await openApp(core, project());
    fireEvent.click(screen.getByTestId("edit-persona"));
    const panel = await screen.findByTestId("persona-panel");
    fireEvent.change(within(panel).getByTestId("persona-photo-input"), {
      target: { files: [new File(["<svg/>"], "a.svg", { type: "image/svg+xml" })] },
    });
    expect(await within(panel).findByTestId("persona-photo-error")).toHaveTextContent("Không hỗ trợ loại ảnh này.");
    expect(core.edits()).toEqual([]);
  });

  it("keys typed in the dialog do not reach the canvas (Delete keeps the selected cards)", async () => {
    const user = userEvent.setup();
    const p = project();
    p.maps[0].cards = [
      { id: "c1", stage_id: "m1-s0", lane_id: "m1-l0", text: "Thẻ", note: "", color: "", channel: "", emotion: null, conversion: null, volume: null },
    ];
    await openApp(core, p);
    useCanvas.getState().select(["c1"]);
    await user.click(screen.getByTestId("manage-personas"));
    await screen.findByTestId("persona-panel");
    await user.keyboard("{Delete}");
    expect(core.edits()).toEqual([]);
  });
});
