// The module itself, not transfer/index.ts: the flags are checked with this registry at start.
import { affinityPairLosses } from '../../transfer/affinityPairs.js';
import { singles } from '../subsets.js';
import type { SearchMethod } from './searchMethod.js';

/** Steps between lookahead steps of a `tag` search's lookahead runs (src/proxy/lookahead.ts). */
export const LOOKAHEAD_EVERY = 10;

/**
 * `--method tag` (Fifty et al. 2021): the singles and one lookahead run over all tasks per seed
 * (n + 1 runs); pairs are scored by their lookahead affinity (transfer/affinityPairs.ts), so no
 * pair is trained and none may be answered. Verification may train one group of 3+ tasks per
 * task: the whole search then costs at most 2n + 1 runs per seed, linear in n. On planted
 * clusters (bench:scale, 60 tasks) three per task doubled the runs and did not change the
 * answer (ARI 0.76 against 0.77). The lookahead runs need a trainer that measures it.
 */
export const tagMethod = {
  name: 'tag',
  help: 'one lookahead run per seed',
  plannedSubsets: singles,
  lookahead: { every: LOOKAHEAD_EVERY },
  pairLosses: ({ alone, allInOne, affinity }) => affinityPairLosses({ alone, allInOne, affinity }),
  pairsMeasured: false,
  groupCap: (taskCount) => taskCount,
  needs: ['lookahead'],
  refusal: (taskCount, exhaustive) =>
    exhaustive
      ? 'an exhaustive search trains every subset; use --method pairs or auto'
      : taskCount < 3
        ? `needs at least 3 tasks (got ${taskCount}); use --method pairs`
        : undefined,
} as const satisfies SearchMethod;
