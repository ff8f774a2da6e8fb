import { GroupPrice } from './groupPrice.js';
import type { HoaModel } from './hoa.js';
import { MeasuredReach } from './measuredReach.js';
import { markPartners, partnerOrder } from './partnerOrder.js';

/**
 * The state of a partial HOA partition during branch and bound: tasks are assigned, in the
 * order the search picks (branchingTask), to groups 0..m−1 (a new group always gets the next
 * index, which breaks the symmetry of relabelling groups). Keeps, per group, each task's summed
 * weighted pair loss to the members, so assigning, undoing and bounding are O(n) per group.
 * Task sets are arrays, not bitmasks, so any number of tasks fits; assign and unassign are
 * last in, first out, which keeps each group's member list a stack.
 */
export class PartitionState {
  readonly n: number;
  readonly k: number;
  /** groupOf[t] = group of task t, −1 while unassigned. */
  readonly groupOf: Int32Array;
  readonly groupSize: Int32Array;
  /** members[g*n + r], r < groupSize[g]: group g's tasks in the order they were assigned. */
  private readonly members: Int32Array;
  /** rowSum[g*n + i] = Σ_{j ∈ group g} P[i][j]. */
  readonly rowSum: Float64Array;
  /** Open groups. */
  m = 0;
  /** Tasks assigned so far (the depth of the node). */
  placed = 0;
  /** partners[i*(n−1) + r] = the r-th task by ascending P[i][·] (ties: lower task first);
   *  partnerLoss[i*(n−1) + r] = its P[i][·], read in order by the bound's inner loops. */
  private readonly partners: Int32Array;
  private readonly partnerLoss: Float64Array;
  /** The group-count price of the bound, with its scratch (see groupPrice.ts). */
  private readonly price: GroupPrice;
  /** Least new-group loss found by the last newGroupCurve(). */
  private lastLowest = Infinity;
  /** After lowerBound(): per unassigned task, how much its second-best place costs more than its best. */
  private readonly regret: Float64Array;
  /** Unassigned partners the last bestMean() took. */
  private lastTake = 0;
  /** The measured groups the bound allows for; null when there are none. */
  private readonly measured: MeasuredReach | null;

  /** The pair matrix the bound reads: model.P plus an antisymmetric shift (see dualShift.ts),
   *  which leaves every group's cost unchanged. */
  readonly P: Float64Array;

  /** `order`: another state's partner order (of a nearby shift), sorted again from there. */
  constructor(
    private readonly model: HoaModel,
    shifted: Float64Array = model.P,
    order?: Int32Array,
  ) {
    const { n } = model;
    this.P = shifted;
    this.n = n;
    this.k = model.maxGroups;
    this.groupOf = new Int32Array(n).fill(-1);
    this.groupSize = new Int32Array(this.k);
    this.members = new Int32Array(this.k * n);
    this.rowSum = new Float64Array(this.k * n);
    [this.partners, this.partnerLoss] = partnerOrder(n, shifted, order);
    // A typical weighted loss is the first guess of the group price λ.
    this.price = new GroupPrice(n, Math.max(1e-9, (model.totalWeight / n) * 0.05));
    this.regret = new Float64Array(n);
    this.measured = model.measured.size > 0 ? new MeasuredReach(model) : null;
  }

  /** The partner order (see `partners`), to seed a state of a nearby shift. */
  get partnerOrder(): Int32Array {
    return this.partners;
  }

  /** Put task t into group g (g === m opens a new group). */
  assign(t: number, g: number): void {
    const { n, rowSum } = this;
    const P = this.P;
    if (g === this.m) this.m++;
    this.groupOf[t] = g;
    this.members[g * n + this.groupSize[g]++] = t;
    this.placed++;
    this.measured?.assign(t, g);
    const base = g * n;
    for (let i = 0; i < n; i++) rowSum[base + i] += P[i * n + t];
  }

