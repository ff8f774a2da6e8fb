import { mainAndAuxiliaryPairs, singlesAndPairs } from '../subsets.js';
import type { SearchMethod } from './searchMethod.js';

/**
 * `--method pairs`: every single and every pair is trained per seed (n(n+1)/2 runs), and a
 * group's loss is estimated from its measured pairs (HOA, Standley et al. 2020). Verification
 * may train as many groups of 3+ tasks as there are singles and pairs. It also decides studies
 * with auxiliary tasks, from the pairs that involve a main task.
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
  // With auxiliaries: each main task alone, every main pair and every main task with every
  // auxiliary (an auxiliary's own loss is never scored: it is not trained alone, nor with
  // another auxiliary). Verification may train as many networks as those.
  auxiliary: {
    plannedSubsets: mainAndAuxiliaryPairs,
    groupCap: (roles) => mainAndAuxiliaryPairs(roles).length,
  },
} as const satisfies SearchMethod;
