// The app window full screen (presentation mode), through Tauri's window API:
// the native window, not the page's fullscreen element, so that Esc and every
// other key still reach the page.
import { getCurrentWindow } from "@tauri-apps/api/window";

/** Puts the window in or out of full screen; where that cannot be done (no Tauri window), it stays as it is. */
export async function setFullscreen(on: boolean): Promise<void> {
  try {
    await getCurrentWindow().setFullscreen(on);
  } catch {
    // Not in the app's window (the UI tests), or the system refused: present in the window as it is.
  }
}
