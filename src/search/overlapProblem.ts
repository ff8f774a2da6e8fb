import { UsageError } from '../errors.js';
import { MAX_TABLE_TASKS } from './limits.js';
import type { SearchLimits } from './types.js';
import { taskWeights } from './weights.js';

/** One candidate network of a loss table: its cost and each task's loss (null: not in it). */
export interface CandidateNetwork {
  cost: number;
  loss: (number | null)[];
}

/** Standley's network selection (overlap mode), or partition mode over explicit networks. */
export interface NetworkProblem extends SearchLimits {
  networks: CandidateNetwork[];
  /** Overlap mode: the most total cost. Partition mode: the most networks. */
  budget: number;
  /** w_t ≥ 0 per task, default all 1. */
  weights?: number[];
}

/** Chosen networks (indices, ascending), which network serves each task, and the total. */
export interface Selection {
  networks: number[];
  serves: number[];
  total: number;
}

/** The problem in arrays, validated once: loss[r*n + t] = w_t·loss (∞ when t ∉ r). */
export interface NetworkModel {
  n: number;
  costs: Float64Array;
  masks: Int32Array;
  loss: Float64Array;
  budget: number;
}

export function networkModel(p: NetworkProblem): NetworkModel {
  const rows = p.networks.length;
  const n = rows > 0 ? p.networks[0].loss.length : 0;
  if (rows === 0 || n === 0)
    throw new UsageError('the table must hold at least one network and one task');
  if (n > MAX_TABLE_TASKS)
    throw new UsageError(`the table may have at most ${MAX_TABLE_TASKS} tasks (got ${n})`);
  const weights = taskWeights(p.weights, n);
  if (!Number.isFinite(p.budget) || p.budget < 0)
    throw new UsageError('budget must be a finite number ≥ 0');
  const costs = new Float64Array(rows);
  const masks = new Int32Array(rows);
  const loss = new Float64Array(rows * n).fill(Infinity);
  p.networks.forEach((net, r) => {
    if (net.loss.length !== n)
      throw new UsageError(`network ${r} must list ${n} tasks (got ${net.loss.length})`);
    if (!Number.isFinite(net.cost) || net.cost < 0)
      throw new UsageError(`network ${r} must have a finite cost ≥ 0`);
    costs[r] = net.cost;
    net.loss.forEach((l, t) => {
      if (l === null) return;
      if (!Number.isFinite(l) || l < 0)
        throw new UsageError(`network ${r}, task ${t}: loss must be a finite number ≥ 0`);
      masks[r] |= 1 << t;
      loss[r * n + t] = weights[t] * l;
    });
  });
  return { n, costs, masks, loss, budget: p.budget };
}

/** Tolerance for budgets: 0.1 + 0.2 must fit a budget of 0.3. */
export const BUDGET_EPS = 1e-9;

/** Which chosen network serves each task: the lowest loss, ties to the lowest index. */
export function servingNetworks(model: NetworkModel, chosen: readonly number[]): number[] {
  const serves: number[] = [];
  for (let t = 0; t < model.n; t++) {
    let best = -1;
    for (const r of chosen) {
      const l = model.loss[r * model.n + t];
      if (l === Infinity) continue;
      if (
        best < 0 ||
        l < model.loss[best * model.n + t] ||
        (l === model.loss[best * model.n + t] && r < best)
      )
        best = r;
    }
    serves.push(best);
  }
  return serves;
}

export function selectionKey(networks: readonly number[]): string {
  return networks.join(',');
}
