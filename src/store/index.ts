import { openDatabase, type Db, type OpenOptions } from './database.js';
import { RunStore } from './runStore.js';
import { SearchStore } from './searchStore.js';
import { SourceStore } from './sourceStore.js';
import { storeProblem } from './storeProblem.js';

export { assertSqliteBuilt } from './database.js';
export { newOwner, ownerIsAlive } from './owner.js';
export { passingStoreProblem, storeProblem } from './storeProblem.js';
export type { ClaimOutcome, RunIdentity, RunStatus, StoredRun } from './runStore.js';
export type {
  PlannedRun,
  PlannedRunState,
  RunArchitecture,
  SearchState,
  StoredSearch,
} from './searchStore.js';
export type { StoredSource } from './sourceStore.js';

/** One open taskgroup database: its runs, its searches. */
export interface Store {
  readonly file: string;
  readonly db: Db;
  readonly runs: RunStore;
  readonly searches: SearchStore;
  /** What the database remembers of the data files it has loaded. */
  readonly sources: SourceStore;
  /** Runs `work` in one write transaction (all or nothing). */
  transaction<T>(work: () => T): T;
  close(): void;
}

/**
 * Opens a taskgroup database and prepares its statements. A table or column missing from a
 * database at the latest schema version (dropped by hand, another program's) is a one-line
 * UsageError naming `--db FILE` (storeProblem), not an internal error.
 */
export function openStore(file: string, options: OpenOptions = {}): Store {
  const db = openDatabase(file, options);
  try {
    return {
      file,
      db,
      runs: new RunStore(db),
      searches: new SearchStore(db),
      sources: new SourceStore(db),
      transaction: (work) => db.transaction(work).immediate(),
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw storeProblem(file, error);
  }
}
