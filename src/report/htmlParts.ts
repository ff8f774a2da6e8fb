import { escapeHtml as esc } from './escape.js';
import { MISSING, formatObjective, formatObjectiveStderr, formatRelativeChange } from './format.js';
import type { GroupingOption, ReportModel } from './model.js';
import { advicePieces, sourceOf } from './sources.js';

/**
 * The pieces every section of the HTML report is built from. Every string from the model passes
 * through escapeHtml here or in the section that uses it. An estimated figure is set in italics
 * (class "est") and its row says "estimated" in words: never colour alone.
 */

export const taskSpan = (task: string): string => `<span class="task">${esc(task)}</span>`;

export const groupingHtml = (grouping: string[][]): string =>
  `<span class="grouping">${grouping
    .map((group) => `<span class="group">${group.map(taskSpan).join('')}</span>`)
    .join('')}</span>`;

/** A relative loss as a signed change, coloured purple when it helps and orange when it hurts. */
export const changeHtml = (ratio: number): string => {
  const tone = ratio < 1 ? 'help' : ratio > 1 ? 'harm' : 'muted';
  return `<span class="${tone}">${esc(formatRelativeChange(ratio))}</span>`;
};

export const num = (text: string): string => `<td class="num">${text}</td>`;

/** A figure (already HTML) in italics when it is estimated. */
export const figure = (html: string, measured: boolean | undefined): string =>
  sourceOf(measured) === 'estimated' && html !== MISSING
    ? `<span class="est">${html}</span>`
    : html;

/** A cell naming a figure's source in words. */
export const sourceCell = (measured: boolean | undefined): string =>
  `<td class="source">${sourceOf(measured)}</td>`;

/** The cells Objective, ± s.e. and Source of a grouping. */
export const objectiveCells = (option: GroupingOption): string =>
  num(figure(formatObjective(option.objective), option.measured)) +
  num(esc(formatObjectiveStderr(option.stderr))) +
  sourceCell(option.measured);

/** The header cells that go with objectiveCells. */
export const OBJECTIVE_HEADERS =
  '<th class="num">Objective</th><th class="num">± s.e.</th><th>Source</th>';

/** An advice sentence: its groupings as grouping spans, the rest escaped text. */
export const adviceHtml = (line: string, model: ReportModel): string =>
  advicePieces(line, model)
    .map((piece) => (typeof piece === 'string' ? esc(piece) : groupingHtml(piece)))
    .join('');
