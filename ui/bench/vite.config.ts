import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { preactAlias } from "../preactAlias.ts";

// Builds bench/index.html (the real UI + mocked IPC) into bench/dist.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  plugins: [react()],
  resolve: { alias: preactAlias },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
});
