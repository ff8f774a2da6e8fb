import { singlesAndPairs } from '../subsets.js';
import type { SearchMethod } from './searchMethod.js';

/**
 * `--method pairs`: every single and every pair is trained per seed (n(n+1)/2 runs), and a
 * group's loss is estimated from its measured pairs (HOA, Standley et al. 2020). Verification
 * may train as many groups of 3+ tasks as there are singles and pairs.
 */
export const pairsMethod = {
  name: 'pairs',
  help: 'a run per pair',
  plannedSubsets: singlesAndPairs,
  pairLosses: (sources) => sources.pair,
  pairsMeasured: true,
  groupCap: (taskCount) => (taskCount * (taskCount + 1)) / 2,
  needs: [],
  refusal: () => undefined,
} as const satisfies SearchMethod;
