// A card's picture on the canvas (its thumbnail: large on a card of an image
// lane, small elsewhere), and the card's buttons to add, change or remove it.
import type { TFunction } from "i18next";
import { useRef, useState } from "react";
import type { LaneKind } from "../bindings";
import { imageErrorCode, storeImage, useThumbnail } from "../cardImage";
import { edits } from "../edits";
import { PHOTO_ACCEPT } from "../photo";
import { useStore } from "../store";
import theme from "../theme.json";

/** The width of a card's content in px: a stage column less the cell's and the card's padding and border. */
const CARD_INNER_W = theme.grid.stageW - 2 * 10 - 2 * 12 - 2;

/** The tallest a picture is drawn on a card of `kind` (theme.json's cardImage, as the exports draw it). */
export function pictureMaxHeight(kind: LaneKind): number {
  return Math.round(CARD_INNER_W * (kind === "images" ? theme.cardImage.laneMaxRatio : theme.cardImage.thumbMaxRatio));
}

export function CardPicture({ imageId, kind, t }: { imageId: string; kind: LaneKind; t: TFunction }) {
  const url = useThumbnail(imageId);
  const maxHeight = pictureMaxHeight(kind);
  return (
    <div className={`card-image${kind === "images" ? " card-image-large" : ""}`} data-testid="card-image" data-image-id={imageId}>
      {url ? (
        <img src={url} alt={t("cardImage.alt")} style={{ maxHeight }} draggable={false} />
      ) : (
        <div className="card-image-loading" role="img" aria-label={t("cardImage.loading")} style={{ height: Math.min(maxHeight, 60) }} />
      )}
    </div>
  );
}

/** Stores a picked picture and puts it on the card; a refusal shows in the error banner. */
export async function pickImage(cardId: string, file: File | undefined): Promise<boolean> {
  if (!file) return false;
  const store = useStore.getState();
  try {
    const id = await storeImage(file);
    return await store.dispatch(edits.setCardImage(cardId, id));
  } catch (e) {
    const code = imageErrorCode(e);
    store.showError({ code, message: e instanceof Error ? e.message : String(e) });
    return false;
  }
}

/** The card's image buttons (shown with its other hover controls). */
export function CardImageButtons({ cardId, hasImage, t }: { cardId: string; hasImage: boolean; t: TFunction }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const label = busy ? t("cardImage.working") : hasImage ? t("cardImage.change") : t("cardImage.add");
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={PHOTO_ACCEPT}
        hidden
        data-testid="card-image-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          setBusy(true);
          void pickImage(cardId, file).finally(() => setBusy(false));
        }}
      />
      <button
        type="button"
        className="icon-btn hover-reveal mask-icon mask-image"
        data-testid="card-image-add"
        aria-label={label}
        title={`${label}\n${t("cardImage.hint")}`}
        disabled={busy}
        onClick={() => input.current?.click()}
        onDoubleClick={(e) => e.stopPropagation()}
      />
      {hasImage && (
        <button
          type="button"
          className="icon-btn hover-reveal danger mask-icon mask-image-off"
          data-testid="card-image-remove"
          aria-label={t("cardImage.remove")}
          title={t("cardImage.remove")}
          onClick={() => void useStore.getState().dispatch(edits.setCardImage(cardId, null))}
          onDoubleClick={(e) => e.stopPropagation()}
        />
      )}
    </>
  );
}
