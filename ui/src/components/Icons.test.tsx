import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BUILTIN_CHANNELS } from "../canvas/channels";
import { ChannelIcon } from "./Icons";

const pathOf = (channel: string) =>
  render(<ChannelIcon channel={channel} />)
    .container.querySelector("path")
    ?.getAttribute("d");

describe("ChannelIcon", () => {
  it("draws a built-in channel's own icon and a tag for a custom one", () => {
    const tag = pathOf("Zalo OA");
    expect(tag).toMatch(/^M/);
    expect(pathOf("email")).toMatch(/^M/);
    expect(pathOf("email")).not.toBe(tag);
    expect(pathOf("ads")).not.toBe(pathOf("email"));
  });

  it("gives every built-in channel an icon of its own", () => {
    const paths = BUILTIN_CHANNELS.map(pathOf);
    expect(paths).not.toContain(pathOf("Zalo OA"));
    expect(new Set(paths).size).toBe(BUILTIN_CHANNELS.length);
  });

  it("draws a tag for custom channels named like object properties", () => {
    const tag = pathOf("Zalo OA");
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) expect(pathOf(name)).toBe(tag);
  });
});
