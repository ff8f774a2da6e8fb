import { randomBytes } from 'node:crypto';
import { resolveRunChoices, type RunChoices } from '../config/runChoices.js';
import type { SearchConfig } from '../config/searchConfig.js';
import type { Study } from '../config/study.js';
import { studyRecord, type DatasetFacts } from '../config/studyRecord.js';
import { findLeaks, loadDataset } from '../data/index.js';
import type { EncodedDataset } from '../data/types.js';
import { UsageError } from '../errors.js';
import type { ReportModel } from '../report/model.js';
import { openStore } from '../store/index.js';
import { assertBackendInstalled } from './backendCheck.js';
import { lookaheadOf, planRuns, seedValues } from './plan.js';
import { findSearch } from './storedSearch.js';
import { continueSearch, type SearchHooks } from './trainSearch.js';

export type { SearchHooks };

/** A tag search's lookahead runs train on the kernels, so `auto` takes wasm (the same result). */
const backendFor = (study: Study, backend: RunChoices['backend']): RunChoices['backend'] => (study.method === 'tag' && backend === 'auto' ? 'wasm' : backend);

const newSearchId = (): string => randomBytes(4).toString('hex');

const loadFor = (study: Study): Promise<EncodedDataset> =>
  loadDataset({
    file: study.dataFile,
    tasks: study.tasks,
    features: study.features,
    exclude: study.exclude,
    valFraction: study.valFraction,
    splitSeed: study.seed,
    maxTrainRows: study.proxy.rows,
  });

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
 * machine's choices (workers, backend) run it and are not stored.
 */
export async function runSearch(config: SearchConfig, dbFile: string, hooks: SearchHooks): Promise<ReportModel> {
  const { workers, backend: requested, ...study } = config;
  const backend = backendFor(study, requested);
  assertBackendInstalled(backend);
  const dataset = await loadFor(study);
  warnOfLeaks(dataset, hooks);
  const store = openStore(dbFile);
  try {
    const { fingerprint } = dataset;
    const plan = planRuns(fingerprint, dataset.tasks.map((t) => t.name), study.proxy, seedValues(study.seed, study.seeds), study.exhaustive, lookaheadOf(study));
    const searchId = newSearchId();
    store.searches.create({ id: searchId, dataFile: study.dataFile, fingerprint, config: studyRecord(study, factsOf(dataset)) }, plan);
    return await continueSearch({ store, searchId, fingerprint, study, dataset, choices: { workers, backend }, hooks });
  } finally {
    store.close();
  }
}

/**
 * Continues a stopped search with this machine's choices (by default all its cores): finished
 * runs are reused, runs left by a dead process re-queued. The data must be unchanged.
 */
export async function resumeSearch(searchId: string, dbFile: string, hooks: SearchHooks, choices: RunChoices = resolveRunChoices({})): Promise<ReportModel> {
  assertBackendInstalled(choices.backend);
  const store = openStore(dbFile, { mustExist: true });
  try {
    const { search, record } = findSearch(store, searchId);
    const { study } = record;
    const dataset = await loadFor(study);
    if (dataset.fingerprint !== search.fingerprint) {
      throw new UsageError(
        `--data ${study.dataFile}: the file changed since search ${searchId} started (fingerprint ${dataset.fingerprint.slice(0, 12)} ≠ ${search.fingerprint.slice(0, 12)}); start a new search`,
        'E_DATA',
      );
    }
    store.searches.setStatus(searchId, 'running');
    const backend = backendFor(study, choices.backend);
    return await continueSearch({ store, searchId, fingerprint: search.fingerprint, study, dataset, choices: { ...choices, backend }, hooks });
  } finally {
    store.close();
  }
}
