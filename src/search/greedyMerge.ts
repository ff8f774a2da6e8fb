import type { HoaModel } from './hoa.js';
import type { GroupingTables } from './grouping.js';

/**
 * Greedy merging for any number of tasks: from the groups of `start`, merge the two groups
 * whose union lowers the cost most, and while there are more groups than model.maxGroups, the
 * two whose union raises it least. Each union is priced in O(1) from running sums (summed pair
 * loss, summed size adjustments, member hash) and a group-to-group link matrix, so the whole
 * merge is O(n³) at worst rather than O(n⁴). Returns one label per task.
 * Post-condition: at most model.maxGroups distinct labels.
 */
export function greedyLabels(
  model: HoaModel,
  tables: GroupingTables,
  start: Int32Array,
): Int32Array {
  const merge = new MergeState(model, tables, start);
  for (;;) {
    const [a, b, delta] = merge.bestPair();
    if (a < 0 || (delta >= 0 && merge.open.length <= model.maxGroups)) return merge.labels;
    merge.join(a, b);
  }
}

/**
 * Labels that put the measured groups in place first: disjoint measured groups, cheapest per
 * task relative to their tasks alone first, each taken when it beats its tasks alone. Other
 * tasks start alone. (A measured group of many tasks cannot be reached by merging pairs when
 * every unmeasured group on the way is priced out, as the measured-only problem does.)
 */
export function measuredStart(model: HoaModel): Int32Array {
  const labels = Int32Array.from({ length: model.n }, (_, t) => t);
  const used = new Uint8Array(model.n);
  const gainOf = (tasks: number[], cost: number) =>
    (cost - tasks.reduce((a, t) => a + model.w[t], 0)) / tasks.length;
  const groups = [...model.measured.values()]
    .map((group) => ({ tasks: group.tasks, gain: gainOf(group.tasks, group.cost) }))
    .sort((x, y) => x.gain - y.gain);
  for (const { tasks, gain } of groups) {
    if (gain >= 0 || tasks.some((t) => used[t])) continue;
    for (const t of tasks) [labels[t], used[t]] = [tasks[0], 1];
  }
  return labels;
}

class MergeState {
  readonly labels: Int32Array;
  readonly open: number[];
  private readonly n: number;
  private readonly size: Int32Array;
  private readonly sum: Float64Array;
  private readonly hash: Int32Array;
  private readonly memberSum: Int32Array;
  private readonly adjust: Float64Array | null;
  /** between[a*n + b] = Σ_{i∈a, j∈b} P[i][j] + P[j][i]. */
  private readonly between: Float64Array;
  private readonly price: Float64Array;

  constructor(
    private readonly model: HoaModel,
    private readonly tables: GroupingTables,
    start: Int32Array,
  ) {
    const { n } = model;
    this.n = n;
    this.labels = Int32Array.from(start);
    [this.size, this.hash, this.memberSum] = [
      new Int32Array(n),
      new Int32Array(n),
      new Int32Array(n),
    ];
    [this.sum, this.price, this.between] = [
      new Float64Array(n),
      new Float64Array(n),
      new Float64Array(n * n),
    ];
    this.adjust = model.A === null ? null : new Float64Array(n * (n + 1));
    for (let t = 0; t < n; t++) {
      const g = start[t];
      this.size[g]++;
      this.hash[g] ^= tables.zobrist[t];
      this.memberSum[g] += t;
      for (let s = 0; this.adjust !== null && s <= n; s++)
        this.adjust[g * (n + 1) + s] += model.A![t * (n + 1) + s];
      for (let u = 0; u < t; u++) {
        const [h, q] = [start[u], tables.Q[t * n + u]];
        if (h === g) this.sum[g] += q;
        else {
          this.between[g * n + h] += q;
          this.between[h * n + g] += q;
        }
      }
    }
    this.open = [...new Set(start)].sort((a, b) => a - b);
    for (const g of this.open)
      this.price[g] = this.priced(g, -1, this.size[g], this.sum[g], this.hash[g]);
  }

  /** The pair of open groups whose union changes the cost least, and that change. */
  bestPair(): [number, number, number] {
    let [ba, bb, best] = [-1, -1, Infinity];
    const { open, n } = this;
    for (let x = 0; x < open.length; x++) {
      const a = open[x];
      for (let y = x + 1; y < open.length; y++) {
        const b = open[y];
        const sum = this.sum[a] + this.sum[b] + this.between[a * n + b];
        const delta =
          this.priced(a, b, this.size[a] + this.size[b], sum, this.hash[a] ^ this.hash[b]) -
          this.price[a] -
          this.price[b];
        if (delta < best) [ba, bb, best] = [a, b, delta];
      }
    }
    return [ba, bb, best];
  }

  /** Merges group b into group a. */
  join(a: number, b: number): void {
    const { n } = this;
    for (let t = 0; t < n; t++) if (this.labels[t] === b) this.labels[t] = a;
    this.sum[a] += this.sum[b] + this.between[a * n + b];
    this.size[a] += this.size[b];
    this.hash[a] ^= this.hash[b];
    this.memberSum[a] += this.memberSum[b];
    for (let s = 0; this.adjust !== null && s <= n; s++)
      this.adjust[a * (n + 1) + s] += this.adjust[b * (n + 1) + s];
    for (let g = 0; g < n; g++) {
      if (g === a || g === b) continue;
      this.between[a * n + g] += this.between[b * n + g];
      this.between[g * n + a] = this.between[a * n + g];
    }
    this.open.splice(this.open.indexOf(b), 1);
    this.price[a] = this.priced(a, -1, this.size[a], this.sum[a], this.hash[a]);
  }

  /** Cost of the union of groups a and b (b < 0: a alone) with the given running sums. */
  private priced(a: number, b: number, size: number, sum: number, hash: number): number {
    const { model, n } = this;
    if (size === 1) return model.w[this.memberSum[a]];
    if (size >= 3) {
      const inUnion = (t: number): boolean => this.labels[t] === a || this.labels[t] === b;
      const found = this.tables.measuredByHash
        .get(hash)
        ?.find((m) => m.tasks.length === size && m.tasks.every(inUnion));
      if (found !== undefined) return found.cost;
    }
    let adjust = 0;
    if (this.adjust !== null)
      adjust = this.adjust[a * (n + 1) + size] + (b < 0 ? 0 : this.adjust[b * (n + 1) + size]);
    return sum / (size - 1) + adjust;
  }
}
