import { budgetOf } from '../config/study.js';
import type { StudyRecord } from '../config/studyRecord.js';
import type { ReportModel } from '../report/model.js';
import type { PlannedRunState, Store, StoredSearch } from '../store/index.js';
import type { TruthRuns } from '../decide/decisionReport.js';
import { gatherEvidence } from '../decide/evidence.js';
import { scoredWeights } from '../decide/decisionReport.js';
import { truthReportOf } from '../decide/truthReport.js';
import { rolesOf } from '../config/auxiliaryRoles.js';
import { balanceBasisOf } from './runBalance.js';
import { canonicalSettings } from './plan.js';
import { recordOf } from './storedSearch.js';
import { methodNamed } from '../decide/methods/index.js';

/**
 * Finds the exhaustive truth for a search: a finished exhaustive search of the same database on
 * the same data (fingerprint: file bytes, tasks, encoding and embedded columns), proxy settings,
 * seeds, trainer identity, auxiliary balance and network (architecture, resolved). Its runs
 * are the very runs this search would train for those subsets, so it scores this search's
 * grouping exactly. Undefined when there is none.
 */
export function exhaustiveSibling(store: Store, search: StoredSearch): TruthRuns | undefined {
  const sameAs = (record: StudyRecord) =>
    JSON.stringify([
      canonicalSettings(record.study.proxy),
      record.study.seeds,
      record.study.seed,
      record.trainer,
      balanceBasisOf(record.study) ?? null,
      record.study.architecture ?? null,
    ]);
  const mine = recordOf(search);
  const same = sameAs(mine);
  // Of several, one with the same auxiliaries first (it trained every network this search may
  // ask for), then one without auxiliaries (it trained every subset).
  const rank = (record: StudyRecord) =>
    JSON.stringify(record.study.aux) === JSON.stringify(mine.study.aux)
      ? 0
      : record.study.aux.length === 0
        ? 1
        : 2;
  const found = store.searches
    .list()
    .filter((other) => other.status === 'done' && other.fingerprint === search.fingerprint)
    .flatMap((other) => {
      const record = safeRecord(other);
      return record?.study.exhaustive && sameAs(record) === same ? [{ other, record }] : [];
    })
    .sort((a, b) => rank(a.record) - rank(b.record))[0];
  if (!found) return undefined;
  const { architecture } = found.record.study;
  return {
    searchId: found.other.id,
    runs: found.other.id === search.id ? [] : store.searches.planned(found.other.id),
    method: methodNamed(found.record.study.method),
    ...(architecture && { architecture }),
  };
}

function safeRecord(search: StoredSearch): StudyRecord | null {
  try {
    return recordOf(search);
  } catch {
    return null; // a search this taskgroup cannot read holds no truth for this one
  }
}

/**
 * A stored report with the exhaustive truth added, when an exhaustive sibling exists now; a
 * truth stored before it carried the regret's seed noise is scored again.
 */
export function withTruth(store: Store, search: StoredSearch, model: ReportModel): ReportModel {
  if (model.truth?.regretStderr !== undefined) return model;
  const sibling = exhaustiveSibling(store, search);
  if (!sibling || sibling.runs.length === 0) return model;
  const { study } = recordOf(search);
  const roles = rolesOf(study);
  const { runs, method, architecture } = sibling;
  const evidence = gatherEvidence(study.tasks.length, runs, method, architecture);
  const weights = roles ? scoredWeights(study.weights, roles) : study.weights;
  const index = (name: string) => model.tasks.indexOf(name);
  const networks = model.grouping.map((group, g) =>
    [...group, ...(model.auxiliaries?.[g] ?? [])].map(index).sort((a, b) => a - b),
  );
  const truth = truthReportOf(
    evidence,
    weights,
    roles,
    networks,
    budgetOf(study),
    model.tasks,
    sibling.searchId,
  );
  return truth ? { ...model, truth } : model;
}
