import { csvField, spreadsheetText } from './escape.js';
import { sourceOf } from './sources.js';

/** A cell: text, a number written at full precision, or empty. */
export type Cell = string | number | null;

const cell = (value: Cell): string => {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return csvField(spreadsheetText(value));
};

/** Rows to CSV text, one line per row, each line ending in LF. */
export function toCsv(rows: Cell[][]): string {
  return rows.map((row) => `${row.map(cell).join(',')}\n`).join('');
}

/** The yes/no cells of the CSV report. */

export const yesNo = (flag: boolean): string => (flag ? 'yes' : 'no');

/** yes (measured) or no (estimated); a figure without the flag counts as measured (see sources.ts). */
export const measuredCell = (measured: boolean | undefined): string =>
  yesNo(sourceOf(measured) === 'measured');
