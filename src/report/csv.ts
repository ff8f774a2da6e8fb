import { budgetSteps } from './budgetSteps.js';
import { csvField, spreadsheetText } from './escape.js';
import type { ReportModel } from './model.js';
import type { ReportFile, ReportFormat } from './reportFormat.js';

/**
 * The report as CSV tables for spreadsheets and scripts: full-precision numbers, the model's
 * own indices (group is 0-based, as in JSON), an empty cell for a missing number, RFC 4180
 * quoting, LF line ends, a header row in every file.
 *
 * - groups.csv: one row per task (task, group, lossAlone, lossGrouped, relativeLoss, stderr,
 *   weight)
 * - transfer.csv: T(j→i) with row i (the task whose loss changes) and column j (its partner),
 *   tasks in the model's order; transfer-stderr.csv: the standard errors, same shape
 * - budgets.csv: the best grouping per number of networks and what each extra one buys
 * - alternatives.csv: the next-best groupings
 * A grouping in one cell is JSON (`[["click","like"],["watch_time"]]`): unambiguous whatever the
 * task names hold. A task name that a spreadsheet would take for a formula (starting with
 * = + - @) is written with a leading apostrophe (see spreadsheetText).
 */

type Cell = string | number | null;

const cell = (value: Cell): string => {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return csvField(spreadsheetText(value));
};

/** Rows to CSV text, one line per row, each line ending in LF. */
export function toCsv(rows: Cell[][]): string {
  return rows.map((row) => `${row.map(cell).join(',')}\n`).join('');
}

function groupsCsv(model: ReportModel): string {
  const header = ['task', 'group', 'lossAlone', 'lossGrouped', 'relativeLoss', 'stderr', 'weight'];
  const rows = model.perTask.map((row) => [
    row.task, row.group, row.lossAlone, row.lossGrouped, row.relativeLoss, row.stderr, row.weight,
  ]);
  return toCsv([header, ...rows]);
}

function matrixCsv(tasks: string[], matrix: number[][]): string {
  const rows = tasks.map((task, i) => [task, ...tasks.map((_, j) => matrix[i]?.[j] ?? null)]);
  return toCsv([['task', ...tasks], ...rows]);
}

function budgetsCsv(model: ReportModel): string {
  const rows = budgetSteps(model).map((step) => [
    step.budget, step.grouping.length, step.objective, step.gain, step.chosen ? 'yes' : 'no',
    JSON.stringify(step.grouping),
  ]);
  return toCsv([['budget', 'networks', 'objective', 'gain', 'chosen', 'grouping'], ...rows]);
}

function alternativesCsv(model: ReportModel): string {
  const rows = model.alternatives.map((option, i) => [
    i + 1, option.grouping.length, option.objective, option.objective - model.objective,
    JSON.stringify(option.grouping),
  ]);
  return toCsv([['rank', 'networks', 'objective', 'vsChosen', 'grouping'], ...rows]);
}

export function renderCsv(model: ReportModel): ReportFile[] {
  const { tasks, matrix, stderr } = model.transfer;
  return [
    { name: 'groups.csv', content: groupsCsv(model) },
    { name: 'transfer.csv', content: matrixCsv(tasks, matrix) },
    { name: 'transfer-stderr.csv', content: matrixCsv(tasks, stderr) },
    { name: 'budgets.csv', content: budgetsCsv(model) },
    { name: 'alternatives.csv', content: alternativesCsv(model) },
  ];
}

export const csvFormat: ReportFormat = {
  name: 'csv',
  description: 'CSV tables: groups, transfer matrix and its standard errors, budgets, alternatives',
  render: renderCsv,
};
