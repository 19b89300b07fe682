import { useEffect, useRef, useState } from "react";
import { Editor } from "./components/Editor";
import { StartScreen } from "./components/StartScreen";
import { onOpenFileRequest } from "./events";
import { useStore } from "./store";

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
  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let gone = false;
    onOpenFileRequest((path) => void useStore.getState().open(path))
      .then((off) => {
        if (gone) off();
        else unlisten = off;
      })
      .catch((e) => console.error("could not listen for files to open", e));
    return () => {
      gone = true;
      unlisten?.();
    };
  }, []);

  const title = doc?.project.title;
  useEffect(() => {
    document.title = title ? `${title} — Journey Studio` : "Journey Studio";
  }, [title]);

  if (doc) return <Editor doc={doc} />;
  return ready ? <StartScreen /> : null;
}
