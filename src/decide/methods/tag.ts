import { singles } from '../subsets.js';
import type { SearchMethod } from './searchMethod.js';

/** Steps between lookahead steps of a `tag` search's lookahead runs (src/proxy/lookahead.ts). */
export const LOOKAHEAD_EVERY = 10;

/**
 * `--method tag` (Fifty et al. 2021): the singles and one lookahead run over all tasks per seed
 * (n + 1 runs), whose affinities rank every pair; pairs are then trained only where they decide
 * the answer, and estimated from their affinity elsewhere (decide/pairRounds.ts), so its pair
 * losses are the pairs trained so far. Verification may train n² pairs and groups up to 12
 * tasks (the size the policy was scored at against exhaustive truth): the pairs the pair method
 * trains up front and the groups it may verify (n(n + 1)/2), so that it spends no more than the
 * pair method does (on 12 yeast labels a cap of n(n + 1)/2 stopped it at 0.35 % regret where
 * 0.27 % was certified within n²); one per task above: linear in n. The lookahead runs need a
 * trainer that measures it.
 */
export const tagMethod = {
  name: 'tag',
  help: 'one lookahead run per seed, pairs trained where they decide',
  plannedSubsets: singles,
  lookahead: { every: LOOKAHEAD_EVERY },
  pairLosses: (sources) => sources.pair,
  pairsMeasured: false,
  groupCap: (taskCount) => (taskCount > 12 ? Math.max(taskCount, 60) : taskCount * taskCount),
  needs: ['lookahead'],
  refusal: (taskCount, exhaustive) =>
    exhaustive
      ? 'an exhaustive search trains every subset; use --method pairs or auto'
      : taskCount < 3
        ? `needs at least 3 tasks (got ${taskCount}); use --method pairs`
        : undefined,
} as const satisfies SearchMethod;
