// Native open/save dialogs (tauri-plugin-dialog).
import { ask, open, save } from "@tauri-apps/plugin-dialog";

export const PROJECT_EXTENSION = "journey";
const filters = [{ name: "Journey Studio project", extensions: [PROJECT_EXTENSION] }];

/** Adds ".journey" to a path that doesn't end with it. */
export function withProjectExtension(path: string): string {
  return path.toLowerCase().endsWith(`.${PROJECT_EXTENSION}`) ? path : `${path}.${PROJECT_EXTENSION}`;
}

/** Asks for a project file to open; null when cancelled. */
export async function chooseOpenPath(): Promise<string | null> {
  const picked = await open({ multiple: false, directory: false, filters });
  return typeof picked === "string" ? picked : null;
}

/** Asks where to save a project (with ".journey" added if missing); null when cancelled. */
export async function chooseSavePath(defaultPath?: string): Promise<string | null> {
  const picked = await save({ filters, defaultPath });
  return picked ? withProjectExtension(picked) : null;
}

/** Yes/no question, e.g. whether to replace an existing file. */
export function confirm(message: string, title: string, okLabel: string, cancelLabel: string): Promise<boolean> {
  return ask(message, { title, kind: "warning", okLabel, cancelLabel });
}
