// Images on cards in the real app: a landing-page screenshot picked from a file
// goes on a touchpoint card (shown as a thumbnail), the same picture put on the
// X clipboard (xclip) and pasted with Ctrl+V becomes a card of the image lane
// (shown large); both are still there after a
// relaunch, and the PDF export embeds them with the cards' text still text
// (pdfimages, pdftotext).
// Screenshots in English and Vietnamese.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { startDriver, tempDir, cli, byTestId, waitSaved, screenshot, root, setLanguage, pickInFileDialog, sleep } from "./harness.mjs";

let driver;
before(async () => { driver = await startDriver(); });
after(async () => { await driver?.stop(); });

/** The fixture: a 900 × 1400 landing page drawn by fixtures/landing-page.mjs. */
const landingPage = join(root, "tests/e2e/fixtures/landing-page.png");

/** Runs `invoke(cmd, args)` in the page and answers its result (or throws its error). */
async function invoke(app, cmd, args = {}) {
  const r = await app.executeAsync((cmd, args, done) => {
    window.__TAURI_INTERNALS__.invoke(cmd, args).then((v) => done({ ok: true, v }), (e) => done({ ok: false, e }));
  }, cmd, args);
  if (!r.ok) throw new Error(`${cmd}: ${JSON.stringify(r.e)}`);
  return r.v;
}

const cardEl = (app, id) => app.$(`[data-testid="card"][data-card-id="${id}"]`);

/** Whether a card's picture has loaded (its thumbnail decoded by the webview). */
const pictureShown = (app, id) =>
  app.execute((id) => {
    const img = document.querySelector(`[data-card-id="${id}"] [data-testid="card-image"] img`);
    return !!img && img.complete && img.naturalWidth > 0 ? { w: img.naturalWidth, h: img.naturalHeight, large: img.parentElement.classList.contains("card-image-large"), shownH: img.getBoundingClientRect().height } : null;
  }, id);

