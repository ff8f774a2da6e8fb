import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { ownerIsAlive } from './owner.js';

/** A search's state, as the `searches.status` column allows. */
export type SearchState = 'running' | 'interrupted' | 'done' | 'failed';

interface SessionRow {
  owner: string;
  started_at: string;
}

/**
 * Which processes work on a search now (table `search_sessions`). A process joins in the
 * transaction that creates or resumes the search and leaves when it stops; one killed with
 * SIGKILL, or stopped by a crash or a full disk, never leaves, and its owner is then dead
 * (ownerIsAlive). So a search is running exactly while one of its owners lives, and several
 * processes resuming one search at once keep it running until the last one stops.
 */
export class SearchSessions {
  private readonly insertStmt: Statement;
  private readonly deleteStmt: Statement;
  private readonly listStmt: Statement<[string], SessionRow>;

  constructor(db: Db) {
    this.insertStmt =
      db.prepare(`INSERT OR REPLACE INTO search_sessions (search_id, owner, started_at)
      VALUES (@searchId, @owner, @now)`);
    this.deleteStmt = db.prepare(
      'DELETE FROM search_sessions WHERE search_id = @searchId AND owner = @owner',
    );
    this.listStmt = db.prepare(
      'SELECT owner, started_at FROM search_sessions WHERE search_id = ? ORDER BY started_at',
    );
  }

  /** Records `owner` as working on the search, and forgets owners that are gone (call in a write transaction). */
  join(searchId: string, owner: string): void {
    for (const row of this.listStmt.all(searchId)) {
      if (!ownerIsAlive(row.owner)) this.deleteStmt.run({ searchId, owner: row.owner });
    }
    this.insertStmt.run({ searchId, owner, now: new Date().toISOString() });
  }

  /** Removes `owner`; true when another live process still works on the search (call in a write transaction). */
  leave(searchId: string, owner: string): boolean {
    this.deleteStmt.run({ searchId, owner });
    return this.liveSince(searchId) !== null;
  }

  /** When the longest-working live owner joined, or null when no live process works on the search. */
  liveSince(searchId: string): string | null {
    return this.listStmt.all(searchId).find((row) => ownerIsAlive(row.owner))?.started_at ?? null;
  }
}

/**
 * What a search's state is now, from what was recorded and who still works on it: done stays
 * done; any live owner means running; recorded running with no live owner means its processes
 * died (interrupted, and `taskgroup resume` continues it). Computed on every read, never written.
 */
export function currentState(recorded: SearchState, liveSince: string | null): SearchState {
  if (recorded === 'done') return 'done';
  if (liveSince !== null) return 'running';
  return recorded === 'running' ? 'interrupted' : recorded;
}
