// Numbers and dates in the UI language's format (Vietnamese: "27,5%", "1.200").
import type { Lang } from "../bindings";

const locale = (lang: string) => (lang === "vi" ? "vi-VN" : "en-US");

/**
 * One formatter per language and style, made once: every card with a rate
 * formats two numbers each time it is drawn, and a new Intl.NumberFormat
 * costs WebKit about 30 µs (a cached one 3 µs).
 */
const formatters = new Map<string, Intl.NumberFormat>();
function numbers(lang: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale(lang)}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), options);
    formatters.set(key, f);
  }
  return f;
}

/**
 * A percentage with at most one decimal, two below 1%: "27.5%" / "27,5%",
 * "0.48%"; "< 0.01%" rather than "0%" for a share that is not nothing. The
 * exports write the same (tests/fixtures/percent-format.json checks both).
 */
export function formatPct(value: number, lang: string): string {
  if (value > 0 && value < 0.01) return `< ${numbers(lang).format(0.01)}%`;
  return `${numbers(lang, { maximumFractionDigits: Math.abs(value) < 1 ? 2 : 1 }).format(value)}%`;
}

/** A signed difference in percentage points, without the unit: "+5.2", "−3", "0". */
export function formatDelta(value: number, lang: string): string {
  const rounded = Math.round(value * 10) / 10;
  const abs = numbers(lang, { maximumFractionDigits: 1 }).format(Math.abs(rounded));
  return rounded > 0 ? `+${abs}` : rounded < 0 ? `−${abs}` : abs;
}

/** A whole number of people: "1,200" / "1.200". */
export function formatCount(value: number, lang: string): string {
  return numbers(lang, { maximumFractionDigits: 0 }).format(Math.round(value));
}

/** Short form for chips: "1.2K" / "1,2 N". */
export function formatCompact(value: number, lang: string): string {
  return numbers(lang, { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

/** Date and time of a snapshot, in the UI language's style. */
export function formatDateTime(ms: number, lang: Lang | string): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
}

/** Parses a typed percentage ("42", "42,5", "42.5 %"); null when empty, NaN when not a number. */
export function parseRate(text: string): number | null {
  const t = text.trim().replace(/%$/, "").trim().replace(",", ".");
  if (t === "") return null;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

/** Parses a typed count of people ("1200", "1.200", "1,200", "1 200"); null when empty, NaN when not a whole number. */
export function parseVolume(text: string): number | null {
  const t = text.trim().replace(/[\s.,]/g, "");
  if (t === "") return null;
  return /^\d+$/.test(t) ? Number(t) : NaN;
}
