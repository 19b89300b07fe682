// Live collaboration in the real app: a sync server (`journey-studio serve`)
// and two app windows with their own config homes (two teammates' laptops).
// An shares her Vietnamese project, Bình joins from the link, each one's new
// card appears in the other's open map, without disturbing what the other is
// typing or dragging; undo stays personal; a link with a wrong secret is refused.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
	byTestId,
	cli,
	pickInFileDialog,
	pointerPath,
	screenshot,
	setLanguage,
	startDriver,
	startSyncServer,
	tempDir,
	waitSaved,
} from "./harness.mjs";

const CARD_AN = "An: khách hỏi phí ship trên Zalo";
const CARD_BINH = "Bình: gọi lại khách sau 24 giờ";
const TYPING = "Bình đang gõ dở";
const TYPED_ON = " — xong";
const CARD_AN_2 = "An: thêm ưu đãi trả góp";
const CARD_AN_3 = "An: hỏi tồn kho ở cửa hàng";

let server;
let drivers = [];
before(async () => {
	drivers = [
		await startDriver({ alongside: true }),
		await startDriver({ alongside: true }),
	];
});
after(async () => {
	server?.stop();
	for (const d of drivers) await d?.stop();
});

const cellSel = (s, l) => `[data-stage-index="${s}"][data-lane-index="${l}"]`;
const texts = (app) =>
	app.$$('[data-testid="card-text"]').map((e) => e.getText());

/** Opens the new-card editor of cell (s, l), as a person does. */
async function openEditor(app, s = 0, l = 0) {
	const cell = await byTestId(app, "cell", cellSel(s, l));
	await cell.moveTo();
	await (await cell.$('[data-testid="add-card"]')).click();
	return byTestId(app, "card-editor");
}

async function addCard(app, text, s = 0, l = 0) {
	await (await openEditor(app, s, l)).setValue(text);
	await app.keys("Enter");
	await waitSaved(app);
}

/** Texts of the cards in cell (s, l). */
async function cellTexts(app, s, l) {
	const cell = await byTestId(app, "cell", cellSel(s, l));
	return cell.$$('[data-testid="card-text"]').map((e) => e.getText());
}

/** The centre of an element, in viewport pixels. */
const centre = (app, el) =>
	app.execute((e) => {
		const b = e.getBoundingClientRect();
		return {
			x: Math.round(b.left + b.width / 2),
			y: Math.round(b.top + b.height / 2),
		};
	}, el);

async function waitCard(app, text, who) {
	await app.waitUntil(async () => (await texts(app)).includes(text), {
		timeout: 15000,
		timeoutMsg: `${who} never showed “${text}”`,
	});
}

test("two teammates edit one shared project live through a local sync server", async () => {
	const dir = tempDir();
	server = await startSyncServer(join(dir, "server"));
	const { port, invite } = server;
	const file = join(dir, "hành trình.journey");
	cli("new", file, "--lang", "vi", "--template", "telesales");

	const an = await drivers[0].start([file]);
	let binh;
	try {
		await byTestId(an, "grid");
		await setLanguage(an, "en"); // An works in English, Bình in Vietnamese
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
		await screenshot(an, "e2e-collab-shared-en");
		await an.keys("Escape");

		binh = await drivers[1].start();
		await setLanguage(binh, "vi");
		await (await byTestId(binh, "join-open")).click();
		await (await byTestId(binh, "join-link")).setValue(link);
		await (await byTestId(binh, "join-submit")).click();
		await pickInFileDialog(join(dir, "binh.journey"), { save: true });
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
		await screenshot(an, "e2e-collab-teammate-card-en");

		// A teammate's card while Bình is typing: his editor stays open, focused,
		// with what he typed, and he finishes the card.
		const editor = await openEditor(binh, 1, 0);
		await editor.setValue(TYPING);
		await addCard(an, CARD_AN_2);
		await waitCard(binh, CARD_AN_2, "Bình (typing)");
		assert.equal(await editor.getValue(), TYPING, "Bình's draft changed");
		assert.ok(
			await binh.execute(
				() =>
					document.activeElement?.getAttribute("data-testid") === "card-editor",
			),
			"Bình's editor lost the focus",
		);
		await editor.addValue(TYPED_ON);
		await binh.keys("Enter");
		await waitSaved(binh);
		await waitCard(an, TYPING + TYPED_ON, "An");

		// A teammate's card lands in the very cell Bình is dragging a card out of,
		// while his button is down: the drag goes on, and the drop moves his card.
		const dragged = (await cellTexts(binh, 0, 0))[0];
		const card = await (await byTestId(binh, "cell", cellSel(0, 0))).$(
			'[data-testid="card"]',
		);
		const from = await centre(binh, card);
		const target = await centre(
			binh,
			await byTestId(binh, "cell", cellSel(2, 1)),
		);
		const half = {
			x: Math.round((from.x + target.x) / 2),
			y: Math.round((from.y + target.y) / 2),
		};
		await pointerPath(binh, from, half, { press: true });
		await addCard(an, CARD_AN_3);
		await waitCard(binh, CARD_AN_3, "Bình (dragging)");
		await pointerPath(binh, half, target, { release: true });
		for (const [who, app] of [
			["Bình", binh],
			["An", an],
		]) {
			await app.waitUntil(
				async () => (await cellTexts(app, 2, 1)).includes(dragged),
				{
					timeout: 15000,
					timeoutMsg: `${who}: the dragged card is not in stage 3 × lane 2`,
				},
			);
			const first = await cellTexts(app, 0, 0);
			assert.ok(
				!first.includes(dragged),
				`${who}: the dragged card stayed behind`,
			);
			assert.ok(
				first.includes(CARD_AN_3),
				`${who}: An's card is not in stage 1`,
			);
		}
		await screenshot(binh, "e2e-collab-dragged-while-teammate-added-vi");

		// Undo stays personal: An's undo takes back her last card, not Bình's cards or move.
		await (await byTestId(an, "undo")).click();
		await binh.waitUntil(async () => !(await texts(binh)).includes(CARD_AN_3), {
			timeout: 15000,
			timeoutMsg: "An's undo never reached Bình",
		});
		const anSees = await texts(an);
		for (const bình of [CARD_BINH, TYPING + TYPED_ON])
			assert.ok(anSees.includes(bình), `An's undo took Bình's card “${bình}”`);
		assert.ok(
			(await cellTexts(an, 2, 1)).includes(dragged),
			"An's undo took back Bình's move",
		);

		// A link with another secret: the server refuses it, and says so.
		await (await byTestId(binh, "toolbar-close")).click();
		await (await byTestId(binh, "join-open")).click();
		await (await byTestId(binh, "join-link")).setValue(
			link.replace(/#.*/, "#sai-mat-khau-0123456789abcdef"),
		);
		await (await byTestId(binh, "join-submit")).click();
		await pickInFileDialog(join(dir, "binh-2.journey"), { save: true });
		await byTestId(binh, "share-status", '[data-state="refused"]', 30000);
		await screenshot(binh, "e2e-collab-refused-vi");
	} finally {
		await binh?.deleteSession().catch(() => undefined);
		await an.deleteSession().catch(() => undefined);
	}
});
