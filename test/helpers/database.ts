import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { binPath } from './cli.js';

/** Runs of a database in `status`, read as another process sees them (0 while it does not exist yet). */
export function runsWithStatus(
  db: string,
  status: 'pending' | 'running' | 'done' | 'failed',
): number {
  if (!existsSync(db)) return 0;
  try {
    const conn = new Database(db, { readonly: true });
    try {
      return conn
        .prepare('SELECT count(*) FROM runs WHERE status = ?')
        .pluck()
        .get(status) as number;
    } finally {
      conn.close();
    }
  } catch {
    return 0; // being created or migrated at this very moment
  }
}

/** A `taskgroup search` child process, its stderr so far and its exit code to come. */
export interface TrainingSearch {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts `taskgroup args…` (a search writing to `db`) and resolves once one of its runs is
 * training in the database and `settleMs` more have passed (its workers started), or once it
 * has exited: the moment a signal tests what a stopped search keeps.
 */
export async function searchTraining(
  args: string[],
  db: string,
  settleMs: number,
): Promise<TrainingSearch> {
  const child = spawn(process.execPath, [binPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  while (runsWithStatus(db, 'running') === 0 && child.exitCode === null)
    await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, settleMs));
  return { child, stderr: () => stderr, exited };
}
