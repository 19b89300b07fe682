// Card images on the canvas, on the real core: a picked picture is stored once
// and named on the card by one edit, shown from its thumbnail (large in an
// image lane), removed, undone; a pasted picture lands on the selected card or
// as a new card; a refused picture says why and changes nothing.
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Project } from "../bindings";
import { useCanvas } from "../canvas/canvasStore";
import { cachedThumbnails, pasteTarget, pictureIn, THUMB_CACHE, thumbnail } from "../cardImage";
import { setLang } from "../i18n";
import * as photo from "../photo";
import { useStore } from "../store";
import { cell, freshCore, openApp } from "../test/harness";
import { makeCard, makeProject } from "../test/projects";
import { edits } from "../edits";
import type { TestCore } from "../test/testCore";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn(), ask: vi.fn() }));

/** A 2×1 PNG: what the (mocked) downscaler gives for any picked file. */
const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg==";

let core: TestCore;
beforeEach(async () => {
  core = await freshCore();
  useCanvas.setState(useCanvas.getInitialState(), true);
  vi.restoreAllMocks();
});

/** The English test project with an image lane (the ninth lane, index 8) and one touchpoint card. */
function project(): Project {
  const p = makeProject("en");
  p.maps[0].lanes.push({ id: "m1-l8", name: "Screens", kind: "images", color: "" });
  p.maps[0].cards = [makeCard("c1", "m1-s0", "m1-l0", "Instagram ad")];
  return p;
}

const card = (id: string) => screen.getAllByTestId("card").find((c) => c.dataset.cardId === id) as HTMLElement;

