import { maxGroupsOf, verificationGroupCap, type Study } from '../config/study.js';
import type { PlannedRun, PlannedRunState } from '../store/index.js';
import { planSubsets, seedValues, type KeyBasis } from './plan.js';
import { followVerification } from '../decide/activeVerification.js';
import { gatherEvidence } from '../decide/evidence.js';

/** What active verification is told of a study. */
export const verificationOptions = (study: Study) => ({
  weights: study.weights,
  maxGroups: maxGroupsOf(study),
  verify: study.verify && !study.exhaustive,
  groupCap: verificationGroupCap(study),
  pairsMeasured: study.method !== 'tag',
});

/**
 * The runs active verification needs next (see activeVerification.ts): the groups of three or
 * more tasks its next round trains, once per seed. Empty when the path is complete: certified,
 * out of runs, or not verifying (an exhaustive search has every group already). A pure function
 * of the stored runs on the path, so a resumed search trains exactly what an uninterrupted one
 * would.
 */
export function verificationRuns(
  study: Study,
  basis: KeyBasis,
  runs: PlannedRunState[],
): PlannedRun[] {
  const evidence = gatherEvidence(study.tasks.length, runs);
  const { needed } = followVerification(evidence, verificationOptions(study));
  return planSubsets(basis, seedValues(study.seed, study.seeds), needed);
}
