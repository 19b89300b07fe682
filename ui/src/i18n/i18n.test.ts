import { afterEach, describe, expect, it, vi } from "vitest";
import { LANE_KINDS } from "../components/Grid";
import en from "./en.json";
import vi_ from "./vi.json";
import { detectLang, LANG_STORAGE_KEY } from "./index";

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out[key] = v;
    else Object.assign(out, flatten(v, key));
  }
  return out;
}

const EN = flatten(en as Tree);
const VI = flatten(vi_ as Tree);

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  it("every English key exists in Vietnamese and vice versa", () => {
    const missingInVi = Object.keys(EN).filter((k) => !(k in VI));
    const missingInEn = Object.keys(VI).filter((k) => !(k in EN));
    expect(missingInVi).toEqual([]);
    expect(missingInEn).toEqual([]);
  });

  it("no empty strings and the same placeholders in both languages", () => {
    for (const [k, v] of Object.entries(EN)) {
      expect(v.trim(), `en ${k}`).not.toBe("");
      expect(VI[k]?.trim(), `vi ${k}`).not.toBe("");
      expect(placeholders(VI[k] ?? ""), `placeholders of ${k}`).toEqual(placeholders(v));
    }
  });

  it("Vietnamese is really translated (with diacritics)", () => {
    expect(VI["status.saved"]).toBe("Đã lưu");
    expect(VI["grid.newStageName"]).toBe("Giai đoạn mới");
    const same = Object.keys(EN).filter((k) => EN[k] === VI[k] && !k.startsWith("lang.") && k !== "app.name");
    expect(same).toEqual([]);
  });

  // Every error code the core answers with is checked where the codes are
  // defined (src-tauri/core/i18n.rs reads them from the error types).
  it("names every lane kind", () => {
    for (const kind of LANE_KINDS) expect(EN, kind).toHaveProperty([`laneKind.${kind}`]);
    for (const kind of LANE_KINDS) expect(VI, kind).toHaveProperty([`laneKind.${kind}`]);
  });

  it("every literal key used in the source exists", () => {
    const sources = import.meta.glob<string>(["../**/*.{ts,tsx}", "!../**/*.test.{ts,tsx}"], {
      query: "?raw",
      import: "default",
      eager: true,
    });
    expect(Object.keys(sources).length).toBeGreaterThan(5);
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\(\s*"([a-zA-Z_.]+)"/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(20);
    // A key used with a count may exist only in its plural forms (key_one, key_other…).
    expect([...used].filter((k) => !(k in EN) && !(`${k}_other` in EN))).toEqual([]);
  });
});

describe("detectLang", () => {
  afterEach(() => {
    localStorage.clear();
    vi.restoreAllMocks();
  });

  it("follows the system language, vi* → vi, else en", () => {
    localStorage.clear();
    vi.spyOn(navigator, "language", "get").mockReturnValue("vi-VN");
    expect(detectLang()).toBe("vi");
    vi.spyOn(navigator, "language", "get").mockReturnValue("fr-FR");
    expect(detectLang()).toBe("en");
  });

  it("prefers the remembered choice", () => {
    vi.spyOn(navigator, "language", "get").mockReturnValue("en-US");
    localStorage.setItem(LANG_STORAGE_KEY, "vi");
    expect(detectLang()).toBe("vi");
    localStorage.setItem(LANG_STORAGE_KEY, "xx");
    expect(detectLang()).toBe("en");
  });
});
