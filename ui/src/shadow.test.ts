// Cards draw their shadow as an unblurred ring (styles.css --shadow-card), and
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

describe("a card's unblurred shadow", () => {
  it('looks like "0 1px 3px rgba(16, 24, 40, 0.12)": within 2 % opacity at every pixel around the card', () => {
    const blurred: Shadow[] = [{ y: 1, blur: 3, spread: 0, alpha: 0.12 }];
    const ring = shadows("--shadow-card");
    expect(ring).toHaveLength(1);
    expect(ring[0].blur).toBe(0);
    for (const side of [-1, 0, 1] as const)
      for (let px = 0; px < 12; px += 1) {
        const d = px + 0.5;
        expect(Math.abs(opacity(ring, d, side) - opacity(blurred, d, side)), `${px} px ${["above", "beside", "below"][side + 1]}`).toBeLessThan(0.02);
      }
  });
});
