import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { save } from "@tauri-apps/plugin-dialog";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PdfOptions, PreviewPages } from "../bindings";
import { setLang } from "../i18n";
import type { TestCore } from "../test/testCore";
import { useCanvas } from "../canvas/canvasStore";
import { makeCard, makeProject, withTwoCurves } from "../test/projects";
import { freshCore, openApp } from "../test/harness";
import { PREVIEW_BATCH, svgDataUrl } from "./ExportDialog";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

let core: TestCore;
beforeEach(async () => {
  core = await freshCore();
  vi.mocked(save).mockReset();
});

function lastPreviewOptions(): PdfOptions {
  const calls = core.callsOf("export_preview");
  return calls[calls.length - 1].args.options as PdfOptions;
}

/** How many pages the core composes for map m1 with `options`. */
async function pagesFor(options: PdfOptions): Promise<number> {
  return ((await core.request("export_preview", { mapId: "m1", options, first: 0, count: 1 })) as PreviewPages).page_count;
}

/** Whether the file the core wrote at `path` starts with `magic`, from byte `at`. */
function startsWith(path: string, magic: string, at = 0): boolean {
  return new TextDecoder().decode(core.readBytes(path).slice(at, at + magic.length)) === magic;
}

async function openDialog() {
  await openApp(core, makeProject("vi"));
  await userEvent.click(screen.getByTestId("toolbar-export"));
  return screen.findByTestId("export-dialog");
}

