import type { HoaModel } from './hoa.js';

/**
 * The measured groups a partial partition can still end with, for the lower bound: a measured
 * group is reachable when its assigned tasks are exactly one open group (and it may still grow
 * into the rest), or when none is assigned and a new group may open. Task sets are bitsets of
 * ⌈n/32⌉ words (one word up to 32 tasks), kept in step with the partition by assign and
 * unassign, so a test costs a few word operations per open group.
 */
export class MeasuredReach {
  /** Words per task set. */
  private readonly W: number;
  /** Bitsets of the measured groups (W words each) and, per group, its tasks' weighted losses. */
  private readonly groupBits: Int32Array;
  private readonly perTask: Float64Array[];
  /** byTask[i]: indices of the measured groups holding task i. */
  private readonly byTask: number[][];
  private readonly assigned: Int32Array;
  /** openBits[g*W + w]: open group g's tasks. */
  private readonly openBits: Int32Array;

  constructor(model: HoaModel) {
    const { n } = model;
    const W = (n + 31) >>> 5;
    const groups = [...model.measured.values()];
    this.W = W;
    this.groupBits = new Int32Array(groups.length * W);
    this.perTask = groups.map((group) => group.perTask);
    this.byTask = Array.from({ length: n }, () => []);
    groups.forEach((group, m) => {
      for (const t of group.tasks) {
        this.groupBits[m * W + (t >>> 5)] |= 1 << (t & 31);
        this.byTask[t].push(m);
      }
    });
    this.assigned = new Int32Array(W);
    this.openBits = new Int32Array(model.maxGroups * W);
  }

  /** True when some measured group holds task i. */
  holds(i: number): boolean {
    return this.byTask[i].length > 0;
  }

  assign(t: number, g: number): void {
    const bit = 1 << (t & 31);
    this.assigned[t >>> 5] |= bit;
    this.openBits[g * this.W + (t >>> 5)] |= bit;
  }

  unassign(t: number, g: number): void {
    const bit = 1 << (t & 31);
    this.assigned[t >>> 5] &= ~bit;
    this.openBits[g * this.W + (t >>> 5)] &= ~bit;
  }

  reset(): void {
    this.assigned.fill(0);
    this.openBits.fill(0);
  }

  /**
   * Least weighted measured loss of task i over the measured groups it may still end in; ∞
   * when there is none. `g`: i's group (−1 while unassigned); m open groups of at most k.
   */
  floor(i: number, g: number, m: number, k: number): number {
    let best = Infinity;
    for (const index of this.byTask[i]) {
      const reachable =
        g >= 0
          ? this.fixedIs(index, g)
          : this.fixedIsNone(index)
            ? m < k
            : this.fixedIsOpen(index, m);
      if (reachable && this.perTask[index][i] < best) best = this.perTask[index][i];
    }
    return best;
  }

  /** Measured group `index`'s assigned tasks are exactly open group h. */
  private fixedIs(index: number, h: number): boolean {
    const { W, groupBits, assigned, openBits } = this;
    for (let w = 0; w < W; w++)
      if ((groupBits[index * W + w] & assigned[w]) !== openBits[h * W + w]) return false;
    return true;
  }

  private fixedIsNone(index: number): boolean {
    for (let w = 0; w < this.W; w++)
      if ((this.groupBits[index * this.W + w] & this.assigned[w]) !== 0) return false;
    return true;
  }

  private fixedIsOpen(index: number, m: number): boolean {
    for (let h = 0; h < m; h++) if (this.fixedIs(index, h)) return true;
    return false;
  }
}
