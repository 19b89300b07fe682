// Persona photos and card images: a picked or pasted image file is downscaled
// in the browser (at most PHOTO_MAX_SIDE pixels on its long side for a photo,
// CARD_IMAGE_SIZE's for a card image) and encoded as a PNG or JPEG `data:`
// URL, which the core checks again and keeps inside the project file.
// The decisions are pure functions (tested); the canvas part is thin (PhotoIO).

/** What the file input offers. WebP and GIF are read, then re-encoded. */
export const PHOTO_ACCEPT = "image/png,image/jpeg,image/webp,image/gif";
export const PHOTO_MAX_SIDE = 512;
/** The core refuses a photo URL longer than this. */
export const PHOTO_MAX_CHARS = 2_000_000;
export const JPEG_QUALITY = 0.85;
/** A PNG larger than this (a photograph, usually) is sent as JPEG instead. */
export const PNG_BUDGET_CHARS = 700_000;

export type PhotoType = "image/png" | "image/jpeg";
const INPUT_TYPES = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);
const PREFIX: Record<PhotoType, string> = { "image/png": "data:image/png;base64,", "image/jpeg": "data:image/jpeg;base64," };
/** The first bytes of each format, in base64: PNG's signature, JPEG's SOI marker. */
const MAGIC: Record<PhotoType, string> = { "image/png": "iVBORw0KGgo", "image/jpeg": "/9j/" };

/** Why a picked file could not become a photo; `code` is translated as errors.<code>. */
export class PhotoError extends Error {
  constructor(
    public code: "photo_unsupported" | "photo_unreadable" | "photo_too_large",
    message: string,
  ) {
    super(message);
  }
}

/**
 * True for a string that may be used as an <img> source for a persona photo:
 * a base64 PNG or JPEG data URL (never a remote URL, SVG or script).
 */
export function isSafePhotoUrl(url: unknown): url is string {
  if (typeof url !== "string") return false;
  return (Object.keys(PREFIX) as PhotoType[]).some((type) => {
    const prefix = PREFIX[type];
    return url.startsWith(prefix) && url.startsWith(MAGIC[type], prefix.length) && /^[A-Za-z0-9+/=]*$/.test(url.slice(prefix.length));
  });
}

/** The size to draw an image of `width` × `height` at: at most `max` on the long side, never enlarged. */
export function fitWithin(width: number, height: number, max = PHOTO_MAX_SIDE): { width: number; height: number } {
  if (!(width > 0 && height > 0)) throw new PhotoError("photo_unreadable", `image size ${width}×${height}`);
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The type to encode first: JPEG stays JPEG; the others (which may be transparent) become PNG. */
export function firstChoice(inputType: string): PhotoType {
  if (!INPUT_TYPES.has(inputType)) throw new PhotoError("photo_unsupported", `type ${inputType || "unknown"}`);
  return inputType === "image/jpeg" ? "image/jpeg" : "image/png";
}

/** A decoded picture, ready to be drawn. */
export interface DecodedImage {
  width: number;
  height: number;
  source: CanvasImageSource;
  release(): void;
}

/** The browser half: decoding a file and drawing it into a data URL. */
export interface PhotoIO {
  decode(file: Blob): Promise<DecodedImage>;
  /** Draws `image` at `width` × `height` and encodes it as `type`. */
  encode(image: DecodedImage, width: number, height: number, type: PhotoType, quality: number): string;
}

/** How large a picture may be: its long side, its data URL, and the PNG size above which it goes as JPEG. */
export interface PictureSize {
  maxSide: number;
  maxChars: number;
  pngBudget: number;
}

export const PHOTO_SIZE: PictureSize = { maxSide: PHOTO_MAX_SIDE, maxChars: PHOTO_MAX_CHARS, pngBudget: PNG_BUDGET_CHARS };
/**
 * A card image (a screenshot of an ad or a landing page, a store photo): larger,
 * so a page stays legible; the core's card_image.rs holds the same limits. A
 * screenshot stays PNG (sharp text) up to about 2 MB; a photograph goes as JPEG.
 */
export const CARD_IMAGE_SIZE: PictureSize = { maxSide: 1600, maxChars: 4_000_000, pngBudget: 2_600_000 };

/** Downscales and encodes a picked image file into a data URL: a persona photo (`update_persona`) or, with CARD_IMAGE_SIZE, a card image (`put_image`). */
export async function photoFromFile(file: Blob, io: PhotoIO = browserPhotoIO, size: PictureSize = PHOTO_SIZE): Promise<string> {
  let type = firstChoice(file.type);
  const image = await io.decode(file);
  try {
    const { width, height } = fitWithin(image.width, image.height, size.maxSide);
    let url = io.encode(image, width, height, type, JPEG_QUALITY);
    if (type === "image/png" && url.length > size.pngBudget) {
      type = "image/jpeg";
      url = io.encode(image, width, height, type, JPEG_QUALITY);
    }
    // A canvas that cannot write the asked type silently writes PNG: check what came out.
    if (!isSafePhotoUrl(url) || !url.startsWith(PREFIX[type])) throw new PhotoError("photo_unreadable", `encoder gave ${url.slice(0, 30)}`);
    if (url.length > size.maxChars) throw new PhotoError("photo_too_large", `${url.length} characters`);
    return url;
  } finally {
    image.release();
  }
}

/** The real decoder and encoder: an <img> on a blob URL, and a canvas. */
export const browserPhotoIO: PhotoIO = {
  decode(file) {
    return new Promise((resolve, reject) => {
      const url = URL.createObjectURL(file);
      const img = new Image();
      img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight, source: img, release: () => URL.revokeObjectURL(url) });
      img.onerror = () => {
        URL.revokeObjectURL(url);
        reject(new PhotoError("photo_unreadable", "the image could not be decoded"));
      };
      img.src = url;
    });
  },
  encode(image, width, height, type, quality) {
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new PhotoError("photo_unreadable", "no 2D canvas");
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    if (type === "image/jpeg") {
      // JPEG has no transparency: put transparent parts on white, not black.
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, width, height);
    }
    ctx.drawImage(image.source, 0, 0, width, height);
    return canvas.toDataURL(type, quality);
  },
};
