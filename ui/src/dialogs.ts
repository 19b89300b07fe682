// Native open/save dialogs (tauri-plugin-dialog).
import { ask, open, save } from "@tauri-apps/plugin-dialog";
import type { ExportFormat } from "./bindings";

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

/** Asks where to export a map as `format` (the extension is added if missing); null when cancelled. */
export async function chooseExportPath(format: ExportFormat, name: string): Promise<string | null> {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").trim() || "map";
  const picked = await save({ filters: [{ name: format.toUpperCase(), extensions: [format] }], defaultPath: `${safe}.${format}` });
  if (!picked) return null;
  return picked.toLowerCase().endsWith(`.${format}`) ? picked : `${picked}.${format}`;
}

/** The table files a metric import reads. */
const tableFilters = [{ name: "CSV / Excel / ODS", extensions: ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "xlsb", "ods"] }];

/** Asks for a CSV or spreadsheet file of touchpoint figures; null when cancelled. */
export async function chooseTablePath(): Promise<string | null> {
  const picked = await open({ multiple: false, directory: false, filters: tableFilters });
  return typeof picked === "string" ? picked : null;
}

const jsonFilters = [{ name: "JSON", extensions: ["json"] }];

/** A file name made safe for a save dialog's default path. */
export function safeFileName(name: string, fallback: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").trim() || fallback;
}

/** Asks for a project JSON file to import; null when cancelled. */
export async function chooseJsonOpenPath(): Promise<string | null> {
  const picked = await open({ multiple: false, directory: false, filters: jsonFilters });
  return typeof picked === "string" ? picked : null;
}

/** Asks where to write the project as JSON (".json" added if missing); null when cancelled. */
export async function chooseJsonSavePath(name: string): Promise<string | null> {
  const picked = await save({ filters: jsonFilters, defaultPath: `${safeFileName(name, "project")}.json` });
  if (!picked) return null;
  return picked.toLowerCase().endsWith(".json") ? picked : `${picked}.json`;
}
