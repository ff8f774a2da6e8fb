import { randomBytes } from 'node:crypto';
import { resolveRunChoices, type RunChoices } from '../config/runChoices.js';
import type { SearchConfig } from '../config/searchConfig.js';
import type { Study } from '../config/study.js';
import { studyRecord, type DatasetFacts } from '../config/studyRecord.js';
import { findLeaks, loadDataset } from '../data/index.js';
import type { EncodedDataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import type { ReportModel } from '../report/model.js';
import { assertSqliteBuilt, newOwner, openStore, storeProblem } from '../store/index.js';
import { probeRedis } from '../queue/connection.js';
import { assertBackendInstalled } from './backendCheck.js';
import { planRuns, seedValues } from './plan.js';
import { findSearch } from './storedSearch.js';
import { continueSearch, type SearchHooks } from './trainSearch.js';

export type { SearchHooks };

const newSearchId = (): string => randomBytes(4).toString('hex');

/** The study's data, loaded and encoded; the first Ctrl-C stops the reading at once. */
const loadFor = (study: Study, stop: SearchHooks['stop']): Promise<EncodedDataset> =>
  loadDataset({
    file: study.dataFile,
    tasks: study.tasks,
    features: study.features,
    exclude: study.exclude,
    valFraction: study.valFraction,
    splitSeed: study.seed,
    maxTrainRows: study.proxy.rows,
  }, stop.signal);

const factsOf = (dataset: EncodedDataset): DatasetFacts => ({
  trainRows: dataset.trainRows,
  valRows: dataset.valRows,
  dim: dataset.dim,
  taskTypes: dataset.tasks.map((t) => t.type),
});

/** One warning per feature that alone predicts a task almost perfectly (see data/leakage.ts). */
function warnOfLeaks(dataset: EncodedDataset, hooks: SearchHooks): void {
  for (const leak of findLeaks(dataset)) {
    const value = leak.measure === 'AUC' ? `AUC ${leak.value.toFixed(3)}` : `correlation ${leak.value.toFixed(3)}`;
    hooks.onWarning?.(`feature "${leak.column}" alone predicts task "${leak.task}" almost perfectly (${value} on the training rows): ` +
      `possible target leakage; it is kept, drop it with --exclude ${leak.column}`);
  }
}

/**
 * One search end to end: load and validate the data (nothing is written before this succeeds),
 * record the search's study and its plan, train what is not yet known, build the result. The
 * machine's choices (workers, backend) run it and are not stored. A problem of the database or
 * its disk is a UsageError naming `--db FILE`.
 */
export async function runSearch(config: SearchConfig, dbFile: string, hooks: SearchHooks): Promise<ReportModel> {
  const { workers, backend, redis, ...study } = config;
  assertBackendInstalled(backend);
  assertSqliteBuilt();
  const dataset = await loadFor(study, hooks.stop);
  warnOfLeaks(dataset, hooks);
  if (redis) await probeRedis(redis); // unreachable: exit 2 before anything is written
  const store = openStore(dbFile);
  try {
    const { fingerprint } = dataset;
    const plan = planRuns(fingerprint, dataset.tasks.map((t) => t.name), study.proxy, seedValues(study.seed, study.seeds), study.exhaustive);
    const searchId = newSearchId();
    const owner = newOwner();
    store.searches.create({ id: searchId, dataFile: study.dataFile, fingerprint, config: studyRecord(study, factsOf(dataset)) }, plan, owner);
    return await continueSearch({ store, searchId, owner, fingerprint, study, dataset, choices: { workers, backend, redis }, hooks });
  } catch (error) {
    throw storeProblem(dbFile, error);
  } finally {
    store.close();
  }
}

/**
 * Continues a stopped search with this machine's choices (by default all its cores): finished
 * runs are reused, runs left by a dead process re-queued. The data must be unchanged. A search
 * that is done already is returned as it was stored, and nothing is written: its result, times
 * and state stay those of the session that finished it.
 */
export async function resumeSearch(searchId: string, dbFile: string, hooks: SearchHooks, choices: RunChoices = resolveRunChoices({})): Promise<ReportModel> {
  assertBackendInstalled(choices.backend);
  if (choices.redis) await probeRedis(choices.redis);
  const store = openStore(dbFile, { mustExist: true });
  try {
    const { search, record } = findSearch(store, searchId);
    if (search.status === 'done' && search.result) return search.result as ReportModel;
    const { study } = record;
    const dataset = await loadFor(study, hooks.stop);
  warnOfLeaks(dataset, hooks);
    if (dataset.fingerprint !== search.fingerprint) {
      throw new UsageError(
        `--data ${study.dataFile}: the file changed since search ${searchId} started (fingerprint ${dataset.fingerprint.slice(0, 12)} ≠ ${search.fingerprint.slice(0, 12)}); start a new search`,
        'E_DATA',
      );
    }
    const owner = newOwner();
    store.searches.join(searchId, owner);
    return await continueSearch({ store, searchId, owner, fingerprint: search.fingerprint, study, dataset, choices, hooks });
  } catch (error) {
    throw storeProblem(dbFile, error);
  } finally {
    store.close();
  }
}
