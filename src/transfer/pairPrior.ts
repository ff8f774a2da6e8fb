/**
 * The pair estimate of a `tag` search (`search --method tag`) before a pair is trained: task i's
 * relative loss with j, r_ij = L_i({i,j}) / L_i({i}), predicted from the lookahead affinity
 * Z(j→i) of the search's all-tasks runs, calibrated per task on the pairs trained so far:
 *
 *   T̂(j→i) = 1 − r̂_ij = a_i + b_i · x_ij,   x_ij = Z̄(j→i) / s
 *
 * where Z̄ is the affinity averaged over seeds and s the spread (standard deviation) of its
 * off-diagonal entries, so that x is unit-free. (a, b) is first fitted over every trained
 * ordered pair by least squares (b ≥ 0: an affinity that does not predict transfer carries no
 * weight); each task's (a_i, b_i) is a ridge fit of its own trained pairs shrunk towards it, so a
 * task with two trained pairs gets its own intercept (some tasks gain from any partner, others
 * lose) and its own slope.
 *
 * Why the intercept and a per-task fit. On 60 planted tasks (four to eight per cluster) every
 * pair was trained and compared with the affinity: the affinity ranks the pairs almost
 * perfectly (within-cluster pairs above the others for 99.8 % of comparisons), and T = a + b·Z
 * fits with a = −0.0185 (a pair of unrelated tasks costs both about 2 %) and a residual of 0.010
 * against a spread of 0.021. A scale fitted on the all-in-one network instead (TAG's rule, one β,
 * no intercept) came out 15 times too large and predicted 45 % gains within clusters. Trained
 * pairs fix both, but only pairs whose affinities differ: the top partners alone give a slope
 * near zero (see calibrationPairs).
 *
 * Its uncertainty σ is the root mean square of the leave-one-out residuals of the trained pairs
 * (the error of a pair the fit has not seen), never below the pairs' own seed noise.
 */
export interface TrainedPair {
  i: number;
  j: number;
  /** Mean relative losses over seeds: of i with j, and of j with i. */
  ri: number;
  rj: number;
}

export interface PairPriorInput {
  taskCount: number;
  /** Affinity by seed, n × n with Z(j→i) at [i·n + j] (null where the run is missing). */
  affinity: (number[] | null)[];
  trained: TrainedPair[];
  /** Seed noise of a trained pair's mean relative loss (the floor of σ). */
  pairNoise: number;
}

export interface PairPrior {
  /** Predicted relative loss r̂_ij (1 on the diagonal). */
  relative: number[][];
  /** The same from one seed's affinity, for the seed-by-seed figures of the report. */
  relativeBySeed: (s: number) => number[][] | null;
  /** Uncertainty of one predicted pair (relative loss). */
  sigma: number;
  /** The fit: global intercept and slope, and each task's (per unit of x). */
  global: { a: number; b: number };
  perTask: { a: number; b: number }[];
}

/** Weight of the global line in a task's own fit, in pair observations. */
const shrink = 2;

/** Mean over the seeds that have it of the affinity, and the spread of its off-diagonal entries. */
export function meanAffinity(affinity: (number[] | null)[], n: number): { z: number[]; s: number } {
  const seeds = affinity.filter((z): z is number[] => z !== null);
  const z = new Array<number>(n * n).fill(0);
  for (const zs of seeds) for (let k = 0; k < n * n; k++) z[k] += zs[k] / seeds.length;
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (i !== j) {
        sum += z[i * n + j];
        squares += z[i * n + j] ** 2;
        count++;
      }
  const variance = count > 0 ? squares / count - (sum / count) ** 2 : 0;
  return { z, s: variance > 0 ? Math.sqrt(variance) : 1 };
}

/** One observation: task, x, measured transfer T = 1 − r. */
type Observation = [task: number, x: number, y: number];

/** Sufficient statistics of a (weighted) least-squares line. */
class LineSums {
  w = 0;
  x = 0;
  y = 0;
  xx = 0;
  xy = 0;
  add(x: number, y: number, weight = 1): this {
    this.w += weight;
    this.x += weight * x;
    this.y += weight * y;
    this.xx += weight * x * x;
    this.xy += weight * x * y;
    return this;
  }
  /** The line (a, b) with b ≥ 0; a flat line at the mean when x does not vary. */
  fit(): { a: number; b: number } {
    if (this.w <= 0) return { a: 0, b: 0 };
    const det = this.w * this.xx - this.x * this.x;
    const b = det > 1e-12 * this.w * this.w ? (this.w * this.xy - this.x * this.y) / det : 0;
    return b > 0 ? { a: (this.y - b * this.x) / this.w, b } : { a: this.y / this.w, b: 0 };
  }
}

/**
 * A task's line: its own observations plus the global line as `shrink` pseudo-observations at
 * x = 0 and x = 1 (a ridge pull on both intercept and slope).
 */
function taskLine(own: Observation[], global: { a: number; b: number }, skip = -1) {
  const sums = new LineSums();
  sums.add(0, global.a, shrink / 2).add(1, global.a + global.b, shrink / 2);
  own.forEach(([, x, y], k) => k !== skip && sums.add(x, y));
  return sums.fit();
}

export function fitPairPrior(input: PairPriorInput): PairPrior {
  const n = input.taskCount;
  const { z, s } = meanAffinity(input.affinity, n);
  const x = (i: number, j: number) => z[i * n + j] / s;
  const byTask: Observation[][] = Array.from({ length: n }, () => []);
  const all = new LineSums();
  for (const p of input.trained) {
    for (const [i, j, r] of [
      [p.i, p.j, p.ri],
      [p.j, p.i, p.rj],
    ] as const) {
      if (!Number.isFinite(r)) continue;
      byTask[i].push([i, x(i, j), 1 - r]);
      all.add(x(i, j), 1 - r);
    }
  }
  const global = all.fit();
  const perTask = byTask.map((own) => taskLine(own, global));
  const predict = (i: number, xij: number) => 1 - (perTask[i].a + perTask[i].b * xij);
  const relative = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : Math.max(0, predict(i, x(i, j))))),
  );
  const relativeBySeed = (seed: number) => {
    const zs = input.affinity[seed];
    if (!zs) return null;
    return Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) =>
        i === j ? 1 : Math.max(0, predict(i, zs[i * n + j] / s)),
      ),
    );
  };
  const sigma = Math.max(input.pairNoise, leaveOneOut(byTask, global));
  return { relative, relativeBySeed, sigma, global, perTask };
}

/**
 * Root mean square of the leave-one-out residuals: each trained ordered pair predicted by its
 * task's line fitted without it. With nothing trained, 0 (the caller's floor applies).
 */
function leaveOneOut(byTask: Observation[][], global: { a: number; b: number }): number {
  let squares = 0;
  let count = 0;
  for (const own of byTask) {
    own.forEach(([, xk, yk], k) => {
      const line = taskLine(own, global, k);
      squares += (yk - line.a - line.b * xk) ** 2;
      count++;
    });
  }
  return count > 0 ? Math.sqrt(squares / count) : 0;
}
