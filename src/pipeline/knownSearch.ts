import { asksSameQuestion, type StudyRecord } from '../config/studyRecord.js';
import type { ReportModel } from '../report/model.js';
import type { PlannedRun, Store, StoredSearch } from '../store/index.js';
import { toolVersion } from '../version.js';

/** What the database already knows of a search's question, before a search of it starts. */

/**
 * The whole plan of a finished search of the same study, data and trainer, when every run of it
 * is done and this version of taskgroup finished it. The verification path is a pure function of
 * the stored runs on it and of this version's rules, so a search identical to that one plans the
 * same runs and has nothing left to decide: a fully cached rerun skips replaying the path (the
 * solves of every round). Another version's path may stop elsewhere: it is replayed.
 */
export function finishedPath(
  store: Store,
  fingerprint: string,
  record: StudyRecord,
): PlannedRun[] | undefined {
  for (const id of store.searches.doneTwins(fingerprint, record)) {
    const result = store.searches.find(id)?.result as ReportModel | null | undefined;
    if (result?.facts?.toolVersion !== toolVersion) continue;
    const runs = store.searches.planned(id);
    if (runs.every((run) => run.status === 'done'))
      return runs.map(({ key, tasks, seed, architecture }) => ({
        key,
        tasks,
        seed,
        ...(architecture && { architecture }),
      }));
  }
  return undefined;
}

/**
 * A finished search of the same question whose result this version of taskgroup stored: it is
 * the answer, as stored, and nothing is written (as resume does). A search of the question that
 * is not finished (interrupted, failed, or running in another process) is continued instead, by
 * joinOrCreate, as resume continues it; one finished by another version of taskgroup too, so
 * that its result is derived again by this version (it trains only what this version's
 * verification asks for beyond the stored runs).
 */
export function askedBefore(
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
