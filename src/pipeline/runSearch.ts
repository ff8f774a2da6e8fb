import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveRunChoices, type RunChoices } from '../config/runChoices.js';
import { choicesOf, studyOf, type SearchConfig } from '../config/searchConfig.js';
import { rolesOf } from '../config/auxiliaryRoles.js';
import type { Study } from '../config/study.js';
import { asksSameQuestion, studyRecord } from '../config/studyRecord.js';
import { studyNeeds } from '../config/studyNeeds.js';
import { warningLine } from '../data/encodingWarnings.js';
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
import { keyBasisOf, planBaseline, planSubsets, seedValues, type KeyBasis } from './plan.js';
import { remember, searchData, type SearchData } from './searchData.js';
import { askedBefore, finishedPath } from './knownSearch.js';
import { findSearch, resumeCommand } from './storedSearch.js';
import type { Trainer } from './trainer.js';
import { openTrainer, type TrainerChoice } from './trainerChoice.js';
import { continueSearch, type SearchHooks } from './trainSearch.js';

export type { SearchHooks };

const newSearchId = (): string => randomBytes(4).toString('hex');

/**
 * One warning per feature that alone predicts a task almost perfectly (data/leakage.ts), then
 * one per column whose encoding loses what an id carries (data/encodingWarnings.ts).
 */
function warnOfData(data: Pick<SearchData, 'leaks' | 'warnings'>, hooks: SearchHooks): void {
  for (const leak of data.leaks) {
    hooks.onWarning?.(
      `feature "${leak.column}" alone predicts task "${leak.task}" almost perfectly (${leak.measure} ${leak.value.toFixed(3)} on the training rows): ` +
        `possible target leakage; it is kept, drop it with --exclude ${leak.column}`,
    );
  }
  for (const warning of data.warnings) hooks.onWarning?.(warningLine(warning));
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
 * What a new search trains first, seed by seed: its method's subsets and the all-in-one network
 * (decide/initialSubsets.ts) and, beside a shared-bottom search, the MMoE baseline (in the
 * seed's pass over the data, which a worker shares among the runs of a batch).
 */
function initialPlan(study: Study, basis: KeyBasis): PlannedRun[] {
  const subsets = initialSubsets(
    methodNamed(study.method),
    study.tasks.length,
    study.exhaustive,
    rolesOf(study),
  );
  const { mmoeBaseline } = study;
  return seedValues(study.seed, study.seeds).flatMap((seed) => [
    ...planSubsets(basis, [seed], subsets),
    ...(mmoeBaseline ? planBaseline(basis, [seed], mmoeBaseline) : []),
  ]);
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
  const trainer = resolveTrainer(choices.backend, undefined, studyNeeds(study));
  assertSqliteBuilt();
  if (config.baselineSkipped) hooks.onWarning?.(config.baselineSkipped);
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
    warnOfData(data, hooks);
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
    const plan = known ?? initialPlan(study, keyBasisOf(study, fingerprint, trainer.identity));
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
    const trainer = resolveTrainer(choices.backend, record.trainer, studyNeeds(record.study));
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
  warnOfData(data, hooks);
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
