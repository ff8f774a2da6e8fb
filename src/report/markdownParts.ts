import { escapeMarkdown, markdownCode } from './escape.js';
import { formatObjective, formatObjectiveStderr } from './format.js';
import type { GroupingOption, ReportModel } from './model.js';
import { advicePieces, sourceOf } from './sources.js';

/** The pieces every section of the Markdown report is built from. */

export type Align = 'left' | 'right';

/** A GFM pipe table. Cells must already be Markdown-safe (no raw `|` or line break). */
export function markdownTable(header: string[], align: Align[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const rule = align.map((a) => (a === 'right' ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

/** A task name (or other user text) as a code span inside a table cell. */
export const code = (text: string): string => markdownCode(text);

/** Groups as `{a, b} {c}`; `inTable` false for running text. */
export const groupingText = (grouping: string[][], inTable = true): string =>
  grouping
    .map((group) => `{${group.map((task) => markdownCode(task, inTable)).join(', ')}}`)
    .join(' ');

/** A value with a `*` when it passes the significance rule. */
export const marked = (text: string, significant: boolean): string =>
  significant ? `${text}\\*` : text;

/** An estimated figure in italics, so it stands apart even before its Source cell is read. */
export const figure = (text: string, measured: boolean | undefined): string =>
  sourceOf(measured) === 'estimated' && text !== '—' ? `*${text}*` : text;

/** The cells Objective, ± s.e. and Source of a grouping. */
export const objectiveCells = (option: GroupingOption): string[] => [
  figure(formatObjective(option.objective), option.measured),
  formatObjectiveStderr(option.stderr),
  sourceOf(option.measured),
];

/** An advice sentence: its groupings as code spans, the rest escaped. */
export const adviceText = (line: string, model: ReportModel): string =>
  advicePieces(line, model)
    .map((piece) =>
      typeof piece === 'string' ? escapeMarkdown(piece) : groupingText(piece, false),
    )
    .join('');
