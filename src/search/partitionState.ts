import { GroupPrice } from './groupPrice.js';
import type { HoaModel } from './hoa.js';

/**
 * The state of a partial HOA partition during branch and bound: tasks are assigned, in the
 * order the search picks (branchingTask), to groups 0..m−1 (a new group always gets the next
 * index, which breaks the symmetry of relabelling groups). Keeps, per group, each task's summed
 * weighted pair loss to the members, so assigning, undoing and bounding are O(n) per group.
 */
export class PartitionState {
  readonly n: number;
  readonly k: number;
  /** groupOf[t] = group of task t, −1 while unassigned. */
  readonly groupOf: Int32Array;
  readonly groupMask: Int32Array;
  readonly groupSize: Int32Array;
  /** rowSum[g*n + i] = Σ_{j ∈ group g} P[i][j]. */
  readonly rowSum: Float64Array;
  /** Open groups. */
  m = 0;
  assignedMask = 0;
  /** partners[i*(n−1) + r] = the r-th task by ascending P[i][·] (ties: lower task first). */
  private readonly partners: Int32Array;
  /** The group-count price of the bound, with its scratch (see groupPrice.ts). */
  private readonly price: GroupPrice;
  /** Least new-group loss found by the last newGroupCurve(). */
  private lastLowest = Infinity;
  /** After lowerBound(): per unassigned task, how much its second-best place costs more than its best. */
  private readonly regret: Float64Array;
  /** Unassigned partners the last bestMean() took. */
  private lastTake = 0;
  private readonly measuredList: { mask: number; cost: number; perTask: Float64Array }[];

  /** The pair matrix the bound reads: model.P plus an antisymmetric shift (see dualShift.ts),
   *  which leaves every group's cost unchanged. */
  readonly P: Float64Array;

  constructor(private readonly model: HoaModel, shifted: Float64Array = model.P) {
    const { n } = model;
    this.P = shifted;
    this.n = n;
    this.k = model.maxGroups;
    this.groupOf = new Int32Array(n).fill(-1);
    this.groupMask = new Int32Array(this.k);
    this.groupSize = new Int32Array(this.k);
    this.rowSum = new Float64Array(this.k * n);
    this.partners = new Int32Array(n * Math.max(0, n - 1));
    for (let i = 0; i < n; i++) {
      const others = [...Array(n).keys()].filter((j) => j !== i);
      others.sort((a, b) => shifted[i * n + a] - shifted[i * n + b] || a - b);
      this.partners.set(others, i * (n - 1));
    }
    // A typical weighted loss is the first guess of the group price λ.
    this.price = new GroupPrice(n, Math.max(1e-9, (model.totalWeight / n) * 0.05));
    this.regret = new Float64Array(n);
    this.measuredList = [...model.measured].map(([mask, cost]) => ({ mask, cost, perTask: model.measuredPerTask(mask) }));
  }

  /** Put task t into group g (g === m opens a new group). */
  assign(t: number, g: number): void {
    const { n, rowSum } = this;
    const P = this.P;
    if (g === this.m) this.m++;
    this.groupOf[t] = g;
    this.groupMask[g] |= 1 << t;
    this.groupSize[g]++;
    this.assignedMask |= 1 << t;
    const base = g * n;
    for (let i = 0; i < n; i++) rowSum[base + i] += P[i * n + t];
  }

  /** Undo assign(t, g); must be called in reverse order of assignment. */
  unassign(t: number, g: number): void {
    const { n, rowSum } = this;
    const P = this.P;
    this.groupOf[t] = -1;
    this.groupMask[g] &= ~(1 << t);
    this.groupSize[g]--;
    this.assignedMask &= ~(1 << t);
    const base = g * n;
    if (this.groupSize[g] === 0) {
      this.m--;
      rowSum.fill(0, base, base + n); // exact zero: no drift left behind in a closed group
    } else for (let i = 0; i < n; i++) rowSum[base + i] -= P[i * n + t];
  }

