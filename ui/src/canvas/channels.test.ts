import { describe, expect, it } from "vitest";
import { makeCard, makeProject } from "../test/projects";
import { customChannels, isBuiltin, normalizeChannel } from "./channels";

describe("channels", () => {
  it("lists custom channels used in the project once, sorted", () => {
    const p = makeProject("vi");
    const card = (id: string, ch: string) => ({ ...makeCard(id, "m1-s0", "m1-l0", id), channel: ch });
    p.maps[0].cards = [card("a", "Zalo OA"), card("b", "email"), card("c", "zalo oa"), card("d", "Hội chợ"), card("e", "  ")];
    expect(customChannels(p)).toEqual(["Hội chợ", "Zalo OA"]);
    expect(isBuiltin("email")).toBe(true);
    expect(isBuiltin("Zalo OA")).toBe(false);
  });

  it("maps a typed name to a built-in key", () => {
    const names = { email: "Email", phone: "Điện thoại / telesales" };
    expect(normalizeChannel("  EMAIL ", names)).toBe("email");
    expect(normalizeChannel("điện thoại / telesales", names)).toBe("phone");
    expect(normalizeChannel(" Zalo ", names)).toBe("Zalo");
    expect(normalizeChannel("x".repeat(100), names)).toHaveLength(64);
  });
});
