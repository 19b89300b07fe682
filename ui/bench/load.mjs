// Opens the bench page and waits for its first full render without touching
// the page meanwhile: the page announces it on the console (setup.ts). A
// Playwright evaluation (waitForFunction) would inject and compile Playwright's
// own script in the page while it is still drawing, and be timed with it.
export const FIRST_RENDER = "bench:first-render";

/** Navigates `page` to `url` and resolves once the page reports its first full render. */
export async function gotoFirstRender(page, url, timeout = 60000) {
  const done = page.waitForEvent("console", { predicate: (m) => m.text() === FIRST_RENDER, timeout });
  await page.goto(url, { waitUntil: "commit" });
  await done;
}
