import { csvField, spreadsheetText } from './escape.js';
import { sourceOf } from './sources.js';

/**
 * Cells of the CSV report: numbers at full precision (an empty cell when missing or not
 * finite), user text quoted per RFC 4180 and guarded against formula injection, yes/no flags.
 */

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

export const yesNo = (flag: boolean): string => (flag ? 'yes' : 'no');

/** yes (measured) or no (estimated); a figure without the flag counts as measured (see sources.ts). */
export const measuredCell = (measured: boolean | undefined): string => yesNo(sourceOf(measured) === 'measured');
