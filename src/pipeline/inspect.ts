import { TaskgroupError } from '../errors.js';
import type { ReportModel, SearchStatus } from '../report/model.js';
import {
  ownerIsAlive,
  openStore,
  storeProblem,
  type PlannedRunState,
  type Store,
} from '../store/index.js';
import { toolVersion } from '../version.js';
import { buildReport } from './result.js';
import { findSearch, resumeCommand } from './storedSearch.js';
import { exhaustiveSibling, withTruth } from './truthLookup.js';

export { resumeCommand };

/**
 * Runs a read-only look at a database that must already exist: opened read-only (or copied into
 * memory where it cannot be read in place), so status and report never change a byte of it. A
 * problem of the file or its disk met while reading is a UsageError naming `--db FILE`.
 */
export function withStore<T>(dbFile: string, look: (store: Store) => T): T {
  const store = openStore(dbFile, { readOnly: true });
  try {
    return look(store);
  } catch (error) {
    throw storeProblem(dbFile, error);
  } finally {
    store.close();
  }
}

/** The report of a search: the stored result once done, else what the finished runs show so far. */
export function loadReport(store: Store, searchId: string): ReportModel {
  const { search } = findSearch(store, searchId);
  // A result stored before reports carried a certificate is rebuilt from its runs.
  if (search.status === 'done' && search.result && 'certificate' in (search.result as object))
    return withTruth(store, search, search.result as ReportModel);
  return buildReport(
    search,
    store.searches.planned(searchId),
    toolVersion,
    exhaustiveSibling(store, search),
  );
}

export interface RunCounts {
  total: number;
  done: number;
  pending: number;
  running: number;
  failed: number;
}

export interface SearchStatusView {
  searchId: string;
  status: SearchStatus;
  tasks: string[];
  /** The data file, as recorded: absolute for searches started by this version. */
  dataFile: string;
  createdAt: string;
  updatedAt: string;
  runs: RunCounts;
  /** Time spent on the search: the sessions recorded, plus the one in progress while it runs. */
  elapsedSec: number;
  /** Seconds left at the measured pace while it runs; null when stopped, nothing is left or nothing is measured. */
  etaSec: number | null;
  /** How to continue it when it is stopped (interrupted or failed); null otherwise. */
  resume: string | null;
  /** Best grouping from the runs finished so far (null before any single is known, and in a listing). */
  best: { grouping: string[][]; objective: number } | null;
  /** Why this search could not be read (a listing goes on with the others). */
  error?: string;
}

function countRuns(runs: PlannedRunState[]): RunCounts {
  const counts = { total: runs.length, done: 0, pending: 0, running: 0, failed: 0 };
  for (const run of runs) {
    if (run.status === 'running' && !ownerIsAlive(run.claimedBy)) counts.pending++;
    else counts[run.status]++;
  }
  return counts;
}

/**
 * The state of one search. `best` (the grouping its finished runs support) is the stored result
 * of a finished search, or is rebuilt from the runs (node-limited solves, no truth lookup) only
 * when asked for: a listing stays cheap whatever the searches' sizes.
 */
export function searchStatus(store: Store, searchId: string, withBest = true): SearchStatusView {
  const { search, record } = findSearch(store, searchId);
  const runs = store.searches.planned(searchId);
  const counts = countRuns(runs);
  const left = counts.pending + counts.running;
  const running = search.status === 'running';
  // Running: the time recorded (as runs are stored) and the time since it was last recorded.
  const since = (live: string) => Math.max(Date.parse(live), Date.parse(search.updatedAt));
  const elapsedSec =
    search.elapsedSec +
    (search.liveSince === null ? 0 : Math.max(0, Date.now() - since(search.liveSince)) / 1000);
  const perRun = running && search.trained > 0 ? elapsedSec / search.trained : null;
  const anySingle = runs.some((run) => run.status === 'done' && run.tasks.length === 1);
  const stored =
    search.status === 'done' && search.result && 'certificate' in (search.result as object)
      ? (search.result as ReportModel)
      : null;
  const report =
    !withBest || !anySingle ? null : (stored ?? buildReport(search, runs, toolVersion));
  return {
    searchId,
    status: search.status,
    tasks: record.study.tasks.map((t) => t.name),
    dataFile: search.dataFile,
    createdAt: search.createdAt,
    updatedAt: search.updatedAt,
    runs: counts,
    elapsedSec: Math.round(elapsedSec * 10) / 10,
    etaSec: left > 0 && perRun !== null ? Math.round(left * perRun) : null,
    resume:
      search.status === 'interrupted' || search.status === 'failed'
        ? resumeCommand(searchId, store.file)
        : null,
    best: report && { grouping: report.grouping, objective: report.objective },
  };
}

/** Every search in the database, newest first; one that cannot be read is listed with why. */
export function listSearches(store: Store): SearchStatusView[] {
  return store.searches.list().map((search) => {
    try {
      return searchStatus(store, search.id, false);
    } catch (error) {
      // A damaged row of this search (storeProblem says so) leaves the others listed.
      const problem = storeProblem(store.file, error);
      if (!(problem instanceof TaskgroupError)) throw problem;
      const runs = { total: 0, done: 0, pending: 0, running: 0, failed: 0 };
      return {
        searchId: search.id,
        status: search.status,
        tasks: [],
        dataFile: search.dataFile,
        createdAt: search.createdAt,
        updatedAt: search.updatedAt,
        runs,
        elapsedSec: search.elapsedSec,
        etaSec: null,
        resume: null,
        best: null,
        error: problem.message,
      };
    }
  });
}
