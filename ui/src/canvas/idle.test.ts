import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { quietRunner } from "./idle";

describe("quietRunner", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs once pokes stop for the quiet time", () => {
    const go = vi.fn();
    const r = quietRunner(go, 80, 300);
    r.poke();
    vi.advanceTimersByTime(50);
    r.poke();
    vi.advanceTimersByTime(50);
    expect(go).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30);
    expect(go).toHaveBeenCalledTimes(1);
  });

  it("runs at the latest the longest wait after the first poke, however often it is poked", () => {
    const go = vi.fn();
    const r = quietRunner(go, 80, 300);
    for (let t = 0; t < 290; t += 20) {
      r.poke();
      vi.advanceTimersByTime(20);
    }
    expect(go).not.toHaveBeenCalled();
    r.poke();
    vi.advanceTimersByTime(20);
    expect(go).toHaveBeenCalledTimes(1);
    // The next poke starts a new wait.
    r.poke();
    vi.advanceTimersByTime(80);
    expect(go).toHaveBeenCalledTimes(2);
  });

  it("cancel drops a pending run", () => {
    const go = vi.fn();
    const r = quietRunner(go, 80, 300);
    r.poke();
    r.cancel();
    vi.advanceTimersByTime(1000);
    expect(go).not.toHaveBeenCalled();
  });
});
