import { InternalError, UsageError } from '../errors.js';
import { groupKey, tasksOf, tasksOfKey } from './bits.js';
import { MAX_HOA_TASKS } from './limits.js';
import { taskWeights } from './weights.js';
import type { SearchLimits } from './types.js';

/** Partition mode with group losses from HOA over pairs (Standley et al. 2020: a group's loss from its pairs). */
export interface HoaPartitionProblem extends SearchLimits {
  /** pair[i][j] = L_i({i,j}) / L_i({i}) for i ≠ j: task i's relative loss when grouped with j. */
  pair: number[][];
  /** w_i ≥ 0, default all 1. */
  weights?: number[];
  /** Most groups (networks); default n (no limit). The solver calls it maxGroups (HoaModel). */
  budget?: number;
  /** Measured relative losses for groups of ≥3 tasks, keyed by groupKey(tasks) ("0,3,17");
   *  values per task of the group in ascending task order. They replace the HOA estimate. */
  measured?: Map<string, number[]>;
  /** sizeAdjust[i][s] is added to task i's relative loss in every group of s ≥ 3 tasks that is
   *  not measured: a correction of the pair estimate learned from measured groups, an optimism
   *  margin, or a penalty that rules unmeasured groups out. Entries for s < 2 are ignored; an
   *  entry for s = 2 prices every pair group (a search that measured no pair rules them out). */
  sizeAdjust?: number[][];
}

/** A measured group: its tasks ascending, weighted cost, and weighted loss per task (∞ off it). */
export interface MeasuredGroup {
  tasks: number[];
  cost: number;
  perTask: Float64Array;
}

/**
 * The cost model of a HOA partition, validated once. Costs are weighted sums (not yet divided
 * by the total weight): a group G of size s ≥ 2 costs Σ_{i∈G} w_i · mean_{j∈G∖i} pair[i][j]
 * = Σ_{i,j∈G} P[i][j] / (s − 1) with P[i][j] = w_i·pair[i][j]; a singleton costs w_i.
 */
export class HoaModel {
  readonly n: number;
  readonly maxGroups: number;
  readonly w: Float64Array;
  /** P[i*n + j] = w_i · pair[i][j], 0 on the diagonal. */
  readonly P: Float64Array;
  readonly totalWeight: number;
  /** Measured groups by group key. */
  readonly measured: Map<string, MeasuredGroup>;
  /** A[i*(n+1) + s] = w_i · sizeAdjust[i][s] for s ≥ 3, else 0; null when there is none. */
  readonly A: Float64Array | null;

