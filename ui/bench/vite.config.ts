import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { viteSingleFile } from "vite-plugin-singlefile";
import { preactAlias } from "../preactAlias.ts";

// Builds bench/index.html (the real UI + mocked IPC) into bench/dist, one
// file with the script and styles inline as the app's build is (../vite.config.ts).
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  plugins: [react(), viteSingleFile({ removeViteModuleLoader: true })],
  resolve: { alias: preactAlias },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
});
