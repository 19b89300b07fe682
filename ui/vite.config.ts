import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { viteSingleFile } from "vite-plugin-singlefile";
import { preactAlias } from "./preactAlias.ts";

// Tauri loads the built files from ui/dist (see tauri.conf.json) with relative paths.
// The build is one index.html with the script and styles inline: the window has
// them with the page instead of asking for two more files once it has parsed it
// (about 15-45 ms sooner to the first full render in the canvas benchmark).
// Tauri adds the inline script's hash to the CSP when it embeds the page.
export default defineConfig({
  base: "./",
  plugins: [react(), viteSingleFile({ removeViteModuleLoader: true })],
  resolve: { alias: preactAlias },
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
  },
  test: {
    environment: "jsdom",
    // The tests drive the real core through its bridge program: checked built and current first.
    globalSetup: ["./src/test/globalSetup.ts"],
    setupFiles: ["./src/test/setup.ts"],
    // bench/recordings.test.ts keeps the bench page's recorded core answers current.
    include: ["src/**/*.test.{ts,tsx}", "bench/**/*.test.ts"],
    // Libraries that import React are processed by Vite too, so that their React is Preact (the aliases above).
    server: { deps: { inline: [/@testing-library\/react/, /react-i18next/, /zustand/] } },
    // Testing Library's ESM build (its CommonJS one would load react-dom itself).
    alias: [
      {
        find: /^@testing-library\/react$/,
        replacement: decodeURIComponent(new URL("node_modules/@testing-library/react/dist/@testing-library/react.esm.js", import.meta.url).pathname),
      },
    ],
  },
});
