import { useEffect, useRef, useState } from "react";
import { useCanvas } from "./canvas/canvasStore";
import { announce, listenCollab, refreshLink } from "./collab";
import { Editor } from "./components/Editor";
import { StartScreen } from "./components/StartScreen";
import { onOpenFileRequest } from "./events";
import { useStore } from "./store";

/** A file the app is asked to open while it runs (single instance). */
const listenForFiles = () => onOpenFileRequest((path) => void useStore.getState().open(path));

/** Keeps a subscription to the desktop side's events while the app is mounted (`subscribe` resolves to its end). */
function useSubscription(subscribe: () => Promise<() => void>, what: string) {
  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let gone = false;
    subscribe()
      .then((off) => {
        if (gone) off();
        else unlisten = off;
      })
      .catch((e) => console.error(`could not listen for ${what}`, e));
    return () => {
      gone = true;
      unlisten?.();
    };
  }, [subscribe, what]);
}

/**
 * booted: main.tsx has already asked the core for the open document (initial
 * file or current one) before mounting, so the first render is the editor;
 * else App asks, and shows nothing until the core has answered.
 */
export function App({ booted = false }: { booted?: boolean }) {
  const doc = useStore((s) => s.doc);
  const started = useRef(false);
  // Until the core has said whether a file is open, show nothing (not a flash of the start screen).
  const [ready, setReady] = useState(booted);

  useEffect(() => {
    if (started.current || booted) return;
    started.current = true;
    void useStore
      .getState()
      .init()
      .finally(() => setReady(true));
  }, [booted]);

  // A project double-clicked while the app runs opens here (single instance).
  useSubscription(listenForFiles, "files to open");
  // A shared project's connection: teammates' changes, its state, who is here.
  useSubscription(listenCollab, "teammates' changes");

  // The share link belongs to the file: read again whenever another file opens.
  const path = doc?.path ?? null;
  useEffect(() => {
    void refreshLink();
  }, [path]);

  // Teammates see which card I am on.
  const focus = useCanvas((s) => s.selected[0] ?? null);
  useEffect(() => {
    if (path) announce(focus);
  }, [focus, path]);

  const title = doc?.project.title;
  useEffect(() => {
    document.title = title ? `${title} — Journey Studio` : "Journey Studio";
  }, [title]);

  if (doc) return <Editor doc={doc} />;
  return ready ? <StartScreen /> : null;
}
