// Review comments in the real app: the author's name asked once, a Vietnamese
// comment on a card with a reply, the badge, a stage's thread resolved, the
// Comments panel, the export dialog's appendix option, all still there after a
// relaunch, and the PDF's open comments appendix (pdftotext finds the words).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { startDriver, tempDir, cli, byTestId, waitSaved, screenshot, setLanguage, outDir } from "./harness.mjs";

const COMMENT = "Khách hàng có nhớ quảng cáo này không? Cần số liệu khảo sát";
const REPLY = "Có: bốn trên năm người được hỏi nhớ ưu đãi";
const STAGE_COMMENT = "Giai đoạn cân nhắc cần thêm một điểm chạm";
const AUTHOR = "Chị Hà";

let driver;
before(async () => { driver = await startDriver(); });
after(async () => { await driver?.stop(); });

/** The first card of the first cell. */
async function firstCard(app) {
  const cell = await byTestId(app, "cell", '[data-stage-index="0"][data-lane-index="0"]');
  const card = await cell.$('[data-testid="card"]');
  await card.waitForExist({ timeout: 10000 });
  return card;
}

async function badgeText(el) {
  const badge = await el.$('[data-testid="comment-badge"]');
  return (await badge.isExisting()) ? badge.getText() : "";
}

async function waitBadge(app, el, want, what) {
  await app.waitUntil(async () => (await badgeText(el)) === want, { timeout: 10000, timeoutMsg: `${what}: badge never read ${want}` });
}

test("comment on a card in Vietnamese, reply, resolve a stage's thread, relaunch, export the open comments", async () => {
  const dir = tempDir();
  const file = join(dir, "góp ý.journey");
  cli("new", file, "--lang", "vi");

  let app = await driver.start([file]);
  try {
    await byTestId(app, "grid");
    await setLanguage(app, "vi");
    const card = await firstCard(app);
    assert.equal(await badgeText(card), "", "no badge before any comment");
    await card.moveTo();
    await (await card.$('[data-testid="comment-card"]')).click();
    const pop = await byTestId(app, "comment-popover");
    // The first comment asks for the author's name.
    await (await pop.$('[data-testid="comment-author"]')).setValue(AUTHOR);
    await (await pop.$('[data-testid="comment-new-text"]')).click();
    await (await pop.$('[data-testid="comment-new-text"]')).setValue(COMMENT);
    await (await pop.$('[data-testid="comment-new-send"]')).click();
    await waitBadge(app, card, "1", "after the comment");
    await (await byTestId(app, "comment-reply-open")).click();
    await (await byTestId(app, "comment-reply-text")).setValue(REPLY);
    await (await byTestId(app, "comment-reply-send")).click();
    await waitBadge(app, card, "2", "after the reply");
    await waitSaved(app);
    const bodies = await app.$$('[data-testid="comment-popover"] [data-testid="comment-body"]').map((b) => b.getText());
    assert.deepEqual(bodies, [COMMENT, REPLY]);
    const authors = await app.$$('[data-testid="comment-popover"] [data-testid="comment-by"]').map((b) => b.getText());
    assert.deepEqual(authors, [AUTHOR, AUTHOR]);
    await screenshot(app, "e2e-comments-thread-vi");
    await app.keys("Escape");

    // A thread on the second stage, resolved: its badge goes.
    const stage = await byTestId(app, "stage-header", '[data-stage-index="1"]');
    await stage.moveTo();
    await (await stage.$('[data-testid="comment-stage"]')).click();
    const stagePop = await byTestId(app, "comment-popover");
    assert.equal(await (await stagePop.$('[data-testid="comment-author"]')).isExisting(), false, "the name is asked once");
    await (await stagePop.$('[data-testid="comment-new-text"]')).setValue(STAGE_COMMENT);
    await (await stagePop.$('[data-testid="comment-new-send"]')).click();
    await waitBadge(app, stage, "1", "the stage's thread");
    await (await byTestId(app, "comment-resolve")).click();
    await waitBadge(app, stage, "", "the resolved stage thread");
    await byTestId(app, "comment-resolved");
    await waitSaved(app);
    await app.keys("Escape");

    // The Comments panel lists the open thread; the export dialog offers the appendix.
    await (await byTestId(app, "toggle-comments")).click();
    const panel = await byTestId(app, "comments-panel");
    await app.waitUntil(async () => (await panel.$$('[data-testid="comment-thread"]').length) === 1, {
      timeout: 5000, timeoutMsg: "the panel does not list the one open thread",
    });
    await screenshot(app, "e2e-comments-panel-vi");
    await setLanguage(app, "en");
    await (await byTestId(app, "comments-filter-resolved")).click();
    await app.waitUntil(async () => (await (await byTestId(app, "comments-panel")).getText()).includes(STAGE_COMMENT), {
      timeout: 5000, timeoutMsg: "the resolved thread is not listed under Resolved",
    });
    await screenshot(app, "e2e-comments-panel-en");
    await (await byTestId(app, "comments-filter-open")).click();
    await (await firstCard(app)).moveTo();
    await (await (await firstCard(app)).$('[data-testid="comment-badge"]')).click();
    await byTestId(app, "comment-popover");
    await screenshot(app, "e2e-comments-thread-en");
    await app.keys("Escape");

    await (await byTestId(app, "toolbar-export")).click();
    const preview = await byTestId(app, "export-preview", '[data-state="ready"]');
    const countPages = async () => (await app.$$('[data-testid="export-page"]')).length;
    const without = await countPages();
    await (await byTestId(app, "export-comments")).click();
    await app.waitUntil(async () => (await preview.getAttribute("data-state")) === "ready" && (await countPages()) === without + 1, {
      timeout: 10000, timeoutMsg: "ticking the appendix should add its page to the preview",
    });
    await app.keys("Escape");
  } catch (e) {
    await screenshot(app, "e2e-comments-failure");
    throw e;
  } finally {
    await app.deleteSession();
  }

  // Relaunched: the thread, its reply and the badge are there, and the name is remembered.
  app = await driver.start([file]);
  try {
    await byTestId(app, "grid");
    const card = await firstCard(app);
    await waitBadge(app, card, "2", "after the relaunch");
    assert.equal(await badgeText(await byTestId(app, "stage-header", '[data-stage-index="1"]')), "");
    await (await card.$('[data-testid="comment-badge"]')).click();
    const pop = await byTestId(app, "comment-popover");
    const bodies = await pop.$$('[data-testid="comment-body"]').map((b) => b.getText());
    assert.deepEqual(bodies, [COMMENT, REPLY]);
    assert.equal(await (await pop.$('[data-testid="comment-author"]')).isExisting(), false, "the author's name is remembered");
    await screenshot(app, "e2e-comments-reopened");
  } finally {
    await app.deleteSession();
  }

  // The real binary's PDF with the appendix: the open thread is in it, the resolved one is not.
  const pdf = join(dir, "góp ý.pdf");
  cli("export", file, "--pdf", pdf, "--lang", "vi", "--comments");
  const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  assert.ok(text.includes("Bình luận chưa xử lý"), "the appendix's title");
  for (const want of [COMMENT, REPLY, AUTHOR]) assert.ok(text.includes(want), `${want} is not in the PDF: ${text.slice(-800)}`);
  assert.ok(!text.includes(STAGE_COMMENT), "a resolved thread is not in the open comments appendix");
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))[1]);
  execFileSync("pdftoppm", ["-r", "60", "-png", "-f", String(pages), "-l", String(pages), pdf, join(outDir, "e2e-comments-appendix")]);
});