describe("card images", () => {
  it("a picked picture is stored once, named on the card by one edit and shown from its thumbnail; removed and undone", async () => {
    const user = userEvent.setup();
    const spy = vi.spyOn(photo, "photoFromFile").mockResolvedValue(PNG);
    await openApp(core, project());
    await user.hover(card("c1"));
    const input = within(card("c1")).getByTestId("card-image-input") as HTMLInputElement;
    expect(input.accept).toBe(photo.PHOTO_ACCEPT);
    const file = new File(["x"], "ad.png", { type: "image/png" });
    await user.upload(input, file);
    const img = await within(card("c1")).findByRole("img", { name: "Image on the card" });
    expect(img).toHaveAttribute("src", PNG);
    expect(spy).toHaveBeenCalledWith(file, photo.browserPhotoIO, photo.CARD_IMAGE_SIZE);
    const [edit] = core.edits();
    expect(edit).toMatchObject({ type: "set_card_image", card_id: "c1" });
    const imageId = (edit as { image_id: string }).image_id;
    expect(imageId).toMatch(/^[0-9a-f]{32}$/);
    // The card keeps its text; a touchpoint shows the picture as a thumbnail.
    expect(within(card("c1")).getByTestId("card-text")).toHaveTextContent("Instagram ad");
    expect(within(card("c1")).getByTestId("card-image")).not.toHaveClass("card-image-large");
    // The document names the picture; its bytes are never in it.
    expect(JSON.stringify(useStore.getState().doc)).not.toContain("base64");

    await user.hover(card("c1"));
    await user.click(within(card("c1")).getByTestId("card-image-remove"));
    await waitFor(() => expect(within(card("c1")).queryByTestId("card-image")).toBeNull());
    expect(core.edits()[1]).toEqual({ type: "set_card_image", card_id: "c1", image_id: null });
    await useStore.getState().undo();
    expect(await within(card("c1")).findByTestId("card-image")).toHaveAttribute("data-image-id", imageId);
  });

  it("a card moved to another cell shows its picture at once, never a loading box", async () => {
    await openApp(core, project());
    const { id } = (await core.request("put_image", { dataUrl: onePixel(7) })) as { id: string };
    await useStore.getState().dispatch(edits.setCardImage("c1", id));
    const img = await within(card("c1")).findByRole("img", { name: "Image on the card" });
    const src = img.getAttribute("src");
    // Every loading box that appears from now on.
    const boxes: Element[] = [];
    const seen = new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes)
          if (n instanceof Element) boxes.push(...(n.matches(".card-image-loading") ? [n] : []), ...n.querySelectorAll(".card-image-loading"));
    });
    seen.observe(document.body, { subtree: true, childList: true });
    await useStore.getState().dispatch(edits.moveCard("c1", "m1-s2", "m1-l0", 0));
    seen.disconnect();
    // The card is drawn anew in its new cell, its picture in that same render.
    expect(cell(2, 0).contains(card("c1"))).toBe(true);
    expect(within(card("c1")).getByRole("img", { name: "Image on the card" })).toHaveAttribute("src", src);
    expect(boxes).toEqual([]);
  });

  it("a pasted picture goes on the one selected card, else on a new card of the hovered image lane cell, shown large", async () => {
    vi.spyOn(photo, "photoFromFile").mockResolvedValue(PNG);
    await openApp(core, project());
    const file = new File(["x"], "clipboard.png", { type: "image/png" });
    useCanvas.getState().select(["c1"]);
    fireEvent.paste(document.body, { clipboardData: { files: [file], getData: () => "" } });
    await within(card("c1")).findByTestId("card-image");
    expect(core.edits()[0]).toMatchObject({ type: "set_card_image", card_id: "c1" });

    useCanvas.getState().select([]);
    useCanvas.getState().setHoverCell({ stageId: "m1-s1", laneId: "m1-l8" });
    fireEvent.paste(document.body, { clipboardData: { files: [file], getData: () => "" } });
    await waitFor(() => expect(within(cell(1, 8)).queryAllByTestId("card")).toHaveLength(1));
    const added = core.edits()[1] as { type: string; card: { lane_id: string; image_id: string; text: string } };
    expect(added.type).toBe("add_card");
    expect(added.card).toMatchObject({ lane_id: "m1-l8", text: "" });
    const big = await within(cell(1, 8)).findByTestId("card-image");
    expect(big).toHaveClass("card-image-large");
    expect(within(big).getByRole("img")).toHaveAttribute("src", PNG);
    // The new card is selected, as a pasted card is.
    expect(useCanvas.getState().selected).toEqual([(core.edits()[1] as { card: { id: string } }).card.id]);
  });

  it("a paste that brings the page nothing takes the system clipboard's picture (shrunk by the core); text still pastes as text", async () => {
    await openApp(core, project());
    // A 2400 × 10 screenshot "copied in another app": WebKitGTK's paste event carries none of it.
    const rgba = new Uint8Array(2400 * 10 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7) % 256));
    core.clipboardImage({ width: 2400, height: 10, rgba });
    const empty = { clipboardData: { files: [], getData: () => "" } };
    useCanvas.getState().select(["c1"]);
    fireEvent.paste(document.body, empty);
    await within(card("c1")).findByTestId("card-image");
    expect(core.callsOf("paste_image")).toHaveLength(1);
    const [edit] = core.edits() as { type: string; card_id: string; image_id: string }[];
    expect(edit).toMatchObject({ type: "set_card_image", card_id: "c1" });
    // The core kept it shrunk to 1600 px wide (the same picture again has the same id).
    expect(await core.request("paste_image")).toEqual({ id: edit.image_id, width: 1600, height: 7 });

    // Nothing selected, the pointer over the image lane: a new card there.
    useCanvas.getState().select([]);
    useCanvas.getState().setHoverCell({ stageId: "m1-s1", laneId: "m1-l8" });
    fireEvent.paste(document.body, empty);
    await waitFor(() => expect(within(cell(1, 8)).queryAllByTestId("card")).toHaveLength(1));
    expect(core.edits()[1]).toMatchObject({ type: "add_card", card: { lane_id: "m1-l8", image_id: edit.image_id } });

    // Text on the clipboard pastes as text, without asking for a picture.
    fireEvent.paste(document.body, { clipboardData: { files: [], getData: (t: string) => (t === "text/plain" ? "Call the shop" : "") } });
    await waitFor(() => expect(within(cell(1, 8)).queryAllByTestId("card")).toHaveLength(2));
    expect(JSON.stringify(core.edits()[2])).toContain("Call the shop");
    expect(core.callsOf("paste_image")).toHaveLength(2);

    // A clipboard with no picture (and no cards copied here): nothing happens, no message.
    core.clipboardImage(null);
    fireEvent.paste(document.body, empty);
    await waitFor(() => expect(core.callsOf("paste_image")).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 50));
    expect(core.edits()).toHaveLength(3);
    expect(screen.queryByTestId("error-message")).toBeNull();
  });

  it("a system clipboard that cannot be read says so in the user's language", async () => {
    await setLang("vi");
    await openApp(core, project());
    core.failNext("paste_image", {
      code: "clipboard_unreadable",
      message: "the system clipboard could not be read: X11 server connection timed out",
    });
    useCanvas.getState().select(["c1"]);
    fireEvent.paste(document.body, { clipboardData: { files: [], getData: () => "" } });
    const banner = await screen.findByTestId("error-message");
    expect(banner).toHaveAttribute("data-code", "clipboard_unreadable");
    expect(banner).toHaveTextContent("Không đọc được bộ nhớ tạm của hệ thống.");
    expect(core.edits()).toEqual([]);
  });

  it("a picture the core refuses (an SVG) says why in the user's language and changes nothing", async () => {
    const svg = `data:image/svg+xml;base64,${btoa("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")}`;
    vi.spyOn(photo, "photoFromFile").mockResolvedValue(svg);
    await setLang("vi");
    const user = userEvent.setup();
    await openApp(core, project());
    await user.hover(card("c1"));
    await user.upload(within(card("c1")).getByTestId("card-image-input"), new File(["<svg/>"], "a.png", { type: "image/png" }));
    const banner = await screen.findByTestId("error-message");
    expect(banner).toHaveAttribute("data-code", "edit_invalid_image");
    expect(banner).toHaveTextContent("Hình ảnh phải là ảnh PNG hoặc JPEG nguyên vẹn.");
    expect(core.edits()).toEqual([]);
    expect(within(card("c1")).queryByTestId("card-image")).toBeNull();
  });

  it("the lane menu offers the image lane", async () => {
    const user = userEvent.setup();
    await openApp(core, project());
    const header = screen.getAllByTestId("lane-header")[0];
    await user.click(within(header).getByTestId("lane-menu"));
    expect(await screen.findByRole("radio", { name: "Images" })).toBeInTheDocument();
    await user.click(screen.getByRole("radio", { name: "Images" }));
    expect(core.edits()[0]).toEqual({ type: "update_lane", lane_id: "m1-l0", kind: "images" });
  });
});

