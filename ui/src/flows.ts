// User flows that combine a native dialog with a store action.
import { api, toErrorInfo } from "./api";
import type { ErrorInfo, Lang, TemplateId } from "./bindings";
import { chooseJsonOpenPath, chooseJsonSavePath, chooseOpenPath, chooseSavePath, confirm, PROJECT_EXTENSION } from "./dialogs";
import i18n from "./i18n";
import { useStore } from "./store";

function dialogFailed(e: unknown) {
  useStore.getState().showError({ code: "dialog", message: e instanceof Error ? e.message : String(e) });
}

async function confirmReplace(path: string): Promise<boolean> {
  const t = i18n.t.bind(i18n);
  return confirm(t("confirm.replaceMessage", { path }), t("confirm.replaceTitle"), t("confirm.replace"), t("confirm.cancel"));
}

/** Asks where to create the project, then creates it from `template` in `lang`. */
export async function newProjectFlow(lang: Lang, template: TemplateId = "marketing"): Promise<void> {
  try {
    const path = await chooseSavePath();
    if (!path) return;
    const store = useStore.getState();
    const err = await store.newProject(path, lang, template, false, { quiet: ["file_exists"] });
    if (err?.code === "file_exists" && (await confirmReplace(path))) {
      await store.newProject(path, lang, template, true);
    }
  } catch (e) {
    dialogFailed(e);
  }
}

export async function openFlow(): Promise<void> {
  try {
    const path = await chooseOpenPath();
    if (path) await useStore.getState().open(path);
  } catch (e) {
    dialogFailed(e);
  }
}

export async function saveAsFlow(): Promise<void> {
  try {
    const path = await chooseSavePath(useStore.getState().doc?.path);
    if (!path) return;
    const store = useStore.getState();
    const err = await store.saveAs(path, false, { quiet: ["file_exists"] });
    if (err?.code === "file_exists" && (await confirmReplace(path))) {
      await store.saveAs(path, true);
    }
  } catch (e) {
    dialogFailed(e);
  }
}

/** The name of a file without its folder and its last extension. */
function baseName(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? "";
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Import: asks for a project JSON file, then where to create the new project
 * file, then has the core build it. The open project is never changed: the
 * import always writes a new file, and a failure only shows an error.
 */
export async function importJsonFlow(): Promise<void> {
  try {
    const source = await chooseJsonOpenPath();
    if (!source) return;
    const dest = await chooseSavePath(`${baseName(source) || "project"}.${PROJECT_EXTENSION}`);
    if (!dest) return;
    const store = useStore.getState();
    const err = await store.importJson(source, dest, false, { quiet: ["file_exists"] });
    if (err?.code === "file_exists" && (await confirmReplace(dest))) {
      await store.importJson(source, dest, true);
    }
  } catch (e) {
    dialogFailed(e);
  }
}

/** Export: asks where to write the open project as JSON; the core writes it. Returns the path written. */
export async function exportJsonFlow(): Promise<string | null> {
  const store = useStore.getState();
  if (!store.doc) return null;
  let path: string | null;
  try {
    path = await chooseJsonSavePath(store.doc.project.title);
  } catch (e) {
    dialogFailed(e);
    return null;
  }
  if (!path) return null;
  try {
    await api.exportProjectJson(path);
    return path;
  } catch (e) {
    useStore.getState().showError(toErrorInfo(e));
    return null;
  }
}

/**
 * Joining a shared project: checks the link, asks where its file goes on this computer, then
 * has the core create it for `link` and open it. Answers the error when the
 * link is not one (for the join dialog to show); other errors show as usual.
 */
export async function joinFlow(link: string): Promise<ErrorInfo | null> {
  try {
    // A link that does not read is said at once, before the save dialog asks where to put the project.
    await api.checkShareLink(link);
  } catch (e) {
    return toErrorInfo(e);
  }
  try {
    const path = await chooseSavePath(`${i18n.t("share.defaultFile")}.${PROJECT_EXTENSION}`);
    if (!path) return null;
    const store = useStore.getState();
    const quiet = { quiet: ["file_exists", "sync_bad_link"] };
    let err = await store.join(link, path, false, quiet);
    if (err?.code === "file_exists" && (await confirmReplace(path))) err = await store.join(link, path, true, quiet);
    return err?.code === "sync_bad_link" ? err : null;
  } catch (e) {
    dialogFailed(e);
    return null;
  }
}
