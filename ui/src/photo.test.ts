import { describe, expect, it } from "vitest";
import {
  firstChoice,
  fitWithin,
  isSafePhotoUrl,
  JPEG_QUALITY,
  PHOTO_MAX_SIDE,
  photoFromFile,
  PhotoError,
  type PhotoIO,
  type PhotoType,
  PNG_BUDGET_CHARS,
} from "./photo";

const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const JPEG = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U";

/** A stand-in for the canvas: records what it was asked to draw, answers a data URL of that type. */
function fakeIO(width: number, height: number, opts: { pngChars?: number; lie?: boolean } = {}) {
  const calls: { width: number; height: number; type: PhotoType; quality: number }[] = [];
  let released = 0;
  const io: PhotoIO = {
    decode: async () => ({ width, height, source: {} as CanvasImageSource, release: () => (released += 1) }),
    encode: (_img, w, h, type, quality) => {
      calls.push({ width: w, height: h, type, quality });
      // A canvas that cannot encode JPEG answers PNG.
      if (type === "image/png" || opts.lie) return PNG + "A".repeat(opts.pngChars ?? 100);
      return JPEG + "A".repeat(100);
    },
  };
  return { io, calls, released: () => released };
}

const file = (type: string) => new Blob(["x"], { type });

describe("persona photos", () => {
  it("fits the long side within 512 px, keeps the aspect ratio and never enlarges", () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 512, height: 384 });
    expect(fitWithin(1000, 2000)).toEqual({ width: 256, height: 512 });
    expect(fitWithin(300, 200)).toEqual({ width: 300, height: 200 });
    expect(fitWithin(5000, 3)).toEqual({ width: 512, height: 1 });
    expect(() => fitWithin(0, 10)).toThrow(PhotoError);
  });

  it("keeps JPEG as JPEG, re-encodes the others as PNG, refuses what is not an image", () => {
    expect(firstChoice("image/jpeg")).toBe("image/jpeg");
    expect(firstChoice("image/png")).toBe("image/png");
    expect(firstChoice("image/webp")).toBe("image/png");
    expect(firstChoice("image/gif")).toBe("image/png");
    expect(() => firstChoice("image/svg+xml")).toThrow(expect.objectContaining({ code: "photo_unsupported" }));
    expect(() => firstChoice("")).toThrow(PhotoError);
  });

  it("only accepts base64 PNG and JPEG data URLs whose bytes say so as an image source", () => {
    expect(isSafePhotoUrl(PNG)).toBe(true);
    expect(isSafePhotoUrl(JPEG)).toBe(true);
    expect(isSafePhotoUrl("")).toBe(false);
    expect(isSafePhotoUrl("https://example.com/a.png")).toBe(false);
    expect(isSafePhotoUrl("data:image/svg+xml;base64,PHN2Zz4=")).toBe(false);
    expect(isSafePhotoUrl("data:image/png;base64,/9j/AAAA")).toBe(false); // JPEG bytes labelled PNG
    expect(isSafePhotoUrl('data:image/png;base64,iVBORw0KGgo" onerror="alert(1)')).toBe(false);
    expect(isSafePhotoUrl(null)).toBe(false);
  });

  it("a large JPEG becomes a 512 px JPEG data URL at quality 0.85", async () => {
    const { io, calls, released } = fakeIO(3000, 2000);
    const url = await photoFromFile(file("image/jpeg"), io);
    expect(url.startsWith("data:image/jpeg;base64,/9j/")).toBe(true);
    expect(calls).toEqual([{ width: PHOTO_MAX_SIDE, height: 341, type: "image/jpeg", quality: JPEG_QUALITY }]);
    expect(released()).toBe(1);
  });

  it("a small WebP becomes a PNG of the same size; a heavy PNG falls back to JPEG", async () => {
    const small = fakeIO(200, 100);
    expect((await photoFromFile(file("image/webp"), small.io)).startsWith("data:image/png;base64,")).toBe(true);
    expect(small.calls).toEqual([{ width: 200, height: 100, type: "image/png", quality: JPEG_QUALITY }]);

    const heavy = fakeIO(1024, 1024, { pngChars: PNG_BUDGET_CHARS });
    const url = await photoFromFile(file("image/png"), heavy.io);
    expect(url.startsWith("data:image/jpeg;base64,")).toBe(true);
    expect(heavy.calls.map((c) => [c.type, c.width, c.height])).toEqual([
      ["image/png", 512, 512],
      ["image/jpeg", 512, 512],
    ]);
  });

  it("a canvas that writes another type than asked is an error, and the image is released", async () => {
    const lying = fakeIO(100, 100, { lie: true });
    await expect(photoFromFile(file("image/jpeg"), lying.io)).rejects.toMatchObject({ code: "photo_unreadable" });
    expect(lying.released()).toBe(1);
    await expect(photoFromFile(file("text/plain"), lying.io)).rejects.toMatchObject({ code: "photo_unsupported" });
  });
});
