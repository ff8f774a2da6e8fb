import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveRunChoices, type RunChoices } from '../config/runChoices.js';
import { choicesOf, studyOf, type SearchConfig } from '../config/searchConfig.js';
import type { Study } from '../config/study.js';
import { asksSameQuestion, studyRecord, type StudyRecord } from '../config/studyRecord.js';
import type { Leak } from '../data/index.js';
import { UsageError } from '../errors.js';
import { initialSubsets } from '../decide/initialSubsets.js';
import { methodNamed } from '../decide/methods/index.js';
import { resolveTrainer, type ProxyTrainer } from '../proxy/trainers/index.js';
import type { ReportModel } from '../report/model.js';
import {
  assertSqliteBuilt,
  newOwner,
  openStore,
  storeProblem,
  type PlannedRun,
  type Store,
  type StoredSearch,
} from '../store/index.js';
import { toolVersion } from '../version.js';
import { keyBasisOf, planSubsets, seedValues } from './plan.js';
import { remember, searchData, type SearchData } from './searchData.js';
import { findSearch, resumeCommand } from './storedSearch.js';
import type { Trainer } from './trainer.js';
import { openTrainer, type TrainerChoice } from './trainerChoice.js';
import { continueSearch, type SearchHooks } from './trainSearch.js';

export type { SearchHooks };

const newSearchId = (): string => randomBytes(4).toString('hex');

/** One warning per feature that alone predicts a task almost perfectly (see data/leakage.ts). */
function warnOfLeaks(leaks: Leak[], hooks: SearchHooks): void {
  for (const leak of leaks) {
    hooks.onWarning?.(
      `feature "${leak.column}" alone predicts task "${leak.task}" almost perfectly (${leak.measure} ${leak.value.toFixed(3)} on the training rows): ` +
        `possible target leakage; it is kept, drop it with --exclude ${leak.column}`,
    );
  }
}

/**
 * The trainer of this session (the pool, the Redis queue with --redis, or the hooks' fake) and
 * the batches it takes in flight; the caller closes it. Redis out of reach: a UsageError naming
 * the URL, before anything is written.
 */
async function sessionTrainer(
  hooks: SearchHooks,
  choices: RunChoices,
  trainer: ProxyTrainer,
): Promise<TrainerChoice> {
  if (choices.redis) await (await import('../queue/connection.js')).probeRedis(choices.redis);
  return hooks.trainer
    ? { trainer: hooks.trainer(choices), parallel: choices.workers }
    : await openTrainer(choices, trainer, hooks.stop, (message) => hooks.onWarning?.(message));
}

/**
 * The whole plan of a finished search of the same study, data and trainer, when every run of it
 * is done. The verification path is a pure function of the stored runs on it, so a search
 * identical to that one plans the same runs and has nothing left to decide: a fully cached
 * rerun skips replaying the path (the solves of every round).
 */
function finishedPath(
  store: Store,
  fingerprint: string,
  record: StudyRecord,
): PlannedRun[] | undefined {
  for (const id of store.searches.doneTwins(fingerprint, record)) {
    const runs = store.searches.planned(id);
    if (runs.every((run) => run.status === 'done'))
      return runs.map(({ key, tasks, seed }) => ({ key, tasks, seed }));
  }
  return undefined;
}

/** The load hook of searchData: the pool starts while the file loads. */
const onLoad = (pool: Trainer, hooks: SearchHooks) => () => {
  pool.start?.();
  hooks.onLoad?.();
};

/** How this invocation treats the searches already in the database. */
export interface SearchStartOptions {
  /** `--new`: a search of its own, even when the database holds one of the same question. */
  fresh?: boolean;
}

/**
 * One search end to end: resolve the trainer and check the data (nothing is written before both
 * succeed; a file the database already knows is hashed, not parsed), record the search's study
 * and its plan, train what is not yet known, build the result. The machine's choices (workers,
 * backend) run it and are not stored; the trainer's numeric identity is. A problem of the
 * database or its disk is a UsageError naming `--db FILE`.
 *
 * One search per question: a search of the same data (fingerprint) and study as one in the
 * database is that search (see askedBefore), unless `fresh`.
 */
export async function runSearch(
  config: SearchConfig,
  dbFile: string,
  hooks: SearchHooks,
  options: SearchStartOptions = {},
): Promise<ReportModel> {
  const study = studyOf(config);
  const choices = choicesOf(config);
  const trainer = resolveTrainer(choices.backend, undefined, methodNamed(study.method).needs);
  assertSqliteBuilt();
  const pool = await sessionTrainer(hooks, choices, trainer);
  try {
    return await startSearch(study, dbFile, trainer, pool, hooks, options);
  } finally {
    await pool.trainer.close();
  }
}

/**
 * runSearch's session: reads the data, then answers from the search of the same question when
 * there is one, or records a new search and its initial plan, and trains what is missing.
 */
