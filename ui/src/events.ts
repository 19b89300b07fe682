// Events the Rust side sends to the window.
import { listen } from "@tauri-apps/api/event";

/** The core's request to open a project (a file double-clicked while the app runs). */
export const OPEN_FILE_EVENT = "open-file";

/** Calls `open` with each path the app is asked to open; resolves to the unsubscribe function. */
export function onOpenFileRequest(open: (path: string) => void): Promise<() => void> {
  return listen<string>(OPEN_FILE_EVENT, (e) => open(e.payload));
}
