import { auxiliaryRows } from './auxiliaries.js';
import { budgetSteps } from './budgetSteps.js';
import { measuredCell, toCsv, yesNo } from './csvCells.js';
import { decisionRows } from './csvDecision.js';
import {
  METRIC_COLUMNS,
  metricColumns,
  reproduceRows,
  seedsCsv,
  trainedGroupsCsv,
} from './csvDetail.js';
import type { ReportModel, TruthReport } from './model.js';
import type { ReportFile, ReportFormat } from './reportFormat.js';
import { truthRows, verificationRows } from './sources.js';

/**
 * The report as CSV tables for spreadsheets and scripts: full-precision numbers, the model's
 * own indices (group is 0-based, as in JSON), an empty cell for a missing number, RFC 4180
 * quoting, LF line ends, a header row in every file.
 *
 * - decision.csv: field,value rows: the chosen grouping, its objective (measured or estimated,
 *   with its standard error), the baselines, the certificate, the seed-by-seed comparisons, the
 *   advice (one row each) and the exhaustive truth's summary when known
 * - groups.csv: one row per task (task, group, lossAlone, lossGrouped, relativeLoss, stderr,
 *   weight, measured, metric, metricAlone, metricGrouped)
 * - transfer.csv: T(j→i) with row i (the task whose loss changes) and column j (its partner),
 *   tasks in the model's order; transfer-stderr.csv: the standard errors, same shape
 * - budgets.csv: the best grouping per number of networks and what each extra one buys
 * - alternatives.csv: the next-best groupings
 * - verification.csv: each group of 3+ trained, its pair estimate and its measured loss
 * - trained-groups.csv, seeds.csv, and the metric columns of groups.csv: see csvDetail.ts
 * - truth.csv (only when the exhaustive truth is known): its best grouping per budget next to
 *   this search's
 * - auxiliaries.csv (only in a search with auxiliary tasks): per network, each auxiliary chosen,
 *   the one more that is best left out, and the others that hurt, with its gain (decision.csv
 *   also has `auxiliaries`, aligned with `grouping`)
 * A measured column says yes (every network behind the figure was trained) or no (estimated);
 * new columns come after the old ones, so scripts that read columns by position keep working.
 * A grouping in one cell is JSON (`[["click","like"],["watch_time"]]`): unambiguous whatever the
 * task names hold. User text that a spreadsheet would take for a formula (starting with
 * = + - @) is written with a leading apostrophe (see spreadsheetText).
 */

function groupsCsv(model: ReportModel): string {
  const header = [
    'task',
    'group',
    'lossAlone',
    'lossGrouped',
    'relativeLoss',
    'stderr',
    'weight',
    'measured',
    ...METRIC_COLUMNS,
  ];
  const rows = model.perTask.map((row) => [
    row.task,
    row.group,
    row.lossAlone,
    row.lossGrouped,
    row.relativeLoss,
    row.stderr,
    row.weight,
    measuredCell(row.measured),
    ...metricColumns(model, row.task),
  ]);
  return toCsv([header, ...rows]);
}

function matrixCsv(tasks: string[], matrix: number[][]): string {
  const rows = tasks.map((task, i) => [task, ...tasks.map((_, j) => matrix[i]?.[j] ?? null)]);
  return toCsv([['task', ...tasks], ...rows]);
}

function budgetsCsv(model: ReportModel): string {
  const rows = budgetSteps(model).map((step) => [
    step.budget,
    step.grouping.length,
    step.objective,
    step.gain,
    yesNo(step.chosen),
    JSON.stringify(step.grouping),
    measuredCell(step.measured),
    step.stderr ?? null,
  ]);
  return toCsv([
    ['budget', 'networks', 'objective', 'gain', 'chosen', 'grouping', 'measured', 'stderr'],
    ...rows,
  ]);
}

function alternativesCsv(model: ReportModel): string {
  const rows = model.alternatives.map((option, i) => [
    i + 1,
    option.grouping.length,
    option.objective,
    option.objective - model.objective,
    JSON.stringify(option.grouping),
    measuredCell(option.measured),
    option.stderr ?? null,
  ]);
  return toCsv([
    ['rank', 'networks', 'objective', 'vsChosen', 'grouping', 'measured', 'stderr'],
    ...rows,
  ]);
}

function verificationCsv(model: ReportModel): string {
  const rows = verificationRows(model).map((row) => [
    JSON.stringify(row.group),
    row.group.length,
    row.estimated,
    row.measured,
    row.difference,
  ]);
  return toCsv([['group', 'tasks', 'estimated', 'measured', 'difference'], ...rows]);
}

function truthCsv(model: ReportModel, truth: TruthReport): string {
  const rows = truthRows(model, truth).map(({ best, ours, sameGrouping }) => [
    best.budget,
    best.grouping.length,
    best.objective,
    measuredCell(best.measured),
    JSON.stringify(best.grouping),
    ours?.objective ?? null,
    ours ? measuredCell(ours.measured) : null,
    ours?.stderr ?? null,
    sameGrouping === '—' ? null : sameGrouping,
  ]);
  return toCsv([
    [
      'budget',
      'networks',
      'objective',
      'measured',
      'grouping',
      'searchObjective',
      'searchMeasured',
      'searchStderr',
      'sameGrouping',
    ],
    ...rows,
  ]);
}

export function renderCsv(model: ReportModel): ReportFile[] {
  const { tasks, matrix, stderr } = model.transfer;
  return [
    { name: 'decision.csv', content: toCsv([...decisionRows(model), ...reproduceRows(model)]) },
    { name: 'groups.csv', content: groupsCsv(model) },
    { name: 'transfer.csv', content: matrixCsv(tasks, matrix) },
    { name: 'transfer-stderr.csv', content: matrixCsv(tasks, stderr) },
    { name: 'budgets.csv', content: budgetsCsv(model) },
    { name: 'alternatives.csv', content: alternativesCsv(model) },
    { name: 'verification.csv', content: verificationCsv(model) },
    { name: 'trained-groups.csv', content: trainedGroupsCsv(model) },
    { name: 'seeds.csv', content: seedsCsv(model) },
    ...(model.truth ? [{ name: 'truth.csv', content: truthCsv(model, model.truth) }] : []),
    ...(model.auxiliaries ? [{ name: 'auxiliaries.csv', content: auxiliariesCsv(model) }] : []),
  ];
}

/** auxiliaries.csv (a search with --aux): per network, each auxiliary's role and gain. */
function auxiliariesCsv(model: ReportModel): string {
  const header = ['network', 'main', 'auxiliary', 'role', 'gain', 'stderr', 'measured'];
  const rows = auxiliaryRows(model).map((row) => [
    row.network,
    JSON.stringify(row.main),
    row.task,
    row.role,
    row.gain,
    row.stderr,
    measuredCell(row.measured),
  ]);
  return toCsv([header, ...rows]);
}

export const csvFormat: ReportFormat = {
  name: 'csv',
  description:
    'CSV tables: decision, groups, transfer matrix and its standard errors, budgets, alternatives, groups trained, their estimates, each seed, exhaustive truth, auxiliaries',
  render: renderCsv,
};
