import { describe, expect, it } from "vitest";
import { SCROLL_ROOM, scrollRoom } from "./scrollRoom";

describe("the grid's scroll area", () => {
  it("is the map's own while the map fits in the view", () => {
    expect(scrollRoom(0, 700, 800)).toBe(0);
    expect(scrollRoom(2000, 700, 800)).toBe(0);
  });

  it("keeps room below a taller map, and keeps its height while the map grows or shrinks within it", () => {
    const first = scrollRoom(0, 5000, 800);
    expect(first).toBe(5000 + SCROLL_ROOM);
    // A card moved: the lane is 150 px taller, then as before, then 300 px shorter.
    expect(scrollRoom(first, 5150, 800)).toBe(first);
    expect(scrollRoom(first, 5000, 800)).toBe(first);
    expect(scrollRoom(first, 4700, 800)).toBe(first);
  });

  it("grows when the map outgrows it, and shrinks when it would leave more than twice the room empty", () => {
    const first = scrollRoom(0, 5000, 800);
    expect(scrollRoom(first, first + 1, 800)).toBe(first + 1 + SCROLL_ROOM);
    expect(scrollRoom(first, first - 2 * SCROLL_ROOM - 1, 800)).toBe(first - SCROLL_ROOM - 1);
  });
});
