/**
 * What a kill trial reads from a taskgroup database between two processes: its integrity, the
 * runs table and the search row. Read-only connections, closed at once, so the trial never
 * holds a lock the next process would wait for.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { RunsSnapshot } from './killLedger.js';

export interface SearchRow {
  id: string;
  status: string;
  /** Runs the search trained itself, over all its sessions (counted with each commit). */
  trained: number;
}

export interface DatabaseState {
  exists: boolean;
  /** `PRAGMA integrity_check`: 'ok', its complaint, or the error that stopped it. */
  integrity: string;
  runs: RunsSnapshot;
  search?: SearchRow;
}

interface RunRow {
  key: string;
  status: string;
  finished_at: string | null;
  claimed_by: string | null;
}

function readOnly<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** A database the process may have been killed before creating, or before migrating. */
const hasTable = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
  undefined;

export function inspectDatabase(file: string): DatabaseState {
  if (!existsSync(file)) return { exists: false, integrity: 'ok', runs: new Map() };
  try {
    return readOnly(file, (db) => {
      const integrity = String(db.pragma('integrity_check', { simple: true }));
      const runs: RunsSnapshot = new Map();
      if (hasTable(db, 'runs')) {
        const rows = db
          .prepare('SELECT key, status, finished_at, claimed_by FROM runs')
          .all() as RunRow[];
        for (const row of rows)
          runs.set(row.key, {
            status: row.status,
            finishedAt: row.finished_at,
            claimedBy: row.claimed_by,
          });
      }
      const search = hasTable(db, 'searches')
        ? (db.prepare('SELECT id, status, trained FROM searches ORDER BY created_at DESC').get() as
            SearchRow | undefined)
        : undefined;
      return { exists: true, integrity, runs, search };
    });
  } catch (error) {
    return { exists: true, integrity: `cannot read: ${(error as Error).message}`, runs: new Map() };
  }
}

/** Runs committed so far (0 while the database or its tables do not exist yet). */
export function countDone(file: string): number {
  if (!existsSync(file)) return 0;
  try {
    return readOnly(file, (db) =>
      hasTable(db, 'runs')
        ? (
            db.prepare("SELECT COUNT(*) AS n FROM runs WHERE status = 'done'").get() as {
              n: number;
            }
          ).n
        : 0,
    );
  } catch {
    return 0; // being created or migrated this very moment: nothing is committed yet
  }
}

/** Runs claimed (`running`) by the process `pid`, whose owner is "host:pid:nonce" (0 when unreadable). */
export function countClaimedBy(file: string, pid: number): number {
  if (!existsSync(file)) return 0;
  try {
    return readOnly(file, (db) =>
      hasTable(db, 'runs')
        ? (
            db
              .prepare(
                "SELECT COUNT(*) AS n FROM runs WHERE status = 'running' AND claimed_by LIKE ?",
              )
              .get(`%:${pid}:%`) as { n: number }
          ).n
        : 0,
    );
  } catch {
    return 0; // being created or migrated this very moment: nothing is claimed yet
  }
}

export interface FailedRun {
  key: string;
  tasks: string;
  attempts: number;
  error: string | null;
}

/** Runs recorded `failed`, with their reason: a trial expects none. */
export function failedRuns(file: string): FailedRun[] {
  if (!existsSync(file)) return [];
  return readOnly(file, (db) =>
    hasTable(db, 'runs')
      ? (db
          .prepare("SELECT key, tasks, attempts, error FROM runs WHERE status = 'failed'")
          .all() as FailedRun[])
      : [],
  );
}
