/**
 * The diverging colour scale of the reports: ColorBrewer PuOr (Cynthia Brewer, colorbrewer2.org),
 * 11 classes, which ColorBrewer rates safe for the common colour-vision deficiencies; in grey
 * print darkness still shows strength (the figures carry the sign). Orange = harm (negative
 * transfer, a loss that rises),
 * white = no effect, purple = help (positive transfer, a loss that falls).
 */

/** PuOr-11 from its orange end (−1) through white (0) to its purple end (+1). */
export const PUOR_STOPS: readonly string[] = Object.freeze([
  '#7f3b08',
  '#b35806',
  '#e08214',
  '#fdb863',
  '#fee0b6',
  '#f7f7f7',
  '#d8daeb',
  '#b2abd2',
  '#8073ac',
  '#542788',
  '#2d004b',
]);

export const PALETTE_NAME = 'ColorBrewer PuOr (orange = harm, purple = help)';

/** Colour of a cell with no value (the diagonal, a missing score). */
export const NO_VALUE_COLOUR = '#e6e6e6';

/**
 * The colour of `value` on a symmetric scale [−domain, +domain]; values beyond it are clamped
 * to the end colours. Interpolates linearly in sRGB between the ColorBrewer stops, whose
 * neighbours are close enough that the error is invisible. Non-finite values get
 * NO_VALUE_COLOUR.
 */
export function divergingColour(value: number, domain: number): string {
  if (!Number.isFinite(value) || !(domain > 0)) return NO_VALUE_COLOUR;
  const t = (Math.max(-1, Math.min(1, value / domain)) + 1) / 2; // 0 … 1
  const position = t * (PUOR_STOPS.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, PUOR_STOPS.length - 1);
  return mix(PUOR_STOPS[lower], PUOR_STOPS[upper], position - lower);
}

/**
 * A round end for the scale, at least `maxAbs`: the next of 0.01, 0.02, 0.05, 0.1, 0.2, 0.5,
 * 1, … so the legend reads in plain numbers. Zero or non-finite input gives 0.01.
 */
export function niceDomain(maxAbs: number): number {
  if (!Number.isFinite(maxAbs) || maxAbs <= 0) return 0.01;
  let decade = 10 ** Math.floor(Math.log10(maxAbs));
  for (;;) {
    for (const step of [1, 2, 5]) {
      const candidate = Number((step * decade).toPrecision(12));
      if (candidate >= maxAbs) return Math.max(candidate, 0.01);
    }
    decade *= 10;
  }
}

/** Dark text on light colours, white text on dark ones (WCAG relative luminance). */
export function textColourOn(background: string): string {
  const [r, g, b] = rgb(background).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance < 0.25 ? '#ffffff' : '#1b1b1b';
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function mix(from: string, to: string, t: number): string {
  const a = rgb(from);
  const b = rgb(to);
  const channel = (i: number): string =>
    Math.round(a[i] + (b[i] - a[i]) * t)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}
