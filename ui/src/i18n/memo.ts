import type { TFunction } from "i18next";

/**
 * A translation function that remembers what it returned, for one language:
 * a grid draws the same few labels ("Channel: Social media", "Rate", …) on
 * hundreds of cards, and i18next's lookup and interpolation cost more than a
 * map lookup. Options must be plain values (strings, numbers, booleans).
 */
export function memoT(t: TFunction): TFunction {
  const cache = new Map<string, string>();
  return ((key: string, options?: Record<string, string | number | boolean>) => {
    const k = options ? `${key}\u0000${JSON.stringify(options)}` : key;
    let value = cache.get(k);
    if (value === undefined) {
      value = String(options ? t(key, options) : t(key));
      cache.set(k, value);
    }
    return value;
  }) as unknown as TFunction;
}