describe("card image helpers", () => {
  it("a paste goes to the one selected card, else to the insertion point, else nowhere", () => {
    const map = project().maps[0];
    const at = { stageId: "m1-s2", laneId: "m1-l8", index: 0 };
    expect(pasteTarget(map, ["c1"], at)).toEqual({ kind: "card", cardId: "c1" });
    expect(pasteTarget(map, ["c1", "c2"], at)).toEqual({ kind: "new", ...at });
    expect(pasteTarget(map, ["gone"], at)).toEqual({ kind: "new", ...at });
    expect(pasteTarget(map, [], null)).toBeNull();
  });

  it("finds the picture among clipboard files", () => {
    const text = new File(["a"], "a.txt", { type: "text/plain" });
    const pic = new File(["b"], "b.jpg", { type: "image/jpeg" });
    expect(pictureIn([text, pic])).toBe(pic);
    expect(pictureIn([text])).toBeNull();
    expect(pictureIn(undefined)).toBeNull();
  });

  it("keeps at most THUMB_CACHE thumbnails and never an answer that is not a PNG or JPEG", async () => {
    await openApp(core, project());
    const ids: string[] = [];
    // Distinct pictures: 1×1 PNGs of different colours, stored in the real core.
    for (let i = 0; i < 3; i++) ids.push(((await core.request("put_image", { dataUrl: onePixel(i) })) as { id: string }).id);
    for (const id of ids) expect(await thumbnail(id)).toMatch(/^data:image\/png;base64,/);
    expect(cachedThumbnails()).toBeGreaterThanOrEqual(3);
    expect(cachedThumbnails()).toBeLessThanOrEqual(THUMB_CACHE);
    await expect(thumbnail("no-such-image")).rejects.toMatchObject({ code: "edit_unknown_image" });
  });
});

/** A 1×1 PNG of grey level `i` (zlib stored block, so no compressor is needed). */
function onePixel(i: number): string {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: number[]) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const chunk = (type: string, data: number[]) => {
    const td = [...type].map((c) => c.charCodeAt(0)).concat(data);
    return [...be(data.length), ...td, ...be(crc(td))];
  };
  const raw = [0, i & 255]; // filter 0, one grey byte
  const adler = (() => {
    let a = 1;
    let b = 0;
    for (const x of raw) {
      a = (a + x) % 65521;
      b = (b + a) % 65521;
    }
    return (b << 16) | a;
  })();
  const zlib = [0x78, 0x01, 0x01, raw.length, 0, ~raw.length & 255, 0xff, ...raw, ...be(adler >>> 0)];
  const bytes = [
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk("IHDR", [...be(1), ...be(1), 8, 0, 0, 0, 0]),
    ...chunk("IDAT", zlib),
    ...chunk("IEND", []),
  ];
  return `data:image/png;base64,${btoa(String.fromCharCode(...bytes))}`;
}
