// Keyboard and clipboard commands on the selection: Delete, Ctrl+D duplicate,
// Ctrl+A select all, Ctrl+C/X/V copy/cut/paste (a pasted picture goes on the
// one selected card, else on a new card), N new card, Escape, ? help.
// Each command that changes the document is ONE edit.
import { useEffect } from "react";
import { api, newId } from "../api";
import type { Map } from "../bindings";
import { activeMap, useStore } from "../store";
import { imageErrorCode, pasteImageEdit, pasteTarget, pictureIn, storeImage } from "../cardImage";
import { useCanvas } from "./canvasStore";
import { cellIds, displayOrder } from "./dnd";
import { deleteEdit, duplicateEdit, parseClipboard, pasteEdit, pruneSelection, serializeCards } from "./selection";

export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select") !== null;
}

/** Last copied cards, for when the system clipboard is unavailable. */
let memoryClipboard = "";

function currentMap(): Map | null {
  const s = useStore.getState();
  return activeMap(s.doc, s.mapId);
}

/** Where a paste or a new card goes: after the last selected card, else the hovered cell's end. */
function insertionPoint(map: Map): { stageId: string; laneId: string; index: number } | null {
  const sel = displayOrder(map, useCanvas.getState().selected);
  const last = sel[sel.length - 1];
  if (last) {
    const ids = cellIds(map, last.stage_id, last.lane_id);
    return { stageId: last.stage_id, laneId: last.lane_id, index: ids.indexOf(last.id) + 1 };
  }
  const hover = useCanvas.getState().hoverCell;
  if (hover && map.stages.some((s) => s.id === hover.stageId) && map.lanes.some((l) => l.id === hover.laneId)) {
    return { ...hover, index: cellIds(map, hover.stageId, hover.laneId).length };
  }
  return null;
}

/**
 * A pasted picture: stored in the project (`store` answers its id, or null when there is none), then on the one
 * selected card or on a new card where a paste goes. Answers whether a picture was pasted (or refused with a message).
 */
async function pastePicture(store: () => Promise<string | null>): Promise<boolean> {
  const map = currentMap();
  if (!map) return false;
  const target = pasteTarget(map, useCanvas.getState().selected, insertionPoint(map));
  if (!target) return false;
  try {
    const imageId = await store();
    if (imageId === null) return false;
    const { edit, cardId } = pasteImageEdit(target, imageId);
    if (await useStore.getState().dispatch(edit)) useCanvas.getState().select([cardId]);
  } catch (e) {
    useStore.getState().showError({ code: imageErrorCode(e), message: e instanceof Error ? e.message : String(e) });
  }
  return true;
}

async function paste(text: string) {
  const map = currentMap();
  if (!map) return;
  const cards = parseClipboard(text);
  const at = insertionPoint(map);
  if (!cards.length || !at) return;
  const { edit, ids } = pasteEdit(cards, at.stageId, at.laneId, at.index, newId);
  if (edit && (await useStore.getState().dispatch(edit))) useCanvas.getState().select(ids);
}

export function useShortcuts() {
  useEffect(() => {
    // Drop selected ids that no longer exist (deleted, undone).
    const unsub = useStore.subscribe((s) => {
      const map = activeMap(s.doc, s.mapId);
      const c = useCanvas.getState();
      if (!map) return;
      const kept = pruneSelection(map, c.selected);
      if (kept !== c.selected) c.select(kept);
    });

    const onKey = (e: KeyboardEvent) => {
      if (typingIn(e.target) || e.defaultPrevented) return;
      const s = useStore.getState();
      const map = currentMap();
      if (!map || s.editing) return;
      const canvas = useCanvas.getState();
      const sel = canvas.selected;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if ((e.key === "Delete" || e.key === "Backspace") && sel.length) {
        e.preventDefault();
        const edit = deleteEdit(map, sel);
        if (edit) void s.dispatch(edit);
      } else if (mod && key === "d" && sel.length) {
        e.preventDefault();
        const { edit, ids } = duplicateEdit(map, sel, newId);
        if (edit) void s.dispatch(edit).then((ok) => ok && useCanvas.getState().select(ids));
      } else if (mod && key === "a" && !e.shiftKey) {
        e.preventDefault();
        canvas.select(map.cards.map((c) => c.id));
      } else if (e.key === "Escape" && sel.length) {
        canvas.select([]);
      } else if (!mod && !e.altKey && key === "n") {
        const at = insertionPoint(map);
        if (at) {
          e.preventDefault();
          s.setEditing({ kind: "new-card", stageId: at.stageId, laneId: at.laneId });
        }
      } else if (!mod && (e.key === "?" || (e.shiftKey && e.key === "/"))) {
        e.preventDefault();
        canvas.toggle("help");
      }
    };

    const onCopy = (e: ClipboardEvent, cut: boolean) => {
      if (typingIn(e.target) || typingIn(document.activeElement)) return;
      const map = currentMap();
      const sel = useCanvas.getState().selected;
      if (!map || !sel.length) return;
      const text = serializeCards(map, sel);
      memoryClipboard = text;
      e.clipboardData?.setData("text/plain", text);
      e.preventDefault();
      if (cut) {
        const edit = deleteEdit(map, sel);
        if (edit) void useStore.getState().dispatch(edit);
      }
    };
    const onPaste = (e: ClipboardEvent) => {
      if (typingIn(e.target) || typingIn(document.activeElement)) return;
      const picture = pictureIn(e.clipboardData?.files);
      if (picture) {
        e.preventDefault();
        void pastePicture(() => storeImage(picture));
        return;
      }
      const text = e.clipboardData?.getData("text/plain");
      if (text) {
        e.preventDefault();
        void paste(text);
        return;
      }
      // The page got nothing: the webview passes no picture from the system clipboard (WebKitGTK), so the
      // desktop layer reads it; without one, the cards last copied here are pasted.
      e.preventDefault();
      const remembered = memoryClipboard;
      void pastePicture(() => api.pasteImage().then((info) => info?.id ?? null)).then((pasted) => {
        if (!pasted && remembered) void paste(remembered);
      });
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);

    window.addEventListener("keydown", onKey);
    document.addEventListener("copy", copy);
    document.addEventListener("cut", cut);
    document.addEventListener("paste", onPaste);
    return () => {
      unsub();
      window.removeEventListener("keydown", onKey);
      document.removeEventListener("copy", copy);
      document.removeEventListener("cut", cut);
      document.removeEventListener("paste", onPaste);
    };
  }, []);
}