test("a picture from a file and a pasted one show on the map, survive a relaunch and are embedded in the PDF", async () => {
  const dir = tempDir();
  const file = join(dir, "hình ảnh.journey");
  cli("new", file, "--lang", "en");

  let app = await driver.start([file]);
  let adCard;
  let mapId;
  try {
    await byTestId(app, "grid");
    await setLanguage(app, "en");
    const doc = await invoke(app, "current_document");
    const map = doc.project.maps[0];
    mapId = map.id;
    const touch = map.lanes.find((l) => l.kind === "touchpoints");
    adCard = map.cards.find((c) => c.lane_id === touch.id).id;
    // An image lane, added as a user does: "Add lane", then its kind; its name is kept with Enter.
    const addLane = await byTestId(app, "add-lane");
    await addLane.scrollIntoView({ block: "center" });
    // The button sits under the grid's sticky parts at the bottom corner: clicked in the page.
    await app.execute((el) => el.click(), addLane);
    await (await byTestId(app, "add-lane-kind", '[data-kind="images"]')).click();
    await sleep(500);
    await app.keys("Enter");
    await waitSaved(app);
    const laneId = await app.execute(() => document.querySelector('[data-testid="lane-header"][data-kind="images"]')?.dataset.laneId ?? null);
    assert.ok(laneId, "the image lane is on the map");
    const imageCell = `[data-lane-id="${laneId}"][data-stage-index="1"]`;
    await byTestId(app, "cell", imageCell);

    // 1. From a file: hover the card, its picture button's file input takes the fixture.
    const card = await cardEl(app, adCard);
    await card.scrollIntoView({ block: "center" });
    await card.moveTo();
    const input = await byTestId(app, "card-image-input", "", 5000);
    let viaInput = true;
    try {
      await input.addValue(landingPage);
    } catch (e) {
      viaInput = false;
      console.log(`file input not driveable through WebDriver (${e.message}); using the file dialog`);
    }
    if (!viaInput) {
      await (await byTestId(app, "card-image-add")).click();
      await pickInFileDialog(landingPage);
    }
    await app.waitUntil(async () => !!(await pictureShown(app, adCard)), { timeout: 20000, timeoutMsg: "the picked picture never showed on the card" });
    await waitSaved(app);
    const small = await pictureShown(app, adCard);
    assert.equal(small.large, false, "a touchpoint card shows a thumbnail");
    assert.ok(small.h <= 400 && small.w <= 400, `the canvas got a thumbnail, not the picture (${small.w}×${small.h})`);

    // 2. Pasted: the picture is put on the X clipboard as another app does (xclip serving image/png), nothing is
    // selected, the pointer is over a cell of the image lane, and Ctrl+V is pressed in the app. WebKitGTK's paste
    // event brings the page nothing of it: the desktop layer reads the clipboard (paste_image).
    await app.keys("Escape");
    await app.execute(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
    const target = await byTestId(app, "cell", imageCell);
    await target.scrollIntoView({ block: "center" });
    await target.moveTo();
    // xclip stays in the background serving the clipboard until another owner takes it.
    execFileSync("xclip", ["-selection", "clipboard", "-t", "image/png", "-i", landingPage], { stdio: "ignore", timeout: 10000 });
    const targets = execFileSync("xclip", ["-selection", "clipboard", "-o", "-t", "TARGETS"], { encoding: "utf8", timeout: 10000 });
    assert.match(targets, /image\/png/, "xclip serves the picture");
    await app.action("key").down("\uE009").down("v").pause(50).up("v").up("\uE009").perform();
    let pasted = null;
    await app.waitUntil(
      async () => {
        pasted = await app.execute((sel) => document.querySelector(`${sel} [data-testid="card"]`)?.dataset.cardId ?? null, `[data-testid="cell"]${imageCell}`);
        return !!pasted && !!(await pictureShown(app, pasted));
      },
      { timeout: 20000, timeoutMsg: "a pasted picture never made an image card" },
    );
    await waitSaved(app);
    assert.equal((await pictureShown(app, pasted)).large, true, "an image lane shows the picture large");
    // Text on the X clipboard: Ctrl+V pastes it as a card, as before (the webview hands the page text), never a picture,
    // never an error.
    await app.keys("Escape");
    const textFile = join(dir, "text.txt");
    writeFileSync(textFile, "Gọi lại cho khách\n");
    execFileSync("xclip", ["-selection", "clipboard", "-t", "UTF8_STRING", "-i", textFile], { stdio: "ignore", timeout: 10000 });
    await target.moveTo();
    await app.action("key").down("\uE009").down("v").pause(50).up("v").up("\uE009").perform();
    await sleep(2000);
    assert.equal(await app.execute(() => document.querySelector('[data-testid="error-message"]')?.textContent ?? null), null, "no error");
    const cellCards = await app.execute(
      (sel) => [...document.querySelectorAll(`${sel} [data-testid="card"]`)].map((c) => ({ text: c.textContent, image: !!c.querySelector('[data-testid="card-image"]') })),
      `[data-testid="cell"]${imageCell}`,
    );
    assert.equal(cellCards.filter((c) => c.image).length, 1, `text pastes no picture: ${JSON.stringify(cellCards)}`);
    assert.ok(cellCards.some((c) => !c.image && c.text.includes("Gọi lại cho khách")), `the text is a card: ${JSON.stringify(cellCards)}`);
    await waitSaved(app);
    // Look: the image card (large) and the touchpoint's thumbnail, in both languages.
    await app.execute((id) => document.querySelector(`[data-card-id="${id}"]`)?.scrollIntoView({ block: "center" }), pasted);
    await sleep(500);
    await screenshot(app, "e2e-images-lane-en");
    await app.execute((id) => document.querySelector(`[data-card-id="${id}"]`)?.scrollIntoView({ block: "center" }), adCard);
    await sleep(500);
    await screenshot(app, "e2e-images-thumb-en");
    await setLanguage(app, "vi");
    await sleep(500);
    await screenshot(app, "e2e-images-thumb-vi");
    await app.execute((id) => document.querySelector(`[data-card-id="${id}"]`)?.scrollIntoView({ block: "center" }), pasted);
    await sleep(500);
    await screenshot(app, "e2e-images-lane-vi");
    // Both cards name a stored picture; the pasted one is the clipboard's, at its own size (900 × 1400).
    const after = (await invoke(app, "current_document")).project.maps[0].cards;
    assert.equal(after.filter((c) => c.image_id).length, 2);
    const pastedImage = after.find((c) => c.id === pasted).image_id;
    const whole = await invoke(app, "image", { imageId: pastedImage, thumb: false });
    const size = await app.executeAsync((url, done) => {
      const img = new Image();
      img.onload = () => done([img.naturalWidth, img.naturalHeight]);
      img.onerror = () => done(null);
      img.src = url;
    }, whole);
    assert.deepEqual(size, [900, 1400], "the clipboard's picture is kept whole (it fits 1600 px)");
  } finally {
    await app.deleteSession();
  }

  // 3. Relaunch: both still there.
  app = await driver.start([file]);
  try {
    await byTestId(app, "grid");
    for (const id of [adCard]) {
      await (await cardEl(app, id)).scrollIntoView({ block: "center" });
      await app.waitUntil(async () => !!(await pictureShown(app, id)), { timeout: 20000, timeoutMsg: `card ${id} lost its picture after a relaunch` });
    }
    const cards = (await invoke(app, "current_document")).project.maps[0].cards.filter((c) => c.image_id);
    assert.equal(cards.length, 2);
  } finally {
    await app.deleteSession();
  }

  // 4. The PDF: the picture embedded (once), the cards' text still text.
  const pdf = join(dir, "hình ảnh.pdf");
  cli("export", file, "--pdf", pdf, "--page", "a3", "--map", mapId);
  const list = execFileSync("pdfimages", ["-list", pdf], { encoding: "utf8" });
  const rows = list.split("\n").slice(2).filter((l) => l.trim());
  assert.ok(rows.length >= 1, `pdfimages finds the picture:\n${list}`);
  assert.ok(rows.some((r) => /\b900\s+1400\b/.test(r)), `the picture is embedded at its own size (900×1400):\n${list}`);
  const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
  assert.ok(text.includes("Images"), "the image lane's name is text in the PDF");
  execFileSync("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "1", pdf, join(root, ".ci/out/e2e-images-pdf")]);
});
