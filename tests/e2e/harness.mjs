// Drives the real Journey Studio binary in its real webview: tauri-driver (WebDriver server)
// in front of WebKitWebDriver, which launches the app. Run under Xvfb (see .ci/test.sh).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import net from "node:net";
import { remote } from "webdriverio";

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "../..");
export const outDir = join(root, ".ci/out");
mkdirSync(outDir, { recursive: true });

/** The app binary: JOURNEY_STUDIO_BIN, or the release build of this checkout. */
export const appBinary = resolve(
  process.env.JOURNEY_STUDIO_BIN ?? resolve(root, process.env.CARGO_TARGET_DIR ?? "target", "release/journey-studio"),
);
if (!existsSync(appBinary)) {
  throw new Error(`App binary not found at ${appBinary}: build it with \`cargo build --release\` first.`);
}

/** A fresh directory; also used as the app's config home so recent files never leak between tests. */
export function tempDir(prefix = "journey-e2e-") {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs the app's command line (e.g. `new <path> --lang vi`). */
export function cli(...args) {
  return execFileSync(appBinary, args, { encoding: "utf8" });
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function waitForPort(port, child, ms = 20000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    const up = await new Promise((ok) => {
      const sock = net.connect(port, "127.0.0.1", () => { sock.end(); ok(true); });
      sock.once("error", () => ok(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on ${port} within ${ms} ms`);
}

/** Starts tauri-driver; returns { start(args) → browser, stop() }. */
export async function startDriver({ home = tempDir("journey-home-") } = {}) {
  const port = await freePort();
  const nativePort = await freePort();
  // The environment the app runs in (tauri-driver → WebKitWebDriver → app).
  const env = { ...process.env, XDG_CONFIG_HOME: join(home, "config"), XDG_DATA_HOME: join(home, "data") };
  const driver = spawn(
    "tauri-driver",
    ["--port", String(port), "--native-port", String(nativePort), "--native-driver", "/usr/bin/WebKitWebDriver"],
    { stdio: ["ignore", "inherit", "inherit"], env },
  );
  await waitForPort(port, driver);
  return {
    env,
    /** Launches the app with `args` (e.g. a project path) and waits for its UI. */
    async start(args = []) {
      const browser = await remote({
        hostname: "127.0.0.1",
        port,
        logLevel: "warn",
        connectionRetryCount: 0,
        capabilities: {
          "wdio:enforceWebDriverClassic": true,
          "tauri:options": { application: appBinary, args },
        },
      });
      await browser.setTimeout({ implicit: 0 });
      return browser;
    },
    async stop() {
      driver.kill("SIGTERM");
      await new Promise((r) => (driver.exitCode !== null ? r() : driver.once("exit", r)));
    },
  };
}

/** Waits for `[data-testid=…]` (plus an optional attribute filter) and returns it. */
export async function byTestId(browser, id, extra = "", timeout = 15000) {
  const el = await browser.$(`[data-testid="${id}"]${extra}`);
  await el.waitForExist({ timeout, timeoutMsg: `no [data-testid="${id}"]${extra} after ${timeout} ms` });
  return el;
}

/** Waits until the save indicator says every edit is on disk. */
export async function waitSaved(browser) {
  const status = await byTestId(browser, "save-status");
  await browser.waitUntil(async () => (await status.getAttribute("data-state")) === "saved", {
    timeout: 10000,
    timeoutMsg: "save-status never reached 'saved'",
  });
}

export async function screenshot(browser, name) {
  await browser.saveScreenshot(join(outDir, `${name}.png`));
}
