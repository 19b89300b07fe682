// User flows that combine a native dialog with a store action.
import type { Lang } from "./bindings";
import { chooseOpenPath, chooseSavePath, confirm } from "./dialogs";
import i18n from "./i18n";
import { useStore } from "./store";

function dialogFailed(e: unknown) {
  useStore.getState().showError({ code: "dialog", message: e instanceof Error ? e.message : String(e) });
}

async function confirmReplace(path: string): Promise<boolean> {
  const t = i18n.t.bind(i18n);
  return confirm(t("confirm.replaceMessage", { path }), t("confirm.replaceTitle"), t("confirm.replace"), t("confirm.cancel"));
}

/** Asks where to create the project, then creates it from the template in `lang`. */
export async function newProjectFlow(lang: Lang): Promise<void> {
  try {
    const path = await chooseSavePath();
    if (!path) return;
    const store = useStore.getState();
    const err = await store.newProject(path, lang, false, { quiet: ["file_exists"] });
    if (err?.code === "file_exists" && (await confirmReplace(path))) {
      await store.newProject(path, lang, true);
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