async function startSearch(
  study: Study,
  dbFile: string,
  trainer: ProxyTrainer,
  pool: TrainerChoice,
  hooks: SearchHooks,
  options: SearchStartOptions,
): Promise<ReportModel> {
  let store: Store | undefined = existsSync(dbFile) ? openStore(dbFile) : undefined;
  try {
    const data = await searchData(study, store, hooks.stop.signal, onLoad(pool.trainer, hooks));
    store ??= openStore(dbFile);
    remember(store, data);
    warnOfLeaks(data.leaks, hooks);
    const { fingerprint } = data;
    // The data's path is recorded absolute, so `resume` finds it from any folder; it is read as given.
    const dataFile = resolve(study.dataFile);
    const record = studyRecord({ ...study, dataFile }, data.facts, trainer.identity);
    const asked = options.fresh ? undefined : askedBefore(store, fingerprint, record);
    if (asked) {
      hooks.onAskedBefore?.({ searchId: asked.id, status: asked.status, asStored: true });
      return asked.result as ReportModel;
    }
    const known = finishedPath(store, fingerprint, record);
    const plan =
      known ??
      planSubsets(
        keyBasisOf(study, fingerprint, trainer.identity),
        seedValues(study.seed, study.seeds),
        initialSubsets(methodNamed(study.method), study.tasks.length, study.exhaustive),
      );
    const owner = newOwner();
    const search = { id: newSearchId(), dataFile, fingerprint, config: record };
    const { id: searchId, joined } = options.fresh
      ? (store.searches.create(search, plan, owner), { id: search.id, joined: undefined })
      : store.searches.joinOrCreate(search, plan, owner, (c) => asksSameQuestion(c, record));
    if (joined) hooks.onAskedBefore?.({ searchId, status: joined, asStored: false });
    return await continueSearch({
      store,
      searchId,
      owner,
      fingerprint,
      study,
      trainer,
      pool: pool.trainer,
      workers: pool.parallel,
      dataset: data.encoded,
      hooks,
      pathKnown: known !== undefined && joined === undefined,
    });
  } catch (error) {
    throw storeProblem(dbFile, error);
  } finally {
    store?.close();
  }
}

/**
 * A finished search of the same question whose result this version of taskgroup stored: it is
 * the answer, as stored, and nothing is written (as resume does). A search of the question that
 * is not finished (interrupted, failed, or running in another process) is continued instead, by
 * joinOrCreate, as resume continues it; one finished by another version of taskgroup too, so
 * that its result is derived again by this version (it trains only what this version's
 * verification asks for beyond the stored runs).
 */
function askedBefore(
  store: Store,
  fingerprint: string,
  record: StudyRecord,
): StoredSearch | undefined {
  const id = store.searches.asked(fingerprint, (config) => asksSameQuestion(config, record));
  const search = id === undefined ? undefined : store.searches.find(id);
  const result = search?.result as ReportModel | null | undefined;
  return search?.status === 'done' && result?.facts?.toolVersion === toolVersion
    ? search
    : undefined;
}

/**
 * Continues a stopped search with this machine's choices (by default all its cores, and the
 * fastest trainer that computes the search's numbers): finished runs are reused, runs left by a
 * dead process re-queued. The data must be unchanged: read from the path the search recorded, or
 * from `movedData` (`resume --data`), which must hold the same bytes and is then recorded as the
 * search's data path. A search that is done already is returned as it was stored, and nothing is
 * written: its result, times and state stay those of the session that finished it.
 */
export async function resumeSearch(
  searchId: string,
  dbFile: string,
  hooks: SearchHooks,
  choices: RunChoices = resolveRunChoices({}),
  movedData?: string,
): Promise<ReportModel> {
  const store = openStore(dbFile, { mustExist: true });
  try {
    const { search, record } = findSearch(store, searchId);
    if (search.status === 'done' && search.result) return search.result as ReportModel;
    const study = { ...record.study, dataFile: movedData ?? search.dataFile };
    if (movedData === undefined) assertDataThere(searchId, dbFile, study.dataFile);
    const needs = methodNamed(record.study.method).needs;
    const trainer = resolveTrainer(choices.backend, record.trainer, needs);
    const pool = await sessionTrainer(hooks, choices, trainer);
    try {
      return await rejoinSearch(store, search, study, trainer, pool, hooks, movedData);
    } finally {
      await pool.trainer.close();
    }
  } catch (error) {
    throw storeProblem(dbFile, error);
  } finally {
    store.close();
  }
}

/** resumeSearch's session: checks the data is unchanged, joins the search, trains the rest. */
async function rejoinSearch(
  store: Store,
  search: StoredSearch,
  study: Study,
  trainer: ProxyTrainer,
  pool: TrainerChoice,
  hooks: SearchHooks,
  movedData?: string,
): Promise<ReportModel> {
  const data = await searchData(study, store, hooks.stop.signal, onLoad(pool.trainer, hooks));
  if (data.fingerprint !== search.fingerprint) throw notItsData(search, data, movedData);
  warnOfLeaks(data.leaks, hooks);
  remember(store, data);
  if (movedData !== undefined) store.searches.moveData(search.id, resolve(movedData));
  const owner = newOwner();
  store.searches.join(search.id, owner);
  return continueSearch({
    store,
    searchId: search.id,
    owner,
    fingerprint: search.fingerprint,
    study,
    trainer,
    pool: pool.trainer,
    workers: pool.parallel,
    dataset: data.encoded,
    hooks,
  });
}

/** A search's data file that is gone from where it was recorded: say how to give its new place. */
function assertDataThere(searchId: string, dbFile: string, dataFile: string): void {
  if (existsSync(dataFile)) return;
  throw new UsageError(
    `search ${searchId} reads ${dataFile}, which is not there; if the file moved, continue with: ${resumeCommand(searchId, dbFile)} --data NEW_PATH`,
    'E_DATA',
  );
}

/** The data read is not the search's: a changed file (start a new search) or, with --data, another file. */
function notItsData(search: StoredSearch, data: SearchData, movedData?: string): UsageError {
  const prints = `fingerprint ${data.fingerprint.slice(0, 12)} ≠ ${search.fingerprint.slice(0, 12)}`;
  return new UsageError(
    movedData === undefined
      ? `--data ${search.dataFile}: the file changed since search ${search.id} started (${prints}); start a new search`
      : `--data ${movedData}: not the data search ${search.id} started with (its bytes differ: ${prints})`,
    'E_DATA',
  );
}