  reset(): void {
    this.groupOf.fill(-1);
    this.groupMask.fill(0);
    this.groupSize.fill(0);
    this.rowSum.fill(0);
    this.m = 0;
    this.assignedMask = 0;
  }

  /** Weighted cost of the complete partition (every task assigned), priced from the model
   *  itself so that equal partitions get bit-identical costs whatever the search path. */
  cost(): number {
    let total = 0;
    for (let g = 0; g < this.m; g++) total += this.model.groupCost(this.groupMask[g]);
    return total;
  }

  /**
   * Lower bound on the cost of every completion of the current state.
   * Guarantee: each task's final HOA loss is the mean of its pair losses over its final
   * partners, which are its current partners plus some unassigned tasks; the smallest such mean
   * takes the cheapest unassigned partners first (for each final size, to which the size
   * adjustment is then added), so summing each task's own minimum (over the
   * groups it may still join, and a new group only while fewer than k are open) can only be
   * lower than any completion. Measured groups that are still reachable are allowed for too.
   */
  lowerBound(enough = Infinity): number {
    const { n } = this;
    let fixed = 0;
    let candidates = 0;
    for (let i = 0; i < n; i++) {
      const g = this.groupOf[i];
      let join: number;
      let second = Infinity;
      if (g >= 0) join = this.bestMean(i, this.rowSum[g * n + i], this.groupSize[g] - 1);
      else {
        join = Infinity;
        for (let h = 0; h < this.m; h++) {
          const v = this.bestMean(i, this.rowSum[h * n + i], this.groupSize[h]);
          if (v < join) [second, join] = [join, v];
          else if (v < second) second = v;
        }
      }
      if (this.measuredList.length > 0) join = Math.min(join, this.measuredFloor(i));
      if (g >= 0) {
        fixed += join;
        continue;
      }
      const opens = this.m < this.k && this.newGroupCurve(i, candidates, join);
      if (opens) candidates++;
      else fixed += join;
      if (this.m < this.k) {
        const fresh = this.lastLowest;
        if (fresh < join) [second, join] = [join, fresh];
        else if (fresh < second) second = fresh;
      }
      this.regret[i] = second - join;
    }
    return fixed + this.price.best(candidates, this.k - this.m, enough - fixed);
  }

  /**
   * Branching order: the unassigned task whose best and second-best places differ most goes
   * next (ties: the lowest task), so a task with one place left is placed first and a poor
   * choice shows in the bound early. −1 when every task is assigned. Reads the places the last
   * lowerBound() priced: call it right after lowerBound() on the same state. It changes how
   * soon the search proves its answer, not which answer a finished search returns.
   */
  branchingTask(): number {
    let task = -1;
    let widest = -1;
    for (let i = 0; i < this.n; i++) {
      if (this.groupOf[i] >= 0 || !(this.regret[i] > widest)) continue;
      widest = this.regret[i];
      task = i;
    }
    return task;
  }

  /**
   * Stores, for unassigned task i that may open a new group, its least loss in a new group of
   * each size s (curve_s: w_i alone, else the mean of its s − 1 cheapest unassigned partners)
   * as candidate `slot`. Returns false when no size beats `join` at any price ≥ 0, in which
   * case i simply joins.
   */
  private newGroupCurve(i: number, slot: number, join: number): boolean {
    const { n, P } = this;
    const { curve } = this.price;
    const base = slot * n;
    curve[base] = this.model.w[i];
    let lowest = curve[base];
    let length = 1;
    let sum = 0;
    const from = i * (n - 1);
    for (let r = 0; r < n - 1; r++) {
      const j = this.partners[from + r];
      if (this.assignedMask & (1 << j)) continue;
      sum += P[i * n + j];
      curve[base + length] = sum / length + this.model.adjustment(i, length + 1);
      if (curve[base + length] < lowest) lowest = curve[base + length];
      length++;
    }
    this.lastLowest = lowest;
    if (lowest >= join) return false;
    this.price.keep(slot, length, lowest, join);
    return true;
  }

