import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startDriver, tempDir, cli, byTestId, waitSaved, screenshot, pointerPath } from "./harness.mjs";

const CARD = "Kéo tôi sang giai đoạn khác";

let driver;
before(async () => { driver = await startDriver(); });
after(async () => { await driver?.stop(); });

/** Centre of an element in viewport coordinates. */
async function centre(app, el) {
  const r = await app.execute((e) => {
    const b = e.getBoundingClientRect();
    return { x: Math.round(b.left + b.width / 2), y: Math.round(b.top + b.height / 2), h: b.height, w: b.width };
  }, el);
  return r;
}

/** A real pointer drag: press, move in steps (past the 5 px threshold), release. */
const pointerDrag = (app, from, to) => pointerPath(app, from, to, { press: true, release: true, steps: 8 });

const cellSel = (s, l) => `[data-stage-index="${s}"][data-lane-index="${l}"]`;

async function texts(app, s, l) {
  const cell = await byTestId(app, "cell", cellSel(s, l));
  return cell.$$('[data-testid="card-text"]').map((e) => e.getText());
}

async function stageNames(app) {
  return app.$$('[data-testid="stage-name"]').map((e) => e.getText());
}

test("drag a card to another stage and lane, reorder a stage, undo; the state survives quitting and relaunching", async () => {
  const dir = tempDir();
  const file = join(dir, "kéo thả.journey");
  cli("new", file, "--lang", "vi");
  const original = ["Nhận thức", "Cân nhắc", "Chuyển đổi", "Giữ chân", "Ủng hộ"];

  // The template's example cards in the two cells, and the target cell after the drop.
  let before00 = [];
  let after21 = [];
  let app = await driver.start([file]);
  try {
    await byTestId(app, "grid");
    // Hide the side panel so three stages fit comfortably.
    await (await byTestId(app, "toggle-panel")).click();
    before00 = await texts(app, 0, 0);
    const before21 = await texts(app, 2, 1);

    const first = await byTestId(app, "cell", cellSel(0, 0));
    await (await first.$('[data-testid="add-card"]')).click();
    await (await byTestId(app, "card-editor")).setValue(CARD);
    await app.keys("Enter");
    await app.waitUntil(async () => (await texts(app, 0, 0)).includes(CARD), { timeout: 10000, timeoutMsg: "card not added" });
    await waitSaved(app);

    // 1. Drag the card to stage 3 (index 2) × lane 2 (index 1).
    const cards = await (await byTestId(app, "cell", cellSel(0, 0))).$$('[data-testid="card"]');
    const card = cards[before00.length]; // the new card, after the template's
    assert.equal(await (await card.$('[data-testid="card-text"]')).getText(), CARD);
    const target = await byTestId(app, "cell", cellSel(2, 1));
    const from = await centre(app, card);
    const to = await centre(app, target);
    const grab = await app.execute((e) => {
      const b = e.getBoundingClientRect();
      return { dx: b.left, dy: b.top };
    }, card);
    await pointerPath(app, from, to, { press: true, steps: 8 });
    // Mid-drag, the ghost is where the pointer is (its top-left corner keeps the
    // grab's offset), with nothing easing it: no transition trails the pointer or
    // goes on repainting after the drop.
    const ghost = await app.execute(() => {
      const g = document.querySelector(".drag-ghost");
      if (!g) return null;
      const b = g.getBoundingClientRect();
      return { left: b.left, top: b.top, height: b.height, animations: g.getAnimations().length };
    });
    assert.ok(ghost, "no drag ghost while dragging");
    assert.equal(ghost.animations, 0, "the drag ghost is animated");
    // The ghost is tilted 1.5° about its top-left corner: its box reaches left by height × sin 1.5°.
    assert.ok(Math.abs(ghost.top - (to.y - (from.y - grab.dy))) <= 3, `ghost top ${ghost.top}, pointer at ${to.y}`);
    assert.ok(
      Math.abs(ghost.left - (to.x - (from.x - grab.dx))) <= 3 + ghost.height * 0.03,
      `ghost left ${ghost.left}, pointer at ${to.x}`,
    );
    await pointerPath(app, to, to, { steps: 1, release: true });
    await app.waitUntil(async () => (await texts(app, 2, 1)).includes(CARD), {
      timeout: 10000,
      timeoutMsg: "the card did not land in stage 3 × lane 2",
    });
    assert.deepEqual(await texts(app, 0, 0), before00);
    after21 = await texts(app, 2, 1);
    assert.deepEqual([...after21].sort(), [...before21, CARD].sort());
    await waitSaved(app);
    await screenshot(app, "e2e-canvas-card-dragged");

    // 2. Drag the first stage header to after the third stage.
    const h0 = await byTestId(app, "stage-header", '[data-stage-index="0"]');
    const h2 = await byTestId(app, "stage-header", '[data-stage-index="2"]');
    const a = await centre(app, await h0.$('[data-testid="stage-number"], .stage-number'));
    const b = await centre(app, h2);
    await pointerDrag(app, a, { x: b.x + Math.round(b.w / 2) - 20, y: b.y });
    await app.waitUntil(async () => (await stageNames(app))[2] === "Nhận thức", {
      timeout: 10000,
      timeoutMsg: "the stage was not moved",
    });
    assert.deepEqual(await stageNames(app), ["Cân nhắc", "Chuyển đổi", "Nhận thức", "Giữ chân", "Ủng hộ"]);
    await waitSaved(app);

    // 3. Undo the stage move (Ctrl+Z): stages back in order, the card stays where it was dropped.
    await (await byTestId(app, "project-title")).click();
    await app.action("key").down("\uE009").down("z").pause(50).up("z").up("\uE009").perform();
    await app.waitUntil(async () => (await stageNames(app))[0] === "Nhận thức", { timeout: 10000, timeoutMsg: "undo did not restore the stage order" });
    assert.deepEqual(await stageNames(app), original);
    assert.deepEqual(await texts(app, 2, 1), after21);
    await waitSaved(app);
    await screenshot(app, "e2e-canvas-after-undo");
  } finally {
    await app.deleteSession(); // quits the app
  }

  app = await driver.start([file]);
  try {
    await byTestId(app, "grid");
    assert.deepEqual(await stageNames(app), original);
    assert.deepEqual(await texts(app, 2, 1), after21);
    assert.deepEqual(await texts(app, 0, 0), before00);
    // History survived too: redo re-applies the stage move, undo twice takes the card back.
    const redo = await byTestId(app, "redo");
    assert.equal(await redo.isEnabled(), true);
    await redo.click();
    await app.waitUntil(async () => (await stageNames(app))[2] === "Nhận thức", { timeout: 10000, timeoutMsg: "redo after relaunch failed" });
    const undo = await byTestId(app, "undo");
    await undo.click();
    await app.waitUntil(async () => (await stageNames(app))[0] === "Nhận thức", { timeout: 10000, timeoutMsg: "undo after relaunch failed" });
    await undo.click();
    await app.waitUntil(async () => (await texts(app, 0, 0)).includes(CARD), { timeout: 10000, timeoutMsg: "undoing the drop after relaunch failed" });
    await waitSaved(app);
    await screenshot(app, "e2e-canvas-relaunched");
  } finally {
    await app.deleteSession();
  }
});
