// Application state. The UI only ever shows what the core returned: the
// DocumentView of an opened file, then each change the core answered an edit
// with, merged in (change.ts). No optimistic writes. Every call that changes
// the document goes through one queue so two quick edits never race.
import { create } from "zustand";
import type { DocumentChange, DocumentView, Edit, ErrorInfo, Lang, Map, TemplateId } from "./bindings";
import { api, toErrorInfo } from "./api";
import { applyChange } from "./change";

export type SaveState = "saved" | "saving" | "error";

/** What is being edited inline right now (at most one thing at a time). */
export type Editing =
  | { kind: "new-card"; stageId: string; laneId: string }
  | { kind: "card"; cardId: string }
  | { kind: "stage"; stageId: string }
  | { kind: "lane"; laneId: string }
  | null;

export interface Options {
  /** Error codes the caller handles itself: returned, not shown. */
  quiet?: string[];
}

export interface StoreState {
  doc: DocumentView | null;
  saveState: SaveState;
  error: ErrorInfo | null;
  /** The file an error is about, when it came from opening a file. */
  errorPath: string | null;
  /** Edits, undos and redos queued or in flight. */
  pending: number;
  /** True while a file command (new/open/save as/close) is queued or in flight. */
  busy: boolean;
  recent: string[];
  mapId: string | null;
  editing: Editing;

  init(): Promise<void>;
  newProject(path: string, lang: Lang, template: TemplateId, overwrite?: boolean, opts?: Options): Promise<ErrorInfo | null>;
  /** Creates the project `dest` from the JSON file `source` and opens it; a failure leaves the open project as it was. */
  importJson(source: string, dest: string, overwrite?: boolean, opts?: Options): Promise<ErrorInfo | null>;
  open(path: string): Promise<ErrorInfo | null>;
  saveAs(path: string, overwrite?: boolean, opts?: Options): Promise<ErrorInfo | null>;
  close(): Promise<ErrorInfo | null>;
  /** Creates `path` for the shared project `link` names and opens it. */
  join(link: string, path: string, overwrite?: boolean, opts?: Options): Promise<ErrorInfo | null>;
  dispatch(edit: Edit): Promise<boolean>;
  /** Merges a teammate's change (already on disk here); queued after edits in flight. */
  remoteChange(change: DocumentChange): Promise<void>;
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
  loadRecent(): Promise<void>;
  forgetRecent(path: string): Promise<void>;
  showError(error: ErrorInfo, path?: string | null): void;
  dismissError(): void;
  selectMap(mapId: string): void;
  setEditing(editing: Editing): void;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs `task` after everything queued before it has settled. */
function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

/** The map shown: the selected one if it still exists, else the first. */
export function activeMap(doc: DocumentView | null, mapId: string | null): Map | null {
  if (!doc) return null;
  const maps = doc.project.maps;
  return maps.find((m) => m.id === mapId) ?? maps[0] ?? null;
}

export const useStore = create<StoreState>()((set, get) => {
  /**
   * The document with `change` merged in. A change that does not follow the
   * view's revision (nothing should cause one, but nothing may drift either)
   * makes the view reload the whole document from the core.
   */
  async function merged(change: DocumentChange): Promise<DocumentView | null> {
    const doc = get().doc;
    return (doc && applyChange(doc, change)) ?? (await api.currentDocument());
  }

  /** An edit, undo or redo: tracked by the save status. */
  function runEdit(call: () => Promise<DocumentChange>): Promise<boolean> {
    set((s) => ({ pending: s.pending + 1, saveState: "saving" }));
    return enqueue(async () => {
      try {
        const doc = await merged(await call());
        set((s) => {
          const pending = s.pending - 1;
          return { doc, pending, saveState: pending > 0 ? "saving" : "saved" };
        });
        return true;
      } catch (e) {
        set((s) => ({ pending: s.pending - 1, saveState: "error", error: toErrorInfo(e), errorPath: null }));
        return false;
      }
    });
  }

  /** A file command: replaces the document (or closes it) when it succeeds. */
  function runFile(call: () => Promise<DocumentView | null>, opts: Options & { path?: string } = {}): Promise<ErrorInfo | null> {
    set({ busy: true });
    return enqueue(async () => {
      try {
        const doc = await call();
        const prev = get().doc;
        const sameFile = prev && doc && prev.path === doc.path;
        set({
          doc,
          busy: false,
          error: null,
          errorPath: null,
          saveState: get().pending > 0 ? "saving" : "saved",
          editing: sameFile ? get().editing : null,
          mapId: sameFile ? get().mapId : (doc?.project.maps[0]?.id ?? null),
        });
        void get().loadRecent();
        return null;
      } catch (e) {
        const error = toErrorInfo(e);
        if (opts.quiet?.includes(error.code)) {
          set({ busy: false });
        } else {
          set({ busy: false, error, errorPath: opts.path ?? null });
        }
        return error;
      }
    });
  }

  return {
    doc: null,
    saveState: "saved",
    error: null,
    errorPath: null,
    pending: 0,
    busy: false,
    recent: [],
    mapId: null,
    editing: null,

    async init() {
      try {
        const initial = await api.initialPath();
        if (initial) {
          await get().open(initial);
        } else {
          const current = await api.currentDocument();
          if (current) set({ doc: current, mapId: current.project.maps[0]?.id ?? null });
        }
      } catch (e) {
        set({ error: toErrorInfo(e) });
      }
      await get().loadRecent();
    },

    newProject: (path, lang, template, overwrite = false, opts) => runFile(() => api.newProject(path, lang, template, overwrite), opts),
    importJson: (source, dest, overwrite = false, opts) =>
      runFile(() => api.importProjectJson(source, dest, overwrite), { ...opts, path: undefined }),
    open: (path) => runFile(() => api.openProject(path), { path }),
    saveAs: (path, overwrite = false, opts) => runFile(() => api.saveAs(path, overwrite), opts),
    close: () =>
      runFile(async () => {
        await api.closeProject();
        return null;
      }),

    join: (link, path, overwrite = false, opts) => runFile(() => api.joinProject(link, path, overwrite), opts),

    dispatch: (edit) => runEdit(() => api.applyEdit(edit)),
    remoteChange: (change) =>
      enqueue(async () => {
        if (!get().doc) return;
        const doc = await merged(change);
        set({ doc });
      }),
    undo: () => runEdit(() => api.undo()),
    redo: () => runEdit(() => api.redo()),

    async loadRecent() {
      try {
        set({ recent: await api.recentFiles() });
      } catch {
        // The recent list is a convenience; without it the start screen still works.
      }
    },

    async forgetRecent(path) {
      try {
        const recent = await api.forgetRecent(path);
        set((s) => ({ recent, ...(s.errorPath === path ? { error: null, errorPath: null } : {}) }));
      } catch (e) {
        set({ error: toErrorInfo(e), errorPath: null });
      }
    },

    showError: (error, path = null) => set({ error, errorPath: path }),
    dismissError: () =>
      set((s) => ({
        error: null,
        errorPath: null,
        // Acknowledged: the refused change is gone, everything before it is on disk.
        saveState: s.saveState === "error" ? (s.pending > 0 ? "saving" : "saved") : s.saveState,
      })),
    selectMap: (mapId) => set({ mapId, editing: null }),
    setEditing: (editing) => set({ editing }),
  };
});
