// Events the Rust side sends to the window.
import { listen } from "@tauri-apps/api/event";
import type { CollabStatus, DocumentChange, Presence } from "./bindings";

/** The core's request to open a project (a file double-clicked while the app runs). */
export const OPEN_FILE_EVENT = "open-file";

/** Calls `open` with each path the app is asked to open; resolves to the unsubscribe function. */
export function onOpenFileRequest(open: (path: string) => void): Promise<() => void> {
  return listen<string>(OPEN_FILE_EVENT, (e) => open(e.payload));
}

/** A teammate's change to the open shared project, once it is on disk here. */
export const DOCUMENT_CHANGE_EVENT = "document-change";
/** The open shared project's connection to its server. */
export const COLLAB_STATUS_EVENT = "collab-status";
/** The teammates in the open shared project (the whole list, each time it changes). */
export const PRESENCE_EVENT = "collab-presence";

export interface CollabHandlers {
  change(change: DocumentChange): void;
  status(status: CollabStatus): void;
  people(people: Presence[]): void;
}

/** Listens for what a shared project's connection reports; resolves to the unsubscribe function. */
export async function onCollab(h: CollabHandlers): Promise<() => void> {
  const offs = await Promise.all([
    listen<DocumentChange>(DOCUMENT_CHANGE_EVENT, (e) => h.change(e.payload)),
    listen<CollabStatus>(COLLAB_STATUS_EVENT, (e) => h.status(e.payload)),
    listen<Presence[]>(PRESENCE_EVENT, (e) => h.people(e.payload)),
  ]);
  return () => {
    for (const off of offs) off();
  };
}
