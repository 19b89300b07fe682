// Screenshots of the funnel, research and review history panels (English and
// Vietnamese) from the built bench page: node insights-shots.mjs OUT_DIR
import { join } from "node:path";
import { launchChromium } from "./chromium.mjs";
import { serveDist } from "./serve.mjs";

const out = process.argv[2] ?? "/tmp/insights-shots";
const { base, server } = await serveDist();
const browser = await launchChromium();
try {
  for (const lang of ["en", "vi"]) {
    const context = await browser.newContext({
      viewport: { width: 1600, height: 1000 },
      deviceScaleFactor: 1,
      locale: lang === "vi" ? "vi-VN" : "en-US",
      timezoneId: "Asia/Ho_Chi_Minh",
    });
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    await page.goto(`${base}?scene=insights&lang=${lang}`);
    await page.waitForSelector('[data-testid="grid"]');
    await page.evaluate(() => document.fonts.ready);
    await page.click('[data-testid="toggle-panel"]'); // hide the map panel: more room
    await page.click('[data-testid="toggle-funnel"]');
    await page.waitForSelector('[data-testid="funnel-overall"]');
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(out, `funnel-${lang}.png`) });
    // What-if on the checkout touchpoint (t2).
    await page.hover('[data-card-id="t2"]'); // an unrated card's rate chip comes with the pointer
    await page.click('[data-card-id="t2"] [data-testid="conversion-chip"]');
    await page.fill('[data-testid="rate-input"]', "30");
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, `whatif-${lang}.png`) });
    await page.keyboard.press("Escape");
    await page.click('[data-testid="tab-research"]');
    await page.click('[data-card-id="a2"]');
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(out, `research-${lang}.png`) });
    await page.click('[data-testid="tab-history"]');
    await page.click('[data-snapshot-id="snap1"] [data-testid="snapshot-compare"]');
    await page.waitForSelector('[data-testid="diff-view"]');
    await page.check('[data-testid="compare-highlight"]');
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(out, `history-${lang}.png`) });
    await page.evaluate(() => document.querySelector(".insights-body").scrollTo(0, 10000));
    await page.waitForTimeout(100);
    await page.screenshot({ path: join(out, `compare-${lang}.png`) });
    await context.close();
  }
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  server.close();
}
