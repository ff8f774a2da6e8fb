import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

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
