// Profiling aid (not a test, not the benchmark): where the time of "drop →
// card shown" goes in the release app. Drags a card back and forth between two
// cells with a real pointer and times, from the pointerup: the edit's IPC
// request leaving (fetch: Tauri's IPC is a fetch to its ipc: protocol) and its
// answer parsed; the render that puts the card in its new cell (a
// MutationObserver sees the DOM change); and the frame after it. Each drop's
// request prints its wall-clock time, to line up with `strace -f -tt -p APP`
// (which thread of the app did what, when). Run under Xvfb like the benchmark:
//   node tests/e2e/bench/drop-phases.mjs --project FILE [--drops 12] [--xdotool] [--size 1100x700] [--css TEXT]
// `--css` adds a style sheet first (a suspect switched off, e.g. "*{transition:none!important}").
import { parseArgs } from "node:util";
import { sleep, startDriver, xdotool } from "../harness.mjs";
import { installProbes } from "./probes.js";
import { addStyleSheet, spread as fmt, openProbed } from "./report.mjs";

const { values: opt } = parseArgs({
	options: {
		project: { type: "string" },
		drops: { type: "string", default: "12" },
		xdotool: { type: "boolean", default: false },
		// The window's size (WxH): does the IPC wait grow with the area the UI process presents?
		size: { type: "string" },
		// Forces style and layout right after the render, and times it apart from paint.
		"force-layout": { type: "boolean", default: false },
		css: { type: "string" },
	},
});

/** Where the page's (0, 0) is on the X screen: one real pointer move, read back in the page. */
async function calibrate(app) {
	await app.execute(() =>
		window.addEventListener(
			"pointermove",
			(e) =>
				(window.__lastMove = [
					e.screenX - e.clientX,
					e.screenY - e.clientY,
					e.clientX,
					e.clientY,
				]),
			{ capture: true },
		),
	);
	xdotool("mousemove", "400", "300");
	await sleep(200);
	xdotool("mousemove", "410", "310");
	await sleep(200);
	const m = await app.execute(() => window.__lastMove);
	return { dx: 410 - m[2], dy: 310 - m[3] };
}

/** A drag with the X server's pointer (what a person's mouse does), not WebDriver's. */
async function xDrag(origin, from, to) {
	const at = (p) => [String(origin.dx + p.x), String(origin.dy + p.y)];
	xdotool("mousemove", ...at(from));
	await sleep(30);
	xdotool("mousedown", "1");
	await sleep(50);
	for (let k = 1; k <= 8; k += 1) {
		xdotool(
			"mousemove",
			...at({
				x: Math.round(from.x + ((to.x - from.x) * k) / 8),
				y: Math.round(from.y + ((to.y - from.y) * k) / 8),
			}),
		);
		await sleep(40);
	}
	await sleep(60);
	xdotool("mouseup", "1");
}
const cellSel = (s, l) =>
	`[data-testid="cell"][data-stage-index="${s}"][data-lane-index="${l}"]`;

