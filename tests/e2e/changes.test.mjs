import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startDriver, tempDir, cli, byTestId, waitSaved } from "./harness.mjs";

const BEHIND = "Thẻ thêm ngoài giao diện — như thay đổi của đồng nghiệp";
const TYPED = "Thẻ gõ trong giao diện";

let driver;
before(async () => { driver = await startDriver(); });
after(async () => { await driver?.stop(); });

const cellSel = '[data-stage-index="0"][data-lane-index="0"]';

async function cellTexts(app) {
  const cell = await byTestId(app, "cell", cellSel);
  return cell.$$('[data-testid="card-text"]').map((e) => e.getText());
}

test("an edit is answered with the records it changed; a change the view did not follow makes it reload", async () => {
  const dir = tempDir();
  const file = join(dir, "thay đổi.journey");
  cli("new", file, "--lang", "vi");
  const app = await driver.start([file]);
  try {
    await byTestId(app, "grid");
    const before = await cellTexts(app);

    // An edit sent past the UI's store, as a teammate's change would arrive:
    // the real core answers with a change of one card, not the document.
    const answer = await app.executeAsync((text, done) => {
      const cell = document.querySelector('[data-testid="cell"][data-stage-index="0"][data-lane-index="0"]');
      const card = {
        id: "behind-the-view", stage_id: cell.dataset.stageId, lane_id: cell.dataset.laneId, text,
        note: "", color: "", channel: "", emotion: null, conversion: null, volume: null,
      };
      window.__TAURI_INTERNALS__
        .invoke("apply_edit", { edit: { type: "add_card", card, index: 0 } })
        .then((change) => done({ ok: change, size: JSON.stringify(change).length }), (e) => done({ err: e }));
    }, BEHIND);
    assert.equal(answer.err, undefined, JSON.stringify(answer.err));
    const change = answer.ok;
    assert.equal(change.project, undefined, "the answer is not the whole document");
    assert.deepEqual(change.cards.added.map((c) => [c.id, c.text, c.position]), [["behind-the-view", BEHIND, 0]]);
    assert.equal(change.revision, change.from_revision + 1);
    assert.ok(answer.size < 4096, `a one-card change took ${answer.size} bytes`);
    // The view has not seen it.
    assert.deepEqual(await cellTexts(app), before);

    // The next edit from the UI answers with a change that does not follow the
    // view: the view reloads the document, and shows both cards.
    const cell = await byTestId(app, "cell", cellSel);
    await (await cell.$('[data-testid="add-card"]')).click();
    await (await byTestId(app, "card-editor")).setValue(TYPED);
    await app.keys("Enter");
    await app.waitUntil(async () => {
      const now = await cellTexts(app);
      return now.includes(TYPED) && now.includes(BEHIND);
    }, { timeout: 10000, timeoutMsg: "the view did not catch up with the change it had missed" });
    await waitSaved(app);
    // Each card exactly once: the reload did not lose or double anything.
    const now = await cellTexts(app);
    assert.equal(now[0], BEHIND);
    assert.deepEqual([...now].sort(), [BEHIND, ...before, TYPED].sort());
  } finally {
    await app.deleteSession();
  }
});
