import i18next from "i18next";
import { describe, expect, it, vi } from "vitest";
import { memoT } from "./memo";

async function instance() {
  const i = i18next.createInstance();
  await i.init({
    lng: "vi",
    resources: { vi: { translation: { hi: "Xin chào", label: "Kênh: {{name}}", n: "{{n}} người" } } },
    interpolation: { escapeValue: false },
  });
  return i;
}

describe("memoT", () => {
  it("returns what i18next returns, with and without interpolation", async () => {
    const i = await instance();
    const t = memoT(i.t);
    expect(t("hi")).toBe("Xin chào");
    expect(t("label", { name: "Mạng xã hội" })).toBe("Kênh: Mạng xã hội");
    expect(t("label", { name: "Zalo" })).toBe("Kênh: Zalo");
    expect(t("n", { n: 1200 })).toBe("1200 người");
    expect(t("missing.key")).toBe("missing.key");
  });

  it("asks i18next once per key and options", async () => {
    const i = await instance();
    const spy = vi.fn(i.t);
    const t = memoT(spy as unknown as typeof i.t);
    for (let k = 0; k < 100; k += 1) {
      t("hi");
      t("label", { name: "Zalo" });
    }
    t("label", { name: "Email" });
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it("keeps option values apart that would collide as text", async () => {
    const i = await instance();
    const t = memoT(i.t);
    expect(t("label", { name: "1" })).toBe("Kênh: 1");
    expect(t("n", { n: 1 })).toBe("1 người");
    expect(t("label", { name: 'a","x":"b' })).toBe('Kênh: a","x":"b');
  });
});
