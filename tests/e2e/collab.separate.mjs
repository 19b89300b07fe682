// Live collaboration in the real app: a sync server (`journey-studio serve`)
// and two app windows with their own config homes (two teammates' laptops).
// An shares her Vietnamese project, Bình joins from the link, each one's new
// card appears in the other's open map; a link with a wrong secret is refused.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
	appBinary,
	byTestId,
	cli,
	screenshot,
	startDriver,
	tempDir,
	waitSaved,
} from "./harness.mjs";

const CARD_AN = "An: khách hỏi phí ship trên Zalo";
const CARD_BINH = "Bình: gọi lại khách sau 24 giờ";

let server;
let drivers = [];
before(async () => {
	drivers = [
		await startDriver({ alongside: true }),
		await startDriver({ alongside: true }),
	];
});
after(async () => {
	server?.kill("SIGKILL"); // a test server: it would wait for the apps to disconnect
	for (const d of drivers) await d?.stop();
});

function freePort() {
	return new Promise((resolve) => {
		const s = createServer();
		s.listen(0, "127.0.0.1", () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/** Starts `journey-studio serve` on a free port; resolves to its port and invite key. */
async function startServer(dir) {
	const port = await freePort();
	server = spawn(
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
		server.stdout.on("data", (d) => {
			out += d;
			const m = out.match(/invite key[^:]*:\s*(\S+)/);
			if (m) {
				clearTimeout(timer);
				resolve(m[1]);
			}
		});
	});
	return { port, invite };
}

/** Picks `path` in the native save dialog that the last click opened (xdotool, as a person types it). */
async function saveIn(path) {
	const xdo = (...args) =>
		execFileSync("xdotool", args, { encoding: "utf8", timeout: 20000 }).trim();
	let dialog = "";
	for (let i = 0; i < 40 && !dialog; i++) {
		try {
			dialog =
				xdo("search", "--onlyvisible", "--name", "^(Save|Lưu|Save File)")
					.split("\n")
					.filter(Boolean)
					.pop() ?? "";
		} catch {
			dialog = "";
		}
		if (!dialog) await new Promise((r) => setTimeout(r, 250));
	}
	assert.ok(dialog, "no save dialog appeared");
	xdo("windowfocus", "--sync", dialog);
	await new Promise((r) => setTimeout(r, 300));
	xdo("key", "ctrl+a");
	xdo("type", "--delay", "20", path);
	await new Promise((r) => setTimeout(r, 300));
	xdo("key", "Return");
}

const cellSel = (s, l) => `[data-stage-index="${s}"][data-lane-index="${l}"]`;
const texts = (app) => app.$$('[data-testid="card-text"]').map((e) => e.getText());

async function addCard(app, text) {
	const first = await byTestId(app, "cell", cellSel(0, 0));
	await first.moveTo();
	await (await first.$('[data-testid="add-card"]')).click();
	await (await byTestId(app, "card-editor")).setValue(text);
	await app.keys("Enter");
	await waitSaved(app);
}

async function waitCard(app, text, who) {
	await app.waitUntil(async () => (await texts(app)).includes(text), {
		timeout: 15000,
		timeoutMsg: `${who} never showed “${text}”`,
	});
}

test("two teammates edit one shared project live through a local sync server", async () => {
	const dir = tempDir();
	const { port, invite } = await startServer(join(dir, "server"));
	const file = join(dir, "hành trình.journey");
	cli("new", file, "--lang", "vi", "--template", "telesales");

	const an = await drivers[0].start([file]);
	let binh;
	try {
		await byTestId(an, "grid");
		await (await byTestId(an, "toolbar-share")).click();
		await (await byTestId(an, "share-server")).setValue(`127.0.0.1:${port}`);
		await (await byTestId(an, "share-invite")).setValue(invite);
		await (await byTestId(an, "share-submit")).click();
		const link = await (await byTestId(an, "share-link", "", 30000)).getValue();
		assert.match(
			link,
			new RegExp(
				`^journey\\+ws://127\\.0\\.0\\.1:${port}/[1-9A-HJ-NP-Za-km-z]+#`,
			),
		);
		await byTestId(an, "share-status", '[data-state="online"]', 20000);
		await screenshot(an, "e2e-collab-shared-vi");
		await an.keys("Escape");

		binh = await drivers[1].start();
		await (await byTestId(binh, "join-open")).click();
		await (await byTestId(binh, "join-link")).setValue(link);
		await (await byTestId(binh, "join-submit")).click();
		await saveIn(join(dir, "binh.journey"));
		await byTestId(binh, "grid", "", 30000);
		const shared = await texts(an);
		await binh.waitUntil(
			async () => (await texts(binh)).length === shared.length,
			{ timeout: 15000, timeoutMsg: "Bình's map is not An's" },
		);

		await addCard(an, CARD_AN);
		await waitCard(binh, CARD_AN, "Bình");
		await addCard(binh, CARD_BINH);
		await waitCard(an, CARD_BINH, "An");
		await byTestId(an, "presence-badges", "", 30000);
		await screenshot(binh, "e2e-collab-joined-vi");
		await screenshot(an, "e2e-collab-teammate-card-vi");

		// Undo stays personal: An's Ctrl+Z takes back An's card, not Bình's.
		await (await byTestId(an, "undo")).click();
		await binh.waitUntil(async () => !(await texts(binh)).includes(CARD_AN), {
			timeout: 15000,
			timeoutMsg: "An's undo never reached Bình",
		});
		assert.ok(
			(await texts(an)).includes(CARD_BINH),
			"An's undo took Bình's card",
		);

		// A link with another secret: the server refuses it, and says so.
		await (await byTestId(binh, "toolbar-close")).click();
		await (await byTestId(binh, "join-open")).click();
		await (await byTestId(binh, "join-link")).setValue(
			link.replace(/#.*/, "#sai-mat-khau-0123456789abcdef"),
		);
		await (await byTestId(binh, "join-submit")).click();
		await saveIn(join(dir, "binh-2.journey"));
		await byTestId(binh, "share-status", '[data-state="refused"]', 30000);
		await screenshot(binh, "e2e-collab-refused-vi");
	} finally {
		await binh?.deleteSession().catch(() => undefined);
		await an.deleteSession().catch(() => undefined);
	}
});
