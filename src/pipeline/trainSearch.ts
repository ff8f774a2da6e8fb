import type { RunChoices } from '../config/runChoices.js';
import type { Study } from '../config/study.js';
import type { EncodedDataset } from '../data/types.js';
import { InterruptedError, UsageError } from '../errors.js';
import type { ProxyTrainer } from '../proxy/trainers/index.js';
import type { ReportModel } from '../report/model.js';
import {
  passingStoreProblem,
  storeProblem,
  type PlannedRun,
  type SearchState,
  type Store,
} from '../store/index.js';
import { toolVersion } from '../version.js';
import { writeAfterFailure } from './afterFailure.js';
import { keyBasisOf } from './plan.js';
import { executePlan, type StopSignal } from './execute.js';
import { buildReport } from './result.js';
import { exhaustiveSibling } from './truthLookup.js';
import { progressAcrossRounds, type SearchProgress } from './searchProgress.js';
import { resumeCommand } from './storedSearch.js';
import { isOutage, type Trainer } from './trainer.js';
import { verificationRuns } from './verify.js';

/** A run that throws, or whose worker dies, is tried this many times before it is recorded failed. */
export const maxAttempts = 3;

/** What the caller hears of a search, and what tests replace. */
export interface SearchHooks {
  stop: StopSignal;
  /** The search starts: its runs, those not yet stored, and the trainer that trains them. */
  onStart?: (info: { searchId: string; total: number; pending: number; trainer: string }) => void;
  /**
   * The database holds a search of the same question (data and study), and this is it: its
   * stored result is returned as it is (`asStored`), or it is continued, from the state it was in.
   */
  onAskedBefore?: (info: { searchId: string; status: SearchState; asStored: boolean }) => void;
  /** The CSV is parsed and encoded: at once for a file the database does not know, else only
   *  when a run must train. */
  onLoad?: () => void;
  /** Figures of every round so far (their total only grows) and of the round in progress. */
  onProgress?: (progress: SearchProgress) => void;
  onRunStored?: (key: string) => void;
  /** A one-line warning about the user's data (target leakage) or its runs (diverging training). */
  onWarning?: (message: string) => void;
  /** Replaces the worker pool (tests). */
  trainer?: (choices: RunChoices) => Trainer;
}

/** One session of a recorded search: what it is, what it trains on, how this machine runs it. */
export interface SearchSession {
  store: Store;
  searchId: string;
  /** This process, as its session of the search and its run claims name it (src/store/owner.ts). */
  owner: string;
  fingerprint: string;
  study: Study;
  /** The trainer the runs are keyed for (its identity) and trained by (in the pool's workers). */
  trainer: ProxyTrainer;
  /** Trains the batches: the worker pool, opened and closed by the caller. */
  pool: Trainer;
  /** Batches in flight at once: the pool's workers. */
  workers: number;
  /** The encoded data, loaded on first call. */
  dataset: () => Promise<EncodedDataset>;
  hooks: SearchHooks;
  /** The plan is a finished twin's whole verification path (runSearch.ts): once its runs are all
   *  found done, nothing is left to decide. */
  pathKnown?: boolean;
}

/**
 * Trains what the search still lacks, then records and returns its result. Interrupted: the
 * search is marked so and an InterruptedError (exit 130) says how to resume it. Failed: see
 * sessionFailed. Either way the session's time is added to the search's.
 * Pre: `owner` has joined the search (SearchStore.create or join).
 */
export async function continueSearch(s: SearchSession): Promise<ReportModel> {
  const lap = sessionClock();
  let interrupted: boolean;
  try {
    interrupted = await trainUntilVerified(s, lap);
  } catch (error) {
    throw sessionFailed(s, error, lap());
  }
  s.store.searches.recordElapsed(s.searchId, lap());
  if (interrupted) {
    s.store.searches.leave(s.searchId, s.owner, 'interrupted');
    throw new InterruptedError(
      `search ${s.searchId} interrupted; finished runs are saved. Continue with: ${resumeCommand(s.searchId, s.store.file)}`,
    );
  }
  return finishSearch(s);
}

