import { escapeHtml } from './escape.js';
import { formatPercent, formatStderrPoints } from './format.js';
import { type OrderedTask, tasksInGroupOrder } from './groupOrder.js';
import type { ReportModel } from './model.js';
import {
  NO_VALUE_COLOUR,
  PUOR_STOPS,
  divergingColour,
  niceDomain,
  textColourOn,
} from './palette.js';
import { isSignificant } from './significance.js';

/**
 * The transfer matrix as an inline SVG heatmap: row i is the task whose loss changes, column j
 * its partner, cell colour T(j→i) on the PuOr scale, tasks ordered by network with a gap
 * between networks and each network's own block outlined on the diagonal. A dot in a cell's
 * corner (and bold figures) marks a significant score. Every cell has a tooltip with the exact
 * value. All text is HTML-escaped (the SVG is parsed as part of the HTML page).
 */

const GROUP_GAP = 6;
const LABEL_CHARS = 22;
const CHAR_WIDTH = 7; // average width of a 12 px sans-serif character, for layout only
const BADGE = 26;

interface Layout {
  order: OrderedTask[];
  cell: number;
  /** The colour scale's end (domainOf), computed once: per cell it would cost O(n⁴) at 200 tasks. */
  domain: number;
  /** Offset of each ordered task's row/column from the matrix origin. */
  offset: number[];
  size: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

const shortName = (task: string): string => {
  const chars = Array.from(task.replace(/\s+/g, ' ')); // code points: never split a pair
  return chars.length > LABEL_CHARS
    ? `${chars.slice(0, LABEL_CHARS - 1).join('')}…`
    : chars.join('');
};

function layout(model: ReportModel): Layout {
  const order = tasksInGroupOrder(model);
  const n = order.length;
  // Past 60 tasks (up to 200: 40,000 cells) a cell is a coloured square of 8 px, without
  // tooltip or mark, so the page stays a few MB and the networks' blocks read at a glance;
  // the task names shrink to the cell.
  const cell = n <= 8 ? 56 : n <= 12 ? 44 : n <= 18 ? 32 : n <= 60 ? 22 : 8;
  let gaps = 0;
  const offset = order.map((t, k) => {
    if (k > 0 && t.group !== order[k - 1].group) gaps += 1;
    return k * cell + gaps * GROUP_GAP;
  });
  const size = n * cell + gaps * GROUP_GAP;
  const labelWidth = Math.max(3, ...order.map((t) => shortName(t.task).length)) * CHAR_WIDTH + 10;
  const slant = Math.ceil(labelWidth * Math.SQRT1_2); // extent of a 45° column label
  const left = BADGE + labelWidth;
  const top = slant + 14;
  return {
    order,
    cell,
    domain: domainOf(model),
    offset,
    size,
    left,
    top,
    width: left + size + slant,
    height: top + size + 4,
  };
}

function cellSvg(model: ReportModel, at: Layout, r: number, c: number): string {
  const row = at.order[r];
  const col = at.order[c];
  const x = at.left + at.offset[c];
  const y = at.top + at.offset[r];
  const box = `x="${x + 1}" y="${y + 1}" width="${at.cell - 2}" height="${at.cell - 2}"`;
  if (row.index === col.index) return `<rect ${box} fill="${NO_VALUE_COLOUR}" class="no-value"/>`;
  const t = model.transfer.matrix[row.index]?.[col.index] ?? Number.NaN;
  const se = model.transfer.stderr[row.index]?.[col.index] ?? 0;
  const significant = isSignificant(t, se);
  const fill = divergingColour(t, at.domain);
  if (at.cell < compactBelow) return `<rect ${box} fill="${fill}"/>`;
  const ink = textColourOn(fill);
  const spread = se > 0 ? ` ${formatStderrPoints(se, 2)} points` : ' (no standard error)';
  const tip =
    `T(${col.task} → ${row.task}) = ${formatPercent(t, 2)}${spread}` +
    `${significant ? ', significant' : ''}: ${row.task} trained with ${col.task}`;
  const parts = [`<rect ${box} fill="${fill}"><title>${escapeHtml(tip)}</title></rect>`];
  if (at.cell >= 40) {
    // smaller cells show colour and dot only; the tooltip has the figure
    const figure = Number.isFinite(t) ? formatPercent(t).replace('%', '') : 'n/a';
    parts.push(
      `<text x="${x + at.cell / 2}" y="${y + at.cell / 2 + 4}" fill="${ink}" ` +
        `class="${significant ? 'sig' : 'insig'}" text-anchor="middle">${figure}</text>`,
    );
  }
  if (significant) {
    parts.push(`<circle cx="${x + at.cell - 7}" cy="${y + 7}" r="2.6" fill="${ink}"/>`);
  }
  return `<g>${parts.join('')}</g>`;
}

/** Cells smaller than this show colour only; labels take the cell's height as font size. */
const compactBelow = 12;

function labelsSvg(at: Layout): string {
  const parts: string[] = [];
  const font = at.cell < compactBelow ? ` style="font-size:${at.cell}px"` : ''; // inline: the page's CSS sets 12 px
  at.order.forEach((t, k) => {
    const name = escapeHtml(shortName(t.task));
    const full = escapeHtml(t.task);
    const middle = at.offset[k] + at.cell / 2;
    parts.push(
      `<text x="${at.left - 8}" y="${at.top + middle + 4}" text-anchor="end"${font}>` +
        `<title>${full}</title>${name}</text>`,
    );
    const cx = at.left + middle;
    parts.push(
      `<text transform="translate(${cx + 4} ${at.top - 8}) rotate(-45)"${font}>` +
        `<title>${full}</title>${name}</text>`,
    );
  });
  return `<g class="label">${parts.join('')}</g>`;
}

/** A bracket and number per network on the left, and an outline of its diagonal block. */
function networksSvg(at: Layout): string {
  const parts: string[] = [];
  let start = 0;
  at.order.forEach((t, k) => {
    const last = k === at.order.length - 1 || at.order[k + 1].group !== t.group;
    if (!last) return;
    const from = at.offset[start];
    const to = at.offset[k] + at.cell;
    if (t.group >= 0) {
      const x = BADGE - 8;
      parts.push(
        `<path d="M${x + 5} ${at.top + from + 2}h-5v${to - from - 4}h5" class="bracket"/>`,
      );
      parts.push(
        `<text x="${x - 5}" y="${at.top + (from + to) / 2 + 4}" text-anchor="end" ` +
          `class="netnum">${t.group + 1}</text>`,
      );
      parts.push(
        `<rect x="${at.left + from}" y="${at.top + from}" width="${to - from}" ` +
          `height="${to - from}" class="block"/>`,
      );
    }
    start = k + 1;
  });
  return `<g>${parts.join('')}</g>`;
}

/** The scale's end: a round number at least as large as the largest |T| off the diagonal. */
export function domainOf(model: ReportModel): number {
  let max = 0;
  model.transfer.matrix.forEach((row, i) =>
    row.forEach((t, j) => {
      if (i !== j && Number.isFinite(t)) max = Math.max(max, Math.abs(t));
    }),
  );
  return niceDomain(max);
}

/** The heatmap as one `<svg>` element (its width fits the task names). */
export function transferHeatmapSvg(model: ReportModel): string {
  const at = layout(model);
  const cells: string[] = [];
  for (let r = 0; r < at.order.length; r++) {
    for (let c = 0; c < at.order.length; c++) cells.push(cellSvg(model, at, r, c));
  }
  return (
    `<svg class="heatmap" xmlns="http://www.w3.org/2000/svg" role="img" ` +
    `width="${at.width}" height="${at.height}" viewBox="0 0 ${at.width} ${at.height}" ` +
    `aria-label="Transfer heatmap: rows are the task whose loss changes, columns its partner">` +
    `<text x="${at.left - 8}" y="${at.top - 8}" text-anchor="end" class="corner">i \\ j</text>` +
    `${cells.join('')}${networksSvg(at)}${labelsSvg(at)}</svg>`
  );
}

/** The colour legend: a PuOr bar from −domain to +domain with ticks, and the mark key. */
export function heatmapLegendSvg(model: ReportModel): string {
  const domain = domainOf(model);
  const width = 260;
  const x0 = 40;
  const stops = PUOR_STOPS.map(
    (colour, i) =>
      `<stop offset="${(i / (PUOR_STOPS.length - 1)).toFixed(3)}" stop-color="${colour}"/>`,
  ).join('');
  const ticks = [-1, -0.5, 0, 0.5, 1]
    .map((f) => {
      const x = x0 + ((f + 1) / 2) * width;
      return (
        `<line x1="${x}" x2="${x}" y1="30" y2="35" class="tick"/>` +
        `<text x="${x}" y="47" text-anchor="middle">${formatPercent(f * domain, domain < 0.1 ? 1 : 0)}</text>`
      );
    })
    .join('');
  const sampleSig = divergingColour(domain * 0.8, domain);
  return (
    `<svg class="legend" xmlns="http://www.w3.org/2000/svg" role="img" width="620" height="56" ` +
    `viewBox="0 0 620 56" aria-label="Colour legend of the transfer heatmap">` +
    `<defs><linearGradient id="tg-puor" x1="0" x2="1" y1="0" y2="0">${stops}</linearGradient></defs>` +
    `<text x="${x0}" y="11">hurts i</text><text x="${x0 + width}" y="11" text-anchor="end">helps i</text>` +
    `<rect x="${x0}" y="16" width="${width}" height="14" fill="url(#tg-puor)" class="bar"/>${ticks}` +
    `<rect x="340" y="14" width="22" height="22" fill="${sampleSig}"/>` +
    `<circle cx="356" cy="20" r="2.6" fill="${textColourOn(sampleSig)}"/>` +
    `<text x="368" y="23">dot, bold figure: significant</text>` +
    `<rect x="340" y="38" width="22" height="14" fill="${NO_VALUE_COLOUR}" class="no-value"/>` +
    `<text x="368" y="49">diagonal (a task with itself)</text></svg>`
  );
}
