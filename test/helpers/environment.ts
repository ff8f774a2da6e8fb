import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { binPath } from './cli.js';

/**
 * Broken environments for the CLI tests: a user without write permission, a full disk. Permission
 * checks do not apply to root, so as root these spawn the CLI as `nobody`; a tmpfs of a few
 * kilobytes stands in for a full disk where mounting is allowed (root). Each says when it cannot,
 * and the tests that need it skip.
 */
const isRoot = process.getuid?.() === 0;
const nobody = 65534;

/** True when `nobody` can run `bin` (`taskgroup --version`). */
const runsAsNobody = (bin: string): boolean =>
  spawnSync(process.execPath, [bin, '--version'], { uid: nobody, gid: nobody }).status === 0;

/**
 * What the unprivileged user runs: this checkout's `bin/taskgroup.js` when it can reach it, else
 * a copy of what the command needs, hard-linked (no bytes copied) into a fresh folder it can
 * enter. A checkout in a private folder (`mktemp -d` makes them mode 0700, as CI may) cannot be
 * reached by another user, whatever the modes of its own files. Undefined, with `why`, when no
 * such copy can be made here (another file system: hard links cannot cross it).
 */
function reachableCli(): { bin?: string; why?: string } {
  if (!isRoot) return { bin: binPath };
  if (spawnSync(process.execPath, ['-e', '0'], { uid: nobody, gid: nobody }).status !== 0)
    return { why: 'no process can be started as nobody here' };
  if (runsAsNobody(binPath)) return { bin: binPath };
  const copy = mkdtempSync(join(tmpdir(), 'taskgroup-cli-'));
  after(() => rmSync(copy, { recursive: true, force: true }));
  chmodSync(copy, 0o755);
  const parts = ['bin', 'dist', 'db', 'src', 'node_modules', 'package.json'];
  const linked = spawnSync('cp', ['-al', ...parts, copy], { cwd: process.cwd() }).status === 0;
  const bin = join(copy, 'bin', 'taskgroup.js');
  if (linked && runsAsNobody(bin)) return { bin };
  return {
    why: `nobody cannot reach ${binPath} (a private folder on the way) and no hard-linked copy in ${tmpdir()} runs`,
  };
}

const cli = reachableCli();

/**
 * Options for runCli that make the CLI run without the right to write where the test denies it:
 * as root, the CLI runs as `nobody`, from a copy it can reach when the checkout is private.
 */
export function unprivileged(): { uid?: number; gid?: number; bin?: string } {
  return isRoot ? { uid: nobody, gid: nobody, bin: cli.bin } : {};
}

/** Why permission tests cannot run here, or false when they can (not root, or root able to run the CLI as nobody). */
export const permissionsSkip: string | false = cli.bin === undefined ? cli.why! : false;

/** Whether permission tests can run here: not root, or root able to run the CLI as nobody. */
export const permissionsApply: boolean = permissionsSkip === false;

/** Lets the unprivileged user read `paths` (and enter the folders among them). */
export function readableByAll(...paths: string[]): void {
  for (const path of paths) chmodSync(path, 0o755);
}

/** Mounts a tmpfs of `kilobytes` at `dir`; returns its unmount, or undefined when not allowed here. */
export function tinyDisk(dir: string, kilobytes: number): (() => void) | undefined {
  if (!isRoot) return undefined;
  mkdirSync(dir, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k`, 'tmpfs', dir], {
    stdio: 'ignore',
  });
  if (mounted.status !== 0) return undefined;
  return () => execFileSync('umount', ['-l', dir]);
}

/** Fills the file system of `dir` to the last byte with one file, and returns its path. */
export function fillDisk(dir: string): string {
  const filler = `${dir}/filler`;
  spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k'], { stdio: 'ignore' }); // stops at ENOSPC
  return filler;
}

/** sha256 of a file and of its -wal beside it: what a read-only command must leave as it was. */
export function fileState(file: string): string {
  const hash = (path: string) =>
    existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'none';
  return `${hash(file)} ${hash(`${file}-wal`)}`;
}