  /** Least mean of task i's weighted pair losses over `count` partners summing to `sum` plus
   *  any unassigned tasks; with no partners at all it is the singleton cost w_i. */
  private bestMean(i: number, sum: number, count: number): number {
    const n = this.n;
    const P = this.P;
    const model = this.model;
    let best = count === 0 ? model.w[i] : sum / count + model.adjustment(i, count + 1);
    let take = 0;
    let taken = 0;
    const assigned = this.assignedMask;
    const from = i * (n - 1);
    for (let r = 0; r < n - 1; r++) {
      const j = this.partners[from + r];
      if (assigned & (1 << j)) continue;
      const v = P[i * n + j];
      // Candidates come in ascending order: once one does not lower the mean, none will
      // (unless a size adjustment may still pull a larger group below it).
      if (model.A === null && count > 0 && v * count >= sum) break;
      sum += v;
      count++;
      taken++;
      const value = sum / count + model.adjustment(i, count + 1);
      if (value < best) {
        best = value;
        take = taken;
      }
    }
    this.lastTake = take;
    return best;
  }

  /**
   * After lowerBound(): the partners each task takes in the bound, as bitmasks (fixed group
   * members and chosen unassigned tasks), measured groups aside. dualShift reads them to see
   * where tasks disagree about who they pair with.
   */
  partnerMasks(): Int32Array {
    const { n } = this;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const g = this.groupOf[i];
      if (g >= 0) {
        this.bestMean(i, this.rowSum[g * n + i], this.groupSize[g] - 1);
        out[i] = (this.groupMask[g] & ~(1 << i)) | this.unassignedPrefix(i, this.lastTake);
        continue;
      }
      let best = Infinity;
      for (let h = 0; h < this.m; h++) {
        const v = this.bestMean(i, this.rowSum[h * n + i], this.groupSize[h]);
        if (v < best) {
          best = v;
          out[i] = this.groupMask[h] | this.unassignedPrefix(i, this.lastTake);
        }
      }
      if (this.m >= this.k) continue;
      let sum = 0;
      let size = 1;
      let take = -1;
      if (this.model.w[i] + this.price.lambda < best) [best, take] = [this.model.w[i] + this.price.lambda, 0];
      const from = i * (n - 1);
      for (let r = 0; r < n - 1; r++) {
        const j = this.partners[from + r];
        if (this.assignedMask & (1 << j)) continue;
        sum += this.P[i * n + j];
        size++;
        const v = sum / (size - 1) + this.model.adjustment(i, size) + this.price.lambda / size;
        if (v < best) [best, take] = [v, size - 1];
      }
      if (take >= 0) out[i] = this.unassignedPrefix(i, take);
    }
    return out;
  }

  /** The first `take` unassigned tasks in i's partner order, as a bitmask. */
  private unassignedPrefix(i: number, take: number): number {
    let mask = 0;
    const from = i * (this.n - 1);
    for (let r = 0; r < this.n - 1 && take > 0; r++) {
      const j = this.partners[from + r];
      if (this.assignedMask & (1 << j)) continue;
      mask |= 1 << j;
      take--;
    }
    return mask;
  }

  /** Least weighted measured loss of task i over measured groups still reachable. */
  private measuredFloor(i: number): number {
    let best = Infinity;
    const bit = 1 << i;
    const g = this.groupOf[i];
    for (const { mask, perTask } of this.measuredList) {
      if (!(mask & bit)) continue;
      const fixed = mask & this.assignedMask;
      if (g >= 0 ? fixed !== this.groupMask[g] : !this.joinable(fixed)) continue;
      best = Math.min(best, perTask[i]);
    }
    return best;
  }

  private joinable(fixed: number): boolean {
    if (fixed === 0) return this.m < this.k;
    for (let h = 0; h < this.m; h++) if (this.groupMask[h] === fixed) return true;
    return false;
  }
}
