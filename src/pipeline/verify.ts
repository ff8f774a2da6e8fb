import { maxGroupsOf, type Study } from '../config/study.js';
import type { PlannedRun, PlannedRunState } from '../store/index.js';
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
export function verificationRuns(study: Study, fingerprint: string, runs: PlannedRunState[]): PlannedRun[] {
  const evidence = gatherEvidence(study.tasks.length, runs);
  const { needed } = followVerification(evidence, { weights: study.weights, maxGroups: maxGroupsOf(study), verify: study.verify });
  const taskNames = study.tasks.map((t) => t.name);
  return planSubsets(fingerprint, taskNames, study.proxy, seedValues(study.seed, study.seeds), needed);
}
