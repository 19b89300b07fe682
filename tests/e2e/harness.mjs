// Drives the real Journey Studio binary in its real webview: tauri-driver (WebDriver server)
// in front of WebKitWebDriver, which launches the app. Run under Xvfb (see .ci/test.sh).
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "../..");
export const outDir = join(root, ".ci/out");
mkdirSync(outDir, { recursive: true });

/** The app binary: JOURNEY_STUDIO_BIN, or the release build of this checkout. */
export const appBinary = resolve(
	process.env.JOURNEY_STUDIO_BIN ??
		resolve(
			root,
			process.env.CARGO_TARGET_DIR ?? "target",
			"release/journey-studio",
		),
);
if (!existsSync(appBinary)) {
	throw new Error(
		`App binary not found at ${appBinary}: build it with \`cargo build --release\` first.`,
	);
}

/** A fresh directory; also used as the app's config home so recent files never leak between tests. */
export function tempDir(prefix = "journey-e2e-") {
	return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs the app's command line (e.g. `new <path> --lang vi`). */
export function cli(...args) {
	return execFileSync(appBinary, args, { encoding: "utf8" });
}

/**
 * A free port below Linux's ephemeral range (32768–60999). A port the OS hands
 * out for listen(0) comes from that range, where any outgoing connection may
 * take it as its source port before WebKitWebDriver binds it (seen here:
 * "Unable to listen for HTTP server"); below it, only listeners compete.
 */
export async function freePort() {
	for (let tries = 0; tries < 50; tries += 1) {
		const port = 20000 + Math.floor(Math.random() * 12000);
		const free = await new Promise((ok) => {
			const s = net.createServer();
			s.once("error", () => ok(false));
			s.listen(port, "127.0.0.1", () => s.close(() => ok(true)));
		});
		if (free) return port;
	}
	throw new Error("no free port between 20000 and 32000");
}

async function waitForPort(port, child, ms = 20000) {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		if (child.exitCode !== null)
			throw new Error(`tauri-driver exited with ${child.exitCode}`);
		const up = await new Promise((ok) => {
			const sock = net.connect(port, "127.0.0.1", () => {
				sock.end();
				ok(true);
			});
			sock.once("error", () => ok(false));
		});
		if (up) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`tauri-driver did not listen on ${port} within ${ms} ms`);
}

/**
 * Waits until no instance of the app runs. A session's app may still be
 * closing (and holding its single-instance D-Bus name) when deleteSession
 * returns; an app started then would hand its file to the closing one and
 * exit. One left over by a failed test is killed (its edits are on disk
 * already), so that one failure does not fail every test after it.
 */
