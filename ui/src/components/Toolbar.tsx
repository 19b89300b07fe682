import { memo, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCollab } from "../collab";
import { openFlow, saveAsFlow } from "../flows";
import { type SaveState, useStore } from "../store";
import { useCanvas } from "../canvas/canvasStore";
import { JsonMenu, NewButton } from "./FileMenus";
import { CheckIcon, HelpIcon, PanelIcon, RedoIcon, UndoIcon } from "./Icons";
import { LangSwitch } from "./LangSwitch";
import { InsightsToggles } from "./InsightsPanel";
import { initials, ShareDialog } from "./ShareDialog";

/** Share: opens the share dialog; once shared, the connection's dot and who else is here. */
function ShareButton({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { link, status, people } = useCollab();
  const state = status?.state ?? "connecting";
  return (
    <>
      {people.length > 0 && (
        <span className="presence-badges" data-testid="presence-badges">
          {people.slice(0, 5).map((p) => (
            <span key={p.peer} className="presence-badge" title={p.name || t("share.unnamed")}>
              {initials(p.name)}
            </span>
          ))}
        </span>
      )}
      <button
        type="button"
        className="btn btn-ghost share-button"
        data-testid="toolbar-share"
        data-state={link ? state : "unshared"}
        disabled={disabled}
        title={link ? t(`share.status.${state}`) : t("share.hint")}
        onClick={() => setOpen(true)}
      >
        {link && <span className="dot" aria-hidden="true" />}
        {t(link ? "share.shared" : "share.button")}
      </button>
      {open && <ShareDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/** How long an edit may take before the status says "Saving…". */
export const SHOW_SAVING_AFTER_MS = 300;

/**
 * The save state as drawn: "Saving…" only once an edit takes longer than
 * SHOW_SAVING_AFTER_MS; a quicker one (nearly all: about 10 ms) leaves the
 * state it follows in place. Nothing the grid shows is unsaved (it draws an
 * edit once the core has written it), and the toolbar is not drawn again in
 * the frame that shows the edit (nextFrame.ts says why that matters).
 */
function useShownSaveState(state: SaveState): SaveState {
  const settled = useRef<SaveState>(state === "saving" ? "saved" : state);
  if (state !== "saving") settled.current = state;
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    setSlow(false);
    if (state !== "saving") return;
    const id = setTimeout(() => setSlow(true), SHOW_SAVING_AFTER_MS);
    return () => clearTimeout(id);
  }, [state]);
  return state === "saving" && !slow ? settled.current : state;
}

/** data-state is the store's state (what tests and the benchmark wait for); what is drawn follows useShownSaveState. */
function SaveStatus() {
  const { t } = useTranslation();
  const state = useStore((s) => s.saveState);
  const shown = useShownSaveState(state);
  return (
    <div className={`save-status save-status-${shown}`} data-testid="save-status" data-state={state} role="status" aria-live="polite">
      {shown === "saved" ? <CheckIcon size={14} /> : <span className="dot" aria-hidden="true" />}
      <span>{t(`status.${shown}`)}</span>
    </div>
  );
}

function PanelToggles() {
  const { t } = useTranslation();
  const panel = useCanvas((s) => s.panel);
  const toggle = useCanvas((s) => s.toggle);
  return (
    <>
      <button
        type="button"
        className="icon-btn icon-btn-lg"
        data-testid="toggle-panel"
        aria-pressed={panel}
        aria-label={t("panel.toggle")}
        title={t("panel.toggle")}
        onClick={() => toggle("panel")}
      >
        <PanelIcon size={18} />
      </button>
      <button
        type="button"
        className="icon-btn icon-btn-lg"
        data-testid="toolbar-help"
        aria-label={t("help.title")}
        title={t("help.open")}
        onClick={() => toggle("help", true)}
      >
        <HelpIcon size={18} />
      </button>
    </>
  );
}

interface ToolbarProps {
  title: string;
  path: string;
  canUndo: boolean;
  canRedo: boolean;
  onExport?: () => void;
  onPresent?: () => void;
}

/** The window's top bar. Its props are what it shows: an edit that changes none of them (a card moved, typed) does not draw it again. */
export const Toolbar = memo(function Toolbar({ title, path, canUndo, canRedo, onExport, onPresent }: ToolbarProps) {
  const { t } = useTranslation();
  const busy = useStore((s) => s.busy);
  const undo = useStore((s) => s.undo);
  const redo = useStore((s) => s.redo);
  const close = useStore((s) => s.close);

  return (
    <header className="toolbar">
      <div className="toolbar-doc">
        <div className="logo logo-small" aria-hidden="true">
          <span />
          <span />
          <span />
        </div>
        <div className="toolbar-titles">
          <div className="toolbar-title" data-testid="project-title">
            {title}
          </div>
          <div className="toolbar-path" data-testid="project-path" title={path}>
            {/* The box is right-to-left so a long path is cut at its start; the
                path itself stays left-to-right, its leading "/" included. */}
            <bdi dir="ltr">{path}</bdi>
          </div>
        </div>
      </div>

      <nav className="toolbar-group" aria-label={t("toolbar.file")}>
        <NewButton disabled={busy} />
        <button type="button" className="btn btn-ghost" data-testid="toolbar-open" disabled={busy} onClick={() => void openFlow()}>
          {t("toolbar.open")}
        </button>
        <button type="button" className="btn btn-ghost" data-testid="toolbar-save-as" disabled={busy} onClick={() => void saveAsFlow()}>
          {t("toolbar.saveAs")}
        </button>
        <JsonMenu disabled={busy} />
        <button type="button" className="btn btn-ghost" data-testid="toolbar-export" disabled={busy || !onExport} onClick={onExport}>
          {t("toolbar.export")}
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="toolbar-present"
          disabled={busy || !onPresent}
          title={t("toolbar.presentHint")}
          onClick={onPresent}
        >
          {t("toolbar.present")}
        </button>
        <button type="button" className="btn btn-ghost" data-testid="toolbar-close" disabled={busy} onClick={() => void close()}>
          {t("toolbar.close")}
        </button>
      </nav>

      <div className="toolbar-spacer" />

      <div className="toolbar-group">
        <button
          type="button"
          className="icon-btn icon-btn-lg"
          data-testid="undo"
          disabled={!canUndo}
          aria-label={t("toolbar.undo")}
          title={t("toolbar.undoShortcut")}
          onClick={() => void undo()}
        >
          <UndoIcon size={18} />
        </button>
        <button
          type="button"
          className="icon-btn icon-btn-lg"
          data-testid="redo"
          disabled={!canRedo}
          aria-label={t("toolbar.redo")}
          title={t("toolbar.redoShortcut")}
          onClick={() => void redo()}
        >
          <RedoIcon size={18} />
        </button>
        <SaveStatus />
        <ShareButton disabled={busy} />
        <InsightsToggles />
        <PanelToggles />
        <LangSwitch />
      </div>
    </header>
  );
});
