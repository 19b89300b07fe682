// A static server for a built bench page (dist/ unless told), on a free local port.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const DIST = join(fileURLToPath(new URL(".", import.meta.url)), "dist");
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json" };

/**
 * Starts the server on `dist`; returns its base URL and the server (to close).
 * `isolated`: pages are cross-origin isolated, so their clocks (rAF times,
 * performance.now) are precise to microseconds instead of 100 µs and one
 * 16.67 ms frame is not read as 16.6 or 16.8 ms. Only for frame times: an
 * isolated page also takes about 20 ms longer to load here.
 */
export async function serveDist(dist = DIST, { isolated = false } = {}) {
  dist = resolve(dist);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    const file = normalize(join(dist, url.pathname === "/" ? "index.html" : url.pathname));
    if (!file.startsWith(dist)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
      if (isolated) Object.assign(headers, { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" });
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { base: `http://127.0.0.1:${server.address().port}/`, server };
}
