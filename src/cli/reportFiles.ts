import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  lstatSync,
  mkdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileProblem, UsageError } from '../errors.js';
import { otherKind } from '../fileKind.js';
import type { ReportFile } from '../report/index.js';

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // does not exist yet: a file name or a prefix
  }
};

/**
 * Where each file of a report goes with --out. One file: --out is its path. Several (csv):
 * --out is a folder (existing, or ending in /) or a file-name prefix (`out/run1` →
 * `out/run1-groups.csv`).
 */
export function outputPaths(out: string, files: ReportFile[]): string[] {
  if (files.length === 1 && !isDirectory(out)) return [out];
  if (isDirectory(out) || out.endsWith('/')) return files.map((file) => join(out, file.name));
  const separator = /[-_.]$/.test(out) ? '' : '-';
  return files.map((file) => `${out}${separator}${file.name}`);
}

/**
 * How one report file reaches its path. A regular file, or a path where nothing is yet, is
 * replaced whole (written beside it, then renamed over it), so that a reader never sees half a
 * report. A character device (/dev/null, a terminal) or a FIFO (a pipe) is written into, as a
 * shell's `>` does: renaming over it would replace the device or pipe with a regular file.
 */
interface Target {
  /** The path as --out gave it, for messages. */
  shown: string;
  /** The file written: the path, or where its symbolic links lead. */
  path: string;
  how: 'replace' | 'write-into';
}

/** The most symbolic links followed for one path, as Linux's own limit (then ELOOP). */
const maxLinks = 40;

/** Looks at `shown` without writing: what it is, where its links lead, whether it may be written. */
function targetOf(shown: string): Target {
  const what = `--out ${shown}`;
  let path = shown;
  for (let links = 0; ; links++) {
    let stats: Stats | undefined;
    try {
      stats = statSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        throw fileProblem(what, error, 'write the report') ?? error;
    }
    if (stats === undefined) {
      // Nothing there, or a link to nowhere: the link's target is created, as `>` does.
      if (links >= maxLinks || !isLink(path)) return { shown, path, how: 'replace' };
      path = resolve(dirname(path), readlinkSync(path));
      continue;
    }
    if (stats.isFile()) {
      writable(what, path);
      return { shown, path: realpathSync(path), how: 'replace' };
    }
    if (stats.isCharacterDevice() || stats.isFIFO()) return { shown, path, how: 'write-into' };
    throw new UsageError(
      `${what}: is ${otherKind(stats)}; a report is written to a file, a character device or a FIFO`,
      'E_FILE',
    );
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** An existing report file the user may not write is refused, as `>` refuses it, not replaced. */
function writable(what: string, path: string): void {
  try {
    accessSync(path, constants.W_OK);
  } catch (error) {
    throw fileProblem(what, error, 'write the report') ?? error;
  }
}

/**
 * Writes every file of a report whole or not at all. Every target is looked at first (a folder
 * where a file should go, a socket: refused before a byte is written); then each file to be
 * replaced is written to a temporary name beside it, each device or FIFO is written into, and
 * only when all that succeeded are the temporary files renamed over their targets. A full disk
 * or a missing permission leaves no report file, half or whole, and no temporary file. A problem
 * of the file system is a UsageError naming `--out` and the file.
 */
export function writeReportFiles(paths: string[], files: ReportFile[]): void {
  const targets = paths.map(targetOf);
  const temporary = new Map<Target, string>();
  const made: string[] = [];
  let current = targets[0];
  try {
    targets.forEach((target, i) => {
      current = target;
      if (target.how === 'write-into') return;
      const folder = mkdirSync(dirname(target.path), { recursive: true });
      if (folder !== undefined) made.push(folder);
      const name = `${target.path}.${randomBytes(4).toString('hex')}.tmp`;
      temporary.set(target, name);
      writeFileSync(name, files[i].content, { flag: 'wx' });
      keepMode(target.path, name);
    });
    targets.forEach((target, i) => {
      current = target;
      if (target.how === 'write-into') writeFileSync(target.path, files[i].content);
    });
    for (const [target, name] of temporary) {
      current = target;
      renameSync(name, target.path);
      temporary.delete(target);
    }
  } catch (error) {
    for (const name of temporary.values()) rmSync(name, { force: true });
    for (const folder of made.reverse()) rmSync(folder, { recursive: true, force: true });
    throw fileProblem(`--out ${current.shown}`, error, 'write the report') ?? error;
  }
}

/** A report that replaces an existing file keeps that file's permissions. */
function keepMode(path: string, temporary: string): void {
  try {
    chmodSync(temporary, statSync(path).mode & 0o7777);
  } catch {
    // No file there yet: the new file has the default permissions.
  }
}
