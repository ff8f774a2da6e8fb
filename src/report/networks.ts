import type { PerTaskRow, ReportModel } from './model.js';

export interface NetworkSummary {
  /** Index into model.grouping; shown to people as network index + 1. */
  index: number;
  tasks: string[];
  /** The per-task rows of this network's tasks, in the grouping's order. */
  rows: PerTaskRow[];
  /** Weighted mean relativeLoss of its tasks (1 = as good as alone), NaN when none has a row. */
  relativeLoss: number;
}

/** One summary per network of the chosen grouping, in the grouping's order. */
export function networkSummaries(model: ReportModel): NetworkSummary[] {
  const rowOf = new Map(model.perTask.map((row) => [row.task, row]));
  return model.grouping.map((tasks, index) => {
    const rows = tasks.flatMap((task) => rowOf.get(task) ?? []);
    return { index, tasks, rows, relativeLoss: weightedMeanRelative(rows) };
  });
}

/** Mean relativeLoss weighted by task weight (plain mean when the weights sum to zero). */
function weightedMeanRelative(rows: PerTaskRow[]): number {
  const weightOf = (row: PerTaskRow): number =>
    Number.isFinite(row.weight) && row.weight >= 0 ? row.weight : 1;
  const total = rows.reduce((sum, row) => sum + weightOf(row), 0);
  if (rows.length === 0) return Number.NaN;
  if (total === 0) return rows.reduce((sum, row) => sum + row.relativeLoss, 0) / rows.length;
  return rows.reduce((sum, row) => sum + weightOf(row) * row.relativeLoss, 0) / total;
}
