import type { HoaModel } from './hoa.js';

/**
 * The state of a partial HOA partition during branch and bound: tasks are assigned, in the
 * order the search picks (nextTask), to groups 0..m−1 (a new group always gets the next index,
 * which breaks the symmetry of relabelling groups). Keeps, per group, each task's summed weighted pair loss to the members,
 * so assigning, undoing and bounding are O(n) per group.
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
  /** Scratch for the group-count price: per candidate task, its new-group curve and join. */
  private readonly curve: Float64Array;
  private readonly curveLength: Int32Array;
  private readonly hull: Int32Array;
  private readonly joinOf: Float64Array;
  private slope = 0;
  /** The group price of the last lowerBound(). */
  private lambda = 0;
  /** Least new-group loss found by the last newGroupCurve(). */
  private lastLowest = Infinity;
  /** After lowerBound(): the unassigned task to branch on next (−1 when none is left). */
  nextTask = -1;
  /** Unassigned partners the last bestMean() took. */
  private lastTake = 0;
  /** A typical weighted loss, the first guess of the group price λ. */
  private readonly lambdaScale: number;
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
    this.curve = new Float64Array(n * n);
    this.curveLength = new Int32Array(n);
    this.hull = new Int32Array(n * n);
    this.joinOf = new Float64Array(n);
    this.lambdaScale = Math.max(1e-9, (model.totalWeight / n) * 0.05);
    this.measuredList = [...model.measured].map(([mask, cost]) => ({ mask, cost, perTask: measuredPerTask(model, mask) }));
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
    let regret = -1;
    this.nextTask = -1;
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
      // Branch next on the task whose best and second-best places differ most (forced first).
      if (second - join > regret) {
        regret = second - join;
        this.nextTask = i;
      }
    }
    return fixed + this.bestGroupPrice(candidates, enough - fixed);
  }

  /**
   * Group-count price. Guarantee: for any λ ≥ 0, charging each task that opens or joins a new
   * group λ/(final size of that group) adds exactly λ per new group, at most λ·(k − m) in all,
   * so Σ min(join, min_s(new_s + λ/s)) − λ(k − m) is still a lower bound (Lagrangian relaxation
   * of "at most k groups"). It is concave in λ; bisection on its slope finds the best λ.
   * The candidates' curves were stored by newGroupCurve.
   */
  private bestGroupPrice(candidates: number, enough: number): number {
    this.lambda = 0;
    if (candidates === 0) return 0;
    const slack = this.k - this.m;
    let best = this.priceAt(0, candidates);
    // Any price gives a valid bound: stop as soon as one is enough to prune.
    if (best >= enough || this.slope <= slack) return best;
    const tryPrice = (lambda: number): void => {
      const v = this.priceAt(lambda, candidates) - lambda * slack;
      if (v > best) [best, this.lambda] = [v, lambda];
    };
    let lo = 0;
    let hi = this.lambdaScale;
    for (let d = 0; d < 40; d++) {
      tryPrice(hi);
      if (best >= enough || this.slope <= slack) break;
      lo = hi;
      hi *= 2;
    }
    for (let it = 0; it < 8 && best < enough; it++) {
      const mid = (lo + hi) / 2;
      tryPrice(mid);
      if (this.slope > slack) lo = mid;
      else hi = mid;
    }
    return best;
  }

  /** Σ over candidates of min(join, min_s(curve_s + λ/s)); sets this.slope = Σ 1/s* over
   *  those that choose a new group. */
  private priceAt(lambda: number, candidates: number): number {
    const { n, curve, curveLength, joinOf, hull } = this;
    let total = 0;
    let slope = 0;
    for (let c = 0; c < candidates; c++) {
      let best = joinOf[c];
      let inverse = 0;
      const base = c * n;
      for (let h = 0; h < curveLength[c]; h++) {
        const s = hull[base + h];
        const v = curve[base + s - 1] + lambda / s;
        if (v < best) {
          best = v;
          inverse = 1 / s;
        }
      }
      total += best;
      slope += inverse;
    }
    this.slope = slope;
    return total;
  }

  /**
   * Stores, for unassigned task i that may open a new group, its least loss in a new group of
   * each size s (curve_s: w_i alone, else the mean of its s − 1 cheapest unassigned partners)
   * as candidate `slot`. Returns false when no size beats `join` at any price ≥ 0, in which
   * case i simply joins.
   */
  private newGroupCurve(i: number, slot: number, join: number): boolean {
    const { n, P, curve } = this;
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
    this.curveLength[slot] = this.lowerEnvelope(base, length, lowest);
    this.joinOf[slot] = join;
    return true;
  }

  /**
   * Keeps in hull[base..] only the sizes s that can minimise curve_s + λ/s for some λ ≥ 0
   * (the lower envelope of those lines), so pricing costs a few lines per task, not n.
   * Returns how many were kept.
   */
  private lowerEnvelope(base: number, length: number, lowest: number): number {
    const { curve, hull } = this;
    let s0 = 1;
    for (let s = 1; s <= length; s++) if (curve[base + s - 1] <= lowest) s0 = s;
    let size = 0;
    hull[base + size++] = s0;
    // Crossing λ of lines s and t (s < t): where curve_s + λ/s = curve_t + λ/t.
    const cross = (s: number, t: number): number => (curve[base + t - 1] - curve[base + s - 1]) / (1 / s - 1 / t);
    for (let t = s0 + 1; t <= length; t++) {
      while (size >= 2 && cross(hull[base + size - 2], t) <= cross(hull[base + size - 2], hull[base + size - 1])) size--;
      hull[base + size++] = t;
    }
    return size;
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
      if (this.model.w[i] + this.lambda < best) [best, take] = [this.model.w[i] + this.lambda, 0];
      const from = i * (n - 1);
      for (let r = 0; r < n - 1; r++) {
        const j = this.partners[from + r];
        if (this.assignedMask & (1 << j)) continue;
        sum += this.P[i * n + j];
        size++;
        const v = sum / (size - 1) + this.model.adjustment(i, size) + this.lambda / size;
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

function measuredPerTask(model: HoaModel, mask: number): Float64Array {
  const out = new Float64Array(model.n).fill(Infinity);
  const raw = model.measuredValues.get(mask) ?? [];
  let idx = 0;
  for (let t = 0; t < model.n; t++) if (mask & (1 << t)) out[t] = model.w[t] * raw[idx++];
  return out;
}
