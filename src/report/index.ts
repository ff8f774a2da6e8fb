/**
 * The report formats, listed once. The CLI derives its `--format` choices and help from
 * `reportFormats`; nothing else branches on a format's name.
 */
import { csvFormat } from './csv.js';
import { htmlFormat } from './html.js';
import { jsonFormat } from './json.js';
import { markdownFormat } from './markdown.js';
import type { ReportFormat } from './reportFormat.js';

export type { ReportFile, ReportFormat } from './reportFormat.js';
export type * from './model.js';

export const reportFormats: readonly ReportFormat[] = Object.freeze([
  jsonFormat,
  markdownFormat,
  csvFormat,
  htmlFormat,
]);

/** The formats' names: `--format`'s choices, and the library's literal union of them. */
export type ReportFormatName = ReportFormat['name'];
export const reportFormatNames: readonly ReportFormatName[] = Object.freeze(
  reportFormats.map((format) => format.name),
);

/** The format called `name` ('json', 'md', 'csv', 'html'), or undefined. */
export function findFormat(name: string): ReportFormat | undefined {
  return reportFormats.find((format) => format.name === name);
}