  constructor(p: HoaPartitionProblem) {
    const n = p.pair.length;
    if (n < 1 || n > MAX_HOA_TASKS)
      throw new UsageError(`pair must have 1 to ${MAX_HOA_TASKS} rows (got ${n})`);
    this.n = n;
    this.w = taskWeights(p.weights, n);
    this.totalWeight = this.w.reduce((a, b) => a + b, 0);
    if (!(this.totalWeight > 0)) throw new UsageError('weights must not all be 0');
    this.P = new Float64Array(n * n);
    p.pair.forEach((row, i) => {
      if (row.length !== n)
        throw new UsageError(`pair[${i}] must have ${n} entries (got ${row.length})`);
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        if (!Number.isFinite(row[j]) || row[j] < 0)
          throw new UsageError(`pair[${i}][${j}] must be a finite number ≥ 0`);
        this.P[i * n + j] = this.w[i] * row[j];
      }
    });
    // Validated where it enters (config/searchConfig.ts, config/solveSettings.ts): a budget out of
    // shape here is a bug of ours.
    const budget = p.budget ?? n;
    if (!Number.isInteger(budget) || budget < 1)
      throw new InternalError(`budget must be a positive integer (got ${budget})`);
    this.maxGroups = Math.min(budget, n);
    this.A = p.sizeAdjust === undefined ? null : weightedAdjust(p.sizeAdjust, this.w);
    this.measured = new Map();
    for (const [key, values] of p.measured ?? [])
      this.measured.set(key, this.measuredGroup(key, values));
  }

  /** Weighted cost of the group of `members` (ascending: the summation order, hence the last
   *  bit of the cost, depends on it). */
  groupCost(members: readonly number[]): number {
    if (members.length === 1) return this.w[members[0]];
    if (members.length >= 3 && this.measured.size > 0) {
      const known = this.measured.get(members.join(','));
      if (known !== undefined) return known.cost;
    }
    let sum = 0;
    let adjust = 0;
    for (const i of members) {
      for (const j of members) sum += this.P[i * this.n + j];
      adjust += this.adjustment(i, members.length);
    }
    return sum / (members.length - 1) + adjust;
  }

  /** groupCost of the group whose members are the bits of `mask` (n ≤ 30). */
  maskCost(mask: number): number {
    return this.groupCost(tasksOf(mask));
  }

  /** Weighted adjustment of task i's loss in an unmeasured group of `size` tasks. */
  adjustment(i: number, size: number): number {
    return this.A === null ? 0 : this.A[i * (this.n + 1) + size];
  }

  private measuredGroup(key: string, values: number[]): MeasuredGroup {
    const tasks = tasksOfKey(key);
    const inRange = tasks.every(
      (t, idx) => Number.isInteger(t) && t >= 0 && t < this.n && (idx === 0 || t > tasks[idx - 1]),
    );
    if (!inRange || tasks.length < 3 || groupKey(tasks) !== key) {
      throw new UsageError(
        `measured key "${key}" must name at least 3 of the ${this.n} tasks, ascending (as groupKey writes it)`,
      );
    }
    if (values.length !== tasks.length) {
      throw new UsageError(
        `measured "${key}" must hold ${tasks.length} values (got ${values.length})`,
      );
    }
    const perTask = new Float64Array(this.n).fill(Infinity);
    let cost = 0;
    tasks.forEach((t, idx) => {
      if (!Number.isFinite(values[idx]) || values[idx] < 0)
        throw new UsageError(`measured "${key}"[${idx}] must be a finite number ≥ 0`);
      perTask[t] = this.w[t] * values[idx];
      cost += perTask[t];
    });
    return { tasks, cost, perTask };
  }
}

function weightedAdjust(adjust: number[][], w: Float64Array): Float64Array {
  const n = w.length;
  if (adjust.length !== n)
    throw new UsageError(`sizeAdjust must have ${n} rows (got ${adjust.length})`);
  const A = new Float64Array(n * (n + 1));
  adjust.forEach((row, i) => {
    if (row.length !== n + 1)
      throw new UsageError(`sizeAdjust[${i}] must have ${n + 1} entries (got ${row.length})`);
    for (let s = 2; s <= n; s++) {
      if (!Number.isFinite(row[s]))
        throw new UsageError(`sizeAdjust[${i}][${s}] must be a finite number`);
      A[i * (n + 1) + s] = w[i] * row[s];
    }
  });
  return A;
}

/** Groups sorted by first task, tasks sorted in each group: the canonical form of a partition. */
export function canonicalGroups(groups: readonly (readonly number[])[]): number[][] {
  return groups
    .filter((g) => g.length > 0)
    .map((g) => [...g].sort((a, b) => a - b))
    .sort((a, b) => a[0] - b[0]);
}

export function partitionKey(groups: readonly (readonly number[])[]): string {
  return groups.map((g) => g.map((t) => String.fromCharCode(65 + t)).join('')).join('|');
}

/** Objective of a given partition under the same model (for baselines such as all-together). */
export function partitionObjective(p: HoaPartitionProblem, groups: number[][]): number {
  const model = new HoaModel(p);
  const seen = new Set<number>();
  let cost = 0;
  for (const g of groups) {
    for (const t of g) {
      if (!Number.isInteger(t) || t < 0 || t >= model.n || seen.has(t))
        throw new UsageError(`groups must use each task 0..${model.n - 1} once (task ${t})`);
      seen.add(t);
    }
    if (g.length > 0) cost += model.groupCost([...g].sort((a, b) => a - b));
  }
  if (seen.size !== model.n) throw new UsageError(`groups must cover all ${model.n} tasks`);
  return cost / model.totalWeight;
}
