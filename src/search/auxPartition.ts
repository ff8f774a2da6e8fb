import { UsageError } from '../errors.js';
import {
  auxModel,
  bestNetworks,
  networkShares,
  type AuxNetwork,
  type AuxPartitionProblem,
} from './auxNetworks.js';
import { groupKey, tasksOf } from './bits.js';
import type { CandidateNetwork } from './overlapProblem.js';
import { solveTablePartition } from './tablePartition.js';
import type { Partition, SolveResult } from './types.js';

/**
 * Partition mode with auxiliary tasks: the main tasks are split into at most `budget`
 * networks, each taking the auxiliary set that serves it best (an auxiliary may join several
 * networks, or none), minimising Σ_i w_i · r_i over the main tasks ÷ Σ_i w_i.
 *
 * Given the partition of the main tasks, each network's best auxiliary set is chosen apart from
 * the others' (an auxiliary's own loss is not scored), so the problem is exactly a partition of
 * the main tasks in which a group costs the least, over auxiliary sets S, of its network with S.
 * That is solved exactly in two steps:
 * 1. every group of main tasks (2^m − 1, at most MAX_AUX_MAIN_TASKS main tasks) gets its best
 *    auxiliary set (auxNetworks.ts, bestAuxSet: exact over all 2^a sets);
 * 2. the exact partition solver over explicit rows (tablePartition.ts) picks disjoint groups
 *    covering the main tasks, at most `budget` of them, with the caller's limits and top-K.
 * Why rows rather than the overlap solver over (group, set) candidates: there would be
 * (2^m − 1)·2^a candidates where step 1 leaves 2^m − 1, and a network that serves no main task
 * of its own is never worth its place in the budget, which partition mode states directly.
 *
 * The answer's groups are whole networks (main and auxiliary members, ascending), ordered by
 * their lowest main task; the objective and bound are divided by the main tasks' total weight.
 */
export function solveAuxPartition(
  p: AuxPartitionProblem,
  rows: AuxNetwork[] = networkRows(p),
): SolveResult<Partition> {
  const model = auxModel(p);
  const { main } = p.roles;
  const m = main.length;
  const total = main.reduce((sum, t) => sum + model.w[t], 0);
  if (!(total > 0)) throw new UsageError("the main tasks' weights must not all be 0");
  const budget = Math.min(p.budget ?? m, m);
  // Shares may be negative only under a large optimistic adjustment; the table takes losses ≥ 0,
  // and every partition covers each main task once, so a shift per task moves all totals alike.
  const shift = Math.max(0, ...rows.slice(1).flatMap((r) => r.shares.map((x) => -x)));
  const networks: CandidateNetwork[] = rows.slice(1).map((row, r) => {
    const loss: (number | null)[] = new Array<number | null>(m).fill(null);
    // Row r + 1 is the mask of its main tasks; its shares follow their ascending order.
    tasksOf(r + 1).forEach((x, k) => (loss[x] = row.shares[k] + shift));
    return { cost: 1, loss };
  });
  const solved = solveTablePartition({ ...p, networks, budget, weights: undefined });
  const toPartition = (selected: number[], value: number): Partition => ({
    groups: selected
      .map((r) => rows[r + 1])
      .sort((a, b) => firstMain(a, main) - firstMain(b, main))
      .map((row) => row.tasks),
    objective: (value - m * shift) / total,
  });
  return {
    status: solved.status,
    best: toPartition(solved.best.networks, solved.best.total),
    bound: (solved.bound - m * shift) / total,
    gap: solved.gap,
    alternatives: solved.alternatives.map((s) => toPartition(s.networks, s.total)),
    stats: solved.stats,
  };
}

const firstMain = (row: AuxNetwork, main: number[]) => row.tasks.find((t) => main.includes(t))!;

/** The best network of every group of main tasks (index: mask over the main tasks' order). */
export const networkRows = (p: AuxPartitionProblem): AuxNetwork[] =>
  bestNetworks(auxModel(p), p.roles);

/**
 * Objective of given networks (whole task sets) under the problem: Σ over main members of
 * their weighted relative loss ÷ the main tasks' total weight. The networks must split the main
 * tasks; auxiliary members may repeat or be absent.
 */
export function auxPartitionObjective(p: AuxPartitionProblem, networks: number[][]): number {
  const model = auxModel(p);
  const { main } = p.roles;
  const seen = new Set<number>();
  let cost = 0;
  for (const network of networks) {
    const tasks = [...network].sort((a, b) => a - b);
    const mains = tasks.filter((t) => main.includes(t));
    for (const t of mains) {
      if (seen.has(t)) throw new UsageError(`networks must hold each main task once (task ${t})`);
      seen.add(t);
    }
    if (mains.length === 0) throw new UsageError(`network ${groupKey(tasks)} has no main task`);
    cost += networkShares(model, tasks, mains).reduce((a, b) => a + b, 0);
  }
  if (seen.size !== main.length)
    throw new UsageError(`networks must hold all ${main.length} main tasks`);
  return cost / main.reduce((sum, t) => sum + model.w[t], 0);
}
