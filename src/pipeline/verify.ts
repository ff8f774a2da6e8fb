import type { PlannedRun, PlannedRunState } from '../store/index.js';
import type { SearchConfig } from '../config/searchConfig.js';
import { planSubsets, seedValues } from './plan.js';
import { followVerification, gatherEvidence } from './evidence.js';

/**
 * The runs that would verify the current best grouping: every group of three or more tasks in
 * it that has not been trained yet, once per seed. Its measured losses then replace the HOA
 * estimate, the search is solved again, and a grouping that only looked good on paper loses its
 * place. Empty when the best grouping is fully measured, when verification is off, or when the
 * search has verified as many groups as it may. A pure function of the stored runs on the
 * verification path (see followVerification), so a resumed search verifies exactly what an
 * uninterrupted one would.
 */
export function verificationRuns(config: SearchConfig, fingerprint: string, runs: PlannedRunState[]): PlannedRun[] {
  const n = config.tasks.length;
  const evidence = gatherEvidence(n, runs);
  const { needed } = followVerification(evidence, { weights: config.weights, maxGroups: config.budget ?? n, verify: config.verify });
  const taskNames = config.tasks.map((t) => t.name);
  return planSubsets(fingerprint, taskNames, config.proxy, seedValues(config.seed, config.seeds), needed);
}
