// Card images. A picked or pasted picture is downscaled like a persona photo
// (photo.ts, with CARD_IMAGE_SIZE) and sent once to the core (`put_image`),
// which checks it again, keeps it in the project file and answers its id; one
// edit then names it on a card (`set_card_image`, or `add_card` for a pasted
// image card). The canvas never holds the whole pictures: a card asks the core
// for its thumbnail when it is drawn, and the thumbnails stay in a small cache.
import { useEffect, useState } from "react";
import { api, newId, toErrorInfo } from "./api";
import type { Edit, Map } from "./bindings";
import { blankCard, edits } from "./edits";
import { CARD_IMAGE_SIZE, PhotoError, photoFromFile, isSafePhotoUrl, type PhotoIO, browserPhotoIO } from "./photo";

/** The most thumbnails kept in memory (each some tens of kB); the least recently used go first. */
export const THUMB_CACHE = 300;

const thumbs = new globalThis.Map<string, Promise<string>>();
/** The cached thumbnails that have arrived, for a card drawn again to show at once. */
const arrived = new globalThis.Map<string, string>();

/** The thumbnail of `imageId` if it is cached and has arrived (no waiting), else null. */
export function arrivedThumbnail(imageId: string): string | null {
  return arrived.get(imageId) ?? null;
}

/** The thumbnail of a stored image (a checked PNG/JPEG data URL), from the cache or the core. */
export function thumbnail(imageId: string): Promise<string> {
  const hit = thumbs.get(imageId);
  if (hit) {
    // Most recently used last.
    thumbs.delete(imageId);
    thumbs.set(imageId, hit);
    return hit;
  }
  const load = api.image(imageId, true).then((url) => {
    if (!isSafePhotoUrl(url)) throw new PhotoError("photo_unreadable", "the core answered something that is not a PNG or JPEG");
    return url;
  });
  // A failed load is not kept: the next card that shows it asks again.
  load.then(
    (url) => thumbs.get(imageId) === load && arrived.set(imageId, url),
    () => thumbs.get(imageId) === load && thumbs.delete(imageId),
  );
  thumbs.set(imageId, load);
  while (thumbs.size > THUMB_CACHE) {
    const oldest = thumbs.keys().next().value;
    if (oldest === undefined) break;
    thumbs.delete(oldest);
    arrived.delete(oldest);
  }
  return load;
}

/** How many thumbnails are cached (for tests). */
export function cachedThumbnails(): number {
  return thumbs.size;
}

/**
 * The thumbnail of `imageId` once loaded (null while loading or without one).
 * A thumbnail that has arrived shows in the first render: a card drawn again
 * (moved to another cell, scrolled back into view, undone) shows its picture
 * at once, not a loading box that the picture then replaces (a second render,
 * layout and repaint, and a row that changes height).
 */
export function useThumbnail(imageId: string | undefined): string | null {
  const [loaded, setLoaded] = useState<{ id: string; url: string } | null>(() => {
    const url = imageId ? arrivedThumbnail(imageId) : null;
    return imageId && url ? { id: imageId, url } : null;
  });
  useEffect(() => {
    if (!imageId) return;
    let live = true;
    thumbnail(imageId).then(
      (url) => live && setLoaded((prev) => (prev?.id === imageId && prev.url === url ? prev : { id: imageId, url })),
      () => live && setLoaded(null),
    );
    return () => {
      live = false;
    };
  }, [imageId]);
  if (!imageId) return null;
  return loaded?.id === imageId ? loaded.url : arrivedThumbnail(imageId);
}

/** Downscales a picture file and stores it in the project; answers its image id. */
export async function storeImage(file: Blob, io: PhotoIO = browserPhotoIO): Promise<string> {
  const url = await photoFromFile(file, io, CARD_IMAGE_SIZE);
  return (await api.putImage(url)).id;
}

/** Where a pasted picture goes: on the one selected card, else as a new card in a cell. */
export type PasteTarget = { kind: "card"; cardId: string } | { kind: "new"; stageId: string; laneId: string; index: number };

/**
 * Pure: the target of a pasted picture. One selected card gets it; otherwise a
 * new card takes it at `at` (after the selection, else at the end of the
 * hovered cell), or nowhere when there is no such place.
 */
export function pasteTarget(map: Map, selected: string[], at: { stageId: string; laneId: string; index: number } | null): PasteTarget | null {
  if (selected.length === 1 && map.cards.some((c) => c.id === selected[0])) return { kind: "card", cardId: selected[0] };
  return at ? { kind: "new", ...at } : null;
}

/** The first picture among clipboard or dropped files, if any. */
export function pictureIn(files: ArrayLike<File> | undefined | null): File | null {
  return Array.from(files ?? []).find((f) => f.type.startsWith("image/")) ?? null;
}

/** The edit a pasted picture (already stored as `imageId`) makes at `target`, with the card it shows on. */
export function pasteImageEdit(target: PasteTarget, imageId: string, id: string = newId()): { edit: Edit; cardId: string } {
  if (target.kind === "card") return { edit: edits.setCardImage(target.cardId, imageId), cardId: target.cardId };
  return { edit: edits.addCard(blankCard(id, target.stageId, target.laneId, "", imageId), target.index), cardId: id };
}

/** An error code to show for a picture that could not be added. */
export function imageErrorCode(e: unknown): string {
  return e instanceof PhotoError ? e.code : toErrorInfo(e).code;
}