  /** Undo assign(t, g); must be called in reverse order of assignment. */
  unassign(t: number, g: number): void {
    const { n, rowSum } = this;
    const P = this.P;
    this.groupOf[t] = -1;
    this.groupSize[g]--;
    this.placed--;
    this.measured?.unassign(t, g);
    const base = g * n;
    if (this.groupSize[g] === 0) {
      this.m--;
      rowSum.fill(0, base, base + n); // exact zero: no drift left behind in a closed group
    } else for (let i = 0; i < n; i++) rowSum[base + i] -= P[i * n + t];
  }

  reset(): void {
    this.groupOf.fill(-1);
    this.groupSize.fill(0);
    this.rowSum.fill(0);
    this.m = 0;
    this.placed = 0;
    this.measured?.reset();
  }

  /** Tasks of group g, ascending. */
  groupTasks(g: number): number[] {
    return Array.from(this.members.subarray(g * this.n, g * this.n + this.groupSize[g])).sort(
      (a, b) => a - b,
    );
  }

  /** Weighted cost of the complete partition (every task assigned), priced from the model
   *  itself so that equal partitions get bit-identical costs whatever the search path. */
  cost(): number {
    let total = 0;
    for (let g = 0; g < this.m; g++) total += this.model.groupCost(this.groupTasks(g));
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
      if (this.measured !== null && this.measured.holds(i))
        join = Math.min(join, this.measured.floor(i, g, this.m, this.k));
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
    const { n, groupOf, partners, partnerLoss } = this;
    const { curve } = this.price;
    const base = slot * n;
    curve[base] = this.model.w[i];
    let lowest = curve[base];
    let length = 1;
    let sum = 0;
    const from = i * (n - 1);
    for (let r = 0; r < n - 1; r++) {
      if (groupOf[partners[from + r]] >= 0) continue;
      sum += partnerLoss[from + r];
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
    const { n, model, groupOf, partners, partnerLoss } = this;
    let best = count === 0 ? model.w[i] : sum / count + model.adjustment(i, count + 1);
    let take = 0;
    let taken = 0;
    const from = i * (n - 1);
    for (let r = 0; r < n - 1; r++) {
      if (groupOf[partners[from + r]] >= 0) continue;
      const v = partnerLoss[from + r];
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
   * After lowerBound(): the partners each task takes in the bound (fixed group members and
   * chosen unassigned tasks), measured groups aside: into[i*n + j] = 1 when i takes j.
   * dualShift reads them to see where tasks disagree about who they pair with.
   */
  partnerSets(into: Uint8Array): void {
    const { n } = this;
    const mark = (i: number, g: number, take: number) => {
      const members =
        g < 0
          ? this.members.subarray(0, 0)
          : this.members.subarray(g * n, g * n + this.groupSize[g]);
      markPartners(into, n, i, members, this.partners, this.groupOf, take);
    };
    into.fill(0);
    for (let i = 0; i < n; i++) {
      const g = this.groupOf[i];
      if (g >= 0) {
        this.bestMean(i, this.rowSum[g * n + i], this.groupSize[g] - 1);
        mark(i, g, this.lastTake);
        continue;
      }
      let best = Infinity;
      let [group, take] = [-1, 0];
      for (let h = 0; h < this.m; h++) {
        const v = this.bestMean(i, this.rowSum[h * n + i], this.groupSize[h]);
        if (v < best) [best, group, take] = [v, h, this.lastTake];
      }
      if (this.m < this.k) {
        const fresh = this.bestNewGroup(i, best);
        if (fresh >= 0) [group, take] = [-1, fresh];
      }
      mark(i, group, take);
    }
  }

  /** How many unassigned partners i takes in a new group when that beats `best` (priced at
   *  the last λ), else −1. */
  private bestNewGroup(i: number, best: number): number {
    const { n, groupOf, partners, partnerLoss } = this;
    const lambda = this.price.lambda;
    let sum = 0;
    let size = 1;
    let take = -1;
    if (this.model.w[i] + lambda < best) [best, take] = [this.model.w[i] + lambda, 0];
    const from = i * (n - 1);
    for (let r = 0; r < n - 1; r++) {
      if (groupOf[partners[from + r]] >= 0) continue;
      sum += partnerLoss[from + r];
      size++;
      const v = sum / (size - 1) + this.model.adjustment(i, size) + lambda / size;
      if (v < best) [best, take] = [v, size - 1];
    }
    return take;
  }
}