const driver = await startDriver();
try {
	const app = await openProbed(driver, opt.project, installProbes);
	if (opt.css) await addStyleSheet(app, opt.css);
	if (opt.size) {
		const [w, h] = opt.size.split("x").map(Number);
		await app.setWindowSize(w, h);
		await sleep(1500);
	}
	await app.execute(() => {
		const real = window.fetch;
		window.__ipc = [];
		window.fetch = (url, init) => {
			const rec = {
				url: String(url),
				start: performance.now(),
				at: performance.timeOrigin + performance.now(),
				headers: null,
				answered: null,
			};
			window.__ipc.push(rec);
			return real(url, init).then((res) => {
				rec.headers = performance.now();
				const json = res.json.bind(res);
				res.json = () =>
					json().then((r) => {
						rec.answered = performance.now();
						return r;
					});
				return res;
			});
		};
	});
	const origin = opt.xdotool ? await calibrate(app) : null;
	if (origin) console.log(`page origin on screen: ${origin.dx}, ${origin.dy}`);
	const cardId = await app.execute(
		(s) => document.querySelector(`${s} [data-card-id]`)?.dataset.cardId,
		cellSel(0, 0),
	);
	const phases = { sent: [], answered: [], rendered: [], taskEnd: [], frameStart: [], shown: [], layout: [] };
	if (opt["force-layout"])
		await app.execute(() => {
			window.__forceLayout = true;
		});
	for (let i = 0; i < Number(opt.drops); i += 1) {
		const to = i % 2 ? cellSel(0, 0) : cellSel(1, 0);
		// As the benchmark does: the card's centre (scrolled into view), a point 30 % down the visible part of the target cell.
		const [from, target] = await app.execute(
			(id, to) => {
				const point = (el, fy) => {
					const b = el.getBoundingClientRect();
					const top = Math.max(b.top, 0);
					const bottom = Math.min(
						b.bottom,
						document.documentElement.clientHeight,
					);
					return {
						x: Math.round(b.left + b.width / 2),
						y: Math.round(top + (bottom - top) * fy),
					};
				};
				const card = document.querySelector(`[data-card-id="${id}"]`);
				card.scrollIntoView({ block: "nearest", inline: "nearest" });
				return [point(card, 0.5), point(document.querySelector(to), 0.3)];
			},
			cardId,
			to,
		);
		await app.execute(
			(id, to) => {
				window.__drop = null;
				window.__ipc.length = 0;
				window.addEventListener(
					"pointerup",
					() => {
						const t0 = performance.now();
						const r = { t0, rendered: null, shown: null };
						window.__drop = r;
						// Main-thread pings: the gaps between them are the blocks of work after the drop.
						r.pings = [];
						const ch = new MessageChannel();
						ch.port1.onmessage = () => {
							const t = performance.now();
							r.pings.push(t - t0);
							if (t - t0 < 150) ch.port2.postMessage(0);
						};
						ch.port2.postMessage(0);
						const mo = new MutationObserver(() => {
							if (
								r.rendered === null &&
								document.querySelector(`${to} [data-card-id="${id}"]`)
							) {
								r.rendered = performance.now();
								mo.disconnect();
								if (window.__forceLayout) {
									void document.documentElement.offsetHeight;
									r.layout = performance.now() - r.rendered;
								}
								// The end of the task that rendered it (a message runs after it), and the start of
								// the next rendering update (its requestAnimationFrame callbacks run first).
								const end = new MessageChannel();
								end.port1.onmessage = () => (r.taskEnd = performance.now());
								end.port2.postMessage(0);
								requestAnimationFrame(() => (r.frameStart = performance.now()));
								window.__bench.afterRender().then((t) => (r.shown = t));
							}
						});
						mo.observe(document.body, { subtree: true, childList: true });
					},
					{ capture: true, once: true },
				);
			},
			cardId,
			to,
		);
		if (origin) await xDrag(origin, from, target);
		else {
			let action = app
				.action("pointer", { parameters: { pointerType: "mouse" } })
				.move({ x: from.x, y: from.y, origin: "viewport" })
				.down({ button: 0 })
				.pause(50);
			for (let k = 1; k <= 8; k += 1)
				action = action.move({
					x: Math.round(from.x + ((target.x - from.x) * k) / 8),
					y: Math.round(from.y + ((target.y - from.y) * k) / 8),
					origin: "viewport",
					duration: 40,
				});
			await action.pause(60).up({ button: 0 }).perform();
		}
		await app
			.waitUntil(() => app.execute(() => window.__drop?.shown != null), {
				timeout: 15000,
				interval: 20,
			})
			.catch(async (e) => {
				const state = await app.execute(
					(id) =>
						JSON.stringify({
							drop: window.__drop,
							ipc: window.__ipc,
							cell: document
								.querySelector(`[data-card-id="${id}"]`)
								?.closest('[data-testid="cell"]')?.dataset,
						}),
					cardId,
				);
				throw new Error(`drop ${i} never shown: ${state}`, { cause: e });
			});
		const r = await app.execute(() => ({
			...window.__drop,
			all: window.__ipc,
			ipc: window.__ipc.filter((x) => x.url.includes("apply_edit")),
		}));
		console.log(
			r.all
				.map(
					(x) =>
						`${x.url.split("/").pop()} ${Math.round(x.start - r.t0)}→${Math.round(x.answered - r.t0)}`,
				)
				.join(", "),
		);
		const ipc = r.ipc[0];
		phases.sent.push(ipc.start - r.t0);
		phases.answered.push(ipc.answered - r.t0);
		phases.rendered.push(r.rendered - r.t0);
		phases.shown.push(r.shown - r.t0);
		phases.taskEnd.push(r.taskEnd - r.t0);
		phases.frameStart.push(r.frameStart - r.t0);
		if (r.layout !== undefined) phases.layout.push(r.layout);
		const gaps = [];
		for (let k = 1; k < r.pings.length; k += 1)
			if (r.pings[k] - r.pings[k - 1] > 4)
				gaps.push(
					`${Math.round(r.pings[k - 1])}+${Math.round(r.pings[k] - r.pings[k - 1])}`,
				);
		console.log(
			`drop ${i}: sent ${Math.round(ipc.start - r.t0)} (at ${new Date(ipc.at).toISOString().slice(11, 23)}, to line up with strace -tt) headers ${Math.round(ipc.headers - r.t0)} answered ${Math.round(ipc.answered - r.t0)} rendered ${Math.round(r.rendered - r.t0)}; main thread busy (start+ms): ${gaps.join(" ")}`,
		);
		await new Promise((res) => setTimeout(res, 400));
	}
	const round = (xs) => xs.map((x) => Math.round(x * 10) / 10);
	console.log(`pointerup → edit sent           ${fmt(round(phases.sent))}`);
	console.log(`pointerup → answer parsed       ${fmt(round(phases.answered))}`);
	console.log(`pointerup → card rendered (DOM) ${fmt(round(phases.rendered))}`);
	console.log(`pointerup → frame after it      ${fmt(round(phases.shown))}`);
	const diff = (a, b) => round(a.map((x, i) => x - b[i]));
	console.log(
		`IPC (sent → answer parsed)      ${fmt(diff(phases.answered, phases.sent))}`,
	);
	console.log(
		`answer → rendered (merge, render) ${fmt(diff(phases.rendered, phases.answered))}`,
	);
	console.log(
		`rendered → frame (layout, paint)  ${fmt(diff(phases.shown, phases.rendered))}`,
	);
	console.log(`  of which the rest of that task    ${fmt(diff(phases.taskEnd, phases.rendered))}`);
	console.log(`  then until the rendering update  ${fmt(diff(phases.frameStart, phases.taskEnd))}`);
	console.log(`  the rendering update (style, layout, paint) ${fmt(diff(phases.shown, phases.frameStart))}`);
	if (phases.layout.length)
		console.log(`forced style + layout after it    ${fmt(round(phases.layout))}`);
	await app.deleteSession();
} finally {
	await driver.stop();
}
