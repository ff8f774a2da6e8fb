import { createHash } from 'node:crypto';
import type { HoaPartitionProblem, Partition } from '../search/index.js';
import { solveHoaPartition } from '../search/partition.js';

/**
 * The best partition of a HOA problem, remembered for the life of the process. Active
 * verification replays its whole path from the stored runs every round (activeVerification.ts),
 * so without it round r solves again everything rounds 1..r−1 solved: at 20 tasks and more,
 * where one solve takes a second, the replays cost more than training. A solve is a pure
 * function of its problem (node limits, not seconds), so a remembered answer is the answer.
 */
const remembered = new Map<string, Partition>();
/** Enough for every view of a long path; the oldest answer goes first. */
const capacity = 4000;

const keyOf = (p: HoaPartitionProblem, budget: number, nodeLimit: number): string =>
  createHash('sha1')
    .update(
      JSON.stringify([
        p.pair,
        p.weights,
        p.sizeAdjust ?? null,
        [...(p.measured ?? new Map())],
        budget,
        nodeLimit,
      ]),
    )
    .digest('hex');

/** The best partition of `problem` into at most `budget` groups, within `nodeLimit` nodes. */
export function solveBest(
  problem: HoaPartitionProblem,
  budget: number,
  nodeLimit: number,
): Partition {
  const key = keyOf(problem, budget, nodeLimit);
  const known = remembered.get(key);
  if (known) return known;
  const best = solveHoaPartition({ ...problem, budget, nodeLimit }).best;
  if (remembered.size >= capacity) remembered.delete(remembered.keys().next().value as string);
  remembered.set(key, best);
  return best;
}
