import type { TruthReport } from '../report/model.js';
import type { TaskRoles } from '../search/index.js';
import { auxSubsetTruth, scoreAgainstAuxTruth } from './auxTruth.js';
import type { SearchEvidence } from './evidence.js';
import { objectiveStderr, pairedDifference } from './groupingFigures.js';
import { networkLabeller } from './networkLabels.js';
import { scoreAgainstTruth, subsetTruth, type TruthNoise } from './truth.js';

/**
 * A grouping (whole networks) scored against the exhaustive truth of `evidence` (an exhaustive
 * search's runs) within `budget` networks: over every task, or with `roles`, over the main
 * tasks with their auxiliary sets. Null when the runs do not hold the whole truth.
 */
export function truthReportOf(
  evidence: SearchEvidence,
  weights: number[],
  roles: TaskRoles | undefined,
  networks: number[][],
  budget: number,
  tasks: string[],
  searchId: string,
): TruthReport | null {
  const noise: TruthNoise = {
    stderrOf: (groups) => objectiveStderr(evidence, groups, weights),
    differenceStderrOf: (a, b) => pairedDifference(evidence, a, b, weights)?.stderr ?? 0,
  };
  if (roles) {
    const truth = auxSubsetTruth(evidence, weights, roles);
    const label = networkLabeller(tasks, roles);
    return truth && scoreAgainstAuxTruth(truth, networks, budget, label, searchId, noise);
  }
  const truth = subsetTruth(evidence, weights);
  return truth && scoreAgainstTruth(truth, networks, budget, tasks, searchId, noise);
}
