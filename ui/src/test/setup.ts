import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { options } from "preact";
import { afterAll, afterEach, vi } from "vitest";
import { stopCoreBridge } from "./coreBridge";

// Preact runs effects (useEffect) after the next paint (a frame). jsdom does not
// paint: tests run them right after each commit, as React's act() does, so a
// test can use what an effect sets up (e.g. the grid's pointer listeners) as
// soon as the element it looks for is there.
options.requestAnimationFrame = (flush) => queueMicrotask(flush);

// Rust → window events: tests drive the handlers through this mock.
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn(async () => () => undefined) }));

afterEach(() => {
  cleanup();
});

// The real core this file's tests drove (testCore.ts), if any.
afterAll(() => {
  stopCoreBridge();
});
