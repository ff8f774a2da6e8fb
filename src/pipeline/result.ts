import { budgetOf, type Study } from '../config/study.js';
import type { DatasetFacts } from '../config/studyRecord.js';
import { decideSearch, decisionReport, type TruthRuns } from '../decide/decisionReport.js';
import { chosenNetworkDetail, trainedGroupPoints } from '../decide/runDetail.js';
import { reproduction } from '../config/reproduce.js';
import { auxBalanceText } from '../proxy/balance/index.js';
import { DEFAULT_ARCHITECTURE } from '../proxy/architectures/names.js';
import type { ReportModel } from '../report/model.js';
import type { PlannedRunState, StoredSearch } from '../store/index.js';
import { recordOf } from './storedSearch.js';
import { decisionRules } from './verify.js';

/**
 * Builds the report model of a search from its stored runs: the decision and its figures
 * (decide/decisionReport.ts) with the search's own facts, runs and failures; the exhaustive
 * truth when every subset was trained, by this search or by `truthRuns` (an exhaustive search
 * of the same data and settings). Pure: the same runs give the same model.
 */
export function buildReport(
  search: StoredSearch,
  runs: PlannedRunState[],
  toolVersion: string,
  truthRuns?: TruthRuns,
): ReportModel {
  const record = recordOf(search);
  const { study, dataset } = record;
  const rules = decisionRules(study);
  const tasks = study.tasks.map((t) => t.name);
  const decided = decideSearch(runs, tasks, study.weights, budgetOf(study), rules);
  const own = { searchId: search.id, runs, method: rules.method };
  const figures = decisionReport(decided, study.exhaustive ? own : truthRuns);
  return {
    searchId: search.id,
    status: search.status,
    tasks,
    taskTypes: dataset.taskTypes,
    weights: study.weights,
    budget: study.budget,
    grouping: figures.grouping,
    ...(figures.auxiliaries && { auxiliaries: figures.auxiliaries }),
    ...(figures.auxiliaryEffects && { auxiliaryEffects: figures.auxiliaryEffects }),
    objective: figures.objective,
    objectiveKind: figures.objectiveKind,
    objectiveStderr: figures.objectiveStderr,
    optimal: figures.optimal,
    gap: figures.gap,
    certificate: figures.certificate,
    noise: figures.noise,
    ...(figures.truth && { truth: figures.truth }),
    perTask: figures.perTask,
    baselines: figures.baselines,
    transfer: figures.transfer,
    alternatives: figures.alternatives,
    runs: runCounts(search, runs),
    verification: figures.verification,
    ...chosenNetworkDetail(decided, runs, dataset.taskTypes, rules.architecture),
    trainedGroups: trainedGroupPoints(decided),
    reproduce: reproduction(study, record.trainer),
    failures: failuresOf(runs, tasks),
    facts: searchFacts(search, study, dataset, runs, toolVersion),
    elapsedSec: Math.round(search.elapsedSec * 10) / 10,
  };
}

/** Runs planned, trained by this search, found cached, failed. */
function runCounts(search: StoredSearch, runs: PlannedRunState[]): ReportModel['runs'] {
  const failed = runs.filter((run) => run.status === 'failed').length;
  const done = runs.filter((run) => run.status === 'done').length;
  const trained = Math.min(search.trained, done);
  return { total: runs.length, trained, cached: done - trained, failed };
}

function searchFacts(
  search: StoredSearch,
  study: Study,
  dataset: DatasetFacts,
  runs: PlannedRunState[],
  toolVersion: string,
): ReportModel['facts'] {
  return {
    dataFile: search.dataFile,
    fingerprint: search.fingerprint,
    trainRows: dataset.trainRows,
    valRows: dataset.valRows,
    seeds: study.seeds,
    seed: study.seed,
    proxy: { ...study.proxy },
    backend:
      [...new Set(runs.map((run) => run.backend).filter((b): b is string => b !== null))]
        .sort()
        .join(', ') || 'none',
    method: study.method,
    ...(study.aux.length > 0 && { aux: study.aux, auxBalance: auxBalanceText(study.auxBalance) }),
    architecture: study.architecture ?? { name: DEFAULT_ARCHITECTURE },
    ...(study.embed && { embed: study.embed }),
    toolVersion,
    createdAt: search.createdAt,
    finishedAt: search.finishedAt,
  };
}

/** Runs that failed after every retry, with their error. */
const failuresOf = (runs: PlannedRunState[], tasks: string[]) =>
  runs
    .filter((run) => run.status === 'failed')
    .map((run) => ({
      tasks: run.tasks.map((t) => tasks[t]),
      seed: run.seed,
      error: run.error ?? 'unknown',
    }));
