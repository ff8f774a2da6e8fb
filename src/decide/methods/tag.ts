import { singles } from '../subsets.js';
import type { SearchMethod } from './searchMethod.js';

/** Steps between lookahead steps of a `tag` search's lookahead runs (src/proxy/lookahead.ts). */
export const LOOKAHEAD_EVERY = 10;

/**
 * `--method tag` (Fifty et al. 2021): the singles and one lookahead run over all tasks per seed
 * (n + 1 runs), whose affinities rank every pair; pairs are then trained only where they decide
 * the answer, and estimated from their affinity elsewhere (decide/pairRounds.ts), so its pair
 * losses are the pairs trained so far. Verification may train as many pairs and groups as the
 * pair method's singles and pairs up to 12 tasks (the size the policy was scored at against
 * exhaustive truth), one per task above: linear in n. The lookahead runs need a trainer that
 * measures it.
 */
export const tagMethod = {
  name: 'tag',
  help: 'one lookahead run per seed, pairs trained where they decide',
  plannedSubsets: singles,
  lookahead: { every: LOOKAHEAD_EVERY },
  pairLosses: (sources) => sources.pair,
  pairsMeasured: false,
  groupCap: (taskCount) =>
    taskCount > 12 ? Math.max(taskCount, 60) : (taskCount * (taskCount + 1)) / 2,
  needs: ['lookahead'],
  refusal: (taskCount, exhaustive) =>
    exhaustive
      ? 'an exhaustive search trains every subset; use --method pairs or auto'
      : taskCount < 3
        ? `needs at least 3 tasks (got ${taskCount}); use --method pairs`
        : undefined,
} as const satisfies SearchMethod;
