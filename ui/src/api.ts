// The only module that talks to the Rust core. Every command returns a promise
// that rejects with an ErrorInfo {code, message}.
import { invoke } from "@tauri-apps/api/core";
import type {
  DocumentChange,
  DocumentView,
  Edit,
  ErrorInfo,
  ExportFormat,
  Funnel,
  ImageInfo,
  Lang,
  MapDiff,
  MetricMapping,
  MetricPlan,
  MetricSource,
  PdfOptions,
  PreviewPages,
  RateChange,
  Snapshot,
  TemplateId,
  TemplateInfo,
} from "./bindings";

export const api = {
  initialPath: () => invoke<string | null>("initial_path"),
  templates: (lang: Lang) => invoke<TemplateInfo[]>("templates", { lang }),
  newProject: (path: string, lang: Lang, template: TemplateId, overwrite: boolean) =>
    invoke<DocumentView>("new_project", { path, lang, template, overwrite }),
  /** Creates the project file `dest` from the project JSON file `source`; opens it. */
  importProjectJson: (source: string, dest: string, overwrite: boolean) => invoke<DocumentView>("import_project_json", { source, dest, overwrite }),
  /** Writes the open project, with its snapshots, as JSON to `path`. */
  exportProjectJson: (path: string) => invoke<null>("export_project_json", { path }),
  openProject: (path: string) => invoke<DocumentView>("open_project", { path }),
  saveAs: (path: string, overwrite: boolean) => invoke<DocumentView>("save_as", { path, overwrite }),
  closeProject: () => invoke<null>("close_project"),
  currentDocument: () => invoke<DocumentView | null>("current_document"),
  /** Applies one edit; resolves once it is on disk, with what it changed. */
  applyEdit: (edit: Edit) => invoke<DocumentChange>("apply_edit", { edit }),
  undo: () => invoke<DocumentChange>("undo"),
  redo: () => invoke<DocumentChange>("redo"),
  recentFiles: () => invoke<string[]>("recent_files"),
  forgetRecent: (path: string) => invoke<string[]>("forget_recent", { path }),
  exportPreview: (mapId: string, options: PdfOptions, first: number, count: number) =>
    invoke<PreviewPages>("export_preview", { mapId, options, first, count }),
  exportMap: (mapId: string, format: ExportFormat, path: string, options: PdfOptions) => invoke<null>("export_map", { mapId, format, path, options }),
  /** The map's conversion funnel, with `changes` tried instead of the saved rates (nothing is saved). */
  funnel: (mapId: string, changes: RateChange[] = []) => invoke<Funnel | null>("funnel", { mapId, changes }),
  /** A CSV or spreadsheet of touchpoint figures: its columns, first rows and a guessed mapping. */
  readMetricTable: (path: string, sheet: string | null = null) => invoke<MetricSource>("read_metric_table", { path, sheet }),
  /** What importing those figures into a map would change, row by row, with the one edit that applies it. */
  planMetricImport: (mapId: string, path: string, mapping: MetricMapping) => invoke<MetricPlan>("plan_metric_import", { mapId, path, mapping }),
  snapshot: (snapshotId: string) => invoke<Snapshot>("snapshot", { snapshotId }),
  /** Checks a card picture (a PNG or JPEG data URL) and keeps it in the project file; its id goes on a card by an edit. */
  putImage: (dataUrl: string) => invoke<ImageInfo>("put_image", { dataUrl }),
  /**
   * Keeps the picture on the system clipboard (copied in another app; WebKitGTK's paste event carries none),
   * shrunk as a picked file is; null when the clipboard holds no picture.
   */
  pasteImage: () => invoke<ImageInfo | null>("paste_image"),
  /** A stored card picture as a data URL: its thumbnail, or whole. */
  image: (imageId: string, thumb: boolean) => invoke<string>("image", { imageId, thumb }),
  /** What changed in a map from `before` to `after`: snapshot ids, or null for the map as it is now. */
  compareVersions: (mapId: string, before: string | null, after: string | null) => invoke<MapDiff>("compare_versions", { mapId, before, after }),
  /** Shares the open project on a sync server (`invite`: the server's invite key); resolves to the link teammates paste. */
  shareProject: (server: string, invite: string) => invoke<string>("share_project", { server, invite }),
  /** The open project's share link, or null when it is not shared. */
  shareLink: () => invoke<string | null>("share_link"),
  /** Checks a pasted share link (refused with `sync_bad_link` and the reason) before anything is asked or written. */
  checkShareLink: (link: string) => invoke<null>("check_share_link", { link }),
  /** Creates the project file `path` for the shared project `link` names and opens it; it fills from the server. */
  joinProject: (link: string, path: string, overwrite: boolean) => invoke<DocumentView>("join_project", { link, path, overwrite }),
  /** Tells teammates in the shared project who I am and which card I am on. */
  announce: (name: string, cardId: string | null) => invoke<null>("announce", { name, cardId }),
};

/** Turns anything a command rejected with into an ErrorInfo. */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (e && typeof e === "object" && "code" in e && typeof (e as ErrorInfo).code === "string") {
    const info = e as ErrorInfo;
    return { code: info.code, message: typeof info.message === "string" ? info.message : "" };
  }
  if (e instanceof Error) return { code: "unknown", message: e.message };
  return { code: "unknown", message: typeof e === "string" ? e : String(e) };
}

/** A new id for an object the UI creates (the core accepts ^[A-Za-z0-9_-]{1,64}$). */
export function newId(): string {
  return crypto.randomUUID();
}
