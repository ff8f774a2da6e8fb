import { randomBytes } from 'node:crypto';
import type { SearchConfig } from '../config/searchConfig.js';
import { loadDataset } from '../data/index.js';
import type { EncodedDataset } from '../data/types.js';
import { InterruptedError, UsageError } from '../errors.js';
import type { ReportModel } from '../report/model.js';
import { newOwner, openStore, type PlannedRun, type Store } from '../store/index.js';
import { toolVersion } from '../version.js';
import { executePlan, type ExecuteProgress, type StopSignal, type Trainer } from './execute.js';
import { planRuns, seedValues } from './plan.js';
import { assertBackendInstalled } from './backendCheck.js';
import { createPoolTrainer } from './pool.js';
import { verificationRuns } from './verify.js';
import { buildReport } from './result.js';
import type { SearchRecord } from './searchRecord.js';

/** A run that throws, or whose worker dies, is tried this many times before it is recorded failed. */
export const maxAttempts = 3;

export interface SearchHooks {
  stop: StopSignal;
  onStart?: (info: { searchId: string; total: number; pending: number }) => void;
  onProgress?: (progress: ExecuteProgress) => void;
  onRunStored?: (key: string) => void;
  /** Replaces the worker pool (tests). */
  trainer?: (dataset: EncodedDataset, config: SearchConfig) => Trainer;
}

const newSearchId = (): string => randomBytes(4).toString('hex');

const loadFor = (config: SearchConfig): Promise<EncodedDataset> =>
  loadDataset({
    file: config.dataFile,
    tasks: config.tasks,
    features: config.features,
    exclude: config.exclude,
    valFraction: config.valFraction,
    splitSeed: config.seed,
    maxTrainRows: config.proxy.rows,
  });

/**
 * One search end to end: load and validate the data (nothing is written before this succeeds),
 * record the search and its plan, train what is not yet known, build the result.
 */
export async function runSearch(config: SearchConfig, dbFile: string, hooks: SearchHooks): Promise<ReportModel> {
  assertBackendInstalled(config.backend);
  const dataset = await loadFor(config);
  const store = openStore(dbFile);
  try {
    const taskNames = dataset.tasks.map((t) => t.name);
    const plan = planRuns(dataset.fingerprint, taskNames, config.proxy, seedValues(config.seed, config.seeds));
    const record: SearchRecord = {
      config,
      dataset: { trainRows: dataset.trainRows, valRows: dataset.valRows, dim: dataset.dim, taskTypes: dataset.tasks.map((t) => t.type) },
    };
    const searchId = newSearchId();
    store.searches.create({ id: searchId, dataFile: config.dataFile, fingerprint: dataset.fingerprint, config: record }, plan);
    return await continueSearch(store, searchId, dataset, hooks);
  } finally {
    store.close();
  }
}

/** Continues a stopped search: finished runs are reused, runs left by a dead process re-queued. */
export async function resumeSearch(searchId: string, dbFile: string, hooks: SearchHooks): Promise<ReportModel> {
  const store = openStore(dbFile, { mustExist: true });
  try {
    const search = store.searches.find(searchId);
    if (!search) throw new UsageError(`search ${searchId}: not found in ${dbFile} (see \`taskgroup status\`)`, 'E_NOT_FOUND');
    const { config } = search.config as SearchRecord;
    const dataset = await loadFor(config);
    if (dataset.fingerprint !== search.fingerprint) {
      throw new UsageError(
        `--data ${config.dataFile}: the file changed since search ${searchId} started (fingerprint ${dataset.fingerprint.slice(0, 12)} ≠ ${search.fingerprint.slice(0, 12)}); start a new search`,
        'E_DATA',
      );
    }
    store.searches.setStatus(searchId, 'running');
    return await continueSearch(store, searchId, dataset, hooks);
  } finally {
    store.close();
  }
}

/**
 * Trains what the search still lacks: first its planned runs, then, round by round, the runs
 * that verify the best grouping's larger groups (see verify.ts), until nothing is left to verify.
 */
async function continueSearch(store: Store, searchId: string, dataset: EncodedDataset, hooks: SearchHooks): Promise<ReportModel> {
  const started = performance.now();
  const search = store.searches.find(searchId)!;
  const { config } = search.config as SearchRecord;
  const planned = store.searches.planned(searchId);
  hooks.onStart?.({ searchId, total: planned.length, pending: planned.filter((run) => run.status !== 'done').length });
  let plan: PlannedRun[] = planned;
  // Progress counts across rounds: each round's figures are added to the rounds before it.
  const before: ExecuteProgress = { total: 0, done: 0, failed: 0, trained: 0 };
  let last: ExecuteProgress = { ...before };
  const onProgress = (p: ExecuteProgress) => {
    last = p;
    hooks.onProgress?.({ total: before.total + p.total, done: before.done + p.done, failed: before.failed + p.failed, trained: before.trained + p.trained });
  };
  const trainer = hooks.trainer?.(dataset, config) ?? createPoolTrainer(dataset, config.backend, config.workers);
  const owner = newOwner();
  let interrupted = false;
  try {
    for (;;) {
      const outcome = await executePlan({
        store,
        searchId,
        owner,
        plan,
        fingerprint: search.fingerprint,
        taskNames: dataset.tasks.map((t) => t.name),
        settings: config.proxy,
        trainer,
        parallel: config.workers,
        maxAttempts,
        stop: hooks.stop,
        onProgress,
        onRunStored: hooks.onRunStored,
      });
      interrupted = outcome.interrupted;
      for (const key of ['total', 'done', 'failed', 'trained'] as const) before[key] += last[key];
      if (interrupted) break;
      const next = verificationRuns(config, search.fingerprint, store.searches.planned(searchId));
      store.searches.addPlanned(searchId, next);
      // Every planned run not finished yet, not only the ones just added: another process
      // resuming this search may have planned (and hold) verification runs of its own.
      // Exhausted failures are left out, so a run out of attempts cannot make this loop spin.
      plan = store.searches.planned(searchId).filter((run) => run.status === 'pending' || run.status === 'running');
      // Done only when the verification path is complete, not when this process has nothing
      // to train: the other process may have finished one group and not yet planned the next.
      if (next.length === 0 && plan.length === 0) break;
    }
  } catch (error) {
    store.searches.setStatus(searchId, 'failed');
    throw error;
  } finally {
    await trainer.close();
    store.searches.recordElapsed(searchId, (performance.now() - started) / 1000);
  }
  if (interrupted) {
    store.searches.setStatus(searchId, 'interrupted');
    throw new InterruptedError(`search ${searchId} interrupted; finished runs are saved. Continue with: taskgroup resume ${searchId} --db ${store.file}`);
  }
  return store.transaction(() => {
    store.searches.setStatus(searchId, 'done');
    const model = buildReport(store.searches.find(searchId)!, store.searches.planned(searchId), toolVersion);
    store.searches.saveResult(searchId, model);
    return model;
  });
}
