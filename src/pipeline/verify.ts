import { rolesOf } from '../config/auxiliaryRoles.js';
import { budgetOf, verificationGroupCap, type Study } from '../config/study.js';
import { scoredWeights } from '../decide/decisionReport.js';
import { followVerification, type DecisionRules } from '../decide/activeVerification.js';
import { gatherEvidence } from '../decide/evidence.js';
import { methodNamed } from '../decide/methods/index.js';
import type { PlannedRun, PlannedRunState } from '../store/index.js';
import { planSubsets, seedValues, type KeyBasis } from './plan.js';

/** How a study decides (decide/activeVerification.ts): its method, verification and run cap. */
export const decisionRules = (study: Study): DecisionRules => {
  const roles = rolesOf(study);
  return {
    method: methodNamed(study.method),
    verify: study.verify,
    exhaustive: study.exhaustive,
    groupCap: verificationGroupCap(study),
    ...(roles && { roles }),
    ...(study.architecture && { architecture: study.architecture }),
  };
};

/**
 * The runs active verification needs next (see decide/activeVerification.ts): the groups of
 * three or more tasks its next round trains, once per seed. Empty when the path is complete:
 * certified, out of runs, or not verifying (an exhaustive search has every group already). A
 * pure function of the stored runs on the path, so a resumed search trains exactly what an
 * uninterrupted one would.
 */
export function verificationRuns(
  study: Study,
  basis: KeyBasis,
  runs: PlannedRunState[],
): PlannedRun[] {
  const rules = decisionRules(study);
  const evidence = gatherEvidence(study.tasks.length, runs, rules.method, rules.architecture);
  const weights = rules.roles ? scoredWeights(study.weights, rules.roles) : study.weights;
  const { needed } = followVerification(evidence, weights, budgetOf(study), rules);
  return planSubsets(basis, seedValues(study.seed, study.seeds), needed);
}
