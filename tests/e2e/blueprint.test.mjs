// A service blueprint in the real app: the template's lane groups with the
// lines of interaction, visibility and internal interaction on the canvas (in
// Vietnamese and English) and in the exported PDF.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { startDriver, tempDir, cli, byTestId, screenshot, setLanguage } from "./harness.mjs";

let driver;
before(async () => { driver = await startDriver(); });
after(async () => { await driver?.stop(); });

const lines = (app) =>
  app.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="blueprint-line"]')).map((l) => [l.dataset.line, l.textContent, l.nextElementSibling?.querySelector('[data-testid="lane-header"]')?.dataset.kind]),
  );

test("the service blueprint template: its three lines on the canvas and in the PDF", async () => {
  const dir = tempDir();
  const file = join(dir, "bản thiết kế.journey");
  cli("new", file, "--lang", "vi", "--template", "service_blueprint");
  const app = await driver.start([file]);
  try {
    await byTestId(app, "grid");
    await setLanguage(app, "vi");
    assert.deepEqual(await lines(app), [
      ["interaction", "Đường tương tác", "frontstage"],
      ["visibility", "Đường hữu hình", "backstage"],
      ["internal_interaction", "Đường tương tác nội bộ", "support"],
    ]);
    // Scroll the lines into view, then look.
    await app.execute(() => document.querySelector('[data-line="interaction"]')?.scrollIntoView({ block: "start" }));
    await screenshot(app, "e2e-blueprint-vi");
    await setLanguage(app, "en");
    assert.deepEqual((await lines(app)).map((l) => l[1]), ["Line of interaction", "Line of visibility", "Line of internal interaction"]);
    await screenshot(app, "e2e-blueprint-en");
  } finally {
    await app.deleteSession();
  }

  const pdf = join(dir, "blueprint.pdf");
  cli("export", file, "--pdf", pdf, "--page", "a3", "--lang", "vi");
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  for (const name of ["ĐƯỜNG TƯƠNG TÁC", "ĐƯỜNG HỮU HÌNH", "ĐƯỜNG TƯƠNG TÁC NỘI BỘ"]) assert.ok(text.includes(name), `${name} is not in the PDF`);
});
