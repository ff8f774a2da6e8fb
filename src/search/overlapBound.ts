import { popcount } from './bits.js';
import type { NetworkModel } from './overlapProblem.js';

/**
 * Lower bound for the overlap search once tasks 0..t−1 are served (tasks ≥ t remain).
 *
 * Guarantee: every remaining task is served by a chosen network or by a new one. Price the
 * budget at μ ≥ 0: a new network r shares μ·cost_r among the remaining tasks it serves, so each
 * pays at least μ·cost_r / |r ∩ remaining|, and all new networks together are charged at most
 * μ·(remaining budget). Hence for every μ ≥ 0,
 *   Σ_{u ≥ t} min(best chosen loss_u, min_r (loss_r[u] + μ·cost_r/|r ∩ remaining|)) − μ·R
 * is a lower bound (Lagrangian relaxation of the budget); μ = 0 is the plain "each task its
 * best affordable network" bound. The function is concave in μ; bisection on its slope finds
 * its maximum, and a slope still positive at μ → ∞ proves the remaining budget cannot serve the
 * uncovered tasks (bound +∞).
 */
export class OverlapBound {
  private readonly n: number;
  readonly costLevels: number[];
  /** Lines (intercept, slope) of each (task u, depth t, cost level) lower envelope, packed. */
  private readonly start: Int32Array;
  private readonly size: Int32Array;
  private readonly intercept: number[] = [];
  private readonly slope: number[] = [];
  private lastSlope = 0;

  constructor(model: NetworkModel) {
    const { n, costs, masks, loss } = model;
    this.n = n;
    this.costLevels = [...new Set(costs)].sort((a, b) => a - b);
    const levels = this.costLevels.length;
    this.start = new Int32Array(n * n * levels);
    this.size = new Int32Array(n * n * levels);
    for (let u = 0; u < n; u++) {
      for (let t = 0; t <= u; t++) {
        const remaining = ~((1 << t) - 1);
        for (let l = 0; l < levels; l++) {
          const lines: [number, number][] = [];
          for (let r = 0; r < costs.length; r++) {
            if (!(masks[r] & (1 << u)) || costs[r] > this.costLevels[l]) continue;
            lines.push([loss[r * n + u], costs[r] / popcount(masks[r] & remaining)]);
          }
          const env = lowerEnvelope(lines);
          const at = (u * n + t) * levels + l;
          this.start[at] = this.intercept.length;
          this.size[at] = env.length;
          for (const [a, b] of env) {
            this.intercept.push(a);
            this.slope.push(b);
          }
        }
      }
    }
  }

  /** Level index of the dearest cost ≤ budget left (−1 if none). */
  levelOf(remaining: number): number {
    let level = -1;
    while (level + 1 < this.costLevels.length && this.costLevels[level + 1] <= remaining) level++;
    return level;
  }

  /** Bound on the remaining tasks' total (to be added to the served value). Stops as soon as
   *  some price proves the bound reaches `enough` (the search would prune anyway). */
  bound(t: number, remaining: number, bestLoss: Float64Array, enough = Infinity): number {
    const level = this.levelOf(remaining);
    let best = this.priced(t, level, 0, bestLoss);
    if (best >= enough || this.lastSlope <= remaining) return best;
    let lo = 0;
    let hi = 1e-3;
    for (let d = 0; ; d++, hi *= 4) {
      const v = this.priced(t, level, hi, bestLoss) - hi * remaining;
      if (v > best) best = v;
      if (best >= enough) return best;
      if (this.lastSlope <= remaining) break;
      if (d === 60) return Infinity; // still rising at any price: the budget cannot serve them
      lo = hi;
    }
    for (let it = 0; it < 8; it++) {
      const mid = (lo + hi) / 2;
      const v = this.priced(t, level, mid, bestLoss) - mid * remaining;
      if (v > best) best = v;
      if (best >= enough) return best;
      if (this.lastSlope > remaining) lo = mid;
      else hi = mid;
    }
    return best;
  }

  /** Σ_{u ≥ t} min(bestLoss_u, envelope_u(μ)); records the slope (Σ of chosen line slopes). */
  private priced(t: number, level: number, mu: number, bestLoss: Float64Array): number {
    const { n } = this;
    const levels = this.costLevels.length;
    let total = 0;
    let slope = 0;
    for (let u = t; u < n; u++) {
      let best = bestLoss[u];
      let s = 0;
      if (level >= 0) {
        const at = (u * n + t) * levels + level;
        const from = this.start[at];
        for (let i = from; i < from + this.size[at]; i++) {
          const v = this.intercept[i] + mu * this.slope[i];
          if (v < best) {
            best = v;
            s = this.slope[i];
          }
        }
      }
      total += best;
      slope += s;
    }
    this.lastSlope = slope;
    return total;
  }
}

/** Lines that attain min_i (a_i + μ·b_i) for some μ ≥ 0, in order of increasing μ. */
function lowerEnvelope(lines: [number, number][]): [number, number][] {
  if (lines.length === 0) return [];
  lines.sort((x, y) => y[1] - x[1] || x[0] - y[0]); // steepest first
  let first = 0;
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = lines[i];
    if (a < lines[first][0] || (a === lines[first][0] && b < lines[first][1])) first = i;
  }
  const hull: [number, number][] = [lines[first]];
  const cross = (p: [number, number], q: [number, number]): number => (q[0] - p[0]) / (p[1] - q[1]);
  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i];
    const top = hull[hull.length - 1];
    if (line[1] === top[1]) continue; // same slope, intercept no lower (sorted)
    if (line[0] < top[0] && hull.length === 1) {
      hull[0] = line; // cannot happen after choosing the least intercept; kept for safety
      continue;
    }
    while (
      hull.length >= 2 &&
      cross(hull[hull.length - 2], line) <= cross(hull[hull.length - 2], hull[hull.length - 1])
    )
      hull.pop();
    hull.push(line);
  }
  return hull;
}
