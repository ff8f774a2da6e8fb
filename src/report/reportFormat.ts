import type { ReportModel } from './model.js';

/** One output file of a report. */
export interface ReportFile {
  /** Suggested file name ('report.html', 'groups.csv'); the CLI may prefix or replace it. */
  name: string;
  content: string;
}

/**
 * One report format. `render` is a pure, deterministic function of the model: the same model
 * gives the same bytes, and it never reads or writes anything. json, md and html return one
 * file; csv returns several.
 */
export interface ReportFormat {
  name: 'json' | 'md' | 'csv' | 'html';
  /** One line for `--help`. */
  description: string;
  render(model: ReportModel): ReportFile[];
}
