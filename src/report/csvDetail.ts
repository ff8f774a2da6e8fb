import { toCsv, type Cell } from './csvCells.js';
import type { ReportModel } from './model.js';

/**
 * The CSV report's detail of the runs (report/runDetail.ts), in files and columns of their own:
 * - groups.csv gains metric, metricAlone, metricGrouped after its other columns;
 * - seeds.csv: one row per task of the chosen grouping and seed: its losses and metrics alone and
 *   in its network (empty where that run is missing or carries no metric);
 * - trained-groups.csv: one row per trained group of 3+ tasks: its pair and corrected estimates,
 *   its measured relative loss with its standard error, then one column per seed;
 * - decision.csv gains `command` (the command line that reproduces the search) and, when it
 *   names a config file, `command.config` (that file's JSON).
 * A result stored before these existed gives the files with their header only, and empty cells.
 */

export const METRIC_COLUMNS = ['metric', 'metricAlone', 'metricGrouped'];

/** A task's metric cells for groups.csv. */
export function metricColumns(model: ReportModel, task: string): Cell[] {
  const row = model.taskMetrics?.find((m) => m.task === task);
  return row ? [row.metric, row.alone, row.grouped] : [null, null, null];
}

export function seedsCsv(model: ReportModel): string {
  const rows = (model.perSeed ?? []).map((row) => [
    row.task,
    row.group,
    row.seed,
    row.lossAlone,
    row.lossGrouped,
    row.relativeLoss,
    row.metricAlone,
    row.metricGrouped,
  ]);
  const header = ['task', 'group', 'seed', 'lossAlone', 'lossGrouped', 'relativeLoss'];
  return toCsv([[...header, 'metricAlone', 'metricGrouped'], ...rows]);
}

export function trainedGroupsCsv(model: ReportModel): string {
  const points = model.trainedGroups ?? [];
  const seeds = points[0]?.seeds ?? [];
  const rows = points.map((p) => [
    JSON.stringify(p.group),
    p.group.length,
    p.pairEstimate,
    p.correctedEstimate,
    p.measured,
    p.measuredStderr,
    ...p.bySeed,
  ]);
  const header = ['group', 'tasks', 'pairEstimate', 'correctedEstimate', 'measured', 'stderr'];
  return toCsv([[...header, ...seeds.map((seed) => `seed${seed}`)], ...rows]);
}

/** decision.csv's rows for the command that reproduces the search. */
export function reproduceRows(model: ReportModel): Cell[][] {
  const reproduce = model.reproduce;
  if (!reproduce) return [];
  return [
    ['command', reproduce.command],
    ...(reproduce.config ? [['command.config', JSON.stringify(reproduce.config)]] : []),
  ];
}
