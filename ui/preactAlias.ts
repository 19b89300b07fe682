// The UI is written against React's API and runs on Preact (preact/compat):
// the same components, a third of the script to load and evaluate at start-up
// (see ui/bench: the first render of a 2,000-card map). Types still come from
// @types/react. Used by the app build, Vitest and the bench build.
import type { Alias } from "vite";

export const preactAlias: Alias[] = [
  { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
  { find: /^react-dom\/test-utils$/, replacement: "preact/test-utils" },
  { find: /^react-dom$/, replacement: "preact/compat" },
  { find: /^react\/jsx-runtime$/, replacement: "preact/jsx-runtime" },
  { find: /^react\/jsx-dev-runtime$/, replacement: "preact/jsx-dev-runtime" },
  { find: /^react$/, replacement: "preact/compat" },
];
