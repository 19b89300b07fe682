// Cards draw their resting ring as an outline (styles.css --card-ring), and
// many selected cards theirs as unblurred rings (--shadow-card-hover-rings
// instead of --shadow-card-hover's blurs), which WebKit without compositing
// would blur anew in every frame: these tests hold the rings to the blurs'
// look, pixel by pixel.
/// <reference types="node" />
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const styles = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "styles.css"), "utf8");

interface Shadow {
  y: number;
  blur: number;
  spread: number;
  alpha: number;
}

/** The shadows of a `--name: …;` declaration (x offsets are 0 in these; colours rgba of the same ink). */
function shadows(name: string): Shadow[] {
  const m = new RegExp(`\\n\\s*${name}:\\s*([^;]+);`).exec(styles);
  if (!m) throw new Error(`styles.css has no ${name}`);
  return m[1].split(/,(?![^(]*\))/).map((part) => {
    const p = /^\s*0 (-?\d+)(?:px)? (\d+)(?:px)?(?: (\d+)(?:px)?)? rgba\(16, 24, 40, ([\d.]+)\)\s*$/.exec(part);
    if (!p) throw new Error(`cannot read shadow "${part}"`);
    return { y: Number(p[1]), blur: Number(p[2]), spread: Number(p[3] ?? 0), alpha: Number(p[4]) };
  });
}

/** erfc, to 1e-7 (Numerical Recipes' erfcc). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * Opacity of the shadows at `d` px outside the middle of a card's side
 * (`side`: 1 below, -1 above, 0 beside): a blur of radius b is a Gaussian of
 * σ = b / 2; shadows stack as layers over each other.
 */
function opacity(list: Shadow[], d: number, side: -1 | 0 | 1): number {
  let clear = 1;
  for (const s of list) {
    const edge = s.spread + side * s.y; // how far beyond the card's edge this shadow reaches, on that side
    const a = s.blur === 0 ? (d <= edge ? s.alpha : 0) : s.alpha * 0.5 * erfc((d - edge) / (s.blur / 2) / Math.SQRT2);
    clear *= 1 - a;
  }
  return 1 - clear;
}

describe("the selected cards' unblurred shadow", () => {
  it("looks like the blurred one outside the 2 px selection ring: within 1 % opacity at every pixel", () => {
    const blurred = shadows("--shadow-card-hover");
    const rings = shadows("--shadow-card-hover-rings");
    expect(blurred.every((s) => s.blur > 0)).toBe(true);
    expect(rings.every((s) => s.blur === 0)).toBe(true);
    for (const side of [-1, 0, 1] as const)
      for (let px = 2; px < 24; px += 1) {
        const d = px + 0.5; // the pixel's centre
        expect(Math.abs(opacity(rings, d, side) - opacity(blurred, d, side)), `${px} px ${["above", "beside", "below"][side + 1]}`).toBeLessThan(
          0.011,
        );
      }
  });
});

/** The first declaration of `prop` in the rule whose selector is exactly `selector`, or null. */
function declaration(selector: string, prop: string): string | null {
  const rule = new RegExp(`(?:^|\\n)${selector.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\{([^}]*)\\}`).exec(styles);
  if (!rule) throw new Error(`styles.css has no rule for ${selector}`);
  return new RegExp(`(?:^|;|\\n)\\s*${prop}:\\s*([^;]+);`).exec(rule[1])?.[1].trim() ?? null;
}

describe("a card's resting ring", () => {
  it("is an outline, not a box-shadow (WebKit draws a box-shadow through a drop-shadow filter, a card at a time)", () => {
    expect(declaration(".card", "box-shadow")).toBeNull();
    expect(declaration(".card", "outline")).toBe("1px solid var(--card-ring)");
    expect(declaration(".card", "outline-offset")).toBe("0");
    expect(declaration(".card[data-accent]", "box-shadow")).not.toContain("--shadow-card");
  });

  it('looks like "0 1px 3px rgba(16, 24, 40, 0.12)": within 2 % opacity beside the card and just below it, 4.5 % at the pixel above and the second below', () => {
    const blurred: Shadow[] = [{ y: 1, blur: 3, spread: 0, alpha: 0.12 }];
    const m = /\n\s*--card-ring:\s*rgba\(16, 24, 40, ([\d.]+)\);/.exec(styles);
    if (!m) throw new Error("styles.css has no --card-ring");
    // An outline 1 px wide, as dark on every side: an unblurred ring without offset.
    const ring: Shadow[] = [{ y: 0, blur: 0, spread: 1, alpha: Number(m[1]) }];
    for (const side of [-1, 0, 1] as const)
      for (let px = 0; px < 12; px += 1) {
        const d = px + 0.5;
        const edge = (side === -1 && px === 0) || (side === 1 && px === 1);
        expect(Math.abs(opacity(ring, d, side) - opacity(blurred, d, side)), `${px} px ${["above", "beside", "below"][side + 1]}`).toBeLessThan(
          edge ? 0.045 : 0.02,
        );
      }
  });
});
