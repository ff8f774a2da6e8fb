import type { HoaModel, MeasuredGroup } from './hoa.js';
import { mulberry32 } from '../random.js';

/**
 * A grouping of any number of tasks with what local search needs to price a change in O(1):
 * per group its size, its summed weighted pair loss S = Σ_{i≠j∈G} P[i][j], each task's link to
 * it (Σ_{j∈G} P[t][j] + P[j][t]), its summed size adjustments at every size, and a hash of its
 * members to find measured groups. The int-mask heuristics of incumbent.ts price a group from
 * scratch (cached by mask), which stops paying past 30 tasks.
 * Costs here are summed incrementally, so they may drift in the last bits: callers price the
 * partitions they keep with HoaModel.groupCost.
 */
export class Grouping {
  readonly n: number;
  /** groupOf[t]: the group (slot 0..n−1) of task t. */
  readonly groupOf: Int32Array;
  readonly size: Int32Array;
  /** Open groups, in the order they were opened. */
  readonly open: number[] = [];
  /** sum[g] = Σ_{i≠j∈g} P[i][j]. */
  private readonly sum: Float64Array;
  /** Σ of the group's task indices: a group of one task is that task. */
  private readonly memberSum: Int32Array;
  /** Each open group's cost, refreshed on every change. */
  private readonly priceOf: Float64Array;
  /** link[g*n + t] = Σ_{j∈g, j≠t} P[t][j] + P[j][t]. */
  private readonly link: Float64Array;
  /** adjust[g*(n+1) + s] = Σ_{i∈g} A[i][s]; null when the model has no size adjustment. */
  private readonly adjust: Float64Array | null;
  /** XOR of the members' random words: equal sets, equal hashes (measured groups are found by it). */
  private readonly hash: Int32Array;
  private readonly free: number[] = [];

  /** `labels[t]`: task t's group label (tasks with equal labels share a group). */
  constructor(
    private readonly model: HoaModel,
    private readonly tables: GroupingTables,
    labels: ArrayLike<number>,
  ) {
    const { n } = model;
    this.n = n;
    this.groupOf = new Int32Array(n).fill(-1);
    this.size = new Int32Array(n);
    this.sum = new Float64Array(n);
    this.memberSum = new Int32Array(n);
    this.priceOf = new Float64Array(n);
    this.link = new Float64Array(n * n);
    this.adjust = model.A === null ? null : new Float64Array(n * (n + 1));
    this.hash = new Int32Array(n);
    for (let g = n - 1; g >= 0; g--) this.free.push(g);
    const slotOf = new Map<number, number>();
    for (let t = 0; t < n; t++) {
      let g = slotOf.get(labels[t]);
      if (g === undefined) slotOf.set(labels[t], (g = this.openGroup()));
      this.add(t, g);
    }
    for (const g of this.open) this.reprice(g);
  }

  get groups(): number {
    return this.open.length;
  }

  /** Weighted cost of open group g as it stands. */
  cost(g: number): number {
    return this.priceOf[g];
  }

  /** Cost of group g without task t (t ∈ g). */
  costWithout(g: number, t: number): number {
    return this.priced(
      g,
      this.size[g] - 1,
      this.sum[g] - this.link[g * this.n + t],
      this.hash[g] ^ this.tables.zobrist[t],
      t,
      -1,
    );
  }

  /** Cost of group g with task t added (t ∉ g); g < 0: a new group of t alone. */
  costWith(g: number, t: number): number {
    if (g < 0) return this.model.w[t];
    return this.priced(
      g,
      this.size[g] + 1,
      this.sum[g] + this.link[g * this.n + t],
      this.hash[g] ^ this.tables.zobrist[t],
      -1,
      t,
    );
  }

  /** Cost of group g with task t (in g) replaced by u (not in g). */
  costSwapped(g: number, t: number, u: number): number {
    const { n } = this;
    const sum =
      this.sum[g] - this.link[g * n + t] + this.link[g * n + u] - this.tables.Q[u * n + t];
    return this.priced(
      g,
      this.size[g],
      sum,
      this.hash[g] ^ this.tables.zobrist[t] ^ this.tables.zobrist[u],
      t,
      u,
    );
  }

  /** Moves task t to group g (g < 0: a new group). */
  move(t: number, g: number): void {
    const from = this.groupOf[t];
    this.remove(t, from);
    if (this.size[from] === 0) this.closeGroup(from);
    else this.reprice(from);
    const to = g < 0 ? this.openGroup() : g;
    this.add(t, to);
    this.reprice(to);
  }

  /** Exchanges tasks t and u of two different groups. */
  swap(t: number, u: number): void {
    const [a, b] = [this.groupOf[t], this.groupOf[u]];
    this.remove(t, a);
    this.remove(u, b);
    this.add(u, a);
    this.add(t, b);
    this.reprice(a);
    this.reprice(b);
  }

