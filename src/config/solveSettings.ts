import { UsageError } from '../errors.js';
import { MAX_HOA_OVERLAP_TASKS, MAX_HOA_TASKS, MAX_TABLE_TASKS } from '../search/limits.js';
import { numberAtLeast, oneOf, weightList, wholeNumberAtLeast } from './parse.js';

/** `taskgroup solve`'s flags as commander hands them over: strings, or undefined when absent. */
export interface SolveFlags {
  table: string;
  budget?: string;
  mode: string;
  hoa?: boolean;
  top?: string;
  weights?: string;
  timeLimit?: string;
  json?: boolean;
}

export const SOLVE_MODES = ['partition', 'overlap'] as const;

/** Most task columns of a solve's table, by how it is solved (the solvers' limits). */
export const solveTaskLimits = Object.freeze({
  table: MAX_TABLE_TASKS,
  hoaPartition: MAX_HOA_TASKS,
  hoaOverlap: MAX_HOA_OVERLAP_TASKS,
});
export type SolveMode = (typeof SOLVE_MODES)[number];

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

/** `--mode`, checked before the table is read. */
export function solveModeOf(mode: string): SolveMode {
  return oneOf('--mode', mode, SOLVE_MODES);
}

/**
 * Validates solve's flags against the table's task columns (weights name them; the budget
 * defaults to their number: in partition mode no limit, in overlap mode a full network each).
 * Throws a UsageError naming the flag.
 */
export function resolveSolveSettings(
  flags: SolveFlags,
  mode: SolveMode,
  tasks: string[],
): SolveSettings {
  const budget =
    flags.budget === undefined ? tasks.length : numberAtLeast('--budget', flags.budget, 0);
  if (mode === 'partition' && !Number.isInteger(budget)) {
    throw new UsageError(
      `--budget must be a whole number of networks in partition mode (got ${flags.budget})`,
    );
  }
  if (mode === 'partition' && budget < 1)
    throw new UsageError(`--budget must be at least 1 network in partition mode (got ${budget})`);
  if (mode === 'partition' && flags.hoa && tasks.length > MAX_HOA_TASKS) {
    throw new UsageError(
      `--hoa in partition mode supports at most ${MAX_HOA_TASKS} tasks (the table has ${tasks.length})`,
    );
  }
  return {
    mode,
    budget,
    hoa: Boolean(flags.hoa),
    topK: wholeNumberAtLeast('--top', flags.top ?? '1', 1),
    weights:
      flags.weights === undefined
        ? tasks.map(() => 1)
        : weightList('--weights', flags.weights, tasks, 'a task of the table'),
    timeLimitSec:
      flags.timeLimit === undefined ? undefined : numberAtLeast('--time-limit', flags.timeLimit, 0),
  };
}
