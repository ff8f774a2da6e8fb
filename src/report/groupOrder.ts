import type { ReportModel } from './model.js';

export interface OrderedTask {
  task: string;
  /** Index into model.transfer.tasks (the matrix row/column), or -1 when absent there. */
  index: number;
  /** Index into model.grouping, or -1 for a task in no group. */
  group: number;
}

/**
 * The transfer-matrix tasks ordered by group: the chosen grouping's networks in order, each
 * network's tasks in the order the grouping lists them, then any task in no group. Ordering
 * this way puts each group's within-group transfers in one block on the diagonal.
 */
export function tasksInGroupOrder(model: ReportModel): OrderedTask[] {
  const matrixIndex = new Map(model.transfer.tasks.map((task, i) => [task, i]));
  const seen = new Set<string>();
  const ordered: OrderedTask[] = [];
  model.grouping.forEach((members, group) => {
    for (const task of members) {
      if (seen.has(task) || !matrixIndex.has(task)) continue;
      seen.add(task);
      ordered.push({ task, index: matrixIndex.get(task)!, group });
    }
  });
  model.transfer.tasks.forEach((task, index) => {
    if (!seen.has(task)) ordered.push({ task, index, group: -1 });
  });
  return ordered;
}