describe("export dialog", () => {
  it("previews every page the core composes and follows the options", async () => {
    const dialog = await openDialog();
    await waitFor(() => expect(core.callsOf("export_preview")).toHaveLength(1));
    expect(lastPreviewOptions()).toMatchObject({ page_size: "a4", orientation: "landscape", layout: "tiled", lang: "en" });
    const tiled = await pagesFor(lastPreviewOptions());
    await waitFor(() => expect(within(dialog).getAllByTestId("export-page")).toHaveLength(tiled));
    expect(within(dialog).getByTestId("export-preview")).toHaveTextContent(`Pages: ${tiled}`);

    await userEvent.selectOptions(within(dialog).getByTestId("export-layout"), "fit_to_page");
    await userEvent.click(within(dialog).getByTestId("export-cover"));
    await userEvent.selectOptions(within(dialog).getByTestId("export-page-size"), "a3");
    await waitFor(() => expect(lastPreviewOptions()).toMatchObject({ page_size: "a3", layout: "fit_to_page", cover: true }));
    const fitted = await pagesFor(lastPreviewOptions());
    await waitFor(() => expect(within(dialog).getAllByTestId("export-page")).toHaveLength(fitted));
    expect(within(dialog).getByTestId("export-preview")).toHaveTextContent(`Pages: ${fitted}`);
    // Pages are pictures (img), never markup inserted into the document.
    const img = within(dialog).getAllByRole("img")[0] as HTMLImageElement;
    expect(img.src.startsWith("data:image/svg+xml")).toBe(true);
    expect(dialog.querySelector("svg text")).toBeNull();
  });

  it("draws a long document's pages as they come near the visible part of the preview", async () => {
    // A map of 60 stages tiles over more pages than one batch.
    const p = makeProject("en");
    const map = p.maps[0];
    map.stages = Array.from({ length: 60 }, (_, i) => ({ id: `m1-s${i}`, name: `Stage ${i + 1}`, color: "" }));
    map.cards = map.stages.map((s, i) => makeCard(`c${i}`, s.id, "m1-l0", `Card ${i + 1}`));
    // The page list's observer, driven by the test: which pages "come into view".
    type Seen = (entries: { target: Element; isIntersecting: boolean }[]) => void;
    const io: { seen: Seen | null } = { seen: null };
    const observed: Element[] = [];
    vi.stubGlobal(
      "IntersectionObserver",
      class {
        constructor(callback: Seen) {
          io.seen = callback;
        }
        observe(el: Element) {
          observed.push(el);
        }
        disconnect() {}
      },
    );
    try {
      await openApp(core, p);
      await userEvent.click(screen.getByTestId("toolbar-export"));
      const dialog = await screen.findByTestId("export-dialog");
      await waitFor(() => expect(core.callsOf("export_preview")).toHaveLength(1));
      const total = await pagesFor(lastPreviewOptions());
      expect(total).toBeGreaterThan(2 * PREVIEW_BATCH);
      await waitFor(() => expect(within(dialog).getAllByTestId("export-page")).toHaveLength(total));
      expect(within(dialog).getByTestId("export-preview")).toHaveTextContent(`Pages: ${total}`);
      const drawn = () =>
        within(dialog)
          .getAllByTestId("export-page")
          .filter((li) => li.dataset.drawn === "true").length;
      expect(drawn()).toBe(PREVIEW_BATCH);
      expect(core.callsOf("export_preview").map((c) => [c.args.first, c.args.count])).toEqual([[0, PREVIEW_BATCH]]);

      // The third batch's first and last pages come into view: that batch is asked for and drawn, once.
      const page = (n: number) => observed.find((el) => (el as HTMLElement).dataset.page === String(n)) as Element;
      expect(page(2 * PREVIEW_BATCH)).toBeDefined();
      io.seen?.([{ target: page(3 * PREVIEW_BATCH - 1), isIntersecting: true }]);
      io.seen?.([{ target: page(2 * PREVIEW_BATCH), isIntersecting: true }]);
      await waitFor(() => expect(drawn()).toBe(2 * PREVIEW_BATCH));
      expect(core.callsOf("export_preview").map((c) => c.args.first)).toEqual([0, 2 * PREVIEW_BATCH]);
      expect(within(dialog).getAllByTestId("export-page")[2 * PREVIEW_BATCH].dataset.drawn).toBe("true");
      expect(within(dialog).getAllByTestId("export-page")[PREVIEW_BATCH].dataset.drawn).toBe("false");
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("writes the file through the core at the path the user picked, extension added", async () => {
    const dialog = await openDialog();
    vi.mocked(save).mockResolvedValueOnce("/home/lan/Bản đồ");
    await userEvent.click(within(dialog).getByTestId("export-go"));
    await screen.findByTestId("export-done");
    expect(core.callsOf("export_map").map((c) => [c.args.mapId, c.args.format, c.args.path])).toEqual([["m1", "pdf", "/home/lan/Bản đồ.pdf"]]);
    expect(startsWith("/home/lan/Bản đồ.pdf", "%PDF-")).toBe(true);
    expect(vi.mocked(save).mock.calls[0][0]?.defaultPath).toBe(`${makeProject("vi").maps[0].name}.pdf`);

    await userEvent.click(within(dialog).getByTestId("export-format-png"));
    expect(within(dialog).queryByTestId("export-preview")).toBeNull();
    vi.mocked(save).mockResolvedValueOnce("/home/lan/slide.png");
    await userEvent.click(within(dialog).getByTestId("export-go"));
    await waitFor(() => expect(core.exists("/home/lan/slide.png")).toBe(true));
    expect(core.callsOf("export_map").map((c) => [c.args.mapId, c.args.format, c.args.path])[1]).toEqual(["m1", "png", "/home/lan/slide.png"]);
    expect(startsWith("/home/lan/slide.png", "PNG", 1)).toBe(true);
  });

  it("does nothing when the save dialog is cancelled, and shows a refused export", async () => {
    const dialog = await openDialog();
    vi.mocked(save).mockResolvedValueOnce(null);
    await userEvent.click(within(dialog).getByTestId("export-go"));
    expect(core.callsOf("export_map")).toHaveLength(0);

    core.failNext("export_map", { code: "file_io", message: "/nope/x.pdf: permission denied" });
    vi.mocked(save).mockResolvedValueOnce("/nope/x.pdf");
    await userEvent.click(within(dialog).getByTestId("export-go"));
    expect(await screen.findByTestId("error-message")).toHaveAttribute("data-code", "file_io");
    expect(screen.queryByTestId("export-done")).toBeNull();
  });

  it("uses the UI language for the labels the export adds, and Escape closes it", async () => {
    await setLang("vi");
    const dialog = await openDialog();
    await waitFor(() => expect(lastPreviewOptions().lang).toBe("vi"));
    expect(within(dialog).getByRole("heading")).toHaveTextContent("Xuất bản đồ");
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("export-dialog")).toBeNull();
  });

  it("lists the map's emotion curves, leaves out those hidden on the canvas until ticked, and sends that to the core", async () => {
    useCanvas.setState(useCanvas.getInitialState(), true);
    await setLang("vi");
    const p = withTwoCurves(makeProject("vi"), { lan: "Chị Lan", minh: "Anh Minh" });
    await openApp(core, p);
    // Minh's curve hidden on the canvas (its legend button).
    await userEvent.click(within(screen.getByTestId("emotion-legend")).getByRole("button", { name: "Anh Minh" }));
    await userEvent.click(screen.getByTestId("toolbar-export"));
    const dialog = await screen.findByTestId("export-dialog");
    const box = within(within(dialog).getByTestId("export-curves"));
    expect(within(dialog).getByTestId("export-curves")).toHaveTextContent("Đường cảm xúc trong bản xuất");
    expect(box.getByRole("checkbox", { name: "Chị Lan" })).toBeChecked();
    expect(box.getByRole("checkbox", { name: "Anh Minh" })).not.toBeChecked();
    await waitFor(() => expect(core.callsOf("export_preview").length).toBeGreaterThan(0));
    expect(lastPreviewOptions().hidden_curves).toEqual(["minh"]);
    // The preview's map page names Lan's curve only.
    const previewText = () =>
      within(dialog)
        .queryAllByTestId("export-page")
        .map((li) => decodeURIComponent((li.querySelector("img") as HTMLImageElement).src.split(",")[1]))
        .join(" ");
    await waitFor(() => expect(previewText()).toContain("Chị Lan"));
    expect(previewText()).not.toContain("Anh Minh");
    // Ticked: drawn and named again.
    await userEvent.click(box.getByRole("checkbox", { name: "Anh Minh" }));
    await waitFor(() => expect(lastPreviewOptions().hidden_curves).toEqual([]));
    await waitFor(() => expect(previewText()).toContain("Anh Minh"));
    // Lan's hidden: the SVG export gets it.
    await userEvent.click(box.getByRole("checkbox", { name: "Chị Lan" }));
    await userEvent.click(within(dialog).getByTestId("export-format-svg"));
    vi.mocked(save).mockResolvedValueOnce("/home/lan/map.svg");
    await userEvent.click(within(dialog).getByTestId("export-go"));
    await waitFor(() => expect(core.exists("/home/lan/map.svg")).toBe(true));
    expect((core.callsOf("export_map")[0].args.options as PdfOptions).hidden_curves).toEqual(["lan"]);
    const svg = new TextDecoder().decode(core.readBytes("/home/lan/map.svg"));
    expect(svg).toContain("Anh Minh");
    expect(svg).not.toContain("Chị Lan");
  });

  it("makes data URLs that keep any text inert", () => {
    const url = svgDataUrl('<svg><text>"<script>alert(1)</script>" & Điểm chạm</text></svg>');
    expect(url).not.toContain("<");
    expect(decodeURIComponent(url.split(",")[1])).toContain("<script>alert(1)</script>");
  });
});
