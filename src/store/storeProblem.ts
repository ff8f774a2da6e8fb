import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileProblem, UsageError } from '../errors.js';
import { DamagedValue } from './storedJson.js';

/**
 * SQLite's result codes for problems of the database file or its disk, not of taskgroup, in
 * words a user can act on. Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DIRECTORY) take
 * their primary code's words.
 */
const sqliteProblems: Readonly<Record<string, string>> = Object.freeze({
  SQLITE_FULL: 'the disk is full',
  SQLITE_IOERR: 'input/output error (a full or failing disk?)',
  SQLITE_READONLY: 'cannot write to it: the file or its folder is read-only',
  SQLITE_PERM: 'permission denied',
  SQLITE_NOTADB: 'not a taskgroup database (not an SQLite file)',
  SQLITE_CORRUPT:
    'the database file is damaged (SQLite: database disk image is malformed); use a backup or another --db',
  SQLITE_BUSY: 'locked by another process for more than 15 s',
  SQLITE_CANTOPEN: 'cannot open it (no permission to read or create it there?)',
});

/** Why SQLite could not open `file`, when the path itself says so. */
function pathProblem(file: string): string | undefined {
  const folder = dirname(file);
  if (!existsSync(folder)) return `no such folder ${folder}`;
  try {
    if (!statSync(folder).isDirectory()) return 'a part of the path is a file, not a folder';
    if (statSync(file).isDirectory()) return 'is a folder, not a database file';
  } catch (error) {
    // The file does not exist (or cannot be looked at): nothing more the path can tell.
    return (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : undefined;
  }
  return undefined;
}

/**
 * An error of SQLite about the database file or its disk as a one-line UsageError (exit 2)
 * naming `--db FILE`, and so is a file-system error met reading it (see fileProblem); any other
 * error (a bug of ours, such as a broken constraint) is returned as it is. `--db data.csv` → `--db data.csv: not a taskgroup database (not an SQLite file)`.
 */
export function storeProblem(file: string, error: unknown): unknown {
  if (error instanceof UsageError) return error;
  if (error instanceof DamagedValue)
    return new UsageError(`--db ${file}: ${error.message}`, 'E_STORE');
  if (error instanceof Error && /^no such (table|column)/.test(error.message))
    return new UsageError(
      `--db ${file}: not a taskgroup database this version can read (SQLite: ${error.message}); use a backup or another --db`,
      'E_STORE',
    );
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return error;
  if (!code.startsWith('SQLITE_')) return fileProblem(`--db ${file}`, error, 'read it') ?? error;
  const primary = code.split('_').slice(0, 2).join('_');
  const phrase = sqliteProblems[primary];
  if (phrase === undefined) return error;
  const detail = primary === 'SQLITE_CANTOPEN' ? (pathProblem(file) ?? phrase) : phrase;
  return new UsageError(`--db ${file}: ${detail}`, 'E_STORE');
}

/**
 * True for a problem that leaves the database as it was and passes (a full disk, a file or folder
 * made read-only, a lock held too long): the search can continue once it is fixed. A damaged
 * file or one that is not a database is not such a problem.
 */
export function passingStoreProblem(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    typeof code === 'string' && /^SQLITE_(FULL|IOERR|READONLY|PERM|BUSY|CANTOPEN)(_|$)/.test(code)
  );
}
