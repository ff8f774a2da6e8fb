import { type BudgetStep, budgetSteps } from './budgetSteps.js';
import { formatObjective } from './format.js';
import type { ReportModel } from './model.js';
import { sourceOf } from './sources.js';

/**
 * "What one more network buys" as an inline SVG line chart: the best objective for each number
 * of networks, the all-separate baseline as a dashed line, the chosen grouping as a large dot,
 * and the networks beyond the budget shaded. Lower is better, so the eye looks for the elbow.
 * An estimated objective is a hollow dashed point with an italic label, named in the key and in
 * the point's tooltip (the table beside the chart says it in words too).
 */

const W = 560;
const H = 250;
const M = { left: 68, right: 18, top: 22, bottom: 44 };

/** Tick values covering [lo, hi] at a 1-2-5 step, about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count;
  const decade = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((s) => s * decade).find((s) => s >= raw) ?? 10 * decade;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

/** The plot area inside the margins. */
const innerW = W - M.left - M.right;
const innerH = H - M.top - M.bottom;

export function budgetChartSvg(model: ReportModel): string {
  const steps = budgetSteps(model).filter((s) => Number.isFinite(s.objective));
  if (steps.length === 0) return '';
  const values = [...steps.map((s) => s.objective), model.baselines.allSeparate].filter(
    Number.isFinite,
  );
  const lo0 = Math.min(...values);
  const hi0 = Math.max(...values);
  const pad = Math.max((hi0 - lo0) * 0.15, 0.005);
  const [lo, hi] = [lo0 - pad, hi0 + pad];
  const maxBudget = Math.max(...steps.map((s) => s.budget));
  const minBudget = Math.min(...steps.map((s) => s.budget));
  const x = (b: number): number =>
    M.left +
    (maxBudget === minBudget ? innerW / 2 : ((b - minBudget) / (maxBudget - minBudget)) * innerW);
  const y = (v: number): number => M.top + (1 - (v - lo) / (hi - lo)) * innerH;
  const parts: string[] = [];

  if (model.budget !== null && model.budget < maxBudget) {
    const from = x(model.budget + 0.5);
    parts.push(
      `<rect x="${from}" y="${M.top}" width="${M.left + innerW - from + 8}" height="${innerH}" class="over"/>`,
      `<text x="${M.left + innerW - 4}" y="${M.top + innerH - 6}" text-anchor="end" class="muted">over budget</text>`,
    );
  }
  parts.push(...axesSvg(steps, lo, hi, x, y));
  const sep = model.baselines.allSeparate;
  if (Number.isFinite(sep)) {
    // Named in a key under the plot: a label inside would collide with points near 1.
    const keyX = M.left + innerW - 160;
    parts.push(
      `<line x1="${M.left}" x2="${M.left + innerW}" y1="${y(sep)}" y2="${y(sep)}" class="baseline"/>`,
      `<line x1="${keyX}" x2="${keyX + 24}" y1="${H - 10}" y2="${H - 10}" class="baseline"/>`,
      `<text x="${keyX + 30}" y="${H - 6}" class="muted">all separate (${formatObjective(sep)})</text>`,
    );
  }
  parts.push(
    `<polyline points="${steps.map((s) => `${x(s.budget)},${y(s.objective)}`).join(' ')}" class="line"/>`,
    ...pointsSvg(steps, x, y),
  );
  return (
    `<svg class="budget-chart" xmlns="http://www.w3.org/2000/svg" role="img" width="${W}" ` +
    `height="${H}" viewBox="0 0 ${W} ${H}" aria-label="Best objective for each number of networks">` +
    `${parts.join('')}</svg>`
  );
}

/** The objective grid with its tick labels, the budgets under the plot and the axes' names. */
function axesSvg(
  steps: { budget: number }[],
  lo: number,
  hi: number,
  x: (b: number) => number,
  y: (v: number) => number,
): string[] {
  const parts: string[] = [];
  const ticks = niceTicks(lo, hi);
  // As many decimals as the tick step needs (0.955, 0.96), not the four of a table's objective.
  const decimals =
    ticks.length > 1 ? Math.max(0, Math.ceil(-Math.log10(ticks[1] - ticks[0]) - 1e-9)) : 3;
  for (const v of ticks) {
    parts.push(
      `<line x1="${M.left}" x2="${M.left + innerW}" y1="${y(v)}" y2="${y(v)}" class="grid"/>`,
      `<text x="${M.left - 8}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(decimals)}</text>`,
    );
  }
  for (const s of steps) {
    parts.push(
      `<text x="${x(s.budget)}" y="${H - M.bottom + 18}" text-anchor="middle">${s.budget}</text>`,
    );
  }
  parts.push(
    `<text x="${M.left}" y="${H - 6}" class="axis">budget (networks) →</text>`,
    `<text transform="translate(16 ${M.top + innerH / 2}) rotate(-90)" text-anchor="middle" class="axis">` +
      'objective (lower is better)</text>',
  );
  return parts;
}

/** Each budget's point and label; estimated ones hollow, dashed, italic and named in a key. */
function pointsSvg(
  steps: BudgetStep[],
  x: (b: number) => number,
  y: (v: number) => number,
): string[] {
  const parts: string[] = [];
  if (steps.some((s) => sourceOf(s.measured) === 'estimated')) {
    const keyX = W - M.right - 290;
    parts.push(
      `<circle cx="${keyX}" cy="${H - 10}" r="4" class="point est"/>`,
      `<text x="${keyX + 9}" y="${H - 6}" class="muted est">estimated</text>`,
    );
  }
  const labelAll = steps.length <= 10; // more labels than that overlap; the table has them all
  steps.forEach((s, k) => {
    const [cx, cy] = [x(s.budget), y(s.objective)];
    const source = sourceOf(s.measured);
    const est = source === 'estimated' ? ' est' : '';
    parts.push(
      `<circle cx="${cx}" cy="${cy}" r="${s.chosen ? 7 : 4}" class="${s.chosen ? 'chosen' : 'point'}${est}">` +
        `<title>budget ${s.budget} networks: objective ${formatObjective(s.objective)}, ${source}</title></circle>`,
    );
    // The end labels lean inwards, clear of the axis figures and the frame.
    const anchor =
      steps.length < 2 ? 'middle' : k === 0 ? 'start' : k === steps.length - 1 ? 'end' : 'middle';
    const dx = { start: -4, middle: 0, end: 4 }[anchor];
    if (labelAll || s.chosen) {
      parts.push(
        `<text x="${cx + dx}" y="${cy - (s.chosen ? 12 : 9)}" text-anchor="${anchor}" ` +
          `class="${s.chosen ? 'value strong' : 'value'}${est}">${formatObjective(s.objective)}</text>`,
      );
    }
  });
  return parts;
}
