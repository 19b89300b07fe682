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

// The real binary's command line, no window: a PDF with the Vietnamese text
// findable, and a clear error with a non-zero exit for a file that is not a project.
test("journey-studio export writes a PDF without a window and refuses a bad file", async () => {
  const { execFileSync, spawnSync } = await import("node:child_process");
  const { writeFileSync, readFileSync } = await import("node:fs");
  const { appBinary } = await import("./harness.mjs");
  const dir = tempDir();
  const file = join(dir, "bản đồ.journey");
  cli("new", file, "--lang", "vi");
  const pdf = join(dir, "khách hàng.pdf");
  const out = cli("export", file, "--pdf", pdf, "--page", "a3", "--fit", "--lang", "vi");
  assert.match(out, /exported/);
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");
  const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
  for (const name of ["Nhận thức", "Cân nhắc", "Chuyển đổi", "Giữ chân", "Ủng hộ", "Điểm chạm"]) {
    assert.ok(text.includes(name), `${name} is searchable text in the PDF`);
  }

  const bad = join(dir, "ghi chú.journey");
  writeFileSync(bad, "không phải dự án");
  const r = spawnSync(appBinary, ["export", bad, "--pdf", join(dir, "x.pdf")], { encoding: "utf8" });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /not a Journey Studio project/);
  assert.equal(readFileSync(bad, "utf8"), "không phải dự án");
  const opt = spawnSync(appBinary, ["export", file, "--pdf", join(dir, "y.pdf"), "--page", "a9"], { encoding: "utf8" });
  assert.notEqual(opt.status, 0);
  assert.match(opt.stderr, /a9/);
});