async function noAppRunning(ms = 10000) {
	const pattern = `^${appBinary}( |$)`;
	const running = () => {
		try {
			execFileSync("pgrep", ["-f", pattern], { stdio: "ignore" });
			return true;
		} catch {
			return false; // pgrep exits 1 when nothing matches
		}
	};
	const until = Date.now() + ms;
	while (running()) {
		if (Date.now() > until) {
			console.log(`# an earlier app was still running after ${ms} ms: killed`);
			try {
				execFileSync("pkill", ["-KILL", "-f", pattern], { stdio: "ignore" });
			} catch {
				// already gone
			}
			await new Promise((r) => setTimeout(r, 500));
			return;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

/**
 * Starts tauri-driver. `alongside`: this driver's app runs beside another's
 * (a teammate's window): it gets a D-Bus session of its own (the app is single
 * instance per session bus) and starting it does not wait for other apps to end.
 * Returns { env, start(args) → browser, stop() }.
 */
export async function startDriver({
	home = tempDir("journey-home-"),
	alongside = false,
} = {}) {
	const port = await freePort();
	const nativePort = await freePort();
	// The environment the app runs in (tauri-driver → WebKitWebDriver → app).
	const env = {
		...process.env,
		XDG_CONFIG_HOME: join(home, "config"),
		XDG_DATA_HOME: join(home, "data"),
	};
	const args = [
		"--port",
		String(port),
		"--native-port",
		String(nativePort),
		"--native-driver",
		"/usr/bin/WebKitWebDriver",
	];
	// Alongside, the driver leads a process group of its own (dbus-run-session,
	// its bus daemon, tauri-driver, WebKitWebDriver): stop() ends the whole group,
	// else a survivor keeps the test file's output open and `node --test` waits forever.
	const driver = alongside
		? spawn("dbus-run-session", ["--", "tauri-driver", ...args], {
				stdio: ["ignore", "inherit", "inherit"],
				env,
				detached: true,
			})
		: spawn("tauri-driver", args, {
				stdio: ["ignore", "inherit", "inherit"],
				env,
			});
	await waitForPort(port, driver);
	return {
		env,
		/** Launches the app with `args` (e.g. a project path) and waits for its UI. */
		async start(args = []) {
			if (!alongside) await noAppRunning();
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
			const exited = new Promise((r) =>
				driver.exitCode !== null ? r() : driver.once("exit", r),
			);
			if (alongside) {
				try {
					process.kill(-driver.pid, "SIGTERM");
				} catch {
					// the group has ended already
				}
			} else {
				driver.kill("SIGTERM");
			}
			await exited;
		},
	};
}

/** Waits for `[data-testid=…]` (plus an optional attribute filter) and returns it. */
export async function byTestId(browser, id, extra = "", timeout = 15000) {
	const el = await browser.$(`[data-testid="${id}"]${extra}`);
	await el.waitForExist({
		timeout,
		timeoutMsg: `no [data-testid="${id}"]${extra} after ${timeout} ms`,
	});
	return el;
}

/** Waits until the save indicator says every edit is on disk. */
/** Switches the UI language with its EN / VI switch and waits until the page says it is in `lang`. */
export async function setLanguage(app, lang) {
	await (await byTestId(app, `lang-${lang}`)).click();
	await app.waitUntil(
		async () =>
			(await app.execute(() => document.documentElement.lang)) === lang,
		{
			timeout: 5000,
			timeoutMsg: `the UI did not switch to ${lang}`,
		},
	);
}

export async function waitSaved(browser) {
	const status = await byTestId(browser, "save-status");
	await browser.waitUntil(
		async () => (await status.getAttribute("data-state")) === "saved",
		{
			timeout: 10000,
			timeoutMsg: "save-status never reached 'saved'",
		},
	);
}

/**
 * Saves the app's window as the X server shows it (ImageMagick's import, the
 * window's area of the root window). WebKitWebDriver's own screenshot asks the
 * web process for a snapshot, which never comes back when WebKit draws
 * without compositing (what the app chooses without a GPU: src-tauri/desktop/webview.rs).
 */
export async function screenshot(browser, name) {
	const r = await browser.execute(() => ({
		x: window.screenX,
		y: window.screenY,
		w: window.innerWidth,
		h: window.innerHeight,
	}));
	execFileSync("import", [
		"-window",
		"root",
		"-crop",
		`${r.w}x${r.h}+${r.x}+${r.y}`,
		"+repage",
		join(outDir, `${name}.png`),
	]);
}

/** Waits `ms` milliseconds. */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs xdotool on the test's X display (a real pointer and keyboard, where WebDriver cannot reach); its output, trimmed. */
export const xdotool = (...args) =>
	execFileSync("xdotool", args.map(String), { encoding: "utf8", timeout: 20000 }).trim();

/**
 * Moves a real pointer (WebDriver actions) from `from` to `to` in `steps`
 * steps of 30 ms; `press`: the button goes down first; `release`: it comes up
 * at the end. Without `release` the button stays down, for a drag continued by
 * the next call.
 */
export async function pointerPath(app, from, to, { press = false, release = false, steps = 6 } = {}) {
	let action = app
		.action("pointer", { parameters: { pointerType: "mouse" } })
		.move({ x: from.x, y: from.y, origin: "viewport" });
	if (press) action = action.down({ button: 0 }).pause(50);
	for (let i = 1; i <= steps; i += 1) {
		action = action.move({
			x: Math.round(from.x + ((to.x - from.x) * i) / steps),
			y: Math.round(from.y + ((to.y - from.y) * i) / steps),
			origin: "viewport",
			duration: 30,
		});
	}
	if (release) action = action.pause(80).up({ button: 0 });
	await action.perform(!release); // skipRelease: the button stays down between two calls
}

/**
 * Picks `path` in the native file dialog that the last click opened, as a
 * person would (xdotool on the test's X display; WebDriver cannot reach it):
 * the dialog is focused, the path typed — into an Open dialog's location field
 * (Ctrl+L), over a Save dialog's name — and Enter pressed.
 */
export async function pickInFileDialog(path, { save = false } = {}) {
	const titles = save
		? "^(Save|Lưu|Save File)"
		: "^(Open|Mở|Open File|Select File|Chọn tập tin|Upload File)";
	let dialog = "";
	for (let i = 0; i < 40 && !dialog; i++) {
		try {
			dialog =
				xdotool("search", "--onlyvisible", "--name", titles)
					.split("\n")
					.filter(Boolean)
					.pop() ?? "";
		} catch {
			dialog = ""; // xdotool exits 1 while no window matches
		}
		if (!dialog) await sleep(250);
	}
	if (!dialog) throw new Error(`no ${save ? "save" : "open"} dialog appeared`);
	xdotool("windowfocus", "--sync", dialog);
	await sleep(300);
	xdotool("key", save ? "ctrl+a" : "ctrl+l");
	await sleep(400);
	xdotool("type", "--delay", "20", path);
	await sleep(300);
	xdotool("key", "Return");
}

/**
 * Starts `journey-studio serve` on a free loopback port with its store in
 * `dir`; resolves to { port, invite, stop() } once it has printed its invite key.
 */
export async function startSyncServer(dir) {
	const port = await freePort();
	const server = spawn(
		appBinary,
		["serve", "--dir", dir, "--port", String(port), "--bind", "127.0.0.1"],
		{ stdio: ["ignore", "pipe", "inherit"] },
	);
	let out = "";
	const invite = await new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`no invite key printed: ${out}`)),
			20000,
		);
		server.once("exit", (code) =>
			reject(new Error(`the sync server exited (${code}): ${out}`)),
		);
		server.stdout.on("data", (d) => {
			out += d;
			const m = out.match(/invite key[^:]*:\s*(\S+)/);
			if (m) {
				clearTimeout(timer);
				resolve(m[1]);
			}
		});
	});
	return {
		port,
		invite,
		// A test server: SIGKILL, it would otherwise wait for the apps to disconnect.
		stop: () => server.kill("SIGKILL"),
	};
}
