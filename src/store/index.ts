import { openDatabase, type Db, type OpenOptions } from './database.js';
import { RunStore } from './runStore.js';
import { SearchStore } from './searchStore.js';
import { SourceStore } from './sourceStore.js';

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

export function openStore(file: string, options: OpenOptions = {}): Store {
  const db = openDatabase(file, options);
  return {
    file,
    db,
    runs: new RunStore(db),
    searches: new SearchStore(db),
    sources: new SourceStore(db),
    transaction: (work) => db.transaction(work).immediate(),
    close: () => db.close(),
  };
}
