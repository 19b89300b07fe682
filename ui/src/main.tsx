import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./i18n";
import "./styles.css";
import { App } from "./App";
import { useStore } from "./store";

// The core is asked for the open document while React loads, and the app
// mounts once it has answered: the first render is the whole editor (a render
// of an empty app first would cost a frame and a second commit).

void useStore
  .getState()
  .init()
  .finally(() =>
    createRoot(document.getElementById("root")!).render(
      <StrictMode>
        <App booted />
      </StrictMode>,
    ),
  );
