/**
 * How many tasks each solver takes: the numbers src/config checks before anything is trained
 * or read, and that the solvers check again as their own contract.
 */

/** Most tasks of a HOA partition problem (`search`, `solve --hoa` in partition mode). */
export const MAX_HOA_TASKS = 200;

/**
 * Up to this many tasks the HOA partition search is exact: it stops only at the caller's
 * limits, and clustered problems finish proven optimal (docs/solve.md, bench:solver). Above it the
 * search is anytime: it also stops at anytimeNodeLimit(n) nodes and returns its best
 * partition with the proven gap.
 */
export const EXACT_HOA_TASKS = 30;

/** Most tasks of a table solved without --hoa, either mode (tasks as 32-bit masks). */
export const MAX_TABLE_TASKS = 30;

/** Most tasks for which overlap mode with --hoa lists all 2^n − 1 groups (4095 at 12). */
export const MAX_HOA_OVERLAP_TASKS = 12;

/**
 * Node limit of the anytime search past EXACT_HOA_TASKS tasks: a node count, so the answer is
 * the same on every machine. A node there costs O(n²) per open group (about 2 ms at n = 60, 15
 * groups; docs/solve.md, bench:solver); past the root bound, nodes mostly help where that bound is
 * already tight (clear clusters), which a few hundred nodes settle at n = 60.
 */
export function anytimeNodeLimit(n: number): number {
  return Math.max(20, Math.round(1e6 / (n * n)));
}
