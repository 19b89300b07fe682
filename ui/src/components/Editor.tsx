import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DocumentView } from "../bindings";
import { useCollab } from "../collab";
import { activeMap, useStore } from "../store";
import { ErrorBanner } from "./ErrorBanner";
import { ExportDialog } from "./ExportDialog";
import { useCanvas } from "../canvas/canvasStore";
import { useShortcuts } from "../canvas/useShortcuts";
import { Canvas } from "./Canvas";
import { HelpPanel } from "./HelpPanel";
import { InsightsPanel, useFunnelSync } from "./InsightsPanel";
import { MapPanel } from "./MapPanel";
import { Presentation } from "./Presentation";
import { StatusLine } from "./ShareDialog";
import { Toolbar } from "./Toolbar";

/** True when keys typed at `target` belong to a text field. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select") !== null;
}

/** Ctrl+Z undo; Ctrl+Shift+Z and Ctrl+Y redo (⌘ on macOS); not while typing. */
function useUndoShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || typingIn(e.target)) return;
      const key = e.key.toLowerCase();
      const redo = (key === "z" && e.shiftKey) || (key === "y" && !e.shiftKey);
      const undo = key === "z" && !e.shiftKey;
      if (!undo && !redo) return;
      e.preventDefault();
      const s = useStore.getState();
      if (!s.doc) return;
      if (undo && s.doc.can_undo) void s.undo();
      if (redo && s.doc.can_redo) void s.redo();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

function MapTabs({ doc, currentId }: { doc: DocumentView; currentId: string }) {
  const { t } = useTranslation();
  const selectMap = useStore((s) => s.selectMap);
  return (
    <div className="map-tabs" role="tablist" aria-label={t("maps.label")} data-testid="map-tabs">
      {doc.project.maps.map((m) => (
        <button key={m.id} type="button" role="tab" data-testid="map-tab" aria-selected={m.id === currentId} onClick={() => selectMap(m.id)}>
          {m.name}
        </button>
      ))}
    </div>
  );
}

/** A joined project before its first sync: it has no map yet. */
function WaitingForProject() {
  const { t } = useTranslation();
  const status = useCollab((s) => s.status);
  const link = useCollab((s) => s.link);
  if (!link) return null;
  return (
    <div className="editor-waiting" data-testid="waiting-for-project">
      <p>{t("share.waiting")}</p>
      <StatusLine status={status} />
    </div>
  );
}

export function Editor({ doc }: { doc: DocumentView }) {
  const mapId = useStore((s) => s.mapId);
  const map = activeMap(doc, mapId);
  const [exporting, setExporting] = useState(false);
  const [presenting, setPresenting] = useState(false);
  const panel = useCanvas((s) => s.panel);
  useUndoShortcuts();
  useShortcuts();
  useFunnelSync(map);
  const openExport = useCallback(() => setExporting(true), []);
  const openPresentation = useCallback(() => setPresenting(true), []);

  if (presenting && map) return <Presentation map={map} project={doc.project} onExit={() => setPresenting(false)} />;

  return (
    <div className="editor" data-testid="editor">
      <Toolbar
        title={doc.project.title}
        path={doc.path}
        canUndo={doc.can_undo}
        canRedo={doc.can_redo}
        onExport={map ? openExport : undefined}
        onPresent={map ? openPresentation : undefined}
      />
      {exporting && map && <ExportDialog mapId={map.id} mapName={map.name} onClose={() => setExporting(false)} />}
      {doc.project.maps.length > 1 && map && <MapTabs doc={doc} currentId={map.id} />}
      <div className="editor-body">
        <div className="editor-main">
          {map ? <Canvas map={map} /> : <WaitingForProject />}
          <div className="editor-banner">
            <ErrorBanner />
          </div>
        </div>
        {map && <InsightsPanel map={map} doc={doc} />}
        {panel && map && <MapPanel map={map} project={doc.project} />}
      </div>
      <HelpPanel />
    </div>
  );
}