  /** The groups as task lists, ascending (canonical order left to the caller). */
  taskLists(): number[][] {
    const lists = new Map<number, number[]>(this.open.map((g) => [g, []]));
    for (let t = 0; t < this.n; t++) lists.get(this.groupOf[t])!.push(t);
    return [...lists.values()];
  }

  /**
   * Cost of a group of `size` members, summed pair loss `sum`, hash `hash`: group g's members,
   * less `without` and plus `with` (−1: none). A measured group's cost when the set is one.
   */
  private priced(
    g: number,
    size: number,
    sum: number,
    hash: number,
    without: number,
    withTask: number,
  ): number {
    if (size <= 0) return 0;
    if (size === 1)
      return this.model.w[
        this.memberSum[g] - (without < 0 ? 0 : without) + (withTask < 0 ? 0 : withTask)
      ];
    if (size >= 3) {
      const measured = this.tables.measuredByHash.get(hash);
      if (measured !== undefined) {
        const inSet = (x: number): boolean =>
          x === withTask || (x !== without && this.groupOf[x] === g);
        const found = measured.find((m) => m.tasks.length === size && m.tasks.every(inSet));
        if (found !== undefined) return found.cost;
      }
    }
    return sum / (size - 1) + this.adjustAt(g, size, without, withTask);
  }

  /** Summed size adjustments at `size` of group g's members, less `without`, plus `with`. */
  private adjustAt(g: number, size: number, without: number, withTask: number): number {
    const { adjust, n } = this;
    const A = this.model.A;
    if (adjust === null || A === null) return 0;
    let total = adjust[g * (n + 1) + size];
    if (without >= 0) total -= A[without * (n + 1) + size];
    if (withTask >= 0) total += A[withTask * (n + 1) + size];
    return total;
  }

  private reprice(g: number): void {
    this.priceOf[g] = this.priced(g, this.size[g], this.sum[g], this.hash[g], -1, -1);
  }

  private add(t: number, g: number): void {
    const { n } = this;
    const { Q, zobrist } = this.tables;
    this.groupOf[t] = g;
    this.size[g]++;
    this.memberSum[g] += t;
    this.sum[g] += this.link[g * n + t];
    this.hash[g] ^= zobrist[t];
    for (let i = 0; i < n; i++) this.link[g * n + i] += i === t ? 0 : Q[i * n + t];
    this.addAdjust(t, g, 1);
  }

  private remove(t: number, g: number): void {
    const { n } = this;
    const { Q, zobrist } = this.tables;
    this.groupOf[t] = -1;
    this.size[g]--;
    this.memberSum[g] -= t;
    this.sum[g] -= this.link[g * n + t];
    this.hash[g] ^= zobrist[t];
    for (let i = 0; i < n; i++) this.link[g * n + i] -= i === t ? 0 : Q[i * n + t];
    this.addAdjust(t, g, -1);
  }

  private addAdjust(t: number, g: number, sign: number): void {
    const { adjust, model, n } = this;
    if (adjust === null || model.A === null) return;
    for (let s = 0; s <= n; s++) adjust[g * (n + 1) + s] += sign * model.A[t * (n + 1) + s];
  }

  private openGroup(): number {
    const g = this.free.pop()!;
    this.open.push(g);
    return g;
  }

  /** Frees an emptied group, zeroing its sums so no drift carries over to its next use. */
  private closeGroup(g: number): void {
    const { n } = this;
    this.open.splice(this.open.indexOf(g), 1);
    this.free.push(g);
    this.sum[g] = 0;
    this.priceOf[g] = 0;
    this.link.fill(0, g * n, g * n + n);
    this.adjust?.fill(0, g * (n + 1), (g + 1) * (n + 1));
  }
}

/** What every Grouping of one model shares: Q = P + Pᵀ, task hashes, measured groups by hash. */
export interface GroupingTables {
  Q: Float64Array;
  zobrist: Int32Array;
  measuredByHash: Map<number, MeasuredGroup[]>;
}

export function groupingTables(model: HoaModel): GroupingTables {
  const { n, P } = model;
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) Q[i * n + j] = P[i * n + j] + P[j * n + i];
  const rng = mulberry32(0x9a11 + n);
  const zobrist = Int32Array.from({ length: n }, () => Math.floor(rng() * 2 ** 32) | 0);
  const measuredByHash = new Map<number, MeasuredGroup[]>();
  for (const group of model.measured.values()) {
    const hash = group.tasks.reduce((h, t) => h ^ zobrist[t], 0);
    measuredByHash.set(hash, [...(measuredByHash.get(hash) ?? []), group]);
  }
  return { Q, zobrist, measuredByHash };
}
