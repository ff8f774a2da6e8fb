import type { HoaModel } from './hoa.js';
import { PartitionState } from './partitionState.js';

/**
 * Tightens the per-task lower bound before the search starts.
 *
 * A HOA group costs Σ_{i,j∈G} P[i][j] / (|G| − 1), which does not change when P[i][j] += μ and
 * P[j][i] −= μ. The per-task bound (each task picks its own cheapest partners, priced for the
 * group count) does change: it rises when the shift makes tasks agree on who they pair with.
 * Subgradient ascent on these antisymmetric shifts at the root (Polyak steps towards `upper`,
 * the incumbent's cost) returns the state with the best root bound found; any shift keeps
 * every bound valid, so this only ever affects speed. (Re-tuning at nodes below the root was
 * tried and expanded more nodes, not fewer.)
 */
export function dualShift(
  model: HoaModel,
  upper: number,
  iterations = 150,
): { state: PartitionState; bound: number } {
  const { n } = model;
  const shifted = model.P.slice();
  let best = { state: new PartitionState(model, shifted.slice()), bound: -Infinity };
  let last = best.state;
  let theta = 1;
  let stale = 0;
  const grad = new Float64Array(n * n);
  const partners = new Uint8Array(n * n);
  const count = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    const state =
      it === 0 ? best.state : new PartitionState(model, shifted.slice(), last.partnerOrder);
    last = state;
    const bound = state.lowerBound();
    if (bound > best.bound) {
      best = { state, bound };
      stale = 0;
    } else if (++stale >= 5) {
      theta /= 2;
      stale = 0;
    }
    if (n <= 2 || upper - bound <= 1e-9 * Math.max(1, upper) || theta < 1e-3) break;
    state.partnerSets(partners);
    for (let i = 0; i < n; i++)
      count[i] = partners.subarray(i * n, i * n + n).reduce((a, b) => a + b, 0);
    let norm2 = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const g =
          (partners[i * n + j] ? 1 / count[i] : 0) - (partners[j * n + i] ? 1 / count[j] : 0);
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
  best.bound = best.state.lowerBound(); // the places branchingTask() reads are this state's
  return best;
}
