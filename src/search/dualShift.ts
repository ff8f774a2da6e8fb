import type { HoaModel } from './hoa.js';
import { PartitionState } from './partitionState.js';

/**
 * Tightens the per-task lower bound before the search starts.
 *
 * A HOA group costs Σ_{i,j∈G} P[i][j] / (|G| − 1), which does not change when P[i][j] += μ and
 * P[j][i] −= μ. The per-task bound (each task picks its own cheapest partners, priced for the
 * group count) does change: it rises when the shift makes tasks agree on who they pair with.
 * Subgradient ascent on these antisymmetric shifts at the root (Polyak steps towards the
 * incumbent's cost) returns the shifted matrix with the best root bound found; any shift keeps
 * the bound valid, so this only ever affects speed.
 */
export function dualShift(model: HoaModel, upper: number, iterations = 150): Float64Array {
  const { n } = model;
  const shifted = model.P.slice();
  let best = shifted.slice();
  let bestBound = -Infinity;
  let theta = 1;
  let stale = 0;
  const chosen = new Uint8Array(n * n);
  const grad = new Float64Array(n * n);
  for (let it = 0; it < iterations && n > 2; it++) {
    const state = new PartitionState(model, shifted);
    const bound = state.lowerBound();
    if (bound > bestBound + 1e-12) {
      bestBound = bound;
      best = shifted.slice();
      stale = 0;
    } else if (++stale >= 5) {
      theta /= 2;
      stale = 0;
    }
    if (upper - bound <= 1e-9 * Math.max(1, upper) || theta < 1e-3) break;
    const take = state.rootPartnerCounts();
    chosen.fill(0);
    for (let i = 0; i < n; i++) for (let r = 0; r < take[i]; r++) chosen[i * n + state.partnerAt(i, r)] = 1;
    let norm2 = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const g = (chosen[i * n + j] ? 1 / take[i] : 0) - (chosen[j * n + i] ? 1 / take[j] : 0);
        grad[i * n + j] = g;
        norm2 += g * g;
      }
    }
    if (norm2 === 0) break; // every task agrees with its partners: the shift cannot help
    const step = (theta * (upper - bound)) / norm2;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const d = step * grad[i * n + j];
        shifted[i * n + j] += d;
        shifted[j * n + i] -= d;
      }
    }
  }
  return best;
}
