import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, statSync, readdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { startDriver, tempDir, cli, byTestId, waitSaved, screenshot } from "./harness.mjs";

const VI_CARD = "Khách hàng thấy quảng cáo trên Facebook — điểm chạm đầu tiên";
const VI_STAGE = "Cân nhắc kỹ lưỡng";

let driver;
before(async () => { driver = await startDriver(); });
after(async () => { await driver?.stop(); });

test("a Vietnamese card and a renamed stage survive quitting and relaunching on the same file", async () => {
  const dir = tempDir();
  const file = join(dir, "hành trình.journey");
  cli("new", file, "--lang", "vi");

  let before = [];
  let app = await driver.start([file]);
  try {
    await byTestId(app, "grid");
    const names = await app.$$('[data-testid="stage-name"]').map((el) => el.getText());
    assert.deepEqual(names.slice(0, 3), ["Nhận thức", "Cân nhắc", "Chuyển đổi"]);

    // Add a card in the first cell (Nhận thức × first lane) with Vietnamese text.
    const cell = await byTestId(app, "cell", '[data-stage-index="0"][data-lane-index="0"]');
    // The template's example cards stay; the new one goes after them.
    before = await cell.$$('[data-testid="card-text"]').map((e) => e.getText());
    await (await cell.$('[data-testid="add-card"]')).click();
    const editor = await byTestId(app, "card-editor");
    await editor.setValue(VI_CARD);
    await app.keys("Enter");
    await app.waitUntil(
      async () => (await cell.$$('[data-testid="card-text"]').map((e) => e.getText())).includes(VI_CARD),
      { timeout: 10000, timeoutMsg: "the new card never appeared in its cell" },
    );
    await waitSaved(app);

    // Rename the second stage.
    const stage = await byTestId(app, "stage-header", '[data-stage-index="1"]');
    await (await stage.$('[data-testid="stage-name"]')).doubleClick();
    const input = await byTestId(app, "stage-name-input");
    // Not setValue: WebDriver's Element Clear blurs the field, and a blur
    // commits (an empty name cancels). Replace the selected name as a user would.
    await app.keys(["Control", "a"]);
    await app.keys("Backspace");
    await input.addValue(VI_STAGE);
    await app.keys("Enter");
    await app.waitUntil(async () => (await (await stage.$('[data-testid="stage-name"]')).getText()) === VI_STAGE, {
      timeout: 10000, timeoutMsg: "the stage was not renamed",
    });
    await waitSaved(app);
    await screenshot(app, "e2e-vietnamese-map");
    // Open, the project keeps its rollback journal beside it (core: store/schema.rs configure).
    assert.deepEqual(readdirSync(dir).sort(), ["hành trình.journey", "hành trình.journey-journal"]);
  } finally {
    await app.deleteSession(); // quits the app
  }
  // The driver ends the app without its exit event (closing the project would remove the journal, see
  // commands.rs run): what a kill leaves. The relaunch below reads past the zeroed journal.

  app = await driver.start([file]);
  try {
    await byTestId(app, "grid");
    const cell = await byTestId(app, "cell", '[data-stage-index="0"][data-lane-index="0"]');
    const texts = await cell.$$('[data-testid="card-text"]').map((e) => e.getText());
    assert.deepEqual(texts, [...before, VI_CARD]);
    const stageName = await (await byTestId(app, "stage-header", '[data-stage-index="1"]')).$('[data-testid="stage-name"]');
    assert.equal(await stageName.getText(), VI_STAGE);
    await screenshot(app, "e2e-vietnamese-map-reopened");
  } finally {
    await app.deleteSession();
  }
});

test("a file that is not a project shows a clear error and stays byte-identical", async () => {
  const dir = tempDir();
  const cases = [
    { name: "random.journey", bytes: randomBytes(8192), code: "file_not_project" },
    { name: "notes.journey", bytes: Buffer.from("Đây là một tệp văn bản, không phải dự án.\n"), code: "file_not_project" },
  ];
  for (const c of cases) {
    const path = join(dir, c.name);
    writeFileSync(path, c.bytes);
    const before = statSync(path).mtimeMs;
    const app = await driver.start([path]);
    try {
      const banner = await byTestId(app, "error-message");
      assert.equal(await banner.getAttribute("data-code"), c.code);
      assert.ok((await banner.getText()).length > 10, "the error explains itself");
      await byTestId(app, "start-screen");
      await screenshot(app, `e2e-bad-file-${c.name.replace(/\W+/g, "-")}`);
    } finally {
      await app.deleteSession();
    }
    assert.deepEqual(readFileSync(path), c.bytes, `${c.name} was modified`);
    assert.equal(statSync(path).mtimeMs, before, `${c.name} was touched`);
  }
  assert.deepEqual(readdirSync(dir).sort(), cases.map((c) => c.name).sort(), "no side files were created");
});