/** Seconds since the last call (the first: since the clock was made): the session's time, recorded in parts. */
function sessionClock(): () => number {
  let mark = performance.now();
  return () => {
    const now = performance.now();
    const seconds = (now - mark) / 1000;
    mark = now;
    return seconds;
  };
}

/**
 * The error a failed session ends with, after recording it. A passing problem of the disk (full,
 * made read-only) or of Redis (out of reach too long) is not the search's: it is recorded
 * interrupted, and the message (exit 2, naming --db or --redis) says how to continue once it is
 * fixed. Anything else marks it failed.
 */
function sessionFailed(s: SearchSession, error: unknown, elapsedSec: number): unknown {
  const passing = passingStoreProblem(error) || isOutage(error);
  writeAfterFailure(() => s.store.searches.recordElapsed(s.searchId, elapsedSec));
  writeAfterFailure(() =>
    s.store.searches.leave(s.searchId, s.owner, passing ? 'interrupted' : 'failed'),
  );
  const problem = storeProblem(s.store.file, error);
  if (!passing || !(problem instanceof Error)) return problem;
  return new UsageError(
    `${problem.message}; finished runs are saved, continue once fixed with: ${resumeCommand(s.searchId, s.store.file)}`,
    isOutage(error) ? 'E_OUTAGE' : 'E_STORE',
  );
}

/**
 * Trains the planned runs, then, round by round, the runs that verify the best grouping's
 * larger groups (see verify.ts), until nothing is left to verify. Returns true when stopped.
 */
async function trainUntilVerified(s: SearchSession, lap: () => number): Promise<boolean> {
  const { store, searchId, hooks } = s;
  const planned = store.searches.planned(searchId);
  hooks.onStart?.({
    searchId,
    total: planned.length,
    pending: planned.filter((run) => run.status !== 'done').length,
    trainer: s.trainer.name,
  });
  let plan: PlannedRun[] = planned;
  const progress = progressAcrossRounds(hooks.onProgress);
  const basis = keyBasisOf(s.study, s.fingerprint, s.trainer.identity);
  const { lookahead, balance } = basis;
  const round = {
    store,
    searchId,
    owner: s.owner,
    fingerprint: s.fingerprint,
    taskNames: basis.taskNames,
  };
  for (;;) {
    const outcome = await executePlan({
      ...round,
      plan,
      settings: s.study.proxy,
      trainer: s.pool,
      lookahead,
      balance,
      dataset: s.dataset,
      parallel: s.workers,
      maxAttempts,
      stop: hooks.stop,
      onProgress: progress.report,
      onRunStored: hooks.onRunStored,
      onWarning: hooks.onWarning,
      lap,
    });
    progress.endRound();
    if (outcome.interrupted) return true;
    if (s.pathKnown && outcome.trained === 0 && outcome.failed === 0) return false;
    const next = verificationRuns(s.study, basis, store.searches.planned(searchId));
    store.searches.addPlanned(searchId, next);
    // Every planned run not finished yet, not only the ones just added: another process
    // resuming this search may have planned (and hold) verification runs of its own.
    // Exhausted failures are left out, so a run out of attempts cannot make this loop spin.
    // The runs just added stay in even when found done (cached), so that the round's count,
    // and the total of the progress, are every run the search plans.
    const added = new Set(next.map((run) => run.key));
    plan = store.searches
      .planned(searchId)
      .filter((run) => run.status === 'pending' || run.status === 'running' || added.has(run.key));
    // Done only when the verification path is complete, not when this process has nothing
    // to train: the other process may have finished one group and not yet planned the next.
    if (next.length === 0 && plan.length === 0) return false;
  }
}

/** Marks the search done, ends this process's session and stores the result, in one transaction. */
function finishSearch({ store, searchId, owner }: SearchSession): ReportModel {
  return store.transaction(() => {
    store.searches.leave(searchId, owner, 'done');
    const search = store.searches.find(searchId)!;
    const model = buildReport(
      search,
      store.searches.planned(searchId),
      toolVersion,
      exhaustiveSibling(store, search),
    );
    store.searches.saveResult(searchId, model);
    return model;
  });
}
