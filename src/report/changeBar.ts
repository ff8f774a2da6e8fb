import { escapeHtml } from './escape.js';
import { formatRelativeChange, formatStderrPoints } from './format.js';
import type { PerTaskRow } from './model.js';
import { divergingColour } from './palette.js';
import { SIGNIFICANCE_FACTOR } from './significance.js';

/**
 * A small inline SVG bar for one task's change in loss: a bar from the centre line (no change)
 * to the change, left when the loss falls, coloured on the report's PuOr scale, and a whisker of
 * ±SIGNIFICANCE_FACTOR standard errors, so "the whisker crosses the centre" reads as "noise".
 */

const W = 132;
const H = 18;
const HALF = W / 2 - 4;

/**
 * The scale's end for all tasks' bars: the largest change plus its whisker, with a margin. Not
 * rounded like the heatmap's (no ticks here), so small changes still get visible bars.
 */
export function changeDomain(rows: PerTaskRow[]): number {
  let max = 0;
  for (const row of rows) {
    const reach = Math.abs(row.relativeLoss - 1) + SIGNIFICANCE_FACTOR * (row.stderr || 0);
    if (Number.isFinite(reach)) max = Math.max(max, reach);
  }
  return max > 0 ? max * 1.1 : 0.01;
}

export function changeBarSvg(ratio: number, stderr: number, domain: number): string {
  const centre = W / 2;
  const change = ratio - 1;
  const spread = stderr > 0 ? ` ${formatStderrPoints(stderr)} points` : '';
  const label = `change ${formatRelativeChange(ratio)}${spread}`;
  const parts = [
    `<line x1="${centre}" x2="${centre}" y1="1" y2="${H - 1}" class="centre" stroke="#8a8a93"/>`,
  ];
  if (Number.isFinite(change)) {
    const scale = (v: number): number => centre + Math.max(-1, Math.min(1, v / domain)) * HALF;
    const end = scale(change);
    const fill = divergingColour(-change, domain); // a falling loss helps: purple
    parts.unshift(
      `<rect x="${Math.min(centre, end).toFixed(1)}" y="4" ` +
        `width="${Math.abs(end - centre).toFixed(1)}" height="${H - 8}" fill="${fill}"/>`,
    );
    const spread = SIGNIFICANCE_FACTOR * (Number.isFinite(stderr) ? stderr : 0);
    if (spread > 0) {
      const [a, b] = [scale(change - spread).toFixed(1), scale(change + spread).toFixed(1)];
      parts.push(
        `<path d="M${a} ${H / 2}H${b}M${a} 6V${H - 6}M${b} 6V${H - 6}" ` +
          `class="spread" stroke="#1b1b1b" stroke-width="1.2" fill="none"/>`,
      );
    }
  }
  return (
    `<svg class="change-bar" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" ` +
    `viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(label)}">${parts.join('')}</svg>`
  );
}
