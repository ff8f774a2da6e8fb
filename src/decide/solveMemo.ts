import { createHash } from 'node:crypto';
import type { AuxNetwork, Partition } from '../search/index.js';
import { groupingRows, solveGrouping, type GroupingProblem } from './groupingProblem.js';

/**
 * The best partition of a grouping problem, remembered for the life of the process. Active
 * verification replays its whole path from the stored runs every round (activeVerification.ts),
 * so without it round r solves again everything rounds 1..r−1 solved: at 20 tasks and more,
 * where one solve takes a second, the replays cost more than training. A solve is a pure
 * function of its problem (node limits, not seconds), so a remembered answer is the answer.
 * A problem with auxiliaries also keeps its networks' rows (every group of main tasks with its
 * best auxiliary set), which every budget of it shares.
 */
const remembered = new Map<string, Partition>();
const rowsOf = new Map<string, AuxNetwork[]>();
/** Enough for every view of a long path; the oldest answer goes first. */
const capacity = 4000;
const rowCapacity = 64;

const keyOf = (p: GroupingProblem, ...more: number[]): string =>
  createHash('sha1')
    .update(
      JSON.stringify([
        p.pair,
        p.weights,
        p.sizeAdjust ?? null,
        [...(p.measured ?? new Map())],
        p.roles ?? null,
        ...more,
      ]),
    )
    .digest('hex');

function remember<T>(map: Map<string, T>, limit: number, key: string, value: T): T {
  if (map.size >= limit) map.delete(map.keys().next().value as string);
  map.set(key, value);
  return value;
}

/** The rows of a problem with auxiliaries, remembered; undefined without roles. */
function rows(problem: GroupingProblem): AuxNetwork[] | undefined {
  if (!problem.roles) return undefined;
  const key = keyOf(problem);
  return rowsOf.get(key) ?? remember(rowsOf, rowCapacity, key, groupingRows(problem)!);
}

/** The best partition of `problem` into at most `budget` groups, within `nodeLimit` nodes. */
export function solveBest(problem: GroupingProblem, budget: number, nodeLimit: number): Partition {
  const key = keyOf(problem, budget, nodeLimit);
  const known = remembered.get(key);
  if (known) return known;
  const best = solveGrouping(problem, budget, { nodeLimit }, rows(problem)).best;
  return remember(remembered, capacity, key, best);
}

/** solveGrouping with the problem's remembered rows. */
export const solveWithRows = (
  problem: GroupingProblem,
  budget: number,
  limits: { topK?: number; nodeLimit?: number },
) => solveGrouping(problem, budget, limits, rows(problem));
