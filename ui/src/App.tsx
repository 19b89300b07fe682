import { useEffect, useRef } from "react";
import { Editor } from "./components/Editor";
import { StartScreen } from "./components/StartScreen";
import { useStore } from "./store";

export function App() {
  const doc = useStore((s) => s.doc);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void useStore.getState().init();
  }, []);

  const title = doc?.project.title;
  useEffect(() => {
    document.title = title ? `${title} — Journey Studio` : "Journey Studio";
  }, [title]);

  return doc ? <Editor doc={doc} /> : <StartScreen />;
}
