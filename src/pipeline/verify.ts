import { solveHoaPartition } from '../search/index.js';
import type { PlannedRun, PlannedRunState } from '../store/index.js';
import type { SearchConfig } from '../config/searchConfig.js';
import { planSubsets, seedValues } from './plan.js';
import { gatherEvidence, groupingProblem, maskOf } from './result.js';

/** At most this many groups (of 3+ tasks) per task count are verified: a bound on extra training. */
export const verifiedGroupsPerTask = 2;

/**
 * The runs that would verify the current best grouping: every group of three or more tasks in
 * it that has not been trained yet, once per seed. Its measured losses then replace the HOA
 * estimate, the search is solved again, and a grouping that only looked good on paper loses its
 * place. Empty when the best grouping is fully measured, when verification is off, or when the
 * search has verified as many groups as it may. A pure function of the stored runs, so a
 * resumed search verifies exactly what an uninterrupted one would.
 */
export function verificationRuns(config: SearchConfig, fingerprint: string, runs: PlannedRunState[]): PlannedRun[] {
  const n = config.tasks.length;
  if (!config.verify) return [];
  const evidence = gatherEvidence(n, runs);
  if (evidence.groups.size >= verifiedGroupsPerTask * n) return [];
  const best = solveHoaPartition({ ...groupingProblem(evidence, config.weights), maxGroups: config.budget ?? n }).best;
  const unverified = best.groups.filter((group) => group.length >= 3 && !evidence.groups.has(maskOf(group)));
  const taskNames = config.tasks.map((t) => t.name);
  return planSubsets(fingerprint, taskNames, config.proxy, seedValues(config.seed, config.seeds), unverified);
}
