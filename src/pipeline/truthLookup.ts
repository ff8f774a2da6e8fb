import { budgetOf } from '../config/study.js';
import type { StudyRecord } from '../config/studyRecord.js';
import type { ReportModel } from '../report/model.js';
import type { PlannedRunState, Store, StoredSearch } from '../store/index.js';
import type { TruthRuns } from '../decide/decisionReport.js';
import { gatherEvidence } from '../decide/evidence.js';
import { objectiveStderr } from '../decide/groupingFigures.js';
import { canonicalSettings } from './plan.js';
import { recordOf } from './storedSearch.js';
import { methodNamed } from '../decide/methods/index.js';
import { scoreAgainstTruth, subsetTruth } from '../decide/truth.js';

/**
 * Finds the exhaustive truth for a search: a finished exhaustive search of the same database on
 * the same data (fingerprint: file bytes, tasks, encoding and embedded columns), proxy settings,
 * seeds, trainer identity and network (architecture, resolved). Its runs are the very runs this search would train for those subsets, so it scores
 * this search's grouping exactly. Undefined when there is none.
 */
export function exhaustiveSibling(store: Store, search: StoredSearch): TruthRuns | undefined {
  const sameAs = (record: StudyRecord) =>
    JSON.stringify([
      canonicalSettings(record.study.proxy),
      record.study.seeds,
      record.study.seed,
      record.trainer,
      record.study.architecture ?? null,
    ]);
  const same = sameAs(recordOf(search));
  for (const other of store.searches.list()) {
    if (other.status !== 'done' || other.fingerprint !== search.fingerprint) continue;
    const record = safeRecord(other);
    if (!record?.study.exhaustive || sameAs(record) !== same) continue;
    return {
      searchId: other.id,
      runs: other.id === search.id ? [] : store.searches.planned(other.id),
      method: methodNamed(record.study.method),
      ...(record.study.architecture && { architecture: record.study.architecture }),
    };
  }
  return undefined;
}

function safeRecord(search: StoredSearch): StudyRecord | null {
  try {
    return recordOf(search);
  } catch {
    return null; // a search this taskgroup cannot read holds no truth for this one
  }
}

/** A stored report with the exhaustive truth added, when an exhaustive sibling exists now. */
export function withTruth(store: Store, search: StoredSearch, model: ReportModel): ReportModel {
  if (model.truth) return model;
  const sibling = exhaustiveSibling(store, search);
  if (!sibling || sibling.runs.length === 0) return model;
  const { study } = recordOf(search);
  const { runs, method, architecture } = sibling;
  const evidence = gatherEvidence(study.tasks.length, runs, method, architecture);
  const truth = subsetTruth(evidence, study.weights);
  if (!truth) return model;
  const stderrOf = (groups: number[][]) => objectiveStderr(evidence, groups, study.weights);
  const index = (name: string) => model.tasks.indexOf(name);
  const groups = model.grouping.map((group) => group.map(index));
  return {
    ...model,
    truth: scoreAgainstTruth(
      truth,
      groups,
      budgetOf(study),
      model.tasks,
      sibling.searchId,
      stderrOf,
    ),
  };
}
