// The open project's place in a shared project, as the desktop side reports
// it: its share link, the connection's state and who else is in it. The core
// decides everything else: a teammate's change arrives as a DocumentChange and
// is merged like an edit's answer (store.remoteChange).
import { create } from "zustand";
import { api } from "./api";
import { useAuthor } from "./author";
import type { CollabStatus, Presence } from "./bindings";
import { useCanvas } from "./canvas/canvasStore";
import { onCollab } from "./events";
import { useStore } from "./store";

export interface CollabState {
  /** The open project's share link; null when it is not shared. */
  link: string | null;
  status: CollabStatus | null;
  /** Teammates in the project now (this app not included). */
  people: Presence[];
}

export const useCollab = create<CollabState>()(() => ({ link: null, status: null, people: [] }));

/** Reads the open project's share link again (after open, share or join). */
export async function refreshLink(): Promise<void> {
  const doc = useStore.getState().doc;
  let link: string | null = null;
  if (doc) {
    try {
      link = await api.shareLink();
    } catch {
      link = null;
    }
  }
  useCollab.setState(link ? { link } : { link: null, status: null, people: [] });
  if (link) announce(useCanvas.getState().selected[0] ?? null);
}

/** Listens for the connection's reports for as long as the app runs; resolves to the unsubscribe function. */
export function listenCollab(): Promise<() => void> {
  return onCollab({
    change: (change) => void useStore.getState().remoteChange(change),
    status: (status) => useCollab.setState({ status }),
    people: (people) => useCollab.setState({ people }),
  });
}

/** Tells teammates who I am and which card I am on (nothing when the project is not shared). */
export function announce(cardId: string | null): void {
  if (!useCollab.getState().link) return;
  api.announce(useAuthor.getState().name, cardId).catch(() => undefined);
}
