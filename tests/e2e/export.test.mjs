import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startDriver, tempDir, cli, byTestId, screenshot } from "./harness.mjs";

let driver;
before(async () => { driver = await startDriver(); });
after(async () => { await driver?.stop(); });

// The native save dialog cannot be driven through WebDriver; writing files is
// covered by the command-line and core tests. Here: the dialog opens in the
// real webview, and the core's page pictures load and follow the options.
test("the export dialog previews the PDF's pages and follows the page options", async () => {
  const dir = tempDir();
  const file = join(dir, "xuất bản.journey");
  cli("new", file, "--lang", "vi");
  const app = await driver.start([file]);
  try {
    await byTestId(app, "grid");
    await (await byTestId(app, "toolbar-export")).click();
    const preview = await byTestId(app, "export-preview", '[data-state="ready"]');
    const loadedPages = () =>
      app.execute(() =>
        Array.from(document.querySelectorAll('[data-testid="export-page"] img')).filter((i) => i.complete && i.naturalWidth > 0).length,
      );
    const countPages = async () => (await app.$$('[data-testid="export-page"]')).length;
    await app.waitUntil(async () => (await loadedPages()) > 0 && (await loadedPages()) === (await countPages()), {
      timeout: 10000, timeoutMsg: "the page pictures never loaded",
    });
    const tiled = await countPages();
    await screenshot(app, "e2e-export-dialog-tiled");

    await (await byTestId(app, "export-layout")).selectByAttribute("value", "fit_to_page");
    await (await byTestId(app, "export-cover")).click();
    await app.waitUntil(async () => (await preview.getAttribute("data-state")) === "ready" && (await countPages()) === 3, {
      timeout: 10000, timeoutMsg: "fit to one page with a cover should give cover, map, legend: 3 pages",
    });
    assert.ok(tiled >= 2, `tiled on A4 gives map pages and a legend (${tiled})`);
    await app.waitUntil(async () => (await loadedPages()) === 3, { timeout: 10000, timeoutMsg: "pictures not loaded" });
    await screenshot(app, "e2e-export-dialog-fit");
    await app.keys("Escape");
    await app.waitUntil(async () => !(await (await app.$('[data-testid="export-dialog"]')).isExisting()), {
      timeout: 5000, timeoutMsg: "Escape did not close the dialog",
    });
  } finally {
    await app.deleteSession();
  }
});
