import { UsageError } from '../errors.js';
import { MAX_HOA_OVERLAP_TASKS, MAX_HOA_TASKS, MAX_TABLE_TASKS } from '../search/limits.js';
import { numberAtLeast, weightList } from './parse.js';
import type { SolveMode, SolveOptionsParsed } from './solveOptions.js';

export { SOLVE_MODES, type SolveMode, type SolveFlags } from './solveOptions.js';

/** Most task columns of a solve's table, by how it is solved (the solvers' limits). */
export const solveTaskLimits = Object.freeze({
  table: MAX_TABLE_TASKS,
  hoaPartition: MAX_HOA_TASKS,
  hoaOverlap: MAX_HOA_OVERLAP_TASKS,
});

/** A solve's settings, validated: everything but the table itself. */
export interface SolveSettings {
  mode: SolveMode;
  /** Partition mode: the most networks (a whole number ≥ 1). Overlap mode: the most total cost. */
  budget: number;
  hoa: boolean;
  topK: number;
  /** One weight per task column of the table. */
  weights: number[];
  timeLimitSec?: number;
}

/**
 * Validates solve's options against the table's task columns (weights name them; the budget
 * defaults to their number: in partition mode no limit, in overlap mode a full network each).
 * Throws a UsageError naming the flag.
 */
export function resolveSolveSettings(options: SolveOptionsParsed, tasks: string[]): SolveSettings {
  const mode = options.mode ?? 'partition';
  const given = options.budget;
  const budget = given === undefined ? tasks.length : numberAtLeast(given.field, given.value, 0);
  if (mode === 'partition' && !Number.isInteger(budget)) {
    throw new UsageError(
      `--budget must be a whole number of networks in partition mode (got ${given?.value})`,
    );
  }
  if (mode === 'partition' && budget < 1)
    throw new UsageError(`--budget must be at least 1 network in partition mode (got ${budget})`);
  if (mode === 'partition' && options.hoa && tasks.length > MAX_HOA_TASKS) {
    throw new UsageError(
      `--hoa in partition mode supports at most ${MAX_HOA_TASKS} tasks (the table has ${tasks.length})`,
    );
  }
  return {
    mode,
    budget,
    hoa: options.hoa ?? false,
    topK: options.top ?? 1,
    weights:
      options.weights === undefined
        ? tasks.map(() => 1)
        : weightList(options.weights.field, options.weights.value, tasks, 'a task of the table'),
    timeLimitSec: options.timeLimit,
  };
}
