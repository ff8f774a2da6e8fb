import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { currentState, SearchSessions, type SearchState } from './searchSessions.js';
import {
  PLANNED_RUNS_SQL,
  plannedRunOf,
  type PlannedRun,
  type PlannedRunState,
  type RunArchitecture,
} from './plannedRuns.js';
import { lenientJson } from './storedJson.js';

export type { PlannedRun, PlannedRunState, RunArchitecture, SearchState };

export interface StoredSearch {
  id: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** The state now (see currentState): a search whose processes all died reads as interrupted. */
  status: SearchState;
  /** When the longest-working live process joined the search; null when none works on it. */
  liveSince: string | null;
  dataFile: string;
  fingerprint: string;
  /** The search's study record as stored (JSON); src/config/studyRecord.ts reads it. */
  config: unknown;
  result: unknown | null;
  trained: number;
  elapsedSec: number;
}

interface SearchRow {
  id: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  status: SearchState;
  data_file: string;
  fingerprint: string;
  config: string;
  result: string | null;
  trained: number;
  elapsed_sec: number;
}

const toSearch = (row: SearchRow, liveSince: string | null): StoredSearch => ({
  id: row.id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  finishedAt: row.finished_at,
  status: currentState(row.status, liveSince),
  liveSince,
  dataFile: row.data_file,
  fingerprint: row.fingerprint,
  config: lenientJson(row.config),
  // A result that does not parse is rebuilt from the runs, as one stored before reports had it.
  result: row.result === null ? null : (lenientJson(row.result) ?? null),
  trained: row.trained,
  elapsedSec: row.elapsed_sec,
});

/** The searches table, each search's planned runs, and the processes working on it. */
export class SearchStore {
  private readonly sessions: SearchSessions;
  private readonly insertSearch: Statement;
  private readonly insertPlanned: Statement;
  private readonly insertArchitecture: Statement;
  private readonly getSearch: Statement<[string], SearchRow>;
  private readonly listStmt: Statement<[], SearchRow>;
  private readonly plannedStmt: Statement<[string], Record<string, unknown>>;
  private readonly statusStmt: Statement;
  private readonly progressStmt: Statement;
  private readonly resultStmt: Statement;
  private readonly trainedStmt: Statement;
  private readonly dataStmt: Statement;
  private readonly twinsStmt: Statement<[string, string], { id: string }>;
  private readonly askedStmt: Statement<[string], { id: string; config: string }>;

  constructor(private readonly db: Db) {
    this.sessions = new SearchSessions(db);
    this.insertSearch = db.prepare(`INSERT INTO searches
      (id, created_at, updated_at, status, data_file, fingerprint, config)
      VALUES (@id, @now, @now, 'running', @dataFile, @fingerprint, @config)`);
    this.insertPlanned =
      db.prepare(`INSERT OR IGNORE INTO search_runs (search_id, run_key, tasks, seed)
      VALUES (@searchId, @key, @tasks, @seed)`);
    this.insertArchitecture = db.prepare(`INSERT OR IGNORE INTO planned_architecture
      (search_id, run_key, architecture) VALUES (@searchId, @key, @architecture)`);
    this.getSearch = db.prepare('SELECT * FROM searches WHERE id = ?');
    this.listStmt = db.prepare('SELECT * FROM searches ORDER BY created_at DESC, rowid DESC');
    this.plannedStmt = db.prepare(PLANNED_RUNS_SQL);
    this.statusStmt = db.prepare(`UPDATE searches SET status = @status, updated_at = @now,
      finished_at = CASE WHEN @status = 'done' THEN @now ELSE finished_at END WHERE id = @id`);
    this.progressStmt = db.prepare(`UPDATE searches SET elapsed_sec = elapsed_sec + @elapsed,
      updated_at = @now WHERE id = @id`);
    this.dataStmt = db.prepare('UPDATE searches SET data_file = @dataFile WHERE id = @id');
    this.trainedStmt = db.prepare(`UPDATE searches SET trained = trained + 1,
      elapsed_sec = elapsed_sec + @elapsed, updated_at = @now WHERE id = @id`);
    this.resultStmt = db.prepare(`UPDATE searches SET result = @result, updated_at = @now
      WHERE id = @id`);
    this.twinsStmt = db.prepare(`SELECT id FROM searches WHERE fingerprint = ? AND config = ?
      AND status = 'done' ORDER BY created_at DESC, rowid DESC`);
    this.askedStmt = db.prepare(`SELECT id, config FROM searches WHERE fingerprint = ?
      ORDER BY created_at DESC, rowid DESC`);
  }

  /** Finished searches of this fingerprint whose stored config is exactly `config`, newest first. */
  doneTwins(fingerprint: string, config: unknown): string[] {
    return this.twinsStmt.all(fingerprint, JSON.stringify(config)).map((row) => row.id);
  }

