import { act, render } from "@testing-library/react";
import { useMemo } from "react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { useNextFrame } from "./nextFrame";

/** The animation frame callbacks asked for and not cancelled, by id. */
let frames = new Map<number, FrameRequestCallback>();
let nextId = 1;
beforeEach(() => {
  frames = new Map();
  vi.spyOn(window, "requestAnimationFrame").mockImplementation((cb) => {
    frames.set(nextId, cb);
    return nextId++;
  });
  vi.spyOn(window, "cancelAnimationFrame").mockImplementation((id) => {
    frames.delete(id);
  });
});
afterEach(() => vi.restoreAllMocks());

/** Runs the animation frame callbacks asked for so far (one frame), each followed by its renders, as a browser does. */
function frame() {
  const now = [...frames.values()];
  frames = new Map();
  for (const cb of now) act(() => cb(performance.now()));
}

/** Shows a pair through one useNextFrame, counting the values it has shown. */
function Pair({ a, b, shown }: { a: number; b: number; shown: string[] }) {
  const pair = useNextFrame(useMemo(() => ({ a, b }), [a, b]));
  shown.push(`${pair.a},${pair.b}`);
  return null;
}

it("shows a new value from the frame after the change, both halves of a pair in one render", () => {
  const shown: string[] = [];
  const { rerender } = render(<Pair a={1} b={1} shown={shown} />);
  expect(shown.at(-1)).toBe("1,1");
  // The map changes, then the layout follows before the next frame.
  rerender(<Pair a={2} b={1} shown={shown} />);
  rerender(<Pair a={2} b={2} shown={shown} />);
  expect(shown.at(-1)).toBe("1,1");
  const before = shown.length;
  frame();
  expect(shown.slice(before)).toEqual(["2,2"]);
  // Nothing changed: no frame is asked for.
  frame();
  expect(shown.slice(before)).toEqual(["2,2"]);
});
