// Presentation mode in the real app: the map shown stage by stage without
// editing chrome, the whole map, the funnel on demand; Esc leaves. Screenshots
// in Vietnamese and English.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startDriver, tempDir, cli, byTestId, screenshot, setLanguage } from "./harness.mjs";

let driver;
before(async () => { driver = await startDriver(); });
after(async () => { await driver?.stop(); });

const heading = (app) => app.execute(() => document.querySelector('[data-testid="present-stage"] h1')?.textContent);

test("presentation mode: stage by stage, the whole map, the funnel, and back with Esc", async () => {
  const dir = tempDir();
  const file = join(dir, "trình chiếu.journey");
  cli("new", file, "--lang", "vi", "--template", "ecommerce");
  const app = await driver.start([file]);
  try {
    await byTestId(app, "grid");
    await setLanguage(app, "vi");
    await (await byTestId(app, "toolbar-present")).click();
    await byTestId(app, "presentation");
    assert.equal(await heading(app), "Quảng cáo");
    assert.equal(await app.execute(() => document.querySelector('[data-testid="grid"], [data-testid="toolbar-present"]')), null);
    // One key at a time (an array of keys is one chord to WebDriver).
    for (let i = 0; i < 3; i++) await app.keys("ArrowRight");
    assert.equal(await heading(app), "Giỏ hàng");
    await screenshot(app, "e2e-present-stage-vi");
    await app.keys("f");
    await byTestId(app, "present-funnel");
    await screenshot(app, "e2e-present-funnel-vi");
    await app.keys("Escape");
    await app.keys("m");
    await byTestId(app, "present-map");
    await screenshot(app, "e2e-present-map-vi");
    await app.keys("Escape");
    await byTestId(app, "grid");

    await setLanguage(app, "en");
    await (await byTestId(app, "toolbar-present")).click();
    await byTestId(app, "presentation");
    await app.keys("p");
    await byTestId(app, "present-persona");
    await screenshot(app, "e2e-present-persona-en");
    await app.keys("Escape");
    await app.keys("Escape");
    await byTestId(app, "grid");
  } finally {
    await app.deleteSession();
  }
});
