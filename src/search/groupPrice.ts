/**
 * The group-count price of PartitionState's lower bound. Guarantee: for any λ ≥ 0, charging
 * each task that opens or joins a new group λ/(final size of that group) adds exactly λ per new
 * group, at most λ·(k − m) in all, so Σ min(join, min_s(new_s + λ/s)) − λ(k − m) is still a
 * lower bound (Lagrangian relaxation of "at most k groups"). It is concave in λ; bisection on
 * its slope finds the best λ.
 *
 * The candidates are the unassigned tasks that may open a new group: for each, its least loss
 * when it joins an open group (`join`) and its curve, curve_s = its least loss in a new group of
 * size s, which the caller writes into `curve` at the candidate's slot before `keep`.
 */
export class GroupPrice {
  /** curve[slot·n + s − 1] = candidate slot's least loss in a new group of size s. */
  readonly curve: Float64Array;
  private readonly curveLength: Int32Array;
  private readonly hull: Int32Array;
  private readonly joinOf: Float64Array;
  private slope = 0;
  /** The price λ that gave the last best() its value (0 when no candidate opens a group). */
  lambda = 0;

  /** `lambdaScale`: a typical weighted loss, the first guess of λ. */
  constructor(
    private readonly n: number,
    private readonly lambdaScale: number,
  ) {
    this.curve = new Float64Array(n * n);
    this.curveLength = new Int32Array(n);
    this.hull = new Int32Array(n * n);
    this.joinOf = new Float64Array(n);
  }

  /** Takes candidate `slot`: its curve has `length` sizes, least value `lowest`; `join` as above. */
  keep(slot: number, length: number, lowest: number, join: number): void {
    this.curveLength[slot] = this.lowerEnvelope(slot * this.n, length, lowest);
    this.joinOf[slot] = join;
  }

  /** The best price of the first `candidates` slots with `slack` = k − m groups still allowed. */
  best(candidates: number, slack: number, enough: number): number {
    this.lambda = 0;
    if (candidates === 0) return 0;
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
    const cross = (s: number, t: number): number =>
      (curve[base + t - 1] - curve[base + s - 1]) / (1 / s - 1 / t);
    for (let t = s0 + 1; t <= length; t++) {
      while (
        size >= 2 &&
        cross(hull[base + size - 2], t) <= cross(hull[base + size - 2], hull[base + size - 1])
      )
        size--;
      hull[base + size++] = t;
    }
    return size;
  }
}