  /**
   * Creates a search and its plan in one transaction, either both exist or neither, with
   * `owner` (the creating process) working on it.
   */
  create(
    search: { id: string; dataFile: string; fingerprint: string; config: unknown },
    plan: PlannedRun[],
    owner: string,
  ): void {
    const now = new Date().toISOString();
    this.db
      .transaction(() => {
        this.insertSearch.run({ ...search, config: JSON.stringify(search.config), now });
        for (const run of plan) this.plan(search.id, run);
        this.sessions.join(search.id, owner);
      })
      .immediate();
  }

  /**
   * The newest search of this fingerprint whose stored config `asks` says asks the same
   * question (any state), or undefined.
   */
  asked(fingerprint: string, asks: (config: unknown) => boolean): string | undefined {
    return this.askedStmt.all(fingerprint).find((row) => asks(lenientJson(row.config)))?.id;
  }

  /**
   * The search of this question, joined by `owner` (running again, its data file recorded
   * where it is now; `joined` is the state it was in), or, when there is none, `search` created
   * with its plan as `create` does.
   * One write transaction: two processes starting the same search at once end up in one.
   */
  joinOrCreate(
    search: { id: string; dataFile: string; fingerprint: string; config: unknown },
    plan: PlannedRun[],
    owner: string,
    asks: (config: unknown) => boolean,
  ): { id: string; joined?: SearchState } {
    return this.db
      .transaction(() => {
        const id = this.asked(search.fingerprint, asks);
        if (id === undefined) {
          this.create(search, plan, owner);
          return { id: search.id };
        }
        const joined = this.find(id)!.status;
        this.join(id, owner);
        this.moveData(id, search.dataFile);
        return { id, joined };
      })
      .immediate();
  }

  /** `owner` starts working on a stopped search: it is running again. */
  join(id: string, owner: string): void {
    this.db
      .transaction(() => {
        this.sessions.join(id, owner);
        this.setStatus(id, 'running');
      })
      .immediate();
  }

  /**
   * `owner` stops working on the search. Done is recorded as it is; interrupted or failed only
   * when no other live process still works on it (which will record how it ends itself).
   */
  leave(id: string, owner: string, outcome: SearchState): void {
    this.db
      .transaction(() => {
        const othersWork = this.sessions.leave(id, owner);
        if (outcome === 'done' || !othersWork) this.setStatus(id, outcome);
      })
      .immediate();
  }

  /** Adds runs to a search's plan (verification runs decided after the pairs are known). */
  addPlanned(id: string, plan: PlannedRun[]): void {
    this.db.transaction(() => {
      for (const run of plan) this.plan(id, run);
    })();
  }

  /** Adds one run to a search's plan, with its network when not the shared bottom (in a transaction). */
  private plan(searchId: string, run: PlannedRun): void {
    const key = run.key;
    this.insertPlanned.run({ searchId, key, tasks: JSON.stringify(run.tasks), seed: run.seed });
    if (run.architecture !== undefined)
      this.insertArchitecture.run({
        searchId,
        key,
        architecture: JSON.stringify(run.architecture),
      });
  }

  find(id: string): StoredSearch | undefined {
    const row = this.getSearch.get(id);
    return row && toSearch(row, this.sessions.liveSince(row.id));
  }

  list(): StoredSearch[] {
    return this.listStmt.all().map((row) => toSearch(row, this.sessions.liveSince(row.id)));
  }

  planned(id: string): PlannedRunState[] {
    return this.plannedStmt.all(id).map((row) => plannedRunOf(row as Record<string, unknown>));
  }

  private setStatus(id: string, status: SearchState): void {
    this.statusStmt.run({ id, status, now: new Date().toISOString() });
  }

  /**
   * Counts one run trained by this search, and adds the session's time since it last recorded
   * any (call in the transaction that stores the run): a search killed with SIGKILL keeps the
   * time it spent up to its last stored run.
   */
  countTrained(id: string, elapsedSec = 0): void {
    this.trainedStmt.run({ id, elapsed: elapsedSec, now: new Date().toISOString() });
  }

  /** Adds one session's elapsed time to the search's total. */
  recordElapsed(id: string, elapsedSec: number): void {
    this.progressStmt.run({
      id,
      elapsed: elapsedSec,
      now: new Date().toISOString(),
    });
  }

  /** Records where the search's data file is now (it moved; its bytes are checked by the caller). */
  moveData(id: string, dataFile: string): void {
    this.dataStmt.run({ id, dataFile });
  }

  saveResult(id: string, result: unknown): void {
    this.resultStmt.run({ id, result: JSON.stringify(result), now: new Date().toISOString() });
  }
}
