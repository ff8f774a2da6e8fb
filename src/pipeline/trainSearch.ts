import type { RunChoices } from '../config/runChoices.js';
import type { Study } from '../config/study.js';
import type { EncodedDataset } from '../data/types.js';
import { InterruptedError } from '../errors.js';
import type { ReportModel } from '../report/model.js';
import { newOwner, type PlannedRun, type Store } from '../store/index.js';
import { toolVersion } from '../version.js';
import { executePlan, type ExecuteProgress, type StopSignal } from './execute.js';
import { lookaheadOf } from './plan.js';
import { createPoolTrainer } from './pool.js';
import { buildReport } from './result.js';
import { exhaustiveSibling } from './truthLookup.js';
import type { Trainer } from './trainer.js';
import { verificationRuns } from './verify.js';

/** A run that throws, or whose worker dies, is tried this many times before it is recorded failed. */
export const maxAttempts = 3;

/** What the caller hears of a search, and what tests replace. */
export interface SearchHooks {
  stop: StopSignal;
  onStart?: (info: { searchId: string; total: number; pending: number }) => void;
  onProgress?: (progress: ExecuteProgress) => void;
  onRunStored?: (key: string) => void;
  /** A one-line warning about the user's data (target leakage). */
  onWarning?: (message: string) => void;
  /** Replaces the worker pool (tests). */
  trainer?: (dataset: EncodedDataset, choices: RunChoices) => Trainer;
}

/** One session of a recorded search: what it is, what it trains on, how this machine runs it. */
export interface SearchSession {
  store: Store;
  searchId: string;
  fingerprint: string;
  study: Study;
  dataset: EncodedDataset;
  choices: RunChoices;
  hooks: SearchHooks;
}

/**
 * Trains what the search still lacks, then records and returns its result. Interrupted: the
 * search is marked so and an InterruptedError (exit 130) says how to resume it. Failed: marked
 * failed, the error goes on. Either way the session's time is added to the search's.
 */
export async function continueSearch(s: SearchSession): Promise<ReportModel> {
  const started = performance.now();
  const trainer = s.hooks.trainer?.(s.dataset, s.choices) ?? createPoolTrainer(s.dataset, s.choices.backend, s.choices.workers);
  let interrupted: boolean;
  try {
    interrupted = await trainUntilVerified(s, trainer);
  } catch (error) {
    s.store.searches.setStatus(s.searchId, 'failed');
    throw error;
  } finally {
    await trainer.close();
    s.store.searches.recordElapsed(s.searchId, (performance.now() - started) / 1000);
  }
  if (interrupted) {
    s.store.searches.setStatus(s.searchId, 'interrupted');
    throw new InterruptedError(`search ${s.searchId} interrupted; finished runs are saved. Continue with: taskgroup resume ${s.searchId} --db ${s.store.file}`);
  }
  return finishSearch(s.store, s.searchId);
}

/**
 * Trains the planned runs, then, round by round, the runs that verify the best grouping's
 * larger groups (see verify.ts), until nothing is left to verify. Returns true when stopped.
 */
async function trainUntilVerified(s: SearchSession, trainer: Trainer): Promise<boolean> {
  const { store, searchId, hooks } = s;
  const planned = store.searches.planned(searchId);
  hooks.onStart?.({ searchId, total: planned.length, pending: planned.filter((run) => run.status !== 'done').length });
  let plan: PlannedRun[] = planned;
  const progress = progressAcrossRounds(hooks.onProgress);
  const round = { store, searchId, owner: newOwner(), fingerprint: s.fingerprint, taskNames: s.dataset.tasks.map((t) => t.name) };
  for (;;) {
    const outcome = await executePlan({
      ...round,
      plan,
      settings: s.study.proxy,
      lookahead: lookaheadOf(s.study),
      trainer,
      parallel: s.choices.workers,
      maxAttempts,
      stop: hooks.stop,
      onProgress: progress.report,
      onRunStored: hooks.onRunStored,
    });
    progress.endRound();
    if (outcome.interrupted) return true;
    const next = verificationRuns(s.study, s.fingerprint, store.searches.planned(searchId));
    store.searches.addPlanned(searchId, next);
    // Every planned run not finished yet, not only the ones just added: another process
    // resuming this search may have planned (and hold) verification runs of its own.
    // Exhausted failures are left out, so a run out of attempts cannot make this loop spin.
    plan = store.searches.planned(searchId).filter((run) => run.status === 'pending' || run.status === 'running');
    // Done only when the verification path is complete, not when this process has nothing
    // to train: the other process may have finished one group and not yet planned the next.
    if (next.length === 0 && plan.length === 0) return false;
  }
}

/** Progress across rounds: each round's figures are added to the rounds before it. */
function progressAcrossRounds(onProgress?: (progress: ExecuteProgress) => void) {
  const before: ExecuteProgress = { total: 0, done: 0, failed: 0, trained: 0 };
  let last: ExecuteProgress = { ...before };
  return {
    report: (p: ExecuteProgress): void => {
      last = p;
      onProgress?.({ total: before.total + p.total, done: before.done + p.done, failed: before.failed + p.failed, trained: before.trained + p.trained });
    },
    endRound: (): void => {
      for (const key of ['total', 'done', 'failed', 'trained'] as const) before[key] += last[key];
    },
  };
}

/** Marks the search done and stores its result, in one transaction. */
function finishSearch(store: Store, searchId: string): ReportModel {
  return store.transaction(() => {
    store.searches.setStatus(searchId, 'done');
    const search = store.searches.find(searchId)!;
    const model = buildReport(search, store.searches.planned(searchId), toolVersion, exhaustiveSibling(store, search));
    store.searches.saveResult(searchId, model);
    return model;
  });
}
