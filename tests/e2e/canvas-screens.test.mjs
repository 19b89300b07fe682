// Screenshots of a realistic 5-stage journey in the real app (WebKitGTK), in
// Vietnamese and in English, with a few checks that its lanes render as what they are.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startDriver, tempDir, cli, byTestId, waitSaved, screenshot } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
let driver;
before(async () => { driver = await startDriver(); });
after(async () => { await driver?.stop(); });

for (const lang of ["vi", "en"]) {
  test(`a realistic journey map renders its channels, emotion curve, pains and persona (${lang})`, async () => {
    const demo = JSON.parse(readFileSync(join(here, "fixtures", `demo-${lang}.json`), "utf8"));
    const dir = tempDir();
    const file = join(dir, `demo-${lang}.journey`);
    cli("new", file, "--lang", lang);

    // Put the demo map in the file through the core's own edit command (one batch), replacing the template map.
    let app = await driver.start([file]);
    try {
      await byTestId(app, "grid");
      const result = await app.executeAsync((demo, done) => {
        const invoke = window.__TAURI_INTERNALS__.invoke;
        invoke("current_document")
          .then((doc) =>
            invoke("apply_edit", {
              edit: {
                type: "batch",
                edits: [
                  { type: "set_project_title", title: demo.title },
                  ...demo.personas.map((persona, index) => ({ type: "add_persona", persona, index })),
                  { type: "add_map", map: demo.maps[0], index: 0 },
                  ...doc.project.maps.map((m) => ({ type: "delete_map", map_id: m.id })),
                ],
              },
            }),
          )
          .then(() => invoke("current_document"))
          .then((d) => done({ ok: true, maps: d.project.maps.length }), (e) => done({ ok: false, e }));
      }, demo);
      assert.deepEqual(result, { ok: true, maps: 1 });
    } finally {
      await app.deleteSession();
    }

    app = await driver.start([file]);
    try {
      await byTestId(app, "grid");
      await (await byTestId(app, `lang-${lang}`)).click();
      assert.equal(await app.$$('[data-testid="emotion-point"]').length, 5);
      const chips = await app.$$('[data-testid="channel-chip"][data-channel]:not([data-channel=""])').map((c) => c.getText());
      assert.ok(chips.length >= 5, `channel chips: ${chips}`);
      assert.equal(await (await byTestId(app, "persona-name")).getText(), demo.personas[0].name);
      assert.equal(await (await byTestId(app, "map-goal")).getText(), demo.maps[0].goal);
      await waitSaved(app);
      await screenshot(app, `e2e-canvas-demo-${lang}`);
      // Chips do not clip their labels (a rounded clip per chip costs WebKit every repaint): each fits its card.
      // A custom channel that may not fit (more than CHIP_CLIP_FROM letters) ends in an ellipsis inside its chip.
      const chipsOverflow = () =>
        app.execute(() =>
          Array.from(document.querySelectorAll(".card .chip"))
            .filter((c) => c.getBoundingClientRect().right > c.closest(".card").getBoundingClientRect().right - 1)
            .map((c) => c.textContent),
        );
      assert.deepEqual(await chipsOverflow(), []);
      const long = "Zalo OA · chăm sóc khách hàng sau mua tại cửa hàng Hà Nội";
      await (await app.$('[data-testid="channel-chip"][data-channel]:not([data-channel=""])')).click();
      await (await byTestId(app, "channel-custom")).setValue(long);
      await app.keys("Enter");
      const chip = await app.$(`[data-testid="channel-chip"][data-channel="${long}"]`);
      await chip.waitForExist({ timeout: 5000 });
      assert.match(await chip.getAttribute("class"), /\bchip-clip\b/);
      assert.equal(await app.execute((c) => c.querySelector("span").scrollWidth > c.querySelector("span").clientWidth, chip), true);
      assert.deepEqual(await chipsOverflow(), []);
      await screenshot(app, `e2e-canvas-long-channel-${lang}`);
      // The help panel, and the whole map fitted to the window.
      await (await byTestId(app, "toolbar-help")).click();
      await byTestId(app, "help-panel");
      await screenshot(app, `e2e-canvas-help-${lang}`);
      await (await byTestId(app, "close-help")).click();
      await (await byTestId(app, "zoom-fit")).click();
      await app.waitUntil(async () => Number(await (await byTestId(app, "canvas")).getAttribute("data-zoom")) < 1, {
        timeout: 5000,
        timeoutMsg: "fit did not zoom out",
      });
      await screenshot(app, `e2e-canvas-fit-${lang}`);
    } finally {
      await app.deleteSession();
    }
  });
}
