import { niceTicks } from './budgetChart.js';
import { escapeHtml as esc } from './escape.js';
import { formatObjective } from './format.js';
import type { TrainedGroupPoint } from './model.js';

/**
 * "Estimates against measured losses" as an inline SVG scatter plot: one row of marks per group
 * of 3+ tasks that was trained, at the height of its measured relative loss (with a ±2 standard
 * error whisker), a hollow circle at its pair estimate and a filled square at its corrected
 * estimate, joined by a line; the diagonal is where an estimate equals the measurement. A mark
 * right of the diagonal estimated the group worse than it turned out. Each mark's tooltip names
 * the group and its figures; the table under the plot holds them all.
 */

const W = 560;
const H = 320;
const M = { left: 68, right: 18, top: 18, bottom: 58 };
const innerW = W - M.left - M.right;
const innerH = H - M.top - M.bottom;

/** One range for both axes, so the diagonal is at 45°: every figure plotted, padded. */
function range(points: TrainedGroupPoint[]): [number, number] {
  const values = points.flatMap((p) => [
    p.pairEstimate,
    p.correctedEstimate,
    p.measured - 2 * p.measuredStderr,
    p.measured + 2 * p.measuredStderr,
  ]);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max((hi - lo) * 0.1, 0.002);
  return [lo - pad, hi + pad];
}

export function estimateScatterSvg(points: TrainedGroupPoint[]): string {
  const shown = points.filter((p) =>
    [p.pairEstimate, p.correctedEstimate, p.measured].every(Number.isFinite),
  );
  if (shown.length === 0) return '';
  const [lo, hi] = range(shown);
  const x = (v: number) => M.left + ((v - lo) / (hi - lo)) * innerW;
  const y = (v: number) => M.top + (1 - (v - lo) / (hi - lo)) * innerH;
  const parts = [...axesSvg(lo, hi, x, y), ...shown.flatMap((p) => marksSvg(p, x, y)), keySvg()];
  return (
    `<svg class="estimate-scatter" xmlns="http://www.w3.org/2000/svg" role="img" width="${W}" ` +
    `height="${H}" viewBox="0 0 ${W} ${H}" aria-label="Estimated against measured relative loss of each trained group">` +
    `${parts.join('')}</svg>`
  );
}

/** Grid, tick labels on both axes, the diagonal and the axes' names. */
function axesSvg(
  lo: number,
  hi: number,
  x: (v: number) => number,
  y: (v: number) => number,
): string[] {
  const ticks = niceTicks(lo, hi);
  const decimals =
    ticks.length > 1 ? Math.max(0, Math.ceil(-Math.log10(ticks[1] - ticks[0]) - 1e-9)) : 3;
  const parts = ticks.flatMap((v) => [
    `<line x1="${M.left}" x2="${M.left + innerW}" y1="${y(v)}" y2="${y(v)}" class="grid"/>`,
    `<line x1="${x(v)}" x2="${x(v)}" y1="${M.top}" y2="${M.top + innerH}" class="grid"/>`,
    `<text x="${M.left - 8}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(decimals)}</text>`,
    `<text x="${x(v)}" y="${M.top + innerH + 16}" text-anchor="middle">${v.toFixed(decimals)}</text>`,
  ]);
  parts.push(
    `<line x1="${x(lo)}" y1="${y(lo)}" x2="${x(hi)}" y2="${y(hi)}" class="baseline"/>`,
    // The diagonal's key, right of the axis's name: inside the plot it would cover marks.
    `<line x1="${M.left + innerW - 180}" x2="${M.left + innerW - 158}" y1="${M.top + innerH + 30}" ` +
      `y2="${M.top + innerH + 30}" class="baseline"/>`,
    `<text x="${M.left + innerW}" y="${M.top + innerH + 34}" text-anchor="end" class="muted">estimate = measured</text>`,
    `<text x="${M.left}" y="${M.top + innerH + 34}" class="axis">estimated relative loss →</text>`,
    `<text transform="translate(16 ${M.top + innerH / 2}) rotate(-90)" text-anchor="middle" class="axis">` +
      'measured relative loss</text>',
  );
  return parts;
}

/** A group's whisker, its two estimates and the line between them, each with its tooltip. */
function marksSvg(p: TrainedGroupPoint, x: (v: number) => number, y: (v: number) => number) {
  const name = esc(p.group.join(', '));
  const cy = y(p.measured);
  const measured = `measured ${formatObjective(p.measured)} ± ${formatObjective(p.measuredStderr)}`;
  const [px, cx] = [x(p.pairEstimate), x(p.correctedEstimate)];
  return [
    `<line x1="${cx}" x2="${cx}" y1="${y(p.measured - 2 * p.measuredStderr)}" ` +
      `y2="${y(p.measured + 2 * p.measuredStderr)}" class="whisker"/>`,
    `<line x1="${px}" x2="${cx}" y1="${cy}" y2="${cy}" class="link"/>`,
    `<circle cx="${px}" cy="${cy}" r="4.5" class="pair-estimate"><title>${name}: pair estimate ` +
      `${formatObjective(p.pairEstimate)}, ${measured}</title></circle>`,
    `<rect x="${cx - 4}" y="${cy - 4}" width="8" height="8" class="corrected-estimate"><title>${name}: ` +
      `corrected estimate ${formatObjective(p.correctedEstimate)}, ${measured}</title></rect>`,
  ];
}

function keySvg(): string {
  const keyY = H - 10;
  return (
    `<circle cx="${M.left + 4}" cy="${keyY - 4}" r="4.5" class="pair-estimate"/>` +
    `<text x="${M.left + 14}" y="${keyY}" class="muted">pair estimate</text>` +
    `<rect x="${M.left + 120}" y="${keyY - 8}" width="8" height="8" class="corrected-estimate"/>` +
    `<text x="${M.left + 134}" y="${keyY}" class="muted">corrected estimate</text>` +
    `<line x1="${M.left + 270}" x2="${M.left + 270}" y1="${keyY - 10}" y2="${keyY + 2}" class="whisker"/>` +
    `<text x="${M.left + 278}" y="${keyY}" class="muted">measured ±2 s.e.</text>`
  );
}
