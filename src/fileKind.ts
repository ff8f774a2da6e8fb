import { statSync, type Stats } from 'node:fs';
import { UsageError, type ErrorCode } from './errors.js';

/** What a file that is not a regular file is, in words ("a FIFO (named pipe)"); undefined for a regular file. */
export function otherKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

/**
 * Refuses a path that exists and is not a regular file (a FIFO, a device, a folder), looked at
 * with stat, which never opens it: opening a FIFO waits for a writer, reading /dev/zero never
 * ends, and SQLite would create its -journal beside /dev/null. A missing or unreachable path
 * passes: the code that opens it says why it cannot. Symbolic links are followed.
 * `assertRegularFile('--db f', 'f')` on a FIFO → `--db f: is a FIFO (named pipe), not a regular file`.
 */
export function assertRegularFile(what: string, path: string, code: ErrorCode = 'E_FILE'): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return;
  }
  const kind = otherKind(stats);
  if (kind !== undefined) throw new UsageError(`${what}: is ${kind}, not a regular file`, code);
}
