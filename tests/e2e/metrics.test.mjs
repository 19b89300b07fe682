// Metric import in the real app: a spreadsheet export is read by the real core,
// previewed in the real webview, applied (one edit after a snapshot) and still
// there after a relaunch. The native file dialog cannot be driven through
// WebDriver: the test types the file's path into it with xdotool, as a person
// would type it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startDriver, tempDir, cli, byTestId, waitSaved, screenshot, root, setLanguage, pickInFileDialog } from "./harness.mjs";

let driver;
before(async () => { driver = await startDriver(); });
after(async () => { await driver?.stop(); });

const xlsx = join(root, "tests/fixtures/metrics-ecommerce-vi.xlsx");

const rates = (app) =>
  app.executeAsync((done) => {
    window.__TAURI_INTERNALS__.invoke("current_document").then((d) => {
      const map = d.project.maps[0];
      const lanes = new Set(map.lanes.filter((l) => l.kind === "touchpoints").map((l) => l.id));
      done(map.cards.filter((c) => lanes.has(c.lane_id)).map((c) => c.conversion));
    });
  });

test("touchpoint figures imported from an XLSX export: previewed, applied as one step, kept after relaunch", async () => {
  const dir = tempDir();
  const file = join(dir, "phễu.journey");
  cli("new", file, "--lang", "vi", "--template", "ecommerce");
  let app = await driver.start([file]);
  try {
    await byTestId(app, "grid");
    await setLanguage(app, "vi");
    assert.deepEqual(await rates(app), [70, 45, 38, 55, 24, 90, 34]);
    await (await byTestId(app, "toggle-funnel")).click();
    await (await byTestId(app, "funnel-import")).click();
    await pickInFileDialog(xlsx);
    const dialog = await byTestId(app, "metric-plan", '[data-state="ready"]');
    const kinds = await app.execute(() => Array.from(document.querySelectorAll('[data-testid="metric-row"]')).map((r) => r.dataset.kind));
    assert.deepEqual(kinds, ["change", "change", "unchanged", "change", "problem"]);
    const summary = await (await byTestId(app, "metric-summary")).getText();
    assert.match(summary, /^3 điểm chạm sẽ thay đổi, 1 đã có đúng số liệu này, 1 dòng không dùng được/);
    assert.ok(await dialog.isDisplayed());
    await screenshot(app, "e2e-metric-import-vi");

    await (await byTestId(app, "metric-apply")).click();
    await (await app.$('[data-testid="metric-import-dialog"]')).waitForExist({ reverse: true, timeout: 5000 });
    await waitSaved(app);
    assert.deepEqual(await rates(app), [72, 50, 38, 55, 31, 90, 34]);
    await screenshot(app, "e2e-metric-import-applied-vi");
  } finally {
    await app.deleteSession();
  }

  app = await driver.start([file]);
  try {
    await byTestId(app, "grid");
    assert.deepEqual(await rates(app), [72, 50, 38, 55, 31, 90, 34], "the import is in the file");
    const snapshots = await app.executeAsync((done) => {
      window.__TAURI_INTERNALS__.invoke("current_document").then((d) => done(d.snapshots.map((s) => s.name)));
    });
    assert.ok(snapshots.includes("Trước khi nhập metrics-ecommerce-vi.xlsx"), `snapshots: ${snapshots}`);
    // One undo takes the whole import back.
    await app.executeAsync((done) => window.__TAURI_INTERNALS__.invoke("undo").then(() => done()));
    assert.deepEqual(await rates(app), [70, 45, 38, 55, 24, 90, 34]);

    await setLanguage(app, "en");
    await (await byTestId(app, "toggle-funnel")).click();
    await (await byTestId(app, "funnel-import")).click();
    await pickInFileDialog(xlsx);
    await byTestId(app, "metric-plan", '[data-state="ready"]');
    assert.match(await (await byTestId(app, "metric-summary")).getText(), /^3 touchpoint\(s\) will change/);
    await screenshot(app, "e2e-metric-import-en");
  } finally {
    await app.deleteSession();
  }
});
